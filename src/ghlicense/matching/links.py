"""What a matcher says: two accounts are one person (a link), or why it joined nothing."""

from __future__ import annotations

import attrs

from ghlicense.matching.accounts import AccountId
from ghlicense.sentences import (
    COMPARED_WITH,
    DisagreementKind,
    MissKind,
    NoteKind,
    disagreement_sentence,
    disagreement_side,
    miss_sentence,
    note_sentence,
)

__all__ = ["Disagreement", "Link", "Miss", "Note"]


@attrs.frozen(kw_only=True)
class Link:
    """Two accounts are one person, and the evidence for it.

    Attributes:
        subject: The account that was matched (a GHES account, a subscription, ...).
        target: The account it was joined to (usually a GHEC account).
        matcher: The name of the matcher that made the link.
        attribute: Which attribute of the target held the value (``SAML NameID``, ...).
        value: The value as the target holds it.
        subject_value: The subject's value that equals it (its primary email, ...).
    """

    subject: AccountId
    target: AccountId
    matcher: str
    attribute: str
    value: str
    subject_value: str = ""

    @property
    def explanation(self) -> str:
        """One sentence: which value of the subject equals which attribute of the target."""
        if self.subject_value:
            return (
                f"{self.subject} has {self.subject_value!r}, which equals the {self.attribute} "
                f"{self.value!r} of {self.target} (matcher {self.matcher})"
            )
        return (
            f"{self.subject} joined {self.target}: {self.attribute} {self.value!r} "
            f"(matcher {self.matcher})"
        )


@attrs.frozen(kw_only=True)
class Miss:
    """Why a matcher did not join an account to anyone: a kind and the values it is about.

    Attributes:
        subject: The account that was not joined.
        matcher: The name of the matcher.
        kind: Why (:class:`~ghlicense.sentences.MissKind`); ``custom`` for a matcher of
            the user's own, whose ``reason`` says it.
        tried: The subject's value that was tried (its primary email, UPN, invitee).
        key: That value's matching key (lower-cased, trimmed).
        compared_with: What it was compared against (``verified_emails``,
            ``saml_attributes``, ...): by default the kind's, from
            ``ghlicense.sentences.COMPARED_WITH``.
        related: Another account the miss is about (the GHES account on usage-based
            billing).
        identity: The position of an identity linked to no one that holds the value.
        detail: A value of its own kind (why an email is unknown, the related
            account's email).
        reason: The sentence, made from the data (or given, for ``custom``).
    """

    subject: AccountId
    matcher: str
    kind: MissKind = MissKind.CUSTOM
    tried: str | None = None
    key: str | None = None
    compared_with: str | None = attrs.field()
    related: AccountId | None = None
    identity: str | None = None
    detail: str | None = None
    reason: str = attrs.field()

    @compared_with.default
    def _compared_with(self) -> str | None:
        return COMPARED_WITH.get(self.kind)

    @reason.default
    def _reason(self) -> str:
        return miss_sentence(self)


@attrs.frozen(kw_only=True)
class Disagreement:
    """Where GitHub's own grouping (in its report) differs from the recount, and why.

    Attributes:
        account: The account the two place differently.
        kind: How they differ (:class:`~ghlicense.sentences.DisagreementKind`).
        github_with: The GHEC account GitHub's report puts it with (``None``: alone).
        recount_with: The GHEC account the recount puts it with (``None``: alone).
        links: The recount's links that join the account (the evidence).
        misses: Why no rule joins it, when the recount leaves it alone.
        github: GitHub's side, in words (``with LOGIN``).
        recount: The recount's side, in words.
        reason: The cause and what to do, in words.
    """

    account: AccountId
    kind: DisagreementKind = DisagreementKind.JOINED_SINCE_REPORT
    github_with: AccountId | None = None
    recount_with: AccountId | None = None
    links: tuple[Link, ...] = ()
    misses: tuple[Miss, ...] = ()
    github: str = attrs.field()
    recount: str = attrs.field()
    reason: str = attrs.field()

    @github.default
    def _github(self) -> str:
        return disagreement_side(self.github_with)

    @recount.default
    def _recount(self) -> str:
        return disagreement_side(self.recount_with)

    @reason.default
    def _reason(self) -> str:
        return disagreement_sentence(self)


@attrs.frozen(kw_only=True)
class Note:
    """An inconsistency of the inputs found while gathering or matching.

    ``str(note)`` is its sentence.

    Attributes:
        kind: What it is about (:class:`~ghlicense.sentences.NoteKind`).
        source: The input it is in.
        place: Where in that input (``line 3``, a JSON Pointer), if one place.
        subject: The account it is about, if one.
        values: The values it is about, in the kind's order (see the docs).
    """

    kind: NoteKind
    source: str = ""
    place: str = ""
    subject: AccountId | None = None
    values: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        """The note in words."""
        return note_sentence(self)

    def __str__(self) -> str:
        return self.sentence
