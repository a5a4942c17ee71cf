frappe.listview_settings["Sales Plan"] = {
	add_fields: ["workflow_state", "has_uncovered_targets", "period_type", "docstatus"],
	filters: [["docstatus", "<", "2"]],
	onload(listview) {
		const plan_day = (day) =>
			frappe
				.call("sales_technology.activities.day_plans.plan_my_day", { day })
				.then((r) => frappe.set_route("Form", "Sales Plan", r.message));
		listview.page.add_inner_button(__("Today"), () => plan_day(frappe.datetime.get_today()), __("Plan My Day"));
		listview.page.add_inner_button(
			__("Tomorrow"),
			() => plan_day(frappe.datetime.add_days(frappe.datetime.get_today(), 1)),
			__("Plan My Day")
		);
	},
	get_indicator(doc) {
		if (doc.docstatus === 2) return [__("Cancelled"), "red", "docstatus,=,2"];
		if (doc.docstatus === 1 && doc.has_uncovered_targets)
			return [__("Not Covered"), "orange", "has_uncovered_targets,=,1"];
		const colours = { Draft: "gray", "Pending Approval": "yellow", Approved: "green", Rejected: "red" };
		const state = doc.workflow_state || (doc.docstatus === 1 ? "Approved" : "Draft");
		return [__(state), colours[state] || "gray", `workflow_state,=,${state}`];
	},
};
