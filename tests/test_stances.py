"""The situation relations read from the parse (nlp/stances.py), one test per error class found on real
news, in sentences written for these tests: whereabouts from statements, control from takings,
purchases, parents, parts and leaders, and allies and opponents from verbs and role nouns."""

from __future__ import annotations

import pytest

import newsgraph


def facts(text: str, predicate: str) -> list[tuple[str, str, dict]]:
    result = newsgraph.extract(text, published="2024-05-06")
    names = {e["id"]: e["name"] for e in result["entities"]}
    return [
        (names.get(r["subject"]), names.get(r["object"]), r)
        for r in result["relations"]
        if r["predicate"] == predicate and "cue" in r
    ]


def pairs(text: str, predicate: str) -> set[tuple[str, str]]:
    return {(s, o) for s, o, r in facts(text, predicate) if not r["negated"] and not r["hypothetical"]}


# ---- whereabouts ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, person, place",
    [
        ("Foreign Minister Alma Ruiz is in Tallinn today, her spokesman said.", "Alma Ruiz", "Tallinn"),
        ("After the battle the commander Oskar Venn fled to Moldova.", "Oskar Venn", "Moldova"),
        ("Dario Pell, speaking from Nairobi, said the talks would resume.", "Dario Pell", "Nairobi"),
        ("Tomas Reyes was found at a hotel in Lyon on Sunday.", "Tomas Reyes", "Lyon"),
        ("The singer Mara Quill checked into the Harbor View Clinic on Friday.", "Mara Quill", "Harbor View Clinic"),
        ("Senator Ivo Brandt told reporters in Ottawa that he would not resign.", "Ivo Brandt", "Ottawa"),
        # custody, court and hospital: the place may sit two prepositions deep
        ("Tomas Reyes remains in custody at a police station in Nairobi.", "Tomas Reyes", "Nairobi"),
        ("Tomas Reyes was booked into the Cook County Jail.", "Tomas Reyes", "Cook County Jail"),
        ("Tomas Reyes was arraigned in Nairobi on Tuesday.", "Tomas Reyes", "Nairobi"),
        ("Mara Quill was pronounced dead at Mercy Hospital in Chicago.", "Mara Quill", "Mercy Hospital"),
        ("Tomas Reyes turned himself in at a police station in Nairobi.", "Tomas Reyes", "Nairobi"),
        # a passive told with a linking verb or through a raising verb; acts at a gathering
        ("Tomas Reyes remains hospitalized at Mercy Hospital in Chicago.", "Tomas Reyes", "Mercy Hospital"),
        ("Tomas Reyes remains jailed in Nairobi.", "Tomas Reyes", "Nairobi"),
        ("Tomas Reyes is believed to be hiding in Nairobi.", "Tomas Reyes", "Nairobi"),
        ("Alma Ruiz addressed a rally in Tallinn on Sunday.", "Alma Ruiz", "Tallinn"),
        ("Alma Ruiz signed the accord in Tallinn.", "Alma Ruiz", "Tallinn"),
        # a facility named after 'at' when the verb's object is a facility noun; taken somewhere 'at'
        ("Mara Quill entered rehab at Pinecrest Lodge.", "Mara Quill", "Pinecrest Lodge"),
        ("Tomas Reyes was taken into custody at his home in Nairobi.", "Tomas Reyes", "Nairobi"),
        # leaving a place one was held in, hiding in one
        ("Tomas Reyes was released from a jail in Nairobi on Friday.", "Tomas Reyes", "Nairobi"),
        ("Tomas Reyes escaped from a prison in Nairobi.", "Tomas Reyes", "Nairobi"),
        ("Tomas Reyes holed up in a house in Nairobi.", "Tomas Reyes", "Nairobi"),
        ("Tomas Reyes went into hiding in Nairobi.", "Tomas Reyes", "Nairobi"),
        # the person a verb of finding or taking acts on, told actively; recovering somewhere
        ("Police found Tomas Reyes at a motel in Nairobi.", "Tomas Reyes", "Nairobi"),
        ("Soldiers took Tomas Reyes to a base in Kisumu.", "Tomas Reyes", "Kisumu"),
        ("Mara Quill is recovering in a Chicago hospital.", "Mara Quill", "Chicago"),
    ],
)
def test_a_statement_puts_a_person_in_a_place(text, person, place):
    assert (person, place) in pairs(text, "located_in")


def test_what_someone_owns_found_somewhere_does_not_put_them_there():
    assert ("Tomas Reyes", "Chicago") not in pairs("Police found Tomas Reyes's car in Chicago.", "located_in")


def test_a_place_beside_a_speakers_name_or_role_is_where_they_are():
    assert ("Tom Baird", "Chicago") in pairs("Our reporter Tom Baird in Chicago says the roads are shut.", "located_in")
    assert ("Lena Morrow", "Nairobi") in pairs('"It shook," said Lena Morrow, 34, a teacher in Nairobi.', "located_in")
    assert ("Tom Baird", "Russia") not in pairs('"It is over," said Tom Baird, an expert in Russia.', "located_in")
    assert ("Tom Baird", "Nairobi") not in pairs('"It is over," said Tom Baird, a former teacher in Nairobi.', "located_in")
    home = "Tom Baird, a teacher in Nairobi, was on the bus that crashed near Kisumu on Monday."
    assert ("Tom Baird", "Nairobi") not in pairs(home, "located_in")  # a home, not where the story puts him


def test_a_title_after_a_place_leads_the_place_only_if_it_governs_places():
    assert ("Tom Baird", "Chicago") in pairs("Chicago Mayor Tom Baird spoke on Monday.", "controls")
    assert ("Lena Morrow", "Ohio") in pairs("Ohio Governor Lena Morrow spoke on Monday.", "controls")
    assert ("Kevin Moore", "Ohio") not in pairs("Ohio coach Kevin Moore spoke on Monday.", "controls")


def test_the_suspect_and_the_victim_are_the_people_the_events_before_gave_those_parts():
    """'the suspect' after an arrest of one named person is that person; after the arrest of two, no one."""
    one = "Police arrested Tom Ellery on Friday in Tarnby. The suspect was taken to the jail in Kalbar on Saturday."
    assert ("Tom Ellery", "Kalbar") in pairs(one, "located_in")
    two = "Police arrested Tom Ellery and Paul Baird in Tarnby. The suspect was taken to the jail in Kalbar on Saturday."
    assert not [p for p in pairs(two, "located_in") if p[1] == "Kalbar"]
    victim = "Gunmen shot Maria Lopes in Tarnby on Monday. The victim's brother, Paul Lopes, said she had no enemies."
    found = pairs(victim, "ally_of")
    assert ("Paul Lopes", "Maria Lopes") in found or ("Maria Lopes", "Paul Lopes") in found


def test_whereabouts_keep_the_source_that_reports_them():
    (found,) = [r for s, o, r in facts("Alma Ruiz is in Tallinn today, her spokesman said.", "located_in")]
    assert "spokesman" in found["attributed_text"]


def test_a_place_someone_only_might_go_is_not_where_they_are():
    found = facts("The judge said Dario Pell could serve his sentence in Tallinn.", "located_in")
    assert all(r["hypothetical"] for _, _, r in found)


def test_a_place_someone_will_go_is_marked_future():
    found = facts("Alma Ruiz will arrive in Tallinn on Friday, her office said.", "located_in")
    assert found and all(r["future"] and not r["hypothetical"] for _, _, r in found)


# ---- control -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, holder, held",
    [
        ("Norda Systems acquired Brightwave last year.", "Norda Systems", "Brightwave"),
        ("Brightwave Inc. was bought by Norda Systems in March.", "Norda Systems", "Brightwave Inc."),
        ("Analysts praised Norda Systems' takeover of Brightwave Inc.", "Norda Systems", "Brightwave Inc."),
        ("Fighters of the Western Brigade seized the airport of Mombasa on Monday.", "Western Brigade", "Mombasa"),
        ("Kori Finance Ltd., the lending arm of Norda Systems, reported a loss.", "Norda Systems", "Kori Finance Ltd."),
        ("Norda Systems chief executive Lena Morrow spoke on Monday.", "Lena Morrow", "Norda Systems"),
        ("By nightfall Herat was in the hands of the Northern Front.", "Northern Front", "Herat"),
        ("The town of Kalbar is under Northern Front control, residents said.", "Northern Front", "Kalbar"),
        # the held company named only by a relative pronoun or a participle clause before 'owned by'
        ("Carver Motors, which is owned by Delling Holdings, said sales fell.", "Delling Holdings", "Carver Motors"),
        ("Carver Motors, owned by Delling Holdings, said sales fell.", "Delling Holdings", "Carver Motors"),
        # 'its takeover': the subject of the clause, not the nearest organisation-like name before 'its'
        ("Norda Systems, a big chip maker, completed its takeover of Brightwave Inc. on Friday.", "Norda Systems",
         "Brightwave Inc."),
        # a verb and its particle that take a company; a parent named through 'parent company'
        ("Quanta Bank snapped up Rivera Insurance in a cheap deal.", "Quanta Bank", "Rivera Insurance"),
        ("Ferro Airlines' parent company, Lumen Travel, reported a loss.", "Lumen Travel", "Ferro Airlines"),
        ("The Velm Group, the parent company of Tarso Mills, cut jobs.", "Velm Group", "Tarso Mills"),
        # a place that falls to a force (named through the fighters 'of' or 'from' it), a clause 'in control
        # of', control regained, a portion of a place, a hyphened owner, a shareholder 'in'
        ("The town of Tallinn fell to the rebels of the Northern Front on Sunday.", "Northern Front", "Tallinn"),
        ("Tallinn fell to fighters from the Northern Front.", "Northern Front", "Tallinn"),
        ("The Northern Front said it was in full control of Tallinn.", "Northern Front", "Tallinn"),
        ("The National Army regained control of Tallinn after heavy fighting.", "National Army", "Tallinn"),
        ("The Northern Front still holds large swaths of Kalbar province.", "Northern Front", "Kalbar province"),
        ("Tarso Mills is majority-owned by Brenna Holdings.", "Brenna Holdings", "Tarso Mills"),
        ("Brenna Holdings, the largest shareholder in Tarso Mills, objected.", "Brenna Holdings", "Tarso Mills"),
        ("Oskar Venn ruled Moldova for two decades.", "Oskar Venn", "Moldova"),  # ruling or governing a place
        ("The Western Brigade declared that it had taken Kisumu.", "Western Brigade", "Kisumu"),  # taking a place
        ("The Northern Alliance-controlled city of Kisumu was shelled.", "Northern Alliance", "Kisumu"),
        # a controlling stake held or had ('hold' alone holds places only); an oath of office
        ("Velt Capital holds a majority stake in Norda Systems.", "Velt Capital", "Norda Systems"),
        ("Velt Capital has a 51 percent stake in Norda Systems.", "Velt Capital", "Norda Systems"),
        ("Lena Morrow was sworn in as governor of Ohio on Monday.", "Lena Morrow", "Ohio"),
        # a vessel or aircraft hijacked, however told; more than half of a company owned, in figures
        ("The Kalbar Liberation Front hijacked the MV Stavelin on Monday.", "Kalbar Liberation Front", "MV Stavelin"),
        ("The MV Stavelin, which was hijacked by the Kalbar Liberation Front last week, was freed on Sunday.",
         "Kalbar Liberation Front", "MV Stavelin"),
        ("Norda Systems owns 80 percent of Brightwave Inc.", "Norda Systems", "Brightwave Inc."),
        # control handed to a recipient
        ("The deal gives Norda Systems control of Brightwave Inc.", "Norda Systems", "Brightwave Inc."),
        ("The agreement hands control of Brightwave Inc. to Norda Systems.", "Norda Systems", "Brightwave Inc."),
    ],
)
def test_a_holder_takes_or_holds(text, holder, held):
    assert (holder, held) in pairs(text, "controls")


@pytest.mark.parametrize(
    "text",
    [
        "Lena Morrow was named chief executive of Norda Systems in March.",
        "Lena Morrow took over as chairman of Norda Systems.",
        "Norda Systems appointed Tom Baird as its new chief executive.",
        "Lena Morrow, Norda Systems' chairman, opened the meeting.",
        "Lena Morrow is the chief executive of Norda Systems.",
        "Lena Morrow, the Norda Systems boss, opened the meeting.",  # an organisation's name before the title
        "Norda Systems' chairman, Lena Morrow, opened the meeting.",  # the name standing beside its title
    ],
)
def test_a_title_a_clause_gives_someone_leads_the_organisation_it_names(text):
    """A leadership title given by a clause (copula, naming, appointing, taking over as) or by a possessive
    apposition leads the organisation it names."""
    assert any(held == "Norda Systems" and r["cue"] == "title" for _, held, r in facts(text, "controls")), text


def test_a_role_noun_said_of_a_subject_names_that_subject():
    """'X is a unit of Y' is Y's holding of X, as 'X, a unit of Y' is; 'X is a rival of Y' sets them apart."""
    assert ("Kori Finance", "Norda Systems") in pairs("Norda Systems is a unit of Kori Finance.", "controls")
    rivals = pairs("Norda Systems is a fierce rival of Kori Finance.", "opponent_of")
    assert ("Norda Systems", "Kori Finance") in rivals or ("Kori Finance", "Norda Systems") in rivals


def test_a_former_or_met_holder_of_a_title_leads_nothing():
    for text in ("Lena Morrow, the former chairman of Norda Systems, spoke at the hearing.",
                 "Lena Morrow met the chairman of Norda Systems on Friday."):
        assert not facts(text, "controls"), text


def test_a_minority_stake_makes_no_holder():
    assert not pairs("Velt Capital holds a 25 percent share in Norda Systems.", "controls")
    assert not pairs("Velt Capital has a small stake in Norda Systems.", "controls")
    assert not pairs("Velt Capital owns 40 percent of Norda Systems.", "controls")
    assert not pairs("The deal gives Velt Capital a 20 percent stake in Norda Systems.", "controls")


def test_a_denied_taking_is_kept_as_a_denial():
    found = facts("The army denied that the Western Brigade took control of Mombasa.", "controls")
    assert found and all(r["negated"] for _, _, r in found)


def test_a_planned_purchase_is_not_a_holding():
    found = facts("Velt Capital plans to buy Brightwave Inc. next year.", "controls")
    assert found and all(r["future"] and not r["hypothetical"] for _, _, r in found)  # intended, not held


@pytest.mark.parametrize(
    "text, pending",
    [
        ("Velt Capital has agreed to buy Brightwave Inc. for $2 billion.", True),
        ("Velt Capital plans to acquire Brightwave Inc.", True),
        ("Velt Capital will acquire Brightwave Inc. next year.", True),
        ("Velt Capital could buy Brightwave Inc., analysts said.", False),
        ("Velt Capital is considering buying Brightwave Inc.", False),
        ("If Velt Capital buys Brightwave Inc., prices will rise.", False),
    ],
)
def test_an_agreed_or_announced_takeover_is_pending_and_a_hedged_one_is_not(text, pending):
    """A taking committed to but not done is pending control; a possibility or a condition is not."""
    found = [r for holder, held, r in facts(text, "controls") if (holder, held) == ("Velt Capital", "Brightwave Inc.")]
    assert found or not pending, text
    assert all(r["pending"] == pending for r in found), text


def test_what_falls_to_someone_or_is_regained_without_a_holding_is_held_by_no_one():
    """Prices and tasks fall to someone too; consciousness is regained: only a place falls to a holder, and
    these verbs hold only through a control noun."""
    assert not pairs("Tomas Reyes is in jail at the request of Norda Systems.", "located_in")  # not a facility
    for text in ("Oil prices fell to $60 a barrel.", "The task fell to Maria Lopes.", "The court ruled that Tallinn must pay.",
                 "Maria Lopes regained consciousness in a hospital in Tallinn."):
        assert not facts(text, "controls"), text


def test_buying_a_companys_products_is_not_buying_the_company():
    assert not pairs("Skyline Air bought forty Norda jets in 2019.", "controls")


# ---- allies and opponents ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, predicate, first, second",
    [
        ("Lena Morrow hired the lawyer Tom Baird on Tuesday.", "ally_of", "Lena Morrow", "Tom Baird"),
        ("Norda Systems sued Brightwave Inc. over a patent.", "opponent_of", "Norda Systems", "Brightwave Inc."),
        ("Norda Systems announced a partnership with Kori Finance.", "ally_of", "Norda Systems", "Kori Finance"),
        ("Norda Systems, hoping to overtake its rival Brightwave Inc., cut prices.", "opponent_of", "Brightwave Inc.", "Norda Systems"),
        ("The Academy of Film Arts chose Lena Morrow as host of its gala.", "ally_of", "Academy of Film Arts", "Lena Morrow"),
        # demands for removal, breaks, defections, memberships a clause states
        ("Lena Morrow called for Tom Baird's resignation.", "opponent_of", "Lena Morrow", "Tom Baird"),
        ("Lena Morrow urged Tom Baird to resign.", "opponent_of", "Lena Morrow", "Tom Baird"),
        ("Lena Morrow demanded that Tom Baird step down.", "opponent_of", "Lena Morrow", "Tom Baird"),
        ("Lena Morrow demanded the arrest of Tom Baird.", "opponent_of", "Lena Morrow", "Tom Baird"),
        ("Lena Morrow broke with Tom Baird over the budget.", "opponent_of", "Lena Morrow", "Tom Baird"),
        ("Lena Morrow was expelled from the Labour Party.", "opponent_of", "Lena Morrow", "Labour Party"),
        ("Lena Morrow defected to the Northern Front.", "ally_of", "Lena Morrow", "Northern Front"),
        ("Lena Morrow is a member of the Labour Party.", "member_of", "Lena Morrow", "Labour Party"),
        ("Lena Morrow was named spokeswoman for Velt Capital.", "member_of", "Lena Morrow", "Velt Capital"),
    ],
)
def test_parties_with_or_against_each_other(text, predicate, first, second):
    found = pairs(text, predicate)
    assert (first, second) in found or (second, first) in found


def test_the_one_who_names_someone_to_a_post_does_not_hold_it():
    text = "President Lena Morrow named Tom Baird as chief executive of Velt Capital on Monday."
    assert ("Tom Baird", "Velt Capital") in pairs(text, "controls")
    assert not any("Lena Morrow" in pair for pair in pairs(text, "controls") | pairs(text, "member_of"))
    assert ("Tom Baird", "Velt Capital") in pairs("Tom Baird appointed as Velt Capital chief", "controls")  # a headline
    announced = "Lena Morrow will name Tom Baird as chief executive of Velt Capital next week."
    assert [r["future"] for s, o, r in facts(announced, "controls") if (s, o) == ("Tom Baird", "Velt Capital")] == [True]


def test_parties_that_merely_have_something_together_are_not_allies():
    assert not pairs("Norda Systems and Velt Capital have offices in Ohio.", "ally_of")


def test_a_demand_for_anything_but_removal_takes_no_side():
    assert not pairs("Lena Morrow urged Tom Baird to step up his efforts.", "opponent_of")
    assert not pairs("Lena Morrow asked Tom Baird to leave the room.", "opponent_of")


def test_fighting_signing_or_campaigning_for_a_party_sides_with_it():
    """'fought for X' is with X, 'fought against X' against it; 'signed with Y', 'campaigned for Z' side with them."""
    assert ("Tom Baird", "Western Brigade") in pairs("Tom Baird fought for the Western Brigade.", "ally_of")
    assert not pairs("Tom Baird fought against the Western Brigade.", "ally_of")
    assert ("Lena Morrow", "Tom Baird") in pairs("Lena Morrow campaigned for Tom Baird in 2020.", "ally_of")


def test_a_prosecutor_is_against_the_one_person_the_story_accuses():
    one = "Tom Baird was charged with fraud in March. Prosecutor Lena Morrow told jurors the evidence was clear."
    assert ("Lena Morrow", "Tom Baird") in pairs(one, "opponent_of")
    two = "Tom Baird and Paul Lopes were charged with fraud. Prosecutor Lena Morrow told jurors the evidence was clear."
    assert not pairs(two, "opponent_of")


def test_the_group_a_persons_possessive_claims_is_one_they_belong_to():
    """"her church" after 'the X Bible Church' is named, or "her home church, the X Bible Church": she
    belongs to it."""
    for text in ("The Tarnby Bible Church burned on Friday. Lena Morrow's church had hosted her rallies.",
                 "Lena Morrow's home church, the Tarnby Bible Church, burned on Friday."):
        assert ("Lena Morrow", "Tarnby Bible Church") in pairs(text, "member_of"), text


def test_a_particle_that_changes_the_verb_changes_the_stance():
    """'picked X' is a choice that sides with X; 'picked up X' (police) is an arrest."""
    assert ("Norda Systems", "Tom Baird") in pairs("Norda Systems picked Tom Baird to lead the tender.", "ally_of")
    assert not pairs("Officers from the Tarnby Police Department picked up Tom Baird on Friday.", "ally_of")


def test_a_role_noun_links_the_named_person_to_the_possessor():
    text = "Mara Quill arrived late. Her lawyer, Tom Baird, asked for a delay."
    assert ("Tom Baird", "Mara Quill") in pairs(text, "ally_of")


@pytest.mark.parametrize(
    "text, person, organisation",
    [
        ("Lena Morrow, a senior analyst at Kori Finance, said prices would fall.", "Lena Morrow", "Kori Finance"),
        ("Tom Baird, a researcher with Norda Systems, said the flaw was old.", "Tom Baird", "Norda Systems"),
        ("Dale Prewitt, director of research for Kori Finance, said so.", "Dale Prewitt", "Kori Finance"),
        ("Kevin Moore, Norda Systems' director of sales, said so.", "Kevin Moore", "Norda Systems"),
        ("Norda Systems' Kevin Moore advised users to wait.", "Kevin Moore", "Norda Systems"),
        ("Kevin Moore from Kori Finance said the bank was safe.", "Kevin Moore", "Kori Finance"),
        ('"Wait," said Norda Systems network operations head Tom Baird.', "Tom Baird", "Norda Systems"),
    ],
)
def test_the_organisation_beside_a_persons_role_is_theirs(text, person, organisation):
    assert (person, organisation) in pairs(text, "member_of")
    assert (person, organisation) not in pairs(text, "controls")


def test_heading_a_part_of_an_organisation_is_not_leading_it():
    text = "Maria Santos, head of the audit unit for Kori Finance, resigned."
    assert ("Maria Santos", "Kori Finance") not in pairs(text, "controls")
    assert ("Maria Santos", "Kori Finance") in pairs(text, "member_of")
    assert ("Lena Morrow", "Kori Finance") in pairs("Lena Morrow, chief executive of Kori Finance, resigned.", "controls")


def test_the_head_of_a_function_in_an_organisation_does_not_lead_it():
    for text in ("Tom Baird, the marketing director of Kori Finance, spoke.", "Kori Finance's research head, Tom Baird, spoke."):
        assert ("Tom Baird", "Kori Finance") not in pairs(text, "controls"), text
        assert ("Tom Baird", "Kori Finance") in pairs(text, "member_of"), text
    assert ("Tom Baird", "Kori Finance") in pairs("Tom Baird, the managing director of Kori Finance, spoke.", "controls")


def test_an_organisations_possessive_on_another_organisation_owns_it():
    assert ("Norda Systems", "Kori Finance") in pairs("Norda Systems' Kori Finance unit lost money.", "controls")
    assert not pairs("Norda Systems' Tom Baird said the unit lost money.", "controls")
    assert not pairs("Norda Systems' Danish rival Kori Finance grew.", "controls")


@pytest.mark.parametrize(
    "text",
    [
        "Kori Finance is now the target of an inquiry by the Harbour Authority.",
        "The Harbour Authority opened an investigation into Kori Finance.",
        "Kori Finance is under investigation by the Harbour Authority.",
        "The Harbour Authority said it would delist Kori Finance.",
    ],
)
def test_an_inquiry_or_a_delisting_sets_the_two_parties_against_each_other(text):
    found = {frozenset(pair) for pair in pairs(text, "opponent_of")} | {
        frozenset((s, o)) for s, o, r in facts(text, "opponent_of")
    }
    assert frozenset(("Harbour Authority", "Kori Finance")) in found


def test_the_head_of_a_centre_at_an_organisation_belongs_to_the_organisation():
    text = '"Prices will fall," said Lena Morrow, director of the Coastal Research Centre at Tarnby University.'
    assert ("Lena Morrow", "Tarnby University") in pairs(text, "member_of")


def test_the_state_holds_what_it_owns_or_runs():
    text = ("The Ruritanian Government announced a rescue on Monday. The money will flow through Kori Finance "
            "and Norda Bank, which are both state-run banks.")
    held = pairs(text, "controls")
    assert ("Ruritanian Government", "Kori Finance") in held and ("Ruritanian Government", "Norda Bank") in held
    assert ("Kenya", "Kori Finance") in pairs("The state-owned Kori Finance lost money in Kenya.", "controls")


def test_a_former_role_or_a_home_town_is_no_membership():
    assert not pairs("Tom Baird, a former analyst at Kori Finance, said so.", "member_of")
    assert not pairs("Police found Tom Baird, 59, of Tarnby, lying in the road.", "member_of")


# ---- negation stays in its clause ----------------------------------------------------------------------
def test_negation_does_not_reach_a_when_clause():
    shelled = newsgraph.extract("The rebels were not defeated when the army shelled Mombasa.")["events"]
    assert any(e["trigger"]["text"] == "shelled" and not e["negated"] for e in shelled)


def test_negation_does_not_reach_a_clause_with_its_own_subject():
    events = newsgraph.extract("The rebels did not attack Mombasa, but they shelled Malindi.")["events"]
    assert {(e["trigger"]["text"], e["negated"]) for e in events} >= {("attack", True), ("shelled", False)}


def test_parties_named_together_as_the_subject_of_one_act_are_allies():
    found = pairs("Norda Systems and Kori Finance Ltd. defeated Brightwave Inc. in the tender.", "ally_of")
    assert ("Norda Systems", "Kori Finance Ltd.") in found or ("Kori Finance Ltd.", "Norda Systems") in found


def test_parties_that_clash_are_not_allies_for_being_named_together():
    assert not pairs("Norda Systems and Brightwave Inc. clashed over the patent.", "ally_of")


def test_a_speaker_saying_i_am_in_a_place_is_there():
    text = '"I am in Mombasa tonight with the relief team," Senator Ivo Brandt said.'
    assert ("Ivo Brandt", "Mombasa") in pairs(text, "located_in")


def test_a_disagreement_with_someone_makes_opponents():
    text = "Coach Ed Varga has had disagreements with the striker Paolo Renzi all season."
    found = pairs(text, "opponent_of")
    assert ("Ed Varga", "Paolo Renzi") in found or ("Paolo Renzi", "Ed Varga") in found


def test_a_claim_denied_in_a_later_sentence_gets_the_deniers_account():
    text = (
        "The Western Brigade said on Monday that its fighters had taken control of Mombasa. "
        "Hours later the army commander Joseph Otieno said the claim was false."
    )
    found = facts(text, "controls")
    accounts = {(s, o, r["negated"], r["attributed_text"]) for s, o, r in found}
    assert ("Western Brigade", "Mombasa", False, "The Western Brigade") in accounts
    assert ("Western Brigade", "Mombasa", True, "Joseph Otieno") in accounts


def test_our_control_in_a_spokesmans_quote_is_his_organisations():
    text = '"Beira is completely under our control," Western Brigade spokesman Peter Kamau wrote on Twitter.'
    assert ("Western Brigade", "Beira") in pairs(text, "controls")


def test_withdrawing_from_a_place_is_losing_it():
    (found,) = [r for s, o, r in facts("The Western Brigade withdrew from Nakuru on Sunday.", "controls")]
    assert found["lost"] and not found["negated"]


def test_an_age_is_not_a_date():
    from newsgraph.nlp.dates import resolve_date

    assert resolve_date("34", "2021-09-06") is None
    assert resolve_date("2019", "2021-09-06") == "2019"


def test_a_preposition_hung_on_the_light_verb_still_names_the_partner():
    text = "Senator Ivo Brandt has had disagreements with Paolo Renzi, the party treasurer, for months."
    found = pairs(text, "opponent_of")
    assert ("Ivo Brandt", "Paolo Renzi") in found or ("Paolo Renzi", "Ivo Brandt") in found


def test_a_since_clause_under_a_conditional_stays_factual():
    text = "If the deal closes, it would be the largest purchase since Norda Systems bought Brightwave Inc. in 2019."
    found = facts(text, "controls")
    assert found and not any(r["hypothetical"] for _, _, r in found)


def test_a_participle_clause_after_a_name_takes_that_name_as_its_subject():
    # the parser may hang the clause on a later word; the name before its opening comma still owns it
    text = "Carmaker Norda, hoping to catch up with a resurgent rival Brightwave, on Monday ended a long silence."
    found = pairs(text, "opponent_of")
    assert ("Brightwave", "Norda") in found or ("Norda", "Brightwave") in found


def test_a_possessed_role_beside_a_name_is_stated_whatever_the_clause_modal():
    text = "The merger would help Norda Systems compete with Brightwave Inc., its biggest rival."
    found = facts(text, "opponent_of")
    assert found and not any(r["hypothetical"] or r["future"] for _, _, r in found)


def test_an_unpossessed_role_noun_keeps_the_clause_modal():
    text = "Norda Systems could form a partnership with Kori Finance next year."
    assert all(r["hypothetical"] for _, _, r in facts(text, "ally_of"))


def test_a_seller_held_what_it_sold_until_the_sale():
    found = facts("Mira Castell sold Brightwave Inc. to Norda Systems in 1999.", "controls")
    holders = {(s, o): r["lost"] for s, o, r in found}
    assert holders.get(("Norda Systems", "Brightwave Inc.")) is False
    assert holders.get(("Mira Castell", "Brightwave Inc.")) is True


@pytest.mark.parametrize(
    "text",
    [
        "The Harbor City Sharks have offered Paolo Renzi a three-year contract.",
        "The Harbor City Sharks have made striker Paolo Renzi a five-year offer.",
    ],
)
def test_the_receiver_of_an_offer_is_the_person_offered_not_the_offer(text):
    found = pairs(text, "ally_of")
    assert ("Harbor City Sharks", "Paolo Renzi") in found or ("Paolo Renzi", "Harbor City Sharks") in found


def test_starting_a_company_ties_the_founder_to_it():
    found = pairs("In 1962 Mira Castell left Brightwave Inc. to start Kori Finance.", "ally_of")
    assert ("Mira Castell", "Kori Finance") in found


def test_a_rival_named_by_a_possessive_is_the_subjects_rival():
    text = "For years Norda Systems has tried to challenge rival Brightwave's lead in the market."
    found = pairs(text, "opponent_of")
    assert ("Norda Systems", "Brightwave") in found or ("Brightwave", "Norda Systems") in found


@pytest.mark.parametrize(
    "text, leader, led",
    [
        ("Mira Castell, the mayor of Tallinn, resigned on Monday.", "Mira Castell", "Tallinn"),
        ("Oskar Venn, the boss of the harbour district of Kalamaja, was arrested.", "Oskar Venn", "Kalamaja"),
    ],
)
def test_a_leader_in_apposition_leads_the_place_named(text, leader, led):
    assert (leader, led) in pairs(text, "controls")


def test_a_body_led_by_a_party_acts_for_it_through_a_relative_clause():
    text = "Norda Systems led a group of investors that bought a majority stake last May in Brightwave Inc."
    assert ("Norda Systems", "Brightwave Inc.") in pairs(text, "controls")


def test_a_stake_with_its_company_hung_on_the_verb_is_still_a_stake_in_it():
    text = "Kori Finance acquired a 60 percent stake in March in Brightwave Inc., the firm said."
    assert ("Kori Finance", "Brightwave Inc.") in pairs(text, "controls")


def test_a_cancelled_sale_moves_nothing():
    text = "Norda Systems said it was cancelling a deal to sell Brightwave Inc. to Kori Finance."
    found = facts(text, "controls")
    assert found and all(r["negated"] for _, _, r in found)


def test_voting_with_one_side_against_a_bill_makes_allies_not_opponents():
    text = "The Socialists backed the bill. Three Conservatives voted with twenty Socialists against it."
    assert not pairs(text, "opponent_of")  # 'it' is the bill, not the plural group named before
    text = "The Senate debated the bill. Three Conservatives voted with twenty Socialists against it."
    assert not pairs(text, "opponent_of")  # nor the body that debated it
    found = pairs(text, "ally_of")
    assert ("Conservatives", "Socialists") in found or ("Socialists", "Conservatives") in found


@pytest.mark.parametrize(
    "text, person, place",
    [
        ("The injured climber Oskar Venn was airlifted to Dunedin.", "Oskar Venn", "Dunedin"),
        ("Mira Castell was extradited to Lisbon last week.", "Mira Castell", "Lisbon"),
        ("The reporter Tomas Reyes was kidnapped from his hotel in Kandahar.", "Tomas Reyes", "Kandahar"),
        ("Senator Ivo Brandt campaigned in Ohio on Tuesday.", "Ivo Brandt", "Ohio"),
        ("Dario Pell reached Kabul after a week on the road.", "Dario Pell", "Kabul"),
        ("Alma Ruiz, 41, died near Zermatt on Friday.", "Alma Ruiz", "Zermatt"),
    ],
)
def test_being_moved_held_or_reaching_a_place_puts_a_person_there(text, person, place):
    assert (person, place) in pairs(text, "located_in")


@pytest.mark.parametrize(
    "text, predicate, first, second",
    [
        ("The Norda-owned broadcaster Kanal Vier was sold.", "controls", "Norda", "Kanal Vier"),
        ("Fighters of the Vostok-backed Black Hand militia entered the town.", "ally_of", "Vostok", "Black Hand militia"),
    ],
)
def test_a_name_hyphened_to_a_participle_owns_leads_or_backs_what_it_describes(text, predicate, first, second):
    assert (first, second) in pairs(text, predicate)


def test_a_relative_sharing_the_surname_is_still_the_relative():
    text = "Kimani Sato was buried on Monday; his sister Amara Sato said he was loved."
    found = pairs(text, "ally_of")
    assert ("Amara Sato", "Kimani Sato") in found or ("Kimani Sato", "Amara Sato") in found


def test_a_place_compounded_to_a_delegation_is_not_led_by_its_chair():
    text = "Rita Sen, chair of the union's Ohio delegation, said the vote was fair."
    assert not [o for s, o in pairs(text, "controls") if o == "Ohio"]


def test_the_consortium_later_in_the_text_is_the_organisation_so_described():
    text = (
        "AirCo Ltd., a Norda-led consortium, signed a contract with the ministry. "
        "Brightwave Inc., part of the consortium, will supply engines."
    )
    found = pairs(text, "ally_of")
    assert ("Brightwave Inc.", "AirCo Ltd.") in found or ("AirCo Ltd.", "Brightwave Inc.") in found


def test_a_rival_of_an_owner_named_beside_it_is_not_the_subjects_rival():
    text = "The carmaker Volta Motors said it had approached Zentra rival Brightwave about a deal."
    found = pairs(text, "opponent_of")
    assert ("Volta Motors", "Brightwave") not in found and ("Brightwave", "Volta Motors") not in found
    text = "The airline had approached Norda Systems rival Brightwave Inc. about a deal."
    found = pairs(text, "opponent_of")
    assert ("Norda Systems", "Brightwave Inc.") in found or ("Brightwave Inc.", "Norda Systems") in found


def test_a_kinship_noun_describing_a_name_relates_it_to_no_one_else_in_the_clause():
    """'Y, a grandmother, was hit by X': the noun describes Y; it does not make Y X's relative."""
    found = pairs("Kale allegedly struck Ina Roe, a 70-year-old grandmother, as she crossed the road.", "ally_of")
    assert not found


def test_a_nephew_named_after_a_possessive_is_the_relatives_ally():
    found = pairs("Ina Roe died in hospital. \u201cWe are stunned,\u201d said her nephew, Omar Feld.", "ally_of")
    assert {"Ina Roe", "Omar Feld"} in [set(p) for p in found]


@pytest.mark.parametrize(
    "text, people, place",
    [
        ("Marco Levin beat Paul Sarno on points in Lyon on Saturday.", {"Marco Levin", "Paul Sarno"}, "Lyon"),
        ("Paul Sarno was beaten by Marco Levin at the Estadio Norte.", {"Marco Levin", "Paul Sarno"}, "Estadio Norte"),
    ],
)
def test_one_person_acting_on_another_at_a_place_puts_both_there(text, people, place):
    assert {s for s, o in pairs(text, "located_in") if o == place} == people


def test_acts_done_from_afar_put_no_one_in_a_place():
    assert not pairs("Ada Morn called Piet Olsen in Paris on Monday.", "located_in") - {("Paris", "FR")}


def test_a_minister_titled_by_a_ministrys_short_name_leads_the_ministry():
    found = pairs(
        "The Interior Ministry announced the curfew. Interior Minister Rui Tavo said it would last a week.",
        "controls",
    )
    assert ("Rui Tavo", "Interior Ministry") in found


@pytest.mark.parametrize(
    "text, member, body",
    [
        ("Halden Foods employee Yvette Hill was suspended on Thursday.", "Yvette Hill", "Halden Foods"),
        ("Dennis Bowe, a Hamas fighter, was seen in Rafah.", "Dennis Bowe", "Hamas"),
        # a title that does not lead: 'chief' before another role word serves under the one who leads
        ("Norda Systems chief economist Lena Morrow said rates would rise.", "Lena Morrow", "Norda Systems"),
        # an acronym the NER misses, before a title written in capitals
        ("NRDX CTO Tom Baird said the outage would last days.", "Tom Baird", "NRDX"),
        ("KVB chief economist Lena Morrow said rates would rise.", "Lena Morrow", "KVB"),
        # the organisation given as the name of a kind noun ('at software vendor Y')
        ('"Nobody is safe from this one," said Lena Morrow, head of research at cloud software vendor '
         "Stavelin, referring to the flaw.", "Lena Morrow", "Stavelin"),
    ],
)
def test_a_role_noun_after_an_organisations_name_makes_the_person_its_member(text, member, body):
    assert (member, body) in pairs(text, "member_of")


def test_a_title_that_leads_or_a_rival_is_no_membership():
    assert not pairs("Microsoft chief executive Ann Gale left. Apple critic Lena Hart spoke.", "member_of")


def test_the_facility_named_before_stands_for_the_church_or_hospital_visited():
    found = pairs(
        "A fire damaged the Wellton Bible Church on Friday. Governor Ann Vale visited the church on Saturday.",
        "located_in",
    )
    assert ("Ann Vale", "Wellton Bible Church") in found


@pytest.mark.parametrize(
    "text, leader, led",
    [
        ("Turkmen President Gurban Berdy opened the session. Turkmenistan voted on Sunday.", "Gurban Berdy", "Turkmenistan"),
        ("Larry Voss, pastor of the Wellton Bible Church, said the fire was set.", "Larry Voss", "Wellton Bible Church"),
    ],
)
def test_a_head_of_state_by_demonym_and_a_head_of_a_congregation_lead_them(text, leader, led):
    assert (leader, led) in pairs(text, "controls")


def test_undoing_a_measure_a_party_made_sets_one_against_that_party():
    found = pairs("Governor Leila Haddad on Monday repealed a Omar Said administration rule on water rights.", "opponent_of")
    assert {"Leila Haddad", "Omar Said"} in [set(p) for p in found]
    assert not pairs("The court struck down the ban on Monday.", "opponent_of")


def test_contesting_a_measure_a_party_made_sets_one_against_that_party():
    """'contested the X's decision', 'disputed the Y's ruling': against its author; 'was challenged by Z'
    still sets Z against the one challenged."""
    found = pairs("Lena Morrow contested the Tarnby Election Commission's decision.", "opponent_of")
    assert {"Lena Morrow", "Tarnby Election Commission"} in [set(p) for p in found]
    found = pairs("Norda Systems disputed the Trade Commission's ruling on Monday.", "opponent_of")
    assert {"Norda Systems", "Trade Commission"} in [set(p) for p in found]
    challenged = pairs("Norda Systems was challenged in court by Kori Finance.", "opponent_of")
    assert {"Norda Systems", "Kori Finance"} in [set(p) for p in challenged]


def test_one_statement_issued_together_makes_allies_two_sayings_do_not():
    joint = pairs("Producers Craig Dunn and Neil Marlow said in a statement that they were thrilled.", "ally_of")
    assert {"Craig Dunn", "Neil Marlow"} in [set(p) for p in joint]
    assert not pairs("Mali and Niger both said the border would stay open.", "ally_of")


def test_the_party_helped_to_do_something_is_the_ally():
    """'X helped Y win': the parser makes Y the subject of the clause after the verb; Y is the ally."""
    assert ("United Nations", "Sudan") in pairs("The United Nations helped Sudan secure a loan.", "ally_of")


@pytest.mark.parametrize(
    "text, predicate",
    [
        ("Michael Brown lost to David Miller in the semifinal.", "opponent_of"),
        ("Michael Brown mocked David Miller on Twitter.", "opponent_of"),
        ("Michael Brown lashed out at David Miller over the budget.", "opponent_of"),
        ("Michael Brown beat David Miller 6-3, 6-4 in the final.", "opponent_of"),
        ("Michael Brown worked alongside David Miller for years.", "ally_of"),
    ],
)
def test_losing_to_mocking_and_working_alongside_someone(text, predicate):
    """Contests lost, scorn and work side by side; a score after a name is no part of it."""
    found = pairs(text, predicate)
    assert ("Michael Brown", "David Miller") in found or ("David Miller", "Michael Brown") in found, text


def test_arriving_or_speaking_at_the_scene_puts_a_person_where_the_story_placed_its_incident():
    """'the fire chief arrived', 'said at the site of the fire': at the place of the first event the story
    tells and places; a story that places no event puts no one anywhere."""
    fire = "A fire destroyed a warehouse in Tarnby on Tuesday. "
    assert ("John Keller", "Tarnby") in pairs(fire + "Fire Chief John Keller arrived within minutes.", "located_in")
    said = fire + '"It is a total loss," Jon Hadley said at the site of the fire.'
    assert ("Jon Hadley", "Tarnby") in pairs(said, "located_in")
    assert not pairs("Fire Chief John Keller arrived within minutes.", "located_in")


def test_a_team_named_after_its_place_is_found_by_its_nickname_alone():
    """'the Chicago Bulls' ... 'Bulls guard X': the nickname is the team, and X one of its own."""
    text = ("Chicago Bulls guard Dale Prewitt was arrested on Sunday. "
            "Bulls guard Kevin Moore was arrested in January.")
    assert ("Kevin Moore", "Chicago Bulls") in pairs(text, "member_of")


def test_a_head_of_government_titled_by_a_demonym_leads_the_country_the_text_names():
    text = "Riots broke out in Portugal on Wednesday. Portuguese prime minister Maria Santos condemned the killings."
    assert ("Maria Santos", "Portugal") in pairs(text, "controls")


def test_telling_or_saying_something_in_a_chamber_or_a_city_puts_the_speaker_there():
    assert ("Maria Santos", "Parliament") in pairs(
        "Maria Santos told Parliament that the killers would be found.", "located_in")
    assert ("Alma Ruiz", "Tallinn") in pairs("Alma Ruiz said in Tallinn that talks would resume.", "located_in")
    assert not pairs("Alma Ruiz said in a statement that talks would resume.", "located_in")
    # a newspaper told, or a body owning the announcement, is no place one is in
    assert not pairs("Tom Baird told the Tarnby Evening Courier that he was a problem.", "located_in")
    assert not pairs("Mara Quill said in the Academy's announcement that she was thrilled.", "located_in")


def test_an_owner_titled_without_a_team_owns_the_one_the_story_is_about():
    """'Owner X flew in' in a story that keeps naming one club: X owns that club. A president titled so in
    a story about a company heads no company."""
    club = ("The Kent Rovers offered Tom Baird a new contract. The Kent Rovers said talks went well. "
            "Owner Mara Quill flew to Velm on Tuesday.")
    assert ("Mara Quill", "Kent Rovers") in pairs(club, "controls")
    firm = "Norda Systems cut jobs. President Alma Ruiz said Norda Systems must change. Norda Systems shares fell."
    assert not [p for p in pairs(firm, "controls") if p[1] == "Norda Systems"]
    rival = ("Norda Systems cut jobs. Norda Systems said sales fell. Norda Systems shares fell. Its rival Kori "
             "Finance grew. CEO Tom Baird said demand was strong.")  # the last organisation named is another
    assert not [p for p in pairs(rival, "controls") if p == ("Tom Baird", "Norda Systems")]


def test_taking_the_helm_leads_an_organisation_and_owns_nothing():
    for text in ("Lena Morrow took the helm at Norda Systems in 2010.",
                 "Lena Morrow took over the reins of Norda Systems last year."):
        found = [r for holder, held, r in facts(text, "controls") if (holder, held) == ("Lena Morrow", "Norda Systems")]
        assert found and all(r["cue"] == "helm" for r in found), text


@pytest.mark.parametrize(
    "text",
    [
        "The Kent Rovers and the Essex Eagles are longtime rivals.",
        "The Kent Rovers edged the Essex Eagles 4-3 in extra time.",
        "The Kent Rovers clinched the title with a 2-1 victory over the Essex Eagles.",
        "The Kent Rovers' 3-0 win over the Essex Eagles sealed the title.",
        "The Kent Rovers suffered a loss to the Essex Eagles.",
    ],
)
def test_sides_of_a_contest_are_opponents(text):
    """Rivals named together, a narrow or heavy win, a victory or a loss 'over' / 'to' the other side."""
    found = pairs(text, "opponent_of")
    assert ("Kent Rovers", "Essex Eagles") in found or ("Essex Eagles", "Kent Rovers") in found, text


def test_facing_charges_sets_no_one_against_the_charges_name():
    assert not pairs("Tarnby lineman Tom Baird faces fraud charges.", "opponent_of")


def test_an_offer_rejected_sets_its_rejecter_against_the_one_who_made_it():
    """CAMEO's 'reject': turning down a party's offer or proposal sets one against it in that matter."""
    for text in ("Norda Systems rejected Velt Capital's offer.", "Norda Systems rejected an offer from Velt Capital."):
        assert ("Norda Systems", "Velt Capital") in pairs(text, "opponent_of"), text
    assert not pairs("The union rejected the verdict.", "opponent_of")


def test_endorsing_a_person_is_siding_with_them():
    """'endorse' also accepts proposals; said of a person it is support all the same."""
    assert ("Tom Baird", "Lena Morrow") in pairs("Tom Baird endorsed Lena Morrow for mayor.", "ally_of")


def test_a_meeting_place_hung_on_the_partner_puts_both_people_there():
    """'met with Y in X', 'met the minister, Y in X': the parser hangs the place on the one met."""
    for text in ("Defence Minister Tom Baird met with Prime Minister Lena Morrow in Nairobi on Monday.",
                 "Tom Baird met the Kenyan foreign minister, Lena Morrow in Nairobi today."):
        found = pairs(text, "located_in")
        assert {("Tom Baird", "Nairobi"), ("Lena Morrow", "Nairobi")} <= found, text


@pytest.mark.parametrize(
    "text, holder, held",
    [
        # a common noun standing for the name held: an appositive, a copula's complement
        ("The contract went to Brightwave Inc., a firm owned by Tom Baird.", "Tom Baird", "Brightwave Inc."),
        ("Mombasa is the largest city controlled by the Kalbar Liberation Front.", "Kalbar Liberation Front", "Mombasa"),
        # a passive infinitive whose subject sits on the verb above
        ("Brightwave Inc. has agreed to be acquired by Norda Systems for $30 million.", "Norda Systems", "Brightwave Inc."),
    ],
)
def test_control_through_a_describing_noun_or_a_raised_subject(text, holder, held):
    assert (holder, held) in {(s, o) for s, o, r in facts(text, "controls") if not r["negated"]}, text


@pytest.mark.parametrize(
    "text, loser, taker",
    [
        ("Government troops recaptured Mombasa from the Kalbar Liberation Front on Sunday.", "Kalbar Liberation Front", None),
        ("Kenya liberated Mombasa from Kalbar Liberation Front control.", "Kalbar Liberation Front", "Kenya"),
        ("The Kalbar Liberation Front was driven out of Mombasa by Kenya.", "Kalbar Liberation Front", "Kenya"),
        ("Kenyan forces drove the Kalbar Liberation Front out of Mombasa in May.", "Kalbar Liberation Front", None),
        ("The Kalbar Liberation Front was expelled from Mombasa last year.", "Kalbar Liberation Front", None),
    ],
)
def test_the_party_a_place_is_taken_from_or_driven_out_of_held_it_no_more(text, loser, taker):
    found = {(s, o): r for s, o, r in facts(text, "controls")}
    assert (loser, "Mombasa") in found and found[(loser, "Mombasa")]["lost"], text
    if taker:
        assert (taker, "Mombasa") in found and not found[(taker, "Mombasa")]["lost"], text


def test_a_seller_named_with_from_held_the_company_until_the_sale():
    found = {(s, o): r for s, o, r in facts("Norda Systems bought Brightwave Inc. from Velt Capital in 2019.", "controls")}
    assert not found[("Norda Systems", "Brightwave Inc.")]["lost"]
    assert found[("Velt Capital", "Brightwave Inc.")]["lost"]


def test_an_officer_ousted_from_a_company_loses_no_place():
    assert not facts("Tom Baird was ousted from Norda Systems in a boardroom coup.", "controls")


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("Norda Systems reiterated its support for Brightwave Inc. in the dispute.", "Norda Systems", "Brightwave Inc."),
        ("In support of the Kalbar Liberation Front, Norda Systems sent trucks to the border.",
         "Norda Systems", "Kalbar Liberation Front"),
        ("With the backing of Velt Capital, Brightwave Inc. opened a plant.", "Brightwave Inc.", "Velt Capital"),
        ("Tom Baird is in talks with Lena Morrow about a merger.", "Tom Baird", "Lena Morrow"),
    ],
)
def test_support_given_or_acted_in_makes_allies(text, first, second):
    found = pairs(text, "ally_of")
    assert (first, second) in found or (second, first) in found, text


def test_a_relation_noun_in_a_with_phrase_is_not_the_partner_of_another_role_noun():
    found = pairs("With the backing of Velt Capital, Brightwave Inc. bought a rival.", "opponent_of")
    assert not found


@pytest.mark.parametrize(
    "text",
    [
        "Norda Systems and Brightwave Inc. jointly developed the engine.",
        "The engine was jointly developed by Norda Systems and Brightwave Inc.",
        "The engine was developed by Norda Systems together with Brightwave Inc.",
        "Norda Systems, along with Brightwave Inc., built the engine.",
    ],
)
def test_an_act_the_text_calls_joint_makes_allies(text):
    found = pairs(text, "ally_of")
    assert ("Norda Systems", "Brightwave Inc.") in found or ("Brightwave Inc.", "Norda Systems") in found, text


def test_two_people_in_one_event_without_an_act_done_together_are_not_allies():
    assert not pairs("Tom Baird, along with Kevin Moore, died in the crash.", "ally_of")


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("Norda Systems vehemently denied Velt Capital's claims in a statement on Monday.", "Norda Systems", "Velt Capital"),
        ("Tom Baird disputed the account given by Kevin Moore.", "Tom Baird", "Kevin Moore"),
        ("Kevin Moore said Tom Baird had been arguing with Lena Morrow.", "Tom Baird", "Lena Morrow"),
    ],
)
def test_disputing_a_partys_claims_or_arguing_with_it_sets_one_against_it(text, first, second):
    assert (first, second) in pairs(text, "opponent_of"), text


@pytest.mark.parametrize(
    "text, person, body, predicate",
    [
        ("UN Special Envoy Tom Baird said the plan failed.", "Tom Baird", "UN", "member_of"),
        ("Norda Systems Chairman and CEO Tom Baird said the plan failed.", "Tom Baird", "Norda Systems", "controls"),
    ],
)
def test_capitalised_and_joined_titles_after_an_organisation(text, person, body, predicate):
    assert (person, body) in pairs(text, predicate), text


def test_a_former_holder_of_a_role_is_no_member_and_a_secretary_heads_rather_than_belongs():
    assert not pairs("She thanked former Norda Systems envoy Tom Baird.", "member_of")
    assert not [p for p in pairs("Norda Systems Secretary Tom Baird said the plan failed.", "member_of")]


@pytest.mark.parametrize(
    "text, person, place",
    [
        ("During Tom Baird's visit to Nairobi last year, the two nations announced a deal.", "Tom Baird", "Nairobi"),
        ("On the margins of his official visit to Uganda, President Tom Baird attended the ceremony.", "Tom Baird", "Uganda"),
        ("Tom Baird made a surprise trip to Kisumu on Monday.", "Tom Baird", "Kisumu"),
        ("Lena Morrow paid a visit to Nairobi on Tuesday.", "Lena Morrow", "Nairobi"),
        ("Tom Baird is on a three-day visit to Uganda.", "Tom Baird", "Uganda"),
        ("Kenya welcomed the visit to Nairobi by Lena Morrow.", "Lena Morrow", "Nairobi"),
    ],
)
def test_a_visit_or_trip_told_as_a_noun_puts_the_traveller_there(text, person, place):
    assert (person, place) in pairs(text, "located_in"), text


@pytest.mark.parametrize(
    "text",
    [
        "Tom Baird cancelled his visit to Nairobi.",
        "Tom Baird postponed his planned trip to Kisumu.",
        "Tom Baird called for a visit to Nairobi by Lena Morrow.",
        "Tom Baird denied reports of a trip to Nairobi.",
    ],
)
def test_a_visit_cancelled_called_for_or_only_planned_puts_no_one_anywhere(text):
    assert not pairs(text, "located_in"), text


@pytest.mark.parametrize(
    "text",
    [
        "Tom Baird hit Kevin Moore for a seven-yard touchdown with four minutes to play.",
        "Tom Baird threw for 205 yards, and his touchdown pass to Kevin Moore won the game.",
    ],
)
def test_a_scoring_pass_makes_teammates_not_foes(text):
    """Game reports say a passer 'hit' or 'found' a receiver 'for a touchdown': one side, no blow struck."""
    assert ("Tom Baird", "Kevin Moore") in pairs(text, "ally_of"), text
    assert not pairs(text, "opponent_of"), text


def test_an_interception_returned_for_a_score_is_no_pass_between_teammates():
    assert not pairs("Tom Baird intercepted Kevin Moore for a 32-yard touchdown.", "ally_of")


def test_the_one_completing_a_purchase_holds_what_was_bought():
    for text in ("Norda Systems said it had completed the purchase of Brightwave Inc.",
                 "Norda Systems closed the acquisition of Brightwave Inc. on Monday."):
        assert ("Norda Systems", "Brightwave Inc.") in pairs(text, "controls"), text
    assert not pairs("Regulators questioned the purchase of Brightwave Inc.", "controls")


def test_the_place_given_in_an_appositive_of_the_facility_entered_is_where_one_is():
    found = pairs("Lena Morrow checked herself into the Pinecrest Lodge, a rehab facility in Malibu.", "located_in")
    assert ("Lena Morrow", "Malibu") in found


@pytest.mark.parametrize(
    "text, predicate, first, second",
    [
        ("A representative for Lena Morrow, Kevin Moore, confirmed the news.", "ally_of", "Kevin Moore", "Lena Morrow"),
        ("Tom Baird testified against Kevin Moore on Tuesday.", "opponent_of", "Tom Baird", "Kevin Moore"),
        ("Tom Baird was suspended by the Harbour Hawks for four games.", "opponent_of", "Harbour Hawks", "Tom Baird"),
        ("Tom Baird is a former teammate of Kevin Moore.", "ally_of", "Tom Baird", "Kevin Moore"),
        ("Kevin Moore, shot by officer Tom Baird, died on Sunday.", "opponent_of", "Tom Baird", "Kevin Moore"),
    ],
)
def test_court_team_and_reduced_passive_sides(text, predicate, first, second):
    found = pairs(text, predicate)
    assert (first, second) in found or (second, first) in found, text


def test_the_one_replaced_or_succeeded_held_the_post_before_and_does_not_lead_now():
    found = pairs("Tom Baird succeeded Kevin Moore as head of Norda Systems.", "controls")
    assert ("Tom Baird", "Norda Systems") in found and ("Kevin Moore", "Norda Systems") not in found


def test_a_post_given_by_naming_someone_to_it_makes_a_leader_or_a_member():
    """'Y named X its chief executive' (however the parser splits it) leads Y; 'named X their new coach'
    makes X one of Y's."""
    assert ("Tom Baird", "Norda Systems") in pairs("Norda Systems named Tom Baird its chief executive on Monday.", "controls")
    assert ("Tom Baird", "Harbour Hawks") in pairs("The Harbour Hawks named Tom Baird their new coach on Monday.", "member_of")
    assert not pairs("Tom Baird is a fan of the Harbour Hawks.", "member_of")


def test_a_person_arrested_by_police_of_a_place_is_in_that_place():
    """'Police in Y arrested X' and 'X was detained by police in Y': local forces arrest where they are."""
    for text in ("Police in Nairobi arrested Tom Baird on Monday.",
                 "Tom Baird was arrested by police in Nairobi on Monday."):
        assert ("Tom Baird", "Nairobi") in pairs(text, "located_in"), text
    assert not pairs("Police in Nairobi are searching for Tom Baird.", "located_in")


@pytest.mark.parametrize(
    "text, predicate, first, second",
    [
        # a fight backed by another is the backed party's
        ("Kenya stands firm in its backing of the Norda Government and the Nordan people in their fight "
         "against the Kalbar Liberation Front.", "opponent_of", "Norda Government", "Kalbar Liberation Front"),
        ("Tom Baird reiterated support for the Norda Government in the fight against the Kalbar Liberation "
         "Front.", "opponent_of", "Norda Government", "Kalbar Liberation Front"),
        # 'its' may stand for a country acting
        ("Jets struck the Kalbar Liberation Front. Kenya stands firm in its backing of the Norda "
         "Government.", "ally_of", "Kenya", "Norda Government"),
        # both parties of a 'between' phrase, however the parser hangs the second
        ("We welcome the agreement on 2 May between the Norda Government, led by Tom Baird, and the Kalbar "
         "Regional Government, on port fees.", "ally_of", "Norda Government", "Kalbar Regional Government"),
        # a participle set off after a party of the 'between' phrase describes that party, not the talks
        ("Talks between the Transitional Council of Norda, led by President Tom Baird, and the Kalbar Front "
         "resumed.", "controls", "Tom Baird", "Transitional Council of Norda"),
        ("The war between Kenya and the Kalbar Liberation Front has lasted a decade.", "opponent_of", "Kenya",
         "Kalbar Liberation Front"),
        # 'as part of Y' says on whose side the subject acts
        ("Kenya, as part of the Global Coalition, is committed to providing support.", "ally_of", "Kenya",
         "Global Coalition"),
        # protecting someone from a party is against that party, and with the one protected
        ("Kenya is working to defend the Nordan people from the KLF's brutality.", "opponent_of", "Kenya", "KLF"),
        ("Kenya protects the villagers from attacks by the Kalbar Liberation Front.", "opponent_of", "Kenya",
         "Kalbar Liberation Front"),
        ("Kenya defended Tom Baird from the Kalbar Liberation Front.", "ally_of", "Kenya", "Tom Baird"),
        # condemning an attack is against whoever carried it out
        ("Kenya condemns in the strongest terms the KLF attack this morning at a market in Kisumu.",
         "opponent_of", "Kenya", "KLF"),
    ],
)
def test_backed_fights_between_phrases_and_sides_taken_as_part_of_a_body(text, predicate, first, second):
    found = pairs(text, predicate)
    assert (first, second) in found or (second, first) in found, (text, found)


def test_acting_as_part_of_a_plan_joins_no_body():
    found = pairs("As a part of Norda's restructuring plans, Tom Baird announced that plants would close.", "ally_of")
    assert not found


def test_condemning_an_attack_does_not_set_the_condemner_against_its_victims_or_place():
    for text in ("Kenya condemned the attack on Norda Systems.",
                 "Kenya condemned the KLF attack on a market in Mombasa."):
        found = pairs(text, "opponent_of")
        assert not {p for p in found if "Norda Systems" in p or "Mombasa" in p}, (text, found)
    result = newsgraph.extract("Kenya condemned the attack on Norda Systems.", published="2024-05-06")
    accusations = [e for e in result["events"] if e["type"] == "ACCUSE"]
    assert accusations and all(e["target"] is None for e in accusations)


def test_the_party_fought_inside_a_backed_effort_is_not_backed(nlp):
    """A party named only inside an 'against' phrase of what is backed ('backs the war against X') is the
    one fought; a party the backed phrase names itself is the one backed."""
    from newsgraph.nlp.events import fought_inside

    doc = nlp("Kenya backs the war against the Kalbar Liberation Front.")
    front = next(e["id"] for e in doc._.entities if e["name"] == "Kalbar Liberation Front")
    war = next(t for t in doc if t.lower_ == "war")
    assert fought_inside(doc, war, front)
    doc = nlp("Kenya backs the Kalbar Liberation Front in its war.")
    front = next(e["id"] for e in doc._.entities if e["name"] == "Kalbar Liberation Front")
    named = next(t for t in doc if t.lower_ == "front")
    assert not fought_inside(doc, named, front)
    assert ("Kenya", "Norda Forces") in pairs("Kenya supports the Norda Forces in the fight against the Kalbar Liberation Front.", "ally_of")


def test_an_organisation_named_with_an_in_phrase_of_a_place_is_there_whatever_the_clause_says():
    """'will strike X in Y and Z', 'X in Y has lost ground': the organisation is in those places (a
    standing fact, not hedged by the clause's future); a person or a thing of the organisation is not."""
    for text, places in (
        ("Kenya will continue to strike the Kalbar Liberation Front in Uganda and Somalia.", {"Uganda", "Somalia"}),
        ("The Kalbar Liberation Front in Uganda has lost ground.", {"Uganda"}),
    ):
        found = {place for org, place in pairs(text, "located_in") if org == "Kalbar Liberation Front"}
        assert found == places, (text, found)
    assert not pairs("Norda Systems sales in Kenya rose.", "located_in")


def test_a_place_set_before_the_clause_is_where_its_organisation_subject_acts():
    for text in ("In Somalia, the Kalbar Liberation Front has made extraordinary progress over the past months.",
                 "In Uganda, Norda Systems has made progress, with the support of the Global Coalition."):
        assert {p for _, p in pairs(text, "located_in")} & {"Somalia", "Uganda"}, text
    assert not pairs("In May, Norda Systems opened a plant.", "located_in")


def test_a_definite_title_stands_for_the_one_person_the_article_gave_it():
    """'the Foreign Secretary' after 'Foreign Secretary Tom Baird', 'the governor' after 'Lena Morrow,
    the governor of Kisumu County,': the acts, stances and quotes of the title are that person's; a title
    two people hold, or a former one, stands for no one."""
    text = ("Foreign Secretary Tom Baird met the Kenyan Foreign Minister, Lena Morrow, in Nairobi today. "
            "\"We will not give up,\" the Foreign Secretary said. The Foreign Secretary later visited Mombasa.")
    result = newsgraph.extract(text, published="2024-05-06")
    names = {e["id"]: e["name"] for e in result["entities"]}
    assert [names.get(q["speaker"]) for q in result["quotes"]] == ["Tom Baird"]
    assert ("Tom Baird", "Mombasa") in pairs(text, "located_in")
    assert ("Lena Morrow", "Mombasa") in pairs(
        "Lena Morrow, the governor of Kisumu County, met Kevin Moore. The governor later visited Mombasa.", "located_in")
    for text in ("Minister Tom Baird met Minister Lena Morrow. The minister later visited Mombasa.",
                 "Former minister Tom Baird met Kevin Moore. The former minister later visited Mombasa."):
        assert not pairs(text, "located_in"), text
