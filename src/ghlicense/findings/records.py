"""Findings: what to change so that one human stops taking two seats, as data."""

from __future__ import annotations

import enum

import attrs

from ghlicense.matching.accounts import AccountId
from ghlicense.sentences import evidence_sentence, finding_sentence, fix_sentence

__all__ = ["Evidence", "EvidenceKind", "Finding", "FindingKind", "Fix", "FixKind", "Level"]


class FindingKind(enum.StrEnum):
    """What a finding is (:attr:`Finding.kind`)."""

    NEAR_MISS = "near_miss"
    """Two persons that are very probably one human, kept apart by GitHub's exact rules."""
    GITHUB_COUNT_DIFFERS = "github_count_differs"
    """GitHub's report counts another number of seats than the recount."""
    NO_VERIFIED_DOMAIN_EMAIL = "no_verified_domain_email"
    """A member with no email on a verified domain (often the ones taking two seats)."""
    STALE_SYNC = "stale_sync"
    """A GHES instance whose last license sync is older than the days allowed."""
    FAILED_SYNC = "failed_sync"
    """A GHES instance whose last license sync failed."""
    NEVER_SYNCED = "never_synced"
    """A GHES instance whose export is given but that GitHub's report (or sync) never saw."""
    UNUSED_SUBSCRIPTION = "unused_subscription"
    """A Visual Studio subscription matched to no one: paid for, unused."""
    EXPIRED_SUBSCRIPTION = "expired_subscription"
    """A subscription expired before the as-of date that still takes or matches a seat."""
    INVITATION_ADDS_SEAT = "invitation_adds_seat"
    """A pending invitation that takes a seat of its own."""
    INVITATION_ABSORBED = "invitation_absorbed"
    """A pending invitation to someone who already takes a seat: it adds none."""


class Level(enum.StrEnum):
    """How sure a finding is (thresholds in :data:`~ghlicense.findings.LEVELS`)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class EvidenceKind(enum.StrEnum):
    """One reason for (or against) two persons being one human."""

    SAME_LOCAL_PART = "same_local_part"
    """The emails' local parts are equal after normalising (case, +tag, . _ -)."""
    LOCAL_PART_TYPO = "local_part_typo"
    """One character differs (a substitution or a transposition) in a long local part."""
    LOCAL_PART_WORD = "local_part_word"
    """The GHEC email's local part is a word of the other's (``ada.home`` and ``ada``)."""
    SAME_LOGIN = "same_login"
    """The GHES login equals the GHEC login, or the GHEC email's local part."""
    LOGIN_IN_ADDRESS = "login_in_address"
    """The GHEC login is a word of the email's local part."""
    SAME_NAME = "same_name"
    """The same display name (weighed by how many persons carry it)."""
    SAME_INITIAL_AND_SURNAME = "same_initial_and_surname"
    """The same first initial and surname."""
    DIFFERENT_FIRST_NAMES = "different_first_names"
    """Against: the display names name two different first names."""
    DIFFERENT_SURNAMES = "different_surnames"
    """Against: the same first name, but two different surnames."""
    ALREADY_ON_INSTANCE = "already_on_instance"
    """Against: the GHEC person already has an account on that GHES instance."""
    SEVERAL_CANDIDATES = "several_candidates"
    """Against: the evidence fits other GHEC persons as well (named in ``values``)."""
    GENERIC_LOCAL_PART = "generic_local_part"
    """Against: the local part is short or generic (``admin``, ``build``)."""


@attrs.frozen(kw_only=True)
class Evidence:
    """A piece of evidence for (``weight`` > 0) or against (< 0) a finding.

    Two kinds have weight 0 and say why the confidence is capped or lowered:
    ``several_candidates`` (a near miss that fits others is never above medium) and
    ``generic_local_part`` (the weights of a short or generic local part's evidence,
    ``admin`` or ``build``, are already multiplied by 0.3).

    ``values`` are the values compared, in the kind's order (the candidate's first).
    """

    kind: EvidenceKind
    weight: float
    values: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        """The evidence in words."""
        return evidence_sentence(self)


class FixKind(enum.StrEnum):
    """A change under GitHub's rules that joins two persons (:attr:`Fix.kind`)."""

    SET_GHES_PRIMARY_EMAIL = "set_ghes_primary_email"
    """Set the GHES account's primary email to an email the GHEC account has verified."""
    ADD_VERIFIED_EMAIL = "add_verified_email"
    """Add (and verify) an email on the GHEC account."""
    SET_SUBSCRIBER_UPN = "set_subscriber_upn"
    """Change the Visual Studio subscriber's UPN to an email the GHEC account has verified."""


@attrs.frozen(kw_only=True)
class Fix:
    """One change to make: on *account*, set or add *email*.

    A fix is a suggestion: applying it (:func:`~ghlicense.what_if`) changes nothing but
    a recount in memory.
    """

    kind: FixKind
    account: AccountId
    """The account to change (``server:HOST:ID``, ``cloud:LOGIN`` or ``vs:UPN``)."""
    email: str

    @property
    def sentence(self) -> str:
        """The fix in words."""
        return fix_sentence(self)


@attrs.frozen(kw_only=True)
class Finding:
    """Something to change, with the accounts it is about and the evidence."""

    kind: FindingKind
    accounts: tuple[AccountId, ...] = ()
    """The accounts it is about (for a near miss: the unmatched person's, then the GHEC
    person's)."""
    persons: tuple[str, ...] = ()
    """The keys of the persons it is about."""
    confidence: float = 1.0
    """How sure: a check of the inputs is certain (1.0); a near miss is a guess."""
    level: Level = Level.HIGH
    evidence: tuple[Evidence, ...] = ()
    fix: Fix | None = None
    seats_saved: int = 0
    values: tuple[str, ...] = ()
    """The values a check is about, in its kind's order (see the docs)."""

    @property
    def sentence(self) -> str:
        """The finding in words."""
        return finding_sentence(self)
