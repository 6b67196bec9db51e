"""SSRF guard: an audit of a public site never reaches loopback, private or link-local addresses.

A hostile page can link or redirect to ``http://127.0.0.1:8080/admin``, ``http://10.0.0.1/`` or
the cloud metadata address ``169.254.169.254``; a crawler running inside an agency's network
would fetch them under the agency's name. Every request's host is resolved and refused when any
of its addresses is not a public unicast one, unless the user allowed private addresses
(``--allow-private``: auditing a staging server or the local demo). The browser stage applies
the same check to every request a rendered page makes.

Limit: the name is resolved here and again by the downloader; a DNS answer that changes in
between (rebinding) is not caught.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urlsplit

#: How long resolving a name may take before the request is refused.
RESOLVE_TIMEOUT = 5.0


def is_public_ip(text: str) -> bool:
    """Whether an address is public unicast (not loopback, private, link-local, reserved, ...)."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def literal_ip(host: str) -> str | None:
    """The host as an IP address when it is written as one."""
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare.split("%", 1)[0])
    except ValueError:
        return None
    return bare


_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def _without_lookup(host: str) -> tuple[bool, str | None]:
    """(decided, reason) from the name alone: an IP literal or a local name needs no DNS."""
    literal = literal_ip(host)
    if literal is not None:
        return True, None if is_public_ip(literal) else f"{host} is a non-public address"
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return True, f"{host} names a local host"
    return False, None


def names_private_host(host: str) -> bool:
    """Whether a host name or address is private on its face (loopback, private or link-local
    literal, ``localhost``, a local suffix), without a DNS lookup."""
    decided, reason = _without_lookup(host)
    return decided and reason is not None


def _resolved(host: str, infos: list[tuple[object, ...]]) -> str | None:
    for info in infos:
        address = str(info[4][0])  # type: ignore[index]
        if not is_public_ip(address):
            return f"{host} resolves to the non-public address {address}"
    return None


async def private_reason(url: str) -> str | None:
    """Why ``url`` must not be fetched from a public audit, or None when its host is public."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    decided, reason = _without_lookup(host)
    if decided:
        return reason
    try:
        infos = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT
        )
    except (OSError, TimeoutError):
        return None  # unresolvable: the download fails with its own, clearer error
    return _resolved(host, list(infos))


@lru_cache(maxsize=4096)
def private_reason_sync(host: str) -> str | None:
    """The same check without an event loop (the browser's request router), cached per host."""
    decided, reason = _without_lookup(host)
    if decided:
        return reason
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return None
    return _resolved(host, list(infos))
