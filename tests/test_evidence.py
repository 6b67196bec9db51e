"""Evidence: WARC files that warcio accepts, a manifest of hashes, and verify catching tampering."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.evidence import check_warc, verify

pytestmark = pytest.mark.e2e


def test_demo_evidence_verifies_and_tampering_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["demo", "-o", str(out), "--render", "never"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    warcs = sorted(out.glob("evidence/run-1/*.warc.gz"))
    assert len(warcs) == 6 and {f"evidence/run-1/{w.name}" for w in warcs} <= listed
    assert "result.json" in listed and manifest["rule_catalogue"] and manifest["robots"]
    for warc in warcs:
        assert check_warc(warc) == []
        check = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", str(warc)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    evidence = [e for s in result["sites"] for o in s["rules"] for e in o["evidence"]]
    assert any(e["warc"].startswith("evidence/") and "#<urn:uuid:" in e["warc"] for e in evidence)
    assert verify(out / "manifest.json") == (len(listed), [])
    # A second run writes its own evidence and manifest; the first run's stay as they were.
    assert main(["demo", "-o", str(out), "--render", "never"]) == 0
    assert len(list(out.glob("evidence/run-2/*.warc.gz"))) == 6
    assert verify(out / "manifest-run-1.json")[1] == [] and verify(out / "manifest-run-2.json")[1] == []

    target = warcs[0]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["verify", str(out)]) == 1
    assert target.name in capsys.readouterr().out
    (out / "result.json").unlink()
    _checked, problems = verify(out / "manifest.json")
    assert any("result.json: missing" in p for p in problems)


def test_a_warc_altered_inside_is_caught_even_with_a_fresh_hash(tmp_path: Path) -> None:
    """warcio's digests catch a record whose body changed, whatever the manifest says."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "a.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        record = writer.create_warc_record(
            "https://shop.se/", "response", payload=BytesIO(b"<p>Kundtjanst</p>"),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        writer.write_record(record)
    assert check_warc(path) == []
    path.write_bytes(path.read_bytes().replace(b"Kundtjanst", b"Kundtjenst"))
    assert check_warc(path)
