// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The planner: the Sales Plan the revenue may come from is one of the chosen node and company, and the
// inputs can be measured again from the department's last months.
frappe.ui.form.on("Sales Headcount Plan", {
	setup(frm) {
		frm.set_query("sales_plan", () => ({
			filters: { company: frm.doc.company, sales_person: frm.doc.sales_person, docstatus: ["<", 2] },
		}));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Measure Again"), () =>
			frappe.confirm(__("Replace the inputs with the ones measured from the last {0} months?", [frm.doc.measure_months]), () =>
				frappe
					.xcall("sales_technology.plans.headcount.remeasure", { name: frm.doc.name })
					.then(() => frm.reload_doc())
			)
		);
		if (frm.doc.current_capacity < frm.doc.current_reps) {
			frm.dashboard.add_comment(
				__("New reps count at their ramp-up share: {0} reps now make {1} at full load", [frm.doc.current_reps, frm.doc.current_capacity]),
				"blue",
				true
			);
		}
		if (frm.doc.reps_gap > 0) {
			frm.dashboard.set_headline_alert(__("{0} more reps needed: {1} against {2} now", [frm.doc.reps_gap, frm.doc.reps_needed, frm.doc.current_reps]), "orange");
		} else {
			frm.dashboard.set_headline_alert(__("The reps there are make the target: {0} needed, {1} now", [frm.doc.reps_needed, frm.doc.current_reps]), "green");
		}
	},
});
