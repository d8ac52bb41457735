"""A seeded synthetic enterprise with known ground truth, in every input format.

``generate(n, seed)`` makes about *n* persons of every situation the matchers handle and
returns the files' texts together with the persons they must be grouped into.
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
    "license_type",
    "github_com_enterprise_roles",
    "github_com_verified_domain_emails",
    "github_com_saml_name_id",
    "enterprise_server_primary_emails",
]
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
)


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
    ids = {MAIN: 0, EU: 0}

    def ghes(host: str, email: str | None) -> str:
        ids[host] += 1
        emails = [{"email": email, "primary": True}] if email else []
        if email and rng.random() < 0.3:
            emails.insert(0, {"email": f"other{ids[host]}@example.net", "primary": False})
        users[host].append({"user_id": ids[host], "login": f"u{ids[host]}", "emails": emails})
        return f"server:{host}:{ids[host]}"

    def cloud(login: str, verified: str = "", name_id: str = "") -> str:
        rows.append(
            {
                "github_com_login": login,
                "github_com_name": login.title(),
                "github_com_user": "true",
                "license_type": "Enterprise",
                "github_com_enterprise_roles": "Member",
                "github_com_verified_domain_emails": verified,
                "github_com_saml_name_id": name_id,
            }
        )
        return f"cloud:{login}"

    for i in range(n):
        kind = KINDS[rng.randrange(len(KINDS))]
        login = f"user{i}"
        email = f"user{i}@example.com"
        accounts: set[str] = set()
        seats += 1
        if kind == "cloud_only":
            accounts.add(cloud(login, email))
        elif kind == "verified":
            accounts |= {cloud(login, email), ghes(MAIN, _vary(email, rng))}
        elif kind == "saml_name_id":
            accounts |= {cloud(login, name_id=_vary(email, rng)), ghes(MAIN, email)}
        elif kind == "saml_claim":
            accounts |= {cloud(login), ghes(EU, _vary(email, rng))}
            nodes.append(
                {
                    "user": {"login": login},
                    "samlIdentity": {
                        "nameId": f"opaque-{i}",
                        "attributes": [{"name": CLAIM_EMAIL, "value": email}],
                    },
                }
            )
        elif kind == "scim":
            accounts |= {cloud(login), ghes(MAIN, email)}
            nodes.append({"user": {"login": login}, "scimIdentity": {"username": email}})
        elif kind == "unlinked":
            persons.append(frozenset({cloud(login, email)}))
            accounts.add(ghes(MAIN, f"user{i}.home@example.org"))
            seats += 1
        elif kind == "multi_instance":
            accounts |= {cloud(login, email), ghes(MAIN, email), ghes(EU, _vary(email, rng))}
        elif kind == "server_multi_unmatched":
            accounts |= {ghes(MAIN, email), ghes(EU, _vary(email, rng))}
        elif kind == "no_email":
            accounts.add(ghes(rng.choice([MAIN, EU]), None))
        elif kind == "vs_matched":
            accounts |= {cloud(login, email), f"vs:{email}"}
            subscribers.append(_vary(email, rng).strip())
        elif kind == "vs_unlinked":
            accounts.add(f"vs:{email}")
            subscribers.append(email)
            seats -= 1
        elif kind == "invitation_absorbed":
            accounts |= {cloud(login, email), f"invitation:{email}"}
            rows.append(
                {
                    "github_com_login": email,
                    "license_type": "Enterprise",
                    "github_com_enterprise_roles": "Pending invitation",
                    "github_com_user": "false",
                }
            )
        else:  # invitation_new
            accounts.add(f"invitation:{email}")
            rows.append(
                {
                    "github_com_login": email,
                    "license_type": "Enterprise",
                    "github_com_enterprise_roles": "Pending invitation",
                    "github_com_user": "false",
                }
            )
        persons.append(frozenset(accounts))

    rng.shuffle(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([row.get(column, "") for column in HEADER] for row in rows)
    exports = {
        host: json.dumps({"instance": {"host_name": host, "version": "3.17.2"}, "users": found})
        for host, found in users.items()
    }
    vs = "Subscriber Name,Email\n" + "".join(f"S,{upn}\n" for upn in subscribers)
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
    )
