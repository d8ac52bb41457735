"""Visual Studio subscribers: the admin-portal export CSV, the bulk-add template CSV and
the GHEC REST ``visual-studio-subscriptions`` JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from dateutil import tz

from ghlicense.errors import ParseError, VisualStudioError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._csv import ragged, records, separator
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
from ghlicense.records.visual_studio import VisualStudioList, VisualStudioSubscriber

__all__ = ["parse_visual_studio"]

# Header names by meaning, lower-cased and trimmed.
_HEADERS = {
    "email": "upn",
    "email address": "upn",
    "sign-in email": "upn",
    "sign in email": "upn",
    "user principal name": "upn",
    "upn": "upn",
    "subscriber name": "name",
    "name": "name",
    "notification email address": "notification_email",
    "email notification": "notification_email",
    "notification email": "notification_email",
    "microsoft entra group": "group",
    "aad group": "group",
    "subscription level": "level",
    "assigned": "assigned",
    "activated": "activated",
    "expiration date (utc)": "expires",
    "expiration date": "expires",
    "subscription status": "status",
    "usage status": "usage_status",
    "subscription guid": "subscription_id",
    "subscription id": "subscription_id",
}
_DATES = ("assigned", "activated", "expires")
_REPEATING = frozenset({"group", "level", "status", "usage_status"})
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_WHAT = "Visual Studio subscribers (the admin portal's CSV export, or the REST JSON)"


@paused_gc
def parse_visual_studio(
    data: str | bytes,
    /,
    *,
    source: str = "visual-studio.csv",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    dayfirst: bool | None = None,
) -> VisualStudioList:
    """Parse a Visual Studio subscribers file, CSV or JSON, told apart by its content.

    Headers are matched case-insensitively and by meaning (``Email``, ``Email Address``
    and ``Sign-in Email`` are all the UPN). Dates written ``nn/nn/yyyy`` are read
    day-first or month-first as *dayfirst* says; when it is ``None`` the file's own
    dates decide (a day above 12 shows the order) and a file whose dates fit both
    orders is refused rather than guessed. ``False`` in a date column means no date.

    Raises:
        VisualStudioError: not a subscribers file, or dates of an unknown order.
        ParseErrors: with ``strict=True``, one :class:`VisualStudioError` per bad row.
    """
    text = decode(data, source=source, error=VisualStudioError, limits=limits)
    if text.lstrip()[:1] in {"{", "["}:
        return _parse_json(text, source=source, strict=strict, limits=limits)
    return _parse_csv(text, source=source, strict=strict, dayfirst=dayfirst, limits=limits)


def _finish(
    source: str,
    subscribers: list[VisualStudioSubscriber],
    problems: list[ParseError],
    strict: bool,
    **fields: object,
) -> VisualStudioList:
    settle(problems, source=source, strict=strict)
    return VisualStudioList(
        source=source,
        subscribers=tuple(subscribers),
        problems=tuple(problems),
        **fields,  # type: ignore[arg-type]
    )


def _parse_csv(
    text: str, *, source: str, strict: bool, dayfirst: bool | None, limits: Limits
) -> VisualStudioList:
    delimiter = separator(text)  # for the messages of rows with too few or many cells
    rows = list(records(text, source=source, error=VisualStudioError, max_field=limits.max_field))
    if not rows:
        raise VisualStudioError(f"the file is empty; expected {_WHAT}.", source=source, line=1)
    header_line, header = rows[0]
    fields = [_HEADERS.get(cell.replace("\ufeff", "").strip().lower()) for cell in header]
    if "upn" not in fields:
        raise VisualStudioError(
            "this is not a Visual Studio subscribers export: its header has no sign-in "
            "address column ('Email', 'Email Address' or 'Sign-in Email'); export the "
            "subscribers from the Visual Studio subscriptions admin portal.",
            source=source,
            line=header_line,
        )
    order, order_note = _date_order(rows[1:], fields, dayfirst, source)
    # Each column's reader, worked out once: dates repeat, so each is read once.
    read_date = _cells.Memo(functools.partial(_date, dayfirst=order)).__getitem__
    columns = list(enumerate(zip(header, fields, strict=True)))
    plan = [
        (position, cell.strip(), field, _reader(field, read_date))
        for position, (cell, field) in columns
        if field is not None
    ]
    kept = [  # the columns ghlicense keeps as they are
        (position, cell.strip(), _share(rows, position))
        for position, (cell, field) in columns
        if field is None
    ]
    subscribers: list[VisualStudioSubscriber] = []
    problems: list[ParseError] = []
    unassigned = 0
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            problems.append(
                ragged(
                    cells,
                    len(header),
                    source=source,
                    line=line,
                    error=VisualStudioError,
                    separator=delimiter,
                )
            )
            continue
        values: dict[str, object] = {}
        extra: dict[str, str] = {}
        bad = False
        for position, shown, share in kept:
            cell = cells[position]
            extra[shown] = cell if share is None else share(cell)
        for position, shown, field, reader in plan:
            try:
                values[field] = reader(cells[position])
            except _cells.CellError as exc:
                problems.append(VisualStudioError(str(exc), source=source, line=line, field=shown))
                bad = True
        if bad:
            continue
        status = values.get("status")
        if values.get("upn") is None or (
            isinstance(status, str) and status.strip().lower() == "unassigned"
        ):
            unassigned += 1  # the portal lists subscriptions assigned to no one: no subscriber
            continue
        subscribers.append(
            VisualStudioSubscriber(position=f"line {line}", extra=extra, **values)  # type: ignore[arg-type]
        )
    return _finish(
        source, subscribers, problems, strict, date_order=order_note, unassigned=unassigned
    )


def _date_order(
    rows: list[tuple[int, list[str]]], fields: list[str | None], dayfirst: bool | None, source: str
) -> tuple[bool, str | None]:
    """Decide whether ``nn/nn/yyyy`` dates are day-first, from the option or the file."""
    columns = [i for i, field in enumerate(fields) if field in _DATES]
    evidence: dict[bool, tuple[int, str]] = {}
    ambiguous: tuple[int, str] | None = None
    for line, cells in rows:
        for i in columns:
            found = _SLASHED.match(cells[i].strip()) if i < len(cells) else None
            if found is None:
                continue
            first, second = int(found.group(1)), int(found.group(2))
            if first > 12:
                evidence.setdefault(True, (line, cells[i].strip()))
            elif second > 12:
                evidence.setdefault(False, (line, cells[i].strip()))
            elif first != second and ambiguous is None:
                ambiguous = (line, cells[i].strip())
    if dayfirst is not None:
        return dayfirst, "day first (as asked)" if dayfirst else "month first (as asked)"
    if True in evidence and False in evidence:
        (line_d, day), (line_m, month) = evidence[True], evidence[False]
        raise VisualStudioError(
            f"the dates mix day-first ({day!r} at line {line_d}) and month-first "
            f"({month!r} at line {line_m}) orders; fix the file's dates.",
            source=source,
            line=line_d,
        )
    if evidence:
        first_day = True in evidence
        line, value = evidence[first_day]
        which = "day first" if first_day else "month first"
        return first_day, f"{which}, as {value!r} at line {line} shows"
    if ambiguous is not None:
        line, value = ambiguous
        raise VisualStudioError(
            f"the date {value!r} could be read day-first or month-first and no date in the "
            "file tells which; say which with dayfirst=True or False (--vs-dayfirst or "
            "--vs-monthfirst on the command line).",
            source=source,
            line=line,
        )
    return True, None


def _reader(field: str, read_date: Callable[[str], object]) -> Callable[[str], object]:
    """How a column's cells are read. Cells that repeat from row to row (a product
    name, a status) give one object per distinct cell, not one per row."""
    if field in _DATES:
        return read_date
    if field in _REPEATING:
        return _cells.Memo(_cells.read_text).__getitem__
    return _cells.read_email if field == "upn" else _cells.read_text


_SAMPLE = 256


def _share(rows: list[tuple[int, list[str]]], position: int) -> Callable[[str], str] | None:
    """For a column kept as it is whose cells repeat (a country, a language): each
    distinct cell as one string. ``None`` when at least a quarter of its first rows
    differ (a reference, a GUID): sharing would only cost time. (The header row is the
    first of *rows*.)"""
    sample = {cells[position] for _, cells in rows[1 : _SAMPLE + 1] if position < len(cells)}
    if len(sample) > _SAMPLE // 4:
        return None
    return _cells.Memo[str, str](str).__getitem__


def _date(cell: str, dayfirst: bool) -> dt.datetime | None:
    value = cell.strip()
    if not value or value.lower() in {"false", "never", "n/a"}:
        return None
    found = _SLASHED.fullmatch(value)
    if found is None:
        return _cells.read_datetime(value)
    first, second, year, hour, minute, second_ = found.groups()
    day, month = (first, second) if dayfirst else (second, first)
    try:
        moment = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second_ or 0),
            tzinfo=tz.UTC,
        )
    except ValueError:
        raise _cells.CellError(f"{value!r} is not a valid date.") from None
    return _cells.check_year(moment, value)


def _parse_json(text: str, *, source: str, strict: bool, limits: Limits) -> VisualStudioList:
    repeats = Repeats()
    documents = load_documents(
        text,
        source=source,
        error=VisualStudioError,
        what=_WHAT,
        max_depth=limits.max_depth,
        repeats=repeats,
    )
    subscribers: list[VisualStudioSubscriber] = []
    problems: list[ParseError] = []
    total: int | None = None
    for line, document in documents:
        where = line if len(documents) > 1 else None
        pages = document if isinstance(document, list) else [document]
        for page_index, page in enumerate(pages):
            pointer = f"/{page_index}" if isinstance(document, list) else ""
            items, key = _items(page, pointer, source, where)
            if (
                isinstance(page, dict)
                and isinstance(page.get("total_count"), int)
                and total is None
            ):
                total = page["total_count"]
            for index, item in enumerate(items):
                at = child(child(pointer, key), index) if key else pointer
                twice = repeats.under(at, line) if repeats else None
                if twice is not None:
                    problems.append(
                        twice_error(twice, VisualStudioError, source=source, line=where)
                    )
                    continue
                try:
                    subscribers.append(_subscriber(item, at))
                except _cells.CellError as exc:
                    problems.append(
                        VisualStudioError(str(exc), source=source, line=where, pointer=at)
                    )
    refuse_unclaimed(repeats, VisualStudioError, source=source, several=len(documents) > 1)
    return _finish(source, subscribers, problems, strict, total_count=total)


def _items(page: object, pointer: str, source: str, line: int | None) -> tuple[list[object], str]:
    if isinstance(page, dict):
        for key in ("visual_studio_subscriptions", "visual_studio_subscription_assignments"):
            if isinstance(page.get(key), list):
                return page[key], key
        if "visual_studio_subscription_email" in page or "email" in page:
            return [page], ""
    raise VisualStudioError(
        f"expected {_WHAT}: an object with 'visual_studio_subscriptions', found {describe(page)}.",
        source=source,
        line=line,
        pointer=pointer or "/",
    )


def _subscriber(item: object, pointer: str) -> VisualStudioSubscriber:
    if not isinstance(item, dict):
        raise _cells.CellError(f"a subscription should be an object, not {describe(item)}.")
    upn = item.get("visual_studio_subscription_email", item.get("email"))
    if not isinstance(upn, str) or not upn.strip():
        raise _cells.CellError(
            f"the subscription has no email (found {describe(upn)}); every subscription needs one."
        )
    checked = _cells.read_email(upn)
    subscription_id = item.get("subscription_id", item.get("subscriptionId"))
    login = item.get("username")
    manual = item.get("manual_match")
    known = {
        "visual_studio_subscription_email",
        "email",
        "subscription_id",
        "subscriptionId",
        "username",
        "manual_match",
    }
    return VisualStudioSubscriber(
        upn=checked or upn,
        subscription_id=subscription_id if isinstance(subscription_id, str) else None,
        github_login=login.strip() or None if isinstance(login, str) else None,
        manual_match=manual if isinstance(manual, bool) else None,
        position=pointer,
        extra={k: str(v) for k, v in item.items() if k not in known},
    )
