"""Decisions: one transaction writes the decision (with what the reviewer saw), its effect on the access
database (grant, revoke, opt-out, new phone), the applicant's SMS (outbox) and the audit entries.

What a decision may be and what it does is the domain's decision plan (`reviewer_app.domain.decision_plan`):
this module loads the facts (with the time-dependent checks judged again for the decision date), asks the
plan, refuses what it refuses, and writes what it says. Approving against a failed check, a `mismatch`
pre-score or a kinship not confirmed by the registry is an override: it needs an internal comment and waits
for a supervisor's second review (no grant, no SMS until confirmed). Nobody second-reviews their own decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reviewer_app import queue
from reviewer_app.db.models import (
    AccessGrant,
    Applicant,
    Application,
    CheckResultRow,
    Child,
    Claim,
    Decision,
    FacePrescore,
    OtpCredential,
    Staff,
)
from reviewer_app.domain import decision_plan as plan_
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.application import Application as DomainApplication
from reviewer_app.domain.checks import FACE_CHECKS, NOT_RUN
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import (
    ApplicationStatus,
    DecisionOutcome,
    GrantStatus,
)
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied, ReviewerError, brief
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.prescore import decision_snapshot
from reviewer_app.domain.reasons import get_reason
from reviewer_app.policy import load_rule_table
from reviewer_app.policy.checks import recheck
from reviewer_app.policy.ruletable import resolve_table
from reviewer_app.policy.validators import normalise_phone
from reviewer_app.queue.prescore import latest_prescore
from reviewer_app.services import audit, authz, locks, mfc, waiting
from reviewer_app.services import grants as g
from reviewer_app.services.sms_dispatch import enqueue_sms


@dataclass(frozen=True)
class RecordedDecision:
    decision_id: int
    application_id: str
    outcome: str
    status: str  # the application's status afterwards
    version: int  # the application's version afterwards
    second_review: bool = False
    override_reasons: tuple[str, ...] = ()
    grant_ids: tuple[int, ...] = ()
    revoked_grant_ids: tuple[int, ...] = ()
    sms_ids: tuple[int, ...] = ()
    sms_skipped: tuple[str, ...] = ()  # why an SMS was not sent (the number cannot receive one)
    phone_change: tuple[str, str] | None = None  # (old, new) E.164 when the login codes moved


@dataclass
class _Effect:
    grant_ids: list[int] = field(default_factory=list)
    revoked: list[int] = field(default_factory=list)
    sms_ids: list[int] = field(default_factory=list)


def _refused(plan) -> ReviewerError:
    """The plan's refusal: its English message; for the interface a code and, for a rule that blocks the outcome,
    the rule's own words in both languages (missing inputs are named by field, which the desk's dialog words)."""
    if plan.blocked is not None:
        return ReviewerError(plan.blocked, code="decision_blocked", en=plan.blocked, ru=plan.blocked_ru)
    return ReviewerError(plan.error, code="decision_incomplete", missing=tuple(plan.missing))


def _check_actor(session: Session, actor: Actor) -> None:
    """The actor must still be an enabled staff member with that role (a stale Actor object is refused)."""
    row = session.get(Staff, actor.staff_id) if actor.staff_id is not None else None
    if row is None or row.disabled or row.role != (actor.role.value if actor.role else None):
        raise PermissionDenied(f"{actor.name}: the account is disabled or its role changed; log in again",
                               code="account_changed")


def rule_table_for(row: Application, rules=None):
    """The rule version in force on the application's submission date, from `rules` (the app's table,
    `AppContext.rules`, the one intake uses; default: the built-in table)."""
    return resolve_table(rules if rules is not None else load_rule_table(),
                         moscow_date(row.submitted_at) if row.submitted_at.tzinfo else row.submitted_at.date())


def _rechecked(row: Application, checks: list[CheckResultRow], on: date, table) -> dict[str, object]:
    """The time-dependent checks judged again for the decision date (only those that changed)."""
    try:
        domain = DomainApplication.from_dict(row.pack_json)
    except (KeyError, ValueError, TypeError):
        return {}  # not a full pack (e.g. made by hand in a test): the stored results stand
    try:
        return dict(recheck(domain, {c.check_id: c.status for c in checks}, on=on, table=table))
    except ReviewerError:
        return {}


def phone_used_by_others(s: Session, phone: str | None, person_key: str, *, lock: bool = False) -> int:
    """How many other citizens' logins send their codes to `phone` (one phone, one citizen). `lock`: hold the
    phone's named lock until commit, so two approvals giving one phone to two people cannot both find it free."""
    if not phone:
        return 0
    if lock:
        locks.serialise(s, f"login-phone:{phone}")
    return len(set(s.scalars(select(OtpCredential.citizen_key).where(OtpCredential.phone_e164 == phone,
                                                                     OtpCredential.citizen_key != person_key))))


def load_facts(s: Session, row: Application, on: date, *, checks: list[CheckResultRow] | None = None,
               band: str | None = None, lock: bool = False, rules=None,
               decided_by: str | None = None) -> tuple[plan_.DecisionFacts, object]:
    """Everything the decision plan needs about `row`, read in the caller's session, and the rule table.
    `decided_by`: the staff name deciding (or viewing at a desk), for the rules about who may decide."""
    app_id = row.id
    if checks is None:
        checks = list(s.scalars(select(CheckResultRow).where(CheckResultRow.application_id == app_id)
                                .order_by(CheckResultRow.id)))
    table = rule_table_for(row, rules)
    changed = _rechecked(row, checks, on, table)
    facts_checks = []
    for c in checks:
        now_r = changed.get(c.check_id)
        if now_r is None:
            facts_checks.append(plan_.CheckFact(c.check_id, c.status, c.message_ru, c.message_en,
                                                dict(c.details or {})))
        else:
            facts_checks.append(plan_.CheckFact(c.check_id, str(now_r.status), now_r.message_ru, now_r.message_en,
                                                dict(now_r.details), intake_status=c.status))
    facts_checks.extend(_not_run(s, app_id, checks))
    applicant = s.scalar(select(Applicant).where(Applicant.application_id == app_id))
    child = s.scalar(select(Child).where(Child.application_id == app_id))
    person = None
    if applicant is not None:
        phone = applicant.phone_e164
        person = plan_.PersonFacts(applicant.last_name, applicant.first_name, applicant.middle_name,
                                   applicant.birth_date, phone, phone_sms=bool(phone) and normalise_phone(phone)
                                   is not None)
    kid = None
    if child is not None:
        kid = plan_.ChildFacts(child.last_name, child.first_name, child.middle_name, child.birth_date,
                               g.child_key(child))
    others = phone_used_by_others(s, person.phone if person is not None else None, row.person_key, lock=lock)
    if lock:  # the phone the codes go to, held until commit: no other desk can move it under this decision
        login = g.lock_login_phone(s, row.person_key)
    else:
        login = s.scalar(select(OtpCredential.phone_e164).where(OtpCredential.citizen_key == row.person_key)
                         .order_by(OtpCredential.id.desc()).limit(1))
    grants_q = select(AccessGrant).where(AccessGrant.holder_key == row.person_key,
                                         AccessGrant.status == GrantStatus.ACTIVE.value).order_by(AccessGrant.id)
    grants = tuple(plan_.GrantFact(gr.id, gr.subject_kind, gr.subject_key, gr.valid_until)
                   for gr in s.scalars(grants_q.with_for_update() if lock else grants_q))
    facts = plan_.DecisionFacts(
        application_id=app_id, kind=row.kind, person_key=row.person_key, applicant=person, child=kid,
        checks=tuple(facts_checks), band=band, sla_deadline=row.sla_deadline,
        opted_out=g.is_opted_out(s, row.person_key), login_phone=login, active_grants=grants,
        mfc_confirmation=mfc.confirmation_for(s, row, kid.record_key if kid is not None else None),
        decided_by=decided_by, phone_used_by_others=others)
    return facts, table


def _not_run(s: Session, app_id: str, checks: list[CheckResultRow]) -> list[plan_.CheckFact]:
    """The face comparison's checks while the faces have not been compared yet (no pre-score stored): shown as
    "not yet done", and an Approve waits for them (`decision_plan.not_run_problems`)."""
    have = {c.check_id for c in checks}
    if all(c in have for c in FACE_CHECKS):
        return []
    if s.scalar(select(FacePrescore.id).where(FacePrescore.application_id == app_id).limit(1)) is not None:
        return []  # compared: a check that is still missing does not apply (no live face, no consent)
    return [plan_.CheckFact(c, NOT_RUN, "Ещё не выполнена: поиск того же лица под другим именем идёт вместе со "
                                        "сравнением лиц",
                            "Not yet done: the search for the same face under another name runs with the face "
                            "comparison") for c in FACE_CHECKS if c not in have]


def plan_for(s: Session, row: Application, ask: plan_.DecisionAsk, on: date, *, decided_by: str,
             stage: plan_.Stage = plan_.Stage.REVIEW, checks: list[CheckResultRow] | None = None,
             band: str | None = None, rules=None,
             mfc_wait_days: int | None = None) -> tuple[plan_.DecisionPlan, plan_.DecisionFacts]:
    """The domain's plan for `ask` by `decided_by` on `row`, from facts read in this transaction (grants and
    the applicant's phone locked). `mfc_wait_days`: how long a case sent to the MFC waits (the setting; its SMS
    names the last day)."""
    facts, table = load_facts(s, row, on, checks=checks, band=band, lock=True, rules=rules, decided_by=decided_by)
    if mfc_wait_days is not None:
        facts = replace(facts, mfc_wait_days=mfc_wait_days)
    return plan_.plan_decision(facts, ask, on=on, rules=table, stage=stage), facts


def _outcome(outcome: DecisionOutcome | str) -> DecisionOutcome:
    try:
        return DecisionOutcome(outcome)
    except ValueError:
        raise ReviewerError(f"outcome: {brief(outcome)} is not one of {', '.join(o.value for o in DecisionOutcome)}") \
            from None


def decide(app, actor: Actor, *, application_id: str, expected_version: int, outcome: DecisionOutcome | str,
           reason_code: str | None = None, comment_applicant: str | None = None,
           comment_internal: str | None = None, acknowledged_checks: tuple[str, ...] = ()) -> RecordedDecision:
    """Record a reviewer's decision on an application they hold, with all its effects, in one transaction.
    `acknowledged_checks`: the checks the reviewer acknowledged having checked by hand (K).

    What is allowed and what it does comes from the domain's decision plan (`domain.decision_plan`).
    Raises ConflictError on a stale version or a lost lease, PermissionDenied for a role that may not decide,
    ReviewerError for a refused route or a missing reason or comment (the message names the field or the rule).
    """
    authz.require(app, actor, Permission.DECIDE)
    outcome = _outcome(outcome)
    ask = plan_.DecisionAsk(outcome.value, reason_code, comment_applicant, comment_internal,
                            acknowledged=tuple(acknowledged_checks))
    now = app.clock.now()
    today = moscow_date(now)
    try:
        with app.uow() as s:
            _check_actor(s, actor)
            row = s.get(Application, application_id)
            if row is None:
                raise NotFound(f"application {application_id} does not exist")
            checks = list(s.scalars(select(CheckResultRow).where(CheckResultRow.application_id == application_id)
                                    .order_by(CheckResultRow.id)))
            prescore = latest_prescore(s, application_id)
            band = prescore.band if prescore is not None else None
            plan, facts = plan_for(s, row, ask, today, checks=checks, band=band, rules=app.rules,
                                   mfc_wait_days=app.settings.mfc_wait_days, decided_by=actor.name)
            if not plan.allowed:
                raise _refused(plan)
            claimed_at = s.scalar(select(Claim.claimed_at).where(
                Claim.application_id == application_id, Claim.staff_id == actor.staff_id,
                Claim.released_at.is_(None)).order_by(Claim.id.desc()).limit(1))
            version = queue.finish(s, application_id, staff_id=actor.staff_id, expected_version=expected_version,
                                   new_status=plan.status, now=now, reason="decided")
            decision = Decision(
                application_id=application_id, staff_id=actor.staff_id, outcome=outcome.value,
                reason_code=reason_code, comment_applicant=comment_applicant, comment_internal=comment_internal,
                decided_at=now, claimed_at=claimed_at, application_version=expected_version, kind=row.kind,
                rule_version=row.rule_version or (checks[0].rule_version if checks else ""),
                checks_snapshot=[_check_dict(c, facts.check(c.check_id)) for c in checks]
                + [_not_run_dict(c, now) for c in facts.checks if c.status == NOT_RUN],
                prescore_snapshot=_prescore_dict(prescore), prescore_band=band, is_override=bool(plan.overrides),
                sla_breached=plan.sla_breached, second_review="pending" if plan.second_review else "")
            s.add(decision)
            s.flush()
            effect = apply_plan(app, s, actor, row, plan, decision.id, now, extra={"version": expected_version})
            result = _result(decision.id, row, plan, version, effect)
    except StaleDataError:
        raise ConflictError(f"application {application_id} was changed by someone else; reopen it",
                            code="changed") from None
    return result


def _result(decision_id: int, row: Application, plan: plan_.DecisionPlan, version: int,
            effect: _Effect) -> RecordedDecision:
    change = plan.effect.phone_change
    return RecordedDecision(decision_id, row.id, plan.outcome, plan.status or row.status, version,
                          second_review=plan.second_review, override_reasons=plan.overrides,
                          grant_ids=tuple(effect.grant_ids), revoked_grant_ids=tuple(effect.revoked),
                          sms_ids=tuple(effect.sms_ids),
                          sms_skipped=tuple(x.why_en for x in plan.effect.sms_skipped) if plan.applies_now else (),
                          phone_change=(change.old, change.new) if change and plan.applies_now else None)


def _resolve(value, ids: dict[str, str]):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids.get(value[1:-1], value)
    return value


def _record(s: Session, actor: Actor, entry: plan_.PlannedAudit, ids: dict[str, str], now: datetime,
            extra: dict | None = None) -> None:
    details = {k: _resolve(v, ids) for k, v in entry.details.items()}
    if "decision_id" in details and isinstance(details["decision_id"], str) and details["decision_id"].isdigit():
        details["decision_id"] = int(details["decision_id"])
    audit.record(s, at=now, actor=actor.name, action=entry.action, target_type=entry.target_type,
                 target_id=_resolve(entry.target_id, ids), details={**details, **(extra or {})})


def apply_plan(app, s: Session, actor: Actor, row: Application, plan: plan_.DecisionPlan, decision_id: int | None,
               now: datetime, *, decision_audit: bool = True, extra: dict | None = None) -> _Effect:
    """Write what the plan says (caller's transaction): the decision's audit entries and, unless it waits for
    a second review, its effect on the access database and the SMS outbox."""
    ids = {"decision": str(decision_id)} if decision_id is not None else {}
    if decision_audit:
        for i, entry in enumerate(plan.audit):
            skipped = [x.id for x in plan.effect.sms_skipped] if plan.applies_now else []
            more = {**(extra or {}), **({"sms_skipped": skipped} if skipped and i == 0 else {})} \
                if entry.action == "decision.make" else None
            _record(s, actor, entry, ids, now, more)
    effect = _Effect()
    if plan.status == ApplicationStatus.IN_PERSON_REQUIRED.value:  # the answer is given; the visit is awaited
        waiting.start(s, row.id, moscow_date(now), app.settings.mfc_wait_days)
    if not plan.applies_now:
        return effect
    e = plan.effect
    if e.upsert_citizen:
        applicant = s.scalar(select(Applicant).where(Applicant.application_id == row.id))
        if applicant is None:
            raise ReviewerError(f"application {row.id}: no applicant data; cannot apply the decision")
        citizen = g.upsert_citizen(s, row, applicant)
        if e.login_phone:  # refused (conflict) if the codes moved since the plan read the phone
            g.register_phone(s, app.secrets, citizen, e.login_phone, expect=e.login_phone_before)
        today = moscow_date(now)
        for i, want in enumerate(e.grants_create):
            gr, created = g.create_grant(s, holder=citizen, subject_kind=want.subject_kind,
                                         subject_key=want.subject_key, subject_name=want.subject_name,
                                         subject_birth_date=want.subject_birth_date, application_id=row.id,
                                         today=today, now=now, valid_until=want.valid_until)
            if created:
                effect.grant_ids.append(gr.id)
                ids[f"grant{i}"] = str(gr.id)
        if e.opt == "opt_out":
            citizen.opted_out, citizen.opted_out_at = True, now
        elif e.opt == "opt_in":
            citizen.opted_out, citizen.opted_out_at = False, None
        s.flush()
    for r in e.grants_revoke:  # also without a citizen to update: an approval withdrawn (plan_withdrawal)
        gr = s.get(AccessGrant, r.grant_id)
        if gr is not None and gr.status == GrantStatus.ACTIVE.value:
            g.revoke(gr, now=now, reason=r.reason)
            effect.revoked.append(gr.id)
    s.flush()
    for entry in e.audit:
        if entry.action == "grant.create" and entry.target_id.strip("{}") not in ids:
            continue  # an existing active grant was kept: nothing created
        _record(s, actor, entry, ids, now)
    for msg in e.sms:
        effect.sms_ids.append(enqueue_sms(s, phone=msg.to, body=msg.text_ru, purpose="decision", now=now,
                                          application_id=row.id).id)
    return effect


def _check_dict(c: CheckResultRow, seen: plan_.CheckFact | None = None) -> dict:
    """A check as the reviewer saw it: re-judged for the decision date when it changed since intake."""
    out = {"check_id": c.check_id, "status": c.status, "message_ru": c.message_ru, "message_en": c.message_en,
           "details": c.details, "rule_version": c.rule_version, "computed_at": c.computed_at.isoformat()}
    if seen is not None and seen.intake_status is not None:
        out.update(status=seen.status, message_ru=seen.message_ru, message_en=seen.message_en,
                   details=dict(seen.details), intake_status=seen.intake_status)
    return out


def _not_run_dict(c: plan_.CheckFact, now: datetime) -> dict:
    """An expected check that had not run when the decision was made (acknowledged by hand), as the reviewer
    saw it."""
    return {"check_id": c.id, "status": c.status, "message_ru": c.message_ru, "message_en": c.message_en,
            "details": {}, "rule_version": "", "computed_at": now.isoformat()}


def _prescore_dict(p: FacePrescore | None) -> dict | None:
    if p is None:
        return None
    return decision_snapshot(row_id=p.id, band=p.band, score=p.score, distance=p.distance,
                             model_version=p.model_version, selfie_sha256=p.selfie_sha256, scan_sha256=p.scan_sha256,
                             result=p.result, computed_at=p.computed_at.isoformat())


# --- second review -----------------------------------------------------------------------------------------

def _load_for_second_review(app, s: Session, actor: Actor, decision_id: int) -> tuple[Decision, Application, bool]:
    """The decision, its application, and whether its effect was already applied.

    An override (or escalation) waits with the application in awaiting_second_review and nothing applied; a
    sampled approval (supervision.set_aside_sample) was applied when it was made.
    """
    _check_actor(s, actor)
    # FOR UPDATE (PostgreSQL): a second supervisor waits here and then sees the first one's verdict.
    decision = s.get(Decision, decision_id, with_for_update=True)
    if decision is None:
        raise NotFound(f"decision {decision_id} does not exist")
    if decision.staff_id == actor.staff_id:
        raise PermissionDenied(f"{actor.name} made decision {decision_id} and cannot second-review it (four eyes)",
                               code="four_eyes")
    if decision.second_review != "pending":
        raise ConflictError(f"decision {decision_id} is not waiting for a second review "
                            f"(second review: {decision.second_review or 'none'})", code="not_awaiting_review")
    row = s.get(Application, decision.application_id)
    waiting = row.status == ApplicationStatus.AWAITING_SECOND_REVIEW.value
    if decision.outcome == DecisionOutcome.ESCALATE.value and not waiting:
        raise ConflictError(f"application {row.id} is {row.status}, not awaiting a second review",
                            code="not_awaiting_review")
    return decision, row, not waiting


def _parties(s: Session, row: Application) -> tuple[Applicant | None, Child | None]:
    return (s.scalar(select(Applicant).where(Applicant.application_id == row.id)),
            s.scalar(select(Child).where(Child.application_id == row.id)))


def confirm_second_review(app, actor: Actor, decision_id: int, comment: str | None = None) -> RecordedDecision:
    """A supervisor agrees. A waiting override approval is applied now (grant, SMS), through the same decision
    plan (stage CONFIRM: a route that closed meanwhile, e.g. the child turned 15, is still refused); an
    approval already applied (a sampled one) is only marked confirmed. An escalation needs `resolve_escalation`.
    """
    authz.require(app, actor, Permission.SECOND_REVIEW)
    now = app.clock.now()
    try:
        with app.uow() as s:
            decision, row, applied = _load_for_second_review(app, s, actor, decision_id)
            outcome = DecisionOutcome(decision.outcome)
            if outcome is DecisionOutcome.ESCALATE:
                raise ReviewerError(f"decision {decision_id} is an escalation: decide it with resolve_escalation")
            effect = _Effect()
            plan = None
            if not applied:
                plan, _ = plan_for(s, row, plan_.DecisionAsk(outcome.value, decision.reason_code,
                                                             decision.comment_applicant, decision.comment_internal),
                                   moscow_date(now), stage=plan_.Stage.CONFIRM, band=decision.prescore_band,
                                   rules=app.rules, decided_by=actor.name)
                if not plan.allowed:
                    raise _refused(plan)
                effect = apply_plan(app, s, actor, row, plan, decision.id, now, decision_audit=False)
            _close_second_review(s, actor, decision, row, "confirmed", comment, now)
            result = RecordedDecision(decision.id, row.id, outcome.value, row.status, row.version,
                                    grant_ids=tuple(effect.grant_ids), revoked_grant_ids=tuple(effect.revoked),
                                    sms_ids=tuple(effect.sms_ids),
                                    sms_skipped=tuple(x.why_en for x in plan.effect.sms_skipped) if plan else ())
    except StaleDataError:
        raise ConflictError(f"decision {decision_id} was reviewed by someone else in the meantime",
                            code="reviewed_meanwhile") from None
    return result


def overturn_second_review(app, actor: Actor, decision_id: int, comment: str | None = None, *,
                           reason_code: str = "other", comment_applicant: str | None = None) -> RecordedDecision:
    """A supervisor disagrees with an approval. A waiting override: no grant, the applicant gets the reject SMS.
    An approval already applied: the grants it created are revoked and the applicant is told why."""
    authz.require(app, actor, Permission.SECOND_REVIEW)
    if not (comment or "").strip():
        raise ReviewerError("comment: overturning a decision needs a comment saying why", code="comment_required")
    get_reason(reason_code)
    now = app.clock.now()
    try:
        with app.uow() as s:
            decision, row, applied = _load_for_second_review(app, s, actor, decision_id)
            if decision.outcome == DecisionOutcome.ESCALATE.value:
                raise ReviewerError(f"decision {decision_id} is an escalation: decide it with resolve_escalation")
            effect = _Effect()
            if applied and decision.outcome == DecisionOutcome.APPROVE.value:
                granted = tuple(s.scalars(select(AccessGrant.id).where(
                    AccessGrant.application_id == row.id, AccessGrant.status == GrantStatus.ACTIVE.value)
                    .order_by(AccessGrant.id)))
                facts, _table = load_facts(s, row, moscow_date(now), lock=True, rules=app.rules,
                                           decided_by=actor.name)
                plan = plan_.plan_withdrawal(facts, granted, reason_code, comment_applicant)
                effect = apply_plan(app, s, actor, row, plan, decision.id, now, decision_audit=False)
            elif not applied:
                plan, _ = plan_for(s, row, plan_.DecisionAsk(DecisionOutcome.REJECT.value, reason_code,
                                                             comment_applicant), moscow_date(now),
                                   stage=plan_.Stage.CONFIRM, band=decision.prescore_band, rules=app.rules,
                                   decided_by=actor.name)
                if plan.blocked:
                    raise _refused(plan)
                effect = apply_plan(app, s, actor, row, plan, decision.id, now, decision_audit=False)
            _close_second_review(s, actor, decision, row, "overturned", comment, now,
                                 extra={"reason": reason_code, "revoked_grants": effect.revoked})
            result = RecordedDecision(decision.id, row.id, DecisionOutcome.REJECT.value, row.status, row.version,
                                    revoked_grant_ids=tuple(effect.revoked), sms_ids=tuple(effect.sms_ids))
    except StaleDataError:
        raise ConflictError(f"decision {decision_id} was reviewed by someone else in the meantime",
                            code="reviewed_meanwhile") from None
    return result


def resolve_escalation(app, actor: Actor, decision_id: int, *, outcome: DecisionOutcome | str,
                       reason_code: str | None = None, comment_applicant: str | None = None,
                       comment_internal: str | None = None,
                       acknowledged_checks: tuple[str, ...] = ()) -> RecordedDecision:
    """A supervisor decides an escalated application: a new decision by the supervisor, under the same plan as
    a reviewer's (stage ESCALATION). Routes hold (kinship in person: no approval without the MFC
    confirmation; none before the face comparison has run unless acknowledged by hand, `acknowledged_checks`,
    with a comment); approving against the evidence needs an internal comment, is recorded as an override and
    waits for another supervisor's second review; otherwise it is applied at once."""
    authz.require(app, actor, Permission.SECOND_REVIEW)
    outcome = _outcome(outcome)
    if outcome is DecisionOutcome.ESCALATE:
        raise ReviewerError("outcome: an escalation cannot be escalated again")
    ask = plan_.DecisionAsk(outcome.value, reason_code, comment_applicant, comment_internal,
                            acknowledged=tuple(acknowledged_checks))
    now = app.clock.now()
    try:
        with app.uow() as s:
            decision, row, _ = _load_for_second_review(app, s, actor, decision_id)
            if decision.outcome != DecisionOutcome.ESCALATE.value:
                raise ReviewerError(f"decision {decision_id} is not an escalation: confirm or overturn it")
            plan, _facts = plan_for(s, row, ask, moscow_date(now), stage=plan_.Stage.ESCALATION,
                                    band=decision.prescore_band, rules=app.rules,
                                    mfc_wait_days=app.settings.mfc_wait_days, decided_by=actor.name)
            if not plan.allowed:
                raise _refused(plan)
            new = Decision(application_id=row.id, staff_id=actor.staff_id, outcome=outcome.value,
                           reason_code=reason_code, comment_applicant=comment_applicant,
                           comment_internal=comment_internal, decided_at=now, claimed_at=None,
                           application_version=row.version, kind=row.kind, rule_version=decision.rule_version,
                           checks_snapshot=decision.checks_snapshot, prescore_snapshot=decision.prescore_snapshot,
                           prescore_band=decision.prescore_band, is_override=bool(plan.overrides),
                           sla_breached=plan.sla_breached, second_review="pending" if plan.second_review else "")
            s.add(new)
            s.flush()
            effect = apply_plan(app, s, actor, row, plan, new.id, now, extra={"escalation": decision.id})
            _close_second_review(s, actor, decision, row, "confirmed", comment_internal, now,
                                 extra={"resolved_by_decision": new.id})
            row.status = plan.status
            result = _result(new.id, row, plan, row.version, effect)
    except StaleDataError:
        raise ConflictError(f"decision {decision_id} was reviewed by someone else in the meantime",
                            code="reviewed_meanwhile") from None
    return result


def _close_second_review(s: Session, actor: Actor, decision: Decision, row: Application, verdict: str,
                         comment: str | None, now: datetime, extra: dict | None = None) -> None:
    # Conditional update: of two supervisors reviewing at once, only one finds it still pending.
    done = s.execute(update(Decision).where(Decision.id == decision.id, Decision.second_review == "pending")
                     .values(second_review=verdict, second_reviewer_id=actor.staff_id,
                             second_review_comment=comment, second_reviewed_at=now)
                     .execution_options(synchronize_session="fetch")).rowcount
    if done != 1:
        raise ConflictError(f"decision {decision.id} was reviewed by someone else in the meantime",
                            code="reviewed_meanwhile")
    if row.status == ApplicationStatus.AWAITING_SECOND_REVIEW.value:
        row.status = ApplicationStatus.DECIDED.value
    s.flush()
    audit.record(s, at=now, actor=actor.name, action="decision.confirm" if verdict == "confirmed"
                 else "decision.overturn", target_type="decision", target_id=str(decision.id),
                 details={"application_id": row.id, "comment": comment, **(extra or {})})

