"""``python -m ghlicense``: the command line."""

from ghlicense.cli import console

console()
