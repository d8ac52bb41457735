"""The public interface: what ``import ghlicense`` offers."""

from __future__ import annotations

import ghlicense
from ghlicense import Pipeline, errors


def _isort_style(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions (ruff's RUF022 order)."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and names only things that exist."""
    for module in (ghlicense, errors):
        assert list(module.__all__) == sorted(module.__all__, key=_isort_style)
        assert all(hasattr(module, name) for name in module.__all__)


def test_version() -> None:
    """__version__ comes from the installed metadata."""
    assert ghlicense.__version__ == "0.1.0"


def test_default_pipeline_order() -> None:
    """The built-in matchers run in GitHub's order."""
    assert [m.name for m in Pipeline().matchers] == [
        "saml",
        "scim",
        "verified_email",
        "invitation",
        "visual_studio_upn",
        "github_report",
        "visual_studio_ghes",
    ]
