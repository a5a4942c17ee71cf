// The deal's story on its form: the stages it went through, when and by whom, and the days it spent in
// each (the Deal Stage Change records, which the list shows one by one)
frappe.ui.form.on("Opportunity", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe
			.call("sales_technology.deals.stage_history.deal_story", { opportunity: frm.doc.name })
			.then(({ message: steps }) => {
				if (!steps || !steps.length || frm.doc.name !== frm.docname) return;
				const cell = (text) => `<td>${frappe.utils.escape_html(text == null ? "" : String(text))}</td>`;
				const rows = steps
					.map(
						(step) => `<tr>
							${cell(frappe.datetime.str_to_user(step.changed_at))}
							${cell(step.event_label)}
							${cell(step.from_stage ? __(step.from_stage) : "")}
							${cell(step.to_stage ? __(step.to_stage) : "")}
							<td class="text-right">${
								step.days_in_stage == null ? "" : format_number(step.days_in_stage, null, 1)
							}</td>
							${cell(step.changed_by_name)}
						</tr>`
					)
					.join("");
				const html = `<div class="st-deal-story"><table class="table table-sm table-bordered">
					<thead><tr>
						<th>${__("Moved On")}</th><th>${__("Step")}</th><th>${__("Stage Left")}</th>
						<th>${__("Stage Entered")}</th><th class="text-right">${__("Days in the Stage Left")}</th>
						<th>${__("Moved By")}</th>
					</tr></thead><tbody>${rows}</tbody></table></div>`;
				frm.dashboard.add_section(html, __("Deal Story"));
				frm.dashboard.show();
			});
	},
});
