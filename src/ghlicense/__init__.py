"""ghlicense: explain every GitHub Enterprise seat.

Parse the license files GitHub Enterprise Cloud, GitHub Enterprise Server and Visual
Studio subscriptions produce, re-derive GitHub's seat de-duplication, and explain who
is counted more than once and why. Everything here is pure: text in, frozen records
and strings out.
"""

from __future__ import annotations

from ghlicense.emails import EmailKey, email_key, email_problem, is_email
from ghlicense.errors import (
    CloudReportError,
    EncryptedExportError,
    GhlicenseError,
    IdentitiesError,
    MatchConfigError,
    ParseError,
    ParseErrors,
    ServerExportError,
    VisualStudioError,
)
from ghlicense.matching import (
    DEFAULT_MATCHERS,
    Account,
    AccountId,
    Audit,
    CloudAccount,
    Enterprise,
    Invitation,
    InvitationMatcher,
    Link,
    Matcher,
    Miss,
    Person,
    Pipeline,
    ReportGroupingMatcher,
    SamlAttributeMatcher,
    ScimMatcher,
    ServerAccount,
    Unplaced,
    VerifiedEmailMatcher,
    VisualStudioSubscription,
    VisualStudioUpnMatcher,
    audit,
    collect_enterprise,
)
from ghlicense.parsers import parse_cloud_csv, parse_cloud_report, parse_server_export
from ghlicense.records import (
    CloudReport,
    CloudRow,
    ConnectFeature,
    ServerEmail,
    ServerExport,
    ServerId,
    ServerInstance,
    ServerUser,
)
from ghlicense.reports import SCHEMA_VERSION, render_json, render_text, to_json_object

__all__ = [
    "DEFAULT_MATCHERS",
    "SCHEMA_VERSION",
    "Account",
    "AccountId",
    "Audit",
    "CloudAccount",
    "CloudReport",
    "CloudReportError",
    "CloudRow",
    "ConnectFeature",
    "EmailKey",
    "EncryptedExportError",
    "Enterprise",
    "GhlicenseError",
    "IdentitiesError",
    "Invitation",
    "InvitationMatcher",
    "Link",
    "MatchConfigError",
    "Matcher",
    "Miss",
    "ParseError",
    "ParseErrors",
    "Person",
    "Pipeline",
    "ReportGroupingMatcher",
    "SamlAttributeMatcher",
    "ScimMatcher",
    "ServerAccount",
    "ServerEmail",
    "ServerExport",
    "ServerExportError",
    "ServerId",
    "ServerInstance",
    "ServerUser",
    "Unplaced",
    "VerifiedEmailMatcher",
    "VisualStudioError",
    "VisualStudioSubscription",
    "VisualStudioUpnMatcher",
    "audit",
    "collect_enterprise",
    "email_key",
    "email_problem",
    "is_email",
    "parse_cloud_csv",
    "parse_cloud_report",
    "parse_server_export",
    "render_json",
    "render_text",
    "to_json_object",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("ghlicense")
    raise AttributeError(f"module 'ghlicense' has no attribute {name!r}")
