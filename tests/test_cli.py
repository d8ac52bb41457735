"""The command line: exit statuses, messages on stderr, the example, the output file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ghlicense import cli
from ghlicense.cli import main

GOLDEN = Path(__file__).parent / "golden" / "header_snake_case"
COUNTS = "GitHub's report counts 37 seat(s); the recount finds 35.\nSeats: 35 (persons: 37)\n"
"""The first lines of the example's text report."""


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def test_example_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled example audits with no files of the user's own."""
    status, out, err = run(capsys, "audit", "--example")
    assert (status, err) == (0, "")
    assert out.startswith(COUNTS)
    assert "Accounts that matched no GHEC account: 10" in out


def test_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Every account of the example lands in exactly one person of the JSON report."""
    status, out, _ = run(capsys, "audit", "--example", "--format", "json")
    report = json.loads(out)
    assert status == 0
    assert report["summary"]["total_seats"] == 35
    ids = [
        s["host"] + ":" + str(s["user_id"]) for p in report["persons"] for s in p["server_accounts"]
    ]
    assert len(ids) == len(set(ids)) == 27
    logins = [login for p in report["persons"] for login in p["cloud_logins"]]
    assert len(logins) == len(set(logins)) == 27
    matched = {p["cloud_login"]: p["matched_by"] for p in report["persons"] if p["cloud_login"]}
    assert matched["ivo-ex"] == ["saml"]
    assert matched["mateo-ex"] == ["same_primary_email", "verified_email"]
    assert matched["vera-ex"] == ["github_report"]
    (stale,) = report["disagreements"]
    assert (stale["account"], stale["github"], stale["recount"]) == (
        "server:ghes.example.com:121",
        "matched to no GHEC account",
        "with wes-ex",
    )


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the report to a file and says where, once, on stderr."""
    target = tmp_path / "report.json"
    status, out, err = run(capsys, "audit", "--example", "--format", "json", "-o", str(target))
    assert (status, out, err) == (0, "", f"ghlicense: report written to {target}\n")
    assert json.loads(target.read_text())["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_error_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file exits 1 with one line naming it."""
    assert run(capsys, "audit", "--cloud", "nope.csv") == (
        1,
        "",
        "ghlicense: nope.csv: the file does not exist; check the path.\n",
    )


def test_error_nothing_to_audit(capsys: pytest.CaptureFixture[str]) -> None:
    """No inputs at all is wrong usage (exit 2), explained."""
    assert run(capsys, "audit") == (
        2,
        "",
        (
            "ghlicense: nothing to audit: pass --cloud FILE (and --server FILE for each GHES "
            "instance), --from DIR, or --example.\n"
        ),
    )


def test_error_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """Wrong options exit 2 (argparse's usage message)."""
    status, _, err = run(capsys, "audit", "--format", "xml")
    assert status == 2
    assert "invalid choice: 'xml'" in err


def test_error_encrypted_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An encrypted export exits 1 with a message containing 'encrypted'."""
    export = tmp_path / "ghes.json"
    export.write_text('{"users": "c2VjcmV0"}')
    status, out, err = run(capsys, "audit", "--server", str(export))
    assert (status, out) == (1, "")
    assert err.startswith(f"ghlicense: {export}: at /users: the user list of this license")
    assert "encrypted" in err
    assert err.count("\n") == 1


def test_error_rows_strict_then_keep_going(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Strict by default; --keep-going counts the rest and marks the report partial."""
    text = (GOLDEN / "cloud.csv").read_text() + "zed,,,maybe,,,,,,,,,,,,,,\n"
    report = tmp_path / "cloud.csv"
    report.write_text(text)
    status, out, err = run(capsys, "audit", "--cloud", str(report))
    assert (status, out) == (1, "")
    assert err == (
        f"ghlicense: {report}:6: column 'github_com_user': 'maybe' is not true or false.\n"
        f"ghlicense: {report}: 1 problem; nothing was counted. Fix the rows above, or pass "
        "--keep-going to count the rest and mark the report partial.\n"
    )
    status, out, err = run(
        capsys, "audit", "--cloud", str(report), "--keep-going", "--format", "json"
    )
    result = json.loads(out)
    assert status == 0
    assert (
        err == f"ghlicense: {report}:6: column 'github_com_user': 'maybe' is not true or false.\n"
    )
    assert result["partial"] is True
    assert result["problems"][0]["line"] == 6
    assert result["summary"]["total_seats"] == 4


def test_internal_error_has_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug prints a short request for a report, exit 3; --debug shows the traceback."""

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "collect_enterprise", broken)
    status, out, err = run(capsys, "audit", "--example")
    assert (status, out) == (3, "")
    assert err == (
        "ghlicense: internal error: this is a bug in ghlicense, not a problem with your files. "
        "Please report it, with the output of the same command run with --debug.\n"
    )
    status, _, err = run(capsys, "audit", "--example", "--debug")
    assert status == 3
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


def test_the_command_exits_with_the_status_and_all_its_output(tmp_path: Path) -> None:
    """`python -m ghlicense` (the `ghlicense` command) ends at once, output flushed."""
    command = [sys.executable, "-m", "ghlicense", "audit", "--example"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(COUNTS)
    report = tmp_path / "report.json"
    done = subprocess.run(
        [*command, "--format", "json", "-o", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["total_seats"] == 35
    missing = tmp_path / "missing.csv"
    done = subprocess.run(
        [sys.executable, "-m", "ghlicense", "audit", "--cloud", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"ghlicense: {missing}: the file does not exist; check the path.\n"
