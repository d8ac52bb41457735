"""Write the bad-input corpus (tests/bad_inputs/files) from small good files.

    python tests/make_bad_inputs.py

Each good file is broken in every way admins' files break: truncated downloads, NUL
bytes, a BOM in the middle, other encodings, UTF-16, wrong JSON types at every level,
missing and doubled columns, ragged rows, broken quotes, invalid emails, giant fields,
deep nesting, HTML pages and ZIP files. tests/test_bad_inputs.py reads every file and
compares what ghlicense says with tests/bad_inputs/expected.json (``--regen-golden``).
"""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

HERE = Path(__file__).parent / "bad_inputs" / "files"

CLOUD_CSV = (
    "github_com_login,enterprise_server_user_ids,license_type,github_com_enterprise_roles,"
    "github_com_verified_domain_emails,github_com_saml_name_id,enterprise_server_primary_emails\n"
    "ada,1:ghes.example.com:Member,Enterprise,Member,ada@example.com,,ada@example.com\n"
    'bob,,Enterprise,"Owner, Member",bob@example.com,bob@example.com,\n'
    ",2:ghes.example.com:Member,Enterprise,,,,cy@example.org\n"
)
USERS_CSV = (
    "created_at,id,login,email,role,suspended?\n"
    "2021-03-26 04:11:02 -0400,1,ada,ada@example.com,admin,false\n"
    "2021-03-27 04:11:02 -0400,2,bob,bob@example.com,user,true\n"
)
VS_CSV = (
    "Subscriber Name,Email,Notification Email Address,Subscription Level,Assigned,Expiration Date (UTC)\n"
    "Ada,ada@example.com,ada@example.net,Visual Studio Enterprise,24/09/2018 10:11:40,31/07/2030\n"
    "Bob,bob@example.com,,Visual Studio Professional,01/02/2019,31/07/2030\n"
)
DOCUMENTS: dict[str, object] = {
    "cloud.json": {
        "total_seats_consumed": 2,
        "users": [
            {
                "github_com_login": "ada",
                "enterprise_server_user_ids": ["1:ghes.example.com:Member"],
                "license_type": "Enterprise",
                "github_com_verified_domain_emails": ["ada@example.com"],
                "enterprise_server_primary_emails": ["ada@example.com"],
                "github_com_two_factor_auth": True,
            },
            {
                "github_com_login": "bob",
                "enterprise_server_user_ids": [],
                "license_type": "Enterprise",
                "github_com_verified_domain_emails": [],
                "enterprise_server_primary_emails": [],
            },
        ],
    },
    "ghes.json": {
        "version": 1,
        "instance": {
            "server_id": "abc",
            "host_name": "ghes.example.com",
            "http_only": False,
            "version": "3.17.2",
            "features": [{"name": "sync", "enabled_at": "2025-01-01T00:00:00Z"}],
        },
        "users": [
            {
                "user_id": 1,
                "login": "ada",
                "emails": [{"email": "ada@example.com", "primary": True}],
            },
            {
                "user_id": 2,
                "login": "bob",
                "emails": [{"email": "bob@example.com", "primary": False}],
            },
        ],
    },
    "identities.json": {
        "data": {
            "organization": {
                "samlIdentityProvider": {
                    "externalIdentities": {
                        "pageInfo": {"hasNextPage": False},
                        "nodes": [
                            {
                                "user": {"login": "ada"},
                                "samlIdentity": {
                                    "nameId": "ada@example.com",
                                    "emails": [{"value": "ada@example.com"}],
                                    "attributes": [{"name": "x", "value": "y"}],
                                },
                                "scimIdentity": {"username": "ada@example.com", "emails": []},
                            },
                        ],
                    }
                }
            }
        }
    },
    "vs.json": {
        "total_count": 1,
        "visual_studio_subscriptions": [
            {
                "visual_studio_subscription_email": "ada@example.com",
                "subscription_id": "s1",
                "username": "ada",
                "manual_match": False,
            }
        ],
    },
    "sync.json": {
        "server_instances": [
            {
                "server_id": "abc",
                "hostname": "ghes.example.com",
                "last_sync": {"date": "2025-01-01T00:00:00Z", "status": "success", "error": ""},
            }
        ]
    },
}
TEXTS: dict[str, str] = {
    "cloud.csv": CLOUD_CSV,
    "users.csv": USERS_CSV,
    "vs.csv": VS_CSV,
    **{name: json.dumps(doc, indent=1) for name, doc in DOCUMENTS.items()},
}
WRONG = {"list": [1], "text": "x", "number": 5, "null": None, "object": {"a": 1}, "true": True}


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replace(value: object, path: tuple[object, ...], new: object) -> object:
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {k: _replace(v, tuple(rest), new) if k == head else v for k, v in value.items()}
    assert isinstance(value, list)
    return [_replace(v, tuple(rest), new) if i == head else v for i, v in enumerate(value)]


def corpus() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name, text in TEXTS.items():
        stem, _, ext = name.partition(".")
        data = text.encode()
        for percent in (10, 50, 90, 99):
            files[f"{stem}.truncated{percent}.{ext}"] = data[: len(data) * percent // 100]
        middle = len(data) // 2
        files[f"{stem}.nul.{ext}"] = data[:middle] + b"\x00" + data[middle:]
        files[f"{stem}.bom-in-middle.{ext}"] = data[:middle] + codecs.BOM_UTF8 + data[middle:]
        files[f"{stem}.latin1.{ext}"] = text.replace("a", "\xe9", 1).encode("latin-1")
        files[f"{stem}.utf16-no-bom.{ext}"] = text.encode("utf-16-le")
        files[f"{stem}.utf16.{ext}"] = text.encode("utf-16")
        files[f"{stem}.utf8-bom-crlf.{ext}"] = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode()
        files[f"{stem}.trailing-garbage.{ext}"] = data + b"\n}}}garbage"
    for name, doc in DOCUMENTS.items():
        stem = name.removesuffix(".json")
        for path in _paths(doc):
            where = "-".join(map(str, path))
            for label, wrong in WRONG.items():
                files[f"{stem}.{where}.{label}.json"] = json.dumps(
                    _replace(doc, path, wrong)
                ).encode()
        files[f"{stem}.as-list.json"] = json.dumps([doc]).encode()
        files[f"{stem}.twice.json"] = (json.dumps(doc) + "\n" + json.dumps(doc)).encode()
    for name in ("cloud.csv", "users.csv", "vs.csv"):
        stem = name.removesuffix(".csv")
        lines = TEXTS[name].splitlines()
        header = lines[0].split(",")
        files[f"{stem}.header-only.csv"] = (lines[0] + "\n").encode()
        for index, column in enumerate(header):
            dropped = [
                ",".join(c for i, c in enumerate(line.split(",")) if i != index)
                for line in lines[:1]
            ]
            files[f"{stem}.no-{index}-{column.strip('?')}.csv"] = (
                "\n".join(dropped + lines[1:]) + "\n"
            ).encode()
        files[f"{stem}.doubled-column.csv"] = (
            "\n".join([lines[0] + "," + header[0], *lines[1:]]) + "\n"
        ).encode()
        files[f"{stem}.extra-field.csv"] = (
            "\n".join([*lines, lines[1] + ",extra"]) + "\n"
        ).encode()
        files[f"{stem}.missing-field.csv"] = (
            "\n".join([*lines, lines[1].rpartition(",")[0]]) + "\n"
        ).encode()
        files[f"{stem}.broken-quote.csv"] = ("\n".join([*lines, '"' + lines[1]]) + "\n").encode()
        files[f"{stem}.stray-quote.csv"] = (
            "\n".join([*lines, lines[1].replace(",", ',"x"y,', 1)]) + "\n"
        ).encode()
        files[f"{stem}.bad-email.csv"] = TEXTS[name].replace("bob@example.com", "bob@", 1).encode()
        files[f"{stem}.giant-field.csv"] = (
            "\n".join([*lines, "x" * 200_000 + lines[1]]) + "\n"
        ).encode()
        files[f"{stem}.semicolons.csv"] = TEXTS[name].replace(",", ";").encode()
    files["cloud.duplicate-rows.csv"] = (CLOUD_CSV + CLOUD_CSV.splitlines()[1] + "\n").encode()
    files["deep.json"] = b"[" * 100_000 + b"]" * 100_000
    files["deep-object.json"] = b'{"users": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    files["html-page.json"] = (
        b"<!DOCTYPE html><html><head><title>Sign in</title></head><body></body></html>"
    )
    files["html-page.csv"] = b"<html><body>Error 500</body></html>"
    files["zip.csv"] = b"PK\x03\x04\x14\x00\x00\x00\x08\x00"
    files["empty.csv"] = b""
    files["whitespace.json"] = b"  \n\t\n"
    files["encrypted.json"] = b'{"version": 1, "users": "hQEMA7cTtEy2IKDZAQf/ZmFrZQ=="}'
    files["graphql-errors.json"] = (
        b'{"errors": [{"message": "Resource not accessible by integration"}]}'
    )
    files["sync-schema.json"] = (
        b'{"title": "x", "properties": {"server_instances": {"type": "array"}}}'
    )
    files["unknown.json"] = b'{"login": "ada", "id": 1}'
    files["binary.bin"] = bytes(range(256))
    # Values no GitHub export can hold, and what only Python's decoder reads.
    cloud = json.dumps(DOCUMENTS["cloud.json"], indent=1)
    ghes = json.dumps(DOCUMENTS["ghes.json"], indent=1)
    for constant in ("NaN", "Infinity", "-Infinity"):
        files[f"cloud.total-{constant}.json"] = cloud.replace(
            '"total_seats_consumed": 2', f'"total_seats_consumed": {constant}'
        ).encode()
    files["cloud.total-negative.json"] = cloud.replace(
        '"total_seats_consumed": 2', '"total_seats_consumed": -3'
    ).encode()
    files["cloud.total-fraction.json"] = cloud.replace(
        '"total_seats_consumed": 2', '"total_seats_consumed": 2.5'
    ).encode()
    for label, user_id in (("zero", "0"), ("negative", "-4"), ("2to63", str(2**63))):
        files[f"ghes.user-id-{label}.json"] = ghes.replace(
            '"user_id": 2', f'"user_id": {user_id}'
        ).encode()
        files[f"cloud.server-id-{label}.csv"] = CLOUD_CSV.replace(
            "1:ghes.example.com:Member", f"{user_id}:ghes.example.com:Member"
        ).encode()
        files[f"users.id-{label}.csv"] = USERS_CSV.replace(
            "-0400,2,bob", f"-0400,{user_id},bob"
        ).encode()
    files["ghes.created-1999.json"] = ghes.replace(
        '"login": "bob"', '"login": "bob", "created_at": "1999-12-31T00:00:00Z"'
    ).encode()
    files["users.created-2101.csv"] = USERS_CSV.replace("2021-03-27", "2101-03-27").encode()
    files["vs.expires-2200.csv"] = VS_CSV.replace(
        "01/02/2019,31/07/2030", "01/02/2019,31/07/2200"
    ).encode()
    files["sync.date-2007.json"] = (
        json.dumps(DOCUMENTS["sync.json"]).replace("2025-01-01", "2007-01-01").encode()
    )
    # A key given twice: in a record (that record is set aside), or outside every record.
    for name, (key, value) in {
        "cloud.json": ("github_com_login", "ada"),
        "ghes.json": ("login", "ada"),
        "identities.json": ("login", "ada"),
        "vs.json": ("username", "ada"),
        "sync.json": ("hostname", "ghes.example.com"),
    }.items():
        stem = name.removesuffix(".json")
        text = json.dumps(DOCUMENTS[name])
        once = f'"{key}": "{value}"'
        files[f"{stem}.key-twice-in-record.json"] = text.replace(
            once, f'{once}, "{key}": "eve"', 1
        ).encode()
        files[f"{stem}.key-twice-outside.json"] = text.replace("{", '{"x": 1, "x": 2, ', 1).encode()
    files["gzip.csv"] = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03rest"
    files["workbook.csv"] = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml xl/workbook.xml"
    files["workbook-97.csv"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00"
    files["cloud.tabs.csv"] = CLOUD_CSV.replace(",", "\t").encode()
    files["numbers.json"] = b"[1, 2, 3]"
    files["string.json"] = b'"users"'
    return files


def main() -> None:
    if HERE.exists():
        shutil.rmtree(HERE)
    HERE.mkdir(parents=True)
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
    print(f"{len(list(HERE.iterdir()))} files in {HERE}")


if __name__ == "__main__":
    main()
