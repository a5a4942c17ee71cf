"""Checks of the app's own metadata, without Frappe: doctypes, links, hooks, patches, fixtures."""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import pytest

from sales_technology.setup.custom_fields import CUSTOM_FIELDS

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sales_technology"
MODULE = PACKAGE / "sales_technology"
BENCH = Path(os.environ.get("ST_BENCH", "/opt/stbench"))

# The Frappe and ERPNext v15 doctypes the app links to, with the app that owns each. A new Link to a
# doctype outside the app must be added here; with a bench present the test below checks it exists.
# ERPNext's child tables the app's doctypes reuse, so that a row copies to ERPNext's own table as it is
EXTERNAL_CHILD_TABLES = {"Opportunity Lost Reason Detail": "erpnext", "Competitor Detail": "erpnext"}

EXTERNAL_DOCTYPES = {
	"Company": "erpnext",
	"Competitor": "erpnext",
	"Contact": "frappe",
	"Customer": "erpnext",
	"Customer Group": "erpnext",
	"DocType": "frappe",
	"Email Template": "frappe",
	"Employee": "erpnext",
	"Fiscal Year": "erpnext",
	"Holiday List": "erpnext",
	"Industry Type": "erpnext",
	"Item Group": "erpnext",
	"Lead": "erpnext",
	"Market Segment": "erpnext",
	"Monthly Distribution": "erpnext",
	"Notification Log": "frappe",
	"Opportunity": "erpnext",
	"Prospect": "erpnext",
	"Quality Feedback": "erpnext",
	"Quotation": "erpnext",
	"Issue": "erpnext",
	"Issue Type": "erpnext",
	"Service Level Agreement": "erpnext",
	"Role": "frappe",
	"Sales Invoice": "erpnext",
	"Sales Order": "erpnext",
	"Sales Order Item": "erpnext",
	"Sales Partner": "erpnext",
	"Sales Person": "erpnext",
	"Sales Stage": "erpnext",
	"Territory": "erpnext",
	"ToDo": "frappe",
	"Language": "frappe",
	"Print Format": "frappe",
	"User": "frappe",
	"Workflow State": "frappe",
} | EXTERNAL_CHILD_TABLES


def snake(name: str) -> str:
	return name.lower().replace(" ", "_").replace("-", "_")


def doctype_files() -> list[Path]:
	return sorted(MODULE.glob("doctype/*/*.json"))


def load_doctypes() -> dict[str, dict]:
	doctypes = {}
	for path in doctype_files():
		doc = json.loads(path.read_text())
		if doc.get("doctype") == "DocType":
			doctypes[doc["name"]] = doc
	return doctypes


APP_DOCTYPES = load_doctypes()


def test_the_app_has_its_doctypes():
	assert {"Client Category", "Sales Technology Settings"} <= set(APP_DOCTYPES)


@pytest.mark.parametrize("path", doctype_files(), ids=lambda p: p.parent.name)
def test_doctype_json_is_consistent(path: Path):
	doc = json.loads(path.read_text())
	assert doc["doctype"] == "DocType"
	assert snake(doc["name"]) == path.parent.name == path.stem
	assert doc["module"] == "Sales Technology"
	fieldnames = [field["fieldname"] for field in doc["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert doc["field_order"] == fieldnames, "field_order does not list the fields in order"
	for field in doc["fields"]:
		if field["fieldtype"] not in ("Section Break", "Column Break", "Tab Break"):
			assert field.get("label"), f"{field['fieldname']} has no label"
		if field["fieldtype"] == "Select" and field.get("default"):
			assert field["default"] in field["options"].split("\n"), (
				f"{field['fieldname']} default not an option"
			)
	if not doc.get("istable"):
		assert doc["permissions"], "a doctype without permissions is reachable by nobody"
	controller = path.with_suffix(".py")
	assert controller.exists(), "no controller"
	classes = [n.name for n in ast.parse(controller.read_text()).body if isinstance(n, ast.ClassDef)]
	assert doc["name"].replace(" ", "").replace("-", "") in classes


def link_targets() -> list[tuple[str, str, str, str]]:
	"""(doctype, fieldname, fieldtype, target) of every Link, Table and Table MultiSelect."""
	targets = []
	for name, doc in APP_DOCTYPES.items():
		for field in doc["fields"]:
			if field["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
				targets.append((name, field["fieldname"], field["fieldtype"], field.get("options")))
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			if field["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
				targets.append((doctype, field["fieldname"], field["fieldtype"], field.get("options")))
	return targets


@pytest.mark.parametrize("doctype, fieldname, fieldtype, target", link_targets(), ids=lambda v: str(v))
def test_link_targets_exist(doctype, fieldname, fieldtype, target):
	assert target, f"{doctype}.{fieldname} has no target"
	assert target in APP_DOCTYPES or target in EXTERNAL_DOCTYPES, f"{doctype}.{fieldname} -> unknown {target}"
	if fieldtype != "Link" and target not in EXTERNAL_CHILD_TABLES:
		assert APP_DOCTYPES.get(target, {}).get("istable"), (
			f"{doctype}.{fieldname} -> {target} is no child table"
		)


def test_dynamic_links_name_a_link_to_doctype():
	for name, doc in APP_DOCTYPES.items():
		by_name = {field["fieldname"]: field for field in doc["fields"]}
		for field in doc["fields"]:
			if field["fieldtype"] == "Dynamic Link":
				source = by_name.get(field.get("options"))
				assert source, f"{name}.{field['fieldname']}: no field {field.get('options')}"
				if source["fieldtype"] == "Select":
					doctypes = [o for o in source.get("options", "").split("\n") if o]
					assert all(d in APP_DOCTYPES or d in EXTERNAL_DOCTYPES for d in doctypes), name
				else:
					assert source["fieldtype"] == "Link" and source["options"] == "DocType", name


def test_custom_fields_are_prefixed_and_target_erpnext_doctypes():
	for doctype, fields in CUSTOM_FIELDS.items():
		assert doctype in EXTERNAL_DOCTYPES
		names = [field["fieldname"] for field in fields]
		assert len(names) == len(set(names))
		for field in fields:
			assert field["fieldname"].startswith("st_"), field["fieldname"]
			after = field["insert_after"]
			assert after in names[: names.index(field["fieldname"])] or not after.startswith("st_")


def bench_doctype_exists(app: str, doctype: str) -> bool:
	return any((BENCH / "apps" / app / app).glob(f"*/doctype/{snake(doctype)}/{snake(doctype)}.json"))


@pytest.mark.skipif(
	not (BENCH / "apps" / "erpnext").is_dir(), reason="no bench with ERPNext sources at $ST_BENCH"
)
@pytest.mark.parametrize("doctype", sorted(EXTERNAL_DOCTYPES))
def test_external_doctypes_exist_in_the_bench(doctype):
	assert bench_doctype_exists(EXTERNAL_DOCTYPES[doctype], doctype), (
		f"{doctype} is not a doctype of the bench"
	)


@pytest.mark.skipif(
	not (BENCH / "apps" / "erpnext").is_dir(), reason="no bench with ERPNext sources at $ST_BENCH"
)
def test_custom_fields_insert_after_existing_fields():
	for doctype, fields in CUSTOM_FIELDS.items():
		app = EXTERNAL_DOCTYPES[doctype]
		path = next((BENCH / "apps" / app / app).glob(f"*/doctype/{snake(doctype)}/{snake(doctype)}.json"))
		existing = {field["fieldname"] for field in json.loads(path.read_text())["fields"]}
		for field in fields:
			if not field["insert_after"].startswith("st_"):
				assert field["insert_after"] in existing, f"{doctype}: no field {field['insert_after']}"


def module_path(dotted: str) -> Path | None:
	parts = dotted.split(".")
	for candidate in (REPO.joinpath(*parts).with_suffix(".py"), REPO.joinpath(*parts, "__init__.py")):
		if candidate.exists():
			return candidate
	return None


def top_level_functions(path: Path) -> set[str]:
	"""The module's functions, and its classes (override_doctype_class names a class)."""
	tree = ast.parse(path.read_text())
	return {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}


MODULE_HOOKS = ("sales_kpi_method_modules",)  # hooks whose values name modules, not functions


def hook_paths() -> list[str]:
	"""Every dotted path to a function that hooks.py names."""
	tree = ast.parse((PACKAGE / "hooks.py").read_text())
	for node in list(tree.body):
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in MODULE_HOOKS for t in node.targets):
			tree.body.remove(node)
	paths = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Constant) and isinstance(node.value, str):
			value = node.value
			if value.startswith("sales_technology.") and " " not in value:
				paths.append(value)
	return paths


def test_hooks_name_paths():
	assert len(hook_paths()) >= 5


@pytest.mark.parametrize("dotted", hook_paths())
def test_hook_paths_resolve_to_functions(dotted):
	module, _, function = dotted.rpartition(".")
	path = module_path(module)
	assert path, f"no module {module}"
	assert function in top_level_functions(path), f"{module} has no function {function}"


def test_module_hooks_name_modules():
	tree = ast.parse((PACKAGE / "hooks.py").read_text())
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in MODULE_HOOKS for t in node.targets):
			for dotted in ast.literal_eval(node.value):
				assert module_path(dotted), f"no module {dotted}"


def patch_lines() -> list[str]:
	lines = []
	for raw in (PACKAGE / "patches.txt").read_text().splitlines():
		line = raw.split("#", 1)[0].strip()
		if line and not line.startswith("["):
			lines.append(line)
	return lines


@pytest.mark.parametrize("line", patch_lines())
def test_patches_resolve_to_modules_with_execute(line):
	assert not line.startswith("execute:"), "write patches as modules so that they can be tested"
	path = module_path(line)
	assert path, f"no module {line}"
	assert "execute" in top_level_functions(path)


def test_modules_txt_names_the_module_folder():
	modules = [line.strip() for line in (PACKAGE / "modules.txt").read_text().splitlines() if line.strip()]
	assert modules == ["Sales Technology"]
	assert (PACKAGE / snake(modules[0]) / "__init__.py").exists()


def fixture_files() -> list[Path]:
	return sorted((PACKAGE / "fixtures").glob("*.json"))


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_fixture_files_parse(path: Path):
	records = json.loads(path.read_text())
	assert isinstance(records, list)
	for record in records:
		assert record.get("doctype"), f"{path.name}: a record without doctype"
		assert record["doctype"] in APP_DOCTYPES or record["doctype"] in EXTERNAL_DOCTYPES


def test_required_apps_use_the_org_form():
	tree = ast.parse((PACKAGE / "hooks.py").read_text())
	assignments = {
		target.id: node.value
		for node in tree.body
		if isinstance(node, ast.Assign)
		for target in node.targets
		if isinstance(target, ast.Name)
	}
	assert ast.literal_eval(assignments["required_apps"]) == ["frappe/erpnext"]


def test_no_test_file_sits_in_the_package_root():
	"""Frappe's runner ignores test files placed directly in the package root."""
	assert not list(PACKAGE.glob("test_*.py"))


def test_core_imports_no_frappe():
	for path in (PACKAGE / "core").rglob("*.py"):
		tree = ast.parse(path.read_text())
		for node in ast.walk(tree):
			if isinstance(node, ast.Import):
				assert all(not alias.name.startswith("frappe") for alias in node.names), path
			if isinstance(node, ast.ImportFrom):
				assert not (node.module or "").startswith(("frappe", "erpnext")), path


def hook_dict(name: str) -> dict:
	"""A hook as Frappe reads it: hooks.py builds the permission hooks from the access registry."""
	import importlib

	return getattr(importlib.import_module("sales_technology.hooks"), name, {})


def test_every_doctype_of_the_app_follows_the_tree_in_lists():
	"""Every child table (and every tree-bound parent) has query conditions, or its rows leak when a
	child table is listed on its own (`frappe.client.get_list` with `parent_doctype`)."""
	from sales_technology.core.access_rules import CHILD_TABLE_PARENTS, TREE_RULES

	conditions = hook_dict("permission_query_conditions")
	doctypes = load_doctypes()
	child_tables = {name for name, doc in doctypes.items() if doc.get("istable")}
	assert child_tables <= set(conditions), sorted(child_tables - set(conditions))
	assert child_tables == set(CHILD_TABLE_PARENTS), sorted(child_tables ^ set(CHILD_TABLE_PARENTS))
	for table, parent in CHILD_TABLE_PARENTS.items():
		assert parent is None or parent in TREE_RULES, f"{table}: its parent {parent} has no rule"


def test_every_record_with_a_sales_person_is_under_the_registry():
	"""A doctype of the app that names the Sales Person it belongs to follows the tree through one rule
	(core.access_rules), which gives both its list conditions and its document permission."""
	from sales_technology.core.access_rules import TREE_RULES

	conditions = hook_dict("permission_query_conditions")
	permissions = hook_dict("has_permission")
	# settings, templates and the department's catalogues name no rep's line
	for name, doc in load_doctypes().items():
		if doc.get("istable") or doc.get("issingle"):
			continue
		fields = {field["fieldname"]: field for field in doc.get("fields", [])}
		node = fields.get("sales_person")
		if node and node.get("options") == "Sales Person":
			assert name in TREE_RULES, f"{name} has a Sales Person and no tree rule"
	for name, rule in TREE_RULES.items():
		assert name in load_doctypes(), name
		assert permissions[name] == "sales_technology.shared.access.has_permission"
		assert (name in conditions) == rule.bound_to_tree


def test_erpnexts_clients_and_deals_are_under_the_client_rule():
	"""Every doctype the client rule names gets both hooks from it, and the fields it reads exist: the
	kept Sales Person on the clients and deals (a custom field of the app), the party of a quotation."""
	from sales_technology.core.access_rules import CLIENT_RULES, HANGING_ON_CLIENTS, QUOTATION_PARTIES
	from sales_technology.setup.custom_fields import CUSTOM_FIELDS

	conditions = hook_dict("permission_query_conditions")
	permissions = hook_dict("has_permission")
	for name in [*CLIENT_RULES, *HANGING_ON_CLIENTS]:
		assert conditions[name] == "sales_technology.shared.client_access.permission_query_conditions"
		assert permissions[name] == "sales_technology.shared.client_access.has_permission"
	for name, rule in CLIENT_RULES.items():
		if rule.node_field:
			assert rule.node_field in {field["fieldname"] for field in CUSTOM_FIELDS[name]}, name
		else:
			assert rule.party_fields and set(QUOTATION_PARTIES) <= set(CLIENT_RULES)


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("sales_technology/workspace/*/*.json")), ids=str)
def test_every_workspace_card_is_placed_on_the_page(path: Path):
	"""A Card Break among the links shows only where the content places it: a card left out of the
	content is invisible to everyone, and a placed card without links is an empty box."""
	workspace = json.loads(path.read_text())
	breaks = [link["label"] for link in workspace["links"] if link["type"] == "Card Break"]
	placed = [
		block["data"]["card_name"] for block in json.loads(workspace["content"]) if block["type"] == "card"
	]
	assert sorted(breaks) == sorted(placed)
	for index, link in enumerate(workspace["links"]):
		if link["type"] == "Card Break":
			following = workspace["links"][index + 1 : index + 1 + link["link_count"]]
			assert [item["type"] for item in following] == ["Link"] * link["link_count"], link["label"]


def methods_named_by_files() -> list[tuple[str, str]]:
	"""(file, dotted path) of every app method that the desk calls by name: number cards, chart sources,
	and the app's JavaScript (`frappe.call`, `frappe.xcall`, a button's method)."""
	found = []
	pattern = re.compile(r"[\"'](sales_technology(?:\.\w+){2,})[\"']")
	for path in sorted(PACKAGE.rglob("*")):
		if path.suffix not in {".json", ".js", ".html", ".py"} or "node_modules" in path.parts:
			continue
		if path.suffix == ".py" and path.name != "main_kpis_block.py":
			continue
		for dotted in pattern.findall(path.read_text()):
			if ".patches." in dotted:
				continue
			found.append((str(path.relative_to(REPO)), dotted))
	return found


def test_the_desk_calls_methods_that_exist():
	assert len(methods_named_by_files()) >= 10
	missing = []
	for file, dotted in methods_named_by_files():
		module, _, function = dotted.rpartition(".")
		path = module_path(module)
		if not path or function not in top_level_functions(path):
			missing.append(f"{file}: {dotted}")
	assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("sales_technology/report/*/*.py")), ids=lambda p: p.stem)
def test_report_columns_are_wide_enough_for_their_values(path: Path):
	"""A date or an amount cut inside its cell («09-12-20…», «RUB 1.268.9…») reads as another figure."""
	for block in re.findall(r"\{[^{}]*\}", path.read_text()):
		kind = re.search(r'"fieldtype":\s*"(Date|Currency)"', block)
		width = re.search(r'"width":\s*(\d+)', block)
		if kind and width:
			assert int(width.group(1)) >= {"Date": 110, "Currency": 140}[kind.group(1)], block
