// "Log activity" and "Plan activity" on the forms of Lead, Prospect, Opportunity and Customer.
["Lead", "Prospect", "Opportunity", "Customer"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.is_new()) return;
			const open = (status) =>
				frappe.new_doc("Sales Activity", {
					party_type: frm.doctype,
					party: frm.doc.name,
					opportunity: frm.doctype === "Opportunity" ? frm.doc.name : undefined,
					status,
					subject: frm.doc.title || frm.doc.customer_name || frm.doc.lead_name || frm.doc.company_name || frm.doc.name,
				});
			frm.add_custom_button(__("Log Activity"), () => open("Done"), __("Sales Activity"));
			frm.add_custom_button(__("Plan Activity"), () => open("Planned"), __("Sales Activity"));
		},
	});
});
