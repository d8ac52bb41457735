"""Email addresses: what is one, and the key GitHub matches by."""

from __future__ import annotations

import email_validator
from hypothesis import given
from hypothesis import strategies as st

from ghlicense import email_key, email_problem, is_email
from ghlicense.emails import _PLAIN


def test_keys_fold_case_and_spaces_only() -> None:
    """Only case and surrounding spaces are folded."""
    assert email_key("  A.B+c@Example.COM ") == "a.b+c@example.com"
    assert email_key(email_key(" X@Y.example ")) == email_key(" X@Y.example ")


def test_internal_domains_are_addresses() -> None:
    """GHES on internal domains: corp.local and ghes.internal are addresses; .invalid is not."""
    assert is_email("alice@corp.local")
    assert is_email("bob@ghes.internal")
    assert not is_email("x@host.invalid")


def test_error_messages() -> None:
    """Non-addresses say why, as a sentence fragment."""
    assert email_problem("octocat") == "'octocat' is not an email address: it has no @-sign"
    assert email_problem("bob@") == (
        "'bob@' is not an email address: there must be something after the @-sign"
    )


@given(st.emails())
def test_fast_path_agrees_with_email_validator(address: str) -> None:
    """Every address the fast path accepts, email-validator accepts too."""
    if _PLAIN.fullmatch(address) and len(address) <= 254 and address.index("@") <= 64:
        domain = address.rpartition("@")[2].lower()
        special = any(
            domain == d or domain.endswith("." + d)
            for d in email_validator.SPECIAL_USE_DOMAIN_NAMES
        )
        if not special:
            email_validator.validate_email(
                address, check_deliverability=False, globally_deliverable=False
            )
