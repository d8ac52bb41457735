"""Shared test set-up: Hypothesis profiles, the real-data folder, golden-file regeneration."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")

TESTS = Path(__file__).parent
REALDATA = TESTS.parent.parent / "shared" / "realdata"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite the expected.json of every golden case (review the diff!)",
    )


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


def realdata(relative: str) -> Path:
    """Return a file of ../shared/realdata, or skip the test when it is not there."""
    path = REALDATA / relative
    if not path.exists():
        pytest.skip(f"third-party sample {relative} is not here ({REALDATA} is absent)")
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many bad inputs the corpus test tried."""
    from test_bad_inputs import TRIED

    if TRIED:
        terminalreporter.write_line(f"bad inputs tried: {TRIED[-1]} files, strict and lenient")
