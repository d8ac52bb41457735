"""The command line keeps its promises: nothing dropped, nothing damaged, clear errors.

Each test here failed on the command line as it was before these fixes (issues 13, 21).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ghlicense.cli import main

GOLDEN = Path(__file__).parent / "golden"
COUNTS = "GitHub's report counts 37 seat(s); the recount finds 35.\nSeats: 35 (persons: 37)\n"
"""The first lines of the example's text report."""
CLOUD_CSV = GOLDEN / "header_snake_case" / "cloud.csv"


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def command(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "ghlicense", *arguments],
        input=None if stdin is None else stdin.decode(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _user(login: str) -> dict[str, object]:
    return {
        "github_com_login": login,
        "github_com_name": login.title(),
        "enterprise_server_user_ids": [],
        "license_type": "Enterprise",
        "github_com_verified_domain_emails": [f"{login}@example.com"],
        "enterprise_server_primary_emails": [],
    }


def pages(total: int, *sizes: int) -> list[dict[str, object]]:
    """REST pages of one report: *sizes* users each, GitHub's total *total*."""
    made, start = [], 0
    for size in sizes:
        users = [_user(f"user{n:03}") for n in range(start, start + size)]
        made.append({"total_seats_consumed": total, "total_seats_purchased": 200, "users": users})
        start += size
    return made


def write_pages(folder: Path, made: list[dict[str, object]]) -> list[str]:
    paths = []
    for number, page in enumerate(made, 1):
        path = folder / f"page{number}.json"
        path.write_text(json.dumps(page))
        paths.append(str(path))
    return paths


# --- 1. every --cloud file is read -----------------------------------------------------


def test_four_pages_as_four_files_equal_the_pages_joined(tmp_path: Path) -> None:
    """Four REST pages given as four --cloud files count the same as the pages concatenated."""
    made = pages(10, 3, 3, 3, 1)
    paths = write_pages(tmp_path, made)
    joined = tmp_path / "joined.json"
    joined.write_text("\n".join(json.dumps(page) for page in made))
    arguments = [a for path in paths for a in ("--cloud", path)]
    apart = command("audit", *arguments, "--format", "json")
    together = command("audit", "--cloud", str(joined), "--format", "json")
    assert (apart.returncode, apart.stderr) == (0, "")
    report, expected = json.loads(apart.stdout), json.loads(together.stdout)
    assert report["summary"] == expected["summary"]
    assert report["summary"]["total_seats"] == 10
    assert report["summary"]["github_seats_consumed"] == 10
    assert report["summary"]["github_seats_purchased"] == 200
    assert report["summary"]["missing_cloud_rows"] == 0
    assert (report["partial"], report["warnings"]) == (False, [])
    assert [p["cloud_login"] for p in report["persons"]] == [
        p["cloud_login"] for p in expected["persons"]
    ]


def test_one_page_of_a_larger_report_says_pages_are_missing(tmp_path: Path) -> None:
    """A page of a larger report is partial, with GitHub's own total, in text and JSON."""
    (path,) = write_pages(tmp_path, pages(102, 30))
    sentence = (
        "GitHub counts 102 seats consumed; these files hold 30 of them: pages are missing. "
        "Pass every page of the REST report (gh api --paginate), or the CSV report."
    )
    text = command("audit", "--cloud", path)
    assert text.returncode == 0
    assert text.stderr == f"ghlicense: warning: {sentence}\n"
    assert text.stdout.startswith(
        f"PARTIAL: {sentence}\nSeats: 30 (persons: 30)\n  Enterprise: 30\n"
        "GitHub's own count: 102 seats consumed of 200 purchased\n"
    )
    report = json.loads(command("audit", "--cloud", path, "--format", "json").stdout)
    assert report["partial"] is True
    assert report["warnings"] == [sentence]
    assert report["problems"] == []
    summary = report["summary"]
    assert (summary["github_seats_consumed"], summary["missing_cloud_rows"]) == (102, 72)


def test_error_csv_report_beside_rest_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV report and a REST page together are two copies of one report: refused."""
    (page,) = write_pages(tmp_path, pages(3, 3))
    assert run(capsys, "audit", "--cloud", str(CLOUD_CSV), "--cloud", page) == (
        1,
        "",
        f"ghlicense: {page}: this is REST API pages of consumed licenses, but {CLOUD_CSV} is "
        "the Licensing page's CSV report; both are copies of the same report: pass the CSV "
        "alone, or every REST page.\n",
    )


def test_error_pages_of_two_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pages whose GitHub totals differ are pages of different reports."""
    first, second = write_pages(tmp_path, pages(6, 3, 3))
    page = json.loads(Path(second).read_text())
    page["total_seats_consumed"] = 7
    Path(second).write_text(json.dumps(page))
    assert run(capsys, "audit", "--cloud", first, "--cloud", second) == (
        1,
        "",
        f"ghlicense: {second}: GitHub counts 7 seats consumed here but 6 in {first}: these "
        "are pages of different reports (another enterprise, or fetched at another time); "
        "fetch every page again, in one go.\n",
    )


def test_error_the_same_page_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files holding the same page: another page is probably missing."""
    (first,) = write_pages(tmp_path, pages(6, 3))
    second = tmp_path / "page1-again.json"
    second.write_text(Path(first).read_text())
    assert run(capsys, "audit", "--cloud", first, "--cloud", str(second)) == (
        1,
        "",
        f"ghlicense: {second}: it holds the same 3 accounts as {first}: the same page was "
        "given twice, so another page is probably missing; fetch the pages again.\n",
    )


def test_error_the_same_csv_report_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two copies of the CSV report (another name, or a Markdown copy): refused, in the
    CSV's own words (no pages)."""
    copy = tmp_path / "report-copy.csv"
    copy.write_text(CLOUD_CSV.read_text())
    assert run(capsys, "audit", "--cloud", str(CLOUD_CSV), "--cloud", str(copy)) == (
        1,
        "",
        f"ghlicense: {copy}: it holds the same 4 accounts as {CLOUD_CSV}: the same report was "
        "given twice; pass it once.\n",
    )


def test_error_two_downloads_of_the_csv_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last month's CSV beside this month's shares their accounts: not parts of one report
    (their seats would be counted as one enterprise's twice)."""
    lines = CLOUD_CSV.read_text().splitlines(keepends=True)
    later = tmp_path / "report-later.csv"
    later.write_text("".join([*lines[:2], *lines[3:]]).replace("mona,Mona", "mona,Mona L."))
    assert run(capsys, "audit", "--cloud", str(CLOUD_CSV), "--cloud", str(later)) == (
        1,
        "",
        f"ghlicense: {later}: it lists 1 GHEC account that {CLOUD_CSV} lists too (mona): two "
        "CSV reports are two downloads of the report (from different days), not parts of "
        "one; pass the newest alone.\n",
    )


def test_the_same_file_twice_is_said_once(capsys: pytest.CaptureFixture[str]) -> None:
    """One file named twice is read once, and said once (not once per account)."""
    server = GOLDEN / "header_snake_case" / "ghes.json"
    status, out, err = run(
        capsys, "audit", "--cloud", str(CLOUD_CSV), "--server", str(server), "--server", str(server)
    )
    assert status == 0
    assert err == f"ghlicense: {server} was given twice (--server); it is read once.\n"
    assert "appears twice" not in out


# --- 3. -o -------------------------------------------------------------------------------


def test_output_through_a_symlink(tmp_path: Path) -> None:
    """-o to a symlink writes its target; the link stays a link."""
    target = tmp_path / "reports" / "audit.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    done = command("audit", "--example", "--format", "json", "-o", str(link))
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == f"ghlicense: report written to {link}\n"
    assert link.is_symlink()
    assert json.loads(target.read_text())["summary"]["total_seats"] == 35
    assert sorted(p.name for p in target.parent.iterdir()) == ["audit.json"]


def test_output_to_a_fifo(tmp_path: Path) -> None:
    """-o to a FIFO writes into it; it stays a FIFO."""
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    done = command("audit", "--example", "-o", str(fifo), "--quiet")
    reader.join(timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith(COUNTS)


def test_output_to_a_character_device(tmp_path: Path) -> None:
    """-o to a character device writes to it; it stays a device."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("making a device needs root")
    try:
        with device.open("w") as probe:
            probe.write("")
    except OSError:
        pytest.skip("devices cannot be opened in this folder (mounted nodev)")
    done = command("audit", "--example", "-o", str(device))
    assert (done.returncode, done.stdout) == (0, "")
    assert stat.S_ISCHR(device.stat().st_mode)


def test_output_dash_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """-o - writes to standard output, and says nothing on stderr."""
    status, out, err = run(capsys, "audit", "--example", "-o", "-")
    assert (status, err) == (0, "")
    assert out.startswith(COUNTS)
    assert not Path("-").exists()


def test_output_keeps_permissions_and_follows_umask(tmp_path: Path) -> None:
    """A replaced file keeps its mode; a new file gets the umask's (not always 0600)."""
    existing = tmp_path / "kept.txt"
    existing.write_text("old")
    existing.chmod(0o640)
    previous = os.umask(0o022)
    try:
        assert main(["audit", "--example", "-o", str(existing), "-q"]) == 0
        new = tmp_path / "new.txt"
        assert main(["audit", "--example", "-o", str(new), "-q"]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


def test_error_output_to_a_full_device(capsys: pytest.CaptureFixture[str]) -> None:
    """-o /dev/full fails with the reason and leaves the device a device."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    assert run(capsys, "audit", "--example", "-o", "/dev/full") == (
        1,
        "",
        "ghlicense: /dev/full: the report cannot be written (No space left on device).\n",
    )
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


# --- 4. usage ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("-1", "-1 MiB is too small: give 1 or more"),
        ("0", "0 MiB is too small: give 1 or more"),
        ("lots", "'lots' is not a whole number of MiB (for example 4096)"),
    ],
)
def test_error_impossible_max_file_size(
    value: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An impossible --max-file-size is wrong usage (exit 2), with what to pass."""
    status, out, err = run(capsys, "audit", "--example", "--max-file-size", value)
    assert (status, out) == (2, "")
    assert err.endswith(f"ghlicense audit: error: argument --max-file-size: {said}\n")


def test_error_example_with_files(capsys: pytest.CaptureFixture[str]) -> None:
    """--example with files of one's own is wrong usage."""
    assert run(capsys, "audit", "--example", "--cloud", str(CLOUD_CSV)) == (
        2,
        "",
        "ghlicense: use --example alone, without files of your own.\n",
    )


def test_error_example_with_a_sync_file(capsys: pytest.CaptureFixture[str]) -> None:
    """--example with a sync file of one's own is refused, not silently ignored."""
    assert run(capsys, "audit", "--example", "--sync", "sync.json") == (
        2,
        "",
        "ghlicense: use --example alone, without files of your own.\n",
    )


def test_error_standard_input_twice(capsys: pytest.CaptureFixture[str]) -> None:
    """Two inputs from standard input is wrong usage, said before anything is read."""
    assert run(capsys, "audit", "--cloud", "-", "--server", "ghes.example.com=-") == (
        2,
        "",
        "ghlicense: standard input (-) can be read only once; save the other inputs to files "
        "and pass those.\n",
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed version."""
    from importlib.metadata import version

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"ghlicense {version('ghlicense')}\n"


# --- 5. messages -------------------------------------------------------------------------


@pytest.mark.parametrize("separator", [";", "\t"])
def test_spreadsheet_separators_are_read(
    separator: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report re-saved with ; or tab separators audits the same as the comma original."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(CLOUD_CSV.read_text())))
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\n").writerows(rows)
    resaved = tmp_path / "resaved.csv"
    resaved.write_text(out.getvalue())
    _, original, _ = run(capsys, "audit", "--cloud", str(CLOUD_CSV), "--format", "json")
    status, again, err = run(capsys, "audit", "--cloud", str(resaved), "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(again)["summary"] == json.loads(original)["summary"]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            b'{"users": [\n  {"github_com_login": "a",\n',
            "3:1: this starts like JSON but is not valid JSON (a key in double quotes was "
            "expected here); download the file again.",
        ),
        (
            b"\x1f\x8b\x08\x00rest",
            " this is a gzip-compressed file, not a text file; decompress it (gunzip) and pass "
            "the file inside.",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml xl/workbook.xml",
            " this is an Excel workbook (.xlsx), not a CSV file; open it and save it as "
            "'CSV UTF-8 (Comma delimited)', then pass that file.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
            " this is an Excel 97-2003 workbook (.xls) or another Office file, not a CSV file; "
            "open it and save it as 'CSV UTF-8 (Comma delimited)', then pass that file.",
        ),
        (
            b'{"server_instances": []}',
            " this looks like the license sync status from the REST API (JSON); pass it with "
            "--sync, not --cloud.",
        ),
    ],
)
def test_error_messages_name_what_the_file_is(
    content: bytes, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken JSON has its position; compressed files and workbooks are named."""
    path = tmp_path / "input"
    path.write_bytes(content)
    assert run(capsys, "audit", "--cloud", str(path)) == (1, "", f"ghlicense: {path}:{said}\n")


@pytest.mark.parametrize("option", ["--cloud", "--server"])
def test_error_dormant_users_report_said_once(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dormant-users CSV is named as what it is, the same for --cloud and --server."""
    path = tmp_path / "dormant.csv"
    path.write_text(
        "created_at,id,login,role,last_logged_ip,2fa_enabled?,outside_collaborator\n"
        "2021-03-26 04:11:02 -0400,1,ada,user,192.0.2.1,true,false\n"
    )
    assert run(capsys, "audit", option, str(path)) == (
        1,
        "",
        f"ghlicense: {path}: this is a list of users without email addresses (a dormant-users "
        "report, or a users report without its email column), not a license file: accounts "
        "without emails cannot be matched. Pass the license usage report with --cloud, and "
        "for each GHES instance its license usage export, or its site admin 'All users' "
        "report, with --server.\n",
    )


# --- 6 and 7. the writers agree; small things --------------------------------------------


def _text_figures(text: str) -> dict[str, int]:
    figures: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("Seats: "):
            seats, persons = line.removeprefix("Seats: ").rstrip(")").split(" (persons: ")
            figures["total_seats"], figures["persons"] = int(seats), int(persons)
        for label, key in (
            ("Persons counted once across several deployments: ", "multi_deployment_persons"),
            ("Accounts that matched no GHEC account: ", "unmatched_persons"),
            ("Suspended GHES accounts, excluded (no seat): ", "excluded_suspended_accounts"),
            ("Where GitHub's report groups accounts differently: ", "disagreements_with_github"),
        ):
            if line.startswith(label):
                figures[key] = int(line.removeprefix(label))
    figures.setdefault("excluded_suspended_accounts", 0)
    figures.setdefault("disagreements_with_github", 0)
    return figures


def _golden_arguments(case: Path) -> list[str]:
    arguments = []
    for name in ("cloud.csv", "cloud.json"):
        if (case / name).exists():
            arguments += ["--cloud", str(case / name)]
    for server in sorted(case.glob("ghes*.json")):
        arguments += ["--server", str(server)]
    return arguments


@pytest.mark.parametrize(
    "arguments",
    [
        ["--example"],
        *(_golden_arguments(GOLDEN / name) for name in sorted(p.name for p in GOLDEN.iterdir())),
    ],
)
def test_text_and_json_agree_on_every_summary_figure(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every figure the text report shows equals the JSON report's."""
    _, text, _ = run(capsys, "audit", *arguments, "--format", "text")
    _, out, _ = run(capsys, "audit", *arguments, "--format", "json")
    summary = json.loads(out)["summary"]
    figures = _text_figures(text)
    assert figures == {key: summary[key] for key in figures}
    assert len(figures) == 6
    without = summary["persons"] - summary["total_seats"]
    assert sum(summary["persons_without_seat"].values()) == without


def test_suspended_account_is_not_an_unmatched_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One GHEC account, a suspended and an unmatched GHES account: one unmatched person."""
    cloud = tmp_path / "cloud.csv"
    cloud.write_text(
        "github_com_login,enterprise_server_user_ids,license_type,"
        "github_com_verified_domain_emails,enterprise_server_primary_emails\n"
        "ada,,Enterprise,ada@example.com,\n"
    )
    users = tmp_path / "users.csv"
    users.write_text(
        "created_at,id,login,email,role,suspended?\n"
        "2021-03-26 04:11:02 -0400,10,old,old@example.org,user,true\n"
        "2021-03-26 04:11:02 -0400,11,new,new@example.org,user,false\n"
    )
    common = ["audit", "--cloud", str(cloud), "--server", f"ghes.example.com={users}"]
    _, out, _ = run(capsys, *common, "--format", "json")
    _, text, _ = run(capsys, *common)
    assert json.loads(out)["summary"]["unmatched_persons"] == 1
    assert "Accounts that matched no GHEC account: 1\n" in text
    assert "Persons who take no seat: 1 (suspended: 1)\n" in text


def test_unmatched_reasons_are_listed_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Two accounts of a person sharing a reason list it once in the JSON report."""
    _, out, _ = run(
        capsys, "audit", *_golden_arguments(GOLDEN / "match_multi_instance"), "--format", "json"
    )
    for person in json.loads(out)["persons"]:
        reasons = person["unmatched_reasons"]
        assert len(reasons) == len(set(reasons))


def test_text_lists_sort_user_ids_as_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User ids 10, 127, 1015 are listed in that order, not as text (10, 1015, 127)."""
    users = tmp_path / "users.csv"
    users.write_text(
        "created_at,id,login,email,role,suspended?\n"
        + "".join(
            f"2021-03-26 04:11:02 -0400,{n},u{n},same@example.org,user,true\n"
            for n in (1015, 127, 10)
        )
    )
    status, text, _ = run(capsys, "audit", "--server", f"ghes.example.com={users}")
    assert status == 0
    listed = [line for line in text.splitlines() if line.startswith("  ghes.example.com user")]
    assert [line.split()[2] for line in listed] == ["10", "127", "1015"]


def test_a_person_in_two_sections_is_described_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GHES-only person on two instances is described once, then referred to."""
    export = {
        "instance": {"host_name": "a.example.com", "server_id": "a"},
        "users": [
            {"user_id": 7, "login": "u", "emails": [{"email": "u@example.org", "primary": True}]}
        ],
    }
    first = tmp_path / "a.json"
    first.write_text(json.dumps(export))
    export["instance"] = {"host_name": "b.example.com", "server_id": "b"}
    second = tmp_path / "b.json"
    second.write_text(json.dumps(export))
    _, text, _ = run(capsys, "audit", "--server", str(first), "--server", str(second))
    full = "a.example.com user 7 (u@example.org), b.example.com user 7 (u@example.org)"
    assert text.count(full) == 1
    assert (
        "  a.example.com user 7 (u@example.org) and the rest, listed above (takes a seat)\n" in text
    )


# --- issue 21: bounded reads, standard input ---------------------------------------------


def _capped(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command under a 3 GiB address-space cap, so a regression cannot take the machine."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))

    return subprocess.run(
        [sys.executable, "-m", "ghlicense", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=cap,
    )


@pytest.mark.parametrize("limit", [["--max-file-size", "64"], []])
def test_error_an_endless_device_stops_at_the_limit(limit: list[str]) -> None:
    """/dev/zero is read up to the limit and refused, within a 3 GiB address space."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    done = _capped("audit", "--cloud", "/dev/zero", *limit)
    mib = int(limit[1]) if limit else 2048
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"ghlicense: /dev/zero: the file is larger than the limit of {mib:,} MiB "
        f"({mib * 2**20:,} bytes); no license file is that large: check that this is the right "
        "file, or raise the limit with --max-file-size MIB.\n"
    )


def test_error_a_regular_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    """A regular file larger than the limit is refused from its size, with the same message."""
    big = tmp_path / "big.csv"
    with big.open("wb") as stream:
        stream.truncate(2**20 + 1)
    done = _capped("audit", "--cloud", str(big), "--max-file-size", "1")
    assert done.returncode == 1
    assert done.stderr == (
        f"ghlicense: {big}: the file is larger than the limit of 1 MiB (1,048,576 bytes); no "
        "license file is that large: check that this is the right file, or raise the limit "
        "with --max-file-size MIB.\n"
    )


def test_standard_input_and_process_substitution_audit_as_the_file() -> None:
    """`--cloud -` and `--cloud <(cat FILE)` give the same report as the file."""
    by_file = command("audit", "--cloud", str(CLOUD_CSV), "--format", "json")
    by_stdin = command("audit", "--cloud", "-", "--format", "json", stdin=CLOUD_CSV.read_bytes())
    shell = subprocess.run(
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m ghlicense audit --cloud <(cat "{CLOUD_CSV}") --format json',
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (by_stdin.returncode, by_stdin.stderr) == (0, "")
    assert (shell.returncode, shell.stderr) == (0, "")

    def unnamed(report: dict[str, object]) -> object:
        persons = report["persons"]
        assert isinstance(persons, list)
        for person in persons:
            for account in person["server_accounts"]:
                account.pop("source")
        return report

    expected = unnamed(json.loads(by_file.stdout))
    assert unnamed(json.loads(by_stdin.stdout)) == expected
    assert unnamed(json.loads(shell.stdout)) == expected
    assert '"source": "<stdin>"' in by_stdin.stdout


def test_error_standard_input_is_named_stdin() -> None:
    """Messages about standard input name it <stdin>."""
    done = command("audit", "--cloud", "-", stdin=b"")
    assert (done.returncode, done.stderr) == (
        1,
        "ghlicense: <stdin>: this is an empty file; pass the file itself.\n",
    )
