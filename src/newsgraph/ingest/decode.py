"""Bytes to text, refusing what is not text: binary junk, empty input, undecodable bytes."""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding=["']([A-Za-z0-9_\-.]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def declared_encoding(data: bytes) -> str | None:
    """The encoding a BOM, an XML declaration or an HTML meta tag declares, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if match:
        name = match.group(1).decode("ascii", "ignore").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            return None
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the head has NUL bytes in every other position, as UTF-16 text of
    Latin script does, else None."""
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.9 and zeros_even < 0.1:
        return "utf-16-le"
    if zeros_even > 0.9 and zeros_odd < 0.1:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the head mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def decode_text(data: bytes, source: str) -> str:
    """Decode input bytes as its declared encoding, else UTF-8; raise InputError otherwise."""
    if not data.strip():
        raise InputError(source, "empty input")
    encoding = declared_encoding(data) or utf16_without_bom(data)
    if encoding is None and looks_binary(data):
        raise InputError(source, "binary data, not text")
    encoding = encoding or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 or declare its charset",
        ) from None
    except LookupError:
        raise InputError(source, f"unknown character encoding {encoding!r}") from None
    if not text.strip():
        raise InputError(source, "empty input")
    return text
