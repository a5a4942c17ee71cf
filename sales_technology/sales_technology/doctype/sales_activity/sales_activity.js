// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Sales Activity", {
	setup(frm) {
		frm.set_query("party_type", () => ({ filters: { name: ["in", ["Lead", "Prospect", "Opportunity", "Customer"]] } }));
		frm.set_query("activity_type", () => ({ filters: { enabled: 1 } }));
		frm.set_query("next_activity_type", () => ({ filters: { enabled: 1 } }));
	},

	refresh(frm) {
		frm.trigger("set_result_options");
		if (!frm.is_new() && frm.doc.status === "Planned") {
			frm.add_custom_button(__("Mark as Done"), () => {
				frm.set_value("status", "Done");
				frm.set_value("done_at", frappe.datetime.now_datetime());
				frm.save();
			});
		}
		if (!frm.is_new() && frm.doc.next_activity_type && frm.doc.next_planned_on && !frm.doc.next_activity) {
			frm.add_custom_button(__("Create Next Step"), () => {
				frappe
					.call("sales_technology.sales_technology.doctype.sales_activity.sales_activity.create_next_step", {
						activity: frm.doc.name,
					})
					.then((r) => frappe.set_route("Form", "Sales Activity", r.message));
			});
		}
	},

	activity_type(frm) {
		frm.trigger("set_result_options");
	},

	set_result_options(frm) {
		if (!frm.doc.activity_type) return;
		frappe.db.get_value("Sales Activity Type", frm.doc.activity_type, "results").then((r) => {
			const results = ((r.message && r.message.results) || "").split("\n").filter((x) => x.trim());
			frm.set_df_property("result", "options", results.map((x) => ({ value: x, label: __(x) })));
		});
	},
});
