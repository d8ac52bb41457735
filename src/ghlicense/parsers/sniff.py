"""One entry point for any file: recognise its format from its content and parse it."""

from __future__ import annotations

import json
from typing import Literal

import attrs

from ghlicense.errors import ServerExportError, UnknownFormatError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers._cloud_columns import COLUMNS, normalise_header
from ghlicense.parsers._csv import records, refuse_table_later
from ghlicense.parsers._json import syntax_problem
from ghlicense.parsers._text import decode
from ghlicense.parsers.cloud_csv import parse_cloud_csv
from ghlicense.parsers.cloud_json import parse_cloud_json
from ghlicense.parsers.identities import parse_identities
from ghlicense.parsers.server_export import parse_server_export
from ghlicense.parsers.server_users_csv import parse_server_users_csv
from ghlicense.parsers.sync_status import parse_sync_status
from ghlicense.parsers.visual_studio import parse_visual_studio
from ghlicense.records.cloud import CloudReport
from ghlicense.records.identities import IdentitySet
from ghlicense.records.server import ServerExport
from ghlicense.records.sync import SyncStatusReport
from ghlicense.records.visual_studio import VisualStudioList

__all__ = ["FORMAT_NAMES", "Format", "Parsed", "detect_format", "parse_any"]

Format = Literal[
    "cloud_csv",
    "cloud_json",
    "server_export",
    "server_users_csv",
    "identities",
    "visual_studio",
    "sync_status",
]

FORMAT_NAMES: dict[str, str] = {
    "cloud_csv": "a GHEC license usage report (CSV)",
    "cloud_json": "GHEC consumed licenses from the REST API (JSON)",
    "server_export": "a GHES license usage export (JSON)",
    "server_users_csv": "a GHES site admin 'All users' report (CSV)",
    "identities": "SAML / SCIM identities from the GraphQL API (JSON)",
    "visual_studio": "a Visual Studio subscribers list",
    "sync_status": "the license sync status from the REST API (JSON)",
}
"""How each format is named in messages."""

_USER_LIST_HEADERS = frozenset(
    {"id", "created_at", "suspended?", "raw_login", "2fa_enabled?", "last_logged_ip", "dormant?"}
)
"""Columns of GitHub's users reports (all users, dormant users), besides ``login``."""

_VS_HEADERS = {
    "email address",
    "sign-in email",
    "sign in email",
    "subscriber name",
    "subscription level",
}


@attrs.frozen(kw_only=True)
class Parsed:
    """A file parsed by :func:`parse_any`: its format and its records."""

    format: Format
    value: CloudReport | ServerExport | IdentitySet | VisualStudioList | SyncStatusReport


def detect_format(data: str | bytes, /, *, source: str = "input") -> Format:
    """Say which input format *data* is, from its content alone.

    Raises:
        UnknownFormatError: it is none of them; the message says what it looks like
            ("an HTML page", "a CSV whose header has none of ...", "empty file", ...).
    """
    text = decode(data, source=source, error=UnknownFormatError)
    stripped = text.lstrip()
    if not stripped:
        raise UnknownFormatError("this is an empty file; pass the file itself.", source=source)
    if stripped[:1] == "<":
        page = (
            "an HTML page"
            if stripped[:200].lower().find("<html") >= 0
            or stripped[:15].lower().startswith("<!doctype")
            else "an XML or HTML document"
        )
        raise UnknownFormatError(
            f"this is {page}, not a license file; a browser may have saved a sign-in or "
            "error page instead of the file.",
            source=source,
        )
    if stripped[:1] in {"{", "["}:
        return _json_format(stripped, source)
    return _csv_format(text, source)


def _first_document(text: str, source: str) -> object:
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        raise UnknownFormatError(
            f"this starts like JSON but is not valid JSON ({syntax_problem(exc)}); download "
            "the file again.",
            source=source,
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise UnknownFormatError(
            "this JSON is nested deeper than any license file is; check that this is the "
            "right file.",
            source=source,
        ) from None
    if isinstance(value, list) and value:
        return value[0]
    return value


_LARGE = 2**20
_SIGNS: tuple[tuple[Format, tuple[str, ...]], ...] = (
    ("cloud_json", ('"users"', '"github_com_login"')),
    ("server_export", ('"users"', '"user_id"')),
    ("identities", ('"externalIdentities"',)),
    ("visual_studio", ('"visual_studio_subscription_email"',)),
)


def _json_format(text: str, source: str) -> Format:
    if len(text) > _LARGE:
        # A large file is told by the keys near its start: decoding it all just to look
        # would double the cost of reading it. Its parser still checks everything.
        head = text[:65536]
        for kind, signs in _SIGNS:
            if all(sign in head for sign in signs):
                return kind
    document = _first_document(text, source)
    if not isinstance(document, dict):
        raise UnknownFormatError(
            "this is JSON of none of the license formats (a list that does not hold objects).",
            source=source,
        )
    keys = set(document)
    if "users" in keys:
        users = document["users"]
        first = users[0] if isinstance(users, list) and users else {}
        if "total_seats_consumed" in keys or (
            isinstance(first, dict) and "github_com_login" in first
        ):
            return "cloud_json"
        return "server_export"
    if "server_instances" in keys or (
        isinstance(document.get("properties"), dict)
        and "server_instances" in document["properties"]
    ):
        return "sync_status"
    if keys & {
        "visual_studio_subscriptions",
        "visual_studio_subscription_assignments",
        "visual_studio_subscription_email",
    }:
        return "visual_studio"
    if keys & {"data", "errors", "externalIdentities", "nodes", "edges", "samlIdentity"}:
        return "identities"
    shown = ", ".join(repr(key) for key in sorted(keys)[:5]) or "none"
    raise UnknownFormatError(
        f"this is JSON of none of the license formats (its top-level keys are {shown}).",
        source=source,
    )


def _csv_format(text: str, source: str) -> Format:
    # A page with a table in it: said so, rather than "none of the license columns".
    refuse_table_later(text, source=source, error=UnknownFormatError)
    try:
        header = next(records(text, source=source, error=UnknownFormatError), (1, []))[1]
    except UnknownFormatError:
        header = []
    names = {normalise_header(cell) for cell in header}
    if names & set(COLUMNS):
        return "cloud_csv"
    plain = {cell.replace("\ufeff", "").strip().lower() for cell in header}
    if "login" in plain and "email" not in plain and plain & _USER_LIST_HEADERS:
        raise UnknownFormatError(
            "this is a list of users without email addresses (a dormant-users report, or a "
            "users report without its email column), not a license file: accounts without "
            "emails cannot be matched. Pass the license usage report with --cloud, and for "
            "each GHES instance its license usage export, or its site admin 'All users' "
            "report, with --server.",
            source=source,
        )
    if {"id", "login"} <= plain or (
        "login" in plain and plain & {"created_at", "suspended?", "raw_login", "2fa_enabled?"}
    ):
        return "server_users_csv"  # its parser says what a users report lacks
    if plain & _VS_HEADERS or "email" in plain:
        return "visual_studio"
    first = ", ".join(repr(cell.strip()) for cell in header[:3]) or "nothing readable"
    raise UnknownFormatError(
        "this is not a license file: it is a CSV (or text) whose header has none of the "
        f"license report's columns (it starts with {first}).",
        source=source,
    )


@paused_gc
def parse_any(
    data: str | bytes,
    /,
    *,
    source: str = "input",
    strict: bool = True,
    host: str | None = None,
    dayfirst: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Parsed:
    """Recognise the format of *data* (:func:`detect_format`) and parse it.

    Args:
        host: The GHES host name, needed only for a site admin ``all_users.csv``.
        dayfirst: How to read ``nn/nn/yyyy`` dates of a Visual Studio export.
        limits: Size limits checked before parsing.

    Raises:
        UnknownFormatError: the file is none of the formats.
        ServerExportError: an ``all_users.csv`` was given without *host*.
        ParseError: as the format's own parser raises.
    """
    text = decode(data, source=source, error=UnknownFormatError, limits=limits)
    kind = detect_format(text, source=source)
    value: CloudReport | ServerExport | IdentitySet | VisualStudioList | SyncStatusReport
    if kind == "cloud_csv":
        value = parse_cloud_csv(text, source=source, strict=strict, limits=limits)
    elif kind == "cloud_json":
        value = parse_cloud_json(text, source=source, strict=strict, limits=limits)
    elif kind == "server_export":
        value = parse_server_export(text, source=source, strict=strict, limits=limits)
    elif kind == "server_users_csv":
        if host is None:
            parse_server_users_csv(text, host="", source=source, strict=strict, limits=limits)
            raise ServerExportError(
                "this is a GHES site admin 'All users' report, which does not name its "
                "instance; say which host it is from (on the command line: --server "
                "HOST=FILE, for example --server ghes.example.com=all_users.csv).",
                source=source,
            )
        value = parse_server_users_csv(text, host=host, source=source, strict=strict, limits=limits)
    elif kind == "identities":
        value = parse_identities(text, source=source, strict=strict, limits=limits)
    elif kind == "visual_studio":
        value = parse_visual_studio(
            text, source=source, strict=strict, dayfirst=dayfirst, limits=limits
        )
    else:
        value = parse_sync_status(text, source=source, limits=limits)
    return Parsed(format=kind, value=value)
