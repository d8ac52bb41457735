"""The summary figures of an audit, worked out once for every writer.

Every writer reads its figures from :func:`summarize`, so the text and JSON reports
cannot disagree on a count. The warnings that make a report partial are made here too.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ghlicense.matching.audit import Audit

__all__ = ["Summary", "missing_pages_sentence", "summarize", "warnings", "what_if_sentence"]


@attrs.frozen(kw_only=True)
class Summary:
    """The figures at the top of every report."""

    total_seats: int
    persons: int
    seats_by_license_type: Mapping[str, int]
    seats_by_deployment: Mapping[str, int]
    multi_deployment_persons: int
    unmatched_persons: int
    """Persons with no GHEC account who take a seat or hold a subscription."""
    excluded_suspended_accounts: int
    disagreements_with_github: int
    persons_without_seat: Mapping[str, int]
    """Persons who take no seat, by why (see :attr:`Audit.without_seat`)."""
    github_seats_consumed: int | None
    github_seats_purchased: int | None
    missing_cloud_rows: int
    seats_saved_by_high_confidence_fixes: int
    """The seats the fixes of the high-confidence findings would save together."""


def summarize(audit: Audit, /) -> Summary:
    """Work out the summary figures of *audit*."""
    return Summary(
        total_seats=audit.total_seats,
        persons=len(audit.persons),
        seats_by_license_type=audit.seats_by_license_type,
        seats_by_deployment=audit.seats_by_deployment,
        multi_deployment_persons=len(audit.multi_deployment),
        unmatched_persons=len(audit.unmatched),
        excluded_suspended_accounts=len(audit.suspended),
        disagreements_with_github=len(audit.disagreements),
        persons_without_seat=audit.without_seat,
        github_seats_consumed=audit.github_seats_consumed,
        github_seats_purchased=audit.github_seats_purchased,
        missing_cloud_rows=audit.missing_cloud_rows,
        seats_saved_by_high_confidence_fixes=audit.seats_saved_by_high_confidence_fixes,
    )


def missing_pages_sentence(summary: Summary, /) -> str | None:
    """The sentence that says pages of the REST report are missing (``None``: none are)."""
    if not summary.missing_cloud_rows or summary.github_seats_consumed is None:
        return None
    held = summary.github_seats_consumed - summary.missing_cloud_rows
    return (
        f"GitHub counts {summary.github_seats_consumed:,} seats consumed; these files hold "
        f"{held:,} of them: pages are missing. Pass every page of the REST report "
        "(gh api --paginate), or the CSV report."
    )


def warnings(audit: Audit, summary: Summary, /) -> list[str]:
    """The sentences that say why the report is partial (none when it is complete)."""
    said: list[str] = []
    missing = missing_pages_sentence(summary)
    if missing is not None:
        said.append(missing)
    if audit.problems:
        said.append(
            f"{len(audit.problems):,} input problem(s) were set aside; the counts may be too low."
        )
    return said


def what_if_sentence(audit: Audit, /) -> str | None:
    """The sentence that says a report is a what-if recount (``None`` when it is not)."""
    done = audit.what_if
    if done is None:
        return None
    unchanged = f" {len(done.not_applied)} fix(es) changed nothing." if done.not_applied else ""
    return (
        f"WHAT-IF: a recount in memory with {len(done.applied)} fix(es) applied: seats "
        f"{done.seats_before:,} before, {done.seats_after:,} after; nothing was changed "
        f"anywhere.{unchanged}"
    )
