"""Every error message, exactly: a person must be able to act on each one."""

from __future__ import annotations

import pickle

import pytest

from ghlicense import (
    CloudReportError,
    EncryptedExportError,
    ParseError,
    ParseErrors,
    ServerExportError,
    parse_cloud_csv,
    parse_server_export,
)

HEADER = (
    "github_com_login,enterprise_server_user_ids,license_type,"
    "github_com_verified_domain_emails,enterprise_server_primary_emails\n"
)


def _cloud_error(data: str | bytes) -> str:
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_csv(data, source="cloud.csv")
    return str(caught.value)


def _row_errors(data: str) -> list[str]:
    with pytest.raises(ParseErrors) as caught:
        parse_cloud_csv(data, source="cloud.csv")
    return [str(error) for error in caught.value.exceptions]


def _server_error(data: str | bytes) -> str:
    with pytest.raises(ServerExportError) as caught:
        parse_server_export(data, source="ghes.json")
    return str(caught.value)


def test_error_cloud_empty_file() -> None:
    """An empty file says so and says which file to download."""
    assert _cloud_error("") == (
        "cloud.csv:1: the file is empty; download the license usage report (CSV) from your "
        "enterprise's Licensing page on GitHub Enterprise Cloud and pass that file."
    )


def test_error_cloud_not_a_license_report() -> None:
    """A CSV with none of the report's columns is named for what it is."""
    assert _cloud_error("created_at,id,login,role\n2021-03-26,1,val,user\n") == (
        "cloud.csv:1: this is not a GitHub Enterprise license usage report: it is a CSV whose "
        "header has none of the license report's columns (it starts with 'created_at', 'id', "
        "'login'); download the license usage report (CSV) from your enterprise's Licensing "
        "page on GitHub Enterprise Cloud and pass that file."
    )


def test_error_cloud_missing_columns() -> None:
    """A CSV with some of the columns lists the ones it lacks."""
    text = "GitHub com login,GitHub com name,License type\nalice,Alice,Enterprise\n"
    assert _cloud_error(text) == (
        "cloud.csv:1: this is not a GitHub Enterprise license usage report: its header lacks "
        "the columns 'enterprise_server_user_ids', 'github_com_verified_domain_emails', "
        "'enterprise_server_primary_emails'; download the license usage report (CSV) from "
        "your enterprise's Licensing page on GitHub Enterprise Cloud and pass that file."
    )


def test_error_cloud_duplicate_column() -> None:
    """Two spellings of the same column are refused, naming both positions."""
    text = HEADER.rstrip("\n") + ",GitHub com login\n"
    assert _cloud_error(text) == (
        "cloud.csv:1: the header has the column 'GitHub com login' twice (columns 1 and 6); "
        "remove one of them."
    )


def test_error_cloud_broken_quoting() -> None:
    """An unclosed quote is reported at the record where it starts."""
    text = HEADER + 'alice,,Enterprise,alice@example.com,\n"bob,,Enterprise,,\n'
    assert _cloud_error(text) == (
        "cloud.csv:3: the CSV quoting is broken (unexpected end of data); check this "
        "record's quote characters."
    )


def test_error_cloud_not_utf8() -> None:
    """Latin-1 bytes are refused with the place of the first bad byte."""
    data = (HEADER + "jos\xe9,,Enterprise,,\n").encode("latin-1")
    assert _cloud_error(data) == (
        "cloud.csv:2:4: the file is not UTF-8 text (byte 0xE9 cannot be read); save it as "
        "UTF-8 and try again."
    )


def test_error_cloud_nul_bytes() -> None:
    """UTF-16 without a BOM (NUL bytes) is not read as mojibake."""
    data = HEADER.encode("utf-16-le")
    assert _cloud_error(data) == (
        "cloud.csv:1:2: the file contains NUL bytes, so it is binary or UTF-16 text without "
        "a byte order mark; save it as UTF-8 text and try again."
    )


def test_error_cloud_zip() -> None:
    """A ZIP archive is named as one."""
    assert _cloud_error(b"PK\x03\x04rest") == (
        "cloud.csv: this is a ZIP archive, not a text file; extract it and pass the file inside."
    )


def test_error_cloud_row_problems() -> None:
    """Each bad cell names the line and the column as the file spells it."""
    text = (
        HEADER
        + "alice,,Enterprise,bob@,\n"
        + "carol,x:y,Enterprise,,\n"
        + "dave,,Enterprise\n"
        + "erin,,Enterprise,erin@example.com,\n"
    )
    assert _row_errors(text) == [
        (
            "cloud.csv:2: column 'github_com_verified_domain_emails': 'bob@' is not an email "
            "address: there must be something after the @-sign."
        ),
        (
            "cloud.csv:3: column 'enterprise_server_user_ids': 'x:y' is not a server account id "
            "(expected USER_ID:HOSTNAME:ROLE, HOSTNAME:USER_ID or USER_ID)."
        ),
        (
            "cloud.csv:4: the row has 3 fields but the header has 5 columns; check for a missing "
            "or extra comma."
        ),
    ]


def test_error_cloud_bad_boolean_and_number() -> None:
    """Booleans and counts name the value that could not be read."""
    text = "github_com_user,total_user_accounts," + HEADER
    text += "maybe,two,alice,,Enterprise,,\n"
    assert _row_errors(text) == [
        "cloud.csv:2: column 'github_com_user': 'maybe' is not true or false.",
        "cloud.csv:2: column 'total_user_accounts': 'two' is not a whole number.",
    ]


def test_error_cloud_problems_across_chunks_keep_every_good_row() -> None:
    """Bad cells in different columns and chunks: listed by line, no good row lost."""
    rows = [f"user{i},,Enterprise,user{i}@example.com,\n" for i in range(5000)]
    rows[9] = "user9,,Enterprise,nine@,\n"  # first chunk
    rows[3000] = "user3000,x:y,Enterprise,user3000@example.com,\n"  # second chunk
    rows[3001] = "user3001,,Enterprise\n"  # ragged
    rows[4500] = "maybe,user4500,,Enterprise,,\n"  # ragged (one field too many)
    text = "github_com_user," + HEADER.replace("\n", "") + "\n"
    text += "".join(f"true,{row}" for row in rows)
    report = parse_cloud_csv(text, source="cloud.csv", strict=False)
    assert [str(problem).split(":")[1] for problem in report.problems] == [
        "11",
        "3002",
        "3003",
        "4502",
    ]
    assert len(report.rows) == 5000 - 4
    assert [row.login for row in report.rows[:10]] == [f"user{i}" for i in (*range(9), 10)]
    assert {row.line for row in report.rows}.isdisjoint({11, 3002, 3003, 4502})
    assert all(row.github_com_user is True for row in report.rows)


def test_error_group_message() -> None:
    """The group says how many problems there were."""
    with pytest.raises(ParseErrors) as caught:
        parse_cloud_csv(HEADER + "a,,E,x,\nb,,E,y,\n", source="cloud.csv")
    assert caught.value.message == "cloud.csv: 2 problems"


def test_error_server_not_json() -> None:
    """A file that is not JSON gives the line and column of the syntax error."""
    assert _server_error('{"users": [\n  {"user_id": 1,}\n]}') == (
        "ghes.json:2:17: the file is not valid JSON (a key in double quotes was expected "
        "here); expected a GitHub Enterprise Server license usage export (a JSON "
        "object with 'users')."
    )


def test_error_server_html_page() -> None:
    """A saved sign-in page is named as an HTML page."""
    assert _server_error("<!DOCTYPE html><html><body>Sign in</body></html>") == (
        "ghes.json:1: this is an HTML or XML page, not JSON; expected a GitHub Enterprise "
        "Server license usage export (a JSON object with 'users'). A browser may have saved "
        "a sign-in or error page instead of the file."
    )


def test_error_server_encrypted() -> None:
    """The encrypted default export says so, and what to use instead."""
    with pytest.raises(EncryptedExportError) as caught:
        parse_server_export('{"version": 1, "users": "hQEMA0xyz=="}', source="ghes.json")
    assert str(caught.value) == (
        "ghes.json: at /users: the user list of this license usage export is encrypted, so "
        "only GitHub can read it. Export the license usage again unencrypted, or download "
        "the site admin 'All users' report (all_users.csv) from the instance and pass that "
        "file instead."
    )


def test_error_server_wrong_shapes() -> None:
    """Wrong shapes at the top name what was found."""
    assert _server_error("[1, 2]") == (
        "ghes.json: at /: the file holds a list at the top, not an object; expected a GitHub "
        "Enterprise Server license usage export (a JSON object with 'users')."
    )
    assert _server_error('{"instance": {}}') == (
        "ghes.json: at /: the file has no 'users'; expected a GitHub Enterprise Server "
        "license usage export (a JSON object with 'users')."
    )
    assert _server_error('{"users": {"a": 1}}') == (
        "ghes.json: at /users: 'users' holds an object, not a list of users."
    )


def test_error_server_user_problems() -> None:
    """Each bad user is named by its JSON Pointer."""
    text = (
        '{"host_name": "ghes.example.com", "users": ['
        '{"user_id": "abc"}, {"login": "x"}, {"user_id": 3, "emails": "a@example.com"},'
        '{"user_id": 4, "emails": [{"email": "not-an-email", "primary": true}]},'
        '{"user_id": 5, "emails": [{"email": "ok@example.com", "primary": true}]}]}'
    )
    with pytest.raises(ParseErrors) as caught:
        parse_server_export(text, source="ghes.json")
    assert [str(e) for e in caught.value.exceptions] == [
        "ghes.json: at /users/0/user_id: 'user_id' should be a whole number, not the text 'abc'.",
        "ghes.json: at /users/1/user_id: the user has no 'user_id'; every exported user needs one.",
        (
            "ghes.json: at /users/2/emails: 'emails' should be a list of addresses, not the text "
            "'a@example.com'."
        ),
        (
            "ghes.json: at /users/3/emails/0: 'not-an-email' is not an email address: it has no "
            "@-sign."
        ),
    ]


def test_errors_pickle() -> None:
    """Errors survive pickling with every field (for multiprocessing users)."""
    error = CloudReportError("bad", source="c.csv", line=3, field="x")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.line, copy.field) == (
        CloudReportError,
        "c.csv:3: column 'x': bad",
        3,
        "x",
    )
    group = ParseErrors("c.csv: 1 problem", [error])
    assert isinstance(group, ParseError.__mro__[1])  # a GhlicenseError


def test_error_classes_are_value_errors() -> None:
    """Parse errors are ValueErrors, for callers who catch those."""
    assert issubclass(EncryptedExportError, ValueError)


def test_error_giant_field() -> None:
    """A giant field is named as such, not as broken quoting."""
    text = HEADER + "alice,," + "x" * 200_000 + ",,\n"
    assert _cloud_error(text) == (
        "cloud.csv:2: a field is longer than 131,072 characters, which no license file has; "
        "check that this is the right file."
    )


def test_error_limits() -> None:
    """Files, fields and nesting over the limits are refused before parsing, saying which."""
    from ghlicense import Limits, parse_any

    small = Limits(max_bytes=100, max_field=10, max_depth=3)
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_csv("x" * 101, source="c.csv", limits=small)
    assert str(caught.value) == (
        "c.csv: the file is 101 bytes, more than the limit of 100; no license file is that "
        "large: check that this is the right file, or raise the limit (max_bytes, "
        "--max-file-size)."
    )
    with pytest.raises(CloudReportError) as caught:
        parse_cloud_csv("github_com_login,b\nabcdefghijkl,x\n", source="c.csv", limits=small)
    assert str(caught.value) == (
        "c.csv:1: field 1 is 16 characters long, more than the limit of 10; check that this "
        "is the right file, or raise the limit (max_field)."
    )
    with pytest.raises(ServerExportError) as deep:
        parse_any('{"users": [[[[1]]]]}', source="g.json", limits=small)
    assert str(deep.value) == (
        "g.json: the JSON is nested more than 3 levels deep, which no license file is; check "
        "that this is the right file, or raise the limit (max_depth)."
    )
    deep_string = '{"users": [], "x": "[[[[[[[["}'
    assert parse_any(deep_string, limits=small).format == "server_export"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_error_json_constants_python_reads(constant: str) -> None:
    """NaN and Infinity are not JSON: refused at their line and column."""
    assert _server_error(f'{{"users": [\n  {{"user_id": {constant}}}]}}') == (
        f"ghes.json:2:15: the file holds {constant}, which is not a JSON value (no GitHub file "
        "holds it); expected a GitHub Enterprise Server license usage export (a JSON object "
        "with 'users')."
    )


def test_json_constants_inside_strings_are_text() -> None:
    """'NaN' inside a string is only text."""
    export = parse_server_export(
        '{"users": [{"user_id": 1, "login": "NaN", "emails": []}]}', source="ghes.json"
    )
    assert export.users[0].login == "NaN"


@pytest.mark.parametrize("user_id", ["0", str(2**63)])
def test_error_user_id_out_of_range(user_id: str) -> None:
    """A user id no GitHub database holds is a problem of its user, with the field."""
    with pytest.raises(ParseErrors) as caught:
        parse_server_export(
            f'{{"users": [{{"user_id": {user_id}, "emails": []}}]}}', source="ghes.json"
        )
    assert [str(e) for e in caught.value.exceptions] == [
        f"ghes.json: at /users/0/user_id: {user_id} is not a user id: ids are whole numbers "
        "from 1 to 2**63 - 1."
    ]


def test_error_negative_seat_count_keeps_the_rows() -> None:
    """A negative total_seats_consumed is a problem of its page; the users are still read."""
    from ghlicense import parse_cloud_json

    text = '{"total_seats_consumed": -1, "users": [{"github_com_login": "ada"}]}'
    report = parse_cloud_json(text, source="p.json", strict=False)
    assert [str(p) for p in report.problems] == [
        "p.json: at /total_seats_consumed: 'total_seats_consumed' should be a whole number of "
        "0 or more, not the number -1."
    ]
    assert (len(report.rows), report.total_seats_consumed) == (1, None)


@pytest.mark.parametrize(("day", "year"), [("2007-12-31", 2007), ("2101-01-01", 2101)])
def test_error_date_outside_the_years_of_github(day: str, year: int) -> None:
    """A date before 2008 or after 2100 is a problem of its row, with the column."""
    assert _row_errors(
        "github_com_login,enterprise_server_user_ids,license_type,"
        "github_com_verified_domain_emails,enterprise_server_primary_emails,"
        "github_com_two_factor_auth_required_by_date\n"
        f"ada,,Enterprise,,,{day}\n"
    ) == [
        f"cloud.csv:2: column 'github_com_two_factor_auth_required_by_date': '{day}' is a date "
        f"in {year}; no GitHub or Visual Studio file holds a date before 2008 or after 2100."
    ]


def test_error_unicode_digits_are_refused_with_the_field() -> None:
    """``²`` passes ``str.isdigit`` but is no number: a problem of its row or user, not
    an internal error."""
    with pytest.raises(ParseErrors) as caught:
        parse_server_export('{"users": [{"user_id": "\u00b2", "emails": []}]}', source="g.json")
    assert [str(e) for e in caught.value.exceptions] == [
        "g.json: at /users/0/user_id: 'user_id' should be a whole number, not the text '²'."
    ]
    csv_text = (
        "github_com_login,enterprise_server_user_ids,license_type,"
        "github_com_verified_domain_emails,enterprise_server_primary_emails,total_user_accounts\n"
        "ada,\u00b2:h:Member,Enterprise,,,1\nbob,,Enterprise,,,\u00b2\n"
    )
    with pytest.raises(ParseErrors) as caught:
        parse_cloud_csv(csv_text, source="c.csv")
    assert [str(e) for e in caught.value.exceptions] == [
        "c.csv:2: column 'enterprise_server_user_ids': '²:h:Member' is not a server account id "
        "(expected USER_ID:HOSTNAME:ROLE, HOSTNAME:USER_ID or USER_ID).",
        "c.csv:3: column 'total_user_accounts': '²' is not a whole number.",
    ]
