"""Two service instances on one database behave as one: desks on either claim the next case at the same moments,
and no application is claimed twice and every decision is recorded once (issue 21: "several instances behind any
load balancer over one PostgreSQL behave as one"; on SQLite too)."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from reviewer_app.client import HttpDeskService
from reviewer_app.db.models import Application, AuditEvent, Decision
from reviewer_app.domain.views import DecisionRequest
from reviewer_app.services import intake, staff
from reviewer_app.services.context import AppContext
from tests.integration.service.conftest import PASSWORD, Service
from tests.ui.packs import FakeMatcher, write_pack

DESKS = 6
PACKS = 24


def test_concurrent_desks_on_two_instances_claim_each_case_once(app, people, clock, tmp_path) -> None:
    for n in range(10, 10 + PACKS - 3):
        assert intake.import_pack(app, write_pack(tmp_path / "more", n)).status == "imported"
    with app.sessions() as s:
        queued = set(s.scalars(select(Application.id).where(Application.status == "pending")))
    assert len(queued) == PACKS
    names = [f"desk{i}" for i in range(DESKS)]
    for name in names:
        people.secrets[name] = staff.add_staff(app, people.root, name=name, role="reviewer", password=PASSWORD).secret
    second = AppContext(app.settings, clock=clock)  # another process's view: its own engine and pool
    instances = [Service(app, FakeMatcher()).start(), Service(second, FakeMatcher()).start()]
    desks = []
    try:
        for i, name in enumerate(names):
            clock.advance(seconds=30)  # each sign-in its own TOTP step
            desk = HttpDeskService(instances[i % 2].url, retry_delays=(0.1,))
            desks.append((desk, desk.login(name, PASSWORD, people.code(name, clock))))
        claimed: list[tuple[str, str]] = []
        failures: list[BaseException] = []
        start = threading.Barrier(DESKS)

        def work(desk: HttpDeskService, actor) -> None:
            try:
                start.wait()
                while (application_id := desk.claim_next(actor)) is not None:
                    claimed.append((actor.name, application_id))
                    view = desk.open_application(actor, application_id)
                    desk.decide(actor, DecisionRequest(application_id, view.version, "reject",
                                                       reason_code="photo_unclear"))
            except BaseException as exc:  # reported below, with the desk's name
                failures.append(exc)

        threads = [threading.Thread(target=work, args=pair) for pair in desks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert not failures, failures
        assert not any(t.is_alive() for t in threads)
    finally:
        for desk, _ in desks:
            desk.close()
        for svc in instances:
            svc.stop()
        second.close()
    ids = [application_id for _, application_id in claimed]
    assert Counter(ids).most_common(1)[0][1] == 1  # no application handed to two desks
    assert set(ids) == queued
    with app.sessions() as s:
        decisions = Counter(s.scalars(select(Decision.application_id)))
        takes = Counter(s.scalars(select(AuditEvent.target_id).where(AuditEvent.action == "claim.take")))
        left = s.scalar(select(func.count()).select_from(Application).where(Application.status == "pending"))
    assert decisions == Counter(queued)  # every decision recorded, and once
    assert takes == Counter(queued)
    assert left == 0
