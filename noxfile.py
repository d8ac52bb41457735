"""Development tasks: ``nox`` runs tests, lint and typing on the Python that runs nox."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typing"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (golden files, properties, error messages)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "tests"))
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check) and codespell."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", "src", "tests", "bench", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "bench", "noxfile.py")
    session.run("codespell", "--skip", "docs/_build", "src", "docs", "README.md", "CHANGELOG.md")


@nox.session
def typing(session: nox.Session) -> None:
    """mypy --strict on the package and the tests."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "typing"))
    session.run("mypy")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The property tests with many more examples than the default run."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "tests"))
    session.run("pytest", "--hypothesis-profile=long", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation (Sphinx, furo, MyST) into docs/_build, warnings as errors."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build")
