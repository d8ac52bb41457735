"""The GHES site admin 'All users' report (``all_users.csv``): the unencrypted alternative."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ghlicense.errors import ParseError, ServerExportError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._csv import ragged, records, separator
from ghlicense.parsers._problems import settle
from ghlicense.parsers._text import decode
from ghlicense.records.server import ServerEmail, ServerExport, ServerInstance, ServerUser

__all__ = ["parse_server_users_csv"]

_V = TypeVar("_V")

_REQUIRED = ("id", "login", "email")


def _name(cell: str) -> str:
    return cell.replace("\ufeff", "").strip().lower().replace(" ", "_")


@paused_gc
def parse_server_users_csv(
    data: str | bytes,
    /,
    *,
    host: str,
    source: str = "all_users.csv",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> ServerExport:
    """Parse a GHES site admin users report as the users of the instance *host*.

    The report does not name its instance, so the caller does. Its ``email`` column
    is the primary email. Users marked ``suspended?`` are kept with ``suspended=True``:
    they consume no seat and the audit lists them as excluded.

    Raises:
        ServerExportError: the file is not a users report (no ``id``/``login``/``email``).
        ParseErrors: with ``strict=True``, one :class:`ServerExportError` per bad row.
    """
    text = decode(data, source=source, error=ServerExportError, limits=limits)
    delimiter = separator(text)  # for the messages of rows with too few or many cells
    rows_in = records(text, source=source, error=ServerExportError, max_field=limits.max_field)
    header_line, header = next(rows_in, (1, []))
    names = [_name(cell) for cell in header]
    missing = [name for name in _REQUIRED if name not in names]
    if not header or missing:
        found = (
            "the file is empty"
            if not header
            else (f"its header lacks {', '.join(map(repr, missing))}")
        )
        raise ServerExportError(
            f"this is not a GitHub Enterprise Server 'All users' report: {found}; download "
            "all_users.csv from the site admin dashboard's Reports page.",
            source=source,
            line=header_line,
        )
    index = {name: position for position, name in enumerate(names)}
    extras = [(name, position) for name, position in index.items() if name not in _KNOWN]
    users: list[ServerUser] = []
    problems: list[ParseError] = []
    for line, fields in rows_in:
        if len(fields) != len(header):
            problems.append(
                ragged(
                    fields,
                    len(header),
                    source=source,
                    line=line,
                    error=ServerExportError,
                    separator=delimiter,
                )
            )
            continue
        try:
            users.append(_user(fields, index, extras, line))
        except _Bad as bad:
            problems.append(
                ServerExportError(bad.reason, source=source, line=line, field=bad.field)
            )
    settle(problems, source=source, strict=strict)
    return ServerExport(
        source=source,
        instance=ServerInstance(host_name=host),
        users=tuple(users),
        problems=tuple(problems),
    )


class _Bad(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


_KNOWN = frozenset({"id", "login", "email", "suspended?", "created_at", "role"})


def _read(
    fields: list[str], index: dict[str, int], name: str, reader: Callable[[str], _V]
) -> _V | None:
    if name not in index:
        return None
    try:
        return reader(fields[index[name]])
    except _cells.CellError as exc:
        raise _Bad(name, str(exc)) from None


def _user(
    fields: list[str], index: dict[str, int], extras: list[tuple[str, int]], line: int
) -> ServerUser:
    user_id = _read(fields, index, "id", _cells.read_user_id)
    if user_id is None:
        raise _Bad("id", "the user has no id; every user in the report needs one.")
    email = _read(fields, index, "email", _cells.read_email)
    role = fields[index["role"]].strip().lower() if "role" in index else ""
    return ServerUser(
        user_id=user_id,
        login=_cells.read_text(fields[index["login"]]),
        emails=(ServerEmail(address=email, primary=True),) if email else (),
        suspended=bool(_read(fields, index, "suspended?", _cells.read_bool)),
        created_at=_read(fields, index, "created_at", _cells.read_datetime),
        site_admin=(role == "admin") if role else None,
        position=f"line {line}",
        extra={name: fields[position] for name, position in extras},
    )
