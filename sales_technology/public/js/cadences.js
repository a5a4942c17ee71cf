// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// Starting and stopping a client's cadence (strategies/cadences.py), from the client's form, a list of
// clients or the run itself.
frappe.provide("sales_technology.cadences");

sales_technology.cadences.start = function (doctype, names, done) {
	const dialog = new frappe.ui.Dialog({
		title: __("Start a Cadence"),
		fields: [
			{
				fieldtype: "Link",
				fieldname: "cadence",
				label: __("Cadence"),
				options: "Sales Cadence",
				reqd: 1,
				get_query: () => ({ filters: { enabled: 1 } }),
			},
			{
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"The cadence plans its first step for the client's responsible Sales Person, or for you"
				)}</p>`,
			},
		],
		primary_action_label: __("Start"),
		primary_action(values) {
			frappe
				.xcall("sales_technology.strategies.cadences.start_cadences", {
					cadence: values.cadence,
					party_type: doctype,
					parties: names,
				})
				.then((result) => {
					dialog.hide();
					if (result.queued) {
						// a large selection starts in the background: its progress bar and outcome follow
						frappe.show_alert({
							message: __("The cadence is starting on {0} clients in the background; you will be told when it is done", [result.queued]),
							indicator: "blue",
						});
						return;
					}
					const lines = [__("Started: {0}", [result.started.length])].concat(
						result.skipped.map((row) => `${frappe.utils.escape_html(row.party)}: ${frappe.utils.escape_html(row.reason)}`)
					);
					frappe.msgprint({ title: __("Start a Cadence"), message: lines.join("<br>"), indicator: result.skipped.length ? "orange" : "green" });
					done && done();
				});
		},
	});
	dialog.show();
};

sales_technology.cadences.stop = function (run, done) {
	frappe.prompt(
		{ fieldtype: "Small Text", fieldname: "reason", label: __("Why does the cadence stop?"), reqd: 1 },
		(values) =>
			frappe
				.xcall("sales_technology.strategies.cadences.stop_cadence", { run, reason: values.reason })
				.then(() => done && done()),
		__("Stop the Cadence"),
		__("Stop")
	);
};
