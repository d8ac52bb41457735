"""Near misses: found at high confidence when planted, never for the decoys."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import cloud_csv
from ghlicense import (
    Audit,
    Finding,
    audit,
    parse_cloud_csv,
    parse_server_export,
    parse_visual_studio,
)
from near_miss_world import world


def _near(result: Audit) -> tuple[Finding, ...]:
    """The near misses among the findings (the checks come after them)."""
    return tuple(f for f in result.findings if f.kind == "near_miss")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_near_misses_are_found_and_decoys_are_not(seed: int) -> None:
    """At least 95% of planted near misses at high confidence; at most 5% false among them.

    Seeds 1 and 2 were looked at while the evidence weights were set; seed 3 was not.
    """
    made = world(600, seed)
    high = [f for f in _near(made.audit) if f.level == "high"]
    found: dict[str, str] = {f.accounts[0]: f.accounts[1] for f in high}
    recall = sum(found.get(a) == c for a, c in made.truth.items()) / len(made.truth)
    false = [f for f in high if made.truth.get(f.accounts[0]) != f.accounts[1]]
    print(f"seed {seed}: recall {recall:.1%}, false {len(false)} of {len(high)} high")
    assert recall >= 0.95
    assert len(false) <= 0.05 * len(high)
    assert not [f for f in high if f.accounts[0] in made.decoys]


def test_what_if_suggested_reaches_the_planted_truth() -> None:
    """Applying every high-confidence fix joins the planted accounts: the truth's seats."""
    from ghlicense import what_if

    made = world(400, 5)
    high = [f for f in _near(made.audit) if f.level == "high" and f.fix is not None]
    after, summary = what_if(made.audit, [f.fix for f in high if f.fix is not None])
    missed = sum(
        1
        for account, cloud in made.truth.items()
        if account.startswith("server:") and not any(f.accounts == (account, cloud) for f in high)
    )
    print(
        f"seats: {summary.seats_before} before, {summary.seats_after} after, truth "
        f"{made.seats_after_fixes}, planted not found {missed}"
    )
    assert summary.seats_after == after.total_seats == made.seats_after_fixes + missed
    assert missed <= 0.05 * len(made.truth)
    assert not summary.not_applied


@settings(max_examples=25)
@given(st.data())
def test_a_fix_never_raises_the_seat_count(data: st.DataObject) -> None:
    """Applying any of the suggested fixes never raises the count; applying none changes nothing."""
    from ghlicense import what_if

    made = WORLD
    fixes = [f.fix for f in _near(made.audit) if f.fix is not None]
    chosen = data.draw(st.lists(st.sampled_from(fixes), unique=True, max_size=12))
    after, summary = what_if(made.audit, chosen)
    assert summary.seats_after <= summary.seats_before == made.audit.total_seats
    if not chosen:
        assert [p.key for p in after.persons] == [p.key for p in made.audit.persons]
        assert after.total_seats == made.audit.total_seats


WORLD = world(200, 6)


def _enterprise(
    members: list[tuple[str, str, str]], ghes: list[tuple[int, str, str, str]], vs: str = ""
) -> Audit:
    """GHEC members (login, name, verified email) and GHES-only users (id, login, name, email)."""
    rows = [
        {
            "github_com_login": login,
            "github_com_name": name,
            "github_com_verified_domain_emails": email,
        }
        for login, name, email in members
    ]
    export = json.dumps(
        {
            "instance": {"host_name": "ghes.example.com"},
            "users": [
                {"user_id": uid, "login": login, "profile_name": name,
                 "emails": [{"email": email, "primary": True}]}
                for uid, login, name, email in ghes
            ],
        }
    )  # fmt: skip
    return audit(
        cloud=parse_cloud_csv(cloud_csv(rows)),
        servers=[parse_server_export(export)],
        visual_studio=[parse_visual_studio("Subscriber Name,Email\n" + vs)] if vs else [],
    )


def _levels(result: Audit) -> dict[str, tuple[str, str]]:
    return {f.accounts[0]: (f.accounts[1], f.level) for f in _near(result)}


S = "server:ghes.example.com:"


@pytest.mark.parametrize(
    ("ghes", "expected"),
    [
        # the same local part on an old domain, the same name: high
        ((7, "u7", "Grace Hopper", "grace.hopper@old.example.org"), ("cloud:ghopper", "high")),
        # dots and a +tag on the same domain: high on its own
        ((7, "u7", "", "grace.hopper+ghes@example.com"), ("cloud:ghopper", "high")),
        # a transposition in a long local part, the same name: high
        ((7, "u7", "Grace Hopper", "gracehoppre@example.com"), ("cloud:ghopper", "high")),
        # the same login and name, a personal address: high
        ((7, "ghopper", "Grace Hopper", "gh1906@home.example.net"), ("cloud:ghopper", "high")),
        # decoy: the same local part, another person's name
        ((7, "u7", "Grace Kelly", "gracehopper@old.example.org"), ("cloud:ghopper", "low")),
        # decoy: a typo away, but another first name
        ((7, "u7", "Bruce Hopper", "brucehopper@example.com"), None),
        # decoy: a short, generic local part
        ((7, "u7", "Build Robot", "admin@example.org"), None),
    ],
)
def test_each_kind_of_evidence(
    ghes: tuple[int, str, str, str], expected: tuple[str, str] | None
) -> None:
    """Each kind of evidence finds its case at high confidence, and its decoy not."""
    result = _enterprise(
        [
            ("ghopper", "Grace Hopper", "gracehopper@example.com"),
            ("admin-x", "Ada Min", "admin@example.com"),
        ],
        [ghes],
    )
    assert _levels(result).get(f"{S}7") == expected


def test_a_common_name_already_on_the_instance_is_not_proposed() -> None:
    """Two Alex Smiths on GHEC, one already on the instance: no high suggestion."""
    result = _enterprise(
        [
            ("asmith", "Alex Smith", "alex.smith@example.com"),
            ("asmith2", "Alex Smith", "asmith2@example.com"),
        ],
        [
            (7, "u7", "Alex Smith", "alexsmith@home.example.net"),
            (8, "asmith2", "Alex Smith", "asmith2@example.com"),
        ],
    )
    assert all(level != "high" for _, level in _levels(result).values())


def test_an_initial_that_fits_two_names_both() -> None:
    """A. Kumar fits Anil and Asha Kumar: never high; with more evidence, both are named."""
    result = _enterprise(
        [("anil", "Anil Kumar", "anil@example.com"), ("asha", "Asha Kumar", "asha@example.com")],
        [(7, "u7", "A. Kumar", "akumar@home.example.net")],
    )
    assert _near(result) == ()  # an initial and a surname two persons carry: no suggestion
    result = _enterprise(
        [
            ("anil", "Anil Kumar", "akumar@example.com"),
            ("asha", "Asha Kumar", "akumar@example.org"),
        ],
        [(7, "u7", "A. Kumar", "akumar@home.example.net")],
    )
    (finding,) = _near(result)
    assert finding.level != "high"
    (several,) = [e for e in finding.evidence if e.kind == "several_candidates"]
    assert several.values == ("cloud:asha",)


def test_a_subscription_on_a_personal_address() -> None:
    """A subscription assigned to a personal address, with the member's name: its UPN fix."""
    result = _enterprise(
        [("ghopper", "Grace Hopper", "gracehopper@example.com")],
        [],
        vs="Grace Hopper,grace.hopper@personal.example.net\n",
    )
    (finding,) = _near(result)
    assert (finding.level, finding.accounts) == (
        "high",
        ("vs:grace.hopper@personal.example.net", "cloud:ghopper"),
    )
    assert finding.fix is not None
    assert finding.fix.sentence == (
        "change the Visual Studio subscriber vs:grace.hopper@personal.example.net to the UPN "
        "gracehopper@example.com (verified on GHEC)"
    )


@given(st.text())
def test_name_words_fast_path_gives_the_regex_words(name: str) -> None:
    """Names of letters and spaces skip the regex; every name gets the same words."""
    from ghlicense.findings.near_misses import _WORDS, _name_words

    assert _name_words(name) == (tuple(_WORDS.findall(name.lower())) if name else ())


@given(st.text(alphabet=st.sampled_from("ab._-+@ \u00e9")))
def test_separators_are_dropped_as_translate_would(text: str) -> None:
    """The index's keys drop ``.``, ``_``, ``-`` exactly as ``str.translate`` would."""
    from ghlicense.findings.near_misses import _bare

    assert _bare(text) == text.translate(str.maketrans("", "", "._-"))


def test_a_generic_local_part_or_login_is_said_to_weigh_less() -> None:
    """``admin`` and ``ci`` weigh less (x 0.3), and the finding says why."""
    result = _enterprise(
        [("admin-x", "Ada Min", "admin@example.com"), ("ci", "Cid Ingram", "cid@example.com")],
        [
            (16, "u16", "Ada Min", "admin@old.example.org"),
            (17, "ci", "Cid Ingram", "builds@example.net"),
        ],
    )
    said = {str(f.accounts[0]): [e.sentence for e in f.evidence] for f in _near(result)}
    assert said[f"{S}16"] == [
        "admin@old.example.org and admin@example.com have the same local part once case, "
        "+tags and the separators . _ - are set aside",
        "against: the local part of admin@old.example.org is short or generic, so what it "
        "shares weighs less",
        "both are named ada min",
    ]
    assert said[f"{S}17"] == [
        "the GHES login ci is the GHEC login or the local part of ci",
        "against: the login ci is short or generic, so what it shares weighs less",
        "both are named cid ingram",
    ]
    weights = {str(e.kind): e.weight for f in _near(result) for e in f.evidence}
    assert weights["generic_local_part"] == 0.0
