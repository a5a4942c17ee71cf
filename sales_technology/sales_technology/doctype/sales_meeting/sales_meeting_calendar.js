frappe.views.calendar["Sales Meeting"] = {
	field_map: {
		start: "starts_on",
		end: "ends_on",
		id: "name",
		title: "subject",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "sales_person", options: "Sales Person", label: __("Responsible") },
		{
			fieldtype: "Select",
			fieldname: "meeting_kind",
			options: ["", "Client Meeting", "Morning Meeting", "Weekly Meeting", "Monthly Meeting", "Annual Scorecard Review"].map(
				(kind) => ({ value: kind, label: __(kind) })
			),
			label: __("Kind"),
		},
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
