"""Reading JSON text, and narrowing decoded JSON to the types a parser expects."""

from __future__ import annotations

import json
import re

from ghlicense.errors import ParseError
from ghlicense.limits import DEFAULT_LIMITS, json_depth_over

__all__ = ["child", "describe", "load", "load_documents", "syntax_problem"]

_PLAIN = {
    "Unterminated string starting at": "a text is not closed: the file may be cut short",
    "Expecting value": "a value is missing here",
    "Expecting ',' delimiter": "a comma is missing here, or the file is cut short",
    "Expecting ':' delimiter": "a colon is missing here",
    "Expecting property name enclosed in double quotes": (
        "a key in double quotes was expected here"
    ),
    "Extra data": "more text follows the end of the JSON",
}


def syntax_problem(exc: json.JSONDecodeError, /) -> str:
    """What a JSON syntax error means, in words a non-programmer can act on."""
    return _PLAIN.get(exc.msg, exc.msg)


def _check_depth(text: str, source: str, error: type[ParseError], max_depth: int) -> None:
    if json_depth_over(text, max_depth):
        raise error(
            f"the JSON is nested more than {max_depth} levels deep, which no license file "
            "is; check that this is the right file, or raise the limit (max_depth).",
            source=source,
        )


def load(
    text: str,
    /,
    *,
    source: str,
    error: type[ParseError],
    what: str,
    max_depth: int = DEFAULT_LIMITS.max_depth,
) -> object:
    """Decode *text*, raising *error* with the line and column of a syntax error."""
    if not text.strip():
        raise error(f"the file is empty; expected {what}.", source=source, line=1)
    _check_depth(text, source, error, max_depth)
    try:
        return _DECODER.decode(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise _syntax_error(exc, text, source=source, error=error, what=what) from exc
    except _NotJson:
        raise _constant_error(text, source=source, error=error, what=what) from None


def _syntax_error(
    exc: json.JSONDecodeError | RecursionError,
    text: str,
    /,
    *,
    source: str,
    error: type[ParseError],
    what: str,
) -> ParseError:
    """The error to raise for JSON that could not be decoded."""
    if isinstance(exc, RecursionError):
        return error(f"the JSON is nested too deeply to read; expected {what}.", source=source)
    if text.lstrip()[:1] == "<":
        return error(
            f"this is an HTML or XML page, not JSON; expected {what}. A browser may have "
            "saved a sign-in or error page instead of the file.",
            source=source,
            line=1,
        )
    return error(
        f"the file is not valid JSON ({syntax_problem(exc)}); expected {what}.",
        source=source,
        line=exc.lineno,
        column=exc.colno,
    )


_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


class _NotJson(ValueError):
    """``NaN`` or ``Infinity``: Python's decoder reads them, JSON has no such values."""


def _refuse(name: str) -> object:
    raise _NotJson(name)


_DECODER = json.JSONDecoder(parse_constant=_refuse)


def _constant_error(text: str, *, source: str, error: type[ParseError], what: str) -> ParseError:
    """The error for a ``NaN`` / ``Infinity`` outside strings, at its position."""
    found = next(match for match in _CONSTANT.finditer(text) if match.group(1))
    offset = found.start(1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return error(
        f"the file holds {found.group(1)}, which is not a JSON value (no GitHub file "
        f"holds it); expected {what}.",
        source=source,
        line=line,
        column=column,
    )


def child(pointer: str, key: str | int) -> str:
    """Extend a JSON Pointer by one step (escaping ``~`` and ``/``)."""
    step = str(key).replace("~", "~0").replace("/", "~1")
    return f"{pointer}/{step}"


def describe(value: object) -> str:
    """Name the JSON type of *value* for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def load_documents(
    text: str,
    /,
    *,
    source: str,
    error: type[ParseError],
    what: str,
    max_depth: int = DEFAULT_LIMITS.max_depth,
) -> list[tuple[int, object]]:
    """Decode one JSON document, or several concatenated; return ``(first_line, value)``."""
    if not text.strip():
        raise error(f"the file is empty; expected {what}.", source=source, line=1)
    _check_depth(text, source, error, max_depth)
    decoder = _DECODER
    documents: list[tuple[int, object]] = []
    position = 0
    end = len(text)
    while True:
        while position < end and text[position] in " \t\r\n":
            position += 1
        if position >= end:
            return documents
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise _syntax_error(exc, text, source=source, error=error, what=what) from exc
        except _NotJson:
            raise _constant_error(text, source=source, error=error, what=what) from None
        documents.append((line, value))
