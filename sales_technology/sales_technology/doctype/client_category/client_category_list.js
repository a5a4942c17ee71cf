frappe.listview_settings["Client Category"] = {
	add_fields: ["is_standard"],
	get_indicator(doc) {
		return doc.is_standard ? [__("Standard"), "blue", "is_standard,=,1"] : [__("Custom"), "gray", "is_standard,=,0"];
	},
};
