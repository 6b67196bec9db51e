"""A tiny loopback web server with a route table, for crawl tests that need exact responses
(status codes, redirects, content types, robots.txt) rather than the demo shops' files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.loopback import QuietHandler, loopback_server


@dataclass
class Route:
    body: str = ""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: The status a HEAD request gets, where it differs (a server that answers HEAD wrongly).
    head_status: int | None = None


@dataclass
class Site:
    """A running server: its base URL and every request it received (path, User-Agent), and the
    paths asked for with HEAD."""

    url: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)


def page(title: str, body: str = "", footer: str = "", lang: str = "sv") -> Route:
    return Route(
        f"<!doctype html><html lang='{lang}'><head><title>{title}</title></head><body>"
        f"<header><a href='/'>Hem</a></header><main><h1>{title}</h1>{body}</main>"
        f"<footer>{footer}</footer></body></html>"
    )


@contextmanager
def serve(routes: dict[str, Route], host: str = "127.0.0.40") -> Iterator[Site]:
    """Serve ``routes`` (path -> Route; anything else is 404) on ``host`` at a free port."""
    site = Site(url="")

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            self.wfile.write(self._head())

        def do_HEAD(self) -> None:
            site.heads.append(self.path)
            self._head(head=True)

        def _head(self, head: bool = False) -> bytes:
            """Send the status and headers; return the body."""
            route = routes.get(self.path.split("?", 1)[0]) or Route("<h1>Not found</h1>", status=404)
            data = route.body.encode("utf-8")
            self.send_response(route.head_status if head and route.head_status else route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            return data

    with loopback_server(Handler, host) as url:
        site.url = url
        yield site
