"""One report view, made once from an audit, that every writer reads.

The summary figures, the notices that say a report is partial or a what-if, the
findings with their sentences and the persons as rows of display labels: each writer
(text, JSON, CSV, Markdown, HTML, the notebook view and the pandas frames) is a pure
function of a :class:`ReportView` to a string (or a frame), so two writers can never
disagree on a figure or a label. The JSON and text reports also read the audit's records
for what they show in full (links, misses, disagreements).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from functools import cached_property

import attrs

from ghlicense.findings.records import Finding
from ghlicense.matching.audit import Audit
from ghlicense.reports.rows import PersonRow, person_rows
from ghlicense.reports.summary import Summary, summarize, warnings, what_if_sentence

__all__ = ["Notice", "NoticeKind", "ReportView", "report_view"]


class NoticeKind(enum.StrEnum):
    """What a notice at the top of a report says."""

    WHAT_IF = "what_if"
    """The report is a recount with fixes applied in memory."""
    PARTIAL = "partial"
    """The report is partial: pages are missing, or input problems were set aside."""


@attrs.frozen
class Notice:
    """A sentence at the top of a report, and what kind of thing it says."""

    kind: NoticeKind
    sentence: str


@attrs.frozen(kw_only=True)
class ReportView:
    """What every writer shows of one audit (see :func:`report_view`)."""

    audit: Audit
    summary: Summary
    notices: tuple[Notice, ...]
    """The what-if sentence first, then why the report is partial."""
    figures: tuple[tuple[str, int], ...]
    """The summary figures as the Markdown and HTML tables list them, labelled."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The audit's findings, ranked (each with its sentence)."""
        return self.audit.findings

    @cached_property
    def rows(self) -> Sequence[PersonRow]:
        """Every person as a row of labels, in the audit's order (made when first read)."""
        return person_rows(self.audit)

    def first_rows(self, count: int, /) -> Sequence[PersonRow]:
        """The first *count* rows, without making the others (for a notebook's view)."""
        return person_rows(self.audit, limit=count)


def _figures(summary: Summary) -> tuple[tuple[str, int], ...]:
    figures = [
        ("Seats", summary.total_seats),
        ("Persons", summary.persons),
        *((f"Seats: {kind}", n) for kind, n in summary.seats_by_license_type.items()),
        *((f"Seat-holders on {place}", n) for place, n in summary.seats_by_deployment.items()),
        ("Persons on several deployments", summary.multi_deployment_persons),
        ("Persons matched to no GHEC account", summary.unmatched_persons),
        ("Suspended GHES accounts (no seat)", summary.excluded_suspended_accounts),
        ("Where GitHub's report groups differently", summary.disagreements_with_github),
        ("Seats the high-confidence fixes save", summary.seats_saved_by_high_confidence_fixes),
    ]
    if summary.github_seats_consumed is not None:
        figures.append(("GitHub's own count of seats consumed", summary.github_seats_consumed))
    return tuple(figures)


def report_view(source: Audit | ReportView, /) -> ReportView:
    """The view of *source* that the writers read (a view is returned as it is)."""
    if isinstance(source, ReportView):
        return source
    summary = summarize(source)
    recount = what_if_sentence(source)
    notices = [Notice(NoticeKind.WHAT_IF, recount)] if recount is not None else []
    notices += [Notice(NoticeKind.PARTIAL, said) for said in warnings(source, summary)]
    return ReportView(
        audit=source,
        summary=summary,
        notices=tuple(notices),
        figures=_figures(summary),
    )
