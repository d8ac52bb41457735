"""Records of the GHEC license sync status (``GET /enterprises/{e}/license-sync-status``)."""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = ["SyncStatus", "SyncStatusReport"]


@attrs.frozen(kw_only=True)
class SyncStatus:
    """The last license sync of one GHES instance."""

    server_id: str | None = None
    hostname: str | None = None
    last_sync: dt.datetime | None = None
    status: str | None = None
    error: str | None = None


@attrs.frozen(kw_only=True)
class SyncStatusReport:
    """The sync status of every connected GHES instance."""

    source: str
    instances: tuple[SyncStatus, ...]
