// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The client's credit on his deal (receivables/credit.py): ERPNext's credit hold in red, overdue
// payments in orange, so that the rep sees them before promising more.
frappe.ui.form.on("Opportunity", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.opportunity_from !== "Customer" || !frm.doc.party_name) return;
		frappe.xcall("sales_technology.receivables.credit.deal_credit", { opportunity: frm.doc.name }).then((credit) => {
			if (!credit) return;
			const money = (value) => format_currency(value, credit.currency);
			if (credit.on_hold) {
				const why = credit.frozen
					? __("the client's account is frozen")
					: __("owes {0} against a credit limit of {1}", [money(credit.limit_outstanding), money(credit.credit_limit)]);
				frm.dashboard.add_comment(`<span class="st-credit-hold">${__("Credit hold: {0}", [why])}</span>`, "red", true);
			}
			if (credit.overdue) {
				frm.dashboard.add_comment(
					`<span class="st-credit-overdue">${__("The client owes {0}, of it {1} overdue ({2} invoices, the oldest {3} days)", [
						money(credit.owed),
						money(credit.overdue),
						credit.overdue_invoices,
						credit.days_overdue,
					])}</span>`,
					"orange",
					true
				);
			}
		});
	},
});
