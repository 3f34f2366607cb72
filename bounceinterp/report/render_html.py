"""The report as one self-contained HTML page.

No script, no link, no remote style, font or image: inline CSS (light and dark, through
``prefers-color-scheme``), inline SVG charts, and a Content-Security-Policy that forbids
scripts and every external load even if something slipped through. Every value that came
from a bounce is made inert (:func:`.safe.shown`), HTML-escaped (quotes included) and set in
``<bdi>`` so that its direction cannot leak into the page. Readable from 400 px wide up
(tables scroll sideways rather than squeeze).
"""

from __future__ import annotations

from html import escape
from typing import Any

from . import wording as w
from .charts import bar, time_chart
from .render_table import category_name, more, period
from .safe import shown
from .speech import Reader

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

STYLE = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1c232e;--muted:#596273;--line:#dde2e8;
--card:#f3f5f8;--bar:#3566d6;--s0:#3566d6;--s1:#dc5a33;--s2:#2a9466;--s3:#c28f0c;
--s4:#8655c7;--s5:#cc4377;--s6:#8b95a5}
@media (prefers-color-scheme:dark){:root{--bg:#121519;--fg:#e5e8ed;--muted:#a2abb9;
--line:#2b313a;--card:#1b1f26;--bar:#719cff;--s0:#719cff;--s1:#ff8b66;--s2:#52d29c;
--s3:#f0c74e;--s4:#b890ff;--s5:#ff7eaa;--s6:#8b95a5}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
main{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:1.6em;margin:.2em 0 .6em}h2{font-size:1.2em;margin:1.6em 0 .5em}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;
margin:0;padding:0;list-style:none}
.figures li{background:var(--card);border-radius:8px;padding:8px 12px}
.figures b{display:block;font-size:1.5em;font-variant-numeric:tabular-nums}
.figures b.text{font-size:1.05em;padding:.2em 0}
.figures span{color:var(--muted);font-size:.9em}
ol.actions{padding-inline-start:1.4em}ol.actions li{margin:0 0 .9em}
.finding{margin:0;font-weight:600}.advice{margin:.15em 0 0;color:var(--muted)}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;min-width:340px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.9em}
td.name{overflow-wrap:break-word;min-width:8em}.n{text-align:end;white-space:nowrap;
font-variant-numeric:tabular-nums}td.bar{width:35%;min-width:60px;vertical-align:middle}
@media (max-width:600px){#causes .bar{display:none}main{padding:10px}}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
svg.bar{display:block;width:100%;height:10px}svg.bar rect{fill:var(--bar)}
.chart{border-top:1px dashed var(--line);padding-top:2px}
.chart svg{display:block;width:100%;height:180px}
.axis{display:flex;justify-content:space-between;color:var(--muted);font-size:.85em}
.peak{color:var(--muted);font-size:.85em}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:.4em 0 0;padding:0;list-style:none;
font-size:.9em}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-inline-end:.35em;
vertical-align:-.05em}
.s0{fill:var(--s0);background:var(--s0)}.s1{fill:var(--s1);background:var(--s1)}
.s2{fill:var(--s2);background:var(--s2)}.s3{fill:var(--s3);background:var(--s3)}
.s4{fill:var(--s4);background:var(--s4)}.s5{fill:var(--s5);background:var(--s5)}
.s6{fill:var(--s6);background:var(--s6)}
.errors li{overflow-wrap:anywhere}
"""


def untrusted(value: str) -> str:
    """A value from a bounce, inert and escaped, isolated from the text around it."""
    return f"<bdi>{escape(shown(value), quote=True)}</bdi>"


def render_html(data: dict[str, Any], reader: Reader, top: int = 10) -> str:
    _ = reader._
    n = reader.number
    direction = "rtl" if reader.locale.text_direction == "rtl" else "ltr"
    title = escape(_(w.TITLE))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(reader.lang)}" dir="{direction}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title><style>{STYLE}</style></head>",
        f"<body><main><h1>{title}</h1>",
        '<ul class="figures" id="figures">',
    ]
    figures = [
        ("messages", w.MESSAGES_READ, n(data["messages"])),
        ("bounces", w.BOUNCES, n(data["bounces"])),
        ("failures", w.FAILURES, n(data["failures"])),
        ("final", w.FINAL, n(data["by_permanence"]["final"])),
        ("delays", w.DELAYS, n(data["delays"])),
    ]
    if data["errors"]:
        figures.append(("errors", w.UNREADABLE, n(len(data["errors"]))))
    if data["truncated"]:
        figures.append(("truncated", w.TRUNCATED, n(data["truncated"])))
    if data["first"]:
        figures.append(("period", w.PERIOD, period(data, reader)))
    for key, label, value in figures:
        kind = ' class="text"' if key == "period" else ""
        out.append(
            f'<li id="figure-{key}"><b{kind}>{escape(value)}</b>'
            f"<span>{escape(_(label))}</span></li>"
        )
    out.append("</ul>")

    if not data["bounces"]:
        out.append(f"<p>{escape(_(w.NO_BOUNCES))}</p>")
    else:
        out += _actions(data, reader)
        out += _time_chart(data, reader)
        out += _section("domains", w.CHART_DOMAINS, w.DOMAIN, data["by_domain"], reader, top)
        out += _section("blocklists", w.CHART_BLOCKLISTS, w.BLOCKLIST, data["by_blocklist"],
                        reader, top)  # fmt: skip
        out += _categories(data, reader)
        out += _section("servers", w.BY_REMOTE, w.SERVER, data["by_remote_server"], reader, top)
        out += _section("ips", w.BY_CLIENT_IP, w.CLIENT_IP, data["by_client_ip"], reader, top)
    if data["errors"]:
        out.append(f'<section id="errors"><h2>{escape(_(w.ERRORS))}</h2><ul class="errors">')
        out += [f"<li>{untrusted(error['error'])}</li>" for error in data["errors"]]
        out.append("</ul></section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _actions(data: dict[str, Any], reader: Reader) -> list[str]:
    out = [f'<section id="actions"><h2>{escape(reader._(w.TOP_ACTIONS))}</h2>']
    if not data["top_actions"]:
        out.append(f"<p>{escape(reader._(w.NO_ACTIONS))}</p></section>")
        return out
    out.append('<ol class="actions">')
    for action in data["top_actions"]:
        # The sentences hold bounce values already made inert; escaping makes them text.
        out.append(
            f'<li data-kind="{escape(action["kind"])}"><p class="finding">'
            f"{escape(action['text'])}</p>"
            f'<p class="advice">{escape(action["advice"])}</p></li>'
        )
    out.append("</ol></section>")
    return out


def _time_chart(data: dict[str, Any], reader: Reader) -> list[str]:
    chart = time_chart(data, reader, lambda c: category_name(c, reader))
    if chart is None:
        return []
    legend = "".join(
        f'<li><span class="sw s{colour}"></span>{escape(name)}</li>'
        for colour, name in chart.legend
    )
    return [
        f'<section id="over-time"><h2>{escape(chart.title)}</h2>',
        f'<div class="peak">{escape(reader.number(chart.peak))}</div>',
        f'<div class="chart">{chart.svg}</div>',
        f'<div class="axis"><span>{escape(chart.first_label)}</span>'
        f"<span>{escape(chart.last_label)}</span></div>",
        f'<ul class="legend">{legend}</ul></section>',
    ]


def _section(
    key: str, title: str, column: str, values: dict[str, int], reader: Reader, top: int
) -> list[str]:
    if not values:
        return []
    items = list(values.items())
    peak = items[0][1]
    rows = [
        f'<tr><td class="name">{untrusted(name)}</td><td class="bar">{bar(count, peak)}</td>'
        f'<td class="n">{escape(reader.number(count))}</td></tr>'
        for name, count in items[:top]
    ]
    rest = items[top:]
    if rest:
        rows.append(
            f'<tr><td class="name">{escape(more(len(rest), reader))}</td><td></td>'
            f'<td class="n">{escape(reader.number(sum(c for _k, c in rest)))}</td></tr>'
        )
    head = (
        f"<tr><th>{escape(reader._(column))}</th><th></th>"
        f'<th class="n">{escape(reader._(w.BOUNCES))}</th></tr>'
    )
    return [
        f'<section id="{key}"><h2>{escape(reader._(title))}</h2>',
        f'<div class="wrap"><table>{head}{"".join(rows)}</table></div></section>',
    ]


def _categories(data: dict[str, Any], reader: Reader) -> list[str]:
    _ = reader._
    items = list(data["by_category"].items())
    peak = items[0][1] if items else 1
    rows = []
    for category, total in items:
        delayed = data["delays_by_category"].get(category, 0)
        name = w.CATEGORY_NAMES.get(category)
        label = escape(_(name)) if name else untrusted(category)
        rows.append(
            f'<tr><td class="name">{label} <code>{escape(shown(category))}</code></td>'
            f'<td class="bar">{bar(total, peak)}</td>'
            f'<td class="n">{escape(reader.number(total - delayed))}</td>'
            f'<td class="n">{escape(reader.number(delayed))}</td>'
            f'<td class="n">{escape(reader.number(total))}</td></tr>'
        )
    head = (
        f'<tr><th>{escape(_(w.CAUSE))}</th><th class="bar"></th>'
        f'<th class="n">{escape(_(w.FAILED))}</th>'
        f'<th class="n">{escape(_(w.DELAYED))}</th><th class="n">{escape(_(w.TOTAL))}</th></tr>'
    )
    return [
        f'<section id="causes"><h2>{escape(_(w.BY_CATEGORY))}</h2>',
        f'<div class="wrap"><table>{head}{"".join(rows)}</table></div></section>',
    ]
