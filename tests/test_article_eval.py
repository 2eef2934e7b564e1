"""Whole-article scoring (``thucydides eval --articles``): matching rules and the CLI."""

from __future__ import annotations

import json

import pytest

from thucydides.article_eval import (
    GoldActor,
    GoldEvent,
    actor_matches,
    evaluate_articles,
    event_matches,
    read_gold_articles,
)
from thucydides.errors import ConfigError
from thucydides.records import Actor, Event, Span

RUSSIA = Actor(id="A1", name="Russia", kind="state", country="RUS")
PUTIN = Actor(id="A2", name="Vladimir Putin", kind="person", country="RUS", sector="GOV")
KYIV = Actor(id="A3", name="Kyiv", kind="state", country="UKR")
ARMY = Actor(id="A4", name="the army", kind="organization", country="UKR", sector="MIL")


@pytest.mark.parametrize(
    ("gold", "coded", "expected"),
    [
        (GoldActor("Russian forces", "RUS", "MIL"), RUSSIA, True),  # Russian ~ Russia
        (GoldActor("Russian President Vladimir Putin", "RUS", "GOV"), PUTIN, True),
        (GoldActor("Putin", "RUS", "GOV"), RUSSIA, False),  # no shared word, no sector
        (GoldActor("Ukrainian Armed Forces", "UKR", "MIL"), ARMY, True),  # same sector
        (GoldActor("Vladimir Putin", "UKR", "GOV"), PUTIN, False),  # other country
        (GoldActor(None, None, None), KYIV, True),  # the text does not say who
        (GoldActor("Ukraine", "UKR", None), KYIV, True),  # the state, named by its capital
        (GoldActor("Ukraine", "UKR", None), ARMY, False),  # its army is not the state
    ],
)
def test_actor_matching(gold: GoldActor, coded: Actor, expected: bool) -> None:
    assert actor_matches(gold, coded) is expected


def _event(kind: str, actor: tuple[str, ...], recipient: tuple[str, ...]) -> Event:
    return Event(
        id="E1", event=kind, sentence=Span(0, 5, "text."), event_text="x",
        actor=actor, recipient=recipient,
    )  # fmt: skip


def test_event_matching_needs_type_actor_and_recipient_and_allows_symmetry() -> None:
    actors = {a.id: a for a in (RUSSIA, PUTIN, KYIV, ARMY)}
    russia, ukraine = GoldActor("Russia", "RUS", None), GoldActor("Ukraine", "UKR", None)
    attack = GoldEvent("ASSAULT", True, (russia,), (ukraine,), "asserted", False, ())
    talks = GoldEvent("CONSULT", True, (russia,), (ukraine,), "asserted", True, ())
    assert event_matches(attack, _event("ASSAULT", ("A1",), ("A3",)), actors)  # Kyiv: Ukraine
    assert not event_matches(attack, _event("ASSAULT", ("A1",), ("A4",)), actors)  # its army
    assert not event_matches(attack, _event("ASSAULT", ("A2",), ("A3",)), actors)  # Putin
    assert event_matches(
        GoldEvent("ASSAULT", True, (russia,), (GoldActor("Kyiv", "UKR", None),), "asserted",
                  False, ()),
        _event("ASSAULT", ("A1",), ("A3",)), actors,
    )  # fmt: skip
    assert not event_matches(attack, _event("COERCE", ("A1",), ("A3",)), actors)
    reversed_talks = _event("CONSULT", ("A3",), ("A1",))
    assert event_matches(
        GoldEvent("CONSULT", True, (GoldActor("Kyiv", "UKR", None),), (russia,), "asserted",
                  True, ()),
        reversed_talks, actors,
    )  # fmt: skip
    assert not event_matches(talks, _event("CONSULT", ("A1",), ()), actors)
    # PLOVER's reciprocal form: both parties as actor, no recipient
    both = GoldEvent("CONSULT", True, (russia,), (GoldActor("Kyiv", "UKR", None),), "asserted",
                     True, ())  # fmt: skip
    assert event_matches(both, _event("CONSULT", ("A1", "A3"), ()), actors)
    assert not event_matches(attack, _event("ASSAULT", ("A1", "A3"), ()), actors)  # one-sided


def test_a_gold_file_without_text_or_id_is_refused_with_its_name(tmp_path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"id": "nope", "events": []}), encoding="utf-8")
    with pytest.raises(ConfigError, match="x.json: no text for article nope"):
        read_gold_articles(tmp_path)
    with pytest.raises(ConfigError, match="do not exist"):
        read_gold_articles(tmp_path / "missing")


TEXT = (
    "Police in Zenith City arrested eleven protesters on Monday, officials said. "
    "The government of Ruritania later accused Borduria of funding the protests. "
    "Ruritania and Borduria held talks in Geneva on Friday."
)


@pytest.mark.slow
def test_scores_a_whole_article_coded_by_the_pipeline(tmp_path) -> None:
    gold = {
        "id": "own-1",
        "text": TEXT,
        "published": "2024-05-10",
        "events": [
            {"type": "ACCUSE", "core": True, "modality": "asserted",
             "actor": [{"name": "Ruritania", "country": None, "sector": None}],
             "recipient": [{"name": "Borduria", "country": None, "sector": None}],
             "evidence": [TEXT.split(". ")[1] + "."]},
            {"type": "SANCTION", "core": True, "modality": "asserted",
             "actor": [{"name": "Ruritania", "country": None, "sector": None}],
             "recipient": [{"name": "Borduria", "country": None, "sector": None}],
             "evidence": ["nowhere"]},
        ],
        "quotes": [], "places": [{"name": "Geneva", "country": "CHE"}],
    }  # fmt: skip
    (tmp_path / "own-1.json").write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate_articles(tmp_path)
    assert report.articles == 1
    # the SANCTION never happened in the text: a miss whatever the coder does
    assert report.events.fn >= 1 and report.per_article["own-1"].fn >= 1
    assert report.places.tp == 1
    assert "ACCUSE" in report.per_type
    assert "per article" in report.as_text()


def test_a_dateline_place_counts_as_a_place_the_record_names(tmp_path) -> None:
    text = (
        "KALMAR, SWEDEN — Ruritania accused Borduria of stealing its fishing boats on "
        "Monday. The two countries have argued over the lake for years."
    )
    gold = {
        "id": "own-2", "text": text, "published": "2024-05-10", "events": [], "quotes": [],
        "places": [{"name": "Kalmar", "country": "SWE"}],
    }  # fmt: skip
    (tmp_path / "own-2.json").write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate_articles(tmp_path)
    assert (report.places.tp, report.places.fn) == (1, 0)


def test_a_gold_quote_written_with_its_that_matches_the_quote_without_it(tmp_path) -> None:
    text = (
        "Ruritania's foreign minister said on Monday that the border would reopen next week. "
        "Officials in Borduria did not comment."
    )
    gold = {
        "id": "own-3", "text": text, "published": "2024-05-10", "events": [], "places": [],
        "quotes": [{"speaker": {"name": None, "country": None, "sector": None},
                    "text": "that the border would reopen next week"}],
    }  # fmt: skip
    (tmp_path / "own-3.json").write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate_articles(tmp_path)
    assert (report.quotes.tp, report.quotes.fn) == (1, 0)
