"""The persons as rows of display labels, made once for the CSV, Markdown, HTML and pandas
writers (the JSON report writes its own, richer, person objects)."""

from __future__ import annotations

import attrs

from ghlicense.matching.audit import Audit, Person

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
    )


def person_rows(audit: Audit, /) -> list[PersonRow]:
    """Every person of *audit* as a row, in the audit's order."""
    findings: dict[str, list[str]] = {}
    for finding in audit.findings:
        for key in finding.persons:
            findings.setdefault(key, []).append(str(finding.kind))
    return [_row(person, findings) for person in audit.persons]
