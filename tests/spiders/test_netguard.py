"""The SSRF guard's address test."""

from __future__ import annotations

import asyncio

import pytest

from auditor.web.netguard import is_public_ip, private_reason, private_reason_sync


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
        ("169.254.169.254", False), ("0.0.0.0", False), ("::1", False), ("fe80::1", False), ("fd00::1", False),
        ("::ffff:127.0.0.1", False), ("224.0.0.1", False), ("100.64.0.1", False),
        ("8.8.8.8", True), ("2a00:1450:4001::1", True), ("not an ip", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_ip(address) is public


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/admin", "http://[::1]/", "http://localhost/", "http://169.254.169.254/latest",
            "http://printer.local/", "http://10.0.0.5/"],
)
def test_private_targets_are_named(url: str) -> None:
    assert asyncio.run(private_reason(url)) is not None


def test_public_literal_passes_and_the_sync_check_agrees() -> None:
    assert asyncio.run(private_reason("https://8.8.8.8/")) is None
    assert private_reason_sync("127.0.0.1") is not None and private_reason_sync("8.8.8.8") is None
