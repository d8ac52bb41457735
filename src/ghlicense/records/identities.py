"""Records of SAML / SCIM external identities (GraphQL ``externalIdentities``)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ghlicense.errors import ParseError

__all__ = ["ExternalIdentity", "IdentitySet", "SamlIdentity", "ScimIdentity"]


@attrs.frozen(kw_only=True)
class SamlIdentity:
    """The SAML side of an identity: NameID, username, emails and raw claims."""

    name_id: str | None = None
    username: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    emails: tuple[str, ...] = ()
    attributes: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, eq=False)
    """Raw SAML claims by claim name, each with its values (read-only)."""


@attrs.frozen(kw_only=True)
class ScimIdentity:
    """The SCIM side of an identity: userName and emails."""

    username: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    emails: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ExternalIdentity:
    """One identity of the identity provider, and the GHEC login it is linked to."""

    login: str | None
    """The linked user's login; ``None`` while the identity is not linked."""
    guid: str | None = None
    saml: SamlIdentity | None = None
    scim: ScimIdentity | None = None
    position: str = ""
    """A JSON Pointer to the node in its source."""


@attrs.frozen(kw_only=True)
class IdentitySet:
    """The identities of one or more saved GraphQL responses."""

    source: str
    identities: tuple[ExternalIdentity, ...]
    providers: tuple[str, ...] = ()
    """Where they came from: ``enterprise SAML``, ``organization SAML``, ``enterprise OIDC``."""
    notes: tuple[str, ...] = ()
    """What the responses said besides identities (an organization without SAML, ...)."""
    problems: tuple[ParseError, ...] = ()
