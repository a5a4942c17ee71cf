// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// Intel on a competitor: the client who told us is a lead, prospect or customer; choosing a checklist
// lays out its questions to answer.
frappe.ui.form.on("Competitor Intel", {
	setup(frm) {
		frm.set_query("party_type", () => ({ filters: { name: ["in", ["Lead", "Prospect", "Customer"]] } }));
		frm.set_query("checklist", () => ({ filters: { enabled: 1 } }));
	},

	checklist(frm) {
		if (!frm.doc.checklist) return;
		const answered = (frm.doc.answers || []).some((row) => row.answer);
		if (answered) return;
		frappe
			.xcall("sales_technology.competitors.intel.checklist_questions", { checklist: frm.doc.checklist })
			.then((questions) => {
				frm.clear_table("answers");
				for (const question of questions) frm.add_child("answers", { question });
				frm.refresh_field("answers");
			});
	},
});
