// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Plan vs Fact by Month"] = {
	method: "sales_technology.sales_technology.dashboard_chart_source.plan_vs_fact_by_month.plan_vs_fact_by_month.get",
	filters: [
		{
			fieldname: "kpi",
			label: __("KPI"),
			fieldtype: "Link",
			options: "Sales KPI",
			default: "TURNOVER",
		},
		{
			fieldname: "sales_person",
			label: __("Sales Person"),
			fieldtype: "Link",
			options: "Sales Person",
		},
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
	],
};
