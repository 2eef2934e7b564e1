"""Tests for store/stories.py: the rule that groups event reports into story-level events."""

from __future__ import annotations

import dataclasses

import pytest

from thucydides.records import Source
from thucydides.store import EventQuery, EventRow, Store, StoryRow
from thucydides.store.stories import group_stories, source_key

from .test_store import hiftar_record, other_record


def report(
    article: str,
    event: str = "AID",
    actors: tuple[str, ...] = ("Russia",),
    recipients: tuple[str, ...] = ("Khalifa Hiftar",),
    date: str | None = "2017-01-12",
    date_end: str | None = None,
    published: str | None = "2017-01-18",
    source: str | None = None,
    modality: str = "asserted",
) -> EventRow:
    return EventRow(
        article_id=article,
        event_id="E1",
        date=date,
        published=published,
        event=event,
        mode=None,
        modality=modality,
        actor_names=actors,
        actor_countries=tuple(None for _ in actors),
        recipient_names=recipients,
        recipient_countries=tuple(None for _ in recipients),
        place=None,
        event_text="arms",
        sentence=f"Sentence of {article}.",
        reported_by=None,
        confidence=0.5,
        url=None,
        date_end=date_end,
        source=source,
    )


def grouped(rows: list[EventRow]) -> list[list[str]]:
    return [[r.article_id for r in s.reports] for s in group_stories(rows)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Same type, parties and day: one story.
        ([report("a"), report("b")], [["a", "b"]]),
        # Parties compared as sets of casefolded names, in any order, repeats ignored.
        (
            [
                report("a", actors=("Russia", "Iran")),
                report("b", actors=("iran", "RUSSIA", "Iran")),
            ],
            [["a", "b"]],
        ),
        # Another type, actor, recipient or modality: another story.
        ([report("a"), report("b", event="THREATEN")], [["a"], ["b"]]),
        ([report("a"), report("b", actors=("Egypt",))], [["a"], ["b"]]),
        ([report("a"), report("b", recipients=())], [["a"], ["b"]]),
        ([report("a"), report("b", modality="negated")], [["a"], ["b"]]),
        # Another day: another story.
        ([report("a"), report("b", date="2017-01-13")], [["a"], ["b"]]),
        # A week overlapping a day, and the days chained by overlapping ranges.
        (
            [
                report("a", date="2017-01-09", date_end="2017-01-15"),
                report("b", date="2017-01-15"),
                report("c", date="2017-01-15", date_end="2017-01-20"),
                report("d", date="2017-01-20"),
                report("e", date="2017-01-21"),
            ],
            [["a", "b", "c", "d"], ["e"]],
        ),
        # No date of its own: filed under the publication day.
        ([report("a", date=None, published="2017-01-12T10:00"), report("b")], [["a", "b"]]),
        # No date at all, or no party at all: a story of its own.
        (
            [report("a", date=None, published=None), report("b", date=None, published=None)],
            [["a"], ["b"]],
        ),
        (
            [report("a", actors=(), recipients=()), report("b", actors=(), recipients=())],
            [["a"], ["b"]],
        ),
    ],
)
def test_grouping_rule(rows: list[EventRow], expected: list[list[str]]) -> None:
    assert sorted(grouped(rows)) == sorted(expected)


def test_story_counts_articles_and_known_sources() -> None:
    rows = [
        report("a", source="thetimes.co.uk"),
        dataclasses.replace(report("a", source="thetimes.co.uk"), event_id="E2"),
        report("b", source="voanews.com"),
        report("c", source="voanews.com"),
        report("d", source=None),
    ]
    (story,) = group_stories(rows)
    assert (story.n_articles, story.n_sources, len(story.reports)) == (4, 2, 5)
    assert (story.start, story.end) == ("2017-01-12", "2017-01-12")
    assert story.actor_names == ("Russia",) and story.recipient_names == ("Khalifa Hiftar",)
    # Every report's evidence is kept, and the story is a record.
    assert [r.sentence for r in story.reports][0] == "Sentence of a."
    assert StoryRow.from_dict(story.as_dict()) == story


def test_stories_come_by_first_day_undated_last() -> None:
    rows = [
        report("late", date="2018-01-01"),
        report("undated", date=None, published=None),
        report("early", date="2016-05-05", event="ACCUSE"),
    ]
    assert [s.reports[0].article_id for s in group_stories(rows)] == ["early", "late", "undated"]


def test_story_id_is_stable() -> None:
    rows = [report("a"), report("b")]
    assert group_stories(rows)[0].story_id == group_stories(list(reversed(rows)))[0].story_id


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (Source(url="https://www.thetimes.co.uk/article/x"), "thetimes.co.uk"),
        (Source(url="https://WWW.VOAnews.com/a", publisher="VOA"), "voanews.com"),
        (Source(publisher="  The   Times "), "the times"),
        (Source(url="not a url", publisher="VOA"), "voa"),
        (Source(url="http://[::1", publisher=None), None),
        (Source(), None),
    ],
)
def test_source_key(source: Source, expected: str | None) -> None:
    assert source_key(source) == expected


# ---------------------------------------------------------------- in the store


def test_store_groups_reports_of_several_articles(store: Store) -> None:
    a = hiftar_record(
        "times", source=Source(url="https://www.thetimes.co.uk/a", published="2017-01-18")
    )
    b = hiftar_record(
        "voa",
        text="Another article entirely, written in other words. " * 3,
        source=Source(url="https://www.voanews.com/b", published="2017-01-18"),
    )
    c = hiftar_record(
        "times-2", source=Source(url="https://www.thetimes.co.uk/c", published="2017-01-18")
    )
    # "times-2" has the same text as "times": a duplicate, not a third report.
    store.upsert_many([a, b, c, other_record()])
    stories = store.stories(EventQuery())
    assert [(s.event, s.n_articles, s.n_sources) for s in stories] == [
        ("AID", 2, 2),
        ("CONSULT", 2, 2),
        ("ASSESS", 2, 2),
        ("ACCUSE", 1, 0),
    ]
    aid = stories[0]
    assert [(r.article_id, r.event_id) for r in aid.reports] == [("times", "E1"), ("voa", "E1")]
    assert (aid.start, aid.end) == ("2017-01-09", "2017-01-15")
    s = store.summary()
    assert (s.articles, s.duplicates, s.stories, s.stories_with_several_articles) == (3, 1, 4, 3)
    # Filters and limits as for events; a limit counts stories.
    assert [s.event for s in store.stories(EventQuery(type="consult"))] == ["CONSULT"]
    assert len(store.stories(EventQuery(limit=2))) == 2
    with_copies = store.stories(EventQuery(include_duplicates=True))
    assert with_copies[0].n_articles == 3 and with_copies[0].n_sources == 2
