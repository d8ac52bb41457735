"""Gathering the parsed inputs into one enterprise: its accounts, ready for matching."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

import attrs

from ghlicense.emails import EmailKey, email_key, is_email
from ghlicense.errors import MatchConfigError
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import (
    Account,
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    Unplaced,
    VisualStudioSubscription,
)
from ghlicense.matching.cloud_parts import check_cloud_parts, cloud_parts, github_total, rows_held
from ghlicense.matching.links import Note
from ghlicense.records.cloud import CloudReport, CloudRow
from ghlicense.records.identities import ExternalIdentity, IdentitySet
from ghlicense.records.server import ServerExport, ServerInstance
from ghlicense.records.visual_studio import VisualStudioList
from ghlicense.sentences import NoteKind

__all__ = ["BILLINGS", "Billing", "Enterprise", "collect_enterprise"]

Billing = Literal["bundle", "usage-based"]
"""How the enterprise pays: Visual Studio bundle rules, or usage-based (metered) billing."""
BILLINGS: tuple[Billing, ...] = ("bundle", "usage-based")
_USAGE_BASED_COLUMNS = ("ghe_license_active", "ghe_license_start_date", "ghe_license_end_date")

_BY_ID = operator.attrgetter("id")

UNKNOWN_HOST = ""
"""The host of a server account the cloud report names by a bare user id."""


@attrs.frozen(kw_only=True)
class Enterprise:
    """Every account of the inputs, de-duplicated by id, and what is known of the setup."""

    cloud: tuple[CloudAccount, ...] = ()
    server: tuple[ServerAccount, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    subscriptions: tuple[VisualStudioSubscription, ...] = ()
    instances: tuple[ServerInstance, ...] = ()
    identities: tuple[ExternalIdentity, ...] = ()
    """SAML / SCIM identities linked to a GHEC account of the enterprise."""
    unlinked_identities: tuple[ExternalIdentity, ...] = ()
    """Identities linked to no account of the report (not used for matching)."""
    unplaced: tuple[Unplaced, ...] = ()
    notes: tuple[Note, ...] = ()
    """Inconsistencies of the inputs found while gathering (duplicate rows, ...)."""
    emu: bool = False
    emu_reason: str = ""
    billing: Billing = "bundle"
    """``bundle`` (Visual Studio bundles, the default) or ``usage-based`` (metered)."""
    billing_reason: str = "the default: Visual Studio bundle rules"
    github_seats_consumed: int | None = None
    """GitHub's own count of seats consumed, where the cloud report carries it (REST)."""
    github_seats_purchased: int | None = None
    """GitHub's own count of seats purchased, where the cloud report carries it (REST)."""
    github_report_seats: int | None = None
    """The seats GitHub's own report counts: its ``total_seats_consumed`` (REST), or its
    rows with a license type (CSV), unlinked Visual Studio subscriptions left out;
    ``None`` without a cloud report."""
    cloud_rows: int | None = None
    """How many distinct license consumers (rows) the cloud report's files hold, where
    GitHub's own count is known to compare it with."""

    @property
    def saml_in_use(self) -> bool:
        """Whether SAML or SCIM is in use: identities were given or the report has NameIDs."""
        return bool(self.identities or self.unlinked_identities) or any(
            account.saml_name_id for account in self.cloud
        )

    @functools.cached_property
    def by_login(self) -> dict[str, CloudAccount]:
        """Each GHEC account by its lower-cased login."""
        return {account.login.lower(): account for account in self.cloud}

    @functools.cached_property
    def linked_pairs(self) -> tuple[tuple[CloudAccount, ExternalIdentity], ...]:
        """Each linked identity with the GHEC account it is linked to."""
        by_login = self.by_login
        pairs = []
        for identity in self.identities:
            account = by_login.get((identity.login or "").lower())
            if account is not None:
                pairs.append((account, identity))
        return tuple(pairs)

    @functools.cached_property
    def verified_index(self) -> dict[EmailKey, tuple[CloudAccount, str, str]]:
        """Each verified email's key, to its GHEC account (the first, by login)."""
        index: dict[EmailKey, tuple[CloudAccount, str, str]] = {}
        for account in self.cloud:
            for email in account.verified_emails:
                if "@" in email and is_email(email):
                    index.setdefault(email_key(email), (account, "verified email", email))
        return index

    @property
    def accounts(self) -> tuple[Account, ...]:
        """Every account, GHEC accounts first."""
        return (*self.cloud, *self.server, *self.invitations, *self.subscriptions)


class _Gatherer:
    """The one mutable object: accounts by id while the inputs are read."""

    def __init__(self) -> None:
        self.cloud: dict[AccountId, CloudAccount] = {}
        self.server: dict[AccountId, ServerAccount] = {}
        self.invitations: dict[AccountId, Invitation] = {}
        self.subscriptions: dict[AccountId, VisualStudioSubscription] = {}
        self.unplaced: list[Unplaced] = []
        self.notes: list[Note] = []

    def add_cloud(self, account: CloudAccount) -> None:
        first = self.cloud.setdefault(account.id, account)
        if first is not account:
            lines = sorted((first.line, account.line))
            self.notes.append(
                Note(
                    kind=NoteKind.CLOUD_ACCOUNT_TWICE,
                    source=account.source,
                    subject=account.id,
                    values=(account.login, str(lines[0]), str(lines[1])),
                )
            )
            self.cloud[account.id] = min(first, account, key=_cloud_order)

    def add_server(self, account: ServerAccount) -> None:
        first = self.server.get(account.id)
        if first is None:
            self.server[account.id] = account
            return
        where = account.host_label
        places = [f"{a.source} {a.position}" for a in sorted((first, account), key=_place_order)]
        emails = sorted({e for e in (first.primary_email, account.primary_email) if e})
        self.notes.append(
            Note(
                kind=NoteKind.SERVER_ACCOUNT_TWICE,
                source=account.source,
                subject=account.id,
                values=(str(account.user_id), where, places[0], places[1], *emails),
            )
        )
        kept = min(first, account, key=_server_order)
        self.server[account.id] = attrs.evolve(
            kept,
            reported_with=tuple(sorted({*first.reported_with, *account.reported_with})),
            in_report=first.in_report or account.in_report,
        )

    def add_invitation(self, invitation: Invitation) -> None:
        first = self.invitations.setdefault(invitation.id, invitation)
        if first is not invitation:
            kept = min(first, invitation, key=lambda i: (i.invitee, i.line))
            self.invitations[invitation.id] = kept

    def add_subscription(self, subscription: VisualStudioSubscription) -> None:
        first = self.subscriptions.setdefault(subscription.id, subscription)
        if first is not subscription:
            kept = min(first, subscription, key=lambda s: (s.upn, s.source, s.position))
            reported = tuple(sorted({*first.reported_with, *subscription.reported_with}))
            if kept.reported_with != reported:  # usually equal: the report's row is kept
                kept = attrs.evolve(kept, reported_with=reported)
            self.subscriptions[first.id] = kept


def _cloud_order(account: CloudAccount) -> tuple[str, int]:
    return (account.login, account.line)


def _place_order(account: ServerAccount) -> tuple[str, list[str | int]]:
    """The account's place in its source, numbers by value (``line 49`` before
    ``line 161``, ``/users/9`` before ``/users/10``)."""
    parts = _NUMBERS.split(account.position)
    return account.source, [int(p) if p.isdigit() else p for p in parts]


_NUMBERS = re.compile(r"(\d+)")


def _server_order(account: ServerAccount) -> tuple[bool, str, str, str]:
    """Prefer an account whose email is known, then the smallest email and place."""
    email = account.primary_email or ""
    return (not email, email, account.source, account.position)


_UNCLAIMED = ""
"""Stands for an account no row names (a row's login is never empty: it is ``None``)."""
_NOTHING_CLAIMED: Mapping[int, str | None] = MappingProxyType({})


class _Claims:
    """The rows of the cloud report that name each server account, by their logins.

    A server-only row names the account with no login (``None``). Most accounts are
    named by one row: that login is kept per host and user id (no tuple key, no list);
    the few named again get a list of every row's login.
    """

    def __init__(self) -> None:
        self.first: dict[str, dict[int, str | None]] = {}
        """The login of the first row naming each account, by lower-cased host and user id."""
        self.again: dict[tuple[str, int], list[str | None]] = {}

    def add(self, host: str, user_id: int, login: str | None) -> None:
        on_host = self.first.get(host)
        if on_host is None:
            on_host = self.first[host] = {}
        first = on_host.get(user_id, _UNCLAIMED)
        if first == _UNCLAIMED:
            on_host[user_id] = login
        else:
            self.again.setdefault((host, user_id), [first]).append(login)

    def on(self, host: str) -> Mapping[int, str | None]:
        """The first row's login for each account of *host* that a row names."""
        return self.first.get(host, _NOTHING_CLAIMED)

    def logins(self, host: str, user_id: int, first: str | None) -> tuple[str, ...]:
        """The logins of the rows naming the account (whose first row's login is *first*)."""
        if self.again:
            claimed = self.again.get((host, user_id))
            if claimed is not None:
                return tuple(login for login in claimed if login is not None)
        return () if first is None else (first,)


def _host_of(export: ServerExport) -> str:
    """The host an export's accounts are on: its host name, else its server id or source."""
    return export.instance.host_name or export.instance.server_id or export.source


@paused_gc
def collect_enterprise(
    *,
    cloud: CloudReport | Sequence[CloudReport] | None = None,
    servers: Sequence[ServerExport] = (),
    identities: Sequence[IdentitySet] = (),
    visual_studio: Sequence[VisualStudioList] = (),
    emu: bool | None = None,
    billing: Billing | None = None,
) -> Enterprise:
    """Gather the accounts of the parsed inputs into one :class:`Enterprise`.

    GHES accounts come from the exports; the cloud report's server ids stand for
    accounts only on instances no export covers. For those, the row's primary email is
    the account's when the row lists one (or one per account, in order); otherwise the
    email is unknown and :attr:`ServerAccount.email_note` says why.

    Args:
        cloud: The GHEC license usage report, or its parts (REST pages saved one per
            file), read as one report.
        servers: GHES exports, one per instance.
        identities: SAML / SCIM identities; only those linked to a GHEC account of the
            report are used (the others are listed in the notes).
        visual_studio: Visual Studio subscriber lists.
        emu: ``True``/``False`` to say whether the enterprise uses Enterprise Managed
            Users; ``None`` to tell from the logins.
        billing: ``"bundle"`` or ``"usage-based"``; ``None`` to tell from the cloud
            report (its ``ghe_license_*`` columns appear on usage-based plans), else
            the bundle rules.

    Raises:
        CloudReportError: the parts of *cloud* are not parts of one report
            (the checks of ``ghlicense.matching.cloud_parts``).
    """
    parts = cloud_parts(cloud)
    check_cloud_parts(parts)
    gather = _Gatherer()
    covered = {_host_of(export).lower() for export in servers}
    claims = _Claims()
    for part in parts:
        for row in part.rows:
            _gather_row(gather, row, part.source, covered, claims)
    for export in servers:
        host = _host_of(export)
        lowered = host.lower()
        on_host = claims.on(lowered)
        for user in export.users:
            primary = user.primary_email
            note = None
            if primary is None:
                note = (
                    f"none of its {len(user.emails)} emails is marked primary"
                    if user.emails
                    else "it has no email"
                )
            claimed = on_host.get(user.user_id, _UNCLAIMED)
            in_report = claimed != _UNCLAIMED
            gather.add_server(
                ServerAccount(
                    host=host,
                    user_id=user.user_id,
                    primary_email=primary,
                    login=user.login,
                    name=user.profile_name,
                    suspended=user.suspended,
                    source=export.source,
                    position=user.position,
                    reported_with=claims.logins(lowered, user.user_id, claimed)
                    if in_report
                    else (),
                    in_report=in_report,
                    email_note=note,
                )
            )
    for subscribers in visual_studio:
        for subscriber in subscribers.subscribers:
            gather.add_subscription(
                VisualStudioSubscription(
                    upn=subscriber.upn,
                    name=subscriber.name,
                    source=subscribers.source,
                    position=subscriber.position,
                    reported_with=(subscriber.github_login,) if subscriber.github_login else (),
                    expires=subscriber.expires,
                )
            )
        if subscribers.unassigned:
            gather.notes.append(
                Note(
                    kind=NoteKind.UNASSIGNED_SUBSCRIPTIONS,
                    source=subscribers.source,
                    values=(str(subscribers.unassigned),),
                )
            )
    cloud_accounts = tuple(sorted(gather.cloud.values(), key=_BY_ID))
    is_emu, reason = _emu(cloud_accounts, emu)
    linked, unlinked = _identities(identities, gather)
    consumed = github_total(parts, "total_seats_consumed")
    how, why = _billing(parts, billing)
    return Enterprise(
        cloud=cloud_accounts,
        server=tuple(sorted(gather.server.values(), key=_BY_ID)),
        invitations=tuple(sorted(gather.invitations.values(), key=_BY_ID)),
        subscriptions=tuple(sorted(gather.subscriptions.values(), key=_BY_ID)),
        instances=tuple(export.instance for export in servers),
        identities=linked,
        unlinked_identities=unlinked,
        unplaced=tuple(gather.unplaced),
        notes=tuple(gather.notes),
        emu=is_emu,
        emu_reason=reason,
        billing=how,
        billing_reason=why,
        github_seats_consumed=consumed,
        github_seats_purchased=github_total(parts, "total_seats_purchased"),
        cloud_rows=rows_held(parts) if consumed is not None else None,
        github_report_seats=(
            consumed
            if consumed is not None
            else (sum(1 for p in parts for r in p.rows if _licensed(r)) if parts else None)
        ),
    )


def _gather_row(
    gather: _Gatherer,
    row: CloudRow,
    source: str,
    covered: set[str],
    claims: _Claims,
) -> None:
    login = row.login if row.login and "@" not in row.login else None
    placed = False
    if login is not None:
        gather.add_cloud(
            CloudAccount(
                login=login,
                name=row.name,
                verified_emails=row.verified_domain_emails,
                saml_name_id=row.saml_name_id,
                enterprise_roles=row.enterprise_roles,
                member_roles=row.member_roles,
                license_type=row.license_type,
                source=source,
                line=row.line,
            )
        )
        placed = True
    elif row.login:  # an email row: an invitation, or a subscription linked to no one
        license_type = (row.license_type or "").lower()
        if license_type.startswith("visual studio") or (
            row.visual_studio_subscription_user and not row.github_com_user
        ):
            upn = row.visual_studio_subscription_email or row.login
            gather.add_subscription(
                VisualStudioSubscription(upn=upn, source=source, position=f"line {row.line}")
            )
        else:
            gather.add_invitation(Invitation(invitee=row.login, source=source, line=row.line))
        placed = True

    ids = row.server_ids
    emails = row.server_primary_emails
    distinct: set[EmailKey] | None = None  # the row's distinct emails, when needed
    for index, server_id in enumerate(ids):
        host = server_id.host or UNKNOWN_HOST
        lowered = host.lower()
        claims.add(lowered, server_id.user_id, login)
        placed = True
        if lowered in covered:
            continue  # an export of that instance is the better source
        if distinct is None:
            distinct = {email_key(email) for email in emails}
        if len(distinct) == 1:
            primary, note = emails[0], None
        elif len(ids) == len(emails):
            primary, note = emails[index], None
        else:
            primary = None
            note = (
                f"the report lists {len(ids)} server accounts and {len(emails)} primary "
                "emails in this row, so it does not say which email is this account's"
            )
        gather.add_server(
            ServerAccount(
                host=host,
                user_id=server_id.user_id,
                primary_email=primary,
                source=source,
                position=f"line {row.line}",
                reported_with=(login,) if login else (),
                in_report=True,
                email_note=note,
            )
        )

    if login is not None and row.visual_studio_subscription_email:
        gather.add_subscription(
            VisualStudioSubscription(
                upn=row.visual_studio_subscription_email,
                source=source,
                position=f"line {row.line}",
                reported_with=(login,),
            )
        )
    if not placed:
        gather.unplaced.append(
            Unplaced(
                source=source,
                position=f"line {row.line}",
                reason="the row names no GHEC login, email or server account",
            )
        )


_UNLINKED_SUBSCRIPTION = "unlinked visual studio license subscription"


def _licensed(row: CloudRow) -> bool:
    """Whether GitHub's report counts the row as a seat: a license type, and not an
    unlinked Visual Studio subscription (which holds a Visual Studio license only)."""
    if not row.license_type:
        return False
    roles = row.enterprise_roles
    if not roles:  # most rows
        return True
    return {role.lower() for role in roles} != {_UNLINKED_SUBSCRIPTION}


def _billing(parts: Sequence[CloudReport], explicit: Billing | None) -> tuple[Billing, str]:
    if explicit is not None:
        if explicit not in BILLINGS:
            raise MatchConfigError(
                f"billing {explicit!r} is not one of {', '.join(map(repr, BILLINGS))}."
            )
        return explicit, "said so explicitly"
    for part in parts:
        names = set(part.columns)
        if not names and part.rows:  # REST pages: the first row's keys
            names = set(part.rows[0].extra)
        found = [name for name in _USAGE_BASED_COLUMNS if name in names]
        if found:
            return "usage-based", (
                f"inferred: {part.source} has the column {found[0]}, which GitHub writes "
                "only on usage-based plans"
            )
    return "bundle", "the default: Visual Studio bundle rules"


def _emu(accounts: Sequence[CloudAccount], explicit: bool | None) -> tuple[bool, str]:
    if explicit is not None:
        return explicit, "said so explicitly" if explicit else "said not to be, explicitly"
    if accounts and all("_" in account.login for account in accounts):  # stops at the first
        suffixes = {account.login.rpartition("_")[2].lower() for account in accounts}
        if len(suffixes) == 1:
            (suffix,) = suffixes
            if suffix:
                return True, f"every GHEC login ends in the shortcode _{suffix}"
    if not accounts:
        return False, "the inputs name no GHEC account"
    return False, "the GHEC logins carry no common _shortcode suffix"


def _identities(
    sets: Sequence[IdentitySet], gather: _Gatherer
) -> tuple[tuple[ExternalIdentity, ...], tuple[ExternalIdentity, ...]]:
    linked: list[ExternalIdentity] = []
    unlinked: list[ExternalIdentity] = []
    for identity_set in sets:
        for identity in identity_set.identities:
            if identity.login is None:
                unlinked.append(identity)
            elif AccountId("cloud:" + identity.login.lower()) in gather.cloud:
                linked.append(identity)
            else:
                unlinked.append(identity)
                gather.notes.append(
                    Note(
                        kind=NoteKind.IDENTITY_OF_UNKNOWN_LOGIN,
                        source=identity_set.source,
                        place=identity.position,
                        values=(identity.login,),
                    )
                )
    return tuple(sorted(linked, key=_identity_order)), tuple(sorted(unlinked, key=_identity_order))


def _identity_order(identity: ExternalIdentity) -> tuple[str, str]:
    return (identity.login or "", identity.position)
