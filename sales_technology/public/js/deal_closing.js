// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// How a deal ends (deals/closing.py): a rep closes a deal by asking the lead above them. The form shows
// the request that waits, offers Ask to Close in place of ERPNext's Close, and Declare Lost (the status
// Lost) sends the same request through ERPNext's own dialog.
frappe.ui.form.on("Opportunity", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe
			.xcall("sales_technology.deals.closing.closing_state", { opportunity: frm.doc.name })
			.then((state) => show_closing_state(frm, state));
	},
});

function show_closing_state(frm, state) {
	if (!state) return;
	if (state.pending) {
		frm.dashboard.set_headline_alert(
			`${__("The deal waits for the lead's decision on closing it as {0}: request {1}", [
				frappe.utils.escape_html(__(state.pending.closing_status)),
				`<a href="/app/deal-loss-request/${encodeURIComponent(state.pending.name)}">${frappe.utils.escape_html(
					state.pending.name
				)}</a>`,
			])}`,
			"orange"
		);
	} else if (state.returned) {
		frm.dashboard.set_headline_alert(
			`${__("The lead sent the request to close the deal back: {0}", [
				frappe.utils.escape_html(state.returned.instruction || ""),
			])}`,
			"blue"
		);
	}
	if (!state.needs_consent || !state.is_open) return;
	frm.remove_custom_button(__("Close"));
	if (state.pending) return;
	frm.add_custom_button(__("Ask to Close"), () => ask_to_close(frm));
}

function ask_to_close(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Ask the Lead to Close the Deal"),
		fields: [
			{
				fieldtype: "Link",
				fieldname: "closing_status",
				label: __("Closing Status"),
				options: "Deal Closing Status",
				reqd: 1,
				get_query: () => ({ filters: { enabled: 1, outcome: ["!=", "Won"] } }),
				onchange: () => {
					const status = dialog.get_value("closing_status");
					if (!status) return;
					frappe.db.get_value("Deal Closing Status", status, ["outcome", "criteria"]).then(({ message }) => {
						dialog.set_df_property("closing_status", "description", frappe.utils.escape_html(message.criteria || ""));
						dialog.outcome = message.outcome;
						for (const [field, outcome] of [
							["lost_reasons", "Lost"],
							["competitors", "Lost"],
							["revisit_on", "Postponed"],
						]) {
							dialog.set_df_property(field, "hidden", message.outcome !== outcome);
						}
					});
				},
			},
			{
				fieldtype: "Table MultiSelect",
				fieldname: "lost_reasons",
				label: __("Lost Reasons"),
				options: "Opportunity Lost Reason Detail",
				hidden: 1,
			},
			{ fieldtype: "Table MultiSelect", fieldname: "competitors", label: __("Competitors"), options: "Competitor Detail", hidden: 1 },
			{ fieldtype: "Date", fieldname: "revisit_on", label: __("Come Back to the Client On"), hidden: 1 },
			{ fieldtype: "Small Text", fieldname: "comment", label: __("Comment") },
		],
		primary_action_label: __("Send to the Lead"),
		primary_action(values) {
			frappe
				.xcall("sales_technology.deals.closing.ask_to_close", {
					opportunity: frm.doc.name,
					closing_status: values.closing_status,
					lost_reasons: values.lost_reasons || [],
					competitors: values.competitors || [],
					revisit_on: values.revisit_on,
					comment: values.comment,
				})
				.then((name) => {
					dialog.hide();
					frappe.show_alert({ message: __("Request {0} went to your lead", [name]), indicator: "green" });
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
