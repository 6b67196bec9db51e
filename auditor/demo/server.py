"""Serve folders of static pages as web sites on loopback addresses.

Each demo shop gets its own "host": its own 127.0.0.x address and a free port, so the crawler
treats the shops as separate sites exactly as it would real ones. URLs are clean, as on real
shops: ``/`` serves ``index.html`` and ``/villkor`` serves ``villkor.html`` or
``villkor/index.html``. Nothing but loopback is ever bound.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


def resolve(root: Path, url_path: str) -> Path | None:
    """The file a clean URL path maps to, or None. Never leaves ``root``."""
    path = unquote(urlsplit(url_path).path)
    parts = [p for p in path.split("/") if p and p not in (".", "..")]
    base = root.joinpath(*parts) if parts else root
    candidates = [base / "index.html"]
    if parts:
        candidates = [base, base.with_name(base.name + ".html"), base / "index.html"]
    root_resolved = root.resolve()
    for candidate in candidates:
        try:
            real = candidate.resolve()
        except OSError:
            continue
        if real.is_file() and real.is_relative_to(root_resolved):
            return real
    return None


def _handler(root: Path) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "auditor-demo/1"

        def do_GET(self) -> None:
            self._serve(body=True)

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_POST(self) -> None:
            """A form sent to ``/path`` is answered with ``path.sent.html`` (its confirmation page),
            as a shop's form handler would; the posted data is read and dropped."""
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(min(length, 1 << 20))
            path = urlsplit(self.path).path.rstrip("/") or "/index"
            self.path = path + ".sent"
            self._serve(body=True)

        def _serve(self, body: bool) -> None:
            file = resolve(root, self.path)
            if file is None:
                data = b"<!doctype html><title>404</title><h1>Not found</h1>"
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
            else:
                data = file.read_bytes()
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                if kind.startswith("text/") or kind.endswith("html"):
                    kind += "; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Silence the default per-request log on stderr."""

    return Handler


@dataclass(frozen=True)
class ServedSite:
    """A folder being served, and the URL of its home page."""

    root: Path
    url: str


@contextmanager
def serve_sites(roots: list[Path], first_host: int = 2, port: int = 0) -> Iterator[list[ServedSite]]:
    """Serve each folder on its own loopback address (127.0.0.2, 127.0.0.3, ...).

    ``port`` 0 takes a free port. Another port is tried first and, when it is taken, a free
    one is used instead: the demo asks for a fixed port so that its report file names (made
    from the URL) stay the same from run to run."""
    servers: list[ThreadingHTTPServer] = []
    sites: list[ServedSite] = []
    try:
        for offset, root in enumerate(roots):
            address = f"127.0.0.{first_host + offset}"
            try:
                server = ThreadingHTTPServer((address, port), _handler(root))
            except OSError:
                if not port:
                    raise
                server = ThreadingHTTPServer((address, 0), _handler(root))
            server.daemon_threads = True
            servers.append(server)
            threading.Thread(target=server.serve_forever, name=f"demo-{root.name}", daemon=True).start()
            sites.append(ServedSite(root=root, url=f"http://{address}:{server.server_address[1]}/"))
        yield sites
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def main(argv: list[str] | None = None) -> int:
    """``python -m auditor.demo.server DIR [--port N]``: serve one folder of pages as a site on
    loopback until interrupted (a stand-in staging server for trying ``auditor ci``)."""
    import argparse
    import time

    parser = argparse.ArgumentParser(prog="python -m auditor.demo.server", description=main.__doc__)
    parser.add_argument("root", type=Path, metavar="DIR", help="folder of .html pages (index.html is /)")
    parser.add_argument("--host", type=int, default=1, metavar="N", help="serve on 127.0.0.N (default 1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"{args.root} is not a folder")
    if not 1 <= args.host <= 254:
        parser.error("--host is the last part of a 127.0.0.N address: 1 to 254")
    with serve_sites([args.root], first_host=args.host, port=args.port) as [site]:
        print(f"serving {site.root} at {site.url} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
