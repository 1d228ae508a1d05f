"""Write reviewer_ru.ts from ru.RU (and reviewer_en.ts from en.EN, the English plural forms) and compile them to
.qm with pyside6-lrelease (from the venv).

Run: `uv run python -m reviewer_app.ui.i18n.build`. Commit the .ts and .qm files.

A translation that is a tuple is a plural message (Qt "numerus"): the source has `%n`, and the tuple holds the
language's forms in Qt's order (Russian: one, few, many — 1 год, 2 года, 5 лет; English: one, other).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

from reviewer_app.ui.i18n.en import EN
from reviewer_app.ui.i18n.ru import RU

HERE = Path(__file__).parent


Translation = str | tuple[str, ...]


def write_ts(path: Path, table: dict[tuple[str, str], Translation], language: str = "ru_RU") -> None:
    path.write_text(ts_text(table, language), encoding="utf-8")


def ts_text(table: dict[tuple[str, str], Translation], language: str = "ru_RU") -> str:
    by_context: dict[str, list[tuple[str, Translation]]] = defaultdict(list)
    for (context, source), text in table.items():
        by_context[context].append((source, text))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for source, text in by_context[context]:
            if isinstance(text, tuple):
                forms = [f"            <numerusform>{escape(f)}</numerusform>" for f in text]
                lines += ['    <message numerus="yes">', f"        <source>{escape(source)}</source>",
                          "        <translation>", *forms, "        </translation>", "    </message>"]
            else:
                lines += ["    <message>", f"        <source>{escape(source)}</source>",
                          f"        <translation>{escape(text)}</translation>", "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def lrelease() -> str:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    return exe


TABLES = {"ru": (RU, "ru_RU"), "en": (EN, "en_GB")}


def build() -> list[Path]:
    out = []
    for lang, (table, language) in TABLES.items():
        ts = HERE / f"reviewer_{lang}.ts"
        qm = HERE / f"reviewer_{lang}.qm"
        write_ts(ts, table, language)
        subprocess.run([lrelease(), str(ts), "-qm", str(qm)], check=True, capture_output=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    for path in build():
        print(path)
