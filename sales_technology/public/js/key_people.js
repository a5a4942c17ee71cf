// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The client's people as a map (deals/key_people.py): by their role in the buying, each with his
// attitude to us, the last contact and the next step; a key client with no known decision maker says so.
const ST_ROLES = ["Decision Maker", "Influencer", "User", "Gatekeeper", ""];
const ST_ATTITUDE_COLOURS = { Supporter: "green", Neutral: "orange", Opponent: "red" };

frappe.ui.form.on("Customer", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe.xcall("sales_technology.deals.key_people.key_people", { customer: frm.doc.name }).then((map) => {
			frm.$wrapper.find(".st-key-people-section").remove();
			if (map.is_key_client && !map.has_decision_maker) {
				frm.dashboard.add_comment(__("A key client with no known decision maker: mark one among his contacts"), "red", true);
			}
			if (!map.people.length) return;
			const columns = ST_ROLES.map((role) => {
				const people = map.people.filter((person) => (person.role || "") === role);
				if (!people.length) return "";
				const cards = people
					.map((person) => {
						const colour = ST_ATTITUDE_COLOURS[person.attitude] || "gray";
						const attitude = person.attitude ? `<span class="indicator-pill ${colour}">${__(person.attitude)}</span>` : "";
						const last = person.last_contact
							? `<div class="text-muted small">${__("Last contact: {0}", [frappe.datetime.str_to_user(person.last_contact)])}</div>`
							: `<div class="text-muted small">${__("No contact yet")}</div>`;
						const next = person.next_step ? `<div class="small">${frappe.utils.escape_html(person.next_step)}</div>` : "";
						return `<div class="st-key-person" style="margin-bottom: var(--margin-sm)">
							<a href="/app/contact/${encodeURIComponent(person.contact)}">${frappe.utils.escape_html(person.full_name || person.contact)}</a>
							${attitude}
							<div class="text-muted small">${frappe.utils.escape_html(person.designation || "")}</div>
							${last}${next}
						</div>`;
					})
					.join("");
				return `<div class="col-sm" data-role="${frappe.utils.escape_html(role)}">
					<div class="text-muted small text-uppercase">${role ? __(role) : __("Role not known")}</div>${cards}
				</div>`;
			});
			const section = frm.dashboard.add_section(`<div class="row st-key-people">${columns.join("")}</div>`, __("Key People"));
			section.addClass("st-key-people-section");
			frm.dashboard.show();
		});
	},
});
