// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Talent Pool"] = {
	filters: [{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" }],
};
