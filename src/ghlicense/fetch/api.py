"""GitHub's API over HTTP: one client, its retries, and what each failure means.

httpx sends the requests (a time-out on each); stamina retries what is worth retrying
(429, 5xx, a dropped connection, a time-out, a rate limit), honouring ``Retry-After`` and
``X-RateLimit-Reset`` up to a cap and saying on stderr how long it waits and until when.
Every other failure becomes a :class:`~ghlicense.errors.FetchError` whose sentence says
what to do. The token is sent in a header and appears in no message.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import attrs
import httpx
import stamina
import stamina.instrumentation

from ghlicense.errors import FetchError

__all__ = ["DEFAULT_API_URL", "Answer", "Api", "SlowAnswer", "Waits"]

DEFAULT_API_URL = "https://api.github.com"
_API_VERSION = "2022-11-28"


@attrs.frozen(kw_only=True)
class Waits:
    """How long to wait for answers, and between attempts (seconds)."""

    timeout: float = 60.0
    """Each request's time-out (connecting, and between bytes of the answer)."""
    attempts: int = 6
    """Tries of one request, the first included."""
    initial: float = 1.0
    """The first back-off, doubled after each failure (with jitter), up to ``longest``."""
    longest: float = 60.0
    """The longest back-off, and the cap on what ``Retry-After`` may ask for."""
    jitter: float = 1.0


@attrs.frozen
class Answer:
    """An answer of the API: its status, its body's text and its ``Link`` targets."""

    status: int
    text: str
    links: Mapping[str, str]
    """``rel`` to URL, from the ``Link`` header (``next``, ``last``)."""
    headers: Mapping[str, str]


class SlowAnswer(FetchError):
    """GitHub did not answer a GraphQL query in time (a time-out, a 502 or 504): the
    caller may ask for less."""


class _Retry(Exception):
    """An answer worth asking again for (a rate limit, a server error)."""

    def __init__(self, answer: Answer, wait: float | None) -> None:
        super().__init__(answer.status)
        self.answer = answer
        self.wait = wait


class Api:
    """A session with GitHub's API at *url* (REST and GraphQL), with one token."""

    def __init__(
        self,
        *,
        token: str,
        url: str = DEFAULT_API_URL,
        waits: Waits = Waits(),
        say: Callable[[str], None] = lambda _: None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(tz=dt.UTC),
        user_agent: str = "ghlicense",
    ) -> None:
        # The waits are said on stderr by this module; stamina's own log lines would reach
        # a user's terminal through logging's last-resort handler.
        stamina.instrumentation.set_on_retry_hooks([])
        self.url = url.rstrip("/")
        self.waits = waits
        self._say = say
        self._clock = clock
        origin = urlsplit(self.url)
        self._origin = (origin.scheme, origin.netloc.lower())
        self._client = httpx.Client(
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": _API_VERSION,
                "User-Agent": user_agent,
            },
            timeout=httpx.Timeout(waits.timeout),
            follow_redirects=False,  # a redirect elsewhere would carry the token there
            # trust_env (the default): HTTPS_PROXY / NO_PROXY and SSL_CERT_FILE are honoured,
            # as an enterprise's network and certificate authority need.
        )

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, path_or_url: str, params: Mapping[str, str] | None = None) -> Answer:
        """``GET`` a REST path (``/enterprises/...``) or a URL the API gave (``Link``)."""
        return self._send("GET", self._target(path_or_url), params=params)

    def graphql(self, query: str, variables: Mapping[str, object]) -> Answer:
        """``POST`` a GraphQL query to ``/graphql``."""
        body = json.dumps({"query": query, "variables": dict(variables)})
        return self._send(
            "POST",
            f"{self.url}/graphql",
            impatient=True,
            content=body.encode(),
            headers={"Content-Type": "application/json"},
        )

    def _target(self, path_or_url: str) -> str:
        if path_or_url.startswith("/"):
            return self.url + path_or_url
        parts = urlsplit(path_or_url)
        if (parts.scheme, parts.netloc.lower()) != self._origin:
            raise FetchError(
                f"GitHub's API at {self.url} linked to another address ({parts.scheme}://"
                f"{parts.netloc}); ghlicense does not send the token there. Check --api-url."
            )
        return path_or_url

    def _send(self, method: str, url: str, *, impatient: bool = False, **options: object) -> Answer:
        """Send with retries; *impatient*: a time-out, a 502 or a 504 raises
        :class:`SlowAnswer` at once (a smaller query may be answered)."""
        waits = self.waits
        shown = urlsplit(url).path

        tried = 0

        def backoff(exc: Exception) -> bool | float:
            if impatient and isinstance(exc, httpx.TimeoutException):
                return False  # a smaller query may be answered: the caller decides
            if tried >= waits.attempts:  # the last try: no wait to announce
                return False
            return self._backoff(exc)

        try:
            for attempt in stamina.retry_context(
                on=backoff,
                attempts=waits.attempts,
                timeout=None,
                wait_initial=waits.initial,
                wait_max=waits.longest,
                wait_jitter=waits.jitter,
            ):
                tried = attempt.num
                with attempt:
                    return self._once(method, url, options, impatient=impatient)
        except _Retry as failed:
            raise FetchError(_gave_up(failed.answer, shown, waits.attempts)) from None
        except httpx.TimeoutException:
            if impatient:
                raise SlowAnswer(f"GitHub's API did not answer {shown} in time.") from None
            raise FetchError(
                f"GitHub's API at {self.url} did not answer {shown} within "
                f"{waits.timeout:g} seconds, {waits.attempts} times; try again later."
            ) from None
        except httpx.TransportError as exc:
            raise FetchError(
                f"GitHub's API at {self.url} could not be reached for {shown} "
                f"({_transport_reason(exc)}), {waits.attempts} times; check the network "
                "and --api-url."
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover - stamina returns or raises

    def _once(
        self, method: str, url: str, options: Mapping[str, object], *, impatient: bool
    ) -> Answer:
        response = self._client.request(method, url, **options)  # type: ignore[arg-type]
        answer = Answer(
            status=response.status_code,
            text=response.text,
            links={str(rel): link["url"] for rel, link in response.links.items() if "url" in link},
            headers={key.lower(): value for key, value in response.headers.items()},
        )
        if impatient and answer.status in {502, 504}:
            raise SlowAnswer(f"GitHub's API answered {answer.status} (too slow) for the query.")
        if answer.status == 429 or answer.status >= 500 or _rate_limited(answer):
            raise _Retry(answer, self._asked_wait(answer))
        return answer

    def _asked_wait(self, answer: Answer) -> float | None:
        """The wait ``Retry-After`` or ``X-RateLimit-Reset`` asks for, in seconds."""
        after = answer.headers.get("retry-after")
        if after is not None:
            if after.strip().isascii() and after.strip().isdigit():
                return float(after.strip())
            when = _http_date(after)
            if when is not None:
                return max(0.0, (when - self._clock()).total_seconds())
        if answer.headers.get("x-ratelimit-remaining") == "0":
            reset = answer.headers.get("x-ratelimit-reset", "")
            if reset.strip().isascii() and reset.strip().isdigit():
                now = self._clock().timestamp()
                return max(0.0, float(reset) - now) + 1.0
        return None

    def _backoff(self, exc: Exception) -> bool | float:
        if isinstance(exc, _Retry):
            if exc.wait is None:
                return True
            wait = min(exc.wait, self.waits.longest)
            until = self._clock() + dt.timedelta(seconds=wait)
            why = "rate limit" if exc.answer.status in {403, 429} else f"answer {exc.answer.status}"
            self._say(
                f"GitHub's API asks to wait ({why}): waiting {_seconds(wait)}, until "
                f"{until:%H:%M:%S} UTC."
            )
            return wait
        return isinstance(exc, httpx.TransportError)


def _seconds(wait: float) -> str:
    return f"{wait:.1f} s" if wait < 10 else f"{wait:.0f} s"


def _rate_limited(answer: Answer) -> bool:
    return answer.status == 403 and (
        "retry-after" in answer.headers or answer.headers.get("x-ratelimit-remaining") == "0"
    )


def _http_date(text: str) -> dt.datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _until(reset: str) -> str:
    """`` until DATE UTC`` for an ``X-RateLimit-Reset`` of epoch seconds, else nothing."""
    if not (reset.isascii() and reset.isdigit()):
        return ""
    try:
        return f" until {dt.datetime.fromtimestamp(int(reset), tz=dt.UTC):%Y-%m-%d %H:%M} UTC"
    except (OverflowError, OSError, ValueError):  # a time no clock can show
        return ""


def _gave_up(answer: Answer, shown: str, attempts: int) -> str:
    if answer.status in {403, 429}:
        when = _until(answer.headers.get("x-ratelimit-reset", ""))
        return (
            f"GitHub's API rate limit for this token is used up{when} ({shown}, {attempts} "
            "tries); run the command again later."
        )
    return (
        f"GitHub's API answered {answer.status} for {shown} {attempts} times; GitHub may be "
        "having trouble (https://www.githubstatus.com): try again later."
    )


def _transport_reason(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "the connection was refused or the host is unknown"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the connection was dropped before an answer"
    return type(exc).__name__
