"""Visual Studio subscribers: the admin-portal export, the bulk-add template, the REST JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from dateutil import tz

from conftest import realdata
from ghlicense import VisualStudioError, audit, parse_cloud_csv, parse_visual_studio

PORTAL = (
    "Subscriber Name,Email,Notification Email Address,Microsoft Entra group,Subscription Level,"
    "Assigned,Activated,Expiration Date (UTC),Reference,Downloads,Country,Language,"
    "Subscription Status,Subscription GUID,Usage Status\n"
)


def test_real_export_day_first() -> None:
    """The real export: Email Address is the UPN, UK dates, 'False' for never activated."""
    path = realdata("vs_admin_export_csharp_fixture/vs_export.cleaned.csv")
    result = parse_visual_studio(path.read_bytes(), source="vs.csv")
    first, second = result.subscribers
    assert (first.upn, first.notification_email, first.group) == (
        "Adam.Davies3@wales.nhs.uk",
        "adam.davies3@wales.nhs.uk",
        "False",
    )
    assert first.assigned == dt.datetime(2018, 9, 24, 10, 11, 40, tzinfo=tz.UTC)
    assert (first.activated, first.status, first.subscription_id) == (
        None,
        "OverClaimed",
        "88a177e8-dbf0-45ca-85c0-e3605c088a90",
    )
    assert second.expires == dt.datetime(2021, 7, 31, tzinfo=tz.UTC)
    assert result.date_order == "day first, as '24/09/2018 10:11:40' at line 2 shows"


def test_real_export_verbatim_string() -> None:
    """The C# verbatim string (indented, literal backslash-n) still yields both subscribers."""
    path = realdata("vs_admin_export_csharp_fixture/vs_export.verbatim_string.txt")
    result = parse_visual_studio(path.read_bytes(), source="vs.txt")
    assert [s.upn for s in result.subscribers] == [
        "Adam.Davies3@wales.nhs.uk",
        "adam.thomas3@wales.nhs.uk",
    ]


def test_real_rest_forms() -> None:
    """The schema's keys and GitHub's own example's keys are both read."""
    for name, login in (
        ("gogithub_enterprise_licenses/visual_studio_subscriptions.list.json", "monalisa"),
        ("openapi_ghec_examples/visual_studio_subscriptions.list.example.json", "gh-user"),
        ("openapi_ghec_examples/visual_studio_subscription_assignment.put.example.json", "gh-user"),
    ):
        (subscriber,) = parse_visual_studio(realdata(name).read_bytes()).subscribers
        assert subscriber.github_login == login


def test_bulk_add_template() -> None:
    """The bulk-add template's 'Sign-in Email' is the UPN."""
    text = "Name,Sign-in Email,Reference\nAda,ada@example.com,R1\n"
    (subscriber,) = parse_visual_studio(text).subscribers
    assert (subscriber.name, subscriber.upn, subscriber.extra) == (
        "Ada",
        "ada@example.com",
        {"Reference": "R1"},
    )


def test_ambiguous_dates_need_an_answer() -> None:
    """03/04/2021 is never guessed: refused, or read as the caller says."""
    row = "Ada,ada@example.com,,,Pro,03/04/2021,False,03/04/2022,,,UK,English,Assigned,g,New\n"
    with pytest.raises(VisualStudioError) as caught:
        parse_visual_studio(PORTAL + row, source="vs.csv")
    assert str(caught.value) == (
        "vs.csv:2: the date '03/04/2021' could be read day-first or month-first and no date "
        "in the file tells which; say which with dayfirst=True or False (--vs-dayfirst or "
        "--vs-monthfirst on the command line)."
    )
    day = parse_visual_studio(PORTAL + row, dayfirst=True).subscribers[0]
    month = parse_visual_studio(PORTAL + row, dayfirst=False).subscribers[0]
    assert (day.assigned, month.assigned) == (
        dt.datetime(2021, 4, 3, tzinfo=tz.UTC),
        dt.datetime(2021, 3, 4, tzinfo=tz.UTC),
    )


def test_error_mixed_date_orders() -> None:
    """A file whose dates show both orders is refused."""
    rows = (
        "A,a@example.com,,,Pro,24/09/2018,False,,,,,,,,\n"
        "B,b@example.com,,,Pro,09/24/2018,False,,,,,,,,\n"
    )
    with pytest.raises(VisualStudioError) as caught:
        parse_visual_studio(PORTAL + rows, source="vs.csv")
    assert str(caught.value) == (
        "vs.csv:2: the dates mix day-first ('24/09/2018' at line 2) and month-first "
        "('09/24/2018' at line 3) orders; fix the file's dates."
    )


def test_error_not_a_subscribers_file() -> None:
    """A CSV without a sign-in column is refused, saying where to export from."""
    with pytest.raises(VisualStudioError) as caught:
        parse_visual_studio("Subscriber Name,Country\nAda,UK\n", source="vs.csv")
    assert str(caught.value) == (
        "vs.csv:1: this is not a Visual Studio subscribers export: its header has no sign-in "
        "address column ('Email', 'Email Address' or 'Sign-in Email'); export the "
        "subscribers from the Visual Studio subscriptions admin portal."
    )


def test_subscriptions_join_by_upn() -> None:
    """A UPN equal to a verified email joins the person, whose license becomes VS."""
    cloud = parse_cloud_csv(
        "github_com_login,enterprise_server_user_ids,license_type,"
        "github_com_verified_domain_emails,enterprise_server_primary_emails\n"
        "ada,,Enterprise,Ada@Example.com,\n"
    )
    subscribers = parse_visual_studio(
        json.dumps(
            {
                "visual_studio_subscriptions": [
                    {"visual_studio_subscription_email": "ada@example.com"},
                    {"visual_studio_subscription_email": "bob@example.com"},
                ]
            }
        )
    )
    result = audit(cloud=cloud, visual_studio=[subscribers])
    ada = next(p for p in result.persons if p.cloud_login == "ada")
    assert (ada.license_type, ada.matched_by) == (
        "Visual Studio subscription",
        ("visual_studio_upn",),
    )
    bob = next(p for p in result.persons if p.key == "vs:bob@example.com")
    assert (bob.consumes_seat, bob.license_type) == (False, None)
    assert result.total_seats == 1


def test_repeated_cells_are_kept_once() -> None:
    """A product name, a status, a column kept as it is: one string for every row."""
    from ghlicense import parse_visual_studio

    text = "Subscriber Name,Email,Subscription Level,Subscription Status,Country\n" + "".join(
        f"P{i},p{i}@example.com,Visual Studio Enterprise,Active,{'US' if i else 'US '}\n"
        for i in range(3)
    )
    first, second, third = parse_visual_studio(text).subscribers
    assert first.level == "Visual Studio Enterprise"
    assert first.level is second.level
    assert first.status is second.status is third.status
    assert second.extra["Country"] is third.extra["Country"] == "US"
    assert first.extra["Country"] == "US "  # kept as it is: not trimmed
