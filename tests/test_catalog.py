"""The catalog the API and UI browse, on hand-made records in a throwaway store."""

from __future__ import annotations

import dataclasses

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
from thucydides.serve.catalog import Catalog, Filters
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
def store(backend) -> Store:
    """Two articles in a fresh store of each backend: the catalog's SQL runs on both."""
    with open_store(backend.new_url()) as opened:
        lead = "Officials of the two governments met again this week in a quiet hotel near Cairo. "
        opened.upsert_many([_record("a", "2017-01-18"), _record("b", "2020-05-01", lead)])
        yield opened


def test_events_are_resolved(store: Store) -> None:
    catalog = Catalog(store)
    events = catalog.events(Filters())
    assert (events.total, len(events.items)) == (4, 4)
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
    found = Catalog(store).events(filters)
    assert {(e.article_id, e.event_id) for e in found.items} == expected
    assert found.total == len(expected)


def test_sorting_and_paging(store: Store) -> None:
    catalog = Catalog(store)
    by_confidence = catalog.events(Filters(), sort="-confidence").items
    assert [e.confidence for e in by_confidence] == [0.8, 0.8, 0.6, 0.6]
    page = catalog.events(Filters(), sort="-confidence", limit=2, offset=3)
    assert (page.total, page.items) == (4, by_confidence[3:])
    with pytest.raises(ConfigError, match="Valid keys"):
        catalog.events(Filters(), sort="size")


def test_undated_events_come_last_whichever_the_direction(backend) -> None:
    with open_store(backend.new_url()) as store:
        store.upsert_many([_record("a", "2017-01-18"), _record("b", None, "Later. " * 30)])
        catalog = Catalog(store)
        for sort, descending in (("date", False), ("-date", True)):
            days = [e.filed_under for e in catalog.events(Filters(), sort=sort).items]
            assert days[-1] is None, sort  # b's E2: no date, no publication date
            assert days[:-1] == sorted(days[:-1], reverse=descending), sort


def test_actors_quotes_places(store: Store) -> None:
    catalog = Catalog(store)
    actors = {a.name: a for a in catalog.actors(Filters()).items}
    assert (actors["Russia"].articles, actors["Russia"].events) == (2, 4)
    assert (actors["Russia"].kind, actors["Russia"].code) == ("state", "RUSGOV")
    assert actors["United Nations"].events == 0
    in_aid = {a.name: a.events for a in catalog.actors(Filters(type="AID")).items}
    assert in_aid == {"Russia": 2, "Khalifa Hiftar": 2}
    page = catalog.actors(Filters(), limit=1, offset=1)
    assert (page.total, [a.name for a in page.items]) == (3, ["Russia"])  # tied with Hiftar
    quotes = catalog.quotes(Filters(actor="nations")).items
    assert [q.speaker.name for q in quotes] == ["United Nations", "United Nations"]
    assert catalog.quotes(Filters(type="AGREE", since="2020-01-01")).total == 1
    assert catalog.quotes(Filters(type="AID")).items == ()
    places = catalog.places(Filters(type="AID")).items
    assert [(p.name, p.events, p.lat) for p in places] == [("Benghazi", 2, 32.1)]
    assert catalog.places(Filters(type="AGREE")).items == ()
    articles = catalog.articles(Filters()).items
    assert [(a.id, a.events, a.actors, a.quotes) for a in articles] == [
        ("b", 2, 3, 1),
        ("a", 2, 3, 1),
    ]
    assert [a.id for a in catalog.articles(Filters(text="officials")).items] == ["b"]


def test_aggregates(store: Store) -> None:
    catalog = Catalog(store)
    network = catalog.network(Filters())
    edges = {(e.actor, e.recipient, e.quad_code): e.count for e in network.edges}
    assert edges == {("Russia", "Khalifa Hiftar", 2): 2, ("Khalifa Hiftar", "Russia", 1): 2}
    timeline = catalog.timeline(Filters(), None)
    assert timeline.granularity == "month"  # 2017-01 to 2020-05
    assert {(b.start, b.type, b.count) for b in timeline.buckets} == {
        ("2017-01-01", "AID", 2),
        ("2017-01-01", "AGREE", 1),
        ("2020-05-01", "AGREE", 1),
    }
    assert catalog.timeline(Filters(type="AID"), None).granularity == "day"
    event_map = catalog.event_map(Filters())
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


def test_near_duplicates_are_left_out_as_events_leaves_them_out(backend) -> None:
    with open_store(backend.new_url()) as store:
        store.upsert_many([_record("a", "2017-01-18"), _record("copy", "2017-01-19")])
        catalog = Catalog(store)
        assert [a.id for a in catalog.articles(Filters()).items] == ["a"]
        assert {e.article_id for e in catalog.events(Filters()).items} == {"a"}
        assert {a.articles for a in catalog.actors(Filters()).items} == {1}


def test_an_events_place_says_whether_its_sentence_names_it(backend, store: Store) -> None:
    e1 = Catalog(store).event("a", "E1")
    assert e1 is not None and e1.place is not None
    assert (e1.place.feature, e1.place.in_sentence) == ("city", True)
    # The same place given to E2, whose sentence does not name Benghazi: from context.
    record = _record("c", "2021-01-01")
    moved = dataclasses.replace(record.events[1], event_loc="P1")
    with open_store(backend.new_url()) as other:
        other.upsert(dataclasses.replace(record, events=(record.events[0], moved)))
        e2 = Catalog(other).event("c", "E2")
    assert e2 is not None and e2.place is not None
    assert (e2.place.name, e2.place.in_sentence) == ("Benghazi", False)


def test_map_points_name_each_event_once_with_its_parties(backend) -> None:
    # E2 (AGREE, quad 1) moved to Benghazi too: the place has a row per quad in SQL.
    record = _record("a", "2017-01-18")
    moved = dataclasses.replace(record.events[1], event_loc="P1")
    with open_store(backend.new_url()) as store:
        store.upsert(dataclasses.replace(record, events=(record.events[0], moved)))
        (point,) = Catalog(store).event_map(Filters()).points
    assert (point.name, point.count, point.by_quad) == ("Benghazi", 2, (1, 1, 0, 0))
    assert [(r.event_id, r.actors, r.recipients, r.filed_under, r.title) for r in point.events] == [
        ("E1", ("Russia",), ("Khalifa Hiftar",), "2017-01-09", "Title a"),
        ("E2", ("Khalifa Hiftar",), ("Russia",), "2017-01-18", "Title a"),
    ]
