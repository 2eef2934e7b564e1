"""The event anchor (``extract/anchor.py``): one word that dates, places and quotes read an
event's clause from. Parses are built by hand, so no statistical parser is involved."""

from __future__ import annotations

import pytest

from tests.handparse import hand_parse
from thucydides.extract.anchor import event_anchor, trigger_span, trigger_tokens
from thucydides.extract.dates import date_events, find_time_expressions
from thucydides.extract.places import locate_events
from thucydides.extract.quotes import attribute_events
from thucydides.records import Event, ParsedText, Place, Quote, Span

PUB = "2026-12-09"  # a Wednesday: "Monday" is 2026-12-07


def _event(parsed: ParsedText, words: str, n: int = 1) -> Event:
    s = parsed.sentences[0]
    return Event(f"E{n}", "X", Span(s.start, s.end, parsed.text[s.start : s.end]), words)


# "Hamas threatened to attack Israel in Gaza on Monday ."
THREAT = hand_parse(
    ["Hamas", "threatened", "to", "attack", "Israel", "in", "Gaza", "on", "Monday", "."],
    heads=[1, 1, 3, 1, 3, 3, 5, 3, 7, 1],
    deps=["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
    pos=["PROPN", "VERB", "PART", "VERB", "PROPN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
    tags=["NNP", "VBD", "TO", "VB", "NNP", "IN", "NNP", "IN", "NNP", "."],
    lemmas=["Hamas", "threaten", "to", "attack", "Israel", "in", "Gaza", "on", "Monday", "."],
    ents=[(0, 1, "ORG"), (4, 5, "GPE"), (6, 7, "GPE"), (8, 9, "DATE")],
)
# "Hamas warned that it would attack Israel in Gaza on Monday ."
WARNING = hand_parse(
    ["Hamas", "warned", "that", "it", "would", "attack", "Israel", "in", "Gaza", "on", "Monday",
     "."],
    heads=[1, 1, 5, 5, 5, 1, 5, 5, 7, 5, 9, 1],
    deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "dobj", "prep", "pobj", "prep",
          "pobj", "punct"],
    pos=["PROPN", "VERB", "SCONJ", "PRON", "AUX", "VERB", "PROPN", "ADP", "PROPN", "ADP",
         "PROPN", "PUNCT"],
    tags=["NNP", "VBD", "IN", "PRP", "MD", "VB", "NNP", "IN", "NNP", "IN", "NNP", "."],
    ents=[(0, 1, "ORG"), (6, 7, "GPE"), (8, 9, "GPE"), (10, 11, "DATE")],
)  # fmt: skip


def _gaza(parsed: ParsedText) -> Place:
    at = parsed.text.index("Gaza")
    return Place("P1", "Gaza", country="PS", feature="city", mentions=(Span(at, at + 4, "Gaza"),))


@pytest.mark.parametrize(
    ("parsed", "words", "anchor"),
    [
        (THREAT, "threatened to attack", "threatened"),  # the word that heads the others
        (THREAT, "attack Israel", "attack"),
        (THREAT, "Israel", "Israel"),  # no verb among the words: their head
        (WARNING, "warned that it would attack", "warned"),
        (WARNING, "bombed", None),  # not in the sentence
    ],
)
def test_the_anchor_is_the_word_that_heads_the_trigger_words(parsed, words, anchor) -> None:
    i = event_anchor(_event(parsed, words), parsed)
    assert (parsed.tokens[i].text if i is not None else None) == anchor


def test_trigger_tokens_and_span() -> None:
    event = _event(THREAT, "threatened to attack")
    start, end = trigger_span(event)  # type: ignore[misc]
    assert THREAT.text[start:end] == "threatened to attack"
    assert trigger_tokens(event, THREAT) == [1, 2, 3]


def test_an_infinitive_complement_is_in_the_clause_that_states_the_event() -> None:
    """ "threatened to attack Israel in Gaza on Monday": the threat's date and place."""
    event = _event(THREAT, "threatened to attack")
    (dated,) = date_events([event], THREAT, find_time_expressions(THREAT, PUB), PUB)
    assert (dated.date.text, dated.date.start) == ("Monday", "2026-12-07")
    (located,) = locate_events([event], THREAT, [_gaza(THREAT)])
    assert located.event_loc == "P1"


def test_a_clause_of_its_own_is_not_the_events_clause() -> None:
    """ "warned that it would attack ... on Monday": Monday dates the attack, not the
    warning; Gaza places the attack, not the warning."""
    warned = _event(WARNING, "warned", 1)
    attack = _event(WARNING, "would attack", 2)
    expressions = find_time_expressions(WARNING, PUB)
    dated = date_events([warned, attack], WARNING, expressions, PUB)
    assert [e.date.text for e in dated] == [None, "Monday"]
    assert dated[0].date.basis == "publication"
    located = locate_events([warned, attack], WARNING, [_gaza(WARNING)])
    assert [e.event_loc for e in located] == [None, "P1"]


def test_the_place_of_the_words_that_head_the_event_is_its_place() -> None:
    """ "sent troops into Gaza to fight Hamas": the event's words are headed by "sent", so
    "into Gaza" places it (the last verb, "fight", would see no place)."""
    parsed = hand_parse(
        ["Israel", "sent", "troops", "into", "Gaza", "to", "fight", "Hamas", "."],
        heads=[1, 1, 1, 1, 3, 6, 1, 6, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "aux", "advcl", "dobj", "punct"],
        pos=["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
    )
    (located,) = locate_events(
        [_event(parsed, "sent troops into Gaza to fight")], parsed, [_gaza(parsed)]
    )
    assert located.event_loc == "P1"


# '“ We must leave now , ” he said .'
SAID = hand_parse(
    ["“", "We", "must", "leave", "now", ",", "”", "he", "said", "."],
    heads=[8, 3, 3, 8, 3, 8, 8, 8, 8, 8],
    deps=["punct", "nsubj", "aux", "ccomp", "advmod", "punct", "punct", "nsubj", "ROOT",
          "punct"],
    pos=["PUNCT", "PRON", "AUX", "VERB", "ADV", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("words", "reported_by"),
    [
        ("must leave", "A1"),
        ("must leave now , ” he said", None),  # headed by "said", outside the quote
    ],
)
def test_an_event_is_reported_by_the_speaker_of_the_quote_holding_its_anchor(
    words, reported_by
) -> None:
    start = SAID.text.index("We")
    end = SAID.text.index("now") + 3
    quote = Quote("Q1", "direct", SAID.text[start:end], start, end, speaker="A1")
    (event,) = attribute_events([_event(SAID, words)], [quote], SAID)
    assert event.reported_by == reported_by
