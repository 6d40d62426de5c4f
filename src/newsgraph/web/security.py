"""HTTP hardening for the API and pages: security headers with a per-response script nonce, and a Host
check against DNS rebinding. Pure ASGI middleware, so the response cache and streaming are untouched."""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1", "testserver")


def content_security_policy(nonce: str) -> str:
    """Scripts only from this server or inline with this response's nonce; no plugins, no framing,
    no form posts elsewhere. Styles allow inline attributes (Leaflet positions its tiles with them)."""
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


class SecurityHeaders:
    """Adds CSP (with a fresh nonce in scope['state']['csp_nonce'] for inline scripts), nosniff,
    frame denial and a strict referrer policy to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"content-security-policy", b"x-content-type-options")
                ]
                headers += [
                    (b"content-security-policy", content_security_policy(nonce).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def web_url(value: str | None) -> bool:
    """Only http(s) URLs become links: a source like 'javascript:…' or 'data:…' is shown as text."""
    return bool(value) and value.strip().lower().startswith(("http://", "https://"))


def host_allowed(host_header: str, allowed: tuple[str, ...]) -> bool:
    """Whether a Host header (with or without port) names one of the allowed hosts; '*' allows any."""
    if "*" in allowed:
        return True
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[: host.find("]") + 1]
    else:
        host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return host in {h.lower() for h in allowed}


class HostCheck:
    """Answers 421 problem+json to requests whose Host is not one this server was told it serves, so a
    page on another site cannot reach a local newsgraph through DNS rebinding."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if not host_allowed(host, self.allowed):
                body = (
                    b'{"type":"about:blank","title":"Misdirected request","status":421,'
                    b'"detail":"this server does not serve that Host; see newsgraph serve --allowed-host"}'
                )
                await send(
                    {
                        "type": "http.response.start",
                        "status": 421,
                        "headers": [(b"content-type", b"application/problem+json")],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
