"""The CSV report: one row per person, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from ghlicense.matching.audit import Audit
from ghlicense.reports.view import ReportView, report_view

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


def render_csv(audit: Audit | ReportView, /) -> str:
    """The persons as CSV (a header, then one row per person, in the audit's order).

    The ``findings`` column lists the kinds of the findings about the person.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report_view(audit).rows:
        cells = [getattr(row, column) for column in CSV_COLUMNS]
        writer.writerow(
            [safe_cell(c) if isinstance(c, str) else ("true" if c else "false") for c in cells]
        )
    return out.getvalue()
