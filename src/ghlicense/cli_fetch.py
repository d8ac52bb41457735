"""``ghlicense fetch``: the token, the folder, the clock; the API calls are ghlicense.fetch's.

The token comes from ``GH_TOKEN`` or ``GITHUB_TOKEN``, else from ``gh auth token`` when
the gh command is installed; never from the command line (it would land in the shell's
history), and it is written nowhere. Each file is written atomically; an earlier fetch
is never replaced without ``--force``; the manifest (``ghlicense-fetch.json``) says what
was fetched, when, from where, and GitHub's own totals.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ghlicense.cli_options import version
from ghlicense.cli_progress import PROGRESS

if TYPE_CHECKING:
    from ghlicense.fetch import Pages

__all__ = ["FETCHED_LICENSES", "MANIFEST", "FetchUsageError", "fetch_command"]

MANIFEST = "ghlicense-fetch.json"
"""The manifest's file name in a fetched folder (``audit --from`` reads it, not as an input)."""

FETCHED_LICENSES = "consumed-licenses.json"
"""The consumed licenses' file name in a fetched folder (``diff`` takes such folders)."""

_FILES = {
    "consumed_licenses": FETCHED_LICENSES,
    "license_sync_status": "license-sync-status.json",
    "visual_studio": "visual-studio-subscriptions.json",
    "identities": "identities.json",
}


class FetchUsageError(Exception):
    """The fetch cannot start: no token, the extra missing, a folder in the way."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def _say(text: str) -> None:
    PROGRESS.done()
    print(f"ghlicense: {text}", file=sys.stderr, flush=True)


def _token(api_url: str) -> str:
    for name in ("GH_TOKEN", "GITHUB_TOKEN"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    gh = shutil.which("gh")
    if gh is not None:
        host = urlsplit(api_url).hostname or "github.com"
        host = host.removeprefix("api.")
        try:
            done = subprocess.run(  # noqa: S603 - the gh found on PATH, fixed arguments
                [gh, "auth", "token", "--hostname", host],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    raise FetchUsageError(
        "no token: set GH_TOKEN (or GITHUB_TOKEN) to a token with the "
        "manage_billing:enterprise or read:enterprise scope (admin:enterprise for the "
        "identities), or sign in with 'gh auth login'. The token is never taken from the "
        "command line."
    )


def _folder(args: argparse.Namespace, today: dt.date) -> Path:
    folder = Path(args.out) if args.out else Path(f"{args.enterprise}-{today.isoformat()}")
    if folder.exists() and not folder.is_dir():
        raise FetchUsageError(f"{folder}: this is a file, not a folder; pass --out DIR.")
    if folder.is_dir() and (folder / MANIFEST).exists() and not args.force:
        raise FetchUsageError(
            f"{folder} already holds a fetch ({MANIFEST}); pass --force to replace it, or "
            "--out another folder."
        )
    if folder.is_dir() and not args.force:
        taken = sorted(name for name in _FILES.values() if (folder / name).exists())
        if taken:
            raise FetchUsageError(
                f"{folder} already holds {', '.join(taken)}; pass --force to replace them, "
                "or --out another folder."
            )
    return folder


def _write(folder: Path, name: str, text: str) -> None:
    """Write *text* to *folder*/*name* atomically (a temporary file, then a rename)."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).replace(folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pages_progress(what: str) -> Callable[[int, int | None], None]:
    def show(number: int, last: int | None) -> None:
        PROGRESS.step(f"fetching {what}: page {number}" + (f" of {last}" if last else ""))

    return show


def fetch_command(args: argparse.Namespace) -> None:
    """Run ``ghlicense fetch``.

    Raises:
        FetchUsageError: no token, the ``fetch`` extra missing, the folder in the way.
        FetchError: GitHub's API refused or failed (see :mod:`ghlicense.fetch`).
    """
    try:  # httpx only for this command: import ghlicense never loads it
        fetch = importlib.import_module("ghlicense.fetch")
    except ImportError as missing:
        raise FetchUsageError(
            f"ghlicense fetch needs the 'fetch' extra ({missing.name} is not installed): "
            "pip install 'ghlicense[fetch]'.",
            usage=True,
        ) from None
    now = dt.datetime.now(tz=dt.UTC)
    folder = _folder(args, now.date())
    token = _token(args.api_url)
    waits = fetch.Waits(
        timeout=args.timeout,
        longest=args.max_wait,
        initial=min(1.0, args.max_wait / 4),
        jitter=min(1.0, args.max_wait / 4),
    )
    written: dict[str, str] = {}
    notes: list[str] = []
    parts: list[dict[str, object]] = []
    with fetch.Api(
        token=token,
        url=args.api_url,
        waits=waits,
        say=_say,
        user_agent=f"ghlicense/{version()}",
    ) as api:
        licenses = fetch.consumed_licenses(
            api, args.enterprise, progress=_pages_progress("consumed licenses")
        )
        written["consumed_licenses"] = licenses.text
        parts.append(_part("consumed_licenses", licenses))
        PROGRESS.step("fetching the license sync status")
        found = {
            "license_sync_status": fetch.license_sync_status(api, args.enterprise),
            "visual_studio": fetch.visual_studio(api, args.enterprise),
        }
        if not args.no_identities:
            PROGRESS.step("fetching the identities")
            found["identities"] = fetch.identities(
                api,
                args.enterprise,
                orgs=args.org,
                progress=lambda n: PROGRESS.step(f"fetching the identities: page {n}"),
            )
        for key, result in found.items():
            if isinstance(result, str):
                notes.append(result)  # in the manifest too
                if not args.quiet:
                    _say(result)
            else:
                written[key] = result.text
                parts.append(_part(key, result))
    PROGRESS.done()
    folder.mkdir(parents=True, exist_ok=True)
    _remove_earlier(folder, keep=set(written))
    for key, text in written.items():
        _write(folder, _FILES[key], text)
    manifest = {
        "ghlicense_fetch": 1,
        "enterprise": args.enterprise,
        "api_url": api.url,
        "fetched_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "ghlicense_version": version(),
        "files": parts,
        "notes": notes,
    }
    _write(folder, MANIFEST, json.dumps(manifest, indent=2) + "\n")
    if not args.quiet:
        _say(_summary(parts, folder))


def _part(key: str, pages: Pages) -> dict[str, object]:
    """The manifest's entry of one fetched file."""
    return {
        "file": _FILES[key],
        "endpoint": pages.endpoint,
        "pages": len(pages.pages),
        "rows": pages.rows,
        **pages.totals,
    }


def _remove_earlier(folder: Path, keep: set[str]) -> None:
    """With ``--force``: the files of an earlier fetch that this one did not fetch."""
    for key, name in _FILES.items():
        if key not in keep:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()


def _summary(parts: list[dict[str, object]], folder: Path) -> str:
    """The last line of a fetch: the consumed licenses (first part), GitHub's totals, the rest."""
    licenses, *others = parts
    consumed = licenses.get("total_seats_consumed")
    purchased = licenses.get("total_seats_purchased")
    github = (
        f"; GitHub counts {consumed:,} seats consumed"
        + (f" of {purchased:,} purchased" if purchased is not None else "")
        if consumed is not None
        else ""
    )
    also = ", ".join(f"{part['file']} ({part['rows']:,} rows)" for part in others)
    return (
        f"fetched {licenses['rows']:,} license rows in {licenses['pages']} page(s){github}"
        + (f"; also {also}" if also else "")
        + f". Written to {folder}; audit it with: ghlicense audit --from {folder}"
    )
