"""Quotes: detection of every quotation form, speaker attribution, channel, and the quote store."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from .conftest import entity_named


def quotes_of(analyse, text: str) -> tuple[dict, list[dict]]:
    result = analyse(text)
    return result, result["quotes"]


def quote_starting(quotes: list[dict], words: str) -> dict:
    found = [q for q in quotes if q["text"].startswith(words)]
    assert found, (words, [q["text"] for q in quotes])
    return found[0]


def test_marks_of_every_kind(analyse):
    _, quotes = quotes_of(
        analyse,
        '"Straight marks work," said Anna Berg.\n\n'
        "“Curly marks work too,” said Anna Berg.\n\n"
        "« Guillemets also count here », said Anna Berg.",
    )
    texts = {q["text"].rstrip(",. ") for q in quotes if q["kind"] == "direct"}
    assert {"Straight marks work", "Curly marks work too", "Guillemets also count here"} <= texts


def test_speaker_before_after_and_in_previous_sentence(analyse):
    result, quotes = quotes_of(
        analyse,
        'Colonel Ruth Okafor said: "The bridge is secure and the road is open."\n\n'
        '"We lost two vehicles," said Major Tomas Ries.\n\n'
        "Minister Leila Haddad spoke to reporters in Amman on Monday.\n\n"
        '"The border will stay closed until the elections are over."',
    )
    assert quote_starting(quotes, "The bridge")["speaker"] == entity_named(result, "Ruth Okafor")["id"]
    assert quote_starting(quotes, "We lost")["speaker"] == entity_named(result, "Tomas Ries")["id"]
    lead_in = quote_starting(quotes, "The border")
    assert lead_in["speaker"] == entity_named(result, "Leila Haddad")["id"]
    assert lead_in["channel"] == "interview"


def test_multi_paragraph_quote_keeps_its_speaker(analyse):
    result, quotes = quotes_of(
        analyse,
        '"The water rose in minutes. We had no warning at all," said Mayor Ines Duarte.\n\n'
        '"We moved the children first. Then the old people."',
    )
    second = quote_starting(quotes, "We moved")
    assert second["speaker"] == entity_named(result, "Ines Duarte")["id"]


def test_missing_marks_are_paired_by_evidence_and_never_raise(analyse):
    result, quotes = quotes_of(
        analyse,
        'A spokesman for the port authority described the strike as illegal. The cranes will not stop," '
        'he said.\n\n"The talks are over and nobody is listening to us, said union leader Paul Mwangi.',
    )
    closing_only = quote_starting(quotes, "The cranes will not stop")
    assert closing_only["speaker"] is None  # 'he' is the unnamed spokesman
    opening_only = quote_starting(quotes, "The talks are over")
    assert opening_only["text"].rstrip(",") == "The talks are over and nobody is listening to us"
    assert opening_only["speaker"] == entity_named(result, "Paul Mwangi")["id"]


def test_nicknames_and_scare_quotes_are_not_speech(analyse):
    _, quotes = quotes_of(
        analyse,
        'The commander, known as "the Lion of the North", was killed on Sunday. Officials mocked the '
        'rebels\' "so-called victories". "We will keep fighting for our land," his deputy said.',
    )
    texts = [q["text"] for q in quotes if q["kind"] == "direct"]
    assert not any("Lion" in t or "so-called" in t for t in texts)
    assert any(t.startswith("We will keep fighting") for t in texts)


def test_nested_quote_stays_inside_the_outer_one(analyse):
    _, quotes = quotes_of(
        analyse, "\"They told us 'leave now or die' and then they burned the houses,\" said farmer Ali Musa."
    )
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 1 and "'leave now or die'" in direct[0]["text"]


def test_channels_from_cue_context_and_handles(analyse):
    result, quotes = quotes_of(
        analyse,
        '"The airport is closed," Governor Sani Bello tweeted.\n\n'
        'In a video posted on Facebook, rebel leader Omar Jalo said: "We control the hills."\n\n'
        '"We reject the report," the ministry said in a statement.\n\n'
        '"Prices must come down," President Ama Boateng told parliament.\n\n'
        'A second tweet reads: "Stay home tonight. #curfew"\n\n'
        'One post on Telegram reads: "The soldiers left the town at dawn."',
    )
    channels = {q["text"][:12]: q["channel"] for q in quotes if q["kind"] == "direct"}
    assert channels["The airport "] == "tweet"
    assert channels["We control t"] == "video"
    assert channels["We reject th"] == "statement"
    assert channels["Prices must "] == "speech"
    assert channels["Stay home to"] == "tweet"
    assert channels["The soldiers"] == "post"
    second_tweet = quote_starting(quotes, "Stay home")
    assert second_tweet["speaker"] == entity_named(result, "Sani Bello")["id"]
    unnamed_post = quote_starting(quotes, "The soldiers")
    assert unnamed_post["speaker"] is None and unnamed_post["speaker_text"] == "One post on Telegram"


def test_channel_words_inside_reported_content_name_no_channel(analyse):
    _, quotes = quotes_of(
        analyse,
        "Tom Baird said the video of the crash was fake.\n\n"
        "Lena Morrow insisted that the letter had been forged.\n\n"
        "The ministry denied the allegations in a statement.",
    )
    assert quote_starting(quotes, "the video")["channel"] == "unknown"
    assert quote_starting(quotes, "the letter")["channel"] == "unknown"
    assert quote_starting(quotes, "the allegations")["channel"] == "statement"


def test_calling_something_a_thing_is_a_statement_but_naming_is_not(analyse):
    _, quotes = quotes_of(
        analyse,
        "Tom Baird called the ruling a disgrace.\n\nThe couple called the boy Kevin.\n\n"
        "Lena Morrow called her brother on Sunday.",
    )
    assert [q["text"] for q in quotes] == ["the ruling a disgrace"]
    assert quotes[0]["speaker_text"] == "Tom Baird" and quotes[0]["cue"]["text"] == "called"


def test_pronouns_titles_and_unnamed_sources(analyse):
    result, quotes = quotes_of(
        analyse,
        'The former interior minister, Karim Nadir, criticised the plan on Tuesday. "It will fail," the '
        'former minister said.\n\nHealth official Mira Sato visited the camp. "There is no clean water," she '
        'said.\n\n"We are afraid to go out at night," a resident said.',
    )
    assert quote_starting(quotes, "It will fail")["speaker"] == entity_named(result, "Karim Nadir")["id"]
    assert quote_starting(quotes, "There is no")["speaker"] == entity_named(result, "Mira Sato")["id"]
    unnamed = quote_starting(quotes, "We are afraid")
    assert unnamed["speaker"] is None and unnamed["speaker_text"] == "a resident"


def test_indirect_speech_and_according_to(analyse):
    result, quotes = quotes_of(
        analyse,
        "General Hana Ruiz said that the convoy had reached the border, but her deputy said it was still "
        "on the road. According to a local official, the fighting stopped at dawn.",
    )
    indirect = {q["text"]: q for q in quotes if q["kind"] == "indirect"}
    assert indirect["the convoy had reached the border"]["speaker"] == entity_named(result, "Hana Ruiz")["id"]
    assert "it was still on the road" in indirect
    assert indirect["the fighting stopped at dawn"]["speaker_text"] == "a local official"


def test_same_quote_in_several_documents_is_one_quotation(tmp_path):
    body = (
        '"The harbour will reopen on Monday," port director Sara Lindqvist told reporters, adding that '
        "repairs were nearly finished. {extra}\n"
    )
    (tmp_path / "one.txt").write_text(body.format(extra="Ships queued outside the breakwater."))
    (tmp_path / "two.txt").write_text(
        "Harbour news\n\nPublished: 3 April 2025\n\n"
        + body.format(extra="Fishermen welcomed the news.")
        .replace('"The harbour', "“The harbour")
        .replace('Monday,"', "Monday,”")
    )
    db = tmp_path / "quotes.db"
    run = [sys.executable, "-m", "newsgraph.cli"]
    subprocess.run([*run, "ingest", str(tmp_path), "--db", str(db), "--quiet"], check=True, timeout=600)
    output = subprocess.run(
        [*run, "quotes", "--db", str(db), "--grouped", "--format", "csv"],
        capture_output=True,
        check=True,
        timeout=600,
    ).stdout.decode()
    rows = {r["text"].rstrip(","): r for r in csv.DictReader(io.StringIO(output))}
    harbour = rows["The harbour will reopen on Monday"]
    assert harbour["occurrences"] == "2" and harbour["documents"] == "2"
    assert harbour["speaker"] == "Sara Lindqvist" and harbour["channel"] == "interview"
    assert harbour["speaker_kb_id"].startswith("kb")


def test_reported_content_before_its_attribution(analyse):
    result, quotes = quotes_of(analyse, "The ferry service will stop for two weeks from Monday, the port authority said.")
    quote = quote_starting(quotes, "The ferry service will stop")
    assert quote["kind"] == "indirect" and quote["text"].endswith("from Monday")
    assert quote["speaker_text"] == "the port authority"
    assert quote["cue"]["text"] == "said"
    assert result["document"]["text"][quote["cue"]["start"] : quote["cue"]["end"]] == "said"


def test_a_second_account_joined_by_but_is_not_the_first_speakers(analyse):
    _, quotes = quotes_of(
        analyse,
        "The rebels claimed on Monday that they had taken the airport, the last one still open, but the army "
        "spokesman Daniel Okoro said the claim was false.",
    )
    for quote in quotes:
        if quote["text"].startswith("they had taken"):
            assert "Okoro" not in (quote["speaker_text"] or "")


def test_speech_verb_inside_a_by_phrase_takes_the_main_subject(analyse):
    result, quotes = quotes_of(
        analyse,
        "Harbourline chief Maria Lopez defended the decision by saying, “The old ferries were unsafe and we had "
        "no choice.”",
    )
    quote = quote_starting(quotes, "The old ferries")
    assert quote["speaker"] == entity_named(result, "Maria Lopez")["id"]


def test_announcement_with_a_noun_phrase_is_a_statement_of_its_subject(analyse):
    result, quotes = quotes_of(
        analyse, "Harbourline, the region's biggest ferry operator, has announced 600 job cuts over the next three years."
    )
    quote = quote_starting(quotes, "600 job cuts")
    assert quote["speaker"] == entity_named(result, "Harbourline")["id"]
    assert quote["cue"]["text"] == "announced"


def test_a_speaker_after_the_verb_followed_by_a_participle_is_still_the_speaker():
    import newsgraph

    text = '"Prices will keep rising through the winter," said market analyst Nora Quist commenting on the figures.'
    result = newsgraph.extract(text)
    names = {e["id"]: e["name"] for e in result["entities"]}
    assert [names.get(q["speaker"]) for q in result["quotes"]] == ["Nora Quist"]


def test_that_clause_the_parser_hung_on_a_noun_is_still_the_announcement(analyse):
    result, quotes = quotes_of(
        analyse,
        "Dara Venn, the head of the rowing federation, announced Friday in a letter to members that she "
        "would retire after the spring regatta.",
    )
    quote = quote_starting(quotes, "she would retire")
    assert quote["speaker"] == entity_named(result, "Dara Venn")["id"]


def test_revealing_after_a_coordination_takes_the_shared_subject(analyse):
    result, quotes = quotes_of(
        analyse,
        "Tomas Frey sold the vineyard in 2019 and moved abroad, later revealing he had been unable to pay its debts.",
    )
    quote = quote_starting(quotes, "he had been unable")
    assert quote["speaker"] == entity_named(result, "Tomas Frey")["id"]


def test_a_message_saying_is_its_authors_statement_and_a_bare_report_is_a_source(analyse):
    result, quotes = quotes_of(
        analyse,
        "The Port Authority issued a statement saying that the north pier would reopen in June. "
        "The sale collapsed after reports suggesting that the buyer had no funds.",
    )
    pier = quote_starting(quotes, "the north pier")
    assert pier["speaker"] == entity_named(result, "Port Authority")["id"]
    assert pier["channel"] == "statement"
    funds = quote_starting(quotes, "the buyer had no funds")
    assert funds["speaker"] is None and funds["speaker_text"] == "reports"


def test_demands_with_call_for_and_call_on_are_the_callers(analyse):
    result, quotes = quotes_of(
        analyse,
        "The teachers' union called for an independent review of the exam results. "
        "Mayor Ines Kolar called on the water board to publish its accounts. "
        "Ines Kolar called on Monday and left a message.",
    )
    union = quote_starting(quotes, "an independent review")
    assert union["speaker_text"] and "union" in union["speaker_text"]
    board = quote_starting(quotes, "the water board to publish")
    assert "Ines Kolar" in board["speaker_text"]
    assert not any(q["text"].startswith("Monday") for q in quotes)


def test_reporting_clause_between_commas_reports_its_sentence(analyse):
    result, quotes = quotes_of(analyse, "The new timetable, Westlink said, will start in May.")
    (quote,) = [q for q in quotes if q["cue"] and q["cue"]["text"] == "said"]
    assert "will start in May" in quote["text"]
    assert quote["speaker"] == entity_named(result, "Westlink")["id"]


def test_citing_gives_the_cited_reason_to_the_subject(analyse):
    result, quotes = quotes_of(
        analyse, "Northvale Airlines cancelled forty flights on Sunday, citing a shortage of air traffic controllers."
    )
    quote = quote_starting(quotes, "a shortage of air traffic controllers")
    assert quote["speaker"] == entity_named(result, "Northvale Airlines")["id"]


def test_quote_after_said_that_takes_said_as_its_cue_not_a_later_verb(analyse):
    _, quotes = quotes_of(
        analyse,
        'At the plant gate Rita Amsel said that "the old company that let you down is gone," and promised new hiring.',
    )
    quote = quote_starting(quotes, "the old company")
    assert quote["cue"]["text"] == "said"
    assert "Rita Amsel" in quote["speaker_text"]


def test_passive_report_and_content_nouns_name_their_speaker(analyse):
    result, quotes = quotes_of(
        analyse,
        "Two hundred job cuts were confirmed by Brightmill on Thursday. "
        "Shares fell after the announcement by Brightmill that its chief executive would leave. "
        "The mayor rejected the claim that the river was polluted.",
    )
    brightmill = entity_named(result, "Brightmill")["id"]
    cuts = quote_starting(quotes, "Two hundred job cuts")
    assert cuts["speaker"] == brightmill and cuts["cue"]["text"] == "confirmed"
    leaving = quote_starting(quotes, "its chief executive would leave")
    assert leaving["speaker"] == brightmill and leaving["cue"]["text"] == "announcement"
    _, owned = quotes_of(analyse, "Brightmill's warning that prices would rise was ignored by the shops.")
    assert quote_starting(owned, "prices would rise")["speaker_text"] == "Brightmill"
    assert not any("river was polluted" in q["text"] for q in quotes), "a claim with no claimant is no one's quote"


def test_the_police_as_a_party_are_still_an_unnamed_speaker(analyse):
    """'Police said ...' names no speaker (the contract's null), though the police act as a party in the
    story's events."""
    result = analyse("Police said they had arrested 15 protesters near the market on Monday.", published="2025-03-12")
    quote = next(q for q in result["quotes"] if "arrested" in q["text"])
    assert quote["speaker"] is None and "Police" in (quote["speaker_text"] or "")


def test_attribution_cut_off_after_a_multi_sentence_quote_still_names_the_speaker(analyse):
    """A quote of two sentences closed by a full stop inside the mark, then '... said X' in lower case:
    the parser makes the attribution a sentence of its own, but it still attributes the quote."""
    result, quotes = quotes_of(
        analyse,
        "The two carmakers will receive loans from the government of Tarnia. “This is a regrettable but necessary "
        "step to protect the economy. We are doing this on the assumption that we obviously can not afford a "
        "collapse of the whole industry.” said Jon Ekdal, Mayor of Vessia. “We will not let it vanish,” said Ana Ruiz.",
    )
    quote = quote_starting(quotes, "This is a regrettable")
    assert quote["speaker"] == entity_named(result, "Jon Ekdal")["id"]
    assert quote["cue"]["text"] == "said"
    _, unattributed = quotes_of(analyse, "“We kept it running for forty years. Nobody can.” The ferry stopped in March.")
    assert quote_starting(unattributed, "We kept")["speaker"] is None


def test_what_a_source_calls_something_is_its_statement(analyse):
    """'described X as Y', 'branded X a Y': the characterisation is the subject's statement; a plain
    description with no 'as' phrase or complement states nothing."""
    result, quotes = quotes_of(
        analyse,
        "Governor Hal Brennick described the flooding in the valley as the worst in a century. "
        "The opposition branded the recount a farce. The reporter described the empty streets.",
    )
    flooding = quote_starting(quotes, "the flooding in the valley as the worst")
    assert flooding["speaker"] == entity_named(result, "Hal Brennick")["id"] and flooding["cue"]["text"] == "described"
    recount = quote_starting(quotes, "the recount a farce")
    assert recount["speaker_text"] == "The opposition"
    assert not any("empty streets" in q["text"] for q in quotes)


def test_according_to_a_statement_names_the_statement_and_its_author(analyse):
    """'according to X's statement' / 'according to a report by X': the statement noun attributes the
    account and X made it; 'according to X' keeps 'according' and X."""
    result, quotes = quotes_of(
        analyse,
        "The ferry sank near the harbour, according to a statement by the Tarnby Coast Guard. "
        "Nine people were rescued, according to Captain Ivo Marsh.",
    )
    ferry = quote_starting(quotes, "The ferry sank")
    assert ferry["cue"]["text"] == "statement"
    assert ferry["speaker"] == entity_named(result, "Tarnby Coast Guard")["id"]
    rescued = quote_starting(quotes, "Nine people")
    assert rescued["cue"]["text"] == "according"
    assert rescued["speaker"] == entity_named(result, "Ivo Marsh")["id"]


def test_warnings_insistence_and_arguments_by_their_particle_are_statements(analyse):
    """'warned of X', 'insisted on Y', 'argued for Z' state X, Y, Z; 'warned that ...' still reports its
    clause; 'stated her opposition', 'acknowledged the error' state their object."""
    result, quotes = quotes_of(
        analyse,
        "Governor Hal Brennick warned of power cuts across the north. Senator Ida Voss insisted on a recount. "
        "Mayor Tom Baird warned that the bridge would close. Hal Brennick acknowledged the error in the count.",
    )
    cuts = quote_starting(quotes, "power cuts")
    assert cuts["speaker"] == entity_named(result, "Hal Brennick")["id"] and cuts["cue"]["text"] == "warned"
    assert quote_starting(quotes, "a recount")["speaker"] == entity_named(result, "Ida Voss")["id"]
    assert quote_starting(quotes, "the bridge would close")["speaker"] == entity_named(result, "Tom Baird")["id"]
    assert quote_starting(quotes, "the error")["cue"]["text"] == "acknowledged"


def test_an_opening_mark_typed_as_the_closing_one_closes_the_quote(analyse):
    """Real pages mistype marks ('"It is sad, “X said.'): the mark after the quote's comma that leads into
    its attribution closes it, so the text after the attribution is not taken as quoted."""
    text = (
        '"The old mill meant a lot to this town, “Lena Morrow said. The mill was built in 1921 and '
        'closed in 1990. "It was the heart of the valley, “Morrow said. Crews fought the fire for hours.'
    )
    _, quotes = quotes_of(analyse, text)
    direct = [q["text"].rstrip(",. ") for q in quotes if q["kind"] == "direct"]
    assert direct == ["The old mill meant a lot to this town", "It was the heart of the valley"]
    assert all(q["speaker_text"] and "Morrow" in q["speaker_text"] for q in quotes if q["kind"] == "direct")


@pytest.mark.parametrize(
    "text, content",
    [
        # the parser hangs ', she said' on the second half of the content: the whole is still his account
        ("Divers searched the lake until noon, but the boat was never found, she said.",
         "Divers searched the lake until noon, but the boat was never found"),
        # an aside within the sentence: the account goes on after it
        ("Plans for the site were still open, she said, including a new library for the town.",
         "Plans for the site were still open, she said, including a new library for the town"),
        # when and to whom may follow the aside's verb
        ("The mill will reopen in spring for a second season, owners Tom Baird and Lena Morrow announced today.",
         "The mill will reopen in spring for a second season"),
        ("A bomb at a depot hurt a guard, and the police had no suspects, officials said on Saturday.",
         "A bomb at a depot hurt a guard, and the police had no suspects"),
        # an aside followed by 'but': what follows is not the reporter's
        ("The rebels took the bridge at dawn, the army said, but the militia denied it.",
         "The rebels took the bridge at dawn"),
    ],
)
def test_a_reporting_aside_attributes_the_words_before_it(analyse, text, content):
    _, quotes = quotes_of(analyse, text)
    assert [q["text"] for q in quotes if q["kind"] == "indirect"] == [content]


def test_a_partial_quote_takes_the_speech_verb_it_is_reported_under(analyse):
    """A quoted fragment deep inside reported speech belongs to the verb that reports it, however far."""
    text = (
        "Speaking in Tarnby on Friday, Tom Baird stated that the council would not use its powers over "
        "the harbour to decide “which ships may dock there next year.”"
    )
    _, quotes = quotes_of(analyse, text)
    fragment = quote_starting(quotes, "which ships")
    assert fragment["cue"]["text"] == "stated" and "Baird" in fragment["speaker_text"]


def test_a_view_given_as_someones_with_a_full_clause_is_their_statement(analyse):
    """'X believes the mill will close' attributes a claim to X (PARC3 counts such attributions); an
    infinitive ('expect the bank to cut') or a view inside someone's statement is not one of its own."""
    _, quotes = quotes_of(analyse, "Harbour police believe the gunman fled to Kalbar on a fishing boat.")
    assert [(q["cue"]["text"], q["text"]) for q in quotes] == [("believe", "the gunman fled to Kalbar on a fishing boat")]
    assert not quotes_of(analyse, "Analysts expect the bank to cut rates again.")[1]
    assert not quotes_of(analyse, "It is believed that the gunman fled to Kalbar.")[1]  # held by no one named
    _, quotes = quotes_of(analyse, "Tom Baird said he believes the mill will close.")
    assert [q["cue"]["text"] for q in quotes] == ["said"]


def test_a_partial_quote_under_a_speech_verb_whose_subject_is_a_pronoun_belongs_to_the_verb_above(analyse):
    """'X said it condemned the "damage" ... "in the strongest terms"': 'it' is X, and the statement is X's
    'said' (which the recall scorer looks for); a named inner speaker keeps the nearer verb."""
    text = ('In a statement after the match, the Harbour Hawks said it condemned the damage done to the bus '
            '"in the strongest possible terms".')
    _, quotes = quotes_of(analyse, text)
    fragment = quote_starting(quotes, "in the strongest")
    assert fragment["cue"]["text"] == "said" and "Harbour Hawks" in fragment["speaker_text"]
    _, quotes = quotes_of(analyse, 'Police said Mayor Lena Morrow condemned "a cowardly attack on our harbour".')
    assert quote_starting(quotes, "a cowardly")["cue"]["text"] == "condemned"


def test_quoted_as_saying_gives_the_words_to_the_one_quoted(analyse):
    result, quotes = quotes_of(analyse, "“Everyone is safe and the road is open,” the radio quoted Lena Morrow as saying.")
    quote = quote_starting(quotes, "Everyone is safe")
    assert quote["speaker"] == entity_named(result, "Lena Morrow")["id"]


def test_a_statement_the_parser_splits_at_a_contraction_is_one_statement(analyse):
    """"says she's more or less resigned herself to it": the parser makes "she's" one clause and the rest
    another; the statement is both. A clause after a colon is not glued on."""
    _, quotes = quotes_of(analyse, "Lena Morrow says she's more or less resigned herself to renting.")
    assert [q["text"] for q in quotes] == ["she's more or less resigned herself to renting"]


def test_a_reported_clause_keeps_the_verbs_that_share_its_subject(analyse):
    """'said he struck and killed a woman': both acts are the statement (a two-word 'he struck' alone was
    too short to be one at all); a second clause with a speaker of its own stays that speaker's."""
    _, quotes = quotes_of(analyse, "A driver was charged after police said he struck and killed a woman in Nairobi.")
    assert [q["text"] for q in quotes] == ["he struck and killed a woman in Nairobi"]
    result, quotes = quotes_of(analyse, "Tom Baird said the army attacked, but Lena Morrow said the rebels fired first.")
    names = {e["id"]: e["name"] for e in result["entities"]}
    assert {(q["text"], names.get(q["speaker"])) for q in quotes} == {
        ("the army attacked", "Tom Baird"), ("the rebels fired first", "Lena Morrow")}


def test_words_set_before_quoted_as_saying_are_the_quoted_ones(analyse):
    """'The army has withdrawn from the town, the agency quoted a military source as saying': the words
    before the verb are the statement, and they are the source's, not the agency's."""
    _, quotes = quotes_of(analyse, "The army has withdrawn from the town, the agency quoted a military source as saying.")
    statement = quote_starting(quotes, "The army has withdrawn")
    assert statement["speaker_text"] == "a military source" and statement["speaker"] is None
