"""The columns of the GHEC license usage report, in every spelling seen in the wild."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable

from ghlicense.parsers import _cells
from ghlicense.records.cloud import ServerId

__all__ = ["COLUMNS", "REPEATING", "REQUIRED", "Column", "normalise_header"]

Column = tuple[str, Callable[[str], object]]
"""The :class:`~ghlicense.records.CloudRow` attribute a column fills, and its cell reader."""


def _server_ids(cell: str) -> object:
    if not cell:
        return ()
    if "," not in cell:  # one account: most cells
        item = cell.strip()
        return (_server_id(item),) if item else ()
    return tuple(map(_server_id, _cells.read_list(cell)))


def _server_id(item: str) -> object:
    """``USER_ID:HOSTNAME:ROLE`` read with its host and role looked up (they repeat on
    every row); any other form by :func:`~ghlicense.parsers._cells.read_server_id`."""
    head, _, tail = item.partition(":")
    if _cells.is_digits(head):
        host_role = _host_and_role(tail)
        user_id = int(head)
        if host_role is not None and 0 < user_id <= _cells.MAX_USER_ID:
            return ServerId(user_id=user_id, host=host_role[0], role=host_role[1])
    return _cells.read_server_id(item)


def _member_roles(cell: str) -> object:
    """``ORG:ROLE`` items: each repeats on the rows of every member of the organization,
    so each is kept as one string (interned), not one per row."""
    if "," not in cell:  # one organization, or none: most cells
        item = cell.strip()
        return (sys.intern(item),) if item else ()
    return tuple(map(sys.intern, _cells.read_list(cell)))


@functools.lru_cache(maxsize=1024)
def _host_and_role(tail: str) -> tuple[str, str | None] | None:
    """``HOSTNAME:ROLE`` (the part after the user id) as read_server_id reads it, or
    ``None`` when that form does not apply."""
    host, colon, role = tail.partition(":")
    if not colon or not host:
        return None  # a bare id, HOSTNAME:USER_ID, or no host: read_server_id says
    kept = role.strip() or None
    return sys.intern(host.strip()), kept and sys.intern(kept)


COLUMNS: dict[str, Column] = {
    "github_com_login": ("login", _cells.read_text),
    "github_com_name": ("name", _cells.read_text),
    "enterprise_server_user_ids": ("server_ids", _server_ids),
    "github_com_user": ("github_com_user", _cells.read_bool),
    "enterprise_server_user": ("enterprise_server_user", _cells.read_bool),
    "visual_studio_subscription_user": ("visual_studio_subscription_user", _cells.read_bool),
    "license_type": ("license_type", _cells.read_text),
    "github_com_profile": ("profile", _cells.read_text),
    "github_com_member_roles": ("member_roles", _member_roles),
    "github_com_enterprise_roles": ("enterprise_roles", _cells.read_list),
    "github_com_verified_domain_emails": ("verified_domain_emails", _cells.read_emails),
    "github_com_saml_name_id": ("saml_name_id", _cells.read_text),
    "github_com_orgs_with_pending_invites": ("orgs_with_pending_invites", _cells.read_list),
    "github_com_two_factor_auth": ("two_factor_auth", _cells.read_bool),
    "github_com_two_factor_auth_required_by_date": (
        "two_factor_auth_required_by_date",
        _cells.read_date,
    ),
    "github_com_cost_center": ("cost_center", _cells.read_text),
    "enterprise_server_primary_emails": ("server_primary_emails", _cells.read_emails),
    "visual_studio_license_status": ("visual_studio_license_status", _cells.read_text),
    "visual_studio_subscription_email": ("visual_studio_subscription_email", _cells.read_email),
    "total_user_accounts": ("total_user_accounts", _cells.read_int),
}
"""Known columns by normalised name. Every other column is kept in ``CloudRow.extra``."""

REPEATING = frozenset(
    {
        "github_com_user",
        "enterprise_server_user",
        "visual_studio_subscription_user",
        "license_type",
        "github_com_enterprise_roles",
        "github_com_orgs_with_pending_invites",
        "github_com_two_factor_auth",
        "github_com_two_factor_auth_required_by_date",
        "github_com_cost_center",
        "visual_studio_license_status",
        "total_user_accounts",
    }
)
"""Columns whose cells repeat from row to row (flags, roles, dates): each distinct
cell is read once (see :class:`~ghlicense.parsers._cells.Memo`)."""

REQUIRED = (
    "github_com_login",
    "enterprise_server_user_ids",
    "license_type",
    "github_com_verified_domain_emails",
    "enterprise_server_primary_emails",
)
"""Columns without which a file is not a license usage report ghlicense can audit."""

_ALIASES = {
    # humanized: "GitHub com saml name", hand-edited "GitHub com saml name ID"
    "github_com_saml_name": "github_com_saml_name_id",
    "github_com_saml_nameid": "github_com_saml_name_id",
    # older singular spelling
    "github_com_enterprise_role": "github_com_enterprise_roles",
    # older name, and the name in GitHub's published API schema
    "enterprise_server_emails": "enterprise_server_primary_emails",
}

_SEPARATORS = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=4096)  # REST JSON repeats the same keys on every row
def normalise_header(name: str) -> str:
    """Return the canonical snake_case name of a header cell.

    Lower-cases, trims, strips a BOM, turns spaces and hyphens into ``_``, maps the
    data-residency ``github_`` prefix to ``github_com_`` and known aliases to one name.

    >>> normalise_header("\\ufeffGitHub com saml name")
    'github_com_saml_name_id'
    >>> normalise_header("GitHub login")
    'github_com_login'
    """
    key = _SEPARATORS.sub("_", name.replace("\ufeff", "").strip().lower()).strip("_")
    if key.startswith("github_") and not key.startswith("github_com_"):
        key = "github_com_" + key.removeprefix("github_")
    return _ALIASES.get(key, key)
