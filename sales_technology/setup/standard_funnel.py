"""The seed's funnel of nine steps (000, catalogue/funnel.csv) as ERPNext Sales Stages and the default
Sales Funnel. Probabilities, expected and maximum days and the key stage are our reading (the seed gives
the steps only): the head changes them in the funnel."""

from __future__ import annotations

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
				}
				for name, _ru, probability, expected, maximum, key in SEED_STAGES
			],
		}
	).insert(ignore_permissions=True)
