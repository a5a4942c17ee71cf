"""The department's five main KPIs (seed 002: the key stage as the north star "and 4 more indicators
that show the whole situation in the department"): which may be chosen, and their order first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sales_technology.core.errors import SalesTechnologyError

MAXIMUM_MAIN_KPIS = 5
# our reading of the seed (it names the key stage, not the four others): the result, the new business,
# the new clients, the meetings that make them and the first conversion of the funnel
DEFAULT_MAIN_KPIS = (
	"TURNOVER",
	"NEW_CONTRACTS_AMOUNT",
	"NEW_CLIENTS_COUNT",
	"MEETINGS_NEEDS",
	"CONV_COLD_CALL_TO_MEETING",
)


class MainKPIError(SalesTechnologyError):
	"""A choice of main KPIs the methodology refuses."""


def check_main_kpis(kpis: Sequence[str]) -> None:
	if len(kpis) > MAXIMUM_MAIN_KPIS:
		raise MainKPIError("Choose at most {0} main KPIs, not {1}", MAXIMUM_MAIN_KPIS, len(kpis))
	seen = set()
	for kpi in kpis:
		if kpi in seen:
			raise MainKPIError("KPI {0} is among the main KPIs twice", kpi)
		seen.add(kpi)


def main_first(rows: Iterable[dict], main: Sequence[str]) -> list[dict]:
	"""The rows of the main KPIs first, in the order they were chosen; the others keep their order."""
	rank = {kpi: index for index, kpi in enumerate(main)}
	return sorted(rows, key=lambda row: rank.get(row["kpi"], len(rank)))
