// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// Positioning against the competitor (seed 004) where the rep needs it: on a deal or quotation that lists
// competitors, each one's battle card — our exclusive strengths, the strengths we share, their exclusive
// weaknesses — from the positioning marketing keeps.
const st_battle_card = {
	refresh(frm) {
		const field = frm.fields_dict.st_battle_card;
		if (!field) return;
		if (frm.is_new()) {
			field.$wrapper.empty();
			return;
		}
		frappe
			.xcall("sales_technology.competitors.intel.battle_cards", { doctype: frm.doctype, name: frm.doc.name })
			.then((cards) => show_battle_cards(frm, cards || []));
	},
};
frappe.ui.form.on("Opportunity", st_battle_card);
frappe.ui.form.on("Quotation", st_battle_card);

function show_battle_cards(frm, cards) {
	const field = frm.fields_dict.st_battle_card;
	const escape = frappe.utils.escape_html;
	if (!cards.length) {
		field.$wrapper.html(
			`<div class="text-muted small">${__("List the competitors the client talks to: their battle cards show here.")}</div>`
		);
		return;
	}
	const html = cards
		.map((card) => {
			const title = `<h5>${__("Against {0}", [escape(card.competitor)])}</h5>`;
			if (!card.positioning) {
				return `<div class="st-battle-card">${title}<div class="text-muted small">${__(
					"Marketing has no positioning against this competitor yet."
				)}</div></div>`;
			}
			const classes = card.classes
				.filter((group) => group.rows.length)
				.map(
					(group) => `<div class="st-battle-class"><b>${__(group.class)}</b><ul>${group.rows
						.map(
							(row) =>
								`<li>${escape(row.criterion)}${row.ours ? `: ${escape(row.ours)}` : ""}${
									row.theirs ? ` <span class="text-muted">(${__("they")}: ${escape(row.theirs)})</span>` : ""
								}</li>`
						)
						.join("")}</ul></div>`
				)
				.join("");
			const link = `/app/competitor-positioning/${encodeURIComponent(card.positioning)}`;
			return `<div class="st-battle-card">${title}${
				card.summary ? `<p>${escape(card.summary)}</p>` : ""
			}${classes}<div class="small"><a href="${link}">${__("Open the positioning")}</a> · ${__(
				"Never disparage the competitor."
			)}</div></div>`;
		})
		.join("<hr>");
	field.$wrapper.html(html);
}
