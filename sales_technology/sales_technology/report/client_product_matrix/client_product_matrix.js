// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

const ST_CLIENT_LEVELS = { 1: "Informed", 2: "Interested", 3: "Negotiating", 4: "Sold" };
const ST_LEVEL_COLOURS = { 1: "gray", 2: "blue", 3: "orange", 4: "green" };

frappe.query_reports["Client Product Matrix"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "client_category", label: __("Client Category"), fieldtype: "Link", options: "Client Category" },
		{ fieldname: "market_segment", label: __("Market Segment"), fieldtype: "Link", options: "Market Segment" },
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname && column.fieldname.startsWith("product_")) {
			if (!value) return "";
			const level = ST_CLIENT_LEVELS[value];
			return `<span class="indicator-pill ${ST_LEVEL_COLOURS[value]}" title="${__(level)}">${value} · ${__(level)}</span>`;
		}
		return default_formatter(value, row, column, data);
	},
};
