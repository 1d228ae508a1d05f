"""What the duplicate rule knows about a person's past: active grants and other open applications.

The caller builds it (the queue from the database, the `check` command from the packs of the same run), so the
rule stays a pure function.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer_app.domain.person import KnownPerson


@dataclass(frozen=True)
class HistoryEntry:
    """One grant or one open application. `subject_key` is `Application.subject_key` (the person, or the
    person and the child for child access)."""

    kind: str
    subject_key: str
    application_id: str | None = None


@dataclass(frozen=True)
class PersonHistory:
    active_grants: tuple[HistoryEntry, ...] = ()
    open_applications: tuple[HistoryEntry, ...] = ()
    known_person: KnownPerson | None = None  # intake's look-up of the person's earlier records (None: not looked)

    @classmethod
    def empty(cls) -> PersonHistory:
        return _EMPTY


_EMPTY = PersonHistory()


@dataclass
class RunHistory:
    """Builds a `PersonHistory` per application from the applications seen so far (the `check` command)."""

    seen: list[HistoryEntry] = field(default_factory=list)

    def history_for(self, subject_key: str) -> PersonHistory:
        return PersonHistory(open_applications=tuple(e for e in self.seen if e.subject_key == subject_key))

    def add(self, entry: HistoryEntry) -> None:
        self.seen.append(entry)
