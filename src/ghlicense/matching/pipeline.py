"""Running the matchers in order and grouping accounts into persons (union-find)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ghlicense.errors import MatchConfigError, ParseError
from ghlicense.matching.accounts import (
    Account,
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    VisualStudioSubscription,
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

    def find(self, account_id: AccountId) -> AccountId:
        parent = self.parent
        while parent[account_id] != account_id:
            parent[account_id] = parent[parent[account_id]]
            account_id = parent[account_id]
        return account_id

    def join(self, a: AccountId, b: AccountId) -> bool:
        """Join two groups unless that would put two GHEC accounts in one person."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if root_a in self.cloud and root_b in self.cloud:
            return False
        self.parent[root_a] = root_b
        if root_a in self.cloud:
            self.cloud[root_b] = self.cloud.pop(root_a)
        return True

    def has_cloud(self, account_id: AccountId) -> bool:
        return self.find(account_id) in self.cloud


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
        links: list[Link] = []
        misses: dict[AccountId, list[Miss]] = {}
        notes = list(enterprise.notes)

        by_email: dict[str, ServerAccount] = {}
        for account in enterprise.server:
            if account.key is None:
                misses.setdefault(account.id, []).append(
                    Miss(
                        subject=account.id,
                        matcher="pipeline",
                        reason=f"its primary email is unknown "
                        f"({account.email_note or 'no email'}), so no email rule can join it",
                    )
                )
                continue
            first = by_email.setdefault(account.key, account)
            if first is not account:
                groups.join(account.id, first.id)
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
        for matcher in self.matchers:
            if not pending:
                break
            pending_ids = {a.id for a in pending}
            links_before = len(links)
            for result in matcher.match(enterprise, tuple(pending)):
                if isinstance(result, Miss):
                    misses.setdefault(result.subject, []).append(result)
                    continue
                self._check_link(matcher.name, result, pending_ids, accounts)
                if groups.has_cloud(result.subject) and groups.has_cloud(result.target):
                    if groups.find(result.subject) != groups.find(result.target):
                        notes.append(
                            f"{matcher.name} would also join {result.subject} to {result.target}, "
                            "but it is already joined to another GHEC account; the first "
                            "match was kept."
                        )
                    continue
                if groups.join(result.subject, result.target):
                    links.append(result)
                    misses.pop(result.subject, None)  # reasons it was not matched before
            if len(links) != links_before:
                pending = [a for a in pending if not groups.has_cloud(a.id)]

        persons = _persons(accounts, groups, links, misses)
        return Audit(
            persons=persons,
            links=tuple(links),
            disagreements=tuple(
                disagreements(persons, (*enterprise.server, *enterprise.subscriptions))
            ),
            unplaced=enterprise.unplaced,
            notes=tuple(notes),
            problems=tuple(problems),
            matchers=tuple(m.name for m in self.matchers),
            enterprise=enterprise,
        )

    @staticmethod
    def _check_link(
        name: str, link: Link, pending: set[AccountId], accounts: dict[AccountId, Account]
    ) -> None:
        if link.subject not in pending:
            raise MatchConfigError(
                f"matcher {name!r} linked {link.subject}, which was not among the accounts "
                "it was given to match."
            )
        if link.target not in accounts:
            raise MatchConfigError(
                f"matcher {name!r} linked {link.subject} to {link.target}, which is not an "
                "account of this enterprise."
            )


def _persons(
    accounts: dict[AccountId, Account],
    groups: _Groups,
    links: list[Link],
    misses: dict[AccountId, list[Miss]],
) -> tuple[Person, ...]:
    find = groups.find
    parent = groups.parent
    members: dict[AccountId, list[Account]] = {}
    for account_id in sorted(accounts):
        root = parent[account_id]
        if root != account_id and parent[root] != root:  # only deeper trees need find
            root = find(account_id)
        group = members.get(root)
        if group is None:
            members[root] = [accounts[account_id]]
        else:
            group.append(accounts[account_id])
    links_of: dict[AccountId, list[Link]] = {}
    for link in links:
        links_of.setdefault(find(link.subject), []).append(link)

    persons = []
    for root, group in members.items():
        cloud: tuple[CloudAccount, ...] = ()
        server: tuple[ServerAccount, ...] = ()
        invitations: tuple[Invitation, ...] = ()
        subscriptions: tuple[VisualStudioSubscription, ...] = ()
        for account in group:  # a person has few accounts: small tuples are cheapest
            if isinstance(account, ServerAccount):
                server += (account,)
            elif isinstance(account, CloudAccount):
                cloud += (account,)
            elif isinstance(account, Invitation):
                invitations += (account,)
            else:
                subscriptions += (account,)
        consumes = (
            any(a.consumes for a in cloud)
            or any(not a.suspended for a in server)
            or bool(invitations)
        )
        license_type = None
        if consumes:
            license_type = VISUAL_STUDIO if cloud and subscriptions else ENTERPRISE
        person_misses = () if cloud else tuple(m for a in group for m in misses.get(a.id, ()))
        persons.append(
            Person(
                key=cloud[0].id if cloud else group[0].id,
                cloud=cloud,
                server=server,
                invitations=invitations,
                subscriptions=subscriptions,
                links=tuple(links_of.get(root, ())),
                misses=person_misses,
                consumes_seat=consumes,
                license_type=license_type,
            )
        )
    persons.sort(key=_by_key)
    return tuple(persons)


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
