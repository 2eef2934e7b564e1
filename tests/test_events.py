"""Tests for the event coder on small texts and on the sample article.

Actors are built by hand from surface strings (``_actors``), so these tests exercise the
event coder alone; only the pronouns come from ``resolve_actors`` (``_with_pronouns``), as
what a pronoun refers to is the actor resolver's answer, never the coder's. The whole
resolver appears in the integration test at the end.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from thucydides.extract.actors import resolve_actors
from thucydides.extract.events import code_events
from thucydides.knowledge.lexicon import Lexicon
from thucydides.read.cleanup import clean_text
from thucydides.records import Actor, Event, ParsedText, Span

from .conftest import SAMPLE_ARTICLE

pytestmark = pytest.mark.slow

#: name -> (kind, country, surface forms); the actor id is A1, A2, ... in this order.
ACTORS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "Russia": ("state", "RUS", ("Russia", "Kremlin", "Russian", "Russians", "Moscow")),
    "Ukraine": ("state", "UKR", ("Ukraine", "Ukrainian")),
    "United States": ("state", "USA", ("United States", "US", "Washington")),
    "Iran": ("state", "IRN", ("Iran", "Iranian")),
    "France": ("state", "FRA", ("France", "French")),
    "Britain": ("state", "GBR", ("Britain", "British")),
    "Israel": ("state", "ISR", ("Israel", "Israeli")),
    "Egypt": ("state", "EGY", ("Egypt", "Egyptian")),
    "Turkey": ("state", "TUR", ("Turkey", "Turkish")),
    "Germany": ("state", "DEU", ("Germany", "German")),
    "Sudan": ("state", "SDN", ("Sudan", "Sudanese")),
    "China": ("state", "CHN", ("China", "Chinese", "Beijing")),
    "Taiwan": ("state", "TWN", ("Taiwan",)),
    "India": ("state", "IND", ("India",)),
    "Pakistan": ("state", "PAK", ("Pakistan",)),
    "Serbia": ("state", "SRB", ("Serbia",)),
    "Kosovo": ("state", "XKX", ("Kosovo",)),
    "Venezuela": ("state", "VEN", ("Venezuela",)),
    "Colombia": ("state", "COL", ("Colombia",)),
    "North Korea": ("state", "PRK", ("North Korea",)),
    "Japan": ("state", "JPN", ("Japan",)),
    "Iraq": ("state", "IRQ", ("Iraq",)),
    "Kuwait": ("state", "KWT", ("Kuwait",)),
    "Chile": ("state", "CHL", ("Chile",)),
    "Bolivia": ("state", "BOL", ("Bolivia", "Bolivian")),
    "Saudi Arabia": ("state", "SAU", ("Saudi Arabia",)),
    "Canada": ("state", "CAN", ("Canada", "Canadian")),
    "Nigeria": ("state", "NGA", ("Nigeria",)),
    "Vietnam": ("state", "VNM", ("Vietnam",)),
    "Qatar": ("state", "QAT", ("Qatar",)),
    "Mali": ("state", "MLI", ("Mali",)),
    "UN": ("organization", None, ("UN", "United Nations")),
    "Hamas": ("group", "PSE", ("Hamas",)),
    "PKK": ("group", "TUR", ("PKK",)),
    "Reuters": ("organization", "GBR", ("Reuters",)),
    "Kenyan police": ("organization", "KEN", ("Kenyan police",)),
    "Hiftar": ("person", "LBY", ("General Khalifa Hiftar", "Khalifa Hiftar", "General Hiftar",
                                 "Hiftar", "a Libyan general", "the strongman", "The general",
                                 "the general")),
    "GNA": ("organization", "LBY", ("the UN-supported government", "Government of National Accord",
                                     "GNA", "the government in Tripoli")),
    "Isis": ("group", None, ("Isis", "Islamic State")),
    "Gaddafi": ("person", "LBY", ("Muammar Gaddafi", "Gaddafi")),
    "Gatilov": ("person", "RUS", ("Gennady Gatilov",)),
    "Bouhlaiga": ("person", "LBY", ("Akram Bouhlaiga", "Mr Bouhlaiga")),
    "Shoigu": ("person", "RUS", ("Sergei Shoigu",)),
    "Mismari": ("person", "LBY", ("Ahmed Mismari",)),
    "Zaghlal": ("person", "LBY", ("Brigadier-General Mahmoud Zaghlal",)),
    "Ethiopia": ("state", "ETH", ("Ethiopia", "Ethiopian")),
    "Eritrea": ("state", "ERI", ("Eritrea",)),
    "Kenya": ("state", "KEN", ("Kenya", "Kenyan")),
    "Somalia": ("state", "SOM", ("Somalia", "Somali")),
    "Lebanon": ("state", "LBN", ("Lebanon",)),
    "Syria": ("state", "SYR", ("Syria",)),
    "Switzerland": ("state", "CHE", ("Switzerland",)),
    "Kurds": ("group", "IRQ", ("Kurds",)),
    "Amnesty": ("organization", None, ("Amnesty",)),
    "Farmers": ("group", "KEN", ("Farmers", "farmers")),
    "Italy": ("state", "ITA", ("Italy",)),
    # the sample article's
    "Algeria": ("state", "DZA", ("Algeria", "Algerian", "Algiers")),
    "Mali’s government": ("organization", "MLI", ("Mali’s military government",
                                                  "Mali’s government")),
    "officials in Bamako": ("group", "MLI", ("officials in Bamako",)),
    "Sangaré": ("person", "MLI", ("Colonel Abdoulaye Sangaré", "Colonel Sangaré")),
    "Kaplan": ("person", "TUR", ("Emre Kaplan",)),
    "Bensalah": ("person", "DZA", ("Karim Bensalah",)),
    "Ag Ousmane": ("person", "MLI", ("Hamid Ag Ousmane",)),
    "Malian army": ("organization", "MLI", ("the Malian army", "The army")),
    "separatist rebels": ("group", "MLI", ("separatist rebels", "The rebels", "his fighters")),
    "WFP": ("organization", None, ("World Food Programme",)),
    "Security Council": ("organization", None, ("United Nations Security Council",)),
}  # fmt: skip


def _actors(text: str) -> list[Actor]:
    """Actors whose mentions are every whole-word occurrence of their surface forms."""
    taken: list[tuple[int, int]] = []
    surfaces = [(s, name) for name, (_k, _c, forms) in ACTORS.items() for s in forms]
    spans: dict[str, list[Span]] = {name: [] for name in ACTORS}
    for s, name in sorted(surfaces, key=lambda x: -len(x[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                spans[name].append(Span(m.start(), m.end(), s))
    return [
        Actor(
            f"A{n}",
            name,
            kind,
            country=country,
            mentions=tuple(sorted(spans[name], key=lambda x: x.start)),
        )
        for n, (name, (kind, country, _forms)) in enumerate(ACTORS.items(), 1)
    ]


def _with_pronouns(parsed: ParsedText, actors: list[Actor]) -> list[Actor]:
    """Adds to each hand-built actor the pronouns the actor resolver links to it: those of
    the resolved actor whose other mentions overlap the hand-built actor's the most."""
    pron = {(t.start, t.end) for t in parsed.tokens if t.pos == "PRON"}
    out = {a.id: a for a in actors}
    for r in resolve_actors(parsed):
        words = [m for m in r.mentions if (m.start, m.end) not in pron]
        pronouns = [m for m in r.mentions if (m.start, m.end) in pron]
        if not pronouns:
            continue
        overlap = {
            a.id: sum(m.start < w.end and w.start < m.end for m in a.mentions for w in words)
            for a in actors
        }
        best = max(overlap, key=lambda k: overlap[k])
        if overlap[best]:
            a = out[best]
            spans = tuple(sorted((*a.mentions, *pronouns), key=lambda x: x.start))
            out[best] = dataclasses.replace(a, mentions=spans)
    return list(out.values())


def _code(parser, text: str) -> tuple[list[Event], dict[str, str]]:
    parsed: ParsedText = parser.parse(text)
    actors = _with_pronouns(parsed, _actors(text))
    return list(code_events(parsed, actors)), {a.id: a.name for a in actors}


def _names(ids, names) -> list[str]:
    return sorted(names[i] for i in ids)


# (text, event type, actors, recipients, modality); None means "not checked"
CASES = [
    (
        "The United States imposed new sanctions on Iran.",
        "SANCTION",
        ["United States"],
        ["Iran"],
        "asserted",
    ),
    ("Iran was denounced by France.", "ACCUSE", ["France"], ["Iran"], "asserted"),
    (
        "Egypt held talks with Israel in Cairo on Monday.",
        "CONSULT",
        ["Egypt"],
        ["Israel"],
        "asserted",
    ),
    ("Turkey carried out airstrikes against the PKK.", "ASSAULT", ["Turkey"], ["PKK"], "asserted"),
    ("Britain and France condemned the decision.", "ACCUSE", ["Britain", "France"], [], "asserted"),
    # "talks with X" names one party; the clause's subject or speaker is the other
    ("Kenya said that discussions with Somalia are progressing well.", "CONSULT", ["Kenya"],
     ["Somalia"], "asserted"),
    ("Ethiopia is eyeing a new agreement with Eritrea.", "AGREE", ["Ethiopia"], ["Eritrea"],
     "future"),
    # wanting someone else to act asks it of them; a demand that someone do something
    # is aimed at them
    ("Ethiopia wants Eritrea to honour the border deal.", "REQUEST", ["Ethiopia"], ["Eritrea"],
     "asserted"),
    ("Kenya demanded that Somalia withdraw its troops.", "REQUEST", ["Kenya"], ["Somalia"],
     "asserted"),
    # an award received is the giver's praise; concern about someone is disapproval
    ("Gatilov received a peace award from Switzerland.", "SUPPORT", ["Switzerland"],
     ["Gatilov"], "asserted"),
    ("Ethiopia is deeply concerned about Eritrea, the envoy said.", "ACCUSE", ["Ethiopia"],
     None, "asserted"),
    # a cell or a ring broken up
    ("Kenyan police broke up a smuggling ring near the border.", "COERCE", ["Kenyan police"],
     None, "asserted"),
    # taking credit for an attack says who did it, and that it happened
    ("Hamas took credit for attacking the PKK convoy.", "ASSAULT", ["Hamas"], ["PKK"],
     "asserted"),
    # "X-Y talks": the two sides in the order written
    ("Kenya-Somalia talks resumed on Monday.", "CONSULT", ["Kenya"], ["Somalia"], "asserted"),
    # a transfer banned or blocked between states is a sanction
    ("France banned the supply of drones to Mali.", "SANCTION", ["France"], ["Mali"], "asserted"),
    ("Germany called for a ceasefire in Sudan.", "REQUEST", ["Germany"], None, "asserted"),
    ("Hamas threatened to attack Israel.", "THREATEN", ["Hamas"], ["Israel"], "future"),
    ("Russia refused to release the Ukrainian sailors.", "REJECT", ["Russia"], None, "asserted"),
    (
        "Kenyan police arrested twenty protesters in Nairobi.",
        "COERCE",
        ["Kenyan police"],
        [],
        "asserted",
    ),
    (
        "Saudi Arabia expelled the Canadian ambassador.",
        "SANCTION",
        ["Saudi Arabia"],
        ["Canada"],
        "asserted",
    ),
    ("India and Pakistan agreed to hold talks.", "AGREE", ["India", "Pakistan"], [], "future"),
    (
        "The UN urged Israel to withdraw its troops from Gaza.",
        "REQUEST",
        ["UN"],
        ["Israel"],
        "asserted",
    ),
    (
        "Serbia accused Kosovo of attacking its police.",
        "ACCUSE",
        ["Serbia"],
        ["Kosovo"],
        "asserted",
    ),
    (
        "Venezuela said it will sever ties with Colombia.",
        "THREATEN",
        ["Venezuela"],
        ["Colombia"],
        "future",
    ),
    ("North Korea said Japan must apologize.", "REQUEST", ["North Korea"], ["Japan"], "asserted"),
    (
        "According to Reuters, Iraq launched a missile attack on Kuwait.",
        "ASSAULT",
        ["Iraq"],
        ["Kuwait"],
        "asserted",
    ),
    (
        "Chile recognized the new government of Bolivia.",
        "SUPPORT",
        ["Chile"],
        ["Bolivia"],
        "asserted",
    ),
    ("Nigeria sent troops to the border.", "MOBILIZE", ["Nigeria"], [], "asserted"),
    (
        "Japan gave Vietnam a loan of one billion dollars.",
        "AID",
        ["Japan"],
        ["Vietnam"],
        "asserted",
    ),
    ("Germany pledged humanitarian aid to Sudan.", "AGREE", ["Germany"], ["Sudan"], "future"),
    ("Qatar mediated between Hamas and Israel.", "CONSULT", ["Qatar"], None, "asserted"),
    (
        "Ukraine's army, which has been fighting Russia, received new tanks.",
        "ASSAULT",
        ["Ukraine"],
        ["Russia"],
        "asserted",
    ),
    ("Iran's Revolutionary Guards seized a British tanker.", "COERCE", ["Iran"], None, "asserted"),
    ("Israel is planning to strike Iran.", "THREATEN", ["Israel"], ["Iran"], "future"),
    # negations and hypotheticals
    ("China did not attack Taiwan.", "ASSAULT", ["China"], ["Taiwan"], "negated"),
    ("Israel refrained from striking Iran.", "ASSAULT", ["Israel"], ["Iran"], "negated"),
    ("Russia did not recognize the vote.", "SUPPORT", ["Russia"], [], "negated"),
    (
        "If Russia armed the rebels, the war would go on for years.",
        "AID",
        ["Russia"],
        [],
        "hypothetical",
    ),
    ("France might impose sanctions on Mali.", "SANCTION", ["France"], ["Mali"], "hypothetical"),
    (
        "Analysts wonder whether China will invade Taiwan.",
        "ASSAULT",
        ["China"],
        ["Taiwan"],
        "hypothetical",
    ),
    ("Japan said it will not accept the proposal.", "REJECT", ["Japan"], [], "asserted"),
    # a request names whom it asks or what
    ("Egypt asked Sudan to hand over the suspects.", "REQUEST", ["Egypt"], ["Sudan"], "asserted"),
    ("Egypt asked that Sudan hand over the suspects.", "REQUEST", ["Egypt"], ["Sudan"],
     "asserted"),
    # an interview line's speaker label is not the subject of its verb
    ("Amnesty: Syria's President recently visited Lebanon after the vote.", "CONSULT", ["Syria"],
     ["Lebanon"], "asserted"),
    # quitting an action is no resignation; the obligation is a request
    ("Gaddafi said Italy must quit intimidating Syria.", "REQUEST", ["Gaddafi"], ["Italy"],
     "asserted"),
    # refusing to answer a demand still rejects it
    ("Syria refused to respond to the demand.", "REJECT", ["Syria"], None, "asserted"),
    # the possessor of an arrest is arrested; with an "of" object it is who acts
    ("Police said Gaddafi's arrest was lawful.", "COERCE", [], ["Gaddafi"], "asserted"),
    ("Kenya's expulsion of the Somali diplomats angered Italy.", "SANCTION", ["Kenya"],
     ["Somalia"], "asserted"),
    ("Italy secured Gaddafi's release on Monday.", "RETREAT", [], ["Gaddafi"], "asserted"),
    # a passive participle's inherited subject is who it happened to
    ("Injured in the initial attack, Gaddafi died on Monday.", "ASSAULT", [], ["Gaddafi"],
     "asserted"),
    ("Syria withdrew from the town, defeated by the Kurds.", "ASSAULT", ["Kurds"], ["Syria"],
     "asserted"),
    ("The Kurds are poorly equipped, Italy said.", "AID", [], ["Kurds"], "asserted"),
    # a noun of the pattern names its own agent
    ("The deal came during a two-day visit by Gaddafi to Italy.", "CONSULT", ["Gaddafi"],
     ["Italy"], "asserted"),
    # "placed blame on": a light verb and its event noun
    ("The talks failed after Kenya placed blame on Somalia.", "ACCUSE", ["Kenya"], ["Somalia"],
     "asserted"),
    # "ramped up attacks": a light verb and its event noun
    ("The Kurds have ramped up attacks on army posts in Syria.", "ASSAULT", ["Kurds"], None,
     "asserted"),
    # coordinated passives share their subject and their "by" agent
    ("Gaddafi was abducted and beaten by the Kurds on Monday.", "ASSAULT", ["Kurds"],
     ["Gaddafi"], "asserted"),
    ("Three Kenyan fishermen were detained and later released by Somalia.", "RETREAT",
     ["Somalia"], ["Kenya"], "asserted"),
    # a warning that names whom it is addressed to, or threatens another's act, stays
    ("Russia warned Ukraine that it would respond to any attack.", "THREATEN", ["Russia"],
     ["Ukraine"], "future"),
    ("Hamas warned that Israel would pay for the massacre.", "THREATEN", ["Hamas"],
     ["Israel"], "future"),
    # labelling an act or a report: a condemnation, a rejection
    ("Beijing called the sanctions illegal and vowed a response.", "ACCUSE", ["China"],
     None, "asserted"),
    ("Iran described the raid as provocative on Monday.", "ACCUSE", ["Iran"],
     None, "asserted"),
    ("Iran called the IAEA report fabricated.", "REJECT", ["Iran"], None, "asserted"),
    # ... but an arrest and a later release by a court are not one doer's
    ("Gaddafi was arrested on Monday and released on bail by a court in Kenya on Friday.",
     "COERCE", [], ["Gaddafi"], "asserted"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "actor", "recipient", "modality"), CASES)
def test_event_type_roles_and_modality(parser, text, event, actor, recipient, modality):
    events, names = _code(parser, text)
    hits = [e for e in events if e.event == event]
    assert hits, f"no {event} in {[(e.event, e.event_text) for e in events]}"
    e = hits[0]
    assert _names(e.actor, names) == sorted(actor)
    if recipient is not None:
        assert _names(e.recipient, names) == sorted(recipient)
    assert e.modality == modality
    assert e.sentence.text.strip() == text
    assert 0 < e.confidence < 1


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy is growing.",
        "Prices fell sharply after the strike ended.",
        "He fought corruption for years.",
        "The company released its annual report on Monday.",
        "The talks are a threat to nobody.",
        "Officials in Cairo described the weather as mild.",
        # providing details, meeting targets, asking for anonymity
        "The minister said he was unable to provide further details.",
        "The budget must meet the targets set last year.",
        "The official requested anonymity.",
        # a warning about a danger threatens nobody; nor does a passive threat by no one
        "Economists warned that growth would slow.",
        # ... nor does one about whom a danger will touch, nor a rule for everyone
        "Scientists warned that the virus could infect millions more people.",
        # a duty, a denial and a weather report are no accusation or rejection
        "The ministry said Kenya was responsible for security at the border.",
        "Officials said Kyiv was not responsible for the attack.",
        "Officials said the president was behind the reforms.",
        "Crowds gathered to watch the fireworks in Sydney.",
        "The minister said the forecast was false.",
        "Analysts warned that the sanctions could hurt ordinary Iranians.",
        "In Norway each company must pay for its own training, the minister said.",
        "Every pilgrim has to carry a permit, the cleric said.",
        "Officials warned of a possible drought.",
        "The coast is threatened by rising seas.",
        # "encouraged by" is a mood, "compromised" a damage, "return to" a journey
        "Encouraged by the results, the company hired more staff.",
        "The system has been compromised.",
        "Western firms returned to the market last year.",
        # "determined that": found out, not resolved to
        "The government has determined that the shells were made abroad.",
        # a generic "you"; taking a lead; seizing on a remark
        "Either you want to end this war, or you don't.",
        "China will take a commanding lead over the US in robotics.",
        "His remarks are likely to be seized on by populists.",
        # a judgement, a price, a status
        "This is a threat to the stability of the region.",
        "Clinics there charge less than hospitals in Europe.",
        "The island acceded to independence in 1968.",
        # a falling number declines nothing
        "As Italy's population continues to decline, incomes fall.",
        # standing with a weapon is no solidarity
        "A man stood with a loaded gun in front of the embassy.",
        # an obligation on no one asks nobody
        "\u201cStrong diplomacy and patience must work together,\u201d Gaddafi wrote.",
        "Gaddafi said the economy must grow faster.",
        # declining to comment rejects nothing
        "The ministry declined to comment on the report.",
        "The spokesman refused to say whether troops had crossed the border.",
        # "ask" with nothing asked of anyone is a question
        "The opposition asked whether the vote would be delayed.",
        "Who will pay for the damage, the farmer asked.",
        "Reporters asked about the ceasefire.",
        # wanting to act oneself asks nothing of anyone
        "Kenya wants to remain neutral in the dispute, officials said.",
        # carrying people somewhere is no visit
        "Kenyan officials are flying the refugees to Somalia this week.",
        # a source's anonymity refuses and asks nothing
        "A Kenyan official, who declined to be named, said the talks would resume.",
        "A Kenyan official, who asked not to be named, said the talks would resume.",
        # "demonstrate" with an object shows something
        "The ruling demonstrates a complete disregard for the law, the lawyers said.",
    ],
)
def test_no_event(parser, text):
    events, _ = _code(parser, text)
    assert [(e.event, e.event_text) for e in events] == []


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the topic of a protest is not a separate REQUEST (PLOVER manual, PROTEST)
        ("Thousands of students marched in Tehran to demand reforms.", "REQUEST"),
        # a promised attack is a THREATEN, not an ASSAULT
        ("Hamas vowed to attack Israel.", "ASSAULT"),
        # what a demand asks for is not an event of its own
        ("The UN demanded the release of the hostages.", "RETREAT"),
        # a light verb and its noun are one event
        ("Egypt held talks with Israel.", None),
    ],
)
def test_governed_triggers_are_not_separate_events(parser, text, absent):
    events, _ = _code(parser, text)
    assert absent not in {e.event for e in events}
    assert len(events) == 1


def test_event_fields_follow_the_contract(parser):
    text = "Turkey carried out airstrikes against the PKK. Egypt held talks with Israel."
    events, names = _code(parser, text)
    assert [e.id for e in events] == ["E1", "E2"]
    first = events[0]
    assert first.event_text == "carried out airstrikes"
    assert (first.mode, first.quad_code, first.cameo) == ("aerial", 4, "195")
    assert text[first.sentence.start : first.sentence.end] == first.sentence.text
    assert first.date.start is None and first.event_loc is None
    assert set(first.as_dict()) >= {"event", "actor", "recipient", "modality", "reported_by"}


def test_reported_by_speaker(parser):
    events, names = _code(parser, "Iran attacked a tanker, Egyptian officials said.")
    assert [names.get(e.reported_by) for e in events if e.event == "ASSAULT"] == ["Egypt"]


# Roles: recipients from places, conditions, protest targets, transfers and phrases inside
# objects; (text, event type, actors, recipients, modality) as in CASES.
ROLE_CASES = [
    # the country an action happens in is its recipient when the text names no other
    ("Ethiopia eased the curfew in Eritrea after the talks.", "CONCEDE", ["Ethiopia"],
     ["Eritrea"], "asserted"),
    ("Farmers demonstrated in Kenya against the new tax law.", "PROTEST", ["Farmers"],
     ["Kenya"], "asserted"),
    ("Violent protests erupted in Nigeria on Tuesday.", "PROTEST", [], ["Nigeria"], "asserted"),
    ("Syria withdrew its troops from Lebanon.", "RETREAT", ["Syria"], ["Lebanon"], "asserted"),
    # what is mobilised is not the recipient
    ("Israel reinforced its troops in Lebanon.", "MOBILIZE", ["Israel"], ["Lebanon"],
     "asserted"),
    # a threat names its target in its condition, and stays a threat
    ("Hamas threatened to fire rockets unless Israel lifted the blockade.", "THREATEN",
     ["Hamas"], ["Israel"], "future"),
    ("Farmers marched to protest against Kenya's new land law.", "PROTEST", ["Farmers"],
     ["Kenya"], "asserted"),
    ("Italy announced the suspension of flights with Serbia.", "SANCTION", ["Italy"],
     ["Serbia"], "asserted"),
    ("Chile granted asylum to two Bolivian officers.", "AID", ["Chile"], ["Bolivia"],
     "asserted"),
    ("Canada is supplying trucks and medical equipment to Ukraine.", "AID", ["Canada"],
     ["Ukraine"], "asserted"),
    ("Kurds demanded autonomy from Iraq.", "REQUEST", ["Kurds"], ["Iraq"], "asserted"),
    ("Turkey demanded an apology by Russia.", "REQUEST", ["Turkey"], ["Russia"], "asserted"),
    ("Pakistan rejected an offer from India for talks.", "REJECT", ["Pakistan"], ["India"],
     "asserted"),
    ("Iraq launched artillery, mortar and rocket fire against Kuwait.", "ASSAULT", ["Iraq"],
     ["Kuwait"], "asserted"),
    ("Kenya allowed Somali refugees to return home.", "RETREAT", ["Kenya"], ["Somalia"],
     "asserted"),
    ("The US, Russia and Switzerland met in Geneva.", "CONSULT",
     ["United States", "Russia", "Switzerland"], [], "asserted"),
    # modality: "no longer", a negated subject, a negated verb that takes the infinitive,
    # a failed agreement
    ("Kenya said it will no longer recognize the government of Somalia.", "REJECT", ["Kenya"],
     ["Somalia"], "asserted"),
    ("No country has offered to take in the refugees.", "AGREE", [], None, "negated"),
    ("Egypt cannot afford to defend Sudan.", "SUPPORT", ["Egypt"], ["Sudan"], "negated"),
    ("India and Pakistan failed to reach an agreement on Kashmir.", "REJECT",
     ["India", "Pakistan"], None, "asserted"),
    # a noun event takes the modal of the verb that carries it
    ("Germany should use sanctions against Iran.", "SANCTION", ["Germany"], ["Iran"],
     "hypothetical"),
    # coordinated verbs share a modal ("may have to ... or ask"), not a negation
    ("Egypt may have to build new dams or ask Sudan for water.", "REQUEST", ["Egypt"],
     ["Sudan"], "hypothetical"),
    # the subject of another verb keeps its own modality
    ("North Korea's demand for sanctions relief did not mesh with the plan.", "REQUEST",
     ["North Korea"], None, "asserted"),
    # who holds the rally protests
    ("Thousands of farmers were converging on Nairobi for a rally to protest the land law.",
     "PROTEST", ["Farmers"], None, "asserted"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "event", "actor", "recipient", "modality"), ROLE_CASES)
def test_roles_and_modality(parser, text, event, actor, recipient, modality):
    test_event_type_roles_and_modality(parser, text, event, actor, recipient, modality)


# Lexicon coverage: phrasal verbs and nominalisations per PLOVER type.
COVERAGE = [
    ("Kenya lashed out at Somalia over the border raid.", "ACCUSE"),
    ("Iran ruled out talks with the United States.", "REJECT"),
    ("Russia scrambled jets to intercept the drones.", "MOBILIZE"),
    ("Turkey vowed revenge against the PKK.", "THREATEN"),
    ("The United States withdrew from the treaty with Russia.", "SANCTION"),
    ("Egypt reopened the border crossing on Sunday.", "RETREAT"),
    ("The president commuted the sentence of the opposition leader.", "CONCEDE"),
    ("Iran dropped its demand for compensation.", "CONCEDE"),
    ("Police locked up two journalists.", "COERCE"),
    ("Rebels overthrew the government of Mali.", "COERCE"),
    ("Germany disbursed the loan to Sudan.", "AID"),
    ("Turkey designated the PKK a terrorist organization.", "SANCTION"),
    ("Egypt threw its support behind the plan.", "SUPPORT"),
    ("Kenyan police opened fire on the crowd.", "ASSAULT"),
    ("Turkish troops remained on alert near the border.", "MOBILIZE"),
    ("Amnesty called for the journalists to be released.", "REQUEST"),
    ("The army held hundreds of villagers as human shields.", "ASSAULT"),
    ("Iran returned the seized tanker to Britain.", "RETREAT"),
    ("Kenya conferred its highest honour on the Ethiopian prime minister.", "SUPPORT"),
]


@pytest.mark.parametrize(("text", "event"), COVERAGE)
def test_lexicon_coverage(parser, text, event):
    events, _ = _code(parser, text)
    assert event in {e.event for e in events}, [(e.event, e.event_text) for e in events]


def test_a_negation_stays_with_its_conjunct(parser):
    events, _ = _code(parser, "Russia did not attack Kyiv but shelled Kharkiv.")
    assert [(e.event, e.modality) for e in events] == [
        ("ASSAULT", "negated"),
        ("ASSAULT", "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone tries to subvert is not the attempt's event
        ("Both sides accused each other of trying to subvert the dialogue.", ["ACCUSE"]),
        # a definite noun that names an event coded before is that event
        ("Russia bombed Aleppo on Monday. The attack killed twenty civilians.", ["ASSAULT"]),
        # destruction in a riot is the riot (PLOVER manual, PROTEST)
        ("Prisoners rioted in the jail, setting fire to their mattresses.", ["PROTEST"]),
        # what a request asks for has not happened
        ("Amnesty called for the journalists to be released.", ["REQUEST"]),
        ("Amnesty renewed its call to the authorities to drop the charges.", ["REQUEST"]),
        # a participle shares its verb's modal
        ("France may impose sanctions on Mali, cutting all aid.", ["SANCTION"]),
        # quitting an action is no resignation
        ("Gaddafi said Italy must quit intimidating Syria.", ["REQUEST"]),
    ],
)
def test_only_these_events(parser, text, expected):
    events, _ = _code(parser, text)
    assert [e.event for e in events] == expected


@pytest.mark.parametrize(
    ("text", "countries", "expected"),
    [
        # one mention, two actors (a compound actor): both act
        ("Hungarian and Romanian officials met in Vienna.", ("HUN", "ROU"), "CONSULT"),
        # an exercise held by two countries is cooperation (PLOVER manual, MOBILIZE)
        ("French and Egyptian warships began joint naval drills.", ("FRA", "EGY"), "COOPERATE"),
    ],
)
def test_a_compound_actor_shares_one_mention(parser, text, countries, expected):
    words = text.split()
    span = Span(0, len(" ".join(words[:4])), " ".join(words[:4]))
    actors = [
        Actor(f"A{n}", f"{c} group", "group", country=c, mentions=(span,))
        for n, c in enumerate(countries, 1)
    ]
    events = code_events(parser.parse(text), actors)
    assert [(e.event, e.actor) for e in events] == [(expected, ("A1", "A2"))]


def test_a_user_lexicon_changes_the_coding(parser, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("snub\tVERB\tACCUSE\tdisapprove\t\t111\t\t\t0.9\n", encoding="utf-8")
    text = "France snubbed Iran."
    parsed = parser.parse(text)
    ours = code_events(parsed, _actors(text))
    theirs = code_events(parsed, _actors(text), Lexicon.load([mine]))
    assert [e.event for e in ours] == ["REJECT"]
    assert [e.event for e in theirs] == ["ACCUSE"]


# ---------------------------------------------------------------- the sample article


def _clean_sample() -> str:
    """The sample as the cleaning stage leaves it: no byline, photo captions or chrome."""
    return clean_text(SAMPLE_ARTICLE.read_text(encoding="utf-8")).text


@pytest.fixture(scope="module")
def sample(parser):
    text = _clean_sample()
    return _code(parser, text)


def _find(events, names, event, actor=None, recipient=None, text=None):
    return [
        e
        for e in events
        if e.event == event
        and (actor is None or actor in _names(e.actor, names))
        and (recipient is None or recipient in _names(e.recipient, names))
        and (text is None or text in e.event_text)
    ]


def test_sample_turkey_plans_to_arm_mali(sample):
    events, names = sample
    hits = [
        e
        for e in events
        if e.event in ("AGREE", "AID")
        and "drones" in e.event_text
        and "Turkey" in _names(e.actor, names)
    ]
    assert hits, "Turkey -> Mali AGREE/AID not found"
    e = hits[0]
    assert _names(e.recipient, names) == ["Mali’s government"]
    assert e.modality == "future"
    assert e.cameo == "0332"
    assert names[e.reported_by] == "officials in Bamako"  # "according to officials in Bamako"
    assert e.event_text == "is preparing to supply armed drones"


def test_sample_algeria_accuses_the_malian_army(sample):
    events, names = sample
    hits = _find(events, names, "ACCUSE", actor="Algeria", recipient="Malian army")
    assert hits and hits[0].modality == "asserted"


def test_sample_the_minister_consults_turkey_russia_and_china(sample):
    events, names = sample
    assert _find(events, names, "CONSULT", actor="Sangaré", recipient="Turkey", text="held talks")
    (met,) = _find(events, names, "CONSULT", actor="Sangaré", text="met")
    assert _names(met.recipient, names) == ["China", "Russia"]


def test_sample_algeria_threatens_mali(sample):
    events, names = sample
    (threat,) = _find(events, names, "THREATEN", actor="Bensalah", recipient="Mali")
    assert threat.event_text == "threatened to close the border"


def test_sample_hypothetical_drones_are_never_asserted(sample):
    events, names = sample
    sent = [e for e in events if e.event_text == "sent drones"]
    assert sent and all(e.modality == "hypothetical" for e in sent)
    conditional = [e for e in events if "if Turkey sent drones" in e.sentence.text]
    assert conditional and all(e.modality != "asserted" for e in conditional)


def test_sample_more_events(sample):
    events, names = sample
    assert _find(events, names, "SUPPORT", actor="Kaplan", recipient="Mali")  # praised Mali
    assert _find(events, names, "AGREE", actor="Kaplan", text="promised")
    (recall,) = _find(events, names, "SANCTION", actor="Algeria", text="recalled its ambassador")
    assert recall.mode == "withdraw"
    assert _find(events, names, "ASSAULT", actor="separatist rebels", text="ambushed")
    assert _find(events, names, "AID", actor="WFP", text="delivered food")
    assert _find(events, names, "REQUEST", actor="France", text="called for a ceasefire")
    assert _find(events, names, "REJECT", actor="Mali’s government", text="rejected any mediation")
    (meeting,) = _find(events, names, "AGREE", actor="Security Council", text="will meet")
    assert meeting.modality == "future"
    assert len(events) >= 20


def test_sample_with_the_actor_resolver(parser):
    parsed = parser.parse(_clean_sample())
    events = code_events(parsed, resolve_actors(parsed))
    assert len(events) >= 20
    first = [e for e in events if "is preparing to supply" in e.event_text]
    assert first and first[0].event == "AGREE" and first[0].modality == "future"
    assert all(e.modality == "hypothetical" for e in events if e.event_text == "sent drones")
    ids = {e.id for e in events}
    assert ids == {f"E{n}" for n in range(1, len(events) + 1)}


# ---------------------------------------------------------------- the rule of each event

LEXICON_FILE = Path(__file__).resolve().parents[1] / "src/thucydides/data/lexicon/triggers.tsv"


def _row_anchor(source: str) -> str:
    """The (first) anchor word of the lexicon row ``triggers.tsv:<line>``."""
    name, line = source.split(":")
    assert name == "triggers.tsv"
    row = LEXICON_FILE.read_text(encoding="utf-8").splitlines()[int(line) - 1]
    return row.split()[0].split("|")[0]


@pytest.mark.parametrize(
    ("text", "event", "anchors", "steps"),
    [
        # the frame word's row, then the governed trigger's, then the recoding to AGREE
        ("Iran is planning to arm Hamas.", "AGREE", ["plan", "arm"], ["recode:future-intent"]),
        ("Russia shelled Ukraine.", "ASSAULT", ["shell"], []),
    ],
)
def test_every_event_names_the_rules_that_made_it(parser, text, event, anchors, steps):
    (found,) = _code(parser, text)[0]
    assert found.event == event and found.rule is not None
    parts = found.rule.split("+")
    assert [_row_anchor(p) for p in parts[: len(anchors)]] == anchors
    assert parts[len(anchors) :] == steps


def test_the_coders_own_demand_rule_is_named(parser):
    (found,) = _code(parser, "Russia said Ukraine must withdraw its troops.")[0]
    assert found.event == "REQUEST" and found.rule is not None
    assert found.rule.startswith("coder:said-must+triggers.tsv:")


def test_code_explain_prints_each_events_rule_and_role_paths(tmp_path, capsys):
    from thucydides.cli import main

    article = tmp_path / "a.txt"
    article.write_text(
        "Rebels shelled the town of Juba on Monday, killing 20 civilians.\n"
        "Iran is planning to arm Hamas, the Israeli army said. The French president met the "
        "German chancellor in Paris.\n",
        encoding="utf-8",
    )
    assert main(["code", "--explain", str(article), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert 'ASSAULT "shelled" rule=triggers.tsv:' in out
    assert "actor: A1 Rebels  via shelled -nsubj-> Rebels" in out
    # the actor of "arm" is inherited from the verb that governs it
    assert "via arm <-xcomp- planning -nsubj-> Iran" in out
    assert "+recode:future-intent" in out
    assert "via met -dobj-> chancellor" in out


def test_the_event_modules_are_layered_without_cycles():
    """Each module of extract/events/ imports only the modules listed before it."""
    import ast

    import thucydides.extract.events as package

    order = ["judge", "state", "parties", "triggers", "clauses", "recipients", "roles", "modality",
             "frames", "resolve", "explain", "output", "states", "__init__"]  # fmt: skip
    folder = Path(package.__file__).parent
    assert sorted(p.stem for p in folder.glob("*.py")) == sorted(order)
    for k, name in enumerate(order):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        used = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1}
        assert used <= set(order[:k]), f"{name}.py imports {sorted(used - set(order[:k]))}"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president is due to meet the Peruvian president in Lima.",
        "The Chilean president plans to meet the Peruvian president in Lima.",
    ],
)
def test_future_cooperation_is_agree(parser, knowledge, text) -> None:
    """PLOVER manual, AGREE: cooperative actions (CONSULT, SUPPORT, COOPERATE, AID)
    reported in future tense imply intentions and are coded AGREE."""
    from tests.conftest import code_text

    record = code_text(parser, knowledge, text)
    assert [(e.event, e.modality) for e in record.events][:1] == [("AGREE", "future")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile ordered troops to attack the town of Arica.", ("ASSAULT", "Chile")),
        (
            "The government of Chile ordered its military to deploy to the northern border.",
            ("MOBILIZE", "government of Chile"),
        ),
        # a civilian told to act is asked, not made to: a REQUEST
        ("Chile ordered the company to leave the town of Arica.", ("REQUEST", "Chile")),
    ],
)
def test_an_order_to_troops_is_the_orderers_act(parser, knowledge, text, expected) -> None:
    from tests.conftest import code_text

    record = code_text(parser, knowledge, text)
    names = {a.id: a.name for a in record.actors}
    coded = [(e.event, names.get(e.actor[0]) if e.actor else None) for e in record.events]
    assert expected in coded


def test_criticism_for_jailing_reporters_is_not_the_reporters_criticism(parser) -> None:
    # the object of the act a criticism is for is no critic
    events, names = _code(parser, "Ethiopia faced criticism from Kenya for jailing reporters.")
    accuse = [e for e in events if e.event == "ACCUSE"]
    assert accuse and _names(accuse[0].actor, names) == ["Kenya"]
    events, names = _code(parser, "Ethiopia faced criticism for jailing Somalia's reporters.")
    assert all("Somalia" not in _names(e.actor, names) for e in events if e.event == "ACCUSE")


@pytest.mark.parametrize(
    ("text", "event", "actor", "recipient"),
    [
        # what the subject receives is the other party's act, wherever its "from" sits
        ("Saudi troops came under attack from Houthi rebels on Monday.", "ASSAULT",
         ["Houthis"], ["Saudi troops"]),
        ("Ethiopia came under sharp criticism from Kenya.", "ACCUSE", ["Kenya"], ["Ethiopia"]),
        ("Six Chadian soldiers died in an ambush by Boko Haram near Lake Chad.", "ASSAULT",
         ["Boko Haram"], ["Six Chadian soldiers"]),
        # fire from a state or an armed group is an attack; from lawmakers it is words
        ("Ukrainian troops came under fire from Russia near Bakhmut.", "ASSAULT", ["Russia"],
         ["Ukrainian troops"]),
        ("The health minister came under fire from opposition lawmakers over the budget.",
         "ACCUSE", ["opposition lawmakers"], ["health minister"]),
        ("The Israeli raid drew condemnation from Egypt on Monday.", "ACCUSE", ["Egypt"],
         ["Israel"]),
        ("Iran's missile test drew fierce criticism from France.", "ACCUSE", ["France"],
         ["Iran"]),
        ("The Israeli decision faced strong condemnation from Jordan.", "ACCUSE", ["Jordan"],
         ["Israel"]),
    ],
)  # fmt: skip
def test_an_act_received_from_another_is_the_others_act(
    parser, knowledge, text, event, actor, recipient
) -> None:
    from tests.conftest import coded_events

    coded = coded_events(parser, knowledge, text)
    assert (event, actor, recipient) in coded
    assert [e for e in coded if e[0] == event] == [(event, actor, recipient)]


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        # two coordinated acts, each with an object of its own, are two events
        ("Gunmen abducted 20 villagers and torched a church in Kaduna.", "ASSAULT", 2),
        ("Russian forces shelled Kharkiv and attacked Odesa with drones.", "ASSAULT", 2),
        # ... but the toll of an attack is the same attack, and so is a shared object
        ("Gunmen ambushed a bus in Kaduna and killed 18 passengers.", "ASSAULT", 1),
        ("Gunmen ambushed and killed five soldiers in Kaduna on Sunday.", "ASSAULT", 1),
        # ... and talks and what they discussed are one meeting
        (
            "Erdogan held talks with Putin in Sochi and discussed grain exports on Monday.",
            "CONSULT",
            1,
        ),
    ],
)
def test_two_coordinated_acts_are_two_events_a_toll_is_not(
    parser, knowledge, text, kind, count
) -> None:
    from tests.conftest import coded_events

    assert len([e for e in coded_events(parser, knowledge, text) if e[0] == kind]) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # transfers of arms and money to a party
        ("Turkey handed over two armed drones to Pakistan on Monday.",
         ("AID", ["Turkey"], ["Pakistan"])),
        ("China gave Cambodia two warships at a ceremony in Sihanoukville.",
         ("AID", ["China"], ["Cambodia"])),
        ("The IMF approved a $7 billion loan for Pakistan on Wednesday.",
         ("AID", ["International Monetary Fund"], ["Pakistan"])),
        # labels, rams, criminal cases, broken and ended truces
        ("Turkey's president called Israel a terror state on Monday.",
         ("ACCUSE", ["president of Turkey"], ["Israel"])),
        ("A Chinese coast guard ship rammed a Philippine vessel near the shoal.",
         ("ASSAULT", ["Chinese coast guard"], ["Philippines"])),
        ("Russia opened a criminal case against the BBC journalist on Monday.",
         ("ACCUSE", ["Russia"], ["journalist of BBC"])),
        ("Israel violated the ceasefire with Hezbollah on Tuesday, Lebanon said.",
         ("ASSAULT", ["Israel"], ["Hezbollah"])),
        ("Hamas ended the truce with Israel on Tuesday, officials said.",
         ("REJECT", ["Hamas"], ["Israel"])),
        # what "X said Y was ..." judges: an accusation, a rejection
        ("Moscow said Kyiv was responsible for the attack on the power plant.",
         ("ACCUSE", ["Russia"], ["Ukraine"])),
        ("Kenya's president said Sudan's army was to blame for the war in Darfur.",
         ("ACCUSE", ["president of Kenya"], ["forces of Sudan"])),
        ("Kyiv said Moscow was behind the cyberattack on its banks.",
         ("ACCUSE", ["Ukraine"], ["Russia"])),
        ("Uganda accused Kenya of arming rebels. Nairobi said the allegations were baseless.",
         ("REJECT", ["Kenya"], ["Uganda"])),
        # a strike that hits targets or kills is an attack, not a labour strike
        ("Pakistan launched strikes on militant hideouts in Afghanistan on Monday.",
         ("ASSAULT", ["Pakistan"], ["Afghanistan"])),
        ("Nurses in Kenya went on strike over unpaid wages on Monday.",
         ("PROTEST", ["Nurses in Kenya"], [])),
        # crowd control: each weapon on its own; protesters who gather protest
        ("Police fired rubber bullets at protesters in Santiago on Tuesday.",
         ("ASSAULT", ["Police"], ["protesters in Santiago"])),
        ("Protesters gathered in central Tbilisi on Sunday night.",
         ("PROTEST", ["Protesters"], ["Georgia"])),
        # ... but handing over one's weapons to no one is disarming
        ("The rebels in Colombia handed over their weapons on Monday.",
         ("RETREAT", ["rebels in Colombia"], [])),
    ],
)  # fmt: skip
def test_transfers_labels_and_truces_are_coded(parser, knowledge, text, expected) -> None:
    from tests.conftest import coded_events

    assert expected in coded_events(parser, knowledge, text)


def test_who_suffered_a_condemned_act_is_not_accused(parser, knowledge) -> None:
    from tests.conftest import coded_events

    coded = coded_events(
        parser,
        knowledge,
        "The UN rights office condemned the killing of journalist Shireen Abu Akleh on Monday.",
    )
    assert all("Shireen Abu Akleh" not in e[2] for e in coded if e[0] == "ACCUSE")


def test_a_preposition_of_time_is_no_pattern_word(parser, knowledge) -> None:
    # "called ... on Monday" is no "call on"
    from tests.conftest import coded_events

    coded = coded_events(
        parser,
        knowledge,
        "Amnesty called the detention of activist Alaa Abd el-Fattah illegal on Monday.",
    )
    assert all(e[0] != "REQUEST" for e in coded)


def test_what_is_alleged_against_no_one_accuses_no_victim(parser) -> None:
    events, names = _code(parser, 'Kenya alleged that the Kurds "are being persecuted," it said.')
    accuse = [e for e in events if e.event == "ACCUSE"]
    assert accuse and "Kurds" not in _names(accuse[0].recipient, names)


def test_the_one_freed_after_the_main_clause_is_its_subject(parser) -> None:
    # "after being freed": the subject was freed; the object of "thanked" freed no one
    events, names = _code(parser, "Gaddafi thanked the Kurds after being freed from prison.")
    freed = [e for e in events if e.event == "RETREAT"]
    assert freed and _names(freed[0].actor, names) == []
    assert _names(freed[0].recipient, names) == ["Gaddafi"]


@pytest.mark.parametrize(
    ("text", "noun", "expected"),
    [
        (
            "President Alpha Diallo was ousted in a military coup led by the army chief on Monday.",
            "coup",
            "Alpha Diallo",
        ),
        ("The governor was wounded during a raid by gunmen on Tuesday.", "raid", "governor"),
    ],
)
def test_an_event_noun_happened_to_the_passive_subject_it_explains(
    parser, knowledge, text, noun, expected
) -> None:
    from .conftest import code_text

    record = code_text(parser, knowledge, text)
    names = {a.id: a.name for a in record.actors}
    (event,) = [e for e in record.events if e.event_text.endswith(noun)]
    assert expected in [names[a] for a in event.recipient]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ('"I do not believe there will be Mwale\'s arrest," the lawyer said on Monday.',
         "hypothetical"),
        ("The lawyer said he does not believe police will arrest Mwale.", "hypothetical"),
        ("The lawyer doubts that police will arrest Mwale.", "hypothetical"),
        ("The lawyer said he believes police will arrest Mwale soon.", "future"),
    ],
)  # fmt: skip
def test_what_someone_doubts_will_happen_is_no_fact(parser, knowledge, text, modality) -> None:
    from .conftest import code_text

    record = code_text(parser, knowledge, text)
    assert [e.modality for e in record.events if e.event == "COERCE"] == [modality]
