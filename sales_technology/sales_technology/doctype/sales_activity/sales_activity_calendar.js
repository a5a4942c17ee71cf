frappe.views.calendar["Sales Activity"] = {
	field_map: {
		start: "planned_on",
		end: "planned_end",
		id: "name",
		title: "subject",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "sales_person", options: "Sales Person", label: __("Sales Person") },
		{ fieldtype: "Link", fieldname: "activity_type", options: "Sales Activity Type", label: __("Activity Type") },
		{
			fieldtype: "Select",
			fieldname: "status",
			options: ["", "Planned", "Done", "Cancelled", "Missed"].map((s) => ({ value: s, label: __(s) })),
			label: __("Status"),
		},
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
