"""GitHub's troubleshooting steps, done for the admin: each a finding of its own kind.

The date a check needs (is a sync stale?) is a parameter: the library never reads the
clock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import attrs

from ghlicense.findings.records import Finding, FindingKind
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import AccountId
from ghlicense.matching.audit import Audit, Person
from ghlicense.records.sync import SyncStatusReport

__all__ = ["CheckSettings", "find_checks"]


@attrs.frozen(kw_only=True)
class CheckSettings:
    """What the checks need beyond the audit.

    Attributes:
        verified_domains: The enterprise's verified domains; empty: inferred from the
            verified emails the report shows.
        sync: The license sync status (``license-sync-status``), if given.
        as_of: The date to judge a sync's age by (the command line passes today).
        stale_after: A sync older than this many days is stale (GitHub syncs weekly).
    """

    verified_domains: tuple[str, ...] = ()
    sync: SyncStatusReport | None = None
    as_of: dt.date | None = None
    stale_after: int = 7


@paused_gc
def find_checks(audit: Audit, /, settings: CheckSettings | None = None) -> tuple[Finding, ...]:
    """Every check's findings, in a stable order: the count, members, sync, subscriptions,
    invitations."""
    settings = settings or CheckSettings()
    return (
        *_github_count(audit),
        *_no_verified_domain_email(audit, settings),
        *_sync(audit, settings),
        *_unused_subscriptions(audit),
        *_expired_subscriptions(audit, settings),
        *_invitations(audit),
    )


def _github_count(audit: Audit) -> Iterator[Finding]:
    theirs = audit.enterprise.github_report_seats
    if theirs is None or theirs == audit.total_seats or audit.missing_cloud_rows:
        return
    yield Finding(
        kind=FindingKind.GITHUB_COUNT_DIFFERS,
        accounts=tuple(d.account for d in audit.disagreements),
        values=(str(theirs), str(audit.total_seats)),
    )


def _domains(audit: Audit, settings: CheckSettings) -> tuple[set[str], str]:
    if settings.verified_domains:
        domains = {d.strip().lower().lstrip("@") for d in settings.verified_domains}
        return domains, "given"
    seen: Counter[str] = Counter()
    for account in audit.enterprise.cloud:
        for email in account.verified_emails:
            seen[email.strip().lower().rpartition("@")[2]] += 1
    shown = ", ".join(f"{d} ({n:,} addresses)" for d, n in sorted(seen.items()))
    return set(seen), f"inferred from the report's verified emails: {shown or 'none'}"


def _no_verified_domain_email(audit: Audit, settings: CheckSettings) -> Iterator[Finding]:
    cloud = audit.enterprise.cloud
    if not cloud:
        return
    domains, how = _domains(audit, settings)
    if not domains:
        return  # no verified email anywhere: the report does not show them
    listed = ", ".join(sorted(domains))  # the same for every finding: made once
    for account in cloud:
        if not account.consumes:
            continue
        if any(e.strip().lower().rpartition("@")[2] in domains for e in account.verified_emails):
            continue
        yield Finding(
            kind=FindingKind.NO_VERIFIED_DOMAIN_EMAIL,
            accounts=(account.id,),
            values=(account.login, listed, how),
        )


def _sync(audit: Audit, settings: CheckSettings) -> Iterator[Finding]:
    enterprise = audit.enterprise
    known: dict[str, str] = {}
    if settings.sync is not None:
        for status in settings.sync.instances:
            host = (status.hostname or status.server_id or "").lower()
            known[host] = host
            if status.server_id:
                known[status.server_id.lower()] = host
            when = status.last_sync.date().isoformat() if status.last_sync else "never"
            if (status.status or "").lower() not in {"", "success", "succeeded"}:
                yield Finding(
                    kind=FindingKind.FAILED_SYNC,
                    values=(host, when, status.error or "no error text"),
                )
            elif settings.as_of is not None and status.last_sync is not None:
                days = (settings.as_of - status.last_sync.date()).days
                if days > settings.stale_after:
                    yield Finding(
                        kind=FindingKind.STALE_SYNC,
                        values=(host, when, str(days), str(settings.stale_after)),
                    )
    reported = {a.host.lower() for a in enterprise.server if a.in_report}
    for instance in enterprise.instances:
        host = (instance.host_name or instance.server_id or "").lower()
        if not host:
            continue
        unknown_to_sync = settings.sync is not None and not (
            host in known or (instance.server_id or "").lower() in known
        )
        unseen = bool(enterprise.cloud) and host not in reported
        if unknown_to_sync or unseen:
            why = (
                "the sync status does not know it"
                if unknown_to_sync
                else ("GitHub's cloud report lists none of its accounts")
            )
            yield Finding(kind=FindingKind.NEVER_SYNCED, values=(host, why))


def _unused_subscriptions(audit: Audit) -> Iterator[Finding]:
    for person in audit.persons:
        if person.subscriptions and not person.consumes_seat and not person.cloud:
            for subscription in person.subscriptions:
                yield Finding(
                    kind=FindingKind.UNUSED_SUBSCRIPTION,
                    accounts=(subscription.id,),
                    persons=(person.key,),
                    values=(subscription.upn,),
                )


def _expired_subscriptions(audit: Audit, settings: CheckSettings) -> Iterator[Finding]:
    if settings.as_of is None:
        return
    for person in audit.persons:
        if not (person.consumes_seat or person.cloud):
            continue
        for subscription in person.subscriptions:
            expires = subscription.expires
            if expires is not None and expires.date() < settings.as_of:
                yield Finding(
                    kind=FindingKind.EXPIRED_SUBSCRIPTION,
                    accounts=(subscription.id,),
                    persons=(person.key,),
                    values=(subscription.upn, expires.date().isoformat(), _who(person)),
                )


def _who(person: Person) -> str:
    return person.cloud_login or person.key


def _invitations(audit: Audit) -> Iterator[Finding]:
    links = {link.subject: link for link in audit.links if link.matcher == "invitation"}
    for person in audit.persons:
        for invitation in person.invitations:
            link = links.get(invitation.id)
            if link is not None:
                yield Finding(
                    kind=FindingKind.INVITATION_ABSORBED,
                    accounts=(invitation.id, link.target),
                    persons=(person.key,),
                    values=(invitation.invitee, link.target.removeprefix("cloud:"), link.attribute),
                )
            elif not person.cloud:
                yield Finding(
                    kind=FindingKind.INVITATION_ADDS_SEAT,
                    accounts=(AccountId(invitation.id),),
                    persons=(person.key,),
                    values=(invitation.invitee,),
                )
