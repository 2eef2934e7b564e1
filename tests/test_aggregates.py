"""The counts kept at ingest (``store/aggregates.py``) equal a recount after every kind of
write: new articles, reruns, updates, near-duplicates linked and unlinked; on both backends.
"""

from __future__ import annotations

import dataclasses
import random

from thucydides.records import EventDate
from thucydides.store import EventQuery, Store
from thucydides.store.stories import group_stories

from .test_dedupe import article, edited, words
from .test_store import HIFTAR_TEXT, hiftar_record, other_record


def agrees(store: Store) -> None:
    """The aggregates equal a recount, and the summary read from them equals what a scan
    of the events finds."""
    assert store.aggregates() == store.recount()  # type: ignore[attr-defined]
    summary = store.summary()
    events = store.events(EventQuery())
    stories = group_stories(events)
    assert summary.events == len(events)
    assert summary.stories == len(stories)
    assert summary.stories_with_several_articles == sum(s.n_articles > 1 for s in stories)


def test_aggregates_equal_a_recount_after_every_kind_of_write(store: Store) -> None:
    agrees(store)  # empty
    store.upsert_many([hiftar_record(), other_record()])
    agrees(store)
    before = store.aggregates()  # type: ignore[attr-defined]
    store.upsert_many([hiftar_record(), other_record()])  # a rerun changes nothing
    assert store.aggregates() == before  # type: ignore[attr-defined]

    # Another article reports the same events a day later: stories of two articles.
    second = hiftar_record(
        "hiftar-2",
        text="Officials repeated it on Thursday. " + HIFTAR_TEXT,
        source=dataclasses.replace(hiftar_record().source, published="2017-01-19"),
    )
    second = dataclasses.replace(second, actors=(), places=(), events=(), quotes=())
    lead = " ".join(words(200, seed=5)) + " "  # not a near-duplicate of the first
    store.upsert(hiftar_record("hiftar-b", text=lead + HIFTAR_TEXT))
    agrees(store)
    assert store.summary().stories_with_several_articles == 3
    store.upsert(second)
    agrees(store)

    # An update takes the old counts away: one event less, another date.
    changed = hiftar_record()
    changed = dataclasses.replace(
        changed,
        events=(
            dataclasses.replace(changed.events[0], date=EventDate("2016-05-01")),
            changed.events[1],
        ),
    )
    assert store.upsert(changed) == "updated"
    agrees(store)
    assert store.summary().events_by_type[:3] == (("AID", 2), ("CONSULT", 2), ("ACCUSE", 1))


def test_duplicates_leave_and_rejoin_the_counts(store: Store) -> None:
    base = words(300, seed=11)
    store.upsert(article("orig", " ".join(base)))
    assert store.upsert(article("copy", edited(base, 100))) == "inserted"
    assert store.duplicates()[0].article_id == "copy"
    agrees(store)
    assert (store.summary().articles, store.summary().events) == (1, 3)  # not the copy's
    # The original's text changes: the copy is an original now, and counts.
    assert store.upsert(article("orig", " ".join(words(300, seed=12)))) == "updated"
    assert store.duplicates() == []
    agrees(store)
    assert (store.summary().articles, store.summary().events) == (2, 6)
    # And back: linked again, its events leave the counts.
    store.upsert(article("orig", " ".join(base)))
    agrees(store)
    assert (store.summary().articles, store.summary().events) == (1, 3)


def test_stories_join_and_split_as_reports_come_and_go(store: Store) -> None:
    """Reports of one story key with windows that chain, then stop chaining, as articles
    are added and their dates changed: the kept stories always equal a recount."""
    rng = random.Random(3)
    base = hiftar_record()
    for step in range(40):
        article_id = f"r{rng.randrange(12)}"
        day = rng.randrange(1, 28)
        length = rng.choice((0, 0, 1, 3))
        events = tuple(
            dataclasses.replace(
                e,
                date=EventDate(f"2017-02-{day:02d}", f"2017-02-{min(day + length, 28):02d}"),
            )
            for e in base.events
        )
        text = " ".join(words(120, seed=int(article_id[1:]))) + " " + HIFTAR_TEXT
        store.upsert(dataclasses.replace(base, id=article_id, text=text, events=events))
        assert store.aggregates() == store.recount(), step  # type: ignore[attr-defined]
    agrees(store)
    assert store.summary().stories_with_several_articles > 0
