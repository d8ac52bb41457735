"""The GHES site admin 'All users' report: the unencrypted alternative to the export."""

from __future__ import annotations

import pytest

from ghlicense import ServerExportError, audit, parse_server_users_csv

HEADER = (
    "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,"
    "org_memberships,dormant?,last_active,raw_login,2fa_enabled?\n"
)
ROWS = (
    "2021-03-26 04:11:02 -0400,5,mona,mona@example.com,admin,false,10.0.0.1,3,1,2,false,,"
    "mona,true\n"
    "2021-03-26 04:11:02 -0400,6,gone,gone@example.com,user,true,10.0.0.2,0,0,0,true,,gone,false\n"
)


def test_users_and_suspended() -> None:
    """Email is the primary email; suspended users are kept, marked, and take no seat."""
    export = parse_server_users_csv(HEADER + ROWS, host="ghes.example.com")
    mona, gone = export.users
    assert (mona.user_id, mona.primary_email, mona.site_admin, mona.suspended) == (
        5,
        "mona@example.com",
        True,
        False,
    )
    assert mona.created_at is not None
    assert mona.created_at.isoformat() == "2021-03-26T04:11:02-04:00"
    assert gone.suspended is True
    assert mona.extra["2fa_enabled?"] == "true"
    result = audit(servers=[export])
    assert result.total_seats == 1
    assert [a.login for a in result.suspended] == ["gone"]


def test_error_not_a_users_report() -> None:
    """The dormant-users report looks alike but has no email column."""
    with pytest.raises(ServerExportError) as caught:
        parse_server_users_csv(
            "created_at,id,login,role\n2021-01-01,1,a,user\n", host="h", source="u.csv"
        )
    assert str(caught.value) == (
        "u.csv:1: this is not a GitHub Enterprise Server 'All users' report: its header "
        "lacks 'email'; download all_users.csv from the site admin dashboard's Reports page."
    )
