// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Plan Correction", {
	setup(frm) {
		frm.set_query("sales_plan", () => ({ filters: { docstatus: 1 } }));
	},

	sales_plan(frm) {
		if (!frm.doc.sales_plan) return;
		frappe.call({
			method: "sales_technology.plans.corrections.get_plan_targets",
			args: { sales_plan: frm.doc.sales_plan },
			callback(r) {
				frm.clear_table("items");
				(r.message || []).forEach((row) => {
					frm.add_child("items", {
						kpi: row.kpi,
						dimension_value: row.dimension_value,
						current_target: row.target,
						new_target: row.target,
						direction: row.direction,
					});
				});
				frm.refresh_field("items");
			},
		});
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.set_intro(__("A correction may only make the plan more demanding: higher targets where higher is better, lower where lower is better."));
		}
	},
});
