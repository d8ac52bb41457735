"""Redaction: no email, login, display name or host of the input survives, in any format."""

from __future__ import annotations

from pathlib import Path

import pytest

import ghlicense
from ghlicense.cli import main
from input_secrets import leaks as _leaks
from input_secrets import secrets_of as _secrets

GOLDEN = Path(__file__).parent / "golden"


CASES = [
    ["--example"],
    ["--example", "--what-if-suggested"],
    [
        "--cloud", str(GOLDEN / "vs_emu_unaffiliated_scim" / "cloud.csv"),
        "--identities", str(GOLDEN / "vs_emu_unaffiliated_scim" / "identities.json"),
        "--vs", str(GOLDEN / "vs_emu_unaffiliated_scim" / "vs.csv"),
    ],
    [
        "--cloud", str(GOLDEN / "vs_ghes_only_user_usage_based" / "cloud.csv"),
        "--server", str(GOLDEN / "vs_ghes_only_user_usage_based" / "ghes.json"),
        "--vs", str(GOLDEN / "vs_ghes_only_user_usage_based" / "vs.csv"),
        "--billing", "usage-based",
    ],
]  # fmt: skip


@pytest.mark.parametrize("arguments", CASES)
@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_no_secret_survives(
    arguments: list[str], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every format of a redacted report holds none of the input's secrets."""
    assert main(["audit", *arguments, "--format", "json"]) == 0
    plain = capsys.readouterr().out
    assert main(["audit", *arguments, "--format", fmt, "--redact", "--redact-key", "k"]) == 0
    redacted = capsys.readouterr().out
    if "--example" in arguments:
        secrets = _secrets(ghlicense.example())
    else:
        cloud = next(a for a in arguments if a.endswith("cloud.csv"))
        secrets = _secrets(
            ghlicense.audit(cloud=ghlicense.parse_cloud_report(Path(cloud).read_bytes()))
        )
        secrets |= {
            "hubot@example.net",
            "bob@example.com",
            "ghes.example.com",
            "example.net",
            "example.com",
        }
    assert len(secrets) > 5
    assert _leaks(plain, secrets)  # the plain report does show them
    assert _leaks(redacted, secrets) == []


def test_pseudonyms_are_stable() -> None:
    """The same value gives the same pseudonym, in any case; another key, another one."""
    p, q = ghlicense.Pseudonyms(b"a"), ghlicense.Pseudonyms(b"b")
    assert p.email("Ada@Example.com") == p.email("ada@example.com") != q.email("ada@example.com")
    assert p.account("cloud:Ada") == p.account("cloud:ada") == f"cloud:{p.login('ada')}"
    assert p.account("server:GHES.example.com:7") == f"server:{p.host('ghes.example.com')}:7"
    redacted = ghlicense.redact(ghlicense.example(), key=b"a")
    assert redacted.total_seats == ghlicense.example().total_seats
    assert len(redacted.findings) == len(ghlicense.example().findings)
