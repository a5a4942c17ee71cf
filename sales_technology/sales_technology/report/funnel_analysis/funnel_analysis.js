// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Funnel Analysis"] = {
	filters: [
		{ fieldname: "funnel", label: __("Sales Funnel"), fieldtype: "Link", options: "Sales Funnel" },
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_start() },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: frappe.datetime.month_end() },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Nothing") },
				{ value: "Sales Person", label: __("Sales Person") },
				{ value: "Group", label: __("Group") },
				{ value: "Market Segment", label: __("Market Segment") },
				{ value: "Product", label: __("Product") },
			],
			default: "Sales Person",
		},
		{
			fieldname: "compare_with",
			label: __("Compare With"),
			fieldtype: "Select",
			options: [
				{ value: "Previous Period", label: __("Previous Period") },
				{ value: "Team", label: __("Team") },
			],
			default: "Previous Period",
		},
		{ fieldname: "compare_from_date", label: __("Compare From"), fieldtype: "Date", depends_on: "eval:doc.compare_with=='Previous Period'" },
		{ fieldname: "compare_to_date", label: __("Compare To"), fieldtype: "Date", depends_on: "eval:doc.compare_with=='Previous Period'" },
	],
	onload() {
		// the training list's links: a training of the stage for the reps it names, opened to complete
		$(document)
			.off("click.st_plan_training")
			.on("click.st_plan_training", "a.st-plan-training", (event) => {
				event.preventDefault();
				const link = $(event.currentTarget);
				frappe
					.xcall("sales_technology.people.trainings.plan_training_for_stage", {
						stage: link.attr("data-stage"),
						reps: link.attr("data-reps"),
						conversions: link.attr("data-conversions"),
						from_date: link.attr("data-from-date"),
						to_date: link.attr("data-to-date"),
					})
					.then((name) => frappe.set_route("Form", "Sales Training", name));
			});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.weak && ["conversion", "conversion_change", "stage"].includes(column.fieldname)) {
			value = `<span class="text-danger">${value}</span>`;
		}
		if (data && data.bold) value = `<b>${value}</b>`;
		return value;
	},
};
