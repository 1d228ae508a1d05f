"""Scheduled notices: a parent is told before a child's access ends (`reviewer-app notify child-access`).

A parent's grant to a child's record ends the day before the child turns the rule table's `child_max_age`
(`decision_plan.child_access_until`). `child_access_notice_days` (default 30) before that day, the parent's
login phone gets one Russian SMS naming the child by initials only and saying that the child applies for their
own access from then on. Each grant is notified once: the grant's `ending_notified_at`, the SMS outbox row and
the audit entry `grant.ending_notified` are one transaction, and the mark is a conditional update, so two runs at
the same moment (cron and a worker) send one SMS. The clock is the app's (injected).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer_app.db.models import AccessGrant, OtpCredential
from reviewer_app.domain import notices
from reviewer_app.domain.actor import SYSTEM, Actor
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import GrantStatus
from reviewer_app.domain.permissions import Permission
from reviewer_app.services import audit, authz
from reviewer_app.services import grants as g
from reviewer_app.services.sms_dispatch import enqueue_sms

SMS_PURPOSE = "child_access_ending"


@dataclass(frozen=True)
class NoticeRun:
    notified: tuple[int, ...] = ()  # grant ids told this run
    sms_ids: tuple[int, ...] = ()
    no_phone: tuple[int, ...] = ()  # grants marked, but their holder has no login phone to tell


def notify_child_access(app, actor: Actor = SYSTEM, *, days_before: int | None = None) -> NoticeRun:
    """Tell the parent of every active child grant ending within `days_before` days (default: the setting
    `child_access_notice_days`) and not told yet. Returns what this run did."""
    actor = authz.require(app, actor, Permission.NOTIFY)
    days = app.settings.child_access_notice_days if days_before is None else days_before
    now = app.clock.now()
    today = moscow_date(now)
    with app.sessions() as s:
        due = [gid for gid, until in s.execute(
            select(AccessGrant.id, AccessGrant.valid_until).where(
                AccessGrant.subject_kind == g.SUBJECT_CHILD, AccessGrant.status == GrantStatus.ACTIVE.value,
                AccessGrant.ending_notified_at.is_(None), AccessGrant.valid_until.is_not(None),
                AccessGrant.valid_until >= today, AccessGrant.valid_until <= today + timedelta(days=days))
            .order_by(AccessGrant.valid_until, AccessGrant.id))
            if notices.ending_notice_due(until, today, days)]
    notified, sms_ids, no_phone = [], [], []
    for gid in due:
        with app.uow() as s:
            sent = _notify_one(s, actor, gid, now)
        if sent is False:
            continue  # told by a concurrent run, or revoked meanwhile
        notified.append(gid)
        if sent is None:
            no_phone.append(gid)
        else:
            sms_ids.append(sent)
    return NoticeRun(tuple(notified), tuple(sms_ids), tuple(no_phone))


def _notify_one(s: Session, actor: Actor, grant_id: int, now: datetime) -> int | bool | None:
    """One grant: the mark, the SMS and the audit entry. False when another run got there first (or the grant is
    no longer active); else the outbox id, or None when the holder has no login phone."""
    marked = s.execute(update(AccessGrant).where(
        AccessGrant.id == grant_id, AccessGrant.ending_notified_at.is_(None),
        AccessGrant.status == GrantStatus.ACTIVE.value).values(ending_notified_at=now)
        .execution_options(synchronize_session=False)).rowcount
    if marked != 1:
        return False
    grant = s.get(AccessGrant, grant_id)
    phone = s.scalar(select(OtpCredential.phone_e164).where(OtpCredential.citizen_key == grant.holder_key)
                     .order_by(OtpCredential.id.desc()).limit(1))
    # The age is the birthday the grant stops the day before (the rule table's child_max_age when it was made).
    age = (grant.valid_until + timedelta(days=1)).year - grant.subject_birth_date.year
    msg = enqueue_sms(s, phone=phone, purpose=SMS_PURPOSE, now=now, application_id=grant.application_id,
                      body=notices.child_access_ending_sms(grant.subject_name, grant.valid_until, age)) \
        if phone else None
    audit.record(s, at=now, actor=actor.name, action="grant.ending_notified", target_type="grant",
                 target_id=str(grant_id), details={"valid_until": grant.valid_until.isoformat(),
                                                   "application_id": grant.application_id,
                                                   "outbox_id": msg.id if msg else None,
                                                   **({} if msg else {"sms_skipped": "no login phone"})})
    return msg.id if msg else None
