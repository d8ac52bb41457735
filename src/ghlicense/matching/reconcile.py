"""Comparing the recount with the grouping GitHub's own report already carries."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ghlicense.matching.accounts import AccountId, ServerAccount, VisualStudioSubscription
from ghlicense.matching.audit import Person
from ghlicense.matching.links import Disagreement

__all__ = ["disagreements"]

_STALE = (
    "GitHub's report predates this match: the email may have been added, verified or "
    "changed after the last license sync. Check the sync time and sync again."
)
_HIDDEN = (
    "GitHub matched it on something these files do not show: a verified email outside "
    "the enterprise's verified domains (the report lists only those), or an email that "
    "has changed since the last sync."
)


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
    evidence = known.by_subject.get(account.id) or known.everything
    if ours and not github:
        reason = f"{evidence}. {_STALE}"
    elif github and not ours:
        reason = f"{known.misses or 'no rule joins it'}. {_HIDDEN}"
    else:
        reason = f"{evidence}. GitHub's report puts it with {github} instead. {_STALE}"
    return Disagreement(
        account=account.id,
        github=f"with {github}" if github else "matched to no GHEC account",
        recount=f"with {ours}" if ours else "matched to no GHEC account",
        reason=reason,
    )


@attrs.frozen
class _Explained:
    by_subject: dict[AccountId, str]
    """The explanations of the links of each account (same-email links left out)."""
    everything: str
    """The explanations of all the person's links (same-email links left out)."""
    misses: str
    """The person's distinct reasons for not being matched."""


def _explain(person: Person) -> _Explained:
    explanations = [
        (link.subject, link.explanation)
        for link in person.links
        if link.matcher != "same_primary_email"
    ]
    by_subject: dict[AccountId, list[str]] = {}
    for subject, explanation in explanations:
        by_subject.setdefault(subject, []).append(explanation)
    return _Explained(
        by_subject={subject: "; ".join(texts) for subject, texts in by_subject.items()},
        everything="; ".join(explanation for _, explanation in explanations),
        misses="; ".join(dict.fromkeys(miss.reason for miss in person.misses)),
    )
