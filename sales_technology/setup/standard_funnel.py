"""The seed's funnel of nine steps (000, catalogue/funnel.csv) as ERPNext Sales Stages and the default
Sales Funnel. Probabilities, expected and maximum days and the key stage are our reading (the seed gives
the steps only): the head changes them in the funnel."""

from __future__ import annotations

from sales_technology.core.client_matrix import SEED_STAGE_LEVELS

# (English name, Russian seed name, probability %, expected days, maximum days, key stage)
SEED_STAGES: tuple[tuple[str, str, float, int, int, bool], ...] = (
	("Target list", "Составить список клиентов (реестр целевых клиентов)", 5, 5, 10, False),
	("Cold call: find the decision maker", "Холодный звонок: поиск ЛПР", 10, 3, 7, False),
	("Call the decision maker: book a meeting", "Звонок ЛПР: договориться о встрече", 15, 3, 7, False),
	("Commercial proposal sent", "Отправка коммерческого предложения", 20, 3, 7, False),
	("Meeting with the decision maker", "Встреча с ЛПР", 35, 7, 14, True),
	("Meeting protocol agreed and signed", "Протокол встречи согласован и подписан", 50, 5, 14, False),
	("Client development plan in progress", "Исполнение плана развития клиента", 65, 30, 60, False),
	("Tender (if required)", "Тендер (при необходимости)", 80, 30, 60, False),
	("Contract or letter of guarantee signed", "Договор или гарантийное письмо", 100, 10, 20, False),
)
DEFAULT_FUNNEL = "Sales Technology Funnel"


def set_seed_client_levels() -> None:
	"""The default funnel's stages without a client level get the seed's (a site whose funnel was
	installed before the client × product matrix); a head's levels are kept."""
	import frappe

	for (stage, *_rest), level in zip(SEED_STAGES, SEED_STAGE_LEVELS, strict=True):
		if level:
			frappe.db.set_value(
				"Sales Funnel Stage",
				{
					"parent": DEFAULT_FUNNEL,
					"parenttype": "Sales Funnel",
					"sales_stage": stage,
					"client_level": ("is", "not set"),
				},
				"client_level",
				level,
			)


def create_standard_funnel() -> None:
	"""The seed's stages a site lacks (the site's own stages are neither renamed nor deleted) and the
	default funnel, where the site has no default funnel yet."""
	import frappe

	for name, *_rest in SEED_STAGES:
		if not frappe.db.exists("Sales Stage", name):
			frappe.get_doc({"doctype": "Sales Stage", "stage_name": name}).insert(ignore_permissions=True)
	if frappe.db.exists("Sales Funnel", {"is_default": 1}) or frappe.db.exists(
		"Sales Funnel", DEFAULT_FUNNEL
	):
		return
	frappe.get_doc(
		{
			"doctype": "Sales Funnel",
			"funnel_name": DEFAULT_FUNNEL,
			"is_default": 1,
			"enabled": 1,
			"description": "The funnel of the sales technology: from the target list to the signed contract",
			"stages": [
				{
					"sales_stage": name,
					"probability": probability,
					"expected_days": expected,
					"maximum_days": maximum,
					"is_key_stage": int(key),
					"client_level": level,
				}
				for (name, _ru, probability, expected, maximum, key), level in zip(
					SEED_STAGES, SEED_STAGE_LEVELS, strict=True
				)
			],
		}
	).insert(ignore_permissions=True)


# the default funnel's playbook per stage (seed 002 asks for goal, responsible, tasks, result, time limit
# and control; the goals are the funnel's notes in catalogue/funnel.csv, the tasks its processes 2.1–2.14
# in catalogue/processes.csv; our reading, which the head edits): stage, goal, expected result, control
# point, [(task, mandatory, due in days, activity type)]
SEED_PLAYBOOKS: tuple[tuple[str, str, str, str, tuple[tuple[str, bool, int, str | None], ...]], ...] = (
	(
		"Target list",
		"The party is on the target list: a large organisation we want to work with",
		"The client's card holds its industry, size and what we know of its decision maker",
		"The group lead reviews the new target clients every week",
		(
			("Build the client registry", True, 0, "Build the client registry"),
			("Collect information on the client and its decision maker", True, 2, None),
			("Choose the sales scenario", False, 3, None),
		),
	),
	(
		"Cold call: find the decision maker",
		"The name and contacts of the decision maker",
		"The decision maker's name, position, phone and e-mail are in the client's contact",
		"Cold calls against the day norm in the daily report",
		(
			("Prepare the communication plan", False, 0, None),
			("Establish contact", True, 1, "Establish contact"),
		),
	),
	(
		"Call the decision maker: book a meeting",
		"A meeting booked with the decision maker",
		"A planned meeting with its date and place",
		"Calls to decision makers in the daily report",
		(("Call the decision maker: book a meeting", True, 1, "Call the decision maker: book a meeting"),),
	),
	(
		"Commercial proposal sent",
		"The decision maker has our commercial proposal, whether or not a meeting was agreed",
		"The proposal is sent and its receipt confirmed",
		"The group lead sees the proposals sent in the daily report",
		(
			("Send the commercial proposal", True, 0, None),
			("Confirm the proposal was received", False, 2, None),
		),
	),
	(
		"Meeting with the decision maker",
		"Agree to cooperate",
		"Cooperation agreed; the protocol and its agreements written",
		"The group lead reads the agenda before the meeting and the protocol after it",
		(
			("Write the meeting's agenda", True, 0, None),
			("Discover needs and risks", True, 3, "Discover needs and risks"),
			("Write the protocol and its agreements", True, 4, None),
		),
	),
	(
		"Meeting protocol agreed and signed",
		"The protocol agreed by e-mail and signed by both sides: it is the client development plan",
		"The protocol signed by both sides, the agreements in work",
		"Meeting Discipline: protocols sent and signed",
		(
			("Send the protocol to the client", True, 0, None),
			("Get the protocol signed by both sides", True, 5, None),
		),
	),
	(
		"Client development plan in progress",
		"The client's real interest in working with us",
		"The agreements of the development plan done, terms agreed",
		"Open Agreements: nothing overdue",
		(
			("Prepare the technical proposal", False, 5, "Prepare the technical proposal"),
			("Negotiate terms of cooperation", True, 10, "Negotiate terms of cooperation"),
			("Run a pilot project", False, 20, None),
		),
	),
	(
		"Tender (if required)",
		"Win the tender, where the client holds one",
		"The tender won",
		"The head reviews every tender taken part in",
		(("Prepare the tender documents", True, 5, None),),
	),
	(
		"Contract or letter of guarantee signed",
		"The contract or a letter of guarantee signed",
		"The signed contract and the first payment",
		"Receivables in the monthly meeting",
		(
			("Sign the contract", True, 3, "Sign the contract"),
			("Control payments and receivables", False, 10, None),
		),
	),
)


def create_standard_playbooks() -> None:
	"""The default funnel's playbooks its stages lack (a head's edits and deletions of tasks are kept:
	only a stage without any playbook gets one)."""
	import frappe

	if not frappe.db.exists("Sales Funnel", DEFAULT_FUNNEL):
		return
	stages = set(
		frappe.get_all("Sales Funnel Stage", filters={"parent": DEFAULT_FUNNEL}, pluck="sales_stage")
	)
	activity_types = set(frappe.get_all("Sales Activity Type", pluck="name"))
	for stage, goal, result, control, tasks in SEED_PLAYBOOKS:
		if stage not in stages or frappe.db.exists(
			"Sales Stage Playbook", {"sales_funnel": DEFAULT_FUNNEL, "sales_stage": stage}
		):
			continue
		maximum = frappe.db.get_value(
			"Sales Funnel Stage", {"parent": DEFAULT_FUNNEL, "sales_stage": stage}, "maximum_days"
		)
		frappe.get_doc(
			{
				"doctype": "Sales Stage Playbook",
				"sales_funnel": DEFAULT_FUNNEL,
				"sales_stage": stage,
				"responsible_role": "Sales Rep",
				"goal": goal,
				"expected_result": result,
				"control_point": control,
				"time_limit_days": maximum,
				"tasks": [
					{
						"task": task,
						"mandatory": int(mandatory),
						"due_in_days": due,
						"activity_type": activity_type if activity_type in activity_types else None,
					}
					for task, mandatory, due, activity_type in tasks
				],
			}
		).insert(ignore_permissions=True)
