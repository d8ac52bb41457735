"""The writers: the JSON report against its schema, CSV and Markdown, and one summary for all."""

from __future__ import annotations

import csv
import html
import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import ghlicense
from builders import run
from ghlicense.cli import main
from ghlicense.reports.csv_report import safe_cell
from ghlicense.reports.view import report_view

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads(
    resources.files("ghlicense").joinpath("schema", "report-v1.json").read_text(encoding="utf-8")
)


def _reports() -> list[tuple[str, dict[str, object]]]:
    reports = [("example", json.loads(ghlicense.render_json(ghlicense.example())))]
    reports += [
        (case.name, json.loads((case / "expected.json").read_text()))
        for case in sorted(GOLDEN.iterdir())
        if (case / "expected.json").exists()
    ]
    return reports


@pytest.mark.parametrize(("name", "report"), _reports())
def test_json_report_follows_its_schema(name: str, report: dict[str, object]) -> None:
    """The example's report and every golden case validate against the shipped schema."""
    jsonschema.validate(report, SCHEMA)


def test_every_writer_shows_the_same_summary() -> None:
    """Text, JSON, Markdown and CSV give the example's figures alike."""
    audit = ghlicense.example()
    summary = json.loads(ghlicense.render_json(audit))["summary"]
    text = ghlicense.render_text(audit)
    markdown = ghlicense.render_markdown(audit)
    rows = list(csv.DictReader(io.StringIO(ghlicense.render_csv(audit))))
    assert f"Seats: {summary['total_seats']} (persons: {summary['persons']})" in text
    assert f"| Seats | {summary['total_seats']} |" in markdown
    assert f"| Persons | {summary['persons']} |" in markdown
    assert f"| Persons matched to no GHEC account | {summary['unmatched_persons']} |" in markdown
    assert f"Accounts that matched no GHEC account: {summary['unmatched_persons']}" in text
    assert len(rows) == summary["persons"]
    assert sum(row["consumes_seat"] == "true" for row in rows) == summary["total_seats"]


def test_every_writer_reads_one_view() -> None:
    """Each writer gives the same text from the audit and from its view; the Markdown, HTML
    and notebook views list the view's figures alike, and the HTML page's persons carry the
    rows' labels."""
    audit = ghlicense.example()
    view = report_view(audit)
    writers = (
        ghlicense.render_text,
        ghlicense.render_json,
        ghlicense.render_csv,
        ghlicense.render_markdown,
        ghlicense.render_html,
    )
    for render in writers:
        assert render(view) == render(audit), render.__name__
    markdown, page, notebook = (
        ghlicense.render_markdown(view),
        ghlicense.render_html(view),
        audit._repr_html_(),
    )
    assert len(view.figures) >= 10
    for label, value in view.figures:
        assert f"| {label} | {value} |" in markdown
        assert f"<tr><td>{html.escape(label)}</td><td>{value:,}</td></tr>" in page
        assert f"<tr><th>{html.escape(label)}</th><td>{value:,}</td></tr>" in notebook
    _, persons = _page(audit)
    assert [p["accounts"] for p in persons] == [row.accounts for row in view.rows]
    assert [p["why"] for p in persons] == [row.explanation for row in view.rows]
    assert [p["matched"] for p in persons] == [row.matched_by for row in view.rows]


def test_csv_neutralises_formulas() -> None:
    """Cells that a spreadsheet would run as formulas start with an apostrophe."""
    result = run(
        [
            {"github_com_login": "=cmd", "github_com_verified_domain_emails": "a@example.com"},
            {"github_com_login": "+sum", "github_com_verified_domain_emails": "b@example.com"},
            {"github_com_login": "-x", "github_com_verified_domain_emails": "c@example.com"},
            {
                "github_com_login": "at",
                "github_com_name": "@SUM(A1)",
                "github_com_verified_domain_emails": "d@example.com",
            },
            {
                "github_com_login": "tab",
                "github_com_name": "\tx",
                "github_com_verified_domain_emails": "e@example.com",
            },
        ]
    )
    rows = list(csv.DictReader(io.StringIO(ghlicense.render_csv(result))))
    assert sorted(row["cloud_login"] for row in rows) == ["'+sum", "'-x", "'=cmd", "at", "tab"]
    assert sorted(row["name"] for row in rows if row["name"]) == ["'@SUM(A1)", "x"]  # trimmed
    assert [safe_cell(c) for c in ("\tx", "\rx", "ok", "")] == ["'\tx", "'\rx", "ok", ""]
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_markdown_escapes_names() -> None:
    """A name with table or link markup cannot break the table."""
    result = run(
        [{"github_com_login": "a|b_[x](y)", "github_com_verified_domain_emails": "a@example.com"}]
    )
    markdown = ghlicense.render_markdown(result)
    assert "| cloud:a\\|b\\_\\[x\\](y) | a\\|b\\_\\[x\\](y) |" in markdown


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("text", "example.txt"),
        ("csv", "example.csv"),
        ("markdown", "example.md"),
        ("html", "example.html"),
    ],
)
def test_writer_golden(
    fmt: str, name: str, capsys: pytest.CaptureFixture[str], regen: bool
) -> None:
    """Each writer's report of the example equals its reviewed golden file."""
    assert main(["audit", "--example", "--format", fmt]) == 0
    out = capsys.readouterr().out
    golden = Path(__file__).parent / "golden_writers" / name
    if regen or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out)
    assert out == golden.read_text()


def test_notebook_views_stay_small() -> None:
    """The repr is one short line; the notebook view shows the first rows, values escaped."""
    result = run(
        [
            {"github_com_login": f"u{n}", "github_com_verified_domain_emails": f"u{n}@example.com"}
            for n in range(60)
        ]
        + [{"github_com_login": "a<script>", "github_com_verified_domain_emails": "x@example.com"}]
    )
    assert repr(result) == "<Audit: 61 seats, 61 persons, 0 matched to no GHEC account>"
    view = result._repr_html_()
    figures = len(report_view(result).figures) + 1  # the report's figures and the findings
    assert view.count("<tr>") == figures + 1 + 20
    assert "... and 41 more persons" in view
    assert "<script>" not in view
    assert "a&lt;script&gt;" in view


def _page(result: ghlicense.Audit) -> tuple[str, list[dict[str, str]]]:
    page = ghlicense.render_html(result)
    data = page.split('<script type="application/json" id="persons-data">', 1)[1]
    return page, json.loads(data.split("</script>", 1)[0])


def test_html_is_self_contained_and_escaped() -> None:
    """One page with nothing fetched, every value escaped, the persons all in its data."""
    result = run(
        [
            {"github_com_login": "<b>x</b>", "github_com_verified_domain_emails": "x@example.com"},
            {
                "github_com_login": "y",
                "github_com_name": "<img src=a onerror=alert(1)>",
                "github_com_verified_domain_emails": "y@example.com",
            },
        ]
    )
    page, persons = _page(result)
    for fetched in ("src=", "href=", "http://", "https://", "<link", "@import", "url("):
        assert fetched not in page.replace("<img src=a onerror=alert(1)>", "")
    assert "<b>x</b>" not in page
    assert "<img" not in page
    assert [p["login"] for p in persons] == ["<b>x</b>", "y"]
    assert '<input type="search" id="search"' in page
    assert '<svg id="chart"' in page


def test_html_shows_the_summary() -> None:
    """The page's figures are the summary's; every person is in its data."""
    audit = ghlicense.example()
    summary = json.loads(ghlicense.render_json(audit))["summary"]
    page, persons = _page(audit)
    assert f"<tr><td>Seats</td><td>{summary['total_seats']}</td></tr>" in page
    assert f"<tr><td>Persons</td><td>{summary['persons']}</td></tr>" in page
    assert len(persons) == summary["persons"]


def test_pandas_frames() -> None:
    """One row per person and per finding, flat columns; the core never imports pandas."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, ghlicense; ghlicense.example(); print('pandas' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "False\n"
    pytest.importorskip("pandas")
    audit = ghlicense.example()
    persons = audit.to_pandas()
    assert list(persons.columns) == list(ghlicense.CSV_COLUMNS)
    assert len(persons) == len(audit.persons)
    assert int(persons["consumes_seat"].sum()) == audit.total_seats
    findings = audit.findings_to_pandas()
    assert len(findings) == len(audit.findings)
    assert set(findings["level"]) <= {"high", "medium", "low"}


def test_person_and_findings_show_in_a_notebook() -> None:
    """A person and the findings have notebook views too, values escaped."""
    audit = ghlicense.example()
    person = next(p for p in audit.persons if p.cloud_login == "ada-ex")
    assert "<th>GHEC login</th><td>ada-ex</td>" in person._repr_html_()
    view = audit.findings._repr_html_()
    assert view.count("<tr>") == len(audit.findings) + 1
