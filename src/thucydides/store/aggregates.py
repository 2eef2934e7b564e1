"""What one article adds to the store's aggregates: the counts the summary and the UI read.

The store keeps, next to the normalised tables, counts that would otherwise need a scan of
every event: events per type, per day and type, per country; actors and places with their
articles, mentions and events; the reports of story-level events, the stories (spans of
days) they chain into per key, and how many stories each key has. Every count is a sum
over the original (not near-duplicate) articles of what each one contributes, so the
store maintains them incrementally: a new article adds its contribution, an updated one
takes its old one away and adds the new one, an article linked to (or unlinked from) an
original takes (or adds) its own, all in the transaction that writes the article. A rerun
or a SIGKILL therefore leaves them equal to a recount from the records (``Store.recount``;
tests and the benchmark compare the two).

This module holds no SQL: ``contribution`` maps a record to plain counters, and
``chain`` is the story rule of ``stories.group_stories`` on (window, article) pairs, so
the stories kept at ingest are the ones ``group_stories`` would find.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..records import Actor, ArticleRecord, Event

#: The aggregate tables: name -> (key columns, count columns). The DDL is in ``sql.py``.
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "agg_totals": (("name",), ("n",)),
    "agg_types": (("event",), ("events",)),
    "agg_days": (("day", "event"), ("events",)),
    "agg_countries": (("country",), ("events",)),
    "agg_actors": (("name", "country", "folded_name"), ("articles", "mentions", "events")),
    "agg_places": (("name", "country"), ("articles", "mentions", "events")),
}

#: The story key of reports that stand alone (no actor and no recipient, or no date).
ALONE = ""

#: A count row: key values -> count values, aligned with ``TABLES``.
Counts = dict[tuple[str, ...], list[int]]


@dataclass(slots=True)
class Contribution:
    """What one original article adds to every aggregate table and to the story reports.

    Attributes:
        tables: per table of ``TABLES``, key -> counts.
        reports: (event id, story key, first day, last day) of each report that can join
            others into a story.
        alone: how many of its reports are stories of their own.
    """

    tables: dict[str, Counts] = field(default_factory=dict)
    reports: list[tuple[str, str, str, str]] = field(default_factory=list)
    alone: int = 0


def filed_under(event: Event, published: str | None) -> str | None:
    """The day an event is listed under: its own start, else the publication day."""
    value = event.date.start or published
    return value[:10] if value else None


def contribution(record: ArticleRecord) -> Contribution:
    """Counts what ``record`` adds to the aggregates when it is an original article.

    Args:
        record: a stored record.

    Returns:
        Its ``Contribution``. Countries and absent values are "" in keys (a key column
        cannot be NULL in a PostgreSQL primary key); rows that would count nothing are
        left out, as a recount leaves them out.
    """
    out = Contribution()
    published = record.source.published
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    types: Counter[tuple[str, ...]] = Counter()
    days: Counter[tuple[str, ...]] = Counter()
    countries: Counter[tuple[str, ...]] = Counter()
    actor_rows: Counts = {}
    place_rows: Counts = {}
    for actor in record.actors:
        actor_rows.setdefault(_actor_key(actor), [1, 0, 0])[1] += len(actor.mentions)
    for place in record.places:
        place_rows.setdefault((place.name, place.country or ""), [1, 0, 0])[1] += len(
            place.mentions
        )
    for event in record.events:
        types[(event.event,)] += 1
        days[(filed_under(event, published) or "", event.event)] += 1
        parties = [actors[i] for i in (*event.actor, *event.recipient) if i in actors]
        for country in {a.country for a in parties if a.country}:
            countries[(country,)] += 1
        for key in {_actor_key(a) for a in parties}:
            actor_rows[key][2] += 1
        located = places.get(event.event_loc) if event.event_loc else None
        if located is not None:
            place_rows[(located.name, located.country or "")][2] += 1
        report = story_report(event, published, actors)
        if report is None:
            out.alone += 1
        else:
            out.reports.append((event.id, *report))
    totals: Counts = {
        ("articles",): [1],
        ("events",): [len(record.events)],
        ("quotes",): [len(record.quotes)],
    }
    out.tables = {
        "agg_totals": {k: v for k, v in totals.items() if any(v)},
        "agg_types": {k: [n] for k, n in types.items()},
        "agg_days": {k: [n] for k, n in days.items()},
        "agg_countries": {k: [n] for k, n in countries.items()},
        "agg_actors": actor_rows,
        "agg_places": place_rows,
    }
    return out


def _actor_key(actor: Actor) -> tuple[str, str, str]:
    """An actor's key in ``agg_actors``: name, country ("" when unknown), folded name."""
    return actor.name, actor.country or "", actor.name.casefold()


def story_report(
    event: Event, published: str | None, actors: Mapping[str, Actor]
) -> tuple[str, str, str] | None:
    """The story key and window of one report, or None when it is a story of its own.

    The key and the window are those of ``stories.story_key`` and ``stories.window``; the
    key is hashed so that it fits an indexed column whatever the names' length.
    """
    names = [actors[i].name for i in event.actor if i in actors]
    recipients = [actors[i].name for i in event.recipient if i in actors]
    if not names and not recipients:
        return None
    if event.date.start:
        first = event.date.start[:10]
        last = max(first, (event.date.end or event.date.start)[:10])
    elif published:
        first = last = published[:10]
    else:
        return None
    key = (
        event.event,
        event.modality,
        sorted({n.casefold() for n in names}),
        sorted({n.casefold() for n in recipients}),
    )
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()
    # 64 bits: two keys of a million would share a digest with a chance of about 3e-8.
    return digest[:16], first, last


def chain(reports: Iterable[tuple[str, str, str, str]]) -> list[tuple[str, str, int]]:
    """Chains reports of one story key into stories, by the rule of ``stories.group_stories``.

    Args:
        reports: (first day, last day, article id, event id) of reports of one key: all of
            them, or all those whose first day lies in a stretch no story crosses.

    Returns:
        Each story as (first day, last day, number of articles), in date order: sorted by
        window, a report opens a new story when its first day is after the last day the
        story covers so far.
    """
    spans: list[tuple[str, str, int]] = []
    articles: set[str] = set()
    start = end = ""
    for first, last, article_id, _ in sorted(reports):
        if articles and first > end:
            spans.append((start, end, len(articles)))
            articles = set()
        if not articles:
            start, end = first, last
        else:
            end = max(end, last)
        articles.add(article_id)
    if articles:
        spans.append((start, end, len(articles)))
    return spans
