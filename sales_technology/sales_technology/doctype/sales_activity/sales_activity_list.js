frappe.listview_settings["Sales Activity"] = {
	add_fields: ["status", "planned_on", "done_at"],
	get_indicator(doc) {
		const colours = { Planned: "blue", Done: "green", Cancelled: "gray", Missed: "red" };
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
