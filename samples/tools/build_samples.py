"""Regenerate samples/ from the article texts in this folder: `python samples/tools/build_samples.py`.

HTML pages get realistic chrome (menus, share buttons, teasers, cookie banners, footers) in one of
several site templates, each announcing its date differently (meta tag, JSON-LD, <time>, visible text)."""

from __future__ import annotations

import gzip
import html
import io
import json
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).parent))
from articles_a import ARTICLES  # noqa: E402
from articles_b import FEED_ENTRIES, TEXT_ARTICLES, WARC_PAGES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITES = {
    "kabulwire": ("Kabul Wire", "meta"),
    "eastdesk": ("East Desk", "jsonld"),
    "saheldaily": ("Sahel Daily", "time"),
    "maghrebpost": ("Maghreb Post", "meta"),
    "levantnow": ("Levant Now", "jsonld"),
    "greatlakes": ("Great Lakes Observer", "time"),
    "andesreport": ("Andes Report", "visible"),
    "caribbeanwire": ("Caribbean Wire", "meta"),
    "gulfmonitor": ("Gulf Monitor", "jsonld"),
    "indusnews": ("Indus News", "visible"),
    "pacificledger": ("Pacific Ledger", "time"),
    "westafricawire": ("West Africa Wire", "meta"),
    "europebrief": ("Europe Brief", "jsonld"),
}


def paragraphs(body: str) -> list[str]:
    return [html.escape(p.strip(), quote=False) for p in body.split("\n\n") if p.strip()]


def page(article: dict) -> str:
    site_name, date_style = SITES[article["site"]]
    title = html.escape(article["title"])
    date = article["date"]
    head_meta = ""
    if date_style == "meta":
        head_meta = f'<meta property="article:published_time" content="{date}T08:00:00+00:00">'
    elif date_style == "jsonld":
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article["title"],
            "datePublished": f"{date}T07:30:00Z",
            "publisher": {"@type": "Organization", "name": site_name},
        }
        head_meta = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    dateline = {
        "time": f'<time datetime="{date}" class="published">{date}</time>',
        "visible": f'<p class="dateline">Published {date}</p>',
    }.get(date_style, "")
    body_paragraphs = paragraphs(article["body"])
    # A teaser in the middle of the body, as many sites do.
    teaser = '<p class="also-read"><strong>Also read:</strong> <a href="/more">What we know so far</a></p>'
    body_paragraphs.insert(min(3, len(body_paragraphs)), teaser)
    body_html = "\n".join(p if p.startswith("<p") else f"<p>{p}</p>" for p in body_paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site_name}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site_name}">
{head_meta}
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept cookies</button></div>
<header>
  <a class="logo" href="/">{site_name}</a>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
  <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  <form class="search"><input name="q" placeholder="Search"></form>
</header>
<main>
<article>
  <h1>{title}</h1>
  <div class="byline">By Staff Reporter {dateline}</div>
  <div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a> <a href="#">Copy link</a></div>
  <figure><img src="/img/lead.jpg" alt=""><figcaption>File photo. (Photo: {site_name})</figcaption></figure>
  <div class="article-body">
{body_html}
  </div>
  <div class="share bottom">Share this article: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>
</article>
<aside class="related">
  <h2>Related stories</h2>
  <ul><li><a href="/a">Ten things to know about the region</a></li><li><a href="/b">Analysis: who is fighting whom</a></li>
  <li><a href="/c">Opinion: the world is not watching</a></li></ul>
</aside>
<aside class="most-read"><h2>Most read</h2><ol><li><a href="/d">Markets fall on oil fears</a></li>
<li><a href="/e">Football: cup final preview</a></li></ol></aside>
</main>
<footer>
  <p>Sign up for our newsletter</p>
  <p><a href="/about">About us</a> | <a href="/contact">Contact us</a> | <a href="/privacy">Privacy policy</a></p>
  <p>&copy; 2025 {site_name}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def rss(entries: list[dict]) -> str:
    items = []
    for entry in entries:
        content = f"<content:encoded><![CDATA[{entry['body']}]]></content:encoded>" if entry["body"] else ""
        items.append(
            f"""  <item>
    <title>{html.escape(entry["title"])}</title>
    <link>{entry["link"]}</link>
    <guid>{entry["link"]}</guid>
    <pubDate>{entry["date"]}</pubDate>
    <description>{html.escape(entry["title"])}</description>
    {content}
  </item>"""
        )
    return """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Regional Briefs</title>
  <link>https://briefs.example.org/</link>
  <description>Short regional news briefs</description>
{items}
</channel>
</rss>
""".replace("{items}", "\n".join(items))


def warc(pages: list[dict]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for item in pages:
        article = {"site": "kabulwire", "title": item["title"], "date": item["date"], "body": item["body"]}
        payload = page(article).encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                item["url"], "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    # A non-HTML response that ingest must skip.
    headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://eastafrica.example.org/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n"),
            http_headers=headers,
        )
    )
    return buffer.getvalue()


def main() -> None:
    for folder in ("html", "text", "feeds", "warc"):
        (ROOT / folder).mkdir(exist_ok=True)
    for article in ARTICLES:
        (ROOT / "html" / f"{article['slug']}.html").write_text(page(article), encoding="utf-8")
    for article in TEXT_ARTICLES:
        (ROOT / "text" / f"{article['slug']}.txt").write_text(article["text"], encoding="utf-8")
    (ROOT / "feeds" / "regional-briefs.rss").write_text(rss(FEED_ENTRIES), encoding="utf-8")
    (ROOT / "warc" / "crawl-sample.warc.gz").write_bytes(warc(WARC_PAGES))
    # One compressed text file, as archives often ship them.
    source = ROOT / "text" / "somalia-mogadishu-attack.txt"
    (ROOT / "text" / "somalia-mogadishu-attack.txt.gz").write_bytes(
        gzip.compress(source.read_bytes(), mtime=0)
    )
    source.unlink()


if __name__ == "__main__":
    main()
