// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Programme Progress"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Active", "Completed", "Cancelled"].map((value) => ({ value, label: __(value) })),
			default: "Active",
		},
		{
			fieldname: "on_date",
			label: __("As of"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "steps_overdue" && data && data.steps_overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
