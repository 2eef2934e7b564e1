"""Tests for the Store protocol (store/__init__.py, store/sql.py), on every backend.

Each test runs on SQLite and on PostgreSQL (``backend`` and ``store`` in conftest.py); the
PostgreSQL runs are skipped, with the reason, when no server is reachable at
$THUCYDIDES_TEST_POSTGRES. Backend-specific behaviour is in test_store_sqlite.py and
test_store_postgres.py.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thucydides.errors import ConfigError, RecordNotFound, StoreError
from thucydides.records import (
    Actor,
    ArticleRecord,
    Event,
    EventDate,
    Place,
    Quote,
    Rejected,
    Removed,
    Source,
    Span,
)
from thucydides.store import EventQuery, Store, open_store
from thucydides.store.sql import AGGREGATE_TABLES, STORE_SCHEMA_VERSION, TABLES

# ---------------------------------------------------------------- helpers


def span_of(text: str, piece: str) -> Span:
    """The Span of the first ``piece`` in ``text``."""
    start = text.index(piece)
    return Span(start, start + len(piece), piece)


HIFTAR_TEXT = (
    "Russia plans to arm General Khalifa Hiftar, officials in Benghazi said last week. "
    "Hiftar met Russian officials aboard an aircraft carrier. "
    '"Moscow trusts Hiftar," said Adel Bashir.'
)


def hiftar_record(record_id: str = "hiftar", **changes) -> ArticleRecord:
    """A realistic coded article: three actors, two places, three events, one quote."""
    t = HIFTAR_TEXT
    first = span_of(t, t.split(". ")[0] + ".")
    second = span_of(t, "Hiftar met Russian officials aboard an aircraft carrier.")
    record = ArticleRecord(
        id=record_id,
        source=Source(
            path="hiftar-russia.txt",
            url="https://example.org/hiftar",
            title="Russia and Hiftar",
            authors=("Jane Doe",),
            published="2017-01-18",
            language="en",
        ),
        text=t,
        removed=(Removed("byline", "By Jane Doe"),),
        actors=(
            Actor(
                "A1",
                "Khalifa Hiftar",
                "person",
                country="LBY",
                sector="MIL",
                code="LBYMIL",
                mentions=(span_of(t, "General Khalifa Hiftar"), span_of(t, "Hiftar met")),
            ),
            Actor(
                "A2", "Russia", "state", country="RUS", code="RUS", mentions=(span_of(t, "Russia"),)
            ),
            Actor(
                "A3",
                "Adel Bashir",
                "person",
                country="LBY",
                mentions=(span_of(t, "Adel Bashir"),),
            ),
        ),
        places=(
            Place("P1", "Benghazi", 88319, 32.11, 20.07, "LBY", "city", (span_of(t, "Benghazi"),)),
            Place("P2", "Mediterranean Sea", None, None, None, None, "water"),
        ),
        events=(
            Event(
                "E1",
                "AID",
                first,
                "plans to arm",
                mode="military",
                context=("military",),
                quad_code=2,
                cameo="0332",
                actor=("A2",),
                recipient=("A1",),
                modality="future",
                reported_by="A3",
                date=EventDate("2017-01-09", "2017-01-15", "last week"),
                event_loc="P1",
                confidence=0.87,
            ),
            Event(
                "E2",
                "CONSULT",
                second,
                "met",
                actor=("A1",),
                recipient=("A2",),
                event_loc="P2",
                confidence=0.9,
            ),
            # No date of its own: filed under the article's publication date.
            Event(
                "E3", "ASSESS", second, "trust", actor=("A2",), recipient=("A1",), confidence=0.4
            ),
        ),
        quotes=(
            Quote(
                "Q1",
                "direct",
                "Moscow trusts Hiftar,",
                t.index("Moscow"),
                t.index("Moscow") + len("Moscow trusts Hiftar,"),
                speaker="A3",
                speaker_text="Adel Bashir",
                cue="said",
            ),
        ),
    )
    return dataclasses.replace(record, **changes)


def other_record() -> ArticleRecord:
    """A second article, from another country and another date."""
    t = "The United States accused Iran of arming the Houthis in Yemen on 3 March 2018."
    sentence = span_of(t, t)
    return ArticleRecord(
        id="iran",
        source=Source(published="2018-03-05"),
        text=t,
        actors=(
            Actor(
                "A1",
                "United States",
                "state",
                country="USA",
                mentions=(span_of(t, "United States"),),
            ),
            Actor("A2", "Iran", "state", country="IRN", mentions=(span_of(t, "Iran"),)),
            Actor("A3", "Houthis", "group", country="YEM", mentions=(span_of(t, "Houthis"),)),
        ),
        places=(Place("P1", "Yemen", 69543, 15.5, 47.5, "YEM", "country", (span_of(t, "Yemen"),)),),
        events=(
            Event(
                "E1",
                "ACCUSE",
                sentence,
                "accused",
                actor=("A1",),
                recipient=("A2",),
                date=EventDate("2018-03-03", "2018-03-03", "3 March 2018"),
                event_loc="P1",
                confidence=0.8,
            ),
        ),
    )


@pytest.fixture
def filled(store: Store) -> Store:
    store.upsert_many([hiftar_record(), other_record()])
    return store


# ---------------------------------------------------------------- opening


def test_store_satisfies_protocol(store: Store) -> None:
    assert isinstance(store, Store)


def test_reopen_keeps_data(backend) -> None:
    url = backend.new_url()
    with open_store(url) as s:
        s.upsert(hiftar_record())
    with open_store(url) as s:
        assert s.get("hiftar") == hiftar_record()
        assert s.counts()["articles"] == 1


def test_open_creates_every_table_and_the_schema_version(backend, store: Store) -> None:
    tables = backend.dump(store)
    assert set(TABLES) | set(AGGREGATE_TABLES) | {"meta", "sources"} == set(tables)
    assert tables["meta"] == [("schema_version", STORE_SCHEMA_VERSION)]


# ---------------------------------------------------------------- upsert and get


def test_round_trip(store: Store) -> None:
    record = hiftar_record()
    assert store.upsert(record) == "inserted"
    assert store.get("hiftar") == record


def test_counts_after_insert(filled: Store) -> None:
    assert filled.counts() == {
        "articles": 2,
        "places": 3,
        "actors": 6,
        "events": 4,
        "quotes": 1,
        "event_roles": 8,
        "rejections": 0,
        "dedupe_buckets": 36,
    }


def test_second_upsert_is_unchanged_and_writes_nothing(store: Store, backend) -> None:
    store.upsert(hiftar_record())
    store.upsert(other_record())
    before = backend.dump(store)
    assert store.upsert(hiftar_record()) == "unchanged"
    assert store.upsert_many([hiftar_record(), other_record()]) == {"unchanged": 2}
    assert backend.dump(store) == before


def test_changed_record_is_updated_and_old_rows_are_gone(store: Store, backend) -> None:
    old = hiftar_record()
    store.upsert(old)
    new = hiftar_record(
        actors=old.actors[:2],
        places=old.places[:1],
        events=(dataclasses.replace(old.events[0], reported_by=None),),
        quotes=(),
    )
    assert store.upsert(new) == "updated"
    assert store.get("hiftar") == new
    assert store.counts() == {
        "articles": 1,
        "places": 1,
        "actors": 2,
        "events": 1,
        "quotes": 0,
        "event_roles": 2,
        "rejections": 0,
        "dedupe_buckets": 18,
    }
    rows = backend.dump(store)
    assert [row[2] for row in rows["actors"]] == ["Khalifa Hiftar", "Russia"]
    # Mention texts that are not the name are kept on the actor, for the lists' text filter.
    assert [row[-1] for row in rows["actors"]] == ["General Khalifa Hiftar\nHiftar met", None]
    assert rows["quotes"] == []
    # The full record JSON is rewritten too, so the dropped place survives nowhere.
    assert "Mediterranean" not in repr(rows)
    # Coding the old version again restores it exactly.
    assert store.upsert(old) == "updated"
    assert store.get("hiftar") == old


def test_upsert_many_counts_outcomes(store: Store) -> None:
    store.upsert(hiftar_record())
    changed = hiftar_record(text=HIFTAR_TEXT + " ")
    assert store.upsert_many([changed, other_record(), other_record()]) == {
        "updated": 1,
        "inserted": 1,
        "unchanged": 1,
    }


def test_record_naming_an_undefined_actor_is_refused_and_nothing_written(
    store: Store, backend
) -> None:
    store.upsert(other_record())
    before = backend.dump(store)
    good = hiftar_record()
    bad = hiftar_record(events=(dataclasses.replace(good.events[0], actor=("A9",)),))
    with pytest.raises(StoreError, match='article "hiftar"'):
        store.upsert(bad)
    # All or nothing: the good record before the bad one is rolled back too.
    with pytest.raises(StoreError, match='article "hiftar"'):
        store.upsert_many([good, bad])
    assert backend.dump(store) == before


def test_duplicate_actor_ids_are_refused(store: Store) -> None:
    r = hiftar_record()
    with pytest.raises(StoreError, match="defined once"):
        store.upsert(dataclasses.replace(r, actors=(*r.actors, r.actors[0])))


def test_nul_character_is_refused(store: Store) -> None:
    # PostgreSQL text cannot hold NUL; every backend refuses it, so they keep the same data.
    with pytest.raises(StoreError, match="NUL"):
        store.upsert(hiftar_record(text=HIFTAR_TEXT + "\x00"))
    assert store.counts()["articles"] == 0


def test_nan_confidence_is_refused(store: Store) -> None:
    r = hiftar_record()
    bad = dataclasses.replace(
        r, events=(dataclasses.replace(r.events[0], confidence=float("nan")),)
    )
    with pytest.raises(StoreError, match="hiftar"):
        store.upsert(bad)


def test_get_unknown_id_says_how_to_list_ids(store: Store, backend) -> None:
    with pytest.raises(RecordNotFound) as info:
        store.get("abc")
    assert str(info.value) == (
        f'No article "abc" in {store.name}. List ids with `thucydides events --db {store.name}`.'
    )


# ---------------------------------------------------------------- events


def ids(rows) -> list[tuple[str, str]]:
    return [(r.article_id, r.event_id) for r in rows]


def test_events_lists_all_by_date_with_names(filled: Store) -> None:
    rows = filled.events(EventQuery())
    # E1 2017-01-09, then E2/E3 undated so filed under 2017-01-18, then iran 2018-03-03.
    assert ids(rows) == [("hiftar", "E1"), ("hiftar", "E2"), ("hiftar", "E3"), ("iran", "E1")]
    e1 = rows[0]
    assert e1.event == "AID"
    assert e1.date == "2017-01-09"
    assert e1.published == "2017-01-18"
    assert e1.actor_names == ("Russia",)
    assert e1.actor_countries == ("RUS",)
    assert e1.recipient_names == ("Khalifa Hiftar",)
    assert e1.recipient_countries == ("LBY",)
    assert e1.place == "Benghazi"
    assert e1.reported_by == "Adel Bashir"
    assert e1.modality == "future"
    assert e1.mode == "military"
    assert e1.event_text == "plans to arm"
    assert e1.sentence.startswith("Russia plans")
    assert e1.confidence == 0.87
    assert e1.url == "https://example.org/hiftar"
    assert rows[1].date is None and rows[1].reported_by is None


@pytest.mark.parametrize(
    ("least", "expected"),
    [
        (0.0, [("hiftar", "E1"), ("hiftar", "E2"), ("hiftar", "E3"), ("iran", "E1")]),
        (0.8, [("hiftar", "E1"), ("hiftar", "E2"), ("iran", "E1")]),
        (0.87, [("hiftar", "E1"), ("hiftar", "E2")]),
        (0.95, []),
    ],
)
def test_events_min_confidence_keeps_events_at_or_above_it(
    filled: Store, least: float, expected: list[tuple[str, str]]
) -> None:
    assert ids(filled.events(EventQuery(min_confidence=least))) == expected


def test_event_with_compound_actor_keeps_record_order(store: Store) -> None:
    r = hiftar_record()
    e = dataclasses.replace(r.events[1], actor=("A3", "A1"), recipient=("A2",))
    store.upsert(dataclasses.replace(r, events=(e,)))
    (row,) = store.events(EventQuery())
    assert row.actor_names == ("Adel Bashir", "Khalifa Hiftar")
    assert row.recipient_names == ("Russia",)


def test_event_without_actors(store: Store) -> None:
    r = hiftar_record()
    store.upsert(
        dataclasses.replace(r, events=(dataclasses.replace(r.events[1], actor=(), recipient=()),))
    )
    (row,) = store.events(EventQuery())
    assert row.actor_names == () and row.recipient_names == ()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(type="CONSULT"), [("hiftar", "E2")]),
        (EventQuery(type="consult"), [("hiftar", "E2")]),
        (EventQuery(type="THREATEN"), []),
        # Actor as actor or as recipient, any case, any piece of the name.
        (EventQuery(actor="hiftar"), [("hiftar", "E1"), ("hiftar", "E2"), ("hiftar", "E3")]),
        (EventQuery(actor="IRAN"), [("iran", "E1")]),
        (EventQuery(actor="Houthis"), []),  # mentioned, but in no event
        (EventQuery(actor="Bashir"), []),  # only reports the claim
        (EventQuery(country="rus"), [("hiftar", "E1"), ("hiftar", "E2"), ("hiftar", "E3")]),
        (EventQuery(country="USA"), [("iran", "E1")]),
        (EventQuery(country="YEM"), []),
        (EventQuery(since="2017-01-10"), [("hiftar", "E2"), ("hiftar", "E3"), ("iran", "E1")]),
        (EventQuery(since="2018-03-03"), [("iran", "E1")]),
        (EventQuery(since="2018-03-04"), []),
        (EventQuery(until="2017-01-09"), [("hiftar", "E1")]),
        (EventQuery(until="2017-01-08"), []),
        (EventQuery(since="2017-01-18", until="2017-01-18"), [("hiftar", "E2"), ("hiftar", "E3")]),
        (EventQuery(actor="russia", type="AID", country="LBY"), [("hiftar", "E1")]),
        (EventQuery(actor="russia", type="ACCUSE"), []),
        (EventQuery(limit=2), [("hiftar", "E1"), ("hiftar", "E2")]),
        (EventQuery(limit=0), []),
    ],
)
def test_events_filters(filled: Store, query: EventQuery, expected) -> None:
    assert ids(filled.events(query)) == expected


def test_event_with_no_date_at_all_is_left_out_by_date_filters(store: Store) -> None:
    r = hiftar_record(source=Source(published=None))
    store.upsert(r)
    assert ids(store.events(EventQuery(since="1900-01-01"))) == [("hiftar", "E1")]
    # Unfiltered, undated events come last.
    assert ids(store.events(EventQuery()))[-1] == ("hiftar", "E3")


def test_actor_filter_is_unicode_case_insensitive(store: Store) -> None:
    r = hiftar_record()
    renamed = dataclasses.replace(r.actors[0], name="Ḫalīfa Ḥaftar")
    store.upsert(dataclasses.replace(r, actors=(renamed, *r.actors[1:])))
    assert len(store.events(EventQuery(actor="ḥAFTAR"))) == 3
    assert store.events(EventQuery(actor="haftar")) == []  # no accent folding


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": "18/01/2017"}, "YYYY-MM-DD"),
        ({"until": "2017-02-30"}, "YYYY-MM-DD"),
        ({"since": "20170118"}, "YYYY-MM-DD"),
        ({"since": "2018-01-01", "until": "2017-01-01"}, "Swap"),
        ({"limit": -1}, "negative"),
    ],
)
def test_bad_queries_are_refused(kwargs, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        EventQuery(**kwargs)


# ---------------------------------------------------------------- rejections and summary


def test_rejections_recorded_once(store: Store, backend) -> None:
    r = Rejected("feed.jsonl:12", "T005", "broken JSON line")
    store.record_rejection(r)
    before = backend.dump(store)
    store.record_rejection(r)
    assert backend.dump(store) == before
    assert store.rejections() == [r]
    assert store.counts()["rejections"] == 1


def test_rejection_with_new_reason_replaces_old(store: Store) -> None:
    store.record_rejection(Rejected("a.txt", "T002", "empty"))
    store.record_rejection(Rejected("b.txt", "T007", "not English"))
    store.record_rejection(Rejected("a.txt", "T003", "binary"))
    assert store.rejections() == [
        Rejected("a.txt", "T003", "binary"),
        Rejected("b.txt", "T007", "not English"),
    ]


def test_summary(filled: Store) -> None:
    filled.record_rejection(Rejected("empty.txt", "T002", "no text"))
    s = filled.summary()
    assert s.articles == 2
    assert s.events == 4
    assert s.rejected == (Rejected("empty.txt", "T002", "no text"),)
    assert s.events_by_type == (("ACCUSE", 1), ("AID", 1), ("ASSESS", 1), ("CONSULT", 1))
    # Hiftar: 3 events + 2 mentions; Russia: 3 + 1; then 1 + 1 for the US and Iran.
    # Then mentions alone; ties by name.
    assert s.top_actors == (
        ("Khalifa Hiftar", 3, 2),
        ("Russia", 3, 1),
        ("Iran", 1, 1),
        ("United States", 1, 1),
        ("Adel Bashir", 0, 1),
        ("Houthis", 0, 1),
    )
    assert s.top_places == (("Benghazi", 1), ("Yemen", 1))
    # No article repeats another; each event is a story of its own.
    assert (s.duplicates, s.stories, s.stories_with_several_articles) == (0, 4, 0)
    assert filled.summary(top=1).top_actors == (("Khalifa Hiftar", 3, 2),)
    # It is a record: as_dict gives its JSON and from_dict reads it back.
    assert type(s).from_dict(s.as_dict()) == s


def test_summary_of_empty_store(store: Store) -> None:
    s = store.summary()
    assert (s.articles, s.events, s.rejected, s.top_actors, s.top_places) == (0, 0, (), (), ())
    assert (s.duplicates, s.stories) == (0, 0)


# ---------------------------------------------------------------- round-trip property


def text(**kwargs) -> st.SearchStrategy[str]:
    """Any text but NUL, which no backend stores (see test_nul_character_is_refused)."""
    return st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), **kwargs)


names = text(min_size=1, max_size=30)
maybe_text = st.none() | text(max_size=30)
iso_dates = st.dates().map(lambda d: d.isoformat())
spans = st.builds(Span, st.integers(0, 10_000), st.integers(0, 10_000), text(max_size=20))
countries = st.none() | st.sampled_from(["LBY", "RUS", "USA", "IRN", "YEM"])
floats = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def article_records(draw) -> ArticleRecord:
    """Records whose events and quotes only name actors and places they define."""
    actors = tuple(
        Actor(
            f"A{i}",
            draw(names),
            draw(st.sampled_from(["person", "organization", "state", "group", "other"])),
            country=draw(countries),
            sector=draw(st.none() | st.sampled_from(["MIL", "GOV", "REB"])),
            code=draw(maybe_text),
            mentions=tuple(draw(st.lists(spans, max_size=3))),
        )
        for i in range(1, draw(st.integers(0, 4)) + 1)
    )
    places = tuple(
        Place(
            f"P{i}",
            draw(names),
            geonameid=draw(st.none() | st.integers(0, 2**40)),
            lat=draw(st.none() | floats),
            lon=draw(st.none() | floats),
            country=draw(countries),
            feature=draw(st.none() | st.sampled_from(["city", "admin", "water"])),
            mentions=tuple(draw(st.lists(spans, max_size=2))),
        )
        for i in range(1, draw(st.integers(0, 2)) + 1)
    )
    actor_ids = [a.id for a in actors]
    place_ids = [p.id for p in places]
    some_actors = st.lists(st.sampled_from(actor_ids), max_size=3) if actor_ids else st.just([])
    one_actor = st.none() | st.sampled_from(actor_ids) if actor_ids else st.none()
    events = tuple(
        Event(
            f"E{i}",
            draw(st.sampled_from(["AGREE", "CONSULT", "AID", "FIGHT", "ACCUSE"])),
            draw(spans),
            draw(text(max_size=20)),
            mode=draw(st.none() | st.sampled_from(["military", "verbal"])),
            context=tuple(draw(st.lists(text(max_size=10), max_size=2))),
            quad_code=draw(st.none() | st.integers(0, 4)),
            cameo=draw(maybe_text),
            actor=tuple(draw(some_actors)),
            recipient=tuple(draw(some_actors)),
            modality=draw(st.sampled_from(["asserted", "future", "hypothetical", "negated"])),
            reported_by=draw(one_actor),
            date=EventDate(
                draw(st.none() | iso_dates), draw(st.none() | iso_dates), draw(maybe_text)
            ),
            event_loc=draw(st.none() | st.sampled_from(place_ids) if place_ids else st.none()),
            confidence=draw(st.floats(0, 1)),
        )
        for i in range(1, draw(st.integers(0, 4)) + 1)
    )
    quotes = tuple(
        Quote(
            f"Q{i}",
            draw(st.sampled_from(["direct", "indirect", "partial"])),
            draw(text(max_size=40)),
            draw(st.integers(0, 500)),
            draw(st.integers(0, 500)),
            speaker=draw(one_actor),
            speaker_text=draw(maybe_text),
            cue=draw(maybe_text),
        )
        for i in range(1, draw(st.integers(0, 2)) + 1)
    )
    return ArticleRecord(
        id=draw(text(min_size=1, max_size=64)),
        source=Source(
            path=draw(maybe_text),
            url=draw(maybe_text),
            title=draw(maybe_text),
            authors=tuple(draw(st.lists(names, max_size=2))),
            publisher=draw(maybe_text),
            published=draw(st.none() | iso_dates),
            language=draw(st.none() | st.just("en")),
        ),
        text=draw(text(max_size=300)),
        removed=tuple(
            draw(
                st.lists(
                    st.builds(Removed, st.sampled_from(["byline", "chrome"]), text(max_size=20)),
                    max_size=2,
                )
            )
        ),
        actors=actors,
        places=places,
        events=events,
        quotes=quotes,
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(record=article_records())
def test_round_trip_property(backend, record: ArticleRecord) -> None:
    # A fresh store per example: the fixtures are made once per test, not per example.
    with open_store(backend.new_url()) as store:
        assert store.upsert(record) == "inserted"
        assert store.get(record.id) == record
        before = backend.dump(store)
        assert store.upsert(record) == "unchanged"
        assert backend.dump(store) == before
        assert len(store.events(EventQuery())) == len(record.events)
        assert store.duplicates() == []


def test_records_streams_every_record_by_id(filled: Store) -> None:
    first, second = filled.records(), filled.records()
    # Two iterations may run side by side (two cursors on one connection).
    assert next(first).id == "hiftar"
    assert [r.id for r in second] == ["hiftar", "iran"]
    assert [r.id for r in first] == ["iran"]
    assert list(filled.records())[1] == other_record()


@pytest.mark.parametrize("sort", [None, "-confidence", "actor", "date", "-date"])
def test_a_page_read_with_limit_equals_the_same_page_of_the_stream(
    filled: Store, monkeypatch: pytest.MonkeyPatch, sort: str | None
) -> None:
    import thucydides.store.sql as sql

    whole = filled.events(EventQuery(sort=sort))
    assert filled.count_events(EventQuery(sort=sort)) == len(whole) == 4  # type: ignore[attr-defined]
    paged = [filled.events(EventQuery(sort=sort, limit=2, offset=n)) for n in (0, 2, 4)]
    monkeypatch.setattr(sql, "_PAGE_AT_ONCE", 1)  # every limit is now read as a stream
    streamed = [filled.events(EventQuery(sort=sort, limit=2, offset=n)) for n in (0, 2, 4)]
    assert paged == streamed == [whole[0:2], whole[2:4], []]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(actor="hiftar"), [("hiftar", "E1"), ("hiftar", "E2"), ("hiftar", "E3")]),
        (EventQuery(actor="hiftar", role="actor"), [("hiftar", "E2")]),
        (EventQuery(actor="hiftar", role="recipient"), [("hiftar", "E1"), ("hiftar", "E3")]),
        (EventQuery(country="RUS", role="recipient"), [("hiftar", "E2")]),
        (EventQuery(modalities=("future",)), [("hiftar", "E1")]),
        (
            EventQuery(modalities=("asserted", "negated"), type="ASSESS"),
            [("hiftar", "E3")],
        ),
    ],
)
def test_role_and_modality_filters(filled: Store, query: EventQuery, expected) -> None:
    assert ids(filled.events(query)) == expected
    assert filled.count_events(query) == len(expected)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"role": "target"}, "Valid roles"), ({"modalities": ("maybe",)}, "Valid modalities")],
)
def test_bad_role_or_modality_is_refused(kwargs, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        EventQuery(**kwargs)


@pytest.mark.parametrize("include_duplicates", [False, True])
def test_text_filter_finds_events_through_an_actor_name_the_text_never_writes(
    store: Store, include_duplicates: bool
) -> None:
    # "Federation" is in no sentence, title or place: only in the canonical name of A2.
    record = hiftar_record()
    renamed = dataclasses.replace(record.actors[1], name="Russian Federation")
    actors = (record.actors[0], renamed, *record.actors[2:])
    store.upsert(dataclasses.replace(record, actors=actors))
    store.upsert(other_record())
    query = EventQuery(text="FEDERATION", include_duplicates=include_duplicates)
    assert [(r.article_id, r.event_id) for r in store.events(query)] == [
        ("hiftar", "E1"),
        ("hiftar", "E2"),
        ("hiftar", "E3"),
    ]
    assert store.count_events(query) == 3  # type: ignore[attr-defined]
