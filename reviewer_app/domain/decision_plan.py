"""The decision plan: everything a decision on an application means, computed once, without I/O.

`plan_decision(facts, ask, on=..., rules=...)` is the one place that says whether a decision may be made and
what it does. The decision service (reviewer_app.services.decisions) loads the facts, applies the plan and
commits in one transaction; the desk's dialog and the test fakes ask the same function what to require and
what to show. A supervisor resolving an escalation (`stage=ESCALATION`) and a supervisor confirming an
override (`stage=CONFIRM`) go through it too.

Inputs
- `DecisionFacts`: the application (id, kind, person_key), the applicant (names, birth date, phone and whether
  it can receive SMS), the child (names, birth date, the child's record key), the check results **as evaluated
  for the decision date** (time-dependent checks re-run by the service; `CheckFact.intake_status` keeps the
  intake result when it differs), the face pre-score band, the SLA deadline, the access database's state for
  this citizen (opted out, the phone their login codes go to, their active grants), a recorded MFC
  confirmation of kinship, if any (a desk record counts only once another supervisor verified it), who decides
  (`decided_by`: the recorder of an MFC confirmation never approves what it unlocks) and how many other
  citizens' logins already use the applicant's phone (`phone_used_by_others`: one phone, one citizen);
  `mfc_wait_days` (the setting), so the in-person SMS names the last day the case waits. Every SMS names a child
  by initials only (`domain.notices.initials`).
- `DecisionAsk`: the requested outcome, reason code, comment for the applicant, internal comment.
- `on`: the decision date (Moscow calendar date, from the injected clock).
- `rules`: the rule table in force (anything with `child_max_age` and `feb29_birthday`, e.g. policy's RuleTable).

Output: a `DecisionPlan`
- `allowed` (= not `blocked` and nothing `missing`); `blocked`/`blocked_ru`: why this outcome is not possible
  on this application at all (e.g. kinship to be confirmed at an MFC); `missing`: the inputs still required
  ('reason_code', 'comment_internal', 'comment_applicant'), each with a message in `problems`.
- `status`: the application's status afterwards; `second_review`: the decision waits for a supervisor;
  `overrides`: why approving goes against the evidence ('failed_check:<id>', 'band_mismatch',
  'kinship_manual', 'certificate_country_missing').
- `effect` (what happens to the access database, applied now unless `second_review`): grants to create and
  revoke, the phone the login codes go to and a `PhoneChange` (old → new, with its notice to the old phone),
  opt-out/opt-in, the SMS texts by id ('applicant', 'old_phone') in Russian and English, SMS not sent (a number
  that cannot receive one, with the reason), and the audit entries of the effect.
- `audit`: the decision's own audit entries. Target ids that only exist after the write are placeholders
  ("{decision}", "{grant0}", ...) that the service fills in.
- `notes`: what the reviewer should read before confirming (phone change, no SMS, second review).
- `suggested_reason`: the one reason the evidence points to, or None when it points to none or to several (the
  dialog preselects it only then).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol

from reviewer_app.domain.checks import NOT_RUN
from reviewer_app.domain.dates import nth_birthday
from reviewer_app.domain.enums import ApplicationKind, ApplicationStatus, CheckStatus, DecisionOutcome, ScoreBand
from reviewer_app.domain.notices import initials, waiting_until
from reviewer_app.domain.reasons import REASON_BY_CODE, applicant_message, reason_for_check

APPROVE, REJECT, IN_PERSON, RETURN, ESCALATE = (DecisionOutcome.APPROVE, DecisionOutcome.REJECT,
                                                DecisionOutcome.IN_PERSON, DecisionOutcome.RETURN,
                                                DecisionOutcome.ESCALATE)
ACCESS_KINDS = frozenset({ApplicationKind.OWN_ACCESS, ApplicationKind.CHILD_ACCESS, ApplicationKind.CHANGE_ACCESS})
#: Kinds whose approval sends login codes to the applicant's phone.
PHONE_KINDS = ACCESS_KINDS
SUBJECT_SELF = "self"
SUBJECT_CHILD = "child"
#: Outcomes allowed while a child's kinship waits for an in-person confirmation at an MFC.
IN_PERSON_ROUTE = (IN_PERSON, RETURN, REJECT)

STATUS_AFTER: dict[DecisionOutcome, ApplicationStatus] = {
    APPROVE: ApplicationStatus.DECIDED,
    REJECT: ApplicationStatus.DECIDED,
    IN_PERSON: ApplicationStatus.IN_PERSON_REQUIRED,
    RETURN: ApplicationStatus.RETURNED,
    ESCALATE: ApplicationStatus.AWAITING_SECOND_REVIEW,
}


class Stage(StrEnum):
    REVIEW = "review"  # a reviewer decides an application they hold
    ESCALATION = "escalation"  # a supervisor decides an escalated application
    CONFIRM = "confirm"  # a supervisor confirms an override: the effect is applied now


class DecisionRules(Protocol):
    @property
    def child_max_age(self) -> int: ...
    @property
    def feb29_birthday(self) -> str: ...


@dataclass(frozen=True)
class _DefaultRules:
    child_max_age: int = 15
    feb29_birthday: str = "mar1"


DEFAULT_RULES: DecisionRules = _DefaultRules()


# --- inputs ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CheckFact:
    id: str
    status: str  # CheckStatus value, for the decision date
    message_ru: str = ""
    message_en: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    intake_status: str | None = None  # the stored intake result when the decision-date result differs

    @property
    def failed(self) -> bool:
        return self.status == CheckStatus.FAIL

    def message(self, lang: str = "ru") -> str:
        return self.message_en if lang == "en" else self.message_ru


@dataclass(frozen=True)
class PersonFacts:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    phone: str | None = None  # E.164 when it parsed, else as typed
    phone_sms: bool = True  # a Russian mobile: can receive SMS (login codes, notices)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


@dataclass(frozen=True)
class ChildFacts:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    record_key: str  # the child's record (services.grants.child_key)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


@dataclass(frozen=True)
class MfcConfirmation:
    """Kinship confirmed in person at an MFC office.

    It counts when it comes from the MFC itself (an MFC operator's account, `source='mfc'`), from the portal's
    pack field (`'pack'`), or, recorded at a desk by staff (`'desk'`), once another supervisor has verified it
    (`state='confirmed'`, `verified_by`); until then it is `'pending'` and unlocks nothing. Whoever recorded it
    (`recorded_by`, a staff name) never approves the application it unlocks."""

    confirmed_by: str  # the MFC officer named on the confirmation
    mfc_office: str
    confirmed_on: date
    document_ref: str
    source: str = "desk"  # 'desk', 'mfc' or 'pack'
    state: str = "confirmed"  # 'pending' (desk, not yet verified) or 'confirmed'
    recorded_by: str = ""  # the staff account that recorded it ('intake' for a pack)
    verified_by: str | None = None  # the supervisor who verified a desk record

    @property
    def counts(self) -> bool:
        return self.state == "confirmed"


@dataclass(frozen=True)
class GrantFact:
    id: int
    subject_kind: str
    subject_key: str
    valid_until: date | None = None


@dataclass(frozen=True)
class DecisionFacts:
    application_id: str
    kind: str  # ApplicationKind value
    person_key: str
    applicant: PersonFacts | None
    child: ChildFacts | None = None
    checks: tuple[CheckFact, ...] = ()
    band: str | None = None
    sla_deadline: date | None = None
    opted_out: bool = False
    login_phone: str | None = None  # where this citizen's login codes go today (None: no login yet)
    active_grants: tuple[GrantFact, ...] = ()  # grants this citizen holds
    mfc_confirmation: MfcConfirmation | None = None
    mfc_wait_days: int | None = None  # a case sent to the MFC waits this long (the SMS names the last day)
    #: The staff account deciding (the service fills it; None: not known, e.g. a view built without it).
    decided_by: str | None = None
    #: Other citizens whose login codes already go to the applicant's phone (one phone, one citizen).
    phone_used_by_others: int = 0

    @property
    def mfc_confirmed(self) -> MfcConfirmation | None:
        """The MFC confirmation that counts (None while only a pending desk record exists)."""
        m = self.mfc_confirmation
        return m if m is not None and m.counts else None

    def check(self, check_id: str) -> CheckFact | None:
        for c in self.checks:
            if c.id == check_id:
                return c
        return None


@dataclass(frozen=True)
class DecisionAsk:
    outcome: str
    reason_code: str | None = None
    comment_applicant: str | None = None
    comment_internal: str | None = None
    #: Checks the reviewer acknowledged having checked by hand (K); an expected check that has not run yet
    #: (status NOT_RUN) must be among them for an Approve.
    acknowledged: tuple[str, ...] = ()


# --- outputs -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GrantToCreate:
    subject_kind: str
    subject_key: str
    subject_name: str
    subject_birth_date: date
    valid_until: date | None


@dataclass(frozen=True)
class GrantToRevoke:
    grant_id: int
    reason: str


@dataclass(frozen=True)
class PhoneChange:
    old: str
    new: str

    def message(self, lang: str = "ru") -> str:
        if lang == "en":
            return f"This moves the login codes from {mask_phone(self.old)} to {mask_phone(self.new)}; " \
                   "the old number is told."
        return f"Коды входа переходят с номера {mask_phone(self.old)} на {mask_phone(self.new)}; " \
               "на старый номер придёт уведомление."


@dataclass(frozen=True)
class SmsText:
    id: str  # 'applicant' or 'old_phone'
    to: str
    text_ru: str
    text_en: str


@dataclass(frozen=True)
class SmsSkipped:
    id: str
    to: str | None
    why_ru: str
    why_en: str


@dataclass(frozen=True)
class PlannedAudit:
    """An audit entry the plan asks the service to write with the decision (`audit.AuditEntry` is one read back)."""

    action: str
    target_type: str
    target_id: str  # may be a placeholder: "{decision}", "{grant0}", "{grant1}", ...
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Note:
    code: str
    text_ru: str
    text_en: str

    def text(self, lang: str = "ru") -> str:
        return self.text_en if lang == "en" else self.text_ru


@dataclass(frozen=True)
class Effect:
    """What the decision does to the access database and who gets an SMS."""

    grants_create: tuple[GrantToCreate, ...] = ()
    grants_revoke: tuple[GrantToRevoke, ...] = ()
    login_phone: str | None = None  # the citizen's login codes go here afterwards (set/moved)
    login_phone_before: str | None = None  # ...and went here when the plan was made (the facts' login_phone)
    phone_change: PhoneChange | None = None
    opt: str | None = None  # 'opt_out' | 'opt_in'
    sms: tuple[SmsText, ...] = ()
    sms_skipped: tuple[SmsSkipped, ...] = ()
    audit: tuple[PlannedAudit, ...] = ()
    upsert_citizen: bool = False


@dataclass(frozen=True)
class DecisionPlan:
    outcome: str
    blocked: str | None = None  # English, names the rule; the service raises it
    blocked_ru: str | None = None
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # one message per missing input (English, field first)
    status: str | None = None
    second_review: bool = False
    overrides: tuple[str, ...] = ()
    comment_required: bool = False
    reason_required: bool = False
    suggested_reason: str | None = None
    sla_breached: bool = False
    effect: Effect = field(default_factory=Effect)
    audit: tuple[PlannedAudit, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.blocked is None and not self.missing

    @property
    def applies_now(self) -> bool:
        """The effect is applied with the decision (False while it waits for a second review)."""
        return self.allowed and not self.second_review

    @property
    def error(self) -> str | None:
        """The message the service refuses with (None when allowed)."""
        if self.blocked is not None:
            return self.blocked
        return "; ".join(self.problems) if self.problems else None

    @property
    def needs_dialog(self) -> bool:
        """The desk asks before saving: a reason or comment is needed, or something the reviewer must read."""
        return bool(self.reason_required or self.comment_required or self.notes)


# --- helpers -----------------------------------------------------------------------------------------------

def mask_phone(e164: str | None) -> str:
    """'+79161234567' → '+7 916 ***-**-67': enough to recognise a number, not to copy it."""
    if not e164:
        return "—"
    d = e164[2:] if e164.startswith("+7") else e164
    if e164.startswith("+7") and len(d) == 10 and d.isdigit():
        return f"+7 {d[:3]} ***-**-{d[8:]}"
    return "*" * max(0, len(e164) - 2) + e164[-2:]


def child_access_until(birth: date, rules: DecisionRules = DEFAULT_RULES) -> date:
    """The last day of a parent's access to a child's record: the day before the child turns `child_max_age`."""
    return nth_birthday(birth, rules.child_max_age, rules.feb29_birthday) - timedelta(days=1)


def _ru(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def kinship_route(facts: DecisionFacts) -> str:
    """'confirmed' (registry match or MFC confirmation), 'in_person', 'manual', 'failed' or '' (no kinship)."""
    if facts.kind != ApplicationKind.CHILD_ACCESS:
        return ""
    if facts.mfc_confirmed is not None:
        return "confirmed"
    k = facts.check("kinship")
    if k is None:
        return "manual"  # no kinship check at all: nothing confirmed it, a person must take responsibility
    return {CheckStatus.PASS: "confirmed", CheckStatus.IN_PERSON: "in_person", CheckStatus.MANUAL: "manual",
            CheckStatus.FAIL: "failed"}.get(CheckStatus(k.status), "manual")


def effective_checks(facts: DecisionFacts) -> tuple[CheckFact, ...]:
    """The checks as the decision sees them: an MFC confirmation that counts settles kinship."""
    m = facts.mfc_confirmed
    if m is None:
        return facts.checks
    out = []
    for c in facts.checks:
        if c.id == "kinship":
            c = CheckFact("kinship", CheckStatus.PASS,
                          f"Родство подтверждено в МФЦ ({m.mfc_office}, {_ru(m.confirmed_on)}, {m.document_ref})",
                          f"Kinship confirmed at an MFC ({m.mfc_office}, {_ru(m.confirmed_on)}, {m.document_ref})",
                          {**dict(c.details), "mfc_confirmed": True}, intake_status=c.status)
        out.append(c)
    return tuple(out)


def override_codes(facts: DecisionFacts, outcome: str) -> tuple[str, ...]:
    """Why approving would go against the evidence: then an internal comment and a second review are needed."""
    if outcome != APPROVE:
        return ()
    checks = effective_checks(facts)
    codes = [f"failed_check:{c.id}" for c in checks if c.failed]
    if facts.band == ScoreBand.MISMATCH:
        codes.append("band_mismatch")
    route = kinship_route(facts)
    if route == "manual":
        codes.append("kinship_manual")
    k = facts.check("kinship")
    if route in ("manual", "confirmed") and facts.mfc_confirmed is None and k is not None \
            and k.details.get("country_assumed"):
        codes.append("certificate_country_missing")
    return tuple(codes)


def suggested_reason(facts: DecisionFacts, outcome: str) -> str | None:
    """The reason the evidence points to, when it points to exactly one that fits `outcome` (the failed checks,
    in-person kinship, a face mismatch). Two different reasons, or none: None, and the reviewer chooses (a
    preselected wrong reason would reach the citizen with one key press)."""
    candidates = [reason_for_check(c.id, c.details) for c in effective_checks(facts) if c.failed]
    if kinship_route(facts) == "in_person":  # a guardian's or a parent's (the check's details say which)
        k = facts.check("kinship")
        candidates.append(reason_for_check("kinship", k.details if k is not None else None))
    if facts.band == ScoreBand.MISMATCH:
        candidates.append("face_mismatch")
    fitting = {code for code in candidates if code and (outcome != RETURN or not REASON_BY_CODE[code].final)}
    return fitting.pop() if len(fitting) == 1 else None


def available(facts: DecisionFacts, *, on: date, rules: DecisionRules = DEFAULT_RULES,
              stage: Stage = Stage.REVIEW) -> dict[str, DecisionPlan]:
    """The plan of every outcome with nothing filled in: the desk shows why one is not offered (`blocked`)."""
    outcomes = [o for o in DecisionOutcome if not (stage is not Stage.REVIEW and o is ESCALATE)]
    return {str(o): plan_decision(facts, DecisionAsk(str(o)), on=on, rules=rules, stage=stage) for o in outcomes}


# --- the plan ----------------------------------------------------------------------------------------------

def _blocked(outcome: str, en: str, ru: str) -> DecisionPlan:
    return DecisionPlan(outcome=outcome, blocked=en, blocked_ru=ru)


def _route_block(facts: DecisionFacts, outcome: DecisionOutcome, on: date, rules: DecisionRules,
                 stage: Stage) -> tuple[str, str] | None:
    """Why `outcome` is impossible on this application whatever the reviewer writes (English, Russian)."""
    kind = ApplicationKind(facts.kind)
    app_id = facts.application_id
    if stage is not Stage.REVIEW and outcome is ESCALATE:
        return (f"outcome: application {app_id} is already with a supervisor; it cannot be escalated again",
                "Заявление уже у руководителя: повторная эскалация невозможна")
    if kinship_route(facts) == "in_person" and outcome not in IN_PERSON_ROUTE:
        m = facts.mfc_confirmation
        if m is not None and m.state == "pending":
            return (f"application {app_id}: the MFC confirmation recorded at a desk by {m.recorded_by} waits "
                    "for another supervisor's verification; until then it can only be sent to an MFC, "
                    "returned for correction or rejected",
                    f"Подтверждение МФЦ внесено сотрудником {m.recorded_by} и ждёт проверки другим "
                    "руководителем: до неё возможны лишь «в МФЦ», «вернуть» или «отказать»")
        return (f"application {app_id}: kinship must be confirmed in person at an MFC (certificate issued "
                "abroad, before the registry start, or missing); until an MFC confirmation is recorded it can "
                "only be sent to an MFC, returned for correction or rejected",
                "Родство подтверждается только лично в МФЦ: пока подтверждение МФЦ не внесено, возможны "
                "лишь «в МФЦ», «вернуть» или «отказать»")
    if outcome is not APPROVE:
        return None
    m = facts.mfc_confirmed
    if kind is ApplicationKind.CHILD_ACCESS and m is not None and facts.decided_by \
            and m.recorded_by == facts.decided_by:
        return (f"application {app_id}: {facts.decided_by} recorded the MFC confirmation of this kinship and "
                "cannot approve the application it unlocks (four eyes); another reviewer approves it",
                "Вы внесли подтверждение МФЦ по этому родству и не можете одобрить заявление, которое оно "
                "открывает (принцип четырёх глаз): одобряет другой сотрудник")
    if kind in ACCESS_KINDS and facts.opted_out:
        return (f"application {app_id}: the applicant has opted out of EMK access; new access is refused until "
                f"an opt-in is approved (reject with the reason «{REASON_BY_CODE['opted_out'].label_en}»)",
                "Заявитель отказался от ЭМК: доступ невозможен до одобрения отмены отказа (откажите с "
                "причиной «Отказ от ЭМК»)")
    if kind is ApplicationKind.CHILD_ACCESS:
        if facts.child is None:
            return (f"application {app_id}: an application for a child's record without the child's data",
                    "В заявлении на доступ к медкарте ребёнка нет сведений о ребёнке")
        until = child_access_until(facts.child.birth_date, rules)
        if on > until:
            return (f"application {app_id}: the child turned {rules.child_max_age} on "
                    f"{_ru(until + timedelta(days=1))}; a parent's access is no longer possible (reject with "
                    f"the reason «{REASON_BY_CODE['child_too_old'].label_en}»)",
                    f"Ребёнку исполнилось {rules.child_max_age} лет {_ru(until + timedelta(days=1))}: доступ "
                    "родителя невозможен (откажите с причиной «Ребёнку исполнилось 15 лет»)")
    if facts.applicant is None:
        return (f"application {app_id}: no applicant data; cannot apply the decision",
                "В заявлении нет данных заявителя")
    if kind in PHONE_KINDS and (not facts.applicant.phone or not facts.applicant.phone_sms):
        return (f"application {app_id}: no mobile phone; login codes cannot be sent (return the application "
                f"with the reason «{REASON_BY_CODE['phone_not_mobile'].label_en}»)",
                "Нет мобильного телефона: коды входа некуда отправлять (верните заявление с причиной "
                "«Телефон не мобильный»)")
    if kind in PHONE_KINDS and facts.phone_used_by_others:
        phone = mask_phone(facts.applicant.phone)
        return (f"application {app_id}: the phone {phone} already receives the login codes of another citizen; "
                "one phone serves one citizen (a parent's login serves their children's records), so approving "
                "would take that login over. Return the application with the reason "
                f"«{REASON_BY_CODE['phone_in_use'].label_en}» asking for the applicant's own number",
                f"Номер {phone} уже получает коды входа другого человека: один телефон — один гражданин (коды "
                "родителя открывают и медкарты его детей), одобрение отняло бы у того человека вход. Верните "
                "заявление с причиной «Телефон принадлежит другому человеку»: нужен собственный номер заявителя")
    return None


def _account_block(facts: DecisionFacts, outcome: DecisionOutcome) -> tuple[str, str] | None:
    """Only a confirmed mos.ru account of standard or full level may apply: approving a simplified or unconfirmed
    one is refused at every stage (no override: it is a condition of the service, not a doubt about evidence)."""
    c = facts.check("account")
    if outcome is not APPROVE or c is None or not c.failed:
        return None
    code = reason_for_check("account", c.details) or "account_not_confirmed"
    simplified = code == "account_simplified"
    return (f"application {facts.application_id}: the mos.ru account is "
            f"{'simplified' if simplified else 'not confirmed'}; only a confirmed standard or full account may "
            f"apply (reject with the reason «{REASON_BY_CODE[code].label_en}»)",
            f"Учётная запись mos.ru {'упрощённая' if simplified else 'не подтверждена'}: услуга доступна только "
            f"с подтверждённой стандартной или полной учётной записью (откажите с причиной "
            f"«{REASON_BY_CODE[code].label_ru}»)")


def needs_reason(outcome: str) -> bool:
    """Reject and return-for-correction must name a reason from the fixed list."""
    return outcome in (DecisionOutcome.REJECT, DecisionOutcome.RETURN)


def reason_allowed(outcome: str, final: bool) -> bool:
    """A return for correction invites a new application: it may not carry a FINAL reason."""
    return not (outcome == DecisionOutcome.RETURN and final)


def comment_required(outcome: str, overrides: list[str]) -> bool:
    """An internal comment is required to approve against the evidence and to escalate (the supervisor's brief);
    the decision plan's `comment_required` is this rule."""
    return bool(overrides) or outcome == DecisionOutcome.ESCALATE


def missing_inputs(outcome: str, reason_code: str | None, comment_applicant: str | None,
                   comment_internal: str | None, overrides: Iterable[str] = ()) -> list[str]:
    """The inputs a decision still lacks, by field ('reason_code', 'comment_applicant', 'comment_internal'):
    the dialog says so beside what was typed; the plan refuses on this very rule (`_missing`)."""
    return _missing(DecisionAsk(outcome, reason_code, comment_applicant, comment_internal), tuple(overrides))[0]


def _missing(ask: DecisionAsk, overrides: tuple[str, ...]) -> tuple[list[str], list[str]]:
    outcome = DecisionOutcome(ask.outcome)
    missing: list[str] = []
    problems: list[str] = []
    if outcome in (REJECT, RETURN):
        if not ask.reason_code:
            missing.append("reason_code")
            problems.append(f"reason_code: a {outcome.value} needs a reason from the fixed list "
                            f"({', '.join(REASON_BY_CODE)})")
        elif ask.reason_code not in REASON_BY_CODE:
            missing.append("reason_code")
            problems.append(f"reason_code: unknown reason {ask.reason_code!r}. Known: {', '.join(REASON_BY_CODE)}.")
        elif outcome is RETURN and REASON_BY_CODE[ask.reason_code].final:
            missing.append("reason_code")
            problems.append(f"reason_code: {ask.reason_code!r} is final; a return for correction needs a reason "
                            "the applicant can fix")
        elif ask.reason_code == "other" and _blank(ask.comment_applicant):
            missing.append("comment_applicant")
            problems.append("comment_applicant: reason 'other' needs a comment for the applicant")
    elif ask.reason_code is not None and ask.reason_code not in REASON_BY_CODE:
        missing.append("reason_code")
        problems.append(f"reason_code: unknown reason {ask.reason_code!r}. Known: {', '.join(REASON_BY_CODE)}.")
    if _blank(ask.comment_internal):
        if outcome is ESCALATE:
            missing.append("comment_internal")
            problems.append("comment_internal: a escalate needs an internal comment for the supervisor")
        elif overrides:
            missing.append("comment_internal")
            problems.append("comment_internal: approving despite " + ", ".join(overrides)
                            + " needs an internal comment (it then goes to a supervisor's second review)")
    return missing, problems


def not_run_problems(facts: DecisionFacts, ask: DecisionAsk) -> tuple[list[str], list[str]]:
    """An Approve waits for every expected check (status NOT_RUN: the face comparison still to come), unless the
    reviewer acknowledged it by hand (K) and wrote an internal comment saying what they checked. Other outcomes
    do not wait: refusing or returning needs no duplicate search."""
    if ask.outcome != APPROVE:
        return [], []
    not_run = [c.id for c in facts.checks if c.status == NOT_RUN]
    pending = [c for c in not_run if c not in ask.acknowledged]
    if pending:
        return ["acknowledged_checks"], [
            f"acknowledged_checks: {', '.join(pending)} has not run yet on application {facts.application_id}; "
            "wait for it, or check by hand, acknowledge (K) and write an internal comment"]
    if not_run and _blank(ask.comment_internal):
        return ["comment_internal"], [
            f"comment_internal: approving before {', '.join(not_run)} has run needs an internal comment saying "
            "what was checked by hand"]
    return [], []


def plan_decision(facts: DecisionFacts, ask: DecisionAsk, *, on: date, rules: DecisionRules = DEFAULT_RULES,
                  stage: Stage = Stage.REVIEW) -> DecisionPlan:
    """The plan for deciding `ask.outcome` on the application described by `facts`, on day `on`.

    Pure: the same inputs always give the same plan. See the module docstring for inputs and outputs.
    """
    try:
        outcome = DecisionOutcome(ask.outcome)
    except ValueError:
        return _blocked(str(ask.outcome), f"outcome: {ask.outcome!r} is not one of "
                        f"{', '.join(o.value for o in DecisionOutcome)}", "Неизвестное решение")
    block = _route_block(facts, outcome, on, rules, stage) or _account_block(facts, outcome)
    if block is not None:
        return _blocked(outcome.value, *block)
    overrides = override_codes(facts, outcome) if stage is not Stage.CONFIRM else ()
    missing, problems = _missing(ask, overrides) if stage is not Stage.CONFIRM else ([], [])
    not_run = [c.id for c in facts.checks if c.status == NOT_RUN] if outcome is APPROVE else []
    if stage is not Stage.CONFIRM:
        for m, p in zip(*not_run_problems(facts, ask), strict=True):
            if m not in missing:
                missing.append(m)
                problems.append(p)
    second = bool(overrides) or outcome is ESCALATE
    status = ApplicationStatus.AWAITING_SECOND_REVIEW if second else STATUS_AFTER[outcome]
    effect = _effect(facts, ask, outcome, on, rules)
    notes = list(_notes(effect))
    if outcome is IN_PERSON and not any(c.status == CheckStatus.IN_PERSON for c in effective_checks(facts)):
        notes.append(Note("no_visit_needed", "Ни одна проверка не требует личного визита: заявителю придёт SMS с "
                                             "просьбой прийти в МФЦ. Отправить всё равно?",
                          "No check calls for a visit: the applicant will get an SMS asking them to come to an "
                          "MFC office. Send it anyway?"))
    if second and outcome is APPROVE:
        notes.append(Note("second_review", "Решение против данных проверки: нужен комментарий, решение уйдёт "
                                           "на повторную проверку руководителю (доступ и SMS — после неё).",
                          "This approval goes against the evidence: a comment is required and the decision goes "
                          "to a supervisor's second review (access and SMS only after it)."))
    audit = [PlannedAudit("decision.make", "application", facts.application_id,
                        {"decision_id": "{decision}", "outcome": outcome.value, "reason": ask.reason_code,
                         "override": list(overrides), "status": status.value,
                         **({"stage": stage.value} if stage is not Stage.REVIEW else {})})]
    if second:
        audit.append(PlannedAudit("decision.second_review_requested", "decision", "{decision}",
                                {"application_id": facts.application_id, "override": list(overrides),
                                 "outcome": outcome.value}))
    return DecisionPlan(
        outcome=outcome.value, missing=tuple(missing), problems=tuple(problems), status=status.value,
        second_review=second, overrides=overrides,
        comment_required=comment_required(outcome, list(overrides)) or bool(not_run),  # the dialog's rule
        reason_required=needs_reason(outcome),
        suggested_reason=suggested_reason(facts, outcome.value) if outcome in (REJECT, RETURN) else None,
        sla_breached=facts.sla_deadline is not None and on > facts.sla_deadline,
        effect=effect, audit=tuple(audit), notes=tuple(notes))


def plan_withdrawal(facts: DecisionFacts, grant_ids: tuple[int, ...], reason_code: str,
                    comment_applicant: str | None = None) -> DecisionPlan:
    """A supervisor overturns an approval already applied (a sampled second review): the grants it created
    (`grant_ids`) are revoked and the applicant is told why, as a rejection would tell them."""
    app_id = facts.application_id
    code = reason_code if reason_code in REASON_BY_CODE else "other"
    sms: list[SmsText] = []
    skipped: list[SmsSkipped] = []
    _sms(sms, skipped, facts.applicant,
         f"Доступ по заявлению {app_id} отменён после проверки: "
         f"{applicant_message(code, comment_applicant, 'ru')}.",
         f"Access given on application {app_id} is withdrawn after a check: "
         f"{applicant_message(code, comment_applicant, 'en')}.")
    audit = tuple(PlannedAudit("grant.revoke", "grant", str(i), {"application_id": app_id, "reason": "second_review"})
                  for i in grant_ids)
    effect = Effect(grants_revoke=tuple(GrantToRevoke(i, "second_review") for i in grant_ids), sms=tuple(sms),
                    sms_skipped=tuple(skipped), audit=audit)
    return DecisionPlan(outcome=REJECT.value, effect=effect, notes=tuple(_notes(effect)))


def _notes(effect: Effect) -> list[Note]:
    notes = []
    if effect.phone_change is not None:
        notes.append(Note("phone_change", effect.phone_change.message("ru"), effect.phone_change.message("en")))
    for s in effect.sms_skipped:
        notes.append(Note("sms_skipped", s.why_ru, s.why_en))
    return notes


def _sms(sms: list[SmsText], skipped: list[SmsSkipped], applicant: PersonFacts | None, ru: str, en: str) -> None:
    phone = applicant.phone if applicant is not None else None
    if phone and applicant is not None and applicant.phone_sms:
        sms.append(SmsText("applicant", phone, ru, en))
    elif phone:
        skipped.append(SmsSkipped("applicant", phone,
                                  f"SMS заявителю не отправляется: номер {phone} не мобильный и SMS не принимает.",
                                  f"No SMS to the applicant: {phone} is not a mobile number and cannot receive one."))
    else:
        skipped.append(SmsSkipped("applicant", None, "SMS заявителю не отправляется: телефон не указан.",
                                  "No SMS to the applicant: no phone number given."))


def _effect(facts: DecisionFacts, ask: DecisionAsk, outcome: DecisionOutcome, on: date,
            rules: DecisionRules) -> Effect:
    sms: list[SmsText] = []
    skipped: list[SmsSkipped] = []
    app_id = facts.application_id
    a = facts.applicant
    if outcome in (REJECT, RETURN):
        code = ask.reason_code if ask.reason_code in REASON_BY_CODE else None
        if code is None:  # no text yet, but the reviewer already learns whether an SMS can go at all
            _sms(sms, skipped, a, "", "")
            return Effect(sms_skipped=tuple(skipped))
        why_ru = applicant_message(code, ask.comment_applicant, "ru")
        why_en = applicant_message(code, ask.comment_applicant, "en")
        if outcome is REJECT:
            ru, en = f"Заявление {app_id} отклонено: {why_ru}.", f"Application {app_id} is rejected: {why_en}."
            if not REASON_BY_CODE[code].final:
                ru += " Вы можете подать новое заявление."
                en += " You may submit a new application."
        else:
            ru = f"Заявление {app_id} возвращено на доработку: {why_ru}. Исправьте его и отправьте снова."
            en = f"Application {app_id} is returned for correction: {why_en}. Correct it and send it again."
        _sms(sms, skipped, a, ru, en)
        return Effect(sms=tuple(sms), sms_skipped=tuple(skipped))
    if outcome is IN_PERSON:
        child = facts.child is not None
        docs_ru = "паспортом и свидетельством о рождении ребёнка" if child else "паспортом"
        docs_en = "your passport and the child's birth certificate" if child else "your passport"
        k = facts.check("kinship")
        if child and k is not None and k.details.get("relation", "parent") != "parent":
            docs_ru += " и документом об опеке, попечительстве или усыновлении"
            docs_en += " and the guardianship, trusteeship or adoption document"
        extra = f" {(ask.comment_applicant or '').strip()}" if not _blank(ask.comment_applicant) else ""
        by_ru = by_en = ""
        if facts.mfc_wait_days:  # the case waits until then, then closes (services/waiting.py)
            last = waiting_until(on, facts.mfc_wait_days)
            by_ru, by_en = f" до {_ru(last)} включительно", f" by {_ru(last)}"
        _sms(sms, skipped, a,
             f"По заявлению {app_id} нужен личный визит в МФЦ «Мои документы»{by_ru} с {docs_ru}.{extra}",
             f"Application {app_id} needs a visit to an MFC office (Moi Dokumenty){by_en} with {docs_en}.{extra}")
        return Effect(sms=tuple(sms), sms_skipped=tuple(skipped))
    if outcome is ESCALATE or a is None:
        return Effect()
    return _approve_effect(facts, a, on, rules)


def _approve_effect(facts: DecisionFacts, a: PersonFacts, on: date, rules: DecisionRules) -> Effect:
    kind = ApplicationKind(facts.kind)
    app_id = facts.application_id
    sms: list[SmsText] = []
    skipped: list[SmsSkipped] = []
    audit: list[PlannedAudit] = []
    creates: list[GrantToCreate] = []
    revokes: list[GrantToRevoke] = []
    login_phone = None
    change = None
    opt = None
    citizen = facts.person_key[:16]

    def grant(subject_kind: str, key: str, name: str, birth: date, until: date | None) -> None:
        for g in facts.active_grants:  # an active grant for the same record is kept, not duplicated
            if g.subject_key == key and (g.valid_until is None or g.valid_until >= on):
                return
        audit.append(PlannedAudit("grant.create", "grant", f"{{grant{len(creates)}}}",
                                {"application_id": app_id, "subject_kind": subject_kind, "valid_until": until}))
        creates.append(GrantToCreate(subject_kind, key, name, birth, until))

    def revoke(grants: tuple[GrantFact, ...] | list[GrantFact], reason: str) -> None:
        for g in grants:
            revokes.append(GrantToRevoke(g.id, reason))
            audit.append(PlannedAudit("grant.revoke", "grant", str(g.id), {"application_id": app_id, "reason": reason}))

    if kind in PHONE_KINDS:
        login_phone = a.phone
        old = facts.login_phone
        if old and old != a.phone:
            change = PhoneChange(old, a.phone or "")
        if change is not None or kind is ApplicationKind.CHANGE_ACCESS:
            audit.append(PlannedAudit("citizen.phone_change", "citizen", citizen,
                                    {"application_id": app_id, "new_phone_last4": (a.phone or "")[-4:],
                                     "old_phone_last4": old[-4:] if old and change else None,
                                     "kind": kind.value}))
    if kind is ApplicationKind.OWN_ACCESS:
        grant(SUBJECT_SELF, facts.person_key, a.full_name, a.birth_date, None)
        _sms(sms, skipped, a, f"Заявление {app_id} одобрено: доступ к вашей электронной медкарте открыт. "
                              "Код для входа будет приходить на этот номер.",
             f"Application {app_id} is approved: your electronic medical record is open. Login codes will come "
             "to this number.")
    elif kind is ApplicationKind.CHILD_ACCESS:
        child = facts.child
        assert child is not None  # _route_block refuses a child_access application without a child
        until = child_access_until(child.birth_date, rules)
        grant(SUBJECT_CHILD, child.record_key, child.full_name, child.birth_date, until)
        who = initials(child.last_name, child.first_name, child.middle_name)  # an SMS names no child in full
        _sms(sms, skipped, a, f"Заявление {app_id} одобрено: доступ к медкарте ребёнка ({who}) открыт "
                              f"до {_ru(until)}. Код для входа будет приходить на этот номер.",
             f"Application {app_id} is approved: the child's record ({who}) is open until "
             f"{_ru(until)}. Login codes will come to this number.")
    elif kind is ApplicationKind.CHANGE_ACCESS:
        _sms(sms, skipped, a, f"Заявление {app_id} одобрено: коды для входа в электронную медкарту теперь "
                              "приходят на этот номер.",
             f"Application {app_id} is approved: the login codes of the electronic medical record now come to "
             "this number.")
    elif kind is ApplicationKind.CANCEL_ACCESS:
        key = facts.child.record_key if facts.child is not None else facts.person_key
        revoke([g for g in facts.active_grants if g.subject_key == key][-1:], "cancel_access")
        what_ru = "медкарте ребёнка" if facts.child is not None else "вашей электронной медкарте"
        what_en = "the child's record" if facts.child is not None else "your electronic medical record"
        _sms(sms, skipped, a, f"Заявление {app_id} исполнено: доступ к {what_ru} отменён.",
             f"Application {app_id} is done: access to {what_en} is cancelled.")
    elif kind is ApplicationKind.OPT_OUT:
        opt = "opt_out"
        revoke(facts.active_grants, "opt_out")
        audit.append(PlannedAudit("citizen.opt_out", "citizen", citizen, {"application_id": app_id}))
        _sms(sms, skipped, a, f"Заявление {app_id} исполнено: вы отказались от доступа к электронной медкарте. "
                              "Отменить отказ можно новым заявлением.",
             f"Application {app_id} is done: you have opted out of the electronic medical record. A new "
             "application undoes it.")
    elif kind is ApplicationKind.OPT_IN:
        opt = "opt_in"
        audit.append(PlannedAudit("citizen.opt_in", "citizen", citizen, {"application_id": app_id}))
        _sms(sms, skipped, a, f"Заявление {app_id} исполнено: отказ от электронной медкарты отменён. "
                              "Теперь можно подать заявление на доступ.",
             f"Application {app_id} is done: the opt-out is withdrawn. You can now apply for access.")
    if change is not None:
        sms.append(SmsText("old_phone", change.old,
                           f"Коды для входа в электронную медкарту больше не приходят на этот номер: по заявлению "
                           f"{app_id} они переведены на номер {mask_phone(change.new)}. Если вы этого не "
                           "делали, обратитесь в МФЦ «Мои документы».",
                           f"Login codes of the electronic medical record no longer come to this number: "
                           f"application {app_id} moved them to {mask_phone(change.new)}. If this was not you, "
                           "visit an MFC office (Moi Dokumenty)."))
    return Effect(grants_create=tuple(creates), grants_revoke=tuple(revokes), login_phone=login_phone,
                  login_phone_before=facts.login_phone, phone_change=change, opt=opt, sms=tuple(sms),
                  sms_skipped=tuple(skipped), audit=tuple(audit),
                  upsert_citizen=True)
