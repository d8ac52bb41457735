"""Round trips: records rendered into each format parse back to the same records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from conftest import realdata
from ghlicense import (
    CloudRow,
    ServerEmail,
    ServerId,
    ServerUser,
    parse_cloud_csv,
    parse_cloud_json,
    parse_server_export,
    parse_sync_status,
)

WORD = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
LABEL = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
EMAIL = st.builds(lambda a, b: f"{a}@{b}.example.com", WORD, LABEL)
ROLE = st.sampled_from(["Owner", "Member", "Billing manager", "Pending invitation"])
SERVER_ID = st.builds(
    ServerId,
    user_id=st.integers(1, 2**63 - 1),
    host=st.builds(lambda w: f"{w}.example.com", LABEL),
    role=st.sampled_from(["Owner", "Member"]),
)
OPTIONAL_BOOL = st.one_of(st.none(), st.booleans())

rows = st.builds(
    CloudRow,
    line=st.just(0),
    login=st.one_of(st.none(), WORD),
    name=st.one_of(st.none(), WORD),
    server_ids=st.lists(SERVER_ID, max_size=3).map(tuple),
    github_com_user=OPTIONAL_BOOL,
    enterprise_server_user=OPTIONAL_BOOL,
    license_type=st.sampled_from([None, "Enterprise", "Visual Studio subscription"]),
    enterprise_roles=st.lists(ROLE, max_size=3).map(tuple),
    member_roles=st.lists(st.builds(lambda o, r: f"{o}:{r}", WORD, ROLE), max_size=3).map(tuple),
    verified_domain_emails=st.lists(EMAIL, max_size=3).map(tuple),
    saml_name_id=st.one_of(st.none(), WORD, EMAIL),
    two_factor_auth=OPTIONAL_BOOL,
    two_factor_auth_required_by_date=st.one_of(
        st.none(), st.dates(dt.date(2008, 1, 1), dt.date(2100, 12, 31))
    ),
    server_primary_emails=st.lists(EMAIL, max_size=3).map(tuple),
    visual_studio_subscription_email=st.one_of(st.none(), EMAIL),
    total_user_accounts=st.one_of(st.none(), st.integers(0, 50)),
)

COLUMNS = {
    "github_com_login": "login",
    "github_com_name": "name",
    "enterprise_server_user_ids": "server_ids",
    "github_com_user": "github_com_user",
    "enterprise_server_user": "enterprise_server_user",
    "license_type": "license_type",
    "github_com_member_roles": "member_roles",
    "github_com_enterprise_roles": "enterprise_roles",
    "github_com_verified_domain_emails": "verified_domain_emails",
    "github_com_saml_name_id": "saml_name_id",
    "github_com_two_factor_auth": "two_factor_auth",
    "github_com_two_factor_auth_required_by_date": "two_factor_auth_required_by_date",
    "enterprise_server_primary_emails": "server_primary_emails",
    "visual_studio_subscription_email": "visual_studio_subscription_email",
    "total_user_accounts": "total_user_accounts",
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


def _json(value: object) -> object:
    if isinstance(value, tuple):
        return [str(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _fields(row: CloudRow) -> tuple[object, ...]:
    return tuple(getattr(row, attribute) for attribute in COLUMNS.values())


@given(st.lists(rows, max_size=8), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_cloud_csv_round_trip(records: list[CloudRow], newline: str, bom: bool) -> None:
    """Rows written as GitHub writes the CSV parse back to the same rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(COLUMNS)
    for row in records:
        cells = [_cell(getattr(row, attribute)) for attribute in COLUMNS.values()]
        if any(cells):
            writer.writerow(cells)
    kept = [r for r in records if any(_cell(getattr(r, a)) for a in COLUMNS.values())]
    text = ("\ufeff" if bom else "") + out.getvalue()
    assert [_fields(r) for r in parse_cloud_csv(text.encode()).rows] == [_fields(r) for r in kept]


@given(st.lists(st.lists(rows, max_size=4), min_size=1, max_size=3), st.booleans())
def test_cloud_json_round_trip(pages: list[list[CloudRow]], concatenate: bool) -> None:
    """Rows written as REST pages (a list, or concatenated) parse back to the same rows."""
    documents = [
        {"users": [{key: _json(getattr(r, a)) for key, a in COLUMNS.items()} for r in page]}
        for page in pages
    ]
    text = "\n".join(map(json.dumps, documents)) if concatenate else json.dumps(documents)
    expected = [_fields(r) for page in pages for r in page]
    assert [_fields(r) for r in parse_cloud_json(text).rows] == expected


users = st.lists(
    st.builds(
        ServerUser,
        user_id=st.integers(1, 2**63 - 1),
        emails=st.lists(
            st.builds(ServerEmail, address=EMAIL, primary=st.booleans()), max_size=3
        ).map(tuple),
        login=st.one_of(st.none(), WORD),
        site_admin=OPTIONAL_BOOL,
        suspended=st.booleans(),
    ),
    max_size=6,
)


@given(users, st.booleans())
def test_server_export_round_trip(records: list[ServerUser], top_level: bool) -> None:
    """Users written into an export (instance block or top-level fields) parse back."""
    exported = [
        {
            "user_id": u.user_id,
            "emails": [{"email": e.address, "primary": e.primary} for e in u.emails],
            "login": u.login,
            "site_admin": u.site_admin,
            "suspended": u.suspended,
        }
        for u in records
    ]
    instance = {"host_name": "ghes.example.com", "server_id": "abc", "version": "3.17.2"}
    document = (
        {**instance, "users": exported} if top_level else {"instance": instance, "users": exported}
    )
    export = parse_server_export(json.dumps(document))
    assert export.instance.host_name == "ghes.example.com"
    assert [(u.user_id, u.emails, u.login, u.site_admin, u.suspended) for u in export.users] == [
        (u.user_id, u.emails, u.login, u.site_admin, u.suspended) for u in records
    ]


def test_sync_status_example() -> None:
    """GitHub's example sync status: two instances with dates and statuses."""
    report = parse_sync_status(
        realdata("openapi_ghec_examples/license_sync_status.example.json").read_bytes()
    )
    assert [(i.hostname, i.status, i.last_sync) for i in report.instances] == [
        ("github.example.com", "success", dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
        ("github2.example.com", "success", dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    ]
