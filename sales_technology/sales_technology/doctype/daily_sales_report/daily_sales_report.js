// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Daily Sales Report", {
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.set_intro(__("The numbers come from your done activities of the day and are frozen when you submit the report."));
		}
		if (frm.doc.docstatus === 1 && frm.doc.is_late) {
			frm.dashboard.set_headline_alert(__("Submitted after the deadline"), "orange");
		}
	},
});
