// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Claims"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "claim_category", label: __("Claim Category"), fieldtype: "Link", options: "Claim Category" },
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname === "overdue_now" && data.overdue_now) {
			value = `<span class="text-danger">${value}</span>`;
		}
		if (data && data.bold) value = `<b>${value}</b>`;
		return value;
	},
};
