"""Near misses: found at high confidence when planted, never for the decoys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from near_miss_world import world


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_near_misses_are_found_and_decoys_are_not(seed: int) -> None:
    """At least 95% of planted near misses at high confidence; at most 5% false among them.

    Seeds 1 and 2 were looked at while the evidence weights were set; seed 3 was not.
    """
    made = world(600, seed)
    high = [f for f in made.audit.findings if f.level == "high"]
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
    high = [f for f in made.audit.findings if f.level == "high" and f.fix is not None]
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
    fixes = [f.fix for f in made.audit.findings if f.fix is not None]
    chosen = data.draw(st.lists(st.sampled_from(fixes), unique=True, max_size=12))
    after, summary = what_if(made.audit, chosen)
    assert summary.seats_after <= summary.seats_before == made.audit.total_seats
    if not chosen:
        assert [p.key for p in after.persons] == [p.key for p in made.audit.persons]
        assert after.total_seats == made.audit.total_seats


WORLD = world(200, 6)
