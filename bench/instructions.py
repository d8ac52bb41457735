"""Instructions per step, this tree against a git revision: an A/B with no noise.

    python bench/instructions.py             # against HEAD, on 10,000 bench persons
    python bench/instructions.py d70c141 20000

Wall times on a shared machine swing by 10-30% from run to run, more than most changes
weigh. Instructions executed do not: this runs the library's steps under valgrind's
callgrind (``apt-get install valgrind``) once per step and version, each in a fresh
process, and prints the instructions each step adds, for the revision and for the
working tree, and their ratio. The same count twice is the same count. It is slow:
about eight minutes at 10,000 persons (twelve processes under valgrind).

Instructions are not time: at a million persons the audit waits on memory more than it
computes (see docs/performance.md), which this does not see. Use it to compare two
versions of the same code on the same files; measure time with bench/run.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("start", "parse", "gather", "match", "findings", "json")

RUN = """
import gc, sys
from pathlib import Path
folder, stop = Path(sys.argv[1]), sys.argv[2]
import ghlicense as g
from ghlicense.reports import iter_json
names = ("cloud.csv", "ghes-main.json", "ghes-eu.json", "identities.json", "vs.csv")
data = {name: (folder / name).read_bytes() for name in names}
gc.disable()
if stop == "start":
    sys.exit()
cloud = g.parse_cloud_report(data["cloud.csv"])
servers = [g.parse_server_export(data[x], source=x) for x in ("ghes-main.json", "ghes-eu.json")]
identities = [g.parse_identities(data["identities.json"])]
subscribers = [g.parse_visual_studio(data["vs.csv"])]
if stop == "parse":
    sys.exit()
enterprise = g.collect_enterprise(
    cloud=cloud, servers=servers, identities=identities, visual_studio=subscribers
)
if stop == "gather":
    sys.exit()
audit = g.Pipeline().run(enterprise)
if stop == "match":
    sys.exit()
audit.findings
if stop == "findings":
    sys.exit()
text = "".join(iter_json(audit))
"""

_COLLECTED = re.compile(r"Collected : (\d+)")


def _instructions(source: Path, folder: Path, step: str) -> int:
    """Instructions a fresh process runs up to the end of *step*, with *source* imported."""
    result = subprocess.run(
        [
            "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            sys.executable, "-c", RUN, str(folder), step,
        ],
        env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    found = _COLLECTED.search(result.stderr)
    if found is None:
        raise SystemExit(f"valgrind said no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def _checkout(revision: str, into: Path) -> Path:
    """The revision's ``src`` folder, unpacked under *into*."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def main(revision: str, n: int) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    folder = Path(tempfile.gettempdir()) / "ghlicense-bench" / str(n)
    if not (folder / "vs.csv").exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), str(n), str(folder)], check=True
        )
    with tempfile.TemporaryDirectory() as scratch:
        versions = {revision: _checkout(revision, Path(scratch)), "tree": ROOT / "src"}
        for source in versions.values():  # compiled first: no step pays for compiling
            subprocess.run(
                [sys.executable, "-c", RUN, str(folder), "json"],
                env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
                check=True,
            )
        counts = {
            name: [_instructions(source, folder, step) for step in STEPS]
            for name, source in versions.items()
        }
    print(f"instructions per step, N={n:,} (millions; 'start' is start-up and reading)")
    print(f"{'step':<10} {revision:>12} {'tree':>12}  ratio")
    totals = dict.fromkeys(counts, 0)
    for index, step in enumerate(STEPS):
        shown = []
        for name, values in counts.items():
            own = values[index] - (values[index - 1] if index else 0)
            if index:
                totals[name] += own
            shown.append(own)
        print(
            f"{step:<10} {shown[0] / 1e6:12,.0f} {shown[1] / 1e6:12,.0f}  {shown[1] / shown[0]:5.3f}"
        )
    old, new = totals.values()
    print(f"{'audit':<10} {old / 1e6:12,.0f} {new / 1e6:12,.0f}  {new / old:5.3f}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(arguments[0] if arguments else "HEAD", int(arguments[1]) if len(arguments) > 1 else 10_000)
