"""The app's bench commands: `bench --site <site> sales-demo` makes the demo department."""

from __future__ import annotations

import sys

import click
import frappe
from frappe.commands import get_site, pass_context
from frappe.utils import strip_html


@click.command("sales-demo")
@click.option("--force", is_flag=True, help="Add the demo to a site that already has sales documents")
@click.option("--language", default=None, help="The site's language when the demo sets it up (en, ru)")
@pass_context
def sales_demo(context, force: bool = False, language: str | None = None) -> None:
	"""Make the demo sales department on this site (a Russian company first, where the site has none)."""
	# the demo reaches ERPNext and the whole app: imported when the command runs, not whenever bench starts
	from sales_technology.demo import DemoRefused, create

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		summary = create(force=force, language=language)
	except DemoRefused as refused:
		frappe.db.rollback()
		click.secho(strip_html(str(refused)), fg="red", err=True)
		sys.exit(1)
	finally:
		frappe.destroy()
	click.echo(f"The demo department is ready; every person's password is {summary['password']}")
	for key, user in summary["users"].items():
		click.echo(f"  {key:<10} {user}")


commands = [sales_demo]
