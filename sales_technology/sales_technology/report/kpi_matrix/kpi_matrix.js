// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

const PERIODS = ["Year", "Quarter", "Month", "Week", "Day"].map((p) => ({ value: p, label: __(p) }));

frappe.query_reports["KPI Matrix"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", reqd: 1, default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "span", label: __("Span"), fieldtype: "Select", options: PERIODS, default: "Year", reqd: 1 },
		{ fieldname: "period_type", label: __("Columns"), fieldtype: "Select", options: PERIODS, default: "Month", reqd: 1 },
		{ fieldname: "date", label: __("Date in the Span"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "kpi", label: __("Also Show KPI"), fieldtype: "Link", options: "Sales KPI" },
	],
	formatter(value, row, column, data, default_formatter) {
		if (data && data.unit && /_(target|fact)$/.test(column.fieldname)) {
			column = sales_technology.kpi_column(column, data.unit);
		}
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname.endsWith("_fact")) {
			const target = data[column.fieldname.replace("_fact", "_target")];
			const fact = data[column.fieldname];
			const behind = data.direction === "Lower is better" ? fact > target : fact < target;
			if (target && fact !== null && fact !== undefined && behind) value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
