"""Records of Visual Studio subscribers (admin-portal export, bulk-add template, REST)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from ghlicense.errors import ParseError

__all__ = ["VisualStudioList", "VisualStudioSubscriber"]


@attrs.frozen(kw_only=True)
class VisualStudioSubscriber:
    """One subscription, known by its sign-in address (UPN)."""

    upn: str
    name: str | None = None
    notification_email: str | None = None
    group: str | None = None
    level: str | None = None
    assigned: dt.datetime | None = None
    activated: dt.datetime | None = None
    expires: dt.datetime | None = None
    status: str | None = None
    usage_status: str | None = None
    subscription_id: str | None = None
    github_login: str | None = None
    """The GitHub login GitHub matched the subscription to (REST only)."""
    manual_match: bool | None = None
    position: str = ""
    """``line N`` (CSV) or a JSON Pointer."""
    extra: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class VisualStudioList:
    """The subscribers of one file."""

    source: str
    subscribers: tuple[VisualStudioSubscriber, ...]
    date_order: str | None = None
    """How ``dd/mm`` dates were read, and why (CSV only)."""
    total_count: int | None = None
    problems: tuple[ParseError, ...] = ()
    unassigned: int = 0
    """Rows of the portal export with no email, or marked unassigned: subscriptions
    assigned to no one, which are no subscribers (CSV only)."""
