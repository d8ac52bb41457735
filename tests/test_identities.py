"""SAML / SCIM identities from saved GraphQL responses."""

from __future__ import annotations

import json

import pytest

from conftest import realdata
from ghlicense import IdentitiesError, ParseErrors, parse_identities

MOCKS = "graphql_external_identities_mocks/"


def _parse(name: str):  # type: ignore[no-untyped-def]
    return parse_identities(realdata(MOCKS + name).read_bytes(), source=name)


def test_real_mocks() -> None:
    """Every third-party mock parses into the identities it holds."""
    linked = _parse("org_nodes_unlinked_identity.json")
    assert [(i.login, i.saml.name_id if i.saml else None) for i in linked.identities] == [
        ("ada-acme", "Ada@acme.io"),
        (None, "pending@acme.io"),
    ]
    enterprise = _parse("enterprise_ownerinfo_saml_scim.converted.json")
    (mona,) = enterprise.identities
    assert mona.scim is not None
    assert (mona.login, mona.scim.username, enterprise.providers) == (
        "mona_acme",
        "mona.svc",
        ("enterprise SAML",),
    )
    edges = _parse("org_edges_opaque_nameid.json")
    assert [(i.login, i.saml.name_id if i.saml else None) for i in edges.identities] == [
        (None, "expected-id")
    ]
    assert _parse("org_nodes_single.json").identities[0].login == "bob"
    assert _parse("org_nodes_login_case.json").identities[0].login == "Hans"
    no_saml = _parse("org_no_saml.json")
    assert (no_saml.identities, no_saml.notes) == (
        (),
        (
            "the organization SAML identity provider is not set up (null) at "
            "/data/organization/samlIdentityProvider",
        ),
    )


def test_error_graphql_errors() -> None:
    """A GraphQL error document says what GraphQL said and what to do."""
    with pytest.raises(IdentitiesError) as caught:
        _parse("graphql_errors.json")
    assert str(caught.value) == (
        "graphql_errors.json: at /: this GraphQL response is an error, with no data: x. Run "
        "the query again (check the token's scopes) and save the new response."
    )


def _node(login: str | None, name_id: str, **saml: object) -> dict[str, object]:
    return {
        "guid": "g-" + name_id,
        "user": {"login": login} if login else None,
        "samlIdentity": {"nameId": name_id, **saml},
    }


def test_pages_oidc_attributes_and_bare_nodes() -> None:
    """Lists of pages, the EMU OIDC provider, raw claims, and a bare nodes list."""
    claims = [
        {
            "name": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            "value": "A@x.example",
        },
        {"name": "groups", "value": ["a", "b"]},
    ]
    page = {
        "data": {
            "enterprise": {
                "ownerInfo": {
                    "oidcProvider": {
                        "externalIdentities": {
                            "nodes": [
                                _node(
                                    "a_acme",
                                    "id-1",
                                    attributes=claims,
                                    emails=[{"value": "a@x.example"}],
                                ),
                            ]
                        }
                    }
                }
            }
        }
    }
    result = parse_identities(json.dumps([page, page]))
    assert result.providers == ("enterprise OIDC",)
    assert len(result.identities) == 2
    saml = result.identities[0].saml
    assert saml is not None
    assert saml.emails == ("a@x.example",)
    assert saml.attributes["groups"] == ("a", "b")
    with pytest.raises(TypeError):  # records are read-only, their mappings too
        saml.attributes["groups"] = ()  # type: ignore[index]
    bare = parse_identities(json.dumps([_node("b", "b@x.example"), _node("c", "c@x.example")]))
    assert [i.login for i in bare.identities] == ["b", "c"]
    first, second = (i.saml for i in bare.identities)
    assert first is not None
    assert second is not None
    assert first.attributes == {}
    assert first.attributes is second.attributes  # identities without claims share one
    with_url = parse_identities(
        json.dumps([{"user": {"url": "https://github.com/carol"}, "samlIdentity": None}])
    )
    assert with_url.identities[0].login == "carol"


def test_error_bad_nodes() -> None:
    """Bad nodes are set aside with their pointers."""
    text = json.dumps({"nodes": [_node("a", "a@x.example"), {"samlIdentity": "x"}, 3]})
    with pytest.raises(ParseErrors) as caught:
        parse_identities(text, source="i.json")
    assert [str(e) for e in caught.value.exceptions] == [
        "i.json: at /nodes/1/samlIdentity: 'samlIdentity' should be an object, not the text 'x'.",
        "i.json: at /nodes/2: an identity node should be an object, not the number 3.",
    ]
    assert len(parse_identities(text, strict=False).identities) == 1
