// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// The current stage's playbook on the Opportunity (goal, responsible, expected result, time limit,
// control point, the tasks and where each stands on this deal), and the confirmation the server asks
// for when the deal moves on past open mandatory tasks.
frappe.ui.form.on("Opportunity", {
	refresh(frm) {
		frm.toggle_display("st_stage_playbook_section", false);
		frm.st_playbook = null;
		if (frm.is_new() || !frm.fields_dict.st_stage_playbook) return;
		frappe
			.xcall("sales_technology.deals.playbooks.get_stage_playbook", { opportunity: frm.doc.name })
			.then((playbook) => {
				frm.st_playbook = playbook;
				if (playbook && playbook.playbook) show_stage_playbook(frm, playbook);
			});
	},

	before_save(frm) {
		const playbook = frm.st_playbook;
		if (!playbook || !playbook.open_mandatory || !playbook.open_mandatory.length) return;
		const order = playbook.stages || [];
		const from = order.indexOf(playbook.stage);
		const to = order.indexOf(frm.doc.sales_stage);
		if (from < 0 || to <= from) return; // not moving the deal on
		return new Promise((resolve) => {
			const tasks = playbook.open_mandatory.map((task) => `<li>${frappe.utils.escape_html(task)}</li>`).join("");
			frappe.confirm(
				`${__("The stage {0} still has open mandatory tasks:", [frappe.utils.escape_html(__(playbook.stage))])}<ul>${tasks}</ul>${__(
					"Move the deal on anyway? This is recorded in the deal's stage history."
				)}`,
				() => {
					frm.doc.st_confirm_open_tasks = 1;
					resolve();
				},
				() => {
					frappe.validated = false;
					resolve();
				}
			);
		});
	},
});

function show_stage_playbook(frm, playbook) {
	const escape = frappe.utils.escape_html;
	const status_pill = (task) => {
		if (!task.status) return `<span class="indicator-pill gray">${__("Not Given")}</span>`;
		const colour = { Open: "orange", Closed: "green", Cancelled: "gray" }[task.status] || "gray";
		const label = `<span class="indicator-pill ${colour}">${__(task.status)}</span>`;
		return task.todo ? `<a href="/app/todo/${encodeURIComponent(task.todo)}">${label}</a>` : label;
	};
	const rows = playbook.tasks
		.map(
			(task) => `<tr>
				<td>${escape(task.task)}${task.mandatory ? ` <b title="${__("Mandatory")}">*</b>` : ""}</td>
				<td>${task.due ? frappe.datetime.str_to_user(task.due) : ""}</td>
				<td>${status_pill(task)}</td>
			</tr>`
		)
		.join("");
	const line = (label, value) => (value ? `<p><b>${label}:</b> ${escape(String(value))}</p>` : "");
	frm.fields_dict.st_stage_playbook.$wrapper.html(
		`<div class="st-stage-playbook">
			<h5>${escape(__(playbook.stage))}</h5>
			${line(__("Goal"), playbook.goal)}
			${line(__("Responsible Role"), playbook.responsible_role)}
			${line(__("Expected Result"), playbook.expected_result)}
			${line(__("Time Limit, Days"), playbook.time_limit_days)}
			${line(__("Control Point"), playbook.control_point)}
			${
				playbook.standard
					? `<p><b>${__("Standard")}:</b> <a class="st-stage-standard" href="/app/sales-standard/${encodeURIComponent(
							playbook.standard
					  )}">${escape(playbook.standard_title)}</a></p>`
					: ""
			}
			<table class="table table-sm">
				<thead><tr><th>${__("Task")}</th><th>${__("Due Date")}</th><th>${__("Status")}</th></tr></thead>
				<tbody>${rows}</tbody>
			</table>
		</div>`
	);
	frm.toggle_display("st_stage_playbook_section", true);
}
