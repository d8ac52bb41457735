"""A small HTML view of an audit, for notebooks: the totals and the first persons."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ghlicense.findings.records import Finding
from ghlicense.matching.audit import Audit, Person
from ghlicense.reports.summary import summarize
from ghlicense.sentences import unmatched_reasons

__all__ = ["audit_html", "findings_html", "person_html"]


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
