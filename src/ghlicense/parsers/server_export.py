"""The GHES license usage export (JSON), from the site admin License page or ``ghe-license``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType

from ghlicense.errors import EncryptedExportError, ParseError, ServerExportError
from ghlicense.gc_pause import paused_gc
from ghlicense.limits import DEFAULT_LIMITS, Limits
from ghlicense.parsers import _cells
from ghlicense.parsers._json import (
    Repeats,
    child,
    describe,
    load,
    refuse_unclaimed,
    twice_error,
)
from ghlicense.parsers._problems import settle
from ghlicense.parsers._text import decode
from ghlicense.records.server import (
    ConnectFeature,
    ServerEmail,
    ServerExport,
    ServerInstance,
    ServerUser,
)

__all__ = ["parse_server_export"]

_NO_EXTRA: Mapping[str, object] = MappingProxyType({})

_WHAT = "a GitHub Enterprise Server license usage export (a JSON object with 'users')"
_ENCRYPTED = (
    "the user list of this license usage export is encrypted, so only GitHub can read it. "
    "Export the license usage again unencrypted, or download the site admin 'All users' "
    "report (all_users.csv) from the instance and pass that file instead."
)
_KEY = re.compile(r"[\s\-]+")
_INSTANCE_ALIASES = {"hostname": "host_name", "host": "host_name", "id": "server_id"}
_INSTANCE_KEYS = frozenset(
    {"host_name", "server_id", "http_only", "version", "license", "public_key", "features"}
)


class _Bad(ValueError):
    """A value of the wrong kind at ``pointer``."""

    def __init__(self, pointer: str, reason: str) -> None:
        super().__init__(reason)
        self.pointer = pointer
        self.reason = reason


def _key(name: str) -> str:
    key = _KEY.sub("_", name.strip().lower())
    return _INSTANCE_ALIASES.get(key, key)


@paused_gc
def parse_server_export(
    data: str | bytes,
    /,
    *,
    source: str = "ghes.json",
    strict: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> ServerExport:
    """Parse a GHES license usage export.

    The instance's fields may sit in an ``instance`` object or at the top level. Each
    user needs a ``user_id``; its ``emails`` list says which address is primary (a
    missing ``primary`` means not primary). Unknown keys are kept in ``extra``.

    Raises:
        EncryptedExportError: the user list is encrypted (the export's default).
        ServerExportError: the file is not JSON, or not a license usage export.
        ParseErrors: with ``strict=True``, one :class:`ServerExportError` per bad user.
    """
    text = decode(data, source=source, error=ServerExportError, limits=limits)
    repeats = Repeats()
    document = load(
        text,
        source=source,
        error=ServerExportError,
        what=_WHAT,
        max_depth=limits.max_depth,
        repeats=repeats,
    )
    if not isinstance(document, dict):
        raise ServerExportError(
            f"the file holds {describe(document)} at the top, not an object; expected {_WHAT}.",
            source=source,
            pointer="",
        )
    users_value = document.get("users")
    if isinstance(users_value, str):
        raise EncryptedExportError(_ENCRYPTED, source=source, pointer="/users")
    if users_value is None:
        raise ServerExportError(
            f"the file has no 'users'; expected {_WHAT}.", source=source, pointer=""
        )
    if not isinstance(users_value, list):
        raise ServerExportError(
            f"'users' holds {describe(users_value)}, not a list of users.",
            source=source,
            pointer="/users",
        )
    try:
        instance = _instance(document)
    except _Bad as bad:
        raise ServerExportError(bad.reason, source=source, pointer=bad.pointer) from None

    users: list[ServerUser] = []
    problems: list[ParseError] = []
    shared = _shared()
    for index, raw in enumerate(users_value):
        twice = repeats.under(f"/users/{index}") if repeats else None
        if twice is not None:
            problems.append(twice_error(twice, ServerExportError, source=source, line=None))
            continue
        try:
            users.append(_user(raw, f"/users/{index}", shared))
        except _Bad as bad:
            problems.append(ServerExportError(bad.reason, source=source, pointer=bad.pointer))
    refuse_unclaimed(repeats, ServerExportError, source=source, several=False)
    settle(problems, source=source, strict=strict)
    return ServerExport(
        source=source, instance=instance, users=tuple(users), problems=tuple(problems)
    )


def _instance(document: Mapping[str, object]) -> ServerInstance:
    block = document.get("instance")
    pointer = "/instance"
    if block is None:
        block, pointer = document, ""
    if not isinstance(block, dict):
        raise _Bad(pointer, f"'instance' holds {describe(block)}, not an object.")
    fields: dict[str, object] = {}
    extra: dict[str, object] = {}
    for name, value in block.items():
        key = _key(name)
        if key not in _INSTANCE_KEYS:
            if pointer or name != "users":
                extra[name] = value
            continue
        if key == "features":
            fields[key] = _features(value, child(pointer, name))
        elif key == "http_only":
            fields[key] = _bool(value, pointer, name)
        elif key == "version" and not pointer and isinstance(value, int):
            extra[name] = value  # the export's own format version, not the GHES version
        else:
            fields[key] = _text(value, pointer, name)
    return ServerInstance(extra=extra, **fields)  # type: ignore[arg-type]


def _features(value: object, pointer: str) -> tuple[ConnectFeature, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        return tuple(
            ConnectFeature(name=str(name), enabled_at=_moment(when, pointer, name))
            for name, when in value.items()
        )
    if not isinstance(value, list):
        raise _Bad(pointer, f"'features' holds {describe(value)}, not a list or an object.")
    features = []
    for index, item in enumerate(value):
        at = child(pointer, index)
        if isinstance(item, str):
            features.append(ConnectFeature(name=item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            when = item.get("enabled_at", item.get("date"))
            features.append(
                ConnectFeature(name=item["name"], enabled_at=_moment(when, at, "enabled_at"))
            )
        else:
            raise _Bad(
                at, f"a feature should be a name or an object with 'name', not {describe(item)}."
            )
    return tuple(features)


def _moment(value: object, base: str, key: str | int) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Bad(child(base, key), f"expected a date and time, not {describe(value)}.")
    try:
        return _cells.read_datetime(value)
    except _cells.CellError as exc:
        raise _Bad(child(base, key), str(exc)) from None


def _text(value: object, base: str, key: str | int) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Bad(child(base, key), f"expected text, not {describe(value)}.")


def _bool(value: object, base: str, key: str | int) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return _cells.read_bool(value)
        except _cells.CellError as exc:
            raise _Bad(child(base, key), str(exc)) from None
    raise _Bad(child(base, key), f"expected true or false, not {describe(value)}.")


def _user_id(value: object, base: str) -> int:
    pointer = child(base, "user_id")
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _cells.is_digits(value.strip()):
        number = int(value.strip())
    if number is not None:
        try:
            return _cells.check_user_id(number)
        except _cells.CellError as exc:
            raise _Bad(pointer, str(exc)) from None
    if value is None:
        raise _Bad(pointer, "the user has no 'user_id'; every exported user needs one.")
    raise _Bad(pointer, f"'user_id' should be a whole number, not {describe(value)}.")


_USER_KEYS = frozenset(
    {"user_id", "id", "emails", "login", "profile_name", "site_admin", "created_at", "suspended"}
)


def _user(raw: object, pointer: str, shared: _Shared) -> ServerUser:
    if not isinstance(raw, dict):
        raise _Bad(pointer, f"a user should be an object, not {describe(raw)}.")
    user_id = raw.get("user_id")
    if type(user_id) is not int or not 0 < user_id <= _cells.MAX_USER_ID:  # check it fully
        user_id = _user_id(raw.get("user_id", raw.get("id")), pointer)
    emails = _emails(raw.get("emails"), pointer)
    suspended = _bool(raw.get("suspended"), pointer, "suspended")
    return ServerUser(
        user_id=user_id,
        emails=emails,
        login=_text(raw.get("login"), pointer, "login"),
        profile_name=_text(raw.get("profile_name"), pointer, "profile_name"),
        site_admin=_bool(raw.get("site_admin"), pointer, "site_admin"),
        created_at=_moment(raw.get("created_at"), pointer, "created_at"),
        suspended=bool(suspended),
        position=pointer,
        extra=_NO_EXTRA if raw.keys() <= _USER_KEYS else _extra(raw, shared),
    )


def _extra(raw: dict[str, object], shared: _Shared) -> Mapping[str, object]:
    """A user's unknown keys, read-only; users that agree on them share one mapping."""
    items = tuple((key, value) for key, value in raw.items() if key not in _USER_KEYS)
    try:
        return shared[items]
    except TypeError:  # a list or an object among the values: not shared
        return MappingProxyType(dict(items))


def _shared() -> _Shared:
    return _cells.Memo(lambda items: MappingProxyType(dict(items)))


_Shared = _cells.Memo[tuple[tuple[str, object], ...], Mapping[str, object]]


def _emails(value: object, base: str) -> tuple[ServerEmail, ...]:
    if value is None:
        return ()
    pointer = base + "/emails"
    if not isinstance(value, list):
        raise _Bad(pointer, f"'emails' should be a list of addresses, not {describe(value)}.")
    emails = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            address, primary = item, False
        elif isinstance(item, dict):
            found = item.get("email", item.get("address"))
            flag = item.get("primary")
            primary = (
                flag
                if flag is True or flag is False
                else bool(_bool(flag, child(pointer, index), "primary"))
            )
            if not isinstance(found, str):
                raise _Bad(
                    child(child(pointer, index), "email"),
                    f"expected an email address, not {describe(found)}.",
                )
            address = found
        else:
            raise _Bad(
                child(pointer, index), f"an email entry should be an object, not {describe(item)}."
            )
        try:
            checked = _cells.read_email(address)
        except _cells.CellError as exc:
            raise _Bad(child(pointer, index), str(exc)) from None
        if checked is not None:
            emails.append(ServerEmail(address=checked, primary=primary))
    return tuple(emails)
