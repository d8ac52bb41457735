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


def _first_two(text: str) -> list[str]:
    """The first two lines of *text* that are not blank (fewer if it has fewer)."""
    found: list[str] = []
    for line in text[:_LOOK].split("\n"):
        if line.strip():
            found.append(line)
            if len(found) == 2:
                break
    return found


def table_later(text: str) -> int | None:
    """The line where a Markdown table starts after other text (a page's title, a
    sentence), or ``None``: no table, or one from the first line."""
    lines = text[:_LOOK].split("\n")
    previous: tuple[int, str] | None = None  # the last line that was not blank
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if previous is not None and _is_delimiter_row(line):
            start, header = previous
            if len(cells(header)) == len(cells(line)):
                return start if start > _first_line(lines) else None
        previous = (number, line)
    return None


def _first_line(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, start=1) if line.strip()), 1)


def is_table(text: str) -> bool:
    """Whether *text* is a Markdown table: a header row, then a delimiter row of as many
    cells (a CSV's second line is never only dashes and pipes)."""
    first = _first_two(text)
    return (
        len(first) == 2
        and _is_delimiter_row(first[1])
        and len(cells(first[0])) == len(cells(first[1]))
    )


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
