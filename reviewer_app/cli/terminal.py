"""Text from the database on a terminal: names, targets and details come from packs and logins, so a name like
"\\x1b]0;...\\x07" or "\\x1b[2J" must not reach the terminal as a control sequence (retitle, clear, fake lines)."""

from __future__ import annotations

import unicodedata


def printable(text: object) -> str:
    """`text` with every control and format character (C0, DEL, C1 like CSI, bidi overrides) shown as an escape."""
    out = []
    for ch in str(text):
        if ch in "\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def printable_lines(text: object) -> str:
    """`printable` for text of several lines: the line breaks are kept, everything else is escaped."""
    return "\n".join(printable(line) for line in str(text).split("\n"))
