"""The remembered link resolution (:func:`auditor.web.urls.joined_url`) is ``urljoin`` itself."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.web.urls import absolute, joined_url

_BASES = ["https://shop.example/villkor/retur.html", "http://127.64.0.1:8080/a/b/?q=1#x", "https://x.example"]
_HREFS = ["", "#top", "../kontakt", "/ångra?x=1", "//cdn.example/f.pdf", "mailto:a@b.se", "tel:+4681234",
          "HTTPS://Other.Example/Path", "?page=2", "  /spaced  ", "javascript:void(0)", "http://[::1]:80/"]


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from(_BASES), href=st.one_of(st.sampled_from(_HREFS), st.text(max_size=30)))
def test_joined_url_is_urljoin(base: str, href: str) -> None:
    try:
        expected = urljoin(base, href)
    except ValueError:
        with pytest.raises(ValueError):
            joined_url(base, href)
        return
    assert joined_url(base, href) == expected
    assert joined_url(base, href) == expected  # and again, from memory


def test_an_unusable_link_raises_every_time_and_absolute_still_says_none() -> None:
    for _ in range(2):
        with pytest.raises(ValueError):
            joined_url("https://shop.example/", "http://[::1")
    assert absolute("https://shop.example/", "http://[::1") is None
