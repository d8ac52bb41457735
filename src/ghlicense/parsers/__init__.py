"""Parsers: text or bytes in, frozen records out. None of them touches a file."""

from ghlicense.errors import CloudReportError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers._text import decode
from ghlicense.parsers.cloud_csv import parse_cloud_csv
from ghlicense.parsers.cloud_json import parse_cloud_json
from ghlicense.parsers.identities import parse_identities
from ghlicense.parsers.server_export import parse_server_export
from ghlicense.parsers.server_users_csv import parse_server_users_csv
from ghlicense.parsers.sniff import FORMAT_NAMES, Format, Parsed, detect_format, parse_any
from ghlicense.parsers.sync_status import parse_sync_status
from ghlicense.parsers.visual_studio import parse_visual_studio
from ghlicense.records.cloud import CloudReport

__all__ = [
    "FORMAT_NAMES",
    "Format",
    "Parsed",
    "detect_format",
    "parse_any",
    "parse_cloud_csv",
    "parse_cloud_json",
    "parse_cloud_report",
    "parse_identities",
    "parse_server_export",
    "parse_server_users_csv",
    "parse_sync_status",
    "parse_visual_studio",
]


@paused_gc
def parse_cloud_report(
    data: str | bytes,
    /,
    *,
    source: str = "cloud.csv",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> CloudReport:
    """Parse a GHEC license report, CSV or REST JSON, told apart by its content.

    See :func:`parse_cloud_csv` and :func:`parse_cloud_json`.
    """
    text = decode(data, source=source, error=CloudReportError, limits=limits)
    if text.lstrip()[:1] in {"{", "["}:
        return parse_cloud_json(text, source=source, strict=strict, limits=limits)
    return parse_cloud_csv(text, source=source, strict=strict, limits=limits)
