"""GHEC consumed licenses from the REST API (``GET /enterprises/{e}/consumed-licenses``).

One page object, a JSON list of pages, or pages concatenated one after another.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from ghlicense.errors import CloudReportError, ParseError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._cloud_columns import COLUMNS, normalise_header
from ghlicense.parsers._json import (
    Repeats,
    child,
    describe,
    load_documents,
    refuse_unclaimed,
    twice_error,
)
from ghlicense.parsers._problems import settle
from ghlicense.parsers._text import decode
from ghlicense.records.cloud import CloudReport, CloudRow

__all__ = ["parse_cloud_json"]

_WHAT = "consumed licenses from the REST API (an object with 'users', or a list of them)"


@paused_gc
def parse_cloud_json(
    data: str | bytes,
    /,
    *,
    source: str = "cloud.json",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> CloudReport:
    """Parse ``consumed-licenses`` REST responses into a :class:`CloudReport`.

    Accepts one page, a JSON list of pages, or pages concatenated; both
    ``enterprise_server_primary_emails`` and ``enterprise_server_emails``; ``""`` or
    ``null`` for missing values. Unknown keys are kept in each row's ``extra``. A row's
    ``line`` is its 1-based position across all pages.

    Raises:
        CloudReportError: the text is not JSON, or not consumed-licenses pages.
        ParseErrors: with ``strict=True``, one :class:`CloudReportError` per bad value.
    """
    text = decode(data, source=source, error=CloudReportError, limits=limits)
    repeats = Repeats()
    pages = list(_pages(text, source, limits.max_depth, repeats))
    rows: list[CloudRow] = []
    problems: list[ParseError] = []
    totals: dict[str, int | None] = {"total_seats_consumed": None, "total_seats_purchased": None}
    for first_line, line, pointer, page in pages:
        for key, total in totals.items():
            value = page.get(key)
            if value is None:
                continue
            if type(value) is not int or value < 0:
                problems.append(
                    CloudReportError(
                        f"'{key}' should be a whole number of 0 or more, not {describe(value)}.",
                        source=source,
                        line=line,
                        pointer=child(pointer, key),
                    )
                )
            elif total is None:
                totals[key] = value
        users = page["users"]
        assert isinstance(users, list)
        for index, raw in enumerate(users):
            at = child(child(pointer, "users"), index)
            twice = repeats.under(at, first_line) if repeats else None
            if twice is not None:
                problems.append(twice_error(twice, CloudReportError, source=source, line=line))
                continue
            row = _row(raw, len(rows) + 1, at, source, line, problems)
            if row is not None:
                rows.append(row)
    refuse_unclaimed(repeats, CloudReportError, source=source, several=len(pages) > 1)
    settle(problems, source=source, strict=strict)
    return CloudReport(
        source=source,
        rows=tuple(rows),
        total_seats_consumed=totals["total_seats_consumed"],
        total_seats_purchased=totals["total_seats_purchased"],
        problems=tuple(problems),
        format="rest",
    )


def _pages(
    text: str, source: str, max_depth: int, repeats: Repeats
) -> Iterator[tuple[int, int | None, str, dict[str, object]]]:
    """Each page: its document's first line, that line for messages, its pointer, itself."""
    documents = load_documents(
        text,
        source=source,
        error=CloudReportError,
        what=_WHAT,
        max_depth=max_depth,
        repeats=repeats,
    )
    several = len(documents) > 1
    for line, document in documents:
        where = line if several else None
        if isinstance(document, list):
            for index, page in enumerate(document):
                yield line, where, f"/{index}", _page(page, f"/{index}", source, line)
        else:
            yield line, where, "", _page(document, "", source, line)


def _page(page: object, pointer: str, source: str, line: int) -> dict[str, object]:
    if not isinstance(page, dict):
        raise CloudReportError(
            "expected a page of consumed licenses (an object with 'users'), found "
            f"{describe(page)}.",
            source=source,
            line=line if line > 1 else None,
            pointer=pointer,
        )
    users = page.get("users")
    if not isinstance(users, list):
        found = "no 'users'" if users is None else f"'users' holding {describe(users)}"
        raise CloudReportError(
            f"this page has {found}; expected {_WHAT}.",
            source=source,
            line=line if line > 1 else None,
            pointer=pointer,
        )
    return page


def _cell(value: object) -> str:
    """Turn a JSON value into the cell text the CSV readers understand."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    raise _cells.CellError(
        f"expected text, a number, true/false or a list of texts, not {describe(value)}."
    )


def _row(  # noqa: PLR0917 - a private helper of the loop above
    raw: object,
    position: int,
    pointer: str,
    source: str,
    line: int | None,
    problems: list[ParseError],
) -> CloudRow | None:
    if not isinstance(raw, dict):
        problems.append(
            CloudReportError(
                f"a user should be an object, not {describe(raw)}.",
                source=source,
                line=line,
                pointer=pointer,
            )
        )
        return None
    values: dict[str, object] = {}
    extra: dict[str, str] = {}
    bad = False
    for key, value in raw.items():
        name = normalise_header(key)
        column: tuple[str, Callable[[str], object]] | None = COLUMNS.get(name)
        if column is None:
            extra[key] = value if isinstance(value, str) else json.dumps(value)
            continue
        attribute, reader = column
        if attribute in values and value in (None, "", []):
            continue  # a stray empty duplicate (``github_com_enterprise_role: ""``)
        try:
            values[attribute] = reader(_cell(value))
        except _cells.CellError as exc:
            problems.append(
                CloudReportError(str(exc), source=source, line=line, pointer=child(pointer, key))
            )
            bad = True
    if bad:
        return None
    return CloudRow(line=position, extra=extra, **values)  # type: ignore[arg-type]
