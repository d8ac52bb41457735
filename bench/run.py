"""Benchmark: ghlicense's full audit against the least any pure-Python tool must do.

    python bench/run.py                  # N = 100,000 and 1,000,000
    python bench/run.py 20000 100000     # other sizes

For each N it generates (once, cached under $TMPDIR/ghlicense-bench) a synthetic
enterprise in every input format and runs, each in a fresh process:

- floor:  csv.reader over every row of each CSV and json.loads of each JSON file;
- audit:  ghlicense audit (parse, match, findings, JSON report written to a file);
- pandas: the same seat count done the way a notebook would (only if pandas is installed).

It prints wall times, ratio = audit / floor, peak memory, and the ratio of the largest
to the smallest N's audit time. Timings are noisy: compare ratios from one run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write

GENERATE = Path(__file__).resolve().parent / "generate.py"

FLOOR = """
import csv, json, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", newline="") as stream:
        if path.endswith(".csv"):
            for _ in csv.reader(stream):
                pass
        else:
            json.loads(stream.read())
"""

PANDAS = """
import json, sys
import pandas as pd
cloud, main, eu, vs = sys.argv[1:5]
report = pd.read_csv(cloud, dtype=str, keep_default_na=False)
users = pd.concat([
    pd.json_normalize(json.load(open(p)), "users", errors="ignore").assign(host=p) for p in (main, eu)
])
users["email"] = users["emails"].map(
    lambda es: next((e["email"].strip().lower() for e in es if e.get("primary")), None)
)
verified = report.assign(v=report["github_com_verified_domain_emails"].str.split(", ")).explode("v")
verified["v"] = verified["v"].str.strip().str.lower()
merged = users.merge(verified[["github_com_login", "v"]], left_on="email", right_on="v", how="left")
persons = set(report["github_com_login"])
unmatched = merged[merged["github_com_login"].isna()]
seats = len(persons) + unmatched["email"].fillna(unmatched["user_id"].astype(str)).nunique()
print(seats)
"""


def measure(arguments: list[str]) -> tuple[float, int]:
    """Run a fresh Python process; return its wall time and peak memory (bytes)."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{arguments[:3]} failed with status {status}")
    return elapsed, usage.ru_maxrss * 1024


def main(sizes: list[int]) -> None:
    root = Path(tempfile.gettempdir()) / "ghlicense-bench"
    python = sys.executable
    audits: dict[int, float] = {}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for n in sizes:
        # Generated in a process of its own: a child forked from a parent that had just
        # built a million persons would report the parent's memory as its own peak.
        subprocess.run([python, str(GENERATE), str(n), str(root / str(n))], check=True)
        paths = write(n, root / str(n))  # now only finds the files
        size = sum(p.stat().st_size for p in paths.values())
        files = [str(p) for p in paths.values()]
        floor_s, floor_mem = measure([python, "-c", FLOOR, *files])
        audit_s, audit_mem = measure(
            [
                python, "-m", "ghlicense", "audit",
                "--cloud", str(paths["cloud.csv"]),
                "--server", str(paths["ghes-main.json"]),
                "--server", str(paths["ghes-eu.json"]),
                "--identities", str(paths["identities.json"]),
                "--vs", str(paths["vs.csv"]),
                "--format", "json", "-o", str(root / f"report-{n}.json"),
            ]
        )  # fmt: skip
        audits[n] = audit_s
        print(
            f"N={n:>9,}  input {size / 2**20:7.1f} MiB  floor_s {floor_s:7.2f} ({floor_mem / 2**20:6.0f} MiB)"
            f"  audit_s {audit_s:7.2f} ({audit_mem / 2**20:6.0f} MiB)  ratio {audit_s / floor_s:5.2f}"
        )
        try:
            import pandas  # noqa: F401, PLC0415
        except ImportError:
            print("           pandas: not installed (pip install pandas to compare)")
        else:
            pandas_s, pandas_mem = measure(
                [python, "-c", PANDAS, *(files[i] for i in (0, 1, 2, 4))]
            )
            print(
                f"           pandas_s {pandas_s:7.2f} ({pandas_mem / 2**20:6.0f} MiB)"
                f"  ratio {pandas_s / floor_s:5.2f}"
            )
    if len(audits) > 1:
        small, large = min(audits), max(audits)
        print(
            f"audit time {large:,} / {small:,}: {audits[large] / audits[small]:.1f} "
            f"(linear would be {large / small:.0f})"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000])
