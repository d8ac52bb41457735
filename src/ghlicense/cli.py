"""The command line: the only part of ghlicense that reads files or writes to the terminal.

Exit status: 0 success, 1 bad input (the message names the file and the place),
2 wrong command-line usage, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import stat
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

import attrs

from ghlicense.bundled import EXAMPLE_FILES, example_files
from ghlicense.cli_fetch import FETCHED_LICENSES, MANIFEST, FetchUsageError, fetch_command
from ghlicense.cli_options import parser
from ghlicense.cli_progress import PROGRESS
from ghlicense.diff import diff_audits, diff_reports
from ghlicense.errors import GhlicenseError, ParseErrors, UnknownFormatError
from ghlicense.findings import CheckSettings, Fix, parse_fixes, what_if
from ghlicense.limits import InputTooLarge, Limits, Readable, read_bounded
from ghlicense.matching.audit import Audit
from ghlicense.matching.enterprise import collect_enterprise
from ghlicense.matching.pipeline import Pipeline, audit
from ghlicense.parsers._text import decode
from ghlicense.parsers.sniff import FORMAT_NAMES, Format, detect_format, parse_any
from ghlicense.records.cloud import CloudReport
from ghlicense.records.identities import IdentitySet
from ghlicense.records.server import ServerExport
from ghlicense.records.sync import SyncStatusReport
from ghlicense.records.visual_studio import VisualStudioList
from ghlicense.redaction import redact
from ghlicense.reports import (
    iter_json,
    render_csv,
    render_html,
    render_markdown,
    render_text,
)
from ghlicense.reports.diff_report import (
    render_diff_json,
    render_diff_markdown,
    render_diff_text,
)
from ghlicense.reports.summary import missing_pages_sentence
from ghlicense.reports.view import report_view

__all__ = ["console", "main"]

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C): 128 + SIGINT, as shells report it."""

_T = TypeVar("_T")


STDIN = "-"
_STDIN_NAME = "<stdin>"


class _InputError(Exception):
    """A problem with the user's files, with its message (exit 1)."""


class _UsageError(Exception):
    """The command line was used in a way that cannot work, with its message (exit 2)."""


def _too_large(source: str, limit: int) -> _InputError:
    return _InputError(
        f"{source}: the file is larger than the limit of {limit // 2**20:,} MiB "
        f"({limit:,} bytes); no license file is that large: check that this is the right "
        "file, or raise the limit with --max-file-size MIB."
    )


class _Inputs:
    """Reads each input once, bounded by the size limit, and remembers what it read."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.seen: dict[object, str] = {}

    def identity(self, path: str) -> object:
        """What makes two paths one file: the device and inode, else the path."""
        if path == STDIN:
            return STDIN
        try:
            status = os.stat(path)
        except OSError:
            return path
        return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else path

    def given_twice(self, option: str, path: str) -> bool:
        """Whether *path* was given before; says so once on stderr."""
        key = self.identity(path)
        if key == STDIN:  # only once: the command line checks it before reading
            return False
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = path
            return False
        said = "was given twice" if first == path else f"is the same file as {first}"
        print(f"ghlicense: {path} {said} ({option}); it is read once.", file=sys.stderr)
        return True

    def read(self, path: str) -> tuple[bytes, str]:
        """The bytes of *path* (``-``: standard input) and the name to use in messages."""
        PROGRESS.step(f"reading {path}")
        if path == STDIN:
            return self._bounded(sys.stdin.buffer, _STDIN_NAME, None), _STDIN_NAME
        try:
            with Path(path).open("rb") as stream:
                status = os.fstat(stream.fileno())
                size = status.st_size if stat.S_ISREG(status.st_mode) else None
                return self._bounded(stream, path, size), path
        except FileNotFoundError:
            raise _InputError(f"{path}: the file does not exist; check the path.") from None
        except IsADirectoryError:
            raise _InputError(f"{path}: this is a folder, not a file.") from None
        except OSError as exc:
            raise _InputError(f"{path}: the file cannot be read ({exc.strerror}).") from None

    def _bounded(self, stream: Readable, source: str, size: int | None) -> bytes:
        try:
            return read_bounded(stream, limit=self.limit, size=size)
        except InputTooLarge:
            raise _too_large(source, self.limit) from None


_OPTIONS: dict[str, tuple[Format, ...]] = {
    "--sync": ("sync_status",),
    "--cloud": ("cloud_csv", "cloud_json"),
    "--server": ("server_export", "server_users_csv"),
    "--identities": ("identities",),
    "--vs": ("visual_studio",),
}
_OPTION_OF = {kind: option for option, kinds in _OPTIONS.items() for kind in kinds}


def _load(  # noqa: PLR0917
    option: str,
    data: str | bytes,
    source: str,
    args: argparse.Namespace,
    expected: type[_T],
    host: str | None = None,
) -> _T:
    """Parse one file given to *option*, refusing a file of another option's format."""
    text = _text(data, source, args)
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
        limits=Limits(max_bytes=args.max_file_size * 2**20),
    )
    if not isinstance(parsed.value, expected):  # pragma: no cover - the check above
        raise TypeError(parsed.format)
    return parsed.value


def _text(data: str | bytes, source: str, args: argparse.Namespace) -> str:
    """An input's text, decoded once, within the size limit."""
    limits = Limits(max_bytes=args.max_file_size * 2**20)
    return decode(data, source=source, error=UnknownFormatError, limits=limits)


def _files(
    option: str, paths: Sequence[str], inputs: _Inputs, args: argparse.Namespace, expected: type[_T]
) -> list[_T]:
    loaded: list[_T] = []
    for path in paths:
        if inputs.given_twice(option, path):
            continue
        data, source = inputs.read(path)
        loaded.append(_load(option, data, source, args, expected))
    return loaded


def _servers(
    values: Sequence[str], inputs: _Inputs, args: argparse.Namespace
) -> list[ServerExport]:
    """``FILE``, or ``HOST=FILE`` for a site admin report that does not name its host."""
    servers = []
    for value in values:
        host, sep, path = value.partition("=")
        if not sep or "/" in host or Path(value).exists():
            host, path = "", value
        if inputs.given_twice("--server", path):
            continue
        data, source = inputs.read(path)
        servers.append(_load("--server", data, source, args, ServerExport, host or None))
    return servers


_Input = CloudReport | ServerExport | IdentitySet | VisualStudioList | SyncStatusReport
_EXPECTED: dict[str, type[_Input]] = {
    "--cloud": CloudReport,
    "--server": ServerExport,
    "--identities": IdentitySet,
    "--vs": VisualStudioList,
    "--sync": SyncStatusReport,
}


def _folder(folder: str, inputs: _Inputs, args: argparse.Namespace) -> list[_Input]:
    """Every input in *folder*, each recognised by its content; says what it read.

    Hidden files and ``ghlicense fetch``'s manifest are passed over; a file of no known
    format, or a subfolder, is named on stderr as skipped (never silently).
    """
    base = Path(folder)
    if not base.is_dir():
        raise _InputError(
            f"{folder}: "
            + ("this is a file, not a folder." if base.exists() else "no such folder.")
        )
    found: list[_Input] = []
    manifest = _manifest(base / MANIFEST)
    if manifest and not args.quiet:
        print(f"ghlicense: {base}: {manifest}", file=sys.stderr)
    for path in sorted(base.iterdir()):
        if path.name.startswith(".") or path.name == MANIFEST:
            continue
        shown = str(path)
        if path.is_dir():
            print(f"ghlicense: {shown}: skipped (a folder).", file=sys.stderr)
            continue
        if inputs.given_twice("--from", shown):
            continue
        data, source = inputs.read(shown)
        text = _text(data, source, args)
        del data
        try:
            kind = detect_format(text, source=source)
        except UnknownFormatError as unknown:
            print(f"ghlicense: {shown}: skipped ({unknown.reason})", file=sys.stderr)
            continue
        if kind == "server_users_csv":
            raise _InputError(
                f"{shown}: this is {FORMAT_NAMES[kind]}, which does not name its instance; "
                "move it out of the folder and pass it with --server HOST=FILE."
            )
        option = _OPTION_OF[kind]
        found.append(_load(option, text, source, args, _EXPECTED[option]))
        if not args.quiet:
            print(f"ghlicense: read {shown}: {FORMAT_NAMES[kind]}", file=sys.stderr)
    return found


def _manifest(path: Path) -> str | None:
    """What a ``ghlicense fetch`` manifest says of its folder, in words (``None``: none)."""
    try:
        with path.open("rb") as stream:
            text = stream.read(2**20 + 1)  # a manifest is a few hundred bytes
        data = json.loads(text) if len(text) <= 2**20 else None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "ghlicense_fetch" not in data:
        return None
    return (
        f"fetched by ghlicense from {data.get('api_url', '?')} at {data.get('fetched_at', '?')}"
        f" (enterprise {data.get('enterprise', '?')!r})"
    )


def _audit(args: argparse.Namespace, keep: list[object]) -> Iterator[str]:
    clouds: list[CloudReport]
    if args.example:
        if (
            args.cloud
            or args.server
            or args.identities
            or args.vs
            or args.sync
            or args.from_folders
        ):
            raise _UsageError("use --example alone, without files of your own.")
        cloud_name, *server_names = EXAMPLE_FILES
        files = example_files()
        clouds = [_load("--cloud", files[cloud_name], f"example/{cloud_name}", args, CloudReport)]
        servers: list[ServerExport] = [
            _load("--server", files[name], f"example/{name}", args, ServerExport)
            for name in server_names
        ]
        identities: list[IdentitySet] = []
        subscribers: list[VisualStudioList] = []
        syncs: list[SyncStatusReport] = []
    else:
        if not args.cloud and not args.server and not args.from_folders:
            raise _UsageError(
                "nothing to audit: pass --cloud FILE (and --server FILE for each GHES "
                "instance), --from DIR, or --example."
            )
        stdin = [
            path
            for path in (*args.cloud, *args.server, *args.identities, *args.vs)
            if path == STDIN or path.endswith("=" + STDIN)
        ]
        if len(stdin) > 1:
            raise _UsageError(
                "standard input (-) can be read only once; save the other inputs to files "
                "and pass those."
            )
        inputs = _Inputs(args.max_file_size * 2**20)
        clouds = _files("--cloud", args.cloud, inputs, args, CloudReport)
        servers = _servers(args.server, inputs, args)
        identities = _files("--identities", args.identities, inputs, args, IdentitySet)
        subscribers = _files("--vs", args.vs, inputs, args, VisualStudioList)
        syncs = _files("--sync", args.sync, inputs, args, SyncStatusReport)
        for folder in args.from_folders:
            found = _folder(folder, inputs, args)
            clouds += [v for v in found if isinstance(v, CloudReport)]
            servers += [v for v in found if isinstance(v, ServerExport)]
            identities += [v for v in found if isinstance(v, IdentitySet)]
            subscribers += [v for v in found if isinstance(v, VisualStudioList)]
            syncs += [v for v in found if isinstance(v, SyncStatusReport)]
        if not clouds and not servers:
            raise _InputError(
                "nothing to audit: the folders given with --from hold no GHEC license "
                "report and no GHES export."
            )

    enterprise = collect_enterprise(
        cloud=clouds,
        servers=servers,
        identities=identities,
        visual_studio=subscribers,
        emu=args.emu,
        billing=args.billing,
    )
    parsed: list[CloudReport | ServerExport | IdentitySet | VisualStudioList] = [
        *clouds,
        *servers,
        *identities,
        *subscribers,
    ]
    problems = [problem for item in parsed for problem in item.problems]
    del clouds, servers, identities, subscribers, parsed  # free the rows before matching
    PROGRESS.step("matching")
    result = Pipeline().run(enterprise, problems=problems)
    sync = (
        SyncStatusReport(
            source=syncs[0].source, instances=tuple(i for r in syncs for i in r.instances)
        )
        if syncs
        else None
    )
    result = attrs.evolve(
        result,
        check_settings=CheckSettings(
            verified_domains=tuple(args.verified_domain),
            sync=sync,
            as_of=args.as_of or dt.datetime.now(tz=dt.UTC).date(),
            stale_after=args.stale_after,
        ),
    )
    if args.what_if or args.what_if_suggested:
        result = _what_if(result, args)
    for problem in result.problems:
        print(f"ghlicense: {problem}", file=sys.stderr)
    if args.redact:
        result = redact(result, key=args.redact_key.encode())
    keep.append(result)
    view = report_view(result)  # made once: the warning and the writer read it
    missing = missing_pages_sentence(view.summary)
    if missing is not None:  # the report says it too; a script's user may see only this
        print(f"ghlicense: warning: {missing}", file=sys.stderr)
    if args.format == "json":
        return iter_json(view)
    writers = {
        "text": render_text,
        "csv": render_csv,
        "markdown": render_markdown,
        "html": render_html,
    }
    return iter([writers[args.format](view)])


def _what_if(result: Audit, args: argparse.Namespace) -> Audit:
    """The recount with the fixes of ``--what-if`` files and ``--what-if-suggested``."""
    fixes: list[Fix] = []
    inputs = _Inputs(args.max_file_size * 2**20)
    for path in args.what_if:
        data, source = inputs.read(path)
        text = decode(data, source=source, error=UnknownFormatError)
        fixes += parse_fixes(text, source=source)
    if args.what_if_suggested:
        fixes += [f.fix for f in result.findings if f.level == "high" and f.fix is not None]
    after, _ = what_if(result, fixes)
    return after


def _fetched_report(path: str) -> str:
    """*path*, or for a folder of ``ghlicense fetch`` its consumed-licenses file."""
    if path == STDIN or not Path(path).is_dir():
        return path
    report = Path(path) / FETCHED_LICENSES
    if not report.is_file():
        raise _InputError(
            f"{path}: this folder holds no {FETCHED_LICENSES} (the consumed licenses of "
            "'ghlicense fetch'); pass the license report's file itself."
        )
    return str(report)


def _diff(args: argparse.Namespace) -> Iterator[str]:
    """``ghlicense diff OLD NEW``: the changes between two cloud reports."""
    if args.old == STDIN and args.new == STDIN:
        raise _UsageError(
            "standard input (-) can be read only once; save one of the reports to a file."
        )
    inputs = _Inputs(args.max_file_size * 2**20)
    reports = []
    for path in (args.old, args.new):
        data, source = inputs.read(_fetched_report(path))
        reports.append(_load("--cloud", data, source, args, CloudReport))
    if args.redact:  # one key for both: a value keeps its pseudonym across the two
        key = args.redact_key.encode()
        old, new = (redact(audit(cloud=report), key=key) for report in reports)
        changes = diff_audits(old, new)
    else:
        changes = diff_reports(reports[0], reports[1])
    render = {
        "text": render_diff_text,
        "json": render_diff_json,
        "markdown": render_diff_markdown,
    }[args.format]
    return iter([render(changes)])


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write(path: str, pieces: Iterable[str]) -> None:
    """Write *pieces* to *path*: atomically to a regular file, straight to anything else.

    A regular file (or a new one) is replaced by a complete temporary file, so a failed
    run never leaves half a report; a symlink is written through to its target; a
    device or FIFO is written to as it is, and stays what it was. A replaced file keeps
    its permissions; a new one gets the umask's.
    """
    target = Path(os.path.realpath(path))
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise _InputError(f"{path}: the report cannot be written ({exc.strerror}).") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise _InputError(f"{path}: this is a folder; name a file to write the report to.")
    if status is not None and not stat.S_ISREG(status.st_mode):
        try:
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                stream.writelines(pieces)
        except OSError as exc:
            raise _InputError(f"{path}: the report cannot be written ({exc.strerror}).") from None
        return
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise _InputError(f"{path}: the report cannot be written ({exc.strerror}).") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(pieces)
            os.fchmod(stream.fileno(), mode)
            if status is not None and hasattr(os, "fchown"):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(stream.fileno(), status.st_uid, status.st_gid)
        Path(temporary).replace(target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise _InputError(f"{path}: the report cannot be written ({exc.strerror}).") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    # A parse creates millions of containers that all live to the end of the run: the
    # cyclic garbage collector would walk them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        PROGRESS.reset(sys.stderr)
        if args.command == "fetch":
            fetch_command(args)
            return 0
        pieces = _diff(args) if args.command == "diff" else _audit(args, keep)
        PROGRESS.step("writing the report")
        if args.output and args.output != STDIN:
            _write(args.output, pieces)
            PROGRESS.done()
            if not args.quiet:
                print(f"ghlicense: report written to {args.output}", file=sys.stderr)
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
    except _UsageError as error:
        print(f"ghlicense: {error}", file=sys.stderr)
        return EXIT_USAGE
    except FetchUsageError as error:
        print(f"ghlicense: {error}", file=sys.stderr)
        return EXIT_USAGE if error.usage else EXIT_INPUT
    except KeyboardInterrupt:
        print(
            "ghlicense: interrupted; no report or fetched file was left half-written.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
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
        PROGRESS.done()
        if collecting:
            gc.enable()
    return 0
