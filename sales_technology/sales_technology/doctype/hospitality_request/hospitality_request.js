// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Hospitality Request", {
	setup(frm) {
		frm.set_query("expense_doctype", () => ({
			filters: { name: ["in", ["Expense Claim", "Purchase Invoice"]] },
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method, args) =>
			frappe
				.call(`sales_technology.hospitality.budgets.${method}`, { name: frm.doc.name, ...args })
				.then(() => frm.reload_doc());
		if (frm.doc.status === "Draft") {
			frm.add_custom_button(__("Send for Approval"), () => call("ask"));
		}
		if (["Requested", "Approved by Lead"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Approve"), () => call("decide", { decision: "approve" }), __("Decide"));
			frm.add_custom_button(__("Reject"), () => call("decide", { decision: "reject" }), __("Decide"));
		}
	},
});
