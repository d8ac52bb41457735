"""Redaction: every email, login, display name and host replaced by a stable pseudonym.

A pseudonym is a keyed hash of the value (HMAC-SHA-256 with a key the caller may pass):
the same value gives the same pseudonym within a report, and across reports made with
the same key, so two redacted reports can still be compared. The records are redacted,
not the sentences: every writer then writes the redacted records, and the sentences made
from them hold no original value.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Iterator

import attrs

from ghlicense.errors import ParseError
from ghlicense.findings.checks import CheckSettings
from ghlicense.findings.records import Evidence, EvidenceKind, Finding, FindingKind, Fix
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import (
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    Unplaced,
    VisualStudioSubscription,
)
from ghlicense.matching.audit import Audit, Person
from ghlicense.matching.enterprise import Enterprise
from ghlicense.matching.links import Disagreement, Link, Miss, Note
from ghlicense.records.sync import SyncStatusReport
from ghlicense.sentences import MissKind, NoteKind

__all__ = ["Pseudonyms", "redact"]

_NAMES = {EvidenceKind.SAME_NAME, EvidenceKind.SAME_INITIAL_AND_SURNAME}
_NAME_KINDS = _NAMES | {EvidenceKind.DIFFERENT_FIRST_NAMES, EvidenceKind.DIFFERENT_SURNAMES}


class Pseudonyms:
    """Stable pseudonyms for the values of one report (or of several, with one key)."""

    def __init__(self, key: bytes = b"") -> None:
        self.key = key

    def _tag(self, kind: str, value: str) -> str:
        message = f"{kind}:{value.strip().lower()}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:10]

    def email(self, value: str) -> str:
        """``user-TAG@redacted.example``: an address stays an address."""
        return f"user-{self._tag('email', value)}@redacted.example" if value else value

    def login(self, value: str) -> str:
        """``user-TAG``."""
        return f"user-{self._tag('login', value)}" if value else value

    def value(self, value: str) -> str:
        """An email or a login, told apart by the ``@``."""
        return self.email(value) if "@" in value else self.login(value)

    def name(self, value: str) -> str:
        """``Person TAG``, the same for any case and spacing of the name."""
        return f"Person {self._tag('name', ' '.join(value.split()))}" if value else value

    def host(self, value: str) -> str:
        """``host-TAG.redacted.example``."""
        return f"host-{self._tag('host', value)}.redacted.example" if value else value

    def account(self, account_id: str) -> AccountId:
        """An account id with its login, email or host replaced (GHES user ids kept)."""
        kind, _, rest = account_id.partition(":")
        if kind == "cloud":
            return AccountId(f"cloud:{self.login(rest)}")
        if kind == "server":
            host, _, user_id = rest.rpartition(":")
            return AccountId(f"server:{self.host(host)}:{user_id}")
        if kind in {"invitation", "vs"}:
            return AccountId(f"{kind}:{self.value(rest)}")
        return AccountId(account_id)

    def maybe(self, value: str | None, how: str = "value") -> str | None:
        """*value* through the pseudonym *how*, ``None`` kept."""
        return None if value is None else getattr(self, how)(value)


_AN_EMAIL = re.compile(r"[^\s@'\"<>(),;]+@[^\s@'\"<>(),;]+")


class _Redacting(Pseudonyms):
    """The pseudonyms of one redaction, which also knows every host its inputs name, to
    replace them (and every email address) in free text: file names, a sync's error."""

    def __init__(self, key: bytes, hosts: Iterable[str]) -> None:
        super().__init__(key)
        known = sorted({host.lower() for host in hosts if host}, key=len, reverse=True)
        self._hosts = re.compile("|".join(map(re.escape, known)), re.IGNORECASE) if known else None
        self._texts: dict[str, str] = {}  # few distinct texts (sources), many uses

    def text(self, text: str) -> str:
        """*text* with every known host and every email address in it replaced."""
        done = self._texts.get(text)
        if done is None:
            done = _AN_EMAIL.sub(lambda found: self.email(found.group(0)), text)
            if self._hosts is not None:
                done = self._hosts.sub(lambda found: self.host(found.group(0)), done)
            self._texts[text] = done
        return done


def _hosts(audit: Audit) -> Iterator[str]:
    """Every host the audit's inputs name."""
    enterprise = audit.enterprise
    yield from {account.host for account in enterprise.server}
    yield from (instance.host_name or "" for instance in enterprise.instances)
    settings = audit.check_settings
    if settings is not None:
        yield from settings.verified_domains
        if settings.sync is not None:
            yield from (status.hostname or "" for status in settings.sync.instances)


def _cloud(a: CloudAccount, p: _Redacting) -> CloudAccount:
    return attrs.evolve(
        a,
        login=p.login(a.login),
        name=p.maybe(a.name, "name"),
        verified_emails=tuple(map(p.email, a.verified_emails)),
        saml_name_id=p.maybe(a.saml_name_id),
        source=p.text(a.source),
    )


def _server(a: ServerAccount, p: _Redacting) -> ServerAccount:
    return attrs.evolve(
        a,
        host=p.host(a.host),
        primary_email=p.maybe(a.primary_email, "email"),
        login=p.maybe(a.login, "login"),
        name=p.maybe(a.name, "name"),
        reported_with=tuple(map(p.login, a.reported_with)),
        source=p.text(a.source),
    )


def _subscription(a: VisualStudioSubscription, p: _Redacting) -> VisualStudioSubscription:
    return attrs.evolve(
        a,
        upn=p.email(a.upn),
        name=p.maybe(a.name, "name"),
        reported_with=tuple(map(p.login, a.reported_with)),
        source=p.text(a.source),
    )


def _invitation(a: Invitation, p: _Redacting) -> Invitation:
    return attrs.evolve(a, invitee=p.value(a.invitee), source=p.text(a.source))


def _link(link: Link, p: _Redacting) -> Link:
    return attrs.evolve(
        link,
        subject=p.account(link.subject),
        target=p.account(link.target),
        value=p.value(link.value),
        subject_value=p.value(link.subject_value),
    )


def _miss(miss: Miss, p: _Redacting) -> Miss:
    detail = miss.detail
    if miss.kind == MissKind.USAGE_BASED_BILLING:
        detail = p.maybe(detail, "email")
    elif miss.kind == MissKind.CUSTOM:
        detail = "redacted"
    return Miss(
        subject=p.account(miss.subject),
        matcher=miss.matcher,
        kind=miss.kind,
        tried=p.maybe(miss.tried),
        key=p.maybe(miss.key),
        compared_with=miss.compared_with,
        related=p.account(miss.related) if miss.related else None,
        identity=miss.identity,
        detail=detail,
    )


def _note(note: Note, p: _Redacting) -> Note:
    values = note.values
    if note.kind == NoteKind.CLOUD_ACCOUNT_TWICE:
        values = (p.login(values[0]), *values[1:])
    elif note.kind == NoteKind.SERVER_ACCOUNT_TWICE:
        places = map(p.text, values[2:4])  # "SOURCE POSITION": a file may be named after its host
        values = (values[0], p.host(values[1]), *places, *map(p.email, values[4:]))
    elif note.kind == NoteKind.IDENTITY_OF_UNKNOWN_LOGIN:
        values = tuple(map(p.login, values))
    elif note.kind == NoteKind.MATCH_CONFLICT:
        values = (values[0], p.account(values[1]), p.account(values[2]))
    return attrs.evolve(
        note,
        subject=p.account(note.subject) if note.subject else None,
        values=values,
        source=p.text(note.source) if note.source else note.source,
    )


def _person(person: Person, p: _Redacting) -> Person:
    return attrs.evolve(
        person,
        key=p.account(person.key),
        cloud=tuple(_cloud(a, p) for a in person.cloud),
        server=tuple(_server(a, p) for a in person.server),
        invitations=tuple(_invitation(a, p) for a in person.invitations),
        subscriptions=tuple(_subscription(a, p) for a in person.subscriptions),
        links=tuple(_link(link, p) for link in person.links),
        misses=tuple(_miss(miss, p) for miss in person.misses),
    )


def _disagreement(d: Disagreement, p: _Redacting) -> Disagreement:
    return Disagreement(
        account=p.account(d.account),
        kind=d.kind,
        github_with=p.account(d.github_with) if d.github_with else None,
        recount_with=p.account(d.recount_with) if d.recount_with else None,
        links=tuple(_link(link, p) for link in d.links),
        misses=tuple(_miss(miss, p) for miss in d.misses),
    )


def _evidence(e: Evidence, p: _Redacting) -> Evidence:
    if e.kind in _NAME_KINDS:
        values = tuple(map(p.name, e.values))
    elif e.kind == EvidenceKind.ALREADY_ON_INSTANCE:
        values = tuple(map(p.host, e.values))
    elif e.kind == EvidenceKind.SEVERAL_CANDIDATES:
        values = tuple(map(p.account, e.values))
    else:
        values = tuple(map(p.value, e.values))
    return attrs.evolve(e, values=values)


def _finding_values(f: Finding, p: _Redacting) -> tuple[str, ...]:
    v = f.values
    if f.kind == FindingKind.NO_VERIFIED_DOMAIN_EMAIL:
        domains = ", ".join(p.host(d) for d in v[1].split(", ") if d)
        return (p.login(v[0]), domains, "given" if v[2] == "given" else "inferred from the report")
    if f.kind == FindingKind.FAILED_SYNC:
        return (p.host(v[0]), v[1], p.text(v[2]))  # GitHub's error text may name hosts
    if f.kind in {FindingKind.STALE_SYNC, FindingKind.NEVER_SYNCED}:
        return (p.host(v[0]), *v[1:])
    if f.kind in {FindingKind.UNUSED_SUBSCRIPTION, FindingKind.INVITATION_ADDS_SEAT}:
        return tuple(map(p.value, v))
    if f.kind == FindingKind.EXPIRED_SUBSCRIPTION:
        return (p.email(v[0]), v[1], p.value(v[2]))
    if f.kind == FindingKind.INVITATION_ABSORBED:
        return (p.value(v[0]), p.login(v[1]), v[2])
    return v


def _finding(f: Finding, p: _Redacting) -> Finding:
    fix = f.fix
    return attrs.evolve(
        f,
        accounts=tuple(map(p.account, f.accounts)),
        persons=tuple(map(p.account, f.persons)),
        evidence=tuple(_evidence(e, p) for e in f.evidence),
        fix=None if fix is None else _finding_fix(fix, p),
        values=_finding_values(f, p),
    )


def _enterprise(e: Enterprise, p: _Redacting) -> Enterprise:
    return attrs.evolve(
        e,
        cloud=tuple(_cloud(a, p) for a in e.cloud),
        server=tuple(_server(a, p) for a in e.server),
        invitations=tuple(_invitation(a, p) for a in e.invitations),
        subscriptions=tuple(_subscription(a, p) for a in e.subscriptions),
        instances=tuple(
            attrs.evolve(i, host_name=p.maybe(i.host_name, "host")) for i in e.instances
        ),
        identities=(),
        unlinked_identities=(),
        notes=tuple(_note(n, p) for n in e.notes),
        unplaced=tuple(_unplaced(u, p) for u in e.unplaced),
        emu_reason=(
            "every GHEC login ends in one shortcode (redacted)"
            if e.emu and "shortcode" in e.emu_reason and "explicitly" not in e.emu_reason
            else e.emu_reason
        ),
    )


def _unplaced(unplaced: Unplaced, p: _Redacting) -> Unplaced:
    return attrs.evolve(unplaced, source=p.text(unplaced.source))


def _settings(settings: CheckSettings | None, p: _Redacting) -> CheckSettings | None:
    if settings is None:
        return None
    sync = settings.sync
    return attrs.evolve(
        settings,
        verified_domains=tuple(map(p.host, settings.verified_domains)),
        sync=None if sync is None else _sync(sync, p),
    )


def _sync(sync: SyncStatusReport, p: _Redacting) -> SyncStatusReport:
    return attrs.evolve(
        sync,
        source=p.text(sync.source),
        instances=tuple(
            attrs.evolve(
                status,
                hostname=p.maybe(status.hostname, "host"),
                error=None if status.error is None else p.text(status.error),
            )
            for status in sync.instances
        ),
    )


def _problem(problem: ParseError, p: _Redacting) -> ParseError:
    return type(problem)(
        "a value here could not be read (the value is redacted).",
        source=p.text(problem.source),
        line=problem.line,
        column=problem.column,
        field=problem.field,
        pointer=problem.pointer,
    )


@paused_gc
def redact(audit: Audit, /, *, key: bytes = b"") -> Audit:
    """*audit* with every email, login, display name and host replaced by a pseudonym.

    The findings are worked out on the original (they compare the real values), then
    redacted with the rest (:attr:`Audit.given_findings`). Pass the same *key* to keep
    pseudonyms stable across reports.
    """
    p = _Redacting(key, _hosts(audit))
    findings = tuple(_finding(f, p) for f in audit.findings)
    return Audit(
        persons=tuple(_person(person, p) for person in audit.persons),
        links=tuple(_link(link, p) for link in audit.links),
        unplaced=tuple(_unplaced(u, p) for u in audit.unplaced),  # places, fixed reasons
        notes=tuple(_note(n, p) for n in audit.notes),
        disagreements=tuple(_disagreement(d, p) for d in audit.disagreements),
        problems=tuple(_problem(problem, p) for problem in audit.problems),
        matchers=audit.matchers,
        enterprise=_enterprise(audit.enterprise, p),
        check_settings=_settings(audit.check_settings, p),
        given_findings=findings,
        what_if=audit.what_if
        if audit.what_if is None
        else attrs.evolve(
            audit.what_if,
            applied=tuple(_finding_fix(f, p) for f in audit.what_if.applied),
            not_applied=tuple((_finding_fix(f, p), why) for f, why in audit.what_if.not_applied),
        ),
    )


def _finding_fix(fix: Fix, p: _Redacting) -> Fix:
    return Fix(kind=fix.kind, account=p.account(fix.account), email=p.value(fix.email))
