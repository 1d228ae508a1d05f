"""`reviewer-app gui` and `reviewer-app demo`: start the reviewer's workstation.

`demo` builds a throwaway embedded database in a temporary folder (schema, key, civil registry, the packs in
sample_data/, demo staff accounts with known passwords) and starts the workstation with a banner showing each
account's current TOTP code, so a newcomer is reviewing within a minute. `gui` starts it on the configured
database. Both start the reviewer service in a thread of this process (127.0.0.1, a one-time key: api.embedded)
and the reviewer's desk works through it over HTTP, as a desk on another PC does; `gui --service URL` uses a
service elsewhere instead. `--screenshot DIR` renders the login, queue and review screens offscreen to PNG files
and exits.

The GUI sits above the CLI: these handlers only import it when asked to start it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

from reviewer_app.cli.display import display_problem
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.bootstrap import build_app

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "sample_data"
DEMO_ACCOUNTS = (  # name, role, password: known on purpose (a throwaway demo database only)
    ("reviewer", "reviewer", "reviewer-demo"),
    ("supervisor", "supervisor", "supervisor-demo"),
    ("trainer", "trainer", "trainer-demo"),
    ("admin", "admin", "admin-demo-pass"),
)
# Recusal in the demo (issue 22): the demo reviewer is the child's father in this pack (his wife's application for
# their daughter), so the queue never hands it to him and a claim by id is refused; sample_data/README.md says so.
RECUSED_PACK = ("reviewer", "30-child-second-parent-listed")


SCREENS = ("1366x768", "1920x1080")  # the screenshot sizes (ui.app.SCREEN_SIZES; the CLI never imports the UI)


def register(sub: argparse._SubParsersAction) -> None:
    gui = sub.add_parser("gui", help="start the reviewer's workstation on the configured database")
    gui.add_argument("--screenshot", type=Path, metavar="DIR", help="render the login screen to DIR and exit")
    gui.add_argument("--service", metavar="URL",
                     help="work through the reviewer service at URL (reviewer-app serve): this desk then needs no "
                          "database settings and no keys; setting service_ca_file names the CA of its certificate")
    gui.set_defaults(handler=gui_cmd)
    demo = sub.add_parser("demo", help="start the workstation on sample data in a throwaway database")
    demo.add_argument("--screenshot", type=Path, metavar="DIR",
                      help="render the login, queue and review screens to PNG files in DIR and exit")
    demo.add_argument("--screen", choices=SCREENS, default=SCREENS[0], metavar="WxH",
                      help=f"with --screenshot: the screen size to render at, {' or '.join(SCREENS)} "
                           f"(default {SCREENS[0]}, the smallest desk screen)")
    demo.add_argument("--sample-data", type=Path, default=SAMPLE_DATA, metavar="DIR",
                      help=f"packs to load (default: {SAMPLE_DATA})")
    demo.add_argument("--keep", action="store_true", help="keep the temporary folder afterwards")
    demo.add_argument("--no-worker", action="store_true",
                      help="do not pre-score in the background (the desk scores on demand)")
    # The default since the desk always works through the service; accepted so older scripts keep working.
    demo.add_argument("--service", action="store_true", help=argparse.SUPPRESS)
    demo.set_defaults(handler=demo_cmd)


def _workstation(args: argparse.Namespace):
    """The workstation starter (`reviewer_app.entry.Workstation`: the UI is the layer above the CLI, so it is
    handed in, never imported here), after making sure a window can open; raises a one-line ReviewerError
    (exit 2) instead of letting Qt abort the process."""
    workstation = getattr(args, "workstation", None)
    if workstation is None:
        raise ReviewerError("the workstation is not part of this command line; run `reviewer-app` itself")
    if args.screenshot is None:
        problem = display_problem()
        if problem:
            raise ReviewerError(problem)
    return workstation


def gui_cmd(args: argparse.Namespace, app) -> int:
    workstation = _workstation(args)
    if getattr(args, "service", None):
        return workstation.run(service_desk(args.service, app.settings), lang=app.settings.lang,
                               screenshot_dir=args.screenshot)
    if args.screenshot is None:
        # The login window first; the service (the database side) starts behind it (ui/__main__.py).
        return workstation.launch(app)
    service, desk = local_service(app)
    try:
        return workstation.run(desk, lang=app.settings.lang, app_context=app, screenshot_dir=args.screenshot)
    finally:
        desk.close()
        service.stop()


def local_service(ctx):
    """The reviewer service on `ctx` in a thread of this process (127.0.0.1, a port the system picks, a one-time
    key: `api.embedded`), started, and the desk that works through it. The caller stops both."""
    from reviewer_app.api.embedded import EmbeddedService
    from reviewer_app.client.local import LocalServiceDesk

    service = EmbeddedService(lambda: ctx).start()
    return service, LocalServiceDesk(service)


def service_desk(url: str, settings):
    """The desk on a running reviewer service: only the address and, for its own certificate, the CA file; the
    database URL and the keys are never read."""
    from reviewer_app.client import HttpDeskService

    if not url.startswith(("http://", "https://")):
        raise ReviewerError(f"--service: {url!r} is not an address; give it as https://HOST:PORT (or "
                            "http://127.0.0.1:PORT for a service on this machine)")
    return HttpDeskService(url, verify=settings.service_ca_file or True)


# --- demo ---------------------------------------------------------------------------------------------------------
def build_demo(folder: Path, *, sample_data: Path, lang: str, clock=None, log=print, demo_packs: int = 3):
    """Create the demo database in `folder`; returns (AppContext, [(name, role, password, totp_secret)])."""
    from reviewer_app.config import load_settings
    from reviewer_app.db import migrate
    from reviewer_app.domain.actor import Actor
    from reviewer_app.domain.clock import moscow_date
    from reviewer_app.domain.enums import StaffRole
    from reviewer_app.packs.paths import is_pack
    from reviewer_app.services import audit_anchor, intake, sample_history, staff, training
    from reviewer_app.services import sample_data as samples
    from reviewer_app.store.crypto import create_keys

    create_keys(folder / "keys" / "store.key")
    settings = load_settings(env={}, overrides={"data_dir": folder, "db_url": f"sqlite:///{folder / 'demo.db'}",
                                                "lang": lang})
    ctx = build_app(settings=settings, clock=clock)
    migrate.upgrade(ctx.raw_engine)
    audit_anchor.init_anchor(ctx)  # a new installation initialises its audit anchor explicitly
    # A throwaway database of sample packs: marked for training, so the demo's trainer account works and each
    # decision is graded against the sample answer key, like `reviewer-app train`.
    training.mark_training(ctx)
    accounts = []
    admin = staff.add_staff(ctx, None, name="admin", role="admin", password="admin-demo-pass")
    admin_actor = Actor(staff_id=admin.staff_id, name="admin", role=StaffRole.ADMIN)
    for name, role, password in DEMO_ACCOUNTS:
        e = admin if name == "admin" else staff.add_staff(ctx, admin_actor, name=name, role=role, password=password)
        accounts.append((name, role, password, e.secret))
    if sample_data.is_dir():
        # the sample dates moved to today, so every deadline, age and validity reads as the packs intend
        moved = samples.shifted_copy(sample_data, folder / "sample_data", moscow_date(ctx.clock.now()),
                                     ctx.rules.versions[-1])
        if moved.days:
            log(f"demo: sample dates moved {moved.days} day(s) forward, from {moved.as_of} to {moved.today}")
        for problem in moved.problems:
            log(f"demo: warning: {problem}")
        sample_data = moved.folder
    _load_registry(ctx, sample_data, log)
    packs = [p for p in sorted(sample_data.iterdir()) if is_pack(p)] if sample_data.is_dir() else []
    if not packs:
        log(f"demo: no packs in {sample_data}; generating {demo_packs} demo packs")
        packs = make_demo_packs(folder / "packs", ctx.clock.now(), demo_packs)
    summary = intake.import_paths(ctx, packs)
    log(f"demo: {summary.imported} applications imported, {summary.refused} refused")
    if (sample_data / training.ANSWER_KEY).is_file():
        log(f"demo: {training.store_answers(ctx, training.read_answer_key(sample_data / training.ANSWER_KEY))} "
            "training answers (feedback after each decision)")
    if sample_data.is_dir():
        seeded = sample_history.seed_from(ctx, sample_data)
        if seeded.citizens or seeded.desk_records:
            log(f"demo: history: {seeded.citizens} citizen login(s), {seeded.desk_records} MFC confirmation(s) "
                "recorded at a desk and waiting for a supervisor")
        recused = _recuse(ctx, admin_actor, sample_data)
        if recused:
            log(f"demo: {recused}")
    for o in summary.outcomes:
        if o.status != "imported":
            log(f"  {o.source}: {o.status}: {o.reason}")
    return ctx, accounts


def _recuse(ctx, admin_actor, sample_data: Path) -> str | None:
    """Give the demo account of RECUSED_PACK the identity of the child's other parent in the civil registry (as
    loaded: dates moved), so that pack is his relative's application."""
    from reviewer_app.domain.clock import moscow_date
    from reviewer_app.domain.registry import normalise_name
    from reviewer_app.services import staff_identity

    account, pack = RECUSED_PACK
    try:
        app_json = json.loads((sample_data / pack / "application.json").read_text(encoding="utf-8"))
        registry = json.loads((sample_data / "registry.json").read_text(encoding="utf-8"))
        cert, applicant = app_json["child"]["birth_certificate"], app_json["applicant"]
        record = next(r for r in registry["records"] if r["certificate"]["number"] == cert["number"]
                      and r["certificate"]["series"] == cert["series"])
        other = next(p for p in record["parents"] if normalise_name(p["first_name"])
                     != normalise_name(applicant["first_name"]))
        identity = staff_identity.check_identity(other["last_name"], other["first_name"], other.get("middle_name"),
                                                 other["birth_date"], None, today=moscow_date(ctx.clock.now()))
    except (OSError, ValueError, KeyError, TypeError, StopIteration, ReviewerError):
        return None  # another sample set: the demo works without recusal
    if identity is None:
        return None
    staff_identity.set_identity(ctx, admin_actor, account, identity)
    return (f"the {account} account is {other['last_name']} {other['first_name']}, the child's father in pack "
            f"{pack}: recused from it")


def _load_registry(ctx, sample_data: Path, log) -> None:
    candidates = [sample_data / n for n in ("registry.json", "registry/registry.json", "civil_registry.json")]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        return
    from reviewer_app.db.registry_table import load_records
    from reviewer_app.registry import JsonFileRegistry

    records = JsonFileRegistry(path)
    with ctx.uow() as s:
        inserted, _ = load_records(s, records.records)
    log(f"demo: civil registry: {inserted} birth records from {path.name}")


#: (last, first, middle, birth date, passport series) of the demo packs' applicants, one person each: the first
#: two carry the two public-domain faces with biometric consent (a match, and a selfie beside another's passport
#: photo); the others gave no consent (their photos are compared by eye), so no face is searched under two names
#: and the face-duplicate check fails on none of them (issue 24).
DEMO_PEOPLE = [("Коллинз", "Эйлин", "Мариевна", "1986-11-19", "4507"),
               ("Хоппер", "Грейс", "Бруксовна", "1985-12-09", "4506"),
               ("Орлова", "Вера", "Павловна", "1984-03-14", "4505"),
               ("Зуева", "Анна", "Игоревна", "1991-07-02", "4512"),
               ("Котова", "Елена", "Сергеевна", "1979-10-21", "4500"),
               ("Рябова", "Ольга", "Андреевна", "1988-01-30", "4509")]
FACE_SEARCHED_DEMO = 2  # the first packs, one per face


def _demo_person(i: int) -> tuple[str, str, str, str, str]:
    last, first, middle, born, series = DEMO_PEOPLE[i % len(DEMO_PEOPLE)]
    if i >= len(DEMO_PEOPLE):  # another person: another birth day (never the same name and birth date)
        born = f"{born[:8]}{(int(born[8:]) - 1 + i // len(DEMO_PEOPLE)) % 28 + 1:02d}"
    return last, first, middle, born, series


def make_demo_packs(root: Path, now, count: int = 3) -> list[Path]:
    """Own-access packs cycling through a matching pair (fresh), a mismatching pair (4 days old) and a match
    (overdue), so the queue shows every badge and band; every pack is another person (`DEMO_PEOPLE`)."""
    from PIL import Image

    root.mkdir(parents=True, exist_ok=True)
    try:
        from reviewer_app.matching.composites import astronaut, grace_hopper, make_selfie_with_document

        a, g = astronaut(), grace_hopper()
        pairs = [(a, a), (g, a), (g, g)]
    except ImportError:  # the public-domain portraits are dev-only dependencies
        pairs = []
    ages = [1, 4, 9]
    out = []
    for i in range(count):
        last, first, middle, born, series = _demo_person(i)
        pack = root / f"demo{i + 1}"
        pack.mkdir(exist_ok=True)
        if pairs:
            live, doc = pairs[i % 3]
            comp = make_selfie_with_document(live.image, doc.image, seed=i, live_face_box=live.face_box,
                                             doc_face_box=doc.face_box)
            (pack / "selfie.jpg").write_bytes(comp.jpeg)
            t, r, b, lf = doc.face_box
            h, w = b - t, r - lf
            ih, iw = doc.image.shape[:2]
            crop = Image.fromarray(doc.image).crop((max(0, lf - w), max(0, t - h), min(iw, r + w),
                                                    min(ih, b + int(h * 1.5))))
        else:
            (pack / "selfie.jpg").write_bytes(_plain_jpeg((1200, 900), (90, 120, 170)))
            crop = Image.new("RGB", (300, 400), (210, 200, 190))
        buf = io.BytesIO()
        crop.convert("RGB").save(buf, "JPEG", quality=90)
        (pack / "passport.jpg").write_bytes(buf.getvalue())
        submitted = (now - timedelta(days=ages[i % 3], minutes=i)).astimezone(MOSCOW).replace(microsecond=0)
        doc_json = {
            "format": 1, "id": f"EMK-DEMO-{i + 1:06d}", "kind": "own_access", "submitted_at": submitted.isoformat(),
            "applicant": {
                "last_name": last, "first_name": first, "middle_name": middle, "birth_date": born,
                "phone": f"+7 916 123-{45 + i // 10:02d}-6{i % 10}", "account_confirmed_at_mfc": False,
                "biometric_consent": i < FACE_SEARCHED_DEMO,
                "passport": {"series": series, "number": f"{318201 + i:06d}",
                             "issued_on": f"{int(born[:4]) + 21}-03-01",
                             "issued_by": "ОВД района Арбат г. Москвы", "division_code": "770-001"},
                "oms_policy": {"number": "7700000000000008", "region": "77"},
            },
            "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg"},
        }
        (pack / "application.json").write_text(json.dumps(doc_json, ensure_ascii=False, indent=1), encoding="utf-8")
        out.append(pack)
    return out


def _plain_jpeg(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG")
    return buf.getvalue()


def _screen(args: argparse.Namespace) -> tuple[int, int]:
    width, height = getattr(args, "screen", SCREENS[0]).split("x")  # a Namespace built by hand may lack it
    return int(width), int(height)


def demo_cmd(args: argparse.Namespace, app) -> int:
    workstation = _workstation(args)  # before the folder exists: without a display there is nothing to clean up
    folder = Path(tempfile.mkdtemp(prefix="reviewer-demo-"))
    print(f"demo: throwaway database in {folder}")
    stop = threading.Event()
    worker = None
    service = desk = None
    ctx = None
    previous = _remove_on_signal(folder, keep=args.keep)
    try:  # every exit path (an error, Ctrl+C, closing the window) removes the folder unless --keep
        ctx, accounts = build_demo(folder, sample_data=args.sample_data, lang=app.settings.lang)
        if not args.no_worker:
            from reviewer_app.services.desk_service import LockedMatcher
            from reviewer_app.services.prescore_worker import default_matcher, run_worker

            # Pre-score the queue in the background, as the worker service does in production (sharing the
            # process-wide matcher lock with the desk: dlib must not run in two threads at once).
            worker = threading.Thread(target=run_worker, args=(ctx,), name="demo-prescore", daemon=True,
                                      kwargs={"stop": stop, "poll_seconds": 1.0,
                                              "matcher": LockedMatcher(default_matcher(ctx))})
            worker.start()
        for name, role, password, _secret in accounts:
            print(f"  {role:<10} name {name:<11} password {password}")
        reviewer = next(a for a in accounts if a[1] == "reviewer")
        service, desk = local_service(ctx)
        print(f"demo: reviewer service on {service.url}/v1, for this window only (a one-time key); the reviewer's "
              "desk works through it")
        return workstation.run(desk, lang=app.settings.lang, app_context=ctx, accounts=accounts,
                               screenshot_dir=args.screenshot, login_as=(reviewer[0], reviewer[2], reviewer[3]),
                               screen_size=_screen(args))
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        stop.set()
        if desk is not None:
            desk.close()
        if service is not None:
            service.stop()
        if worker is not None:
            worker.join(timeout=60)  # let it finish the face it is on before the folder goes
        if ctx is not None:
            ctx.close()
        if args.keep:
            print(keep_hint(folder))
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _remove_on_signal(folder: Path, *, keep: bool) -> dict:
    """Ctrl+C, a closed terminal or `kill` while the window is open: Qt's event loop would not let Python's
    default handlers unwind to the `finally` above, so the handler cleans up and leaves at once."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handler(signum, _frame) -> None:
        if keep:
            print(keep_hint(folder), flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        os._exit(128 + signum)

    previous = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signum = getattr(signal, name)
            previous[signum] = signal.signal(signum, handler)
    return previous  # restored when the demo ends


def keep_hint(folder: Path) -> str:
    """How to point the other commands at a kept demo database (its key is in the folder's keys/)."""
    return (f"demo: kept {folder}; point the other commands at it with\n"
            f"  reviewer-app --data-dir {folder} --db-url sqlite:///{folder / 'demo.db'} queue list\n"
            f"  (or export REVIEWER_DATA_DIR={folder} REVIEWER_DB_URL=sqlite:///{folder / 'demo.db'})")
