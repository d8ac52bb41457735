"""The Markdown report: the summary, what to change and the persons, as GitHub tables."""

from __future__ import annotations

from collections.abc import Sequence

from ghlicense.matching.audit import Audit
from ghlicense.reports.markdown_cells import cell
from ghlicense.reports.view import ReportView, report_view

__all__ = ["render_markdown"]


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cell(value) for value in row) + " |" for row in rows)
    return lines


def render_markdown(audit: Audit | ReportView, /, *, limit: int | None = None) -> str:
    """The report as Markdown that renders well on GitHub (names escaped).

    Args:
        limit: How many persons to list (``None``: all of them).
    """
    view = report_view(audit)
    lines = ["# GitHub Enterprise seats"]
    if view.notices:
        lines += ["", *(f"> {cell(notice.sentence)}" for notice in view.notices)]
    figures = [(label, str(value)) for label, value in view.figures]
    lines += ["", "## Summary", "", *_table(("figure", "value"), figures)]
    if view.findings:
        lines += ["", "## What to change", ""]
        lines += _table(
            ("level", "kind", "accounts", "what", "seats saved"),
            [
                (f.level, f.kind, ", ".join(f.accounts), f.sentence, str(f.seats_saved))
                for f in view.findings
            ],
        )
    persons = view.rows if limit is None else view.first_rows(limit)
    lines += ["", "## Persons", ""]
    lines += _table(
        ("id", "GHEC login", "GHES accounts", "deployments", "seat", "license", "matched by"),
        [
            (
                row.id,
                row.cloud_login,
                row.server_accounts,
                row.deployments,
                "yes" if row.consumes_seat else "no",
                row.license_type,
                row.matched_by,
            )
            for row in persons
        ],
    )
    if len(persons) < view.summary.persons:
        lines += ["", f"... and {view.summary.persons - len(persons):,} more persons."]
    return "\n".join(lines) + "\n"
