// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

const PARENT_LEVEL = { Quarter: "Year", Month: "Quarter", Week: "Month", Day: "Week" };

frappe.ui.form.on("Sales Plan", {
	setup(frm) {
		frm.set_query("parent_plan", () => ({
			filters: {
				company: frm.doc.company,
				period_type: PARENT_LEVEL[frm.doc.period_type] || "-",
				docstatus: ["<", 2],
			},
		}));
		frm.set_query("kpi", "targets", () => ({
			filters: { enabled: 1, [`for_${(frm.doc.period_type || "year").toLowerCase()}`]: 1 },
		}));
	},

	refresh(frm) {
		frm.trigger("format_targets");
		frm.trigger("render_coverage");
		frm.trigger("render_day_progress");
		frm.trigger("render_plan_fact");
		if (frm.doc.docstatus !== 1) return;
		const can_manage = frm.doc.__onload && frm.doc.__onload.can_manage;
		if (frm.doc.period_type !== "Day" && can_manage) {
			frm.add_custom_button(__("Down the Calendar"), () => distribute_by_calendar(frm), __("Distribute"));
			frm.add_custom_button(__("To the Team"), () => distribute_to_team(frm), __("Distribute"));
			if (frm.doc.has_uncovered_targets) {
				frm.add_custom_button(__("Push Increase Down"), () => push_increase(frm), __("Distribute"));
			}
		}
		if (can_manage) {
			frm.add_custom_button(__("Plan Correction"), () => {
				frappe.new_doc("Plan Correction", { sales_plan: frm.doc.name });
			}, __("Create"));
		}
		frm.add_custom_button(__("Child Plans"), () => {
			frappe.set_route("List", "Sales Plan", { parent_plan: frm.doc.name });
		}, __("View"));
		frm.add_custom_button(__("Plan Cascade"), () => {
			frappe.set_route("query-report", "Sales Plan Cascade", {
				company: frm.doc.company,
				sales_plan: frm.doc.name,
				from_date: frm.doc.period_start,
				to_date: frm.doc.period_end,
			});
		}, __("View"));
	},

	format_targets(frm) {
		// each target in its KPI's unit: counts whole, money in the company's currency, shares in percent
		(frm.doc.targets || []).forEach((row) => {
			if (!row.unit || row.__islocal) return;
			for (const fieldname of ["target", "approved_target", "covered", "uncovered"]) {
				const df = frappe.meta.get_docfield("Sales Plan Target", fieldname, row.name);
				if (df) Object.assign(df, sales_technology.kpi_column({ fieldtype: "Float", options: df.options }, row.unit));
			}
		});
		frm.refresh_field("targets");
	},

	render_plan_fact(frm) {
		const rows = (frm.doc.__onload && frm.doc.__onload.plan_fact) || [];
		if (!rows.length) return;
		const colour = { "On Track": "green", "At Risk": "orange", Behind: "red" };
		const value = (row, fieldname) => sales_technology.format_kpi_value(row[fieldname], row.unit, frm.doc.__onload);
		const body = rows
			.map(
				(row) => `<tr>
					<td>${frappe.utils.escape_html(__(row.kpi_name || row.kpi))}</td>
					<td class="text-right">${value(row, "target")}</td>
					<td class="text-right">${row.fact === null ? "—" : value(row, "fact")}</td>
					<td class="text-right">${row.fulfilment == null ? "" : format_number(row.fulfilment, null, 1) + "%"}</td>
					<td class="text-right">${row.forecast == null ? "" : value(row, "forecast")}</td>
					<td>${row.error ? `<span class="text-danger">${__("Cannot be computed: {0}", [frappe.utils.escape_html(row.error)])}</span>` : row.status ? `<span class="indicator-pill ${colour[row.status]}">${__(row.status)}</span>` : __("Not computed yet")}</td></tr>`
			)
			.join("");
		frm.dashboard.add_section(
			`<table class="table table-bordered table-sm">
				<thead><tr><th>${__("KPI")}</th><th class="text-right">${__("Target Value")}</th>
				<th class="text-right">${__("Fact")}</th><th class="text-right">${__("Fulfilment %")}</th>
				<th class="text-right">${__("Forecast")}</th><th>${__("Status")}</th></tr></thead>
				<tbody>${body}</tbody></table>`,
			__("Plan and Fact")
		);
		frm.dashboard.show();
	},

	render_day_progress(frm) {
		const rows = (frm.doc.__onload && frm.doc.__onload.day_progress) || [];
		if (frm.doc.period_type !== "Day" || !rows.length) return;
		const body = rows
			.map(
				(row) => `<tr class="${row.done < row.target ? "text-warning" : "text-success"}">
					<td>${frappe.utils.escape_html(__(row.kpi_name || row.kpi))}</td>
					<td class="text-right">${format_number(row.target, null, 0)}</td>
					<td class="text-right">${row.planned}</td>
					<td class="text-right">${row.done}</td></tr>`
			)
			.join("");
		frm.dashboard.add_section(
			`<table class="table table-bordered table-sm">
				<thead><tr><th>${__("KPI")}</th><th class="text-right">${__("Target Value")}</th>
				<th class="text-right">${__("Planned")}</th><th class="text-right">${__("Done")}</th></tr></thead>
				<tbody>${body}</tbody></table>`,
			__("Today: Planned and Done Activities")
		);
		frm.dashboard.show();
	},

	render_coverage(frm) {
		const rows = (frm.doc.__onload && frm.doc.__onload.coverage) || [];
		if (!rows.length) {
			frm.get_field("coverage_html").$wrapper.html(
				`<p class="text-muted">${__("No child plans yet.")}</p>`
			);
			return;
		}
		const value = (row, fieldname) => sales_technology.format_kpi_value(row[fieldname], row.unit, frm.doc.__onload);
		const body = rows.map((row) => `
			<tr class="${row.is_short ? "text-danger" : ""}">
				<td>${frappe.utils.escape_html(__(row.kpi_name || row.kpi))}${row.dimension_value ? " · " + frappe.utils.escape_html(row.dimension_value) : ""}</td>
				<td class="text-right">${value(row, "target")}</td>
				<td class="text-right">${value(row, "covered")}</td>
				<td class="text-right">${value(row, "uncovered")}</td>
				<td class="text-right">${row.percent}%</td>
			</tr>`).join("");
		frm.get_field("coverage_html").$wrapper.html(`
			<table class="table table-bordered table-sm">
				<thead><tr>
					<th>${__("KPI")}</th><th class="text-right">${__("Target Value")}</th>
					<th class="text-right">${__("Covered by Child Plans")}</th>
					<th class="text-right">${__("Not Covered")}</th><th class="text-right">${__("Coverage")}</th>
				</tr></thead>
				<tbody>${body}</tbody>
			</table>`);
	},
});

function show_result(frm, r) {
	const created = (r.message.created || []).length;
	const skipped = (r.message.skipped || []).length;
	frappe.msgprint(__("{0} child plans created as drafts, {1} already existed.", [created, skipped]));
	frm.reload_doc();
}

function distribute_by_calendar(frm) {
	const call = (child_period_type) =>
		frappe.call({
			method: "sales_technology.plans.distribution.distribute_by_calendar",
			args: { plan: frm.doc.name, child_period_type },
			freeze: true,
			callback: (r) => show_result(frm, r),
		});
	if (frm.doc.period_type !== "Year") return call(null);
	frappe.prompt(
		{
			fieldname: "child_period_type",
			fieldtype: "Select",
			label: __("Create"),
			options: [
				{ value: "Quarter", label: __("4 quarters") },
				{ value: "Month", label: __("4 quarters and their 12 months") },
			],
			default: "Quarter",
		},
		(values) => call(values.child_period_type),
		__("Distribute Down the Calendar"),
		__("Create")
	);
}

function distribute_to_team(frm) {
	frappe.db
		.get_list("Sales Person", {
			filters: { parent_sales_person: frm.doc.sales_person, enabled: 1 },
			fields: ["name"],
			order_by: "lft asc",
			limit: 0,
		})
		.then((nodes) => {
			if (!nodes.length) {
				frappe.msgprint(__("Sales Person {0} has no team to distribute the plan to", [frm.doc.sales_person]));
				return;
			}
			const dialog = new frappe.ui.Dialog({
				title: __("Distribute to the Team"),
				fields: [
					{
						fieldtype: "HTML",
						options: `<p class="text-muted">${__("Additive targets are split by these weights; the others are copied.")}</p>`,
					},
					...nodes.map((node, i) => ({
						fieldname: `w${i}`,
						fieldtype: "Float",
						label: node.name,
						default: 1,
						non_negative: 1,
					})),
				],
				primary_action_label: __("Create"),
				primary_action(values) {
					const weights = {};
					nodes.forEach((node, i) => (weights[node.name] = values[`w${i}`] || 0));
					frappe.call({
						method: "sales_technology.plans.distribution.distribute_to_team",
						args: { plan: frm.doc.name, weights },
						freeze: true,
						callback: (r) => {
							dialog.hide();
							show_result(frm, r);
						},
					});
				},
			});
			dialog.show();
		});
}

function push_increase(frm) {
	frappe.call({
		method: "sales_technology.plans.distribution.push_increase",
		args: { plan: frm.doc.name },
		freeze: true,
		callback: (r) => {
			frappe.msgprint(
				__("{0} draft child plans updated, {1} plan corrections drafted.", [
					(r.message.updated || []).length,
					(r.message.corrections || []).length,
				])
			);
			frm.reload_doc();
		},
	});
}
