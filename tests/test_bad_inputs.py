"""The bad-input corpus: hundreds of broken files, each with the exact outcome expected.

Files are made by tests/make_bad_inputs.py; the outcomes are in bad_inputs/expected.json
(rewrite with ``pytest --regen-golden`` after a deliberate change, and review the diff).
For every file, strict parsing gives the exact error (or the records), and lenient
parsing gives the good records and the problems set aside. Nothing but a ghlicense
error may escape.
"""

from __future__ import annotations

import json
from pathlib import Path

import ghlicense
from ghlicense import GhlicenseError, ParseErrors

CORPUS = Path(__file__).parent / "bad_inputs"
TRIED: list[int] = []


def _records(value: object) -> int:
    for name in ("rows", "users", "identities", "subscribers", "instances"):
        if hasattr(value, name):
            return len(getattr(value, name))
    raise AssertionError(value)


def outcome(data: bytes, name: str, *, strict: bool) -> str:
    """What ghlicense says of one file, as one comparable string."""
    try:
        parsed = ghlicense.parse_any(data, source=name, host="ghes.example.com", strict=strict)
    except ParseErrors as group:
        return "errors: " + " | ".join(str(e) for e in group.exceptions)
    except GhlicenseError as error:
        return f"error: {error}"
    problems = getattr(parsed.value, "problems", ())
    text = f"{parsed.format}: {_records(parsed.value)} records"
    if problems:
        text += ", set aside: " + " | ".join(str(p) for p in problems)
    return text


def test_bad_inputs(regen: bool) -> None:
    """Every file of the corpus gives exactly its expected outcome, strict and lenient."""
    expected_file = CORPUS / "expected.json"
    files = sorted((CORPUS / "files").iterdir())
    actual = {
        path.name: {
            "strict": outcome(path.read_bytes(), path.name, strict=True),
            "lenient": outcome(path.read_bytes(), path.name, strict=False),
        }
        for path in files
    }
    if regen or not expected_file.exists():
        expected_file.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n")
    expected = json.loads(expected_file.read_text())
    assert actual == expected
    assert len(files) >= 200
    TRIED.append(len(files))
