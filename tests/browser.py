"""Headless Chromium (Debian's package) for the tests that check what a person would see.

Chromium's headless window is at least 500 px wide, so pages are measured inside iframes of the
wanted width, in one wrapper page served on loopback; a script of the test's own (never of the
page) measures each frame and writes its findings into the wrapper's DOM, which ``--dump-dom``
prints. The tests run when ``/usr/bin/chromium`` exists, and fail instead of skipping when
``BOUNCEINTERP_REQUIRE_CHROMIUM=1`` (CI) says it must.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def require_chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("BOUNCEINTERP_REQUIRE_CHROMIUM") == "1":
        pytest.fail("BOUNCEINTERP_REQUIRE_CHROMIUM=1 but Chromium is not installed")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """An HTTP server on loopback for ``directory``; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run(chromium: str, profile: Path, *arguments: str, timeout: int = 90) -> str:
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return done.stdout.decode("utf-8", "replace")


#: Measures every iframe of the wrapper once all have loaded: horizontal overflow, where the
#: verdict box ends, whether the page ran any script (it must not: the hostile cases try to set
#: ``__pwned``), and the page's text direction.
_MEASURE = """
window.addEventListener('load', function () {
  var found = [];
  document.querySelectorAll('iframe').forEach(function (frame) {
    var doc = frame.contentDocument, win = frame.contentWindow;
    var box = doc.querySelector('.bi-box');
    found.push({
      name: frame.getAttribute('data-name'),
      width: frame.clientWidth,
      height: frame.clientHeight,
      scrollWidth: doc.documentElement.scrollWidth,
      clientWidth: doc.documentElement.clientWidth,
      boxTop: box ? box.getBoundingClientRect().top : null,
      boxBottom: box ? box.getBoundingClientRect().bottom : null,
      scripts: doc.querySelectorAll('script').length,
      pwned: !!(win.__pwned || window.__pwned),
      dir: doc.documentElement.getAttribute('dir'),
      text: doc.body ? doc.body.innerText.slice(0, 20000) : ''
    });
  });
  document.getElementById('result').textContent = JSON.stringify(found);
});
"""


def measure(
    chromium: str, directory: Path, pages: dict[str, str], widths: tuple[int, ...]
) -> list[dict]:
    """Write ``pages`` (name -> HTML) into ``directory``, frame each at every width (800 px
    high) and return the measurements."""
    frames = []
    for name, page in pages.items():
        (directory / f"{name}.html").write_text(page, encoding="utf-8")
        for width in widths:
            label = html.escape(f"{name}@{width}", quote=True)
            frames.append(
                f'<iframe data-name="{label}" src="{name}.html" '
                f'style="width:{width}px;height:800px;border:0;display:block"></iframe>'
            )
    wrapper = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        + "".join(frames)
        + f"<pre id='result'></pre><script>{_MEASURE}</script></body></html>"
    )
    (directory / "measure.html").write_text(wrapper, encoding="utf-8")
    with serve(directory) as base:
        dom = run(chromium, directory / "profile", "--window-size=1280,900",
                  "--virtual-time-budget=10000", "--dump-dom", base + "measure.html")  # fmt: skip
    start = dom.find('<pre id="result">')
    assert start >= 0, dom[-2000:]
    text = dom[start + len('<pre id="result">') : dom.find("</pre>", start)]
    return json.loads(html.unescape(text))


def screenshot(chromium: str, directory: Path, name: str, page: str, width: int,
               target: Path) -> None:  # fmt: skip
    """A picture of ``page`` as a ``width``-pixel screen shows it (framed, on a grey ground)."""
    (directory / f"{name}.html").write_text(page, encoding="utf-8")
    frame = (
        "<!DOCTYPE html><html><body style='margin:0;background:#ccc'>"
        f"<iframe src='{name}.html' style='width:{width}px;height:1100px;border:0;"
        "display:block;margin:0 auto;background:#fff'></iframe></body></html>"
    )
    (directory / f"shot-{name}.html").write_text(frame, encoding="utf-8")
    with serve(directory) as base:
        run(chromium, directory / "profile", f"--window-size={max(width + 40, 520)},1100",
            "--virtual-time-budget=5000", f"--screenshot={target}",
            base + f"shot-{name}.html")  # fmt: skip
