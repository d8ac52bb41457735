"""A seeded synthetic enterprise with known ground truth, in every input format.

``generate(n, seed)`` makes about *n* persons of every situation the matchers handle and
returns the files' texts together with the persons they must be grouped into.

The files look like real ones: the cloud report has GitHub's 21 columns and one row per
seat (server-only persons included), GitHub's own grouping in its server-id column; the
GHES exports carry full user records and an instance block; every GHEC member has a
SAML identity (most with an opaque NameID), and some identities are linked to no one yet;
the Visual Studio file is the portal export.
"""

from __future__ import annotations

import csv
import io
import json
import random

import attrs

MAIN, EU = "ghes.example.com", "ghes-eu.example.com"
CLAIM_EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
HEADER = [
    "github_com_login",
    "github_com_name",
    "enterprise_server_user_ids",
    "github_com_user",
    "enterprise_server_user",
    "visual_studio_subscription_user",
    "license_type",
    "github_com_profile",
    "github_com_member_roles",
    "github_com_enterprise_roles",
    "github_com_verified_domain_emails",
    "github_com_saml_name_id",
    "github_com_orgs_with_pending_invites",
    "github_com_two_factor_auth",
    "github_com_two_factor_auth_required_by_date",
    "github_com_advanced_security_license_user",
    "enterprise_server_primary_emails",
    "enterprise_server_advanced_security_user_ids",
    "visual_studio_license_status",
    "visual_studio_subscription_email",
    "total_user_accounts",
]
VS_HEADER = (
    "Subscriber Name,Email,Notification Email Address,Microsoft Entra group,"
    "Subscription Level,Assigned,Activated,Expiration Date (UTC),Reference,Downloads,"
    "Country,Language,Subscription Status,Subscription GUID,Usage Status\n"
)
KINDS = (
    "cloud_only",
    "verified",
    "saml_name_id",
    "saml_claim",
    "scim",
    "unlinked",
    "multi_instance",
    "server_multi_unmatched",
    "no_email",
    "vs_matched",
    "vs_unlinked",
    "invitation_absorbed",
    "invitation_new",
    "vs_ghes_only",
    "vs_ghes_only_multi",
    "vs_ghec_and_server",
)
_FIRST = ("Ada", "Grace", "Linus", "Mona", "Alan", "Edsger", "Barbara", "Ken", "Radia", "Hedy")
_LAST = ("Lovelace", "Hopper", "Torvalds", "Octocat", "Turing", "Dijkstra", "Liskov", "Perlman")
_ORGS = tuple(f"org-{i:02}" for i in range(40))
_ROLES = ("Member", "Member", "Member", "Owner")


@attrs.frozen
class Synthetic:
    """The files of a synthetic enterprise and the truth about it."""

    cloud_csv: str
    exports: dict[str, str]
    identities: str
    visual_studio_csv: str
    persons: frozenset[frozenset[str]]
    """Each person as the set of its account ids."""
    seats: int
    visual_studio_seats: int
    """Seats of the license type ``Visual Studio subscription``."""


def _vary(email: str, rng: random.Random) -> str:
    """The same address as another system may store it: case and spaces vary."""
    choice = rng.randrange(3)
    if choice == 0:
        return email.upper()
    if choice == 1:
        return f" {email.capitalize()} "
    return email


def generate(n: int, seed: int = 0) -> Synthetic:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    users: dict[str, list[dict[str, object]]] = {MAIN: [], EU: []}
    nodes: list[dict[str, object]] = []
    subscribers: list[str] = []
    persons: list[frozenset[str]] = []
    seats = 0
    vs_seats = 0
    ids = {MAIN: 0, EU: 0}

    def ghes(host: str, email: str | None, found: list[tuple[str, str | None]]) -> str:
        ids[host] += 1
        user_id = ids[host]
        emails = [{"email": email, "primary": True}] if email else []
        if email and rng.random() < 0.3:
            emails.insert(0, {"email": f"other{user_id}@example.net", "primary": False})
        users[host].append(
            {
                "user_id": user_id,
                "login": f"u{user_id}",
                "profile_name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                "site_admin": user_id % 97 == 0,
                "created_at": f"20{rng.randrange(14, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)} "
                f"1{rng.randrange(10)}:2{rng.randrange(10)}:3{rng.randrange(10)}",
                "using_advanced_security": rng.random() < 0.2,
                "emails": emails,
            }
        )
        found.append((f"{user_id}:{host}:{'Owner' if user_id % 97 == 0 else 'Member'}", email))
        return f"server:{host}:{user_id}"

    def identity(login: str, i: int, saml: dict[str, object] | None = None) -> None:
        guid = f"{i:08x}-{rng.getrandbits(16):04x}-4{rng.getrandbits(12):03x}-a{rng.getrandbits(12):03x}-{rng.getrandbits(48):012x}"
        nodes.append(
            {
                "guid": guid,
                "samlIdentity": saml
                or {"nameId": f"C{rng.getrandbits(28):08}", "username": login, "attributes": []},
                "scimIdentity": None,
                "user": {"login": login},
            }
        )

    def report(
        login: str = "",
        *,
        server: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
        verified: str = "",
        name_id: str = "",
        vs: str = "",
        invitation: bool = False,
    ) -> None:
        member = bool(login) and not invitation and "@" not in login
        orgs = rng.sample(_ORGS, rng.randrange(1, 5)) if member else []
        rows.append(
            {
                "github_com_login": login,
                "github_com_name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" if member else "",
                "enterprise_server_user_ids": ", ".join(sid for sid, _ in server),
                "github_com_user": "true" if member else "false",
                "enterprise_server_user": "true" if server else "false",
                "visual_studio_subscription_user": "true" if vs else "false",
                "license_type": "Visual Studio subscription" if vs else "Enterprise",
                "github_com_profile": f"https://github.com/{login}" if member else "",
                "github_com_member_roles": ", ".join(f"{o}:{rng.choice(_ROLES)}" for o in orgs),
                "github_com_enterprise_roles": "Pending invitation"
                if invitation
                else ("Member" if member else ""),
                "github_com_verified_domain_emails": verified,
                "github_com_saml_name_id": name_id,
                "github_com_orgs_with_pending_invites": rng.choice(_ORGS) if invitation else "",
                "github_com_two_factor_auth": "true" if member else "",
                "github_com_two_factor_auth_required_by_date": f"2026-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"
                if member and rng.random() < 0.3
                else "",
                "github_com_advanced_security_license_user": "false",
                "enterprise_server_primary_emails": ", ".join(
                    dict.fromkeys(e.strip() for _, e in server if e)
                ),
                "enterprise_server_advanced_security_user_ids": "",
                "visual_studio_license_status": "Matched to Cloud" if vs and member else "",
                "visual_studio_subscription_email": vs,
                "total_user_accounts": str(int(member) + len(server)),
            }
        )

    for i in range(n):
        kind = KINDS[rng.randrange(len(KINDS))]
        login = f"user{i}"
        email = f"user{i}@example.com"
        accounts: set[str] = set()
        found: list[tuple[str, str | None]] = []
        seats += 1
        if kind == "cloud_only":
            accounts.add(f"cloud:{login}")
            report(login, verified=email)
            identity(login, i)
        elif kind == "verified":
            accounts |= {f"cloud:{login}", ghes(MAIN, _vary(email, rng), found)}
            report(login, server=found, verified=email)
            identity(login, i)
        elif kind == "saml_name_id":
            name_id = _vary(email, rng)
            accounts |= {f"cloud:{login}", ghes(MAIN, email, found)}
            report(login, server=found, name_id=name_id.strip())
            identity(login, i, {"nameId": name_id.strip(), "username": login, "attributes": []})
        elif kind == "saml_claim":
            accounts |= {f"cloud:{login}", ghes(EU, _vary(email, rng), found)}
            report(login, server=found)
            identity(
                login,
                i,
                {
                    "nameId": f"opaque-{i}",
                    "username": login,
                    "attributes": [{"name": CLAIM_EMAIL, "value": email}],
                },
            )
        elif kind == "scim":
            accounts |= {f"cloud:{login}", ghes(MAIN, email, found)}
            report(login, server=found)
            nodes.append({"user": {"login": login}, "scimIdentity": {"username": email}})
        elif kind == "unlinked":
            persons.append(frozenset({f"cloud:{login}"}))
            report(login, verified=email)
            identity(login, i)
            accounts.add(ghes(MAIN, f"user{i}.home@example.org", found))
            report(server=found)
            seats += 1
            if i % 2:  # an identity for the home address, not yet linked to anyone
                nodes.append(
                    {
                        "guid": f"unlinked-{i}",
                        "samlIdentity": {"nameId": f"user{i}.home@example.org"},
                        "user": None,
                    }
                )
        elif kind == "multi_instance":
            accounts |= {
                f"cloud:{login}",
                ghes(MAIN, email, found),
                ghes(EU, _vary(email, rng), found),
            }
            report(login, server=found, verified=email)
            identity(login, i)
        elif kind == "server_multi_unmatched":
            accounts |= {ghes(MAIN, email, found), ghes(EU, _vary(email, rng), found)}
            report(server=found)
        elif kind == "no_email":
            accounts.add(ghes(rng.choice([MAIN, EU]), None, found))
            report(server=found)
        elif kind == "vs_matched":
            upn = _vary(email, rng).strip()
            accounts |= {f"cloud:{login}", f"vs:{email}"}
            subscribers.append(upn)
            report(login, verified=email, vs=upn)
            identity(login, i)
        elif kind == "vs_unlinked":
            accounts.add(f"vs:{email}")
            subscribers.append(email)
            report(email, vs=email)
            seats -= 1
        elif kind == "invitation_absorbed":
            accounts |= {f"cloud:{login}", f"invitation:{email}"}
            report(login, verified=email)
            identity(login, i)
            report(email, invitation=True)
        elif kind == "invitation_new":
            accounts.add(f"invitation:{email}")
            report(email, invitation=True)
        elif kind == "vs_ghes_only":  # GitHub's rule for users only on GHES
            upn = _vary(email, rng).strip()
            accounts |= {ghes(MAIN, _vary(email, rng), found), f"vs:{email}"}
            subscribers.append(upn)
            report(server=found, vs=upn)
        elif kind == "vs_ghes_only_multi":  # the same, on two instances
            accounts |= {ghes(MAIN, email, found), ghes(EU, _vary(email, rng), found)}
            accounts.add(f"vs:{email}")
            subscribers.append(email)
            report(server=found, vs=email)
        else:  # vs_ghec_and_server: the GHEC rules decide
            accounts |= {f"cloud:{login}", ghes(MAIN, email, found), f"vs:{email}"}
            subscribers.append(email)
            report(login, server=found, verified=email, vs=email)
            identity(login, i)
        persons.append(frozenset(accounts))
        vs_seats += kind in {
            "vs_matched",
            "vs_ghes_only",
            "vs_ghes_only_multi",
            "vs_ghec_and_server",
        }

    rng.shuffle(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([row[column] for column in HEADER] for row in rows)
    exports = {
        host: json.dumps(
            {
                "version": 1,
                "instance": {
                    "server_id": f"{index:08x}-0000-4000-8000-{index:012x}",
                    "host_name": host,
                    "http_only": False,
                    "version": "3.17.2",
                    "license": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "public_key": "-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"
                    "-----END PUBLIC KEY-----",
                },
                "users": found,
            }
        )
        for index, (host, found) in enumerate(users.items(), start=1)
    }
    vs = VS_HEADER + "".join(
        f"{rng.choice(_FIRST)} {rng.choice(_LAST)},{upn},{upn.lower()},,"
        "Visual Studio Enterprise subscription with GitHub Enterprise,"
        f"2025-0{rng.randrange(1, 10)}-1{rng.randrange(10)},2025-10-01,2027-01-31,"
        f"REF-{index},Yes,US,en,Active,{index:08x}-1111-4222-8333-{index:012x},Used\n"
        for index, upn in enumerate(subscribers)
    )
    return Synthetic(
        cloud_csv=out.getvalue(),
        exports=exports,
        identities=json.dumps(
            {
                "data": {
                    "enterprise": {
                        "ownerInfo": {
                            "samlIdentityProvider": {"externalIdentities": {"nodes": nodes}}
                        }
                    }
                }
            }
        ),
        visual_studio_csv=vs,
        persons=frozenset(persons),
        seats=seats,
        visual_studio_seats=vs_seats,
    )
