"""License files pasted as Markdown tables (a wiki page, an issue): read like their CSV."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import realdata
from ghlicense import (
    CloudReportError,
    ParseErrors,
    ServerId,
    UnknownFormatError,
    VisualStudioError,
    audit,
    detect_format,
    parse_cloud_csv,
    parse_visual_studio,
)
from ghlicense.cli import main
from ghlicense.limits import Limits
from ghlicense.parsers._markdown import is_table, table_later, table_rows

TABLE = """\
| GitHub com login | GitHub com name | Enterprise server user ids | License type | \
GitHub com verified domain emails | Enterprise server primary emails |
|:-----------------|:---------------:|---:|---|---|---|
| ada-ex | Ada \\| Lovelace | 7:ghes.example.com:Member | Enterprise | ada@example.com | ada@example.com |

| bo-ex | Bo |
carl-ex | Carl |  | Enterprise | carl@example.com |
"""
"""Humanized headers, alignment colons, an escaped pipe, a blank line, a short row and a
row without its outer pipes."""

REQUIRED = (
    "enterprise_server_user_ids | github_com_verified_domain_emails | "
    "enterprise_server_primary_emails"
)
"""The columns every license usage report has."""


def test_a_table_reads_as_its_csv_would() -> None:
    report = parse_cloud_csv(TABLE, source="seats.md")
    assert [(row.line, row.login, row.name) for row in report.rows] == [
        (3, "ada-ex", "Ada | Lovelace"),
        (5, "bo-ex", "Bo"),  # a short row's missing cells are empty, as Markdown shows it
        (6, "carl-ex", "Carl"),
    ]
    ada, bo, carl = report.rows
    assert ada.server_ids == (ServerId(user_id=7, host="ghes.example.com", role="Member"),)
    assert ada.verified_domain_emails == ("ada@example.com",)
    assert (bo.license_type, bo.verified_domain_emails) == (None, ())
    assert carl.verified_domain_emails == ("carl@example.com",)
    assert report.columns[0] == "github_com_login"
    assert detect_format(TABLE) == "cloud_csv"


def test_crlf_bom_and_indented_rows() -> None:
    text = (
        f"\ufeff  | github_com_login | license_type | {REQUIRED} |\r\n"
        "  | --- | --- | --- | --- | --- |\r\n  | ada-ex | Enterprise | | | |\r\n"
    )
    report = parse_cloud_csv(text.encode("utf-8"), source="seats.md")
    assert [(row.line, row.login, row.license_type) for row in report.rows] == [
        (3, "ada-ex", "Enterprise")
    ]


def test_a_row_with_more_cells_than_the_header_is_reported_not_cut() -> None:
    text = (
        f"| github_com_login | license_type | {REQUIRED} |\n|---|---|---|---|---|\n"
        "| ada-ex | Enterprise | | | |\n| bo-ex | Enterprise | | | | what is this |\n"
    )
    with pytest.raises(ParseErrors) as caught:
        parse_cloud_csv(text, source="seats.md")
    assert [str(problem) for problem in caught.value.exceptions] == [
        "seats.md:4: the row has 6 fields but the header has 5 columns; check for a "
        "missing or extra | between cells."
    ]
    kept = parse_cloud_csv(text, source="seats.md", strict=False)
    assert [row.login for row in kept.rows] == ["ada-ex"]
    assert list(map(str, kept.problems)) == list(map(str, caught.value.exceptions))


def test_the_ragged_row_message_names_each_separator() -> None:
    """The comma, semicolon and tab files say their own separator."""
    for separator, name in ((",", "comma"), (";", "semicolon"), ("\t", "tab")):
        header = ["github_com_login", "license_type", *REQUIRED.split(" | ")]
        text = separator.join(header) + "\nada-ex\n"
        (problem,) = parse_cloud_csv(text, source="seats.csv", strict=False).problems
        assert str(problem) == (
            "seats.csv:2: the row has 1 fields but the header has 5 columns; check for a "
            f"missing or extra {name}."
        )


def test_a_cell_over_the_field_limit_is_refused_in_a_table_too() -> None:
    text = (
        f"| github_com_login | license_type | {REQUIRED} |\n|---|---|---|---|---|\n"
        f"| {'a' * 50} | Enterprise | | | |\n"
    )
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_csv(text, source="seats.md", limits=Limits(max_field=40))
    assert str(caught.value) == (
        "seats.md:3: field 1 is 50 characters long, more than the limit of 40; check that "
        "this is the right file, or raise the limit (max_field)."
    )


def test_a_visual_studio_export_as_a_table() -> None:
    text = (
        "| Subscriber Name | Email | Subscription Level | Expiration Date (UTC) |\n"
        "| --- | --- | --- | --- |\n"
        "| Ada Lovelace | ada@example.com | Visual Studio Enterprise | 2027-06-30 |\n"
    )
    assert detect_format(text) == "visual_studio"
    (subscriber,) = parse_visual_studio(text, source="vs.md").subscribers
    assert (subscriber.upn, subscriber.name, subscriber.position) == (
        "ada@example.com",
        "Ada Lovelace",
        "line 3",
    )
    bad = text.replace("| 2027-06-30 |", "| 2027-06-30 | x |")
    (problem,) = parse_visual_studio(bad, source="vs.md", strict=False).problems
    assert isinstance(problem, VisualStudioError)
    assert str(problem) == (
        "vs.md:3: the row has 5 fields but the header has 4 columns; check for a missing "
        "or extra | between cells."
    )


def test_what_is_not_a_table() -> None:
    """A header needs a delimiter row of as many cells, right after it."""
    assert not is_table("github_com_login,license_type\nada-ex,Enterprise\n")
    assert not is_table("| a | b |\n| c | d |\n")
    assert not is_table("| a | b |\n|---|\n")  # cell counts differ
    assert not is_table("| a | b |\n")
    assert is_table("a | b\n--- | ---\n")
    assert is_table("\n\n| a |\n|-|\n")


_CELL = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r"), max_size=8)


@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), max_size=6))
def test_cells_written_as_a_table_read_back(grid: list[list[str]]) -> None:
    """Any cells, their pipes escaped, read back as written (trimmed, as Markdown does);
    rows with nothing in them are blank lines."""
    lines = ["| a | b | c |", "|---|---|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in grid]
    text = "\n".join(lines)
    expected = [[cell.strip() for cell in row] for row in grid]
    rows = [cells for _, cells in table_rows(text)]
    assert rows[0] == ["a", "b", "c"]
    assert [row for row in rows[1:] if any(row)] == [row for row in expected if any(row)]


def test_the_cli_audits_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "seats.md"
    path.write_text(TABLE, encoding="utf-8")
    assert main(["audit", "--cloud", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    report = json.loads(out)
    assert report["summary"]["total_seats"] == 3
    assert report["summary"]["persons"] == 3


def test_the_blog_table_reads_as_its_csv_conversion() -> None:
    """some-natalie's post shows the report as a Markdown table (the ground truth); it
    reads as the same rows as the CSV made from it, each one line later (the delimiter
    row)."""
    table = realdata("some_natalie_chargeback_table/consumed_licenses_table.md")
    converted = realdata("some_natalie_chargeback_table/consumed_licenses_table.converted.csv")
    from_table = parse_cloud_csv(table.read_bytes(), source=table.name)
    from_csv = parse_cloud_csv(converted.read_bytes(), source=converted.name)
    assert detect_format(table.read_bytes()) == "cloud_csv"
    assert from_table.columns == from_csv.columns
    assert [row.line for row in from_table.rows] == [row.line + 1 for row in from_csv.rows]
    assert [attrs.evolve(row, line=0) for row in from_table.rows] == [
        attrs.evolve(row, line=0) for row in from_csv.rows
    ]
    assert [row.extra for row in from_table.rows] == [row.extra for row in from_csv.rows]
    assert audit(cloud=from_table).total_seats == 7


def test_a_page_with_a_table_after_other_text_is_refused_with_its_line() -> None:
    """A wiki page's title or a sentence before the table: said, with where it starts."""
    page = f"# Seats, December\n\nCopied from the Licensing page.\n\n{TABLE}"
    said = (
        "seats.md:5: the file holds a Markdown table from line 5, after other text; keep "
        "only the table (its header row first) and try again."
    )
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_csv(page, source="seats.md")
    assert str(caught.value) == said
    with pytest.raises(UnknownFormatError) as unknown:
        detect_format(page, source="seats.md")
    assert str(unknown.value) == said
    assert table_later(page) == 5
    assert table_later(TABLE) is None  # from its first line: read
    assert table_later("\n\n" + TABLE) is None
    assert table_later("github_com_login,license_type\nada-ex,Enterprise\n") is None
