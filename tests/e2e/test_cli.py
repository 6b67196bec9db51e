"""End to end through the command line, as a user runs it (subprocess, real loopback servers)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from auditor.demo.server import serve_sites
from auditor.schemas import schema_path

pytestmark = pytest.mark.e2e


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", **(env or {})}  # a wide terminal: rule ids are not folded
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=240, env=env)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One ``auditor demo`` with its default formats (a crawl of every demo shop with Chromium), and
    its output folder: the tests below read it and write only into their own folders."""
    cwd = tmp_path_factory.mktemp("demo")
    return run("demo", "--output", str(cwd / "out"), cwd=cwd), cwd / "out"


def test_demo_writes_json_and_html(demo_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    proc, out = demo_run
    assert proc.returncode == 0, proc.stderr
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    jsonschema.validate(result, json.loads(schema_path().read_text(encoding="utf-8")))
    assert result["schema_version"].startswith("1.")
    assert len(result["sites"]) >= 4
    assert len(list(out.glob("*.html"))) == len(result["sites"])
    for site in result["sites"]:
        assert {"url", "status", "score", "categories", "rules"} <= set(site)
        for rule in site["rules"]:
            assert {"rule", "outcome", "message", "evidence"} <= set(rule)
    assert "contact-email" in proc.stdout
    report = out / "127-0-0-2-8460.html"
    html = report.read_text(encoding="utf-8") if report.exists() else next(out.glob("*.html")).read_text(
        encoding="utf-8")
    assert "Rendered in a browser" in html and "data:image/png;base64," in html
    assert list((out / "screenshots").rglob("*.png"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_site_is_not_audited_and_exit_2(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    proc = run("audit", url, "--output", str(tmp_path), "--site-timeout", "30", "--allow-private", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    [site] = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["sites"]
    assert site["status"] == "not_audited"
    assert site["score"] is None
    assert "could not be read" in site["reason"]


def test_bad_url_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("audit", "ftp://example.org/", cwd=tmp_path)
    assert proc.returncode == 2
    assert "only http and https" in proc.stderr


def test_robots_disallow_all_is_not_audited(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><a href='/kontakt'>Kontakt</a></body></html>")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    with serve_sites([site], first_host=40) as [served]:
        proc = run("audit", served.url, "--output", str(tmp_path / "out"), "--allow-private", cwd=tmp_path)
    assert proc.returncode == 2
    [result] = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))["sites"]
    assert result["status"] == "not_audited"
    assert "robots.txt" in result["reason"]
    assert result["crawl"]["robots"]["blocked_urls"] == [served.url]


def test_report_rerenders_html_from_result_json(demo_run: tuple[subprocess.CompletedProcess[str], Path],
                                                tmp_path: Path) -> None:
    # The demo's output without its HTML reports, as --format json leaves it (that --format json
    # writes no HTML is checked in tests/golden, whose demo run writes only JSON).
    done, demo_out = demo_run
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    shutil.copytree(demo_out, out, ignore=shutil.ignore_patterns("*.html", "*.pdf"))
    assert not list(out.glob("*.html"))
    proc = run("report", str(out / "result.json"), "--output", str(tmp_path / "html"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    sites = json.loads((out / "result.json").read_text(encoding="utf-8"))["sites"]
    assert len(list((tmp_path / "html").glob("*.html"))) == len(sites)
    # --format pdf: each report printed beside it, in the report's language
    proc = run("report", str(out / "result.json"), "--output", str(tmp_path / "html"), "--lang", "sv",
               "--format", "html,pdf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    pdfs = sorted((tmp_path / "html").glob("*.sv.pdf"))
    assert len(pdfs) == len(sites) and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    assert all(p.with_suffix(".html").is_file() for p in pdfs)
    # no browser: one line says so, the HTML reports are written, the command succeeds
    proc = run("report", str(out / "result.json"), "--output", str(tmp_path / "nobrowser"), "--format", "html,pdf",
               cwd=tmp_path, env={"AUDITOR_CHROMIUM": str(tmp_path / "no-chromium"),
                                  "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "no-browsers")})
    assert proc.returncode == 0, proc.stderr
    [said] = [line for line in proc.stderr.splitlines() if "no PDF was printed" in line]
    assert "no PDF was printed: no browser could be started" in said, "one line says why"
    assert "Traceback" not in proc.stdout + proc.stderr
    assert len(list((tmp_path / "nobrowser").glob("*.html"))) == len(sites)
    assert not list((tmp_path / "nobrowser").glob("*.pdf"))


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "is not JSON"),
    ('{"schema_version": "9.0"}', "schema_version 9.0"),
    ('{"schema_version": "1.0", "sites": 3}', "is not a valid result.json"),
])
def test_report_rejects_a_bad_file(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "result.json"
    bad.write_text(content, encoding="utf-8")
    proc = run("report", str(bad), cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr.replace("\n", " ")


def test_private_addresses_need_explicit_permission(tmp_path: Path) -> None:
    """SSRF guard: nothing on loopback or a private network is fetched without --allow-private."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><p>Kontakt: hej@butik.se</p></body></html>")
    with serve_sites([site], first_host=41) as [served]:
        proc = run("audit", served.url, "--output", str(tmp_path / "out"), "--render", "never", cwd=tmp_path)
    assert proc.returncode == 2
    [result] = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))["sites"]
    assert result["status"] == "not_audited" and "--allow-private" in result["reason"]
