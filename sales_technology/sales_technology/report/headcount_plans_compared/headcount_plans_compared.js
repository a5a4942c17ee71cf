// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.query_reports["Headcount Plans Compared"] = {
	filters: [
		{
			fieldname: "plans",
			label: __("Plans"),
			fieldtype: "MultiSelectList",
			get_data: (txt) => frappe.db.get_link_options("Sales Headcount Plan", txt),
		},
	],
	onload(report) {
		// opens on the latest plans the user may read (as the server does without a choice), oldest first,
		// so that a what-if reads beside its base
		if ((report.get_filter_value("plans") || []).length) return;
		frappe.db
			.get_list("Sales Headcount Plan", { fields: ["name"], order_by: "creation desc", limit: 3 })
			.then((plans) => {
				if (plans.length) {
					report.set_filter_value("plans", plans.map((plan) => plan.name).reverse());
				}
			});
	},
};
