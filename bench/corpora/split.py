"""The one dev/test split: a document (or, for cross-document sets, its topic) goes to a half by the
SHA-256 of its id. Fixed forever, so the test half is never tuned on."""

from __future__ import annotations

import hashlib


def half_of(key: str) -> str:
    return "dev" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "test"
