"""The built-in matchers, in the order GitHub applies its rules (FORMATS.md section 6).

A matcher is any object with a ``name`` and a ``match`` method (:class:`Matcher`). The
pipeline calls ``match`` once with the enterprise and the accounts still joined to no
GHEC account; the matcher yields a :class:`Link` for each account it can join and may
yield a :class:`Miss` saying why it could not join another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Protocol, runtime_checkable

import attrs

from ghlicense.emails import EmailKey, email_key, is_email
from ghlicense.matching.accounts import (
    Account,
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    VisualStudioSubscription,
)
from ghlicense.matching.enterprise import Enterprise
from ghlicense.matching.links import Link, Miss
from ghlicense.records.identities import ExternalIdentity
from ghlicense.sentences import MissKind

__all__ = [
    "SAML_ATTRIBUTES",
    "InvitationMatcher",
    "Matcher",
    "ReportGroupingMatcher",
    "SamlAttributeMatcher",
    "ScimMatcher",
    "VerifiedEmailMatcher",
    "VisualStudioServerMatcher",
    "VisualStudioUpnMatcher",
]


@runtime_checkable
class Matcher(Protocol):
    """A stage of the matching pipeline."""

    @property
    def name(self) -> str:
        """A short name, unique in the pipeline, recorded on every link it makes."""
        ...

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterable[Link | Miss]:
        """Join what it can of *pending* (accounts not yet joined to a GHEC account)."""
        ...


_Index = dict[EmailKey, tuple[CloudAccount, str, str]]

MissCode = tuple[
    AccountId, str, MissKind, str | None, str | None, AccountId | None, str | None, str | None
]
"""A miss not yet made a record: ``(subject, matcher, kind, tried, key, related, identity,
detail)``. The built-in matchers yield these to the pipeline, which makes a
:class:`Miss` only for an account that ends up joined to no GHEC account (most accounts
one rule misses, a later rule joins)."""


def miss_code(
    subject: AccountId,
    matcher: str,
    kind: MissKind,
    tried: str | None = None,
    key: str | None = None,
    *,
    related: AccountId | None = None,
    identity: str | None = None,
    detail: str | None = None,
) -> MissCode:
    """The :data:`MissCode` of a miss, its fields named as :class:`Miss` names them."""
    return (subject, matcher, kind, tried, key, related, identity, detail)


def as_miss(found: Miss | MissCode) -> Miss:
    """*found* as a :class:`Miss` record (made from its code, or as it is)."""
    if not isinstance(found, tuple):
        return found
    subject, matcher, kind, tried, key, related, identity, detail = found
    return Miss(
        subject=subject,
        matcher=matcher,
        kind=kind,
        tried=tried,
        key=key,
        related=related,
        identity=identity,
        detail=detail,
    )


def _records(results: Iterable[Link | MissCode]) -> Iterator[Link | Miss]:
    """*results* with each miss made a record (what :meth:`Matcher.match` yields)."""
    for result in results:
        yield result if isinstance(result, Link) else as_miss(result)


def _index(entries: Iterable[tuple[CloudAccount, str, str]]) -> _Index:
    """Map each email address's key to its first ``(account, attribute, value)``.

    The entries hold only values with an ``@`` (their generators leave the others out,
    before making a tuple of each); the rest are checked here.
    """
    index: _Index = {}
    for account, attribute, value in entries:
        if is_email(value):
            index.setdefault(email_key(value), (account, attribute, value))
    return index


def _servers(pending: Sequence[Account]) -> Iterator[ServerAccount]:
    return (account for account in pending if isinstance(account, ServerAccount))


def _link(subject: Account, hit: tuple[CloudAccount, str, str], matcher: str, own: str) -> Link:
    account, attribute, value = hit
    return Link(
        subject=subject.id,
        target=account.id,
        matcher=matcher,
        attribute=attribute,
        value=value,
        subject_value=own,
    )


CLAIM_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
CLAIM_EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
SAML_ATTRIBUTES = (CLAIM_NAME, CLAIM_EMAIL, "username", "NameID", "emails")
"""The SAML attributes GitHub compares a GHES primary email with, in its order."""


def _saml_values(identity: ExternalIdentity, attribute: str) -> tuple[str, ...]:
    saml = identity.saml
    if saml is None:
        return ()
    if attribute == "username":
        return (saml.username,) if saml.username else ()
    if attribute == "NameID":
        return (saml.name_id,) if saml.name_id else ()
    if attribute == "emails":
        return saml.emails
    return saml.attributes.get(attribute, ())


def _saml_entries(enterprise: Enterprise) -> Iterator[tuple[CloudAccount, str, str]]:
    """Every SAML value of linked identities with an ``@``, attribute by attribute in
    GitHub's order (values without one, like opaque NameIDs, can match no email).

    One pass over the identities sorts their values into a list per attribute.
    """
    name_claims: list[tuple[CloudAccount, str, str]] = []
    email_claims: list[tuple[CloudAccount, str, str]] = []
    usernames: list[tuple[CloudAccount, str, str]] = []
    name_ids: list[tuple[CloudAccount, str, str]] = []
    emails: list[tuple[CloudAccount, str, str]] = []
    name_label, email_label = f"SAML {CLAIM_NAME}", f"SAML {CLAIM_EMAIL}"
    for account, identity in enterprise.linked_pairs:
        saml = identity.saml
        if saml is None:
            continue
        if saml.attributes:
            name_claims += [
                (account, name_label, v) for v in saml.attributes.get(CLAIM_NAME, ()) if "@" in v
            ]
            email_claims += [
                (account, email_label, v) for v in saml.attributes.get(CLAIM_EMAIL, ()) if "@" in v
            ]
        if saml.username and "@" in saml.username:
            usernames.append((account, "SAML username", saml.username))
        if saml.name_id and "@" in saml.name_id:
            name_ids.append((account, "SAML NameID", saml.name_id))
        if saml.emails:
            emails += [(account, "SAML emails", v) for v in saml.emails if "@" in v]
    name_ids += [  # the NameID column of the cloud report
        (cloud, "SAML NameID", cloud.saml_name_id)
        for cloud in enterprise.cloud
        if cloud.saml_name_id and "@" in cloud.saml_name_id
    ]
    return chain(name_claims, email_claims, usernames, name_ids, emails)


def _scim_entries(enterprise: Enterprise) -> Iterator[tuple[CloudAccount, str, str]]:
    """Every SCIM value of linked identities with an ``@``: userNames, then emails."""
    scims = [(a, i.scim) for a, i in enterprise.linked_pairs if i.scim is not None]
    for account, scim in scims:
        if scim.username and "@" in scim.username:
            yield account, "SCIM userName", scim.username
    for account, scim in scims:
        for value in scim.emails:
            if "@" in value:
                yield account, "SCIM emails", value


def _unlinked_index(enterprise: Enterprise) -> dict[EmailKey, ExternalIdentity]:
    """Each SAML value of the unlinked identities, to the first identity that has it."""
    index: dict[EmailKey, ExternalIdentity] = {}
    for identity in enterprise.unlinked_identities:
        for attribute in SAML_ATTRIBUTES:
            for value in _saml_values(identity, attribute):
                index.setdefault(email_key(value), identity)
    return index


def _email_matcher(
    name: str,
    pending: Sequence[Account],
    index: _Index,
    kind: MissKind,
    unlinked: Mapping[EmailKey, ExternalIdentity],
) -> Iterator[Link | MissCode]:
    """Link pending GHES accounts whose primary email is in *index*.

    A miss names the identity of *unlinked* that holds the email, if any.
    """
    for account in pending:
        if not isinstance(account, ServerAccount) or account.key is None:
            continue  # the key is None exactly when the primary email is unknown
        hit = index.get(account.key)
        if hit is not None:
            yield _link(account, hit, name, account.primary_email or "")
        else:
            identity = unlinked.get(account.key) if unlinked else None
            position = identity.position if identity is not None else None
            yield miss_code(
                account.id, name, kind, account.primary_email, account.key, identity=position
            )


@attrs.frozen
class SamlAttributeMatcher:
    """A GHES primary email against the linked SAML identities' attributes.

    GitHub compares the email with the identity's attributes in this order: the
    ``.../claims/name`` claim, the ``.../claims/emailaddress`` claim, ``username``,
    ``NameID`` (also the cloud report's SAML NameID column), ``emails``. A value that is
    not an email address (``octocat``, an opaque id) never matches.
    """

    name: str = "saml"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending GHES account whose primary email is a SAML attribute value."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        if not enterprise.saml_in_use:
            for account in _servers(pending):
                if account.key:
                    yield miss_code(
                        account.id,
                        self.name,
                        MissKind.SAML_NOT_IN_USE,
                        account.primary_email,
                        account.key,
                    )
            return
        yield from _email_matcher(
            self.name,
            pending,
            _index(_saml_entries(enterprise)),
            MissKind.NOT_SAML_VALUE,
            _unlinked_index(enterprise),
        )


@attrs.frozen
class ScimMatcher:
    """A GHES primary email against the linked SCIM identities' ``userName`` and ``emails``."""

    name: str = "scim"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending GHES account whose primary email is a SCIM value."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        if not any(identity.scim for identity in enterprise.identities) or not any(
            isinstance(account, ServerAccount) for account in pending
        ):
            return
        yield from _email_matcher(
            self.name,
            pending,
            _index(_scim_entries(enterprise)),
            MissKind.NOT_SCIM_VALUE,
            _unlinked_index(enterprise),
        )


@attrs.frozen
class VerifiedEmailMatcher:
    """A GHES primary email against the verified emails of GHEC accounts."""

    name: str = "verified_email"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending GHES account whose primary email is a verified email."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        if not any(isinstance(account, ServerAccount) for account in pending):
            return
        yield from _email_matcher(
            self.name,
            pending,
            enterprise.verified_index,
            MissKind.NOT_VERIFIED_EMAIL,
            {},  # verified emails belong to GHEC accounts: no identity to name
        )


@attrs.frozen
class InvitationMatcher:
    """A pending invitation sent to the login or verified email of someone who consumes.

    Such an invitation adds no seat; any other pending invitation consumes one.
    """

    name: str = "invitation"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending invitation to the consuming account it was sent to."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        if not any(isinstance(account, Invitation) for account in pending):
            return
        index = enterprise.verified_index
        logins = enterprise.by_login  # built once per enterprise, shared with other matchers
        for invitation in pending:
            if not isinstance(invitation, Invitation):
                continue
            invitee = invitation.invitee.strip()
            login_hit = logins.get(invitee.lower())
            if login_hit is not None and login_hit.consumes:
                yield _link(invitation, (login_hit, "login", login_hit.login), self.name, invitee)
                continue
            key = email_key(invitee)
            hit = index.get(key)
            if hit is not None and hit[0].consumes:
                yield _link(invitation, hit, self.name, invitee)
            else:
                yield miss_code(
                    invitation.id, self.name, MissKind.INVITATION_NOT_ABSORBED, invitee, key
                )


@attrs.frozen
class VisualStudioUpnMatcher:
    """A Visual Studio subscription's UPN against the verified emails of GHEC accounts.

    For Enterprise Managed Users the linked identity's SCIM ``userName`` and its email
    (the SAML NameID and email attributes) count too.
    """

    name: str = "visual_studio_upn"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending subscription whose UPN is a verified email."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        if not any(isinstance(account, VisualStudioSubscription) for account in pending):
            return
        index = enterprise.verified_index
        if enterprise.emu:
            entries: list[tuple[CloudAccount, str, str]] = []
            entries += [entry for entry in _scim_entries(enterprise) if "userName" in entry[1]]
            entries += [
                (account, "linked identity's email", account.saml_name_id)
                for account in enterprise.cloud
                if account.saml_name_id and "@" in account.saml_name_id
            ]
            entries += [entry for entry in _saml_entries(enterprise) if entry[1] != "SAML NameID"]
            index = {**_index(entries), **index}  # verified emails first
        for subscription in pending:
            if not isinstance(subscription, VisualStudioSubscription):
                continue
            key = email_key(subscription.upn)
            hit = index.get(key)
            if hit is not None:
                yield _link(subscription, hit, self.name, subscription.upn)
            else:
                yield miss_code(
                    subscription.id, self.name, MissKind.UPN_NOT_VERIFIED, subscription.upn, key
                )


@attrs.frozen
class ReportGroupingMatcher:
    """Keep GitHub's own grouping where the inputs cannot re-derive it.

    The cloud report shows only verified emails on the enterprise's verified domains;
    GitHub also matches other verified emails. When no rule above joins an account
    but GitHub's report put it in a GHEC user's row, this keeps it there and says so.
    Remove it from the pipeline for a strict recount.
    """

    name: str = "github_report"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending account GitHub's report put with a GHEC account."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        logins = enterprise.by_login
        for account in pending:
            if not isinstance(account, ServerAccount | VisualStudioSubscription):
                continue
            for login in account.reported_with:
                target = logins.get(login.lower())
                if target is not None:
                    yield Link(
                        subject=account.id,
                        target=target.id,
                        matcher=self.name,
                        attribute="row of GitHub's license report",
                        value=target.login,
                    )
                    break


@attrs.frozen
class VisualStudioServerMatcher:
    """A GHES-only user whose primary email is a Visual Studio subscription's UPN.

    GitHub ("About Visual Studio subscriptions with GitHub Enterprise", licenses for
    GitHub Enterprise Server): *for users only on GitHub Enterprise Server, each Visual
    Studio subscriber will only consume one license as long as the email address
    associated with their GitHub Enterprise Server account matches their Visual Studio
    UPN.* It runs last, on the accounts no GHEC rule joined. On usage-based billing it
    joins nothing (users must also be on GHEC to consume a bundled license) and says
    so for each subscription it would have joined.
    """

    name: str = "visual_studio_ghes"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending subscription to the pending GHES account with its UPN."""
        return _records(self._results(enterprise, pending))

    def _results(
        self, enterprise: Enterprise, pending: Sequence[Account], /
    ) -> Iterator[Link | MissCode]:
        subscriptions = [a for a in pending if isinstance(a, VisualStudioSubscription)]
        if not subscriptions:
            return
        by_key: dict[EmailKey, ServerAccount] = {}
        for account in _servers(pending):
            if account.key is not None and not account.suspended:
                by_key.setdefault(account.key, account)  # the first by id (rule 6 joined the rest)
        for subscription in subscriptions:
            key = email_key(subscription.upn)
            server = by_key.get(key)
            if server is None:
                continue
            if enterprise.billing == "usage-based":
                yield miss_code(
                    subscription.id,
                    self.name,
                    MissKind.USAGE_BASED_BILLING,
                    subscription.upn,
                    key,
                    related=server.id,
                    detail=server.primary_email,
                )
                continue
            yield Link(
                subject=subscription.id,
                target=server.id,
                matcher=self.name,
                attribute="GHES primary email (GHES-only user)",
                value=server.primary_email or "",
                subject_value=subscription.upn,
            )
