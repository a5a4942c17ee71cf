// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

const PERIODS = ["Year", "Quarter", "Month", "Week", "Day"].map((p) => ({ value: p, label: __(p) }));

frappe.query_reports["KPI Matrix"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", reqd: 1, default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "span", label: __("Span"), fieldtype: "Select", options: PERIODS, default: "Year", reqd: 1 },
		{ fieldname: "period_type", label: __("Columns"), fieldtype: "Select", options: PERIODS, default: "Month", reqd: 1 },
		{ fieldname: "date", label: __("Date in the Span"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "kpi", label: __("Also Show KPI"), fieldtype: "Link", options: "Sales KPI" },
	],
	after_datatable_render(datatable) {
		// open on the current period: the columns before it scroll out of sight to the left
		const today = frappe.datetime.get_today();
		let current = -1;
		datatable.getColumns().forEach((column, index) => {
			const start = /^(\d{4}-\d{2}-\d{2})_target$/.exec(column.fieldname || column.id || "");
			if (start && start[1] <= today) current = index;
		});
		const cell = datatable.wrapper.querySelector(`.dt-cell--header[data-col-index="${current}"]`);
		const body = datatable.wrapper.querySelector(".dt-scrollable");
		if (current >= 0 && cell && body) body.scrollLeft = Math.max(cell.offsetLeft - 300, 0);
	},
	formatter(value, row, column, data, default_formatter) {
		if (data && data.unit && /_(target|fact)$/.test(column.fieldname)) {
			column = sales_technology.kpi_column(column, data.unit);
		}
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname.endsWith("_fact")) {
			const target = data[column.fieldname.replace("_fact", "_target")];
			const fact = data[column.fieldname];
			const behind = data.direction === "Lower is better" ? fact > target : fact < target;
			if (target && fact !== null && fact !== undefined && behind) value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
