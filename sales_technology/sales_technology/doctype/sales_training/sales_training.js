// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A training: the participants' own results (attendance, exam) open from it for whom may read them.
frappe.ui.form.on("Sales Training", {
	setup(frm) {
		frm.set_query("sales_person", () => ({ query: "sales_technology.shared.access.sales_person_query" }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Results"), () =>
			frappe.set_route("List", "Sales Training Result", { training: frm.doc.name })
		);
	},
});
