// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Partners"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname === "steps_overdue" && data.steps_overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
