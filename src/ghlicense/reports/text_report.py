"""The short human summary the command line prints by default."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from ghlicense.matching.accounts import Account, ServerAccount
from ghlicense.matching.audit import Audit, Person
from ghlicense.reports.view import NoticeKind, ReportView, report_view
from ghlicense.sentences import unmatched_reasons

__all__ = ["render_text"]


def _account(account: Account) -> str:
    if isinstance(account, ServerAccount):
        email = account.primary_email or "no primary email"
        return f"{account.host_label} user {account.user_id} ({email})"
    return account.id


def _account_order(account: Account) -> tuple[str, int, str]:
    """Accounts in id order, with user ids as numbers (10, 127, 1015)."""
    if isinstance(account, ServerAccount):
        return (f"server:{account.host.lower()}", account.user_id, "")
    return (account.id, 0, "")


def _id_order(account_id: str) -> tuple[str, int, str]:
    """An account id's order, with a server account's user id as a number."""
    head, _, tail = account_id.rpartition(":")
    if head.startswith("server:") and tail.isascii() and tail.isdigit():
        return (head, int(tail), "")
    return (account_id, 0, "")


def _who(person: Person) -> str:
    if person.cloud_login:
        return person.cloud_login
    return ", ".join(_account(a) for a in sorted(person.accounts, key=_account_order))


_T = TypeVar("_T")


def _first(items: Sequence[_T], limit: int | None, lines: list[str]) -> Iterator[_T]:
    """Yield up to *limit* items; then say how many were left out."""
    shown = items if limit is None else items[:limit]
    yield from shown
    if len(items) > len(shown):
        lines.append(f"  ... and {len(items) - len(shown)} more (the JSON report lists them all)")


_CHECK_SECTIONS = (
    (("no_verified_domain_email",), "Members with no email on a verified domain"),
    (("failed_sync", "stale_sync", "never_synced"), "License sync"),
    (("unused_subscription",), "Visual Studio subscriptions matched to no one"),
    (("expired_subscription",), "Expired Visual Studio subscriptions still counted"),
    (("invitation_adds_seat", "invitation_absorbed"), "Pending invitations"),
)


def _checks(audit: Audit, limit: int | None, lines: list[str]) -> None:
    """A section for each troubleshooting check that found something."""
    for kinds, title in _CHECK_SECTIONS:
        found = [f for f in audit.findings if f.kind in kinds]
        if not found:
            continue
        lines.append("")
        lines.append(f"{title}: {len(found)}")
        lines.extend(f"  - {f.sentence}" for f in _first(found, limit, lines))


def _what_to_change(audit: Audit, limit: int | None, lines: list[str]) -> None:
    """The findings' fixes first: the seats they save, then how many more there are."""
    findings = [f for f in audit.findings if f.kind == "near_miss"]
    if not findings:
        return
    saved = audit.seats_saved_by_high_confidence_fixes
    lines.append("")
    lines.append(
        f"What to change: {len(findings)} suggestion(s); the high-confidence ones save "
        f"{saved} seat(s). Suggestions only: nothing here is in the counts above."
    )
    for finding in _first(findings, limit, lines):
        lines.append(f"  [{finding.level}] {finding.sentence}")
        lines.extend(f"      - {e.sentence}" for e in finding.evidence)
    lines.append("")


def render_text(source: Audit | ReportView, /, *, limit: int | None = 25) -> str:
    """Render seats, persons on several deployments and accounts that matched nothing.

    Args:
        limit: How many entries of each list to show (``None``: all of them).
    """
    view = report_view(source)
    audit, summary = view.audit, view.summary
    lines = [
        f"PARTIAL: {notice.sentence}" if notice.kind is NoticeKind.PARTIAL else notice.sentence
        for notice in view.notices
    ]
    lines.extend(f.sentence for f in audit.findings if f.kind == "github_count_differs")
    lines.append(f"Seats: {summary.total_seats} (persons: {summary.persons})")
    for license_type, count in summary.seats_by_license_type.items():
        lines.append(f"  {license_type}: {count}")
    if summary.persons_without_seat:
        why = ", ".join(f"{reason}: {n}" for reason, n in summary.persons_without_seat.items())
        lines.append(f"Persons who take no seat: {summary.persons - summary.total_seats} ({why})")
    if summary.github_seats_consumed is not None:
        purchased = (
            f" of {summary.github_seats_purchased:,} purchased"
            if summary.github_seats_purchased is not None
            else ""
        )
        lines.append(
            f"GitHub's own count: {summary.github_seats_consumed:,} seats consumed{purchased}"
        )
    _what_to_change(audit, limit, lines)
    if summary.seats_by_deployment:
        lines.append("Seat-holders by deployment:")
        lines.extend(f"  {place}: {count}" for place, count in summary.seats_by_deployment.items())

    enterprise = audit.enterprise
    emu = "uses" if enterprise.emu else "does not use"
    lines.append(f"Enterprise Managed Users: {emu} ({enterprise.emu_reason})")
    lines.append(f"Billing: {enterprise.billing} ({enterprise.billing_reason})")
    for instance in enterprise.instances:
        version = f"GHES {instance.version}" if instance.version else "version unknown"
        lines.append(f"Instance {instance.label}: {version}")
        lines.extend(
            f"  feature {f.name}" + (f" since {f.enabled_at.isoformat()}" if f.enabled_at else "")
            for f in instance.features
        )

    several = audit.multi_deployment
    described: set[str] = set()
    lines.append("")
    lines.append(f"Persons counted once across several deployments: {len(several)}")
    for person in _first(several, limit, lines):
        how = ", ".join(person.matched_by) or "-"
        lines.append(f"  {_who(person)}: {', '.join(person.deployments)} (matched by {how})")
        described.add(person.key)

    unmatched = audit.unmatched
    lines.append("")
    lines.append(f"Accounts that matched no GHEC account: {summary.unmatched_persons}")
    for person in _first(unmatched, limit, lines):
        seat = "takes a seat" if person.consumes_seat else "no Enterprise seat"
        if person.key in described:  # named in full above: referred to
            first = min(person.accounts, key=_account_order)
            lines.append(f"  {_account(first)} and the rest, listed above ({seat})")
        else:
            lines.append(f"  {_who(person)} ({seat})")
        lines.extend(f"    - {reason}" for reason in unmatched_reasons(person.misses))

    _checks(audit, limit, lines)
    if audit.disagreements:
        lines.append("")
        lines.append(
            f"Where GitHub's report groups accounts differently: {len(audit.disagreements)}"
        )
        ordered = sorted(audit.disagreements, key=lambda d: _id_order(d.account))
        for item in _first(ordered, limit, lines):
            lines.append(f"  {item.account}: GitHub {item.github}; recount {item.recount}")
            lines.append(f"    - {item.reason}")
    if audit.suspended:
        lines.append("")
        lines.append(f"Suspended GHES accounts, excluded (no seat): {len(audit.suspended)}")
        suspended = sorted(audit.suspended, key=_account_order)
        lines.extend(f"  {_account(a)}" for a in _first(suspended, limit, lines))
    if audit.unplaced:
        lines.append("")
        lines.append(f"Input rows that name no account: {len(audit.unplaced)}")
        lines.extend(
            f"  {u.source} {u.position}: {u.reason}" for u in _first(audit.unplaced, limit, lines)
        )
    if audit.notes:
        lines.append("")
        lines.append("Notes:")
        lines.extend(f"  - {note}" for note in _first(audit.notes, limit, lines))
    return "\n".join(lines) + "\n"
