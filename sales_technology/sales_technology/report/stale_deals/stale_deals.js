// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Stale Deals"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{
			fieldname: "reason",
			label: __("Why"),
			fieldtype: "Select",
			options: ["", "No Activity", "Past Expected Closing", "Open Too Long"].map((value) => ({ value, label: __(value) })),
		},
	],
};
