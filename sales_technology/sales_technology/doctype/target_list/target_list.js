// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Target List", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Draft") return;
		frm.add_custom_button(__("Assign to the Reps"), () =>
			frappe
				.call("sales_technology.strategies.target_lists.assign_list", { name: frm.doc.name })
				.then(() => frm.reload_doc())
		);
	},
});
