// Sales Meeting: the agenda before, the protocol after, and the protocol's sign-off by the client.
frappe.ui.form.on("Sales Meeting", {
	setup(frm) {
		frm.set_query("activity_type", () => ({ filters: { is_meeting: 1, enabled: 1 } }));
		const client_contacts = () => ({
			filters: frm.doc.party ? { link_doctype: frm.doc.party_type, link_name: frm.doc.party } : {},
		});
		frm.set_query("decision_maker", client_contacts);
		frm.set_query("contact", "participants", client_contacts);
		frm.set_query("owner_contact", "agreements", client_contacts);
		frm.set_query("sales_activity", () => ({
			filters: {
				party_type: frm.doc.party_type,
				party: frm.doc.party,
				is_meeting: 1,
				status: ["in", ["Planned", "Done"]],
			},
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.set_intro("");
		if (frm.doc.status === "Planned" && frm.doc.is_key_client && !(frm.doc.agenda || []).length) {
			frm.set_intro(__("A key client: write the agenda before the meeting."), "orange");
		}
		if (frm.doc.meeting_kind === "Morning Meeting" && frm.doc.status === "Planned" && !frm.is_dirty()) {
			frm.add_custom_button(__("Prefill Agenda"), () =>
				frappe
					.xcall("sales_technology.meetings.rhythm.prefill_agenda", { meeting: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		const held_client_meeting = frm.doc.status === "Held" && frm.doc.meeting_kind === "Client Meeting";
		if (!held_client_meeting || frm.is_dirty()) return;
		const step = frm.doc.sign_off_status;
		if (step === "Not Sent" || step === "Sent") {
			frm.add_custom_button(
				step === "Sent" ? __("Send the Protocol Again") : __("Send the Protocol to the Client"),
				() => send_protocol(frm),
				__("Sign-off")
			);
		}
		const record = (wanted) =>
			frappe
				.xcall("sales_technology.meetings.sign_off.record_sign_off", { meeting: frm.doc.name, step: wanted })
				.then(() => frm.reload_doc());
		if (step === "Sent") {
			frm.add_custom_button(__("Agreed by the Client"), () => record("Agreed by the Client"), __("Sign-off"));
		}
		if (step === "Sent" || step === "Agreed by the Client") {
			frm.add_custom_button(__("Signed by Both"), () => record("Signed by Both"), __("Sign-off"));
		}
	},
});

function send_protocol(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Send the Protocol to the Client"),
		fields: [
			{ fieldname: "recipients", fieldtype: "Data", label: __("To"), options: "Email", reqd: 1 },
			{
				fieldname: "print_language",
				fieldtype: "Link",
				label: __("Language"),
				options: "Language",
				default: frappe.boot.lang,
			},
		],
		primary_action_label: __("Send"),
		primary_action(values) {
			frappe
				.xcall("sales_technology.meetings.sign_off.send_protocol", { meeting: frm.doc.name, ...values })
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	if (frm.doc.decision_maker) {
		frappe.db.get_value("Contact", frm.doc.decision_maker, "email_id").then(({ message }) => {
			if (message && message.email_id) dialog.set_value("recipients", message.email_id);
		});
	}
	dialog.show();
}
