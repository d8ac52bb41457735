"""Matching: accounts in, persons out, every link with its evidence."""

from ghlicense.matching.accounts import (
    Account,
    AccountId,
    CloudAccount,
    Invitation,
    ServerAccount,
    Unplaced,
    VisualStudioSubscription,
)
from ghlicense.matching.audit import Audit, Findings, Person
from ghlicense.matching.enterprise import Billing, Enterprise, collect_enterprise
from ghlicense.matching.links import Disagreement, Link, Miss, Note
from ghlicense.matching.matchers import (
    InvitationMatcher,
    Matcher,
    ReportGroupingMatcher,
    SamlAttributeMatcher,
    ScimMatcher,
    VerifiedEmailMatcher,
    VisualStudioServerMatcher,
    VisualStudioUpnMatcher,
)
from ghlicense.matching.pipeline import DEFAULT_MATCHERS, Pipeline, audit

__all__ = [
    "DEFAULT_MATCHERS",
    "Account",
    "AccountId",
    "Audit",
    "Billing",
    "CloudAccount",
    "Disagreement",
    "Enterprise",
    "Findings",
    "Invitation",
    "InvitationMatcher",
    "Link",
    "Matcher",
    "Miss",
    "Note",
    "Person",
    "Pipeline",
    "ReportGroupingMatcher",
    "SamlAttributeMatcher",
    "ScimMatcher",
    "ServerAccount",
    "Unplaced",
    "VerifiedEmailMatcher",
    "VisualStudioServerMatcher",
    "VisualStudioSubscription",
    "VisualStudioUpnMatcher",
    "audit",
    "collect_enterprise",
]
