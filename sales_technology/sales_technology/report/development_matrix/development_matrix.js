// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The head sets a cell's target from the report: the Target column's link opens the dialog.
frappe.query_reports["Development Matrix"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			reqd: 1,
			default: frappe.defaults.get_user_default("Company"),
		},
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.year_start() },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{
			fieldname: "layout",
			label: __("Layout"),
			fieldtype: "Select",
			options: [
				{ value: "Cells", label: __("Cells") },
				{ value: "Matrix", label: __("Matrix") },
			],
			default: "Cells",
		},
		{
			fieldname: "measure",
			label: __("Matrix Of"),
			fieldtype: "Select",
			options: ["Clients", "Pipeline", "Turnover", "Fulfilment"].map((value) => ({ value, label: __(value) })),
			default: "Clients",
			depends_on: "eval:doc.layout == 'Matrix'",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "set_target" && data && data.year) {
			if (!frappe.user.has_role(["Sales Head", "General Director", "System Manager"])) return "";
			const cell = encodeURIComponent(JSON.stringify([data.industry_value, data.territory_value, data.year]));
			return `<a class="st-set-target" data-cell="${cell}">${__("Set Target")}</a>`;
		}
		// the row and column of the clients with no industry or territory: named in the user's language
		if (["industry", "territory"].includes(column.fieldname) && value === "Not Set") value = __("Not Set");
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "idle" && data && data.idle) value = `<span class="indicator-pill red">${__("No work")}</span>`;
		return value;
	},
	onload(report) {
		$(report.page.wrapper).on("click", ".st-set-target", function () {
			const [industry, territory, year] = JSON.parse(decodeURIComponent($(this).attr("data-cell")));
			const row = report.data.find(
				(r) => r.industry_value === industry && r.territory_value === territory && r.year === year
			);
			frappe.prompt(
				[
					{ fieldtype: "Int", fieldname: "target_clients", label: __("Clients to Have"), default: row && row.target_clients },
					{ fieldtype: "Currency", fieldname: "target_turnover", label: __("Turnover to Reach"), default: row && row.target_turnover },
				],
				(values) =>
					frappe
						.xcall("sales_technology.deals.development_matrix.set_cell_target", {
							company: report.get_filter_value("company"),
							year,
							industry,
							territory,
							...values,
						})
						.then(() => report.refresh()),
				__("Target of {0} × {1} for {2}", [industry || __("Not Set"), territory || __("Not Set"), year]),
				__("Save")
			);
		});
	},
};
