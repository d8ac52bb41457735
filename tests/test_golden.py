"""Golden cases: each folder of tests/golden is a small enterprise and the JSON report it gives.

Run ``pytest --regen-golden`` to rewrite expected.json after a deliberate change, then
review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ghlicense.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())


def _arguments(case: Path) -> list[str]:
    arguments = ["audit", "--format", "json"]
    for name in ("cloud.csv", "cloud.json"):
        if (case / name).exists():
            arguments += ["--cloud", name]
    for server in sorted(case.glob("ghes*.json")):
        arguments += ["--server", server.name]
    extra = case / "args.txt"
    if extra.exists():
        arguments += extra.read_text().split()
    return arguments


@pytest.mark.parametrize("name", CASES)
def test_golden(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], regen: bool
) -> None:
    """The JSON report of each golden case equals its reviewed expected.json."""
    case = GOLDEN / name
    monkeypatch.chdir(case)
    status = main(_arguments(case))
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    expected_file = case / "expected.json"
    if regen or not expected_file.exists():
        expected_file.write_text(out)
    assert json.loads(out) == json.loads(expected_file.read_text())


def test_header_spellings_agree() -> None:
    """The three header spellings of the same report give the same persons."""
    reports = [
        json.loads((GOLDEN / name / "expected.json").read_text())
        for name in ("header_snake_case", "header_humanized", "header_data_residency")
    ]
    assert reports[0]["persons"] == reports[1]["persons"] == reports[2]["persons"]
    assert reports[0]["summary"]["total_seats"] == 4
