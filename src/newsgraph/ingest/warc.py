"""WARC archives to documents: the HTML responses only. Each record is read on its own, so a malformed
record is one error and the rest of the archive goes on; an archive cut short is reported, and the
record it cut is never stored as if whole."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.document import Document
from newsgraph.ingest.html import extract_html

_CONTENT_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.I | re.M)
_HEADER_END = b"\r\n\r\n"


def _members(data: bytes, max_bytes: int) -> Iterator[bytes | str]:
    """Decompressed gzip members (one record each in a standard .warc.gz), or a reason where the stream
    breaks."""
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(data, max_bytes + 1)
        except zlib.error as exc:
            yield f"corrupt gzip data ({exc})"
            return
        if len(out) > max_bytes:
            yield f"a record larger than {max_bytes} bytes once decompressed"
            return
        if not inflater.eof:
            yield "truncated: the archive ends inside a compressed record"
            return
        yield out
        data = inflater.unused_data.lstrip(b"\r\n\x00")


def _records(stream: bytes) -> Iterator[bytes | str]:
    """Split uncompressed WARC bytes into records by their Content-Length."""
    position = 0
    while position < len(stream):
        while stream.startswith((b"\r\n", b"\n"), position):
            position += 2 if stream.startswith(b"\r\n", position) else 1
        if position >= len(stream):
            return
        head_end = stream.find(_HEADER_END, position)
        if not stream.startswith(b"WARC/", position) or head_end < 0:
            yield "malformed record header"
            return
        length = _CONTENT_LENGTH.search(stream, position, head_end)
        if length is None:
            yield "record without Content-Length"
            return
        end = head_end + len(_HEADER_END) + int(length.group(1))
        if end > len(stream):
            yield "truncated: the archive ends inside a record"
            return
        yield stream[position : end + len(_HEADER_END)]
        position = end + len(_HEADER_END)


def _blobs(data: bytes, max_bytes: int) -> Iterator[bytes | str]:
    if data[:2] != b"\x1f\x8b":
        yield from _records(data)
        return
    for member in _members(data, max_bytes):
        if isinstance(member, str):
            yield member
            return
        yield from _records(member)


def iter_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Document | InputError]:
    found = 0
    for number, item in enumerate(warc_records(data, source, max_bytes), 1):
        if isinstance(item, InputError):
            yield item
            if number == 1:  # not an archive at all: one error says so
                return
            continue
        document = record_document(item[1], source, item[0], max_bytes)
        if document is not None:
            found += 1
            yield document
    if not found:
        yield InputError(source, "WARC holds no HTML responses")


def warc_records(data: bytes, source: str, max_bytes: int) -> Iterator[tuple[int, bytes] | InputError]:
    """(record number, record bytes) for each record, in order, or an error where the archive breaks:
    records are independent, so a bulk run can parse them on different workers."""
    for number, blob in enumerate(_blobs(data, max_bytes), 1):
        if isinstance(blob, str):
            yield InputError(source, f"WARC record {number}: {blob}")
        else:
            yield number, blob


def record_document(blob: bytes, source: str, number: int, max_bytes: int) -> Document | InputError | None:
    """The document in one record, an error, or None for records that are not HTML responses."""
    try:
        return _response(blob, source, number, max_bytes)
    except Exception as exc:  # warcio raises many kinds of errors on malformed headers
        return InputError(f"{source}#record{number}", f"malformed WARC record ({type(exc).__name__})")


def _response(blob: bytes, source: str, number: int, max_bytes: int) -> Document | InputError | None:
    for record in ArchiveIterator(io.BytesIO(blob)):
        if record.rec_type != "response" or record.http_headers is None:
            return None
        if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
            return None
        if not (record.http_headers.get_statuscode() or "").startswith("2"):
            return None
        url = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#record{number}"
        body = record.content_stream().read(max_bytes + 1)
        if len(body) > max_bytes:
            return InputError(url, f"response larger than {max_bytes} bytes")
        try:
            return extract_html(decode_text(body, url), url, url=url)
        except InputError as exc:
            return exc
    return None
