// On the forms of Lead, Prospect, Opportunity and Customer: "Log activity", "Plan activity", "Plan meeting",
// and the client's development plan (the open agreements of its meetings' protocols).
["Lead", "Prospect", "Opportunity", "Customer"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.is_new()) return;
			const subject =
				frm.doc.title || frm.doc.customer_name || frm.doc.lead_name || frm.doc.company_name || frm.doc.name;
			const open = (status) =>
				frappe.new_doc("Sales Activity", {
					party_type: frm.doctype,
					party: frm.doc.name,
					opportunity: frm.doctype === "Opportunity" ? frm.doc.name : undefined,
					status,
					subject,
				});
			frm.add_custom_button(__("Log Activity"), () => open("Done"), __("Sales Activity"));
			frm.add_custom_button(__("Plan Activity"), () => open("Planned"), __("Sales Activity"));
			frm.add_custom_button(
				__("Plan Meeting"),
				() =>
					frappe.new_doc("Sales Meeting", {
						meeting_kind: "Client Meeting",
						party_type: frm.doctype,
						party: frm.doc.name,
						subject,
					}),
				__("Sales Activity")
			);
			show_development_plan(frm);
		},
	});
});

function show_development_plan(frm) {
	const field = frm.fields_dict.st_development_plan;
	frm.toggle_display("st_development_plan_section", false);
	if (!field) return;
	frappe
		.xcall("sales_technology.meetings.agreements.development_plan", {
			party_type: frm.doctype,
			party: frm.doc.name,
		})
		.then((rows) => {
			if (!rows || !rows.length) return;
			frm.toggle_display("st_development_plan_section", true);
			const items = rows
				.map((row) => {
					const overdue = row.status === "Overdue" ? ` <span class="indicator-pill red">${__("Overdue")}</span>` : "";
					const owner = frappe.utils.escape_html(row.owner_user || row.owner_contact || "");
					return `<tr>
						<td>${frappe.utils.escape_html(row.description)}${overdue}</td>
						<td>${__(row.side)}</td><td>${owner}</td>
						<td>${frappe.datetime.str_to_user(row.due_date)}</td>
						<td><a href="/app/sales-meeting/${encodeURIComponent(row.meeting)}">${frappe.utils.escape_html(row.meeting_subject)}</a></td>
					</tr>`;
				})
				.join("");
			field.$wrapper.html(
				`<table class="table table-sm st-development-plan">
					<thead><tr><th>${__("What Was Agreed")}</th><th>${__("Side")}</th><th>${__("Agreement Owner")}</th>
					<th>${__("Due Date")}</th><th>${__("Sales Meeting")}</th></tr></thead>
					<tbody>${items}</tbody></table>`
			);
		});
}
