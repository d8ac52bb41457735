"""``python -m ghlicense``: the command line."""

from ghlicense.cli import main

raise SystemExit(main())
