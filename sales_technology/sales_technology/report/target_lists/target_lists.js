// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Target Lists"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "month", label: __("Month"), fieldtype: "Date", default: frappe.datetime.month_start() },
		{ fieldname: "target_list", label: __("Target List"), fieldtype: "Link", options: "Target List" },
	],
};
