"""Write a seeded synthetic enterprise of N persons into a folder, in every input format.

    python bench/generate.py 100000 /tmp/ghlicense-bench/100000

The mix of situations is the matching tests' (tests/synthetic.py): verified emails,
SAML NameIDs and claims, SCIM, unlinked accounts, several instances, no-email
accounts, Visual Studio subscribers and pending invitations, with case variants.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from synthetic import generate

FILES = ("cloud.csv", "ghes-main.json", "ghes-eu.json", "identities.json", "vs.csv")


def write(n: int, folder: Path, seed: int = 0) -> dict[str, Path]:
    """Write the files (once: an existing complete folder is reused) and return their paths."""
    paths = {name: folder / name for name in FILES}
    if all(path.exists() for path in paths.values()):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    world = generate(n, seed)
    texts = {
        "cloud.csv": world.cloud_csv,
        "ghes-main.json": world.exports["ghes.example.com"],
        "ghes-eu.json": world.exports["ghes-eu.example.com"],
        "identities.json": world.identities,
        "vs.csv": world.visual_studio_csv,
    }
    for name, text in texts.items():
        paths[name].write_text(text, encoding="utf-8")
    return paths


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
