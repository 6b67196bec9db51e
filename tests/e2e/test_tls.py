"""TLS: a self-signed or expired certificate makes a site unreadable unless the user accepts it,
and then the report says the certificates were not checked."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from auditor.pipeline import SiteJob, audit_sites
from auditor.reports.html import write_html_reports
from auditor.spiders.crawl import CrawlSpec
from tests.loopback import QuietHandler, loopback_server

pytestmark = pytest.mark.e2e

PAGE = (b"<!doctype html><html lang='sv'><head><title>Kontakt</title></head>"
        b"<body><p>E-post: hej@butik.se</p></body></html>")


def certificate(folder: Path, address: str, *, expired: bool) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, address)])
    now = dt.datetime.now(dt.UTC)
    start, end = (now - dt.timedelta(days=60), now - dt.timedelta(days=30)) if expired else (
        now - dt.timedelta(days=1), now + dt.timedelta(days=30))
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{address}.pem", folder / f"{address}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@contextmanager
def https_site(folder: Path, address: str, *, expired: bool) -> Iterator[str]:
    class Page(QuietHandler):
        def do_GET(self) -> None:
            body = PAGE if self.path != "/robots.txt" else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    cert_file, key_file = certificate(folder, address, expired=expired)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    with loopback_server(Page, address, tls=context) as url:
        yield url


@pytest.mark.parametrize(("address", "expired"), [("127.0.0.80", False), ("127.0.0.81", True)])
def test_invalid_certificates_need_consent_and_are_reported(tmp_path: Path, address: str, expired: bool) -> None:
    with https_site(tmp_path, address, expired=expired) as url:
        strict = audit_sites([SiteJob(CrawlSpec(url=url, allow_private=True), "se")], as_of=date(2026, 11, 24))
        lenient = audit_sites([SiteJob(CrawlSpec(url=url, allow_private=True, accept_invalid_tls=True), "se")],
                              as_of=date(2026, 11, 24))
    [refused] = strict.sites
    assert refused.status.value == "not_audited" and "--accept-invalid-tls" in (refused.reason or "")
    [audited] = lenient.sites
    assert audited.status.value == "audited" and audited.crawl is not None and not audited.crawl.tls_verified
    assert next(o for o in audited.rules if o.rule == "contact-email").outcome.value == "pass"
    [report] = write_html_reports(lenient, tmp_path / "out")
    assert "TLS certificates were not checked" in report.read_text(encoding="utf-8")
