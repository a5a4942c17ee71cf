"""Every lead, prospect and customer made before the rule keeps whose it is (its owner's Sales Person, else
a customer's first of its Sales Team, else its latest deal's or submitted invoice's rep, else its
creator's), the deals follow their clients again, and the
standard Joint category is shared by its Sales Team. Runs once: after install, and as a patch."""

import frappe

from sales_technology.core.client_classification import SHARED_CLIENT_CATEGORIES
from sales_technology.shared.clients_and_deals import (
	backfill_client_sales_persons,
	backfill_deal_sales_persons,
)


def execute() -> None:
	for category in SHARED_CLIENT_CATEGORIES:
		if frappe.db.exists("Client Category", {"name": category, "is_standard": 1}):
			frappe.db.set_value("Client Category", category, "shared_by_sales_team", 1)
	# the deals by their owners first, so that a client nobody owns is its latest deal's rep's; then the
	# deals of clients again by their clients
	backfill_deal_sales_persons()
	backfill_client_sales_persons()
	backfill_deal_sales_persons()
