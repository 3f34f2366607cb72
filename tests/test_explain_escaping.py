"""Text from the bounce (subject, diagnostic, addresses, facts) is shown, never executed."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from explain_samples import LANGUAGES, NOW, failure, original, recipient

from bounceinterp.explanation import explain
from bounceinterp.explanation.document import visible
from bounceinterp.explanation.render_markdown import escape_untrusted

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"onerror=alert(1) x="'
IMAGE = "<img src=x onerror=alert(1)>"

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "body",
    "div",
    "h1",
    "h2",
    "h3",
    "p",
    "ol",
    "li",
    "table",
    "tr",
    "th",
    "td",
    "thead",
    "tbody",
    "pre",
    "strong",
    "span",
    "br",
    "style",
}
ALLOWED_ATTRIBUTES = {
    "style", "lang", "dir", "charset", "name", "content", "role", "class", "scope", "aria-hidden"
}  # fmt: skip


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def hostile():
    return failure(
        recipient(
            address=f"{IMAGE}@example.com",
            diagnostic=f"550 5.7.1 {SCRIPT} {ATTRIBUTE} {IMAGE}",
            remote_mta=f"mx{ATTRIBUTE}.example.com",
            category="blocked",
            facts={"blocklist": SCRIPT, "delist_url": "javascript:alert(1)", "client_ip": IMAGE},
            rule=ATTRIBUTE,
            confidence=0.5,
        ),
        original=original(subject=f"Hello {SCRIPT} {ATTRIBUTE}"),
        reporting_mta=SCRIPT,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_escapes_every_payload(lang: str) -> None:
    page = explain(hostile(), lang=lang, format="html", now=NOW)
    assert "<script" not in page
    assert "<img" not in page
    assert '"onerror' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;onerror=alert(1) x=&quot;" in page
    assert "href" not in page
    collector = _Collector()
    collector.feed(page)
    assert collector.tags <= ALLOWED_TAGS
    assert collector.attributes <= ALLOWED_ATTRIBUTES
    shown = "".join(collector.text)
    assert SCRIPT in shown
    assert ATTRIBUTE in shown


def test_html_is_one_self_contained_document() -> None:
    page = explain(hostile(), lang="fr", format="html", now=NOW)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr" dir="ltr">' in page
    assert '<meta charset="utf-8">' in page
    collector = _Collector()
    collector.feed(page)
    assert not collector.tags & {"link", "img", "script", "iframe", "object", "embed", "base"}
    assert not collector.attributes & {"src", "href", "onerror", "onload"}
    # the style sheet (dark mode, narrow screens) fetches nothing
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in style and "@import" not in style and "<" not in style


def _outside_code(markdown: str) -> str:
    """The Markdown without its code spans and fenced blocks (where nothing is interpreted)."""
    prose, _, _ = markdown.partition("```")
    kept, inside = [], False
    for piece in prose.split("`"):
        if not inside:
            kept.append(piece)
        inside = not inside
    return "".join(kept)


def test_markdown_escapes_payloads_outside_code_blocks() -> None:
    text = explain(hostile(), lang="en", format="markdown", now=NOW, why=True)
    prose = _outside_code(text)
    assert "<script>" not in prose
    assert r"\<script\>alert(1)\</script\>" in prose
    assert "[" not in prose.replace(r"\[", "")
    assert "<" not in prose.replace(r"\<", "")
    assert "![" not in prose


def test_markdown_keeps_the_servers_words_in_a_fence_it_cannot_close() -> None:
    diagnostic = "550 rejected ```\n# not a heading\n````"
    text = explain(failure(recipient(diagnostic=diagnostic)), lang="en", format="markdown")
    assert "`````\n" + diagnostic + "\n`````" in text


def test_text_output_shows_control_characters_instead_of_sending_them() -> None:
    interpretation = failure(
        recipient(diagnostic="550 \x1b[31mred\x1b[0m \x07 bell"),
        original=original(subject="Hi\x1b]0;owned\x07"),
    )
    for output_format in ("text", "markdown", "html"):
        output = explain(interpretation, lang="en", format=output_format, now=NOW)
        assert "\x1b" not in output and "\x07" not in output
        assert "\\x1b[31mred" in output


def test_the_servers_words_are_kept_verbatim() -> None:
    diagnostic = "550-5.1.1 The email account that you tried to reach does not exist.  Please try"
    text = explain(failure(recipient(diagnostic=diagnostic)), lang="de", now=NOW)
    assert f"  > {diagnostic}" in text.splitlines()


def test_markdown_escapes_the_characters_that_start_markup_and_keeps_the_rest_readable() -> None:
    escaped = escape_untrusted("a*b_c [x](y) <b> ~~s~~ | #h &amp; `q` é ü\n  d.e:f/g?h=i%j")
    assert escaped == (r"a\*b\_c \[x\](y) \<b\> \~\~s\~\~ \| \#h \&amp; \`q\` é ü d.e:f/g?h=i%j")


@pytest.mark.parametrize(
    ("word", "shown"),
    [
        ("https://evil.example/x?a=1", "`https://evil.example/x?a=1`"),
        ("www.evil.example", "`www.evil.example`"),
        ("pat@example.com", "`pat@example.com`"),
        ("<pat@example.com>", "`<pat@example.com>`"),
        ("a`b@example.com", "``a`b@example.com``"),
    ],
)
def test_markdown_puts_words_that_would_become_links_in_code_spans(word, shown) -> None:
    assert escape_untrusted(word) == shown


@pytest.mark.parametrize(
    ("text", "fence"),
    [("no backticks", "```"), ("`a` ``b``", "```"), ("x ```` y `````` z ``", "```````")],
)
def test_markdown_fence_is_longer_than_any_backtick_run(text: str, fence: str) -> None:
    interpretation = failure(recipient(diagnostic=text))
    output = explain(interpretation, lang="en", format="markdown", now=NOW)
    assert f"\n{fence}\n{text}\n{fence}\n" in output


def test_control_characters_are_made_visible_and_nothing_else() -> None:
    text = "a\x00b\x08\t\n\x0b\x1b\x7f\x85\x9f\xa0é€"
    assert visible(text) == "a\\x00b\\x08\t\n\\x0b\\x1b\\x7f\\x85\\x9f\xa0é€"
