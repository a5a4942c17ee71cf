// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Standards Read"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "standard", label: __("Sales Standard"), fieldtype: "Link", options: "Sales Standard" },
		{ fieldname: "not_confirmed_only", label: __("Not Confirmed Only"), fieldtype: "Check", default: 0 },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && data.status_key !== "Read and Confirmed") {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
