"""Fetching the inputs from GitHub's APIs (``ghlicense fetch``): the I/O edge.

Only the command line imports this package (``import ghlicense`` imports no HTTP
client); it needs the ``fetch`` extra (httpx and stamina). The answers are kept as
GitHub wrote them, so ``ghlicense audit --from DIR`` reads them with the same parsers as
files saved by hand.
"""

from ghlicense.fetch.api import DEFAULT_API_URL, Answer, Api, SlowAnswer, Waits
from ghlicense.fetch.graphql import PAGE_SIZES, identities
from ghlicense.fetch.rest import Pages, consumed_licenses, license_sync_status, visual_studio

__all__ = [
    "DEFAULT_API_URL",
    "PAGE_SIZES",
    "Answer",
    "Api",
    "Pages",
    "SlowAnswer",
    "Waits",
    "consumed_licenses",
    "identities",
    "license_sync_status",
    "visual_studio",
]
