frappe.views.calendar["Sales Activity"] = {
	field_map: {
		start: "planned_on",
		end: "planned_end",
		id: "name",
		title: "subject",
		allDay: "all_day",
		status: "status",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "sales_person", options: "Sales Person", label: __("Sales Person") },
		{ fieldtype: "Link", fieldname: "activity_type", options: "Sales Activity Type", label: __("Activity Type") },
	],
	get_css_class(data) {
		return { Done: "success", Missed: "danger", Cancelled: "default" }[data.status] || "info";
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
