// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Open Agreements"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "owner_user", label: __("Agreement Owner"), fieldtype: "Link", options: "User" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "Overdue"].map((value) => ({ value, label: __(value) })),
		},
		{ fieldname: "due_before", label: __("Due Before"), fieldtype: "Date" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && data.status === __("Overdue")) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
