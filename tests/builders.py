"""Small helpers that write enterprises in the real file formats, for matching tests."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from ghlicense import (
    Audit,
    Billing,
    Person,
    Pipeline,
    audit,
    parse_cloud_csv,
    parse_identities,
    parse_server_export,
    parse_visual_studio,
)

HEADER = [
    "github_com_login",
    "github_com_name",
    "github_com_user",
    "enterprise_server_user_ids",
    "license_type",
    "github_com_member_roles",
    "github_com_enterprise_roles",
    "github_com_verified_domain_emails",
    "github_com_saml_name_id",
    "enterprise_server_primary_emails",
    "visual_studio_subscription_email",
]


def cloud_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """A license report with the given cells (missing cells empty, license Enterprise)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        cells = {"license_type": "Enterprise", "github_com_enterprise_roles": "Member", **row}
        writer.writerow([cells.get(column, "") for column in HEADER])
    return out.getvalue()


def export(host: str, users: Sequence[tuple[int, str | None]]) -> str:
    """A GHES export of *host* whose users have the given primary emails."""
    return json.dumps(
        {
            "instance": {"host_name": host},
            "users": [
                {"user_id": uid, "emails": [{"email": email, "primary": True}] if email else []}
                for uid, email in users
            ],
        }
    )


def identity(
    login: str | None,
    *,
    name_id: str | None = None,
    username: str | None = None,
    emails: Sequence[str] = (),
    claims: Mapping[str, str] | None = None,
    scim_username: str | None = None,
    scim_emails: Sequence[str] = (),
) -> dict[str, object]:
    """One externalIdentities node."""
    node: dict[str, object] = {"user": {"login": login} if login else None}
    node["samlIdentity"] = {
        "nameId": name_id,
        "username": username,
        "emails": [{"value": e} for e in emails],
        "attributes": [{"name": k, "value": v} for k, v in (claims or {}).items()],
    }
    if scim_username or scim_emails:
        node["scimIdentity"] = {
            "username": scim_username,
            "emails": [{"value": e} for e in scim_emails],
        }
    return node


def run(
    rows: Sequence[Mapping[str, str]] = (),
    servers: Mapping[str, Sequence[tuple[int, str | None]]] | None = None,
    identities: Sequence[dict[str, object]] = (),
    vs: Sequence[str] = (),
    pipeline: Pipeline | None = None,
    emu: bool | None = None,
    billing: Billing | None = None,
) -> Audit:
    """Render, parse and audit an enterprise."""
    return audit(
        cloud=parse_cloud_csv(cloud_csv(rows)),
        servers=[
            parse_server_export(export(host, users), source=f"{host}.json")
            for host, users in (servers or {}).items()
        ],
        identities=[parse_identities(json.dumps({"nodes": list(identities)}))]
        if identities
        else [],
        visual_studio=(
            [parse_visual_studio("Name,Email\n" + "".join(f"x,{upn}\n" for upn in vs))]
            if vs
            else []
        ),
        pipeline=pipeline,
        emu=emu,
        billing=billing,
    )


def person_of(result: Audit, account_id: str) -> Person:
    """The person holding *account_id*."""
    return next(p for p in result.persons if any(a.id == account_id for a in p.accounts))
