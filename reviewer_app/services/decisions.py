"""Decisions: one transaction writes the decision (with what the reviewer saw), its effect on the access
database (grant, revoke, opt-out, new phone), the applicant's SMS (outbox) and the audit entries.

Approving against a failed check or a `mismatch` pre-score is an override: it needs an internal comment and
waits for a supervisor's second review (no grant, no SMS until confirmed). Nobody second-reviews their own
decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
    Staff,
)
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import (
    ApplicationKind,
    ApplicationStatus,
    CheckStatus,
    DecisionOutcome,
    GrantStatus,
)
from reviewer_app.domain.errors import ConflictError, NotFound, PermissionDenied, ReviewerError
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.reasons import REASON_BY_CODE, applicant_message, get_reason
from reviewer_app.domain.views import comment_required, needs_reason, override_codes, reason_allowed
from reviewer_app.queue.prescore import latest_prescore
from reviewer_app.services import audit, authz
from reviewer_app.services import grants as g
from reviewer_app.services.sms_dispatch import enqueue_sms

STATUS_AFTER: dict[DecisionOutcome, ApplicationStatus] = {
    DecisionOutcome.APPROVE: ApplicationStatus.DECIDED,
    DecisionOutcome.REJECT: ApplicationStatus.DECIDED,
    DecisionOutcome.IN_PERSON: ApplicationStatus.IN_PERSON_REQUIRED,
    DecisionOutcome.RETURN: ApplicationStatus.RETURNED,
    DecisionOutcome.ESCALATE: ApplicationStatus.AWAITING_SECOND_REVIEW,
}
_ACCESS_KINDS = (ApplicationKind.OWN_ACCESS, ApplicationKind.CHILD_ACCESS, ApplicationKind.CHANGE_ACCESS)


@dataclass(frozen=True)
class DecisionResult:
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


@dataclass
class _Effect:
    grant_ids: list[int] = field(default_factory=list)
    revoked: list[int] = field(default_factory=list)
    sms_ids: list[int] = field(default_factory=list)


def _check_actor(session: Session, actor: Actor) -> None:
    """The actor must still be an enabled staff member with that role (a stale Actor object is refused)."""
    row = session.get(Staff, actor.staff_id) if actor.staff_id is not None else None
    if row is None or row.disabled or row.role != (actor.role.value if actor.role else None):
        raise PermissionDenied(f"{actor.name}: the account is disabled or its role changed; log in again")


def override_reasons(checks: list[CheckResultRow], band: str | None, outcome: DecisionOutcome) -> list[str]:
    """The domain's override rule (`override_codes`) on the stored check results."""
    return override_codes(outcome, (c.check_id for c in checks if c.status == CheckStatus.FAIL.value), band)


def _validate(outcome: DecisionOutcome, reason_code: str | None, comment_applicant: str | None,
              comment_internal: str | None) -> None:
    if needs_reason(outcome):
        if not reason_code:
            raise ReviewerError(f"reason_code: a {outcome.value} needs a reason from the fixed list "
                                f"({', '.join(REASON_BY_CODE)})")
        if not reason_allowed(outcome, get_reason(reason_code).final):
            raise ReviewerError(f"reason_code: {reason_code!r} is final; a return for correction needs a reason "
                                "the applicant can fix")
        if reason_code == "other" and not (comment_applicant or "").strip():
            raise ReviewerError("comment_applicant: reason 'other' needs a comment for the applicant")
    elif reason_code is not None:
        get_reason(reason_code)
    if comment_required(outcome, []) and not (comment_internal or "").strip():
        raise ReviewerError(f"comment_internal: a {outcome.value} needs an internal comment for the supervisor")


def decide(app, actor: Actor, *, application_id: str, expected_version: int, outcome: DecisionOutcome | str,
           reason_code: str | None = None, comment_applicant: str | None = None,
           comment_internal: str | None = None) -> DecisionResult:
    """Record a reviewer's decision on an application they hold, with all its effects, in one transaction.

    Raises ConflictError on a stale version or a lost lease, PermissionDenied for a role that may not decide,
    ReviewerError for a missing reason or comment.
    """
    authz.require(app, actor, Permission.DECIDE)
    try:
        outcome = DecisionOutcome(outcome)
    except ValueError:
        raise ReviewerError(f"outcome: {outcome!r} is not one of {', '.join(o.value for o in DecisionOutcome)}") \
            from None
    _validate(outcome, reason_code, comment_applicant, comment_internal)
    now = app.clock.now()
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
            overrides = override_reasons(checks, band, outcome)
            if overrides and not (comment_internal or "").strip():
                raise ReviewerError("comment_internal: approving despite " + ", ".join(overrides)
                                    + " needs an internal comment (it then goes to a supervisor's second review)")
            claimed_at = s.scalar(select(Claim.claimed_at).where(
                Claim.application_id == application_id, Claim.staff_id == actor.staff_id,
                Claim.released_at.is_(None)).order_by(Claim.id.desc()).limit(1))
            kind = ApplicationKind(row.kind)
            applicant = s.scalar(select(Applicant).where(Applicant.application_id == application_id))
            child = s.scalar(select(Child).where(Child.application_id == application_id))
            if outcome is DecisionOutcome.APPROVE and not overrides:
                _refuse_if_not_grantable(s, row, kind, child, moscow_date(now))
            second = bool(overrides) or outcome is DecisionOutcome.ESCALATE
            status = ApplicationStatus.AWAITING_SECOND_REVIEW if second else STATUS_AFTER[outcome]
            version = queue.finish(s, application_id, staff_id=actor.staff_id, expected_version=expected_version,
                                   new_status=status.value, now=now, reason="decided")
            decision = Decision(
                application_id=application_id, staff_id=actor.staff_id, outcome=outcome.value,
                reason_code=reason_code, comment_applicant=comment_applicant, comment_internal=comment_internal,
                decided_at=now, claimed_at=claimed_at, application_version=expected_version, kind=row.kind,
                rule_version=row.rule_version or (checks[0].rule_version if checks else ""),
                checks_snapshot=[_check_dict(c) for c in checks],
                prescore_snapshot=_prescore_dict(prescore), prescore_band=band, is_override=bool(overrides),
                sla_breached=moscow_date(now) > row.sla_deadline, second_review="pending" if second else "")
            s.add(decision)
            s.flush()
            audit.record(s, at=now, actor=actor.name, action="decision.make", target_type="application",
                         target_id=application_id,
                         details={"decision_id": decision.id, "outcome": outcome.value, "reason": reason_code,
                                  "override": overrides, "version": expected_version, "status": status.value})
            effect = _Effect()
            if second:
                audit.record(s, at=now, actor=actor.name, action="decision.second_review_requested",
                             target_type="decision", target_id=str(decision.id),
                             details={"application_id": application_id, "override": overrides,
                                      "outcome": outcome.value})
            else:
                effect = _apply(app, s, actor, row, applicant, child, outcome, reason_code, comment_applicant, now)
            result = DecisionResult(decision.id, application_id, outcome.value, status.value, version,
                                    second_review=second, override_reasons=tuple(overrides),
                                    grant_ids=tuple(effect.grant_ids), revoked_grant_ids=tuple(effect.revoked),
                                    sms_ids=tuple(effect.sms_ids))
    except StaleDataError:
        raise ConflictError(f"application {application_id} was changed by someone else; reopen it") from None
    return result


def _check_dict(c: CheckResultRow) -> dict:
    return {"check_id": c.check_id, "status": c.status, "message_ru": c.message_ru, "message_en": c.message_en,
            "details": c.details, "rule_version": c.rule_version, "computed_at": c.computed_at.isoformat()}


def _prescore_dict(p: FacePrescore | None) -> dict | None:
    if p is None:
        return None
    return {"id": p.id, "band": p.band, "score": p.score, "distance": p.distance, "model_version": p.model_version,
            "selfie_sha256": p.selfie_sha256, "scan_sha256": p.scan_sha256, "result": p.result,
            "computed_at": p.computed_at.isoformat()}


def _refuse_if_not_grantable(s: Session, row: Application, kind: ApplicationKind, child: Child | None,
                             today: date) -> None:
    """Access cannot be granted to an opted-out citizen, nor to a child's record from the 15th birthday."""
    if kind in _ACCESS_KINDS and g.is_opted_out(s, row.person_key):
        raise ReviewerError(f"application {row.id}: the applicant has opted out of EMK access; new access is "
                            "refused until an opt-in is approved (reject with reason 'opted_out')")
    if kind is ApplicationKind.CHILD_ACCESS:
        if child is None:
            raise ReviewerError(f"application {row.id}: a child_access application without child data")
        if today > g.child_valid_until(child.birth_date):
            turned = g.child_valid_until(child.birth_date) + timedelta(days=1)
            raise ReviewerError(f"application {row.id}: the child turned {g.CHILD_ACCESS_AGE} on {_ru_date(turned)}; "
                                "a parent's access is no longer possible (reject with reason 'child_too_old')")


def _ru_date(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _apply(app, s: Session, actor: Actor, row: Application, applicant: Applicant | None, child: Child | None,
           outcome: DecisionOutcome, reason_code: str | None, comment_applicant: str | None,
           now: datetime) -> _Effect:
    """The decision's effect on the access database and the applicant's SMS (caller's transaction)."""
    effect = _Effect()
    phone = applicant.phone_e164 if applicant is not None else None

    def sms(body: str, to: str | None = phone) -> None:
        if to:
            effect.sms_ids.append(enqueue_sms(s, phone=to, body=body, purpose="decision", now=now,
                                              application_id=row.id).id)

    if outcome is DecisionOutcome.APPROVE:
        _approve(app, s, actor, row, applicant, child, now, effect, sms)
    elif outcome is DecisionOutcome.REJECT:
        assert reason_code is not None
        text = f"Заявление {row.id} отклонено: {applicant_message(reason_code, comment_applicant)}."
        if not get_reason(reason_code).final:
            text += " Вы можете подать новое заявление."
        sms(text)
    elif outcome is DecisionOutcome.RETURN:
        assert reason_code is not None
        sms(f"Заявление {row.id} возвращено на доработку: {applicant_message(reason_code, comment_applicant)}. "
            "Исправьте его и отправьте снова.")
    elif outcome is DecisionOutcome.IN_PERSON:
        docs = "паспортом и свидетельством о рождении ребёнка" if child is not None else "паспортом"
        extra = f" {comment_applicant.strip()}" if (comment_applicant or "").strip() else ""
        sms(f"По заявлению {row.id} нужен личный визит в МФЦ «Мои документы» с {docs}.{extra}")
    return effect


def _approve(app, s: Session, actor: Actor, row: Application, applicant: Applicant | None, child: Child | None,
             now: datetime, effect: _Effect, sms) -> None:
    kind = ApplicationKind(row.kind)
    today = moscow_date(now)
    if applicant is None:
        raise ReviewerError(f"application {row.id}: no applicant data; cannot apply the decision")
    _refuse_if_not_grantable(s, row, kind, child, today)
    citizen = g.upsert_citizen(s, row, applicant)
    name = g.full_name(applicant.last_name, applicant.first_name, applicant.middle_name)

    def grant(kind_: str, key: str, subject_name: str, birth: date, until: date | None) -> None:
        gr, created = g.create_grant(s, holder=citizen, subject_kind=kind_, subject_key=key,
                                     subject_name=subject_name, subject_birth_date=birth, application_id=row.id,
                                     today=today, now=now, valid_until=until)
        if created:
            effect.grant_ids.append(gr.id)
            audit.record(s, at=now, actor=actor.name, action="grant.create", target_type="grant",
                         target_id=str(gr.id), details={"application_id": row.id, "subject_kind": kind_,
                                                        "valid_until": until})

    def revoke(grants: list, reason: str) -> None:
        for gr in grants:
            g.revoke(gr, now=now, reason=reason)
            effect.revoked.append(gr.id)
            audit.record(s, at=now, actor=actor.name, action="grant.revoke", target_type="grant",
                         target_id=str(gr.id), details={"application_id": row.id, "reason": reason})

    def need_phone() -> str:
        if not applicant.phone_e164:
            raise ReviewerError(f"application {row.id}: no mobile phone; login codes cannot be sent "
                                "(return the application with reason 'data_mismatch')")
        return applicant.phone_e164

    if kind is ApplicationKind.OWN_ACCESS:
        g.register_phone(s, app.secrets, citizen, need_phone())
        grant(g.SUBJECT_SELF, citizen.person_key, name, applicant.birth_date, None)
        sms(f"Заявление {row.id} одобрено: доступ к вашей электронной медкарте открыт. "
            "Код для входа будет приходить на этот номер.")
    elif kind is ApplicationKind.CHILD_ACCESS:
        assert child is not None
        g.register_phone(s, app.secrets, citizen, need_phone())
        until = g.child_valid_until(child.birth_date)
        grant(g.SUBJECT_CHILD, g.child_key(child), g.full_name(child.last_name, child.first_name,
                                                               child.middle_name), child.birth_date, until)
        sms(f"Заявление {row.id} одобрено: доступ к медкарте ребёнка ({child.first_name}) открыт до "
            f"{_ru_date(until)}. Код для входа будет приходить на этот номер.")
    elif kind is ApplicationKind.CHANGE_ACCESS:
        new_phone = need_phone()
        _, old = g.register_phone(s, app.secrets, citizen, new_phone)
        audit.record(s, at=now, actor=actor.name, action="citizen.phone_change", target_type="citizen",
                     target_id=citizen.person_key[:16],
                     details={"application_id": row.id, "new_phone_last4": new_phone[-4:],
                              "old_phone_last4": old[-4:] if old else None})
        sms(f"Заявление {row.id} одобрено: коды для входа в электронную медкарту теперь приходят на этот номер.")
        if old:
            sms(f"Коды для входа в электронную медкарту больше не приходят на этот номер (заявление {row.id}).", old)
    elif kind is ApplicationKind.CANCEL_ACCESS:
        key = g.child_key(child) if child is not None else citizen.person_key
        current = g.active_grant(s, citizen.person_key, key)
        revoke([current] if current is not None else [], "cancel_access")
        sms(f"Заявление {row.id} исполнено: доступ к "
            f"{'медкарте ребёнка' if child is not None else 'вашей электронной медкарте'} отменён.")
    elif kind is ApplicationKind.OPT_OUT:
        citizen.opted_out, citizen.opted_out_at = True, now
        revoke(g.active_grants_of(s, citizen.person_key), "opt_out")
        audit.record(s, at=now, actor=actor.name, action="citizen.opt_out", target_type="citizen",
                     target_id=citizen.person_key[:16], details={"application_id": row.id})
        sms(f"Заявление {row.id} исполнено: вы отказались от доступа к электронной медкарте. "
            "Отменить отказ можно новым заявлением.")
    elif kind is ApplicationKind.OPT_IN:
        citizen.opted_out, citizen.opted_out_at = False, None
        audit.record(s, at=now, actor=actor.name, action="citizen.opt_in", target_type="citizen",
                     target_id=citizen.person_key[:16], details={"application_id": row.id})
        sms(f"Заявление {row.id} исполнено: отказ от электронной медкарты отменён. "
            "Теперь можно подать заявление на доступ.")


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
        raise PermissionDenied(f"{actor.name} made decision {decision_id} and cannot second-review it (four eyes)")
    if decision.second_review != "pending":
        raise ConflictError(f"decision {decision_id} is not waiting for a second review "
                            f"(second review: {decision.second_review or 'none'})")
    row = s.get(Application, decision.application_id)
    waiting = row.status == ApplicationStatus.AWAITING_SECOND_REVIEW.value
    if decision.outcome == DecisionOutcome.ESCALATE.value and not waiting:
        raise ConflictError(f"application {row.id} is {row.status}, not awaiting a second review")
    return decision, row, not waiting


def _parties(s: Session, row: Application) -> tuple[Applicant | None, Child | None]:
    return (s.scalar(select(Applicant).where(Applicant.application_id == row.id)),
            s.scalar(select(Child).where(Child.application_id == row.id)))


def confirm_second_review(app, actor: Actor, decision_id: int, comment: str | None = None) -> DecisionResult:
    """A supervisor agrees. A waiting override approval is applied now (grant, SMS); an approval that was
    already applied (a sampled one) is only marked confirmed. An escalation needs `resolve_escalation`.
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
            if not applied:
                applicant, child = _parties(s, row)
                effect = _apply(app, s, actor, row, applicant, child, outcome, decision.reason_code,
                                decision.comment_applicant, now)
            _close_second_review(s, actor, decision, row, "confirmed", comment, now)
            result = DecisionResult(decision.id, row.id, outcome.value, row.status, row.version,
                                    grant_ids=tuple(effect.grant_ids), revoked_grant_ids=tuple(effect.revoked),
                                    sms_ids=tuple(effect.sms_ids))
    except StaleDataError:
        raise ConflictError(f"decision {decision_id} was reviewed by someone else in the meantime") from None
    return result


def overturn_second_review(app, actor: Actor, decision_id: int, comment: str | None = None, *,
                           reason_code: str = "other", comment_applicant: str | None = None) -> DecisionResult:
    """A supervisor disagrees with an approval. A waiting override: no grant, the applicant gets the reject SMS.
    An approval already applied: the grants it created are revoked and the applicant is told why."""
    authz.require(app, actor, Permission.SECOND_REVIEW)
    if not (comment or "").strip():
        raise ReviewerError("comment: overturning a decision needs a comment saying why")
    get_reason(reason_code)
    now = app.clock.now()
    try:
        with app.uow() as s:
            decision, row, applied = _load_for_second_review(app, s, actor, decision_id)
            if decision.outcome == DecisionOutcome.ESCALATE.value:
                raise ReviewerError(f"decision {decision_id} is an escalation: decide it with resolve_escalation")
            applicant, child = _parties(s, row)
            effect = _Effect()
            if applied and decision.outcome == DecisionOutcome.APPROVE.value:
                for gr in s.scalars(select(AccessGrant).where(AccessGrant.application_id == row.id,
                                                              AccessGrant.status == GrantStatus.ACTIVE.value)):
                    g.revoke(gr, now=now, reason="second_review")
                    effect.revoked.append(gr.id)
                    s.flush()
                    audit.record(s, at=now, actor=actor.name, action="grant.revoke", target_type="grant",
                                 target_id=str(gr.id), details={"reason": "second_review",
                                                                "decision_id": decision_id})
                if applicant is not None and applicant.phone_e164:
                    text = f"Доступ по заявлению {row.id} отменён после проверки: " \
                           f"{applicant_message(reason_code, comment_applicant)}."
                    effect.sms_ids.append(enqueue_sms(s, phone=applicant.phone_e164, body=text,
                                                      purpose="decision", now=now, application_id=row.id).id)
            elif not applied:
                effect = _apply(app, s, actor, row, applicant, child, DecisionOutcome.REJECT, reason_code,
                                comment_applicant, now)
            _close_second_review(s, actor, decision, row, "overturned", comment, now,
                                 extra={"reason": reason_code, "revoked_grants": effect.revoked})
            result = DecisionResult(decision.id, row.id, DecisionOutcome.REJECT.value, row.status, row.version,
                                    revoked_grant_ids=tuple(effect.revoked), sms_ids=tuple(effect.sms_ids))
    except StaleDataError:
        raise ConflictError(f"decision {decision_id} was reviewed by someone else in the meantime") from None
    return result


def resolve_escalation(app, actor: Actor, decision_id: int, *, outcome: DecisionOutcome | str,
                       reason_code: str | None = None, comment_applicant: str | None = None,
                       comment_internal: str | None = None) -> DecisionResult:
    """A supervisor decides an escalated application (a new decision by the supervisor, applied at once)."""
    authz.require(app, actor, Permission.SECOND_REVIEW)
    outcome = DecisionOutcome(outcome)
    if outcome is DecisionOutcome.ESCALATE:
        raise ReviewerError("outcome: an escalation cannot be escalated again")
    _validate(outcome, reason_code, comment_applicant, comment_internal)
    now = app.clock.now()
    try:
        with app.uow() as s:
            decision, row, _ = _load_for_second_review(app, s, actor, decision_id)
            if decision.outcome != DecisionOutcome.ESCALATE.value:
                raise ReviewerError(f"decision {decision_id} is not an escalation: confirm or overturn it")
            applicant, child = _parties(s, row)
            new = Decision(application_id=row.id, staff_id=actor.staff_id, outcome=outcome.value,
                           reason_code=reason_code, comment_applicant=comment_applicant,
                           comment_internal=comment_internal, decided_at=now, claimed_at=None,
                           application_version=row.version, kind=row.kind, rule_version=decision.rule_version,
                           checks_snapshot=decision.checks_snapshot, prescore_snapshot=decision.prescore_snapshot,
                           prescore_band=decision.prescore_band, is_override=False,
                           sla_breached=moscow_date(now) > row.sla_deadline, second_review="")
            s.add(new)
            s.flush()
            audit.record(s, at=now, actor=actor.name, action="decision.make", target_type="application",
                         target_id=row.id, details={"decision_id": new.id, "outcome": outcome.value,
                                                    "reason": reason_code, "escalation": decision.id})
            effect = _apply(app, s, actor, row, applicant, child, outcome, reason_code, comment_applicant, now)
            row.status = STATUS_AFTER[outcome].value
            _close_second_review(s, actor, decision, row, "confirmed", comment_internal, now,
                                 extra={"resolved_by_decision": new.id})
            result = DecisionResult(new.id, row.id, outcome.value, row.status, row.version,
                                    grant_ids=tuple(effect.grant_ids), revoked_grant_ids=tuple(effect.revoked),
                                    sms_ids=tuple(effect.sms_ids))
    except StaleDataError:
        raise ConflictError(f"decision {decision_id} was reviewed by someone else in the meantime") from None
    return result


def _close_second_review(s: Session, actor: Actor, decision: Decision, row: Application, verdict: str,
                         comment: str | None, now: datetime, extra: dict | None = None) -> None:
    # Conditional update: of two supervisors reviewing at once, only one finds it still pending.
    done = s.execute(update(Decision).where(Decision.id == decision.id, Decision.second_review == "pending")
                     .values(second_review=verdict, second_reviewer_id=actor.staff_id,
                             second_review_comment=comment, second_reviewed_at=now)
                     .execution_options(synchronize_session="fetch")).rowcount
    if done != 1:
        raise ConflictError(f"decision {decision.id} was reviewed by someone else in the meantime")
    if row.status == ApplicationStatus.AWAITING_SECOND_REVIEW.value:
        row.status = ApplicationStatus.DECIDED.value
    s.flush()
    audit.record(s, at=now, actor=actor.name, action="decision.confirm" if verdict == "confirmed"
                 else "decision.overturn", target_type="decision", target_id=str(decision.id),
                 details={"application_id": row.id, "comment": comment, **(extra or {})})

