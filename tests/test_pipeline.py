"""The declared pipeline and the contract JSON it produces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.nlp.pipeline import build_pipeline, load_config
from newsgraph.nlp.quotes import find_quote_spans

from .conftest import entity_named, validate

NEWSGRAPH_COMPONENTS = [
    "newsgraph_entities",
    "newsgraph_geo",
    "newsgraph_quotes",
    "newsgraph_events",
    "newsgraph_relations",
    "newsgraph_stances",
    "newsgraph_claims",
]


def test_pipeline_is_built_from_the_declared_config(nlp):
    config = load_config()
    assert config["nlp"]["components"] == [
        "newsgraph_name_particles", "newsgraph_paragraph_breaks", *NEWSGRAPH_COMPONENTS
    ]
    assert nlp.pipe_names[-len(NEWSGRAPH_COMPONENTS) :] == NEWSGRAPH_COMPONENTS
    # Paragraph breaks are marked before the parser, which keeps preset sentence boundaries; name
    # particles are joined before the model's first component reads the tokens.
    assert nlp.pipe_names.index("newsgraph_paragraph_breaks") < nlp.pipe_names.index("parser")
    assert nlp.pipe_names[0] == "newsgraph_name_particles"
    assert "ner" in nlp.pipe_names and "parser" in nlp.pipe_names


def test_config_overrides_reach_components():
    nlp = build_pipeline({"components.newsgraph_quotes.min_words": 7})
    assert nlp.get_pipe("newsgraph_quotes").min_words == 7


def test_every_sample_output_validates_against_the_schema(sample_results, contract_schema):
    assert len(sample_results) >= 25
    for result in sample_results:
        validate(result, contract_schema)


def test_offsets_round_trip_for_every_span(sample_results):
    for result in sample_results:
        text = result["document"]["text"]
        for entity in result["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
        for quote in result["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]
        for event in result["events"]:
            assert text[event["start"] : event["end"]] == event["sentence"]
        for relation in result["relations"]:
            assert 0 <= relation["start"] < relation["end"] <= len(text)


def test_references_point_at_existing_entities_and_claims(sample_results):
    for result in sample_results:
        ids = {e["id"] for e in result["entities"]}
        assert len(ids) == len(result["entities"])
        for quote in result["quotes"]:
            assert quote["speaker"] is None or quote["speaker"] in ids
        for event in result["events"]:
            for role in ("actor", "target", "location", "attributed_to"):
                assert event[role] is None or event[role] in ids
        claim_ids = {c["id"] for c in result["claims"]}
        for claim in result["claims"]:
            assert claim["subject"] in ids
            assert set(claim["alternatives"]) <= claim_ids


def test_spelling_variants_merge_and_namesakes_stay_apart(analyse):
    result = analyse(
        "Muammar Gaddafi ruled Libya for four decades. Some newspapers wrote Qaddafi, and French papers wrote "
        "Kadhafi.\n\nGeorge H. W. Bush and his son George W. Bush both served as president."
    )
    gaddafi = entity_named(result, "Muammar Gaddafi")
    assert {"Qaddafi", "Kadhafi"} <= set(gaddafi["aliases"])
    assert entity_named(result, "George H. W. Bush")["id"] != entity_named(result, "George W. Bush")["id"]


def test_short_forms_titles_and_acronyms_join_their_entity(analyse):
    result = analyse(
        "President Volodymyr Zelensky spoke to parliament on Monday. Zelenskyy said the vote would go ahead. "
        "The National Resistance Front (NRF) said its fighters held the pass. The NRF gave no figures."
    )
    zelensky = entity_named(result, "Volodymyr Zelensky")
    assert zelensky["type"] == "PERSON"
    assert "Zelenskyy" in zelensky["aliases"]
    front = entity_named(result, "National Resistance Front")
    assert front["type"] == "ORG"
    assert sum(m["text"] == "NRF" for m in front["mentions"]) == 2


def test_places_are_geocoded(sample_results):
    by_source = {r["document"]["source"]: r for r in sample_results}
    result = next(r for s, r in by_source.items() if s.endswith("afghanistan-panjshir-resistance.html"))
    panjshir = entity_named(result, "Panjshir")
    assert panjshir["type"] == "PLACE" and panjshir["geo"]["country"] == "AF"


def test_quote_speaker_and_channel(analyse):
    result = analyse(
        'Governor Lina Farouk wrote on Twitter that the bridge would reopen. "Traffic will move by Friday," '
        "Farouk tweeted.\n\n"
        '"We have no water left," a resident told reporters.'
    )
    direct = [q for q in result["quotes"] if q["kind"] == "direct"]
    tweet = next(q for q in direct if q["text"].startswith("Traffic"))
    assert tweet["channel"] == "tweet"
    assert tweet["speaker"] == entity_named(result, "Lina Farouk")["id"]
    resident = next(q for q in direct if q["text"].startswith("We have no water"))
    assert resident["speaker"] is None and resident["speaker_text"] == "a resident"
    assert resident["channel"] == "interview"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\"“”«»‘’'\n:")), max_size=120))
def test_unbalanced_quote_marks_never_raise(text):
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)


def test_events_with_negation_modality_and_dates(analyse):
    result = analyse(
        "Rebels failed to take the town of Ariha on Monday. The army threatened to strike the camp. "
        "Militants attacked a checkpoint yesterday.",
        published="2025-03-12",
    )
    by_trigger = {e["trigger"]["text"]: e for e in result["events"]}
    assert by_trigger["take"]["type"] == "ASSAULT" and by_trigger["take"]["negated"] is True
    assert by_trigger["take"]["date"] == "2025-03-10"
    assert by_trigger["strike"]["hypothetical"] is True
    attacked = by_trigger["attacked"]
    assert attacked["negated"] is False and attacked["hypothetical"] is False
    assert attacked["date"] == "2025-03-11"


def test_paragraph_breaks_end_sentences(nlp):
    doc = nlp('The minister spoke to reporters on Monday\n\n"We will rebuild the bridge," she said.')
    assert any(sent.text.startswith('"We will rebuild') for sent in doc.sents)


def test_relations_stated_in_the_text_become_claims(analyse, contract_schema):
    """A kinship stated in an appositive is a claim of the publisher; the gazetteer's own hierarchy
    (a town lies in its province) is knowledge, not something the article claims."""
    text = (
        "Tarik Odayo, the son of the late senator Bashir Odayo, was arrested in Kaduna on Friday, "
        "the regional police said.\n"
    )
    result = analyse(text, source="https://news.example.org/a.html")
    validate(result, contract_schema)
    child = next(r for r in result["relations"] if r["predicate"] == "child_of")
    claims = [c for c in result["claims"] if c.get("kind") == "relation"]
    stated = [c for c in claims if c["predicate"] == "child_of"]
    assert len(stated) == 1 and stated[0]["subject"] == child["subject"]
    assert "son of the late senator" in stated[0]["statement"]
    assert stated[0]["sources"] == ["publisher:news.example.org"] and stated[0]["status"] == "reported"
    from_gazetteer = [r for r in result["relations"] if r.get("evidence") == "gazetteer"]
    assert from_gazetteer and all(
        c["predicate"] != "located_in" or c["subject"] != r["subject"] for c in claims for r in from_gazetteer
    )
