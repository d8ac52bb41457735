"""A small HTML view of an audit, for notebooks: the totals and the first persons."""

from __future__ import annotations

from html import escape

from ghlicense.matching.audit import Audit
from ghlicense.reports.summary import summarize

__all__ = ["audit_html"]


def audit_html(audit: Audit, /, *, rows: int = 20) -> str:
    """The summary figures and the first *rows* persons as an HTML table (every value escaped)."""
    summary = summarize(audit)
    figures = [
        ("seats", summary.total_seats),
        ("persons", summary.persons),
        *((f"seats: {kind}", n) for kind, n in summary.seats_by_license_type.items()),
        ("matched to no GHEC account", summary.unmatched_persons),
        ("findings", len(audit.findings)),
        ("seats the high-confidence fixes save", summary.seats_saved_by_high_confidence_fixes),
    ]
    head = "".join(f"<tr><th>{escape(name)}</th><td>{value:,}</td></tr>" for name, value in figures)
    shown = audit.persons[:rows]
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(value)}</td>"
            for value in (
                p.key,
                p.cloud_login or "",
                ", ".join(p.deployments),
                p.license_type or "no seat",
                ", ".join(p.matched_by),
            )
        )
        + "</tr>"
        for p in shown
    )
    more = (
        f"<p>... and {len(audit.persons) - len(shown):,} more persons "
        "(<code>audit.persons</code>)</p>"
        if len(audit.persons) > len(shown)
        else ""
    )
    return (
        f"<table>{head}</table>"
        "<table><tr><th>id</th><th>GHEC login</th><th>deployments</th><th>license</th>"
        f"<th>matched by</th></tr>{body}</table>{more}"
    )
