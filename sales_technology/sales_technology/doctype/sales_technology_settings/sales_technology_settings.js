// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Technology Settings", {
	refresh(frm) {
		// after a bulk import of invoices: derive every customer's commitment level and first purchase again
		frm.add_custom_button(__("Recompute Client Facts"), () =>
			frappe.xcall("sales_technology.overrides.customer.recompute_client_facts")
		);
	},

	working_day_source(frm) {
		if (frm.doc.working_day_source !== "Holiday List") {
			frm.set_value("holiday_list", null);
		}
	},
});
