"""The one answer to what a word stands for (``extract/coref.py``), read by the event coder
and the quotes stage: the rules on hand-built parses, then whole texts through the
pipeline, where the actors stage resolves the pronouns and descriptions."""

from __future__ import annotations

import pytest

from tests.conftest import code_text
from tests.handparse import hand_parse
from thucydides.extract.coref import Referents, actors_by_token
from thucydides.records import Actor, ArticleRecord, ParsedText, Span


def _span(parsed: ParsedText, first: int, last: int) -> Span:
    a, b = parsed.tokens[first].start, parsed.tokens[last].end
    return Span(a, b, parsed.text[a:b])


#  0 Ali  1 Wyne  2 met  3 the  4 general  5 .  6 Wyne  7 said  8 he  9 left  10 .
WYNE = hand_parse(
    ["Ali", "Wyne", "met", "the", "general", ".", "Wyne", "said", "he", "left", "."],
    [1, 2, 2, 4, 2, 2, 7, 7, 9, 7, 7],
    ["compound", "nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp",
     "punct"],
    ["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PRON", "VERB",
     "PUNCT"],
    sentence_starts=(0, 6),
)  # fmt: skip


def _wyne_actors(*, he: bool) -> list[Actor]:
    p = WYNE
    wyne = Actor("A1", "Ali Wyne", "person", mentions=(_span(p, 0, 1),))
    general = Actor("A2", "Khalifa Hiftar", "person", mentions=(_span(p, 3, 4),))
    if he:
        general = Actor("A2", "Khalifa Hiftar", "person", mentions=(_span(p, 3, 4), _span(p, 8, 8)))
    return [wyne, general]


def test_a_covered_token_is_its_mentions_actor() -> None:
    ref = Referents(WYNE, _wyne_actors(he=True))
    assert ref(1) == ("A1",)
    assert ref(4) == ("A2",)
    assert ref(8) == ("A2",)  # the pronoun, as the actors stage resolved it


def test_a_pronoun_no_mention_covers_names_no_one() -> None:
    # no nearest-person guess: "he" could be Wyne or the general, the actors stage decides
    assert Referents(WYNE, _wyne_actors(he=False))(8) == ()


def test_a_name_no_mention_covers_is_the_one_actor_with_that_surname() -> None:
    ref = Referents(WYNE, _wyne_actors(he=False))
    assert ref(6) == ("A1",)
    twin = Actor("A3", "Sara Wyne", "person", mentions=())
    assert Referents(WYNE, [*_wyne_actors(he=False), twin])(6) == ()  # two Wynes: no guess


def test_a_definite_description_stands_for_an_actor_only_as_a_speaker() -> None:
    p = WYNE
    general = Actor("A2", "General Khalifa Hiftar", "person", mentions=(_span(p, 0, 1),))
    ref = Referents(p, [general])
    assert ref(4) == ()  # as an event's party, "the general" could be anything
    assert ref.speaker(4) == ("A2",)  # "the general said": the one actor so titled


def test_a_shared_span_gives_every_actor_that_shares_it() -> None:
    # "Hungarian and Romanian officials": one span, two actors
    p = hand_parse(
        ["Hungarian", "and", "Romanian", "officials", "met"],
        [3, 0, 0, 4, 4],
        ["amod", "cc", "conj", "nsubj", "ROOT"],
        ["ADJ", "CCONJ", "ADJ", "NOUN", "VERB"],
    )
    span = _span(p, 0, 3)
    actors = [Actor("A1", "Hungarian officials", "group", mentions=(span,)),
              Actor("A2", "Romanian officials", "group", mentions=(span,))]  # fmt: skip
    assert actors_by_token(p, actors)[3] == ("A1", "A2")


def test_a_nested_mention_keeps_its_own_actor() -> None:
    p = hand_parse(
        ["Hiftar", "'s", "forces", "advanced"],
        [2, 0, 3, 3],
        ["poss", "case", "nsubj", "ROOT"],
        ["PROPN", "PART", "NOUN", "VERB"],
    )
    actors = [Actor("A1", "Hiftar", "person", mentions=(_span(p, 0, 0),)),
              Actor("A2", "forces of Hiftar", "group", mentions=(_span(p, 0, 2),))]  # fmt: skip
    at = actors_by_token(p, actors)
    assert (at[0], at[2]) == (("A1",), ("A2",))


# ---------------------------------------------------------------- whole texts


def _events(record: ArticleRecord) -> list[tuple[str, list[str], list[str]]]:
    names = {a.id: a.name for a in record.actors}
    return [
        (e.event, [names[a] for a in e.actor], [names[a] for a in e.recipient])
        for e in record.events
    ]


@pytest.mark.slow
def test_they_is_the_police_for_the_event_coder(parser, knowledge) -> None:
    text = "Police surrounded the compound on Monday. They arrested eleven suspects."
    record = code_text(parser, knowledge, text)
    assert ("COERCE", ["Police"], ["eleven suspects"]) in _events(record)
    (police,) = [a for a in record.actors if a.name == "Police"]
    assert "They" in [m.text for m in police.mentions]


@pytest.mark.slow
def test_one_pronoun_is_one_actor_as_speaker_and_as_actor(parser, knowledge) -> None:
    text = (
        "Interior Minister Rashid Kamal visited the border on Tuesday. "
        "He ordered the arrest of the smugglers, he told reporters."
    )
    record = code_text(parser, knowledge, text)
    names = {a.id: a.name for a in record.actors}
    (quote,) = record.quotes
    assert (quote.speaker_text, names.get(quote.speaker or "")) == ("he", "Rashid Kamal")
    assert any(e.actor == (quote.speaker,) for e in record.events if e.event == "COERCE")


@pytest.mark.slow
def test_a_pronoun_the_actors_stage_leaves_open_names_no_one(parser, knowledge) -> None:
    # "they" after "whoever" is the indefinite's: no actor, for the events as for the actors
    text = (
        "Jamshed Ajmal, a passenger, described the attack. "
        "Whoever did not leave the train, they killed three Pakistani soldiers, he said."
    )
    record = code_text(parser, knowledge, text)
    killed = [e for e in record.events if e.event == "ASSAULT"]
    assert killed and all(not e.actor for e in killed)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Arakan Army seized the town of Paletwa in January. "
            "The group said it would hold talks with the military.",
            "Arakan Army",
        ),
        # a group noun with adjectives refers back to the named body, whatever its head
        (
            "The Mountain Front seized two border posts on Sunday. "
            "The separatist group said it would not withdraw.",
            "Mountain Front",
        ),
        # a description with a compound of its own is its own group, not the named one
        (
            "The European Commission published figures on Monday. "
            "The poultry farmers group said imports had doubled.",
            "poultry farmers group",
        ),
    ],
)
def test_the_group_refers_back_to_the_named_group(parser, knowledge, text, speaker) -> None:
    record = code_text(parser, knowledge, text)
    names = {a.id: a.name for a in record.actors}
    (quote,) = record.quotes
    assert names.get(quote.speaker or "") == speaker


@pytest.mark.slow
def test_an_actor_reached_through_a_pronoun_costs_confidence(parser, knowledge) -> None:
    # the same arrest, once by name and once by "They": the pronoun's is less certain
    # (the coder's raw score: the calibration that follows maps steps of it)
    from thucydides.knowledge.confidence import ConfidenceTable
    from thucydides.pipeline import extract

    def raw(text: str):
        found = extract(parser.parse(text), knowledge, None, ConfidenceTable.identity())
        return [e for e in found.events if e.event == "COERCE"]

    (a,) = raw("Police arrested eleven suspects on Monday.")
    (b,) = raw("Police surrounded the compound on Monday. They arrested eleven suspects.")
    assert b.confidence == pytest.approx(a.confidence * 0.9, abs=0.01)


@pytest.mark.slow
def test_they_can_be_a_named_group(parser, knowledge) -> None:
    # "the Taliban" is singular to the parser, but a named group is a "they"
    text = (
        "Human rights representatives criticized the ban. No country has recognized the "
        "Taliban as the legitimate government since they seized control of Afghanistan."
    )
    record = code_text(parser, knowledge, text)
    (taliban,) = [a for a in record.actors if a.name == "Taliban"]
    assert "they" in [m.text for m in taliban.mentions]
    assert ("COERCE", ["Taliban"], ["Afghanistan"]) in _events(record)


@pytest.mark.slow
def test_they_in_what_a_group_reports_is_the_group(parser, knowledge) -> None:
    # not the passengers of the sentence before: the group's own "they"
    text = (
        "The Baloch Liberation Army claimed the attack and took 100 passengers hostage. "
        "It later claimed they were holding over 200 hostages."
    )
    record = code_text(parser, knowledge, text)
    (bla,) = [a for a in record.actors if a.name == "Baloch Liberation Army"]
    assert "they" in [m.text for m in bla.mentions]


@pytest.mark.slow
def test_a_relative_is_a_person_of_their_own(parser, knowledge) -> None:
    # "the son of X" met lawmakers, not X; his name says one son, not "sons"
    text = "The son of jailed editor Omar Haddad met lawmakers in Brussels on Monday."
    record = code_text(parser, knowledge, text)
    assert [a for t, a, _r in _events(record) if t == "CONSULT"] == [["son of Omar Haddad"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a description and the name it is given are one actor
        "Officials say a rebel group known as the Mountain Front has attacked two villages. "
        "The army accuses the rebel group of killing civilians.",
        "An armed group calling itself the Mountain Front attacked two villages. "
        "The army accuses the rebel group of killing civilians.",
    ],
)
def test_a_description_given_a_name_is_the_named_actor(parser, knowledge, text) -> None:
    record = code_text(parser, knowledge, text)
    accused = [r for t, _a, r in _events(record) if t == "ACCUSE"]
    # "of killing civilians" is what the group is accused of, not part of its name
    assert accused == [["Mountain Front"]]


@pytest.mark.slow
def test_gunmen_and_security_forces_are_two_sides(parser, knowledge) -> None:
    text = (
        "Gunmen stormed a hotel in Mogadishu on Friday. "
        "Security forces ended the siege after six hours."
    )
    record = code_text(parser, knowledge, text)
    gunmen = [a for a in record.actors if a.name == "Gunmen"]
    assert gunmen and all("forces" not in m.text for m in gunmen[0].mentions)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # "the council" and "the agency" refer back to the named body
        (
            "Ms. Osei addressed the UN Security Council on Monday. She urged the council to "
            "press both sides to allow aid into the city.",
            "UN Security Council",
        ),
        (
            "UNICEF published figures on Monday. Ghana asked the agency to send more "
            "vaccines to the north.",
            "UNICEF",
        ),
    ],
)
def test_a_body_named_before_is_the_council_or_the_agency(parser, knowledge, text, recipient):
    record = code_text(parser, knowledge, text)
    assert [r for t, _a, r in _events(record) if t == "REQUEST"] == [[recipient]]


@pytest.mark.slow
def test_the_attackers_are_the_gunmen_just_named(parser, knowledge) -> None:
    text = (
        "Gunmen stormed a hotel in Mogadishu on Friday. The attackers killed nine guests "
        "before soldiers ended the siege."
    )
    record = code_text(parser, knowledge, text)
    assert [a for t, a, _r in _events(record) if t == "ASSAULT"] == [["Gunmen"], ["Gunmen"]]


@pytest.mark.slow
def test_two_people_of_one_surname_stay_two(parser, knowledge) -> None:
    # "Lai" alone fits both; "Samir Lai" does not fit "Jimmy Lai"; his son's father is him
    text = (
        "The son of jailed publisher Jimmy Lai was in Washington this week. Lai, 77, has "
        "been held since 2020. Samir Lai met lawmakers on Tuesday and said his father was ill."
    )
    record = code_text(parser, knowledge, text)
    by_name = {a.name: a for a in record.actors}
    assert "Jimmy Lai" in by_name and "Samir Lai" not in {
        m.text for m in by_name["Jimmy Lai"].mentions
    }
    son = [a for a in record.actors if a.name.startswith("son of")]
    assert son and "his father" not in {m.text for m in son[0].mentions}


@pytest.mark.slow
@pytest.mark.parametrize(
    "second",
    [
        "The two presidents agreed to expand trade.",
        "Both leaders agreed to expand trade.",
        "The presidents agreed to expand trade.",
    ],
)
def test_the_two_presidents_are_the_two_just_named(parser, knowledge, second) -> None:
    text = (
        "Ghanaian President John Mahama met Togolese President Faure Gnassingbe in Lome "
        "on Monday. " + second
    )
    record = code_text(parser, knowledge, text)
    agreed = [a for t, a, _r in _events(record) if t == "AGREE"]
    assert agreed and set(agreed[0]) == {"John Mahama", "Faure Gnassingbe"}
    # each is still one person, whom a later "the president" can name
    assert all("president" not in a.name for a in record.actors)


@pytest.mark.slow
def test_the_army_chief_is_not_the_rebel_chief(parser, knowledge) -> None:
    # a noun modifier of a description ("army", "of police") must be the person's own
    text = (
        "The rebel chief praised the withdrawal on Sunday. The Kenyan army chief said his "
        "forces had killed 40 rebels. The army chief also said the chief of police was safe."
    )
    record = code_text(parser, knowledge, text)
    mentions = {a.name: {m.text for m in a.mentions} for a in record.actors}
    army = [n for n, ms in mentions.items() if "The Kenyan army chief" in ms]
    assert army and "The army chief" in mentions[army[0]]
    assert not mentions[army[0]] & {"The rebel chief", "the chief of police"}


@pytest.mark.slow
def test_both_countries_are_the_two_states_just_named(parser, knowledge) -> None:
    text = (
        "Relations between Ghana and Togo collapsed in 2019, when both countries "
        "withdrew their ambassadors."
    )
    record = code_text(parser, knowledge, text)
    withdrew = [a for t, a, _r in _events(record) if t == "SANCTION"]
    assert withdrew and set(withdrew[0]) == {"Ghana", "Togo"}


@pytest.mark.slow
def test_a_nickname_is_the_same_person(parser, knowledge) -> None:
    text = (
        "Ghanaian President Kwame Asante signed a law extending his term. Asante, known by "
        "his nickname Jojo, signed it late Tuesday. Opposition leaders urged Jojo to resign."
    )
    record = code_text(parser, knowledge, text)
    assert [r for t, _a, r in _events(record) if t == "REQUEST"] == [["Kwame Asante"]]


@pytest.mark.slow
def test_a_singular_group_description_is_not_an_earlier_plural_one(parser, knowledge) -> None:
    text = (
        "Officials said two militant groups operate near the border. The separatist group "
        "has attacked army posts for years."
    )
    record = code_text(parser, knowledge, text)
    for actor in record.actors:
        texts = {m.text for m in actor.mentions}
        assert not ({"two militant groups", "The separatist group"} <= texts)


@pytest.mark.slow
@pytest.mark.parametrize(
    "acts",
    ["of killing and looting villages", "of killing, maiming, looting, and displacing civilians"],
)
def test_a_group_accused_of_acts_is_the_group_not_a_partitive(parser, knowledge, acts) -> None:
    # "the group of killing ..." names no members: the group is the one accused
    text = (
        "Officials say a rebel group has relaunched attacks in northern Chad. "
        f"The Chadian government accuses the rebel group {acts}."
    )
    record = code_text(parser, knowledge, text)
    names = {a.id: a.name for a in record.actors}
    accused = [e for e in record.events if e.event == "ACCUSE"]
    assert accused and any("rebel group" in names[r] for r in accused[0].recipient)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a definite state noun as subject: the state the story just named as a subject
        ("Lithuania has long warned about Russian spying. On Monday the Baltic state "
         "expelled a Russian diplomat for espionage.", "Lithuania"),
        ("Estonia summoned Russia's envoy on Monday. The country also expelled a Russian "
         "diplomat.", "Estonia"),
        ("Malawi faces a fuel crisis. The landlocked nation banned fuel exports to Zambia on "
         "Monday.", "Malawi"),
        # a subject's owner: "the country's president"
        ("Kenya held elections on Tuesday. The country's president accused the opposition "
         "of fraud.", "president of Kenya"),
    ],
)  # fmt: skip
def test_a_state_noun_subject_is_the_state_just_named(parser, knowledge, text, actor) -> None:
    from tests.conftest import coded_events

    last = coded_events(parser, knowledge, text)[-1]
    assert last[1] == [actor]


def test_a_state_noun_in_a_place_or_of_its_own_country_is_no_reference(parser, knowledge) -> None:
    from tests.conftest import code_text

    record = code_text(
        parser,
        knowledge,
        "Estonia summoned Russia's envoy on Monday. Violence in the country rose, and the "
        "Russian state denied any role.",
    )
    estonia = next(a for a in record.actors if a.name == "Estonia")
    assert [m.text for m in estonia.mentions] == ["Estonia"]


def test_a_state_noun_after_a_place_of_another_country_is_left_unknown(parser, knowledge) -> None:
    # "the Gulf state" after "arrived in Doha" is not Iran, whose minister arrived
    from tests.conftest import code_text

    record = code_text(
        parser,
        knowledge,
        "Iran's foreign minister arrived in Doha on Monday. The Gulf state's emir urged "
        "Tehran to resume nuclear talks.",
    )
    emir = next(a for a in record.actors if "emir" in a.name)
    assert emir.country != "IRN"


def test_epithets_of_a_state_in_the_country_table_are_the_state(parser, knowledge) -> None:
    from tests.conftest import coded_events

    events = coded_events(
        parser,
        knowledge,
        "U.S. and South Korean troops began joint drills on Monday. The Hermit Kingdom "
        "condemned the drills as a rehearsal for invasion.",
    )
    assert any(e[0] == "ACCUSE" and e[1] == ["North Korea"] for e in events)


def test_a_state_noun_after_two_states_as_parties_is_left_unknown(parser, knowledge) -> None:
    # either could deny: the accused as often as not
    from tests.conftest import coded_events

    events = coded_events(
        parser,
        knowledge,
        "Azerbaijan accused Armenia of shelling its positions on Monday. The landlocked "
        "country denied the charge.",
    )
    assert not [e for e in events if e[0] == "REJECT" and "Azerbaijan" in e[1]]


def test_the_other_sides_demonym_gives_no_country(parser, knowledge) -> None:
    # "his Japanese counterpart" is Japan's; the defence secretary is not Japanese
    from tests.conftest import code_text

    record = code_text(
        parser,
        knowledge,
        "Defense Secretary Lloyd Austin met his Japanese counterpart on Monday. Austin said "
        "the alliance was strong.",
    )
    austin = next(a for a in record.actors if a.name == "Lloyd Austin")
    assert austin.country != "JPN"


def test_those_an_act_is_done_to_are_where_it_is_done(parser, knowledge) -> None:
    # "killed three civilians in Kherson": Ukrainians, though Russian forces killed them
    from tests.conftest import code_text

    record = code_text(
        parser,
        knowledge,
        "Renewed shelling by Russian forces killed three civilians in Kherson on Tuesday.",
    )
    civilians = next(a for a in record.actors if "civilians" in a.name)
    assert civilians.country == "UKR"
