"""The catalog the API and UI browse, on hand-made records in a throwaway store."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from thucydides.errors import ConfigError
from thucydides.records import (
    Actor,
    ArticleRecord,
    Event,
    EventDate,
    Place,
    Quote,
    Source,
    Span,
)
from thucydides.serve.catalog import Catalog, Filters, paginate
from thucydides.store import Store, open_store

TEXT = "Russia armed Hiftar in Benghazi. Hiftar thanked Russia. The UN said it was wrong."


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def _record(record_id: str, published: str | None, lead: str = "") -> ArticleRecord:
    # A different lead keeps the two records apart for the store's near-duplicate check.
    text = lead + TEXT
    s1, s2 = _span(text, "Russia armed Hiftar in Benghazi."), _span(text, "Hiftar thanked Russia.")
    return ArticleRecord(
        id=record_id,
        source=Source(title=f"Title {record_id}", published=published),
        text=text,
        actors=(
            Actor("A1", "Russia", "state", "RUS", "GOV", "RUSGOV", (_span(text, "Russia"),)),
            Actor("A2", "Khalifa Hiftar", "person", "LBY", "MIL", "LBYMIL",
                  (_span(text, "Hiftar"),)),
            Actor("A3", "United Nations", "organization", None, None, "IGO", (_span(text, "UN"),)),
        ),
        places=(Place("P1", "Benghazi", 88319, 32.1, 20.1, "LBY", "city",
                      (_span(text, "Benghazi"),)),),
        events=(
            Event("E1", "AID", s1, "armed", quad_code=2, actor=("A1",), recipient=("A2",),
                  event_loc="P1", trigger=_span(text, "armed"), confidence=0.8,
                  date=EventDate("2017-01-09", "2017-01-15", "last week")),
            Event("E2", "AGREE", s2, "thanked", quad_code=1, actor=("A2",), recipient=("A1",),
                  reported_by="A3", trigger=_span(text, "thanked"), confidence=0.6),
        ),
        quotes=(Quote("Q1", "indirect", "it was wrong", text.index("it was"),
                      text.index("it was") + 12, speaker="A3", speaker_text="The UN", cue="said"),),
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(str(tmp_path / "c.db")) as opened:
        lead = "Officials of the two governments met again this week in a quiet hotel near Cairo. "
        opened.upsert_many([_record("a", "2017-01-18"), _record("b", "2020-05-01", lead)])
        yield opened


def test_events_are_resolved(store: Store) -> None:
    catalog = Catalog.from_store(store)
    events = catalog.events(store, Filters())
    assert len(events) == 4
    e1 = catalog.event("a", "E1")
    assert e1 is not None
    assert ([p.name for p in e1.actors], [p.name for p in e1.recipients]) == (
        ["Russia"],
        ["Khalifa Hiftar"],
    )
    assert (e1.place.name, e1.place.lat, e1.filed_under) == ("Benghazi", 32.1, "2017-01-09")
    e2 = catalog.event("b", "E2")
    assert e2.filed_under == "2020-05-01"  # no date of its own: the publication date
    assert e2.reported_by.name == "United Nations"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(type="aid"), {("a", "E1"), ("b", "E1")}),
        (Filters(since="2020-01-01"), {("b", "E2")}),  # E1 has a date of its own
        (Filters(text="THANKED"), {("a", "E2"), ("b", "E2")}),
        (Filters(text="benghazi", until="2017-12-31"), {("a", "E1"), ("b", "E1")}),
        (Filters(country="RUS", type="AGREE"), {("a", "E2"), ("b", "E2")}),
        (Filters(actor="united"), set()),  # a reporter is not a party
    ],
)
def test_event_filters(store: Store, filters: Filters, expected: set) -> None:
    found = Catalog.from_store(store).events(store, filters)
    assert {(e.article_id, e.event_id) for e in found} == expected


def test_sorting_and_paging(store: Store) -> None:
    catalog = Catalog.from_store(store)
    by_confidence = catalog.events(store, Filters(), sort="-confidence")
    assert [e.confidence for e in by_confidence] == [0.8, 0.8, 0.6, 0.6]
    assert paginate(by_confidence, 2, 3) == by_confidence[3:]
    with pytest.raises(ConfigError, match="Valid keys"):
        catalog.events(store, Filters(), sort="size")


def test_actors_quotes_places(store: Store) -> None:
    catalog = Catalog.from_store(store)
    actors = {a.name: a for a in catalog.actors(store, Filters())}
    assert (actors["Russia"].articles, actors["Russia"].events) == (2, 4)
    assert actors["United Nations"].events == 0
    in_aid = {a.name: a.events for a in catalog.actors(store, Filters(type="AID"))}
    assert in_aid == {"Russia": 2, "Khalifa Hiftar": 2}
    quotes = catalog.quotes(store, Filters(actor="nations"))
    assert [q.speaker.name for q in quotes] == ["United Nations", "United Nations"]
    assert len(catalog.quotes(store, Filters(type="AGREE", since="2020-01-01"))) == 1
    assert catalog.quotes(store, Filters(type="AID")) == []
    places = catalog.places(store, Filters(type="AID"))
    assert [(p.name, p.events) for p in places] == [("Benghazi", 2)]
    assert catalog.places(store, Filters(type="AGREE")) == []


def test_aggregates(store: Store) -> None:
    catalog = Catalog.from_store(store)
    events = catalog.events(store, Filters())
    network = catalog.network(events)
    edges = {(e.actor, e.recipient, e.quad_code): e.count for e in network.edges}
    assert edges == {("Russia", "Khalifa Hiftar", 2): 2, ("Khalifa Hiftar", "Russia", 1): 2}
    timeline = catalog.timeline(events, None)
    assert timeline.granularity == "month"  # 2017-01 to 2020-05
    assert {(b.start, b.type, b.count) for b in timeline.buckets} == {
        ("2017-01-01", "AID", 2),
        ("2017-01-01", "AGREE", 1),
        ("2020-05-01", "AGREE", 1),
    }
    event_map = catalog.event_map(events)
    assert [(p.name, p.count, p.by_quad) for p in event_map.points] == [
        ("Benghazi", 2, (0, 2, 0, 0))
    ]
    assert event_map.unplaced == 2


@pytest.mark.parametrize(
    "kwargs",
    [{"type": "DANCE"}, {"since": "2017-02-30"}, {"since": "2018-01-01", "until": "2017-01-01"}],
)
def test_bad_filters(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        Filters(**kwargs)


def test_near_duplicates_are_left_out_as_events_leaves_them_out(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "d.db")) as store:
        store.upsert_many([_record("a", "2017-01-18"), _record("copy", "2017-01-19")])
        catalog = Catalog.from_store(store)
        assert list(catalog.records) == ["a"]
        assert {e.article_id for e in catalog.events(store, Filters())} == {"a"}


def test_an_events_place_says_whether_its_sentence_names_it(store: Store) -> None:
    catalog = Catalog.from_store(store)
    e1 = catalog.event("a", "E1")
    assert e1 is not None and e1.place is not None
    assert (e1.place.feature, e1.place.in_sentence) == ("city", True)
    # The same place given to E2, whose sentence does not name Benghazi: from context.
    record = _record("c", "2021-01-01")
    moved = dataclasses.replace(record.events[1], event_loc="P1")
    other = Catalog([dataclasses.replace(record, events=(record.events[0], moved))])
    e2 = other.event("c", "E2")
    assert e2 is not None and e2.place is not None
    assert (e2.place.name, e2.place.in_sentence) == ("Benghazi", False)
