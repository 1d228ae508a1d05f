"""Where the service listens: plain HTTP only on loopback; TLS from the certificate and key in the settings."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from reviewer_app.api.server import Listen, ServiceThread, listen_from
from reviewer_app.cli import main
from reviewer_app.client import HttpDeskService
from reviewer_app.config import load_settings
from reviewer_app.domain.errors import ConfigError, ReviewerError
from tests.integration.service.conftest import free_port


def _settings(tmp_path, **values):
    return load_settings(env={}, overrides={"data_dir": tmp_path, **values})


def test_plain_http_off_loopback_is_refused(tmp_path, capsys):
    for bind in ("0.0.0.0:8765", "192.168.1.20:8765", "[::]:8765", "desk-server:8765"):
        with pytest.raises(ConfigError) as refused:
            listen_from(_settings(tmp_path, service_bind=bind))
        assert "plain HTTP" in str(refused.value) and "service_tls_cert" in str(refused.value)
    for bind in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert listen_from(_settings(tmp_path, service_bind=bind)).url.startswith("http://")
    with pytest.raises(ConfigError, match="host:port"):
        listen_from(_settings(tmp_path, service_bind="8765"))
    assert main(["--data-dir", str(tmp_path), "serve", "--bind", "0.0.0.0:8765"]) == 2
    assert "plain HTTP" in capsys.readouterr().err


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "service.crt", tmp_path / "service.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_tls_from_the_certificate_in_the_settings(app, tmp_path):
    cert, key = _self_signed(tmp_path)
    listen = listen_from(_settings(tmp_path, service_bind="0.0.0.0:8443", service_tls_cert=cert,
                                   service_tls_key=key))
    assert listen.url == "https://0.0.0.0:8443"
    with pytest.raises(ConfigError, match="go together"):
        listen_from(_settings(tmp_path, service_tls_cert=cert))
    from reviewer_app.api.app import create_app

    thread = ServiceThread(create_app(app), Listen("127.0.0.1", free_port(), cert, key)).start()
    try:
        assert thread.url.startswith("https://")
        desk = HttpDeskService(thread.url, verify=str(cert))
        assert desk.lease_seconds == app.settings.lease_seconds  # answered over TLS, checked against the CA
        desk.close()
        untrusted = HttpDeskService(thread.url)  # the system's CAs do not know this certificate
        with pytest.raises(ReviewerError) as refused:
            untrusted.reject_reasons()
        assert refused.value.code == "service_unreachable"
        untrusted.close()
    finally:
        thread.stop()
