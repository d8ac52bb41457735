"""What-if: fixes applied in memory, and every fix that cannot be applied refused exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import run
from ghlicense import AccountId, Audit, Fix, FixError, FixKind, parse_fixes, what_if
from ghlicense.cli import main

H = "ghes.example.com"


def _audit() -> Audit:
    return run(
        [{"github_com_login": "ada", "github_com_verified_domain_emails": "ada@example.com"}],
        {H: [(3, "ada.home@example.net")]},
    )


def test_a_fix_joins_and_saves_a_seat() -> None:
    """Setting the GHES primary email to the verified one joins the two: one seat fewer."""
    fix = Fix(
        kind=FixKind.SET_GHES_PRIMARY_EMAIL,
        account=AccountId(f"server:{H}:3"),
        email="ada@example.com",
    )
    before = _audit()
    after, summary = what_if(before, [fix])
    assert (summary.seats_before, summary.seats_after, summary.applied) == (2, 1, (fix,))
    assert after.what_if == summary
    assert before.total_seats == 2  # the audit given is untouched


def test_adding_a_verified_email_joins() -> None:
    """Adding the GHES address to the GHEC account joins them too."""
    fix = Fix(
        kind=FixKind.ADD_VERIFIED_EMAIL,
        account=AccountId("cloud:ada"),
        email="ada.home@example.net",
    )
    _, summary = what_if(_audit(), [fix])
    assert (summary.seats_after, summary.applied) == (1, (fix,))


def test_a_fix_that_joins_nothing_is_said() -> None:
    """A fix that changes nothing in the recount is listed with why."""
    fix = Fix(
        kind=FixKind.SET_GHES_PRIMARY_EMAIL,
        account=AccountId(f"server:{H}:3"),
        email="nobody@example.com",
    )
    _, summary = what_if(_audit(), [fix])
    assert summary.not_applied == ((fix, "the recount joins no further account to a GHEC person"),)
    assert summary.seats_after == 2


@pytest.mark.parametrize(
    ("fixes", "message"),
    [
        (
            [
                Fix(
                    kind=FixKind.SET_GHES_PRIMARY_EMAIL,
                    account=AccountId("server:h:9"),
                    email="a@example.com",
                )
            ],
            "the fix 'set the primary email of server:h:9 to a@example.com (verified on GHEC)' "
            "names server:h:9, which is not an account of these inputs; check the account id "
            "(cloud:LOGIN, server:HOST:ID or vs:UPN).",
        ),
        (
            [
                Fix(
                    kind=FixKind.ADD_VERIFIED_EMAIL,
                    account=AccountId(f"server:{H}:3"),
                    email="a@example.com",
                )
            ],
            f"the fix 'add and verify a@example.com on server:{H}:3' is of kind "
            f"add_verified_email, which changes a cloud account, not server:{H}:3.",
        ),
        (
            [Fix(kind=FixKind.ADD_VERIFIED_EMAIL, account=AccountId("cloud:ada"), email="ada@")],
            "the fix 'add and verify ada@ on cloud:ada' gives 'ada@': "
            "'ada@' is not an email address: there must be something after the @-sign.",
        ),
        (
            [
                Fix(
                    kind=FixKind.SET_GHES_PRIMARY_EMAIL,
                    account=AccountId(f"server:{H}:3"),
                    email="a@example.com",
                ),
                Fix(
                    kind=FixKind.SET_GHES_PRIMARY_EMAIL,
                    account=AccountId(f"server:{H}:3"),
                    email="b@example.com",
                ),
            ],
            f"two fixes contradict each other: 'set the primary email of server:{H}:3 to "
            f"a@example.com (verified on GHEC)' and 'set the primary email of server:{H}:3 to "
            "b@example.com (verified on GHEC)'; keep one of them.",
        ),
    ],
)
def test_error_fixes_that_cannot_apply(fixes: list[Fix], message: str) -> None:
    """A fix that names no account, the wrong kind of account, a bad email, or contradicts."""
    with pytest.raises(FixError) as caught:
        what_if(_audit(), fixes)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[{", "f.json:1:3: the file is not valid JSON; expected a list of fixes."),
        (
            '{"x": 1}',
            'f.json: expected a list of fixes ({"kind", "account", "email"}), or an object with \'fixes\' or \'findings\'.',
        ),
        (
            '[{"kind": "merge", "account": "a", "email": "e"}]',
            "f.json: at /0/kind: 'merge' is not a fix kind (set_ghes_primary_email, add_verified_email, set_subscriber_upn).",
        ),
        (
            '[{"kind": "add_verified_email"}]',
            "f.json: at /0: a fix needs 'account' and 'email' as texts.",
        ),
        ("[3]", "f.json: at /0: a fix should be an object."),
    ],
)
def test_error_fix_files(text: str, message: str) -> None:
    """A fixes file that cannot be read says where and why."""
    with pytest.raises(FixError) as caught:
        parse_fixes(text, source="f.json")
    assert str(caught.value) == message


def test_fixes_from_a_report_are_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A JSON report's findings are a fixes file: the command line recounts with them."""
    assert main(["audit", "--example", "--format", "json"]) == 0
    report = capsys.readouterr().out
    saved = tmp_path / "report.json"
    saved.write_text(report)
    findings = json.loads(report)["findings"]
    assert len(parse_fixes(report)) == sum(1 for f in findings if f["fix"]) == 3
    assert main(["audit", "--example", "--format", "json", "--what-if", str(saved)]) == 0
    recount = json.loads(capsys.readouterr().out)
    assert recount["what_if"]["seats_before"] == 35
    assert recount["what_if"]["seats_after"] == recount["summary"]["total_seats"] == 32
    assert len(recount["what_if"]["applied"]) == 3
    assert main(["audit", "--example", "--what-if-suggested"]) == 0
    assert capsys.readouterr().out.startswith(
        "WHAT-IF: a recount in memory with 3 fix(es) applied: seats 35 before, 32 after; "
        "nothing was changed anywhere.\nGitHub's report counts 37 seat(s); the recount finds "
        "32.\nSeats: 32 (persons: 34)\n"
    )


def test_error_a_bad_fix_through_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A fix naming no account is an input error (exit 1), not a silent skip."""
    fixes = tmp_path / "fixes.json"
    fixes.write_text(
        '[{"kind": "add_verified_email", "account": "cloud:nobody", "email": "n@example.com"}]'
    )
    assert main(["audit", "--example", "--what-if", str(fixes)]) == 1
    assert capsys.readouterr().err == (
        "ghlicense: the fix 'add and verify n@example.com on cloud:nobody' names cloud:nobody, "
        "which is not an account of these inputs; check the account id (cloud:LOGIN, "
        "server:HOST:ID or vs:UPN).\n"
    )
