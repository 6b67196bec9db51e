"""Screenshots as files: the full page is a JPEG (written as ``.jpg``), the crops PNG, and the
report reads both (media type and size) without a browser."""

from __future__ import annotations

import base64
import struct
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from auditor.models import PageSnapshot, RenderInfo, RobotsInfo, SiteCrawl
from auditor.reports.html import screenshot_uris
from auditor.reports.site_view import image_size, png_size
from auditor.site_audit import store_screenshots


def jpeg_head(width: int, height: int, comment: bytes = b"") -> bytes:
    """The first segments of a baseline JPEG: SOI, an APP0 (JFIF), a comment, then the frame."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    out = b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
    if comment:
        out += b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return out + b"\xff\xc0" + struct.pack(">H", len(frame) + 2) + frame + b"\xff\xd9"


def png_head(width: int, height: int) -> bytes:
    header = struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header


@given(st.integers(1, 65535), st.integers(1, 65535), st.binary(max_size=300))
def test_the_size_of_a_jpeg_is_read_past_any_segment_before_its_frame(width: int, height: int, comment: bytes) -> None:
    data = jpeg_head(width, height, comment)
    assert image_size(data) == (width, height)
    assert png_size("data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")) == (width, height)


@given(st.integers(1, 2**31 - 1), st.integers(1, 2**31 - 1))
def test_the_size_of_a_png_is_read_from_its_header(width: int, height: int) -> None:
    assert image_size(png_head(width, height)) == (width, height)


@given(st.binary(max_size=64))
def test_anything_else_has_no_size(data: bytes) -> None:
    if not data.startswith((b"\x89PNG", b"\xff\xd8")):
        assert image_size(data) is None


def crawl_with(render: RenderInfo) -> SiteCrawl:
    now = datetime(2026, 12, 6, tzinfo=UTC)
    page = PageSnapshot(url="http://shop.example/", final_url="http://shop.example/", status=200,
                        fetched_at=now, depth=0, render=render)
    return SiteCrawl(start_url="http://shop.example/", started_at=now, finished_at=now, user_agent="t",
                     max_pages=1, max_depth=1, pages=[page], robots=RobotsInfo(url="http://shop.example/robots.txt"))


def test_a_jpeg_page_screenshot_is_written_as_jpg_and_embedded_as_jpeg(tmp_path: Path) -> None:
    shot, crop = jpeg_head(1280, 6000), png_head(360, 96)
    render = RenderInfo(rendered_at=datetime(2026, 12, 6, tzinfo=UTC), screenshot_png=shot,
                        elements_png={"#phone": crop})
    stored = store_screenshots(crawl_with(render), tmp_path, "run-1")
    info = stored.pages[0].render
    assert info is not None
    assert info.screenshot.endswith("/page-01.jpg") and (tmp_path / info.screenshot).read_bytes() == shot
    assert info.elements["#phone"].endswith("/page-01-element-01.png")
    # The result names each page's screenshot in its crawl summary, as the report reads it.
    uris = screenshot_uris({"crawl": {"pages": [{"screenshot": info.screenshot}]}}, tmp_path)
    assert uris[info.screenshot].startswith("data:image/jpeg;base64,")
    assert png_size(uris[info.screenshot]) == (1280, 6000)


def test_a_png_page_screenshot_of_an_older_crawl_stays_png(tmp_path: Path) -> None:
    render = RenderInfo(rendered_at=datetime(2026, 12, 6, tzinfo=UTC), screenshot_png=png_head(1280, 900))
    info = store_screenshots(crawl_with(render), tmp_path).pages[0].render
    assert info is not None and info.screenshot.endswith("/page-01.png")
