"""The decision plan for the application on screen: the desk's dialogs and session ask these, and they ask the
plan (`decision_plan`), so the screen offers what the service will accept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from reviewer_app.domain import decision_plan as dp
from reviewer_app.domain.checks import NOT_RUN
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import CheckStatus, DecisionOutcome
from reviewer_app.domain.views import ApplicationView, CheckView


def facts_of(view: ApplicationView) -> dp.DecisionFacts:
    """The decision facts of the application on screen: the desk's, or (a view built without them) the checks,
    band and kind it shows."""
    if view.decision_facts is not None:
        # A pre-score that arrived after the application was opened counts too.
        if view.band is not None and view.band != view.decision_facts.band:
            return replace(view.decision_facts, band=view.band)
        return view.decision_facts
    return dp.DecisionFacts(
        application_id=view.id, kind=view.kind, person_key="", applicant=None,
        checks=tuple(dp.CheckFact(c.id, c.status, c.message_ru, c.message_en, dict(c.details), c.intake_status)
                     for c in view.checks),
        band=view.band, sla_deadline=view.sla_deadline)


def plan_for_view(view: ApplicationView, outcome: str, reason_code: str | None = None,
                  comment_applicant: str | None = None, comment_internal: str | None = None,
                  on: date | None = None) -> dp.DecisionPlan:
    """The domain's decision plan for the application on screen (the same function the service applies)."""
    day = on or view.decision_on or moscow_date(view.submitted_at)
    # The desk's session asks for K before any dialog (`ReviewSession.approval_waits`): the plan shown to the
    # reviewer takes the checks by hand and those not yet done as acknowledged; the service gets the real list.
    return dp.plan_decision(facts_of(view), dp.DecisionAsk(outcome, reason_code, comment_applicant,
                                                           comment_internal,
                                                           acknowledged=manual_check_ids(view.checks)),
                            on=day, rules=view.decision_rules or dp.DEFAULT_RULES)


def plans_for_view(view: ApplicationView) -> dict[str, dp.DecisionPlan]:
    """The plan of every outcome with nothing filled in: `blocked` says why one is not offered."""
    return dp.available(facts_of(view), on=view.decision_on or moscow_date(view.submitted_at),
                        rules=view.decision_rules or dp.DEFAULT_RULES)


def override_reasons(view: ApplicationView, outcome: str) -> list[str]:
    """Why approving the application on screen goes against the evidence (the plan's overrides)."""
    return list(plan_for_view(view, outcome).overrides)


def manual_check_ids(checks: Iterable[CheckView]) -> tuple[str, ...]:
    """The checks whose result is "check by hand", and the expected checks that have not run yet (the reviewer
    acknowledges both with K)."""
    return tuple(c.id for c in checks if c.status in (CheckStatus.MANUAL, NOT_RUN))


def unacknowledged_manual(outcome: str, manual_ids: Iterable[str], acknowledged: Iterable[str]) -> list[str]:
    """The "check by hand" results an Approve would pass without the reviewer acknowledging them (then it is
    refused). Other outcomes need no acknowledgement."""
    if outcome != DecisionOutcome.APPROVE:
        return []
    done = set(acknowledged)
    return [check_id for check_id in manual_ids if check_id not in done]
