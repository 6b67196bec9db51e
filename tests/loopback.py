"""One way for a test to run a tiny web server of its own on a loopback address, in a thread.

Tests that need exact answers (a route table, a page that stalls, a slow shop, an expired
certificate) write only their request handler and serve it with :func:`loopback_server`."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing (the test output stays the test's)."""

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def loopback_server(
    handler: type[BaseHTTPRequestHandler], host: str, *, tls: ssl.SSLContext | None = None
) -> Iterator[str]:
    """Serve ``handler`` on ``host`` (a 127.x.y.z address) at a free port, each request in a
    thread of its own, over TLS with ``tls``; yields the base URL (``http://host:port/``) and
    stops the server after."""
    server = ThreadingHTTPServer((host, 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{'https' if tls is not None else 'http'}://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
