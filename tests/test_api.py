"""The public interface: what ``import ghlicense`` offers."""

from __future__ import annotations

import os
import re
import tomllib
import types
from importlib import metadata, resources
from pathlib import Path

import ghlicense
from ghlicense import Pipeline, errors

ROOT = Path(__file__).resolve().parents[1]


def _isort_style(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions (ruff's RUF022 order)."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and names only things that exist."""
    for module in (ghlicense, errors):
        assert list(module.__all__) == sorted(module.__all__, key=_isort_style)
        assert all(hasattr(module, name) for name in module.__all__)


def test_version() -> None:
    """__version__ is the installed distribution's version, which is pyproject.toml's."""
    assert ghlicense.__version__ == metadata.version("ghlicense")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert ghlicense.__version__ == project["version"]


def test_all_holds_exactly_the_public_names_each_documented() -> None:
    """Every public name of the package is in __all__ (and nothing else is), and each is
    documented: a docstring of its own, or an entry of the API page."""
    public = {
        name
        for name, value in vars(ghlicense).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public == set(ghlicense.__all__)
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\.\. py:(?:data|class):: ghlicense\.(\w+)$", api, re.MULTILINE))
    undocumented = [
        name
        for name in ghlicense.__all__
        if name not in listed
        and not (
            isinstance(getattr(ghlicense, name), type | types.FunctionType)
            and (getattr(ghlicense, name).__doc__ or "").strip()
        )
    ]
    assert undocumented == []
    assert "__version__" in listed


def test_the_tests_run_against_the_installed_package() -> None:
    """Under ``nox -s tests`` the package is the installed wheel, not the source tree,
    and it carries its data files."""
    location = Path(ghlicense.__file__).resolve()
    if os.environ.get("GHLICENSE_TEST_INSTALLED") == "1":
        assert ROOT / "src" not in location.parents, location
    files = resources.files("ghlicense")
    assert (files / "schema" / "report-v1.json").is_file()
    assert all((files / "example" / name).is_file() for name in ghlicense.EXAMPLE_FILES)
    assert (files / "py.typed").is_file()


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
