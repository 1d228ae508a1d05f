import pyotp
import pytest
from sqlalchemy import select

from reviewer_app.db.models import AuditEvent, Staff
from reviewer_app.domain.errors import NotFound, PermissionDenied, ReviewerError
from reviewer_app.services import staff as st

PW = "correct horse battery"


def _code(enrollment, clock, offset_steps: int = 0) -> str:
    return pyotp.TOTP(enrollment.secret).at(int(clock.now().timestamp()) + 30 * offset_steps)


def _actions(app) -> list[str]:
    with app.sessions() as s:
        return [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


@pytest.fixture
def admin(app, clock):
    enr = st.add_staff(app, None, name="Adam", role="admin", password=PW)  # bootstrap
    return st.login(app, "adam", PW, _code(enr, clock))


def test_bootstrap_only_once_and_only_admin(app) -> None:
    with pytest.raises(ReviewerError, match="administrator"):
        st.add_staff(app, None, name="rita", role="reviewer", password=PW)
    st.add_staff(app, None, name="adam", role="admin", password=PW)
    with pytest.raises(PermissionDenied):
        st.add_staff(app, None, name="eve", role="admin", password=PW)


def test_add_validates_and_stores_hash_and_encrypted_secret(app, admin) -> None:
    with pytest.raises(ReviewerError, match="at least 10"):
        st.add_staff(app, admin, name="rita", role="reviewer", password="short")
    with pytest.raises(ReviewerError, match="--role"):
        st.add_staff(app, admin, name="rita", role="boss", password=PW)
    enr = st.add_staff(app, admin, name="rita", role="reviewer", password=PW)
    assert enr.uri.startswith("otpauth://totp/") and "rita" in enr.uri
    with pytest.raises(ReviewerError, match="already exists"):
        st.add_staff(app, admin, name="Rita", role="reviewer", password=PW)
    with app.sessions() as s:
        row = s.scalar(select(Staff).where(Staff.name == "rita"))
    assert row.password_hash.startswith("$argon2") and PW not in row.password_hash
    assert enr.secret.encode() not in row.totp_secret_encrypted
    assert _actions(app).count("staff.create") == 2


def test_login_success_replay_and_window(app, admin, clock) -> None:
    enr = st.add_staff(app, admin, name="rita", role="reviewer", password=PW)
    actor = st.login(app, "rita", PW, _code(enr, clock))
    assert (actor.name, actor.role.value, actor.staff_id) == ("rita", "reviewer", enr.staff_id)
    with pytest.raises(st.LoginFailed, match="wrong name, password or code"):
        st.login(app, "rita", PW, _code(enr, clock))  # the same code again: replay
    clock.advance(seconds=30)
    st.login(app, "rita", PW, _code(enr, clock))
    clock.advance(seconds=30)
    st.login(app, "rita", PW, _code(enr, clock, offset_steps=1))  # a phone one step ahead: accepted
    clock.advance(seconds=90)
    with pytest.raises(st.LoginFailed):
        st.login(app, "rita", PW, _code(enr, clock, offset_steps=-2))  # too old


def test_errors_do_not_reveal_which_part_was_wrong(app, admin, clock) -> None:
    enr = st.add_staff(app, admin, name="rita", role="reviewer", password=PW)
    messages = set()
    for name, pw, code in (("nobody", PW, "123456"), ("rita", "wrong password!", _code(enr, clock)),
                           ("rita", PW, "000000" if _code(enr, clock) != "000000" else "111111")):
        with pytest.raises(st.LoginFailed) as err:
            st.login(app, name, pw, code)
        messages.add(str(err.value))
    assert messages == {"wrong name, password or code"}
    assert _actions(app).count("staff.login_failed") == 3


def test_lockout_and_its_end_and_admin_unlock(app, admin, clock) -> None:
    """The person's own failures (right password, wrong code) lock the account; wrong passwords only throttle."""
    enr = st.add_staff(app, admin, name="rita", role="reviewer", password=PW)
    wrong = "000000" if _code(enr, clock) != "000000" else "111111"
    for _ in range(app.settings.staff_max_failures - 1):
        with pytest.raises(st.LoginFailed):
            st.login(app, "rita", PW, wrong)
    with pytest.raises(st.AccountLocked, match="locked until 12:15"):
        st.login(app, "rita", PW, wrong)
    with pytest.raises(st.LoginThrottled):  # this source waits 30 s first, whoever it is
        st.login(app, "rita", PW, _code(enr, clock))
    clock.advance(seconds=st.THROTTLE_FIRST_WAIT)
    with pytest.raises(st.AccountLocked):
        st.login(app, "rita", PW, _code(enr, clock))  # right credentials, still locked
    with pytest.raises((st.LoginFailed, st.LoginThrottled)):  # without the password: not told of the lock
        st.login(app, "rita", "wrong password!", _code(enr, clock))
    assert "staff.locked" in _actions(app)
    clock.advance(minutes=app.settings.staff_lock_minutes)
    st.login(app, "rita", PW, _code(enr, clock))
    clock.advance(seconds=30)
    wrong = "000000" if _code(enr, clock) != "000000" else "111111"
    for _ in range(app.settings.staff_max_failures):
        with pytest.raises(PermissionDenied):
            st.login(app, "rita", PW, wrong)
    st.unlock_staff(app, admin, "rita")
    st.login(app, "rita", PW, _code(enr, clock))
    assert "staff.unlock" in _actions(app)


def test_disable_enable_reset_totp_list(app, admin, clock) -> None:
    enr = st.add_staff(app, admin, name="rita", role="reviewer", password=PW)
    st.disable_staff(app, admin, "rita")
    with pytest.raises(st.AccountDisabled, match="disabled"):
        st.login(app, "rita", PW, _code(enr, clock))
    with pytest.raises(st.LoginFailed):  # without the password nobody learns that it is disabled
        st.login(app, "rita", "wrong password!", _code(enr, clock))
    st.enable_staff(app, admin, "rita")
    clock.advance(seconds=30)
    new = st.reset_totp(app, admin, "rita")
    with pytest.raises(st.LoginFailed):
        st.login(app, "rita", PW, _code(enr, clock))  # the old phone's codes no longer work
    st.login(app, "rita", PW, _code(new, clock))
    with pytest.raises(ReviewerError, match="own account"):
        st.disable_staff(app, admin, "adam")
    with pytest.raises(NotFound):
        st.disable_staff(app, admin, "nobody")
    rows = {v.name: v for v in st.list_staff(app, admin)}
    assert set(rows) == {"adam", "rita"} and rows["rita"].has_totp and not rows["rita"].disabled
    for action in ("staff.disable", "staff.enable", "staff.totp_reset"):
        assert action in _actions(app)


def test_disabled_admin_loses_rights_at_once(app, admin, clock) -> None:
    enr = st.add_staff(app, admin, name="bella", role="admin", password=PW)
    bella = st.login(app, "bella", PW, _code(enr, clock))
    st.disable_staff(app, bella, "adam")
    with pytest.raises(PermissionDenied, match="disabled"):
        st.list_staff(app, admin)  # the Actor object still exists, the account does not work
    st.enable_staff(app, bella, "adam")
    assert len(st.list_staff(app, admin)) == 2
