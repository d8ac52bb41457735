"""Between two reports: who was added or removed, whose seat or accounts changed, and why
the count moved.

A person is followed from one audit to the other by their GHEC login, by the email of a
login that was renamed (said so), and, for persons with no GHEC account, by their
accounts. Verified emails are a set: a reordering is no change. The change in the seat
count is the sum of the changes' seats.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import AccountId, CloudAccount
from ghlicense.matching.audit import Audit, Person
from ghlicense.matching.pipeline import audit
from ghlicense.records.cloud import CloudReport

__all__ = ["Change", "ChangeKind", "ReportDiff", "diff_audits", "diff_reports"]


class ChangeKind(enum.StrEnum):
    """What changed for one person between two audits."""

    ADDED = "added"
    """A person of the new audit only."""
    REMOVED = "removed"
    """A person of the old audit only."""
    JOINED = "joined"
    """An old person whose accounts the new audit gives to another person."""
    RENAMED = "renamed"
    """A GHEC login renamed (followed by its verified email)."""
    LICENSE_TYPE = "license_type"
    """The license type changed (Enterprise, Visual Studio subscription, none)."""
    ACCOUNTS = "accounts"
    """A GHES account or a subscription joined or left the person."""
    EMAILS = "emails"
    """The person's set of verified emails changed."""


@attrs.frozen(kw_only=True)
class Change:
    """One change of one person; ``seats`` is its share of the change in the count."""

    kind: ChangeKind
    person: str
    """The person's key in the new audit (the old one for ``removed`` and ``joined``)."""
    values: tuple[str, ...] = ()
    """What changed, in the kind's order (see the docs): ``renamed``: old, new login;
    ``license_type``: old, new; ``accounts``/``emails``: ``+id`` and ``-id`` items;
    ``joined``: the new person's key."""
    seats: int = 0


@attrs.frozen(kw_only=True)
class ReportDiff:
    """The changes between two audits, and the seats before and after."""

    seats_before: int
    seats_after: int
    changes: tuple[Change, ...] = ()

    @property
    def explained(self) -> int:
        """The sum of the changes' seats: always ``seats_after - seats_before``."""
        return sum(change.seats for change in self.changes)


def _key(person: Person) -> str:
    return person.cloud[0].id if person.cloud else person.key


def _others(person: Person) -> frozenset[AccountId]:
    return frozenset(a.id for a in person.accounts if not isinstance(a, CloudAccount))


def _emails(person: Person) -> frozenset[str]:
    return frozenset(e.strip().lower() for a in person.cloud for e in a.verified_emails)


def _license(person: Person) -> str:
    """The license type: the report's own for a GHEC account, else the recount's."""
    if not person.consumes_seat:
        return "none"
    reported = next((a.license_type for a in person.cloud if a.license_type), None)
    return reported or person.license_type or "none"


def _renames(old: dict[str, Person], new: dict[str, Person]) -> Iterator[tuple[str, str]]:
    """Old and new keys of GHEC logins renamed: not in the other audit, one email shared."""
    gone = {k: p for k, p in old.items() if k not in new and p.cloud}
    if not gone:
        return
    by_email: dict[str, str] = {}
    for key, person in new.items():
        if key not in old and person.cloud:
            for email in _emails(person):
                by_email.setdefault(email, key)
    taken: set[str] = set()
    for key, person in sorted(gone.items()):
        for email in sorted(_emails(person)):
            target = by_email.get(email)
            if target is not None and target not in taken:
                taken.add(target)
                yield key, target
                break


@paused_gc
def diff_audits(old: Audit, new: Audit, /) -> ReportDiff:
    """The changes from *old* to *new*, each with its share of the change in the count."""
    before = {_key(p): p for p in old.persons}
    after = {_key(p): p for p in new.persons}
    renamed = dict(_renames(before, after))
    owner = {a: _key(p) for p in new.persons for a in (*_others(p), *(c.id for c in p.cloud))}
    changes: list[Change] = []
    matched_new: set[str] = set()
    for key, person in sorted(before.items()):
        target = renamed.get(key, key)
        other = after.get(target)
        if other is None:
            accounts = [a.id for a in person.accounts]
            homes = {owner.get(a) for a in accounts}
            if accounts and None not in homes and len(homes) == 1:
                (home,) = homes
                changes.append(
                    Change(
                        kind=ChangeKind.JOINED,
                        person=key,
                        values=(str(home),),
                        seats=-int(person.consumes_seat),
                    )
                )
                continue
            changes.append(
                Change(kind=ChangeKind.REMOVED, person=key, seats=-int(person.consumes_seat))
            )
            continue
        matched_new.add(target)
        changes.extend(_kept(key, target, person, other))
    changes.extend(
        Change(kind=ChangeKind.ADDED, person=key, seats=int(person.consumes_seat))
        for key, person in sorted(after.items())
        if key not in matched_new
    )
    return ReportDiff(
        seats_before=old.total_seats, seats_after=new.total_seats, changes=tuple(changes)
    )


def _kept(key: str, target: str, old: Person, new: Person) -> Iterator[Change]:
    """The changes of a person in both audits; the first change carries the seat's change."""
    if key != target:
        yield Change(
            kind=ChangeKind.RENAMED,
            person=target,
            values=(key.removeprefix("cloud:"), target.removeprefix("cloud:")),
        )
    licenses = (_license(old), _license(new))
    found = [
        (kind, values)
        for kind, changed, values in (
            (ChangeKind.LICENSE_TYPE, licenses[0] != licenses[1], licenses),
            (ChangeKind.ACCOUNTS, _others(old) != _others(new), (_others(old), _others(new))),
            (ChangeKind.EMAILS, _emails(old) != _emails(new), (_emails(old), _emails(new))),
        )
        if changed
    ]
    seats = int(new.consumes_seat) - int(old.consumes_seat)
    if seats and not found:  # a seat taken or given up with nothing else to show for it
        found = [(ChangeKind.LICENSE_TYPE, licenses)]
    for index, (kind, (was, now)) in enumerate(found):
        shown = licenses if kind == ChangeKind.LICENSE_TYPE else _plus_minus(was, now)
        yield Change(kind=kind, person=target, values=shown, seats=seats if index == 0 else 0)


def _plus_minus(was: Iterable[str], now: Iterable[str]) -> tuple[str, ...]:
    was, now = frozenset(was), frozenset(now)
    return (*(f"+{a}" for a in sorted(now - was)), *(f"-{a}" for a in sorted(was - now)))


@paused_gc
def diff_reports(
    old: CloudReport | Sequence[CloudReport], new: CloudReport | Sequence[CloudReport], /
) -> ReportDiff:
    """The changes between two GHEC license reports (CSV or REST, any header spelling)."""
    return diff_audits(audit(cloud=old), audit(cloud=new))
