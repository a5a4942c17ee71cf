// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Commitment Funnel Figures"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.add_months(frappe.datetime.month_start(), -2) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_end() },
	],
	formatter(value, row, column, data, default_formatter) {
		if (data && column.fieldname.startsWith("node_") && value !== null && value !== undefined) {
			if (data.unit === "Percent") value = `${flt(value, 1)} %`;
			else if (data.unit === "Count") value = format_number(value, null, 0);
			else value = format_number(value, null, data.unit === "Days" ? 1 : 2);
			return data.ratio ? `<b>${value}</b>` : value;
		}
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
};
