# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt

from frappe import _


def get_context(context):
	"""The public form shows no list, no other request and nothing of the desk; what the guest reads is
	in the guest's language (Frappe's template translates the heading, not the browser tab's title, the
	introduction or the thank-you)."""
	context.show_sidebar = False
	for key in ("title", "meta_title", "introduction_text", "success_title", "success_message"):
		if context.get(key):
			context[key] = _(context[key])
