"""GitHub's troubleshooting checks: each found where it must be, and not for its look-alike."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import run
from ghlicense import Audit, CheckSettings, Finding, find_checks, parse_sync_status
from ghlicense.cli import main

H = "ghes.example.com"
SYNC = """{"server_instances": [
 {"server_id": "s1", "hostname": "%s", "last_sync": {"date": "%s", "status": "%s", "error": "%s"}}
]}"""


def _kinds(found: tuple[Finding, ...], kind: str) -> list[Finding]:
    return [f for f in found if f.kind == kind]


def _audit() -> Audit:
    return run(
        [
            {"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"},
            {"github_com_login": "bob", "github_com_verified_domain_emails": ""},
            {
                "github_com_login": "",
                "enterprise_server_user_ids": f"1:{H}:Member",
                "enterprise_server_primary_emails": "ada@example.com",
            },
        ],
        {H: [(1, "ada@example.com")]},
        vs=["ada@example.com", "gone@example.org"],
    )


def test_member_without_a_verified_domain_email() -> None:
    """bob has no verified email: found; ada has one: not."""
    (finding,) = _kinds(find_checks(_audit()), "no_verified_domain_email")
    assert finding.accounts == ("cloud:bob",)
    assert finding.sentence == (
        "bob has no email on a verified domain (example.com; inferred from the report's "
        "verified emails: example.com (1 addresses)): GitHub says these are often the "
        "members who take more than one seat."
    )
    given = find_checks(_audit(), CheckSettings(verified_domains=("example.net",)))
    assert [f.accounts for f in _kinds(given, "no_verified_domain_email")] == [
        ("cloud:ada",),
        ("cloud:bob",),
    ]


@pytest.mark.parametrize(
    ("date", "status", "error", "kind", "sentence"),
    [
        ("2026-11-01T00:00:00Z", "success", "", "stale_sync",
         f"the last license sync of {H} was on 2026-11-01, 30 days ago (more than 7): sync "
         "again, and after any fix to an email."),
        ("2026-11-30T00:00:00Z", "failed", "Connection timed out", "failed_sync",
         f"the last license sync of {H} (2026-11-30) failed: Connection timed out."),
        ("2026-11-28T00:00:00Z", "success", "", None, None),
    ],
)  # fmt: skip
def test_sync(date: str, status: str, error: str, kind: str | None, sentence: str | None) -> None:
    """A stale or a failed sync is found; a fresh sync is not."""
    sync = parse_sync_status(SYNC % (H, date, status, error))
    found = find_checks(_audit(), CheckSettings(sync=sync, as_of=dt.date(2026, 12, 1)))
    syncs = [f for f in found if f.kind in {"stale_sync", "failed_sync", "never_synced"}]
    assert [(f.kind, f.sentence) for f in syncs] == ([(kind, sentence)] if kind else [])


def test_never_synced() -> None:
    """An instance whose export is given but that the report never lists, or the sync lacks."""
    unseen = run(
        [{"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"}],
        {H: [(1, "ada@example.com")]},
    )
    (finding,) = _kinds(find_checks(unseen), "never_synced")
    assert finding.sentence == (
        f"{H} has never synced its license usage to GitHub: GitHub's cloud report lists "
        "none of its accounts."
    )
    sync = parse_sync_status(SYNC % ("other.example.com", "2026-11-30T00:00:00Z", "success", ""))
    (finding,) = _kinds(find_checks(_audit(), CheckSettings(sync=sync)), "never_synced")
    assert finding.values == (H, "the sync status does not know it")
    assert not _kinds(find_checks(_audit()), "never_synced")  # the report lists its account


def test_unused_subscription() -> None:
    """A subscription matched to no one is found; a matched one is not."""
    found = _kinds(find_checks(_audit()), "unused_subscription")
    assert [f.accounts for f in found] == [("vs:gone@example.org",)]


def test_invitations() -> None:
    """An invitation to a member adds no seat; one to a newcomer adds one."""
    result = run(
        [
            {"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"},
            {
                "github_com_login": "ada@example.com",
                "github_com_enterprise_roles": "Pending invitation",
            },
            {
                "github_com_login": "new@example.com",
                "github_com_enterprise_roles": "Pending invitation",
            },
        ]
    )
    found = find_checks(result)
    assert [f.sentence for f in found if f.kind.startswith("invitation")] == [
        "the pending invitation to ada@example.com adds no seat: ada already takes one "
        "(verified email).",
        "the pending invitation to new@example.com takes a seat of its own: it was not sent "
        "to the login or a verified email of anyone who already takes one.",
    ]


def test_github_count_against_the_recount() -> None:
    """GitHub's count differs from the recount: found, leading the text report; equal: not."""
    stale = run(
        [
            {"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"},
            {"github_com_login": "", "enterprise_server_user_ids": f"4:{H}:Member"},
        ],
        {H: [(4, "ada@example.com")]},
    )
    (finding,) = _kinds(find_checks(stale), "github_count_differs")
    assert (finding.values, finding.accounts) == (("2", "1"), (f"server:{H}:4",))
    agreed = run(
        [
            {
                "github_com_login": "ada",
                "github_com_verified_domain_emails": "ada@example.com",
                "enterprise_server_user_ids": f"4:{H}:Member",
            }
        ],
        {H: [(4, "ada@example.com")]},
    )
    assert not _kinds(find_checks(agreed), "github_count_differs")


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--as-of", "2026-13-01", "'2026-13-01' is not a date of the form YYYY-MM-DD (for example 2026-12-01)"),
        ("--stale-after", "-1", "-1 days is negative: give 0 or more"),
        ("--stale-after", "week", "'week' is not a whole number of days"),
    ],
)  # fmt: skip
def test_error_check_options(
    option: str, value: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong date or a negative number of days is wrong usage (exit 2)."""
    assert main(["audit", "--example", option, value]) == 2
    assert capsys.readouterr().err.endswith(f"ghlicense audit: error: argument {option}: {said}\n")


def test_unassigned_portal_rows_are_skipped_and_counted() -> None:
    """Rows with no email, or marked unassigned, are no subscribers: skipped, and said."""
    from ghlicense import audit, parse_visual_studio

    vs = parse_visual_studio(
        "Subscriber Name,Email,Subscription Status,Expiration Date (UTC)\n"
        "Ada,ada@example.com,assigned,2030-01-31\n"
        ",,unassigned,2030-01-31\n"
        "Old,old@example.com,Unassigned,2030-01-31\n",
        source="vs.csv",
    )
    assert ([s.upn for s in vs.subscribers], vs.unassigned) == (["ada@example.com"], 2)
    (note,) = audit(visual_studio=[vs]).notes
    assert str(note) == (
        "2 row(s) of vs.csv have no email or are marked unassigned: subscriptions assigned to "
        "no one, so no subscribers; they were skipped."
    )


@pytest.mark.parametrize(("expires", "found"), [("2026-10-31", True), ("2027-10-31", False)])
def test_expired_subscription(expires: str, *, found: bool) -> None:
    """A subscription expired before the as-of date that still counts is found; a current not."""
    from builders import cloud_csv
    from ghlicense import audit, parse_cloud_csv, parse_visual_studio

    result = audit(
        cloud=parse_cloud_csv(
            cloud_csv(
                [
                    {
                        "github_com_login": "ada",
                        "github_com_verified_domain_emails": "ada@example.com",
                    }
                ]
            )
        ),
        visual_studio=[
            parse_visual_studio(
                f"Subscriber Name,Email,Expiration Date (UTC)\nAda,ada@example.com,{expires}\n"
            )
        ],
    )
    checks = find_checks(result, CheckSettings(as_of=dt.date(2026, 12, 1)))
    expired = [f.sentence for f in checks if f.kind == "expired_subscription"]
    assert expired == (
        [
            "the Visual Studio subscription ada@example.com expired on 2026-10-31 but still counts for ada."
        ]
        if found
        else []
    )
