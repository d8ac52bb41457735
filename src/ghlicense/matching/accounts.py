"""The accounts the matching pipeline joins into persons.

Every input names accounts: GHEC accounts and invitations (the cloud report), GHES
accounts (exports, or the cloud report when no export of that instance is given) and
Visual Studio subscriptions. Each account has a stable :attr:`id`; the same id from two
places is one account.
"""

from __future__ import annotations

import datetime as dt
from typing import NewType

import attrs

from ghlicense.emails import EmailKey, email_key

__all__ = [
    "Account",
    "AccountId",
    "CloudAccount",
    "Invitation",
    "ServerAccount",
    "Unplaced",
    "VisualStudioSubscription",
]

AccountId = NewType("AccountId", str)
"""``cloud:LOGIN``, ``server:HOST:USER_ID``, ``invitation:INVITEE`` or ``vs:UPN``."""

_NON_CONSUMING_ROLES = frozenset(
    {
        "billing manager",
        "guest collaborator",
        "unaffiliated user",
        "unlinked visual studio license subscription",
    }
)


@attrs.frozen(kw_only=True)
class CloudAccount:
    """A GitHub Enterprise Cloud user account, from one row of the cloud report."""

    login: str
    name: str | None = None
    verified_emails: tuple[str, ...] = ()
    """Emails of the account on the enterprise's verified domains (as the report shows)."""
    saml_name_id: str | None = None
    enterprise_roles: tuple[str, ...] = ()
    member_roles: tuple[str, ...] = ()
    license_type: str | None = None
    """The license type GitHub's report gives the row (``None`` when not licensed)."""
    source: str = ""
    line: int = 0

    id: AccountId = attrs.field(init=False, repr=False, eq=False)
    """``cloud:`` and the login, lower-cased (logins are case-insensitive). Computed once."""

    @id.default  # noqa: A003 - the public name of the account id
    def _id(self) -> AccountId:
        return AccountId("cloud:" + self.login.lower())

    @property
    def unaffiliated(self) -> bool:
        """Whether the account is an unaffiliated (managed) user: a member of no organization."""
        return any(role.lower() == "unaffiliated user" for role in self.enterprise_roles)

    @property
    def consumes(self) -> bool:
        """Whether the account consumes a license on its own.

        A row GitHub gives a license type consumes. A row without one (membership
        reports) consumes unless its enterprise roles are all non-consuming ones
        (billing managers, guest collaborators, unaffiliated users, enterprise owners
        in no organization).
        """
        if self.license_type:
            return True
        roles = {role.lower() for role in self.enterprise_roles}
        if roles and roles <= _NON_CONSUMING_ROLES:
            return False
        return not (roles == {"owner"} and not self.member_roles)


@attrs.frozen(kw_only=True)
class ServerAccount:
    """A GitHub Enterprise Server user account on one instance."""

    host: str
    user_id: int
    primary_email: str | None = None
    login: str | None = None
    suspended: bool = False
    source: str = ""
    position: str = ""
    """Where the account is in its source: ``line N`` or a JSON Pointer."""
    reported_with: tuple[str, ...] = ()
    """Logins GitHub's cloud report put this account with (its own grouping)."""
    in_report: bool = False
    """Whether GitHub's cloud report lists this account at all."""
    email_note: str | None = None
    """Why the primary email is not known, when it is not."""
    name: str | None = None
    """The account's display name (the export's ``profile_name``), if known."""

    id: AccountId = attrs.field(init=False, repr=False, eq=False)
    """``server:HOST:USER_ID``, the host lower-cased. Computed once."""

    @id.default  # noqa: A003 - the public name of the account id
    def _id(self) -> AccountId:
        return AccountId(f"server:{self.host.lower()}:{self.user_id}")

    key: EmailKey | None = attrs.field(init=False, repr=False, eq=False)
    """The primary email's matching key, or ``None``. Computed once."""

    @key.default
    def _key(self) -> EmailKey | None:
        return email_key(self.primary_email) if self.primary_email else None

    @property
    def host_label(self) -> str:
        """The host, or ``(unknown host)`` when the report names the account by a bare id."""
        return self.host or "(unknown host)"


@attrs.frozen(kw_only=True)
class Invitation:
    """A pending invitation sent to an email address, not yet accepted."""

    invitee: str
    source: str = ""
    line: int = 0

    id: AccountId = attrs.field(init=False, repr=False, eq=False)
    """``invitation:`` and the invitee, lower-cased. Computed once."""

    @id.default  # noqa: A003 - the public name of the account id
    def _id(self) -> AccountId:
        return AccountId("invitation:" + self.invitee.strip().lower())


@attrs.frozen(kw_only=True)
class VisualStudioSubscription:
    """A Visual Studio subscription, known by its sign-in address (UPN)."""

    upn: str
    name: str | None = None
    source: str = ""
    position: str = ""
    reported_with: tuple[str, ...] = ()
    """Logins GitHub's cloud report matched this subscription to."""
    expires: dt.datetime | None = None
    """When the subscription expires, where the subscribers file says."""

    id: AccountId = attrs.field(init=False, repr=False, eq=False)
    """``vs:`` and the UPN, lower-cased. Computed once."""

    @id.default  # noqa: A003 - the public name of the account id
    def _id(self) -> AccountId:
        return AccountId("vs:" + self.upn.strip().lower())


Account = CloudAccount | ServerAccount | Invitation | VisualStudioSubscription
"""Any account a person can hold."""


@attrs.frozen(kw_only=True)
class Unplaced:
    """Something in the input that names no account ghlicense can place, and why."""

    source: str
    position: str
    reason: str
