"""The HTML report in a real browser: headless Chromium (Debian's package) renders it, the
charts and numbers are in its DOM, no script ran, and it is readable at 400 px, light or dark.

Runs when /usr/bin/chromium exists; fails (instead of skipping) without it when
BOUNCEINTERP_REQUIRE_CHROMIUM=1, so that CI cannot pass by not running it.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from report_samples import Refusal, bounce, day, mbox
from test_report import ENGLISH, month_of_bounces

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE_SERVER = "mx.example.net\u202e<script>document.title='owned'</script>"


def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("BOUNCEINTERP_REQUIRE_CHROMIUM") == "1":
        pytest.fail("BOUNCEINTERP_REQUIRE_CHROMIUM=1, but /usr/bin/chromium is not installed")
    pytest.skip("Chromium is not installed (apt-get install -y chromium)")


def headless(profile: Path, *args: str) -> bytes:
    command = [
        str(chromium()), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout


def make_page(directory: Path) -> Path:
    """The report of a month of bounces plus one hostile bounce, as the CLI writes it."""
    mail = month_of_bounces(directory / "mail")
    hostile = Refusal(
        "5.1.1",
        "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown <img src=x>",
        remote=HOSTILE_SERVER,
    )
    mbox(directory / "mail" / "hostile.mbox", [bounce("eve@example.net", hostile, day(14))])
    page = directory / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "bounceinterp", "report", "--format", "html", "-o", str(page),
         str(mail)],
        capture_output=True, check=False, env=ENGLISH,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return page


def png_size_and_first_pixel(path: Path) -> tuple[int, int, tuple[int, ...]]:
    """Width, height and the colour of the top-left pixel of a PNG (whatever the row's filter,
    the first pixel of the first row is stored as is)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks = 8, {}
    idat = b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks.setdefault(kind, body)
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)  # RGB or RGBA, 8 bits
    raw = zlib.decompressobj().decompress(idat, 16)
    return width, height, tuple(raw[1:4])


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    chromium()
    return make_page(tmp_path_factory.mktemp("browser"))


def test_chromium_renders_the_charts_and_numbers_and_runs_no_script(page, tmp_path):
    dom = headless(tmp_path / "profile", "--dump-dom", page.as_uri()).decode()
    assert "<title>Bounce report</title>" in dom  # the hostile script would have changed it
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title='owned'&lt;/script&gt;" in dom
    assert "\\u202e" in dom and "\u202e" not in dom
    assert '<li id="figure-messages"><b>18</b>' in dom
    assert '<li id="figure-bounces"><b>16</b>' in dom
    assert dom.count('<svg class="time"') == 1 and dom.count("<rect") > 20
    assert dom.count('<svg class="bar"') >= 10
    for section in ("actions", "over-time", "domains", "blocklists", "causes", "servers", "ips"):
        assert f'<section id="{section}">' in dom
    assert "Your sending IP 203.0.113.7 is listed on Spamhaus PBL" in dom
    assert "Sending server blocked" in dom and "Spamhaus PBL" in dom


def test_readable_at_400_pixels_light_and_dark(page, tmp_path):
    light, dark = tmp_path / "light.png", tmp_path / "dark.png"
    headless(tmp_path / "p1", "--window-size=400,2400", f"--screenshot={light}", page.as_uri())
    headless(tmp_path / "p2", "--window-size=400,2400", "--force-dark-mode",
             f"--screenshot={dark}", page.as_uri())  # fmt: skip
    width, height, background = png_size_and_first_pixel(light)
    assert (width, height) == (400, 2400) and background == (255, 255, 255)
    *_, night = png_size_and_first_pixel(dark)
    assert max(night) < 60  # a dark page, not a white one
