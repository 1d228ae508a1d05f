"""Which rules run for which kind of application, and `run_all_checks`.

Order is stable (the order of `RULES`), whatever the outcome. Kinds:
- own_access: every applicant rule, the applicant's OMS policy, duplicate, sla.
- child_access: the applicant (parent) identity rules, the child's OMS policy, child_age, birth_certificate,
  kinship, duplicate, sla.
- change_access, cancel_access, opt_out, opt_in: applicant_age, passport_number, passport_validity, phone,
  snils, photo, duplicate, sla; plus oms_policy when the applicant's policy is given and the child rules when
  the pack names a child.
"""

from __future__ import annotations

from datetime import date

from reviewer_app.domain.application import Application
from reviewer_app.domain.checks import CheckReport, CheckResult
from reviewer_app.domain.documents import DocumentReading
from reviewer_app.domain.enums import ApplicationKind
from reviewer_app.domain.history import PersonHistory
from reviewer_app.domain.registry import CivilRegistry
from reviewer_app.policy import rules
from reviewer_app.policy.document_data import document_data
from reviewer_app.policy.rules import CheckInputs, Rule
from reviewer_app.policy.ruletable import RuleTable, RuleTables, resolve_table

RULES: tuple[tuple[str, Rule], ...] = (
    ("applicant_age", rules.applicant_age),
    ("passport_number", rules.passport_number),
    ("passport_validity", rules.passport_validity),
    ("oms_policy", rules.oms_policy),
    ("phone", rules.phone),
    ("snils", rules.snils),
    ("photo", rules.photo),
    ("document_data", document_data),
    ("child_age", rules.child_age),
    ("birth_certificate", rules.birth_certificate),
    ("kinship", rules.kinship),
    ("duplicate", rules.duplicate),
    ("sla", rules.sla),
)
RULE_IDS = tuple(rule_id for rule_id, _ in RULES)
_CHILD_RULES = frozenset({"child_age", "birth_certificate", "kinship"})
_IDENTITY = frozenset(RULE_IDS) - _CHILD_RULES - {"oms_policy", "document_data"}


def rules_for(app: Application, *, documents_read: bool = False) -> tuple[tuple[str, Rule], ...]:
    """The rules of the application's kind; document_data only when the caller read the documents."""
    if app.kind == ApplicationKind.OWN_ACCESS:
        wanted = _IDENTITY | {"oms_policy"}
    elif app.kind == ApplicationKind.CHILD_ACCESS:
        wanted = _IDENTITY | {"oms_policy"} | _CHILD_RULES
    else:
        wanted = set(_IDENTITY)
        if app.applicant.oms_policy is not None:
            wanted.add("oms_policy")
        if app.child is not None:
            wanted |= _CHILD_RULES
    if documents_read:
        wanted = set(wanted) | {"document_data"}
    return tuple((rid, fn) for rid, fn in RULES if rid in wanted)


def run_all_checks(
    app: Application,
    *,
    today: date | None = None,
    as_of: date | None = None,
    table: RuleTable | RuleTables | None = None,
    registry: CivilRegistry | None = None,
    history: PersonHistory | None = None,
    is_colour: bool | None = None,
    documents: tuple[DocumentReading, ...] | None = None,
) -> CheckReport:
    """Run every rule that applies to the application's kind.

    today: the date the SLA warning is relative to (default: the submission date).
    as_of: the date for age and validity checks (default: the Moscow submission date; the `check` command
      passes --today here).
    table: a RuleTable, or RuleTables from `load_rule_table` (the version in force on the submission date
      applies); default: the built-in table.
    documents: the readings of the pack's document images (`reviewer_app.documents.read_pack_documents`);
      with them the `document_data` check runs, without them it does not (the caller did not read).
    Raises CalendarNotCoveredError when the deadline falls in a year the calendar data does not cover.
    """
    submitted = app.submitted_on
    t = resolve_table(table, submitted)
    on = as_of or submitted
    deadline = rules.sla_deadline(submitted, t)
    inputs = CheckInputs(today=today or submitted, registry=registry, history=history or PersonHistory.empty(),
                         is_colour=is_colour, deadline=deadline, documents=documents)
    results: list[CheckResult] = [fn(app, on, t, inputs)
                                  for _, fn in rules_for(app, documents_read=documents is not None)]
    return CheckReport(application_id=app.id, kind=str(app.kind), rule_version=t.version,
                       sla_deadline=deadline, results=tuple(results))


def sla_deadline(app_or_date: Application | date, table: RuleTable | RuleTables | None = None) -> date:
    """The answer deadline of an application (or of a Moscow submission date) under the rule version in force."""
    submitted = app_or_date.submitted_on if isinstance(app_or_date, Application) else app_or_date
    return rules.sla_deadline(submitted, resolve_table(table, submitted))
