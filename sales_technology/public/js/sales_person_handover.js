// A leaving rep's clients, open deals and planned work handed over to another rep by the lead above both.
frappe.ui.form.on("Sales Person", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.is_group) return;
		if (!frappe.user.has_role(["Sales Group Lead", "Sales Head", "General Director", "System Manager"])) return;
		frm.add_custom_button(__("Hand Over Clients and Deals"), () =>
			frappe.prompt(
				{
					fieldtype: "Link",
					fieldname: "to_sales_person",
					options: "Sales Person",
					label: __("To Rep"),
					reqd: 1,
					get_query: () => ({ filters: { is_group: 0, enabled: 1, name: ["!=", frm.doc.name] } }),
				},
				({ to_sales_person }) =>
					frappe
						.xcall("sales_technology.deals.handover.hand_over", { from_sales_person: frm.doc.name, to_sales_person })
						.then((moved) => {
							const lines = Object.entries(moved).map(
								([doctype, count]) => `${frappe.utils.escape_html(__(doctype))}: ${count}`
							);
							frappe.msgprint(lines.join("<br>"), __("Handed Over"));
							frm.reload_doc();
						}),
				__("Hand Over Clients and Deals"),
				__("Hand Over")
			)
		);
	},
});
