"""What the API and the web UI browse: events with everything they name, actors, quotes,
places and articles gathered across a store's records, then filtered, sorted and paged.

Records flow one way: a ``Store`` keeps ``ArticleRecord``s; ``Catalog.from_store`` reads
them once and flattens them into the items below, which are records like the others
(``as_dict()`` gives their JSON). The event filters (type, actor, country, since, until)
are the store's own (``Store.events``), so ``thucydides events``, the API and the UI agree
on what matches; ``text`` and the groupings are done here.

Filters by resource (every one is optional; all given ones must match):

========  ==================================================================
events    type, actor, country, since, until (the store's ``EventQuery``);
          text: in the sentence, trigger words, names, place or title
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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ConfigError
from ..knowledge.lexicon import QUAD, event_type
from ..records import Actor, ArticleRecord, EventDate, Place, Record, Span
from ..store import EventQuery, Store

#: How many events a map point lists.
MAP_POINT_EVENTS = 50

#: The keys the events list can be sorted by; a leading "-" sorts descending.
EVENT_SORT_KEYS = (
    "date",
    "event",
    "actor",
    "recipient",
    "place",
    "modality",
    "confidence",
    "article",
)

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

    def event_query(self, *, actor: bool = True, country: bool = True) -> EventQuery:
        """The store query of these filters; ``actor``/``country`` False leaves them out."""
        return EventQuery(
            type=self.type,
            actor=self.actor if actor else None,
            country=self.country if country else None,
            since=self.since,
            until=self.until,
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


class Catalog:
    """A store's records flattened for browsing.

    Args:
        records: every record to browse.

    Build one with ``from_store``; it does not follow later writes, so build a new one
    when the store changes (the service does, see ``service.CatalogCache``).
    """

    def __init__(self, records: Iterable[ArticleRecord]) -> None:
        self.records: dict[str, ArticleRecord] = {}
        self._events: dict[tuple[str, str], EventItem] = {}
        for record in records:
            self.records[record.id] = record
            for item in _event_items(record):
                self._events[item.article_id, item.event_id] = item

    @classmethod
    def from_store(cls, store: Store) -> Catalog:
        """Reads every record of ``store`` but its near-duplicates, as ``events`` leaves out."""
        duplicates = {d.article_id for d in store.duplicates()}
        return cls(r for r in store.records() if r.id not in duplicates)

    # ------------------------------------------------------------ events

    def events(self, store: Store, filters: Filters, sort: str | None = None) -> list[EventItem]:
        """Lists the events that match ``filters``.

        Args:
            store: where the event filters are evaluated.
            filters: see the module doc.
            sort: one of ``EVENT_SORT_KEYS``, "-" first for descending; None keeps the
                store's order (by date, undated last).

        Raises:
            ConfigError: an unknown sort key; the message lists the valid ones.
        """
        key = _sort_key(sort)
        rows = store.events(filters.event_query())
        # A row of an article written after this catalog was built is skipped, not guessed.
        items = [
            item
            for row in rows
            if (item := self._events.get((row.article_id, row.event_id))) is not None
        ]
        if filters.text:
            needle = filters.text.casefold()
            items = [e for e in items if needle in _event_haystack(e)]
        if key is not None:
            name, reverse = key
            items.sort(key=_EVENT_SORTS[name], reverse=reverse)
            if name == "date" and reverse:  # undated events stay last, as they sort ascending
                items = [e for e in items if e.filed_under] + [
                    e for e in items if not e.filed_under
                ]
        return items

    def event(self, article_id: str, event_id: str) -> EventItem | None:
        """Returns one event, or None when there is none with those ids."""
        return self._events.get((article_id, event_id))

    # ------------------------------------------------------------ actors

    def actors(self, store: Store, filters: Filters) -> list[ActorItem]:
        """Lists actors grouped by (name, country), most involved first."""
        in_events = self._event_keys(store, filters, scoping=("type", "since", "until"))
        needle = filters.actor.casefold() if filters.actor else None
        text = filters.text.casefold() if filters.text else None
        groups: dict[tuple[str, str | None], list[tuple[str, Actor]]] = defaultdict(list)
        for record in self.records.values():
            for actor in record.actors:
                if needle and needle not in actor.name.casefold():
                    continue
                if filters.country and (actor.country or "") != filters.country.upper():
                    continue
                if text and not (
                    text in actor.name.casefold()
                    or any(text in m.text.casefold() for m in actor.mentions)
                ):
                    continue
                groups[actor.name, actor.country].append((record.id, actor))
        involvement = self._involvement(in_events)
        items = []
        for (name, country), members in groups.items():
            events = sum(involvement[rid, a.id] for rid, a in members)
            if in_events is not None and not events:
                continue
            first = members[0][1]
            items.append(
                ActorItem(
                    name=name,
                    kind=first.kind,
                    country=country,
                    code=first.code,
                    sector=first.sector,
                    articles=len({rid for rid, _ in members}),
                    mentions=sum(len(a.mentions) for _, a in members),
                    events=events,
                )
            )
        items.sort(key=lambda a: (-(a.events + a.mentions), a.name.casefold()))
        return items

    def _involvement(self, keys: set[tuple[str, str]] | None) -> Counter[tuple[str, str]]:
        """Counts, per (article id, actor id), the events (among ``keys``) it takes part in."""
        counts: Counter[tuple[str, str]] = Counter()
        for (rid, eid), item in self._events.items():
            if keys is not None and (rid, eid) not in keys:
                continue
            for party_id in {p.id for p in (*item.actors, *item.recipients)}:
                counts[rid, party_id] += 1
        return counts

    # ------------------------------------------------------------ quotes

    def quotes(self, store: Store, filters: Filters) -> list[QuoteItem]:
        """Lists quotes in article order, then text order."""
        reporters: set[tuple[str, str]] | None = None
        if filters.type:
            keys = self._event_keys(store, filters, scoping=("type",))
            reporters = {
                (rid, item.reported_by.id)
                for (rid, eid), item in self._events.items()
                if (keys is None or (rid, eid) in keys) and item.reported_by is not None
            }
        needle = filters.actor.casefold() if filters.actor else None
        text = filters.text.casefold() if filters.text else None
        items = []
        for record in self.records.values():
            if not filters.in_range(record.source.published):
                continue
            actors = {a.id: a for a in record.actors}
            for quote in record.quotes:
                speaker = actors.get(quote.speaker) if quote.speaker else None
                if needle and not (speaker and needle in speaker.name.casefold()):
                    continue
                if filters.country and not (speaker and speaker.country == filters.country.upper()):
                    continue
                if reporters is not None and (record.id, quote.speaker) not in reporters:
                    continue
                if text and not (
                    text in quote.text.casefold()
                    or text in (quote.speaker_text or "").casefold()
                    or (speaker is not None and text in speaker.name.casefold())
                ):
                    continue
                items.append(
                    QuoteItem(
                        article_id=record.id,
                        quote_id=quote.id,
                        kind=quote.kind,
                        text=quote.text,
                        start=quote.start,
                        end=quote.end,
                        cue=quote.cue,
                        speaker=_party(speaker) if speaker else None,
                        speaker_text=quote.speaker_text,
                        published=record.source.published,
                        title=record.source.title,
                    )
                )
        return items

    # ------------------------------------------------------------ places

    def places(self, store: Store, filters: Filters) -> list[PlaceItem]:
        """Lists places grouped by (name, country), most mentioned first."""
        in_events = self._event_keys(store, filters, scoping=("type", "actor", "since", "until"))
        located: Counter[tuple[str, str]] = Counter()
        for (rid, eid), item in self._events.items():
            if item.place is not None and (in_events is None or (rid, eid) in in_events):
                located[rid, item.place.id] += 1
        text = filters.text.casefold() if filters.text else None
        groups: dict[tuple[str, str | None], list[tuple[str, Place]]] = defaultdict(list)
        for record in self.records.values():
            for place in record.places:
                if filters.country and (place.country or "") != filters.country.upper():
                    continue
                if in_events is not None and not located[record.id, place.id]:
                    continue
                if text and not (
                    text in place.name.casefold()
                    or any(text in m.text.casefold() for m in place.mentions)
                ):
                    continue
                groups[place.name, place.country].append((record.id, place))
        items = []
        for (name, country), members in groups.items():
            first = members[0][1]
            items.append(
                PlaceItem(
                    name=name,
                    country=country,
                    lat=first.lat,
                    lon=first.lon,
                    feature=first.feature,
                    geonameid=first.geonameid,
                    articles=len({rid for rid, _ in members}),
                    mentions=sum(len(p.mentions) for _, p in members),
                    events=sum(located[rid, p.id] for rid, p in members),
                )
            )
        items.sort(key=lambda p: (-(p.events + p.mentions), p.name.casefold()))
        return items

    # ------------------------------------------------------------ articles

    def articles(self, store: Store, filters: Filters) -> list[ArticleItem]:
        """Lists articles, newest first (undated last), then by title."""
        with_events: set[str] | None = None
        if filters.type or filters.actor or filters.country:
            rows = store.events(
                EventQuery(type=filters.type, actor=filters.actor, country=filters.country)
            )
            with_events = {row.article_id for row in rows}
        text = filters.text.casefold() if filters.text else None
        items = []
        for record in self.records.values():
            source = record.source
            if with_events is not None and record.id not in with_events:
                continue
            if not filters.in_range(source.published):
                continue
            if text and not (
                text in (source.title or "").casefold() or text in record.text.casefold()
            ):
                continue
            items.append(
                ArticleItem(
                    id=record.id,
                    title=source.title,
                    published=source.published,
                    url=source.url,
                    chars=len(record.text),
                    actors=len(record.actors),
                    events=len(record.events),
                    quotes=len(record.quotes),
                )
            )
        items.sort(key=lambda a: (a.title or "").casefold())
        items.sort(key=lambda a: a.published or "", reverse=True)
        return items

    # ------------------------------------------------------------ aggregates

    def network(self, events: Sequence[EventItem]) -> Network:
        """Who did what to whom among ``events``: one edge per actor, recipient and quad."""
        edges: dict[tuple[str, str, int | None], Counter[str]] = defaultdict(Counter)
        nodes: dict[str, tuple[str | None, int]] = {}
        for item in events:
            for actor in item.actors:
                for recipient in item.recipients:
                    if actor.name == recipient.name:
                        continue
                    edges[actor.name, recipient.name, item.quad_code][item.event] += 1
                    for party in (actor, recipient):
                        country, count = nodes.get(party.name, (party.country, 0))
                        nodes[party.name] = (country, count + 1)
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

    def timeline(self, events: Sequence[EventItem], granularity: Granularity | None) -> Timeline:
        """Events per type per day, month or year (chosen from the span when None)."""
        dated = [e for e in events if e.filed_under]
        if granularity is None:
            days = sorted({e.filed_under[:10] for e in dated if e.filed_under})
            granularity = _granularity(days)
        width = {"day": 10, "month": 7, "year": 4}[granularity]
        counts: Counter[tuple[str, str]] = Counter()
        for item in dated:
            bucket = item.filed_under[:width] if item.filed_under else ""
            counts[_bucket_start(bucket), item.event] += 1
        return Timeline(
            granularity=granularity,
            buckets=tuple(
                TimelineBucket(start, kind, QUAD.get(kind), n)
                for (start, kind), n in sorted(counts.items())
            ),
            undated=len(events) - len(dated),
        )

    def event_map(self, events: Sequence[EventItem]) -> EventMap:
        """Events grouped by the place they happened at, most events first."""
        points: dict[tuple[str, str | None, float, float], list[EventItem]] = defaultdict(list)
        unplaced = 0
        for item in events:
            place = item.place
            if place is None or place.lat is None or place.lon is None:
                unplaced += 1
                continue
            points[place.name, place.country, place.lat, place.lon].append(item)
        result = []
        for (name, country, lat, lon), members in points.items():
            quads = Counter(m.quad_code for m in members)
            result.append(
                MapPoint(
                    name=name,
                    country=country,
                    lat=lat,
                    lon=lon,
                    count=len(members),
                    by_quad=(quads[1], quads[2], quads[3], quads[4]),
                    events=tuple(
                        EventRef(
                            m.article_id,
                            m.event_id,
                            m.event,
                            m.quad_code,
                            tuple(p.name for p in m.actors),
                            tuple(p.name for p in m.recipients),
                            m.filed_under,
                            m.title,
                        )
                        for m in members[:MAP_POINT_EVENTS]
                    ),
                )
            )
        result.sort(key=lambda p: (-p.count, p.name))
        return EventMap(points=tuple(result), unplaced=unplaced)

    # ------------------------------------------------------------ helpers

    def _event_keys(
        self,
        store: Store,
        filters: Filters,
        scoping: tuple[str, ...],
    ) -> set[tuple[str, str]] | None:
        """The (article id, event id) of events matching the ``scoping`` filters given.

        None when none of the ``scoping`` filters is given: the list is not limited to
        events at all.
        """
        if not any(getattr(filters, name) for name in scoping):
            return None
        # ``country`` always belongs to the listed thing itself, never to the events.
        query = filters.event_query(actor="actor" in scoping, country=False)
        return {(row.article_id, row.event_id) for row in store.events(query)}


def paginate(items: Sequence[object], limit: int, offset: int) -> list[object]:
    """The page of ``items`` that starts at ``offset``, at most ``limit`` long."""
    return list(items[offset : offset + limit])


# ---------------------------------------------------------------- flattening


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


def _event_haystack(item: EventItem) -> str:
    """Everything the ``text`` filter looks in, casefolded."""
    parts = [
        item.sentence.text,
        item.event_text,
        item.title or "",
        item.place.name if item.place else "",
        *(p.name for p in (*item.actors, *item.recipients)),
    ]
    return "\n".join(parts).casefold()


def _names(parties: tuple[Party, ...]) -> str:
    return " + ".join(p.name for p in parties).casefold()


_EVENT_SORTS: dict[str, Callable[[EventItem], Any]] = {
    # Undated events sort after every date, ascending.
    "date": lambda e: e.filed_under or "9999",
    "event": lambda e: e.event,
    "actor": lambda e: _names(e.actors),
    "recipient": lambda e: _names(e.recipients),
    "place": lambda e: (e.place.name if e.place else "").casefold(),
    "modality": lambda e: e.modality,
    "confidence": lambda e: e.confidence,
    "article": lambda e: ((e.title or "").casefold(), e.article_id),
}


def _sort_key(sort: str | None) -> tuple[str, bool] | None:
    """Parses a sort parameter into (key, descending)."""
    if not sort:
        return None
    name, reverse = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if name not in _EVENT_SORTS:
        raise ConfigError(
            f'Unknown sort key "{sort}". Valid keys: {", ".join(EVENT_SORT_KEYS)}, '
            'each optionally led by "-" for descending order.'
        )
    return name, reverse


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
