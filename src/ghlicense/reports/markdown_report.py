"""The Markdown report: the summary, what to change and the persons, as GitHub tables."""

from __future__ import annotations

from collections.abc import Sequence

from ghlicense.matching.audit import Audit
from ghlicense.reports.markdown_cells import cell
from ghlicense.reports.rows import person_rows
from ghlicense.reports.summary import summarize, warnings, what_if_sentence

__all__ = ["render_markdown"]


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cell(value) for value in row) + " |" for row in rows)
    return lines


def render_markdown(audit: Audit, /, *, limit: int | None = None) -> str:
    """The report as Markdown that renders well on GitHub (names escaped).

    Args:
        limit: How many persons to list (``None``: all of them).
    """
    summary = summarize(audit)
    lines = ["# GitHub Enterprise seats"]
    recount = what_if_sentence(audit)
    said = [*([recount] if recount else []), *warnings(audit, summary)]
    if said:
        lines += ["", *(f"> {cell(sentence)}" for sentence in said)]
    figures = [
        ("Seats", str(summary.total_seats)),
        ("Persons", str(summary.persons)),
        *((f"Seats: {kind}", str(n)) for kind, n in summary.seats_by_license_type.items()),
        *((f"Seat-holders on {place}", str(n)) for place, n in summary.seats_by_deployment.items()),
        ("Persons on several deployments", str(summary.multi_deployment_persons)),
        ("Persons matched to no GHEC account", str(summary.unmatched_persons)),
        ("Suspended GHES accounts (no seat)", str(summary.excluded_suspended_accounts)),
        ("Where GitHub's report groups differently", str(summary.disagreements_with_github)),
        ("Seats the high-confidence fixes save", str(summary.seats_saved_by_high_confidence_fixes)),
    ]
    if summary.github_seats_consumed is not None:
        figures.append(("GitHub's own count of seats consumed", str(summary.github_seats_consumed)))
    lines += ["", "## Summary", "", *_table(("figure", "value"), figures)]
    findings = audit.findings
    if findings:
        lines += ["", "## What to change", ""]
        lines += _table(
            ("level", "kind", "accounts", "what", "seats saved"),
            [
                (f.level, f.kind, ", ".join(f.accounts), f.sentence, str(f.seats_saved))
                for f in findings
            ],
        )
    rows = person_rows(audit)
    persons = rows if limit is None else rows[:limit]
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
    if len(persons) < len(audit.persons):
        lines += ["", f"... and {len(audit.persons) - len(persons):,} more persons."]
    return "\n".join(lines) + "\n"
