"""Running the matchers in order and grouping accounts into persons (disjoint sets)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING

import attrs

from ghlicense.errors import MatchConfigError, ParseError
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import (
    Account,
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    VisualStudioSubscription,
)
from ghlicense.matching.audit import ENTERPRISE, VISUAL_STUDIO, Audit, Person
from ghlicense.matching.cloud_parts import cloud_parts
from ghlicense.matching.enterprise import Billing, Enterprise, collect_enterprise
from ghlicense.matching.links import Link, Miss, Note
from ghlicense.matching.matchers import (
    InvitationMatcher,
    Matcher,
    MissCode,
    ReportGroupingMatcher,
    SamlAttributeMatcher,
    ScimMatcher,
    VerifiedEmailMatcher,
    VisualStudioServerMatcher,
    VisualStudioUpnMatcher,
    as_miss,
    miss_code,
)
from ghlicense.matching.reconcile import disagreements
from ghlicense.records.cloud import CloudReport
from ghlicense.records.identities import IdentitySet
from ghlicense.records.server import ServerExport
from ghlicense.records.visual_studio import VisualStudioList
from ghlicense.sentences import MissKind, NoteKind

if TYPE_CHECKING:
    from ghlicense.findings.checks import CheckSettings

__all__ = ["DEFAULT_MATCHERS", "SAME_PRIMARY_EMAIL", "Pipeline", "audit"]

_ID = operator.attrgetter("id")

SAME_PRIMARY_EMAIL = "same_primary_email"
"""The name on links between GHES accounts that share a primary email (rule 6)."""

DEFAULT_MATCHERS: tuple[Matcher, ...] = (
    SamlAttributeMatcher(),
    ScimMatcher(),
    VerifiedEmailMatcher(),
    InvitationMatcher(),
    VisualStudioUpnMatcher(),
    ReportGroupingMatcher(),
    VisualStudioServerMatcher(),
)
"""GitHub's order: SAML, SCIM, verified email, invitations, Visual Studio, the report's
own grouping, then the rule for GHES-only Visual Studio subscribers."""

_BUILT_IN = frozenset(type(matcher) for matcher in DEFAULT_MATCHERS)
"""The built-in matchers' classes: the pipeline takes their misses as codes (a subclass
may override ``match``, so only these exact classes)."""

_Misses = dict[AccountId, list[Miss | MissCode]]
"""Why each account not (yet) joined to a GHEC account was not joined."""


def _check_matchers(_: object, __: object, matchers: tuple[object, ...]) -> None:
    names: set[str] = set()
    for position, matcher in enumerate(matchers, start=1):
        name = getattr(matcher, "name", None)
        if not isinstance(name, str) or not name:
            raise MatchConfigError(
                f"matcher {position} ({type(matcher).__name__}) has no name; give it a "
                "'name' attribute holding a short text."
            )
        if not callable(getattr(matcher, "match", None)):
            raise MatchConfigError(
                f"matcher {name!r} has no 'match' method; a matcher needs "
                "match(enterprise, pending)."
            )
        if name in names or name == SAME_PRIMARY_EMAIL:
            raise MatchConfigError(
                f"two matchers are named {name!r}; every matcher needs a name of its own."
            )
        names.add(name)


def _as_tuple(matchers: Iterable[Matcher]) -> tuple[Matcher, ...]:
    return tuple(matchers)


class _Group:
    """Accounts found to be one person so far (made when a lone account is first joined
    to another, or linked to itself)."""

    __slots__ = ("cloud", "done", "links", "members")

    def __init__(self, first: Account) -> None:
        self.members: list[Account] = [first]
        self.cloud = isinstance(first, CloudAccount)
        """Whether a GHEC account is among the members."""
        self.links: list[Link] = []
        self.done = False
        """Whether the group has been made a person."""


class _Groups:
    """Accounts in groups: each account's id maps to the account itself while it is
    alone, and to its :class:`_Group` once joined to another.

    Joining two groups moves the smaller one's accounts, so an account moves at most
    log2(n) times, and no lookup ever walks a chain.
    """

    def __init__(self, accounts: Iterable[Account]) -> None:
        self.of: dict[AccountId, Account | _Group] = {account.id: account for account in accounts}
        """Each account's id, in the order given (joining never changes the order)."""

    def has_cloud(self, place: Account | _Group) -> bool:
        """Whether the group (or lone account) holds a GHEC account."""
        return place.cloud if isinstance(place, _Group) else isinstance(place, CloudAccount)

    def group(self, place: Account | _Group) -> _Group:
        """The group of *place*, made for a lone account."""
        if isinstance(place, _Group):
            return place
        group = self.of[place.id] = _Group(place)
        return group

    def join(self, a: Account | _Group, b: Account | _Group) -> Sequence[Account]:
        """Join two different groups or lone accounts (not both with a GHEC account).

        Returns the accounts that joined a group with a GHEC account (none if neither
        side had one).
        """
        if isinstance(a, _Group) and (not isinstance(b, _Group) or len(a.members) > len(b.members)):
            a, b = b, a  # a lone account or the smaller group moves
        staying = self.group(b)
        if isinstance(a, _Group):
            moving: Sequence[Account] = a.members
            moving_cloud = a.cloud
        else:  # a lone account joins without a group of its own
            moving = (a,)
            moving_cloud = isinstance(a, CloudAccount)
        joined: Sequence[Account] = ()
        if moving_cloud:  # the accounts staying join a GHEC account (each only once)
            joined = tuple(staying.members)
        elif staying.cloud:
            joined = moving
        of = self.of
        for account in moving:
            of[account.id] = staying
        staying.members += moving  # in place: a growing group is never copied
        staying.cloud = staying.cloud or moving_cloud
        return joined


@attrs.frozen
class Pipeline:
    """The matchers, run in order, each given only what earlier ones left unmatched.

    >>> names = [m.name for m in Pipeline().matchers]
    >>> names[:4]
    ['saml', 'scim', 'verified_email', 'invitation']
    >>> names[4:]
    ['visual_studio_upn', 'github_report', 'visual_studio_ghes']

    Remove, reorder or add matchers by passing your own sequence.
    """

    matchers: tuple[Matcher, ...] = attrs.field(
        default=DEFAULT_MATCHERS, converter=_as_tuple, validator=_check_matchers
    )

    @paused_gc
    def run(self, enterprise: Enterprise, /, *, problems: Sequence[ParseError] = ()) -> Audit:
        """Match the enterprise's accounts and group them into persons.

        Args:
            enterprise: The accounts, from :func:`~ghlicense.collect_enterprise`.
            problems: Input problems set aside while parsing, carried into the audit.
        """
        # Kinds in the order of their id prefixes (cloud: < invitation: < server: < vs:),
        # each sorted by id: read in this order, every group is first met at its
        # smallest id, which is the key of its person.
        groups = _Groups(
            chain(
                enterprise.cloud,
                enterprise.invitations,
                enterprise.server,
                enterprise.subscriptions,
            )
        )
        of = groups.of
        links: list[Link] = []
        misses: _Misses = {}
        notes = list(enterprise.notes)

        by_email: dict[str, ServerAccount] = {}
        for account in enterprise.server:
            if account.key is None:
                misses[account.id] = [
                    miss_code(
                        account.id, "pipeline", MissKind.EMAIL_UNKNOWN, detail=account.email_note
                    )
                ]
                continue
            first = by_email.setdefault(account.key, account)
            if first is not account:
                groups.join(of[account.id], of[first.id])
                links.append(
                    Link(
                        subject=account.id,
                        target=first.id,
                        matcher=SAME_PRIMARY_EMAIL,
                        attribute="primary email",
                        value=first.primary_email or "",
                        subject_value=account.primary_email or "",
                    )
                )

        # The accounts not yet in a group with a GHEC account, in order.
        others: tuple[Account, ...] = (
            *enterprise.server,
            *enterprise.invitations,
            *enterprise.subscriptions,
        )
        pending: dict[AccountId, Account] = dict(zip(map(_ID, others), others, strict=True))
        for matcher in self.matchers:
            if not pending:
                break
            joined: list[Account] = []  # accounts joined to a GHEC account
            given = tuple(pending.values())
            results: Iterable[Link | Miss | MissCode] = (
                matcher._results(enterprise, given)  # type: ignore[attr-defined]
                if type(matcher) in _BUILT_IN
                else matcher.match(enterprise, given)
            )
            for result in results:
                if isinstance(result, tuple):
                    said = misses.get(result[0])
                    if said is None:
                        misses[result[0]] = [result]
                    else:
                        said.append(result)
                    continue
                if isinstance(result, Miss):
                    misses.setdefault(result.subject, []).append(result)
                    continue
                subject = result.subject
                target = of.get(result.target)
                if subject not in pending or target is None:
                    raise _refusal(matcher.name, result, pending)
                place = of[subject]
                if groups.has_cloud(place) and groups.has_cloud(target):
                    if place is not target:
                        notes.append(
                            Note(
                                kind=NoteKind.MATCH_CONFLICT,
                                subject=subject,
                                values=(matcher.name, subject, result.target),
                            )
                        )
                    continue
                if place is not target:
                    joined += groups.join(place, target)
                links.append(result)
                misses.pop(subject, None)  # reasons it was not matched before
            for gone in joined:  # they leave only now: the matcher was given them all
                del pending[gone.id]

        persons = _persons(groups, links, misses, _Rules(enterprise))
        return Audit(
            persons=persons,
            links=tuple(links),
            disagreements=tuple(disagreements(persons)),
            unplaced=enterprise.unplaced,
            notes=tuple(notes),
            problems=tuple(problems),
            matchers=tuple(m.name for m in self.matchers),
            enterprise=enterprise,
        )


def _refusal(name: str, link: Link, pending: Mapping[AccountId, Account]) -> MatchConfigError:
    if link.subject not in pending:
        return MatchConfigError(
            f"matcher {name!r} linked {link.subject}, which was not among the accounts "
            "it was given to match."
        )
    return MatchConfigError(
        f"matcher {name!r} linked {link.subject} to {link.target}, which is not an "
        "account of this enterprise."
    )


class _Rules:
    """What decides a person's seat besides their accounts: the billing and EMU."""

    __slots__ = ("emu", "usage_based")

    def __init__(self, enterprise: Enterprise) -> None:
        self.usage_based = enterprise.billing == "usage-based"
        self.emu = enterprise.emu


def _persons(
    groups: _Groups,
    links: list[Link],
    misses: _Misses,
    rules: _Rules,
) -> tuple[Person, ...]:
    """Each group (and lone account) as a :class:`Person`, sorted by key."""
    of = groups.of
    for link in links:  # in the order they were made
        groups.group(of[link.subject]).links.append(link)

    persons: list[Person] = []
    for account_id, place in of.items():  # in the order of the ids' kinds (see run)
        if not isinstance(place, _Group):  # alone
            persons.append(_person(account_id, (place,), (), misses, rules))
        elif not place.done:
            members, made = place.members, tuple(place.links)
            persons.append(_person(account_id, members, made, misses, rules))
            place.done = True
    persons.sort(key=_by_key)  # already in order when the enterprise's kinds are sorted
    return tuple(persons)


def _person(
    key: AccountId,
    accounts: Sequence[Account],
    links: tuple[Link, ...],
    misses: _Misses,
    rules: _Rules,
) -> Person:
    cloud: tuple[CloudAccount, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    server: tuple[ServerAccount, ...] = ()
    subscriptions: tuple[VisualStudioSubscription, ...] = ()
    for account in sorted(accounts, key=_ID) if len(accounts) > 1 else accounts:
        if isinstance(account, ServerAccount):
            server += (account,)
        elif isinstance(account, CloudAccount):
            cloud += (account,)
        elif isinstance(account, Invitation):
            invitations += (account,)
        else:
            subscriptions += (account,)
    consumes = bool(invitations) or (cloud[0].consumes if cloud else False)
    if not consumes:
        consumes = any(not server_account.suspended for server_account in server)
    if not consumes and subscriptions and cloud and rules.emu and cloud[0].unaffiliated:
        consumes = True  # an unaffiliated managed user takes the subscription's license
    # A subscription's license is the seat of a person on GHEC, and (bundle rules) of a
    # person only on GHES.
    bundled = bool(subscriptions) and bool(cloud or (server and not rules.usage_based))
    person_misses: tuple[Miss, ...] = ()
    if not cloud:
        others: tuple[Account, ...] = (*invitations, *server, *subscriptions)
        person_misses = tuple(as_miss(miss) for a in others for miss in misses.get(a.id, ()))
    return Person(
        key=key,
        cloud=cloud,
        server=server,
        invitations=invitations,
        subscriptions=subscriptions,
        links=links,
        misses=person_misses,
        consumes_seat=consumes,
        license_type=(VISUAL_STUDIO if bundled else ENTERPRISE) if consumes else None,
    )


def _by_key(person: Person) -> str:
    return person.key


@paused_gc
def audit(
    *,
    cloud: CloudReport | Sequence[CloudReport] | None = None,
    servers: Sequence[ServerExport] = (),
    identities: Sequence[IdentitySet] = (),
    visual_studio: Sequence[VisualStudioList] = (),
    pipeline: Pipeline | None = None,
    emu: bool | None = None,
    billing: Billing | None = None,
    checks: CheckSettings | None = None,
) -> Audit:
    """Gather the parsed inputs, match them and return the :class:`Audit`.

    Problems the parsers set aside (``strict=False``) are carried into
    :attr:`Audit.problems`, which makes the audit :attr:`~Audit.partial`. *cloud* may
    be the report's parts (REST pages saved one per file): they are read as one report.

    Args:
        billing: ``"bundle"`` (Visual Studio bundle rules) or ``"usage-based"``;
            ``None`` to tell from the cloud report (see :func:`collect_enterprise`).
        checks: What the troubleshooting checks need (verified domains, the sync
            status, the date to judge it by); see :func:`~ghlicense.find_checks`.

    Raises:
        CloudReportError: the parts of *cloud* are not parts of one report.
        MatchConfigError: *billing* is neither.
    """
    enterprise = collect_enterprise(
        cloud=cloud,
        servers=servers,
        identities=identities,
        visual_studio=visual_studio,
        emu=emu,
        billing=billing,
    )
    problems = [
        *(p for part in cloud_parts(cloud) for p in part.problems),
        *(p for s in servers for p in s.problems),
        *(p for i in identities for p in i.problems),
        *(p for v in visual_studio for p in v.problems),
    ]
    result = (pipeline or Pipeline()).run(enterprise, problems=problems)
    return result if checks is None else attrs.evolve(result, check_settings=checks)
