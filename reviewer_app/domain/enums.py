"""Enumerations shared by every layer. Values are stored in the database as these strings."""

from enum import StrEnum


class ApplicationKind(StrEnum):
    OWN_ACCESS = "own_access"
    CHILD_ACCESS = "child_access"
    CHANGE_ACCESS = "change_access"
    CANCEL_ACCESS = "cancel_access"
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    IN_REVIEW = "in_review"
    DECIDED = "decided"
    RETURNED = "returned"
    IN_PERSON_REQUIRED = "in_person_required"
    AWAITING_SECOND_REVIEW = "awaiting_second_review"
    EXPIRED = "expired"  # sent to the MFC and not visited within mfc_wait_days (`notify waiting`)


class CheckStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    MANUAL = "manual"
    IN_PERSON = "in_person"


class DecisionOutcome(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    IN_PERSON = "in_person"
    RETURN = "return"
    ESCALATE = "escalate"


class StaffRole(StrEnum):
    REVIEWER = "reviewer"
    SUPERVISOR = "supervisor"
    TRAINER = "trainer"
    ADMIN = "admin"
    MFC = "mfc"  # an MFC office operator (or the MFC's system): records kinship confirmations, nothing else
    PORTAL = "portal"  # the citizens' portal, a system account (password only, never at a desk): pushes packs


class GrantStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"


class SmsStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class ScoreBand(StrEnum):
    MATCH = "match"
    UNCERTAIN = "uncertain"
    MISMATCH = "mismatch"
    MANUAL = "manual"
