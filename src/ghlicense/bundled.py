"""The example enterprise bundled with ghlicense: its files, and its audit."""

from __future__ import annotations

from importlib import resources

from ghlicense.matching.audit import Audit
from ghlicense.matching.pipeline import audit
from ghlicense.parsers.cloud_csv import parse_cloud_csv
from ghlicense.parsers.server_export import parse_server_export

__all__ = ["EXAMPLE_FILES", "example", "example_files"]

EXAMPLE_FILES = ("cloud-report.csv", "ghes-main.json", "ghes-eu.json")
"""The example's files: the cloud report and two GHES exports."""


def example_files() -> dict[str, str]:
    """The text of each example file, by name (the package's own data, read as text)."""
    folder = resources.files("ghlicense").joinpath("example")
    return {name: folder.joinpath(name).read_text(encoding="utf-8") for name in EXAMPLE_FILES}


def example() -> Audit:
    """The audit of the example enterprise: a start for a notebook, without files.

    >>> result = example()
    >>> result.total_seats
    35
    """
    files = example_files()
    return audit(
        cloud=parse_cloud_csv(files["cloud-report.csv"], source="example/cloud-report.csv"),
        servers=[
            parse_server_export(files[name], source=f"example/{name}") for name in EXAMPLE_FILES[1:]
        ],
    )
