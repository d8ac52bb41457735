"""Progress on the terminal for the command line: which file is read, matching, writing.

Shown on stderr only when it is a terminal and the run has taken more than about a
second; never in the library. tqdm draws it when installed (``ghlicense[progress]``):
it is small, has no dependencies of its own, is maintained, and its ``delay`` shows
nothing for short runs, as wanted; without it a plain status line does the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TextIO

__all__ = ["PROGRESS", "Progress", "RunProgress"]


class _Bar(Protocol):
    def set_description_str(self, desc: str, /) -> None: ...  # pragma: no cover
    def close(self) -> None: ...  # pragma: no cover


class Progress:
    """A status line of the run's steps on *stream*, after *delay* seconds."""

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        enabled: bool | None = None,
    ) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.start = clock()
        self.shown = False
        self.bar: _Bar | None = None

    def step(self, what: str) -> None:
        """Say that the run is now doing *what* (shown once the delay has passed)."""
        if not self.enabled or self.clock() - self.start < self.delay:
            return
        try:
            from tqdm import tqdm  # noqa: PLC0415 - optional
        except ImportError:
            self.stream.write(f"\r\x1b[Kghlicense: {what}")
            self.stream.flush()
        else:
            if self.bar is None:
                self.bar = tqdm(
                    file=self.stream, bar_format="ghlicense: {desc} ({elapsed})", leave=False
                )
            self.bar.set_description_str(what)
        self.shown = True

    def done(self) -> None:
        """Clear the status line (a finished run leaves no progress behind)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class RunProgress:
    """The run's progress: a :class:`Progress` on stderr, made anew for each run."""

    def __init__(self) -> None:
        self.progress: Progress | None = None

    def reset(self, stream: TextIO) -> None:
        self.progress = Progress(stream)

    def step(self, what: str) -> None:
        if self.progress is not None:
            self.progress.step(what)

    def done(self) -> None:
        if self.progress is not None:
            self.progress.done()
            self.progress = None


PROGRESS = RunProgress()
"""The command line's progress (``reset`` at the start of each run)."""
