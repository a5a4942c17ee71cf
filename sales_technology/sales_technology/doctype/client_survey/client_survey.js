// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Client Survey", {
	refresh(frm) {
		if (frm.doc.status !== "Sent") return;
		frm.add_custom_button(__("Copy the Survey Link"), () => {
			frappe
				.call("sales_technology.satisfaction.surveys.link_of", { survey: frm.doc.name })
				.then((r) => frappe.utils.copy_to_clipboard(r.message));
		});
	},
});
