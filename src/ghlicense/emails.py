"""Email addresses as GitHub compares them.

GitHub compares addresses case-insensitively and knows no other folding: no removal of
dots or ``+tags``. Whitespace around an address is not part of it. :func:`email_key`
gives the one string two addresses must share to match; :func:`email_problem` says why
a value is not an address at all (a SAML NameID such as ``octocat`` never matches).
"""

from __future__ import annotations

import functools
import re
from typing import NewType

import email_validator

__all__ = ["EmailKey", "email_key", "email_problem", "is_email"]

EmailKey = NewType("EmailKey", str)
"""An address stripped of surrounding whitespace and lower-cased: the matching key."""

# Domains that email-validator refuses as "special use" but that GitHub Enterprise
# Server installations really use for their internal mail (``alice@corp.local``).
_SPECIAL_USE = tuple(
    name for name in email_validator.SPECIAL_USE_DOMAIN_NAMES if name not in {"invalid"}
)


# Plain ASCII addresses (by far the most common) that email-validator would accept:
# a dot-atom local part and a domain of letter-digit-hyphen labels with a letter TLD.
# Anything else (quoted parts, Unicode, odd lengths) goes to email-validator.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_PLAIN_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


@functools.lru_cache(maxsize=4096)
def _plain_domain(domain: str) -> bool:
    """Whether the part after the @-sign settles the address as plain (domains repeat:
    an enterprise's addresses are on a handful of them, each checked once)."""
    return _PLAIN_DOMAIN.fullmatch(domain) is not None and domain[-8:].lower() != ".invalid"


def email_key(address: str, /) -> EmailKey:
    """Return the key GitHub matches *address* by: trimmed and lower-cased.

    >>> email_key("  Mona.Lisa+work@Example.COM ")
    'mona.lisa+work@example.com'
    """
    stripped = address.strip()
    lowered = stripped.lower()
    # An address already in lower case is its own key: one string in memory, not two.
    return EmailKey(stripped if lowered == stripped else lowered)


def email_problem(value: str, /) -> str | None:
    """Say why *value* is not an email address, or return ``None`` when it is one.

    Surrounding whitespace is ignored. Addresses on internal domains (``corp.local``,
    ``ghes.internal``) are accepted: GitHub Enterprise Server is often run on them.

    >>> email_problem("octocat")
    "'octocat' is not an email address: it has no @-sign"
    >>> email_problem("mona@example.com") is None
    True
    """
    address = value.strip()
    if _plain(address):
        return None
    return _careful_problem(address)


def _plain(address: str) -> bool:
    """Whether *address* is a plain ASCII one email-validator would accept (most are).

    The local part is checked in place (a cache of those would overflow), the domain
    once per distinct domain.
    """
    local, at, domain = address.rpartition("@")
    return bool(
        at
        and len(address) <= 254
        and len(local) <= 64
        and _plain_domain(domain)
        and _PLAIN_LOCAL.fullmatch(local)
    )


@functools.lru_cache(maxsize=65536)
def _careful_problem(address: str) -> str | None:
    """Everything the plain-address test does not settle, by email-validator (cached)."""
    if "@" not in address:
        return f"{address!r} is not an email address: it has no @-sign"
    local, _, domain = address.rpartition("@")
    checked = address
    lowered = domain.lower()
    if any(lowered == name or lowered.endswith("." + name) for name in _SPECIAL_USE):
        # Check the local part and the shape of the domain on a stand-in domain.
        labels = lowered.split(".")
        if not all(label and label.replace("-", "").isalnum() for label in labels):
            return f"{address!r} is not an email address: the part after the @-sign is not valid"
        checked = f"{local}@example.com"
    try:
        email_validator.validate_email(
            checked, check_deliverability=False, globally_deliverable=False
        )
    except email_validator.EmailNotValidError as error:
        detail = str(error).rstrip(".")
        detail = detail[:1].lower() + detail[1:]
        return f"{address!r} is not an email address: {detail}"
    return None


def is_email(value: str, /) -> bool:
    """Return whether *value* (ignoring surrounding whitespace) is an email address."""
    return email_problem(value) is None
