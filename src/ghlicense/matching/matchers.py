"""The built-in matchers, in the order GitHub applies its rules (FORMATS.md section 6).

A matcher is any object with a ``name`` and a ``match`` method (:class:`Matcher`). The
pipeline calls ``match`` once with the enterprise and the accounts still joined to no
GHEC account; the matcher yields a :class:`Link` for each account it can join and may
yield a :class:`Miss` saying why it could not join another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

import attrs

from ghlicense.emails import EmailKey, email_key, is_email
from ghlicense.matching.accounts import (
    Account,
    CloudAccount,
    Invitation,
    ServerAccount,
    VisualStudioSubscription,
)
from ghlicense.matching.enterprise import Enterprise
from ghlicense.matching.links import Link, Miss

__all__ = [
    "InvitationMatcher",
    "Matcher",
    "ReportGroupingMatcher",
    "SamlAttributeMatcher",
    "VerifiedEmailMatcher",
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


def _index(entries: Iterable[tuple[CloudAccount, str, str]]) -> _Index:
    """Map each email-shaped value's key to its first ``(account, attribute, value)``."""
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


@attrs.frozen
class SamlAttributeMatcher:
    """A GHES primary email against the linked SAML identities' NameID.

    GitHub compares the email with the identity's attributes in this order: the
    ``.../claims/name`` claim, the ``.../claims/emailaddress`` claim, ``username``,
    ``NameID``, ``emails``. The cloud report carries the NameID; a value that is not an
    email address (``octocat``, an opaque id) never matches.
    """

    name: str = "saml"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending GHES account whose primary email is a SAML attribute value."""
        if not enterprise.saml_in_use:
            for account in _servers(pending):
                if account.key:
                    yield Miss(subject=account.id, matcher=self.name, reason="SAML is not in use")
            return
        index = _index(
            (account, "SAML NameID", account.saml_name_id)
            for account in enterprise.cloud
            if account.saml_name_id
        )
        for account in _servers(pending):
            if account.key is None or account.primary_email is None:
                continue
            hit = index.get(account.key)
            if hit is not None:
                yield _link(account, hit, self.name, account.primary_email)
            else:
                yield Miss(
                    subject=account.id,
                    matcher=self.name,
                    reason=f"primary email {account.primary_email} is not the SAML NameID "
                    "of any linked identity",
                )


@attrs.frozen
class VerifiedEmailMatcher:
    """A GHES primary email against the verified emails of GHEC accounts."""

    name: str = "verified_email"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending GHES account whose primary email is a verified email."""
        index = _index(
            (account, "verified email", email)
            for account in enterprise.cloud
            for email in account.verified_emails
        )
        for account in _servers(pending):
            if account.key is None or account.primary_email is None:
                continue
            hit = index.get(account.key)
            if hit is not None:
                yield _link(account, hit, self.name, account.primary_email)
            else:
                yield Miss(
                    subject=account.id,
                    matcher=self.name,
                    reason=f"primary email {account.primary_email} is not a verified email "
                    "of any GHEC account",
                )


@attrs.frozen
class InvitationMatcher:
    """A pending invitation sent to the login or verified email of someone who consumes.

    Such an invitation adds no seat; any other pending invitation consumes one.
    """

    name: str = "invitation"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending invitation to the consuming account it was sent to."""
        consuming = [account for account in enterprise.cloud if account.consumes]
        index = _index(
            (account, "verified email", email)
            for account in consuming
            for email in account.verified_emails
        )
        logins = {account.login.lower(): account for account in consuming}
        for invitation in pending:
            if not isinstance(invitation, Invitation):
                continue
            invitee = invitation.invitee.strip()
            login_hit = logins.get(invitee.lower())
            if login_hit is not None:
                yield _link(invitation, (login_hit, "login", login_hit.login), self.name, invitee)
                continue
            hit = index.get(email_key(invitee))
            if hit is not None:
                yield _link(invitation, hit, self.name, invitee)
            else:
                yield Miss(
                    subject=invitation.id,
                    matcher=self.name,
                    reason=f"the invitation to {invitee} was not sent to the login or a "
                    "verified email of anyone who already consumes a license",
                )


@attrs.frozen
class VisualStudioUpnMatcher:
    """A Visual Studio subscription's UPN against the verified emails of GHEC accounts.

    For Enterprise Managed Users the linked identity's email (the SAML NameID the
    report shows) counts too.
    """

    name: str = "visual_studio_upn"

    def match(self, enterprise: Enterprise, pending: Sequence[Account], /) -> Iterator[Link | Miss]:
        """Link each pending subscription whose UPN is a verified email."""
        entries: list[tuple[CloudAccount, str, str]] = [
            (account, "verified email", email)
            for account in enterprise.cloud
            for email in account.verified_emails
        ]
        if enterprise.emu:
            entries += [
                (account, "linked identity's email", account.saml_name_id)
                for account in enterprise.cloud
                if account.saml_name_id
            ]
        index = _index(entries)
        for subscription in pending:
            if not isinstance(subscription, VisualStudioSubscription):
                continue
            hit = index.get(email_key(subscription.upn))
            if hit is not None:
                yield _link(subscription, hit, self.name, subscription.upn)
            else:
                yield Miss(
                    subject=subscription.id,
                    matcher=self.name,
                    reason=f"the subscription's UPN {subscription.upn} is not a verified "
                    "email of any GHEC account",
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
        logins = {account.login.lower(): account for account in enterprise.cloud}
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
