"""SAML / SCIM identities from saved GraphQL ``externalIdentities`` responses.

Accepted: an enterprise's ``ownerInfo.samlIdentityProvider`` or ``ownerInfo.oidcProvider``
(Enterprise Managed Users), an organization's ``samlIdentityProvider``; one page, a list
of pages, pages concatenated, a bare connection, or a bare ``nodes`` list; ``nodes`` or
``edges[].node``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from ghlicense.errors import IdentitiesError, ParseError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers._json import (
    Repeats,
    child,
    describe,
    load_documents,
    refuse_unclaimed,
    twice_error,
)
from ghlicense.parsers._problems import settle
from ghlicense.parsers._text import decode
from ghlicense.records.identities import (
    ExternalIdentity,
    IdentitySet,
    SamlIdentity,
    ScimIdentity,
)

__all__ = ["parse_identities"]

_NO_ATTRIBUTES: Mapping[str, tuple[str, ...]] = MappingProxyType({})
"""The attributes of the many identities with none: one shared read-only mapping."""

_WHAT = "a GraphQL response with externalIdentities (or a list of such responses)"


class _Bad(ValueError):
    def __init__(self, pointer: str, reason: str) -> None:
        super().__init__(reason)
        self.pointer = pointer
        self.reason = reason


@paused_gc
def parse_identities(
    data: str | bytes,
    /,
    *,
    source: str = "identities.json",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> IdentitySet:
    """Parse saved ``externalIdentities`` GraphQL responses.

    Raises:
        IdentitiesError: the text is not JSON, a GraphQL error response, or has no
            identities connection at all.
        ParseErrors: with ``strict=True``, one :class:`IdentitiesError` per bad node.
    """
    text = decode(data, source=source, error=IdentitiesError, limits=limits)
    repeats = Repeats()
    documents = load_documents(
        text,
        source=source,
        error=IdentitiesError,
        what=_WHAT,
        max_depth=limits.max_depth,
        repeats=repeats,
    )
    identities: list[ExternalIdentity] = []
    providers: list[str] = []
    notes: list[str] = []
    problems: list[ParseError] = []
    several = len(documents) > 1
    for line, document in documents:
        where = line if several else None
        pages: list[object] = (
            document if isinstance(document, list) and _is_page_list(document) else [document]
        )
        prefix_list = pages is document
        for index, page in enumerate(pages):
            pointer = f"/{index}" if prefix_list else ""
            try:
                found = list(_connections(page, pointer))
            except _Bad as bad:
                raise IdentitiesError(
                    bad.reason, source=source, line=where, pointer=bad.pointer
                ) from None
            for provider, connection, at in found:
                if connection is None:
                    notes.append(
                        f"the {provider} identity provider is not set up (null) at {at or '/'}"
                    )
                    continue
                providers.append(provider)
                for node, node_at in _nodes(connection, at, source, where):
                    twice = repeats.under(node_at, line) if repeats else None
                    if twice is not None:
                        problems.append(
                            twice_error(twice, IdentitiesError, source=source, line=where)
                        )
                        continue
                    try:
                        identities.append(_identity(node, node_at))
                    except _Bad as bad:
                        problems.append(
                            IdentitiesError(
                                bad.reason, source=source, line=where, pointer=bad.pointer
                            )
                        )
    refuse_unclaimed(repeats, IdentitiesError, source=source, several=several)
    settle(problems, source=source, strict=strict)
    return IdentitySet(
        source=source,
        identities=tuple(identities),
        providers=tuple(dict.fromkeys(providers)),
        notes=tuple(notes),
        problems=tuple(problems),
    )


def _is_page_list(document: object) -> bool:
    """A list of pages, as opposed to a bare list of nodes."""
    return (
        isinstance(document, list)
        and all(
            isinstance(item, dict) and ("data" in item or "errors" in item) for item in document
        )
        and bool(document)
    )


def _connections(page: object, pointer: str) -> Iterator[tuple[str, dict[str, object] | None, str]]:
    """Yield ``(provider, externalIdentities connection or None, pointer)`` of a page."""
    if isinstance(page, list):  # a bare nodes list
        yield "SAML", {"nodes": page}, pointer
        return
    if not isinstance(page, dict):
        raise _Bad(pointer or "/", f"expected {_WHAT}, found {describe(page)}.")
    if "externalIdentities" in page or "nodes" in page or "edges" in page:
        connection = page.get("externalIdentities", page)
        yield "SAML", connection if isinstance(connection, dict) else None, pointer
        return
    data = page.get("data")
    if data is None:
        errors = page.get("errors")
        if isinstance(errors, list) and errors:
            messages = "; ".join(
                str(error.get("message")) for error in errors if isinstance(error, dict)
            )
            raise _Bad(
                pointer or "/",
                f"this GraphQL response is an error, with no data: {messages or 'no message'}. "
                "Run the query again (check the token's scopes) and save the new response.",
            )
        raise _Bad(pointer or "/", f"expected {_WHAT}, but the object has no 'data'.")
    if not isinstance(data, dict):
        raise _Bad(child(pointer, "data"), f"'data' holds {describe(data)}, not an object.")
    yielded = False
    for owner_key, owner in data.items():
        owner_at = child(child(pointer, "data"), owner_key)
        if not isinstance(owner, dict):
            continue
        scope = "enterprise" if owner_key == "enterprise" else "organization"
        holder = owner.get("ownerInfo", owner)
        holder_at = child(owner_at, "ownerInfo") if "ownerInfo" in owner else owner_at
        if not isinstance(holder, dict):
            continue
        for key, kind in (("samlIdentityProvider", "SAML"), ("oidcProvider", "OIDC")):
            if key not in holder:
                continue
            provider = holder[key]
            at = child(holder_at, key)
            name = f"{scope} {kind}"
            if provider is None:
                yield name, None, at
            elif isinstance(provider, dict) and isinstance(
                provider.get("externalIdentities"), dict
            ):
                yield name, provider["externalIdentities"], child(at, "externalIdentities")
            else:
                raise _Bad(
                    at,
                    "expected an identity provider with 'externalIdentities', found "
                    f"{describe(provider)}.",
                )
            yielded = True
    if not yielded:
        raise _Bad(
            child(pointer, "data"),
            "the response has no samlIdentityProvider or oidcProvider; query "
            "externalIdentities of the enterprise (ownerInfo) or of an organization.",
        )


def _nodes(
    connection: dict[str, object], pointer: str, source: str, line: int | None
) -> Iterator[tuple[object, str]]:
    nodes = connection.get("nodes")
    if isinstance(nodes, list):
        prefix = child(pointer, "nodes")
        for index, node in enumerate(nodes):
            yield node, f"{prefix}/{index}"
        return
    edges = connection.get("edges")
    if isinstance(edges, list):
        prefix = child(pointer, "edges")
        for index, edge in enumerate(edges):
            yield (edge.get("node") if isinstance(edge, dict) else edge), f"{prefix}/{index}/node"
        return
    raise IdentitiesError(
        "the externalIdentities connection has neither 'nodes' nor 'edges'; ask for "
        "nodes { ... } in the query.",
        source=source,
        line=line,
        pointer=pointer,
    )


# Each reader takes the value and where it is (the object's pointer and the key): the
# pointer of the value itself is built only for an error message.


def _text(value: object, base: str, key: str | int) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise _Bad(child(base, key), f"expected text, not {describe(value)}.")


def _emails(value: object, base: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    pointer = child(base, key)
    if not isinstance(value, list):
        raise _Bad(pointer, f"'emails' should be a list, not {describe(value)}.")
    emails = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            text = _text(item.get("value"), child(pointer, index), "value")
        else:
            text = _text(item, pointer, index)
        if text:
            emails.append(text)
    return tuple(emails)


def _attributes(value: object, base: str, key: str) -> Mapping[str, tuple[str, ...]]:
    if value is None or (isinstance(value, list) and not value):  # most identities
        return _NO_ATTRIBUTES
    pointer = child(base, key)
    if not isinstance(value, list):
        raise _Bad(pointer, f"'attributes' should be a list, not {describe(value)}.")
    claims: dict[str, tuple[str, ...]] = {}
    for index, item in enumerate(value):
        at = child(pointer, index)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _Bad(at, f"an attribute should be an object with 'name', not {describe(item)}.")
        raw = item.get("value")
        if isinstance(raw, list):
            texts = tuple(t for i, v in enumerate(raw) if (t := _text(v, child(at, "value"), i)))
        else:
            text = _text(raw, at, "value")
            texts = (text,) if text else ()
        claims[item["name"]] = claims.get(item["name"], ()) + texts
    return MappingProxyType(claims)


def _login(user: object, base: str) -> str | None:
    if user is None:
        return None
    if not isinstance(user, dict):
        raise _Bad(
            child(base, "user"), f"'user' should be an object or null, not {describe(user)}."
        )
    at = base + "/user"
    login = _text(user.get("login"), at, "login")
    if login is None:
        url = _text(user.get("url"), at, "url")
        login = url.rstrip("/").rpartition("/")[2] if url else None
    return login


def _identity(node: object, pointer: str) -> ExternalIdentity:
    if not isinstance(node, dict):
        raise _Bad(pointer, f"an identity node should be an object, not {describe(node)}.")
    saml_raw = node.get("samlIdentity")
    scim_raw = node.get("scimIdentity")
    saml = scim = None
    if saml_raw is not None:
        at = pointer + "/samlIdentity"
        if not isinstance(saml_raw, dict):
            raise _Bad(at, f"'samlIdentity' should be an object, not {describe(saml_raw)}.")
        saml = SamlIdentity(
            name_id=_text(saml_raw.get("nameId"), at, "nameId"),
            username=_text(saml_raw.get("username"), at, "username"),
            given_name=_text(saml_raw.get("givenName"), at, "givenName"),
            family_name=_text(saml_raw.get("familyName"), at, "familyName"),
            emails=_emails(saml_raw.get("emails"), at, "emails"),
            attributes=_attributes(saml_raw.get("attributes"), at, "attributes"),
        )
    if scim_raw is not None:
        at = pointer + "/scimIdentity"
        if not isinstance(scim_raw, dict):
            raise _Bad(at, f"'scimIdentity' should be an object, not {describe(scim_raw)}.")
        scim = ScimIdentity(
            username=_text(scim_raw.get("username"), at, "username"),
            given_name=_text(scim_raw.get("givenName"), at, "givenName"),
            family_name=_text(scim_raw.get("familyName"), at, "familyName"),
            emails=_emails(scim_raw.get("emails"), at, "emails"),
        )
    return ExternalIdentity(
        login=_login(node.get("user"), pointer),
        guid=_text(node.get("guid"), pointer, "guid"),
        saml=saml,
        scim=scim,
        position=pointer,
    )
