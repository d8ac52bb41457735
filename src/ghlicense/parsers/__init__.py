"""Parsers: text or bytes in, frozen records out. None of them touches a file."""

from ghlicense.parsers.cloud_csv import parse_cloud_csv
from ghlicense.parsers.server_export import parse_server_export
from ghlicense.records.cloud import CloudReport

__all__ = ["parse_cloud_csv", "parse_cloud_report", "parse_server_export"]


def parse_cloud_report(
    data: str | bytes, /, *, source: str = "cloud.csv", strict: bool = True
) -> CloudReport:
    """Parse a GHEC license usage report (see :func:`parse_cloud_csv`)."""
    return parse_cloud_csv(data, source=source, strict=strict)
