"""Ingest: every input kind to clean documents, and every bad input to one clear error."""

from __future__ import annotations

import gzip
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.cleaner import clean_text, repair_text
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.document import Document
from newsgraph.ingest.sources import iter_documents

from .conftest import SAMPLES

CHROME_WORDS = [
    "Also read",
    "Share this article",
    "Accept cookies",
    "Most read",
    "Related stories",
    "All rights reserved",
    "Sign up for our newsletter",
    "Privacy policy",
]


def docs_and_errors(paths, **kwargs):
    items = list(iter_documents([str(p) for p in paths], **kwargs))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def test_html_page_gives_clean_text_title_and_date():
    docs, errors = docs_and_errors([SAMPLES / "html" / "afghanistan-panjshir-resistance.html"])
    assert not errors
    (doc,) = docs
    assert doc.title == "Taliban say they captured Panjshir; resistance leader denies it"
    assert doc.published == "2025-09-06"
    assert doc.text.startswith("The Taliban claimed on Monday")
    assert "The fight continues." in doc.text
    for chrome in CHROME_WORDS + ["What we know so far", "File photo"]:
        assert chrome not in doc.text


def test_every_html_sample_has_title_date_and_no_chrome():
    docs, errors = docs_and_errors([SAMPLES / "html"])
    assert not errors
    assert len(docs) >= 18
    for doc in docs:
        assert doc.title and doc.published, doc.source
        assert not [c for c in CHROME_WORDS if c in doc.text], doc.source


def test_plain_text_cleaner_removes_chrome_by_rule():
    raw = """Home | World | Politics | Sport | Opinion
Flooding closes border crossing
Published: 2 February 2026
Share
Tweet

Floodwater closed the main crossing between the two towns on Monday, officials said.

Photo: Trucks wait at the crossing. (Image: handout)
Also read: Five rivers to watch this winter

Engineers expect the road to reopen within a week.

Copyright © 2026 River Times
Contact us | Careers
"""
    cleaned = clean_text(raw)
    assert cleaned.title == "Flooding closes border crossing"
    assert cleaned.published == "2026-02-02"
    assert cleaned.text == (
        "Floodwater closed the main crossing between the two towns on Monday, officials said.\n\n"
        "Engineers expect the road to reopen within a week."
    )


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("March 3rd, 2024 6: 15pm EAT", "2024-03-03"),
        ("By Tom Baird, March 3rd, 2024", None),  # a byline: other words
        ("Posted: Mar 07, 2024 7: 40 PM ET", "2024-03-07"),
        ("Posted 03 / 14 / 2024 9: 05 AM", "2024-03-14"),
        ("11: 40 P. M. MAR. 9, 2024", "2024-03-09"),
        ("Tuesday, April 2, 2024", "2024-04-02"),
        ("Floods closed the road on April 2, 2024", None),  # a sentence that holds a date
        ("April 2024", None),  # no day
    ],
)
def test_a_date_printed_under_the_headline_dates_the_text(line, date):
    """A page copied as text keeps the date line under its headline, however a tokeniser spaced it."""
    text = f"Floods close the valley road\n\n{line}\n\nFloodwater closed the valley road on Monday."
    cleaned = clean_text(text)
    assert cleaned.published == date
    assert (line in cleaned.text) == (date is None)  # the date line is metadata, not article text


def test_a_date_line_deep_in_the_text_is_not_its_date():
    lines = ["Floods close the valley road"] + [f"Paragraph {n} of the report on the floods." for n in range(6)]
    text = "\n\n".join([*lines, "Tuesday, April 2, 2024", "The road reopened."])
    assert clean_text(text).published is None


def test_document_id_is_hash_of_cleaned_text_and_stable():
    first = next(iter_documents([str(SAMPLES / "text" / "iraq-mosul-drone.txt")]))
    second = next(iter_documents([str(SAMPLES / "text" / "iraq-mosul-drone.txt")]))
    assert first.id == second.id == hashlib.sha256(first.text.encode()).hexdigest()[:16]


def test_feed_entries_with_inline_content(tmp_path):
    docs, errors = docs_and_errors([SAMPLES / "feeds" / "regional-briefs.rss"])
    assert not errors
    assert [d.title for d in docs] == [
        "Azerbaijan and Armenia sign border deal",
        "Floods displace thousands in Sylhet",
        "Sri Lanka releases fishermen",
    ]
    assert docs[0].published == "2025-08-08T14:00:00Z"
    assert docs[0].source == "https://caucasus.example.org/2025/08/border-deal"
    assert "Share this article" not in docs[0].text


def test_feed_entry_without_content_is_reported_and_rest_kept(tmp_path):
    feed = tmp_path / "mixed.xml"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Full</title><link>https://x.example/1</link><description>Officials in the port city said the
ferry service would resume on Friday after repairs.</description></item>
<item><title>Teaser</title><link>https://x.example/2</link></item></channel></rss>""")
    docs, errors = docs_and_errors([feed])
    assert [d.source for d in docs] == ["https://x.example/1"]
    assert errors[0].source == "https://x.example/2" and "no inline content" in errors[0].reason


def test_warc_html_responses_only():
    docs, errors = docs_and_errors([SAMPLES / "warc" / "crawl-sample.warc.gz"])
    assert not errors
    assert [d.source for d in docs] == [
        "https://eastafrica.example.org/2025/06/nairobi-protests",
        "https://asiapacific.example.org/2025/10/mindanao-clash",
    ]
    assert docs[0].published == "2025-06-26" and docs[0].format == "html"


def test_gzip_text_and_directory_recursion():
    docs, errors = docs_and_errors([SAMPLES])
    assert not errors
    sources = {d.source for d in docs}
    assert str(SAMPLES / "text" / "somalia-mogadishu-attack.txt.gz") in sources
    assert len(docs) >= 25


def test_bad_inputs_each_give_one_error_and_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Soldiers reopened the bridge over the river on Sunday, the ministry said.\n")
    cases = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n  ",
        "junk.txt": bytes(range(256)) * 20,
        "latin1.txt": "Le député a déclaré que la réunion était terminée.".encode("latin-1"),
        "broken.rss": b"<rss><channel><item><title>x</ti",
        "corrupt.txt.gz": b"\x1f\x8b\x08\x00garbage-not-deflate",
        "huge.txt": b"word " * 5000,
        "chrome-only.txt": b"Share\nTweet\nAlso read: nothing here\n",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    paths = [tmp_path / n for n in cases] + [tmp_path / "missing.txt", good]
    docs, errors = docs_and_errors(paths, max_bytes=10_000)
    assert [d.source for d in docs] == [str(good)]
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert set(reasons) == set(cases) | {"missing.txt"}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "binary" in reasons["junk.txt"]
    assert "utf-8" in reasons["latin1.txt"].lower()
    assert "feed" in reasons["broken.rss"]
    assert "gzip" in reasons["corrupt.txt.gz"]
    assert "too large" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert all("\n" not in f"{e}" for e in errors)


def test_gzip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 5_000_000))
    _, errors = docs_and_errors([bomb], max_bytes=100_000)
    assert "too large" in errors[0].reason


def test_declared_charset_is_honoured():
    page = '<html><head><meta charset="windows-1252"></head><body><p>café</p></body></html>'.encode("cp1252")
    assert "café" in decode_text(page, "page.html")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash_ingest(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "input.html"
    path.write_bytes(data)
    for item in iter_documents([str(path)]):
        assert isinstance(item, Document | InputError)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_cleaner_only_removes_lines(text):
    cleaned = clean_text(text)
    text = repair_text(text)  # the one change a line may see: mis-decoded characters repaired
    kept = [line for line in cleaned.text.split("\n") if line]
    normalised_input = {" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")}
    assert all(line in normalised_input for line in kept)


def test_text_decoded_with_the_wrong_charset_upstream_is_repaired(tmp_path):
    article = (
        "Harbour workers walked out on Friday.\n\n"
        "“We will not unload a single crate,” the union’s café-owner spokeswoman said — twice."
    )
    # The archive read UTF-8 bytes as Windows-1252 the way browsers do (bytes it leaves undefined pass
    # through) and saved the result as UTF-8: 'â€œ' for '“'.
    import ftfy.bad_codecs  # noqa: F401 - registers the browser-style 'sloppy' codecs

    garbled = article.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    path = tmp_path / "archive.txt"
    path.write_bytes(garbled)
    (document,) = [d for d in iter_documents([str(path)]) if isinstance(d, Document)]
    assert "â€" not in document.text and "Ã" not in document.text
    assert "“We will not unload a single crate,” the union’s café-owner spokeswoman said — twice." in document.text


def test_repair_leaves_correct_text_alone():
    text = "Ｆｕｌｌ-width and “curly” quotes, a naïve café, 5 €, ‘single’ — all as written."
    assert repair_text(text) == text
