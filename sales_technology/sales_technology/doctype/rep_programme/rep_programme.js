// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A new rep's programme: the reps the user manages to choose from, overdue steps in red, and the
// progress at the top.
frappe.ui.form.on("Rep Programme", {
	setup(frm) {
		frm.set_query("sales_person", () => ({ query: "sales_technology.shared.access.sales_person_query" }));
		frm.set_query("template", () => ({ filters: { enabled: 1 } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const indicator = frm.doc.steps_overdue ? "red" : frm.doc.status === "Completed" ? "green" : "blue";
		frm.dashboard.clear_headline();
		frm.dashboard.set_headline_alert(
			__("{0} of {1} steps done, {2} overdue", [frm.doc.steps_done, frm.doc.steps_total, frm.doc.steps_overdue]),
			indicator
		);
		const today = frappe.datetime.get_today();
		(frm.doc.steps || []).forEach((row) => {
			const overdue = row.status !== "Done" && row.due_date && row.due_date < today;
			const grid_row = frm.fields_dict.steps.grid.grid_rows_by_docname[row.name];
			if (grid_row) $(grid_row.row).toggleClass("text-danger", Boolean(overdue));
		});
	},
});
