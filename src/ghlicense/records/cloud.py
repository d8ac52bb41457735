"""Records of the GitHub Enterprise Cloud license usage report (CSV or REST JSON)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

import attrs

from ghlicense.errors import ParseError

__all__ = ["CloudReport", "CloudRow", "ServerId"]


@attrs.frozen(kw_only=True)
class ServerId:
    """One GHES account as the cloud report names it.

    The report writes ``USER_ID:HOSTNAME:ROLE``; GitHub's API example ``HOSTNAME:USER_ID``
    and some clients a bare ``USER_ID`` (``host`` is then ``None``).
    """

    user_id: int
    host: str | None = None
    role: str | None = None

    def __str__(self) -> str:
        text = f"{self.user_id}:{self.host}" if self.host is not None else str(self.user_id)
        return f"{text}:{self.role}" if self.role is not None else text


@attrs.frozen
class CloudRow:
    """One license consumer of the cloud report, after GitHub's own matching.

    Empty cells are ``None`` (scalars) or ``()`` (lists). Columns ghlicense does not know
    are kept in :attr:`CloudRow.extra` under their normalised header name.

    Build rows with keywords. (The parsers pass the fields by position, in this order,
    which is faster; new fields will only ever be added at the end.)
    """

    line: int
    """The row's first line in the source (CSV), or its 1-based position (JSON)."""
    login: str | None = None
    name: str | None = None
    server_ids: tuple[ServerId, ...] = ()
    github_com_user: bool | None = None
    enterprise_server_user: bool | None = None
    visual_studio_subscription_user: bool | None = None
    license_type: str | None = None
    profile: str | None = None
    member_roles: tuple[str, ...] = ()
    enterprise_roles: tuple[str, ...] = ()
    verified_domain_emails: tuple[str, ...] = ()
    saml_name_id: str | None = None
    orgs_with_pending_invites: tuple[str, ...] = ()
    two_factor_auth: bool | None = None
    two_factor_auth_required_by_date: dt.date | None = None
    cost_center: str | None = None
    server_primary_emails: tuple[str, ...] = ()
    visual_studio_license_status: str | None = None
    visual_studio_subscription_email: str | None = None
    total_user_accounts: int | None = None
    extra: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class CloudReport:
    """A whole cloud license usage report.

    ``problems`` is empty unless the report was parsed with ``strict=False``: then it
    lists every row that was set aside, and why.
    """

    source: str
    rows: tuple[CloudRow, ...]
    columns: tuple[str, ...] = ()
    """The normalised header, in file order (CSV only)."""
    total_seats_consumed: int | None = None
    """GitHub's own total, where the input carries it (REST JSON)."""
    total_seats_purchased: int | None = None
    problems: tuple[ParseError, ...] = ()
    format: Literal["csv", "rest"] | None = None
    """Which copy of the report this is: the Licensing page's CSV, or REST API pages
    (``None`` for a report built by hand)."""
