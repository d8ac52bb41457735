"""Each person's line of the JSON report, written straight from the records.

The text is exactly what the report's C encoder gives for the person's dictionary
(``json_report._person``; a test compares the two on every person of a synthetic
enterprise and on random text), without building the dictionary first: the report's
largest part is written in about half the time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ghlicense.matching.audit import Person
from ghlicense.matching.links import Link

__all__ = ["person_line"]

_string = json.encoder.encode_basestring
"""The encoder's own escaping of a text (the C function, as the report's encoder uses)."""


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _texts(values: Sequence[str]) -> str:
    return "[" + ", ".join(map(_string, values)) + "]" if values else "[]"


def _bool(value: bool) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise TypeError(value)  # not a bool: the caller falls back to the encoder


def _int(value: int) -> str:
    if type(value) is int:
        return repr(value)
    raise TypeError(value)  # a bool or another number: the caller falls back


def _link(link: Link) -> str:
    return (
        f'{{"subject": {_string(link.subject)}, "target": {_string(link.target)}, '
        f'"matcher": {_string(link.matcher)}, "attribute": {_string(link.attribute)}, '
        f'"value": {_string(link.value)}, "subject_value": {_string(link.subject_value)}, '
        f'"explanation": {_string(link.explanation)}}}'
    )


def person_line(person: Person) -> str:
    """The person as the report's JSON text (one line, no trailing comma).

    Raises:
        TypeError: a field holds something other than its documented type (a record
            built by hand); encode the person's dictionary instead.
    """
    cloud = person.cloud
    name = None
    for account in cloud:
        if account.name:
            name = account.name
            break
    server = ", ".join(
        f'{{"host": {_string(a.host)}, "user_id": {_int(a.user_id)}, '
        f'"primary_email": {_text(a.primary_email)}, "login": {_text(a.login)}, '
        f'"suspended": {_bool(a.suspended)}, "source": {_string(a.source)}}}'
        for a in person.server
    )
    subscriptions = person.subscriptions
    return (
        f'{{"id": {_string(person.key)}, '
        f'"cloud_login": {_text(cloud[0].login if cloud else None)}, '
        f'"cloud_logins": {_texts([a.login for a in cloud])}, '
        f'"name": {_text(name)}, '
        f'"server_accounts": [{server}], '
        f'"visual_studio_email": {_text(subscriptions[0].upn if subscriptions else None)}, '
        f'"visual_studio_emails": {_texts([s.upn for s in subscriptions])}, '
        f'"invitations": {_texts([i.invitee for i in person.invitations])}, '
        f'"license_type": {_text(person.license_type)}, '
        f'"consumes_seat": {_bool(person.consumes_seat)}, '
        f'"deployments": {_texts(person.deployments)}, '
        f'"matched_by": {_texts(person.matched_by)}, '
        f'"links": [{", ".join(map(_link, person.links))}], '
        f'"unmatched_reasons": {_texts([miss.reason for miss in person.misses])}}}'
    )
