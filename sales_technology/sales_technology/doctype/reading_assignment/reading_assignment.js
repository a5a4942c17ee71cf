// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// A book or an article to read: the rep hands in his summary, his lead attests it (passed, or again).
frappe.ui.form.on("Reading Assignment", {
	setup(frm) {
		frm.set_query("sales_person", () => ({ query: "sales_technology.shared.access.sales_person_query" }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method, args) =>
			frappe.xcall(`sales_technology.people.reading.${method}`, { assignment: frm.doc.name, ...args }).then(() => frm.reload_doc());
		frappe.xcall("sales_technology.shared.access.my_sales_person").then((mine) => {
			const mine_to_read = mine === frm.doc.sales_person;
			if (mine_to_read && ["Assigned", "Again"].includes(frm.doc.status)) {
				frm.add_custom_button(__("Hand In the Summary"), () =>
					frm.save().then(() => call("hand_in_summary", { summary: frm.doc.summary }))
				).addClass("btn-primary");
			}
			if (!mine_to_read && frm.doc.status === "Summary Handed In" && frm.perm[0].write) {
				frm.add_custom_button(__("Accept the Summary"), () => call("attest_summary", { passed: 1 }), __("Attest"));
				frm.add_custom_button(
					__("Again"),
					() =>
						frappe.prompt(
							{ fieldname: "comment", fieldtype: "Small Text", label: __("What to Read Again or Work On"), reqd: 1 },
							(values) => call("attest_summary", { passed: 0, comment: values.comment }),
							__("Send the Summary Back")
						),
					__("Attest")
				);
			}
		});
	},
});
