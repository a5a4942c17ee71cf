"""Every deal made before the rule gets the Sales Person it belongs to (its owner's, else its party's,
else its creator's). Runs once: after install, and on the sites that had the app before as a patch."""

from sales_technology.shared.clients_and_deals import backfill_deal_sales_persons


def execute() -> None:
	backfill_deal_sales_persons()
