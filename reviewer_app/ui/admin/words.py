"""The administrator's screen in words: account states, audit actions, audit details and refusals."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from reviewer_app.domain.admin import ACTIVE, DISABLED, LOCKED
from reviewer_app.domain.enums import StaffRole
from reviewer_app.ui.errors import user_message
from reviewer_app.ui.words import action_sentence, actor_label, document_label, moscow_time, role_label

_STAFF_ROLES = frozenset(r.value for r in StaffRole)


def _t(text: str) -> str:
    return QCoreApplication.translate("AdminScreen", text)


def state_label(state: str, locked_until=None) -> str:
    if state == LOCKED and locked_until is not None:
        return _t("locked until {0}").format(moscow_time(locked_until))
    return {ACTIVE: _t("active"), LOCKED: _t("locked"), DISABLED: _t("disabled")}.get(state, state)


def _actions() -> dict[str, str]:
    return {
        "staff.login": _t("Signed in"),
        "staff.login_failed": _t("Failed sign-in"),
        "staff.logout": _t("Session ended"),
        "staff.locked": _t("Account locked after failed sign-ins"),
        "staff.create": _t("Account created"),
        "staff.update": _t("Account changed"),
        "staff.disable": _t("Account disabled"),
        "staff.enable": _t("Account enabled"),
        "staff.unlock": _t("Account unlocked"),
        "staff.role_change": _t("Role changed"),
        "staff.password_reset": _t("Password reset"),
        "staff.totp_reset": _t("New authenticator code issued"),
        "staff.service_login": _t("Script signed in"),
        "audit.verify": _t("Audit trail verified"),
        "audit.read": _t("Audit trail searched"),
        "sms.outbox_read": _t("SMS outbox read"),
        "grants.read": _t("Access grants read"),
        "decision.search": _t("Decisions searched"),
        "export": _t("Report exported"),
        "otp.request": _t("Citizen asked for a login code"),
        "otp.send": _t("Login code sent"),
        "otp.verify": _t("Login code accepted"),
        "otp.fail": _t("Wrong login code"),
        "otp.locked": _t("Citizen login locked"),
        "otp.unlock": _t("Citizen login unlocked"),
        "record.open": _t("Medical record opened"),
        "record.refuse": _t("Medical record refused"),
        "citizen.opt_out": _t("Citizen opted out"),
        "citizen.opt_in": _t("Citizen opted back in"),
        "citizen.phone_change": _t("Citizen's phone changed"),
        "sms.sent": _t("SMS sent"),
        "sms.failed": _t("SMS failed"),
        "kinship.mfc_confirmed": _t("MFC confirmation counted"),
        "kinship.mfc_recorded": _t("MFC confirmation recorded"),
        "kinship.mfc_refused": _t("MFC confirmation refused"),
        "claim.recused": _t("Own or a relative's application skipped"),
        "training.start": _t("Training started"),
        "training.load": _t("Training cases loaded"),
        "training.history": _t("Training history loaded"),
        "registry.load": _t("Civil registry loaded"),
        "keys.rotate": _t("Store key rotated"),
        "document.integrity_failed": _t("Document failed its integrity check"),
        "face_descriptor.reindexed": _t("Face described again"),
    }


#: Actions the case history words (ui.words.action_sentence), beside the administrator's own above.
_CASE_ACTIONS = ("application.intake", "application.open", "image.open", "claim.take", "claim.renew",
                 "claim.release", "claim.expire", "claim.reassign", "decision.make",
                 "decision.second_review_requested", "decision.confirm", "decision.overturn", "grant.create",
                 "grant.revoke", "grant.expire", "grant.ending_notified", "application.requeue",
                 "application.expire", "prescore.computed", "retention.purge")


def action_choices() -> list[tuple[str, str]]:
    """(words, action) for the audit search's list, by the words."""
    codes = [*_actions(), *_CASE_ACTIONS]
    return sorted(((action_label(c), c) for c in codes), key=lambda pair: pair[0].casefold())


def action_label(action: str, details: dict[str, Any] | None = None) -> str:
    """An audit action in words: the administrator's own, then the case history's (ui.words)."""
    own = _actions().get(action)
    return own if own is not None else action_sentence(action, details)


def _moment(value: str) -> datetime | None:
    if len(value) < 19 or value[10:11] not in ("T", " "):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _value(key: str, value: Any) -> str:
    if key in ("role", "from", "to") and isinstance(value, str):
        return role_label(value) if value in _STAFF_ROLES else document_label(value)
    if isinstance(value, str) and _moment(value) is not None:
        return moscow_time(_moment(value))
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _keys() -> dict[str, str]:
    return {"name": _t("name"), "role": _t("role"), "service": _t("script"), "problem": _t("problem"),
            "source": _t("from where"), "failures": _t("failures"), "until": _t("until"), "from": _t("was"),
            "to": _t("now"), "why": _t("why"), "entries": _t("entries"), "actor": _t("who"),
            "action": _t("action"), "since": _t("from"), "reason": _t("reason"), "outcome": _t("outcome"),
            "application_id": _t("application"), "comment": _t("comment"), "identity": _t("identity"),
            "pack_sha256": _t("pack checksum"), "sha256": _t("checksum"), "kind": _t("kind"),
            "readonly": _t("read only"), "chosen": _t("chosen by id"), "count": _t("count")}


def _problems() -> dict[str, str]:
    return {"code": _t("wrong code"), "password": _t("wrong password"), "unknown name": _t("unknown name"),
            "code replayed": _t("code used twice"), "no TOTP enrolled": _t("no authenticator"),
            "disabled": _t("account disabled"), "service account at a desk": _t("a script's account at a desk"),
            "not a service account": _t("not a script's account"), "logout": _t("signed out"),
            "idle": _t("no work for too long"), "account_disabled": _t("account disabled"),
            "account_locked": _t("account locked")}


def details_text(details: dict[str, Any] | None) -> str:
    """The entry's details as 'key: value' pairs in words where there are words (empty values left out)."""
    keys, problems = _keys(), _problems()
    parts = []
    for key, value in (details or {}).items():
        if value in (None, "", [], {}):
            continue
        text = problems.get(value, value) if key in ("problem", "why") and isinstance(value, str) else \
            _value(key, value)
        parts.append(f"{keys.get(key, key)}: {text}")
    return "; ".join(parts)


def who_label(actor: str) -> str:
    """Who acted: a staff name as it is; the installation's own steps and the background jobs in words."""
    own = {"bootstrap": _t("installation"), "training": _t("training set-up")}.get(actor)
    return own if own is not None else actor_label(actor)


def target_text(target_type: str, target_id: str) -> str:
    """What an entry is about: an account by its number, anything else by its own id."""
    if target_type == "staff" and target_id.isdigit():
        return _t("account no. {0}").format(target_id)
    return target_id


def refusal_text(exc: BaseException) -> str:
    """Why the service refused, in the interface's language (ui.errors words every code)."""
    return user_message(exc)
