"""Events: PLOVER types, participants, negation, modality, dates, attribution and cross-document dedup."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from .conftest import entity_named

PUBLISHED = "2025-03-12"  # a Wednesday


def events_of(analyse, text: str) -> list[dict]:
    return analyse(text, published=PUBLISHED)["events"]


def only(events: list[dict], event_type: str) -> dict:
    found = [e for e in events if e["type"] == event_type]
    assert len(found) == 1, (event_type, [(e["type"], e["trigger"]["text"]) for e in events])
    return found[0]


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Rebels stormed the prison in Goma on Sunday.", "ASSAULT", None),
        ("Gunmen assassinated the district governor outside his home.", "ASSAULT", "assassinate"),
        ("A suicide bomber blew himself up at a checkpoint.", "ASSAULT", "explosives"),
        ("The militia surrendered to the army.", "CONCEDE", "surrender"),
        ("Government troops withdrew from the northern villages.", "RETREAT", "withdraw"),
        ("The colonel defected to the rebels.", "RETREAT", "defect"),
        ("The two parties signed a ceasefire in Doha.", "AGREE", None),
        ("The ministry accused the rebels of using child soldiers.", "ACCUSE", "allege"),
        ("Police arrested the protest leaders.", "COERCE", "arrest"),
        ("The union called for a general strike.", "REQUEST", None),
        # verbal defence is support (CAMEO 052); pressing for something is a request
        ("The foreign minister defended Kenya against criticism of its border policy.", "SUPPORT", None),
        ("The union is pushing hard for a vote on the pay offer.", "REQUEST", None),
        ("Donors are pressuring the government to release the detainees.", "REQUEST", None),
    ],
)
def test_pattern_dictionary_codes_plover_types_and_modes(analyse, text, event_type, mode):
    event = next(e for e in events_of(analyse, text) if e["type"] == event_type)
    if mode == "explosives":
        assert event["mode"] in ("explosives", "suicide-attack")
    else:
        assert event["mode"] == mode


def test_actor_and_target_from_the_parse_with_coordination_and_passive(analyse):
    result = analyse("The Arakan Army and the Chin Brotherhood attacked the garrison of Paletwa.", PUBLISHED)
    attacks = [e for e in result["events"] if e["type"] == "ASSAULT"]
    assert len(attacks) == 2  # one event per actor
    assert {e["actor_text"] for e in attacks} >= {"The Arakan Army"}
    passive = events_of(analyse, "The mayor was killed by a roadside bomb in Kandahar.")
    killed = only(passive, "ASSAULT")
    assert "bomb" in killed["actor_text"] and "mayor" in killed["target_text"]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels failed to take the city of Marib.",
        "The rebels have not been able to seize the airport.",
        "The army denied that it had bombed the camp.",
        "The rebels never captured the airport.",
        "The militia did not attack the convoy.",
    ],
)
def test_negated_events(analyse, text):
    event = next(e for e in events_of(analyse, text) if e["type"] == "ASSAULT")
    assert event["negated"] is True


@pytest.mark.parametrize(
    "text",
    [
        "The army threatened to strike the camps.",
        "Fighters could storm the airport within days.",
        "Did the militia capture the airport?",
        "If the talks fail, the army plans to attack the town.",
    ],
)
def test_hypothetical_events(analyse, text):
    event = next(e for e in events_of(analyse, text) if e["type"] == "ASSAULT")
    assert event["hypothetical"] is True
    assert event["negated"] is False


def test_an_act_not_even_attempted_is_negated_and_not_left_open(analyse):
    """'did not try to seize X': the seizure certainly did not happen (negated, not hedged), while 'tried
    to seize X' leaves it open."""
    for text in ("The rebels did not try to seize the town.", "The rebels did not attempt to seize the town."):
        event = only(events_of(analyse, text), "ASSAULT")
        assert event["negated"] is True and event["hypothetical"] is False, text
    assert only(events_of(analyse, "The army tried to seize the town."), "ASSAULT")["hypothetical"] is True


def test_a_coordinated_clause_with_its_own_tense_is_not_under_the_first_clause(analyse):
    """'did not attack but was shelled': the negation and the hedges of the first verb do not reach a
    coordinated verb with its own tensed auxiliary."""
    shelled = next(e for e in events_of(analyse, "The army did not attack but was shelled by the rebels.")
                   if e["trigger"]["text"] == "shelled")
    assert shelled["negated"] is False
    struck = next(e for e in events_of(analyse, "The rebels may withdraw, and have struck the town.")
                  if e["trigger"]["text"] == "struck")
    assert struck["hypothetical"] is False


def test_announced_future_is_future_not_hedged(analyse):
    """'will' asserts what is to happen: not a hedge, but not yet a fact either."""
    event = only(events_of(analyse, "The rebels will attack the capital next week."), "ASSAULT")
    assert event["future"] is True and event["hypothetical"] is False
    assert event["date"] and event["date"] > "2025-03-12"  # placed ahead of publication
    hedged = only(events_of(analyse, "The rebels might attack the capital next week."), "ASSAULT")
    assert hedged["hypothetical"] is True and hedged["future"] is False
    done = only(events_of(analyse, "The rebels attacked the capital last week."), "ASSAULT")
    assert done["future"] is False


@pytest.mark.parametrize(
    "text",
    [
        "The militia plans to attack the depot at dawn.",
        "The commanders have agreed to storm the harbour.",
        "Kalbar's army intends to bomb the bridges.",
        "The rebels want to seize the airport before the rains.",
    ],
)
def test_an_intended_act_is_future_not_hedged(analyse, text):
    """An act its own actor plans, intends or agreed to is announced, as with 'will': ahead, not doubted."""
    event = next(e for e in events_of(analyse, text) if e["type"] == "ASSAULT")
    assert event["future"] is True and event["hypothetical"] is False


@pytest.mark.parametrize(
    "text",
    [
        "If the ceasefire collapses, the army will shell the town.",
        "Unless the hostages are freed, the militia plans to storm the compound.",
    ],
)
def test_a_condition_clause_hedges_the_act(analyse, text):
    """A condition set before the main clause ('if X, Y will attack') governs the act, not only its own verb."""
    event = next(e for e in events_of(analyse, text) if e["type"] == "ASSAULT" and e["trigger"]["text"] in ("shell", "storm"))
    assert event["hypothetical"] is True


def test_an_if_clause_after_the_verb_is_no_condition_on_it(analyse):
    """'was asked if ...', 'apologised if ...': the clause after the verb is what was asked, not a condition."""
    event = only(events_of(analyse, "Lena Morrow was asked by reporters if the army would leave the valley."), "REQUEST")
    assert event["hypothetical"] is False


def test_factual_events_are_neither(analyse):
    event = only(events_of(analyse, "Militants attacked a police post in Bannu."), "ASSAULT")
    assert event["negated"] is False and event["hypothetical"] is False


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Rebels shelled the town yesterday.", "2025-03-11"),
        ("Rebels shelled the town on Monday.", "2025-03-10"),
        ("Rebels shelled the town on March 3.", "2025-03-03"),
        ("Rebels shelled the town last week.", "2025-W10"),
        ("Rebels shelled the town in 1999.", "1999"),
        ("Rebels shelled the town in late 2019.", "2019"),  # a part of a year: the year
        ("Rebels shelled the town in mid-2021.", "2021"),
        ("Rebels shelled the town last month.", "2025-02"),  # a month counted from publication
        ("Rebels shelled the town earlier this month.", "2025-03"),
        ("Rebels shelled the town three days ago.", "2025-03-09"),
        ("Rebels shelled the town two years ago.", "2023"),
        ("Rebels shelled the town the previous month.", None),  # counted from a time in the story
        ("Three days after the 2015 Paris attacks, police raided a flat in Saint-Denis.", "2015-11-16"),
        ("Rebels have not shelled the town since January.", None),
        ("Rebels shelled the town at some point.", None),
        ("Rebels shelled the town for a third straight day.", "2025-03-12"),  # the streak reaches the report
        ("Rebels shelled the town for the second consecutive week.", None),
        ("Rebels shelled the town late Saturday.", "2025-03-08"),  # a part of a day is that day
        ("Rebels shelled the town early on Monday.", "2025-03-10"),
        ("Rebels shelled the town over the weekend.", "2025-W10"),  # the last weekend, as its week
        # counted from the last full date the story gave, not from publication
        ("Police found the car on Jan. 4, 2024. Rebels shelled the town the next day.", "2024-01-05"),
        ("Police found the car on Jan. 4, 2024. Rebels shelled the town three days later.", "2024-01-07"),
        ("Rebels shelled the town the following day.", None),  # no day told before it
        ("Police found the car on Jan. 4, 2024. Rebels shelled the town the same day.", "2024-01-04"),
        ("Police found the car on Jan. 4, 2024. That evening, rebels shelled the town.", "2024-01-04"),
        # a day named without its year: the last one for a past act, the nearest when the tense does not tell
        ("Rebels shelled the town on April 2.", "2024-04-02"),
        ("The offensive on the town is due on April 2.", "2025-04-02"),
        ("Rebels shelled the town earlier today.", "2025-03-12"),
        # a quarter is placed at its year's precision (ISO 8601 has no quarter)
        ("Rebels shelled the town in the first quarter of last year.", "2024"),
        ("Rebels shelled the town in the fourth quarter.", "2024"),
        # an event noun takes the tense of its verb: 'the shelling ended in April' is the last April
        ("The shelling of the town ended in April.", "2024-04"),
    ],
)
def test_dates_are_resolved_against_publication_or_left_null(analyse, text, date):
    event = next(e for e in events_of(analyse, text) if e["type"] == "ASSAULT")
    assert event["date"] == date


def test_unresolvable_relative_date_without_publication_date_is_null(analyse):
    result = analyse("Rebels shelled the town yesterday.", published=None)
    assert next(e for e in result["events"] if e["type"] == "ASSAULT")["date"] is None


def test_attribution_from_quotes_and_sources(analyse):
    result = analyse(
        '"Our fighters destroyed three tanks," said commander Idris Kamara.\n\n'
        "According to Governor Amina Yusuf, the rebels shelled the market.\n\n"
        "A local source said the army burned two villages.",
        PUBLISHED,
    )
    by_trigger = {e["trigger"]["text"]: e for e in result["events"]}
    assert by_trigger["destroyed"]["attributed_to"] == entity_named(result, "Idris Kamara")["id"]
    assert by_trigger["shelled"]["attributed_to"] == entity_named(result, "Amina Yusuf")["id"]
    assert by_trigger["burned"]["attributed_to"] is None
    assert by_trigger["burned"]["attributed_text"] == "A local source"


def test_same_event_from_several_documents_is_one_event_with_mentions(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(
        "Airport falls\n\nPublished: 10 March 2025\n\nFighters of the Northern Liberation Front "
        "seized the airport of Herat on Sunday, officials said.\n"
    )
    second = tmp_path / "b.txt"
    second.write_text(
        "Herat airport taken\n\nPublished: 11 March 2025\n\nThe Northern Liberation Front seized "
        "the airport of Herat on Monday, according to a provincial official.\n"
    )
    other = tmp_path / "c.txt"
    other.write_text(
        "Later attack\n\nPublished: 30 March 2025\n\nThe Northern Liberation Front seized the "
        "airport of Herat on Saturday after losing it in March.\n"
    )
    db = tmp_path / "events.db"
    run = [sys.executable, "-m", "newsgraph.cli"]
    subprocess.run([*run, "ingest", str(tmp_path), "--db", str(db), "--quiet"], check=True, timeout=600)
    output = subprocess.run(
        [*run, "events", "--db", str(db), "--grouped", "--type", "ASSAULT", "--format", "csv"],
        capture_output=True,
        check=True,
        timeout=600,
    ).stdout.decode()
    rows = [r for r in csv.DictReader(io.StringIO(output)) if r["target"] == "Herat"]
    assert sorted(int(r["documents"]) for r in rows) == [
        1,
        2,
    ]  # two reports of one seizure, one later seizure
    mentions = subprocess.run(
        [
            *run,
            "events",
            "--db",
            str(db),
            "--type",
            "ASSAULT",
            "--since",
            "2025-03-01",
            "--until",
            "2025-03-15",
            "--format",
            "csv",
        ],
        capture_output=True,
        check=True,
        timeout=600,
    ).stdout.decode()
    dated = list(csv.DictReader(io.StringIO(mentions)))
    assert dated and all("2025-03-01" <= r["date"] <= "2025-03-15" for r in dated)
    assert {"negated", "hypothetical", "sentence", "source"} <= set(dated[0])


def grouped_events(folder) -> list[dict]:
    """Ingest the reports in `folder` into a fresh store; `events --grouped` as CSV rows."""
    db = folder / "grouped.db"
    run = [sys.executable, "-m", "newsgraph.cli"]
    subprocess.run([*run, "ingest", str(folder), "--db", str(db), "--quiet"], check=True, timeout=600)
    output = subprocess.run(
        [*run, "events", "--db", str(db), "--grouped", "--format", "csv"], capture_output=True, check=True,
        timeout=600,
    ).stdout.decode()
    return list(csv.DictReader(io.StringIO(output)))


def test_mentions_that_name_no_one_and_nowhere_are_not_one_event(tmp_path):
    for name, town in (("a.txt", "a bus"), ("b.txt", "a wedding party")):
        (tmp_path / name).write_text(
            f"Attack\n\nPublished: 10 March 2025\n\nGunmen attacked {town} on Sunday, killing several people, "
            "witnesses said.\n"
        )
    rows = grouped_events(tmp_path)
    assert rows and all(int(r["documents"]) == 1 for r in rows)


def test_undated_reports_naming_one_town_twice_are_not_one_event(tmp_path):
    """With no date anywhere, 'a blast in X that hit X' names one place, not two anchors: two such
    undated reports may be two blasts. Naming two different participants still joins them."""
    texts = {
        "a.txt": "Blast\n\nA bomb exploded at a bank in Mardan, killing a Mardan police officer.\n",
        "b.txt": "Blast\n\nA bomb exploded at a school in Mardan, injuring a Mardan police officer.\n",
        "c.txt": "Raid\n\nThe Northern Liberation Front attacked the airport of Herat, officials said.\n",
        "d.txt": "Raid\n\nFighters of the Northern Liberation Front attacked Herat's airport, a witness said.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    rows = grouped_events(tmp_path)
    one_town = [r for r in rows if r["target"] == r["place"] == "Mardan"]
    assert one_town and all(int(r["documents"]) == 1 for r in one_town)
    assert any(int(r["documents"]) == 2 for r in rows if r["target"] == "Herat")


@pytest.mark.parametrize(
    ("text", "kind", "mode", "target"),
    [
        ("Officers took the driver into custody at the checkpoint.", "COERCE", "arrest", "driver"),
        ("Police picked up four students from the hostel at night.", "COERCE", "arrest", "students"),
        ("Border guards nabbed two smugglers near the river.", "COERCE", "arrest", "smugglers"),
        ("Police baton-charged the marchers outside the court.", "ASSAULT", "beat", "marchers"),
    ],
)
def test_detention_and_force_in_their_many_forms(analyse, text, kind, mode, target):
    event = only(events_of(analyse, text), kind)
    assert event["mode"] == mode and target in (event["target_text"] or "")


def test_figures_of_speech_are_not_force(analyse):
    for text in ("The new album hit the shops on Friday.", "Frost killed the young vines.", "She picked up the keys."):
        assert not [e for e in events_of(analyse, text) if e["type"] in ("ASSAULT", "COERCE")], text
    assert only(events_of(analyse, "Shells hit the depot overnight."), "ASSAULT")  # a weapon acts for its users


def test_a_preposition_opening_a_time_phrase_is_no_particle(analyse):
    assert not events_of(analyse, "Tom Baird called his sister on Monday.")
    assert only(events_of(analyse, "The union called on the ministry to reopen the mine."), "REQUEST")


def test_taking_over_without_anything_taken_is_taking_office_not_a_seizure(analyse):
    for text in ("Maria Lopes took over as head of the port authority in May.",
                 "The old board resigned a week before Maria Lopes took over."):
        assert not [e for e in events_of(analyse, text) if e["type"] == "ASSAULT"], text
    seized = only(events_of(analyse, "Fighters of the Western Brigade took over the town of Kalbar."), "ASSAULT")
    assert seized["mode"] == "seize"


def test_a_place_the_actor_stands_in_is_not_the_actor(analyse):
    """'struck by a car near X Street': the street is where, not who."""
    result = analyse("Maria Lopes was struck by a speeding car near Harbour Street in Tarnby on Monday.", published="2025-03-12")
    places = {e["id"] for e in result["entities"] if e["type"] == "PLACE"}
    struck = only(result["events"], "ASSAULT")
    assert places and struck["actor"] not in places


def test_charges_and_lawsuits_filed_against_someone_accuse_them(analyse):
    """'filed charges against X', 'brought a lawsuit against Y', 'handed down charges to Z': the object
    makes the event, the one it is against is the target (a road blocked 'to the capital' stays the target)."""
    for text, target in (
        ("Prosecutor Helen Marsh filed criminal charges against Tom Baird on Friday.", "Tom Baird"),
        ("Helen Marsh brought a lawsuit against Norda Systems in March.", "Norda Systems"),
        ("The Ramsey County Attorney handed down charges to Tom Baird on Friday.", "Tom Baird"),
    ):
        result = analyse(text)
        accused = only(result["events"], "ACCUSE")
        assert accused["target"] == entity_named(result, target)["id"], text


def test_victim_of_an_event_noun_is_the_subject_of_died(analyse):
    result = analyse("A shopkeeper died in police firing in Jabalpur.", published=PUBLISHED)
    event = only(result["events"], "ASSAULT")
    assert "shopkeeper" in event["target_text"] and event["actor_text"] == "police"
    actor = next(e for e in result["entities"] if e["id"] == event["actor"])
    assert actor["name"] == "police"  # the story's police, not the place after the noun


def test_permission_and_difficulty_are_not_the_act(analyse):
    for text in ("The order allowed soldiers to detain anyone.", "Police found it difficult to arrest the suspect."):
        assert only(events_of(analyse, text), "COERCE")["hypothetical"] is True, text


# ---- announced acts, demands and the main event (PLOVER codes the announcement) ----------------------


@pytest.mark.parametrize(
    ("text", "announced", "act"),
    [
        ("The harbour authority will deliver food aid to the flooded villages next week.", "AGREE", "AID"),
        ("The northern militia is ready to pull its fighters out of the mountain pass.", "AGREE", "RETREAT"),
        ("The rebel commander vowed to storm the garrison before winter.", "THREATEN", "ASSAULT"),
        ("The cabinet said it would impose sanctions on the shipping firm.", "THREATEN", "SANCTION"),
        ("The governor will not release the detained reporters.", "REJECT", "CONCEDE"),
        ("The garrison will withdraw from the valley unless the tribal council disarms.", "THREATEN", "RETREAT"),
    ],
)
def test_an_announced_act_is_coded_as_its_announcement(analyse, text, announced, act):
    """An act its actor announces is, in PLOVER, the announcement (intent to cooperate, a threat, a
    refusal); the act itself stays beside it, still to come."""
    events = events_of(analyse, text)
    announcement = only(events, announced)
    assert announcement["intended"]["type"] == act
    assert announcement["hypothetical"] is False and announcement["future"] is False
    assert announcement["actor_text"]
    plan = next(e for e in events if e["type"] == act and e["trigger"] == announcement["intended"]["trigger"])
    assert plan["hypothetical"] or plan["future"] or plan["negated"]


def test_a_promise_of_an_uncoded_act_is_an_intent_to_cooperate(analyse):
    """'promised to rebuild the courts': a promise is CAMEO's intent to cooperate whatever is promised; a
    promised hostile act is a threat instead."""
    assert only(events_of(analyse, "The new governor promised to rebuild the courts of Tarnby."), "AGREE")
    assert only(events_of(analyse, "The rebel leader promised to storm the garrison."), "THREATEN")


def test_a_dateline_is_not_the_actor(analyse):
    """'NAIROBI, 3 March 2025 - Kenya imposed ...': the NER reads the date on into the first name and the
    parser makes the dateline the subject; the actor is the name after the dash."""
    result = analyse("NAIROBI, 3 March 2025 - Kenya imposed sanctions on Uganda on Monday.")
    assert "Kenya" in {e["name"] for e in result["entities"]}
    assert only(result["events"], "SANCTION")["actor_text"] == "Kenya"


def test_a_bare_as_clause_is_no_act_of_its_own(analyse):
    """'did not free them as promised': the promise is told elsewhere; the clause says how the act compares."""
    events = events_of(analyse, "The militia did not free the hostages as promised.")
    assert not [e for e in events if e["type"] == "AGREE"]


def test_someone_else_forecasting_an_act_is_no_announcement(analyse):
    """'Analysts at X said the army would attack' forecasts; only the actor (or its spokesman) announces."""
    events = events_of(analyse, "Kovac Research said the Orlen army would attack the border town.")
    assert not [e for e in events if e["type"] == "THREATEN"]


def test_a_vow_of_peace_is_no_threat(analyse):
    """The word that announces the act ('vowed') is coded by what is announced, not as a threat itself."""
    events = events_of(analyse, "The prime minister vowed to hold talks with the opposition leader.")
    assert [e["type"] for e in events if not e.get("intended")] == ["CONSULT"]
    assert only(events, "AGREE")["trigger"]["text"] == "vowed"


def test_a_reported_obligation_on_another_is_a_demand(analyse):
    """'X said Y must do Z': X demands Z of Y."""
    events = events_of(analyse, "The Nordvik foreign minister said Karelia must hand over the three pilots.")
    demand = only(events, "REQUEST")
    assert "Nordvik" in demand["actor_text"] or "minister" in demand["actor_text"]
    assert "Karelia" in demand["target_text"]
    assert demand["hypothetical"] is False
    own_duty = events_of(analyse, "The Nordvik foreign minister said he must resign.")
    assert not [e for e in own_duty if e["type"] == "REQUEST"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The widow said she had forgiven the soldier who shot her son.", "SUPPORT"),
        ("The coastguard has shared intelligence with the navy about smuggling routes.", "COOPERATE"),
        ("Velmora severed diplomatic ties with its eastern neighbour on Friday.", "SANCTION"),
        ("The junta issued an ultimatum to the striking miners.", "THREATEN"),
        ("Riot police prevented a rally outside the parliament building.", "COERCE"),
        ("The two governments restored diplomatic relations after a decade.", "SUPPORT"),
        ("Troops were put on alert along the northern frontier.", "MOBILIZE"),
        ("The dockworkers began a hunger strike outside the ministry.", "PROTEST"),
        ("The junta accepted the students' demands for a free press.", "CONCEDE"),
        ("The regional bloc ended its mediation between the two parties.", "SANCTION"),
        ("The foreign minister cancelled her visit to the capital.", "SANCTION"),
        ("The government received United Nations inspectors on Monday.", "RETREAT"),
        ("The army mounted an invasion of the island at dawn.", "ASSAULT"),
        ("The regional bloc ended its mediation efforts between the two parties.", "SANCTION"),
        ("The donor council gave the province twelve million dollars of aid for new wells.", "AID"),
        ("The minister arrived in the capital on a visit to the president.", "CONSULT"),
        ("The monitoring mission withdrew its observers from the border zone.", "SANCTION"),
    ],
)
def test_cameo_categories_named_by_their_everyday_verbs(analyse, text, event_type):
    assert event_type in [e["type"] for e in events_of(analyse, text)]


def test_one_main_event_per_sentence(analyse):
    """The main event stands highest in the sentence; an event in a clause below it is not the main one."""
    events = events_of(analyse, "Police arrested the gunmen who had attacked the bank in Tarso.")
    mains = [e["type"] for e in events if e["main"]]
    assert mains == ["COERCE"]
    assert any(e["type"] == "ASSAULT" and not e["main"] for e in events)


def test_releasing_a_thing_is_no_concession(analyse):
    """Freeing people yields to the other side; releasing a statement, a report or software does not."""
    assert "CONCEDE" in [e["type"] for e in events_of(analyse, "The kidnappers released the two aid workers.")]
    for text in ("The ministry released a statement on Monday.", "The vendor released a patch for its browser flaw."):
        assert "CONCEDE" not in [e["type"] for e in events_of(analyse, text)], text


def test_a_will_announcement_shares_the_act_trigger(analyse):
    """'will' has no word of its own to point at: the announcement points at the act it announces."""
    events = events_of(analyse, "The presenter will return to host the awards next spring.")
    for announcement in (e for e in events if e.get("intended")):
        assert announcement["trigger"] == announcement["intended"]["trigger"]


def test_an_event_noun_after_on_codes_only_under_a_verb(analyse):
    """'arrived on a visit' reports the visit; 'a report on the visit' is about it, under a noun."""
    assert "CONSULT" in [e["type"] for e in events_of(analyse, "The envoy arrived in the capital on a visit.")]
    assert "CONSULT" not in [
        e["type"] for e in events_of(analyse, "The report on the visit by the envoy was published on Monday.")
    ]


def test_a_negating_verb_denies_its_complement_and_object_not_the_clause_beside_it():
    import newsgraph

    events = newsgraph.extract("The coast guard foiled an attack on two tankers, arresting 14 gunmen.")["events"]
    negated = {e["trigger"]["text"]: e["negated"] for e in events}
    assert negated.get("attack") is True  # the foiled attack did not happen
    assert negated.get("arresting") is False  # the arrests did
    passive = newsgraph.extract("An attack on two tankers was foiled by the coast guard.")["events"]
    assert any(e["trigger"]["text"] == "attack" and e["negated"] for e in passive)  # told either way
    failed = newsgraph.extract("The rebels failed to capture the airport.")["events"]
    assert any(e["trigger"]["text"] == "capture" and e["negated"] for e in failed)


def test_two_acts_in_two_places_told_by_one_source_are_no_contest():
    import newsgraph

    text = "Gunmen attacked Ivo Brandt in Kadugli in May. In June gunmen attacked Ivo Brandt again in Dilling."
    claims = newsgraph.extract(text, published="2024-07-08")["claims"]
    attacks = [c for c in claims if c.get("event_type") == "ASSAULT"]
    assert len(attacks) == 2
    assert not any(c["status"] == "contested" for c in attacks)  # one reporter, two attacks


def test_one_act_put_in_two_places_by_two_sources_is_contested():
    import newsgraph

    text = (
        "Gunmen attacked Ivo Brandt in Kadugli, the army said. "
        "Gunmen attacked Ivo Brandt in Dilling, the rebels said."
    )
    attacks = [c for c in newsgraph.extract(text)["claims"] if c.get("event_type") == "ASSAULT"]
    assert attacks and all(c["status"] == "contested" for c in attacks)


def test_a_role_noun_parsed_as_a_second_subject_gives_way_to_the_name():
    import newsgraph

    result = newsgraph.extract("The hiker Alma Ruiz died near Zermatt on Friday.")
    names = {e["id"]: e["name"] for e in result["entities"]}
    found = {(names.get(r["subject"]), names.get(r["object"])) for r in result["relations"]}
    assert ("Alma Ruiz", "Zermatt") in found  # 'hiker' and the name both read as subjects of 'died'


def test_a_pronoun_participant_stands_for_the_person_named_before_it(analyse):
    """'X struck and killed her': the two verbs share the object, and 'her' is the person the sentence
    named before, not the actor."""
    result = analyse(
        "Lena Varga, 58, died on Friday night when Piet Olsen struck and killed her as she crossed the road.",
        published=PUBLISHED,
    )
    lena, piet = entity_named(result, "Lena Varga")["id"], entity_named(result, "Piet Olsen")["id"]
    acts = [e for e in result["events"] if e["type"] == "ASSAULT" and e["actor"] == piet]
    assert {e["trigger"]["text"] for e in acts} == {"struck", "killed"}
    assert all(e["target"] == lena for e in acts)


def test_a_pronoun_without_a_name_before_it_in_its_sentence_takes_the_last_sentences_subject(analyse):
    result = analyse("Marek Duda left the bar at midnight. Minutes later gunmen shot him outside.", published=PUBLISHED)
    shot = next(e for e in result["events"] if e["trigger"]["text"] == "shot")
    assert shot["target"] == entity_named(result, "Marek Duda")["id"]


def test_the_owner_of_the_car_that_struck_is_the_actor(analyse):
    result = analyse("The cyclist was struck by Ola Brenn's van outside the school.", published=PUBLISHED)
    struck = next(e for e in result["events"] if e["trigger"]["text"] == "struck")
    assert struck["actor"] == entity_named(result, "Ola Brenn")["id"]


def test_an_arrest_nobody_is_said_to_make_is_made_by_the_storys_police(analyse):
    """'X was arrested' in a story that speaks of its police: the police arrested X. With no police in the
    story, or an arrester named ('arrested by soldiers'), nothing is supplied."""
    result = analyse("Police shot a teenager in Tarnby on Saturday. On Wednesday his sister, Maria Lopes, "
                     "was arrested while crossing the street.")
    police = next(e for e in result["entities"] if e.get("generic"))
    arrest = next(e for e in result["events"] if e["mode"] == "arrest")
    assert arrest["actor"] == police["id"]
    alone = analyse("Tom Baird was arrested in Tarnby on Monday.")
    assert next(e for e in alone["events"] if e["mode"] == "arrest")["actor"] is None


def test_abuse_of_people_is_force_and_abuse_of_office_is_not(analyse):
    """'abuse' is an assault only on a party, and 'defend' support only of one (not of a title); torture
    told as a noun is an assault too."""
    abused = only(events_of(analyse, "Camp guards abused the detainees for months."), "ASSAULT")
    assert "detainees" in abused["target_text"]
    assert not [e for e in events_of(analyse, "The mayor abused his office.") if e["type"] == "ASSAULT"]
    assert not [e for e in events_of(analyse, "The boxer defended his title in Nairobi.") if e["type"] == "SUPPORT"]
    tortured = only(events_of(analyse, "A detainee died as a result of torture in a Velm prison."), "ASSAULT")
    assert tortured["mode"] == "torture"


def test_the_subject_of_an_infinitive_after_the_verb_is_its_target(analyse):
    """'helped the farmers to rebuild', parsed with 'the farmers' as the infinitive's subject: the verb
    acts on them."""
    result = analyse("The Brenna Foundation helped Tarso Mills to reopen its plant.", published=PUBLISHED)
    helped = only(result["events"], "AID")
    assert helped["target"] == entity_named(result, "Tarso Mills")["id"]


def test_the_one_who_remains_jailed_is_the_target_and_a_raised_subject_acts(analyse):
    """'X remains jailed': a participle after a linking verb is passive, X the one jailed. 'X is believed
    to have attacked Y': the passive's subject is the one who attacked."""
    jailed = only(events_of(analyse, "Tomas Reyes remains jailed in Nairobi."), "COERCE")
    assert jailed["target_text"] == "Tomas Reyes" and not jailed["actor"]
    result = analyse("The Northern Front is believed to have attacked Kalbar.", published=PUBLISHED)
    attack = only(result["events"], "ASSAULT")
    assert attack["actor"] == entity_named(result, "Northern Front")["id"]


def test_a_place_in_a_phrase_that_times_the_act_from_another_moment_is_not_where_it_happened(analyse):
    """'arrested five days before the team's loss at Y': the loss was at Y, not the arrest; 'arrested after
    a shootout in Y' is near in time and keeps Y."""
    far = analyse("Police arrested Tom Baird on Monday, five days before the team's loss at Velm.", published=PUBLISHED)
    assert only(far["events"], "COERCE")["location"] is None
    near = analyse("Police arrested Tom Baird after a shootout in Velm.", published=PUBLISHED)
    arrest = only(near["events"], "COERCE")
    assert arrest["location"] and entity_named(near, "Velm")["id"] == arrest["location"]


def test_a_person_named_in_apposition_to_a_role_is_the_participant(analyse):
    """'Another Rover, winger X, was arrested': X, not the word the parser made the subject."""
    result = analyse("Another Rover, winger Otis Varga, was arrested on Monday.", published=PUBLISHED)
    assert only(result["events"], "COERCE")["target"] == entity_named(result, "Otis Varga")["id"]


def test_pulling_a_driver_over_is_a_stop_by_the_officers_force(analyse):
    result = analyse("An Ontario Provincial Police officer pulled Dale Prewitt over near Birch Avenue.",
                     published=PUBLISHED)
    stop = only(result["events"], "COERCE")
    assert stop["actor"] == entity_named(result, "Ontario Provincial Police")["id"]
    assert stop["target"] == entity_named(result, "Dale Prewitt")["id"]


@pytest.mark.parametrize(
    "text",
    [
        "Tom Baird was charged with killing Paul Lopes.",
        "Tom Baird is accused of shooting Paul Lopes.",
        "Tom Baird pleaded guilty to killing Paul Lopes.",
        "Tom Baird confessed to killing Paul Lopes.",
        "Tom Baird has been charged with the murder of Paul Lopes.",
        "Police arrested Tom Baird for the killing of Paul Lopes.",
    ],
)
def test_the_one_charged_with_an_act_is_its_actor(analyse, text):
    """The act someone is charged with, accused of, convicted of or confesses to is told with them as its
    actor: the object of 'accused X of', the passive subject of 'was charged with', the subject of
    'confessed to'."""
    result = analyse(text, published=PUBLISHED)
    assault = only(result["events"], "ASSAULT")
    assert assault["actor"] == entity_named(result, "Tom Baird")["id"], text
    assert assault["target"] == entity_named(result, "Paul Lopes")["id"], text


def test_an_attack_counts_the_people_it_killed_or_hurt_as_the_text_does(analyse):
    counts = {
        "A car bomb killed ten people in Kalbar on Monday.": 10,
        "At least 14 people were killed when shells hit the market.": 14,
        "Two guards died in the attack on Friday.": 2,
    }
    for text, victims in counts.items():
        assert [e["victims"] for e in events_of(analyse, text) if e["type"] == "ASSAULT"][0] == victims, text
    named = only(events_of(analyse, "Gunmen killed Tom Baird in Kalbar."), "ASSAULT")
    assert named["victims"] is None


@pytest.mark.parametrize(
    "text",
    [
        "On Monday Kenyan forces conducted 34 strikes against Kalbar Liberation Front positions.",
        "Kenyan aircraft mounted a bombing raid on the Kalbar Liberation Front camp.",
        "The Kalbar Liberation Front carried out an airstrike on the depot.",
    ],
)
def test_strikes_conducted_mounted_or_carried_out_are_attacks(analyse, text):
    """Military reports tell attacks with a light verb and an attack noun ('conducted strikes')."""
    assert any(e["type"] == "ASSAULT" for e in events_of(analyse, text)), text


def test_a_pass_for_a_score_and_a_march_of_ones_own_side_are_neither_attack_nor_protest(analyse):
    assert not events_of(analyse, "Tom Baird hit Kevin Moore for a seven-yard touchdown.")
    assert not [e for e in events_of(analyse, "Tom Baird marched the Harbour Hawks to the 7-yard line.")
                if e["type"] == "PROTEST"]
    assert only(events_of(analyse, "Gunmen hit the convoy near Kisumu."), "ASSAULT")
    assert only(events_of(analyse, "Protesters marched through Nairobi on Sunday."), "PROTEST")


@pytest.mark.parametrize(
    "text, hedged",
    [
        ("The ministry said troops would withdraw from the valley within a week.", False),
        ("The general announced that the brigade had regrouped and would withdraw from the valley.", False),
        ("Analysts predicted that troops would withdraw from the valley.", True),
        ("The ministry said troops would have withdrawn from the valley had the talks held.", True),
        ("The ministry said troops would withdraw from the valley if the rebels disarmed.", True),
    ],
)
def test_the_would_of_a_reported_clause_is_a_past_reports_will(analyse, text, hedged):
    """'X said the troops would withdraw' reports what X said will happen (MEANTIME rates it certain);
    a prediction, a counterfactual 'would have' and a condition still hedge the act."""
    event = next(e for e in events_of(analyse, text) if e["type"] == "RETREAT" and e["trigger"]["text"].startswith("withdr"))
    assert event["hypothetical"] is hedged, text
    if not hedged:
        assert event["future"] is True


def test_a_participle_beside_a_hedging_verb_is_not_hedged_by_it(analyse):
    """'called for a ceasefire, accusing the rebels of ...': the accusing is done now, beside the call; only
    what is called for is open."""
    events = events_of(analyse, "The ministry called for a ceasefire, accusing the rebels of shelling the town.")
    assert only(events, "ACCUSE")["hypothetical"] is False
    asked = events_of(analyse, "The ministry called on the rebels to withdraw from the town.")
    assert all(e["hypothetical"] for e in asked if e["type"] == "RETREAT")


@pytest.mark.parametrize(
    "text",
    [
        "The militia appears to be shelling the town.",
        "Troops entered the valley in a bid to seize the airport.",
        "Analysts are unsure whether the army will attack the town.",
    ],
)
def test_evidential_purpose_and_whether_clauses_leave_the_act_open(analyse, text):
    """'appears to', 'in a bid to', 'whether ...': the act is not told as done (MEANTIME: possible)."""
    event = next(e for e in events_of(analyse, text) if e["type"] == "ASSAULT")
    assert event["hypothetical"] is True, text
    assert not [e for e in events_of(analyse, text) if e["type"] == "THREATEN"], text


def test_a_headline_infinitive_announces_what_is_to_come(analyse):
    event = only(events_of(analyse, "Kalbar army to withdraw troops from the border"), "RETREAT")
    assert event["future"] is True and event["hypothetical"] is False


def test_a_reduced_passive_names_its_agent_as_actor_and_its_noun_as_target(analyse):
    """'the teenager shot by police on Saturday': the participle's agent acted on the noun it modifies."""
    event = only(events_of(analyse, "A vigil was held for the teenager shot by police on Saturday."), "ASSAULT")
    assert "police" in event["actor_text"] and "teenager" in event["target_text"]


def test_an_act_one_is_pressured_into_is_not_asserted(analyse):
    released = only(events_of(analyse, "Donors are pressuring the government to release the detainees."), "CONCEDE")
    assert released["hypothetical"] is True


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        ("Kenyan reporter Tom Baird detained at Nairobi airport", "COERCE", "Tom Baird"),
        ("Lena Morrow abducted near Kisumu, family says", "ASSAULT", "Lena Morrow"),
        ("Police say Kevin Moore arrested after car chase", "COERCE", "Kevin Moore"),
        ("Minister Tom Baird accused of fraud", "ACCUSE", "Tom Baird"),  # a verb of charging, with the charge
        ("Lena Morrow blamed for Mombasa blackout", "ACCUSE", "Lena Morrow"),
        # a participle after a name, which the parser hangs on the main clause as its second verb
        ("The club awaits the case of its striker Kevin Moore, arrested on Monday for speeding.", "COERCE",
         "Kevin Moore"),
    ],
)
def test_a_headline_passive_without_its_auxiliary_befalls_its_subject(analyse, text, event_type, target):
    """Headlines drop the passive's 'was': the named one was detained, not the detainer."""
    event = only(events_of(analyse, text), event_type)
    assert target in (event["target_text"] or "") and target not in (event["actor_text"] or ""), event


def test_coordinated_passives_share_who_underwent_them_and_who_did_them(analyse):
    """'X was shot and killed by police': both acts befell X, both by the police."""
    events = events_of(analyse, "Tom Baird was shot and killed by police in Kisumu.")
    for trigger in ("shot", "killed"):
        event = next(e for e in events if e["trigger"]["text"] == trigger)
        assert "Tom Baird" in (event["target_text"] or "") and "police" in (event["actor_text"] or ""), event
    charged = next(e for e in events_of(analyse, "Lena Morrow was arrested and charged with fraud.")
                   if e["type"] == "ACCUSE")
    assert "Lena Morrow" in (charged["target_text"] or ""), charged


@pytest.mark.parametrize(
    "text",
    [
        "Tom Baird died in hospital after being shot in Kisumu.",
        "Tom Baird, having been arrested twice since May, left the country.",
    ],
)
def test_a_passive_participle_clause_befalls_the_subject_of_its_clause(analyse, text):
    event = next(e for e in events_of(analyse, text) if e["type"] in ("ASSAULT", "COERCE"))
    assert "Tom Baird" in (event["target_text"] or ""), event


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Residents were shaken by the bombing of the market in Mombasa.", None),  # an act one is moved by
        ("Crowds angered by the shooting of Lena Morrow gathered in Kisumu.", "Lena Morrow"),
        ("A shootout near Mombasa left three people dead.", None),
    ],
)
def test_acts_named_by_a_noun_after_by_or_as_shootings_are_events(analyse, text, target):
    event = only(events_of(analyse, text), "ASSAULT")
    assert target is None or target in (event["target_text"] or ""), event


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested and charged Tom Baird on Sunday.",  # the coordinated verb carries the object
        "The officers who arrested Tom Baird on Sunday were praised.",
    ],
)
def test_an_active_arrest_keeps_its_subject_as_actor(analyse, text):
    event = next(e for e in events_of(analyse, text) if e["trigger"]["text"] == "arrested")
    assert "Tom Baird" in (event["target_text"] or "") and "Baird" not in (event["actor_text"] or ""), event
