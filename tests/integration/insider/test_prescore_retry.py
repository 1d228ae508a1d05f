"""A pre-score that failed because the store could not give an image back is tried again once the cause is gone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from reviewer_app.db.models import Application, Document, FacePrescore
from reviewer_app.queue import prescore as pq
from reviewer_app.services.prescore_worker import run_worker
from tests.integration.queue.test_prescore_worker import FakeMatcher, _seed


def _state(app, app_id: str) -> tuple[str, str | None]:
    with app.sessions() as s:
        row = s.get(Application, app_id)
        return row.prescore_state, row.prescore_retry_key


def _prescores(app) -> int:
    with app.sessions() as s:
        return s.scalar(select(func.count()).select_from(FacePrescore))


def _hide_selfie(app, app_id: str):
    """The shared document folder is not mounted (here: the selfie's file moved away)."""
    with app.sessions() as s:
        sha = s.scalar(select(Document.sha256).where(Document.application_id == app_id,
                                                     Document.role == "selfie_with_passport"))
    path = app.store.path_for(sha)
    aside = path.with_name("aside")
    path.rename(aside)
    return lambda: aside.rename(path)


def test_store_failure_is_retried_when_the_document_is_back(app) -> None:
    [app_id] = _seed(app, 1)
    restore = _hide_selfie(app, app_id)
    matcher = FakeMatcher()
    assert run_worker(app, matcher=matcher, once=True).failed == 1
    assert _state(app, app_id)[0] == "failed" and _state(app, app_id)[1] is not None
    assert _prescores(app) == 1  # the reviewer is shown "compare by eye" meanwhile
    assert run_worker(app, matcher=matcher, once=True).failed == 0  # not before the retry time
    app.clock.advance(seconds=pq.STORE_RETRY_SECONDS + 1)
    assert run_worker(app, matcher=matcher, once=True).failed == 1  # still missing: tried, no second row
    assert _prescores(app) == 1
    restore()
    app.clock.advance(seconds=pq.STORE_RETRY_SECONDS + 1)
    assert run_worker(app, matcher=matcher, once=True).done == 1
    assert _state(app, app_id) == ("done", None) and len(matcher.calls) == 1
    with app.sessions() as s:
        assert pq.latest_prescore(s, app_id).band == "match"


def test_failure_under_another_key_is_retried_at_once(app) -> None:
    [app_id] = _seed(app, 1)
    with app.uow() as s:  # failed for the store under a key that is not this worker's (before a rotation)
        s.execute(update(Application).where(Application.id == app_id).values(
            prescore_state="failed", prescore_retry_key="0123456789abcdef",
            prescore_lease_until=app.clock.now() + timedelta(hours=1)))
    assert run_worker(app, matcher=FakeMatcher(), once=True).done == 1


def test_an_unreadable_image_is_not_retried(app) -> None:
    """Not a store problem (the matcher refused the image): the cause will not go away by itself."""
    from reviewer_app.domain.errors import ReviewerError

    class Refusing(FakeMatcher):
        def prescore(self, *a, **k):
            raise ReviewerError("selfie.jpg: not a decodable image")

    [app_id] = _seed(app, 1)
    assert run_worker(app, matcher=Refusing(), once=True).failed == 1
    assert _state(app, app_id) == ("failed", None)
    app.clock.advance(seconds=pq.STORE_RETRY_SECONDS * 10)
    assert run_worker(app, matcher=FakeMatcher(), once=True).done == 0
