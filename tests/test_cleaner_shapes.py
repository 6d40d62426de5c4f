"""The plain-text cleaner removes chrome by its shape, and footer words in a header never cut an article."""

from newsgraph.ingest.cleaner import clean_text
from newsgraph.ingest.html import extract_html

ARTICLE = (
    "The harbour authority reopened the northern quay on Tuesday after three weeks of repairs to the pier.\n"
    "Ship operators said the delay had cost them dozens of sailings and pushed freight onto the roads.\n"
)


def test_footer_words_in_a_header_menu_do_not_cut_the_article():
    page = "Home\nAbout us\nContact us\nHarbour reopens after repairs\n" + ARTICLE + "Copyright © 2026 Quay News\n"
    cleaned = clean_text(page)
    assert "reopened the northern quay" in cleaned.text
    assert "Ship operators said" in cleaned.text
    assert "Copyright" not in cleaned.text


def test_footer_after_the_article_still_ends_it():
    longer = ARTICLE + "Port officials expect traffic to return to its usual level before the end of the month.\n"
    page = longer + "About us\nOur newsroom: reporting from the quay since 1901.\n"
    cleaned = clean_text(page)
    assert "Ship operators said" in cleaned.text
    assert "newsroom" not in cleaned.text


def test_runs_of_navigation_items_are_dropped_but_a_lone_subheading_stays():
    page = (
        "Harbour reopens after repairs\n\nNews\nSport\nWeather\nCulture\n\n"
        + ARTICLE
        + "\nWhat comes next\n\n"
        + "Inspectors will return in the spring to check the remaining piers along the quay wall.\n"
    )
    cleaned = clean_text(page)
    assert cleaned.title == "Harbour reopens after repairs"
    for menu in ("Sport", "Weather", "Culture"):
        assert menu not in cleaned.text.split("\n")
    assert "What comes next" in cleaned.text.split("\n")


def test_list_marked_share_lines_and_repeated_labels_are_dropped():
    page = (
        "Harbour reopens after repairs\n\n• facebook\n• Send by mail\n"
        + ARTICLE
        + "Print page\n\nInspectors will return in the spring to check the remaining piers of the quay.\n"
        + "Print page\n"
    )
    cleaned = clean_text(page)
    assert "facebook" not in cleaned.text
    assert "Send by mail" not in cleaned.text
    assert "Print page" not in cleaned.text
    assert "Inspectors will return" in cleaned.text


def test_html_article_keeps_its_list_of_short_items():
    items = "".join(f"<li>{name}</li>" for name in ("North quay", "East basin", "Ferry ramp", "Fuel dock"))
    html = (
        "<html><head><title>Harbour works</title></head><body><article><h1>Harbour works</h1>"
        f"<p>{ARTICLE.splitlines()[0]}</p><p>The works covered these parts of the port:</p><ul>{items}</ul>"
        f"<p>{ARTICLE.splitlines()[1]}</p></article></body></html>"
    )
    document = extract_html(html, "harbour.html")
    for name in ("North quay", "East basin", "Ferry ramp", "Fuel dock"):
        assert name in document.text
