"""Markdown pipe tables: a license file pasted into a wiki page, an issue or a chat.

A table as GitHub-flavoured Markdown writes it: a header row, a delimiter row of dashes
(``|---|:--:|``), then one row a line; the outer pipes are optional and ``\\|`` is a
pipe inside a cell. Its rows are read as a CSV's records, with their true line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["is_table", "table_later", "table_rows"]

_DELIMITER_CELL = re.compile(r":?-+:?")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_LOOK = 65536
"""How far into the text the header and delimiter rows are looked for."""


def cells(line: str) -> list[str]:
    """The cells of one table row, trimmed, with ``\\|`` read as ``|``."""
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    if "\\|" not in row:
        return [cell.strip() for cell in row.split("|")]
    return [cell.replace("\\|", "|").strip() for cell in _UNESCAPED_PIPE.split(row)]


def _is_delimiter_row(line: str) -> bool:
    return "|" in line and all(_DELIMITER_CELL.fullmatch(cell) for cell in cells(line))


def _find(text: str) -> tuple[int, int | None]:
    """The first line of *text* that is not blank, and the line of the first table's
    header row (``None``: no table), both within the first :data:`_LOOK` characters.

    A header row is a line followed by a delimiter row of as many cells (a CSV's lines
    are never only dashes and pipes).
    """
    first = 0
    previous = ""  # the last line that was not blank
    previous_number = 0
    for number, line in enumerate(text[:_LOOK].split("\n"), start=1):
        if not line.strip():
            continue
        if not first:
            first = number
        elif _is_delimiter_row(line) and len(cells(previous)) == len(cells(line)):
            return first, previous_number
        previous, previous_number = line, number
    return first or 1, None


def is_table(text: str) -> bool:
    """Whether *text* is a Markdown table from its first line that is not blank."""
    first, table = _find(text)
    return table == first


def table_later(text: str) -> int | None:
    """The line where a Markdown table starts after other text (a page's title, a
    sentence), or ``None``: no table, or one from the first line."""
    first, table = _find(text)
    return table if table is not None and table > first else None


def table_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for the header and every row of the table *text*.

    The delimiter row is left out. A row with fewer cells than the header is given
    empty ones, as Markdown shows it; a row with more keeps them all, for the parser
    to report (nothing is dropped). Blank lines are skipped.
    """
    width = 0
    delimiter_seen = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        row = cells(line)
        if not width:
            width = len(row)
        elif not delimiter_seen:
            delimiter_seen = True
            continue
        elif len(row) < width:
            row += [""] * (width - len(row))
        yield number, row
