"""The ``Store`` protocol every backend implements, and the records it takes and answers.

The query and answer types (``EventQuery``, ``EventRow``, ``StoryRow``, ``Duplicate``,
``StoreSummary``, ``InputMark``) are records like the others, so ``as_dict()`` gives their
JSON. They live here, not in ``store/__init__.py``, so that the backends (``sql.py``,
``sqlite.py``, ``postgres.py``) and ``stories.py`` import them without importing the
package that opens those backends: no import cycle.
"""

from __future__ import annotations

import re
import typing
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Protocol, runtime_checkable

from ..config import is_iso_date
from ..errors import ConfigError
from ..records import ArticleRecord, Modality, Record, Rejected

UpsertResult = Literal["inserted", "updated", "unchanged"]

_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@]*@")
_PASSWORD_PARAM = re.compile(r"(password=)[^&\s]*")


def redact(url: str) -> str:
    """Returns ``url`` with its password replaced by ``***``, for messages."""
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD_IN_URL.sub(r"\1***@", url))


#: Which side of an event the actor and country filters look at (``EventQuery.role``).
ROLES = ("either", "actor", "recipient")

#: Every modality an event can have.
MODALITIES: tuple[str, ...] = typing.get_args(Modality)

#: The keys events can be listed by (``EventQuery.sort``); a leading "-" sorts descending.
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


@dataclass(frozen=True, slots=True)
class EventQuery(Record):
    """Which events to list. Every filter left as None matches everything.

    Attributes:
        type: a PLOVER event type (``AGREE``), compared case-insensitively.
        actor: a piece of an actor's or recipient's canonical name, case-insensitive.
        country: an ISO 3166 alpha-3 code the actor or the recipient belongs to.
        since: first ISO date (YYYY-MM-DD) kept, inclusive.
        until: last ISO date kept, inclusive.
        limit: at most this many events (stories, for ``Store.stories``); None for all.
        min_confidence: keep only events whose (calibrated) confidence is at least this,
            0 to 1; None keeps every event.
        include_duplicates: also list the events of articles that are near-duplicates of
            an earlier stored article (see ``store/dedupe.py``); by default they are left out,
            so that a reposted article is not counted again.
        text: words to find, case-insensitive (ASCII case), in the sentence, the trigger
            words, the article's title, the place's name or a party's name.
        sort: one of ``EVENT_SORT_KEYS``, "-" first for descending; None lists by date
            (undated last, whichever the direction), then article and record order.
        offset: how many of the listed events to skip first (for pages).
        role: which side ``actor`` and ``country`` look at: "actor" (who acts),
            "recipient" (who is acted on) or "either" (the default).
        modalities: the modalities kept (asserted, future, hypothetical, negated); None
            keeps every one.

    ``since``/``until`` compare with the event's start date, or with the article's
    publication date when the event has none; an event with neither is left out by
    either filter, because an unknown date is not guessed.

    Raises:
        ConfigError: a date that is not YYYY-MM-DD, ``since`` after ``until``, a
            negative ``limit``, or a ``min_confidence`` outside 0 to 1.
    """

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    include_duplicates: bool = False
    min_confidence: float | None = None
    text: str | None = None
    sort: str | None = None
    offset: int = 0
    role: str = "either"
    modalities: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not is_iso_date(value):
                raise ConfigError(
                    f'{name} "{value}" is not an ISO date. Give it as YYYY-MM-DD, e.g. 2017-01-18.'
                )
        if self.since and self.until and self.since > self.until:
            raise ConfigError(
                f"since {self.since} is after until {self.until}: no event can match. "
                "Swap the two dates."
            )
        if self.limit is not None and self.limit < 0:
            raise ConfigError(f"limit {self.limit} is negative. Give 0 or more, or no limit.")
        if self.role not in ROLES:
            raise ConfigError(f'Unknown role "{self.role}". Valid roles: {", ".join(ROLES)}.')
        if self.modalities is not None:
            unknown = [m for m in self.modalities if m not in MODALITIES]
            if unknown or not self.modalities:
                raise ConfigError(
                    f'Unknown or no modality in "{",".join(self.modalities)}". Valid '
                    f"modalities: {', '.join(MODALITIES)}."
                )
        if self.offset < 0:
            raise ConfigError(f"offset {self.offset} is negative. Give 0 or more.")
        if self.sort is not None and self.sort.removeprefix("-") not in EVENT_SORT_KEYS:
            raise ConfigError(
                f'Unknown sort key "{self.sort}". Valid keys: {", ".join(EVENT_SORT_KEYS)}, '
                'each optionally led by "-" for descending order.'
            )
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(
                f"min_confidence {self.min_confidence} is not between 0 and 1. Give a share "
                "such as 0.5 (events at or above it are kept)."
            )


@dataclass(frozen=True, slots=True)
class EventRow(Record):
    """One event, flattened with the names it points to, as ``events()`` lists it.

    Attributes:
        article_id: the record the event comes from.
        event_id: the event's id within that record (``E1``).
        date: the event's start date, or None when the text gives none.
        published: the article's publication date, or None.
        event: the PLOVER event type.
        mode: the PLOVER mode, or None.
        modality: asserted, future, hypothetical or negated.
        actor_names: canonical names of the actors, in record order.
        actor_countries: their countries, aligned with ``actor_names`` (None when unknown).
        recipient_names: canonical names of the recipients, in record order.
        recipient_countries: their countries, aligned with ``recipient_names``.
        place: the name of the event's place, or None.
        event_text: the trigger words.
        sentence: the sentence the event was read from.
        reported_by: the name of the actor the claim is attributed to, or None.
        confidence: the extractor's confidence, 0 to 1.
        url: the article's URL, or None.
        date_end: the last day of the event's date range, or None.
        source: who published the article: its URL's host (``www.`` dropped), else its
            publisher, casefolded; None when neither is known.
        quad_code: the PLOVER quad class, 1 to 4, or None.
        place_country, place_lat, place_lon: the place's country and coordinates, or None.
        filed_under: the day the event is listed under: ``date``, else the publication day.
    """

    article_id: str
    event_id: str
    date: str | None
    published: str | None
    event: str
    mode: str | None
    modality: str
    actor_names: tuple[str, ...]
    actor_countries: tuple[str | None, ...]
    recipient_names: tuple[str, ...]
    recipient_countries: tuple[str | None, ...]
    place: str | None
    event_text: str
    sentence: str
    reported_by: str | None
    confidence: float
    url: str | None
    date_end: str | None = None
    source: str | None = None
    quad_code: int | None = None
    place_country: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    filed_under: str | None = None


#: The columns of the events listing as CSV (``thucydides events --format csv``).
EVENT_CSV_COLUMNS = (
    "article_id",
    "event_id",
    "date",
    "event",
    "modality",
    "actor",
    "recipient",
    "place",
    "event_text",
    "reported_by",
    "confidence",
    "sentence",
)


#: What joins the names of a compound party in one CSV cell (``event_csv_cells``).
PARTY_JOIN = " + "


def event_csv_cells(row: EventRow) -> tuple[str, ...]:
    """The text of each CSV cell of an event row, in ``EVENT_CSV_COLUMNS`` order (formulas
    not yet neutralised): compound parties joined by " + ", unknowns empty."""
    return (
        row.article_id,
        row.event_id,
        row.date or "",
        row.event,
        row.modality,
        PARTY_JOIN.join(row.actor_names),
        PARTY_JOIN.join(row.recipient_names),
        row.place or "",
        row.event_text,
        row.reported_by or "",
        f"{row.confidence:.2f}",
        row.sentence,
    )


@dataclass(frozen=True, slots=True)
class StoryRow(Record):
    """One story-level event: the same event as reported by one or more articles.

    The rule that groups reports into stories is ``stories.group_stories``.

    Attributes:
        story_id: a hash of the story's key and its first report.
        event: the PLOVER event type shared by every report.
        modality: asserted, future, hypothetical or negated, shared by every report.
        actor_names: the actors' canonical names, as the first report gives them.
        recipient_names: the recipients' canonical names, as the first report gives them.
        start: the first day the reports' date ranges cover, or None when undated.
        end: the last day they cover, or None.
        n_articles: how many distinct articles report it (near-duplicates left out, as
            in ``events``), like GDELT's NumArticles.
        n_sources: how many distinct known sources (``EventRow.source``) report it,
            like GDELT's NumSources.
        reports: every report, with its evidence (article, event, sentence), by date.
    """

    story_id: str
    event: str
    modality: str
    actor_names: tuple[str, ...]
    recipient_names: tuple[str, ...]
    start: str | None
    end: str | None
    n_articles: int
    n_sources: int
    reports: tuple[EventRow, ...]


@dataclass(frozen=True, slots=True)
class Duplicate(Record):
    """A stored article that is a near-duplicate of an earlier one.

    Attributes:
        article_id: the duplicate.
        original_id: the first stored copy it was linked to.
        similarity: Jaccard similarity of its shingles with the copy it matched.
    """

    article_id: str
    original_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class StoreSummary(Record):
    """What a store holds, at a glance.

    Near-duplicate articles (``store/dedupe.py``) and their events are left out of every count
    but ``duplicates``.

    Attributes:
        articles: number of stored articles, near-duplicates left out.
        events: number of their events.
        rejected: every input that could not be coded, with its code and reason.
        events_by_type: (PLOVER type, events), most frequent first.
        top_actors: (name, events, mentions), ranked by events + mentions; an actor counts
            once per event it is an actor or recipient of. Actors are grouped by canonical
            name across articles.
        top_places: (name, mentions), most mentioned first, grouped by name.
        duplicates: number of stored articles linked to an earlier original.
        stories: number of story-level events the events group into.
        stories_with_several_articles: how many of those are reported by 2+ articles.
    """

    articles: int
    events: int
    rejected: tuple[Rejected, ...]
    events_by_type: tuple[tuple[str, int], ...]
    top_actors: tuple[tuple[str, int, int], ...]
    top_places: tuple[tuple[str, int], ...]
    duplicates: int = 0
    stories: int = 0
    stories_with_several_articles: int = 0


@dataclass(frozen=True, slots=True)
class InputMark(Record):
    """One raw input as a batch read it, so that a rerun can skip it without coding it.

    Attributes:
        origin: where the input came from (``feed.jsonl:12``, ``crawl.warc.gz#3``).
        digest: sha256 of the input as read together with the coder's fingerprint
            (version, model, options, knowledge files): a changed input or a changed coder
            gives a new digest, and the input is coded again.
    """

    origin: str
    digest: str


#: What a batch writes for one input: its mark (None for an input rejected while being
#: read, which costs nothing to read again) and the record it became.
BatchItem = tuple[InputMark | None, ArticleRecord | Rejected]


@runtime_checkable
class Store(Protocol):
    """What every store backend offers. Writes are idempotent and keyed on the record id."""

    def upsert(self, record: ArticleRecord) -> UpsertResult:
        """Stores one record: "inserted", "updated" (its content changed) or "unchanged"."""
        ...

    def upsert_many(self, records: Iterable[ArticleRecord]) -> Counter[str]:
        """Stores many records in one transaction; counts each outcome of ``upsert``."""
        ...

    def ingest_batch(self, items: Sequence[BatchItem]) -> list[str]:
        """Stores coded and rejected inputs and marks them done, all in one transaction.

        A crash leaves either the whole batch with its marks or none of it, so a rerun
        neither loses nor repeats an input. Returns each item's outcome: an ``upsert``
        result, "rejected", or "duplicate" for a new or changed record linked to an
        earlier near-duplicate (``store/dedupe.py``).
        """
        ...

    def ingested(self, marks: Sequence[InputMark]) -> dict[InputMark, str | None]:
        """Which of ``marks`` an earlier batch stored: each found mark maps to the code it
        was rejected with, or to None when it was coded."""
        ...

    def get(self, record_id: str) -> ArticleRecord:
        """Returns the stored record; raises RecordNotFound when there is none."""
        ...

    def events(self, query: EventQuery) -> list[EventRow]:
        """Lists the events that match ``query``, oldest first."""
        ...

    def iter_events(self, query: EventQuery, size: int = 512) -> Iterator[EventRow]:
        """Yields what ``events`` lists, a chunk at a time, from one read snapshot."""
        ...

    def iter_event_dicts(self, query: EventQuery, size: int = 512) -> Iterator[dict[str, Any]]:
        """Yields what ``events`` lists as plain data, each equal to ``EventRow.as_dict()``."""
        ...

    def iter_event_cells(self, query: EventQuery, size: int = 512) -> Iterator[tuple[str, ...]]:
        """Yields the CSV cells (``EVENT_CSV_COLUMNS``) of what ``events`` lists, as text,
        cells that start like a spreadsheet formula kept as text (``neutralise_formula``)."""
        ...

    def count_events(self, query: EventQuery) -> int:
        """How many events match ``query``, its limit and offset left out."""
        ...

    def events_by_day(self, query: EventQuery) -> list[tuple[str | None, str, int]]:
        """Counts matching events per day filed under (None: undated) and type."""
        ...

    def event_edges(self, query: EventQuery) -> list[tuple[Any, ...]]:
        """Counts matching events per actor, recipient, quad and type."""
        ...

    def event_places(self, query: EventQuery, per_place: int) -> list[tuple[Any, ...]]:
        """Counts matching events per place and quad, naming a few of each place's."""
        ...

    def actor_page(
        self,
        events: EventQuery | None,
        name: str | None = None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """One page of actors grouped by name and country, with the total."""
        ...

    def place_page(
        self,
        events: EventQuery | None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """One page of places grouped by name and country, with the total."""
        ...

    def quote_page(
        self,
        reported: EventQuery | None,
        speaker: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """One page of quotes, with the total."""
        ...

    def article_page(
        self,
        with_events: EventQuery | None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """One page of articles, newest first, with the total."""
        ...

    def aggregates(self) -> dict[str, list[tuple[Any, ...]]]:
        """The counts kept at ingest, table by table."""
        ...

    def recount(self) -> dict[str, list[tuple[Any, ...]]]:
        """The same counts recomputed from the stored records."""
        ...

    def article_ids(self) -> list[str]:
        """Lists the id of every stored article, sorted."""
        ...

    def stories(self, query: EventQuery) -> list[StoryRow]:
        """Groups the events that match ``query`` into story-level events, oldest first."""
        ...

    def duplicates(self) -> list[Duplicate]:
        """Lists the near-duplicate articles with their originals, in storing order."""
        ...

    def records(self) -> Iterator[ArticleRecord]:
        """Yields every stored record, sorted by id, without holding them all in memory."""
        ...

    def record_rejection(self, rejected: Rejected) -> None:
        """Keeps one rejected input, once per origin."""
        ...

    def rejections(self) -> list[Rejected]:
        """Lists the rejected inputs, by origin."""
        ...

    def counts(self) -> dict[str, int]:
        """Returns the number of rows in each table."""
        ...

    def summary(self, top: int = 10) -> StoreSummary:
        """Returns what the store holds, with the ``top`` actors and places."""
        ...

    def close(self) -> None:
        """Releases the connection; closing twice is harmless."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
