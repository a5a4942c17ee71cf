// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A book or an article of the library: the lead gives it to every rep under him in one click.
frappe.ui.form.on("Sales Book", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("Reading Assignment")) return;
		frm.add_custom_button(__("Assign to My Reps"), () =>
			frappe.prompt(
				{ fieldname: "deadline", fieldtype: "Date", label: __("Deadline") },
				(values) =>
					frappe
						.xcall("sales_technology.people.reading.assign_to_my_reps", { book: frm.doc.name, deadline: values.deadline })
						.then((count) => frappe.show_alert({ message: __("Assigned to {0} reps", [count]), indicator: "green" })),
				__("Assign to My Reps")
			)
		);
	},
});
