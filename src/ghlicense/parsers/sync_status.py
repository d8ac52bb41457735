"""The GHEC license sync status JSON: when each GHES instance last synced, and how."""

from __future__ import annotations

import datetime as dt

from ghlicense.errors import SyncStatusError
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._json import child, describe, load
from ghlicense.parsers._text import decode
from ghlicense.records.sync import SyncStatus, SyncStatusReport

__all__ = ["parse_sync_status"]

_WHAT = "the license sync status (an object with 'server_instances')"


def parse_sync_status(
    data: str | bytes, /, *, source: str = "sync.json", limits: Limits = DEFAULT_LIMITS
) -> SyncStatusReport:
    """Parse ``license-sync-status``; dates are ISO 8601 (a time without zone is UTC).

    Raises:
        SyncStatusError: not JSON, the JSON *schema* of the response instead of a
            response, or a value of the wrong kind (with its JSON Pointer).
    """
    text = decode(data, source=source, error=SyncStatusError, limits=limits)
    document = load(
        text, source=source, error=SyncStatusError, what=_WHAT, max_depth=limits.max_depth
    )
    if isinstance(document, dict) and "server_instances" not in document:
        properties = document.get("properties")
        if isinstance(properties, dict) and "server_instances" in properties:
            raise SyncStatusError(
                "this is the JSON schema of the license sync status, not a response from "
                "the API; save the response of GET /enterprises/ENTERPRISE/license-sync-status.",
                source=source,
                pointer="/properties",
            )
    instances = document.get("server_instances") if isinstance(document, dict) else None
    if not isinstance(instances, list):
        raise SyncStatusError(
            f"expected {_WHAT}, found {describe(document)}"
            + (" without a 'server_instances' list." if isinstance(document, dict) else "."),
            source=source,
            pointer="",
        )
    statuses = []
    for index, item in enumerate(instances):
        at = child("/server_instances", index)
        if not isinstance(item, dict):
            raise SyncStatusError(
                f"an instance should be an object, not {describe(item)}.", source=source, pointer=at
            )
        last = item.get("last_sync")
        last = last if isinstance(last, dict) else {}
        statuses.append(
            SyncStatus(
                server_id=_text(item.get("server_id"), child(at, "server_id"), source),
                hostname=_text(item.get("hostname"), child(at, "hostname"), source),
                last_sync=_when(last.get("date"), child(child(at, "last_sync"), "date"), source),
                status=_text(last.get("status"), child(child(at, "last_sync"), "status"), source),
                error=_text(last.get("error"), child(child(at, "last_sync"), "error"), source),
            )
        )
    return SyncStatusReport(source=source, instances=tuple(statuses))


def _text(value: object, pointer: str, source: str) -> str | None:
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    raise SyncStatusError(f"expected text, not {describe(value)}.", source=source, pointer=pointer)


def _when(value: object, pointer: str, source: str) -> dt.datetime | None:
    text = _text(value, pointer, source)
    try:
        return _cells.read_datetime(text or "")
    except _cells.CellError as exc:
        raise SyncStatusError(str(exc), source=source, pointer=pointer) from exc
