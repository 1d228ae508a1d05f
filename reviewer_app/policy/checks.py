"""Which rules run for which kind of application, and `run_all_checks`.

Order is stable (the order of `RULES`), whatever the outcome. Kinds:
- own_access: every applicant rule, the applicant's OMS policy, duplicate, sla.
- child_access: the applicant (parent) identity rules, the child's OMS policy, the parent's own OMS policy
  (parent_oms_policy), child_age, birth_certificate, kinship, duplicate, sla.
- change_access, cancel_access, opt_out, opt_in: applicant_age, passport_number, passport_validity, phone,
  snils, photo, duplicate, sla; plus oms_policy when the applicant's policy is given and the child rules when
  the pack names a child.
- Every kind also runs `account` (the mos.ru account level and confirmation) and `person_known` (the person's
  earlier records across passports, from intake's look-up in `history.known_person`): see policy.person_rules.

Two dates (intake, `check --today` and the decision mean the same thing by them): the time-dependent rules
(`TIME_DEPENDENT`: ages, passport validity) hold on the submission date AND on "today" (the day the checks run:
intake's day, `--today`, the decision date). Each is evaluated on both and the worse result is kept; its
details say on which date it was judged (`judged_on`) and what the submission date gave (`at_submission`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reviewer_app.domain.application import Application
from reviewer_app.domain.checks import CheckReport, CheckResult
from reviewer_app.domain.documents import DocumentReading
from reviewer_app.domain.enums import ApplicationKind, CheckStatus
from reviewer_app.domain.history import PersonHistory
from reviewer_app.domain.registry import CivilRegistry
from reviewer_app.policy import person_rules, rules
from reviewer_app.policy.document_data import document_data
from reviewer_app.policy.rules import CheckInputs, Rule
from reviewer_app.policy.ruletable import RuleTable, RuleTables, resolve_table

RULES: tuple[tuple[str, Rule], ...] = (
    ("applicant_age", rules.applicant_age),
    ("passport_number", rules.passport_number),
    ("passport_validity", rules.passport_validity),
    ("oms_policy", rules.oms_policy),
    ("parent_oms_policy", rules.parent_oms_policy),
    ("phone", rules.phone),
    ("snils", rules.snils),
    ("photo", rules.photo),
    ("account", person_rules.account),
    ("person_known", person_rules.person_known),
    ("document_data", document_data),
    ("child_age", rules.child_age),
    ("birth_certificate", rules.birth_certificate),
    ("kinship", rules.kinship),
    ("duplicate", rules.duplicate),
    ("sla", rules.sla),
)
RULE_IDS = tuple(rule_id for rule_id, _ in RULES)
#: Rules whose result depends on the date they are judged on (besides sla, which is about today by nature).
TIME_DEPENDENT = frozenset({"applicant_age", "passport_validity", "child_age"})
_SEVERITY = {CheckStatus.FAIL: 0, CheckStatus.IN_PERSON: 1, CheckStatus.MANUAL: 2, CheckStatus.WARN: 3,
             CheckStatus.PASS: 4}
_CHILD_RULES = frozenset({"child_age", "birth_certificate", "kinship"})
_IDENTITY = frozenset(RULE_IDS) - _CHILD_RULES - {"oms_policy", "parent_oms_policy", "document_data"}


def rules_for(app: Application, *, documents_read: bool = False) -> tuple[tuple[str, Rule], ...]:
    """The rules of the application's kind; document_data only when the caller read the documents."""
    wanted: set[str]
    if app.kind == ApplicationKind.OWN_ACCESS:
        wanted = set(_IDENTITY | {"oms_policy"})
    elif app.kind == ApplicationKind.CHILD_ACCESS:
        wanted = set(_IDENTITY | {"oms_policy", "parent_oms_policy"} | _CHILD_RULES)
    else:
        wanted = set(_IDENTITY)
        if app.applicant.oms_policy is not None:
            wanted.add("oms_policy")
        if app.child is not None:
            wanted |= _CHILD_RULES
    if documents_read:
        wanted |= {"document_data"}
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

    today: the day the checks run (intake's day, `check --today`, a decision date; default: the submission
      date): the SLA warning is relative to it, and the time-dependent rules are judged on it as well as on
      the submission date (the worse result is kept).
    as_of: judge every rule on this one date only (for tests of a rule at a given date).
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
    later = None if as_of is not None or today is None or today <= on else today
    results: list[CheckResult] = [
        _on_both_dates(fn, app, on, later, t, inputs) if rid in TIME_DEPENDENT else fn(app, on, t, inputs)
        for rid, fn in rules_for(app, documents_read=documents is not None)]
    return CheckReport(application_id=app.id, kind=str(app.kind), rule_version=t.version,
                       sla_deadline=deadline, results=tuple(results))


def _on_both_dates(fn: Rule, app: Application, on: date, later: date | None, t: RuleTable,
                   inputs: CheckInputs) -> CheckResult:
    """The rule on the submission date and, when later, on today: the worse result (ties: the submission one)."""
    first = fn(app, on, t, inputs)
    if later is None:
        return first
    second = fn(app, later, t, inputs)
    if _SEVERITY[CheckStatus(second.status)] < _SEVERITY[CheckStatus(first.status)]:
        return replace(second, details={**second.details, "judged_on": later.isoformat(),
                                        "at_submission": str(first.status)})
    return first


def recheck(app: Application, stored: dict[str, str], *, on: date,
            table: RuleTable | RuleTables | None = None) -> dict[str, CheckResult]:
    """The time-dependent checks among `stored` (check id → status at intake) judged again for day `on`
    (a decision date): only those that are worse now are returned (a check never improves by waiting: what
    intake found on its own day stands)."""
    t = resolve_table(table, app.submitted_on)
    inputs = CheckInputs(today=on, deadline=rules.sla_deadline(app.submitted_on, t))
    out: dict[str, CheckResult] = {}
    for rid, fn in rules_for(app):
        if rid in TIME_DEPENDENT and rid in stored:
            r = _on_both_dates(fn, app, app.submitted_on, on if on > app.submitted_on else None, t, inputs)
            try:
                before = _SEVERITY[CheckStatus(stored[rid])]
            except ValueError:
                continue
            if _SEVERITY[CheckStatus(r.status)] < before:
                out[rid] = replace(r, details={**r.details, "judged_on": on.isoformat()})
    return out


def sla_deadline(app_or_date: Application | date, table: RuleTable | RuleTables | None = None) -> date:
    """The answer deadline of an application (or of a Moscow submission date) under the rule version in force."""
    submitted = app_or_date.submitted_on if isinstance(app_or_date, Application) else app_or_date
    return rules.sla_deadline(submitted, resolve_table(table, submitted))
