"""Print HTML files to PDF in Chromium: the site reports as letters to traders (``--format pdf``).

Chromium prints the report as written, with its print style sheet (``@media print`` in the
template): A4, backgrounds kept (the outcome colours), no script run — the reports forbid
scripts, and printing needs none. The files are local and trusted (this tool wrote them), but
they hold crawled text, so every request other than the file itself is refused: a report that
somehow named a remote resource prints without it rather than fetching it.

:func:`print_pdfs` is synchronous, for the command line after an audit; it starts one browser
for all the files and raises :class:`PrintFailed` (one line: why) when it cannot print.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from auditor.browser.chat import short_error
from auditor.browser.render import BrowserUnavailable, launch

#: Time limit (seconds) for loading and printing one report.
PRINT_TIMEOUT = 60.0
#: Paper and margins; the template's ``@page`` rule may set its own margins (preferCSSPageSize).
PAPER = {"format": "A4", "print_background": True, "prefer_css_page_size": True,
         "margin": {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}}


class PrintFailed(RuntimeError):
    """No PDF could be printed: no browser, or Chromium failed on a file. The message is one line."""


def print_pdfs(jobs: Sequence[tuple[Path, Path]], executable: str | None = None) -> list[Path]:
    """Print each ``(html, pdf)`` pair: the HTML file as Chromium prints it, into ``pdf``
    (written through a temporary file beside it). Returns the PDFs written, in order."""
    if not jobs:
        return []
    try:
        return _run(lambda: _print_all(list(jobs), executable))
    except BrowserUnavailable as exc:
        raise PrintFailed(str(exc)) from exc
    except PrintFailed:
        raise
    except Exception as exc:  # Playwright's errors, a browser that died: one line, no traceback
        raise PrintFailed(f"Chromium could not print the report: {short_error(exc)}") from exc


def _run(work: Callable[[], Coroutine[Any, Any, list[Path]]]) -> list[Path]:
    """``asyncio.run`` here, or in a thread of its own when this thread runs an event loop
    already (a caller inside async code, Playwright's sync API)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(work())).result()


async def _print_all(jobs: list[tuple[Path, Path]], executable: str | None) -> list[Path]:
    written: list[Path] = []
    async with launch(executable) as browser:
        context = await browser.bare_context(java_script_enabled=False, service_workers="block")
        try:
            for html, pdf in jobs:
                page = await context.new_page()
                try:
                    await asyncio.wait_for(_print_one(page, html, pdf), timeout=PRINT_TIMEOUT)
                except TimeoutError as exc:
                    raise PrintFailed(f"Chromium took over {PRINT_TIMEOUT:.0f} s to print {html.name}") from exc
                finally:
                    await page.close()
                written.append(pdf)
        finally:
            await context.close()
    return written


async def _print_one(page: Any, html: Path, pdf: Path) -> None:
    own = html.resolve().as_uri()

    async def only_the_file(route: Any) -> None:
        if route.request.url == own or route.request.url.startswith("data:"):
            await route.continue_()
        else:
            await route.abort()

    await page.route("**/*", only_the_file)
    await page.goto(own, wait_until="load")
    await page.emulate_media(media="print")
    data: bytes = await page.pdf(**PAPER)
    tmp = pdf.with_name(pdf.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(pdf)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
