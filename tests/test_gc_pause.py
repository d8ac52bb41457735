"""The cyclic garbage collector is paused during bulk work and given back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import attrs
import pytest

import ghlicense


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@attrs.frozen
class _Spy:
    """A matcher that records whether the collector runs while it matches."""

    seen: list[bool]
    name: str = "spy"

    def match(self, enterprise: object, pending: object, /) -> Iterator[ghlicense.Link]:
        self.seen.append(gc.isenabled())
        return iter(())


def test_paused_while_matching_and_restored(collector: None) -> None:
    gc.enable()
    seen: list[bool] = []
    files = ghlicense.example_files()
    cloud = ghlicense.parse_cloud_report(files["cloud-report.csv"], source="cloud-report.csv")
    assert gc.isenabled()
    result = ghlicense.audit(
        cloud=cloud, pipeline=ghlicense.Pipeline([*ghlicense.DEFAULT_MATCHERS, _Spy(seen)])
    )
    assert seen == [False]
    assert gc.isenabled()
    assert result.findings is not None
    assert gc.isenabled()


def test_restored_when_an_error_is_raised(collector: None) -> None:
    gc.enable()
    with pytest.raises(ghlicense.CloudReportError):
        ghlicense.parse_cloud_report("not,a,report\n1,2,3\n", source="x.csv")
    assert gc.isenabled()
    with pytest.raises(ghlicense.ServerExportError):
        ghlicense.parse_server_export("{}", source="x.json")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused(collector: None) -> None:
    gc.disable()
    ghlicense.example()
    with pytest.raises(ghlicense.CloudReportError):
        ghlicense.parse_cloud_report("not,a,report\n", source="x.csv")
    assert not gc.isenabled()
