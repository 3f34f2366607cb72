"""HTML: one self-contained document with inline styles, as mail clients want it.

Every value that came from the bounce goes through ``html.escape`` (quotes included); catalog
sentences are escaped too, so a translation can never add markup. No script, no external
resource, no style sheet (many mail clients drop ``<style>``): styles are inline attributes.
"""

from __future__ import annotations

from html import escape

from .document import Document, Fields, Paragraph, Phrase, Section, Steps, Verbatim, visible

_FONT = "font-family:Segoe UI,Helvetica,Arial,sans-serif;"
_BODY = "margin:0;padding:16px;background:#f3f4f6;"
_CARD = (
    "max-width:680px;margin:0 auto;background:#ffffff;border:1px solid #d0d5dd;"
    "border-radius:6px;padding:20px 24px;color:#1d2939;font-size:15px;line-height:1.5;" + _FONT
)
_H1 = "font-size:21px;margin:0 0 16px 0;"
_H2 = "font-size:17px;margin:24px 0 8px 0;"
_H3 = "font-size:15px;margin:18px 0 6px 0;"
_P = "margin:0 0 10px 0;"
_PRE = (
    "white-space:pre-wrap;word-break:break-word;background:#f9fafb;border:1px solid #e4e7ec;"
    "border-radius:4px;padding:8px 10px;margin:0 0 12px 0;font-size:13px;"
    "font-family:Consolas,Menlo,monospace;"
)
_TH = "text-align:left;vertical-align:top;padding:2px 12px 2px 0;font-weight:600;"
_TD = "vertical-align:top;padding:2px 0;word-break:break-word;"
_TONES = {
    "failed": ("#b42318", "#fef3f2"),
    "delayed": ("#b54708", "#fffaeb"),
    "ok": ("#067647", "#ecfdf3"),
    "info": ("#175cd3", "#eff8ff"),
}


def _text(text: str) -> str:
    return escape(visible(text), quote=True)


def _inline(phrase: Phrase) -> str:
    return phrase.fill(escape=_text, value=_text)


def _paragraph(block: Paragraph, tone: str | None) -> str:
    if block.emphasis and tone in _TONES:
        ink, paper = _TONES[tone]
        style = f"{_P}padding:10px 12px;border-left:4px solid {ink};background:{paper};"
        return f'<p style="{style}font-weight:600;">{_inline(block.phrase)}</p>'
    return f'<p style="{_P}">{_inline(block.phrase)}</p>'


def _section(section: Section) -> list[str]:
    parts: list[str] = []
    if section.heading is not None:
        tag, style = ("h2", _H2) if section.level == 1 else ("h3", _H3)
        parts.append(f'<{tag} style="{style}">{_inline(section.heading)}</{tag}>')
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(_paragraph(block, section.tone))
        elif isinstance(block, Steps):
            items = "".join(f'<li style="margin:0 0 4px 0;">{_inline(s)}</li>' for s in block.items)
            parts.append(f'<ol style="margin:0 0 12px 0;padding-left:24px;">{items}</ol>')
        elif isinstance(block, Fields):
            rows = "".join(
                f'<tr><th style="{_TH}">{_text(label)}</th>'
                f'<td style="{_TD}">{_inline(value)}</td></tr>'
                for label, value in block.items
            )
            parts.append(
                '<table role="presentation" style="border-collapse:collapse;margin:0 0 12px 0;'
                f'font-size:14px;">{rows}</table>'
            )
        elif isinstance(block, Verbatim):
            parts.append(f'<p style="{_P}">{_text(block.label)}</p>')
            parts.append(f'<pre style="{_PRE}">{_text(block.text)}</pre>')
    return parts


def render_html(document: Document) -> str:
    lang = _text(document.lang)
    direction = "rtl" if document.direction == "rtl" else "ltr"
    body = [f'<h1 style="{_H1}">{_text(document.title)}</h1>']
    for section in document.sections:
        body += _section(section)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}" dir="{direction}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_text(document.title)}</title>",
            "</head>",
            f'<body style="{_BODY}">',
            f'<div style="{_CARD}">',
            *body,
            "</div>",
            "</body>",
            "</html>",
            "",
        ]
    )
