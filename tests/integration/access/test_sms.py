import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from access.fakes import FakeGateway
from reviewer_app.db.models import SmsMessage
from reviewer_app.services import sms_dispatch as sd
from reviewer_app.sms import HttpSmsGateway, SmsSendError


@pytest.fixture
def fake():
    gw = FakeGateway()
    yield gw
    gw.close()


def test_http_gateway_sends_json_with_token_and_key(fake) -> None:
    gw = HttpSmsGateway(fake.url, "s3cret", timeout=5)
    assert gw.send("+79161234567", "Код: 123456", "42") == "gw-42"
    [req] = fake.requests
    assert req["body"] == {"to": "+79161234567", "text": "Код: 123456"}
    assert req["auth"] == "Bearer s3cret" and req["key"] == "42"


def test_http_gateway_errors_are_clear(fake) -> None:
    fake.script = [503]
    with pytest.raises(SmsSendError, match="HTTP 503"):
        HttpSmsGateway(fake.url, timeout=5).send("+79161234567", "x", "1")
    with pytest.raises(SmsSendError, match="unreachable"):
        HttpSmsGateway("http://127.0.0.1:9/none", timeout=2).send("+79161234567", "x", "1")
    with pytest.raises(SmsSendError, match="sms_gateway_url"):
        HttpSmsGateway("ftp://example")


def _enqueue(app, n: int = 1) -> list[int]:
    with app.uow() as s:
        return [sd.enqueue_sms(s, phone="+79161234567", body=f"msg {i}", purpose="decision",
                               now=app.clock.now()).id for i in range(n)]


def _rows(app) -> list[SmsMessage]:
    with app.sessions() as s:
        return list(s.scalars(select(SmsMessage).order_by(SmsMessage.id)))


def test_failure_then_retry_with_backoff(app, fake, clock) -> None:
    [mid] = _enqueue(app)
    fake.script = [500]
    gw = HttpSmsGateway(fake.url, "t", timeout=5)
    assert sd.dispatch_due(app, gw) == sd.DispatchReport(sent=0, failed=1)
    [row] = _rows(app)
    assert (row.status, row.attempts) == ("pending", 1) and "HTTP 500" in row.last_error
    assert row.next_attempt_at == clock.now() + timedelta(seconds=30)
    assert sd.dispatch_due(app, gw) == sd.DispatchReport()  # not due yet
    clock.advance(seconds=30)
    assert sd.dispatch_due(app, gw).sent == 1
    [row] = _rows(app)
    assert (row.status, row.attempts, row.gateway_id) == ("sent", 2, f"gw-{mid}")
    assert sd.dispatch_due(app, gw) == sd.DispatchReport()  # sent rows are never sent again
    assert [r["key"] for r in fake.requests] == [str(mid), str(mid)]


def test_backoff_grows_and_is_capped() -> None:
    assert [sd.backoff(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


class CountingGateway:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def send(self, phone: str, body: str, idempotency_key: str) -> str:
        with self.lock:
            self.calls.append(idempotency_key)
        return "ok-" + idempotency_key


def test_claimed_row_is_not_sent_by_another_dispatcher(app) -> None:
    [mid] = _enqueue(app)
    assert sd.claim(app, mid) is not None  # dispatcher A claimed it and is talking to the gateway
    gw = CountingGateway()
    assert sd.dispatch_due(app, gw) == sd.DispatchReport()
    assert gw.calls == [] and _rows(app)[0].status == "sending"


def test_concurrent_dispatchers_send_each_message_once(app) -> None:
    ids = _enqueue(app, 30)
    gw = CountingGateway()
    threads = [threading.Thread(target=sd.dispatch_due, args=(app, gw)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(gw.calls, key=int) == [str(i) for i in ids]
    assert {r.status for r in _rows(app)} == {"sent"}


def test_stuck_sending_row_is_requeued(app, clock) -> None:
    [mid] = _enqueue(app)
    sd.claim(app, mid)  # the dispatcher died here
    clock.advance(minutes=5)
    assert sd.requeue_stuck(app) == 0
    clock.advance(minutes=6)
    assert sd.requeue_stuck(app) == 1
    gw = CountingGateway()
    assert sd.dispatch_due(app, gw).sent == 1 and gw.calls == [str(mid)]


def test_outbox_listing_and_unknown_status(app) -> None:
    _enqueue(app, 2)
    assert len(sd.list_outbox(app, status="pending")) == 2 and sd.list_outbox(app, status="sent") == []
    with pytest.raises(SmsSendError, match="--status"):
        sd.list_outbox(app, status="lost")
