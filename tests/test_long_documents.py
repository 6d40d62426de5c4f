"""Texts longer than the model's limit are parsed in pieces and merged with exact offsets."""

from __future__ import annotations

from newsgraph.ingest.document import Document
from newsgraph.nlp.pieces import piece_bounds
from newsgraph.nlp.pipeline import process

from .conftest import SAMPLES

ARTICLE = (SAMPLES / "text" / "iraq-mosul-drone.txt").read_text("utf-8")


def test_piece_bounds_cover_the_text_at_paragraph_breaks():
    text = "\n\n".join(f"Paragraph {n}. " + "word " * 30 for n in range(200))
    bounds = piece_bounds(text, 2_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(end - start <= 2_000 for start, end in bounds)
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])


def test_text_without_breaks_is_still_cut_within_the_limit():
    text = "x" * 10_000
    assert all(end - start <= 3_000 for start, end in piece_bounds(text, 3_000))


def test_text_longer_than_the_model_limit_is_processed_with_exact_offsets(nlp):
    text = "\n\n".join([ARTICLE.strip()] * 12)
    limit = nlp.max_length
    nlp.max_length = len(text) // 3  # as if the article were three times the model's limit
    try:
        (_, pieces), = process(nlp, [Document(source="long.txt", text=text)], max_chars=len(text) // 5)
    finally:
        nlp.max_length = limit
    (_, whole), = process(nlp, [Document(source="long.txt", text=text)])
    assert pieces["document"]["text"] == text and pieces["document"]["id"] == whole["document"]["id"]
    for entity in pieces["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for section in ("quotes", "events"):
        for item in pieces[section]:
            assert item["start"] < item["end"] <= len(text)
    ids = {e["id"] for e in pieces["entities"]}
    assert len(ids) == len(pieces["entities"])
    names = [(e["type"], e["name"]) for e in pieces["entities"]]
    assert len(names) == len(set(names))  # one entity per name, not one per piece
    referenced = {q["speaker"] for q in pieces["quotes"]} | {e["actor"] for e in pieces["events"]}
    assert referenced - {None} <= ids
    assert len(pieces["events"]) == len(whole["events"])
    claim_ids = {c["id"] for c in pieces["claims"]}
    assert len(claim_ids) == len(pieces["claims"])
    assert all(set(c["alternatives"]) <= claim_ids for c in pieces["claims"])
