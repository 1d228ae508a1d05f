"""Write reviewer_ru.ts from ru.RU and compile it to reviewer_ru.qm with pyside6-lrelease (from the venv).

Run: `uv run python -m reviewer_app.ui.i18n.build`. Commit both files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

from reviewer_app.ui.i18n.ru import RU

HERE = Path(__file__).parent


def write_ts(path: Path, table: dict[tuple[str, str], str], language: str = "ru_RU") -> None:
    by_context: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (context, source), text in table.items():
        by_context[context].append((source, text))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for source, text in by_context[context]:
            lines += ["    <message>", f"        <source>{escape(source)}</source>",
                      f"        <translation>{escape(text)}</translation>", "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lrelease() -> str:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    return exe


def build() -> Path:
    ts = HERE / "reviewer_ru.ts"
    qm = HERE / "reviewer_ru.qm"
    write_ts(ts, RU)
    subprocess.run([lrelease(), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


if __name__ == "__main__":
    print(build())
