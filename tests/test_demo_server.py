"""The demo's loopback server: clean URLs, no escape from the shop folder, port fallback."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

from auditor.demo.server import resolve, serve_sites


def test_clean_urls_map_to_files_and_never_leave_the_root(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "kontakt.html").write_text("kontakt", encoding="utf-8")
    (tmp_path.parent / "secret.html").write_text("secret", encoding="utf-8")
    assert resolve(tmp_path, "/") == (tmp_path / "index.html").resolve()
    assert resolve(tmp_path, "/kontakt") == (tmp_path / "kontakt.html").resolve()
    assert resolve(tmp_path, "/../secret.html") is None
    assert resolve(tmp_path, "/%2e%2e/secret.html") is None


def test_a_taken_port_falls_back_to_a_free_one(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.50", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with serve_sites([tmp_path], first_host=50, port=port) as [site]:
            assert not site.url.endswith(f":{port}/")
            with urllib.request.urlopen(site.url, timeout=5) as response:
                assert b"home" in response.read()
