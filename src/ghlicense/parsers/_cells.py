"""Reading one cell of text into a typed value.

Each reader takes the raw cell and returns the value, or raises :class:`CellError`
with a sentence that the parser positions (file, line, column header) and re-raises.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Hashable
from typing import TypeVar

from dateutil import parser as date_parser
from dateutil import tz

from ghlicense.emails import email_problem
from ghlicense.records.cloud import ServerId

__all__ = [
    "CellError",
    "Memo",
    "check_user_id",
    "check_year",
    "is_digits",
    "read_bool",
    "read_date",
    "read_datetime",
    "read_email",
    "read_emails",
    "read_int",
    "read_list",
    "read_server_id",
    "read_text",
    "read_user_id",
]

_SPACED = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_UTC = tz.UTC
MAX_USER_ID = 2**63 - 1
"""The largest user id a GitHub database holds (a signed 64-bit integer)."""
FIRST_YEAR, LAST_YEAR = 2008, 2100
"""No GitHub or Visual Studio file holds a date outside these years."""
_TRUE = frozenset({"true", "yes", "y", "t", "1"})
_FALSE = frozenset({"false", "no", "n", "f", "0"})


class CellError(ValueError):
    """A cell holds a value of the wrong kind; the message is one sentence."""


_K = TypeVar("_K", bound=Hashable)
_D = TypeVar("_D", dt.date, dt.datetime)
_V = TypeVar("_V")


class Memo(dict[_K, _V]):
    """A reader that reads each distinct input once: ``Memo(read_bool)[cell]``.

    For columns whose cells repeat (``true``, ``Member``, a date): a repeated cell costs
    one dictionary lookup instead of a call, and gives the same object. It remembers at
    most :attr:`SIZE` inputs, so a column of distinct values costs little more than the
    reader alone.
    """

    __slots__ = ("read",)
    SIZE = 4096

    def __init__(self, read: Callable[[_K], _V]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, key: _K) -> _V:
        value = self.read(key)  # a CellError propagates: bad cells are never remembered
        if len(self) < self.SIZE:
            self[key] = value
        return value


def read_text(cell: str) -> str | None:
    """An optional text: surrounding spaces removed, empty is ``None``."""
    value = cell.strip()
    return value or None


def read_list(cell: str) -> tuple[str, ...]:
    """A list joined by commas (GitHub writes ``", "``); empty items are dropped."""
    if "," not in cell:  # one item or none: most cells
        item = cell.strip()
        return (item,) if item else ()
    return tuple(item for item in (part.strip() for part in cell.split(",")) if item)


def read_bool(cell: str) -> bool | None:
    """``true``/``false`` in any case, and the spellings spreadsheets write."""
    value = cell.strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(f"{cell.strip()!r} is not true or false.")


def is_digits(text: str) -> bool:
    """Whether *text* is ASCII digits (``str.isdigit`` allows ``²``, which ``int`` refuses)."""
    return text.isascii() and text.isdigit()


def read_int(cell: str) -> int | None:
    """A whole number, or ``None`` for an empty cell."""
    value = cell.strip()
    if not value:
        return None
    if not is_digits(value):
        raise CellError(f"{value!r} is not a whole number.")
    return int(value)


def check_user_id(value: int, /) -> int:
    """*value* if it can be a user id (1 to 2**63 - 1), else :class:`CellError`."""
    if 0 < value <= MAX_USER_ID:
        return value
    raise CellError(f"{value} is not a user id: ids are whole numbers from 1 to 2**63 - 1.")


def read_user_id(cell: str) -> int | None:
    """A user id (a whole number from 1 to 2**63 - 1), or ``None`` for an empty cell."""
    value = read_int(cell)
    return None if value is None else check_user_id(value)


def check_year(moment: _D, value: str, /) -> _D:
    """*moment* if its year is one a license file can hold (2008 to 2100)."""
    if FIRST_YEAR <= moment.year <= LAST_YEAR:
        return moment
    raise CellError(
        f"{value!r} is a date in {moment.year}; no GitHub or Visual Studio file holds a date "
        f"before {FIRST_YEAR} or after {LAST_YEAR}."
    )


def read_date(cell: str) -> dt.date | None:
    """An ISO date ``YYYY-MM-DD`` (a time part, if any, is dropped)."""
    value = cell.strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        raise CellError(f"{value!r} is not a date of the form YYYY-MM-DD.") from None
    return check_year(day, value)


def read_datetime(cell: str) -> dt.datetime | None:
    """An ISO 8601 date and time; a time without a zone is taken as UTC."""
    value = cell.strip()
    if not value:
        return None
    try:  # the standard library reads nearly every form files hold, fast
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = _read_datetime_slowly(value)
    check_year(moment, value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_UTC)


def _read_datetime_slowly(value: str) -> dt.datetime:
    """The forms :meth:`datetime.fromisoformat` refuses (``UTC`` zones, hour 24, ...)."""
    spaced = _SPACED.fullmatch(value)
    if spaced is not None:  # "2021-03-26 04:11:02 -0400", as GHES reports write it
        date, time, zone = spaced.groups()
        zone = "+00:00" if not zone or zone.upper() in {"Z", "UTC", "GMT"} else zone
        text = f"{date}T{time}{zone}"
    else:
        text = value
    try:
        return date_parser.isoparse(text)
    except (ValueError, OverflowError):
        raise CellError(f"{value!r} is not an ISO 8601 date and time.") from None


def read_email(cell: str) -> str | None:
    """One email address (checked), or ``None`` for an empty cell."""
    value = cell.strip()
    if not value:
        return None
    problem = email_problem(value)
    if problem is not None:
        raise CellError(problem + ".")
    return value


def read_emails(cell: str) -> tuple[str, ...]:
    """A comma-joined list of email addresses, each checked."""
    if not cell:
        return ()
    items = read_list(cell)
    for item in items:
        problem = email_problem(item)
        if problem is not None:
            raise CellError(problem + ".")
    return items


def read_server_id(item: str) -> ServerId:
    """``USER_ID:HOSTNAME:ROLE``, ``HOSTNAME:USER_ID`` or a bare ``USER_ID``."""
    parts = item.strip().split(":")
    if len(parts) == 1 and is_digits(parts[0]):
        return ServerId(user_id=check_user_id(int(parts[0])))
    if len(parts) >= 2 and is_digits(parts[0]) and parts[1]:
        role = ":".join(parts[2:]).strip() or None
        # Hosts and roles repeat on every row: one string each, not one per row.
        host = sys.intern(parts[1].strip())
        user_id = check_user_id(int(parts[0]))
        return ServerId(user_id=user_id, host=host, role=role and sys.intern(role))
    if len(parts) == 2 and is_digits(parts[1]) and parts[0]:
        user_id = check_user_id(int(parts[1]))
        return ServerId(user_id=user_id, host=sys.intern(parts[0].strip()))
    raise CellError(
        f"{item.strip()!r} is not a server account id "
        "(expected USER_ID:HOSTNAME:ROLE, HOSTNAME:USER_ID or USER_ID)."
    )
