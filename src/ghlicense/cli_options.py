"""The command line's options: the ``audit`` and ``diff`` commands and their checks."""

from __future__ import annotations

import argparse
import datetime as dt
from importlib import metadata
from urllib.parse import urlsplit

from ghlicense.limits import DEFAULT_LIMITS
from ghlicense.matching.enterprise import BILLINGS

__all__ = ["parser", "version"]


def parser() -> argparse.ArgumentParser:
    """The parser of ``ghlicense``'s arguments."""
    parser = argparse.ArgumentParser(
        prog="ghlicense",
        description="Explain every GitHub Enterprise seat: who is counted more than once, and why.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    parser.add_argument("--version", action="version", version=f"ghlicense {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "audit",
        help="count seats and explain them",
        description="Re-derive GitHub's seat de-duplication from license files and explain it.",
    )
    run.add_argument(
        "--cloud",
        metavar="FILE",
        action="append",
        default=[],
        help=(
            "GHEC license usage report (CSV, or the REST JSON); repeat it for REST pages "
            "saved one per file. '-' reads standard input"
        ),
    )
    run.add_argument(
        "--server",
        metavar="[HOST=]FILE",
        action="append",
        default=[],
        help="GHES license usage export (JSON), or HOST=all_users.csv; repeat per instance",
    )
    run.add_argument(
        "--identities",
        metavar="FILE",
        action="append",
        default=[],
        help="SAML / SCIM identities (saved GraphQL externalIdentities responses); repeatable",
    )
    run.add_argument(
        "--vs",
        metavar="FILE",
        action="append",
        default=[],
        help="Visual Studio subscribers (admin portal CSV, bulk-add CSV or REST JSON); repeatable",
    )
    dates = run.add_mutually_exclusive_group()
    dates.add_argument(
        "--vs-dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        default=None,
        help="Visual Studio dates are dd/mm/yyyy",
    )
    dates.add_argument(
        "--vs-monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="Visual Studio dates are mm/dd/yyyy",
    )
    run.add_argument(
        "--example",
        action="store_true",
        help="audit the example enterprise bundled with ghlicense",
    )
    run.add_argument(
        "--from",
        dest="from_folders",
        metavar="DIR",
        action="append",
        default=[],
        help=(
            "read every input in DIR by its content (a 'ghlicense fetch' folder, with any "
            "GHES exports or Visual Studio files put there); repeatable, combines with the "
            "other input options"
        ),
    )
    run.add_argument(
        "--format",
        choices=("text", "json", "csv", "markdown", "html"),
        default="text",
        help="report format: a summary (text), the full report (json), one row per person "
        "(csv), tables for GitHub (markdown), or one self-contained page (html)",
    )
    run.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE ('-': standard output)"
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="do not say where the report was written"
    )
    run.add_argument(
        "--keep-going",
        action="store_true",
        help="set bad rows aside, list them on stderr and mark the report partial",
    )
    emu = run.add_mutually_exclusive_group()
    emu.add_argument(
        "--emu",
        dest="emu",
        action="store_const",
        const=True,
        default=None,
        help="the enterprise uses Enterprise Managed Users",
    )
    emu.add_argument(
        "--no-emu",
        dest="emu",
        action="store_const",
        const=False,
        help="the enterprise does not use Enterprise Managed Users",
    )
    run.add_argument(
        "--billing",
        choices=BILLINGS,
        default=None,
        help=(
            "how the enterprise pays: 'bundle' (Visual Studio bundle rules) or 'usage-based' "
            "(metered: a subscription counts only for a GHEC user); default: told from the "
            "report, else bundle"
        ),
    )
    run.add_argument(
        "--verified-domain",
        metavar="DOMAIN",
        action="append",
        default=[],
        help="a verified domain of the enterprise (repeatable); default: told from the report",
    )
    run.add_argument(
        "--sync",
        metavar="FILE",
        action="append",
        default=[],
        help="the license sync status (REST license-sync-status JSON): stale and failed syncs",
    )
    run.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date,
        default=None,
        help="the date to judge a sync's age by (default: today)",
    )
    run.add_argument(
        "--stale-after",
        metavar="DAYS",
        type=_days,
        default=7,
        help="a sync older than this many days is stale (default %(default)s: GitHub syncs weekly)",
    )
    run.add_argument(
        "--redact",
        action="store_true",
        help="replace every email, login, display name and host by a stable pseudonym, to "
        "share the report (with GitHub Support, say)",
    )
    run.add_argument(
        "--redact-key",
        metavar="TEXT",
        default="",
        help="the key of the pseudonyms: the same key gives the same pseudonyms across reports",
    )
    run.add_argument(
        "--what-if",
        metavar="FIXES.json",
        action="append",
        default=[],
        help=(
            "recount with these fixes applied, in memory (a list of {kind, account, email}, "
            "or a report's findings); repeatable"
        ),
    )
    run.add_argument(
        "--what-if-suggested",
        action="store_true",
        help="recount with the fix of every high-confidence near miss applied, in memory",
    )
    run.add_argument(
        "--max-file-size",
        metavar="MIB",
        type=_mebibytes,
        default=DEFAULT_LIMITS.max_bytes // 2**20,
        help="refuse input files larger than this many MiB (default %(default)s)",
    )
    run.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    compare = commands.add_parser(
        "diff",
        help="say who changed between two license reports, and why the count moved",
        description=(
            "Compare two GHEC license usage reports (CSV or REST JSON, any header spelling): "
            "who was added or removed, whose license type or accounts changed."
        ),
    )
    compare.add_argument(
        "old", metavar="OLD", help="the earlier report (or a folder of 'ghlicense fetch')"
    )
    compare.add_argument(
        "new", metavar="NEW", help="the later report (or a folder of 'ghlicense fetch')"
    )
    compare.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text", help="report format"
    )
    compare.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE ('-': standard output)"
    )
    compare.add_argument(
        "-q", "--quiet", action="store_true", help="do not say where the report was written"
    )
    compare.add_argument(
        "--max-file-size",
        metavar="MIB",
        type=_mebibytes,
        default=DEFAULT_LIMITS.max_bytes // 2**20,
        help="refuse input files larger than this many MiB (default %(default)s)",
    )
    compare.add_argument(
        "--redact", action="store_true", help="pseudonyms for every email, login, name and host"
    )
    compare.add_argument(
        "--redact-key", metavar="TEXT", default="", help="the key of the pseudonyms"
    )
    compare.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    compare.set_defaults(keep_going=False, dayfirst=None)
    _fetch_parser(commands)
    return parser


def _fetch_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fetch = commands.add_parser(
        "fetch",
        help="fetch every input GitHub's APIs give into a folder, to audit with --from",
        description=(
            "Fetch the consumed licenses (every page), the license sync status, the Visual "
            "Studio subscriptions and the SAML/SCIM identities of an enterprise into a "
            "folder. The token comes from GH_TOKEN or GITHUB_TOKEN (or 'gh auth token'), "
            "never from the command line."
        ),
    )
    fetch.add_argument("--enterprise", metavar="SLUG", required=True, help="the enterprise's slug")
    fetch.add_argument(
        "--api-url",
        metavar="URL",
        type=_api_url,
        default="https://api.github.com",
        help="the API's address: https://api.SUBDOMAIN.ghe.com for data residency "
        "(default %(default)s)",
    )
    fetch.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="the folder to write (default: SLUG-YYYY-MM-DD, today's date)",
    )
    fetch.add_argument(
        "--org",
        metavar="ORG",
        action="append",
        default=[],
        help="fetch the identities of this organization (SAML set per organization); repeatable",
    )
    fetch.add_argument(
        "--no-identities",
        action="store_true",
        help="do not fetch the SAML/SCIM identities (they need the admin:enterprise scope)",
    )
    fetch.add_argument(
        "--force", action="store_true", help="replace an earlier fetch in the same folder"
    )
    fetch.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        default=60.0,
        help="give up on an answer after this long, then try again (default %(default)s)",
    )
    fetch.add_argument(
        "--max-wait",
        metavar="SECONDS",
        type=_seconds,
        default=60.0,
        help="the longest wait between tries, whatever GitHub's rate limit asks for "
        "(default %(default)s)",
    )
    fetch.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="say nothing but errors and waits (the notes stay in the manifest)",
    )
    fetch.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def _api_url(text: str) -> str:
    """An https:// address (http:// only on this machine: the token must not travel in clear)."""
    parts = urlsplit(text.strip())
    loopback = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if not parts.hostname or parts.scheme not in {"https", "http"}:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an address like https://api.github.com or https://api.SUBDOMAIN.ghe.com"
        )
    if parts.scheme == "http" and not loopback:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not https: the token would travel unencrypted"
        )
    return text.strip()


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 3600")
    return value


def version() -> str:
    """The installed distribution's version (for --version and the fetch's User-Agent)."""
    try:
        return metadata.version("ghlicense")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare source tree
        return "(not installed)"


def _mebibytes(value: str) -> int:
    """``--max-file-size``: a whole number of MiB, at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a whole number of MiB (for example 4096)"
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} MiB is too small: give 1 or more")
    return number


def _date(value: str) -> dt.date:
    """``--as-of``: a date ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date of the form YYYY-MM-DD (for example 2026-12-01)"
        ) from None


def _days(value: str) -> int:
    """``--stale-after``: a whole number of days, 0 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of days") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value} days is negative: give 0 or more")
    return number
