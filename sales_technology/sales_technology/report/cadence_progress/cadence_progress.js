// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Cadence Progress"] = {
	filters: [
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "cadence", label: __("Cadence"), fieldtype: "Link", options: "Sales Cadence" },
		{ fieldname: "from_date", label: __("Started From"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -3) },
		{ fieldname: "to_date", label: __("Started To"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "strategy" && data && data.strategy) value = __(data.strategy);
		return default_formatter(value, row, column, data);
	},
};
