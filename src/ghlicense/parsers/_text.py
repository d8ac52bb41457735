"""Turning the bytes or text a caller hands in into text, safely."""

from __future__ import annotations

import codecs

from ghlicense.errors import ParseError
from ghlicense.limits import DEFAULT_LIMITS, Limits

__all__ = ["decode"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decode(
    data: str | bytes,
    /,
    *,
    source: str,
    error: type[ParseError] = ParseError,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    """Return *data* as text without a byte order mark.

    Bytes are read as UTF-8 (with or without a BOM), or as UTF-16/32 when they start
    with that encoding's BOM. Anything else is refused with an *error* that says what
    the file looks like, rather than read as mojibake.
    """
    if len(data) > limits.max_bytes:
        raise error(
            f"the file is {len(data):,} bytes, more than the limit of {limits.max_bytes:,}; "
            "no license file is that large: check that this is the right file, or raise "
            "the limit (max_bytes, --max-file-size).",
            source=source,
        )
    if isinstance(data, str):
        text = data[1:] if data.startswith("\ufeff") else data
    else:
        text = _decode_bytes(data, source=source, error=error)
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _position(text, nul)
        raise error(
            "the file contains NUL characters, so it is binary or UTF-16 text without a "
            "byte order mark; save it as UTF-8 text and try again.",
            source=source,
            line=line,
            column=column,
        )
    return text


def _decode_bytes(data: bytes, /, *, source: str, error: type[ParseError]) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                raise error(
                    f"the file starts like {encoding.upper()} text but byte {exc.start} "
                    "cannot be read in that encoding; save it again as UTF-8.",
                    source=source,
                ) from exc
    if data.startswith(b"PK\x03\x04"):
        if b"xl/" in data[:65536]:
            raise error(
                "this is an Excel workbook (.xlsx), not a CSV file; open it and save it as "
                "'CSV UTF-8 (Comma delimited)', then pass that file.",
                source=source,
            )
        raise error(
            "this is a ZIP archive, not a text file; extract it and pass the file inside.",
            source=source,
        )
    if data.startswith(b"\x1f\x8b"):
        raise error(
            "this is a gzip-compressed file, not a text file; decompress it (gunzip) and "
            "pass the file inside.",
            source=source,
        )
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise error(
            "this is an Excel 97-2003 workbook (.xls) or another Office file, not a CSV "
            "file; open it and save it as 'CSV UTF-8 (Comma delimited)', then pass that file.",
            source=source,
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        head = data[:nul].decode("utf-8", errors="replace")
        line, column = _position(head, len(head))
        raise error(
            "the file contains NUL bytes, so it is binary or UTF-16 text without a byte "
            "order mark; save it as UTF-8 text and try again.",
            source=source,
            line=line,
            column=column,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8")
        line, column = _position(head, len(head))
        raise error(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read); "
            "save it as UTF-8 and try again.",
            source=source,
            line=line,
            column=column,
        ) from exc
