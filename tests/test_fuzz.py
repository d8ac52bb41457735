"""Fuzzing: any input gives a result or an error of the ghlicense tree, never anything else.

The default run tries a few hundred inputs per parser; ``nox -s fuzz`` many more.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ghlicense
from ghlicense import GhlicenseError

PARSERS: dict[str, Callable[[str | bytes], object]] = {
    "cloud_report": lambda d: ghlicense.parse_cloud_report(d, strict=False),
    "cloud_csv": lambda d: ghlicense.parse_cloud_csv(d, strict=False),
    "cloud_json": lambda d: ghlicense.parse_cloud_json(d, strict=False),
    "server_export": lambda d: ghlicense.parse_server_export(d, strict=False),
    "server_users_csv": lambda d: ghlicense.parse_server_users_csv(d, host="h", strict=False),
    "identities": lambda d: ghlicense.parse_identities(d, strict=False),
    "visual_studio": lambda d: ghlicense.parse_visual_studio(d, strict=False),
    "sync_status": ghlicense.parse_sync_status,
    "any": lambda d: ghlicense.parse_any(d, host="h", strict=False),
}

# JSON made of the keys the parsers look for, nested in every way.
KEYS = st.sampled_from(
    [
        "users", "instance", "user_id", "emails", "email", "primary", "host_name", "features",
        "github_com_login", "enterprise_server_user_ids", "total_seats_consumed", "data",
        "enterprise", "organization", "ownerInfo", "samlIdentityProvider", "oidcProvider",
        "externalIdentities", "nodes", "edges", "node", "user", "login", "samlIdentity",
        "scimIdentity", "attributes", "name", "value", "server_instances", "last_sync", "date",
        "visual_studio_subscriptions", "visual_studio_subscription_email", "errors", "properties",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False),
    st.sampled_from(["", "a@example.com", "x", "2021-01-01T00:00:00Z", "1:h:Member", "true"]),
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)
CSV_CELLS = st.sampled_from(
    [
        "", "github_com_login", "license_type", "enterprise_server_user_ids", "Email",
        "github_com_verified_domain_emails", "enterprise_server_primary_emails", "id", "login",
        "email", "suspended?", "a@example.com", "bob@", "1:h:Member", "x:y", "TRUE", "maybe",
        '"', '""', "03/04/2021", "24/09/2018", "Assigned", "\ufeff", "\r", "\n",
    ]
)  # fmt: skip
CSV = st.lists(st.lists(CSV_CELLS, max_size=7), max_size=6).map(
    lambda rows: "\n".join(",".join(row) for row in rows)
)


def _check(parser: str, data: str | bytes) -> None:
    with contextlib.suppress(GhlicenseError):
        PARSERS[parser](data)


@pytest.mark.parametrize("parser", sorted(PARSERS))
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_fuzz_random_input(parser: str, data: str | bytes) -> None:
    """Random bytes and text never escape the error tree."""
    _check(parser, data)


@pytest.mark.parametrize("parser", sorted(PARSERS))
@given(document=JSON)
def test_fuzz_json_shapes(parser: str, document: object) -> None:
    """JSON of every shape, with the keys the parsers know, never escapes the error tree."""
    _check(parser, json.dumps(document))


@pytest.mark.parametrize("parser", sorted(PARSERS))
@given(text=CSV)
def test_fuzz_csv_shapes(parser: str, text: str) -> None:
    """CSV made of the headers and values the parsers know never escapes the error tree."""
    _check(parser, text)


@given(document=JSON, text=CSV)
def test_fuzz_audit(document: object, text: str) -> None:
    """Whatever parses also audits and renders."""
    for data in (json.dumps(document), text):
        try:
            parsed = ghlicense.parse_any(data, host="h", strict=False).value
        except GhlicenseError:
            continue
        kwargs: dict[str, object] = {}
        if isinstance(parsed, ghlicense.CloudReport):
            kwargs["cloud"] = parsed
        elif isinstance(parsed, ghlicense.ServerExport):
            kwargs["servers"] = [parsed]
        elif isinstance(parsed, ghlicense.IdentitySet):
            kwargs["identities"] = [parsed]
        elif isinstance(parsed, ghlicense.VisualStudioList):
            kwargs["visual_studio"] = [parsed]
        else:
            continue
        result = ghlicense.audit(**kwargs)  # type: ignore[arg-type]
        json.loads(ghlicense.render_json(result))
        ghlicense.render_text(result)


class _Trickle:
    """A stream that hands out its bytes a few at a time, like a pipe."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.read_so_far = data, step, 0

    def read(self, size: int, /) -> bytes:
        take = min(size, self.step)
        piece = self.data[self.read_so_far : self.read_so_far + take]
        self.read_so_far += len(piece)
        return piece


@given(
    data=st.binary(max_size=3000),
    limit=st.integers(min_value=0, max_value=3000),
    step=st.integers(min_value=1, max_value=4096),
    told=st.booleans(),
)
def test_read_bounded(data: bytes, limit: int, step: int, *, told: bool) -> None:
    """The bounded reader gives every byte up to the limit, refuses more, reads limit+1 at most."""
    from ghlicense.limits import InputTooLarge, read_bounded

    stream = _Trickle(data, step)
    size = len(data) if told else None
    if len(data) <= limit:
        assert read_bounded(stream, limit=limit, size=size) == data
    else:
        with pytest.raises(InputTooLarge):
            read_bounded(stream, limit=limit, size=size)
    assert stream.read_so_far <= limit + 1


def test_read_bounded_a_file_that_grows() -> None:
    """A file that grows past the size it was said to have is still bounded by the limit."""
    from ghlicense.limits import InputTooLarge, read_bounded

    stream = _Trickle(b"x" * 100, 7)
    with pytest.raises(InputTooLarge):
        read_bounded(stream, limit=50, size=10)
    assert stream.read_so_far == 51
