"""The GHEC license usage report, as the CSV file GitHub's Licensing page downloads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress, repeat
from types import MappingProxyType

import attrs

from ghlicense.errors import CloudReportError, ParseError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._cloud_columns import COLUMNS, REPEATING, REQUIRED, normalise_header
from ghlicense.parsers._csv import ragged, records, separator
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


@paused_gc
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
    delimiter = separator(text)  # for the messages of rows with too few or many cells
    rows_in = records(text, source=source, error=CloudReportError, max_field=limits.max_field)
    header_line, header = next(rows_in, (1, []))
    if not header:
        raise CloudReportError(f"the file is empty; {_ADVICE}.", source=source, line=1)
    names = [normalise_header(cell) for cell in header]
    _check_header(names, header, source=source, line=header_line)

    plan = _plan(names, header)
    extras = [(index, name) for index, name in enumerate(names) if name not in COLUMNS]
    names_of_extras = tuple(name for _, name in extras)
    # Rows that agree on their unknown columns share one read-only mapping.
    extra_of = _cells.Memo[tuple[str, ...], Mapping[str, str]](
        lambda cells: MappingProxyType(dict(zip(names_of_extras, cells, strict=True)))
    ).__getitem__
    width = len(header)
    rows: list[CloudRow] = []
    found: list[tuple[int, int, ParseError]] = []  # (line, column, problem), sorted below
    lines: list[int] = []
    chunk: list[list[str]] = []
    for line, fields in rows_in:
        if len(fields) != width:
            found.append(
                (
                    line,
                    -1,
                    ragged(
                        fields,
                        width,
                        source=source,
                        line=line,
                        error=CloudReportError,
                        separator=delimiter,
                    ),
                )
            )
            continue
        lines.append(line)
        chunk.append(fields)
        if len(chunk) == _CHUNK:
            rows += _read_chunk(
                lines,
                chunk,
                plan=plan,
                extras=extras,
                extra_of=extra_of,
                source=source,
                found=found,
            )
            lines, chunk = [], []
    if chunk:
        rows += _read_chunk(
            lines, chunk, plan=plan, extras=extras, extra_of=extra_of, source=source, found=found
        )
    found.sort(key=_place)
    problems = [problem for _, _, problem in found]

    settle(problems, source=source, strict=strict)
    return CloudReport(
        source=source,
        rows=tuple(rows),
        columns=tuple(names),
        problems=tuple(problems),
        format="csv",
    )


_CHUNK = 2048
"""Rows read together, column by column: fast, while only a chunk of cells is in memory."""

_Slot = tuple[int, str, Callable[[str], object]] | None
"""How a :class:`CloudRow` field is read: (column, header as written, reader), or absent."""

_FIELDS = tuple(field for field in attrs.fields(CloudRow) if field.name not in {"line", "extra"})
_ATTRIBUTE_COLUMNS = {attribute: name for name, (attribute, _) in COLUMNS.items()}


def _plan(names: list[str], header: list[str]) -> list[_Slot]:
    """For each field of :class:`CloudRow` in order, the column that fills it."""
    index_of = {name: index for index, name in enumerate(names)}
    plan: list[_Slot] = []
    for field in _FIELDS:
        name = _ATTRIBUTE_COLUMNS[field.name]
        index = index_of.get(name)
        if index is None:
            plan.append(None)
            continue
        reader = COLUMNS[name][1]
        if name in REPEATING:
            reader = _cells.Memo(reader).__getitem__
        plan.append((index, header[index].strip(), reader))
    return plan


def _read_chunk(
    lines: list[int],
    chunk: list[list[str]],
    *,
    plan: list[_Slot],
    extras: list[tuple[int, str]],
    extra_of: Callable[[tuple[str, ...]], Mapping[str, str]],
    source: str,
    found: list[tuple[int, int, ParseError]],
) -> Iterator[CloudRow]:
    """The rows of a chunk, each column read by one ``map``; rows with a bad cell left out."""
    columns = list(zip(*chunk, strict=True))
    arguments: list[Iterable[object]] = [lines]
    bad: set[int] = set()
    for field, slot in zip(_FIELDS, plan, strict=True):
        if slot is None:
            arguments.append(repeat(field.default))
            continue
        index, shown, reader = slot
        try:
            arguments.append(list(map(reader, columns[index])))
        except _cells.CellError:  # find every bad cell of the column, then go on
            values: list[object] = []
            for position, cell in enumerate(columns[index]):
                try:
                    values.append(reader(cell))
                except _cells.CellError as exc:
                    line = lines[position]
                    problem = CloudReportError(str(exc), source=source, line=line, field=shown)
                    found.append((line, index, problem))
                    bad.add(position)
                    values.append(None)
            arguments.append(values)
    if extras:
        cells = zip(*(columns[index] for index, _ in extras), strict=True)
        arguments.append(list(map(extra_of, cells)))
    else:
        arguments.append(repeat(_NO_EXTRA))
    if bad:
        keep = [position not in bad for position in range(len(lines))]
        arguments = [compress(values, keep) for values in arguments]
    return map(CloudRow, *arguments)


def _place(found: tuple[int, int, ParseError]) -> tuple[int, int]:
    return found[0], found[1]


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
