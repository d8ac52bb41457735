"""Near misses: found at high confidence when planted, never for the decoys."""

from __future__ import annotations

import pytest

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
