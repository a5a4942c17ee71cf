// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Technology Settings", {
	working_day_source(frm) {
		if (frm.doc.working_day_source !== "Holiday List") {
			frm.set_value("holiday_list", null);
		}
	},
});
