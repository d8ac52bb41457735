"""Limits checked before any expensive work, so that a hostile file cannot exhaust memory."""

from __future__ import annotations

import re

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits", "json_depth_over"]


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
