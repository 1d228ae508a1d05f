from pathlib import Path

import pytest

from reviewer_app.cli import main
from reviewer_app.config import load_settings, mask_url
from reviewer_app.domain.errors import ConfigError


def test_precedence_default_file_env_flag(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('lease_seconds = 100\nlang = "en"\nmatch_threshold = 70\n')
    env = {"REVIEWER_LEASE_SECONDS": "200", "REVIEWER_DATA_DIR": str(tmp_path)}
    s = load_settings(config_file=cfg, env=env, overrides={"lease_seconds": 300, "lang": None})
    assert s.lease_seconds == 300 and s.sources["lease_seconds"] == "flag"
    assert s.lang == "en" and s.sources["lang"].startswith("file ")
    assert s.match_threshold == 70.0
    assert s.otp_max_failures == 5 and s.sources["otp_max_failures"] == "default"
    s2 = load_settings(config_file=cfg, env=env)
    assert s2.lease_seconds == 200 and s2.sources["lease_seconds"] == "env REVIEWER_LEASE_SECONDS"


def test_default_db_is_sqlite_in_data_dir(tmp_path: Path) -> None:
    s = load_settings(env={"REVIEWER_DATA_DIR": str(tmp_path)})
    assert s.db_url == f"sqlite:///{tmp_path / 'reviewer.db'}"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("colour = 1\n", "unknown setting(s) colour"),
        ('lease_seconds = "long"\n', "'lease_seconds' must be int"),
        ("lease_seconds = \n", "not valid TOML"),
        ("training = 3\n", "'training' must be bool"),
    ],
)
def test_bad_config_file_names_setting(tmp_path: Path, content: str, needle: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_settings(config_file=cfg, env={})
    assert needle in str(err.value) and str(cfg) in str(err.value)


def test_bad_env_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="REVIEWER_OTP_MAX_FAILURES"):
        load_settings(env={"REVIEWER_OTP_MAX_FAILURES": "five"})


def test_mask_url_hides_password() -> None:
    assert mask_url("postgresql+psycopg://u:secret@h:5432/db") == "postgresql+psycopg://u:****@h:5432/db"
    assert "secret" not in mask_url("postgresql://u:secret@h/db")


def test_config_show_masks_secrets(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REVIEWER_DB_URL", "postgresql+psycopg://u:hunter2@h/db")
    monkeypatch.setenv("REVIEWER_SMS_GATEWAY_TOKEN", "tok-123")
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "hunter2" not in out and "tok-123" not in out
    assert "env REVIEWER_DB_URL" in out


def test_config_error_exit_2_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("bogus = true\n")
    assert main(["--config", str(cfg), "config", "show"]) == 2
    err = capsys.readouterr().err
    assert "bogus" in err and "Traceback" not in err
