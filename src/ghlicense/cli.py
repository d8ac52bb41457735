"""The command line: the only part of ghlicense that reads files or writes to the terminal.

Exit status: 0 success, 1 bad input (the message names the file and the place),
2 wrong command-line usage, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import NoReturn, TypeVar

from ghlicense.errors import GhlicenseError, ParseErrors, UnknownFormatError
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.matching.enterprise import collect_enterprise
from ghlicense.matching.pipeline import Pipeline
from ghlicense.parsers._text import decode
from ghlicense.parsers.sniff import FORMAT_NAMES, Format, detect_format, parse_any
from ghlicense.records.cloud import CloudReport
from ghlicense.records.identities import IdentitySet
from ghlicense.records.server import ServerExport
from ghlicense.records.visual_studio import VisualStudioList
from ghlicense.reports import iter_json, render_text

__all__ = ["console", "main"]

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

_T = TypeVar("_T")

_EXAMPLE_CLOUD = "cloud-report.csv"
_EXAMPLE_SERVERS = ("ghes-main.json", "ghes-eu.json")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ghlicense",
        description="Explain every GitHub Enterprise seat: who is counted more than once, and why.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "audit",
        help="count seats and explain them",
        description="Re-derive GitHub's seat de-duplication from license files and explain it.",
    )
    run.add_argument(
        "--cloud", metavar="FILE", help="GHEC license usage report (CSV, or the REST JSON)"
    )
    run.add_argument(
        "--server",
        metavar="[HOST=]FILE",
        action="append",
        default=[],
        help="GHES license usage export (JSON), or HOST=all_users.csv; repeat per instance",
    )
    run.add_argument(
        "--identities",
        metavar="FILE",
        action="append",
        default=[],
        help="SAML / SCIM identities (saved GraphQL externalIdentities responses); repeatable",
    )
    run.add_argument(
        "--vs",
        metavar="FILE",
        action="append",
        default=[],
        help="Visual Studio subscribers (admin portal CSV, bulk-add CSV or REST JSON); repeatable",
    )
    dates = run.add_mutually_exclusive_group()
    dates.add_argument(
        "--vs-dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        default=None,
        help="Visual Studio dates are dd/mm/yyyy",
    )
    dates.add_argument(
        "--vs-monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="Visual Studio dates are mm/dd/yyyy",
    )
    run.add_argument(
        "--example",
        action="store_true",
        help="audit the example enterprise bundled with ghlicense",
    )
    run.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    run.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    run.add_argument(
        "--keep-going",
        action="store_true",
        help="set bad rows aside, list them on stderr and mark the report partial",
    )
    emu = run.add_mutually_exclusive_group()
    emu.add_argument(
        "--emu",
        dest="emu",
        action="store_const",
        const=True,
        default=None,
        help="the enterprise uses Enterprise Managed Users",
    )
    emu.add_argument(
        "--no-emu",
        dest="emu",
        action="store_const",
        const=False,
        help="the enterprise does not use Enterprise Managed Users",
    )
    run.add_argument(
        "--max-file-size",
        metavar="MIB",
        type=int,
        default=DEFAULT_LIMITS.max_bytes // 2**20,
        help="refuse input files larger than this many MiB (default %(default)s)",
    )
    run.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return parser


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise _InputError(f"{path}: the file does not exist; check the path.") from None
    except IsADirectoryError:
        raise _InputError(f"{path}: this is a folder, not a file.") from None
    except OSError as exc:
        raise _InputError(f"{path}: the file cannot be read ({exc.strerror}).") from None


def _example(name: str) -> bytes:
    return resources.files("ghlicense").joinpath("example", name).read_bytes()


class _InputError(Exception):
    """A problem with the user's files or options, with its message."""


_OPTIONS: dict[str, tuple[Format, ...]] = {
    "--cloud": ("cloud_csv", "cloud_json"),
    "--server": ("server_export", "server_users_csv"),
    "--identities": ("identities",),
    "--vs": ("visual_studio",),
}
_OPTION_OF = {kind: option for option, kinds in _OPTIONS.items() for kind in kinds}


def _load(  # noqa: PLR0917
    option: str,
    data: bytes,
    source: str,
    args: argparse.Namespace,
    expected: type[_T],
    host: str | None = None,
) -> _T:
    """Parse one file given to *option*, refusing a file of another option's format."""
    limits = Limits(max_bytes=args.max_file_size * 2**20)
    text = decode(data, source=source, error=UnknownFormatError, limits=limits)  # once
    del data  # a large file is held once, as text
    kind = detect_format(text, source=source)
    if kind not in _OPTIONS[option]:
        other = _OPTION_OF.get(kind)
        advice = (
            f"pass it with {other}, not {option}" if other else f"it cannot be used with {option}"
        )
        raise _InputError(f"{source}: this looks like {FORMAT_NAMES[kind]}; {advice}.")
    parsed = parse_any(
        text,
        source=source,
        strict=not args.keep_going,
        host=host,
        dayfirst=args.dayfirst,
        limits=limits,
    )
    if not isinstance(parsed.value, expected):  # pragma: no cover - the check above
        raise TypeError(parsed.format)
    return parsed.value


def _server(value: str, args: argparse.Namespace) -> ServerExport:
    """``FILE``, or ``HOST=FILE`` for a site admin report that does not name its host."""
    host, sep, path = value.partition("=")
    if not sep or "/" in host or Path(value).exists():
        host, path = "", value
    return _load("--server", _read(path), path, args, ServerExport, host or None)


def _audit(args: argparse.Namespace, keep: list[object]) -> Iterator[str]:
    cloud: CloudReport | None
    if args.example:
        if args.cloud or args.server or args.identities or args.vs:
            raise _InputError("use --example alone, without files of your own.")
        cloud = _load(
            "--cloud", _example(_EXAMPLE_CLOUD), f"example/{_EXAMPLE_CLOUD}", args, CloudReport
        )
        servers: list[ServerExport] = [
            _load("--server", _example(name), f"example/{name}", args, ServerExport)
            for name in _EXAMPLE_SERVERS
        ]
        identities: list[IdentitySet] = []
        subscribers: list[VisualStudioList] = []
    else:
        if not args.cloud and not args.server:
            raise _InputError(
                "nothing to audit: pass --cloud FILE (and --server FILE for each GHES "
                "instance), or --example."
            )
        cloud = (
            _load("--cloud", _read(args.cloud), args.cloud, args, CloudReport)
            if args.cloud
            else None
        )
        servers = [_server(value, args) for value in args.server]
        identities = [
            _load("--identities", _read(path), path, args, IdentitySet) for path in args.identities
        ]
        subscribers = [_load("--vs", _read(path), path, args, VisualStudioList) for path in args.vs]

    enterprise = collect_enterprise(
        cloud=cloud, servers=servers, identities=identities, visual_studio=subscribers, emu=args.emu
    )
    parsed: list[CloudReport | ServerExport | IdentitySet | VisualStudioList] = [
        *([cloud] if cloud else []),
        *servers,
        *identities,
        *subscribers,
    ]
    problems = [problem for item in parsed for problem in item.problems]
    del cloud, servers, identities, subscribers, parsed  # free the rows before matching
    result = Pipeline().run(enterprise, problems=problems)
    keep.append(result)
    for problem in result.problems:
        print(f"ghlicense: {problem}", file=sys.stderr)
    return iter_json(result) if args.format == "json" else iter([render_text(result)])


def _write(path: str, pieces: Iterable[str]) -> None:
    """Write *pieces* to *path* atomically: a failed run never leaves half a report."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as exc:
        raise _InputError(f"{path}: the report cannot be written ({exc.strerror}).") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(pieces)
        Path(temporary).replace(target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise _InputError(f"{path}: the report cannot be written ({exc.strerror}).") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    return _run(argv, keep=[])


def console() -> NoReturn:
    """The ``ghlicense`` command: :func:`main`, then an immediate exit.

    A large audit holds millions of objects; freeing them one by one before the process
    ends takes seconds at a million persons, and the operating system reclaims them at
    once. The report is complete (and its file closed) before this point.
    """
    keep: list[object] = []
    status = _run(None, keep=keep)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # a reader gone, a stream closed
            stream.flush()
    os._exit(status)


def _run(argv: Sequence[str] | None, *, keep: list[object]) -> int:
    """The command line; the audit's objects are left in *keep* for the caller to free."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    # A parse creates millions of containers that all live to the end of the run: the
    # cyclic garbage collector would walk them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        pieces = _audit(args, keep)
        if args.output:
            _write(args.output, pieces)
        else:
            sys.stdout.writelines(pieces)
    except ParseErrors as group:
        for problem in group.exceptions:
            print(f"ghlicense: {problem}", file=sys.stderr)
        print(
            f"ghlicense: {group.message}; nothing was counted. Fix the rows above, or pass "
            "--keep-going to count the rest and mark the report partial.",
            file=sys.stderr,
        )
        return EXIT_INPUT
    except (GhlicenseError, _InputError) as error:
        print(f"ghlicense: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader went away (``ghlicense audit ... | head``): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:  # noqa: BLE001 - the last line of defence: no traceback for users
        if args.debug:
            traceback.print_exc()
        print(
            "ghlicense: internal error: this is a bug in ghlicense, not a problem with your "
            "files. Please report it, with the output of the same command run with --debug.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        if collecting:
            gc.enable()
    return 0
