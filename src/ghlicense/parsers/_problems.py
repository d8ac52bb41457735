"""Row problems: raised together in strict mode, returned beside the data otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from ghlicense.errors import ParseError, ParseErrors

__all__ = ["settle"]


def settle(
    problems: Sequence[ParseError], /, *, source: str, strict: bool
) -> tuple[ParseError, ...]:
    """Raise every problem as one :class:`ParseErrors` when *strict*; else return them."""
    if problems and strict:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise ParseErrors(f"{source}: {count}", problems)
    return tuple(problems)
