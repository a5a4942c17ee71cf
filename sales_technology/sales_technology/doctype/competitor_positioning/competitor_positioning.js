// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The comparison with a competitor: the intel collected on it is one click away, and the battle card
// prints from the Print menu.
frappe.ui.form.on("Competitor Positioning", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.competitor) return;
		frm.add_custom_button(__("Intel on the Competitor"), () =>
			frappe.set_route("List", "Competitor Intel", { competitor: frm.doc.competitor })
		);
	},
});
