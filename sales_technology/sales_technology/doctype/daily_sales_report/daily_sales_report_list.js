frappe.listview_settings["Daily Sales Report"] = {
	add_fields: ["is_late", "docstatus", "plan_fulfilled"],
	get_indicator(doc) {
		if (doc.docstatus === 0) return [__("Draft"), "gray", "docstatus,=,0"];
		if (doc.docstatus === 2) return [__("Cancelled"), "red", "docstatus,=,2"];
		if (doc.is_late) return [__("Late"), "orange", "is_late,=,1"];
		return [__("Submitted"), "green", "is_late,=,0"];
	},
};
