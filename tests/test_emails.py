"""Email addresses: what is one, and the key GitHub matches by."""

from __future__ import annotations

import re

import email_validator
from hypothesis import given
from hypothesis import strategies as st

from ghlicense import email_key, email_problem, is_email
from ghlicense.emails import _ATEXT, _plain


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
    if _plain(address):
        domain = address.rpartition("@")[2].lower()
        special = any(
            domain == d or domain.endswith("." + d)
            for d in email_validator.SPECIAL_USE_DOMAIN_NAMES
        )
        if not special:
            email_validator.validate_email(
                address, check_deliverability=False, globally_deliverable=False
            )


_WHOLE = re.compile(
    rf"{_ATEXT}(?:\.{_ATEXT})*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+[A-Za-z]{{2,63}}"
)
"""The fast path as one regular expression (as it was written before its domain part was
looked up once per domain)."""


@given(
    st.one_of(
        st.emails(),
        st.text(alphabet=st.sampled_from("ab.-@_+Z9 "), max_size=30),
        st.builds(
            lambda local, domain: f"{local}@{domain}",
            st.text(alphabet=st.sampled_from("a.+-@"), min_size=0, max_size=70),
            st.sampled_from(["example.com", "x.invalid", "X.INVALID", "a-.com", "b.c", "c@d.com"]),
        ),
    )
)
def test_fast_path_accepts_what_the_whole_expression_accepted(address: str) -> None:
    """Split at the last @-sign, with the domain checked once per domain: the same
    addresses as the one expression, the length limits and the .invalid check."""
    whole = bool(
        _WHOLE.fullmatch(address)
        and len(address) <= 254
        and address.index("@") <= 64
        and address[-8:].lower() != ".invalid"
    )
    assert _plain(address) == whole
