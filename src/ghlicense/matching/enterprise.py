"""The enterprise: every account of the inputs, ready for matching."""

from __future__ import annotations

import functools

import attrs

from ghlicense.emails import EmailKey, email_key, is_email
from ghlicense.matching.accounts import (
    Account,
    CloudAccount,
    Invitation,
    ServerAccount,
    Unplaced,
    VisualStudioSubscription,
)
from ghlicense.records.identities import ExternalIdentity
from ghlicense.records.server import ServerInstance

__all__ = ["Enterprise"]


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
    notes: tuple[str, ...] = ()
    """Inconsistencies of the inputs found while gathering (duplicate rows, ...)."""
    emu: bool = False
    emu_reason: str = ""

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
