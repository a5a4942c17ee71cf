// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Plan Fulfilment"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", reqd: 1, default: frappe.defaults.get_user_default("Company") },
		{
			fieldname: "period_type",
			label: __("Period Type"),
			fieldtype: "Select",
			reqd: 1,
			// a rep plans his weeks and days, never a month: his report opens on his week
			default: sales_technology.plans_only_weeks() ? "Week" : "Month",
			options: ["Year", "Quarter", "Month", "Week", "Day"].map((p) => ({ value: p, label: __(p) })),
		},
		{ fieldname: "date", label: __("Date in the Period"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
	],
	tree: true,
	name_field: "row_id",
	parent_field: "parent_row",
	initial_depth: 1,
	onload(report) {
		report.page.wrapper.on("click", ".st-drill-down", (event) => {
			event.preventDefault();
			report.set_filter_value("sales_person", decodeURIComponent($(event.currentTarget).data("node")));
		});
	},
	formatter(value, row, column, data, default_formatter) {
		const values = ["target", "fact", "fulfilment", "deviation", "forecast"];
		if (data && data.is_node && values.includes(column.fieldname)) return "";
		if (data && data.unit && ["target", "fact", "deviation", "forecast"].includes(column.fieldname)) {
			column = sales_technology.kpi_column(column, data.unit);
		}
		value = default_formatter(value, row, column, data);
		if (data && data.is_node && data.parent_row && column.fieldname === "label") {
			// a child's name opens the report for that child, one level down the tree
			value = `<a class="st-drill-down" data-node="${encodeURIComponent(data.label)}"><b>${value}</b></a>`;
		}
		if (data && column.fieldname === "status") {
			const colour = { "On Track": "green", "At Risk": "orange", Behind: "red" }[data.status_key];
			if (colour) value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
