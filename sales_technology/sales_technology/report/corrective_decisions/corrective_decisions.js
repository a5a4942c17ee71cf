// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Corrective Decisions"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.month_start(), -3) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.month_end() },
		{
			fieldname: "effectiveness",
			label: __("Effectiveness"),
			fieldtype: "Select",
			options: ["", "Pending", "Effective", "Not Effective"].map((value) => ({ value, label: __(value) })),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "effectiveness" && data) {
			const colour = { Effective: "text-success", "Not Effective": "text-danger" }[data.effectiveness_value];
			if (colour) value = `<span class="${colour}">${value}</span>`;
		}
		return value;
	},
};
