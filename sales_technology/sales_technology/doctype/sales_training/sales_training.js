// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A training: the participants' own results (attendance, exam) open from it for whom may read them.
frappe.ui.form.on("Sales Training", {
	setup(frm) {
		frm.set_query("sales_person", () => ({ query: "sales_technology.shared.access.sales_person_query" }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		render_stage_before_after(frm);
		frm.add_custom_button(__("Results"), () =>
			frappe.set_route("List", "Sales Training Result", { training: frm.doc.name })
		);
	},
});

// each participant's conversion of the trained stage that sent him, beside the month after it
function render_stage_before_after(frm) {
	const rows = (frm.doc.__onload || {}).stage_by_participant || [];
	const field = frm.get_field("stage_before_after");
	if (!field) return;
	if (!rows.length) {
		field.$wrapper.html("");
		return;
	}
	const percent = (value) => (value === null || value === undefined ? "—" : `${format_number(value, null, 1)} %`);
	const period = (from, to) => `${frappe.datetime.str_to_user(from)} – ${frappe.datetime.str_to_user(to)}`;
	const first = rows[0];
	const body = rows
		.map(
			(row) => `<tr>
				<td>${frappe.utils.escape_html(row.sales_person)}</td>
				<td class="text-right">${percent(row.before)}</td>
				<td class="text-right">${percent(row.after)}</td>
				<td class="text-right">${cint(row.entered_after)}</td>
			</tr>`
		)
		.join("");
	field.$wrapper.html(`<table class="table table-bordered table-sm st-stage-before-after">
		<thead><tr>
			<th>${__("Sales Person")}</th>
			<th class="text-right">${__("Conversion That Sent Him")}<br><small>${period(first.before_from, first.before_to)}</small></th>
			<th class="text-right">${__("Conversion the Month After")}<br><small>${period(first.after_from, first.after_to)}</small></th>
			<th class="text-right">${__("Entered the Month After")}</th>
		</tr></thead>
		<tbody>${body}</tbody>
	</table>`);
}
