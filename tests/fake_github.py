"""A loopback stand-in for GitHub's API: scripted answers on 127.0.0.1, and a replay of
PyGithub's recorded consumed-licenses traffic (../shared/realdata)."""

from __future__ import annotations

import ast
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import attrs

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
RECORDING = (
    REALDATA / "pygithub_consumed_licenses" / "replay_EnterpriseAdmin.testGetEnterpriseGetUsers.txt"
)


@attrs.frozen
class Reply:
    """One answer: a status, a body (JSON-encoded unless text), headers; or a drop/stall."""

    status: int = 200
    body: object = None
    headers: tuple[tuple[str, str], ...] = ()
    drop: bool = False
    """Close the connection without an answer."""
    stall: float = 0.0
    """Wait this long before answering."""

    def text(self) -> str:
        return self.body if isinstance(self.body, str) else json.dumps(self.body)


@attrs.define
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: str


class FakeGitHub:
    """Answers by (method, path, query); each route's replies are used in turn, the last
    one again and again."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[Reply]] = {}
        self.graphql: list[Reply] = []
        self.seen: list[Seen] = []
        self.url = ""

    def add(self, path: str, *replies: Reply, query: dict[str, str] | None = None) -> None:
        self.routes[("GET", path, _key(query or {}))] = list(replies)

    def answer(self, method: str, path: str, query: dict[str, str]) -> Reply:
        if method == "POST" and path == "/graphql":
            queue = self.graphql
        else:
            queue = self.routes.get((method, path, _key(query)), [])
        if not queue:
            return Reply(404, {"message": "Not Found"})
        return queue.pop(0) if len(queue) > 1 else queue[0]


def _key(query: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """A query without the default ``page=1``, so that the first page matches either way."""
    return tuple(sorted((k, v) for k, v in query.items() if (k, v) != ("page", "1")))


def _handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query))
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            fake.seen.append(
                Seen(
                    method, parts.path, query, {k.lower(): v for k, v in self.headers.items()}, body
                )
            )
            reply = fake.answer(method, parts.path, query)
            if reply.stall:
                time.sleep(reply.stall)
            if reply.drop:
                self.close_connection = True
                return
            data = reply.text().encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in reply.headers:
                self.send_header(name, value.replace("https://api.github.com", fake.url))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    block_on_close = False  # a stalled answer's thread is not waited for

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (a time-out) is no error of the test's."""


def serve(fake: FakeGitHub) -> Iterator[FakeGitHub]:
    """Run *fake* on 127.0.0.1 until the generator is closed."""
    server = _QuietServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def replay(fake: FakeGitHub, recording: Path = RECORDING) -> int:
    """Add every exchange of a PyGithub replay file to *fake*; return how many."""
    lines = recording.read_text(encoding="utf-8").split("\n")
    count = 0
    for start in range(0, len(lines) - 9, 11):
        url = urlsplit(lines[start + 4])
        status = int(lines[start + 7])
        headers = tuple(
            (str(k), str(v))
            for k, v in ast.literal_eval(lines[start + 8])
            if k.lower()
            in {"link", "x-ratelimit-remaining", "x-ratelimit-reset", "x-accepted-oauth-scopes"}
        )
        fake.add(
            url.path, Reply(status, lines[start + 9], headers), query=dict(parse_qsl(url.query))
        )
        count += 1
    return count
