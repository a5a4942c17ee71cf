// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Deal Loss Request"] = {
	get_indicator(doc) {
		const colours = { Pending: "orange", Approved: "green", Returned: "blue", Withdrawn: "gray" };
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
