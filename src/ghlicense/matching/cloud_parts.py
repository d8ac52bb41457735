"""Several files of one cloud report (REST pages saved one per file): checked, then read as one.

An admin who saves each page of ``consumed-licenses`` as its own file passes them all;
they are read as if the pages were concatenated. Files that cannot be parts of one
report (a CSV beside REST pages, pages of two enterprises, one page twice) are refused:
a seat count from them would be wrong without a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from ghlicense.errors import CloudReportError
from ghlicense.records.cloud import CloudReport, CloudRow

__all__ = ["check_cloud_parts", "cloud_parts", "github_total", "rows_held"]

_KINDS = {"csv": "the Licensing page's CSV report", "rest": "REST API pages of consumed licenses"}
_TOTALS = (
    ("total_seats_consumed", "seats consumed"),
    ("total_seats_purchased", "seats purchased"),
)


_SAME_CSV = "the same report was given twice; pass it once."
_SAME_PAGE = (
    "the same page was given twice, so another page is probably missing; fetch the pages again."
)


def cloud_parts(cloud: CloudReport | Sequence[CloudReport] | None) -> tuple[CloudReport, ...]:
    """The cloud report's files as a tuple: none, one, or several parts."""
    if cloud is None:
        return ()
    if isinstance(cloud, CloudReport):
        return (cloud,)
    return tuple(cloud)


def _row_key(row: CloudRow) -> object:
    if row.login:
        return row.login.lower()
    return tuple(str(server_id) for server_id in row.server_ids) or ("line", row.line)


def check_cloud_parts(parts: Sequence[CloudReport], /) -> None:
    """Check that *parts* can be read as one report.

    Raises:
        CloudReportError: a CSV report beside REST pages, CSV files with other columns,
            pages whose GitHub totals differ (two enterprises, or two days), a file
            holding exactly the accounts of another (the same page or report twice), or
            two CSV reports that share accounts (two downloads of the report).
    """
    if len(parts) < 2:
        return
    first = parts[0]
    seen: dict[frozenset[object], CloudReport] = {}
    csv_logins: dict[str, CloudReport] = {}  # each GHEC login of the CSV files, by its file
    for part in parts:
        if part.format and first.format and part.format != first.format:
            raise CloudReportError(
                f"this is {_KINDS[part.format]}, but {first.source} is "
                f"{_KINDS[first.format]}; both are copies of the same report: pass the CSV "
                "alone, or every REST page.",
                source=part.source,
            )
        if part.columns and first.columns and set(part.columns) != set(first.columns):
            raise CloudReportError(
                f"its columns differ from those of {first.source}, so the two are not parts "
                "of one report; pass your enterprise's one report.",
                source=part.source,
            )
        for field, what in _TOTALS:
            mine, theirs = getattr(part, field), getattr(first, field)
            if mine is not None and theirs is not None and mine != theirs:
                raise CloudReportError(
                    f"GitHub counts {mine:,} {what} here but {theirs:,} in {first.source}: "
                    "these are pages of different reports (another enterprise, or fetched at "
                    "another time); fetch every page again, in one go.",
                    source=part.source,
                )
        accounts = frozenset(map(_row_key, part.rows))
        same = seen.get(accounts) if accounts else None
        if same is not None:
            raise CloudReportError(
                f"it holds the same {len(accounts):,} accounts as {same.source}: "
                + (_SAME_CSV if part.format == "csv" else _SAME_PAGE),
                source=part.source,
            )
        seen[accounts] = part
        if part.format == "csv":
            _check_csv_overlap(part, csv_logins)


def _check_csv_overlap(part: CloudReport, logins: dict[str, CloudReport]) -> None:
    """Refuse a CSV report that lists GHEC accounts an earlier CSV file lists too: GitHub
    writes the whole report into one file, so two are two downloads of it."""
    mine = {row.login.lower(): row.login for row in part.rows if row.login}
    shared = sorted(login for login in mine if login in logins)
    if shared:
        other = logins[shared[0]]
        count = len(shared)
        shown = ", ".join(mine[login] for login in shared[:3]) + (", ..." if count > 3 else "")
        raise CloudReportError(
            f"it lists {count:,} GHEC account{'s' if count > 1 else ''} that {other.source} "
            f"lists too ({shown}): two CSV reports are two downloads of the report (from "
            "different days), not parts of one; pass the newest alone.",
            source=part.source,
        )
    for login in mine:
        logins[login] = part


def github_total(parts: Sequence[CloudReport], field: str, /) -> int | None:
    """GitHub's own total *field* (``total_seats_consumed``, ...), where a part carries it."""
    return next((v for p in parts if (v := getattr(p, field)) is not None), None)


def rows_held(parts: Sequence[CloudReport], /) -> int:
    """How many distinct license consumers (rows) the parts hold together."""
    return len({_row_key(row) for part in parts for row in part.rows})
