"""`reviewer-app check PACK...`: run every rule on application packs, without a database.

Exit code 0 when the checks ran (whatever they found), 2 when a pack is invalid or cannot be checked (the
message on stderr names the file, the field and the problem; with --json an object {"pack": ..., "errors": [...]}
is printed on stdout for that pack). Other packs of the same run are still checked.

Two packs of the same kind about the same person (same passport; for child access also the same child) in
one run: the later submitted one (ties: the later on the command line) is reported as a duplicate.
`--registry FILE`: birth records in the format described in `reviewer_app.registry.json_file`.
`--rules FILE`: a rule file (`[[rules.versions]]`, `[[calendar.years]]`, docs/rule-file.md); default: the one
the `rules_file` setting names, as intake uses.
"""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer_app.cli.terminal import printable, printable_lines
from reviewer_app.domain.checks import CheckReport
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.errors import ReviewerError, brief
from reviewer_app.domain.history import HistoryEntry, RunHistory

if TYPE_CHECKING:  # heavy modules are imported where they are used: start-up stays fast
    from reviewer_app.packs import Pack


SYMBOLS = {"pass": "✓", "fail": "✗", "warn": "!", "manual": "?", "in_person": "⌂"}
LABELS = {
    "ru": {"submitted": "Подано", "deadline": "Срок ответа", "rules": "Версия правил", "pack": "пакет",
           "invalid": "пакет отклонён", "pass": "пройдено", "fail": "не пройдено", "warn": "внимание",
           "manual": "вручную", "in_person": "в МФЦ"},
    "en": {"submitted": "Submitted", "deadline": "Deadline", "rules": "Rule version", "pack": "pack",
           "invalid": "pack rejected", "pass": "pass", "fail": "fail", "warn": "warn", "manual": "manual",
           "in_person": "in person"},
}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{brief(text)} is not a date YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="run every rule on application packs (folders or .zip), no database",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("packs", nargs="+", metavar="PACK", type=Path, help="pack folder or .zip")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                   help="the day the checks run, as intake uses it: deadline warnings, and ages and passport validity "
                        "judged on it as well as on the submission date (default: today in Moscow)")
    p.add_argument("--registry", type=Path, metavar="FILE", help="civil-registry JSON file of birth records")
    p.add_argument("--rules", type=Path, metavar="FILE", help="TOML file with extra rule-table versions")
    p.add_argument("--json", action="store_true", help="one JSON object per pack per line")
    p.add_argument("--lang", dest="check_lang", choices=("ru", "en"), help="language of messages")
    p.set_defaults(handler=run_check)


def resolve_lang(args: argparse.Namespace, app: Any) -> str:
    for candidate in (getattr(args, "check_lang", None), getattr(args, "lang", None)):
        if candidate in ("ru", "en"):
            return candidate
    settings = getattr(app, "settings", None)
    if settings is not None and getattr(settings, "sources", {}).get("lang", "default") != "default":
        return settings.lang
    loc = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    if not loc:
        loc = (locale.getlocale()[0] or "") if hasattr(locale, "getlocale") else ""
    if loc and loc not in ("C", "POSIX") and not loc.startswith(("C.", "POSIX")):
        return "ru" if loc.lower().startswith("ru") else "en"
    return getattr(settings, "lang", "ru") if settings is not None else "ru"


def _rule_tables(args: argparse.Namespace, app: Any):
    """--rules FILE, else the rule file the settings name (the same table intake uses), else the built-in one."""
    from reviewer_app.policy.ruletable import load_rule_file, load_rule_table

    path = args.rules if args.rules is not None else getattr(getattr(app, "settings", None), "rules_file", None)
    return load_rule_file(path) if path is not None else load_rule_table()


def run_check(args: argparse.Namespace, app: Any) -> int:
    from reviewer_app.documents import read_pack_documents
    from reviewer_app.matching.colour import is_colour
    from reviewer_app.packs import Pack, PackError, PackProblem, read_pack
    from reviewer_app.policy import run_all_checks
    from reviewer_app.policy.ruletable import coverage_warning
    from reviewer_app.registry import JsonFileRegistry
    lang = resolve_lang(args, app)
    table = _rule_tables(args, app)
    registry = JsonFileRegistry(args.registry) if args.registry else None
    clock = getattr(app, "clock", None)
    today = args.today or (moscow_date(clock.now()) if clock is not None else date.today())
    warning = coverage_warning(table, today)
    if warning:
        print(f"reviewer-app: warning: {warning}", file=sys.stderr)

    outcomes: list[Pack | ReviewerError] = []
    limit = getattr(getattr(app, "settings", None), "image_max_decoded_bytes", None)
    for path in args.packs:
        try:
            outcomes.append(_gated(read_pack(path), limit))
        except PackError as exc:
            outcomes.append(exc)

    # The duplicate rule sees the packs of this run submitted earlier.
    order = sorted((i for i, o in enumerate(outcomes) if isinstance(o, Pack)),
                   key=lambda i: (outcomes[i].application.submitted_at.timestamp(), i))  # type: ignore[union-attr]
    run = RunHistory()
    reports: dict[int, CheckReport | ReviewerError] = {}
    for i in order:
        pack = outcomes[i]
        assert isinstance(pack, Pack)
        a = pack.application
        try:
            reports[i] = run_all_checks(
                a, today=today, table=table, registry=registry,
                history=run.history_for(a.subject_key), is_colour=is_colour(pack.document("selfie_with_passport")),
                documents=read_pack_documents(pack))
        except ReviewerError as exc:
            reports[i] = exc
        # The pack path tells two packs with the same id apart (the rule skips entries of its own id).
        run.add(HistoryEntry(kind=str(a.kind), subject_key=a.subject_key, application_id=f"{a.id} ({pack.source})"))

    exit_code = 0
    for i, path in enumerate(args.packs):
        outcome = reports.get(i, outcomes[i])
        if isinstance(outcome, CheckReport):
            pack = outcomes[i]
            assert isinstance(pack, Pack)
            if args.json:
                print(json.dumps(outcome.to_dict(lang), ensure_ascii=False))
            else:
                _print_table(pack, outcome, lang)
            continue
        exit_code = 2
        problems = outcome.problems if isinstance(outcome, PackError) else [
            PackProblem(str(path), "", str(outcome))]
        print(f"reviewer-app: error: {printable_lines(outcome)}", file=sys.stderr)
        if args.json:
            print(json.dumps({"pack": str(path), "errors": [p.to_dict() | {"message": str(p)} for p in problems]},
                             ensure_ascii=False))
        else:
            print(f"== {path}: {LABELS[lang]['invalid']} ({len(problems)})\n")
    return exit_code


def _gated(pack: Pack, max_decoded_bytes: int | None) -> Pack:
    """The pack, once every image passed the image gate (header only: kind, bit depth, decoded size); else a
    PackError naming each refused image's field, file and problem, as intake refuses it."""
    from reviewer_app.matching.images import document_problems
    from reviewer_app.packs import PackError, PackProblem

    problems = [PackProblem("application.json", f"documents.{role}", f"{name!r}: {problem}")
                for role, name, problem in document_problems(pack.application.documents.names(), pack.files,
                                                              max_decoded_bytes=max_decoded_bytes, decode=False)]
    if problems:
        raise PackError(pack.source, problems)
    return pack


def _print_table(pack: Pack, report: CheckReport, lang: str) -> None:
    lab = LABELS[lang]
    a = pack.application
    print(f"== {report.application_id} ({report.kind}) — {lab['pack']} {printable(pack.source)}")
    print(f"   {lab['submitted']}: {a.submitted_on:%d.%m.%Y}   {lab['deadline']}: {report.sla_deadline:%d.%m.%Y}"
          f"   {lab['rules']}: {report.rule_version}")
    idw = max(len(r.id) for r in report.results)
    stw = max(len(lab[str(r.status)]) for r in report.results)
    for r in report.results:
        st = str(r.status)
        print(f"   {SYMBOLS[st]} {lab[st]:<{stw}}  {r.id:<{idw}}  {printable(r.message(lang))}")
    print()
