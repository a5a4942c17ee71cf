// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Cadence Run", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Running" || !frm.perm[0]?.write) return;
		frm.add_custom_button(__("Stop the Cadence"), () =>
			sales_technology.cadences.stop(frm.doc.name, () => frm.reload_doc())
		);
	},
});
