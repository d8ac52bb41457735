"""Reading CSV text record by record, with each record's first line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain

from ghlicense.errors import ParseError
from ghlicense.limits import DEFAULT_LIMITS
from ghlicense.parsers._markdown import is_table, table_later, table_rows

__all__ = ["ragged", "records", "refuse_table_later", "separator"]


def records(
    text: str, /, *, source: str, error: type[ParseError], max_field: int = DEFAULT_LIMITS.max_field
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first_line, fields)`` for every non-blank record of *text*.

    Broken quoting raises *error* at the record where it starts. The separator is a
    comma, or a semicolon or a tab when the first line has no comma but one of those
    (a spreadsheet's save in a locale whose decimal mark is the comma); a Markdown table
    (the file pasted into a wiki page or an issue) is read row by row.
    """
    delimiter = separator(text)
    if delimiter == "|":
        for first_line, fields in table_rows(text):
            if sum(map(len, fields)) > max_field:
                _refuse_long(fields, max_field, source=source, line=first_line, error=error)
            if any(fields):
                yield first_line, fields
        return
    refuse_table_later(text, source=source, error=error)
    reader = csv.reader(_lines(text), strict=True, delimiter=delimiter)
    last_line = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise error(
                    f"a field is longer than {csv.field_size_limit():,} characters, which no "
                    "license file has; check that this is the right file.",
                    source=source,
                    line=last_line + 1,
                ) from exc
            raise error(
                f"the CSV quoting is broken ({exc}); check this record's quote characters.",
                source=source,
                line=last_line + 1,
            ) from exc
        first_line, last_line = last_line + 1, reader.line_num
        if sum(map(len, fields)) > max_field:
            _refuse_long(fields, max_field, source=source, line=first_line, error=error)
        if fields and any(fields):
            yield first_line, fields


def refuse_table_later(text: str, /, *, source: str, error: type[ParseError]) -> None:
    """Raise *error* when *text* is a page with a Markdown table after other text (a
    title, a sentence): the table alone is a license file, the page is not."""
    later = table_later(text)
    if later is not None:
        raise error(
            f"the file holds a Markdown table from line {later}, after other text; keep "
            "only the table (its header row first) and try again.",
            source=source,
            line=later,
        )


def _refuse_long(
    fields: list[str], max_field: int, /, *, source: str, line: int, error: type[ParseError]
) -> None:
    """Raise *error* if one of *fields* (whose lengths add up to more than *max_field*)
    is longer than *max_field*."""
    longest = max(fields, key=len)
    if len(longest) > max_field:
        raise error(
            f"field {fields.index(longest) + 1} is {len(longest):,} characters long, "
            f"more than the limit of {max_field:,}; check that this is the right "
            "file, or raise the limit (max_field).",
            source=source,
            line=line,
        )


def separator(text: str, /) -> str:
    """The separator of *text*'s cells: ``|`` for a Markdown table, else told from its
    first line: ``,``, ``;`` or a tab."""
    if is_table(text):
        return "|"
    end = text.find("\n", 0, 65536)
    first = text[: end if end >= 0 else 65536]
    if "," in first:
        return ","
    for candidate in (";", "\t"):
        if candidate in first:
            return candidate
    return ","


_SLICE = 2**20
"""Characters of text turned into lines at a time."""


def _lines(text: str, size: int = _SLICE) -> Iterator[str]:
    """The lines of *text* exactly as ``io.StringIO(text, newline="")`` gives them.

    A StringIO keeps four bytes per character, so one over a whole 200 MB report would
    cost 800 MB; the text is instead cut after a newline about every megabyte, and each
    piece read by its own StringIO (the lines still come from C, not from Python code).
    """
    return chain.from_iterable(map(_piece_lines, _pieces(text, size)))


def _piece_lines(piece: str) -> io.StringIO:
    return io.StringIO(piece, newline="")


def _pieces(text: str, size: int) -> Iterator[str]:
    start, end = 0, len(text)
    while start < end:
        cut = text.find("\n", start + size)  # after a newline: "\r\n" is never split
        cut = end if cut < 0 else cut + 1
        yield text[start:cut]
        start = cut


_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "| between cells"}


def ragged(
    fields: list[str],
    width: int,
    /,
    *,
    source: str,
    line: int,
    error: type[ParseError],
    separator: str = ",",
) -> ParseError:
    """The problem of a record whose field count differs from the header's (*separator*:
    the text's, from :func:`separator`)."""
    return error(
        f"the row has {len(fields)} fields but the header has {width} columns; check for a "
        f"missing or extra {_SEPARATOR_NAMES.get(separator, 'separator')}.",
        source=source,
        line=line,
    )
