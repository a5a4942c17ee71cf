// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A standard of the library: whether it asks the user to read it, and the button that confirms he has.
frappe.ui.form.on("Sales Standard", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe.xcall("sales_technology.people.standards.my_reading", { standard: frm.doc.name }).then((reading) => {
			show_reading(frm, reading);
		});
	},
});

function show_reading(frm, reading) {
	frm.dashboard.clear_headline();
	if (!reading.asks) return;
	if (reading.status === "Read and Confirmed") {
		frm.dashboard.set_headline_alert(
			__("You confirmed version {0} on {1}", [reading.version, frappe.datetime.str_to_user(reading.confirmed_on)]),
			"green"
		);
		return;
	}
	frm.dashboard.set_headline_alert(
		reading.status === "Older Version Confirmed"
			? __("Version {0} is new: read it and confirm again", [reading.version])
			: __("Read version {0} and confirm that you have", [reading.version]),
		"orange"
	);
	frm.add_custom_button(__("Confirm I Have Read It"), () =>
		frappe
			.xcall("sales_technology.people.standards.confirm_read", { standard: frm.doc.name })
			.then((done) => {
				frm.remove_custom_button(__("Confirm I Have Read It"));
				show_reading(frm, done);
			})
	).addClass("btn-primary");
}
