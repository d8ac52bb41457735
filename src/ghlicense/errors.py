"""The errors ghlicense raises.

Every error a parser or the matching pipeline raises on purpose is one of these::

    GhlicenseError(Exception)
    ├── ParseError(GhlicenseError, ValueError)      source, line, column, field, pointer
    │   ├── CloudReportError                        GHEC license usage report (CSV or JSON)
    │   ├── ServerExportError                       GHES license usage export, all_users.csv
    │   │   └── EncryptedExportError                the export's user list is encrypted
    │   ├── IdentitiesError                         SAML / SCIM identities
    │   ├── VisualStudioError                       Visual Studio subscribers
    │   ├── SyncStatusError                         license sync status
    │   └── UnknownFormatError                      a file of none of the formats
    ├── ParseErrors(GhlicenseError, ExceptionGroup) several row problems at once (``strict=True``)
    ├── MatchConfigError(GhlicenseError, ValueError)
    ├── FixError(GhlicenseError, ValueError)        a what-if fix that cannot be applied
    └── FetchError(GhlicenseError)                  ghlicense fetch: the API refused or failed

Any other exception escaping ghlicense is a bug: please report it.

``str(error)`` reads like a compiler message, so that a person who has never seen a
traceback knows which file to open and where to look::

    cloud.csv:12: column 'github_com_verified_domain_emails': 'bob@' is not an email address.
    ghes.json: at /users/3/user_id: the value is "abc", not a whole number.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CloudReportError",
    "EncryptedExportError",
    "FetchError",
    "FixError",
    "GhlicenseError",
    "IdentitiesError",
    "MatchConfigError",
    "ParseError",
    "ParseErrors",
    "ServerExportError",
    "SyncStatusError",
    "UnknownFormatError",
    "VisualStudioError",
]


class GhlicenseError(Exception):
    """The root of every error ghlicense raises on purpose."""


class ParseError(GhlicenseError, ValueError):
    """An input could not be read; says where and why.

    Attributes:
        reason: What is wrong, as a sentence.
        source: The name the caller gave the input (usually its file name).
        line: The 1-based line of the record (CSV: the record's first line), if known.
        column: The 1-based character column, if known.
        field: The column header (CSV) the problem is in, if any.
        pointer: A JSON Pointer (``/users/3/emails/0``) to the value, if any.
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        pointer: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        self.field = field
        self.pointer = pointer
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.field is not None:
            parts.append(f"column '{self.field}'")
        if self.pointer is not None:
            parts.append(f"at {self.pointer or '/'}")
        parts.append(self.reason)
        return ": ".join(parts)

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (
                type(self),
                self.reason,
                self.source,
                self.line,
                self.column,
                self.field,
                self.pointer,
            ),
        )


def _rebuild(  # noqa: PLR0917 - pickle hands the fields positionally
    cls: type[ParseError],
    reason: str,
    source: str,
    line: int | None,
    column: int | None,
    field: str | None,
    pointer: str | None,
) -> ParseError:
    return cls(reason, source=source, line=line, column=column, field=field, pointer=pointer)


class CloudReportError(ParseError):
    """A GHEC license usage report (CSV or REST JSON) could not be read."""


class ServerExportError(ParseError):
    """A GHES license usage export or site-admin users report could not be read."""


class EncryptedExportError(ServerExportError):
    """The GHES export's user list is encrypted: only GitHub can read it."""


class IdentitiesError(ParseError):
    """A SAML / SCIM identities response could not be read."""


class VisualStudioError(ParseError):
    """A Visual Studio subscribers file could not be read."""


class ParseErrors(GhlicenseError, ExceptionGroup[ParseError]):
    """Every row problem of one input, raised together when ``strict=True``.

    ``exceptions`` holds one :class:`ParseError` per problem, in input order.
    """

    def __new__(cls, message: str, exceptions: Sequence[ParseError]) -> ParseErrors:
        return super().__new__(cls, message, exceptions)

    def derive(self, excs: Sequence[ParseError]) -> ParseErrors:  # type: ignore[override]
        return ParseErrors(self.message, excs)


class SyncStatusError(ParseError):
    """A license sync status response could not be read."""


class UnknownFormatError(ParseError):
    """A file is none of the formats ghlicense reads; says what it looks like instead."""


class MatchConfigError(GhlicenseError, ValueError):
    """The matching pipeline was configured in a way that cannot work."""


class FixError(GhlicenseError, ValueError):
    """A what-if fix cannot be applied: it names no account of the inputs, gives an
    invalid email, or contradicts another fix."""


class FetchError(GhlicenseError):
    """Fetching the inputs from GitHub's API failed: a refused token, an unknown
    enterprise, an answer that is not what the API gives, or failures that outlasted the
    retries. ``str(error)`` says what to do; it never holds the token."""
