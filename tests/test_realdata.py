"""Golden tests on files written by third parties (../shared/realdata; skipped when absent)."""

from __future__ import annotations

import pytest

from conftest import realdata
from ghlicense import CloudReportError, NoteKind, ServerId, audit, parse_cloud_csv


def test_magmamoose_humanized_report() -> None:
    """The faker-made 'octodemo' export (humanized header, 164 rows) parses in full."""
    path = realdata("magmamoose_enterprise_members_csv/export-octodemo-1774709193.head.csv")
    report = parse_cloud_csv(path.read_bytes(), source=path.name)
    assert len(report.rows) == 164
    assert report.columns[11] == "github_com_saml_name_id"
    assert sum(1 for row in report.rows if row.login is None) == 60
    assert sum(1 for row in report.rows if row.login and "@" in row.login) == 4
    first = report.rows[0]
    assert (first.login, first.enterprise_roles, first.two_factor_auth) == (
        "xen-kent",
        ("Owner",),
        True,
    )
    server_only = next(row for row in report.rows if row.login is None)
    assert server_only.server_ids == (
        ServerId(user_id=406, host="ghes.company.com", role="Member"),
    )
    result = audit(cloud=report)
    ids = [a.id for person in result.persons for a in person.accounts]
    assert len(ids) == len(set(ids))
    # The faker data repeats server ids with different emails: counted once, and said so.
    assert any(
        note.kind == NoteKind.SERVER_ACCOUNT_TWICE and note.values[0] == "417"
        for note in result.notes
    )
    assert any("417" in str(note) and "appears twice" in str(note) for note in result.notes)


def test_magmamoose_first_version() -> None:
    """The first committed version (host octodemo.com, ORG/REPO collaborators) parses."""
    path = realdata(
        "magmamoose_enterprise_members_csv/export-octodemo-1774709193.first-version.csv"
    )
    report = parse_cloud_csv(path.read_bytes(), source=path.name)
    assert len(report.rows) == 164
    assert (
        report.rows[1].member_roles[-1]
        == "dunder-mifflin-tech/octocat_supply-strange-platypus:Collaborator"
    )


def test_some_natalie_chargeback_table() -> None:
    """The blog's 7-row table: TRUE/FALSE booleans and an id:host:role server id."""
    path = realdata("some_natalie_chargeback_table/consumed_licenses_table.converted.csv")
    report = parse_cloud_csv(path.read_bytes(), source=path.name)
    assert [row.login for row in report.rows] == [f"user{i}" for i in range(1, 8)]
    user5 = report.rows[4]
    assert user5.server_ids == (ServerId(user_id=71, host="octodemo.com", role="Member"),)
    assert user5.server_primary_emails == ("test_server_user@test.com",)
    assert user5.github_com_user is True
    assert user5.enterprise_roles == ("Owner", "Member")
    assert audit(cloud=report).total_seats == 7


def test_dormant_users_report_is_refused() -> None:
    """A dormant-users CSV is not a license report, and the error says so."""
    path = realdata(
        "magmamoose_enterprise_members_csv/dormant-users-export-octodemo-1774679438.csv"
    )
    with pytest.raises(CloudReportError, match="none of the license report's columns"):
        parse_cloud_csv(path.read_bytes(), source=path.name)


def test_people_export_is_refused() -> None:
    """The 'people export' near-miss lacks the report's columns, and the error lists them."""
    path = realdata("copilot_license_manager_people_export/people_export_example.csv")
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_csv(path.read_bytes(), source="people.csv")
    assert str(caught.value).startswith(
        "people.csv:1: this is not a GitHub Enterprise license usage report: its header lacks "
        "the columns 'enterprise_server_user_ids', 'github_com_verified_domain_emails', "
        "'enterprise_server_primary_emails';"
    )


def test_twice_notes_give_their_lines_in_order() -> None:
    """A server account named at lines 49 and 161 is said in that order (not as text)."""
    path = realdata("magmamoose_enterprise_members_csv/export-octodemo-1774709193.head.csv")
    result = audit(cloud=parse_cloud_csv(path.read_bytes(), source="report.csv"))
    (note,) = [n for n in result.notes if n.values[:1] == ("561",)]
    assert str(note) == (
        "server account 561 on ghes.company.com appears twice (report.csv line 49 and "
        "report.csv line 161) with different primary emails (avery-reed@gmail.com, "
        "xen-howe@github.com); it is counted once, with the email avery-reed@gmail.com."
    )
