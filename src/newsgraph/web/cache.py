"""A response cache for the JSON API: the knowledge base changes only when documents are stored or a
merge is undone, while analysts re-open the same map, lists and profiles many times. Responses are
kept per URL with the store generation they were built at (store.db.generation) and served again
only while that generation is current, so a cached answer is never staler than the store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PREFIX = "/api/"
MAX_BODY = 2 * 1024 * 1024  # larger answers (bulk exports) are rebuilt each time
MAX_TOTAL = 128 * 1024 * 1024  # per worker process; least recently used answers go first
MAX_ENTRIES = 4096  # and at most this many answers, whatever their size
MAX_QUERY = 1024  # URLs with longer query strings are not kept (random long parameters fill nothing)


class ResponseCache:
    """Pure ASGI middleware (no per-request task or body copy on a miss beyond the capture)."""

    def __init__(
        self, app: ASGIApp, generation: Callable[[], int], budget: int = MAX_TOTAL, max_entries: int = MAX_ENTRIES
    ) -> None:
        self.app = app
        self.generation = generation
        self.budget = budget
        self.max_entries = max_entries
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, Message, bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(CACHED_PREFIX)
            or len(scope["query_string"]) > MAX_QUERY
        ):
            await self.app(scope, receive, send)
            return
        key = cache_key(scope["path"], scope["query_string"])
        current = self.generation()
        entry = self.entries.get(key)
        if entry is not None and entry[0] == current:
            self.entries.move_to_end(key)
            await send(labelled(entry[1], b"hit"))
            await send({"type": "http.response.body", "body": entry[2]})
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                message = labelled(message, b"miss")
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if start.get("status") == 200 and len(body) <= MAX_BODY:
            self.forget(key)
            self.entries[key] = (current, start, body)
            self.size += len(body) + len(key)
            while self.size > self.budget or len(self.entries) > self.max_entries:
                self.forget(next(iter(self.entries)))

    def forget(self, key: str) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry[2]) + len(key)


def cache_key(path: str, query_string: bytes) -> str:
    """One key per distinct request: parameters sorted, so '?a=1&b=2' and '?b=2&a=1' share an entry."""
    pairs = sorted(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    return f"{path}?{urlencode(pairs)}"


def labelled(start: Message, outcome: bytes) -> Message:
    """The response head with an X-Cache header saying whether it came from the cache."""
    return {**start, "headers": [*start.get("headers", []), (b"x-cache", outcome)]}
