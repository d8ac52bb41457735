"""The persons as rows of display labels, one label per value for every writer (the CSV,
Markdown, HTML and notebook views and the pandas frames); the JSON report writes the
records themselves."""

from __future__ import annotations

import attrs

from ghlicense.matching.audit import Audit, Person
from ghlicense.sentences import unmatched_reasons

__all__ = ["PersonRow", "person_rows"]


@attrs.frozen(kw_only=True)
class PersonRow:
    """One person as the writers show it: each field a label (lists joined by ``"; "``)."""

    id: str
    cloud_login: str
    name: str
    server_accounts: str
    primary_emails: str
    visual_studio_emails: str
    invitations: str
    deployments: str
    consumes_seat: bool
    license_type: str
    matched_by: str
    findings: str
    """The kinds of the findings about the person."""
    accounts: str
    """Every account but the GHEC one: ``HOST:ID (email)``, ``vs:UPN``, ``invitation:X``."""
    explanation: str
    """Why the accounts are one person (each link), or why none was joined (each miss)."""


def _accounts(person: Person) -> str:
    return "; ".join(
        [f"{a.host_label}:{a.user_id} ({a.primary_email or 'no email'})" for a in person.server]
        + [f"vs:{s.upn}" for s in person.subscriptions]
        + [f"invitation:{i.invitee}" for i in person.invitations]
    )


def _explanation(person: Person) -> str:
    why = "; ".join(
        f"{link.subject} by {link.attribute} {link.value} ({link.matcher})" for link in person.links
    ) or "; ".join(unmatched_reasons(person.misses))
    return why or "a GHEC account on its own"


def _row(person: Person, findings: dict[str, list[str]]) -> PersonRow:
    return PersonRow(
        id=person.key,
        cloud_login=person.cloud_login or "",
        name=next((a.name for a in person.cloud if a.name), "") or "",
        server_accounts="; ".join(f"{a.host_label}:{a.user_id}" for a in person.server),
        primary_emails="; ".join(a.primary_email or "" for a in person.server),
        visual_studio_emails="; ".join(s.upn for s in person.subscriptions),
        invitations="; ".join(i.invitee for i in person.invitations),
        deployments="; ".join(person.deployments),
        consumes_seat=person.consumes_seat,
        license_type=person.license_type or "",
        matched_by="; ".join(person.matched_by),
        findings="; ".join(findings.get(person.key, ())),
        accounts=_accounts(person),
        explanation=_explanation(person),
    )


def person_rows(audit: Audit, /, *, limit: int | None = None) -> list[PersonRow]:
    """The persons of *audit* as rows, in the audit's order (the first *limit* of them)."""
    findings: dict[str, list[str]] = {}
    for finding in audit.findings:
        for key in finding.persons:
            findings.setdefault(key, []).append(str(finding.kind))
    persons = audit.persons if limit is None else audit.persons[:limit]
    return [_row(person, findings) for person in persons]
