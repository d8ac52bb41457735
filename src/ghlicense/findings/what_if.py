"""What-if: apply fixes to the inputs in memory and recount. Nothing outside is touched."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import attrs

from ghlicense.emails import email_key, email_problem
from ghlicense.errors import FixError
from ghlicense.findings.records import Fix, FixKind
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import AccountId
from ghlicense.matching.audit import Audit
from ghlicense.matching.pipeline import Pipeline

__all__ = ["WhatIf", "parse_fixes", "what_if"]


@attrs.frozen(kw_only=True)
class WhatIf:
    """The recount with fixes applied, and what changed."""

    seats_before: int
    seats_after: int
    applied: tuple[Fix, ...]
    """The fixes that joined their account to a GHEC person."""
    not_applied: tuple[tuple[Fix, str], ...] = ()
    """The fixes that changed nothing in the recount, each with why."""


def _check(fixes: Sequence[Fix], audit: Audit) -> None:
    enterprise = audit.enterprise
    known = {a.id for a in enterprise.accounts}
    seen: dict[tuple[FixKind, AccountId], Fix] = {}
    for fix in fixes:
        if fix.account not in known:
            raise FixError(
                f"the fix '{fix.sentence}' names {fix.account}, which is not an account of "
                "these inputs; check the account id (cloud:LOGIN, server:HOST:ID or vs:UPN)."
            )
        expected = {
            FixKind.SET_GHES_PRIMARY_EMAIL: "server:",
            FixKind.ADD_VERIFIED_EMAIL: "cloud:",
            FixKind.SET_SUBSCRIBER_UPN: "vs:",
        }[fix.kind]
        if not fix.account.startswith(expected):
            raise FixError(
                f"the fix '{fix.sentence}' is of kind {fix.kind}, which changes a "
                f"{expected[:-1]} account, not {fix.account}."
            )
        problem = email_problem(fix.email)
        if problem is not None:
            raise FixError(f"the fix '{fix.sentence}' gives {fix.email!r}: {problem}.")
        other = seen.get((fix.kind, fix.account))
        if (
            other is not None
            and fix.kind != FixKind.ADD_VERIFIED_EMAIL
            and email_key(other.email) != email_key(fix.email)
        ):
            raise FixError(
                f"two fixes contradict each other: '{other.sentence}' and '{fix.sentence}'; "
                "keep one of them."
            )
        seen[(fix.kind, fix.account)] = fix


@paused_gc
def what_if(
    audit: Audit, fixes: Iterable[Fix], /, *, pipeline: Pipeline | None = None
) -> tuple[Audit, WhatIf]:
    """Apply *fixes* to the accounts of *audit* and recount, with *pipeline*.

    Returns the new audit and a :class:`WhatIf` that says the seats before and after,
    which fixes joined their account to a GHEC person, and which changed nothing.

    Raises:
        FixError: a fix names an account not in the inputs, gives an invalid email,
            or contradicts another fix.
    """
    fixes = tuple(fixes)
    _check(fixes, audit)
    enterprise = audit.enterprise
    by_account: dict[AccountId, list[Fix]] = {}
    for fix in fixes:
        by_account.setdefault(fix.account, []).append(fix)
    server = tuple(
        attrs.evolve(a, primary_email=by_account[a.id][-1].email) if a.id in by_account else a
        for a in enterprise.server
    )
    cloud = tuple(
        attrs.evolve(
            a,
            verified_emails=(*a.verified_emails, *(f.email for f in by_account[a.id])),
        )
        if a.id in by_account
        else a
        for a in enterprise.cloud
    )
    renamed: dict[AccountId, AccountId] = {}
    subscriptions = []
    for subscription in enterprise.subscriptions:
        if subscription.id in by_account:
            changed = attrs.evolve(subscription, upn=by_account[subscription.id][-1].email)
            renamed[subscription.id] = changed.id
            subscriptions.append(changed)
        else:
            subscriptions.append(subscription)
    fixed = attrs.evolve(
        enterprise,
        server=server,
        cloud=cloud,
        subscriptions=tuple(sorted(subscriptions, key=lambda s: s.id)),
    )
    after = (pipeline or Pipeline()).run(fixed, problems=audit.problems)
    with_cloud = {a.id for p in after.persons if p.cloud for a in p.accounts}
    before_cloud = {a.id for p in audit.persons if p.cloud for a in p.accounts}
    applied: list[Fix] = []
    not_applied: list[tuple[Fix, str]] = []
    for fix in fixes:
        account = renamed.get(fix.account, fix.account)
        if fix.kind == FixKind.ADD_VERIFIED_EMAIL:
            joined = any(
                a.id not in before_cloud
                for p in after.persons
                if any(c.id == fix.account for c in p.cloud)
                for a in p.accounts
            )
        else:
            joined = account in with_cloud and fix.account not in before_cloud
        if joined:
            applied.append(fix)
        else:
            not_applied.append((fix, "the recount joins no further account to a GHEC person"))
    summary = WhatIf(
        seats_before=audit.total_seats,
        seats_after=after.total_seats,
        applied=tuple(applied),
        not_applied=tuple(not_applied),
    )
    return attrs.evolve(after, what_if=summary, check_settings=audit.check_settings), summary


def parse_fixes(text: str, /, *, source: str = "fixes.json") -> tuple[Fix, ...]:
    """Read fixes written by hand or taken from a report.

    Accepts a list of fixes (``{"kind", "account", "email"}``), an object with
    ``"fixes"`` or ``"findings"`` (findings carry their ``fix``), or a whole JSON report.

    Raises:
        FixError: the text is not JSON, or a fix lacks a field or has an unknown kind.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FixError(
            f"{source}:{exc.lineno}:{exc.colno}: the file is not valid JSON; expected a list "
            "of fixes."
        ) from None
    if isinstance(document, dict):
        document = document.get("fixes", document.get("findings"))
    if not isinstance(document, list):
        raise FixError(
            f'{source}: expected a list of fixes ({{"kind", "account", "email"}}), or an '
            "object with 'fixes' or 'findings'."
        )
    fixes = []
    kinds = ", ".join(kind.value for kind in FixKind)
    for index, entry in enumerate(document):
        item = entry["fix"] if isinstance(entry, dict) and "fix" in entry else entry
        if item is None:  # a finding without a fix
            continue
        if not isinstance(item, dict):
            raise FixError(f"{source}: at /{index}: a fix should be an object.")
        kind, account, email = item.get("kind"), item.get("account"), item.get("email")
        if kind not in set(FixKind):
            raise FixError(f"{source}: at /{index}/kind: {kind!r} is not a fix kind ({kinds}).")
        if not isinstance(account, str) or not isinstance(email, str):
            raise FixError(f"{source}: at /{index}: a fix needs 'account' and 'email' as texts.")
        fixes.append(Fix(kind=FixKind(kind), account=AccountId(account), email=email))
    return tuple(fixes)
