"""Development tasks: ``nox`` runs tests, lint and typing on the Python that runs nox."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typing"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _wheel(session: nox.Session) -> str:
    """Build ghlicense's wheel into the session's folder; return its path."""
    out = Path(session.create_tmp()) / "wheel"
    shutil.rmtree(out, ignore_errors=True)
    session.run("python", "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), ".")
    (wheel,) = out.glob("ghlicense-*.whl")
    return str(wheel)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite against the installed wheel (not the source tree), so a
    file missing from the package (the example, the JSON Schema) fails the tests."""
    session.install(
        *PYPROJECT["project"]["dependencies"], *nox.project.dependency_groups(PYPROJECT, "tests")
    )
    session.install("--force-reinstall", "--no-deps", _wheel(session))  # this build, always
    session.run("pytest", *session.posargs, env={"GHLICENSE_TEST_INSTALLED": "1"})


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
    """Build the documentation into docs/_build and run its examples: warnings and
    unresolved references are errors (``-W -n``)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    strict = ("-W", "-n", "--keep-going", "-q")
    session.run("sphinx-build", *strict, "-b", "html", "docs", "docs/_build")
    session.run("sphinx-build", *strict, "-b", "doctest", "docs", "docs/_build/doctest")


@nox.session
def build(session: nox.Session) -> None:
    """The sdist and the wheel into dist/, checked by twine; then the wheel installed in
    a fresh virtual environment runs the main job (``ghlicense audit --example``)."""
    session.install("build", "twine")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("twine", "check", "--strict", *sorted(str(p) for p in Path("dist").iterdir()))
    (wheel,) = Path("dist").glob("ghlicense-*.whl")
    fresh = Path(session.create_tmp()) / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    session.run("python", "-m", "venv", str(fresh))
    python = fresh / "bin" / "python"
    session.run(str(python), "-m", "pip", "install", "-q", str(wheel.resolve()), external=True)
    session.run(str(fresh / "bin" / "ghlicense"), "audit", "--example", external=True)
