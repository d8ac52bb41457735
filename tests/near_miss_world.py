"""A seeded enterprise with planted near misses of every kind, and decoys of every kind.

``world(n, seed)`` makes *n* GHEC members (each with a GHES account that GitHub's rules
join), then plants GHES-only accounts and Visual Studio subscriptions that are the same
human as a member (the truth a near-miss search must find) and look-alikes that are
not (decoys it must not propose at high confidence).
"""

from __future__ import annotations

import csv
import io
import json
import random

import attrs

import ghlicense

HOST = "ghes.example.com"
FIRST = (
    "ada", "grace", "linus", "mona", "alan", "edsger", "barbara", "ken", "radia", "hedy",
    "margaret", "donald", "frances", "john", "katherine", "dennis", "annie", "tim", "sophie",
    "guido", "yukihiro", "larry", "bjarne", "niklaus", "leslie", "shafi", "silvio", "judea",
    "cynthia", "ivan", "joan", "evelyn", "jean", "karen", "mary", "adele", "carol", "lynn",
)  # fmt: skip
LAST = (
    "lovelace", "hopper", "torvalds", "octocat", "turing", "dijkstra", "liskov", "perlman",
    "lamarr", "hamilton", "knuth", "allen", "mccarthy", "johnson", "ritchie", "easley",
    "bernerslee", "wilson", "vanrossum", "matsumoto", "wall", "stroustrup", "wirth",
    "lamport", "goldwasser", "micali", "pearl", "dwork", "sutherland", "clarke", "estrin",
    "sammet", "sparckjones", "goldberg", "shaw", "kay", "wing", "conway",
)  # fmt: skip
PLANTED = ("other_domain", "dots_and_tag", "typo", "same_login", "vs_personal_upn")
DECOYS = (
    "same_local_other_person",
    "common_name_already_on_instance",
    "initial_fits_two",
    "short_lookalike",
    "different_first_name_typo",
)


@attrs.frozen
class World:
    """The inputs, and the truth: each planted account id with its GHEC account id."""

    audit: ghlicense.Audit
    truth: dict[str, str]
    decoys: frozenset[str]
    seats_after_fixes: int


def _typo(local: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(local) - 2)
    if rng.random() < 0.5 and local[i] != local[i + 1]:
        return local[:i] + local[i + 1] + local[i] + local[i + 2 :]
    letter = "x" if local[i] != "x" else "z"
    return local[:i] + letter + local[i + 1 :]


def world(n: int, seed: int) -> World:
    rng = random.Random(seed)
    names = [(f, s) for f in FIRST for s in LAST]
    rng.shuffle(names)
    members = names[:n]
    rows: list[dict[str, str]] = []
    users: list[dict[str, object]] = []
    subscribers: list[tuple[str, str]] = []
    truth: dict[str, str] = {}
    decoys: set[str] = set()
    next_id = [1]

    def ghes(email: str, login: str, name: str) -> str:
        user_id = next_id[0]
        next_id[0] += 1
        users.append(
            {
                "user_id": user_id,
                "login": login,
                "profile_name": name,
                "emails": [{"email": email, "primary": True}],
            }
        )
        return f"server:{HOST}:{user_id}"

    def member(first: str, last: str, login: str, local: str, *, on_ghes: bool) -> str:
        email = f"{local}@example.com"
        ids = []
        if on_ghes:
            ids.append(ghes(email, login, f"{first.title()} {last.title()}").rpartition(":")[2])
        rows.append(
            {
                "github_com_login": login,
                "github_com_name": f"{first.title()} {last.title()}",
                "enterprise_server_user_ids": ", ".join(f"{i}:{HOST}:Member" for i in ids),
                "license_type": "Enterprise",
                "github_com_enterprise_roles": "Member",
                "github_com_verified_domain_emails": email,
                "enterprise_server_primary_emails": email if ids else "",
            }
        )
        return f"cloud:{login}"

    people: list[
        tuple[str, str, str, str, str]
    ] = []  # members on GHEC only: the planted accounts and most decoys are theirs
    on_ghes: list[
        tuple[str, str, str, str, str]
    ] = []  # members GitHub's rules already joined to a GHES account
    for number, (first, last) in enumerate(members):
        login = f"{first[0]}{last}{number}"
        local = f"{first}{last}"
        both = number % 2 == 0
        person = (first, last, login, local, member(first, last, login, local, on_ghes=both))
        (on_ghes if both else people).append(person)

    planted_each = max(1, n // 20)
    pool = people[:]
    rng.shuffle(pool)
    for kind in PLANTED:
        for _ in range(planted_each):
            first, last, login, local, cloud_id = pool.pop()
            name = f"{first.title()} {last.title()}"
            if kind == "other_domain":
                account = ghes(f"{local}@old-example.org", f"u{next_id[0]}", name)
            elif kind == "dots_and_tag":
                account = ghes(f"{first}.{last}+ghes@example.com", f"u{next_id[0]}", name)
            elif kind == "typo":
                account = ghes(f"{_typo(local, rng)}@example.com", f"u{next_id[0]}", name)
            elif kind == "same_login":
                account = ghes(f"{first[:3]}{rng.randrange(1000)}@home.example.net", login, name)
            else:  # a subscription assigned to a personal address
                upn = f"{first}.{last}@personal.example.net"
                subscribers.append((name, upn))
                account = f"vs:{upn}"
            truth[account] = cloud_id

    # Decoys: look-alikes that are someone else.
    for kind in DECOYS:
        for index in range(planted_each):
            first, last, login, local, cloud_id = pool.pop()
            if kind == "same_local_other_person":  # the local part, another surname
                other = LAST[(LAST.index(last) + 1) % len(LAST)]
                decoys.add(
                    ghes(
                        f"{local}@old-example.org",
                        f"d{next_id[0]}",
                        f"{first.title()} {other.title()}",
                    )
                )
            elif kind == "common_name_already_on_instance":  # a twin name, on GHES already
                first, last, login, local, cloud_id = on_ghes[index % len(on_ghes)]
                twin_login = f"{first[0]}{last}twin{index}"
                member(first, last, twin_login, f"{first}{last}.twin{index}", on_ghes=True)
                decoys.add(
                    ghes(
                        f"{first}{last}{index}@home.example.net",
                        f"d{next_id[0]}",
                        f"{first.title()} {last.title()}",
                    )
                )
            elif kind == "initial_fits_two":  # A. Knuth, with two A...Knuths on GHEC
                other_first = next(
                    (f for f in FIRST if f[0] == first[0] and f != first), first + "a"
                )
                member(
                    other_first,
                    last,
                    f"{other_first[0]}{last}b{index}",
                    f"{other_first}{last}b{index}",
                    on_ghes=True,
                )
                decoys.add(
                    ghes(
                        f"{first[0]}{last}{index}@home.example.net",
                        f"d{next_id[0]}",
                        f"{first[0].upper()}. {last.title()}",
                    )
                )
            elif kind == "short_lookalike":  # a short or generic local part
                short = rng.choice(["admin", "build", "dev", first[:3]])
                member(first, last, f"{short}-{login}", short, on_ghes=False)
                decoys.add(ghes(f"{short}@example.org", f"d{next_id[0]}", "Build Robot"))
            else:  # a typo away, but another first name
                other_first = next(
                    (f for f in FIRST if f != first and len(f) == len(first)), first[::-1]
                )
                decoys.add(
                    ghes(
                        f"{other_first}{last}@example.com",
                        f"d{next_id[0]}",
                        f"{other_first.title()} {last.title()}",
                    )
                )

    out = io.StringIO()
    header = [
        "github_com_login", "github_com_name", "enterprise_server_user_ids", "license_type",
        "github_com_enterprise_roles", "github_com_verified_domain_emails",
        "enterprise_server_primary_emails",
    ]  # fmt: skip
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in rows)
    export = json.dumps({"instance": {"host_name": HOST}, "users": users})
    vs = "Subscriber Name,Email\n" + "".join(f"{name},{upn}\n" for name, upn in subscribers)
    audit = ghlicense.audit(
        cloud=ghlicense.parse_cloud_report(out.getvalue()),
        servers=[ghlicense.parse_server_export(export, source="ghes.json")],
        visual_studio=[ghlicense.parse_visual_studio(vs)] if subscribers else [],
    )
    planted_seats = sum(1 for account in truth if account.startswith("server:"))
    return World(
        audit=audit,
        truth=truth,
        decoys=frozenset(decoys),
        seats_after_fixes=audit.total_seats - planted_seats,
    )
