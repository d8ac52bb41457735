"""The REST inputs: consumed licenses (every page), the license sync status and the
Visual Studio subscriptions, each answer kept as GitHub wrote it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from urllib.parse import quote

import attrs

from ghlicense.errors import FetchError
from ghlicense.fetch.api import Answer, Api

__all__ = ["Pages", "consumed_licenses", "license_sync_status", "refusal", "visual_studio"]

_BILLING_SCOPES = "manage_billing:enterprise or read:enterprise"


@attrs.frozen(kw_only=True)
class Pages:
    """The answers of one endpoint, page by page, and what they hold."""

    endpoint: str
    pages: tuple[str, ...]
    """Each page's body, as GitHub sent it."""
    rows: int
    totals: dict[str, int] = attrs.field(factory=dict)
    """GitHub's own totals where the pages carry them (``total_seats_consumed``, ...)."""

    @property
    def text(self) -> str:
        """The pages one after another, a file every parser of ghlicense reads."""
        return "".join(page if page.endswith("\n") else page + "\n" for page in self.pages)


def refusal(answer: Answer, endpoint: str, scopes: str) -> str:
    """The sentence for a 401, 403 or 404 answer to *endpoint*."""
    accepted = answer.headers.get("x-accepted-oauth-scopes")
    needs = f"the {accepted} scope" if accepted else f"the {scopes} scope"
    if answer.status == 401:
        return (
            f"GitHub refused the token for {endpoint} (401: bad credentials): set GH_TOKEN "
            f"(or GITHUB_TOKEN) to a valid token; it needs {needs}."
        )
    if answer.status == 403:
        return (
            f"GitHub refused the token access to {endpoint} (403): it needs {needs}, and "
            "its owner must be an owner or billing manager of the enterprise."
        )
    return f"GitHub answered {answer.status} for {endpoint}: {_message(answer)}."


def _message(answer: Answer) -> str:
    try:
        body = json.loads(answer.text)
    except ValueError:
        return "the answer is not JSON"
    message = body.get("message") if isinstance(body, dict) else None
    return str(message) if message else "no message"


def _enterprise(slug: str) -> str:
    return f"/enterprises/{quote(slug, safe='')}"


def _body(answer: Answer, endpoint: str, key: str) -> dict[str, object]:
    try:
        body = json.loads(answer.text)
    except ValueError:
        body = None
    if not isinstance(body, dict) or key not in body:
        raise FetchError(
            f"GitHub's answer to {endpoint} is not what the API gives (no {key!r}); check "
            "--api-url: it must be the API's address (https://api.github.com, or "
            "https://api.SUBDOMAIN.ghe.com), not the web site's."
        )
    return body


def consumed_licenses(
    api: Api, slug: str, *, progress: Callable[[int, int | None], None] = lambda _n, _of: None
) -> Pages:
    """Every page of ``/enterprises/SLUG/consumed-licenses``, 100 rows a page.

    *progress* is told each page's number and, from the ``Link`` header's ``rel="last"``,
    how many pages there are (``None`` until known).

    Raises:
        FetchError: the token is refused (401, 403), the enterprise is unknown (404), or
            an answer is not the API's.
    """
    endpoint = f"{_enterprise(slug)}/consumed-licenses"
    pages: list[str] = []
    rows = 0
    totals: dict[str, int] = {}
    last: int | None = None
    for answer in _answers(api, endpoint):
        if answer.status == 404:
            raise FetchError(
                f"GitHub knows no enterprise {slug!r} at {api.url} (404 for {endpoint}): "
                "check the slug (the name after /enterprises/ in the enterprise's address) "
                "and, for data residency, --api-url; a token that may not see the "
                "enterprise gets this answer too."
            )
        if answer.status != 200:
            raise FetchError(refusal(answer, endpoint, _BILLING_SCOPES))
        body = _body(answer, endpoint, "users")
        users = body["users"]
        rows += len(users) if isinstance(users, list) else 0
        for key in ("total_seats_consumed", "total_seats_purchased"):
            if isinstance(body.get(key), int):
                totals[key] = int(body[key])  # type: ignore[call-overload]
        pages.append(answer.text)
        last = _page_number(answer.links.get("last")) or last
        progress(len(pages), last)
    return Pages(endpoint=endpoint, pages=tuple(pages), rows=rows, totals=totals)


def _answers(api: Api, endpoint: str) -> Iterator[Answer]:
    """Each page of *endpoint*, 100 rows a page, following the ``Link`` header's next."""
    answer = api.get(endpoint, params={"per_page": "100"})
    while True:
        yield answer
        following = answer.links.get("next")
        if following is None:
            return
        answer = api.get(following)


def _page_number(url: str | None) -> int | None:
    if url is None:
        return None
    for part in url.partition("?")[2].split("&"):
        name, _, value = part.partition("=")
        if name == "page" and value.isascii() and value.isdigit():
            return int(value)
    return None


def license_sync_status(api: Api, slug: str) -> Pages | str:
    """``/enterprises/SLUG/license-sync-status``, or the note that says why it is absent."""
    endpoint = f"{_enterprise(slug)}/license-sync-status"
    answer = api.get(endpoint)
    if answer.status in {403, 404}:
        return (
            f"no license sync status ({answer.status} for {endpoint}): no GHES instance "
            "syncs with the enterprise, or the token may not read it."
        )
    if answer.status != 200:
        raise FetchError(refusal(answer, endpoint, _BILLING_SCOPES))
    body = _body(answer, endpoint, "server_instances")
    instances = body["server_instances"]
    count = len(instances) if isinstance(instances, list) else 0
    return Pages(endpoint=endpoint, pages=(answer.text,), rows=count)


def visual_studio(api: Api, slug: str) -> Pages | str:
    """Every page of ``/enterprises/SLUG/visual-studio-subscriptions``, or why there is none.

    A 403 or 404 is not an error: most enterprises have no Visual Studio bundle.
    """
    endpoint = f"{_enterprise(slug)}/visual-studio-subscriptions"
    pages: list[str] = []
    rows = 0
    for answer in _answers(api, endpoint):
        if answer.status in {403, 404} and not pages:
            return (
                f"no Visual Studio subscriptions ({answer.status} for {endpoint}): no Visual "
                "Studio bundle, or the token may not read it."
            )
        if answer.status != 200:
            raise FetchError(refusal(answer, endpoint, _BILLING_SCOPES))
        try:
            body = json.loads(answer.text)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise FetchError(f"GitHub's answer to {endpoint} is not a JSON object.")
        for key in ("visual_studio_subscriptions", "visual_studio_subscription_assignments"):
            if isinstance(body.get(key), list):
                rows += len(body[key])
        pages.append(answer.text)
    return Pages(endpoint=endpoint, pages=tuple(pages), rows=rows)
