"""Invariants of the whole audit, on random enterprises rendered into real file formats."""

from __future__ import annotations

import csv
import io
import json
import random

from hypothesis import given
from hypothesis import strategies as st

from ghlicense import Audit, audit, parse_cloud_csv, parse_server_export

HEADER = [
    "github_com_login",
    "enterprise_server_user_ids",
    "license_type",
    "github_com_enterprise_roles",
    "github_com_verified_domain_emails",
    "github_com_saml_name_id",
    "enterprise_server_primary_emails",
]
HOSTS = ["a.example.com", "b.example.com"]
# A small pool so that collisions (shared emails, case variants) are frequent.
EMAILS = st.sampled_from(
    ["ann@example.com", "Ann@Example.com", "bo@example.com", "cy@example.org", " dee@example.net "]
)
NAME_IDS = st.one_of(st.none(), EMAILS, st.just("octocat"))

cloud_users = st.lists(
    st.tuples(
        st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True),
        st.lists(EMAILS, max_size=2),
        NAME_IDS,
    ),
    max_size=8,
    unique_by=lambda user: user[0],
)
server_users = st.lists(
    st.tuples(st.sampled_from(HOSTS), st.integers(1, 30), st.one_of(st.none(), EMAILS)),
    max_size=12,
    unique_by=lambda user: (user[0], user[1]),
)
invitations = st.lists(st.one_of(EMAILS, st.sampled_from(["zed@example.com"])), max_size=3)


def render_cloud(users: list[tuple[str, list[str], str | None]], invites: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for login, verified, name_id in users:
        writer.writerow([login, "", "Enterprise", "Member", ", ".join(verified), name_id or "", ""])
    for invitee in invites:
        writer.writerow([invitee.strip(), "", "Enterprise", "Pending invitation", "", "", ""])
    return out.getvalue()


def render_exports(users: list[tuple[str, int, str | None]]) -> list[str]:
    documents = []
    for host in HOSTS:
        exported = [
            {"user_id": uid, "emails": [{"email": email, "primary": True}] if email else []}
            for h, uid, email in users
            if h == host
        ]
        documents.append(json.dumps({"instance": {"host_name": host}, "users": exported}))
    return documents


def run(cloud_text: str, exports: list[str]) -> Audit:
    cloud = parse_cloud_csv(cloud_text)
    servers = [parse_server_export(text, source=f"ghes{i}.json") for i, text in enumerate(exports)]
    return audit(cloud=cloud, servers=servers)


def fingerprint(result: Audit) -> object:
    return sorted(
        (sorted(a.id for a in person.accounts), person.consumes_seat, person.license_type)
        for person in result.persons
    )


@given(cloud_users, server_users, invitations)
def test_persons_partition_the_accounts(
    cloud_u: list[tuple[str, list[str], str | None]],
    server_u: list[tuple[str, int, str | None]],
    invites: list[str],
) -> None:
    """Every account of the input is in exactly one person."""
    result = run(render_cloud(cloud_u, invites), render_exports(server_u))
    ids = [a.id for person in result.persons for a in person.accounts]
    expected = (
        {f"cloud:{login}" for login, _, _ in cloud_u}
        | {f"server:{host}:{uid}" for host, uid, _ in server_u}
        | {f"invitation:{i.strip().lower()}" for i in invites}
    )
    assert len(ids) == len(set(ids))
    assert set(ids) == expected
    assert all(len(person.cloud) <= 1 for person in result.persons)


@given(cloud_users, server_users, invitations, st.randoms(use_true_random=False))
def test_order_of_rows_changes_nothing(
    cloud_u: list[tuple[str, list[str], str | None]],
    server_u: list[tuple[str, int, str | None]],
    invites: list[str],
    rnd: random.Random,
) -> None:
    """Shuffling the input rows gives the same persons, links and seats."""
    first = run(render_cloud(cloud_u, invites), render_exports(server_u))
    for items in (cloud_u, server_u, invites):
        rnd.shuffle(items)
    second = run(render_cloud(cloud_u, invites), render_exports(server_u))
    assert fingerprint(first) == fingerprint(second)
    assert first.total_seats == second.total_seats
    assert sorted(map(repr, first.links)) == sorted(map(repr, second.links))


@given(cloud_users, server_users)
def test_same_primary_email_is_one_person(
    cloud_u: list[tuple[str, list[str], str | None]], server_u: list[tuple[str, int, str | None]]
) -> None:
    """GHES accounts whose primary emails differ only in case or spaces are one person."""
    result = run(render_cloud(cloud_u, []), render_exports(server_u))
    person_of: dict[str, str] = {a.id: p.key for p in result.persons for a in p.accounts}
    by_email: dict[str, set[str]] = {}
    for host, uid, email in server_u:
        if email:
            by_email.setdefault(email.strip().lower(), set()).add(person_of[f"server:{host}:{uid}"])
    assert all(len(persons) == 1 for persons in by_email.values())


@given(cloud_users, server_users)
def test_seats_never_exceed_persons(
    cloud_u: list[tuple[str, list[str], str | None]], server_u: list[tuple[str, int, str | None]]
) -> None:
    """Seats are counted per person: never more than persons, never less than GHEC users."""
    result = run(render_cloud(cloud_u, []), render_exports(server_u))
    assert len(cloud_u) <= result.total_seats <= len(result.persons)


@given(cloud_users, server_users, invitations)
def test_nothing_is_linked_twice(
    cloud_u: list[tuple[str, list[str], str | None]],
    server_u: list[tuple[str, int, str | None]],
    invites: list[str],
) -> None:
    """Every account is the subject of at most one link."""
    result = run(render_cloud(cloud_u, invites), render_exports(server_u))
    subjects = [link.subject for link in result.links]
    assert len(subjects) == len(set(subjects))


@given(cloud_users, server_users, st.sampled_from(HOSTS), st.booleans())
def test_an_unrelated_account_never_merges_persons(
    cloud_u: list[tuple[str, list[str], str | None]],
    server_u: list[tuple[str, int, str | None]],
    host: str,
    with_email: bool,
) -> None:
    """Adding a GHES account with a fresh address changes no other person."""
    before = run(render_cloud(cloud_u, []), render_exports(server_u))
    fresh = (host, 999, "fresh-person@example.net" if with_email else None)
    after = run(render_cloud(cloud_u, []), render_exports([*server_u, fresh]))
    new_id = f"server:{host}:999"
    groups_after = [
        sorted(a.id for a in p.accounts if a.id != new_id)
        for p in after.persons
        if any(a.id != new_id for a in p.accounts)
    ]
    assert sorted(groups_after) == sorted(sorted(a.id for a in p.accounts) for p in before.persons)
    assert after.total_seats == before.total_seats + 1
