"""The situation picture: control of a place by source, contested accounts across documents, last known
whereabouts, allies and opponents, through the CLI and the API."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import newsgraph
from newsgraph.web.app import create_app

FIXTURES = Path(__file__).parent / "fixtures"
RUN = [sys.executable, "-m", "newsgraph.cli"]


def ingested(tmp_path_factory, fresh_url, name: str, fixtures: tuple[str, ...]) -> str:
    """A fresh store holding the fixture reports, ingested through the CLI; its URL."""
    folder = tmp_path_factory.mktemp(name)
    for fixture in fixtures:
        shutil.copy(FIXTURES / fixture, folder / fixture)
    url = fresh_url(name)
    subprocess.run([*RUN, "ingest", str(folder), "--db", url, "--quiet"], check=True, timeout=600)
    return url


@pytest.fixture(scope="module")
def db(tmp_path_factory, fresh_url):
    return ingested(tmp_path_factory, fresh_url, "situation", ("situation-seized.txt", "situation-denied.txt"))


def picture(db, name: str) -> dict:
    output = subprocess.run(
        [*RUN, "entity", "situation", name, "--db", db], capture_output=True, check=True, timeout=600
    ).stdout
    return json.loads(output)[0]


def test_control_by_source_and_contested(db):
    control = picture(db, "Goma")["control"]
    holds = {(c["holds"], Path(c["document_source"]).name) for c in control}
    assert holds == {(True, "situation-seized.txt"), (False, "situation-denied.txt")}
    assert {c["source"] for c in control} == {"officials", "The army"}  # who says it, not only where
    assert all(c["holder"] == "Northern Liberation Front" and c["contested"] for c in control)


def test_whereabouts_allies_and_opponents(db):
    where = picture(db, "Kamara")["whereabouts"]["last_known"]
    assert where["place"] == "Goma" and where["document_source"].endswith("situation-seized.txt")
    front = picture(db, "Northern Liberation Front")
    assert [a["name"] for a in front["allies"]] == ["Southern Alliance"]
    assert all(o["name"] != "Goma" for o in front["opponents"])  # a town attacked is not an opponent


def test_contested_claims_across_documents_in_the_api(db):
    client = TestClient(create_app(db))
    groups = client.get("/api/claims/contested").json()["across_documents"]
    goma = next(g for g in groups if g["subject"] == "Goma")
    assert {a["denied"] for a in goma["accounts"]} == {True, False}
    kb_id = client.get("/api/entities", params={"q": "Goma", "type": "PLACE"}).json()["items"][0]["kb_id"]
    assert client.get(f"/api/entities/{kb_id}/situation").json()["control"]
    assert client.get("/api/entities/kb999999/situation").status_code == 404


@pytest.fixture(scope="module")
def mutiny(tmp_path_factory, fresh_url):
    """Two reports written for these tests: talks with a mutiny leader and a seized airport, then the
    leader crossing a border, the army denying the seizure and the militia denying another attack."""
    return ingested(tmp_path_factory, fresh_url, "mutiny", ("situation-talks.txt", "situation-crossing.txt"))


def test_a_later_reported_place_supersedes_an_earlier_one_with_its_source(mutiny):
    where = picture(mutiny, "Piotr Halas")["whereabouts"]
    assert where["last_known"]["place"] == "Belarus"
    assert "spokesman" in where["last_known"]["source"]
    assert "Rostov" in {w["place"] for w in where["history"]}  # 'speaking from Rostov', a week earlier


def test_talks_and_an_accepted_proposal_make_allies(mutiny):
    allies = picture(mutiny, "Anton Varga")["allies"]
    halas = [a for a in allies if "Halas" in a["name"]]
    assert halas and {e["type"] for a in halas for e in a["evidence"]} & {"talk", "accept", "CONSULT"}


def test_a_claimed_seizure_and_its_denial_stand_side_by_side(mutiny):
    control = picture(mutiny, "Rostov")["control"]
    accounts = {(c["holder"], c["holds"], c["source"]) for c in control}
    assert ("Halas militia", True, "its commander") in accounts
    assert ("Halas militia", False, "The Southern Army") in accounts
    assert all(c["contested"] for c in control if c["holder"] == "Halas militia")


def test_an_accusation_and_the_denial_of_another_act_are_no_contest(mutiny):
    client = TestClient(create_app(mutiny))
    groups = client.get("/api/claims/contested").json()["across_documents"]
    assert not [g for g in groups if g["subject"] == "Halas militia" and g["event_type"] == "ASSAULT"]


def test_an_owner_holds_a_company_before_its_chief_executive(tmp_path, fresh_url):
    (tmp_path / "deal.txt").write_text(
        "Velt Capital bought Brightwave Inc. in 2019.\n\n"
        "Brightwave Inc. chief executive Lena Morrow said on Monday that sales had doubled.\n"
    )
    url = fresh_url("owner")
    subprocess.run([*RUN, "ingest", str(tmp_path / "deal.txt"), "--db", url, "--quiet"], check=True, timeout=600)
    brightwave = picture(url, "Brightwave Inc.")
    assert {(c["holder"], c["how"]) for c in brightwave["control"]} >= {("Velt Capital", "holds"), ("Lena Morrow", "leads")}
    assert brightwave["held_by"]["holder"] == "Velt Capital"


def test_two_sources_naming_two_holders_of_a_place_on_one_day_contest_it(tmp_path, fresh_url):
    """One report has a militia seize the town's airport on Monday, another has the army say it still holds
    it that Monday: both accounts are contested. Two owners of a company on one day are not (stakes)."""
    (tmp_path / "seized.txt").write_text(
        "Airport falls\n\nPublished: 12 March 2025\n\nThe Northern Front seized the airport in Kalbar on Monday.\n"
    )
    (tmp_path / "held.txt").write_text(
        "Army holds on\n\nPublished: 11 March 2025\n\n"
        "The National Army said on Monday that it still controls the airport in Kalbar.\n"
    )
    (tmp_path / "owners.txt").write_text("Velt Capital owns Brightwave Inc., and Norda Systems also owns Brightwave Inc.\n")
    url = fresh_url("rivals")
    subprocess.run([*RUN, "ingest", str(tmp_path), "--db", url, "--quiet"], check=True, timeout=600)
    control = picture(url, "Kalbar")["control"]
    assert {c["holder"] for c in control} == {"Northern Front", "National Army"}
    assert all(c["contested"] for c in control)
    assert not any(c["contested"] for c in picture(url, "Brightwave Inc.")["control"])


def test_an_agreed_takeover_names_the_buyer_as_pending_holder_until_one_is_done(tmp_path, fresh_url):
    """'X agreed to buy Y': Y's holder is X, marked pending; a completed purchase told elsewhere wins."""
    (tmp_path / "agreed.txt").write_text("Velt Capital has agreed to buy Brightwave Inc. for $2 billion.\n")
    (tmp_path / "done.txt").write_text("Norda Systems bought Halden Foods in 2019.\n\n"
                                       "Kori Finance has agreed to buy Halden Foods.\n")
    url = fresh_url("pending")
    subprocess.run([*RUN, "ingest", str(tmp_path), "--db", url, "--quiet"], check=True, timeout=600)
    brightwave = picture(url, "Brightwave Inc.")
    assert brightwave["held_by"]["holder"] == "Velt Capital" and brightwave["held_by"]["pending"]
    halden = picture(url, "Halden Foods")
    assert halden["held_by"]["holder"] == "Norda Systems" and not halden["held_by"]["pending"]
    assert any(c["holder"] == "Kori Finance" and c["pending"] for c in halden["control"])
    velt = picture(url, "Velt Capital")
    assert not velt["allies"]  # a pending deal is shown as control only


def test_a_side_taken_by_announcing_an_act_is_taken_now_but_a_hedged_one_is_not(tmp_path, fresh_url):
    (tmp_path / "said.txt").write_text(
        "Kori Finance said on Monday it will sue Norda Systems.\n\nVelt Capital could sue Halden Foods.\n"
    )
    url = fresh_url("declared")
    subprocess.run([*RUN, "ingest", str(tmp_path), "--db", url, "--quiet"], check=True, timeout=600)
    assert "Norda Systems" in [p["name"] for p in picture(url, "Kori Finance")["opponents"]]
    assert not picture(url, "Velt Capital")["opponents"]


def test_two_sources_giving_one_attack_different_tolls_contest_it(tmp_path, fresh_url):
    (tmp_path / "ten.txt").write_text("Blast in Kalbar\n\nPublished: 12 March 2025\n\n"
                                      "A car bomb killed ten people at a bus station in Kalbar on Monday, police said.\n")
    (tmp_path / "three.txt").write_text("Kalbar explosion\n\nPublished: 12 March 2025\n\n"
                                        "A car bomb killed three people at a bus station in Kalbar on Monday.\n")
    (tmp_path / "other.txt").write_text("Tarnby raid\n\nPublished: 20 June 2025\n\n"
                                        "Gunmen killed two guards in Tarnby on Friday.\n")
    url = fresh_url("tolls")
    subprocess.run([*RUN, "ingest", str(tmp_path), "--db", url, "--quiet"], check=True, timeout=600)
    import newsgraph

    with newsgraph.open(url) as kb:
        groups = kb.contested()
    tolls = [sorted(a["victims"] for a in g["accounts"]) for g in groups if g["event_type"] == "ASSAULT"]
    assert tolls == [[3, 10]]


def test_two_holders_of_a_place_told_days_apart_contest_it_but_years_apart_are_history():
    from newsgraph.kb.situation import _rival_holders

    def held(holder: str, source: str, since: str) -> dict:
        return {"holder_kb_id": holder, "source": source, "since": since, "holds": True, "pending": False, "how": "holds"}

    told_days_apart = [held("kb1", "the army", "2025-03-10"), held("kb2", "the front", "2025-03-12")]
    assert _rival_holders(told_days_apart) == {"kb1", "kb2"}
    history = [held("kb1", "the army", "2019-05-01"), held("kb2", "the front", "2022-08-01")]
    assert not _rival_holders(history)
    one_source = [held("kb1", "the army", "2025-03-10"), held("kb2", "the army", "2025-03-10")]
    assert not _rival_holders(one_source)


def test_undated_reports_give_the_place_most_documents_give_as_last_known():
    from newsgraph.kb.situation import _latest

    def seen(place: str, document: str, date: str | None = None) -> dict:
        return {"place": place, "place_kb_id": place, "document": document, "date": date}

    sightings = [seen("Tallinn", "d0", "2020-01-01"), seen("Lyon", "a"), seen("Lyon", "b"), seen("Paris", "c")]
    assert _latest(sightings, "place_kb_id")["place"] == "Lyon"  # document order is no order in time
    dated = [seen("Lyon", "a", "2021-03-01"), seen("Paris", "b", "2021-03-05")]
    assert _latest(dated, "place_kb_id")["place"] == "Paris"
    assert _latest([], "place_kb_id") is None


def test_an_undated_report_does_not_outrank_the_latest_dated_one():
    """Among dated reports, an undated one cannot be placed in time: the latest dated account stands,
    however many undated reports there are."""
    from newsgraph.kb.situation import _latest

    def seen(place: str, document: str, report_date: str | None) -> dict:
        return {"place": place, "place_kb_id": place, "document": document, "date": report_date,
                "report_date": report_date}

    mixed = [seen("Tallinn", "d0", "2020-01-01"), seen("Riga", "d1", "2020-01-03"), seen("Lyon", "a", None),
             seen("Lyon", "b", None)]
    assert _latest(mixed, "place_kb_id")["place"] == "Riga"


def test_rejecting_a_party_s_demands_sets_it_against_that_party():
    from newsgraph.kb.situation import _relations

    fact = {
        "type": "REJECT", "negated": False, "actor": "kb1", "actor_name": "Dock Workers Union",
        "actor_type": "ORG", "target": "kb2", "target_name": "Norda Shipping", "target_type": "ORG",
        "date": None, "source": None, "document_source": "a.txt", "document": "d1",
        "sentence": "The Dock Workers Union rejected the demands of Norda Shipping.", "start": 0,
    }
    picture = _relations("kb1", [fact], [])
    assert [p["name"] for p in picture["opponents"]] == ["Norda Shipping"] and not picture["allies"]


def test_foes_who_meet_stay_foes_while_friends_who_meet_stay_friends():
    """Two fighters who 'met' before and one who beat the other: a meeting alone makes no ally of a foe.
    A meeting beside a stated partnership still counts for the partners."""
    from newsgraph.kb.situation import _relations

    def fact(kind: str, other: str, sentence: str) -> dict:
        return {
            "type": kind, "negated": False, "actor": "kb1", "actor_name": "Ivo Sarn", "actor_type": "PERSON",
            "target": other, "target_name": other, "target_type": "PERSON", "date": None, "source": None,
            "document_source": "a.txt", "document": "d1", "sentence": sentence, "start": 0,
        }

    facts = [
        fact("CONSULT", "kb2", "Sarn last met Marco Levin in 2019."),
        fact("ASSAULT", "kb2", "Sarn knocked Marco Levin down twice."),
        fact("CONSULT", "kb3", "Sarn met Ada Morn in Oslo."),
        fact("COOPERATE", "kb3", "Sarn and Ada Morn signed a sponsorship deal."),
    ]
    picture = _relations("kb1", facts, [])
    assert [p["kb_id"] for p in picture["opponents"]] == ["kb2"]
    assert [p["kb_id"] for p in picture["allies"]] == ["kb3"]


def test_among_undated_reports_being_taken_somewhere_follows_the_event_that_sent_one_there():
    """Two undated reports tell the crash on a street and the victim taken to a hospital; two only the
    crash. In its own report the hospital supersedes the street; at equal count, the arrival wins."""
    from newsgraph.kb.situation import _latest

    def seen(place: str, document: str, how: str, start: int) -> dict:
        return {"place": place, "place_kb_id": place, "document": document, "date": "", "how": how, "start": start}

    sightings = [
        seen("Elm Road", "a", "event", 10), seen("St Anne's Hospital", "a", "take", 90),
        seen("Elm Road", "b", "event", 10), seen("St Anne's Hospital", "b", "rush", 50),
        seen("Elm Road", "c", "event", 10), seen("Elm Road", "d", "event", 12),
    ]
    assert _latest(sightings, "place_kb_id", frozenset({"take", "rush"}))["place"] == "St Anne's Hospital"
    assert _latest(sightings + [seen("Elm Road", "e", "event", 5)], "place_kb_id")["place"] == "Elm Road"


def test_a_country_takes_sides_by_acting_and_by_verbal_acts_on_it(tmp_path, fresh_url):
    """A country that acts, or that is accused, sanctioned or aided, is a side; a town attacked is not."""
    (tmp_path / "sanctions.txt").write_text(
        "Kenya imposes sanctions on Uganda\n\nNAIROBI, 3 March 2025 - Kenya imposed sanctions on Uganda on "
        "Monday over the border dispute, the foreign ministry said. Rebels of the Western Brigade shelled "
        "Kisumu on Tuesday.\n"
    )
    with newsgraph.open(fresh_url("countries")) as kb:
        kb.ingest([str(tmp_path)])
        kenya = kb.situation("Kenya")
        assert "Uganda" in [o["name"] for o in kenya["opponents"]]
        brigade = kb.situation("Western Brigade")
        assert "Kisumu" not in [o["name"] for o in brigade["opponents"]]


def test_a_holder_whose_latest_account_is_a_loss_holds_it_no_more():
    from newsgraph.kb.situation import _current_holder

    def claim(holder: str, how: str, since: str) -> dict:
        return {"holder": holder, "holder_kb_id": holder, "holds": how != "lost", "how": how, "since": since,
                "source": None, "pending": False, "date": since}

    driven_out = [claim("front", "holds", "2025-03-01"), claim("front", "lost", "2025-05-01")]
    assert _current_holder(driven_out) is None  # nobody named took it: no holder, not the one driven out
    retaken = [claim("army", "holds", "2024-01-01"), claim("front", "holds", "2025-03-01"),
               claim("front", "lost", "2025-05-01")]
    assert _current_holder(retaken)["holder"] == "army"
    back_again = [*driven_out, claim("front", "holds", "2025-07-01")]
    assert _current_holder(back_again)["holder"] == "front"


def test_places_of_one_day_contradict_only_when_neither_holds_the_other_nor_lies_near_it():
    from newsgraph.kb.situation import _whereabouts

    geo = {
        "Nairobi": {"lat": -1.29, "lon": 36.82, "country": "KE", "admin1": "30", "feature": "city"},
        "Kenya": {"lat": 0.5, "lon": 37.9, "country": "KE", "admin1": None, "feature": "country"},
        "Thika": {"lat": -1.03, "lon": 37.07, "country": "KE", "admin1": "13", "feature": "city"},
        "Kampala": {"lat": 0.35, "lon": 32.58, "country": "UG", "admin1": "C", "feature": "city"},
        "Harbour Arena": None,  # a venue the gazetteer does not place
    }

    def told(place: str, source: str, name: str | None = None) -> dict:
        return {"predicate": "located_in", "subject": "kb-p", "object": place, "object_name": name or place,
                "object_geo": geo[place], "negated": False, "cue": "be", "date": "2025-03-10", "source": source,
                "document_source": source, "document": source, "sentence": "", "start": 0}

    def contested(*accounts: tuple[str, ...]) -> bool:
        history = _whereabouts("kb-p", [], [told(*account) for account in accounts])["history"]
        return any(s["contested"] for s in history)

    assert not contested(("Nairobi", "a"), ("Kenya", "b"))  # the city is in the country
    assert not contested(("Nairobi", "a"), ("Thika", "b"))  # 40 km apart: one trip
    assert not contested(("Nairobi", "a"), ("Harbour Arena", "b"))  # unknown to the gazetteer
    assert contested(("Nairobi", "a"), ("Kampala", "b"))  # two countries on one day, two sources
    assert not contested(("Nairobi", "a"), ("Kampala", "a"))  # one source telling a journey
    # one name the gazetteer read as two namesakes far apart: a misreading, not two places
    assert not contested(("Nairobi", "a"), ("Kampala", "b", "Nairobi"))


def test_an_organisation_is_present_where_it_acts_and_where_it_holds_ground_and_nowhere_contested():
    from newsgraph.kb.situation import _presence

    def relation(predicate: str, place: str, source: str, **flags) -> dict:
        return {"predicate": predicate, "subject": "kb-o", "object": place, "object_name": place,
                "object_type": "PLACE", "object_geo": {"lat": 0.0, "lon": 0.0, "country": None, "admin1": None,
                                                       "feature": "city"},
                "negated": False, "lost": False, "pending": False, "cue": "in", "date": "2025-03-10",
                "source": source, "document_source": source, "document": source, "sentence": "", "start": 0,
                **flags}

    present = _presence("kb-o", [], [
        relation("located_in", "Kisumu", "a"),
        relation("controls", "Mombasa", "b"),  # holding a town is being there
        relation("controls", "Nairobi", "c", lost=True),  # driven out: no longer
        relation("controls", "Malindi", "d", pending=True),  # agreed, not done
    ])
    assert {p["place"] for p in present} == {"Kisumu", "Mombasa"}
    assert not any(p["contested"] for p in present)
