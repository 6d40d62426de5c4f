"""WARC archives to documents: the HTML responses only."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.document import Document
from newsgraph.ingest.html import extract_html


def iter_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Document | InputError]:
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
                continue
            if not (record.http_headers.get_statuscode() or "").startswith("2"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{found + 1}"
            found += 1
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield InputError(url, f"response larger than {max_bytes} bytes")
                continue
            try:
                yield extract_html(decode_text(body, url), url, url=url)
            except InputError as exc:
                yield exc
    except (ArchiveLoadFailed, ValueError, OSError) as exc:
        yield InputError(source, f"unreadable WARC: {exc}".splitlines()[0])
        return
    if not found:
        yield InputError(source, "WARC holds no HTML responses")
