"""The text summary stays short for large enterprises."""

from __future__ import annotations

from ghlicense import audit, parse_cloud_report, parse_server_export, render_text
from synthetic import generate


def test_long_lists_are_cut_with_a_count() -> None:
    """Each list shows 25 entries, then how many more the JSON report has."""
    world = generate(400, 7)
    result = audit(
        cloud=parse_cloud_report(world.cloud_csv),
        servers=[parse_server_export(text, source=host) for host, text in world.exports.items()],
    )
    text = render_text(result)
    several = len(result.multi_deployment)
    assert several > 25
    assert f"  ... and {several - 25} more (the JSON report lists them all)" in text
    assert len(render_text(result, limit=None).splitlines()) > len(text.splitlines())
