"""A synthetic enterprise of thousands of persons is reproduced exactly."""

from __future__ import annotations

import pytest

from ghlicense import (
    DEFAULT_MATCHERS,
    Miss,
    Pipeline,
    VerifiedEmailMatcher,
    audit,
    parse_cloud_report,
    parse_identities,
    parse_server_export,
    parse_visual_studio,
)
from synthetic import generate

STRICT = Pipeline(m for m in DEFAULT_MATCHERS if m.name != "github_report")


@pytest.mark.parametrize(
    ("n", "seed", "pipeline"), [(3000, 1, None), (500, 2, None), (3000, 3, STRICT)]
)
def test_synthetic_enterprise_is_reproduced_exactly(
    n: int, seed: int, pipeline: Pipeline | None
) -> None:
    """Every person of the ground truth, and only those, with the right seat count.

    With ``STRICT`` (no ``github_report`` matcher) the matchers alone re-derive GitHub's
    grouping, which the report's server-id column also carries.
    """
    world = generate(n, seed)
    result = audit(
        pipeline=pipeline,
        cloud=parse_cloud_report(world.cloud_csv),
        servers=[parse_server_export(text, source=host) for host, text in world.exports.items()],
        identities=[parse_identities(world.identities)],
        visual_studio=[parse_visual_studio(world.visual_studio_csv)],
    )
    found = frozenset(frozenset(a.id for a in person.accounts) for person in result.persons)
    assert found == world.persons
    assert result.total_seats == world.seats
    by_type = result.seats_by_license_type
    assert by_type.get("Visual Studio subscription", 0) == world.visual_studio_seats
    assert by_type.get("Enterprise", 0) == world.seats - world.visual_studio_seats
    assert not result.disagreements
    assert not result.notes


def test_synthetic_enterprise_on_usage_based_billing() -> None:
    """On usage-based billing a GHES-only subscriber is two persons: a seat, an unused subscription."""
    world = generate(1500, 4)
    result = audit(
        cloud=parse_cloud_report(world.cloud_csv),
        servers=[parse_server_export(text, source=host) for host, text in world.exports.items()],
        identities=[parse_identities(world.identities)],
        visual_studio=[parse_visual_studio(world.visual_studio_csv)],
        billing="usage-based",
    )
    ghes_only = [
        person
        for person in world.persons
        if any(a.startswith("vs:") for a in person)
        and not any(a.startswith("cloud:") for a in person)
        and any(a.startswith("server:") for a in person)
    ]
    assert ghes_only
    found = frozenset(frozenset(a.id for a in person.accounts) for person in result.persons)
    for person in ghes_only:
        assert person not in found
        assert frozenset(a for a in person if a.startswith("vs:")) in found
        assert frozenset(a for a in person if not a.startswith("vs:")) in found
    assert result.total_seats == world.seats
    assert result.seats_by_license_type["Visual Studio subscription"] == (
        world.visual_studio_seats - len(ghes_only)
    )


class _Public:
    """A built-in matcher seen only through its public ``match`` (as a user's own is)."""

    def __init__(self, matcher: object) -> None:
        self.matcher = matcher
        self.name = matcher.name  # type: ignore[attr-defined]

    def match(self, enterprise, pending):  # type: ignore[no-untyped-def]
        return self.matcher.match(enterprise, pending)  # type: ignore[attr-defined]


def test_built_in_matchers_give_the_same_audit_through_their_public_match() -> None:
    """The pipeline takes the built-in matchers' misses as codes, made records only for
    persons without a GHEC account; through ``match`` every miss is a record at once.
    Both give equal persons, links and misses (a subclass that overrides ``match`` goes
    through ``match`` too)."""
    world = generate(3000, 4)
    inputs = {
        "cloud": parse_cloud_report(world.cloud_csv),
        "servers": [parse_server_export(t, source=h) for h, t in world.exports.items()],
        "identities": [parse_identities(world.identities)],
        "visual_studio": [parse_visual_studio(world.visual_studio_csv)],
    }
    fast = audit(**inputs)  # type: ignore[arg-type]
    public = audit(**inputs, pipeline=Pipeline(map(_Public, DEFAULT_MATCHERS)))  # type: ignore[arg-type]
    assert fast.persons == public.persons
    assert fast.links == public.links
    assert sum(len(p.misses) for p in fast.persons) > 1000
    assert all(isinstance(m, Miss) for p in fast.persons for m in p.misses)

    class Refusing(VerifiedEmailMatcher):
        def match(self, enterprise, pending, /):  # type: ignore[no-untyped-def]
            return iter(())

    matchers = [Refusing() if m.name == "verified_email" else m for m in DEFAULT_MATCHERS]
    refused = audit(**inputs, pipeline=Pipeline(matchers))  # type: ignore[arg-type]
    assert "verified_email" not in {link.matcher for link in refused.links}
    assert "verified_email" in {link.matcher for link in fast.links}
