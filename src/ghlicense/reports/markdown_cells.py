"""Text made safe for a cell of a Markdown table."""

from __future__ import annotations

import re

__all__ = ["cell"]

_MARKUP = re.compile(r"([\\`*_\[\]<|~])")


def cell(text: str, /) -> str:
    """*text* for a Markdown table cell: markup and ``|`` escaped, on one line."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))
