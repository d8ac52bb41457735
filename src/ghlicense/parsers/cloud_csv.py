"""The GHEC license usage report, as the CSV file GitHub's Licensing page downloads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from ghlicense.errors import CloudReportError, ParseError
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._cloud_columns import COLUMNS, REPEATING, REQUIRED, normalise_header
from ghlicense.parsers._csv import ragged, records
from ghlicense.parsers._problems import settle
from ghlicense.parsers._text import decode
from ghlicense.records.cloud import CloudReport, CloudRow

__all__ = ["parse_cloud_csv"]

_NO_EXTRA: Mapping[str, str] = MappingProxyType({})
"""Shared by every row without unknown columns (most of them): one object, not millions."""

_ADVICE = (
    "download the license usage report (CSV) from your enterprise's Licensing page on "
    "GitHub Enterprise Cloud and pass that file"
)


def parse_cloud_csv(
    data: str | bytes,
    /,
    *,
    source: str = "cloud.csv",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> CloudReport:
    """Parse a GHEC license usage report CSV.

    Every header spelling is accepted (snake_case, humanized, data-residency), with or
    without a BOM, CRLF or LF line ends. Columns are read by name; unknown ones are
    kept in each row's ``extra``.

    Args:
        data: The file's content.
        source: The name to use in error messages (usually the file name).
        strict: With ``True``, any bad row raises; with ``False``, bad rows are set
            aside and listed in :attr:`CloudReport.problems`.

    Returns:
        The report, one :class:`CloudRow` per data row.

    Raises:
        CloudReportError: the file is not a license report, or its CSV is broken.
        ParseErrors: with ``strict=True``, one :class:`CloudReportError` per bad row.
    """
    text = decode(data, source=source, error=CloudReportError, limits=limits)
    rows_in = records(text, source=source, error=CloudReportError, max_field=limits.max_field)
    header_line, header = next(rows_in, (1, []))
    if not header:
        raise CloudReportError(f"the file is empty; {_ADVICE}.", source=source, line=1)
    names = [normalise_header(cell) for cell in header]
    _check_header(names, header, source=source, line=header_line)

    readers: list[tuple[int, str, str, Callable[[str], object]]] = []
    extras: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        if name in COLUMNS:
            attribute, reader = COLUMNS[name]
            if name in REPEATING:
                reader = _cells.Memo(reader).__getitem__
            readers.append((index, header[index].strip(), attribute, reader))
        else:
            extras.append((index, name))

    width = len(header)
    rows: list[CloudRow] = []
    problems: list[ParseError] = []
    for line, fields in rows_in:
        if len(fields) != width:
            problems.append(ragged(fields, width, source=source, line=line, error=CloudReportError))
            continue
        values: dict[str, object] = {}
        bad = False
        for index, shown, attribute, reader in readers:
            cell = fields[index]
            if not cell:
                continue  # an empty cell is the record's default: no reader call needed
            try:
                values[attribute] = reader(cell)
            except _cells.CellError as exc:
                problems.append(CloudReportError(str(exc), source=source, line=line, field=shown))
                bad = True
        if bad:
            continue
        extra = {name: fields[index] for index, name in extras} if extras else _NO_EXTRA
        rows.append(CloudRow(line=line, extra=extra, **values))  # type: ignore[arg-type]

    settle(problems, source=source, strict=strict)
    return CloudReport(
        source=source, rows=tuple(rows), columns=tuple(names), problems=tuple(problems)
    )


def _check_header(names: list[str], header: list[str], *, source: str, line: int) -> None:
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in seen:
            raise CloudReportError(
                f"the header has the column {header[index].strip()!r} twice (columns "
                f"{seen[name] + 1} and {index + 1}); remove one of them.",
                source=source,
                line=line,
            )
        seen[name] = index
    known = [name for name in names if name in COLUMNS]
    if not known:
        first = ", ".join(repr(cell.strip()) for cell in header[:3])
        raise CloudReportError(
            "this is not a GitHub Enterprise license usage report: it is a CSV whose header "
            f"has none of the license report's columns (it starts with {first}); {_ADVICE}.",
            source=source,
            line=line,
        )
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        raise CloudReportError(
            "this is not a GitHub Enterprise license usage report: its header lacks the "
            f"column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}; "
            f"{_ADVICE}.",
            source=source,
            line=line,
        )
