"""What a user reads when a service refuses or fails: a message in the interface's language, chosen by the error's
`code` (reviewer_app.domain.errors), never the service's English developer message.

The service's message (ids, statuses, the database's own words) goes to the log, where an administrator looks;
the dialog says what happened and what to do in words the reviewer reads.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.errors import ReviewerError

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("ServiceErrors", text)


def _messages() -> dict[str, str]:
    """One message per error code, in the installed language (built per call: the language may change)."""
    return {
        # permission refusals
        "permission_denied": _t("Your role does not allow this action."),
        "no_staff_account": _t("This action needs a staff account: log in with your own account."),
        "account_changed": _t("Your account was disabled or its role changed. Log in again."),
        "account_disabled": _t("This account is disabled. Ask an administrator."),
        "account_locked": _t("This account is locked after too many failed attempts. An administrator can "
                             "unlock it."),
        "login_failed": _t("Wrong name, password or code. Codes change every 30 seconds: use the current one."),
        "login_throttled": _t("Too many failed logins: wait a little and try again."),
        "four_eyes": _t("You made this decision yourself: its second review must be done by someone else."),
        "own_mfc_record": _t("You recorded this MFC confirmation yourself: another supervisor confirms or "
                             "refuses it."),
        "choose_case": _t("Reviewers take the next application (N); only a supervisor opens a chosen one, giving "
                          "a reason."),
        "recused": _t("This application is your own or a relative's: another reviewer takes it."),
        # conflicts
        "conflict": _t("Someone else changed this record in the meantime. Refresh and try again."),
        "changed": _t("Someone else changed this application in the meantime. Open it again to see it as it "
                      "is now."),
        "not_claimed": _t("The application is no longer held by you (the lease ran out or it was given to "
                          "someone else). Open it again from the queue."),
        "lease_expired": _t("Your lease on the application ran out, so nothing was saved. Open it again from the "
                            "queue."),
        "not_available": _t("The application cannot be taken now: it has been decided, or someone else is "
                            "reviewing it."),
        "not_held": _t("Nobody holds this application now: there is nothing to take back."),
        "not_awaiting_review": _t("This decision is no longer waiting for a second review."),
        "not_pending": _t("This MFC confirmation is no longer waiting for a verification. Refresh the list."),
        "reviewed_meanwhile": _t("Someone else reviewed this decision in the meantime. Refresh the list."),
        "login_phone_changed": _t("The citizen's login phone was changed by another decision in the meantime, so "
                                  "nothing was saved. Open the application again and decide once more."),
        # missing records
        "not_found": _t("The record was not found: it may have been removed. Refresh and try again."),
        "purged": _t("The image was deleted when its retention period ended."),
        "image_unreadable": _t("The image cannot be read: it is damaged, too large or in an unsupported format."),
        # decisions
        "acknowledge_first": _t("Check the results marked “check by hand” first, then press K to acknowledge "
                                "them; Approve after that."),
        "comparing": _t("The faces are still being compared: Approve once the comparison is done."),
        "decision_blocked": _t("The rules do not allow this decision on this application."),
        "decision_incomplete": _t("The decision is incomplete: fill in the reason and the comments it needs."),
        "comment_required": _t("Overturning a decision needs a comment saying why."),
        "reason_required": _t("Opening a chosen application needs a reason."),
        # exports
        "format": _t("The statistics can be exported as CSV or PDF only."),
        "lang": _t("The statistics can be exported in Russian or English only."),
        "refusal_comment": _t("Refusing an MFC confirmation needs a comment saying why."),
        "decision_too_soon": _t("The application had only just appeared, so the key was ignored. Look at it, then "
                                "decide."),
        "not_child_access": _t("An MFC kinship confirmation is recorded only on an application for access to a "
                               "child's record; this application is not one. Check the application number."),
        # supervisors' screens
        "date_range": _t("The start of the period is after its end."),
        "search_passport": _t("Type the passport's series and number in full (10 digits)."),
        "search_phone": _t("The phone searched for is not a Russian mobile number."),
        "reviewer_unavailable": _t("This staff member cannot take applications (disabled, or not a reviewer)."),
        # staff administration
        "own_account": _t("You cannot disable your own account or change your own role."),
        "last_admin": _t("This is the last enabled administrator: add or enable another one first."),
        "staff_exists": _t("A staff member with this name already exists."),
        "staff_name": _t("The name must be 2 to 64 characters: latin letters, digits, “.”, “_” or “-”."),
        "staff_password": _t("The password must be at least 10 characters long."),
        "staff_role": _t("Choose one of the roles offered."),
        # the system
        "database": _t("The database cannot be reached. Try again in a minute; if it persists, call the "
                       "administrator."),
        "schema_outdated": _t("The database must be updated for this version of the program. Call the "
                              "administrator."),
        "document_store": _t("A document cannot be read from the document store. Call the administrator."),
        "document_integrity": _t("A stored document failed its integrity check (it was altered or damaged). "
                                 "Call the administrator."),
        "config": _t("The program's settings are wrong. Call the administrator."),
        # the reviewer service (a desk connected with `gui --service`)
        "service_unreachable": _t("The reviewer service cannot be reached. What you typed is kept; try again "
                                  "in a minute. If it persists, call the administrator."),
        "not_signed_in": _t("You are not signed in to the reviewer service. Log out and sign in again."),
        "signed_out": _t("Your session has ended. Log out and sign in again."),
        "session_idle": _t("Your session ended after a time without work. Log out and sign in again."),
        "session_expired": _t("Your session reached its maximum length. Log out and sign in again."),
        "api_version": _t("This desk and the reviewer service are different versions of the program. Call the "
                          "administrator to install the same version on both."),
        "idempotency_key": _t("The desk sent a decision the service could not accept. Call the administrator."),
        "idempotency_key_reused": _t("The desk sent a decision the service could not accept. Call the "
                                     "administrator."),
        "idempotency_key_busy": _t("The decision is being saved right now. Wait a moment and look at the "
                                   "queue."),
        "service_not_started": _t("The reviewer service of this workstation could not start. The details are in "
                                  "the log; close the program and start it again, and if it persists, call the "
                                  "administrator."),
        "embedded_key": _t("This reviewer service belongs to another program on this computer. Call the "
                           "administrator."),
        "bad_request": _t("The desk sent a request the service could not accept. Call the administrator."),
        # training
        "trainer_only": _t("Only a trainer sees and changes the trainees' work."),
        "not_a_trainee": _t("This account is a trainer's, not a trainee's."),
        "bad_kind": _t("That kind of application is not known. Refresh the list and choose again."),
        "bad_lesson": _t("No case in the answer key teaches that. Refresh the list and choose again."),
        # other systems' accounts (the portal, the MFC's system): a person never meets these at a desk
        "not_a_partner": _t("This account is not another system's account. People sign in at a desk."),
        "pack_refused": _t("The application pack was refused. The reason names the file and the field."),
        "pack_too_large": _t("The application pack is larger than a pack may be."),
        "error": _t("The action could not be completed. The details are in the log; if it happens again, call "
                    "the administrator."),
    }


def interface_language() -> str:
    """'ru' or 'en': the language the translations were installed for (app.install_translations sets it)."""
    return "ru" if QLocale().language() == QLocale.Language.Russian else "en"


def user_message(exc: BaseException) -> str:
    """The message to show for `exc`, in the interface's language; the technical message is logged."""
    code = getattr(exc, "code", None) if isinstance(exc, ReviewerError) else None
    params = getattr(exc, "params", {}) if isinstance(exc, ReviewerError) else {}
    log.warning("shown to the user as %s: %s: %s", code or "unexpected", type(exc).__name__, exc)
    if code == "decision_blocked":  # the rule's own words, which the decision plan has in both languages
        own = params.get(interface_language())
        if own:
            return own
    if code == "account_locked" and isinstance(params.get("until"), datetime):
        return _t("This account is locked after too many failed attempts, until {0} (Moscow time). An "
                  "administrator can unlock it earlier.").format(params["until"].astimezone(MOSCOW)
                                                                 .strftime("%H:%M"))
    if code == "login_throttled" and isinstance(params.get("until"), datetime):
        return _t("Too many failed logins: try again after {0} (Moscow time).").format(
            params["until"].astimezone(MOSCOW).strftime("%H:%M:%S"))
    messages = _messages()
    if code in messages:
        return messages[code]
    if code is None:
        return _t("Unexpected error. The details are in the log; please call the administrator.")
    return messages["error"]  # a refusal the interface has no words for yet: the log names it
