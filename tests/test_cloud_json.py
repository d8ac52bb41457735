"""GHEC consumed licenses from the REST API: pages in every arrangement, and errors."""

from __future__ import annotations

import json

import pytest

from conftest import realdata
from ghlicense import CloudReportError, ParseErrors, ServerId, parse_cloud_json, parse_cloud_report

PYGITHUB = "pygithub_consumed_licenses/EnterpriseAdmin.testGetEnterpriseUsers.page{}.json"


def _page(*users: object, consumed: int = 1) -> dict[str, object]:
    return {"total_seats_consumed": consumed, "total_seats_purchased": 5, "users": list(users)}


def test_real_pages_as_a_list_and_concatenated() -> None:
    """PyGithub's recorded traffic: four pages, 102 users, as a list or concatenated."""
    pages = [json.loads(realdata(PYGITHUB.format(n)).read_text()) for n in range(1, 5)]
    as_list = parse_cloud_json(json.dumps(pages))
    concatenated = parse_cloud_json("\n".join(json.dumps(page, indent=2) for page in pages))
    assert len(as_list.rows) == len(concatenated.rows) == 102
    assert as_list.rows == concatenated.rows
    assert (as_list.total_seats_consumed, as_list.total_seats_purchased) == (102, 103)
    kinds = {row.license_type for row in as_list.rows}
    assert kinds == {"Enterprise", "Visual Studio subscription"}
    assert as_list.rows[0].visual_studio_subscription_email == "beaver-user@beaver.co.jp"


def test_openapi_example() -> None:
    """GitHub's published example: HOST:ID ids, lowercase vocabularies, "" for booleans."""
    path = realdata("openapi_ghec_examples/consumed_licenses.example.json")
    report = parse_cloud_report(path.read_bytes(), source="example.json")
    first, second = report.rows
    assert first.server_ids == (
        ServerId(user_id=123, host="example_host_name.com"),
        ServerId(user_id=222, host="example_host_name_2"),
    )
    assert (first.license_type, first.enterprise_roles) == ("enterprise", ("owner",))
    assert first.server_primary_emails == ("monalisa@github.com",)
    assert (second.login, second.two_factor_auth, second.enterprise_roles) == (None, None, ())


def test_go_github_mock() -> None:
    """go-github's mock: bare ids and enterprise_server_emails."""
    path = realdata("gogithub_enterprise_licenses/consumed_licenses.page.json")
    (row,) = parse_cloud_json(path.read_bytes()).rows
    assert row.server_ids == (ServerId(user_id=123), ServerId(user_id=456))
    assert row.server_primary_emails == ("user1@example.com",)
    assert row.saml_name_id == "saml123"


def test_unknown_keys_are_kept() -> None:
    """Keys ghlicense does not know are kept in extra, JSON-encoded unless text."""
    report = parse_cloud_json(
        json.dumps(_page({"github_com_login": "a", "new_thing": [1], "note": "x"}))
    )
    assert report.rows[0].extra == {"new_thing": "[1]", "note": "x"}


def test_error_not_pages() -> None:
    """A page without users, and a list of numbers, are named."""
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_json('{"total_seats_consumed": 3}', source="c.json")
    assert str(caught.value) == (
        "c.json: at /: this page has no 'users'; expected consumed licenses from the REST "
        "API (an object with 'users', or a list of them)."
    )
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_json("[1]", source="c.json")
    assert str(caught.value) == (
        "c.json: at /0: expected a page of consumed licenses (an object with 'users'), found "
        "the number 1."
    )


def test_error_bad_values_name_their_pointer() -> None:
    """Wrong types inside a user are named by page and JSON Pointer."""
    pages = [
        _page({"github_com_login": "a"}),
        _page(
            {"github_com_login": "b", "github_com_verified_domain_emails": ["nope"]},
            {"github_com_login": {"x": 1}},
            "c",
        ),
    ]
    with pytest.raises(ParseErrors) as caught:
        parse_cloud_json(json.dumps(pages), source="c.json")
    assert [str(e) for e in caught.value.exceptions] == [
        "c.json: at /1/users/0/github_com_verified_domain_emails: 'nope' is not an email "
        "address: it has no @-sign.",
        "c.json: at /1/users/1/github_com_login: expected text, a number, true/false or a "
        "list of texts, not an object.",
        "c.json: at /1/users/2: a user should be an object, not the text 'c'.",
    ]
    partial = parse_cloud_json(json.dumps(pages), source="c.json", strict=False)
    assert [row.login for row in partial.rows] == ["a"]
    assert len(partial.problems) == 3


def test_error_concatenated_page_names_its_line() -> None:
    """In concatenated pages, a broken page is found by its first line."""
    text = json.dumps(_page()) + "\n" + '{"users": 5}'
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_json(text, source="c.json")
    assert str(caught.value) == (
        "c.json:2: at /: this page has 'users' holding the number 5; expected consumed "
        "licenses from the REST API (an object with 'users', or a list of them)."
    )
