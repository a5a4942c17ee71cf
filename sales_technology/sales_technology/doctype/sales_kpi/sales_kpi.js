// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales KPI", {
	refresh(frm) {
		// the kept facts of a KPI (a declared one's days, or the ended periods of what is open at a date
		// and of a Python method), rebuilt from the documents in the background
		const kept = frm.doc.aggregate && frm.doc.aggregate !== "Ratio";
		if (frm.is_new() || !kept || !frappe.user.has_role(["Sales Head", "System Manager"])) {
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
