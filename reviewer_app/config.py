"""One settings object, read from defaults < TOML file < environment < command-line flags.

Each effective value remembers where it came from, so `reviewer-app config show` can say so.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from reviewer_app.domain.errors import ConfigError

APP_NAME = "reviewer-app"
ENV_PREFIX = "REVIEWER_"
CONFIG_ENV = "REVIEWER_CONFIG"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class Spec:
    """How one setting is typed, documented and (if secret) masked."""

    name: str
    type: type
    default: Any  # None for the paths and URL resolved at load time (data_dir from platformdirs)
    help: str
    secret: bool = False


SPECS: tuple[Spec, ...] = (
    Spec("data_dir", Path, None, "folder for the embedded database, documents and keys"),
    Spec("db_url", str, None, "SQLAlchemy database URL; default: an SQLite file in data_dir", secret=True),
    Spec("key_file", Path, None, "document-store key file; default: data_dir/keys/store.key"),
    Spec("key", str, None, "document-store key as base64 (overrides key_file)", secret=True),
    Spec("store_dir", Path, None, "encrypted document folder; default: data_dir/documents"),
    Spec("document_store", str, "files", "where encrypted documents live: 'files' (store_dir) or 'database' "
                                         "(in db_url: one PostgreSQL server and the key, no shared folder)"),
    Spec("audit_key_file", Path, None, "audit-trail HMAC key file; default: audit.key beside key_file"),
    Spec("audit_key", str, None, "audit-trail HMAC key as base64 (overrides audit_key_file)", secret=True),
    Spec("audit_anchor", str, None, "where signed audit checkpoints go, out of the application role's reach: a "
                                    "file path or a database URL; default: a file beside the database (SQLite) "
                                    "or in data_dir (PostgreSQL)", secret=True),
    Spec("audit_checkpoint_seconds", int, 300, "how often a running worker checkpoints the audit chain head"),
    Spec("lang", str, "ru", "interface language: ru or en"),
    Spec("lease_seconds", int, 600, "how long a claim lasts without renewal"),
    Spec("match_threshold", float, 60.0, "face score at or above which the band is 'match'"),
    Spec("mismatch_threshold", float, 40.0, "face score below which the band is 'mismatch'"),
    Spec("otp_max_failures", int, 5, "wrong citizen OTP codes before the login is locked"),
    Spec("otp_lock_minutes", int, 15, "how long a locked citizen login stays locked"),
    Spec("otp_ttl_seconds", int, 300, "how long a citizen OTP code is valid"),
    Spec("otp_resend_seconds", int, 60, "minimum seconds between two codes sent to one login"),
    Spec("staff_max_failures", int, 5, "wrong staff logins before the account is locked"),
    Spec("staff_lock_minutes", int, 15, "how long a locked staff account stays locked"),
    Spec("sms_gateway_url", str, "", "HTTP SMS gateway; empty: the outbox only"),
    Spec("sms_gateway_token", str, None, "bearer token for the SMS gateway", secret=True),
    Spec("second_review_share", float, 0.05, "share of approvals set aside for a second look (0..1)"),
    Spec("retention_days", int, 30, "days after a decision before document images may be purged"),
    Spec("drop_dir", Path, None, "the intake drop folder (`intake --watch DIR`): `retention purge` deletes its "
                                 "refused packs and any processed copies past retention; default: none"),
    Spec("training", bool, False, "this database is a training database"),
    Spec("rules_file", Path, None, "TOML rule file: extra rule versions and production-calendar years "
                                   "(docs/rule-file.md); default: the built-in rule table only"),
    Spec("otp_max_per_phone_hour", int, 5, "citizen OTP codes sent to one phone per hour, at most"),
    Spec("otp_max_per_phone_day", int, 10, "citizen OTP codes sent to one phone per day, at most"),
    Spec("otp_max_global_hour", int, 2000, "citizen OTP codes sent in all per hour, at most"),
    Spec("otp_max_global_day", int, 20000, "citizen OTP codes sent in all per day, at most"),
    Spec("image_max_decoded_mb", int, 120, "largest document image accepted, in MB once decoded (width x height "
                                           "x channels x bytes per sample): intake, worker, desk, check, match"),
    Spec("service_account", str, None, "staff account (created with --service) the CLI acts as without --as"),
    Spec("service_password", str, None, "password of service_account", secret=True),
    Spec("child_access_notice_days", int, 30, "days before a child's access ends that the parent is told (SMS, "
                                              "`notify child-access`)"),
    Spec("mfc_wait_days", int, 30, "days a case sent to the MFC waits for the visit before `notify waiting` "
                                   "expires it"),
    Spec("service_bind", str, "127.0.0.1:8765", "where `serve` listens, host:port; plain HTTP only on a loopback "
                                                "address, else service_tls_cert and service_tls_key are needed"),
    Spec("service_tls_cert", Path, None, "TLS certificate (PEM) the service presents"),
    Spec("service_tls_key", Path, None, "private key (PEM) of service_tls_cert"),
    Spec("service_ca_file", Path, None, "CA certificate (PEM) a desk trusts for the service; default: the system's"),
    Spec("service_idle_minutes", int, 15, "a service session ends after this many minutes without a call"),
    Spec("service_session_hours", int, 10, "a service session ends this many hours after sign-in, however busy"),
)
SPEC_BY_NAME = {s.name: s for s in SPECS}
DEFAULTS: dict[str, Any] = {s.name: s.default for s in SPECS}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_url: str
    key_file: Path
    key: str | None
    store_dir: Path
    document_store: str
    audit_key_file: Path
    audit_key: str | None
    audit_anchor: str
    audit_checkpoint_seconds: int
    lang: str
    lease_seconds: int
    match_threshold: float
    mismatch_threshold: float
    otp_max_failures: int
    otp_lock_minutes: int
    otp_ttl_seconds: int
    otp_resend_seconds: int
    staff_max_failures: int
    staff_lock_minutes: int
    sms_gateway_url: str
    sms_gateway_token: str | None
    second_review_share: float
    retention_days: int
    training: bool
    rules_file: Path | None = None
    otp_max_per_phone_hour: int = 5
    otp_max_per_phone_day: int = 10
    otp_max_global_hour: int = 2000
    otp_max_global_day: int = 20000
    image_max_decoded_mb: int = 120
    service_account: str | None = None
    service_password: str | None = None
    drop_dir: Path | None = None
    child_access_notice_days: int = 30
    mfc_wait_days: int = 30
    service_bind: str = "127.0.0.1:8765"
    service_tls_cert: Path | None = None
    service_tls_key: Path | None = None
    service_ca_file: Path | None = None
    service_idle_minutes: int = 15
    service_session_hours: int = 10
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    config_file: Path | None = None

    @property
    def image_max_decoded_bytes(self) -> int:
        """The image gate's decoded-size limit (`matching.images.open_image`)."""
        return self.image_max_decoded_mb * 1000 * 1000

    def masked(self) -> list[tuple[str, str, str]]:
        """(name, shown value, source) for every setting, secrets masked."""
        rows = []
        for spec in SPECS:
            value = getattr(self, spec.name)
            shown = "" if value is None else str(value)
            if value and "://" in shown:
                shown = mask_url(shown)  # any URL: its password, user info and secret query values
            elif spec.secret and value:
                shown = "****"
            rows.append((spec.name, shown, self.sources.get(spec.name, "default")))
        return rows


_SECRET_QUERY = ("password", "passwd", "pwd", "token", "secret", "key", "apikey", "api_key", "auth", "sig",
                 "signature", "access_token", "client_secret")


def mask_url(url: str) -> str:
    """Hide the password in a URL (user:password@host), and the values of query parameters that carry secrets
    (?token=..., &password=...): gateway URLs often hold their credentials there."""
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    rest, hash_, fragment = rest.partition("#")
    rest, q, query = rest.partition("?")
    slash = rest.find("/")
    netloc, path = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    if "@" in netloc:
        creds, host = netloc.rsplit("@", 1)
        if ":" in creds:
            creds = creds.split(":", 1)[0] + ":****"
        netloc = f"{creds}@{host}"
    if query:
        parts = []
        for item in query.split("&"):
            name, eq, value = item.partition("=")
            secret = any(word in name.lower() for word in _SECRET_QUERY)
            parts.append(f"{name}={'****'}" if eq and secret and value else item)
        query = "&".join(parts)
    return f"{scheme}://{netloc}{path}{q}{query}{hash_}{'****' if fragment else ''}"


def default_audit_anchor(db_url: str, data_dir: Path) -> str:
    """One checkpoint file per database: beside an SQLite file, else in data_dir named after host and database."""
    import hashlib
    import re

    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return db_url[len("sqlite:///"):] + ".audit-checkpoints"
    tail = db_url.rsplit("@", 1)[-1]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", tail)[-60:]
    digest = hashlib.sha256(tail.encode()).hexdigest()[:8]
    return str(Path(data_dir) / "audit-checkpoints" / f"{slug}-{digest}.jsonl")


def _coerce(name: str, raw: Any, origin: str) -> Any:
    spec = SPEC_BY_NAME[name]
    if raw is None:
        return None
    try:
        if spec.type is bool:
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(raw, str) and raw.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError
        if spec.type is int:
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            return int(raw)
        if spec.type is float:
            if isinstance(raw, bool):
                raise ValueError
            return float(raw)
        if spec.type is Path:
            if not isinstance(raw, str | Path):
                raise ValueError
            return Path(raw).expanduser()
        if not isinstance(raw, str):
            raise ValueError
        return raw
    except (TypeError, ValueError):
        raise ConfigError(
            f"{origin}: setting '{name}' must be {spec.type.__name__}, got {raw!r}. Fix: {spec.help}."
        ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist. Fix: create it or drop --config.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    table = data.get("reviewer", data)
    if "rules" in table or "calendar" in table:
        raise ConfigError(f"config file {path}: the rule table is not kept in the settings file. Fix: move the "
                          "[rules] / [calendar] sections into a rule file of their own and name it here with "
                          "rules_file = \"/path/to/rules.toml\" (or REVIEWER_RULES_FILE); see docs/rule-file.md")
    unknown = sorted(set(table) - set(SPEC_BY_NAME))
    if unknown:
        known = ", ".join(SPEC_BY_NAME)
        raise ConfigError(f"config file {path}: unknown setting(s) {', '.join(unknown)}. Known: {known}.")
    return table


def load_settings(
    *,
    config_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
) -> Settings:
    """Build the effective settings. `overrides` are command-line flags (None values are ignored)."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = dict(DEFAULTS)
    sources: dict[str, str] = {k: "default" for k in DEFAULTS}

    path = config_file or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    explicit = path is not None
    path = path or default_config_file()
    if explicit or path.exists():
        for name, raw in _read_toml(path).items():
            values[name] = _coerce(name, raw, f"config file {path}")
            sources[name] = f"file {path}"
    else:
        path = None

    for name in SPEC_BY_NAME:
        var = ENV_PREFIX + name.upper()
        if var in env:
            values[name] = _coerce(name, env[var], f"environment variable {var}")
            sources[name] = f"env {var}"

    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        values[name] = _coerce(name, raw, f"flag --{name.replace('_', '-')}")
        sources[name] = "flag"

    data_dir = values["data_dir"] or default_data_dir()
    values["data_dir"] = Path(data_dir)
    if not values["db_url"]:
        values["db_url"] = f"sqlite:///{values['data_dir'] / 'reviewer.db'}"
        sources["db_url"] = "default (data_dir)"
    if not values["key_file"]:
        values["key_file"] = values["data_dir"] / "keys" / "store.key"
    if not values["store_dir"]:
        values["store_dir"] = values["data_dir"] / "documents"
    if not values["audit_key_file"]:
        values["audit_key_file"] = Path(values["key_file"]).parent / "audit.key"
    if not values["audit_anchor"]:
        values["audit_anchor"] = default_audit_anchor(values["db_url"], values["data_dir"])
        sources["audit_anchor"] = "default (db_url)"
    if values["document_store"] not in ("files", "database"):
        raise ConfigError(f"{sources['document_store']}: setting 'document_store' must be 'files' or 'database', "
                          f"got {values['document_store']!r}.")
    if values["lang"] not in ("ru", "en"):
        raise ConfigError(f"{sources['lang']}: setting 'lang' must be 'ru' or 'en', got {values['lang']!r}.")
    if not 0 <= values["second_review_share"] <= 1:
        raise ConfigError(f"{sources['second_review_share']}: 'second_review_share' must be between 0 and 1.")
    for name in ("child_access_notice_days", "mfc_wait_days"):
        if values[name] < 1:
            raise ConfigError(f"{sources[name]}: setting {name!r} must be at least 1 day, got {values[name]}.")
    if not 1 <= values["image_max_decoded_mb"] <= 2000:
        raise ConfigError(f"{sources.get('image_max_decoded_mb', 'default')}: 'image_max_decoded_mb' must be "
                          "between 1 and 2000.")
    return Settings(**values, sources=sources, config_file=path)
