"""What a matcher says: two accounts are one person (a link), or why it joined nothing."""

from __future__ import annotations

import attrs

from ghlicense.matching.accounts import AccountId

__all__ = ["Disagreement", "Link", "Miss"]


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
    """Why a matcher did not join an account to anyone."""

    subject: AccountId
    matcher: str
    reason: str


@attrs.frozen(kw_only=True)
class Disagreement:
    """Where GitHub's own grouping (in its report) differs from the recount, and why."""

    account: AccountId
    github: str
    """What GitHub's report says of the account."""
    recount: str
    """What ghlicense's recount says."""
    reason: str
