"""The CSV report: one row per person, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from ghlicense.matching.audit import Audit, Person

__all__ = ["CSV_COLUMNS", "render_csv", "safe_cell"]

CSV_COLUMNS = (
    "id",
    "cloud_login",
    "name",
    "server_accounts",
    "primary_emails",
    "visual_studio_emails",
    "invitations",
    "deployments",
    "consumes_seat",
    "license_type",
    "matched_by",
    "findings",
)
"""The report's columns, in order."""

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str, /) -> str:
    """*text*, neutralised when a spreadsheet would read it as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe (OWASP's advice against CSV injection).
    """
    return "'" + text if text.startswith(_FORMULA) else text


def _row(person: Person, findings: dict[str, list[str]]) -> list[str]:
    return [
        person.key,
        person.cloud_login or "",
        next((a.name for a in person.cloud if a.name), "") or "",
        "; ".join(f"{a.host_label}:{a.user_id}" for a in person.server),
        "; ".join(a.primary_email or "" for a in person.server),
        "; ".join(s.upn for s in person.subscriptions),
        "; ".join(i.invitee for i in person.invitations),
        "; ".join(person.deployments),
        "true" if person.consumes_seat else "false",
        person.license_type or "",
        "; ".join(person.matched_by),
        "; ".join(findings.get(person.key, ())),
    ]


def render_csv(audit: Audit, /) -> str:
    """The persons as CSV (a header, then one row per person, in the audit's order).

    The ``findings`` column lists the kinds of the findings about the person.
    """
    findings: dict[str, list[str]] = {}
    for finding in audit.findings:
        for key in finding.persons:
            findings.setdefault(key, []).append(str(finding.kind))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for person in audit.persons:
        writer.writerow([safe_cell(cell) for cell in _row(person, findings)])
    return out.getvalue()
