"""The workspace's first block: the department's main KPIs and its key stage for the user's node this
month (workspace/main_kpis.workspace_main_kpis). A Custom HTML Block is a site record, not a module file, so
the app keeps it here and writes it on install and migrate."""

from __future__ import annotations

MAIN_KPIS_BLOCK = "Main KPIs"
ROLES = ("System Manager", "General Director", "Sales Head", "Sales Group Lead", "Sales Rep", "Sales Analyst")

HTML = """<div class="st-main-kpis">
	<div class="st-main-kpis-title"></div>
	<div class="st-main-kpis-cards"></div>
</div>"""

STYLE = """.st-main-kpis { padding: 4px 0; }
.st-main-kpis-title { font-weight: 600; margin-bottom: 8px; color: var(--text-muted); }
.st-main-kpis-cards { display: flex; flex-wrap: wrap; gap: 12px; }
.st-main-kpi { flex: 1 1 0; min-width: 150px; border: 1px solid var(--border-color); border-radius: 8px; padding: 10px 12px; }
.st-main-kpi.st-key-stage { border-color: var(--blue-500); }
.st-main-kpi-name { font-size: 12px; color: var(--text-muted); min-height: 32px; }
.st-main-kpi-value { font-size: 20px; font-weight: 600; }
.st-main-kpi-plan { font-size: 12px; color: var(--text-muted); }
.st-main-kpi-value.red { color: var(--red-600); }
.st-main-kpi-value.green { color: var(--green-600); }"""

SCRIPT = """const cards = root_element.querySelector(".st-main-kpis-cards");
const title = root_element.querySelector(".st-main-kpis-title");
const escape = frappe.utils.escape_html;
// percent by Frappe's own formatter: the site's decimal separator, not a point typed here
const percent = (value) => frappe.format(value, { fieldtype: "Percent", precision: 1 }, { inline: true });
const show = (value, unit) => {
	if (value === null || value === undefined) return "—";
	if (unit === "Percent") return percent(value);
	if (unit === "Currency") return format_currency(value, frappe.defaults.get_default("currency"), 0);
	return format_number(value, null, unit === "Count" ? 0 : 1);
};
frappe.call("sales_technology.workspace.main_kpis.workspace_main_kpis").then((r) => {
	const data = r.message || {};
	if (!data.node) return;
	title.textContent = __("Main KPIs of {0}, {1}", [data.node, data.period]);
	// read from a replica of the database: the figures are as of its last copy
	if (data.as_of) title.textContent += ` · ${__("as of {0}", [frappe.datetime.str_to_user(data.as_of)])}`;
	const html = (data.kpis || []).map((kpi) => {
		const colour = kpi.fulfilment === null ? "" : kpi.fulfilment >= 100 ? "green" : "red";
		const plan = kpi.target === null ? __("No target") : `${__("Target Value")}: ${show(kpi.target, kpi.unit)} · ${percent(kpi.fulfilment)}`;
		return `<div class="st-main-kpi" data-kpi="${escape(kpi.kpi)}">
			<div class="st-main-kpi-name">${escape(kpi.kpi_name)}</div>
			<div class="st-main-kpi-value ${colour}" title="${kpi.not_measured ? escape(__("Not measured: nothing to measure in the period")) : ""}">${show(kpi.fact, kpi.unit)}</div>
			<div class="st-main-kpi-plan">${plan}</div>
		</div>`;
	});
	if (data.key_stage) {
		const key = data.key_stage;
		html.push(`<div class="st-main-kpi st-key-stage" data-kpi="key-stage">
			<div class="st-main-kpi-name">${escape(__("Key Stage: {0}", [key.stage_label]))}</div>
			<div class="st-main-kpi-value">${show(key.conversion, "Percent")}</div>
			<div class="st-main-kpi-plan">${__("Conversion of the stage this month")}</div>
		</div>`);
	}
	cards.innerHTML = html.join("");
});"""


def create_main_kpis_block() -> None:
	"""The block as the app ships it (its code is the app's: rewritten on every migrate), for the sales
	roles."""
	import frappe

	values = {"html": HTML, "style": STYLE, "script": SCRIPT, "private": 0}
	exists = frappe.db.exists("Custom HTML Block", MAIN_KPIS_BLOCK)
	block = (
		frappe.get_doc("Custom HTML Block", MAIN_KPIS_BLOCK)
		if exists
		else frappe.new_doc("Custom HTML Block")
	)
	block.update(values)
	present = {row.role for row in block.get("roles") or []}
	for role in ROLES:
		if role not in present and frappe.db.exists("Role", role):
			block.append("roles", {"role": role})
	block.flags.ignore_permissions = True
	if exists:
		block.save()
	else:
		block.insert(set_name=MAIN_KPIS_BLOCK)
