"""Reading JSON text, and narrowing decoded JSON to the types a parser expects."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import attrs

from ghlicense.errors import ParseError
from ghlicense.limits import DEFAULT_LIMITS, json_depth_over

__all__ = [
    "Repeats",
    "Twice",
    "child",
    "describe",
    "load",
    "load_documents",
    "refuse_unclaimed",
    "syntax_problem",
    "twice_error",
]

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
    repeats: Repeats | None = None,
) -> object:
    """Decode *text*, raising *error* with the line and column of a syntax error.

    A key given twice in one object goes to *repeats* for the parser to set its record
    aside; without *repeats* it is an *error* of the file.
    """
    if not text.strip():
        raise error(f"the file is empty; expected {what}.", source=source, line=1)
    _check_depth(text, source, error, max_depth)
    found: list[_TwiceObject] = []
    try:
        value = _decoder(found).decode(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise _syntax_error(exc, text, source=source, error=error, what=what) from exc
    except _NotJson:
        raise _constant_error(text, source=source, error=error, what=what) from None
    _collect(found, [(1, value)], repeats, source=source, error=error)
    return value


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


class _TwiceObject(dict[str, object]):
    """A decoded JSON object that had a key twice (the last value kept, as JSON does)."""

    __slots__ = ("twice",)
    twice: tuple[str, object, object]


def _decoder(found: list[_TwiceObject]) -> json.JSONDecoder:
    """A decoder that refuses NaN/Infinity and remembers each object with a key twice.

    An object whose keys are all different costs one dictionary and one length check.
    """

    def make(pairs: list[tuple[str, object]]) -> dict[str, object]:
        made = dict(pairs)
        if len(made) == len(pairs):
            return made
        seen: dict[str, object] = {}
        twice = _TwiceObject(made)
        for key, value in pairs:
            if key in seen:
                twice.twice = (key, seen[key], value)
                break
            seen[key] = value
        found.append(twice)
        return twice

    return json.JSONDecoder(object_pairs_hook=make, parse_constant=_refuse)


@attrs.frozen
class Twice:
    """A key given twice in one JSON object: which value was meant cannot be told."""

    line: int
    """The first line of the document that holds it."""
    pointer: str
    """The JSON Pointer of the object."""
    key: str
    first: object
    second: object

    @property
    def reason(self) -> str:
        """The problem, as a sentence."""
        return (
            f"the key {self.key!r} is given twice in one object ({describe(self.first)}, "
            f"then {describe(self.second)}); which one is meant cannot be told: correct the "
            "file or download it again."
        )


class Repeats:
    """The keys given twice in a file, for its parser to set aside the records they are in.

    A parser asks :meth:`under` for each record; what no record claims is a problem of
    the file as a whole (:meth:`unclaimed`).
    """

    def __init__(self) -> None:
        self.items: list[Twice] = []
        self.claimed: set[int] = set()
        self._within: dict[tuple[int, str], list[int]] | None = None

    def __bool__(self) -> bool:
        return bool(self.items)

    def under(self, pointer: str, line: int = 1) -> Twice | None:
        """The first key given twice inside the record at *pointer* (claimed), if any.

        Each item is indexed once under every pointer that contains it, so a record is
        one lookup however many keys are given twice.
        """
        if self._within is None:
            self._within = {}
            for index, item in enumerate(self.items):
                parts = item.pointer.split("/")
                for end in range(1, len(parts) + 1):
                    self._within.setdefault((item.line, "/".join(parts[:end])), []).append(index)
        found = self._within.get((line, pointer), ())
        self.claimed.update(found)
        return self.items[found[0]] if found else None

    def unclaimed(self) -> Twice | None:
        """The first key given twice that no record claimed."""
        return next(
            (item for index, item in enumerate(self.items) if index not in self.claimed), None
        )


def twice_error(
    twice: Twice, error: type[ParseError], /, *, source: str, line: int | None
) -> ParseError:
    """The problem of the record holding *twice*: the key's place and the sentence."""
    return error(twice.reason, source=source, line=line, pointer=child(twice.pointer, twice.key))


def refuse_unclaimed(
    repeats: Repeats, error: type[ParseError], /, *, source: str, several: bool
) -> None:
    """Raise *error* for a key given twice outside every record (a page's, the file's own)."""
    twice = repeats.unclaimed() if repeats else None
    if twice is not None:
        raise twice_error(twice, error, source=source, line=twice.line if several else None)


def _pointers(value: object, wanted: dict[int, _TwiceObject], line: int) -> Iterator[Twice]:
    """Each object of *wanted* found in *value*, with its pointer (a walk of the whole tree)."""
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, pointer = stack.pop()
        if isinstance(item, dict):
            twice = wanted.get(id(item))
            if twice is not None:
                key, first, second = twice.twice
                yield Twice(line=line, pointer=pointer, key=key, first=first, second=second)
            stack.extend((v, child(pointer, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, child(pointer, i)) for i, v in enumerate(item))


def _collect(
    found: list[_TwiceObject],
    documents: list[tuple[int, object]],
    repeats: Repeats | None,
    *,
    source: str,
    error: type[ParseError],
) -> None:
    """Hand the keys given twice to *repeats*, or refuse the file when there is none."""
    if not found:
        return
    wanted = {id(item): item for item in found}
    twice = sorted(
        (t for line, document in documents for t in _pointers(document, wanted, line)),
        key=lambda t: (t.line, t.pointer),
    )
    if repeats is None:
        line = twice[0].line if len(documents) > 1 else None
        raise twice_error(twice[0], error, source=source, line=line)
    repeats.items.extend(twice)


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
    repeats: Repeats | None = None,
) -> list[tuple[int, object]]:
    """Decode one JSON document, or several concatenated; return ``(first_line, value)``.

    Keys given twice are handled as by :func:`load`.
    """
    if not text.strip():
        raise error(f"the file is empty; expected {what}.", source=source, line=1)
    _check_depth(text, source, error, max_depth)
    found: list[_TwiceObject] = []
    decoder = _decoder(found)
    documents: list[tuple[int, object]] = []
    position = 0
    end = len(text)
    while True:
        while position < end and text[position] in " \t\r\n":
            position += 1
        if position >= end:
            _collect(found, documents, repeats, source=source, error=error)
            return documents
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise _syntax_error(exc, text, source=source, error=error, what=what) from exc
        except _NotJson:
            raise _constant_error(text, source=source, error=error, what=what) from None
        documents.append((line, value))
