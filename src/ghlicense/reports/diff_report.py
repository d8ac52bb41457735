"""The report of the changes between two audits: text, JSON and Markdown."""

from __future__ import annotations

import json
from collections import Counter

from ghlicense.diff import ReportDiff
from ghlicense.reports.markdown_cells import cell
from ghlicense.sentences import change_sentence

__all__ = ["render_diff_json", "render_diff_markdown", "render_diff_text"]


def _by_kind(diff: ReportDiff) -> dict[str, int]:
    seats: Counter[str] = Counter()
    for change in diff.changes:
        seats[change.kind] += change.seats
    return dict(sorted(seats.items()))


def _headline(diff: ReportDiff) -> str:
    moved = diff.seats_after - diff.seats_before
    parts = ", ".join(f"{kind} {seats:+d}" for kind, seats in _by_kind(diff).items() if seats)
    return f"Seats: {diff.seats_before:,} -> {diff.seats_after:,} ({moved:+d})" + (
        f": {parts}" if parts else ""
    )


def render_diff_text(diff: ReportDiff, /) -> str:
    """The changes, one a line, after the seats before and after."""
    lines = [_headline(diff)]
    if not diff.changes:
        lines.append("No person changed.")
    lines.extend(f"  {change_sentence(change)}" for change in diff.changes)
    return "\n".join(lines) + "\n"


def render_diff_json(diff: ReportDiff, /) -> str:
    """The changes as JSON: seats before and after, the seats by kind, each change."""
    report = {
        "seats_before": diff.seats_before,
        "seats_after": diff.seats_after,
        "change": diff.seats_after - diff.seats_before,
        "seats_by_kind": _by_kind(diff),
        "changes": [
            {
                "kind": change.kind,
                "person": change.person,
                "values": list(change.values),
                "seats": change.seats,
                "sentence": change_sentence(change),
            }
            for change in diff.changes
        ],
    }
    return json.dumps(report, indent=1, ensure_ascii=False) + "\n"


def render_diff_markdown(diff: ReportDiff, /) -> str:
    """The changes as a Markdown table that renders on GitHub."""
    lines = [f"**{cell(_headline(diff))}**", ""]
    if not diff.changes:
        return "\n".join([*lines, "No person changed.", ""])
    lines += ["| change | person | what | seats |", "|---|---|---|---|"]
    lines.extend(
        f"| {change.kind} | {cell(change.person)} | {cell(change_sentence(change))} | "
        f"{change.seats:+d} |"
        for change in diff.changes
    )
    return "\n".join(lines) + "\n"
