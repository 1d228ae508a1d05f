"""What was read from a document image: plain data, built by `reviewer_app.documents`, used by the rules.

A reading is one image (the passport scan, or the selfie holding the passport) and one of three states:
- "read": the zone was found and every check digit holds: the fields of line 2 are reliable;
- "invalid": the zone was found and read but a check digit does not hold (a misread, or a damaged or forged
  zone: the rule decides with the other image);
- "unreadable": no zone could be read, `reason` says why. Nothing is guessed.
The names (line 1) carry no check digit: `names_reliable` is true only when every name cell was read with a
clear margin over the runner-up character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer_app.domain.mrz import MrzData, parse

READ, INVALID, UNREADABLE = "read", "invalid", "unreadable"


@dataclass(frozen=True)
class DocumentReading:
    source: str  # the document role: "passport_scan", "selfie_with_passport"
    status: str  # READ / INVALID / UNREADABLE
    reason: str | None = None
    lines: tuple[str, str] | None = None
    names_reliable: bool = False
    uncertain: tuple[int, ...] = ()  # line-1 positions read without a clear margin
    runner_up: str = ""  # line 1's runner-up character per cell (to judge an uncertain cell)
    corners: tuple[tuple[float, float], ...] = ()  # where the zone is in the image
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def mrz(self) -> MrzData | None:
        return parse(*self.lines) if self.lines else None

    def to_dict(self) -> dict[str, Any]:
        m = self.mrz
        return {"source": self.source, "status": self.status, "reason": self.reason,
                "lines": list(self.lines) if self.lines else None, "names_reliable": self.names_reliable,
                "uncertain": list(self.uncertain), "runner_up": self.runner_up,
                "corners": [list(c) for c in self.corners], "timings_ms": self.timings_ms,
                "mrz": m.to_dict() if m else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentReading:
        lines = d.get("lines")
        return cls(source=str(d["source"]), status=str(d["status"]), reason=d.get("reason"),
                   lines=(lines[0], lines[1]) if lines else None, names_reliable=bool(d.get("names_reliable")),
                   uncertain=tuple(d.get("uncertain") or ()), runner_up=str(d.get("runner_up") or ""),
                   corners=tuple(tuple(c) for c in d.get("corners") or ()),
                   timings_ms=dict(d.get("timings_ms") or {}))
