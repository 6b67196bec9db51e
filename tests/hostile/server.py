"""Hostile web sites for the test suite, each on its own loopback address.

Every site is a behaviour, not a folder: crawler traps, loops, slow and endless answers, bombs,
junk and lying charsets. ``serve_hostile()`` starts them all and yields ``{name: url}``.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

SV_PAGE = ("<!doctype html><html lang='sv'><head><title>Kundtjänst</title></head><body><main>"
           "<h1>Kundtjänst</h1><p>Kontakta vår kundtjänst på hej@butik.se eller 08-123 45 67.</p>"
           "<p>Ångerrätt: du har 14 dagars ångerrätt.</p></main></body></html>")

Handler = Callable[[BaseHTTPRequestHandler], None]


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    for key, value in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
        h.send_header(key, value)
    if "Content-Length" not in (headers or {}):
        h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def trap(h: BaseHTTPRequestHandler) -> None:
    """An endless calendar, session ids in every link, ever deeper paths, thousands of links."""
    path = urlsplit(h.path).path
    links = "".join(f"<a href='{path.rstrip('/')}/{n}?sid={time.time_ns()}'>next {n}</a> " for n in range(2000))
    _send(h, 200, f"<html><body><a href='/cal/2026/{len(path)}'>Kalender</a>{links}</body></html>".encode())


def redirect_loop(h: BaseHTTPRequestHandler) -> None:
    _send(h, 302, b"", {"Location": "/b" if h.path.startswith("/a") else "/a", "Content-Length": "0"})


def meta_refresh_loop(h: BaseHTTPRequestHandler) -> None:
    target = "/y" if h.path.startswith("/x") else "/x"
    _send(h, 200, f"<html><head><meta http-equiv='refresh' content='0; url={target}'></head></html>".encode())


def offsite_redirect(h: BaseHTTPRequestHandler) -> None:
    if h.path == "/robots.txt":
        _send(h, 404, b"")
    elif h.path == "/":
        _send(h, 200, b"<html><body><a href='/kontakt'>Kontakt</a> <a href='/villkor'>Villkor</a></body></html>")
    elif h.path == "/kontakt":
        _send(h, 301, b"", {"Location": "http://127.0.0.99:9/elsewhere", "Content-Length": "0"})
    else:
        _send(h, 302, b"", {"Location": "ftp://example.invalid/terms", "Content-Length": "0"})


def slow_first_byte(h: BaseHTTPRequestHandler) -> None:
    time.sleep(40)
    _send(h, 200, SV_PAGE.encode())


def drip(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(60):
        h.wfile.write(b"<")
        h.wfile.flush()
        time.sleep(1)


def gzip_bomb(h: BaseHTTPRequestHandler) -> None:
    body = _bomb()
    _send(h, 200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": str(len(body))})


_BOMB: list[bytes] = []


def _bomb() -> bytes:
    """200 MB of spaces in about 200 kB of gzip, built in chunks (never 200 MB in memory)."""
    if not _BOMB:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
        chunk = b" " * (1024 * 1024)
        parts = [packer.compress(b"<p>")]
        parts += [packer.compress(chunk) for _ in range(200)]
        parts.append(packer.flush())
        _BOMB.append(b"".join(parts))
    return _BOMB[0]


_BROTLI: list[bytes] = []


def brotli_bomb(h: BaseHTTPRequestHandler) -> None:
    """200 MB of spaces as a small brotli body."""
    if not _BROTLI:
        import brotli

        packer = brotli.Compressor(quality=4)
        chunk = b" " * (1024 * 1024)
        parts = [packer.process(b"<p>")] + [packer.process(chunk) for _ in range(200)] + [packer.finish()]
        _BROTLI.append(b"".join(parts))
    body = _BROTLI[0]
    _send(h, 200, body, {"Content-Type": "text/html", "Content-Encoding": "br", "Content-Length": str(len(body))})


def huge(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(30 * 1024 * 1024))
    h.end_headers()
    chunk = b"<p>" + b"x" * 65530 + b"</p>"
    try:
        for _ in range(30 * 16):
            h.wfile.write(chunk)
    except OSError:
        pass


def binary_junk(h: BaseHTTPRequestHandler) -> None:
    if h.path == "/robots.txt":
        _send(h, 404, b"")
        return
    _send(h, 200, bytes(range(256)) * 64, {"Content-Type": "text/html"})


def cp1252_as_utf8(h: BaseHTTPRequestHandler) -> None:
    _send(h, 200, SV_PAGE.encode("cp1252"), {"Content-Type": "text/html; charset=utf-8"})


def latin1_as_utf8(h: BaseHTTPRequestHandler) -> None:
    page = SV_PAGE.replace("<head>", "<head><meta charset='utf-8'>")
    _send(h, 200, page.encode("iso-8859-1"), {"Content-Type": "text/html"})


def utf16_bom(h: BaseHTTPRequestHandler) -> None:
    _send(h, 200, SV_PAGE.encode("utf-16"), {"Content-Type": "text/html"})


def errors_5xx(h: BaseHTTPRequestHandler) -> None:
    _send(h, 503, b"<h1>Service unavailable</h1>")


def reset(h: BaseHTTPRequestHandler) -> None:
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    h.connection.close()


def truncated(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", "50000")
    h.end_headers()
    h.wfile.write(SV_PAGE.encode()[:200])
    h.wfile.flush()
    h.connection.shutdown(socket.SHUT_RDWR)


def js_hostile(h: BaseHTTPRequestHandler) -> None:
    """Alert floods, pop-up storms, an endless loop, and a page that never finishes loading."""
    if h.path.startswith("/never"):
        time.sleep(120)
        return
    script = ("for(let i=0;i<50;i++){try{alert('x'+i)}catch(e){}};"
              "for(let i=0;i<50;i++){window.open('/p'+i)};"
              "setTimeout(function(){while(true){}},500);")
    body = (SV_PAGE.replace("</main>", f"</main><img src='/never.png'><script>{script}</script>")).encode()
    _send(h, 200, body)


SITES: dict[str, Handler] = {
    "trap": trap,
    "redirect_loop": redirect_loop,
    "meta_refresh_loop": meta_refresh_loop,
    "offsite_redirect": offsite_redirect,
    "slow_first_byte": slow_first_byte,
    "drip": drip,
    "gzip_bomb": gzip_bomb,
    "brotli_bomb": brotli_bomb,
    "huge": huge,
    "binary_junk": binary_junk,
    "cp1252_as_utf8": cp1252_as_utf8,
    "latin1_as_utf8": latin1_as_utf8,
    "utf16_bom": utf16_bom,
    "errors_5xx": errors_5xx,
    "reset": reset,
    "truncated": truncated,
    "js_hostile": js_hostile,
}


def _handler(behaviour: Handler) -> type[BaseHTTPRequestHandler]:
    class Hostile(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with suppress(BrokenPipeError, ConnectionResetError, OSError):
                behaviour(self)

        def log_message(self, *args: object) -> None:
            pass

    return Hostile


@contextmanager
def serve_hostile(first_host: int = 150) -> Iterator[dict[str, str]]:
    servers: list[ThreadingHTTPServer] = []
    urls: dict[str, str] = {}
    try:
        for offset, (name, behaviour) in enumerate(SITES.items()):
            server = ThreadingHTTPServer((f"127.0.0.{first_host + offset}", 0), _handler(behaviour))
            server.daemon_threads = True
            servers.append(server)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            urls[name] = f"http://127.0.0.{first_host + offset}:{server.server_address[1]}/"
        yield urls
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
