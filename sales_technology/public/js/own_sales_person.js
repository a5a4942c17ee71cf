// The Sales Person of a new activity, daily report or meeting: the user's own by default, chosen only among the
// nodes the user acts for (their own, and those they manage).
["Sales Activity", "Daily Sales Report", "Sales Meeting"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		setup(frm) {
			frm.set_query("sales_person", () => ({ query: "sales_technology.shared.access.sales_person_query" }));
		},
		onload(frm) {
			if (!frm.is_new() || frm.doc.sales_person) return;
			frappe.xcall("sales_technology.shared.access.my_sales_person").then((node) => {
				if (node && !frm.doc.sales_person) frm.set_value("sales_person", node);
			});
		},
	});
});
