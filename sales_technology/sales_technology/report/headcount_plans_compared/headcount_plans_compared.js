// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Headcount Plans Compared"] = {
	filters: [
		{
			fieldname: "plans",
			label: __("Plans"),
			fieldtype: "MultiSelectList",
			reqd: 1,
			get_data: (txt) => frappe.db.get_link_options("Sales Headcount Plan", txt),
		},
	],
};
