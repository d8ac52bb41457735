"""Progress on stderr: only on a terminal, only after a second, cleared at the end."""

from __future__ import annotations

import io
import sys

import pytest

from ghlicense.cli_progress import Progress


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nothing_before_a_second_or_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short run, or a stream that is no terminal, shows nothing."""
    monkeypatch.setitem(sys.modules, "tqdm", None)  # the plain status line
    clock, stream = _Clock(), io.StringIO()
    progress = Progress(stream, clock=clock, enabled=True)
    progress.step("reading a.csv")
    progress.done()
    assert stream.getvalue() == ""
    quiet = Progress(io.StringIO(), clock=clock)  # a StringIO is no terminal
    clock.now = 5
    quiet.step("matching")
    assert quiet.stream.getvalue() == ""  # type: ignore[attr-defined]


def test_a_long_run_says_each_step_then_clears(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the delay each step replaces the line; done clears it."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    clock, stream = _Clock(), io.StringIO()
    progress = Progress(stream, clock=clock, enabled=True)
    clock.now = 1.5
    progress.step("reading a.csv")
    progress.step("matching")
    progress.done()
    assert stream.getvalue() == (
        "\r\x1b[Kghlicense: reading a.csv\r\x1b[Kghlicense: matching\r\x1b[K"
    )


def test_with_tqdm() -> None:
    """With tqdm installed, it draws the line (and clears it)."""
    pytest.importorskip("tqdm")
    clock, stream = _Clock(), io.StringIO()
    progress = Progress(stream, clock=clock, enabled=True)
    clock.now = 2
    progress.step("matching")
    progress.done()
    assert "ghlicense: matching" in stream.getvalue()
