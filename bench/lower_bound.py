"""The least time an audit that returns ghlicense's records can take, against the floor.

    python bench/lower_bound.py 100000     # after bench/run.py has generated that size

On the cached synthetic files (see bench/run.py) it measures:

- floor:   bench/run.py's floor (csv.reader over every row of each CSV and json.loads
  of each JSON file, in a fresh process);
- audit:   the library's steps (parse, gather, match, JSON report to a file);
- records: building, once more, every object the audit returns or keeps (each parsed
  row, server id, user, email and identity; each account, link, miss and person) from
  its own fields, with nothing else done: no reading, no checks, no matching.

Any audit that hands back these typed records pays at least floor + records, so
``(floor + records) / floor`` is the lowest ratio this record model allows before any
matching or report. Timings are noisy: compare the ratios printed by one run.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs
from run import FLOOR, measure  # bench/run.py, beside this script

from ghlicense import (
    Audit,
    CloudReport,
    IdentitySet,
    Pipeline,
    ServerExport,
    VisualStudioList,
    collect_enterprise,
    parse_cloud_report,
    parse_identities,
    parse_server_export,
    parse_visual_studio,
)
from ghlicense.reports import iter_json

SERVERS = ("ghes-main.json", "ghes-eu.json")


Inputs = tuple[CloudReport, list[ServerExport], IdentitySet, VisualStudioList]


def audit(folder: Path) -> tuple[Audit, Inputs]:
    """The audit, and the parsed inputs (kept here only to be counted below)."""
    cloud = parse_cloud_report((folder / "cloud.csv").read_bytes())
    servers = [parse_server_export((folder / n).read_bytes(), source=n) for n in SERVERS]
    identities = [parse_identities((folder / "identities.json").read_bytes())]
    subscribers = [parse_visual_studio((folder / "vs.csv").read_bytes())]
    enterprise = collect_enterprise(
        cloud=cloud, servers=servers, identities=identities, visual_studio=subscribers
    )
    result = Pipeline().run(enterprise)
    with (folder.parent / "lower-bound-report.json").open("w", encoding="utf-8") as stream:
        stream.writelines(iter_json(result))
    return result, (cloud, servers, identities[0], subscribers[0])


def records(result: Audit, inputs: Inputs) -> list[object]:
    """Every record the parsers and the audit made, kind by kind."""
    cloud, servers, identities, subscribers = inputs
    objects: list[object] = []
    objects += cloud.rows
    objects += [server_id for row in cloud.rows for server_id in row.server_ids]
    for export in servers:
        objects += export.users
        objects += [email for user in export.users for email in user.emails]
    for identity in identities.identities:
        objects.append(identity)
        objects += [part for part in (identity.saml, identity.scim) if part is not None]
    objects += subscribers.subscribers
    objects += result.enterprise.accounts
    objects += result.links
    objects += [miss for person in result.persons for miss in person.misses]
    objects += result.persons
    return objects


def _maker(cls: type) -> Callable[[object], object]:
    """A function calling *cls* with the fields of an instance (made once a class)."""
    fields = [field for field in attrs.fields(cls) if field.init]
    if any(field.kw_only for field in fields):
        call = ", ".join(f"{field.name}=o.{field.name}" for field in fields)
    else:  # by position, as the parsers build such records
        call = ", ".join(f"o.{field.name}" for field in fields)
    make: Callable[[object], object] = eval(f"lambda o: cls({call})", {"cls": cls})
    return make


def rebuild(objects: list[object]) -> dict[str, tuple[int, float]]:
    by_kind: dict[type, list[object]] = {}
    for item in objects:
        by_kind.setdefault(type(item), []).append(item)
    timings = {}
    for kind, items in by_kind.items():
        make = _maker(kind)
        start = time.perf_counter()
        for item in items:
            make(item)
        timings[kind.__name__] = (len(items), time.perf_counter() - start)
    return timings


def main(n: int) -> None:
    folder = Path(tempfile.gettempdir()) / "ghlicense-bench" / str(n)
    if not (folder / "vs.csv").exists():
        raise SystemExit(f"no files for N={n:,}: run python bench/run.py {n} first")
    files = [str(folder / name) for name in ("cloud.csv", *SERVERS, "identities.json", "vs.csv")]
    floor_s, _ = measure([sys.executable, "-c", FLOOR, *files])
    gc.disable()  # as the command line does
    start = time.perf_counter()
    result, inputs = audit(folder)
    audit_s = time.perf_counter() - start
    timings = rebuild(records(result, inputs))
    records_s = sum(seconds for _, seconds in timings.values())
    print(f"N={n:,}: {len(result.persons):,} persons")
    for name, (count, seconds) in timings.items():
        print(f"  {name:<26} {count:>10,}  {seconds:6.2f} s  {seconds / count * 1e9:5.0f} ns each")
    print(f"floor_s   {floor_s:7.2f}")
    print(f"records_s {records_s:7.2f}  ({records_s / floor_s:.2f} x floor)")
    print(f"audit_s   {audit_s:7.2f}  ratio {audit_s / floor_s:.2f}")
    print(f"least ratio with these records: {(floor_s + records_s) / floor_s:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
