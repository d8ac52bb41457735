"""The report diff: who changed between two reports, and the count's change explained."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ghlicense import parse_cloud_report
from ghlicense.cli import main
from ghlicense.diff import diff_reports
from synthetic import generate

CASE = Path(__file__).parent / "golden_diff"


def test_diff_text(capsys: pytest.CaptureFixture[str]) -> None:
    """A rename, a license change, a removal, an account joining someone new, an addition."""
    assert main(["diff", str(CASE / "old.csv"), str(CASE / "new.json")]) == 0
    assert capsys.readouterr().out == (
        "Seats: 4 -> 3 (-1): added +1, joined -1, removed -1\n"
        "  bob was renamed bobby (followed by its verified email)\n"
        "  cloud:bobby: license Enterprise -> Visual Studio subscription\n"
        "  cloud:cy was removed (-1 seat)\n"
        "  server:ghes.example.com:2 is now counted with cloud:eve (-1 seat)\n"
        "  cloud:eve was added (+1 seat)\n"
    )


def test_diff_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON diff: seats before and after, by kind, each change as data."""
    assert main(["diff", str(CASE / "old.csv"), str(CASE / "new.json"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["seats_before"], report["seats_after"], report["change"]) == (4, 3, -1)
    assert report["seats_by_kind"] == {
        "added": 1,
        "joined": -1,
        "license_type": 0,
        "removed": -1,
        "renamed": 0,
    }
    assert [(c["kind"], c["person"], c["values"]) for c in report["changes"]] == [
        ("renamed", "cloud:bobby", ["bob", "bobby"]),
        ("license_type", "cloud:bobby", ["Enterprise", "Visual Studio subscription"]),
        ("removed", "cloud:cy", []),
        ("joined", "server:ghes.example.com:2", ["cloud:eve"]),
        ("added", "cloud:eve", []),
    ]


def test_diff_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """The Markdown diff is a table; markup in names is escaped."""
    assert (
        main(["diff", str(CASE / "old.csv"), str(CASE / "new.json"), "--format", "markdown"]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("**Seats: 4 -> 3 (-1): added +1, joined -1, removed -1**\n\n")
    assert (
        "| joined | server:ghes.example.com:2 | server:ghes.example.com:2 is now counted with cloud:eve (-1 seat) | -1 |\n"
        in out
    )


def test_reordered_verified_emails_are_no_change() -> None:
    """Verified emails are a set: the same report with its lists reordered has no change."""
    old = parse_cloud_report((CASE / "old.csv").read_bytes())
    text = (
        (CASE / "old.csv")
        .read_text()
        .replace('"ada@example.com, ada2@example.com"', '"ada2@example.com, ada@example.com"')
    )
    assert diff_reports(old, parse_cloud_report(text)).changes == ()


WORLD = generate(300, 9)


@settings(max_examples=30)
@given(st.data())
def test_the_change_is_explained(data: st.DataObject) -> None:
    """With itself: no change. Rows dropped: the change in seats is the sum of the changes'."""
    rows = list(csv.reader(io.StringIO(WORLD.cloud_csv)))
    full = parse_cloud_report(WORLD.cloud_csv)
    assert diff_reports(full, full).changes == ()
    kept = data.draw(st.lists(st.booleans(), min_size=len(rows) - 1, max_size=len(rows) - 1))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [rows[0], *(r for r, k in zip(rows[1:], kept, strict=True) if k)]
    )
    part = parse_cloud_report(out.getvalue())
    diff = diff_reports(full, part)
    assert diff.explained == diff.seats_after - diff.seats_before
    added = sum(c.seats for c in diff.changes if c.kind == "added")
    removed = sum(-c.seats for c in diff.changes if c.kind in {"removed", "joined"})
    others = sum(c.seats for c in diff.changes if c.kind not in {"added", "removed", "joined"})
    assert diff.seats_after - diff.seats_before == added - removed + others


def test_error_diff_standard_input_twice(capsys: pytest.CaptureFixture[str]) -> None:
    """Both reports from standard input is wrong usage."""
    assert main(["diff", "-", "-"]) == 2
    assert capsys.readouterr().err == (
        "ghlicense: standard input (-) can be read only once; save one of the reports to a file.\n"
    )


def test_diff_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    """A redacted diff names no login, email or host, and still follows the rename."""
    assert main(["diff", str(CASE / "old.csv"), str(CASE / "new.json"), "--redact"]) == 0
    out = capsys.readouterr().out
    for secret in ("bob", "bobby", "cy", "eve", "ada", "example.com", "ghes.example.com"):
        assert not re.search(
            rf"(?<![\w-]){re.escape(secret)}(?![\w-])", out.replace("redacted.example", "")
        )
    assert "was renamed" in out
    assert out.startswith("Seats: 4 -> 3 (-1): added +1, joined -1, removed -1\n")
