"""The SAML / SCIM identities, from GraphQL's ``externalIdentities``, page by page.

The enterprise's provider first (SAML, or OIDC with SCIM for managed users); with
``--org``, each organization's SAML provider instead. A page that GitHub cannot answer
in time (``RESOURCE_LIMITS_EXCEEDED``, a time-out) is asked for again with fewer
identities; below the smallest size the fetch stops and says what to do instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ghlicense.errors import FetchError
from ghlicense.fetch.api import Answer, Api, SlowAnswer
from ghlicense.fetch.rest import Pages, refusal

__all__ = ["PAGE_SIZES", "identities"]

PAGE_SIZES = (100, 50, 25, 10)
"""The page sizes tried, largest first, when GitHub cannot answer a page in time."""

_NODES = """
pageInfo { hasNextPage endCursor }
nodes {
  guid
  samlIdentity { nameId username emails { value } attributes { name value } }
  scimIdentity { username emails { value } }
  user { login }
}
"""

_PROVIDERS = """
query($slug: String!) {
  enterprise(slug: $slug) { ownerInfo { samlIdentityProvider { id } oidcProvider { id } } }
}
"""

_ENTERPRISE = """
query($slug: String!, $first: Int!, $after: String) {
  enterprise(slug: $slug) { ownerInfo { %s {
    externalIdentities(first: $first, after: $after) { %s }
  } } }
}
"""

_ORGANIZATION = """
query($org: String!, $first: Int!, $after: String) {
  organization(login: $org) { samlIdentityProvider {
    externalIdentities(first: $first, after: $after) { %s }
  } }
}
"""

_IDENTITY_SCOPES = "admin:enterprise (read:enterprise does not reach identities)"
_TOO_BIG = {"RESOURCE_LIMITS_EXCEEDED", "TIMEOUT", "MAX_NODE_LIMIT_EXCEEDED"}


class _TooBig(Exception):
    pass


def _data(answer: Answer, what: str) -> dict[str, object]:
    """The ``data`` of a GraphQL answer, or the error that says why there is none."""
    if answer.status != 200:
        raise FetchError(refusal(answer, "the GraphQL API", _IDENTITY_SCOPES))
    try:
        body = json.loads(answer.text)
    except ValueError:
        raise FetchError(f"GitHub's GraphQL answer for {what} is not JSON.") from None
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors:
        first = errors[0] if isinstance(errors, list) and errors else {}
        kind = str(first.get("type", "")) if isinstance(first, dict) else ""
        message = str(first.get("message", "")) if isinstance(first, dict) else str(first)
        if kind in _TOO_BIG or "timeout" in message.lower():
            raise _TooBig
        if kind in {"FORBIDDEN", "INSUFFICIENT_SCOPES"}:
            raise FetchError(
                f"GitHub did not give {what} ({kind}: {message}): the token needs the "
                f"{_IDENTITY_SCOPES} scope; or pass --no-identities to fetch the rest."
            )
        if kind == "NOT_FOUND":
            raise FetchError(
                f"GitHub did not find {what} ({message}): check the slug or the "
                "organization's login."
            )
        raise FetchError(f"GitHub's GraphQL API refused the query for {what}: {message}")
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise FetchError(f"GitHub's GraphQL answer for {what} has no data.")
    return data


def _dig(data: object, path: Sequence[str]) -> object:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _pages(  # noqa: PLR0917 - one query's parts
    api: Api,
    query: str,
    variables: dict[str, object],
    path: Sequence[str],
    what: str,
    progress: Callable[[int], None],
) -> tuple[list[str], int]:
    pages: list[str] = []
    rows = 0
    after: str | None = None
    sizes = list(PAGE_SIZES)
    while True:
        try:
            answer = api.graphql(query, {**variables, "first": sizes[0], "after": after})
            data = _data(answer, what)
        except (_TooBig, SlowAnswer):
            sizes.pop(0)
            if not sizes:
                raise FetchError(
                    f"GitHub's GraphQL API could not return {what} even {PAGE_SIZES[-1]} at a "
                    "time (the enterprise is too large for it). Audit with the license usage "
                    "CSV from the enterprise's Licensing page instead (--cloud FILE): it "
                    "carries each member's SAML NameID; or pass --no-identities."
                ) from None
            continue
        connection = _dig(data, path)
        if not isinstance(connection, dict):
            raise FetchError(f"GitHub's GraphQL answer for {what} has no externalIdentities.")
        nodes = connection.get("nodes")
        rows += len(nodes) if isinstance(nodes, list) else 0
        pages.append(answer.text)
        progress(len(pages))
        info = connection.get("pageInfo")
        if not (isinstance(info, dict) and info.get("hasNextPage") and info.get("endCursor")):
            return pages, rows
        after = str(info["endCursor"])


def identities(
    api: Api,
    slug: str,
    *,
    orgs: Sequence[str] = (),
    progress: Callable[[int], None] = lambda _n: None,
) -> Pages | str:
    """The enterprise's external identities (or each of *orgs*'), or why there are none.

    Raises:
        FetchError: the token may not read identities, the query failed, or pages stayed
            too large at the smallest size.
    """
    pages: list[str] = []
    rows = 0
    if orgs:
        for org in orgs:
            found, count = _pages(
                api,
                _ORGANIZATION % _NODES,
                {"org": org},
                ("organization", "samlIdentityProvider", "externalIdentities"),
                f"the identities of the organization {org!r}",
                progress,
            )
            pages += found
            rows += count
        return Pages(
            endpoint="graphql organization externalIdentities", pages=tuple(pages), rows=rows
        )
    what = f"the identities of the enterprise {slug!r}"
    providers = _data(api.graphql(_PROVIDERS, {"slug": slug}), what)
    owner = _dig(providers, ("enterprise", "ownerInfo"))
    if _dig(providers, ("enterprise",)) is None:
        raise FetchError(
            f"GitHub's GraphQL API knows no enterprise {slug!r} (or the token may not see "
            "it): check the slug."
        )
    provider = next(
        (key for key in ("samlIdentityProvider", "oidcProvider") if _dig(owner, (key,))),
        None,
    )
    if provider is None:
        return (
            f"no identities: the enterprise {slug!r} has no SAML or OIDC provider of its own "
            "(when SAML is set per organization, pass --org ORG for each one)."
        )
    found, rows = _pages(
        api,
        _ENTERPRISE % (provider, _NODES),
        {"slug": slug},
        ("enterprise", "ownerInfo", provider, "externalIdentities"),
        what,
        progress,
    )
    return Pages(endpoint=f"graphql enterprise {provider}", pages=tuple(found), rows=rows)
