"""Paths (files, directories, .gz, '-' for stdin) to documents, each error naming its input."""

from __future__ import annotations

import errno
import gzip
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.cleaner import clean_text
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.document import Document
from newsgraph.ingest.feeds import iter_feed, looks_like_feed
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.warc import iter_warc

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
TEXT_SUFFIXES = {".txt", ".text"}
WARC_SUFFIXES = {".warc", ".arc"}
KNOWN_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | TEXT_SUFFIXES | WARC_SUFFIXES | {".gz"}


@dataclass(frozen=True)
class RawInput:
    """One input's bytes, read but not yet parsed: what a Dask worker receives (no shared file system
    needed). `name` is the lower-case file name whose suffix tells the format ('' for stdin)."""

    source: str
    name: str
    data: bytes


def iter_documents(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Every document in the inputs, in order; unreadable inputs come out as InputError values."""
    for item in read_inputs(paths, max_bytes):
        if isinstance(item, InputError):
            yield item
        else:
            yield from documents_from_bytes(item, max_bytes)


def read_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | InputError]:
    """The bytes of every input file, in order (directories walked, sorted); unreadable ones as errors."""
    for item in input_files(paths):
        if isinstance(item, InputError):
            yield item
        elif item == "-":
            try:
                yield RawInput("<stdin>", "", _read_limited(sys.stdin.buffer, "<stdin>", max_bytes))
            except InputError as exc:
                yield exc
        else:
            yield _read_file(item, max_bytes)


def input_files(paths: Iterable[str]) -> Iterator[Path | str | InputError]:
    """The files the paths name, in reading order ('-' for stdin); paths that cannot be read as errors."""
    for path in paths:
        if path == "-":
            yield path
            continue
        target = Path(path)
        if target.is_dir():
            files = sorted(p for p in target.rglob("*") if p.is_file() and _wanted(p))
            if not files:
                yield InputError(path, "directory holds no readable files")
            yield from files
        elif target.exists():
            yield target
        else:
            yield InputError(path, _missing_reason(target))


def documents_from_bytes(raw: RawInput, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """The documents in one input (a page, a text, a feed, an archive), errors as values."""
    return _from_bytes(raw.data, raw.source, raw.name, max_bytes)


def documents_from_string(content: str, source: str = "<string>") -> list[Document | InputError]:
    """The documents in one string: an HTML page, a feed or plain text, recognised by their content."""
    return list(_from_bytes(content.encode("utf-8"), source, "", DEFAULT_MAX_BYTES))


def _missing_reason(target: Path) -> str:
    """Why a path that does not exist as a file cannot be read: a link loop, a dangling link, or absent."""
    if target.is_symlink():
        try:
            target.resolve(strict=True)
        except RuntimeError:
            return "symbolic link loop"
        except OSError as exc:
            return "symbolic link loop" if exc.errno == errno.ELOOP else "dangling symbolic link"
        return "dangling symbolic link"
    return "no such file or directory"


def _wanted(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in KNOWN_SUFFIXES


def _read_file(path: Path, max_bytes: int) -> RawInput | InputError:
    source = str(path)
    try:
        if path.stat().st_size > max_bytes and not path.name.lower().endswith(".warc.gz"):
            raise InputError(
                source, f"too large ({path.stat().st_size} bytes > limit {max_bytes}; see --max-bytes)"
            )
        with path.open("rb") as handle:
            data = _read_limited(handle, source, max_bytes * (4 if path.suffix == ".gz" else 1))
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(source, f"cannot read: {exc.strerror or exc}")
    return RawInput(source, path.name.lower(), data)


def _read_limited(handle, source: str, max_bytes: int) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(source, f"too large (more than {max_bytes} bytes; see --max-bytes)")
    return data


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress every member (concatenated .gz files are one stream) with a ceiling so a gzip bomb
    cannot exhaust memory; a stream cut short is an error, never a silent fragment."""
    parts: list[bytes] = []
    size = 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(data, max_bytes + 1 - size)
        except zlib.error as exc:
            raise InputError(source, f"corrupt gzip data ({exc})") from None
        size += len(out)
        if size > max_bytes:
            raise InputError(source, f"too large once decompressed (more than {max_bytes} bytes)")
        if not inflater.eof:
            raise InputError(source, "truncated gzip data: the file ends before the end of its stream")
        parts.append(out)
        data = inflater.unused_data
        if data[:2] != b"\x1f\x8b":
            break  # trailing padding after the last member
    return b"".join(parts)


def _from_bytes(data: bytes, source: str, name: str, max_bytes: int) -> Iterator[Document | InputError]:
    try:
        if name.endswith((".warc.gz", ".warc", ".arc.gz", ".arc")) or data[:5] == b"WARC/":
            yield from iter_warc(data, source, max_bytes)
            return
        if data[:2] == b"\x1f\x8b":
            inner = _gunzip(data, source, max_bytes)
            yield from _from_bytes(inner, source, name.removesuffix(".gz"), max_bytes)
            return
        text = decode_text(data, source)
        suffix = Path(name).suffix
        if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES | TEXT_SUFFIXES and looks_like_feed(text)):
            yield from iter_feed(data, source)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            yield extract_html(text, source)
        else:
            yield _plain_text(text, source)
    except InputError as exc:
        yield exc
    except gzip.BadGzipFile as exc:
        yield InputError(source, f"corrupt gzip data ({exc})")


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head


def _plain_text(text: str, source: str) -> Document:
    cleaned = clean_text(text)
    if len(cleaned.text.split()) < 3:
        raise InputError(source, "no article text left after removing page chrome")
    return Document(source=source, text=cleaned.text, title=cleaned.title, published=cleaned.published)
