"""Polite, guarded HTTP fetching for `newsgraph follow`: httpx with connect/read timeouts, a size cap,
conditional GET (ETag / Last-Modified), robots.txt, one request at a time per host with a delay, retries
with backoff on 5xx and timeouts, and an address policy checked before the first request and after every
redirect: private, loopback, link-local, multicast and reserved addresses and non-http(s) schemes are
refused unless explicitly allowed."""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph import __version__
from newsgraph.errors import InputError

USER_AGENT = f"newsgraph/{__version__} (news monitoring; feed follower)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class AddressPolicy:
    """Which destinations may be fetched. `allow_private` opens every private and loopback address (a
    feed server on the analyst's own network); `allowed_hosts` opens named hosts only."""

    allow_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()

    def check(self, url: str) -> None:
        """Raise InputError if `url` may not be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise InputError(url, f"refused: scheme {parts.scheme or 'none'!r} (only http and https)")
        host = parts.hostname
        if not host:
            raise InputError(url, "refused: no host")
        if self.allow_private or host.lower() in self.allowed_hosts or f"{host}:{parts.port}" in self.allowed_hosts:
            return
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)}
        except socket.gaierror as exc:
            raise InputError(url, f"cannot resolve host ({exc.strerror})") from None
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise InputError(url, f"refused: {host} resolves to a non-public address ({ip}); see --allow-private")


@dataclass
class Response:
    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetcher:
    policy: AddressPolicy = field(default_factory=AddressPolicy)
    delay: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(self.timeout, connect=min(5.0, self.timeout)),
            follow_redirects=False,
            trust_env=False,  # no proxies or credentials from the environment
        )

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET with validators; a 304 comes back as status 304 and no body. Raises InputError on refusal,
        network failure after retries, HTTP errors and oversized bodies."""
        if not self._robots_allow(url):
            raise InputError(url, "disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            try:
                response = self._get_following(url, headers)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if attempt == self.retries:
                    kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "network error"
                    raise InputError(url, f"{kind} after {self.retries + 1} attempts") from None
            else:
                if response.status < 500 or attempt == self.retries:
                    break
            time.sleep(self.backoff * 2**attempt)
        if response.status >= 400:
            raise InputError(url, f"HTTP {response.status}")
        return response

    def _get_following(self, url: str, headers: dict[str, str]) -> Response:
        for _ in range(MAX_REDIRECTS + 1):
            self.policy.check(url)  # before the first request and after every redirect
            self._wait_turn(url)
            with self.client.stream("GET", url, headers=headers) as response:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                declared = int(response.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise InputError(url, f"refused: {declared} bytes is over the {self.max_bytes}-byte limit")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise InputError(url, f"refused: larger than the {self.max_bytes}-byte limit")
                return Response(url, response.status_code, bytes(body), response.headers.get("etag"),
                                response.headers.get("last-modified"))
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                response = self._get_following(f"{root}/robots.txt", {})
                if response.status == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(response.body.decode("utf-8", "replace").splitlines())
            except (InputError, httpx.HTTPError):
                parser = None  # no readable robots.txt: nothing is disallowed
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)
