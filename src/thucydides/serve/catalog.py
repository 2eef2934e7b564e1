"""What the API and the web UI browse: events with everything they name, actors, quotes,
places and articles of a store, filtered, sorted and paged by the store's own SQL.

Records flow one way: a ``Store`` keeps ``ArticleRecord``s and the counts kept at ingest;
a ``Catalog`` asks it for one page at a time and turns the rows into the items below,
which are records like the others (``as_dict()`` gives their JSON). Nothing is loaded
whole: a page of events reads the records of that page's articles only, the network and
the map stream the matching events, and the unfiltered lists and the timeline read the
aggregate tables (``store/aggregates.py``). So the service's memory does not grow with the
store, and a write is seen by the next request without any rebuild. The event filters are
the store's own (``Store.events``), so ``thucydides events``, the API and the UI agree on
what matches. Near-duplicate articles are left out everywhere, as ``events`` leaves them.

Filters by resource (every one is optional; all given ones must match):

========  ==================================================================
events    type, actor, country, since, until (the store's ``EventQuery``);
          text: in the sentence, trigger words, names, place or title; and
          role, modality, min_confidence (``refine.py``), for the events list,
          the network, the timeline and the map, also in the store's SQL
actors    actor: in the name; country: the actor's; text: in the name or a
          mention; type/since/until: actors taking part in matching events
quotes    actor: in the speaker's name; country: the speaker's; since/until:
          the article's publication date; text: in the quote or speaker;
          type: quotes whose speaker reported a matching event
places    country: the place's; text: in the name or a mention;
          type/actor/since/until: places where matching events happened
articles  text: in the title or body; since/until: publication date;
          type/actor/country: articles with a matching event
========  ==================================================================

``text`` is matched case-insensitively for ASCII letters (SQL ``lower``), so that the
store answers it; other letters match in their own case.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from ..errors import RecordNotFound
from ..knowledge.lexicon import QUAD, event_type
from ..records import Actor, ArticleRecord, EventDate, Place, Record, Span
from ..store import EVENT_SORT_KEYS, EventQuery, Store
from .refine import EVERY_EVENT, EventRefinement

__all__ = ["EVENT_SORT_KEYS", "Catalog", "Filters", "Listing"]

#: How many events a map point lists.
MAP_POINT_EVENTS = 50

T = TypeVar("T")

Granularity = Literal["day", "month", "year"]


# ---------------------------------------------------------------- filters


@dataclass(frozen=True, slots=True)
class Filters(Record):
    """The filters every list takes; what each means per resource is in the module doc.

    Raises:
        ConfigError: an event type that is not a PLOVER type (the message lists them), a
            date that is not YYYY-MM-DD, or ``since`` after ``until``.
    """

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        if self.type is not None:
            event_type(self.type)  # an unknown type: ConfigError naming the valid ones
        self.event_query()  # checks the dates

    def event_query(
        self, *, actor: bool = True, country: bool = True, text: bool = False
    ) -> EventQuery:
        """The store query of these filters; ``actor``/``country`` False leaves them out,
        ``text`` True puts the text filter in (the events list's meaning of it)."""
        return EventQuery(
            type=self.type,
            actor=self.actor if actor else None,
            country=self.country if country else None,
            since=self.since,
            until=self.until,
            text=self.text if text else None,
        )

    def in_range(self, date: str | None) -> bool:
        """Tells whether an ISO date (or timestamp) is within since..until; None is not."""
        if self.since is None and self.until is None:
            return True
        if not date:
            return False
        day = date[:10]
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


# ---------------------------------------------------------------- items


@dataclass(frozen=True, slots=True)
class Party(Record):
    """An actor as an event or quote names it: its id within the article, and who it is."""

    id: str
    name: str
    country: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class EventPlace(Record):
    """Where an event happened.

    ``feature`` is how precise the place is (city, admin, country, region, water, other);
    ``in_sentence`` tells whether the event's own sentence names it (False: the place was
    taken from the article around the sentence).
    """

    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    in_sentence: bool | None = None


@dataclass(frozen=True, slots=True)
class EventItem(Record):
    """One event with the actors, place and article it points to resolved.

    ``filed_under`` is the date the event is listed under: its own start date, else the
    article's publication date (the rule of ``EventQuery``), else None.
    """

    article_id: str
    event_id: str
    event: str
    quad_code: int | None
    mode: str | None
    cameo: str | None
    modality: str
    date: EventDate
    published: str | None
    filed_under: str | None
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    reported_by: Party | None
    place: EventPlace | None
    event_text: str
    trigger: Span | None
    sentence: Span
    confidence: float
    title: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ActorItem(Record):
    """An actor across the store, grouped by canonical name and country."""

    name: str
    kind: str
    country: str | None
    code: str | None
    sector: str | None
    articles: int
    mentions: int
    events: int


@dataclass(frozen=True, slots=True)
class QuoteItem(Record):
    """One quote, with its speaker resolved and its article named."""

    article_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    cue: str | None
    speaker: Party | None
    speaker_text: str | None
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class PlaceItem(Record):
    """A place across the store, grouped by name and country."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    geonameid: int | None
    articles: int
    mentions: int
    events: int


@dataclass(frozen=True, slots=True)
class ArticleItem(Record):
    """One stored article, at a glance."""

    id: str
    title: str | None
    published: str | None
    url: str | None
    chars: int
    actors: int
    events: int
    quotes: int


@dataclass(frozen=True, slots=True)
class NetworkNode(Record):
    """An actor in the network, by name; ``events`` counts the edges' events it is in."""

    name: str
    country: str | None
    events: int


@dataclass(frozen=True, slots=True)
class NetworkEdge(Record):
    """Events from ``actor`` to ``recipient`` of one quad class, with their types."""

    actor: str
    recipient: str
    quad_code: int | None
    count: int
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Network(Record):
    """Who did what to whom: events with both an actor and a recipient."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


@dataclass(frozen=True, slots=True)
class TimelineBucket(Record):
    """How many events of one type fall in the period starting at ``start``."""

    start: str
    type: str
    quad_code: int | None
    count: int


@dataclass(frozen=True, slots=True)
class Timeline(Record):
    """Events per type over time; ``undated`` counts events with no date at all."""

    granularity: Granularity
    buckets: tuple[TimelineBucket, ...]
    undated: int


@dataclass(frozen=True, slots=True)
class EventRef(Record):
    """Names one event, with what a list of events shows of it: who did it to whom, when,
    and in which article."""

    article_id: str
    event_id: str
    event: str
    quad_code: int | None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    filed_under: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class MapPoint(Record):
    """Events at one place; ``by_quad`` counts them per quad class 1 to 4."""

    name: str
    country: str | None
    lat: float
    lon: float
    count: int
    by_quad: tuple[int, int, int, int]
    events: tuple[EventRef, ...]


@dataclass(frozen=True, slots=True)
class EventMap(Record):
    """Event locations; ``unplaced`` counts matching events with no coordinates."""

    points: tuple[MapPoint, ...]
    unplaced: int


# ---------------------------------------------------------------- the catalog


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """One page of a list: its items, and how many there are in all."""

    total: int
    items: tuple[T, ...]


class Catalog:
    """A store, browsed a page at a time.

    Args:
        store: the open store every list is read from; nothing is read until asked.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------ events

    def events(
        self,
        filters: Filters,
        sort: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        refine: EventRefinement = EVERY_EVENT,
    ) -> Listing[EventItem]:
        """Lists the events that match ``filters`` and ``refine``, one page of them.

        Args:
            filters: see the module doc.
            refine: role, modality and confidence filters (``refine.py``).
            sort: one of ``EVENT_SORT_KEYS``, "-" first for descending; None keeps the
                store's order (by date, undated last).
            limit, offset: the page; None for every event.

        Raises:
            ConfigError: an unknown sort key; the message lists the valid ones.
        """
        query = refine.narrow(filters.event_query(text=True))
        paged = EventQuery(
            **{**query.as_dict(), "sort": sort, "limit": limit, "offset": offset}  # type: ignore[arg-type]
        )
        rows = self.store.events(paged)
        total = self.store.count_events(query) if limit is not None else len(rows) + offset
        records: dict[str, ArticleRecord] = {}
        items = []
        for row in rows:
            record = records.get(row.article_id)
            if record is None:
                record = records[row.article_id] = self.store.get(row.article_id)
            item = _event_item(record, row.event_id)
            if item is not None:  # None: re-coded since the page was read
                items.append(item)
        return Listing(total, tuple(items))

    def event(self, article_id: str, event_id: str) -> EventItem | None:
        """Returns one event, or None when there is none with those ids."""
        try:
            record = self.store.get(article_id)
        except RecordNotFound:
            return None
        return _event_item(record, event_id)

    # ------------------------------------------------------------ actors

    def actors(
        self, filters: Filters, limit: int | None = None, offset: int = 0
    ) -> Listing[ActorItem]:
        """Lists actors grouped by (name, country), most involved first."""
        total, rows = self.store.actor_page(
            _scoping(filters, ("type", "since", "until")),
            name=filters.actor,
            country=filters.country,
            text=filters.text,
            limit=limit,
            offset=offset,
        )
        items = tuple(
            ActorItem(
                name=name,
                kind=kind or "",
                country=country,
                code=code,
                sector=sector,
                articles=articles,
                mentions=mentions,
                events=events,
            )
            for name, country, articles, mentions, events, kind, code, sector in rows
        )
        return Listing(total, items)

    # ------------------------------------------------------------ quotes

    def quotes(
        self, filters: Filters, limit: int | None = None, offset: int = 0
    ) -> Listing[QuoteItem]:
        """Lists quotes in article order, then text order."""
        reported = None
        if filters.type:
            reported = EventQuery(type=filters.type, since=filters.since, until=filters.until)
        total, rows = self.store.quote_page(
            reported,
            speaker=filters.actor,
            country=filters.country,
            since=filters.since,
            until=filters.until,
            text=filters.text,
            limit=limit,
            offset=offset,
        )
        items = []
        for (
            article_id, quote_id, kind, text, start, end, cue,
            speaker_id, name, country, code, speaker_text, published, title,
        ) in rows:  # fmt: skip
            items.append(
                QuoteItem(
                    article_id=article_id,
                    quote_id=quote_id,
                    kind=kind,
                    text=text,
                    start=start,
                    end=end,
                    cue=cue,
                    speaker=Party(speaker_id, name, country, code) if speaker_id else None,
                    speaker_text=speaker_text,
                    published=published,
                    title=title,
                )
            )
        return Listing(total, tuple(items))

    # ------------------------------------------------------------ places

    def places(
        self, filters: Filters, limit: int | None = None, offset: int = 0
    ) -> Listing[PlaceItem]:
        """Lists places grouped by (name, country), most mentioned first."""
        total, rows = self.store.place_page(
            _scoping(filters, ("type", "actor", "since", "until")),
            country=filters.country,
            text=filters.text,
            limit=limit,
            offset=offset,
        )
        items = tuple(
            PlaceItem(
                name=name,
                country=country,
                lat=lat,
                lon=lon,
                feature=feature,
                geonameid=geonameid,
                articles=articles,
                mentions=mentions,
                events=events,
            )
            for name, country, articles, mentions, events, lat, lon, feature, geonameid in rows
        )
        return Listing(total, items)

    # ------------------------------------------------------------ articles

    def articles(
        self, filters: Filters, limit: int | None = None, offset: int = 0
    ) -> Listing[ArticleItem]:
        """Lists articles, newest first (undated last), then by title."""
        with_events = None
        if filters.type or filters.actor or filters.country:
            with_events = EventQuery(
                type=filters.type, actor=filters.actor, country=filters.country
            )
        total, rows = self.store.article_page(
            with_events,
            since=filters.since,
            until=filters.until,
            text=filters.text,
            limit=limit,
            offset=offset,
        )
        return Listing(total, tuple(ArticleItem(*row) for row in rows))

    # ------------------------------------------------------------ aggregates

    def network(self, filters: Filters, refine: EventRefinement = EVERY_EVENT) -> Network:
        """Who did what to whom among the matching events: one edge per actor, recipient
        and quad class, counted by the store (SQL), most events first."""
        edges: dict[tuple[str, str, int | None], Counter[str]] = defaultdict(Counter)
        nodes: dict[str, tuple[str | None, int]] = {}
        rows = self.store.event_edges(refine.narrow(filters.event_query(text=True)))
        for actor, actor_country, recipient, recipient_country, quad, kind, n in rows:
            edges[actor, recipient, quad][kind] += n
            for name, country in ((actor, actor_country), (recipient, recipient_country)):
                known, count = nodes.get(name, (country, 0))
                nodes[name] = (known or country, count + n)
        return Network(
            nodes=tuple(
                NetworkNode(name, country, count)
                for name, (country, count) in sorted(nodes.items(), key=lambda n: -n[1][1])
            ),
            edges=tuple(
                NetworkEdge(a, r, quad, sum(types.values()), tuple(sorted(types)))
                for (a, r, quad), types in sorted(edges.items(), key=lambda e: -sum(e[1].values()))
            ),
        )

    def timeline(
        self,
        filters: Filters,
        granularity: Granularity | None,
        refine: EventRefinement = EVERY_EVENT,
    ) -> Timeline:
        """Matching events per type per day, month or year (chosen from the span when
        None), from the store's counts per day."""
        by_day = self.store.events_by_day(refine.narrow(filters.event_query(text=True)))
        days = sorted({day for day, _, _ in by_day if day})
        if granularity is None:
            granularity = _granularity(days)
        width = {"day": 10, "month": 7, "year": 4}[granularity]
        counts: Counter[tuple[str, str]] = Counter()
        undated = 0
        for day, kind, n in by_day:
            if day:
                counts[_bucket_start(day[:width]), kind] += n
            else:
                undated += n
        return Timeline(
            granularity=granularity,
            buckets=tuple(
                TimelineBucket(start, kind, QUAD.get(kind), n)
                for (start, kind), n in sorted(counts.items())
            ),
            undated=undated,
        )

    def event_map(self, filters: Filters, refine: EventRefinement = EVERY_EVENT) -> EventMap:
        """Matching events grouped by the place they happened at, most events first,
        counted by the store (SQL); each point names its first ``MAP_POINT_EVENTS``."""
        query = refine.narrow(filters.event_query(text=True))
        points: dict[tuple[str, str | None, float, float], tuple[Counter[int | None], list]] = {}
        for name, country, lat, lon, quad, n, refs in self.store.event_places(
            query, MAP_POINT_EVENTS
        ):
            quads, named = points.setdefault((name, country, lat, lon), (Counter(), []))
            quads[quad] += n
            named += [EventRef(*ref) for ref in refs]
        placed = sum(sum(quads.values()) for quads, _ in points.values())
        result = [
            MapPoint(
                name=name,
                country=country,
                lat=lat,
                lon=lon,
                count=sum(quads.values()),
                by_quad=(quads[1], quads[2], quads[3], quads[4]),
                events=tuple(named),
            )
            for (name, country, lat, lon), (quads, named) in points.items()
        ]
        result.sort(key=lambda p: (-p.count, p.name))
        return EventMap(points=tuple(result), unplaced=self.store.count_events(query) - placed)


def _scoping(filters: Filters, scoping: tuple[str, ...]) -> EventQuery | None:
    """The events a list of actors or places is limited to, or None when none of the
    ``scoping`` filters is given (``country`` always belongs to the listed thing)."""
    if not any(getattr(filters, name) for name in scoping):
        return None
    return filters.event_query(actor="actor" in scoping, country=False)


# ---------------------------------------------------------------- flattening


def _event_item(record: ArticleRecord, event_id: str) -> EventItem | None:
    """The event ``event_id`` of ``record`` as an EventItem, or None when it has none."""
    return next((item for item in _event_items(record) if item.event_id == event_id), None)


def _event_items(record: ArticleRecord) -> Iterable[EventItem]:
    """The events of one record, with the ids they name resolved."""
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    published = record.source.published
    for event in record.events:
        place = places.get(event.event_loc) if event.event_loc else None
        reporter = actors.get(event.reported_by) if event.reported_by else None
        # The store's rule (EventQuery): the event's own date, else the publication date.
        filed = event.date.start or (published[:10] if published else None)
        yield EventItem(
            article_id=record.id,
            event_id=event.id,
            event=event.event,
            quad_code=event.quad_code,
            mode=event.mode,
            cameo=event.cameo,
            modality=event.modality,
            date=event.date,
            published=published,
            filed_under=filed,
            actors=tuple(_party(actors[i]) for i in event.actor if i in actors),
            recipients=tuple(_party(actors[i]) for i in event.recipient if i in actors),
            reported_by=_party(reporter) if reporter else None,
            place=_event_place(place, event.sentence) if place else None,
            event_text=event.event_text,
            trigger=event.trigger,
            sentence=event.sentence,
            confidence=event.confidence,
            title=record.source.title,
            url=record.source.url,
        )


def _event_place(place: Place, sentence: Span) -> EventPlace:
    """Where an event happened, with how precise the place is and where it was read."""
    named = any(sentence.start <= m.start and m.end <= sentence.end for m in place.mentions)
    return EventPlace(
        place.id, place.name, place.country, place.lat, place.lon, place.feature, named
    )


def _party(actor: Actor) -> Party:
    """An actor as a Party."""
    return Party(
        id=actor.id,
        name=actor.name,
        country=actor.country,
        code=actor.code,
    )


def _granularity(days: Sequence[str]) -> Granularity:
    """Day buckets for up to about four months of dates, months up to eight years."""
    if len(days) < 2:
        return "day"
    span = (int(days[-1][:4]) - int(days[0][:4])) * 12 + int(days[-1][5:7]) - int(days[0][5:7])
    if span <= 4:
        return "day"
    return "month" if span <= 96 else "year"


def _bucket_start(bucket: str) -> str:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD bucket, as YYYY-MM-DD."""
    if len(bucket) == 4:
        return f"{bucket}-01-01"
    if len(bucket) == 7:
        return f"{bucket}-01"
    return bucket
