"""An application as the rules see it: frozen dataclasses built from a validated application.json.

`Application.from_dict` expects a dict that already passed the pack schema (see `reviewer_app.packs`); it keeps
the whole raw dict (and each part's raw dict) so that unknown fields are never dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from typing import Any

from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import ApplicationKind
from reviewer_app.domain.registry import normalise_name


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "" else None


@dataclass(frozen=True)
class Passport:
    series: str
    number: str
    issued_on: date | None
    issued_by: str | None = None
    division_code: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Passport:
        return cls(series=str(d.get("series", "")), number=str(d.get("number", "")),
                   issued_on=_d(d.get("issued_on")), issued_by=_s(d.get("issued_by")),
                   division_code=_s(d.get("division_code")), raw=d)

    @property
    def normalised(self) -> str:
        return "".join(ch for ch in self.series + self.number if ch.isdigit())


@dataclass(frozen=True)
class OmsPolicy:
    number: str
    region: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OmsPolicy:
        region = d.get("region")
        return cls(number=str(d.get("number", "")), region=None if region is None else str(region), raw=d)


@dataclass(frozen=True)
class BirthCertificate:
    series: str
    number: str
    issued_on: date | None
    country: str | None = None  # ISO 3166 alpha-2; None when the pack does not say (treated as RU)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BirthCertificate:
        return cls(series=str(d.get("series", "")), number=str(d.get("number", "")),
                   issued_on=_d(d.get("issued_on")), country=_s(d.get("country")), raw=d)


#: mos.ru account levels (`applicant.account.level`): only a confirmed standard or full account may apply.
ACCOUNT_LEVELS = ("simplified", "standard", "full")
#: Relations of an applicant to the child (`child.relation`); only a parent can be matched in the civil registry.
CHILD_RELATIONS = ("parent", "guardian", "trustee", "adoptive_parent")


@dataclass(frozen=True)
class Account:
    """`applicant.account`: the mos.ru account the application came from, as the portal states it."""

    level: str  # one of ACCOUNT_LEVELS
    confirmed: bool
    confirmed_via: str | None = None  # e.g. 'mfc', 'gosuslugi', 'bank', 'digital_signature'
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Account:
        return cls(level=str(d.get("level", "")), confirmed=d.get("confirmed") is True,
                   confirmed_via=_s(d.get("confirmed_via")), raw=d)

    @property
    def at_mfc(self) -> bool:
        return self.confirmed and (self.confirmed_via or "").strip().lower() == "mfc"


@dataclass(frozen=True)
class PreviousSurname:
    """`applicant.previous_surnames[]`: a surname the applicant had before, with the civil-status record that
    changed it (marriage or name change), so that a parent still named the old way on a birth record matches."""

    last_name: str
    record_kind: str  # 'marriage' or 'name_change'
    record_number: str
    record_date: date | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PreviousSurname:
        return cls(last_name=str(d.get("last_name", "")), record_kind=str(d.get("record_kind", "")),
                   record_number=str(d.get("record_number", "")), record_date=_d(d.get("record_date")), raw=d)


@dataclass(frozen=True)
class PreviousPassport:
    """`applicant.previous_passport`: the passport the applicant held before (replaced at 20 or 45, or lost)."""

    series: str
    number: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PreviousPassport:
        return cls(series=str(d.get("series", "")), number=str(d.get("number", "")), raw=d)

    @property
    def normalised(self) -> str:
        return "".join(ch for ch in self.series + self.number if ch.isdigit())


@dataclass(frozen=True)
class Applicant:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    phone: str | None = None
    snils: str | None = None
    account_confirmed_at_mfc: bool = False
    biometric_consent: bool = False
    passport: Passport | None = None
    oms_policy: OmsPolicy | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    account: Account | None = None  # None: the pack does not state it (an older pack)
    birth_place: str | None = None
    previous_passport: PreviousPassport | None = None
    previous_surnames: tuple[PreviousSurname, ...] = ()

    @property
    def account_at_mfc(self) -> bool:
        """The account was confirmed in person at an MFC (the old flag or the account's own statement)."""
        return self.account_confirmed_at_mfc or (self.account is not None and self.account.at_mfc)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Applicant:
        return cls(
            last_name=str(d["last_name"]), first_name=str(d["first_name"]), middle_name=_s(d.get("middle_name")),
            birth_date=date.fromisoformat(d["birth_date"]), phone=_s(d.get("phone")), snils=_s(d.get("snils")),
            account_confirmed_at_mfc=bool(d.get("account_confirmed_at_mfc", False)),
            biometric_consent=bool(d.get("biometric_consent", False)),
            passport=Passport.from_dict(d["passport"]) if isinstance(d.get("passport"), dict) else None,
            oms_policy=OmsPolicy.from_dict(d["oms_policy"]) if isinstance(d.get("oms_policy"), dict) else None,
            raw=d,
            account=Account.from_dict(d["account"]) if isinstance(d.get("account"), dict) else None,
            birth_place=_s(d.get("birth_place")),
            previous_passport=PreviousPassport.from_dict(d["previous_passport"])
            if isinstance(d.get("previous_passport"), dict) else None,
            previous_surnames=tuple(PreviousSurname.from_dict(x) for x in d.get("previous_surnames") or ()
                                    if isinstance(x, dict)),
        )


@dataclass(frozen=True)
class KinshipConfirmation:
    """`child.kinship_confirmation`: the portal says an MFC office confirmed the kinship in person."""

    confirmed_by: str
    mfc_office: str
    confirmed_on: date | None
    document_ref: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KinshipConfirmation:
        return cls(confirmed_by=str(d.get("confirmed_by", "")), mfc_office=str(d.get("mfc_office", "")),
                   confirmed_on=_d(d.get("confirmed_on")), document_ref=str(d.get("document_ref", "")), raw=d)


@dataclass(frozen=True)
class Child:
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: date
    oms_policy: OmsPolicy | None = None
    birth_certificate: BirthCertificate | None = None
    kinship_confirmation: KinshipConfirmation | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    relation: str = "parent"  # the applicant to the child: one of CHILD_RELATIONS (absent: parent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Child:
        bc = d.get("birth_certificate")
        kc = d.get("kinship_confirmation")
        return cls(
            last_name=str(d["last_name"]), first_name=str(d["first_name"]), middle_name=_s(d.get("middle_name")),
            birth_date=date.fromisoformat(d["birth_date"]),
            oms_policy=OmsPolicy.from_dict(d["oms_policy"]) if isinstance(d.get("oms_policy"), dict) else None,
            birth_certificate=BirthCertificate.from_dict(bc) if isinstance(bc, dict) else None,
            kinship_confirmation=KinshipConfirmation.from_dict(kc) if isinstance(kc, dict) else None,
            raw=d, relation=_s(d.get("relation")) or "parent",
        )


@dataclass(frozen=True)
class Documents:
    """File names relative to the pack, by role (every role is optional)."""

    selfie_with_passport: str | None = None
    passport_scan: str | None = None
    birth_certificate_scan: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Documents:
        return cls(selfie_with_passport=_s(d.get("selfie_with_passport")),
                   passport_scan=_s(d.get("passport_scan")),
                   birth_certificate_scan=_s(d.get("birth_certificate_scan")), raw=d)

    def names(self) -> dict[str, str]:
        """Every document role → file name, including roles this version does not know."""
        return {k: v for k, v in self.raw.items() if isinstance(v, str)}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Application:
    format: int
    id: str
    kind: ApplicationKind
    submitted_at: datetime
    applicant: Applicant
    child: Child | None = None
    documents: Documents = field(default_factory=Documents)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    corrects_application_id: str | None = None  # a corrected pack names the returned application it corrects
    resolved_person_key: str | None = None  # the stable person key intake found (services.persons)

    def with_person_key(self, key: str) -> Application:
        """The same application, keyed to the person intake resolved (across passports, by SNILS or identity)."""
        return replace(self, resolved_person_key=key)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Application:
        """Build from a schema-valid application.json dict (raises KeyError/ValueError otherwise)."""
        return cls(
            format=int(d["format"]), id=str(d["id"]), kind=ApplicationKind(d["kind"]),
            submitted_at=datetime.fromisoformat(d["submitted_at"]),
            applicant=Applicant.from_dict(d["applicant"]),
            child=Child.from_dict(d["child"]) if isinstance(d.get("child"), dict) else None,
            documents=Documents.from_dict(d["documents"]) if isinstance(d.get("documents"), dict) else Documents(),
            raw=d,
            corrects_application_id=str(d["corrects_application_id"]) if d.get("corrects_application_id") else None,
        )

    @property
    def submitted_on(self) -> date:
        """The Moscow calendar date of submission (naive times are taken as Moscow time)."""
        if self.submitted_at.tzinfo is None:
            return self.submitted_at.date()
        return moscow_date(self.submitted_at)

    @cached_property
    def person_key(self) -> str:
        """The person key intake resolved (`resolved_person_key`); without one (the `check` command, no
        database): sha256 hex of the passport series+number digits, or of the names and birth date."""
        if self.resolved_person_key:
            return self.resolved_person_key
        p = self.applicant.passport
        if p is not None and p.normalised:
            return _sha("passport:" + p.normalised)
        a = self.applicant
        return _sha("person:" + "|".join((normalise_name(a.last_name), normalise_name(a.first_name),
                                          normalise_name(a.middle_name), a.birth_date.isoformat())))

    @cached_property
    def subject_key(self) -> str:
        """Whom the application is about: the person, or the person and the child for a child's record."""
        if self.child is None:
            return self.person_key
        c = self.child
        bc = c.birth_certificate
        child = ("cert:" + "".join((bc.series + bc.number).split()).upper()) if bc is not None else "|".join(
            (normalise_name(c.last_name), normalise_name(c.first_name), normalise_name(c.middle_name),
             c.birth_date.isoformat()))
        return _sha(self.person_key + "|child:" + child)
