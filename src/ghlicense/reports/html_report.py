"""The HTML report: one self-contained page (no external script, style, font or image).

The summary and the findings are plain HTML; the chart is inline SVG; the persons are a
JSON array in the page, shown a page of rows at a time by a small script, with a search
box that filters them as one types (so 100,000 persons stay usable: the page never holds
more than one page of rows). Every value reaches the page escaped: as HTML text, or in
the JSON read by the script, which sets it with ``textContent``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from ghlicense.matching.audit import Audit
from ghlicense.reports.rows import PersonRow
from ghlicense.reports.summary import Summary
from ghlicense.reports.view import ReportView, report_view

__all__ = ["render_html"]

_FINDINGS_SHOWN = 1000
"""The findings listed on the page (the most important first); the JSON has them all."""

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#1f2328}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;
padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.note{background:#fff8c5;padding:6px 10px;border-radius:6px}
input[type=search]{font:inherit;padding:4px 8px;width:24em}
.pager button{font:inherit;margin:0 4px}details{cursor:pointer}
svg text{font:12px system-ui,sans-serif}
"""

_SCRIPT = """
(function () {
  var persons = JSON.parse(document.getElementById("persons-data").textContent);
  persons.forEach(function (p) {
    var all = [p.id, p.login, p.accounts, p.deployments, p.license, p.matched];
    p.text = all.join(" ").toLowerCase();
  });
  var body = document.getElementById("persons-body");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var page = 0, size = 100, rows = persons;
  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  function draw() {
    body.textContent = "";
    var start = page * size, end = Math.min(rows.length, start + size);
    for (var i = start; i < end; i++) {
      var p = rows[i], tr = document.createElement("tr");
      tr.setAttribute("data-id", p.id);
      cell(tr, p.id); cell(tr, p.login); cell(tr, p.accounts); cell(tr, p.deployments);
      cell(tr, p.license); cell(tr, p.matched);
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = "why";
      details.appendChild(summary);
      var text = document.createElement("div");
      text.textContent = p.why;
      details.appendChild(text);
      cell(tr, "").appendChild(details);
      body.appendChild(tr);
    }
    shown.textContent = rows.length
      ? (start + 1) + "-" + end + " of " + rows.length
      : "none of " + persons.length;
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    rows = q ? persons.filter(function (p) { return p.text.indexOf(q) >= 0; }) : persons;
    page = 0;
    draw();
  });
  document.getElementById("previous").addEventListener("click", function () {
    if (page > 0) { page--; draw(); }
  });
  document.getElementById("next").addEventListener("click", function () {
    if ((page + 1) * size < rows.length) { page++; draw(); }
  });
  draw();
})();
"""


def _bars(title: str, counts: dict[str, int], y: int) -> tuple[list[str], int]:
    """Horizontal bars of *counts*, from height *y*; returns the SVG parts and the new y."""
    parts = [f'<text x="0" y="{y + 14}" font-weight="bold">{escape(title)}</text>']
    y += 22
    top = max(counts.values(), default=0) or 1
    for name, count in counts.items():
        width = max(1, round(380 * count / top))
        parts.append(f'<text x="0" y="{y + 13}">{escape(name)}</text>')
        parts.append(f'<rect x="200" y="{y}" width="{width}" height="16" fill="#0969da"/>')
        parts.append(f'<text x="{206 + width}" y="{y + 13}">{count:,}</text>')
        y += 22
    return parts, y + 8


def _chart(summary: Summary) -> str:
    first, y = _bars("Seats by license type", dict(summary.seats_by_license_type), 0)
    second, y = _bars("Seat-holders by deployment", dict(summary.seats_by_deployment), y)
    return (
        f'<svg id="chart" role="img" aria-label="seats by license type and deployment" '
        f'width="680" height="{y}" viewBox="0 0 680 {y}">' + "".join(first + second) + "</svg>"
    )


def _person(row: PersonRow) -> dict[str, str]:
    return {
        "id": row.id,
        "login": row.cloud_login,
        "accounts": row.accounts,
        "deployments": row.deployments,
        "license": row.license_type or "no seat",
        "matched": row.matched_by,
        "why": row.explanation,
    }


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(audit: Audit | ReportView, /, *, title: str = "GitHub Enterprise seats") -> str:
    """The report as one self-contained HTML page (stable order, no timestamp)."""
    view = report_view(audit)
    said = [notice.sentence for notice in view.notices]
    figures = [(label, f"{value:,}") for label, value in view.figures]
    findings = [
        (f.level, f.kind, ", ".join(f.accounts), f.sentence, str(f.seats_saved))
        for f in view.findings[:_FINDINGS_SHOWN]
    ]
    more = len(view.findings) - len(findings)
    data = json.dumps(
        [_person(row) for row in view.rows], ensure_ascii=False, separators=(",", ":")
    )
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            f"<title>{escape(title)}</title>",
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
            f"<style>{_STYLE}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            *(f'<p class="note">{escape(sentence)}</p>' for sentence in said),
            "<h2>Summary</h2>",
            _table(("figure", "value"), figures),
            _chart(view.summary),
            "<h2>What to change</h2>",
            _table(("level", "kind", "accounts", "what", "seats saved"), findings)
            if findings
            else "<p>Nothing found.</p>",
            f"<p>... and {more:,} more findings (the JSON report lists them all).</p>"
            if more > 0
            else "",
            "<h2>Persons</h2>",
            '<p><input type="search" id="search" placeholder="search logins, emails, hosts" '
            'aria-label="search persons"> <span class="pager">'
            '<button id="previous" type="button">previous</button>'
            '<span id="shown"></span><button id="next" type="button">next</button></span></p>',
            '<table id="persons"><thead><tr><th>id</th><th>GHEC login</th><th>accounts</th>'
            "<th>deployments</th><th>license</th><th>matched by</th><th>explanation</th></tr>"
            '</thead><tbody id="persons-body"></tbody></table>',
            f'<script type="application/json" id="persons-data">{data}</script>',
            f"<script>{_SCRIPT}</script>",
            "</body></html>\n",
        ]
    )
