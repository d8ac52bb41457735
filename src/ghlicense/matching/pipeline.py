"""Running the matchers in order and grouping accounts into persons (union-find)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import TypeVar

import attrs

from ghlicense.errors import MatchConfigError, ParseError
from ghlicense.matching.accounts import (
    Account,
    AccountId,
    CloudAccount,
    ServerAccount,
)
from ghlicense.matching.audit import ENTERPRISE, VISUAL_STUDIO, Audit, Person
from ghlicense.matching.enterprise import Enterprise, collect_enterprise
from ghlicense.matching.links import Link, Miss
from ghlicense.matching.matchers import (
    InvitationMatcher,
    Matcher,
    ReportGroupingMatcher,
    SamlAttributeMatcher,
    ScimMatcher,
    VerifiedEmailMatcher,
    VisualStudioUpnMatcher,
)
from ghlicense.matching.reconcile import disagreements
from ghlicense.records.cloud import CloudReport
from ghlicense.records.identities import IdentitySet
from ghlicense.records.server import ServerExport
from ghlicense.records.visual_studio import VisualStudioList

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
)
"""GitHub's order: SAML, SCIM, verified email, invitations, Visual Studio, then the report."""


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


class _Groups:
    """Union-find over account ids, remembering which group holds a GHEC account."""

    def __init__(self, ids: Iterable[AccountId], cloud: Iterable[AccountId]) -> None:
        self.parent = {account_id: account_id for account_id in ids}
        self.cloud = {account_id: account_id for account_id in cloud}
        """Each root whose group holds a GHEC account, to that account's id."""

    def find(self, account_id: AccountId) -> AccountId:
        parent = self.parent
        root = parent[account_id]
        if parent[root] == root:  # a root or a root's child: most accounts
            return root
        while parent[root] != root:
            root = parent[root]
        while account_id != root:  # path compression
            parent[account_id], account_id = root, parent[account_id]
        return root

    def union(self, root_a: AccountId, root_b: AccountId) -> None:
        """Put the group of *root_a* under *root_b* (two roots, not both with a GHEC account)."""
        self.parent[root_a] = root_b
        if root_a in self.cloud:
            self.cloud[root_b] = self.cloud.pop(root_a)


@attrs.frozen
class Pipeline:
    """The matchers, run in order, each given only what earlier ones left unmatched.

    >>> names = [m.name for m in Pipeline().matchers]
    >>> names
    ['saml', 'scim', 'verified_email', 'invitation', 'visual_studio_upn', 'github_report']

    Remove, reorder or add matchers by passing your own sequence.
    """

    matchers: tuple[Matcher, ...] = attrs.field(
        default=DEFAULT_MATCHERS, converter=_as_tuple, validator=_check_matchers
    )

    def run(self, enterprise: Enterprise, /, *, problems: Sequence[ParseError] = ()) -> Audit:
        """Match the enterprise's accounts and group them into persons.

        Args:
            enterprise: The accounts, from :func:`~ghlicense.collect_enterprise`.
            problems: Input problems set aside while parsing, carried into the audit.
        """
        accounts: dict[AccountId, Account] = {a.id: a for a in enterprise.accounts}
        groups = _Groups(accounts, (a.id for a in enterprise.cloud))
        find, with_cloud = groups.find, groups.cloud
        links: list[Link] = []
        misses: dict[AccountId, list[Miss]] = {}
        notes = list(enterprise.notes)

        by_email: dict[str, ServerAccount] = {}
        for account in enterprise.server:
            if account.key is None:
                misses[account.id] = [
                    Miss(
                        subject=account.id,
                        matcher="pipeline",
                        reason=f"its primary email is unknown "
                        f"({account.email_note or 'no email'}), so no email rule can join it",
                    )
                ]
                continue
            first = by_email.setdefault(account.key, account)
            if first is not account:
                groups.union(find(account.id), find(first.id))
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

        pending: list[Account] = [a for a in accounts.values() if not isinstance(a, CloudAccount)]
        pending_ids = set(map(_ID, pending))  # kept in step with pending, not rebuilt
        for matcher in self.matchers:
            if not pending:
                break
            linked = False
            for result in matcher.match(enterprise, tuple(pending)):
                if isinstance(result, Miss):
                    misses.setdefault(result.subject, []).append(result)
                    continue
                subject, target = result.subject, result.target
                if subject not in pending_ids or target not in accounts:
                    raise _refusal(matcher.name, result, pending_ids)
                root_s, root_t = find(subject), find(target)
                if root_s in with_cloud and root_t in with_cloud:
                    if root_s != root_t:
                        notes.append(
                            f"{matcher.name} would also join {subject} to {target}, but it is "
                            "already joined to another GHEC account; the first match was kept."
                        )
                    continue
                if root_s != root_t:
                    groups.union(root_s, root_t)
                links.append(result)
                misses.pop(subject, None)  # reasons it was not matched before
                linked = True
            if linked:
                still: list[Account] = []
                for waiting in pending:
                    if find(waiting.id) in with_cloud:
                        pending_ids.discard(waiting.id)
                    else:
                        still.append(waiting)
                pending = still

        persons, person_of = _persons(enterprise, groups, links, misses)
        return Audit(
            persons=persons,
            links=tuple(links),
            disagreements=tuple(
                disagreements(person_of, (*enterprise.server, *enterprise.subscriptions))
            ),
            unplaced=enterprise.unplaced,
            notes=tuple(notes),
            problems=tuple(problems),
            matchers=tuple(m.name for m in self.matchers),
            enterprise=enterprise,
        )


def _refusal(name: str, link: Link, pending: set[AccountId]) -> MatchConfigError:
    if link.subject not in pending:
        return MatchConfigError(
            f"matcher {name!r} linked {link.subject}, which was not among the accounts "
            "it was given to match."
        )
    return MatchConfigError(
        f"matcher {name!r} linked {link.subject} to {link.target}, which is not an "
        "account of this enterprise."
    )


def _persons(
    enterprise: Enterprise,
    groups: _Groups,
    links: list[Link],
    misses: dict[AccountId, list[Miss]],
) -> tuple[tuple[Person, ...], Callable[[AccountId], Person]]:
    """Each group as a :class:`Person`, sorted by key; and each account's person."""
    find = groups.find
    cloud_of: dict[AccountId, tuple[CloudAccount, ...]] = {}
    for cloud_account in enterprise.cloud:
        cloud_of[find(cloud_account.id)] = (cloud_account,)  # never two in a group
    invitations_of = _by_group(enterprise.invitations, find)
    server_of = _by_group(enterprise.server, find)
    subscriptions_of = _by_group(enterprise.subscriptions, find)
    links_of: dict[AccountId, list[Link]] = {}
    for link in links:
        links_of.setdefault(find(link.subject), []).append(link)

    # Kinds in the order of their id prefixes (cloud: < invitation: < server: < vs:) and
    # each kind sorted by id: every group first appears with its smallest id, its key.
    roots = dict.fromkeys(chain(cloud_of, invitations_of, server_of, subscriptions_of))
    persons: list[Person] = []
    by_root: dict[AccountId, Person] = {}
    no_accounts: tuple[()] = ()
    for root in roots:
        cloud = cloud_of.get(root, no_accounts)
        invitations = invitations_of.get(root, no_accounts)
        server = server_of.get(root, no_accounts)
        subscriptions = subscriptions_of.get(root, no_accounts)
        consumes = bool(invitations) or (cloud[0].consumes if cloud else False)
        if not consumes:
            for server_account in server:
                if not server_account.suspended:
                    consumes = True
                    break
        first: tuple[Account, ...] = cloud or invitations or server or subscriptions
        person_misses: tuple[Miss, ...] = ()
        if not cloud:
            others: tuple[Account, ...] = (*invitations, *server, *subscriptions)
            person_misses = tuple(miss for a in others for miss in misses.get(a.id, ()))
        person = Person(
            key=first[0].id,
            cloud=cloud,
            server=server,
            invitations=invitations,
            subscriptions=subscriptions,
            links=tuple(links_of.get(root, ())),
            misses=person_misses,
            consumes_seat=consumes,
            license_type=(VISUAL_STUDIO if cloud and subscriptions else ENTERPRISE)
            if consumes
            else None,
        )
        persons.append(person)
        by_root[root] = person
    persons.sort(key=_by_key)  # already in order when the enterprise's kinds are sorted
    return tuple(persons), lambda account_id: by_root[find(account_id)]


_A = TypeVar("_A", bound=Account)


def _by_group(
    accounts: Iterable[_A], find: Callable[[AccountId], AccountId]
) -> dict[AccountId, tuple[_A, ...]]:
    """The accounts of each group (by root), in the given order."""
    groups: dict[AccountId, tuple[_A, ...]] = {}
    for account in accounts:
        root: AccountId = find(account.id)
        before: tuple[_A, ...] = groups.get(root, ())
        groups[root] = (*before, account)
    return groups


def _by_key(person: Person) -> str:
    return person.key


def audit(
    *,
    cloud: CloudReport | None = None,
    servers: Sequence[ServerExport] = (),
    identities: Sequence[IdentitySet] = (),
    visual_studio: Sequence[VisualStudioList] = (),
    pipeline: Pipeline | None = None,
    emu: bool | None = None,
) -> Audit:
    """Gather the parsed inputs, match them and return the :class:`Audit`.

    Problems the parsers set aside (``strict=False``) are carried into
    :attr:`Audit.problems`, which makes the audit :attr:`~Audit.partial`.
    """
    enterprise = collect_enterprise(
        cloud=cloud, servers=servers, identities=identities, visual_studio=visual_studio, emu=emu
    )
    problems = [
        *(cloud.problems if cloud else ()),
        *(p for s in servers for p in s.problems),
        *(p for i in identities for p in i.problems),
        *(p for v in visual_studio for p in v.problems),
    ]
    return (pipeline or Pipeline()).run(enterprise, problems=problems)
