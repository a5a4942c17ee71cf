frappe.listview_settings["Plan Correction"] = {
	add_fields: ["workflow_state", "docstatus"],
	get_indicator(doc) {
		const colours = { Draft: "gray", "Pending Approval": "yellow", Approved: "green", Rejected: "red" };
		const state = doc.workflow_state || (doc.docstatus === 1 ? "Approved" : "Draft");
		return [__(state), colours[state] || "gray", `workflow_state,=,${state}`];
	},
};
