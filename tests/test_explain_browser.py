"""The HTML explanation in a real browser (headless Chromium): at 400 and 900 px the verdict box
is on the first screen, nothing scrolls sideways, and no script from a bounce runs.

``BOUNCEINTERP_SCREENSHOTS=DIR`` also saves pictures of each situation there (docs/ holds the
ones in the README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import measure, require_chromium, screenshot
from explain_samples import NOW
from fixture_reading import FIXTURES

from bounceinterp import explain, interpret

HOSTILE = (
    b"Return-Path: <>\n"
    b"From: MAILER-DAEMON@mx.example.net\n"
    b"To: sam@example.org\n"
    b"Subject: Undelivered Mail Returned to Sender\n"
    b"MIME-Version: 1.0\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
    b"--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.net.\n\n"
    b"--b\nContent-Type: message/delivery-status\n\n"
    b"Reporting-MTA: dns; <b>x</b><script>window.top.__pwned=1;window.__pwned=1</script>\n\n"
    b'Final-Recipient: rfc822; <img src=x onerror="window.__pwned=1">@example.com\n'
    b"Action: failed\nStatus: 5.7.1\n"
    b'Remote-MTA: dns; mx.<svg onload="window.__pwned=1">.example.com\n'
    b"Diagnostic-Code: smtp; 550 5.7.1 <script>window.__pwned=1</script> "
    b"https://evil.example/" + b"a" * 300 + b" \xe2\x80\xaeexe.pdf\n\n"
    b"--b\nContent-Type: text/rfc822-headers\n\n"
    b"Subject: =?utf-8?q?<script>window.__pwned=3D1</script>?=\n"
    b"Date: Mon, 30 Nov 2026 08:00:00 +0000\n"
    b"\n--b--\n"
)

SITUATIONS = {
    "failure": ("postfix_user_unknown.eml", "fr"),
    "delay": ("postfix_delayed.eml", "de"),
    "several": ("gmail_multi_recipient.eml", "en"),
    "hostile": (None, "en"),
}
WIDTHS = (400, 900)


def page(name: str, why: bool = False) -> str:
    fixture, lang = SITUATIONS[name]
    raw = HOSTILE if fixture is None else (FIXTURES / fixture).read_bytes()
    return explain(interpret(raw), lang=lang, format="html", now=NOW, why=why)


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[str, dict]:
    chromium = require_chromium()
    directory = tmp_path_factory.mktemp("browser")
    pages = {name: page(name) for name in SITUATIONS}
    pages["hostile-why"] = page("hostile", why=True)
    found = measure(chromium, directory, pages, WIDTHS)
    target = os.environ.get("BOUNCEINTERP_SCREENSHOTS")
    if target:
        for name in ("failure", "delay", "several"):
            for width in WIDTHS:
                picture = Path(target) / f"explanation-{name}-{width}.png"
                screenshot(chromium, directory, name, pages[name], width, picture)
    return {item["name"]: item for item in found}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [*SITUATIONS, "hostile-why"])
def test_the_verdict_is_on_the_first_screen_and_nothing_scrolls_sideways(measured, name, width):
    frame = measured[f"{name}@{width}"]
    assert frame["width"] == width
    assert frame["scrollWidth"] <= frame["clientWidth"], "the page scrolls sideways"
    assert frame["boxTop"] is not None, "no verdict box"
    assert frame["boxBottom"] <= frame["height"], "the verdict box is below the first screen"


@pytest.mark.parametrize("name", ["hostile", "hostile-why"])
def test_no_markup_from_the_bounce_is_live(measured, name):
    for width in WIDTHS:
        frame = measured[f"{name}@{width}"]
        assert frame["scripts"] == 0
        assert frame["pwned"] is False
        # the markup is there, as text a person can read
        assert "<script>window.__pwned=1</script>" in frame["text"]
        assert "\\u202e" in frame["text"]
