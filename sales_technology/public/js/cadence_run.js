// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A client's strategy (strategies/cadences.py): start a cadence on the client for its responsible rep,
// or stop the one it runs; the run's progress shows in the Strategy section.
["Lead", "Prospect", "Customer"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		async refresh(frm) {
			if (frm.is_new() || !frappe.model.can_create("Sales Cadence Run")) return;
			const run = frm.doc.st_cadence_run;
			const status = run
				? (await frappe.db.get_value("Sales Cadence Run", run, "status")).message?.status
				: null;
			if (status === "Running") {
				frm.add_custom_button(
					__("Stop the Cadence"),
					() => sales_technology.cadences.stop(run, () => frm.reload_doc()),
					__("Cadence")
				);
			} else {
				frm.add_custom_button(
					__("Start a Cadence"),
					() => sales_technology.cadences.start(frm.doctype, [frm.doc.name], () => frm.reload_doc()),
					__("Cadence")
				);
			}
		},
	});
});
