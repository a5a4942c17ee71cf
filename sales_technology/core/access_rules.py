"""The tree rule of every doctype of the app, as data: the one registry from which hooks.py generates the
permission hooks, and the share guard, the child tables' conditions and the reports' scope are decided.

A rule says which field holds the record's Sales Person, whether the nodes above the user's own are
readable there, and who writes: `PLAN` (the plan's managers; a rep his own drafts of Day plans and of
Week plans opened to him), `MANAGED` (the node's managers only), `OWN_WORK` (the person who did the work
and the managers above), `MANAGED_ONLY` (the managers of the node, with no sight of the nodes above
either; who reads everything reads it), `COLLECTOR` (every sales role reads; the collector and the keepers
write; not bound to the tree).
"""

from __future__ import annotations

from dataclasses import dataclass

PLAN = "plan"
MANAGED = "managed"
OWN_WORK = "own work"
MANAGED_ONLY = "managed only"
COLLECTOR = "collector"


@dataclass(frozen=True)
class TreeRule:
	writes: str
	see_above: bool = False
	node_field: str = "sales_person"
	# readers beside the tree: who a meeting concerns (its participants and agreement owners)
	concerned_readers: bool = False

	@property
	def bound_to_tree(self) -> bool:
		return self.writes != COLLECTOR


TREE_RULES: dict[str, TreeRule] = {
	"Sales Plan": TreeRule(PLAN, see_above=True),
	"Plan Correction": TreeRule(MANAGED, see_above=True),
	"Sales Norm": TreeRule(MANAGED, see_above=True),
	"KPI Snapshot": TreeRule(MANAGED, see_above=True),
	# a person's kept facts are his work's: he, his lead, the head read them; only the app writes them
	"Sales KPI Fact": TreeRule(OWN_WORK),
	# a team's kept facts: its node, the nodes below and the managers above read them
	"Sales KPI Team Fact": TreeRule(OWN_WORK),
	"Corrective Decision": TreeRule(MANAGED, see_above=True),
	# the head's record of the month's changes in the market and the process: his to write, the groups
	# below read it
	"Market Change": TreeRule(MANAGED, see_above=True),
	"Sales Activity": TreeRule(OWN_WORK),
	"Daily Sales Report": TreeRule(OWN_WORK),
	"Sales Meeting": TreeRule(OWN_WORK, concerned_readers=True),
	# a department's review shows every group's figures: the head and the director read it, not the
	# leads below; a group's own review is its lead's
	"Period Review": TreeRule(OWN_WORK),
	# a deal's history, closing requests and flags are its owner's work: the rep, his lead, the head
	"Deal Stage Change": TreeRule(OWN_WORK),
	"Deal Loss Request": TreeRule(OWN_WORK),
	"Stale Deal": TreeRule(OWN_WORK),
	"Sales Forecast Snapshot": TreeRule(OWN_WORK),
	"Sales Cadence Run": TreeRule(OWN_WORK),
	"Incoming Request": TreeRule(OWN_WORK),
	# the head's plans of their part of the tree; the director's and the analyst's of all
	"Sales Headcount Plan": TreeRule(MANAGED_ONLY),
	"Competitor Intel": TreeRule(COLLECTOR, node_field="collected_by"),
	# a new rep's programme: he, his lead and the head read it (his exam and talks are never another
	# rep's to read); who manages him changes it, he records his own steps
	"Rep Programme": TreeRule(OWN_WORK),
	# who confirmed which version of a standard: the rep's own, his lead's and the head's to read; only the
	# app writes it, when the rep confirms
	"Standard Confirmation": TreeRule(OWN_WORK),
	# a book or an article a rep reads: his, his lead's and the head's; the lead assigns and attests it
	"Reading Assignment": TreeRule(OWN_WORK),
	# his strengths and weaknesses and the ways that suit him: his, his lead's and the head's, never
	# another rep's; written by his lead
	"Rep Profile": TreeRule(OWN_WORK),
	# a training held for a group: its reps read it (and the department's), its lead and the head plan it
	"Sales Training": TreeRule(MANAGED, see_above=True),
	# a participant's attendance and exam: his, his lead's and the head's, never another rep's
	"Sales Training Result": TreeRule(OWN_WORK),
	# a client's answer after a won deal or a closed claim: his rep's, the lead's and the head's to read
	"Client Survey": TreeRule(OWN_WORK),
	# a partner's onboarding: its responsible rep works it, his lead and the head above
	"Partner Programme": TreeRule(OWN_WORK),
	# gifts and hospitality: the head sets each group's and the department's budget (its lead reads it);
	# a rep's request is his, his lead's and the head's to decide
	"Hospitality Budget": TreeRule(MANAGED, see_above=True),
	"Hospitality Request": TreeRule(OWN_WORK),
	# a month's industry list: the head's for the department, a lead's for his group; its reps read it
	"Target List": TreeRule(MANAGED, see_above=True),
}

# every child table of the app: its parent, whose rule its rows follow when listed on their own; None for
# the parents every sales role reads (their role permissions decide)
CHILD_TABLE_PARENTS: dict[str, str | None] = {
	"Sales Plan Target": "Sales Plan",
	"Sales Plan Correction Log": "Sales Plan",
	"Plan Correction Item": "Plan Correction",
	"Daily Sales Report Item": "Daily Sales Report",
	"Sales Meeting Agenda Item": "Sales Meeting",
	"Sales Meeting Participant": "Sales Meeting",
	"Sales Meeting Agreement": "Sales Meeting",
	"Sales Meeting Result": "Sales Meeting",
	"Period Review Item": "Period Review",
	"Period Review Decision": "Period Review",
	"Sales Headcount Plan Segment": "Sales Headcount Plan",
	"Sales Cadence Run Step": "Sales Cadence Run",
	"Sales Funnel Stage": None,
	"Sales Stage Playbook Task": None,
	"Sales Main KPI": None,
	"Incoming Request Region": None,
	"Incoming Request Product": None,
	"Competitor Checklist Question": None,
	"Competitor Intel Answer": None,
	"Competitor Positioning Row": None,
	"Sales Cadence Step": None,
	"Rep Programme Step": "Rep Programme",
	"Rep Programme Template Step": None,
	"Sales Standard Group": None,
	"Sales Training Participant": "Sales Training",
	# a claim's steps hang on ERPNext's Issue, which the client rule covers
	"Claim Step": None,
	"Partner Programme Step": "Partner Programme",
	"Target List Company": "Target List",
}


# ERPNext's child tables that the app's documents use too: their rows under the app's parent follow that
# parent's rule when listed on their own; their rows under ERPNext's documents are left to ERPNext
SHARED_CHILD_TABLES: dict[str, str] = {
	"Competitor Detail": "Deal Loss Request",
	"Opportunity Lost Reason Detail": "Deal Loss Request",
}


# ERPNext's clients and deals: whose each is, is kept in one field by the rule of
# shared/clients_and_deals.py (a quotation follows its party's). They are read and changed by the rep they
# belong to and the leads and the head above him; the General Director and the Sales Analyst read all;
# users outside the sales tree keep what ERPNext gives them (an accountant invoices any customer); a
# client that belongs to nobody is the head's to give out. Sales Technology Settings switches it off.
@dataclass(frozen=True)
class ClientRule:
	node_field: str | None = "st_responsible_sales_person"
	# (party type field, party field) of a document that belongs to its party's line
	party_fields: tuple[str, str] | None = None
	# a client of a shared category (Joint) belongs to every Sales Person of its Sales Team too
	shared_by_team: bool = False
	# the Customer whose line a record that names no Sales Person yet follows (a claim's client)
	customer_field: str | None = None


CLIENT_RULES: dict[str, ClientRule] = {
	"Lead": ClientRule(),
	"Prospect": ClientRule(),
	"Customer": ClientRule(shared_by_team=True),
	"Opportunity": ClientRule(),
	"Quotation": ClientRule(node_field=None, party_fields=("quotation_to", "party_name")),
	# a client's claim (an Issue of the type Claim): its responsible rep's; issues of nobody (the support
	# team's own) are the head's among the sales tree and stay as ERPNext has them for everyone else
	"Issue": ClientRule(customer_field="customer"),
}

# the parties a quotation is made for
QUOTATION_PARTIES = ("Customer", "Lead", "Prospect")

# what hangs on clients through its Dynamic Links: closed where it hangs only on clients of another line
# (a contact that is a supplier's too stays as ERPNext has it)
HANGING_ON_CLIENTS = ("Contact", "Address")

# e-mails filed on a client or deal need no rule of ours: Frappe reads a Communication by its reference's
# permission, and the timeline only with the document


def doctypes_with_client_conditions() -> list[str]:
	"""ERPNext's doctypes whose lists, reports, link searches and documents follow the client rule."""
	return [*CLIENT_RULES, *HANGING_ON_CLIENTS]


def doctypes_with_list_conditions() -> list[str]:
	"""The doctypes whose lists, reports and link searches hooks.py filters by the tree."""
	return (
		[name for name, rule in TREE_RULES.items() if rule.bound_to_tree]
		+ list(CHILD_TABLE_PARENTS)
		+ list(SHARED_CHILD_TABLES)
	)


READ_PTYPES = frozenset({"read", "select", "print", "email", "report", "export", "share"})


def changes_the_record(ptype: str | None) -> bool:
	"""Whether the permission asked for changes a stored record (and so is judged on it as stored too)."""
	return (ptype or "read") not in READ_PTYPES | {"create"}
