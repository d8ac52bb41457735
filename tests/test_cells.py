"""Cell readers: the fast paths agree with the careful ones they stand in front of."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest
from dateutil import parser as date_parser
from hypothesis import given
from hypothesis import strategies as st

from ghlicense.parsers._cells import CellError, Memo, read_datetime
from ghlicense.parsers._csv import _lines

_MOMENTS = st.datetimes(
    min_value=dt.datetime(2008, 1, 1),
    max_value=dt.datetime(2100, 1, 1),
    timezones=st.one_of(st.none(), st.timezones()),
)
_SEPARATORS = st.sampled_from(["T", " "])


@given(_MOMENTS, _SEPARATORS, st.sampled_from(["seconds", "milliseconds", "microseconds"]))
def test_fast_datetimes_equal_dateutil(moment: dt.datetime, separator: str, timespec: str) -> None:
    """Every ISO form the standard library reads means the instant dateutil reads."""
    text = moment.isoformat(sep=separator, timespec=timespec)
    expected = date_parser.isoparse(text)
    if expected.tzinfo is None:
        expected = expected.replace(tzinfo=dt.UTC)
    assert read_datetime(text) == expected
    assert read_datetime(f" {text} ") == expected


def test_forms_only_the_slow_path_reads() -> None:
    """Named zones and a space before the offset still read, as UTC or the offset."""
    utc = dt.UTC
    assert read_datetime("2021-03-26 04:11:02 UTC") == dt.datetime(
        2021, 3, 26, 4, 11, 2, tzinfo=utc
    )
    assert read_datetime("2021-03-26 04:11:02 -0400") == dt.datetime(
        2021, 3, 26, 8, 11, 2, tzinfo=utc
    )
    assert read_datetime("2021-03-26T24:00:00") == dt.datetime(2021, 3, 27, tzinfo=utc)


@given(
    st.text(alphabet=st.sampled_from(["a", ",", '"', "\r", "\n", "\u2028", "\x0c"]), max_size=80),
    st.integers(min_value=1, max_value=9),
)
def test_csv_lines_are_those_of_a_stringio(text: str, size: int) -> None:
    """Cut into pieces a few characters long, the text gives exactly StringIO's lines."""
    assert list(_lines(text, size)) == list(io.StringIO(text, newline=""))


def test_memo_reads_every_cell_beyond_its_size() -> None:
    """Past SIZE distinct cells a memo stops remembering, never stops answering."""
    memo = Memo(read_datetime)
    cells = [f"2020-01-01T00:00:{i % 60:02}.{i:06}" for i in range(Memo.SIZE + 500)]
    assert [memo[cell] for cell in cells] == [read_datetime(cell) for cell in cells]
    assert len(memo) == Memo.SIZE
    with pytest.raises(CellError):
        memo["not a date"]
    assert "not a date" not in memo  # a bad cell is never remembered


_NUMBERISH = st.text(alphabet=st.sampled_from("0123456789²³¹٣:h -"), max_size=12)


@given(_NUMBERISH)
def test_number_cells_read_or_say_why(cell: str) -> None:
    """A cell of digits, Unicode digits (``²``, ``٣``) and separators is read, or refused
    with a CellError: never another exception (``str.isdigit`` allows ``²``, which
    ``int`` refuses)."""
    from ghlicense.parsers._cells import read_int, read_server_id, read_user_id

    for reader in (read_int, read_user_id, read_server_id):
        with contextlib.suppress(CellError):
            reader(cell)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("²", "'²' is not a whole number."),
        ("٣", "'٣' is not a whole number."),
    ],
)
def test_unicode_digits_are_not_numbers(cell: str, message: str) -> None:
    from ghlicense.parsers._cells import read_int, read_server_id

    with pytest.raises(CellError) as caught:
        read_int(cell)
    assert str(caught.value) == message
    with pytest.raises(CellError) as caught:
        read_server_id(f"{cell}:ghes.example.com:Member")
    assert str(caught.value) == (
        f"'{cell}:ghes.example.com:Member' is not a server account id "
        "(expected USER_ID:HOSTNAME:ROLE, HOSTNAME:USER_ID or USER_ID)."
    )


@given(st.text(alphabet=st.sampled_from("0123456789²:,. hM"), max_size=24))
def test_server_ids_fast_path_reads_as_read_server_id(cell: str) -> None:
    """The cloud report's server-id cells read alike through the fast path (hosts and
    roles looked up) and through ``read_server_id``, item by item: the same ids, or the
    same message."""
    from ghlicense.parsers._cells import read_list, read_server_id
    from ghlicense.parsers._cloud_columns import _server_ids

    def outcome(read: object) -> object:
        try:
            return read()  # type: ignore[operator]
        except CellError as exc:
            return f"CellError: {exc}"

    expected = outcome(lambda: tuple(read_server_id(item) for item in read_list(cell)))
    assert outcome(lambda: _server_ids(cell)) == expected


def test_member_role_items_are_kept_once() -> None:
    """``ORG:ROLE`` items repeat on every member's row: one string each."""
    from builders import cloud_csv
    from ghlicense import parse_cloud_csv

    rows = [
        {"github_com_login": f"m{i}", "github_com_member_roles": f"acme:Member, tools-{i}:Owner"}
        for i in range(2)
    ]
    first, second = parse_cloud_csv(cloud_csv(rows)).rows
    assert first.member_roles == ("acme:Member", "tools-0:Owner")
    assert first.member_roles[0] is second.member_roles[0]
