// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The rep's profile beside his figures: his main KPIs month by month and his funnel's shape.
frappe.ui.form.on("Rep Profile", {
	setup(frm) {
		frm.set_query("sales_person", () => ({ query: "sales_technology.shared.access.sales_person_query" }));
	},
	refresh(frm) {
		const wrapper = frm.fields_dict.figures.$wrapper;
		wrapper.empty();
		if (frm.is_new()) return;
		frappe
			.xcall("sales_technology.workspace.rep_profile.rep_profile_figures", { sales_person: frm.doc.sales_person })
			.then((figures) => wrapper.html(figures_html(figures)));
	},
});

function figures_html(figures) {
	const escape = frappe.utils.escape_html;
	const months = figures.months.map((month) => `<th class="text-right">${escape(frappe.datetime.str_to_user(month))}</th>`);
	const history = figures.history
		.map(
			(row) =>
				`<tr><td>${escape(row.kpi)}</td>${row.values
					.map((value) => `<td class="text-right">${format_number(value, null, 0)}</td>`)
					.join("")}</tr>`
		)
		.join("");
	const funnel = figures.funnel
		.map(
			(row) =>
				`<tr><td>${escape(row.stage)}</td><td class="text-right">${row.entered}</td><td class="text-right">${row.moved_on}</td><td class="text-right">${
					row.share === null ? "" : `${row.share} %`
				}</td></tr>`
		)
		.join("");
	return `<div class="st-rep-profile-figures">
		<h6>${__("Main KPIs by Month")}</h6>
		<table class="table table-sm"><thead><tr><th>${__("KPI")}</th>${months.join("")}</tr></thead><tbody>${history}</tbody></table>
		<h6>${__("His Funnel over These Months")}</h6>
		<table class="table table-sm"><thead><tr><th>${__("Stage")}</th><th class="text-right">${__("Entered")}</th><th class="text-right">${__(
			"Moved On"
		)}</th><th class="text-right">${__("Moved On, %")}</th></tr></thead><tbody>${funnel}</tbody></table>
	</div>`;
}
