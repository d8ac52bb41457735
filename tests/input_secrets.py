"""What a redacted report must not show: the inputs' emails, logins, names and hosts."""

from __future__ import annotations

import re

import ghlicense


def secrets_of(audit: ghlicense.Audit) -> set[str]:
    """Every email, login, display name and host the audit's inputs hold, lower-cased,
    with the domains of the emails."""
    found: set[str] = set()
    e = audit.enterprise
    for a in e.cloud:
        found |= {a.login, *a.verified_emails, a.name or "", a.saml_name_id or ""}
    for s in e.server:
        found |= {s.host, s.primary_email or "", s.login or "", s.name or ""}
    found |= {i.invitee for i in e.invitations}
    found |= {x for v in e.subscriptions for x in (v.upn, v.name or "")}
    found |= {i.host_name or "" for i in e.instances}
    for identity in (*e.identities, *e.unlinked_identities):
        found.add(identity.login or "")
        if identity.saml is not None:
            found |= {identity.saml.name_id or "", *identity.saml.emails}
    settings = audit.check_settings
    if settings is not None and settings.sync is not None:
        found |= {i.hostname or "" for i in settings.sync.instances}
    for email in [x for x in found if "@" in x]:
        found.add(email.rpartition("@")[2])  # the domains too
    return {x.strip().lower() for x in found if x.strip()}


def leaks(text: str, secrets: set[str]) -> list[str]:
    """The secrets *text* shows, as whole values (not inside a longer word)."""
    lowered = text.lower()
    return sorted(
        s for s in secrets if re.search(rf"(?<![\w.@-]){re.escape(s)}(?![\w@-])", lowered)
    )
