"""Chat widgets by vendor fingerprint in static HTML: hosts, globals, markers, look-alikes."""

from __future__ import annotations

import pytest

from auditor.facts.chat import gather_chat, vendors
from auditor.facts.dom import Document


def sightings(body: str) -> dict[str, str]:
    doc = Document(f"<html><head></head><body>{body}</body></html>", "https://shop.se/")
    return {s.vendor.key: s.signal for s in gather_chat(doc)}


def test_at_least_fifteen_vendors_with_a_strong_signal_each() -> None:
    table = vendors()
    assert len(table) >= 15
    assert all(v.hosts or v.markers for v in table)
    for key in ("zendesk", "intercom", "livechat", "freshchat", "tidio", "drift", "hubspot", "crisp", "tawk",
                "userlike", "giosg", "puzzel", "telia_ace", "kindly", "ebbot", "salesforce", "trengo"):
        assert key in {v.key for v in table}


@pytest.mark.parametrize(
    ("body", "vendor"),
    [
        ('<script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js?key=abc"></script>', "zendesk"),
        ('<script src="https://widget.intercom.io/widget/xyz1"></script>', "intercom"),
        ('<script src="//code.tidio.co/abcdef.js" async></script>', "tidio"),
        ('<script async src="https://embed.tawk.to/5f00/default"></script>', "tawk"),
        ('<script src="https://chat.kindlycdn.com/kindly-chat.js" data-bot-key="k"></script>', "kindly"),
        ('<iframe src="https://wds.ace.teliacompany.com/wds/instances/x/ACEWebSDK.min.js"></iframe>', "telia_ace"),
    ],
)
def test_a_loader_host_identifies_the_vendor(body: str, vendor: str) -> None:
    assert sightings(body)[vendor] == "host"


def test_an_async_snippet_that_builds_the_url_counts_as_the_host() -> None:
    body = """<script>window.$crisp=[];window.CRISP_WEBSITE_ID="x";(function(){var d=document;
    var s=d.createElement("script");s.src="https://client.crisp.chat/l.js";s.async=1;
    d.getElementsByTagName("head")[0].appendChild(s);})();</script>"""
    assert sightings(body) == {"crisp": "host"}


def test_a_global_alone_is_a_weaker_signal() -> None:
    assert sightings("<script>window.intercomSettings = {app_id: 'x'};</script>") == {"intercom": "global"}
    assert sightings("<script>zE('webWidget', 'hide');</script>") == {"zendesk": "global"}


def test_marker_elements() -> None:
    assert sightings('<div id="tidio-chat"></div>') == {"tidio": "marker"}
    assert sightings('<div class="widget intercom-launcher big"></div>') == {"intercom": "marker"}


@pytest.mark.parametrize(
    "body",
    [
        "<p>We drift the boat in summer. Our beacon is lit.</p>",
        "<script>navigator.sendBeacon('/log'); var drifting = 1; const olarkish = 2;</script>",
        '<a href="https://www.intercom.com/">Intercom is our partner</a>',
        '<div id="launcher"></div><div class="chat"></div>',
    ],
)
def test_look_alikes_are_not_chat_widgets(body: str) -> None:
    assert sightings(body) == {}
