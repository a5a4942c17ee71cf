# Copyright (c) 2026, Sales Technology developers and contributors
# For license information, please see license.txt


def get_context(context):
	"""The public form shows no list, no other request and nothing of the desk."""
	context.show_sidebar = False
