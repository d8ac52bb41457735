"""The JSON report's person lines, written directly, are exactly the encoder's text."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ghlicense import (
    DEFAULT_MATCHERS,
    AccountId,
    CloudAccount,
    Invitation,
    Link,
    Miss,
    Person,
    Pipeline,
    ServerAccount,
    VisualStudioSubscription,
    audit,
    parse_cloud_report,
    parse_identities,
    parse_server_export,
    parse_visual_studio,
)
from ghlicense.reports.json_report import _person, _person_json
from ghlicense.reports.person_lines import person_line
from synthetic import generate


def _encoded(person: Person) -> str:
    return json.dumps(_person(person), ensure_ascii=False, separators=(", ", ": "))


def test_every_person_of_a_synthetic_enterprise() -> None:
    """Both pipelines' persons (links, misses, VS, invitations, several hosts)."""
    world = generate(2000, 11)
    strict = Pipeline(m for m in DEFAULT_MATCHERS if m.name != "github_report")
    for pipeline in (None, strict):
        result = audit(
            cloud=parse_cloud_report(world.cloud_csv),
            servers=[parse_server_export(t, source=h) for h, t in world.exports.items()],
            identities=[parse_identities(world.identities)],
            visual_studio=[parse_visual_studio(world.visual_studio_csv)],
            pipeline=pipeline,
        )
        for person in result.persons:
            assert person_line(person) == _encoded(person)


_TEXT = st.text(max_size=12)  # any characters: quotes, backslashes, controls, non-ASCII
_MAYBE = st.none() | _TEXT


@given(
    login=_TEXT.filter(bool),
    name=_MAYBE,
    host=_TEXT,
    user_id=st.integers(min_value=0, max_value=2**63),
    email=_MAYBE,
    suspended=st.booleans(),
    upn=_TEXT.filter(bool),
    invitee=_TEXT.filter(bool),
    reason=_TEXT,
    value=_TEXT,
    consumes=st.booleans(),
    license_type=_MAYBE,
)
def test_any_text_is_written_as_the_encoder_writes_it(
    login: str,
    name: str | None,
    host: str,
    user_id: int,
    email: str | None,
    suspended: bool,
    upn: str,
    invitee: str,
    reason: str,
    value: str,
    consumes: bool,
    license_type: str | None,
) -> None:
    """Escapes, nulls, booleans and numbers come out byte for byte the same."""
    server = ServerAccount(host=host, user_id=user_id, primary_email=email, suspended=suspended)
    link = Link(
        subject=server.id,
        target=AccountId(f"cloud:{login}"),
        matcher="m",
        attribute=value,
        value=value,
    )
    person = Person(
        key=f"cloud:{login}",
        cloud=(CloudAccount(login=login, name=name),),
        server=(server,),
        invitations=(Invitation(invitee=invitee),),
        subscriptions=(VisualStudioSubscription(upn=upn),),
        links=(link,),
        misses=(Miss(subject=server.id, matcher="m", reason=reason),),
        consumes_seat=consumes,
        license_type=license_type,
    )
    assert person_line(person) == _encoded(person)


def test_a_hand_built_record_with_other_types_falls_back_to_the_encoder() -> None:
    """A user id that is a bool, or a number where text belongs, is left to the encoder."""
    odd = Person(key="x", server=(ServerAccount(host="h", user_id=True),))
    assert _person_json(odd) == _encoded(odd)
    assert '"user_id": true' in _person_json(odd)
    numeric = Person(key="x", invitations=(Invitation(invitee="a"),), license_type=7)  # type: ignore[arg-type]
    assert _person_json(numeric) == _encoded(numeric)


def test_persons_with_none_or_several_accounts_of_a_kind() -> None:
    """Empty lists, and lists of two (the second cloud account names the person)."""
    several = Person(
        key="cloud:ada",
        cloud=(CloudAccount(login="ada"), CloudAccount(login="Ada2", name='Ada "A" L')),
        invitations=(Invitation(invitee="a@example.com"), Invitation(invitee="b@example.com")),
        subscriptions=(
            VisualStudioSubscription(upn="a@example.com"),
            VisualStudioSubscription(upn="b@example.com"),
        ),
        misses=(
            Miss(subject=AccountId("x"), matcher="m", reason="one"),
            Miss(subject=AccountId("y"), matcher="m", reason="two"),
        ),
    )
    empty = Person(key="vs:nobody@example.com")
    for person in (several, empty):
        assert person_line(person) == _encoded(person)
    assert '"cloud_logins": ["ada", "Ada2"], "name": "Ada \\"A\\" L"' in person_line(several)
    assert '"cloud_login": null, "cloud_logins": [], "name": null' in person_line(empty)
