"""Records of GitHub Enterprise Server license usage exports and user reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from ghlicense.errors import ParseError

__all__ = ["ConnectFeature", "ServerEmail", "ServerExport", "ServerInstance", "ServerUser"]


@attrs.frozen(kw_only=True)
class ConnectFeature:
    """A GitHub Connect feature enabled on the instance, and since when (if known)."""

    name: str
    enabled_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class ServerInstance:
    """The instance block of a GHES license usage export."""

    host_name: str | None = None
    server_id: str | None = None
    http_only: bool | None = None
    version: str | None = None
    license: str | None = None
    public_key: str | None = attrs.field(default=None, repr=False)
    features: tuple[ConnectFeature, ...] = ()
    extra: Mapping[str, object] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def label(self) -> str:
        """The name to show for the instance: its host name, else its server id."""
        return self.host_name or self.server_id or "(unnamed instance)"


@attrs.frozen(kw_only=True)
class ServerEmail:
    """One address of a GHES user; only the primary one counts for licensing."""

    address: str
    primary: bool = False


@attrs.frozen(kw_only=True)
class ServerUser:
    """One GHES user account."""

    user_id: int
    emails: tuple[ServerEmail, ...] = ()
    login: str | None = None
    profile_name: str | None = None
    site_admin: bool | None = None
    created_at: dt.datetime | None = None
    suspended: bool = False
    position: str = ""
    """Where the user is in the source: a JSON Pointer or ``line N``."""
    extra: Mapping[str, object] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def primary_email(self) -> str | None:
        """The first address marked primary, or ``None``."""
        for email in self.emails:
            if email.primary:
                return email.address
        return None


@attrs.frozen(kw_only=True)
class ServerExport:
    """A GHES instance and its users, from an export or the site-admin users report."""

    source: str
    instance: ServerInstance
    users: tuple[ServerUser, ...]
    problems: tuple[ParseError, ...] = ()
