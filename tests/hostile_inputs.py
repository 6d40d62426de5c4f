"""Generated hostile inputs, one class of breakage each: what real crawls, archives and attackers send.
Used by tests/test_fuzz.py (a few of each) and bench/bench_fuzz.py (thousands)."""

from __future__ import annotations

import gzip
import io
import random
from collections.abc import Callable, Iterator

STORY = (
    "The council voted on Monday to close the old bridge after engineers found cracks in two of its piers, "
    "the mayor said. Traffic will be sent through the northern ring road until repairs end in spring."
)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(STORY.split()) for _ in range(n))


def empty(rng):
    return "empty.txt", rng.choice([b"", b"   \n\t\n", b"\xef\xbb\xbf"])


def junk(rng):
    return rng.choice(["junk.txt", "junk.html", "junk.rss", "junk.bin"]), rng.randbytes(rng.randint(1, 4000))


def nul_text(rng):
    return "nul.txt", STORY.encode().replace(b" ", b"\x00", rng.randint(1, 20))


def wrong_encoding(rng):
    text = STORY.replace("mayor", "maire déclaré à Genève")
    return rng.choice([
        ("latin1.txt", text.encode("latin-1")),
        ("declared.html", b'<meta charset="no-such-codec">' + text.encode()),
        ("mislabelled.html", b'<meta charset="utf-8"><p>' + text.encode("cp1252") + b"</p>"),
        ("utf16.txt", text.encode("utf-16-le")),
        ("mojibake.txt", text.encode("utf-8").decode("latin-1").encode("utf-8")),
    ])


def broken_html(rng):
    body = "".join(rng.choice(["<div>", "<p>", "</span>", "<table><tr><td>", "<b>", "<!--", "<![CDATA["]) + _words(rng, 8)
                   for _ in range(rng.randint(1, 60)))
    return "broken.html", f"<html><head><title>{_words(rng, 4)}</head><body>{body}".encode()


def deep_html(rng):
    depth = rng.randint(500, 5000)
    return "deep.html", ("<div>" * depth + f"<p>{STORY}</p>" + "</div>" * rng.randint(0, depth)).encode()


def hostile_markup(rng):
    payload = rng.choice([
        "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>", "<iframe src=//evil.invalid>", "\u202eevil\u202c", "{{7*7}}", "${7*7}",
        "=cmd|' /C calc'!A0", "'; DROP TABLE documents; --",
    ])
    title = rng.choice([payload, _words(rng, 5)])
    return "hostile.html", (
        f"<html><head><title>{title}</title></head><body><article><h1>{payload}</h1>"
        f"<p>{STORY} {payload}</p><p>“{payload},” the mayor said.</p></article></body></html>"
    ).encode()


def xxe_feed(rng):
    entity = rng.choice([
        '<!ENTITY x SYSTEM "file:///etc/passwd">',
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">',
        '<!ENTITY x SYSTEM "http://127.0.0.1:1/">',
    ])
    return "xxe.rss", (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entity}]><rss version="2.0"><channel><title>&x;</title>'
        f"<item><title>&x;</title><link>http://news.invalid/a</link><description>{STORY} &x;</description></item>"
        "</channel></rss>"
    ).encode()


def malformed_feed(rng):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        + "".join(
            f"<item><title>{_words(rng, 4)}</title><link>{rng.choice(['javascript:alert(1)', 'http://n.invalid/x', '', 'data:text/html,x'])}</link>"
            f"<description>{STORY}</description></item>"
            for _ in range(rng.randint(1, 5))
        )
        + "</channel></rss>"
    ).encode()
    return "malformed.rss", feed[: rng.randint(len(feed) // 2, len(feed))]


def gzip_cases(rng):
    data = gzip.compress(STORY.encode() * rng.randint(1, 50))
    return rng.choice([
        ("cut.txt.gz", data[: rng.randint(1, len(data) - 1)]),
        ("multi.txt.gz", data + gzip.compress(STORY.encode())),
        ("bomb.txt.gz", gzip.compress(b"\0" * (30 * 1024 * 1024))),
        ("notgzip.txt.gz", rng.randbytes(200)),
    ])


def warc_cases(rng):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=rng.random() < 0.5)
    for number in range(rng.randint(1, 4)):
        headers = StatusAndHeaders(rng.choice(["200 OK", "404 Not Found", "200 OK"]),
                                   [("Content-Type", rng.choice(["text/html", "image/png", "text/html; charset=bogus"]))],
                                   protocol="HTTP/1.0")
        page = f"<html><body><p>{STORY} {number}</p></body></html>".encode()
        record = writer.create_warc_record(f"http://news.invalid/{number}", "response", payload=io.BytesIO(page),
                                           http_headers=headers)
        if rng.random() < 0.3:
            record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)
    data = buffer.getvalue()
    if rng.random() < 0.3:
        data = data[: rng.randint(1, len(data))]
    if rng.random() < 0.2:
        data += b"WARC/1.0\r\nContent-Length: 99999\r\n\r\ngarbage"
    return "crawl.warc" + (".gz" if data[:2] == b"\x1f\x8b" else ""), data


def odd_text(rng):
    pieces = [STORY, "“" * rng.randint(1, 50), "\u0301" * rng.randint(1, 200), "🙂" * rng.randint(1, 50),
              "x" * rng.randint(1, 20000), "\u200b\u200d\u2028\u2029", "\x1b[31mred\x1b[0m", "\r\r\r", "«»‹›"]
    return "odd.txt", " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))).encode()


def long_line(rng):
    return "line.txt", (_words(rng, 20) + " ").encode() * rng.randint(20, 400)


CLASSES: list[Callable[[random.Random], tuple[str, bytes]]] = [
    empty, junk, nul_text, wrong_encoding, broken_html, deep_html, hostile_markup, xxe_feed, malformed_feed,
    gzip_cases, warc_cases, odd_text, long_line,
]


def generate(count: int, seed: int = 0) -> Iterator[tuple[str, str, bytes]]:
    """(class name, file name, bytes), cycling through the classes with seeded random parameters."""
    rng = random.Random(seed)
    for number in range(count):
        make = CLASSES[number % len(CLASSES)]
        name, data = make(rng)
        yield make.__name__, f"{number:05d}-{name}", data
