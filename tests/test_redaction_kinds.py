"""Redaction of every kind of explanation: no note, miss, evidence or finding of any kind
lets an email, login, display name or host through, in any format.

The enterprises below are made up (example domains) to hold at least one of every kind
of note, miss, evidence and finding; a test checks that they do, so a kind added later
must be added here too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence

import attrs
import pytest

import ghlicense
from builders import cloud_csv
from ghlicense import (
    Audit,
    CheckSettings,
    EvidenceKind,
    FindingKind,
    Link,
    Miss,
    MissKind,
    NoteKind,
    Pipeline,
    audit,
    parse_cloud_csv,
    parse_identities,
    parse_server_export,
    parse_sync_status,
    parse_visual_studio,
)
from input_secrets import leaks as _leaks
from input_secrets import secrets_of
from near_miss_world import world

H = "ghes.example.com"
LEGACY = "legacy.example.net"
"""An instance no export covers: its accounts come from the cloud report's rows."""
AS_OF = dt.date(2026, 12, 1)


def _user(user_id: int, login: str, name: str, email: str | None) -> dict[str, object]:
    emails = [{"email": email, "primary": True}] if email else []
    return {"user_id": user_id, "login": login, "profile_name": name, "emails": emails}


def _export(host: str, users: list[dict[str, object]]) -> ghlicense.ServerExport:
    text = json.dumps({"instance": {"host_name": host}, "users": users})
    return parse_server_export(text, source=f"{host}.json")


def _identity(
    login: str, name_id: str, emails: Sequence[str] = (), scim: str | None = None
) -> dict[str, object]:
    node: dict[str, object] = {
        "user": {"login": login},
        "samlIdentity": {"nameId": name_id, "emails": [{"value": e} for e in emails]},
    }
    if scim:
        node["scimIdentity"] = {"username": scim, "emails": []}
    return node


def _bundle_enterprise() -> Audit:
    """SAML in use, bundle billing: notes, near misses, checks."""
    cloud = cloud_csv(
        [
            {"github_com_login": "ghopper", "github_com_name": "Grace Hopper",
             "github_com_verified_domain_emails": "gracehopper@example.com"},
            {"github_com_login": "ghopper", "github_com_name": "Grace Hopper",
             "github_com_verified_domain_emails": "gracehopper@example.com"},  # twice
            {"github_com_login": "anil", "github_com_name": "Anil Kumar",
             "github_com_verified_domain_emails": "akumar@example.com"},
            {"github_com_login": "asha", "github_com_name": "Asha Kumar",
             "github_com_verified_domain_emails": "akumar@example.org"},
            {"github_com_login": "asmith", "github_com_name": "Alex Smith",
             "github_com_verified_domain_emails": "alex.smith@example.com"},
            {"github_com_login": "asmith2", "github_com_name": "Alex Smith",
             "github_com_verified_domain_emails": "asmith2@example.com",
             "enterprise_server_user_ids": f"8:{H}:Member",
             "enterprise_server_primary_emails": "asmith2@example.com"},
            {"github_com_login": "mlamarr", "github_com_name": "Hedy Lamarr",
             "github_com_verified_domain_emails": "hedy.lamarr@example.com"},
            {"github_com_login": "kjohnson", "github_com_name": "Katherine Johnson",
             "github_com_verified_domain_emails": "katherine.johnson@example.com"},
            {"github_com_login": "bob", "github_com_name": "Bob Builder"},  # no verified email
            {"github_com_login": "admin-x", "github_com_name": "Ada Min",
             "github_com_verified_domain_emails": "admin@example.com"},
            {"github_com_login": "gracehopper@example.com",
             "github_com_enterprise_roles": "Pending invitation"},  # absorbed
            {"github_com_login": "newcomer@example.org",
             "github_com_enterprise_roles": "Pending invitation"},  # adds a seat
            # the same server account twice, with two emails
            {"github_com_login": "", "enterprise_server_user_ids": f"5:{LEGACY}:Member",
             "enterprise_server_primary_emails": "five@example.net"},
            {"github_com_login": "", "enterprise_server_user_ids": f"5:{LEGACY}:Member",
             "enterprise_server_primary_emails": "cinq@example.net"},
            # two accounts with one email, put with two members: a conflict
            {"github_com_login": "carol", "github_com_name": "Carol Shaw",
             "enterprise_server_user_ids": f"6:{LEGACY}:Member",
             "enterprise_server_primary_emails": "shared@example.net"},
            {"github_com_login": "dave", "github_com_name": "Dave Conway",
             "enterprise_server_user_ids": f"9:{LEGACY}:Member",
             "enterprise_server_primary_emails": "shared@example.net"},
        ]
    )  # fmt: skip
    ghes = _export(
        H,
        [
            _user(7, "u7", "A. Kumar", "akumar@home.example.net"),
            _user(8, "asmith2", "Alex Smith", "asmith2@example.com"),
            _user(10, "u10", "Alex Smith", "alexsmith@home.example.net"),
            _user(11, "ghopper", "Grace Hopper", "gh1906@home.example.net"),
            _user(12, "u12", "Hedy Lamar", "hedylamarr@old.example.org"),
            _user(13, "kjohnson", "K. Johnson", "kj@home.example.net"),
            _user(14, "u14", "Heddy Lamarr", "h.lamarr@old.example.org"),
            _user(15, "u15", "Build Robot", "admin@example.org"),
            _user(16, "u16", "Ada Min", "admin@old.example.org"),  # generic
            _user(17, "asmith2", "Alex Smith", "asmith2@old.example.org"),  # asmith2 is on H
            _user(18, "mlamarr", "Mary Lamarr", "hedy.lamarr+old@example.com"),
            _user(19, "u19", "K. Johnson", "kjohnson.home@example.net"),
        ],
    )
    other = _export(  # the same user twice, in a file named after its host
        "ghes-eu.example.com",
        [
            _user(1, "eu1", "Eu Person", "eu1@example.com"),
            _user(1, "eu1", "Eu Person", "eu.1@example.com"),
        ],
    )
    identities = parse_identities(
        json.dumps(
            {
                "nodes": [
                    _identity("ghopper", "gracehopper@example.com", scim="grace@example.com"),
                    _identity("ghost", "ghost@example.com", ["ghost.other@example.com"]),
                ]
            }
        )
    )
    vs = parse_visual_studio(
        "Subscriber Name,Email,Expiration Date (UTC),Subscription Status\n"
        "Grace Hopper,gracehopper@example.com,2026-10-31,Active\n"  # expired
        "Grace Hopper,grace.hopper@personal.example.net,2027-10-31,Active\n"
        "Gone Person,gone@example.org,2027-10-31,Active\n"  # used by no one
        ",,2027-10-31,Unassigned\n",
        source="vs.csv",
    )
    sync = parse_sync_status(
        json.dumps(
            {
                "server_instances": [
                    {"server_id": "s1", "hostname": H, "last_sync": {
                        "date": "2026-10-01T00:00:00Z", "status": "success", "error": ""}},
                    {"server_id": "s2", "hostname": LEGACY, "last_sync": {
                        "date": "2026-11-30T00:00:00Z", "status": "failed",
                        "error": f"could not reach {LEGACY} from ghes.example.com"}},
                ]
            }
        )
    )  # fmt: skip
    return audit(
        cloud=parse_cloud_csv(cloud, source="cloud.csv"),
        servers=[ghes, other],
        identities=[identities],
        visual_studio=[vs],
        checks=CheckSettings(sync=sync, as_of=AS_OF),
    )


@attrs.frozen
class _RefuseAll:
    """A matcher of the user's own that explains, with an email, why it joined no one."""

    name: str = "refuse_all"

    def match(
        self, enterprise: ghlicense.Enterprise, pending: Sequence[ghlicense.Account], /
    ) -> Iterator[Link | Miss]:
        for account in pending:
            yield Miss(
                subject=account.id,
                matcher=self.name,
                reason=f"{account.id} is not on the list kept by owner@example.com",
            )


def _usage_based_enterprise() -> Audit:
    """No SAML, usage-based billing, a matcher of the user's own."""
    cloud = cloud_csv(
        [
            {"github_com_login": "radia", "github_com_name": "Radia Perlman",
             "github_com_verified_domain_emails": "radia@example.com"},
        ]
    )  # fmt: skip
    ghes = _export(
        H,
        [
            _user(1, "solo", "Solo Server", "solo@example.net"),
            _user(2, "noemail", "Nadia Quiet", None),
        ],
    )
    vs = parse_visual_studio("Subscriber Name,Email\nSolo Server,solo@example.net\n")
    pipeline = Pipeline(matchers=(*Pipeline().matchers, _RefuseAll()))
    return audit(
        cloud=parse_cloud_csv(cloud, source="cloud.csv"),
        servers=[ghes],
        visual_studio=[vs],
        billing="usage-based",
        pipeline=pipeline,
    )


CASES = {
    "bundle": _bundle_enterprise,
    "usage_based": _usage_based_enterprise,
    "near_miss_world": lambda: world(120, 3).audit,
    "example": ghlicense.example,
}


def _kinds(result: Audit) -> set[object]:
    kinds: set[object] = {note.kind for note in result.notes}
    kinds |= {miss.kind for person in result.persons for miss in person.misses}
    for finding in result.findings:
        kinds.add(finding.kind)
        kinds |= {evidence.kind for evidence in finding.evidence}
    return kinds


def test_the_cases_hold_every_kind() -> None:
    """Every note, miss, evidence and finding kind is in one of the cases."""
    seen = set().union(*(_kinds(make()) for make in CASES.values()))
    every = {*NoteKind, *MissKind, *EvidenceKind, *FindingKind}
    assert sorted(map(str, every - seen)) == []


def _secrets(result: Audit) -> set[str]:
    """Every value of the inputs, and the address in the custom matcher's own sentence."""
    return {*secrets_of(result), "owner@example.com"}


WRITERS = {
    "text": ghlicense.render_text,
    "json": ghlicense.render_json,
    "csv": ghlicense.render_csv,
    "markdown": ghlicense.render_markdown,
    "html": ghlicense.render_html,
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", WRITERS)
def test_no_secret_survives_any_kind(case: str, fmt: str) -> None:
    result = CASES[case]()
    secrets = _secrets(result)
    write = WRITERS[fmt]
    assert _leaks(write(result), secrets)  # the plain report shows them
    assert _leaks(write(ghlicense.redact(result, key=b"k")), secrets) == []
