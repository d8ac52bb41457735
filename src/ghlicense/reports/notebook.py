"""A small HTML view of an audit, for notebooks: the totals and the first persons."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ghlicense.findings.records import Finding
from ghlicense.matching.audit import Audit, Person
from ghlicense.reports.view import ReportView, report_view
from ghlicense.sentences import unmatched_reasons

__all__ = ["audit_html", "findings_html", "person_html"]


def audit_html(audit: Audit | ReportView, /, *, rows: int = 20) -> str:
    """The summary figures and the first *rows* persons as an HTML table (every value escaped)."""
    view = report_view(audit)
    figures = [*view.figures, ("Findings", len(view.findings))]
    head = "".join(f"<tr><th>{escape(name)}</th><td>{value:,}</td></tr>" for name, value in figures)
    shown = view.first_rows(rows)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(value)}</td>"
            for value in (
                row.id,
                row.cloud_login,
                row.deployments,
                row.license_type or "no seat",
                row.matched_by,
            )
        )
        + "</tr>"
        for row in shown
    )
    more = (
        f"<p>... and {view.summary.persons - len(shown):,} more persons "
        "(<code>audit.persons</code>)</p>"
        if view.summary.persons > len(shown)
        else ""
    )
    return (
        f"<table>{head}</table>"
        "<table><tr><th>id</th><th>GHEC login</th><th>deployments</th><th>license</th>"
        f"<th>matched by</th></tr>{body}</table>{more}"
    )


def person_html(person: Person, /) -> str:
    """One person: its accounts, its seat and why they are joined (or not)."""
    rows = [
        ("id", person.key),
        ("GHEC login", person.cloud_login or ""),
        ("accounts", ", ".join(a.id for a in person.accounts)),
        ("deployments", ", ".join(person.deployments)),
        ("seat", person.license_type or "no seat"),
        ("matched by", ", ".join(person.matched_by)),
        *(("link", link.explanation) for link in person.links),
        *(("not matched", reason) for reason in unmatched_reasons(person.misses)),
    ]
    return (
        "<table>"
        + "".join(
            f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>" for name, value in rows
        )
        + "</table>"
    )


def findings_html(findings: Sequence[Finding], /, *, rows: int = 20) -> str:
    """The first *rows* findings as a table."""
    body = "".join(
        f"<tr><td>{escape(f.level)}</td><td>{escape(f.kind)}</td><td>{escape(f.sentence)}</td>"
        f"<td>{f.seats_saved}</td></tr>"
        for f in findings[:rows]
    )
    more = f"<p>... and {len(findings) - rows:,} more</p>" if len(findings) > rows else ""
    return (
        "<table><tr><th>level</th><th>kind</th><th>what</th><th>seats saved</th></tr>"
        f"{body}</table>{more}"
    )
