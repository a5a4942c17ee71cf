// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Plan Correction", {
	setup(frm) {
		frm.set_query("sales_plan", () => ({ filters: { docstatus: 1 } }));
	},

	sales_plan(frm) {
		if (!frm.doc.sales_plan) return;
		frappe.call({
			method: "sales_technology.plans.corrections.get_plan_targets",
			args: { sales_plan: frm.doc.sales_plan },
			callback(r) {
				frm.clear_table("items");
				(r.message || []).forEach((row) => {
					frm.add_child("items", {
						kpi: row.kpi,
						dimension_value: row.dimension_value,
						current_target: row.target,
						new_target: row.target,
						direction: row.direction,
					});
				});
				frm.refresh_field("items");
			},
		});
	},

	refresh(frm) {
		const facts = (frm.doc.__onload && frm.doc.__onload.facts) || {};
		const kpis = Object.keys(facts);
		if (kpis.length) {
			const body = kpis
				.map((kpi) => `<tr><td>${frappe.utils.escape_html(kpi)}</td><td class="text-right">${format_number(facts[kpi])}</td></tr>`)
				.join("");
			frm.dashboard.add_section(
				`<table class="table table-bordered table-sm"><thead><tr><th>${__("KPI")}</th><th class="text-right">${__("Fact")}</th></tr></thead><tbody>${body}</tbody></table>`,
				__("Fact of the Period")
			);
			frm.dashboard.show();
		}
		if (frm.doc.docstatus === 0) {
			frm.set_intro(__("A correction may only make the plan more demanding: higher targets where higher is better, lower where lower is better."));
		}
	},
});
