"""Where the audit's time and memory go, step by step, in one process.

    python bench/phases.py 100000      # after bench/run.py has generated that size

Runs the library's steps one after the other on the cached synthetic files (see
bench/run.py) and prints each step's wall time and the process's peak memory after it.
Like the command line, it pauses the cyclic garbage collector and frees the parsed rows
once the accounts are gathered.
"""

from __future__ import annotations

import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

from ghlicense import (
    Pipeline,
    collect_enterprise,
    parse_cloud_report,
    parse_identities,
    parse_server_export,
    parse_visual_studio,
)
from ghlicense.findings import find_near_misses
from ghlicense.reports import iter_json


def main(n: int) -> None:
    folder = Path(tempfile.gettempdir()) / "ghlicense-bench" / str(n)
    if not (folder / "vs.csv").exists():
        raise SystemExit(f"no files for N={n:,}: run python bench/run.py {n} first")
    gc.disable()
    last = time.perf_counter()
    total = 0.0

    def step(name: str) -> None:
        nonlocal last, total
        now = time.perf_counter()
        total += now - last
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:<12} {now - last:7.2f} s   peak {peak:7.0f} MiB", flush=True)
        last = time.perf_counter()

    cloud = parse_cloud_report((folder / "cloud.csv").read_bytes())
    step("cloud csv")
    servers = [
        parse_server_export((folder / name).read_bytes(), source=name)
        for name in ("ghes-main.json", "ghes-eu.json")
    ]
    step("ghes exports")
    identities = [parse_identities((folder / "identities.json").read_bytes())]
    step("identities")
    subscribers = [parse_visual_studio((folder / "vs.csv").read_bytes())]
    step("vs csv")
    enterprise = collect_enterprise(
        cloud=cloud, servers=servers, identities=identities, visual_studio=subscribers
    )
    del cloud, servers, identities, subscribers
    step("gather")
    result = Pipeline().run(enterprise)
    step("match")
    started = time.perf_counter()
    find_near_misses(result)
    near = time.perf_counter() - started
    step("near misses")
    assert result.findings is not None  # the findings (cached; the report reads them)
    step("findings")
    with (folder.parent / f"phases-report-{n}.json").open("w", encoding="utf-8") as stream:
        stream.writelines(iter_json(result))
    step("json report")
    print(f"{'total':<12} {total:7.2f} s   {result.total_seats:,} seats")
    print(
        # total holds the search twice: its own step, and within the findings
        f"the near-miss search adds {near / (total - 2 * near):.1%} to the rest of the audit "
        "(the issue's target: at most 10% at 1,000,000 persons)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
