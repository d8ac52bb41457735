"""The result of matching: persons, their seats, and why."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from ghlicense.errors import ParseError
from ghlicense.matching.accounts import (
    Account,
    CloudAccount,
    Invitation,
    ServerAccount,
    Unplaced,
    VisualStudioSubscription,
)
from ghlicense.matching.enterprise import Enterprise
from ghlicense.matching.links import Disagreement, Link, Miss, Note

if TYPE_CHECKING:
    import pandas as pd

    from ghlicense.findings.checks import CheckSettings
    from ghlicense.findings.records import Finding
    from ghlicense.findings.what_if import WhatIf

__all__ = ["ENTERPRISE", "VISUAL_STUDIO", "Audit", "Person"]

ENTERPRISE = "Enterprise"
VISUAL_STUDIO = "Visual Studio subscription"
CLOUD_DEPLOYMENT = "github.com"


@attrs.frozen(kw_only=True)
class Person:
    """One person: the accounts GitHub counts as one, and the seat they take."""

    key: str
    """A stable id: the first of the person's account ids."""
    cloud: tuple[CloudAccount, ...] = ()
    server: tuple[ServerAccount, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    subscriptions: tuple[VisualStudioSubscription, ...] = ()
    links: tuple[Link, ...] = ()
    misses: tuple[Miss, ...] = ()
    """Why accounts of this person were not joined to a GHEC account."""
    consumes_seat: bool = False
    license_type: str | None = None

    def _repr_html_(self) -> str:
        """A notebook's view: the person's accounts, seat and explanation."""
        from ghlicense.reports.notebook import person_html  # noqa: PLC0415 - a cycle

        return person_html(self)

    @property
    def accounts(self) -> tuple[Account, ...]:
        """Every account of the person."""
        return (*self.cloud, *self.server, *self.invitations, *self.subscriptions)

    @property
    def cloud_login(self) -> str | None:
        """The person's GHEC login, if they have a GHEC account."""
        return self.cloud[0].login if self.cloud else None

    matched_by: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """The names of the matchers whose links joined the person, sorted."""
    deployments: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """``github.com`` and the GHES hosts the person has (active) accounts on."""

    @matched_by.default
    def _matched_by(self) -> tuple[str, ...]:
        if len(self.links) < 2:  # most persons: no sorting needed
            return (self.links[0].matcher,) if self.links else ()
        return tuple(sorted({link.matcher for link in self.links}))

    @deployments.default
    def _deployments(self) -> tuple[str, ...]:
        cloud = (CLOUD_DEPLOYMENT,) if self.cloud or self.invitations else ()
        server = self.server
        if not server:
            return cloud
        if len(server) == 1:  # most persons with a GHES account
            return cloud if server[0].suspended else (*cloud, server[0].host_label)
        return cloud + tuple(sorted({a.host_label for a in server if not a.suspended}))


class Findings(tuple["Finding", ...]):
    """The findings of an audit: a tuple, shown as a table in a notebook."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from ghlicense.reports.notebook import findings_html  # noqa: PLC0415 - a cycle

        return findings_html(self)


@attrs.frozen(kw_only=True)
class Audit:
    """Everything ghlicense worked out about an enterprise's seats."""

    persons: tuple[Person, ...]
    links: tuple[Link, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    notes: tuple[Note, ...] = ()
    """Inconsistencies of the inputs (``str(note)`` is the sentence)."""
    disagreements: tuple[Disagreement, ...] = ()
    """Accounts GitHub's report groups differently from the recount."""
    problems: tuple[ParseError, ...] = ()
    """Input problems set aside (only when parsed with ``strict=False``)."""
    matchers: tuple[str, ...] = ()
    enterprise: Enterprise = attrs.field(factory=Enterprise, repr=False, eq=False)
    check_settings: CheckSettings | None = attrs.field(default=None, repr=False, eq=False)
    """What the troubleshooting checks need beyond the audit (verified domains, the sync
    status, the date): see :func:`~ghlicense.find_checks`."""
    given_findings: tuple[Finding, ...] | None = attrs.field(default=None, repr=False, eq=False)
    """Findings worked out elsewhere (a redacted audit's, made on the real values): when
    set, :attr:`Audit.findings` is these."""
    what_if: WhatIf | None = attrs.field(default=None, repr=False, eq=False)
    """When this audit is a recount with fixes applied (:func:`~ghlicense.what_if`): what
    changed."""

    def __repr__(self) -> str:
        """Short, however large the audit: the counts, not the records."""
        return (
            f"<Audit: {self.total_seats:,} seats, {len(self.persons):,} persons, "
            f"{len(self.unmatched):,} matched to no GHEC account"
            + (", partial" if self.partial else "")
            + ">"
        )

    def to_pandas(self) -> pd.DataFrame:
        """The persons as a pandas DataFrame, one row each (needs ``ghlicense[pandas]``)."""
        from ghlicense.reports.frames import persons_frame  # noqa: PLC0415 - a cycle

        return persons_frame(self)

    def findings_to_pandas(self) -> pd.DataFrame:
        """The findings as a pandas DataFrame (needs ``ghlicense[pandas]``)."""
        from ghlicense.reports.frames import findings_frame  # noqa: PLC0415 - a cycle

        return findings_frame(self)

    def _repr_html_(self) -> str:
        """A notebook's view: the totals and the first persons (kept small)."""
        from ghlicense.reports.notebook import audit_html  # noqa: PLC0415 - a cycle

        return audit_html(self)

    @functools.cached_property
    def findings(self) -> Findings:
        """What to change: the near misses, ranked (:func:`~ghlicense.find_near_misses`
        with the default thresholds), then the troubleshooting checks
        (:func:`~ghlicense.find_checks` with :attr:`check_settings`); worked out when
        first read."""
        from ghlicense.findings.checks import find_checks  # noqa: PLC0415 - a cycle
        from ghlicense.findings.near_misses import find_near_misses  # noqa: PLC0415

        if self.given_findings is not None:
            return Findings(self.given_findings)
        return Findings((*find_near_misses(self), *find_checks(self, self.check_settings)))

    @property
    def seats_saved_by_high_confidence_fixes(self) -> int:
        """The seats the fixes of the high-confidence findings would save together."""
        return sum(f.seats_saved for f in self.findings if f.level == "high")

    @property
    def partial(self) -> bool:
        """Whether some input is missing, so the counts may be too low.

        Rows set aside (:attr:`problems`), or a cloud report holding fewer rows than
        GitHub's own count of seats consumed (:attr:`missing_cloud_rows`: pages missing).
        """
        return bool(self.problems) or self.missing_cloud_rows > 0

    @property
    def github_seats_consumed(self) -> int | None:
        """GitHub's own count of seats consumed, where the cloud report carries it (REST)."""
        return self.enterprise.github_seats_consumed

    @property
    def github_seats_purchased(self) -> int | None:
        """GitHub's own count of seats purchased, where the cloud report carries it (REST)."""
        return self.enterprise.github_seats_purchased

    @property
    def missing_cloud_rows(self) -> int:
        """How many of GitHub's consumed seats the cloud report's files do not hold.

        Zero unless the report carries GitHub's total and its files hold fewer rows:
        then pages of the REST report are missing.
        """
        consumed, held = self.enterprise.github_seats_consumed, self.enterprise.cloud_rows
        if consumed is None or held is None:
            return 0
        return max(0, consumed - held)

    @property
    def total_seats(self) -> int:
        """The number of persons who consume a license."""
        return sum(1 for person in self.persons if person.consumes_seat)

    @property
    def seats_by_license_type(self) -> Mapping[str, int]:
        """Seats by license type (``Enterprise``, ``Visual Studio subscription``)."""
        counts = Counter(p.license_type for p in self.persons if p.consumes_seat and p.license_type)
        return dict(sorted(counts.items()))

    @property
    def seats_by_deployment(self) -> Mapping[str, int]:
        """For each deployment, how many seat-consuming persons have an account there."""
        counts = Counter(place for p in self.persons if p.consumes_seat for place in p.deployments)
        return dict(sorted(counts.items()))

    @property
    def multi_deployment(self) -> tuple[Person, ...]:
        """Persons with accounts on more than one deployment (counted once each)."""
        return tuple(p for p in self.persons if len(p.deployments) > 1)

    @property
    def suspended(self) -> tuple[ServerAccount, ...]:
        """Suspended GHES accounts: excluded, they consume no seat."""
        return tuple(a for p in self.persons for a in p.server if a.suspended)

    @property
    def unmatched(self) -> tuple[Person, ...]:
        """Persons with no GHEC account who take a seat or hold a subscription.

        Their accounts matched no GHEC account. Persons made only of excluded accounts
        (suspended GHES accounts) are not among them: see :attr:`suspended`.
        """
        return tuple(
            p for p in self.persons if not p.cloud and (p.consumes_seat or p.subscriptions)
        )

    @property
    def without_seat(self) -> Mapping[str, int]:
        """Persons who take no seat, by why: the difference between persons and seats.

        ``suspended`` (only suspended GHES accounts), ``billing manager or guest`` (GHEC
        accounts whose roles take no license), ``unused subscription`` (a Visual Studio
        subscription matched to no one), ``invitation`` (a pending invitation that
        takes no seat).
        """
        counts: Counter[str] = Counter()
        for person in self.persons:
            if not person.consumes_seat:
                counts[_why_no_seat(person)] += 1
        return dict(sorted(counts.items()))


def _why_no_seat(person: Person) -> str:
    if person.cloud:
        return "billing manager or guest"
    if person.subscriptions:
        return "unused subscription"
    if person.server and all(account.suspended for account in person.server):
        return "suspended"
    if person.invitations:
        return "invitation"
    return "other"
