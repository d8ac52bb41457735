"""Each person's line of the JSON report, written straight from the records.

The text is exactly what the report's C encoder gives for the person's dictionary
(``json_report._person``; a test compares the two on every person of a synthetic
enterprise and on random text), without building the dictionary first: the report's
largest part is written in about half the time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ghlicense.matching.accounts import ServerAccount
from ghlicense.matching.audit import Person
from ghlicense.matching.links import Link, Miss

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


def _miss(miss: Miss, reason: str) -> str:
    """The miss's JSON, its *reason* already written (the line also lists it)."""
    return (
        f'{{"subject": {_string(miss.subject)}, "matcher": {_string(miss.matcher)}, '
        f'"kind": {_string(miss.kind)}, "tried": {_text(miss.tried)}, '
        f'"key": {_text(miss.key)}, "compared_with": {_text(miss.compared_with)}, '
        f'"related": {_text(miss.related)}, "identity": {_text(miss.identity)}, '
        f'"detail": {_text(miss.detail)}, "reason": {reason}}}'
    )


def _server(account: ServerAccount) -> str:
    return (
        f'{{"host": {_string(account.host)}, "user_id": {_int(account.user_id)}, '
        f'"primary_email": {_text(account.primary_email)}, "login": {_text(account.login)}, '
        f'"suspended": {_bool(account.suspended)}, "source": {_string(account.source)}}}'
    )


def person_line(person: Person) -> str:
    """The person as the report's JSON text (one line, no trailing comma).

    Raises:
        TypeError: a field holds something other than its documented type (a record
            built by hand); encode the person's dictionary instead.
    """
    cloud = person.cloud
    if cloud:
        login = _string(cloud[0].login)
        logins = f"[{login}]" if len(cloud) == 1 else _texts([a.login for a in cloud])
        if len(cloud) == 1:
            name = cloud[0].name or None
        else:
            name = next((a.name for a in cloud if a.name), None)
    else:
        login, logins, name = "null", "[]", None
    subscriptions = person.subscriptions
    if subscriptions:
        upn = _string(subscriptions[0].upn)
        upns = f"[{upn}]" if len(subscriptions) == 1 else _texts([s.upn for s in subscriptions])
    else:
        upn, upns = "null", "[]"
    invitations = person.invitations
    misses = person.misses
    if misses:  # each reason written once: in its miss, and (each distinct one) in the list
        reasons = [_string(miss.reason) for miss in misses]
        unmatched = "[" + ", ".join(dict.fromkeys(reasons)) + "]"
        written = ", ".join(map(_miss, misses, reasons))
    else:
        unmatched, written = "[]", ""
    return (
        f'{{"id": {_string(person.key)}, "cloud_login": {login}, "cloud_logins": {logins}, '
        f'"name": {_text(name)}, '
        f'"server_accounts": [{", ".join(map(_server, person.server))}], '
        f'"visual_studio_email": {upn}, "visual_studio_emails": {upns}, '
        f'"invitations": {_texts([i.invitee for i in invitations]) if invitations else "[]"}, '
        f'"license_type": {_text(person.license_type)}, '
        f'"consumes_seat": {_bool(person.consumes_seat)}, '
        f'"deployments": {_texts(person.deployments)}, '
        f'"matched_by": {_texts(person.matched_by)}, '
        f'"links": [{", ".join(map(_link, person.links))}], '
        f'"unmatched_reasons": {unmatched}, '
        f'"misses": [{written}]}}'
    )
