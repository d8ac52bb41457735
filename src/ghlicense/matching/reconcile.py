"""Comparing the recount with the grouping GitHub's own report already carries."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ghlicense.matching.accounts import AccountId, ServerAccount, VisualStudioSubscription
from ghlicense.matching.audit import Person
from ghlicense.matching.links import Disagreement, Link, Miss
from ghlicense.sentences import DisagreementKind

__all__ = ["disagreements"]


def disagreements(persons: Iterable[Person]) -> list[Disagreement]:
    """A :class:`Disagreement` for each reported account the recount places elsewhere.

    Each person's GHES accounts and subscriptions are compared with the GHEC login
    GitHub's report put them with. The result is sorted by account id (GHES accounts,
    ``server:...``, come before subscriptions, ``vs:...``), as the enterprise lists them.
    """
    found: list[tuple[AccountId, Disagreement]] = []
    for person in persons:
        ours = person.cloud_login
        known: _Explained | None = None  # worked out once per person: no k x k work
        reported: tuple[ServerAccount | VisualStudioSubscription, ...] = (
            *person.server,
            *person.subscriptions,
        )
        for account in reported:
            if isinstance(account, ServerAccount):
                if not account.in_report:
                    continue
            elif not account.reported_with:
                continue
            github = account.reported_with[0] if account.reported_with else None
            if github == ours or (github or "").lower() == (ours or "").lower():
                continue  # the first test settles nearly every account, without new strings
            if known is None:
                known = _explain(person)
            found.append((account.id, _disagreement(account, github, ours, known)))
    found.sort(key=_by_account)
    return [disagreement for _, disagreement in found]


def _by_account(item: tuple[AccountId, Disagreement]) -> AccountId:
    return item[0]


def _disagreement(
    account: ServerAccount | VisualStudioSubscription,
    github: str | None,
    ours: str | None,
    known: _Explained,
) -> Disagreement:
    if ours and not github:
        kind = DisagreementKind.JOINED_SINCE_REPORT
    elif github and not ours:
        kind = DisagreementKind.MATCHED_ON_HIDDEN_VALUE
    else:
        kind = DisagreementKind.JOINED_ELSEWHERE
    return Disagreement(
        account=account.id,
        kind=kind,
        github_with=AccountId("cloud:" + github.lower()) if github else None,
        recount_with=AccountId("cloud:" + ours.lower()) if ours else None,
        links=known.by_subject.get(account.id) or known.everything,
        misses=known.misses if not ours else (),
    )


@attrs.frozen
class _Explained:
    by_subject: dict[AccountId, tuple[Link, ...]]
    """The links of each account (same-email links left out)."""
    everything: tuple[Link, ...]
    """All the person's links (same-email links left out)."""
    misses: tuple[Miss, ...]
    """The person's misses."""


def _explain(person: Person) -> _Explained:
    links = tuple(link for link in person.links if link.matcher != "same_primary_email")
    by_subject: dict[AccountId, list[Link]] = {}
    for link in links:
        by_subject.setdefault(link.subject, []).append(link)
    return _Explained(
        by_subject={subject: tuple(found) for subject, found in by_subject.items()},
        everything=links,
        misses=person.misses,
    )
