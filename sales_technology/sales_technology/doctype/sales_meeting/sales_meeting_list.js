frappe.listview_settings["Sales Meeting"] = {
	add_fields: ["status", "sign_off_status", "meeting_kind"],
	get_indicator(doc) {
		if (doc.status === "Cancelled") return [__("Cancelled"), "gray", "status,=,Cancelled"];
		if (doc.status === "Planned") return [__("Planned"), "blue", "status,=,Planned"];
		if (doc.meeting_kind === "Client Meeting" && doc.sign_off_status !== "Signed by Both") {
			return [__(doc.sign_off_status), "orange", "sign_off_status,=," + doc.sign_off_status];
		}
		return [__("Held"), "green", "status,=,Held"];
	},
};
