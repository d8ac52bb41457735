"""Gathering inputs one at a time gives the same enterprise as gathering them at once."""

from __future__ import annotations

import pytest

from ghlicense import (
    Gatherer,
    collect_enterprise,
    parse_cloud_csv,
    parse_cloud_report,
    parse_identities,
    parse_server_export,
    parse_visual_studio,
)
from synthetic import generate


def test_one_at_a_time_equals_all_at_once() -> None:
    """Each input added and dropped in turn: the same accounts, notes and order."""
    world = generate(2000, 5)
    cloud = parse_cloud_report(world.cloud_csv)
    servers = [parse_server_export(text, source=host) for host, text in world.exports.items()]
    identities = parse_identities(world.identities)
    subscribers = parse_visual_studio(world.visual_studio_csv)
    expected = collect_enterprise(
        cloud=cloud, servers=servers, identities=[identities], visual_studio=[subscribers]
    )

    gatherer = Gatherer()
    gatherer.add_cloud(parse_cloud_report(world.cloud_csv))
    for host, text in world.exports.items():
        gatherer.add_server(parse_server_export(text, source=host))
    gatherer.add_identities(parse_identities(world.identities))
    gatherer.add_visual_studio(parse_visual_studio(world.visual_studio_csv))
    assert gatherer.enterprise() == expected
    assert gatherer.enterprise() == expected  # asking twice changes nothing


REPORT = (
    "github_com_login,enterprise_server_user_ids,license_type,"
    "github_com_verified_domain_emails,enterprise_server_primary_emails\n"
    'alice,"1:ghes.example.com:Member, 7:other.example.com:Member",Enterprise,,'
    '"a@example.com, a7@example.com"\n'
    'bob,"1:ghes.example.com:Member, 7:other.example.com:Member",Enterprise,,'
    '"b@example.com, b7@example.com"\n'
)
EXPORT = (
    '{"instance": {"host_name": "ghes.example.com"}, '
    '"users": [{"user_id": 1, "emails": [{"email": "a@example.com", "primary": true}]}]}'
)


def test_report_notes_only_for_hosts_no_export_covers() -> None:
    """A server account two rows name is noted once, unless an export covers its host."""
    enterprise = collect_enterprise(
        cloud=parse_cloud_csv(REPORT, source="cloud.csv"),
        servers=[parse_server_export(EXPORT, source="ghes.json")],
    )
    assert enterprise.notes == (
        "server account 7 on other.example.com appears twice (cloud.csv line 2 and cloud.csv "
        "line 3) with different primary emails (a7@example.com, b7@example.com); it is counted "
        "once, with the email a7@example.com.",
    )
    assert [a.id for a in enterprise.server] == [
        "server:ghes.example.com:1",
        "server:other.example.com:7",
    ]


def test_cloud_report_after_exports_is_refused() -> None:
    """The report's rows are needed to read the exports: it must come first."""
    gatherer = Gatherer()
    gatherer.add_server(parse_server_export(EXPORT, source="ghes.json"))
    with pytest.raises(ValueError, match=r"^add the cloud report") as e:
        gatherer.add_cloud(parse_cloud_csv(REPORT, source="cloud.csv"))
    assert str(e.value) == (
        "add the cloud report before the server exports: its rows say which server accounts "
        "GitHub counted, and with whom."
    )
