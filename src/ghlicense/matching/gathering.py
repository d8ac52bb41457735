"""Gathering the parsed inputs, one at a time, into the accounts of one enterprise."""

from __future__ import annotations

import operator
from collections.abc import Sequence

import attrs

from ghlicense.emails import EmailKey, email_key
from ghlicense.matching.accounts import (
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    Unplaced,
    VisualStudioSubscription,
)
from ghlicense.matching.enterprise import Enterprise
from ghlicense.records.cloud import CloudReport, CloudRow
from ghlicense.records.identities import ExternalIdentity, IdentitySet
from ghlicense.records.server import ServerExport, ServerInstance
from ghlicense.records.visual_studio import VisualStudioList

__all__ = ["Gatherer", "collect_enterprise"]

_BY_ID = operator.attrgetter("id")

UNKNOWN_HOST = ""
"""The host of a server account the cloud report names by a bare user id."""


class Gatherer:
    """Turns parsed inputs into accounts, one input at a time.

    Add the cloud report first (its rows say which server accounts GitHub counted and
    with whom), then server exports, identities and Visual Studio lists; then call
    :meth:`enterprise`. Only accounts are kept, so each parsed input can be dropped as
    soon as it is added: a large audit then never holds every parsed row at once.

    GHES accounts come from the exports; the cloud report's server ids stand for
    accounts only on instances no export covers. For those, the row's primary email is
    the account's when the row lists one (or one per account, in order); otherwise the
    email is unknown and :attr:`ServerAccount.email_note` says why.
    """

    def __init__(self) -> None:
        self._cloud: dict[AccountId, CloudAccount] = {}
        self._server: dict[AccountId, ServerAccount] = {}
        """GHES accounts from the exports."""
        self._reported: dict[AccountId, ServerAccount] = {}
        """GHES accounts as the cloud report names them: used for hosts no export covers."""
        self._invitations: dict[AccountId, Invitation] = {}
        self._subscriptions: dict[AccountId, VisualStudioSubscription] = {}
        self._unplaced: list[Unplaced] = []
        self._notes: list[tuple[str | None, str]] = []
        """Each note, with the host of the report's server account it is about, if any."""
        self._claims: dict[tuple[str, int], list[str | None]] = {}
        """Each server account the report names, to the logins of the rows naming it."""
        self._covered: set[str] = set()
        self._instances: list[ServerInstance] = []
        self._identity_sets: list[IdentitySet] = []

    def add_cloud(self, report: CloudReport, /) -> None:
        """Add the GHEC license usage report: its accounts, invitations and claims."""
        if self._instances:
            raise ValueError(
                "add the cloud report before the server exports: its rows say which "
                "server accounts GitHub counted, and with whom."
            )
        for row in report.rows:
            self._row(row, report.source)

    def add_server(self, export: ServerExport, /) -> None:
        """Add one GHES instance's export (or users report)."""
        host = _host_of(export)
        lowered = host.lower()
        self._covered.add(lowered)
        self._instances.append(export.instance)
        claims = self._claims
        for user in export.users:
            primary = user.primary_email
            note = None
            if primary is None:
                note = (
                    f"none of its {len(user.emails)} emails is marked primary"
                    if user.emails
                    else "it has no email"
                )
            claimed = claims.get((lowered, user.user_id))
            self._add_server(
                self._server,
                ServerAccount(
                    host=host,
                    user_id=user.user_id,
                    primary_email=primary,
                    login=user.login,
                    suspended=user.suspended,
                    source=export.source,
                    position=user.position,
                    reported_with=_logins(claimed) if claimed else (),
                    in_report=claimed is not None,
                    email_note=note,
                ),
            )

    def add_identities(self, identities: IdentitySet, /) -> None:
        """Add SAML / SCIM identities (sorted into linked and unlinked at the end)."""
        self._identity_sets.append(identities)

    def add_visual_studio(self, subscribers: VisualStudioList, /) -> None:
        """Add a list of Visual Studio subscribers."""
        for subscriber in subscribers.subscribers:
            self._add_subscription(
                VisualStudioSubscription(
                    upn=subscriber.upn,
                    name=subscriber.name,
                    source=subscribers.source,
                    position=subscriber.position,
                    reported_with=(subscriber.github_login,) if subscriber.github_login else (),
                )
            )

    def enterprise(self, *, emu: bool | None = None) -> Enterprise:
        """The :class:`Enterprise` of everything added so far.

        Args:
            emu: ``True``/``False`` to say whether the enterprise uses Enterprise Managed
                Users; ``None`` to tell from the logins.
        """
        covered = self._covered
        # The report's own view of an account counts only where no export covers its host
        # (so no id is in both).
        reported = {i: a for i, a in self._reported.items() if a.host.lower() not in covered}
        server = {**self._server, **reported}
        notes = [note for host, note in self._notes if host is None or host not in covered]
        cloud = tuple(sorted(self._cloud.values(), key=_BY_ID))
        is_emu, reason = _emu(cloud, emu)
        linked, unlinked = _identities(self._identity_sets, self._cloud, notes)
        return Enterprise(
            cloud=cloud,
            server=tuple(sorted(server.values(), key=_BY_ID)),
            invitations=tuple(sorted(self._invitations.values(), key=_BY_ID)),
            subscriptions=tuple(sorted(self._subscriptions.values(), key=_BY_ID)),
            instances=tuple(self._instances),
            identities=linked,
            unlinked_identities=unlinked,
            unplaced=tuple(self._unplaced),
            notes=tuple(notes),
            emu=is_emu,
            emu_reason=reason,
        )

    def _add_cloud(self, account: CloudAccount) -> None:
        first = self._cloud.setdefault(account.id, account)
        if first is not account:
            lines = sorted((first.line, account.line))
            self._notes.append(
                (
                    None,
                    f"GHEC account {account.login} appears twice in {account.source} (lines "
                    f"{lines[0]} and {lines[1]}); it is counted once.",
                )
            )
            self._cloud[account.id] = min(first, account, key=_cloud_order)

    def _add_server(
        self,
        accounts: dict[AccountId, ServerAccount],
        account: ServerAccount,
        about: str | None = None,
    ) -> None:
        first = accounts.get(account.id)
        if first is None:
            accounts[account.id] = account
            return
        places = sorted(f"{a.source} {a.position}" for a in (first, account))
        emails = sorted({e for e in (first.primary_email, account.primary_email) if e})
        detail = f" with different primary emails ({', '.join(emails)})" if len(emails) > 1 else ""
        self._notes.append(
            (
                about,
                f"server account {account.user_id} on {account.host_label} appears twice "
                f"({places[0]} and {places[1]}){detail}; it is counted once"
                + (f", with the email {emails[0]}." if emails else "."),
            )
        )
        kept = min(first, account, key=_server_order)
        accounts[account.id] = attrs.evolve(
            kept,
            reported_with=tuple(sorted({*first.reported_with, *account.reported_with})),
            in_report=first.in_report or account.in_report,
        )

    def _add_invitation(self, invitation: Invitation) -> None:
        first = self._invitations.setdefault(invitation.id, invitation)
        if first is not invitation:
            kept = min(first, invitation, key=lambda i: (i.invitee, i.line))
            self._invitations[invitation.id] = kept

    def _add_subscription(self, subscription: VisualStudioSubscription) -> None:
        first = self._subscriptions.setdefault(subscription.id, subscription)
        if first is not subscription:
            kept = min(first, subscription, key=lambda s: (s.upn, s.source, s.position))
            reported = tuple(sorted({*first.reported_with, *subscription.reported_with}))
            self._subscriptions[first.id] = attrs.evolve(kept, reported_with=reported)

    def _row(self, row: CloudRow, source: str) -> None:
        """The accounts one row of the cloud report names."""
        claims = self._claims
        login = row.login if row.login and "@" not in row.login else None
        placed = False
        if login is not None:
            self._add_cloud(
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
                self._add_subscription(
                    VisualStudioSubscription(upn=upn, source=source, position=f"line {row.line}")
                )
            else:
                self._add_invitation(Invitation(invitee=row.login, source=source, line=row.line))
            placed = True

        ids = row.server_ids
        emails = row.server_primary_emails
        distinct: set[EmailKey] | None = None  # the row's distinct emails, when needed
        for index, server_id in enumerate(ids):
            host = server_id.host or UNKNOWN_HOST
            lowered = host.lower()
            claims.setdefault((lowered, server_id.user_id), []).append(login)
            placed = True
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
            self._add_server(
                self._reported,
                ServerAccount(
                    host=host,
                    user_id=server_id.user_id,
                    primary_email=primary,
                    source=source,
                    position=f"line {row.line}",
                    reported_with=(login,) if login else (),
                    in_report=True,
                    email_note=note,
                ),
                about=lowered,
            )

        if login is not None and row.visual_studio_subscription_email:
            self._add_subscription(
                VisualStudioSubscription(
                    upn=row.visual_studio_subscription_email,
                    source=source,
                    position=f"line {row.line}",
                    reported_with=(login,),
                )
            )
        if not placed:
            self._unplaced.append(
                Unplaced(
                    source=source,
                    position=f"line {row.line}",
                    reason="the row names no GHEC login, email or server account",
                )
            )


def _cloud_order(account: CloudAccount) -> tuple[str, int]:
    return (account.login, account.line)


def _server_order(account: ServerAccount) -> tuple[bool, str, str, str]:
    """Prefer an account whose email is known, then the smallest email and place."""
    email = account.primary_email or ""
    return (not email, email, account.source, account.position)


def _logins(claimed: list[str | None]) -> tuple[str, ...]:
    """The logins of the rows that name a server account (server-only rows name none)."""
    return tuple(login for login in claimed if login is not None)


def _host_of(export: ServerExport) -> str:
    """The host an export's accounts are on: its host name, else its server id or source."""
    return export.instance.host_name or export.instance.server_id or export.source


def collect_enterprise(
    *,
    cloud: CloudReport | None = None,
    servers: Sequence[ServerExport] = (),
    identities: Sequence[IdentitySet] = (),
    visual_studio: Sequence[VisualStudioList] = (),
    emu: bool | None = None,
) -> Enterprise:
    """Gather the accounts of the parsed inputs into one :class:`Enterprise`.

    The same as adding each input to a :class:`Gatherer` in this order.

    Args:
        cloud: The GHEC license usage report.
        servers: GHES exports, one per instance.
        identities: SAML / SCIM identities; only those linked to a GHEC account of the
            report are used (the others are listed in the notes).
        visual_studio: Visual Studio subscriber lists.
        emu: ``True``/``False`` to say whether the enterprise uses Enterprise Managed
            Users; ``None`` to tell from the logins.
    """
    gatherer = Gatherer()
    if cloud is not None:
        gatherer.add_cloud(cloud)
    for export in servers:
        gatherer.add_server(export)
    for identity_set in identities:
        gatherer.add_identities(identity_set)
    for subscribers in visual_studio:
        gatherer.add_visual_studio(subscribers)
    return gatherer.enterprise(emu=emu)


def _emu(accounts: Sequence[CloudAccount], explicit: bool | None) -> tuple[bool, str]:
    if explicit is not None:
        return explicit, "said so explicitly" if explicit else "said not to be, explicitly"
    suffixes = {account.login.rpartition("_")[2].lower() for account in accounts}
    if accounts and all("_" in account.login for account in accounts) and len(suffixes) == 1:
        (suffix,) = suffixes
        if suffix:
            return True, f"every GHEC login ends in the shortcode _{suffix}"
    if not accounts:
        return False, "the inputs name no GHEC account"
    return False, "the GHEC logins carry no common _shortcode suffix"


def _identities(
    sets: Sequence[IdentitySet], cloud: dict[AccountId, CloudAccount], notes: list[str]
) -> tuple[tuple[ExternalIdentity, ...], tuple[ExternalIdentity, ...]]:
    linked: list[ExternalIdentity] = []
    unlinked: list[ExternalIdentity] = []
    for identity_set in sets:
        for identity in identity_set.identities:
            if identity.login is None:
                unlinked.append(identity)
            elif AccountId("cloud:" + identity.login.lower()) in cloud:
                linked.append(identity)
            else:
                unlinked.append(identity)
                notes.append(
                    f"the identity at {identity_set.source} {identity.position} is linked to "
                    f"{identity.login}, who is not in the license report; it was not used."
                )
    return tuple(sorted(linked, key=_identity_order)), tuple(sorted(unlinked, key=_identity_order))


def _identity_order(identity: ExternalIdentity) -> tuple[str, str]:
    return (identity.login or "", identity.position)
