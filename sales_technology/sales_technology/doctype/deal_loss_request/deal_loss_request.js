// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The lead's decision on a rep's request to close a deal: Approve closes the deal as asked, Send Back
// keeps it in work with an instruction; who asked may withdraw the request while it waits.
frappe.ui.form.on("Deal Loss Request", {
	setup(frm) {
		frm.set_query("closing_status", () => ({ filters: { enabled: 1, outcome: ["!=", "Won"] } }));
		frm.set_query("opportunity", () => ({ filters: { status: ["not in", ["Converted", "Lost", "Closed"]] } }));
	},

	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Pending") return;
		const method = (name) => `sales_technology.deals.closing.${name}`;
		if (frm.doc.requested_by === frappe.session.user) {
			frm.add_custom_button(__("Withdraw"), () =>
				frappe.xcall(method("withdraw"), { name: frm.doc.name }).then(() => frm.reload_doc())
			);
			return;
		}
		if (!frappe.user.has_role(["Sales Group Lead", "Sales Head", "General Director", "System Manager"])) return;
		frm.add_custom_button(__("Approve"), () =>
			frappe.confirm(
				__("Close the deal {0} as {1}?", [
					frappe.utils.escape_html(frm.doc.party_name || frm.doc.opportunity),
					frappe.utils.escape_html(__(frm.doc.closing_status)),
				]),
				() =>
					frappe.xcall(method("approve"), { name: frm.doc.name }).then(() => frm.reload_doc())
			)
		).addClass("btn-primary");
		frm.add_custom_button(__("Send Back"), () =>
			frappe.prompt(
				{ fieldtype: "Small Text", fieldname: "instruction", label: __("What should the rep do with the deal?"), reqd: 1 },
				({ instruction }) =>
					frappe.xcall(method("send_back"), { name: frm.doc.name, instruction }).then(() => frm.reload_doc()),
				__("Send the Request Back"),
				__("Send Back")
			)
		);
	},
});
