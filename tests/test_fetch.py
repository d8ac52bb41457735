"""``ghlicense fetch`` against a loopback GitHub (127.0.0.1 only), then ``audit --from``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_github import RECORDING, FakeGitHub, Reply, replay, serve
from ghlicense.cli import main

TOKEN = "ghp_secret-token-for-tests-0123456789"
SLUG = "beaver-group"
LICENSES = f"/enterprises/{SLUG}/consumed-licenses"
SYNC = f"/enterprises/{SLUG}/license-sync-status"
VS = f"/enterprises/{SLUG}/visual-studio-subscriptions"


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeGitHub]:
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    for proxy in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(proxy, raising=False)  # straight to 127.0.0.1, never elsewhere
    monkeypatch.chdir(tmp_path)
    yield from serve(FakeGitHub())


def fetch(github: FakeGitHub, *extra: str) -> int:
    return main(
        [
            "fetch",
            "--enterprise",
            SLUG,
            "--api-url",
            github.url,
            "--out",
            "out",
            "--max-wait",
            "0.2",
            "--timeout",
            "5",
            *extra,
        ]
    )


def _page(users: list[dict[str, object]], consumed: int) -> dict[str, object]:
    return {"total_seats_consumed": consumed, "total_seats_purchased": consumed + 5, "users": users}


def _user(login: str) -> dict[str, object]:
    return {
        "github_com_login": login,
        "github_com_name": None,
        "enterprise_server_user_ids": [],
        "github_com_user": True,
        "enterprise_server_user": False,
        "visual_studio_subscription_user": False,
        "license_type": "Enterprise",
        "github_com_profile": f"https://github.com/{login}",
        "github_com_member_roles": [],
        "github_com_enterprise_roles": ["Member"],
        "github_com_verified_domain_emails": [f"{login}@example.com"],
        "github_com_saml_name_id": None,
        "github_com_orgs_with_pending_invites": [],
        "github_com_two_factor_auth": True,
        "enterprise_server_primary_emails": [],
        "visual_studio_license_status": None,
        "visual_studio_subscription_email": None,
        "total_user_accounts": 1,
    }


def _providers(saml: bool = True) -> Reply:
    owner = {"samlIdentityProvider": {"id": "IDP1"} if saml else None, "oidcProvider": None}
    return Reply(body={"data": {"enterprise": {"ownerInfo": owner}}})


def _identities(logins: list[str], cursor: str | None) -> Reply:
    nodes = [
        {
            "guid": f"guid-{login}",
            "samlIdentity": {
                "nameId": f"{login}@example.com",
                "username": login,
                "emails": [{"value": f"{login}@example.com"}],
                "attributes": [],
            },
            "scimIdentity": None,
            "user": {"login": login},
        }
        for login in logins
    ]
    connection = {
        "pageInfo": {"hasNextPage": cursor is not None, "endCursor": cursor},
        "nodes": nodes,
    }
    return Reply(
        body={
            "data": {
                "enterprise": {
                    "ownerInfo": {"samlIdentityProvider": {"externalIdentities": connection}}
                }
            }
        }
    )


def _small_enterprise(github: FakeGitHub) -> None:
    github.add(
        LICENSES, Reply(body=_page([_user("mona"), _user("hubot")], 2)), query={"per_page": "100"}
    )
    github.add(SYNC, Reply(404, {"message": "Not Found"}))
    github.add(VS, Reply(404, {"message": "Not Found"}))
    github.graphql[:] = [_providers(), _identities(["mona"], None)]


def _stderr(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err


@pytest.mark.skipif(not RECORDING.exists(), reason=f"the recorded traffic is absent ({RECORDING})")
def test_fetch_then_audit_the_replayed_recording(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """PyGithub's real recording (102 users over two pages of 100): GitHub's own count."""
    assert replay(github) == 3
    github.add(SYNC, Reply(404, {"message": "Not Found"}))
    github.add(VS, Reply(404, {"message": "Not Found"}))
    github.graphql[:] = [
        _providers(),
        _identities(["beaver-user001", "beaver-user002"], "CURSOR1"),
        _identities(["beaver-user003"], None),
    ]
    assert fetch(github) == 0
    said = _stderr(capsys)
    assert "fetched 102 license rows in 2 page(s); GitHub counts 102 seats consumed of 103" in said
    assert "no Visual Studio subscriptions (404" in said
    folder = Path("out")
    assert sorted(p.name for p in folder.iterdir()) == [
        "consumed-licenses.json",
        "ghlicense-fetch.json",
        "identities.json",
    ]
    manifest = json.loads((folder / "ghlicense-fetch.json").read_text())
    assert manifest["enterprise"] == SLUG
    assert manifest["files"][0] == {
        "file": "consumed-licenses.json",
        "endpoint": LICENSES,
        "pages": 2,
        "rows": 102,
        "total_seats_consumed": 102,
        "total_seats_purchased": 103,
    }
    assert manifest["files"][1]["rows"] == 3
    assert len(manifest["notes"]) == 2
    # the first request asks for 100 rows a page; the second follows the Link header
    pages = [s for s in github.seen if s.path == LICENSES]
    assert [s.query for s in pages] == [{"per_page": "100"}, {"page": "2", "per_page": "100"}]
    assert all(s.headers["authorization"] == f"Bearer {TOKEN}" for s in github.seen)
    cursors = [json.loads(s.body)["variables"].get("after") for s in github.seen if s.body]
    assert cursors == [None, None, "CURSOR1"]

    assert main(["audit", "--from", "out", "--format", "json", "-o", "report.json"]) == 0
    said = _stderr(capsys)
    assert re.search(
        rf"ghlicense: out: fetched by ghlicense from {re.escape(github.url)} at "
        rf"\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(enterprise '{SLUG}'\)\n",
        said,
    ), said
    assert "read out/consumed-licenses.json: GHEC consumed licenses from the REST API" in said
    assert "read out/identities.json: SAML / SCIM identities" in said
    report = json.loads(Path("report.json").read_text())
    assert report["summary"]["total_seats"] == 102
    assert report["summary"]["github_seats_consumed"] == 102
    assert report["enterprise"]["saml_in_use"] is True
    assert report["partial"] is False


def test_pages_follow_the_link_header(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three pages chained by rel="next"; every row arrives, GitHub's total matches."""
    link = '<https://api.github.com{path}?per_page=100&page={n}>; rel="next", <https://api.github.com{path}?per_page=100&page=3>; rel="last"'
    github.add(
        LICENSES,
        Reply(
            body=_page([_user("a1"), _user("a2")], 5),
            headers=(("Link", link.format(path=LICENSES, n=2)),),
        ),
        query={"per_page": "100"},
    )
    github.add(
        LICENSES,
        Reply(
            body=_page([_user("b1"), _user("b2")], 5),
            headers=(("Link", link.format(path=LICENSES, n=3)),),
        ),
        query={"per_page": "100", "page": "2"},
    )
    github.add(
        LICENSES, Reply(body=_page([_user("c1")], 5)), query={"per_page": "100", "page": "3"}
    )
    github.add(SYNC, Reply(404, {}))
    github.add(VS, Reply(404, {}))
    assert fetch(github, "--no-identities") == 0
    assert "fetched 5 license rows in 3 page(s)" in _stderr(capsys)
    assert main(["audit", "--from", "out", "-q"]) == 0
    assert "Seats: 5 (persons: 5)" in capsys.readouterr().out


def test_429_with_retry_after_waits_and_says_until_when(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    github.add(
        LICENSES,
        Reply(429, {"message": "slow down"}, headers=(("Retry-After", "30"),)),
        Reply(body=_page([_user("mona")], 1)),
        query={"per_page": "100"},
    )
    assert fetch(github) == 0
    said = _stderr(capsys)
    assert re.search(
        r"ghlicense: GitHub's API asks to wait \(rate limit\): waiting 0\.2 s, until "
        r"\d\d:\d\d:\d\d UTC\.",
        said,
    ), said


def test_a_502_then_success(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    _small_enterprise(github)
    github.add(
        LICENSES,
        Reply(502, "<html>bad gateway</html>"),
        Reply(body=_page([_user("mona")], 1)),
        query={"per_page": "100"},
    )
    assert fetch(github) == 0
    assert "fetched 1 license rows" in _stderr(capsys)


def test_a_dropped_connection_then_success(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    github.add(
        LICENSES, Reply(drop=True), Reply(body=_page([_user("mona")], 1)), query={"per_page": "100"}
    )
    assert fetch(github) == 0
    assert "fetched 1 license rows" in _stderr(capsys)


def test_failures_that_outlast_the_retries(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    github.add(LICENSES, Reply(503, "unavailable"), query={"per_page": "100"})
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub's API answered 503 for {LICENSES} 6 times; GitHub may be having "
        "trouble (https://www.githubstatus.com): try again later.\n"
    )
    github.add(LICENSES, Reply(drop=True), query={"per_page": "100"})
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub's API at {github.url} could not be reached for {LICENSES} (the "
        "connection was dropped before an answer), 6 times; check the network and --api-url.\n"
    )
    github.add(LICENSES, Reply(stall=1.0, body=_page([], 0)), query={"per_page": "100"})
    assert main(["fetch", "--enterprise", SLUG, "--api-url", github.url, "--out", "o2",
                 "--max-wait", "0.1", "--timeout", "0.2"]) == 1  # fmt: skip
    assert _stderr(capsys) == (
        f"ghlicense: GitHub's API at {github.url} did not answer {LICENSES} within 0.2 "
        "seconds, 6 times; try again later.\n"
    )
    assert not Path("out").exists()  # nothing half-written


def test_rate_limit_used_up(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    github.add(
        LICENSES,
        Reply(
            403,
            {"message": "API rate limit exceeded"},
            headers=(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "4102444800")),
        ),
        query={"per_page": "100"},
    )
    assert fetch(github) == 1
    said = _stderr(capsys)
    assert said.endswith(
        "ghlicense: GitHub's API rate limit for this token is used up until 2100-01-01 00:00 "
        f"UTC ({LICENSES}, 6 tries); run the command again later.\n"
    )
    assert said.count("asks to wait (rate limit): waiting 0.2 s") == 5


def test_a_refused_token(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    github.add(LICENSES, Reply(401, {"message": "Bad credentials"}), query={"per_page": "100"})
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub refused the token for {LICENSES} (401: bad credentials): set "
        "GH_TOKEN (or GITHUB_TOKEN) to a valid token; it needs the manage_billing:enterprise "
        "or read:enterprise scope.\n"
    )
    github.add(
        LICENSES,
        Reply(
            403,
            {"message": "Forbidden"},
            headers=(("X-Accepted-OAuth-Scopes", "manage_billing:enterprise"),),
        ),
        query={"per_page": "100"},
    )
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub refused the token access to {LICENSES} (403): it needs the "
        "manage_billing:enterprise scope, and its owner must be an owner or billing manager "
        "of the enterprise.\n"
    )


def test_a_wrong_slug(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub knows no enterprise '{SLUG}' at {github.url} (404 for {LICENSES}): "
        "check the slug (the name after /enterprises/ in the enterprise's address) and, for "
        "data residency, --api-url; a token that may not see the enterprise gets this answer "
        "too.\n"
    )


def test_visual_studio_404_is_a_note_and_the_rest_is_fetched(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    github.add(
        SYNC,
        Reply(body={"server_instances": [{"server_id": "s1", "hostname": "ghes.example.com",
              "last_sync": {"date": "2026-11-30T00:00:00Z", "status": "success", "error": ""}}]}),
    )  # fmt: skip
    assert fetch(github) == 0
    said = _stderr(capsys)
    assert (
        f"ghlicense: no Visual Studio subscriptions (404 for {VS}): no Visual Studio bundle, or "
        "the token may not read it.\n"
    ) in said
    names = sorted(p.name for p in Path("out").iterdir())
    assert names == [
        "consumed-licenses.json",
        "ghlicense-fetch.json",
        "identities.json",
        "license-sync-status.json",
    ]
    assert main(["audit", "--from", "out", "--format", "json", "-o", "r.json", "-q"]) == 0
    assert json.loads(Path("r.json").read_text())["summary"]["total_seats"] == 2


def test_graphql_errors(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    _small_enterprise(github)
    github.graphql[:] = [
        Reply(
            body={
                "errors": [
                    {"type": "FORBIDDEN", "message": "Resource not accessible by integration"}
                ]
            }
        )
    ]
    assert fetch(github) == 1
    assert _stderr(capsys).endswith(
        f"ghlicense: GitHub did not give the identities of the enterprise '{SLUG}' (FORBIDDEN: "
        "Resource not accessible by integration): the token needs the admin:enterprise "
        "(read:enterprise does not reach identities) scope; or pass --no-identities to fetch "
        "the rest.\n"
    )
    github.graphql[:] = [Reply(body={"errors": [{"message": "Field 'x' doesn't exist"}]})]
    assert fetch(github, "--force") == 1
    assert _stderr(capsys).endswith(
        f"ghlicense: GitHub's GraphQL API refused the query for the identities of the enterprise "
        f"'{SLUG}': Field 'x' doesn't exist\n"
    )


def test_graphql_pages_shrink_when_too_large(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    too_big = Reply(body={"errors": [{"type": "RESOURCE_LIMITS_EXCEEDED", "message": "too big"}]})
    github.graphql[:] = [_providers(), too_big, Reply(504, "timeout"), _identities(["mona"], None)]
    assert fetch(github) == 0
    firsts = [json.loads(s.body)["variables"].get("first") for s in github.seen if s.body]
    assert firsts == [None, 100, 50, 25]
    github.graphql[:] = [_providers(), too_big]
    assert fetch(github, "--force") == 1
    assert _stderr(capsys).endswith(
        f"ghlicense: GitHub's GraphQL API could not return the identities of the enterprise "
        f"'{SLUG}' even 10 at a time (the enterprise is too large for it). Audit with the "
        "license usage CSV from the enterprise's Licensing page instead (--cloud FILE): it "
        "carries each member's SAML NameID; or pass --no-identities.\n"
    )


def test_organizations_and_no_provider(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    github.graphql[:] = [_providers(saml=False)]
    assert fetch(github) == 0
    assert (
        f"ghlicense: no identities: the enterprise '{SLUG}' has no SAML or OIDC provider of its "
        "own (when SAML is set per organization, pass --org ORG for each one).\n"
    ) in _stderr(capsys)
    org_page = Reply(body={"data": {"organization": {"samlIdentityProvider": {"externalIdentities": {
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "nodes": [{"guid": "g", "samlIdentity": {"nameId": "mona@example.com", "username": None,
                   "emails": [], "attributes": []}, "scimIdentity": None, "user": {"login": "mona"}}],
    }}}}})  # fmt: skip
    github.graphql[:] = [org_page]
    assert fetch(github, "--force", "--org", "octo-org") == 0
    assert json.loads(github.seen[-1].body)["variables"]["org"] == "octo-org"
    assert Path("out/identities.json").exists()


def test_the_token_is_never_shown_or_written(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    assert fetch(github) == 0
    github.add(LICENSES, Reply(401, {"message": "Bad credentials"}), query={"per_page": "100"})
    assert fetch(github, "--force") == 1
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err
    for path in Path().rglob("*"):
        if path.is_file():
            assert TOKEN not in path.read_text(errors="replace"), path


def test_no_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GH_TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no gh
    monkeypatch.chdir(tmp_path)
    assert main(["fetch", "--enterprise", SLUG, "--api-url", "http://127.0.0.1:9"]) == 1
    assert _stderr(capsys) == (
        "ghlicense: no token: set GH_TOKEN (or GITHUB_TOKEN) to a token with the "
        "manage_billing:enterprise or read:enterprise scope (admin:enterprise for the "
        "identities), or sign in with 'gh auth login'. The token is never taken from the "
        "command line.\n"
    )


def test_the_token_from_github_token_and_from_gh(
    github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _small_enterprise(github)
    monkeypatch.delenv("GH_TOKEN")
    monkeypatch.setenv("GITHUB_TOKEN", "from-github-token")
    assert fetch(github, "--no-identities") == 0
    assert github.seen[-1].headers["authorization"] == "Bearer from-github-token"
    monkeypatch.delenv("GITHUB_TOKEN")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    gh = bin_ / "gh"
    gh.write_text(
        '#!/bin/sh\n[ "$1 $2 $3 $4" = "auth token --hostname 127.0.0.1" ] && echo from-gh\n'
    )
    gh.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    assert fetch(github, "--no-identities", "--force") == 0
    assert github.seen[-1].headers["authorization"] == "Bearer from-gh"


def test_an_earlier_fetch_is_kept_without_force(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    assert fetch(github) == 0
    before = Path("out/consumed-licenses.json").read_text()
    assert fetch(github) == 1
    assert _stderr(capsys).endswith(
        "ghlicense: out already holds a fetch (ghlicense-fetch.json); pass --force to replace "
        "it, or --out another folder.\n"
    )
    assert Path("out/consumed-licenses.json").read_text() == before
    assert fetch(github, "--force", "--no-identities") == 0
    assert not Path("out/identities.json").exists()  # the earlier fetch's file is gone


def test_the_default_folder_is_named_for_the_enterprise_and_today(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    _small_enterprise(github)
    assert main(["fetch", "--enterprise", SLUG, "--api-url", github.url, "-q"]) == 0
    assert _stderr(capsys) == ""  # -q: the notes are in the manifest only
    (folder,) = Path().iterdir()
    assert re.fullmatch(rf"{SLUG}-\d{{4}}-\d\d-\d\d", folder.name)


def test_a_link_to_another_host_is_not_followed(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    github.add(
        LICENSES,
        Reply(
            body=_page([_user("a")], 2),
            headers=(("Link", '<http://198.51.100.7/x?page=2>; rel="next"'),),
        ),
        query={"per_page": "100"},
    )
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub's API at {github.url} linked to another address "
        "(http://198.51.100.7); ghlicense does not send the token there. Check --api-url.\n"
    )
    assert all(seen.path == LICENSES for seen in github.seen)


def test_an_answer_that_is_not_the_api(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    github.add(LICENSES, Reply(body="<html>sign in</html>"), query={"per_page": "100"})
    assert fetch(github) == 1
    assert _stderr(capsys) == (
        f"ghlicense: GitHub's answer to {LICENSES} is not what the API gives (no 'users'); check "
        "--api-url: it must be the API's address (https://api.github.com, or "
        "https://api.SUBDOMAIN.ghe.com), not the web site's.\n"
    )


def test_audit_from_a_folder_says_what_it_read_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import ghlicense

    folder = tmp_path / "inputs"
    folder.mkdir()
    for name, text in ghlicense.example_files().items():
        (folder / name).write_text(text)
    (folder / "notes.txt").write_text("hello\n")
    (folder / ".hidden").write_text("x")
    (folder / "sub").mkdir()
    assert main(["audit", "--from", str(folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert (
        f"ghlicense: read {folder}/cloud-report.csv: a GHEC license usage report (CSV)\n"
        in captured.err
    )
    assert (
        f"ghlicense: read {folder}/ghes-eu.json: a GHES license usage export (JSON)\n"
        in captured.err
    )
    assert f"ghlicense: {folder}/notes.txt: skipped (" in captured.err
    assert f"ghlicense: {folder}/sub: skipped (a folder).\n" in captured.err
    assert ".hidden" not in captured.err
    assert main(["audit", "--example", "--format", "json"]) == 0
    example = json.loads(capsys.readouterr().out)
    assert json.loads(captured.out)["summary"] == example["summary"]  # the same audit
    users = folder / "all_users.csv"
    users.write_text(
        "created_at,id,login,email,role,suspended?\n2020-01-01,1,a,a@example.com,user,false\n"
    )
    assert main(["audit", "--from", str(folder)]) == 1
    assert _stderr(capsys).endswith(
        f"ghlicense: {users}: this is a GHES site admin 'All users' report (CSV), which does not "
        "name its instance; move it out of the folder and pass it with --server HOST=FILE.\n"
    )
    assert main(["audit", "--from", str(tmp_path / "nope")]) == 1
    assert _stderr(capsys) == f"ghlicense: {tmp_path / 'nope'}: no such folder.\n"


def test_importing_ghlicense_imports_no_http_client() -> None:
    code = "import sys, ghlicense, ghlicense.cli; ghlicense.example(); print(sorted({'httpx', 'stamina', 'httpcore'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_fetch_without_the_extra(
    github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)
    monkeypatch.delitem(sys.modules, "ghlicense.fetch", raising=False)
    monkeypatch.delitem(sys.modules, "ghlicense.fetch.api", raising=False)
    assert fetch(github) == 2
    assert _stderr(capsys) == (
        "ghlicense: ghlicense fetch needs the 'fetch' extra (httpx is not installed): pip "
        "install 'ghlicense[fetch]'.\n"
    )


def test_an_interrupted_run_says_so_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ghlicense.cli

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ghlicense.cli, "fetch_command", interrupt)
    assert main(["fetch", "--enterprise", SLUG]) == 130
    assert _stderr(capsys) == (
        "ghlicense: interrupted; no report or fetched file was left half-written.\n"
    )


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sizes=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=5))
def test_every_row_of_every_page_arrives(github: FakeGitHub, sizes: list[int]) -> None:
    """However GitHub splits the report into pages, every row is fetched once and audited."""
    github.routes.clear()
    total = sum(sizes)
    logins = iter(f"user{n}" for n in range(total))
    for number, size in enumerate(sizes, start=1):
        link = (
            (
                (
                    "Link",
                    f'<https://api.github.com{LICENSES}?per_page=100&page={number + 1}>; rel="next"',
                ),
            )
            if number < len(sizes)
            else ()
        )
        query = {"per_page": "100"} if number == 1 else {"per_page": "100", "page": str(number)}
        users = [_user(next(logins)) for _ in range(size)]
        github.add(LICENSES, Reply(body=_page(users, total), headers=link), query=query)
    github.add(SYNC, Reply(404, {}))
    github.add(VS, Reply(404, {}))
    assert fetch(github, "--no-identities", "--force", "-q") == 0
    manifest = json.loads(Path("out/ghlicense-fetch.json").read_text())
    assert manifest["files"][0]["rows"] == total
    assert manifest["files"][0]["pages"] == len(sizes)
    assert main(["audit", "--from", "out", "--format", "json", "-o", "r.json", "-q"]) == 0
    summary = json.loads(Path("r.json").read_text())["summary"]
    assert summary["total_seats"] == total
    assert summary["missing_cloud_rows"] == 0


def test_diff_takes_two_fetched_folders(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """The monthly diff: two fetches of the same enterprise, compared folder to folder."""
    github.add(SYNC, Reply(404, {}))
    github.add(VS, Reply(404, {}))
    github.add(
        LICENSES, Reply(body=_page([_user("mona"), _user("hubot")], 2)), query={"per_page": "100"}
    )
    assert fetch(github, "--no-identities", "-q") == 0
    github.add(
        LICENSES, Reply(body=_page([_user("mona"), _user("octocat")], 2)), query={"per_page": "100"}
    )
    assert main(["fetch", "--enterprise", SLUG, "--api-url", github.url, "--out", "later",
                 "--no-identities", "-q"]) == 0  # fmt: skip
    assert main(["diff", "out", "later", "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    kinds = sorted((c["kind"], c["person"]) for c in changes["changes"])
    assert kinds == [("added", "cloud:octocat"), ("removed", "cloud:hubot")]
    assert (changes["seats_before"], changes["seats_after"]) == (2, 2)
    Path("empty").mkdir()
    assert main(["diff", "out", "empty"]) == 1
    assert _stderr(capsys) == (
        "ghlicense: empty: this folder holds no consumed-licenses.json (the consumed licenses "
        "of 'ghlicense fetch'); pass the license report's file itself.\n"
    )


def test_the_api_url_must_be_https(capsys: pytest.CaptureFixture[str]) -> None:
    """The token never travels in clear: http:// only for this machine (the tests)."""
    assert main(["fetch", "--enterprise", SLUG, "--api-url", "http://api.github.com"]) == 2
    assert _stderr(capsys).endswith(
        "ghlicense fetch: error: argument --api-url: 'http://api.github.com' is not https: the "
        "token would travel unencrypted\n"
    )
    assert main(["fetch", "--enterprise", SLUG, "--api-url", "api.github.com"]) == 2
    assert _stderr(capsys).endswith(
        "ghlicense fetch: error: argument --api-url: 'api.github.com' is not an address like "
        "https://api.github.com or https://api.SUBDOMAIN.ghe.com\n"
    )


@pytest.mark.parametrize("reset", ["\u00b2", "9" * 30])
def test_rate_limit_reset_no_clock_can_show(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], reset: str
) -> None:
    """An ``X-RateLimit-Reset`` that is no time (``²``, a year past 9999) is left out of
    the message, not an internal error."""
    github.add(
        LICENSES,
        Reply(
            403,
            {"message": "API rate limit exceeded"},
            headers=(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)),
        ),
        query={"per_page": "100"},
    )
    assert fetch(github) == 1
    said = _stderr(capsys)
    assert "internal error" not in said
    assert said.endswith(
        "ghlicense: GitHub's API rate limit for this token is used up "
        f"({LICENSES}, 6 tries); run the command again later.\n"
    )
