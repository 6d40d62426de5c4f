"""HTML pages to documents: trafilatura for the article body and metadata, htmldate for the date."""

from __future__ import annotations

import re

import lxml.html
import trafilatura

from newsgraph.errors import InputError
from newsgraph.ingest.cleaner import clean_text, repair_text
from newsgraph.ingest.document import Document

_BLOCKS = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote|tr|section|article)\b[^>]*>", re.I)


def extract_html(html: str, source: str, url: str | None = None) -> Document:
    """The article in a page: body text free of chrome, title and original publication date."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # trafilatura raises many parser errors on hostile markup
        raise InputError(source, f"unparseable HTML ({type(exc).__name__})") from None
    if result is None or not (result.text or "").strip():
        raise InputError(source, "no article text found in the HTML page")
    title = repair_text(result.title or "").strip() or None
    cleaned = clean_text(result.text, detect_title=False, by_shape=False)
    text = _drop_leading_title(cleaned.text, title)
    if not text:
        raise InputError(source, "no article text left after removing page chrome")
    return Document(source=source, text=text, title=title, published=result.date, format="html")


def _drop_leading_title(text: str, title: str | None) -> str:
    """Trafilatura often repeats the headline as the first line; the title field already holds it."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            return rest.strip()
    return text


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content) with block elements as line breaks."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        tree = lxml.html.fromstring(_BLOCKS.sub("\n", fragment))
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(line.strip() for line in tree.text_content().split("\n") if line.strip())
