"""Every label, option and message of the app has a Russian translation."""

from __future__ import annotations

import ast
import csv
import json
import os
import re
from pathlib import Path

import pytest

from sales_technology.core.cadences import RUN_STATUSES, STANDARD_CADENCES
from sales_technology.core.client_classification import STANDARD_CLIENT_CATEGORIES
from sales_technology.core.deal_control import STALE_CONDITIONS, STANDARD_CLOSING_STATUSES
from sales_technology.core.headcount import CONVERSIONS, NORMS
from sales_technology.core.roles import ROLES
from sales_technology.setup.custom_fields import CUSTOM_FIELDS
from sales_technology.setup.standard_activity_types import KPI_TAGS, RESULTS_BY_TAG, STANDARD_ACTIVITY_TYPES
from sales_technology.setup.standard_kpis import STANDARD_KPIS
from sales_technology.setup.workflows import ACTIONS, STATE_STYLES

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sales_technology"
JS_MESSAGE = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""")


def russian() -> dict[str, str]:
	with (PACKAGE / "translations" / "ru.csv").open(newline="") as file:
		return {row[0]: row[1] for row in csv.reader(file) if row}


def field_strings(field: dict) -> list[str]:
	strings = [field.get("label"), field.get("description")]
	if field.get("fieldtype") == "Select":
		strings += field.get("options", "").split("\n")
	return [s for s in strings if s]


def metadata_strings() -> set[str]:
	strings = {"Sales Technology", *ROLES}
	for name, _russian, meaning in STANDARD_CLIENT_CATEGORIES:
		strings.update((name, meaning))
	strings.update(kpi["kpi_name"] for kpi in STANDARD_KPIS)
	strings.update(STATE_STYLES)
	strings.update(t["activity_type_name"] for t in STANDARD_ACTIVITY_TYPES)
	strings.update(STALE_CONDITIONS)
	# the planner's inputs, named in its errors
	strings.update(name for _fieldname, name in (*CONVERSIONS, *NORMS))
	# the endings of a deal and their criteria, shown on the Ask to Close dialog and the requests
	for name, outcome, criteria in STANDARD_CLOSING_STATUSES:
		strings.update((name, outcome, criteria))
	strings.update(KPI_TAGS)
	strings.update(result for results in RESULTS_BY_TAG.values() for result in results)
	strings.update(result for t in STANDARD_ACTIVITY_TYPES for result in t.get("results", ()))
	# the standard cadences: what the rep reads on the cadence and on the activities it plans
	for name, cadence in STANDARD_CADENCES.items():
		strings.update((name, cadence["description"]))
		for step in cadence["steps"]:
			strings.update(text for text in (step.subject, step.marketing_support) if text)
	strings.update(RUN_STATUSES)
	strings.update(ACTIONS)
	# the public web forms: what a guest reads
	for path in PACKAGE.glob("sales_technology/web_form/*/*.json"):
		form = json.loads(path.read_text())
		strings.update(
			form[key]
			for key in ("title", "introduction_text", "button_label", "success_title", "success_message")
			if form.get(key)
		)
		strings.update(field["label"] for field in form["web_form_fields"] if field.get("label"))
	for path in PACKAGE.glob("sales_technology/doctype/*/*.json"):
		doc = json.loads(path.read_text())
		strings.add(doc["name"])
		if doc.get("description"):
			strings.add(doc["description"])
		for field in doc["fields"]:
			if field["fieldname"] != "naming_series":
				strings.update(field_strings(field))
	for path in PACKAGE.glob("sales_technology/workspace/*/*.json"):
		workspace = json.loads(path.read_text())
		strings.add(workspace["label"])
		strings.update(link["label"] for link in workspace["links"])
	for path in PACKAGE.glob("sales_technology/dashboard_chart/*/*.json"):
		strings.add(json.loads(path.read_text())["chart_name"])
	for path in PACKAGE.glob("sales_technology/number_card/*/*.json"):
		strings.add(json.loads(path.read_text())["label"])
	for path in PACKAGE.glob("sales_technology/module_onboarding/*/*.json"):
		onboarding = json.loads(path.read_text())
		strings.update(onboarding[key] for key in ("title", "subtitle", "success_message"))
	for path in PACKAGE.glob("sales_technology/onboarding_step/*/*.json"):
		step = json.loads(path.read_text())
		strings.update(
			step[key]
			for key in ("title", "description", "action_label", "report_description")
			if step.get(key)
		)
	for path in PACKAGE.glob("sales_technology/form_tour/*/*.json"):
		for tour_step in json.loads(path.read_text())["steps"]:
			strings.update((tour_step["title"], tour_step["description"]))
	for path in PACKAGE.glob("sales_technology/report/*/*.json"):
		strings.add(json.loads(path.read_text())["report_name"])
	for fields in CUSTOM_FIELDS.values():
		for field in fields:
			strings.update(field_strings(field))
	return strings


def is_message(node: ast.AST, in_core: bool) -> bool:
	"""A call of `_("...")`, or in core/ the raising of an error with a message template."""
	if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
		return False
	if not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
		return False
	builtin = node.func.id in ("ValueError", "TypeError")
	return node.func.id == "_" or (in_core and node.func.id.endswith("Error") and not builtin)


def python_messages() -> set[str]:
	messages = set()
	for path in PACKAGE.rglob("*.py"):
		in_core = path.parent.name == "core"
		for node in ast.walk(ast.parse(path.read_text())):
			if is_message(node, in_core):
				messages.add(node.args[0].value)
	return messages


def js_messages() -> set[str]:
	"""__() in the app's scripts, and in the script of the workspace's Custom HTML Block, kept in Python."""
	messages = set()
	sources = [path.read_text() for path in PACKAGE.rglob("*.js")]
	sources.append((PACKAGE / "setup" / "main_kpis_block.py").read_text())
	for source in sources:
		messages.update(match.group(2) for match in JS_MESSAGE.finditer(source))
	return messages


# the words the app shares with ERPNext and Frappe, left to their translation (an entry of the app's
# would change how ERPNext's own screens read: «Currency» as «Сумма» on every Opportunity)
ERPNEXT_WORDS = REPO / "tests" / "words_erpnext_translates.txt"
BENCH = Path(os.environ.get("ST_BENCH", "/opt/stbench"))


def erpnext_words() -> set[str]:
	return {line for line in ERPNEXT_WORDS.read_text().splitlines() if line}


def test_every_string_has_a_russian_translation():
	translations = russian()
	wanted = metadata_strings() | python_messages() | js_messages()
	missing = sorted(s for s in wanted if not translations.get(s) and s not in erpnext_words())
	assert not missing, "no Russian for:\n" + "\n".join(missing)


def frappe_and_erpnext_russian() -> dict[str, str]:
	"""What Frappe and ERPNext on the bench say in Russian (their CSVs and Frappe's ru.po)."""
	found: dict[str, str] = {}
	for app in ("erpnext", "frappe"):
		path = BENCH / "apps" / app / app / "translations" / "ru.csv"
		if path.exists():
			with path.open(newline="", encoding="utf-8") as file:
				for row in csv.reader(file):
					if len(row) >= 2 and row[1] and not (len(row) > 2 and row[2]):
						found.setdefault(row[0], row[1])
	po = BENCH / "apps" / "frappe" / "frappe" / "locale" / "ru.po"
	if po.exists():
		for match in re.finditer(r'^msgid "(.+)"\nmsgstr "(.+)"$', po.read_text(encoding="utf-8"), re.M):
			found.setdefault(match.group(1).replace('\\"', '"'), match.group(2).replace('\\"', '"'))
	return found


def test_the_app_never_changes_how_erpnext_and_frappe_translate_their_words():
	"""Run where a bench is (ST_BENCH): no entry of the app's ru.csv gives one of their words another
	Russian, and what the app leaves to them they do translate."""
	theirs = frappe_and_erpnext_russian()
	if not theirs:
		pytest.skip(f"no Frappe and ERPNext translations at {BENCH}")
	with (PACKAGE / "translations" / "ru.csv").open(newline="") as file:
		rows = [row for row in csv.reader(file) if row]
	changed = sorted(
		f"{row[0]}: {row[1]} (theirs: {theirs[row[0]]})"
		for row in rows
		if row[0] in theirs and theirs[row[0]] != row[1] and not (len(row) > 2 and row[2])
	)
	assert not changed, "the app's ru.csv changes ERPNext's or Frappe's Russian:\n" + "\n".join(changed)
	untranslated = sorted(word for word in erpnext_words() if not theirs.get(word))
	assert not untranslated, untranslated


def test_standard_kpis_are_translated_to_their_methodology_names():
	translations = russian()
	for kpi in STANDARD_KPIS:
		assert translations.get(kpi["kpi_name"]) == kpi["seed_name"], kpi["code"]


def test_standard_activity_types_are_translated_to_their_methodology_names():
	translations = russian()
	for activity_type in STANDARD_ACTIVITY_TYPES:
		assert translations.get(activity_type["activity_type_name"]) == activity_type["seed_name"]


def test_placeholders_survive_translation():
	for source, target in russian().items():
		assert sorted(re.findall(r"\{\d\}", source)) == sorted(re.findall(r"\{\d\}", target)), source


def test_the_finder_finds_messages():
	"""Guards the test above against a finder that finds nothing."""
	assert "Sales Technology needs ERPNext: install ERPNext into this bench first." in python_messages()
	assert "Standard" in js_messages()
	assert "A {0} cannot be split into {1} periods" in python_messages()
	assert "Commitment Level" in metadata_strings()


def test_the_standard_playbooks_are_translated():
	"""The seed playbooks are data, shown on the deal's form in the user's language."""
	from sales_technology.setup.standard_funnel import SEED_PLAYBOOKS

	translations = russian()
	for _stage, goal, result, control, tasks in SEED_PLAYBOOKS:
		for text in (goal, result, control, *(task for task, *_rest in tasks)):
			assert translations.get(text), text


def test_the_commitment_figures_are_translated():
	"""Their labels are data the report translates."""
	from sales_technology.core.commitment_figures import MEASURES, RUNG_LABELS

	translations = russian()
	labels = {measure.label for measures in MEASURES.values() for measure in measures}
	for text in (*labels, *RUNG_LABELS.values()):
		assert translations.get(text), text


def test_the_standard_checklists_are_translated():
	"""Their names and questions are data: the intel form copies the questions in the user's language."""
	from sales_technology.core.competitors import STANDARD_CHECKLISTS

	translations = russian()
	for name, purpose, questions in STANDARD_CHECKLISTS:
		for text in (name, purpose, *questions):
			assert translations.get(text), text


def test_the_standard_programme_is_translated():
	"""The new rep's steps are data, copied into his programme in the site's language."""
	from sales_technology.core.rep_programme import STANDARD_PROGRAMME, STANDARD_PROGRAMME_NAME

	translations = russian()
	assert translations.get(STANDARD_PROGRAMME_NAME)
	for step in STANDARD_PROGRAMME:
		for text in (step.title, step.what_to_do, step.evidence):
			assert translations.get(text) or text in erpnext_words(), text


def test_the_library_of_standards_is_translated():
	"""Its titles are data, shown in the user's language (Sales Standard is a translated doctype)."""
	from sales_technology.core.standards import STANDARD_LIBRARY

	translations = russian()
	for entry in STANDARD_LIBRARY:
		assert translations.get(entry.title), entry.title


def test_the_training_catalogue_is_translated():
	"""The seed's trainings are data, shown in the user's language (a translated doctype)."""
	from sales_technology.core.trainings import STANDARD_TOPICS

	translations = russian()
	for topic in STANDARD_TOPICS:
		assert translations.get(topic.topic) and translations.get(topic.description), topic.topic
