"""Rows written to a tab-separated file and loaded by MariaDB's LOAD DATA LOCAL INFILE, on a connection
of its own that commits: ten times the pace of INSERT statements, which the five-times department's
13 M rows need. Only for a run that commits what it generates."""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime

import frappe
import pymysql

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def as_field(value) -> str:
	"""A value as LOAD DATA reads it back (NULL as \\N, the separators escaped)."""
	if value is None:
		return "\\N"
	if isinstance(value, bool):
		return str(int(value))
	if isinstance(value, datetime):
		return value.strftime("%Y-%m-%d %H:%M:%S.%f")
	if isinstance(value, date):
		return value.isoformat()
	return str(value).translate(_ESCAPES)


def load_rows(doctype: str, fields: list[str], rows: list[list]) -> None:
	"""Load the rows into the doctype's table, skipping a row whose name is there already (a second run)."""
	if not rows:
		return
	with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as file:
		for row in rows:
			file.write("\t".join(as_field(value) for value in row))
			file.write("\n")
	columns = ", ".join(f"`{field}`" for field in fields)
	connection = pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user=frappe.conf.get("db_user") or frappe.conf.db_name,
		password=frappe.conf.db_password,
		database=frappe.conf.db_name,
		charset="utf8mb4",
		local_infile=True,
	)
	try:
		with connection.cursor() as cursor:
			cursor.execute(
				f"""load data local infile %s ignore into table `tab{doctype}`
				character set utf8mb4 fields terminated by '\\t' escaped by '\\\\'
				lines terminated by '\\n' ({columns})""",
				(file.name,),
			)
		connection.commit()
	finally:
		connection.close()
		os.unlink(file.name)
