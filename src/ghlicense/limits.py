"""Limits checked before any expensive work, so that a hostile file cannot exhaust memory."""

from __future__ import annotations

import re
from typing import Protocol

import attrs

__all__ = [
    "DEFAULT_LIMITS",
    "InputTooLarge",
    "Limits",
    "Readable",
    "json_depth_over",
    "read_bounded",
]


@attrs.frozen(kw_only=True)
class Limits:
    """How large an input, one field of it, and its JSON nesting may be.

    No legitimate license file comes near these; raise them for a file that really does.
    """

    max_bytes: int = 2 * 2**30
    """The largest input, in bytes (characters for text)."""
    max_field: int = 64 * 2**10
    """The longest CSV field, in characters (JSON files are bounded by ``max_bytes``)."""
    max_depth: int = 64
    """The deepest JSON nesting of arrays and objects."""


DEFAULT_LIMITS = Limits()

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_ASCII_NOT_BRACKET = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if chr(c) not in "[]{}")
)


def _depth_over(brackets: str, limit: int) -> bool:
    for _ in range(limit):
        if not brackets:
            return False
        shorter = brackets.replace("[]", "").replace("{}", "")
        if shorter == brackets:  # unbalanced: the JSON parser will say where
            return False
        brackets = shorter
    return bool(brackets)


def json_depth_over(text: str, limit: int, /) -> bool:
    """Whether *text* (JSON) nests arrays and objects deeper than *limit*.

    Everything but brackets is dropped, then innermost pairs are removed one level per
    pass: C-speed string operations, at most *limit* passes. Brackets inside strings
    are counted only in a first, fast estimate; a file that seems too deep is checked
    again with its strings blanked.
    """
    brackets = text.translate(_ASCII_NOT_BRACKET)
    if not brackets.isascii():
        brackets = _NOT_BRACKET.sub("", brackets)
    if not _depth_over(brackets, limit):
        return False
    return _depth_over(_NOT_BRACKET.sub("", _STRING.sub("", text)), limit)


class InputTooLarge(Exception):
    """A stream held more bytes than the limit; :func:`read_bounded` read no further."""


_CHUNK = 2**20


class Readable(Protocol):
    """Anything with a binary ``read(size)``: a file, a pipe, standard input's buffer."""

    def read(self, size: int, /) -> bytes: ...  # pragma: no cover - a protocol


def read_bounded(stream: Readable, /, *, limit: int, size: int | None = None) -> bytes:
    """Read all of *stream*, but never more than *limit* bytes plus one.

    Works the same on a regular file, a pipe, a FIFO or a device that never ends
    (``/dev/zero``): memory stays bounded by *limit*. *size*, when the caller knows it
    (a regular file's size), lets a file that fits be read in one piece; a file that
    grows past it is still read only up to the limit.

    Raises:
        InputTooLarge: the stream holds more than *limit* bytes.
    """
    if limit < 0:
        raise ValueError(limit)
    if size is not None and size > limit:
        raise InputTooLarge
    want = (size if size is not None else _CHUNK) + 1
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = stream.read(min(want, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
        if total > limit:
            raise InputTooLarge
        want = _CHUNK
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)
