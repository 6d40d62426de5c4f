"""The document record every ingest path produces."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


def document_id(text: str) -> str:
    """Stable id: the first 16 hex chars of the SHA-256 of the cleaned text (contract v1)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    source: str
    text: str
    title: str | None = None
    published: str | None = None
    language: str = "en"
    format: str = "text"
    id: str = field(default="")
    duplicate_of: str | None = None  # id of an earlier near-duplicate, if any

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)

    def contract(self) -> dict:
        """The contract's `document` object."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }

    def to_dict(self) -> dict:
        return asdict(self)
