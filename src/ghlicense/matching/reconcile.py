"""Comparing the recount with the grouping GitHub's own report already carries."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

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


def disagreements(
    person_of: Callable[[AccountId], Person],
    accounts: Iterable[ServerAccount | VisualStudioSubscription],
) -> Iterator[Disagreement]:
    """Yield a :class:`Disagreement` for each reported account the recount places elsewhere.

    Args:
        person_of: The person an account (by id) belongs to.
        accounts: The accounts GitHub's report may have grouped.
    """
    for account in accounts:
        if isinstance(account, ServerAccount) and not account.in_report:
            continue
        if isinstance(account, VisualStudioSubscription) and not account.reported_with:
            continue
        github = account.reported_with[0] if account.reported_with else None
        person = person_of(account.id)
        ours = person.cloud_login
        if github == ours or (github or "").lower() == (ours or "").lower():
            continue  # the first test settles nearly every account, without new strings
        evidence = "; ".join(
            link.explanation
            for link in person.links
            if link.subject == account.id and link.matcher != "same_primary_email"
        ) or "; ".join(
            link.explanation for link in person.links if link.matcher != "same_primary_email"
        )
        if ours and not github:
            reason = f"{evidence}. {_STALE}"
        elif github and not ours:
            misses = "; ".join(dict.fromkeys(m.reason for m in person.misses))
            reason = f"{misses or 'no rule joins it'}. {_HIDDEN}"
        else:
            reason = f"{evidence}. GitHub's report puts it with {github} instead. {_STALE}"
        yield Disagreement(
            account=account.id,
            github=f"with {github}" if github else "matched to no GHEC account",
            recount=f"with {ours}" if ours else "matched to no GHEC account",
            reason=reason,
        )
