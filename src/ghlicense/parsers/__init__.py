"""Parsers: text or bytes in, frozen records out. None of them touches a file."""

from ghlicense.errors import CloudReportError
from ghlicense.parsers._text import decode
from ghlicense.parsers.cloud_csv import parse_cloud_csv
from ghlicense.parsers.cloud_json import parse_cloud_json
from ghlicense.parsers.server_export import parse_server_export
from ghlicense.records.cloud import CloudReport

__all__ = ["parse_cloud_csv", "parse_cloud_json", "parse_cloud_report", "parse_server_export"]


def parse_cloud_report(
    data: str | bytes, /, *, source: str = "cloud.csv", strict: bool = True
) -> CloudReport:
    """Parse a GHEC license report, CSV or REST JSON, told apart by its content.

    See :func:`parse_cloud_csv` and :func:`parse_cloud_json`.
    """
    text = decode(data, source=source, error=CloudReportError)
    if text.lstrip()[:1] in {"{", "["}:
        return parse_cloud_json(text, source=source, strict=strict)
    return parse_cloud_csv(text, source=source, strict=strict)
