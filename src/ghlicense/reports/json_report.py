"""The JSON report: a documented, versioned object that users' scripts rely on.

Fields are only ever added, never renamed or removed, within a schema version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from ghlicense.errors import ParseError
from ghlicense.findings.records import Finding, Fix
from ghlicense.gc_pause import paused_gc
from ghlicense.matching.audit import Audit, Person
from ghlicense.matching.links import Link, Miss
from ghlicense.reports.person_lines import person_line
from ghlicense.reports.view import NoticeKind, ReportView, report_view
from ghlicense.sentences import unmatched_reasons

__all__ = ["SCHEMA_VERSION", "iter_json", "render_json", "to_json_object"]

SCHEMA_VERSION = 1


def _problem(problem: ParseError) -> dict[str, object]:
    return {
        "source": problem.source,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "pointer": problem.pointer,
        "message": str(problem),
    }


def _link(link: Link) -> dict[str, object]:
    return {
        "subject": link.subject,
        "target": link.target,
        "matcher": link.matcher,
        "attribute": link.attribute,
        "value": link.value,
        "subject_value": link.subject_value,
        "explanation": link.explanation,
    }


def _miss(miss: Miss) -> dict[str, object]:
    return {
        "subject": miss.subject,
        "matcher": miss.matcher,
        "kind": miss.kind,
        "tried": miss.tried,
        "key": miss.key,
        "compared_with": miss.compared_with,
        "related": miss.related,
        "identity": miss.identity,
        "detail": miss.detail,
        "reason": miss.reason,
    }


def _fix(fix: Fix) -> dict[str, object]:
    return {"kind": fix.kind, "account": fix.account, "email": fix.email, "sentence": fix.sentence}


def _what_if(audit: Audit) -> dict[str, object] | None:
    done = audit.what_if
    if done is None:
        return None
    return {
        "seats_before": done.seats_before,
        "seats_after": done.seats_after,
        "applied": [_fix(fix) for fix in done.applied],
        "not_applied": [{"fix": _fix(fix), "reason": why} for fix, why in done.not_applied],
    }


def _finding(finding: Finding) -> dict[str, object]:
    fix = finding.fix
    return {
        "kind": finding.kind,
        "accounts": list(finding.accounts),
        "persons": list(finding.persons),
        "confidence": finding.confidence,
        "level": finding.level,
        "seats_saved": finding.seats_saved,
        "fix": None
        if fix is None
        else {
            "kind": fix.kind,
            "account": fix.account,
            "email": fix.email,
            "sentence": fix.sentence,
        },
        "evidence": [
            {"kind": e.kind, "weight": e.weight, "values": list(e.values), "sentence": e.sentence}
            for e in finding.evidence
        ],
        "sentence": finding.sentence,
    }


def _person(person: Person) -> dict[str, object]:
    cloud = person.cloud
    name = None
    for account in cloud:
        if account.name:
            name = account.name
            break
    return {
        "id": person.key,
        "cloud_login": cloud[0].login if cloud else None,
        "cloud_logins": [a.login for a in cloud],
        "name": name,
        "server_accounts": [
            {
                "host": a.host,
                "user_id": a.user_id,
                "primary_email": a.primary_email,
                "login": a.login,
                "suspended": a.suspended,
                "source": a.source,
            }
            for a in person.server
        ],
        "visual_studio_email": person.subscriptions[0].upn if person.subscriptions else None,
        "visual_studio_emails": [s.upn for s in person.subscriptions],
        "invitations": [i.invitee for i in person.invitations],
        "license_type": person.license_type,
        "consumes_seat": person.consumes_seat,
        "deployments": list(person.deployments),
        "matched_by": list(person.matched_by),
        "links": [_link(link) for link in person.links],
        "unmatched_reasons": unmatched_reasons(person.misses),
        "misses": [_miss(miss) for miss in person.misses],
    }


def to_json_object(audit: Audit | ReportView, /) -> dict[str, object]:
    """Return the report as plain JSON-ready data (dicts, lists, str, int, bool, None)."""
    view = report_view(audit)
    return _top(view, [_person(p) for p in view.audit.persons])


def _top(view: ReportView, persons: object) -> dict[str, object]:
    audit, summary = view.audit, view.summary
    enterprise = audit.enterprise
    return {
        "schema_version": SCHEMA_VERSION,
        "partial": audit.partial,
        "problems": [_problem(p) for p in audit.problems],
        "summary": {
            "total_seats": summary.total_seats,
            "persons": summary.persons,
            "seats_by_license_type": dict(summary.seats_by_license_type),
            "seats_by_deployment": dict(summary.seats_by_deployment),
            "multi_deployment_persons": summary.multi_deployment_persons,
            "unmatched_persons": summary.unmatched_persons,
            "excluded_suspended_accounts": summary.excluded_suspended_accounts,
            "disagreements_with_github": summary.disagreements_with_github,
            "persons_without_seat": dict(summary.persons_without_seat),
            "github_seats_consumed": summary.github_seats_consumed,
            "github_seats_purchased": summary.github_seats_purchased,
            "missing_cloud_rows": summary.missing_cloud_rows,
            "seats_saved_by_high_confidence_fixes": summary.seats_saved_by_high_confidence_fixes,
        },
        "warnings": [n.sentence for n in view.notices if n.kind is NoticeKind.PARTIAL],
        "what_if": _what_if(audit),
        "enterprise": {
            "emu": enterprise.emu,
            "emu_reason": enterprise.emu_reason,
            "saml_in_use": enterprise.saml_in_use,
            "billing": enterprise.billing,
            "billing_reason": enterprise.billing_reason,
            "instances": [
                {
                    "host_name": i.host_name,
                    "server_id": i.server_id,
                    "version": i.version,
                    "http_only": i.http_only,
                    "features": [
                        {
                            "name": f.name,
                            "enabled_at": f.enabled_at.isoformat() if f.enabled_at else None,
                        }
                        for f in i.features
                    ],
                }
                for i in enterprise.instances
            ],
        },
        "findings": [_finding(finding) for finding in audit.findings],
        "matchers": list(audit.matchers),
        "persons": persons,
        "unplaced": [
            {"source": u.source, "position": u.position, "reason": u.reason} for u in audit.unplaced
        ],
        "disagreements": [
            {
                "account": d.account,
                "github": d.github,
                "recount": d.recount,
                "reason": d.reason,
                "kind": d.kind,
                "github_with": d.github_with,
                "recount_with": d.recount_with,
            }
            for d in audit.disagreements
        ],
        "notes": [str(note) for note in audit.notes],
        "note_details": [
            {
                "kind": note.kind,
                "source": note.source,
                "place": note.place,
                "subject": note.subject,
                "values": list(note.values),
                "sentence": note.sentence,
            }
            for note in audit.notes
        ],
    }


def _encoder() -> Callable[[object], str]:
    """``json.dumps`` with the report's separators, built once instead of once a call.

    ``JSONEncoder.encode`` sets up the C encoder anew on every call, which costs more
    than encoding one person; the C encoder is set up once here (when Python has it).
    """
    base = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return base.encode
    iterencode = make(
        None, base.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    return lambda value: "".join(iterencode(value, 0))


_ENCODE = _encoder()


def iter_json(audit: Audit | ReportView, /) -> Iterator[str]:
    """Yield the JSON report piece by piece (see :func:`render_json`).

    Each person is turned into JSON only when its line is reached, so a caller that
    writes the pieces as they come never holds the whole report in memory.
    """
    view = report_view(audit)
    items = list(_top(view, _Encoded(map(_person_json, view.audit.persons))).items())
    yield "{\n"
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        name = _ENCODE(key)
        if isinstance(value, _Encoded | list):
            empty = True
            for line in value.lines if isinstance(value, _Encoded) else map(_ENCODE, value):
                yield (f"  {name}: [\n    " if empty else ",\n    ") + line
                empty = False
            yield f"  {name}: []{comma}\n" if empty else f"\n  ]{comma}\n"
        else:
            yield f"  {name}: {_ENCODE(value)}{comma}\n"
    yield "}\n"


class _Encoded:
    """The items of a list, already written as JSON text."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines


def _person_json(person: Person) -> str:
    try:
        return person_line(person)  # the same text as encoding _person(person), faster
    except TypeError:  # a record built by hand with other types: let the encoder say
        return _ENCODE(_person(person))


@paused_gc
def render_json(audit: Audit | ReportView, /) -> str:
    """Render the audit as the JSON report (stable order, ends with a newline).

    Each top-level field is on a line of its own, and each item of a list (each person,
    each problem) too: easy to read and to grep, and fast to write (the C encoder does
    every line).
    """
    return "".join(iter_json(audit))
