"""Crops of the elements behind findings, in real Chromium: with the sentence around an inline
element (the price after a premium-rate number), at least a legible minimum size, and the
element's place on the full-page screenshot (issue 19, point 3)."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.browser.render import CROP_MARGIN, CROP_MIN_HEIGHT, CROP_MIN_WIDTH, RenderedPage, crop_area, launch
from auditor.demo.server import serve_sites
from auditor.reports.site_view import image_size

#: No skip when Chromium is missing: scripts/setup installs it, and a missing browser must fail loudly.
pytestmark = pytest.mark.e2e

PAGE = """<!doctype html><html lang="fi"><head><title>Yhteys</title>
<style>body{margin:0;font:16px/1.5 sans-serif} main{width:700px;margin:40px auto}
footer{margin-top:900px;padding:4px 20px;font-size:11px}</style></head>
<body><main><h1>Asiakaspalvelu</h1>
<p id="line">Soita meille: <a href="tel:+358600123456">0600 123 456</a> (1,95 €/min + pvm)</p>
<p>Muuta tekstiä, joka ei liity numeroon.</p></main>
<footer><p>Esimerkki Oy · Y-tunnus 1234567-1</p></footer></body></html>"""

NUMBER = "#line > a"
FOOTER = "body > footer > p"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RenderedPage]:
    root: Path = tmp_path_factory.mktemp("crop-site")
    (root / "index.html").write_text(PAGE, encoding="utf-8")

    async def run(url: str) -> RenderedPage:
        async with launch() as browser, browser.site() as session:
            return await session.render(url, timeout=8.0, elements=lambda html, url: [NUMBER, FOOTER, "#nothing"])

    with serve_sites([root], first_host=41) as served:
        yield asyncio.run(run(served[0].url))


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def inside(box: list[int], area: list[int]) -> bool:
    return (area[0] <= box[0] and area[1] <= box[1]
            and box[0] + box[2] <= area[0] + area[2] and box[1] + box[3] <= area[1] + area[3])


def test_an_inline_element_is_cropped_with_its_sentence(rendered: RenderedPage) -> None:
    box, area = rendered.boxes[NUMBER], rendered.crops[NUMBER]
    assert inside(box, area)
    # The link alone is about 110 px wide; the crop holds the whole paragraph (700 px) and its margin,
    # so the price per minute after the number is in the picture.
    assert area[2] >= 700 + 2 * CROP_MARGIN - 2
    assert area[3] >= CROP_MIN_HEIGHT
    assert png_size(rendered.elements[NUMBER]) == (area[2], area[3])


def test_a_one_line_footer_gets_a_legible_minimum_size(rendered: RenderedPage) -> None:
    box, area = rendered.boxes[FOOTER], rendered.crops[FOOTER]
    assert box[3] < 30  # an 11 px line: what used to be shown 11 px high
    assert inside(box, area)
    assert area[2] >= CROP_MIN_WIDTH and area[3] >= CROP_MIN_HEIGHT
    # It sits 900 px below the content: measured on the full page, not the viewport.
    assert box[1] > 900
    assert png_size(rendered.elements[FOOTER]) == (area[2], area[3])


def test_an_element_that_is_not_there_is_not_cropped(rendered: RenderedPage) -> None:
    assert "#nothing" not in rendered.elements and "#nothing" not in rendered.boxes


def test_the_full_page_screenshot_holds_every_box(rendered: RenderedPage) -> None:
    size = image_size(rendered.screenshot)
    assert size is not None
    width, height = size
    for box in rendered.boxes.values():
        assert box[0] + box[2] <= width and box[1] + box[3] <= height


@pytest.mark.parametrize(
    ("box", "context", "page", "expected"),
    [
        # a small element in a small block at the top: grown to the minimum, moved inside the page
        ([100, 10, 40, 10], [100, 10, 40, 10], [1280, 2000], [0, 0, 360, 96]),
        # a block that is very tall: the element with its margin, not the block
        ([100, 1000, 200, 20], [0, 0, 1280, 3000], [1280, 3000], [20, 962, 360, 96]),
        # the context block with its margin when it is larger than the minimum
        ([200, 500, 50, 20], [120, 480, 700, 60], [1280, 2000], [104, 462, 732, 96]),
    ],
)
def test_crop_area(box: list[float], context: list[float], page: list[float], expected: list[int]) -> None:
    assert crop_area(box, context, page) == expected
