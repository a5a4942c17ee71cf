// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Client Category", {
	refresh(frm) {
		if (frm.doc.is_standard) {
			frm.set_intro(__("A standard category of the sales technology. Its description can be changed; it cannot be deleted."));
		}
	},
});
