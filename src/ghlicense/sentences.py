"""The sentences of every explanation, made from its data in this one module.

Explanations (misses, disagreements, notes) are records with a ``kind`` and the values
they are about; every writer, and the records' own sentence fields, take their words
from here. Findings, what-if, redaction and report diffs read the data, never these
sentences.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ghlicense.diff import Change
    from ghlicense.findings.records import Evidence, Finding, Fix
    from ghlicense.matching.links import Disagreement, Miss, Note

__all__ = [
    "COMPARED_WITH",
    "DisagreementKind",
    "MissKind",
    "NoteKind",
    "change_sentence",
    "disagreement_sentence",
    "disagreement_side",
    "evidence_sentence",
    "finding_sentence",
    "fix_sentence",
    "miss_sentence",
    "note_sentence",
    "unmatched_reasons",
]


class MissKind(enum.StrEnum):
    """Why a matcher did not join an account (:attr:`Miss.kind`)."""

    EMAIL_UNKNOWN = "email_unknown"
    """The GHES account's primary email is not known, so no email rule can join it."""
    SAML_NOT_IN_USE = "saml_not_in_use"
    """The SAML rule does not apply: no SAML or SCIM identity is in the inputs."""
    NOT_SAML_VALUE = "not_saml_value"
    """The primary email is no SAML attribute of a linked identity."""
    NOT_SCIM_VALUE = "not_scim_value"
    """The primary email is no SCIM userName or email of a linked identity."""
    NOT_VERIFIED_EMAIL = "not_verified_email"
    """The primary email is no verified email of a GHEC account."""
    INVITATION_NOT_ABSORBED = "invitation_not_absorbed"
    """The invitation went to no login or verified email of someone who consumes."""
    UPN_NOT_VERIFIED = "upn_not_verified"
    """The subscription's UPN is no verified email of a GHEC account."""
    USAGE_BASED_BILLING = "usage_based_billing"
    """A GHES-only account has the UPN, but usage-based billing needs a GHEC account."""
    CUSTOM = "custom"
    """A matcher of the user's own, with its own sentence."""


COMPARED_WITH: dict[str, str] = {
    MissKind.NOT_SAML_VALUE: "saml_attributes",
    MissKind.NOT_SCIM_VALUE: "scim_values",
    MissKind.NOT_VERIFIED_EMAIL: "verified_emails",
    MissKind.INVITATION_NOT_ABSORBED: "consuming_logins_and_verified_emails",
    MissKind.UPN_NOT_VERIFIED: "verified_emails",
    MissKind.USAGE_BASED_BILLING: "ghes_primary_emails",
}
"""What each kind of miss compared the tried value against (:attr:`Miss.compared_with`)."""


class DisagreementKind(enum.StrEnum):
    """How GitHub's report and the recount differ (:attr:`Disagreement.kind`)."""

    JOINED_SINCE_REPORT = "joined_since_report"
    """GitHub lists the account alone; the recount joins it to a GHEC account."""
    MATCHED_ON_HIDDEN_VALUE = "matched_on_hidden_value"
    """GitHub joins it to a GHEC account; no rule does on what the files show."""
    JOINED_ELSEWHERE = "joined_elsewhere"
    """GitHub and the recount join it to two different GHEC accounts."""


class NoteKind(enum.StrEnum):
    """What a note of the inputs is about (:attr:`Note.kind`)."""

    CLOUD_ACCOUNT_TWICE = "cloud_account_twice"
    """A GHEC login on two rows of the cloud report."""
    SERVER_ACCOUNT_TWICE = "server_account_twice"
    """A GHES account in two places (two rows, two exports)."""
    IDENTITY_OF_UNKNOWN_LOGIN = "identity_of_unknown_login"
    """An identity linked to a login the license report does not list."""
    MATCH_CONFLICT = "match_conflict"
    """A matcher would join an account already joined to another GHEC account."""
    UNASSIGNED_SUBSCRIPTIONS = "unassigned_subscriptions"
    """Rows of a Visual Studio export with no email or marked unassigned, skipped."""


def unmatched_reasons(misses: Sequence[Miss], /) -> list[str]:
    """Each reason of *misses* once, in order (two accounts may share a reason)."""
    if len(misses) == 1:
        return [misses[0].reason]
    return list(dict.fromkeys(miss.reason for miss in misses))


_SAML = "a SAML attribute (name, emailaddress, username, NameID, emails) of any linked identity"
_NOT_A_VALUE = {
    MissKind.NOT_SAML_VALUE: _SAML,
    MissKind.NOT_SCIM_VALUE: "the SCIM userName or an email of any linked identity",
    MissKind.NOT_VERIFIED_EMAIL: "a verified email of any GHEC account",
}
"""What a primary email was compared with, for the email rules' misses (most misses)."""


def miss_sentence(miss: Miss, /) -> str:
    """The sentence of a miss (its :attr:`~Miss.reason` when it has no sentence of its own)."""
    kind, tried = miss.kind, miss.tried
    what = _NOT_A_VALUE.get(kind)  # one lookup for the commonest kinds
    if what is not None:
        sentence = f"primary email {tried} is not {what}"
        if miss.identity:
            sentence += (
                f" (it is a value of the identity at {miss.identity}, which is linked to no "
                "GHEC account of the report)"
            )
        return sentence
    if kind == MissKind.EMAIL_UNKNOWN:
        return (
            f"its primary email is unknown ({miss.detail or 'no email'}), so no email rule "
            "can join it"
        )
    if kind == MissKind.SAML_NOT_IN_USE:
        return "SAML is not in use"
    if kind == MissKind.INVITATION_NOT_ABSORBED:
        return (
            f"the invitation to {tried} was not sent to the login or a verified email of "
            "anyone who already consumes a license"
        )
    if kind == MissKind.UPN_NOT_VERIFIED:
        return f"the subscription's UPN {tried} is not a verified email of any GHEC account"
    if kind == MissKind.USAGE_BASED_BILLING:
        return (
            "on usage-based billing a subscription counts only when matched to a GHEC "
            f"account; {miss.related} has the primary email {miss.detail}, but is on GHES only"
        )
    return miss.detail or "no reason given"


_STALE = (
    "GitHub's report predates this match: the email may have been added, verified or "
    "changed after the last license sync. Check the sync time and sync again."
)
_HIDDEN = (
    "GitHub matched it on something these files do not show: a verified email outside "
    "the enterprise's verified domains (the report lists only those), or an email that "
    "has changed since the last sync."
)


def _login(account: str | None) -> str | None:
    return account.removeprefix("cloud:") if account else None


def disagreement_side(account: str | None, /) -> str:
    """``with LOGIN``, or ``matched to no GHEC account``: one side of a disagreement."""
    login = _login(account)
    return f"with {login}" if login else "matched to no GHEC account"


def disagreement_sentence(disagreement: Disagreement, /) -> str:
    """Why GitHub's report and the recount differ on an account."""
    evidence = "; ".join(link.explanation for link in disagreement.links)
    if disagreement.kind == DisagreementKind.MATCHED_ON_HIDDEN_VALUE:
        reasons = "; ".join(unmatched_reasons(disagreement.misses))
        return f"{reasons or 'no rule joins it'}. {_HIDDEN}"
    if disagreement.kind == DisagreementKind.JOINED_ELSEWHERE:
        github = _login(disagreement.github_with)
        return f"{evidence}. GitHub's report puts it with {github} instead. {_STALE}"
    return f"{evidence}. {_STALE}"


def note_sentence(note: Note, /) -> str:
    """The sentence of a note of the inputs."""
    values = note.values
    if note.kind == NoteKind.CLOUD_ACCOUNT_TWICE:
        login, first, second = values
        return (
            f"GHEC account {login} appears twice in {note.source} (lines {first} and "
            f"{second}); it is counted once."
        )
    if note.kind == NoteKind.SERVER_ACCOUNT_TWICE:
        user_id, where, first, second, *emails = values
        detail = f" with different primary emails ({', '.join(emails)})" if len(emails) > 1 else ""
        kept = f", with the email {emails[0]}." if emails else "."
        return (
            f"server account {user_id} on {where} appears twice ({first} and {second})"
            f"{detail}; it is counted once{kept}"
        )
    if note.kind == NoteKind.IDENTITY_OF_UNKNOWN_LOGIN:
        (login,) = values
        return (
            f"the identity at {note.source} {note.place} is linked to {login}, who is not in "
            "the license report; it was not used."
        )
    if note.kind == NoteKind.UNASSIGNED_SUBSCRIPTIONS:
        (count,) = values
        return (
            f"{count} row(s) of {note.source} have no email or are marked unassigned: "
            "subscriptions assigned to no one, so no subscribers; they were skipped."
        )
    matcher, subject, target = values
    return (
        f"{matcher} would also join {subject} to {target}, but it is already joined to "
        "another GHEC account; the first match was kept."
    )


_EVIDENCE = {
    "same_local_part": "{0} and {1} have the same local part once case, +tags and the "
    "separators . _ - are set aside",
    "local_part_typo": "{0} and {1} differ by one character (a typo?)",
    "local_part_word": "the local part of {1} is a word of {0}",
    "same_login": "the GHES login {0} is the GHEC login or the local part of {1}",
    "login_in_address": "the GHEC login {1} is a word of {0}",
    "same_name": "both are named {0}",
    "same_initial_and_surname": "{0} and {1} share the first initial and the surname",
    "different_first_names": "against: {0} and {1} are different first names",
    "different_surnames": "against: {0} and {1} have different surnames",
    "already_on_instance": "against: the GHEC person already has an account on {0}",
    "several_candidates": "against: the evidence fits {0} as well",
    "generic_local_part": (
        "against: the local part of {0} is short or generic, so what it shares weighs less"
    ),
}


def evidence_sentence(evidence: Evidence, /) -> str:
    """A piece of evidence in words."""
    values = evidence.values
    if evidence.kind == "several_candidates":
        return _EVIDENCE["several_candidates"].format(", ".join(values))
    if evidence.kind == "generic_local_part" and values and "@" not in values[0]:
        return f"against: the login {values[0]} is short or generic, so what it shares weighs less"
    return _EVIDENCE[evidence.kind].format(*values, *([""] * 2))


def fix_sentence(fix: Fix, /) -> str:
    """A fix in words: which account to change, and to what."""
    if fix.kind == "set_ghes_primary_email":
        return f"set the primary email of {fix.account} to {fix.email} (verified on GHEC)"
    if fix.kind == "set_subscriber_upn":
        return (
            f"change the Visual Studio subscriber {fix.account} to the UPN {fix.email} "
            "(verified on GHEC)"
        )
    return f"add and verify {fix.email} on {fix.account}"


_CHECKS = {
    "github_count_differs": "GitHub's report counts {0} seat(s); the recount finds {1}",
    "no_verified_domain_email": "{0} has no email on a verified domain ({1}; {2}): GitHub "
    "says these are often the members who take more than one seat",
    "stale_sync": "the last license sync of {0} was on {1}, {2} days ago (more than {3}): "
    "sync again, and after any fix to an email",
    "failed_sync": "the last license sync of {0} ({1}) failed: {2}",
    "never_synced": "{0} has never synced its license usage to GitHub: {1}",
    "unused_subscription": "the Visual Studio subscription {0} is matched to no one: paid "
    "for, unused",
    "expired_subscription": "the Visual Studio subscription {0} expired on {1} but still "
    "counts for {2}",
    "invitation_adds_seat": "the pending invitation to {0} takes a seat of its own: it was "
    "not sent to the login or a verified email of anyone who already takes one",
    "invitation_absorbed": "the pending invitation to {0} adds no seat: {1} already takes "
    "one ({2})",
}


def finding_sentence(finding: Finding, /) -> str:
    """A finding in words: who, how sure, and what to change."""
    if finding.kind in _CHECKS:
        return _CHECKS[finding.kind].format(*finding.values) + "."
    subject, target = finding.accounts[0], finding.accounts[-1]
    saved = (
        f", saving {finding.seats_saved} seat"
        if finding.seats_saved == 1
        else (f", saving {finding.seats_saved} seats" if finding.seats_saved else "")
    )
    fix = f": {fix_sentence(finding.fix)}" if finding.fix is not None else ""
    return (
        f"{subject} is probably {target} ({finding.level}, {finding.confidence:.2f}){fix}{saved}."
    )


def change_sentence(change: Change, /) -> str:
    """One change between two reports, in words."""
    who, values = change.person, change.values
    seats = (
        f" ({change.seats:+d} seat)"
        if abs(change.seats) == 1
        else (f" ({change.seats:+d} seats)" if change.seats else "")
    )
    if change.kind == "added":
        return f"{who} was added{seats}"
    if change.kind == "removed":
        return f"{who} was removed{seats}"
    if change.kind == "joined":
        return f"{who} is now counted with {values[0]}{seats}"
    if change.kind == "renamed":
        return f"{values[0]} was renamed {values[1]} (followed by its verified email)"
    if change.kind == "license_type":
        return f"{who}: license {values[0]} -> {values[1]}{seats}"
    what = "accounts" if change.kind == "accounts" else "verified emails"
    return f"{who}: {what} {', '.join(values)}{seats}"
