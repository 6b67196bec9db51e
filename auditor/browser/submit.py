"""CI mode on the shop's own site: send one test message through a contact form, read the reply.

Off by default and only ever switched on by the shop itself (``--submit-test-message``, which
the command line refuses for more than one site): it sends data to the site. The form is
filled with obvious test values (name "Auditor Test", an ``example.invalid`` address, a message
saying it is an automated check), a "send me a copy" box is ticked where there is one, and the
page shown after sending is read for a copy, a case number or an email confirmation.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from auditor.facts.forms import receipt_in
from auditor.models import FormSubmission

TEST_EMAIL = "auditor-test@example.invalid"
TEST_MESSAGE = "Test message sent by auditor, an automated consumer-law compliance check. Please ignore."
WAIT_MS = 2500

_FILL = """
(form, values) => {
  const filled = [];
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const type = (el.getAttribute('type') || el.tagName).toLowerCase();
    if (['hidden', 'submit', 'button', 'image', 'reset', 'file', 'password'].includes(type) || el.disabled) continue;
    const wrapper = el.closest('label');
    const label = ((wrapper && wrapper.innerText) || '') + ' ' + (el.name || '') + ' ' + (el.id || '');
    if (type === 'checkbox') {
      if (el.required || /cop|kopi|kopie|kopio|cc/i.test(label)) { el.checked = true; filled.push(el.name || type); }
      continue;
    }
    if (type === 'radio') {
      const group = 'input[type=radio][name="' + CSS.escape(el.name) + '"]:checked';
      if (el.required && !form.querySelector(group)) el.checked = true;
      continue;
    }
    if (el.tagName === 'SELECT') {
      const option = Array.from(el.options).find((o) => o.value);
      if (option) el.value = option.value;
    } else if (type === 'email' || /mail/i.test(label)) el.value = values.email;
    else if (type === 'tel') el.value = '+46000000000';
    else if (el.tagName === 'TEXTAREA') el.value = values.message;
    else if (type === 'number') el.value = '1';
    else if (type === 'url') el.value = 'https://example.invalid/';
    else if (type === 'date') el.value = '2026-01-01';
    else el.value = 'Auditor Test';
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    filled.push(el.name || type);
  }
  return filled;
}
"""
_SEND = """
(form) => {
  const button = form.querySelector('button[type=submit], input[type=submit], button:not([type])');
  if (button) { button.click(); return 'button'; }
  if (form.requestSubmit) { form.requestSubmit(); return 'requestSubmit'; }
  form.submit(); return 'submit';
}
"""


async def submit_forms(page: Any, locators: list[str]) -> list[FormSubmission]:
    """Send a test message through the first contact form of ``locators``; never raises."""
    out: list[FormSubmission] = []
    for locator in locators[:1]:  # one message per page is enough to see the confirmation
        result = FormSubmission(locator=locator)
        try:
            before = str(await page.evaluate("() => document.body ? document.body.innerText : ''"))
            handle = await page.query_selector(locator)
            if handle is None:
                out.append(result.model_copy(update={"error": "the form was not found in the rendered page"}))
                continue
            await handle.evaluate(_FILL, {"email": TEST_EMAIL, "message": TEST_MESSAGE})
            await handle.evaluate(_SEND)
            with suppress(Exception):
                await page.wait_for_load_state("load", timeout=8000)
            await page.wait_for_timeout(WAIT_MS)
            after = str(await page.evaluate("() => document.body ? document.body.innerText : ''"))
            seen = set(before.splitlines())
            text = "\n".join(line for line in after.splitlines() if line.strip() and line not in seen)
            kind, phrase = _receipt(text)
            shot = b""
            with suppress(Exception):
                shot = await page.screenshot(full_page=False, timeout=10_000, type="png")
            result = result.model_copy(update={
                "submitted": True, "final_url": page.url, "confirmation": text[:600], "receipt": kind,
                "receipt_text": phrase, "screenshot_png": shot,
            })
        except Exception as exc:
            result = result.model_copy(update={"error": f"the test message could not be sent: {str(exc)[:200]}"})
        out.append(result)
    return out


def _receipt(text: str) -> tuple[str, str]:
    return receipt_in(text)
