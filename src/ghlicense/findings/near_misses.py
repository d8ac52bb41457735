"""Near misses: a person with no GHEC account who is very probably a GHEC person.

GitHub's rules join accounts only on exactly equal emails. A GHES account (or a Visual
Studio subscription) that matched no GHEC account is compared here with the GHEC persons
on looser evidence: local parts equal after normalising, a one-character typo, logins,
display names. Evidence against lowers the confidence: different first names, an
account already on that instance, a fit with several persons, a short or generic local
part. Nothing here changes the seat count: each near miss is a suggestion with its fix.

Blocking keeps the search linear: the unmatched persons' values are put in an index
(usually a small part of the enterprise), and every GHEC person looks its own values up
there, a handful of dictionary lookups each; no pair of persons is compared unless they
share an index key.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ghlicense.emails import email_key
from ghlicense.findings.records import (
    Evidence,
    EvidenceKind,
    Finding,
    FindingKind,
    Fix,
    FixKind,
    Level,
)
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.accounts import (
    AccountId,
    CloudAccount,
    ServerAccount,
    VisualStudioSubscription,
)
from ghlicense.matching.audit import Audit, Person

__all__ = ["LEVELS", "Thresholds", "find_near_misses"]


@attrs.frozen(kw_only=True)
class Thresholds:
    """The confidence a near miss needs for each level (below ``low`` it is not listed)."""

    high: float = 0.75
    medium: float = 0.5
    low: float = 0.3


LEVELS = Thresholds()
"""The default thresholds: high 0.75, medium 0.5, low 0.3."""

# Evidence weights: combined as independent chances (1 - the product of 1 - w).
_SAME_LOCAL_SAME_DOMAIN = 0.8
_SAME_LOCAL_OTHER_DOMAIN = 0.6
_TYPO = 0.55
_LOCAL_PART_WORD = 0.45
_SAME_LOGIN = 0.5
_LOGIN_IS_LOCAL_PART = 0.4
_LOGIN_IN_ADDRESS = 0.35
_SAME_NAME = 0.5
_SAME_FIRST_NAME_ONLY = 0.3
_INITIAL_SURNAME = 0.25
# Evidence against: subtracted.
_DIFFERENT_FIRST_NAMES = 0.6
_DIFFERENT_SURNAMES = 0.3
_ALREADY_ON_INSTANCE = 0.5
_SEVERAL_CAP = 0.6
"""A near miss that fits several GHEC persons as well is never above medium."""
_GENERIC_FACTOR = 0.3
_BUCKET = 16
"""An index key shared by more unmatched persons than this is dropped: it tells no one apart,
and comparing every GHEC person that has it with all of them would be quadratic."""
_TYPO_MIN = 8
"""Typos are looked for only in local parts this long or longer."""
_GENERIC = frozenset(
    {
        "admin", "administrator", "build", "builder", "ci", "test", "tester", "dev",
        "devops", "root", "bot", "service", "svc", "info", "support", "team", "ops", "git",
        "github", "jenkins", "deploy", "release", "noreply", "user", "it", "sysadmin",
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[._\-]+")
_WORDS = re.compile(r"[^\W\d_]+")


def _bare(text: str) -> str:
    """*text* without the separators ``.``, ``_``, ``-`` (three replaces: several times
    faster than ``str.translate``, which looks every character up)."""
    return text.replace(".", "").replace("_", "").replace("-", "")


def _normalised_local(local: str) -> str:
    """A local part without case, ``+tag`` and the separators ``.``, ``_``, ``-``."""
    return _bare(local.lower().partition("+")[0])


def _split(email: str) -> tuple[str, str] | None:
    key = email_key(email)
    local, at, domain = key.rpartition("@")
    return (local, domain) if at and local and domain else None


def _name_words(name: str | None) -> tuple[str, ...]:
    """The words of a display name, lower-cased, letters only (``"Ada O'Neil"``: ada o neil)."""
    if not name:
        return ()
    lowered = name.lower()
    if lowered.replace(" ", "").isalpha():  # most names: the same words, without a regex
        return tuple(lowered.split())
    return tuple(_WORDS.findall(lowered))


def _name_keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's keys (in the index and in the counts): the full name, and with two words
    or more the first initial + surname."""
    full = " ".join(words)
    return (full, f"{words[0][0]}\0{words[-1]}") if len(words) >= 2 else (full,)


def _one_edit(a: str, b: str) -> bool:
    """Whether *a* and *b* differ by one substitution or one adjacent transposition."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    first, second = diffs[0], diffs[-1]
    return (
        len(diffs) == 2 and second == first + 1 and a[first] == b[second] and a[second] == b[first]
    )


def _typo_keys(local: str, domain: str) -> tuple[str, str, str]:
    """Keys two local parts one edit apart on the same domain share at least one of.

    A substitution or transposition leaves the first half or the second half as it was,
    except a transposition across the middle, which leaves everything but the two
    middle characters.
    """
    half = len(local) // 2
    block = f"{domain}\0{len(local)}\0"
    return (
        f"{block}h{local[:half]}",
        f"{block}t{local[half:]}",
        f"{block}m{local[: half - 1]}{local[half + 1 :]}",
    )


class _Value:
    """An email of a person, with its parts worked out once."""

    __slots__ = ("domain", "email", "generic", "local", "normalised", "typos", "words")

    def __init__(self, email: str, local: str, domain: str) -> None:
        self.email = email
        self.local = local
        self.domain = domain
        head = local.partition("+")[0]
        self.normalised = _bare(head)  # the key is lower-cased already
        self.words = (
            tuple(w for w in _SEPARATORS.split(head) if w)
            if len(head) > len(self.normalised)
            else (head,)
        )
        self.generic = _is_generic(self.normalised)
        self.typos = len(local) >= _TYPO_MIN and local.isalpha()
        """Whether to look for typos: a long local part of letters only (``user1234`` and
        ``user1235`` are two people, not a typo)."""


def _email_value(email: str | None) -> _Value | None:
    """The parts of an address the parsers already checked (``None`` for a non-address)."""
    if not email or "@" not in email:
        return None
    parts = _split(email)
    if parts is None:
        return None
    local, domain = parts
    return _Value(email.strip(), local, domain)


class _Candidate:
    """An unmatched person's values: its emails, logins, name and GHES hosts."""

    __slots__ = ("account", "emails", "hosts", "logins", "names", "person")

    def __init__(  # noqa: PLR0917 - one value each
        self,
        person: Person,
        account: ServerAccount | VisualStudioSubscription,
        emails: tuple[_Value, ...],
        logins: tuple[str, ...],
        names: tuple[tuple[str, ...], ...],
        hosts: frozenset[str],
    ) -> None:
        self.person = person
        self.account = account
        self.emails = emails
        self.logins = logins
        self.names = names
        self.hosts = hosts


def _keyed_value(email: str, key: str) -> _Value | None:
    """The parts of an address whose matching key is known already."""
    local, at, domain = key.rpartition("@")
    return _Value(email.strip(), local, domain) if at and local and domain else None


def _unmatched(persons: Iterable[Person]) -> list[Person]:
    """The persons a near miss can be about: no GHEC account, and an active GHES account
    or a Visual Studio subscription."""
    return [
        person
        for person in persons
        if not person.cloud
        and (person.subscriptions or any(not a.suspended for a in person.server))
    ]


def _candidate(person: Person) -> _Candidate:
    """An unmatched person's values, worked out in full (for a person that shares a key)."""
    subscriptions = person.subscriptions
    active = [a for a in person.server if not a.suspended]
    values: dict[str, _Value | None] = {}
    names: set[tuple[str, ...]] = set()
    for account in active:
        if account.key and account.key not in values:
            values[account.key] = _keyed_value(account.primary_email or "", account.key)
        if account.name:
            names.add(_name_words(account.name))
    for subscription in subscriptions:
        key = email_key(subscription.upn)
        if key not in values:
            values[key] = _keyed_value(subscription.upn, key)
        if subscription.name:
            names.add(_name_words(subscription.name))
    names.discard(())
    return _Candidate(
        person,
        active[0] if active else subscriptions[0],
        tuple(v for v in values.values() if v is not None),
        tuple(dict.fromkeys([a.login.lower() for a in active if a.login])),
        tuple(names),
        frozenset([a.host.lower() for a in active]),
    )


class _Candidates:
    """The unmatched persons by number, each one's :class:`_Candidate` made when first
    asked for: most of them share no key with anyone."""

    __slots__ = ("made", "persons")

    def __init__(self, persons: list[Person]) -> None:
        self.persons = persons
        self.made: dict[int, _Candidate] = {}

    def __getitem__(self, number: int) -> _Candidate:
        found = self.made.get(number)
        if found is None:
            found = self.made[number] = _candidate(self.persons[number])
        return found


_STRONG, _TYPO_KEY, _NAME_KEY = 1, 2, 4
"""What an index key is: a value that alone is evidence, a typo's block, a name."""


class _Index:
    """The unmatched persons' values, by key, in three tables of plain strings.

    ``tokens``: local parts, their words and logins, in one namespace (a GHEC person's
    local part or login is looked up once, whichever of them it meets); ``names``: full
    names and initial + surname; ``typos``: the blocks of :func:`_typo_keys`, each entry
    with its local part. Each entry is a candidate's number.
    """

    __slots__ = ("names", "tokens", "typos")

    def __init__(self, persons: Sequence[Person]) -> None:
        tokens: dict[str, list[int]] = {}
        names: dict[str, list[int]] = {}
        typos: dict[str, list[tuple[int, str]]] = {}
        for number, person in enumerate(persons):
            # The same keys as a _Candidate's values give, made from the strings.
            keys: list[str] = []
            logins: list[str] = []
            words_of: list[tuple[str, ...]] = []
            for account in person.server:
                if account.suspended:
                    continue
                if account.key:
                    keys.append(account.key)
                if account.login:
                    logins.append(account.login.lower())
                if account.name:
                    words_of.append(_name_words(account.name))
            for subscription in person.subscriptions:
                keys.append(email_key(subscription.upn))
                if subscription.name:
                    words_of.append(_name_words(subscription.name))
            for key in keys:
                local, at, domain = key.rpartition("@")
                if not (at and local and domain):
                    continue
                head = local.partition("+")[0]
                normalised = _bare(head)
                if normalised:
                    _add(tokens, normalised, number)
                if len(local) >= _TYPO_MIN and local.isalpha():
                    for block in _typo_keys(local, domain):
                        entries = typos.get(block)
                        if entries is None:
                            typos[block] = [(number, local)]
                        elif entries[-1] != (number, local):
                            entries.append((number, local))
                if len(head) > len(normalised):  # words between the separators
                    for word in _SEPARATORS.split(head):
                        if len(word) >= 4:
                            _add(tokens, word, number)
                elif len(head) >= 4:
                    _add(tokens, head, number)
            for login in logins:
                _add(tokens, login, number)
                _add(tokens, _bare(login), number)
            for words in words_of:
                if words:
                    for key in _name_keys(words):
                        _add(names, key, number)
        # A key this many share tells no one apart (and comparing would be quadratic).
        self.tokens = {key: entries for key, entries in tokens.items() if len(entries) <= _BUCKET}
        self.names = {key: entries for key, entries in names.items() if len(entries) <= _BUCKET}
        self.typos = {key: entries for key, entries in typos.items() if len(entries) <= _BUCKET}

    def hits(
        self, emails: Sequence[str], logins: Sequence[str], name_keys: Sequence[str]
    ) -> dict[int, int]:
        """The candidates a GHEC person shares a key with, and what kinds of key.

        Worked out from the strings, without a :class:`_Value` each: most GHEC persons
        share no key with anyone, and their values are made only for a hit.
        """
        hits: dict[int, int] = {}
        tokens, typos = self.tokens, self.typos
        for email in emails:
            local, at, domain = email.strip().lower().rpartition("@")
            if not at or not local:
                continue
            normalised = _bare(local.partition("+")[0])
            if normalised in tokens:
                for number in tokens[normalised]:
                    hits[number] = hits.get(number, 0) | _STRONG
            if len(local) >= _TYPO_MIN and local.isalpha():
                for key in _typo_keys(local, domain):
                    for number, theirs in typos.get(key, ()):
                        if _one_edit(theirs, local):  # else more than one character apart
                            hits[number] = hits.get(number, 0) | _TYPO_KEY
        for login in logins:
            for number in tokens.get(login, ()):
                hits[number] = hits.get(number, 0) | _STRONG
            bare = _bare(login)
            if bare != login:
                for number in tokens.get(bare, ()):
                    hits[number] = hits.get(number, 0) | _STRONG
        table = self.names
        for key in name_keys:
            for number in table.get(key, ()):
                hits[number] = hits.get(number, 0) | _NAME_KEY
        return hits


def _add(table: dict[str, list[int]], key: str, number: int) -> None:
    entries = table.get(key)
    if entries is None:
        table[key] = [number]
    elif entries[-1] != number:
        entries.append(number)


def _ghec_emails(cloud: Sequence[CloudAccount]) -> Sequence[str]:
    """A GHEC person's addresses: verified emails and a NameID that is an address (once)."""
    if len(cloud) == 1:
        account = cloud[0]
        emails, name_id = account.verified_emails, account.saml_name_id
        if name_id and "@" in name_id and name_id not in emails:
            return (*emails, name_id)
        return emails
    found: list[str] = []
    for account in cloud:
        found += account.verified_emails
        if account.saml_name_id and "@" in account.saml_name_id:
            found.append(account.saml_name_id)
    return list(dict.fromkeys(found))


def _ghec_values(emails: Sequence[str]) -> list[_Value]:
    return [value for value in map(_email_value, emails) if value is not None]


def _is_generic(normalised: str) -> bool:
    """Whether a normalised local part or login tells no one apart (short, or ``admin``)."""
    return len(normalised) <= 4 or normalised in _GENERIC


def _evidence(
    candidate: _Candidate,
    person: Person,
    names: Sequence[tuple[str, ...]],
    values: Sequence[_Value],
    name_counts: Counter[str],
) -> list[Evidence]:
    found: list[Evidence] = []
    cloud = person.cloud
    ghec_logins = (
        {cloud[0].login.lower(): cloud[0].login}
        if len(cloud) == 1
        else {a.login.lower(): a.login for a in cloud}
    )
    ghec_login_keys = [(key, login, _normalised_local(key)) for key, login in ghec_logins.items()]
    for mine in candidate.emails:
        generic = mine.generic
        damped = False  # whether the email's evidence weighs less for its generic local part
        for theirs in values:
            weight = 0.0
            kind = EvidenceKind.SAME_LOCAL_PART
            if mine.normalised and mine.normalised == theirs.normalised:
                if mine.local == theirs.local and mine.domain == theirs.domain:
                    continue  # equal emails: GitHub's own rules would have joined them
                same = mine.domain == theirs.domain
                weight = _SAME_LOCAL_SAME_DOMAIN if same else _SAME_LOCAL_OTHER_DOMAIN
            elif (
                mine.typos
                and theirs.typos
                and mine.domain == theirs.domain
                and _one_edit(mine.local, theirs.local)
            ):
                kind, weight = EvidenceKind.LOCAL_PART_TYPO, _TYPO
            elif len(theirs.normalised) >= 4 and theirs.normalised in mine.words:
                kind, weight = EvidenceKind.LOCAL_PART_WORD, _LOCAL_PART_WORD
            if weight:
                if generic:
                    weight *= _GENERIC_FACTOR
                    damped = True
                found.append(Evidence(kind=kind, weight=weight, values=(mine.email, theirs.email)))
        for login_key, login, normalised_login in ghec_login_keys:
            if mine.normalised == normalised_login:
                damped = damped or generic
                found.append(
                    Evidence(
                        kind=EvidenceKind.SAME_LOCAL_PART,
                        weight=_SAME_LOCAL_OTHER_DOMAIN * (_GENERIC_FACTOR if generic else 1),
                        values=(mine.email, login),
                    )
                )
            elif len(login_key) >= 4 and login_key in mine.words:
                found.append(
                    Evidence(
                        kind=EvidenceKind.LOGIN_IN_ADDRESS,
                        weight=_LOGIN_IN_ADDRESS,
                        values=(mine.email, login),
                    )
                )
        if damped:
            found.append(_generic(mine.email))
    for login in candidate.logins:
        normalised = _normalised_local(login)
        generic = _is_generic(normalised)
        factor = _GENERIC_FACTOR if generic else 1.0
        if login in ghec_logins:
            found.append(
                Evidence(
                    kind=EvidenceKind.SAME_LOGIN,
                    weight=_SAME_LOGIN * factor,
                    values=(login, ghec_logins[login]),
                )
            )
            if generic:
                found.append(_generic(login))
            continue
        for theirs in values:
            if normalised and normalised == theirs.normalised:
                found.append(
                    Evidence(
                        kind=EvidenceKind.SAME_LOGIN,
                        weight=_LOGIN_IS_LOCAL_PART * factor,
                        values=(login, theirs.email),
                    )
                )
                if generic:
                    found.append(_generic(login))
                break
    if candidate.names and names:
        found += _name_evidence(candidate, names, name_counts)
    shared_hosts = candidate.hosts & {a.host.lower() for a in person.server}
    if shared_hosts:
        host = min(shared_hosts)
        found.append(
            Evidence(
                kind=EvidenceKind.ALREADY_ON_INSTANCE, weight=-_ALREADY_ON_INSTANCE, values=(host,)
            )
        )
    return found


def _generic(value: str) -> Evidence:
    """Why the evidence of *value* weighs less: its local part is short or generic. Its
    weight is 0: the weights it is about are already multiplied by the generic factor."""
    return Evidence(kind=EvidenceKind.GENERIC_LOCAL_PART, weight=0.0, values=(value,))


def _name_evidence(
    candidate: _Candidate, theirs: Sequence[tuple[str, ...]], name_counts: Counter[str]
) -> Iterator[Evidence]:
    for mine in candidate.names:
        for other in theirs:
            shown = (" ".join(mine), " ".join(other))
            if mine == other:
                common = max(1, name_counts[" ".join(mine)])
                full = _SAME_NAME if len(mine) >= 2 else _SAME_FIRST_NAME_ONLY
                yield Evidence(kind=EvidenceKind.SAME_NAME, weight=full / common, values=shown)
            elif len(mine) >= 2 and len(other) >= 2 and mine[-1] == other[-1]:
                first, second = mine[0], other[0]
                if len(first) > 1 and len(second) > 1 and first != second:
                    yield Evidence(
                        kind=EvidenceKind.DIFFERENT_FIRST_NAMES,
                        weight=-_DIFFERENT_FIRST_NAMES,
                        values=shown,
                    )
                elif first[0] == second[0]:
                    common = max(1, name_counts[_name_keys((first, mine[-1]))[1]])
                    yield Evidence(
                        kind=EvidenceKind.SAME_INITIAL_AND_SURNAME,
                        weight=_INITIAL_SURNAME / common,
                        values=shown,
                    )
            elif len(mine) >= 2 and len(other) >= 2 and mine[0] == other[0]:
                yield Evidence(
                    kind=EvidenceKind.DIFFERENT_SURNAMES,
                    weight=-_DIFFERENT_SURNAMES,
                    values=shown,
                )
            elif len(mine[0]) > 1 and len(other[0]) > 1 and mine[0] != other[0]:
                yield Evidence(
                    kind=EvidenceKind.DIFFERENT_FIRST_NAMES,
                    weight=-_DIFFERENT_FIRST_NAMES,
                    values=shown,
                )


def _confidence(evidence: Sequence[Evidence]) -> float:
    best: dict[EvidenceKind, float] = {}
    against = 0.0
    for item in evidence:
        if item.weight > 0:
            best[item.kind] = max(best.get(item.kind, 0.0), item.weight)
        else:
            against += -item.weight
    missing = 1.0
    for weight in best.values():
        missing *= 1.0 - weight
    return max(0.0, min(1.0, 1.0 - missing - against))


def _level(confidence: float, thresholds: Thresholds) -> Level | None:
    if confidence >= thresholds.high:
        return Level.HIGH
    if confidence >= thresholds.medium:
        return Level.MEDIUM
    if confidence >= thresholds.low:
        return Level.LOW
    return None


def _fix(candidate: _Candidate, person: Person, values: Sequence[_Value]) -> Fix:
    account = candidate.account
    verified = next((v.email for v in values), None)
    if verified is not None:
        kind = (
            FixKind.SET_GHES_PRIMARY_EMAIL
            if isinstance(account, ServerAccount)
            else FixKind.SET_SUBSCRIBER_UPN
        )
        return Fix(kind=kind, account=account.id, email=verified)
    email = candidate.emails[0].email if candidate.emails else ""
    return Fix(kind=FixKind.ADD_VERIFIED_EMAIL, account=person.cloud[0].id, email=email)


def _ghec_name_keys(names: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """A GHEC person's name keys (see :func:`_name_keys`), each once."""
    if len(names) == 1:
        return _name_keys(names[0])
    return tuple(dict.fromkeys(key for words in names for key in _name_keys(words)))


@paused_gc
def find_near_misses(audit: Audit, /, *, thresholds: Thresholds = LEVELS) -> tuple[Finding, ...]:
    """The near misses of *audit*, ranked: by level, then seats saved, then confidence.

    Each is a :class:`Finding` of kind ``near_miss`` between a person with no GHEC
    account and a GHEC person, with its evidence, its confidence and level (see
    :class:`Thresholds`) and the fix that would join them under GitHub's rules. A
    candidate that fits several GHEC persons about equally is never above medium, and
    names them all.
    """
    unmatched = _unmatched(audit.persons)
    if not unmatched:
        return ()
    index = _Index(unmatched)
    candidates = _Candidates(unmatched)
    # One pass over the GHEC persons: count their names, and keep the few that share a
    # key with a candidate (the evidence needs every name counted first).
    name_keys: list[str] = []  # counted at the end, in one pass
    sharing: list[tuple[Person, list[tuple[str, ...]], Sequence[str], dict[int, int]]] = []
    hits_of = index.hits
    for person in audit.persons:
        cloud = person.cloud
        if not cloud:
            continue
        if len(cloud) == 1:  # a GHEC person has one GHEC account (a group never holds two)
            account = cloud[0]
            words = _name_words(account.name)
            names = [words] if words else []
            logins = [account.login.lower()]
        else:
            names = [words for words in map(_name_words, [a.name for a in cloud]) if words]
            logins = [a.login.lower() for a in cloud]
        keys = _ghec_name_keys(names) if names else ()
        name_keys += keys  # made once: counted below, looked up in the index here
        emails = _ghec_emails(cloud)
        hits = hits_of(emails, logins, keys)
        if hits:
            sharing.append((person, names, emails, hits))
    name_counts = Counter(name_keys)
    del name_keys
    pairs: defaultdict[int, list[tuple[float, Person, list[Evidence], list[_Value]]]] = defaultdict(
        list
    )
    for person, names, emails, hits in sharing:
        values: list[_Value] | None = None
        for number, kinds in hits.items():
            if kinds == _NAME_KEY and names and name_counts[" ".join(names[0])] > 1:
                continue  # only a name that others carry too: no evidence worth a pair
            if values is None:
                values = _ghec_values(emails)
            evidence = _evidence(candidates[number], person, names, values, name_counts)
            if any(item.weight > 0 for item in evidence):
                pairs[number].append((_confidence(evidence), person, evidence, values))
    return tuple(sorted(_findings(candidates, pairs, thresholds), key=_rank))


def _findings(
    candidates: _Candidates,
    pairs: dict[int, list[tuple[float, Person, list[Evidence], list[_Value]]]],
    thresholds: Thresholds,
) -> Iterator[Finding]:
    for number, found in pairs.items():
        candidate = candidates[number]
        found.sort(key=lambda item: (-item[0], item[1].key))
        confidence, person, evidence, values = found[0]
        rivals = [other for other in found[1:] if other[0] >= confidence - 0.05]
        if rivals and confidence >= thresholds.low:
            names = tuple(other[1].key for other in rivals)
            evidence = [
                *evidence,
                Evidence(kind=EvidenceKind.SEVERAL_CANDIDATES, weight=0.0, values=names),
            ]
            confidence = min(confidence, _SEVERAL_CAP - 0.01)
        level = _level(confidence, thresholds)
        if level is None:
            continue
        seats = 1 if candidate.person.consumes_seat or candidate.person.subscriptions else 0
        yield Finding(
            kind=FindingKind.NEAR_MISS,
            accounts=(candidate.account.id, person.cloud[0].id),
            persons=(candidate.person.key, person.key),
            confidence=round(confidence, 3),
            level=level,
            evidence=tuple(evidence),
            fix=_fix(candidate, person, values),
            seats_saved=seats,
        )


_LEVEL_ORDER = {Level.HIGH: 0, Level.MEDIUM: 1, Level.LOW: 2}


def _rank(finding: Finding) -> tuple[int, int, float, tuple[AccountId, ...]]:
    return (
        _LEVEL_ORDER[finding.level],
        -finding.seats_saved,
        -finding.confidence,
        finding.accounts,
    )
