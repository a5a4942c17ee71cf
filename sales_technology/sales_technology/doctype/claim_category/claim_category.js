// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Claim Category", {
	refresh(frm) {
		if (frm.doc.service_level_agreement) {
			frm.set_intro(
				__("Working days and holidays of these deadlines are set in its Service Level Agreement"),
				"blue"
			);
		}
	},
});
