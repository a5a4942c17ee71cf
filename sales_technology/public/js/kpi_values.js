// A KPI's values shown in the KPI's own unit: counts as whole numbers, money in the row's currency
// (the company's), shares as percent, durations in days with one decimal.
frappe.provide("sales_technology");

sales_technology.UNIT_FIELDTYPES = { Count: "Int", Currency: "Currency", Percent: "Percent", Days: "Float" };

// the column (or field) definition a value of this unit is formatted with; money reads `doc.currency`
sales_technology.kpi_column = (column, unit) => {
	if (!unit) return column;
	return {
		...column,
		fieldtype: sales_technology.UNIT_FIELDTYPES[unit] || "Float",
		// money reads the row's `currency`, else the company's (the system's default)
		options: unit === "Currency" ? "currency" : column.options,
		precision: unit === "Days" ? 1 : unit === "Count" ? 0 : column.precision,
	};
};

sales_technology.format_kpi_value = (value, unit, doc) => {
	if (value === null || value === undefined || value === "") return "";
	return frappe.format(value, sales_technology.kpi_column({ fieldtype: "Float" }, unit), { inline: true }, doc);
};

// a rep plans his weeks and days, never a month: the reports of plans open on his week
sales_technology.plans_only_weeks = () =>
	frappe.user.has_role("Sales Rep") &&
	!["Sales Group Lead", "Sales Head", "General Director", "Sales Analyst"].some((role) => frappe.user.has_role(role));
