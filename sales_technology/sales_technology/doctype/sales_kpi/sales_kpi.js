// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales KPI", {
	refresh(frm) {
		// the kept facts of a declared KPI, rebuilt from the documents in the background with a progress bar
		const declared = frm.doc.aggregate && !["Ratio", "Python Method"].includes(frm.doc.aggregate);
		if (frm.is_new() || !declared || !frappe.user.has_role(["Sales Head", "System Manager"])) {
			return;
		}
		frm.add_custom_button(__("Rebuild Kept Facts"), () =>
			frappe.call({
				method: "sales_technology.kpi.kept_facts.start_rebuild",
				args: { kpi: frm.doc.name },
			})
		);
	},
});
