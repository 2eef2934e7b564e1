"""The trigger judge (``extract/events/judge.py``): its features on hand parses, its data
file, and what it changes in the coder's output on sentences written for these tests (none
of them is in the training data)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import code_text
from tests.handparse import hand_parse
from thucydides.config import Options
from thucydides.errors import ConfigError
from thucydides.extract.events.judge import MODEL_DIR, NONE, SENSES, TriggerJudge, features
from thucydides.knowledge import Knowledge
from thucydides.parse.index import DocIndex
from thucydides.parse.nlp import Parser

DATA = MODEL_DIR.parent / "triggers.jsonl"
TYPES = set(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)


@pytest.fixture(scope="module")
def rules_only() -> Knowledge:
    """The packaged knowledge with the judge switched off: the rule coder alone."""
    return Knowledge.load(Options(event_judge=False))


def _events(parser: Parser, knowledge: Knowledge, text: str) -> list[tuple[str, str]]:
    return [(e.event, e.event_text) for e in code_text(parser, knowledge, text).events]


# Trigger words in a sense that names no event, which the lexicon's rows accept.
NOT_EVENTS = [
    ("Travellers were keen to get seats near the door, so the queue grew quickly.", "AGREE"),
    ("Under the new rules, only residents are allowed to enter the park after dark.", "RETREAT"),
    ("People here are welcoming and accepting, she said.", "SUPPORT"),
]

# The same kind of word where the rules find no party at all: no event either way (the
# coder leaves out an event with neither actor nor recipient before the judge sees it).
NO_PARTY = [
    ("In the end we struck on the idea of phoning the airline's head office.", "ASSAULT"),
    ("The study, set for release next week, looks at rainfall across the Sahel.", "RETREAT"),
    ("He agreed with critics that the law was poorly drafted.", "AGREE"),
]

# Events the judge must leave alone.
EVENTS = [
    ("Police arrested 12 protesters in N'Djamena on Sunday.", "COERCE"),
    ("Russian forces shelled the city of Kherson overnight, killing three people.", "ASSAULT"),
    ("The European Union imposed sanctions on six Belarusian officials.", "SANCTION"),
    ("The opposition accused the government of rigging the vote.", "ACCUSE"),
    ("Kenya and Tanzania agreed to reopen the border crossing at Namanga.", "CONCEDE"),
    # an arrest with no one named as making it
    ("Tanzanian opposition leader Tundu Lissu was arrested in Mbinga on Wednesday.", "COERCE"),
    ("Two Ugandan journalists were detained in Kampala on Monday.", "COERCE"),
]


@pytest.mark.parametrize(("text", "event"), NOT_EVENTS)
def test_the_judge_drops_a_trigger_word_used_in_another_sense(
    parser, knowledge, rules_only, text, event
):
    assert event in {e for e, _ in _events(parser, rules_only, text)}  # the rules fire
    assert event not in {e for e, _ in _events(parser, knowledge, text)}


@pytest.mark.parametrize(("text", "event"), EVENTS)
def test_the_judge_keeps_events(parser, knowledge, rules_only, text, event):
    assert _events(parser, knowledge, text) == _events(parser, rules_only, text)
    assert event in {e for e, _ in _events(parser, knowledge, text)}


@pytest.mark.parametrize(("text", "event"), NO_PARTY)
def test_a_trigger_word_in_another_sense_with_no_party_is_no_event(
    parser, knowledge, rules_only, text, event
):
    assert event not in {e for e, _ in _events(parser, rules_only, text)}
    assert event not in {e for e, _ in _events(parser, knowledge, text)}


def test_the_other_event_of_a_sentence_stays(parser, knowledge):
    # "are allowed to enter" is no retreat; the arrest in the same sentence is still coded
    text = (
        "Under the new rules, only residents are allowed to enter the park after dark, "
        "and police arrested two Kenyan tourists on Sunday."
    )
    assert [e for e, _ in _events(parser, knowledge, text)] == ["COERCE"]


def test_features_of_an_air_strike_and_a_labour_strike():
    # "the air strike killed" / "workers began a strike": the dependents tell them apart
    air = hand_parse(
        ["the", "air", "strike", "killed", "nine"],
        [2, 2, 3, 3, 3],
        ["det", "compound", "nsubj", "ROOT", "dobj"],
        ["DET", "NOUN", "NOUN", "VERB", "NUM"],
        lemmas=["the", "air", "strike", "kill", "nine"],
    )
    labour = hand_parse(
        ["workers", "began", "a", "strike"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
        ["NOUN", "VERB", "DET", "NOUN"],
        lemmas=["worker", "begin", "a", "strike"],
    )
    f_air = features(air.tokens, DocIndex(air).children, 2, 0, 5)
    f_labour = features(labour.tokens, DocIndex(labour).children, 3, 0, 4)
    assert f_air[0] == f_labour[0] == "w=strike"  # the lemma comes first (``SENSES``)
    assert "wc=strike|compound:air" in f_air and "wh=strike|nsubj>kill" in f_air
    assert "wh=strike|dobj>begin" in f_labour and "l=worker" in f_labour
    assert not any(f.startswith("wc=") and "air" in f for f in f_labour)


def test_agents_are_features_by_entity_type():
    parsed = hand_parse(
        ["Kenya", "accused", "Uganda"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["PROPN", "VERB", "PROPN"],
        lemmas=["Kenya", "accuse", "Uganda"],
        ents=[(0, 1, "GPE"), (2, 3, "GPE")],
    )
    f = features(parsed.tokens, DocIndex(parsed).children, 1, 0, 3)
    assert {"c=nsubj:GPE", "c=dobj:GPE", "wc=accuse|dobj:GPE"} <= set(f)
    assert not any("kenya" in x.lower() for x in f)


def test_thresholds_depend_on_the_roles_found():
    judge = TriggerJudge(no_actor=0.5, one_role=0.8)
    feats = [["w=strike", "l=we", "cp=on>idea"]]
    p_none = judge.scores(feats)[0][NONE]
    assert judge.vetoes(feats, [(True, True)]) == [False]  # both parties: never dropped
    assert judge.vetoes(feats, [(False, False)]) == [p_none >= 0.5]
    assert judge.vetoes(feats, [(True, False)]) == [p_none >= 0.8]
    # a lemma the training data never shows failing is never dropped
    assert TriggerJudge(no_actor=0.0).vetoes([["w=unheardof"]], [(False, False)]) == [False]


def test_the_training_data_follows_its_format():
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    assert len({r["text"] for r in rows}) >= 1500
    assert len({r["id"] for r in rows}) == len(rows)
    labels = {r["label"] for r in rows}
    assert labels == TYPES | {NONE}
    for r in rows:
        start, end = r["trigger"]
        assert r["source"] == "written for Thucydides"
        assert 0 <= start < end <= len(r["text"])
        assert re.fullmatch(r"[\w'-]+", r["text"][start:end]), r["id"]
    senses = (MODEL_DIR / SENSES).read_text(encoding="utf-8").split()
    assert {"strike", "ask", "describe", "fund"} <= set(senses)


def test_the_switch_is_an_option():
    assert Options().event_judge is True
    assert Knowledge.load(Options(event_judge=False)).judge is None
    with pytest.raises(ConfigError, match="event_judge"):
        Options(event_judge="no")  # type: ignore[arg-type]
    fingerprints = {Knowledge.fingerprint_for(Options(event_judge=v)) for v in (True, False)}
    assert len(fingerprints) == 2  # a stored record knows whether the judge coded it
