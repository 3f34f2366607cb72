"""HTML: one self-contained page that shows the verdict at a glance, as mail clients want it.

Layout: the verdict box first (headline, cause, final or not, who must act, the first thing to
do), the journey strip (you → your mail server → the recipient's server → the recipient, where
it stopped and who acts), a summary table for several recipients, then the details; the
administrator's part and the server's words quieter. Inline styles carry the light look (many
mail clients drop ``<style>``); a small style sheet adds dark mode (prefers-color-scheme) and
narrow screens, overriding the inline colours where it is honoured. Nothing remote, no script.

Every value that came from the bounce goes through ``html.escape`` (quotes included), with its
control and direction characters made visible; catalog sentences are escaped too, so a
translation can never add markup.
"""

from __future__ import annotations

from html import escape

from .document import (
    Document,
    Fields,
    Journey,
    Paragraph,
    Phrase,
    Section,
    Steps,
    Table,
    Verbatim,
    VerdictBox,
    act_sign,
    visible,
)

_FONT = "font-family:Segoe UI,Helvetica,Arial,sans-serif;"
_BODY = "margin:0;padding:16px;background:#f3f4f6;"
_CARD = (
    "max-width:680px;margin:0 auto;background:#ffffff;border:1px solid #d0d5dd;"
    "border-radius:6px;padding:20px 24px;color:#1d2939;font-size:15px;line-height:1.5;"
    "overflow-wrap:anywhere;word-break:break-word;" + _FONT
)
_H1 = "font-size:21px;margin:0 0 14px 0;"
_H2 = "font-size:17px;margin:24px 0 8px 0;"
_H3 = "font-size:15px;margin:18px 0 6px 0;"
_P = "margin:0 0 10px 0;"
_QUIET = "color:#475467;font-size:13px;"
_PRE = (
    "white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;background:#f9fafb;"
    "border:1px solid #e4e7ec;border-radius:4px;padding:8px 10px;margin:0 0 12px 0;"
    "font-size:12px;font-family:Consolas,Menlo,monospace;"
)
_TH = "text-align:start;vertical-align:top;padding:2px 12px 2px 0;font-weight:600;"
_TD = "vertical-align:top;padding:2px 0;overflow-wrap:anywhere;word-break:break-word;"
#: tone -> (ink, paper)
_TONES = {
    "failed": ("#b42318", "#fef3f2"),
    "delayed": ("#b54708", "#fffaeb"),
    "ok": ("#067647", "#ecfdf3"),
    "info": ("#175cd3", "#eff8ff"),
}
#: Dark mode and narrow screens, where the mail client honours a style sheet; ``!important``
#: wins over the inline light colours.
_STYLE = """
@media (prefers-color-scheme: dark) {
  body.bi { background:#0c0e12 !important; }
  .bi-card { background:#16181d !important; color:#e4e7ec !important;
             border-color:#2b2f36 !important; }
  .bi-quiet { color:#aab2bf !important; }
  .bi-pre { background:#0f1115 !important; color:#e4e7ec !important;
            border-color:#2b2f36 !important; }
  .bi-box-failed { background:#3b1714 !important; }
  .bi-box-delayed { background:#3a2a0c !important; }
  .bi-box-ok { background:#0e2f22 !important; }
  .bi-box-info { background:#0f2440 !important; }
  .bi-stop { background:#1f2228 !important; color:#e4e7ec !important;
             border-color:#3a3f47 !important; }
  .bi-unreached { color:#7d8590 !important; }
  .bi-table th, .bi-table td { border-color:#2b2f36 !important; }
}
@media (max-width: 480px) {
  body.bi { padding:6px !important; }
  .bi-card { padding:14px 12px !important; }
  .bi-stop { font-size:11px !important; padding:4px 3px !important; }
}
"""


def _text(text: str) -> str:
    return escape(visible(text), quote=True)


def _inline(phrase: Phrase) -> str:
    return phrase.fill(escape=_text, value=_text)


def _box(block: VerdictBox) -> str:
    ink, paper = _TONES.get(block.tone, _TONES["info"])
    style = (
        f"border-left:6px solid {ink};background:{paper};padding:12px 14px;"
        "margin:0 0 14px 0;border-radius:4px;"
    )
    parts = [f'<div class="bi-box bi-box-{block.tone}" role="status" style="{style}">']
    parts.append(
        f'<p style="margin:0 0 8px 0;font-weight:700;font-size:17px;">{_inline(block.headline)}</p>'
    )
    parts += [f'<p style="margin:0 0 6px 0;">{_inline(line)}</p>' for line in block.lines]
    return "".join(parts)


def _box_end(block: VerdictBox, todo_label: str) -> str:
    if block.todo is None:
        return "</div>"
    return (
        f'<p style="margin:8px 0 0 0;"><strong>{_text(todo_label)}</strong><br>'
        f"{_inline(block.todo)}</p></div>"
    )


def _journey(block: Journey, rtl: bool) -> str:
    """A row of stops with arrows between them; where the message stopped (or waits) is
    marked, the stops after it are dimmed, and the stop that must act is outlined."""
    cells = []
    for index, label in enumerate(block.stops):
        reached = block.stopped_at is None or index <= block.stopped_at
        here = index == block.stopped_at
        acts = index == block.acts
        stop_colour = "#b54708" if block.waiting else "#b42318"
        border = f"2px solid {stop_colour}" if here else "1px solid #d0d5dd"
        if acts:
            border = "2px solid #175cd3" if not here else border
        color = "#1d2939" if reached else "#98a2b3"
        classes = "bi-stop" + ("" if reached else " bi-unreached")
        detail = block.details[index]
        lines = [f"<strong>{_text(label)}</strong>"]
        if detail is not None:
            lines.append(f'<span style="font-size:12px;">{_inline(detail)}</span>')
        if here:
            lines.append(_mark(stop_colour, f"{block.stop_sign} {_text(block.stop_mark)}"))
        if acts:
            lines.append(_mark("#175cd3", f"{act_sign(rtl)} {_text(block.act_mark)}"))
        style = (
            f"border:{border};border-radius:4px;padding:6px 5px;text-align:center;"
            f"vertical-align:top;background:#ffffff;color:{color};font-size:12px;line-height:1.35;"
        )
        cells.append(f'<td class="{classes}" style="{style}">' + "<br>".join(lines) + "</td>")
    sign = "←" if rtl else "→"  # a right-to-left table runs from the right
    arrow = (
        f'<td aria-hidden="true" style="width:14px;text-align:center;color:#98a2b3;">{sign}</td>'
    )
    row = arrow.join(cells)
    return (
        '<table role="presentation" style="width:100%;table-layout:fixed;border-collapse:'
        f'separate;border-spacing:0;margin:0 0 14px 0;"><tr>{row}</tr></table>'
    )


def _mark(color: str, html: str) -> str:
    return f'<span style="color:{color};font-weight:700;">{html}</span>'


def _table(block: Table) -> str:
    head = "".join(
        f'<th scope="col" style="{_TH}border-bottom:1px solid #d0d5dd;padding:4px 6px;">'
        f"{_text(h)}</th>"
        for h in block.header
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{_TD}border-bottom:1px solid #e4e7ec;padding:4px 6px;">{_inline(c)}</td>'
            for c in row
        )
        + "</tr>"
        for row in block.rows
    )
    return (
        '<table class="bi-table" style="width:100%;table-layout:fixed;border-collapse:collapse;'
        f'margin:0 0 14px 0;font-size:14px;"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _section(section: Section, heading_tag: str, document: Document) -> list[str]:
    parts: list[str] = []
    if section.heading is not None:
        style = {"h2": _H2, "h3": _H3}[heading_tag]
        parts.append(f'<{heading_tag} style="{style}">{_inline(section.heading)}</{heading_tag}>')
    for block in section.blocks:
        if isinstance(block, VerdictBox):
            parts.append(_box(block) + _box_end(block, document.todo_label))
        elif isinstance(block, Journey):
            parts.append(_journey(block, document.direction == "rtl"))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Paragraph):
            weight = "font-weight:600;" if block.emphasis else ""
            parts.append(f'<p style="{_P}{weight}">{_inline(block.phrase)}</p>')
        elif isinstance(block, Steps):
            items = "".join(f'<li style="margin:0 0 4px 0;">{_inline(s)}</li>' for s in block.items)
            parts.append(f'<ol style="margin:0 0 12px 0;padding-inline-start:24px;">{items}</ol>')
        elif isinstance(block, Fields):
            rows = "".join(
                f'<tr><th scope="row" style="{_TH}width:38%;">{_text(label)}</th>'
                f'<td style="{_TD}">{_inline(value)}</td></tr>'
                for label, value in block.items
            )
            parts.append(
                '<table role="presentation" style="border-collapse:collapse;margin:0 0 12px 0;'
                f'font-size:13px;table-layout:fixed;width:100%;">{rows}</table>'
            )
        elif isinstance(block, Verbatim):
            parts.append(f'<p style="{_P}">{_text(block.label)}</p>')
            # The server's words are in its own language and direction, whatever the page's.
            parts.append(f'<pre class="bi-pre" dir="auto" style="{_PRE}">{_text(block.text)}</pre>')
    if section.secondary:
        return [f'<div class="bi-quiet" style="{_QUIET}">', *parts, "</div>"]
    return parts


def render_html(document: Document) -> str:
    lang = _text(document.lang)
    direction = "rtl" if document.direction == "rtl" else "ltr"
    body = [f'<h1 style="{_H1}">{_text(document.title)}</h1>']
    titled = False  # the level-1 section around: with a heading, its parts are h3
    for section in document.sections:
        if section.level == 1:
            titled = section.heading is not None
            tag = "h2"
        else:
            tag = "h3" if titled else "h2"
        body += _section(section, tag, document)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}" dir="{direction}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            f"<title>{_text(document.title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            f'<body class="bi" style="{_BODY}">',
            f'<div class="bi-card" style="{_CARD}">',
            *body,
            "</div>",
            "</body>",
            "</html>",
            "",
        ]
    )
