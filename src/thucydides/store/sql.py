"""The normalised tables, and the one implementation of the Store over them.

Every SQL backend keeps the same tables and runs the same statements: ``SQLStore`` holds
every query and every write, and a backend (``sqlite.py``, ``postgres.py``) is a subclass
that opens the connection, runs one statement, and begins a transaction. The SQL is
written once, with ``?`` placeholders, in the part of the language that SQLite (3.35+)
and PostgreSQL (13+) share; only the DDL's column types are filled in per backend.

Each record is stored once, spread over the tables so that events can be queried by type,
actor, country and date: ``articles`` keeps its text, its source and, compressed, what the
other tables do not hold (``compact_record``), with the sha256 of the record's canonical
JSON; ``get`` puts the record back together from them in one statement. Writing a record
whose hash is already stored writes nothing, so coding the same inputs twice leaves the
store's content unchanged.

On every write of an article's text, its LSH buckets (``store/dedupe.py``) go to
``dedupe_buckets``, and ``articles.duplicate_of`` links it to the earliest stored article
it nearly duplicates. Duplicates are stored in full but left out of ``events``,
``stories`` and ``summary`` unless asked for.

Notes:
    The upsert-by-hash design follows simonw/sqlite-utils (``db.py``: ``upsert``,
    ``hash_id``); one base class over small connection hooks follows the transports of
    encode/httpx (``_transports/base.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import heapq
import itertools
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar

from ..errors import RecordNotFound, StoreError
from ..formulas import FORMULA_STARTS, neutralise_formula
from ..records import ArticleRecord, Rejected, Span
from . import aggregates, dedupe
from .protocol import (
    PARTY_JOIN,
    BatchItem,
    Duplicate,
    EventQuery,
    EventRow,
    InputMark,
    StoreSummary,
    StoryRow,
    UpsertResult,
    event_csv_cells,
)
from .stories import group_stories, source_key

#: Version of the table layout below; a store written with another one is refused. The
#: tables are created when a store is new, so any change to DDL must bump it.
#: 2: articles.seq/source/duplicate_of/similarity, actors.folded_name, dedupe_buckets.
#: 3: articles.record compressed, events.filed_under/undated, the aggregate tables.
#: 4: for size: articles.text packed by the backend (SQLite: zlib), span texts left out of
#: articles.record, mention texts on actors and places (no mentions tables), SQLite
#: tables keyed on their primary key (WITHOUT ROWID), no indexes that only foreign keys used.
#: 5: events.actor_names and recipient_names, the CSV cells of the event's parties.
STORE_SCHEMA_VERSION = "5"

# Every child row names its article; composite foreign keys make the contract's rule
# "every id an event or quote names exists in the same record" a constraint. A NULL in a
# composite foreign key (no reported_by, no event_loc, no speaker) is not checked.
# {text}, {int}, {real}, {blob} and {seq} are the backend's column types, {packed} the
# type of a long text the backend packs (``SQLStore._pack``), and {keyed} what makes a
# table with small rows keep them in its primary key's B-tree (SQLite: WITHOUT ROWID, so
# the key is not stored twice, as a table and as an index).
DDL = """
CREATE TABLE IF NOT EXISTS articles (
    id           {text} PRIMARY KEY,
    seq          {seq},                  -- storing order: the earliest copy is the original
    url          {text},
    title        {text},
    published    {text},
    path         {text},
    publisher    {text},
    language     {text},
    authors      {text} NOT NULL,        -- JSON array
    source       {text},                 -- URL host, else publisher (stories.source_key)
    duplicate_of {text} REFERENCES articles (id),
    similarity   {real},                 -- Jaccard with the copy it matched
    content_hash {text} NOT NULL,        -- sha256 of the whole record's canonical JSON
    -- The long values last: a listing reads the columns above without reading past them
    -- (SQLite keeps the end of a long row on overflow pages).
    text         {packed} NOT NULL,      -- the text, packed by the backend (SQLStore.TEXT)
    record       {blob} NOT NULL         -- the record's JSON, zlib, but what the tables hold
);

CREATE TABLE IF NOT EXISTS actors (
    article_id  {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id    {text} NOT NULL,
    name        {text} NOT NULL,
    kind        {text} NOT NULL,
    country     {text},
    sector      {text},
    code        {text},
    folded_name {text} NOT NULL,         -- casefold(name): the actor filter, in any backend
    mention_texts {text},                -- its distinct mention texts but the name, one a line
    PRIMARY KEY (article_id, actor_id)
){keyed};

CREATE TABLE IF NOT EXISTS places (
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id   {text} NOT NULL,
    name       {text} NOT NULL,
    geonameid  {int},
    lat        {real},
    lon        {real},
    country    {text},
    feature    {text},
    mention_texts {text},                -- its distinct mention texts but the name, one a line
    PRIMARY KEY (article_id, place_id)
){keyed};

CREATE TABLE IF NOT EXISTS events (
    article_id     {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id       {text} NOT NULL,
    position       {int} NOT NULL,       -- order in the record: "E10" sorts before "E2"
    event          {text} NOT NULL,
    mode           {text},
    quad_code      {int},
    cameo          {text},
    modality       {text} NOT NULL,
    reported_by    {text},
    date_start     {text},
    date_end       {text},
    date_text      {text},
    event_loc      {text},
    event_text     {text} NOT NULL,
    sentence_start {int} NOT NULL,
    sentence_end   {int} NOT NULL,
    sentence_text  {text} NOT NULL,
    confidence     {real} NOT NULL,
    context        {text} NOT NULL,      -- JSON array
    filed_under    {text},               -- date_start, else the publication day (YYYY-MM-DD)
    undated        {int} NOT NULL,       -- 1 when filed_under is NULL: listed last
    -- The names of its actors and of its recipients (event_roles), in order, joined by
    -- " + ": the listing's CSV cells, read without a lookup per event (docs/scale.md).
    actor_names     {text} NOT NULL,
    recipient_names {text} NOT NULL,
    PRIMARY KEY (article_id, event_id),
    FOREIGN KEY (article_id, reported_by) REFERENCES actors (article_id, actor_id),
    FOREIGN KEY (article_id, event_loc) REFERENCES places (article_id, place_id)
);

CREATE TABLE IF NOT EXISTS event_roles (
    article_id {text} NOT NULL,
    event_id   {text} NOT NULL,
    role       {text} NOT NULL CHECK (role IN ('actor', 'recipient')),
    actor_id   {text} NOT NULL,
    position   {int} NOT NULL,
    PRIMARY KEY (article_id, event_id, role, position),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, actor_id) REFERENCES actors (article_id, actor_id)
){keyed};

CREATE TABLE IF NOT EXISTS quotes (
    article_id   {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_id     {text} NOT NULL,
    speaker      {text},
    speaker_text {text},
    kind         {text} NOT NULL,
    text         {text},                 -- NULL when it is text[start:end] (QUOTE_TEXT)
    start        {int} NOT NULL,
    "end"        {int} NOT NULL,
    cue          {text},
    PRIMARY KEY (article_id, quote_id),
    FOREIGN KEY (article_id, speaker) REFERENCES actors (article_id, actor_id)
){keyed};

-- The persisted LSH index: one row per band of each article's MinHash signature.
CREATE TABLE IF NOT EXISTS dedupe_buckets (
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    bucket     {text} NOT NULL,          -- "band:hash", dedupe.buckets
    PRIMARY KEY (bucket, article_id)
){keyed};

CREATE TABLE IF NOT EXISTS rejections (
    origin  {text} PRIMARY KEY,
    code    {text} NOT NULL,
    reason  {text} NOT NULL,
    seen_at {text} NOT NULL              -- UTC, when this code and reason were first seen
);

-- Inputs a batch has finished, written in the transaction that stores what they became:
-- a rerun after a crash skips exactly these, without coding them again.
CREATE TABLE IF NOT EXISTS sources (
    origin     {text} PRIMARY KEY,       -- feed.jsonl:12, crawl.warc.gz#3
    digest     {text} NOT NULL,          -- sha256 of the raw input and the coder's fingerprint
    article_id {text},                   -- the record it became, NULL when rejected
    code       {text}                    -- the rejection code, NULL when coded
);

-- Aggregates kept at ingest (store/aggregates.py): sums over the original articles.
CREATE TABLE IF NOT EXISTS agg_totals (name {text} PRIMARY KEY, n {int} NOT NULL){keyed};
CREATE TABLE IF NOT EXISTS agg_types (event {text} PRIMARY KEY, events {int} NOT NULL){keyed};
CREATE TABLE IF NOT EXISTS agg_days (
    day    {text} NOT NULL,              -- events.filed_under, "" when undated
    event  {text} NOT NULL,
    events {int} NOT NULL,
    PRIMARY KEY (day, event)
){keyed};
CREATE TABLE IF NOT EXISTS agg_countries (country {text} PRIMARY KEY, events {int} NOT NULL){keyed};
CREATE TABLE IF NOT EXISTS agg_actors (
    name        {text} NOT NULL,
    country     {text} NOT NULL,         -- "" when unknown
    folded_name {text} NOT NULL,
    articles    {int} NOT NULL,
    mentions    {int} NOT NULL,
    events      {int} NOT NULL,          -- events it is an actor or recipient of
    PRIMARY KEY (name, country, folded_name)
){keyed};
CREATE TABLE IF NOT EXISTS agg_places (
    name     {text} NOT NULL,
    country  {text} NOT NULL,            -- "" when unknown
    articles {int} NOT NULL,
    mentions {int} NOT NULL,
    events   {int} NOT NULL,             -- events located there
    PRIMARY KEY (name, country)
){keyed};
-- Reports that can join others into a story (stories.py), and per story key how many
-- stories its reports chain into (key "" counts the reports that stand alone).
CREATE TABLE IF NOT EXISTS story_reports (
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id   {text} NOT NULL,
    story_key  {text} NOT NULL,
    first_day  {text} NOT NULL,
    last_day   {text} NOT NULL,
    -- In the order a story key's reports are read (by key and day): no second index.
    PRIMARY KEY (story_key, first_day, article_id, event_id)
){keyed};
CREATE TABLE IF NOT EXISTS story_spans (
    story_key {text} NOT NULL,
    first_day {text} NOT NULL,           -- the days one story covers
    last_day  {text} NOT NULL,
    articles  {int} NOT NULL,            -- distinct articles reporting it
    PRIMARY KEY (story_key, first_day)
){keyed};
CREATE TABLE IF NOT EXISTS agg_stories (
    story_key {text} PRIMARY KEY,
    stories   {int} NOT NULL,
    several   {int} NOT NULL             -- of those, reported by 2+ articles
){keyed};

-- For the event filters and the event list's order (undated last, then by day).
CREATE INDEX IF NOT EXISTS events_by_type
    ON events (event, undated, filed_under, article_id, position);
CREATE INDEX IF NOT EXISTS events_in_order ON events (undated, filed_under, article_id, position);
CREATE INDEX IF NOT EXISTS events_by_confidence ON events (confidence);
-- A name's first actor (or place) in id order, for the lists: one seek, not a scan. And
-- the actor and country filters (the names agg_actors has for them, then this index).
-- The country last: the country filter checks it in the index, never reading the actor.
CREATE INDEX IF NOT EXISTS actors_by_name ON actors (folded_name, article_id, actor_id, country);
CREATE INDEX IF NOT EXISTS places_by_name ON places (name, article_id, place_id);
CREATE INDEX IF NOT EXISTS articles_by_published ON articles (published);
-- The child sides of the foreign keys need no index of their own: each child table's
-- primary key starts with article_id, so the check on deleting an actor or a place reads
-- the rows of one article. An article's buckets and story reports are deleted by their
-- keys, worked out again from its stored text and record.
CREATE INDEX IF NOT EXISTS articles_by_original ON articles (duplicate_of);
"""

_META_DDL = "CREATE TABLE IF NOT EXISTS meta (key {text} PRIMARY KEY, value {text} NOT NULL)"

#: Data tables, children before parents: the order an article's rows are deleted in.
_CHILD_TABLES = (
    "event_roles",
    "quotes",
    "events",
    "actors",
    "places",
)
TABLES = ("articles", *reversed(_CHILD_TABLES), "dedupe_buckets", "rejections")
#: Counts kept at ingest (``store/aggregates.py``), not counted as data either.
AGGREGATE_TABLES = (*aggregates.TABLES, "story_reports", "story_spans", "agg_stories")
#: Bookkeeping tables, not counted as data: the schema version and the finished inputs.
BOOKKEEPING_TABLES = ("meta", "sources")

_ARTICLE_COLUMNS = (
    "url, title, published, path, publisher, language, authors, text, source,"
    " duplicate_of, similarity, record, content_hash"
)

# One event with the names it points to; its parties are read apart (``_parties``).
_EVENTS_SQL = """
SELECT e.article_id, e.event_id, e.date_start, e.date_end, a.published, e.event, e.mode,
       e.modality, p.name AS place, e.event_text, e.sentence_text,
       reporter.name AS reported_by, e.confidence, a.url, a.source, e.quad_code,
       p.country AS place_country, p.lat AS place_lat, p.lon AS place_lon, e.filed_under
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc
LEFT JOIN actors reporter
       ON reporter.article_id = e.article_id AND reporter.actor_id = e.reported_by
WHERE {where}
ORDER BY {order}
{limit}
"""

#: The list order: undated last, then by day, article and record order. It is the order
#: of the ``events_in_order`` index, so a page is read from the index without sorting.
_IN_ORDER = "e.undated, e.filed_under, e.article_id, e.position"


def _listing_order(query: EventQuery) -> str:
    """The ORDER BY of a listing: ``_IN_ORDER``, after ``query.sort``'s key when given."""
    if not query.sort:
        return _IN_ORDER
    name, descending = query.sort.removeprefix("-"), query.sort.startswith("-")
    direction = " DESC" if descending else ""
    if name == "date":  # undated last either way
        return f"e.undated, e.filed_under{direction}, e.article_id, e.position"
    key = _SORTS[name]
    key = key.format(dir=direction) if "{dir}" in key else key
    return f"{key}{direction}, {_IN_ORDER}"


#: What each sort key of ``EventQuery.sort`` orders by before ``_IN_ORDER``; "" and NULL
#: coalesced so that both backends put missing values first.
_FIRST_PARTY = (
    "COALESCE((SELECT ac.folded_name FROM event_roles r"
    " JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id"
    " WHERE r.article_id = e.article_id AND r.event_id = e.event_id AND r.role = '{role}'"
    " ORDER BY r.position LIMIT 1), '')"
)
_SORTS = {
    "event": "e.event",
    "actor": _FIRST_PARTY.format(role="actor"),
    "recipient": _FIRST_PARTY.format(role="recipient"),
    "place": "lower(COALESCE(p.name, ''))",
    "modality": "e.modality",
    "confidence": "e.confidence",
    "article": "lower(COALESCE(a.title, '')) {dir}, e.article_id",
}

#: The cells of ``iter_event_cells`` (``EVENT_CSV_COLUMNS``), as SQL over the tables of
#: ``_EVENTS_SQL``; ``{confidence}`` is the confidence as its cell (two decimals). The
#: parties' cells are columns of the event, written with it (``PARTY_JOIN``): looking
#: them up in event_roles and actors for each event took a third of the listing's time.
_EVENT_CELLS = (
    "e.article_id",
    "e.event_id",
    "COALESCE(e.date_start, '')",
    "e.event",
    "e.modality",
    "e.actor_names",
    "e.recipient_names",
    "COALESCE(p.name, '')",
    "e.event_text",
    "COALESCE(reporter.name, '')",
    "{confidence}",
    "e.sentence_text",
)
_EVENT_CELLS_ROWS = """
SELECT {cells}
FROM events e
{articles}
LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc
LEFT JOIN actors reporter
       ON reporter.article_id = e.article_id AND reporter.actor_id = e.reported_by
WHERE {where}
ORDER BY {order}
"""
#: The cells of ``_EVENT_CELLS_ROWS`` each checked for a formula start, one page of them.
_EVENT_CELLS_SQL = "SELECT {checked} FROM (" + _EVENT_CELLS_ROWS + "LIMIT ? OFFSET ?)"
#: Events not of a near-duplicate article, without joining the articles.
_NOT_A_COPY = "e.article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"
#: The most distinct confidences whose cells ``_event_cells_sql`` writes in its SQL.
_CONFIDENCES_AT_ONCE = 64

# The parties of a set of events, in role and record order: one index search per event
# (SQLite scans the whole table for a row-value IN list).
_PARTIES_SQL = """
SELECT r.article_id, r.event_id, r.role, ac.name, ac.country
FROM event_roles r
JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id
WHERE {events}
ORDER BY r.article_id, r.event_id, r.role, r.position
"""

#: The most names an actor or text filter lists in its SQL (``SQLStore._names_matching``).
_NAMES_AT_ONCE = 500

#: The longest page read with LIMIT in SQL (then its parties apart); longer listings
#: stream ``_EVENTS_WITH_PARTIES_SQL`` and count their events as they come.
_PAGE_AT_ONCE = 10_000

# Every event with its parties, one row per party, for a whole listing: one statement
# read as a stream, the rows of one event next to each other.
_EVENTS_WITH_PARTIES_SQL = """
SELECT e.article_id, e.event_id, e.date_start, e.date_end, a.published, e.event, e.mode,
       e.modality, p.name AS place, e.event_text, e.sentence_text,
       reporter.name AS reported_by, e.confidence, a.url, a.source, e.quad_code,
       p.country AS place_country, p.lat AS place_lat, p.lon AS place_lon, e.filed_under,
       r.role, ac.name, ac.country
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc
LEFT JOIN actors reporter
       ON reporter.article_id = e.article_id AND reporter.actor_id = e.reported_by
LEFT JOIN event_roles r ON r.article_id = e.article_id AND r.event_id = e.event_id
LEFT JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id
WHERE {where}
ORDER BY {order}, r.role, r.position
"""

# Events one of whose parties satisfies {condition} (on ``ac``): a set the planner builds
# once, not a subquery run per event.
_WITH_PARTY = """(e.article_id, e.event_id) IN (
    SELECT r.article_id, r.event_id FROM actors ac
    JOIN event_roles r ON r.article_id = ac.article_id AND r.actor_id = ac.actor_id
    WHERE {condition})"""

_ORIGINALS = "a.duplicate_of IS NULL"

#: A quote's words: its slice of the article's text {text} (characters in both backends),
#: unless the quote keeps words of its own (a record that breaks the span contract).
#: (PostgreSQL's substr takes INTEGER offsets, not the BIGINT columns.)
_QUOTE_TEXT = (
    'COALESCE(q.text, substr({text}, CAST(q.start AS INTEGER) + 1, CAST(q."end" - q.start'
    " AS INTEGER)))"
)

_TOP_ACTORS_SQL = """
SELECT name, CAST(SUM(events) AS BIGINT), CAST(SUM(mentions) AS BIGINT)
FROM agg_actors
GROUP BY name
ORDER BY SUM(events) + SUM(mentions) DESC, name
LIMIT ?
"""

_TOP_PLACES_SQL = """
SELECT name, CAST(SUM(mentions) AS BIGINT) AS n
FROM agg_places
GROUP BY name
HAVING SUM(mentions) > 0
ORDER BY SUM(mentions) DESC, name
LIMIT ?
"""


class SQLStore:
    """The Store over the tables above; a backend subclasses it and fills in the hooks.

    Subclasses set ``name`` (how messages name the store) and the class attributes, open
    the connection, then call ``_setup()``; they implement ``_execute``, ``_executemany``,
    ``_transaction``, ``_stream`` and ``close``.
    """

    #: Column types for the DDL: text, int, real, and the storing-order column.
    COLUMN_TYPES: ClassVar[dict[str, str]]
    #: SQL giving a new article's ``seq``.
    NEXT_SEQ: ClassVar[str]
    #: The condition on ``articles a`` that keeps originals only, for event listings.
    ORIGINALS: ClassVar[str] = _ORIGINALS
    #: What LIMIT takes to mean no limit (before an OFFSET).
    NO_LIMIT: ClassVar[str]
    #: SQL true when the text {0} contains the parameter.
    CONTAINS: ClassVar[str]
    #: The driver's exception for a broken constraint.
    INTEGRITY_ERRORS: ClassVar[tuple[type[Exception], ...]]
    #: SQL giving the article text of the column {0} as ``_pack`` stored it.
    TEXT: ClassVar[str] = "{0}"
    #: SQL aggregate giving the rows of a subquery as a JSON text: an array of arrays of
    #: the columns {0} (no floats among them: JSON need not keep a double exactly).
    JSON_ROWS: ClassVar[str]

    name: str

    # ------------------------------------------------------------ backend hooks

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Runs one statement; returns a DB-API cursor over its rows."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Runs one statement once per row."""
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        """One write transaction: committed on success, rolled back on any error; a
        driver error becomes a StoreError."""
        raise NotImplementedError

    def _stream(self, sql: str, size: int, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Yields the rows of a read ``size`` at a time, all from one snapshot."""
        raise NotImplementedError

    def _pack(self, text: str) -> Any:
        """An article text as ``articles.text`` keeps it; ``TEXT`` reads it back."""
        return text

    def close(self) -> None:
        """Releases the connection; closing twice is harmless."""
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------ setup

    def _setup(self) -> None:
        """Creates the tables of a new store; refuses one written with another layout."""
        with self._transaction():
            self._lock_for_setup()
            self._execute(_META_DDL.format(**self.COLUMN_TYPES))
            found = self._version()
            if found == STORE_SCHEMA_VERSION:
                # Tables are made once: CREATE INDEX IF NOT EXISTS would lock each table
                # (PostgreSQL) and deadlock with another process writing to it.
                return
            # Checked before the DDL: an old layout would fail on an index of a new column.
            if found is not None:
                raise StoreError(
                    f'Store "{self.name}" has store schema version {found}; this Thucydides '
                    f"reads version {STORE_SCHEMA_VERSION}. Code the articles into a new store."
                )
            for statement in _statements(DDL.format(**self.COLUMN_TYPES)):
                self._execute(statement)
            self._execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                " ON CONFLICT (key) DO NOTHING",
                (STORE_SCHEMA_VERSION,),
            )

    def _lock_for_setup(self) -> None:
        """Keeps two processes from creating the tables at once (when BEGIN does not)."""

    def _version(self) -> str | None:
        row = self._execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return None if row is None else row[0]

    # ------------------------------------------------------------ writes

    def upsert(self, record: ArticleRecord) -> UpsertResult:
        """Stores one record, keyed on its id.

        Args:
            record: the coded article.

        Returns:
            "inserted" for a new id; "unchanged" when the same content is already stored
            (nothing is written); "updated" when the content changed, in which case all
            the article's rows are replaced in one transaction. A new or changed article
            is linked to the earliest stored article it nearly duplicates.

        Raises:
            StoreError: the record cannot be stored, e.g. an event names an actor id the
                record does not define; nothing of it is written.
        """
        with self._transaction():
            return self._upsert(record)[0]

    def upsert_many(self, records: Iterable[ArticleRecord]) -> Counter[str]:
        """Stores many records in one transaction, far faster than one ``upsert`` each.

        Args:
            records: coded articles; a later record with an id seen earlier in the batch
                updates it.

        Returns:
            How many were "inserted", "updated" and "unchanged".

        Raises:
            StoreError: one record cannot be stored; the whole batch is rolled back.
        """
        outcomes: Counter[str] = Counter()
        with self._transaction():
            for record in records:
                outcomes[self._upsert(record)[0]] += 1
        return outcomes

    def _upsert(self, record: ArticleRecord) -> tuple[UpsertResult, str | None]:
        """Writes one record inside the caller's transaction; returns its outcome and the
        id of the original it was linked to as a near-duplicate (None when it was not, or
        when nothing was written)."""
        _, content_hash = canonical_json(record)
        row = self._execute(
            "SELECT content_hash, seq, duplicate_of FROM articles WHERE id = ?", (record.id,)
        ).fetchone()
        if row is not None and row[0] == content_hash:
            return "unchanged", None
        shingles = dedupe.shingles(record.text)
        buckets = dedupe.buckets(shingles)
        stored = compact_record(record)
        packed = self._pack(record.text)
        try:
            if row is None:
                original = self._find_original(record.id, shingles, buckets, before=None)
                self._execute(
                    f"INSERT INTO articles (id, seq, {_ARTICLE_COLUMNS})"
                    f" VALUES (?, {self.NEXT_SEQ}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.id, *_article_values(record, original, stored, content_hash, packed)),
                )
            else:
                old = self.get(record.id)
                if row[2] is None:  # it counted: take its old contribution away
                    self._add_contribution(old, -1)
                self._executemany(
                    "DELETE FROM dedupe_buckets WHERE bucket = ? AND article_id = ?",
                    [(b, record.id) for b in dedupe.buckets(dedupe.shingles(old.text))],
                )
                for table in _CHILD_TABLES:
                    self._execute(f"DELETE FROM {table} WHERE article_id = ?", (record.id,))
                original = self._find_original(record.id, shingles, buckets, before=row[1])
                assignments = ", ".join(f"{c.strip()} = ?" for c in _ARTICLE_COLUMNS.split(","))
                self._execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    (*_article_values(record, original, stored, content_hash, packed), record.id),
                )
            self._insert_children(record, buckets)
            if original is None:
                self._add_contribution(record, +1)
            if row is not None:
                self._relink_after_update(record.id, row[1], buckets)
        except self.INTEGRITY_ERRORS as exc:
            raise StoreError(
                f'Cannot store article "{record.id}": {exc}. Every actor, place and speaker id '
                "its events and quotes name must be defined once in the record; check it "
                "against the article-record schema."
            ) from exc
        outcome: UpsertResult = "inserted" if row is None else "updated"
        return outcome, None if original is None else original[0]

    # ------------------------------------------------------------ aggregates

    def _add_contribution(self, record: ArticleRecord, sign: int) -> None:
        """Adds (sign +1) or takes away (-1) what an original article counts for in the
        aggregate tables and the story reports, inside the caller's transaction."""
        found = aggregates.contribution(record)
        for table, rows in found.tables.items():
            keys, counts = aggregates.TABLES[table]
            self._executemany(
                f"INSERT INTO {table} ({', '.join(keys + counts)})"
                f" VALUES ({', '.join('?' * (len(keys) + len(counts)))})"
                f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
                + ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in counts),
                [(*key, *(sign * n for n in values)) for key, values in rows.items()],
            )
            if sign < 0:  # a row that counts nothing any more is gone, as in a recount
                self._executemany(
                    f"DELETE FROM {table} WHERE "
                    + " AND ".join(f"{k} = ?" for k in keys)
                    + " AND "
                    + " AND ".join(f"{c} = 0" for c in counts),
                    list(rows),
                )
        if found.alone:
            self._execute(
                "INSERT INTO agg_stories (story_key, stories, several) VALUES (?, ?, 0)"
                " ON CONFLICT (story_key) DO UPDATE SET stories = agg_stories.stories"
                " + excluded.stories",
                (aggregates.ALONE, sign * found.alone),
            )
            self._execute("DELETE FROM agg_stories WHERE story_key = ? AND stories = 0", ("",))
        if sign > 0:
            self._executemany(
                "INSERT INTO story_reports VALUES (?, ?, ?, ?, ?)",
                [(record.id, *report) for report in found.reports],
            )
        else:
            self._executemany(
                "DELETE FROM story_reports WHERE story_key = ? AND first_day = ?"
                " AND article_id = ? AND event_id = ?",
                [(key, first, record.id, event_id) for event_id, key, first, _ in found.reports],
            )
        windows: dict[str, list[tuple[str, str]]] = {}
        for _, key, first, last in found.reports:
            windows.setdefault(key, []).append((first, last))
        for key in sorted(windows):
            self._chain_again(key, windows[key])

    def _chain_again(self, key: str, windows: list[tuple[str, str]]) -> None:
        """Chains again the stories of one key around reports just added or removed.

        Only the stories those reports' windows overlap can change (join, split, grow or
        shrink), so only the reports whose first day lies within them are read: the cost
        does not grow with how many reports the key has.
        """
        low, high = min(f for f, _ in windows), max(last for _, last in windows)
        # Spans are disjoint: none that starts before the last one starting by ``low``
        # reaches ``low``. One index seek finds it, so only the overlapping spans are read.
        (start,) = self._execute(
            "SELECT MAX(first_day) FROM story_spans WHERE story_key = ? AND first_day <= ?",
            (key, low),
        ).fetchone()
        touched = self._execute(
            "SELECT first_day, last_day, articles FROM story_spans WHERE story_key = ?"
            " AND first_day >= ? AND first_day <= ? AND last_day >= ?",
            (key, start or "", high, low),
        ).fetchall()
        low = min([low, *(row[0] for row in touched)])
        high = max([high, *(row[1] for row in touched)])
        reports = self._execute(
            "SELECT first_day, last_day, article_id, event_id FROM story_reports"
            " WHERE story_key = ? AND first_day >= ? AND first_day <= ?",
            (key, low, high),
        ).fetchall()
        spans = aggregates.chain(tuple(row) for row in reports)
        self._executemany(
            "DELETE FROM story_spans WHERE story_key = ? AND first_day = ?",
            [(key, row[0]) for row in touched],
        )
        self._executemany(
            "INSERT INTO story_spans VALUES (?, ?, ?, ?)", [(key, *span) for span in spans]
        )
        stories = len(spans) - len(touched)
        several = sum(n > 1 for _, _, n in spans) - sum(row[2] > 1 for row in touched)
        self._execute(
            "INSERT INTO agg_stories (story_key, stories, several) VALUES (?, ?, ?)"
            " ON CONFLICT (story_key) DO UPDATE SET stories = agg_stories.stories"
            " + excluded.stories, several = agg_stories.several + excluded.several",
            (key, stories, several),
        )
        self._execute("DELETE FROM agg_stories WHERE story_key = ? AND stories = 0", (key,))

    def aggregates(self) -> dict[str, list[tuple[Any, ...]]]:
        """The aggregate tables as stored: table -> its rows, sorted.

        Returns:
            Every row of ``AGGREGATE_TABLES``, for comparing with ``recount``.
        """
        found: dict[str, list[tuple[Any, ...]]] = {}
        for table in AGGREGATE_TABLES:
            rows = self._execute(f"SELECT * FROM {table}").fetchall()
            found[table] = sorted(tuple(row) for row in rows)
        return found

    def recount(self) -> dict[str, list[tuple[Any, ...]]]:
        """The aggregate tables as a recount from the stored records would leave them.

        Reads every original article's record, one at a time; memory grows with the
        number of distinct keys (types, days, names), not with the store.

        Returns:
            The same shape as ``aggregates``: equal to it when the counts kept at ingest
            are right.
        """
        tables: dict[str, dict[tuple[Any, ...], list[int]]] = {t: {} for t in aggregates.TABLES}
        reports: dict[str, list[tuple[str, str, str, str]]] = {}
        alone = 0
        duplicates = {d.article_id for d in self.duplicates()}
        for record in self.records():
            if record.id in duplicates:
                continue
            found = aggregates.contribution(record)
            for table, rows in found.tables.items():
                for key, values in rows.items():
                    kept = tables[table].setdefault(key, [0] * len(values))
                    for i, n in enumerate(values):
                        kept[i] += n
            for event_id, story_key, first, last in found.reports:
                reports.setdefault(story_key, []).append((first, last, record.id, event_id))
            alone += found.alone
        result: dict[str, list[tuple[Any, ...]]] = {
            table: sorted((*k, *v) for k, v in rows.items() if any(v))
            for table, rows in tables.items()
        }
        result["story_reports"] = sorted(
            (article_id, event_id, key, first, last)
            for key, rows in reports.items()
            for first, last, article_id, event_id in rows
        )
        spans = {key: aggregates.chain(rows) for key, rows in reports.items()}
        result["story_spans"] = sorted(
            (key, *span) for key, found_spans in spans.items() for span in found_spans
        )
        stories = [
            (key, len(found_spans), sum(n > 1 for _, _, n in found_spans))
            for key, found_spans in spans.items()
        ]
        if alone:
            stories.append((aggregates.ALONE, alone, 0))
        result["agg_stories"] = sorted(stories)
        return result

    def _find_original(
        self,
        article_id: str,
        shingles: frozenset[str],
        buckets: tuple[str, ...],
        before: int | None,
    ) -> tuple[str, float] | None:
        """The stored article (before ``before`` in storing order) this one duplicates."""
        if not buckets:
            return None
        sql = (
            f"SELECT DISTINCT a.id, a.seq, a.duplicate_of, {self.TEXT.format('a.text')}"
            " FROM dedupe_buckets b"
            " JOIN articles a ON a.id = b.article_id"
            f" WHERE b.bucket IN ({', '.join('?' * len(buckets))}) AND a.id <> ?"
        )
        params: list[Any] = [*buckets, article_id]
        if before is not None:
            sql += " AND a.seq < ?"
            params.append(before)
        rows = self._execute(sql, params).fetchall()
        return dedupe.find_original(shingles, (dedupe.Candidate(*row) for row in rows))

    def _relink_after_update(self, article_id: str, seq: int, buckets: tuple[str, ...]) -> None:
        """Checks again the articles an update of one may have made or unmade copies.

        Those are its own copies, and the articles stored after it that share a bucket
        with its new text; each is checked against the articles stored before it, in
        storing order, and the copies of one whose link changed are checked in turn.
        """
        queue = self._execute(
            "SELECT seq, id FROM articles WHERE duplicate_of = ?", (article_id,)
        ).fetchall()
        if buckets:
            queue += self._execute(
                "SELECT DISTINCT a.seq, a.id FROM dedupe_buckets b"
                " JOIN articles a ON a.id = b.article_id"
                f" WHERE b.bucket IN ({', '.join('?' * len(buckets))}) AND a.seq > ?",
                (*buckets, seq),
            ).fetchall()
        heap = [(s, i) for s, i in queue]
        heapq.heapify(heap)
        checked: set[str] = set()
        while heap:
            later_seq, later_id = heapq.heappop(heap)
            if later_id in checked:
                continue
            checked.add(later_id)
            text, was = self._execute(
                f"SELECT {self.TEXT.format('text')}, duplicate_of FROM articles WHERE id = ?",
                (later_id,),
            ).fetchone()
            later_shingles = dedupe.shingles(text)
            found = self._find_original(
                later_id, later_shingles, dedupe.buckets(later_shingles), before=later_seq
            )
            self._execute(
                "UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
                (*(found or (None, None)), later_id),
            )
            if (found is None) != (was is None):  # it now counts, or no longer does
                self._add_contribution(self.get(later_id), +1 if found is None else -1)
            if (found and found[0]) != was:
                for row in self._execute(
                    "SELECT seq, id FROM articles WHERE duplicate_of = ?", (later_id,)
                ).fetchall():
                    heapq.heappush(heap, tuple(row))

    def _insert_children(self, record: ArticleRecord, buckets: tuple[str, ...]) -> None:
        """Spreads the record's actors, places, events and quotes over the child tables."""
        rid = record.id
        many = self._executemany
        # Parents first: the foreign keys are checked statement by statement.
        many(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    *(rid, a.id, a.name, a.kind, a.country, a.sector, a.code),
                    a.name.casefold(),
                    mention_texts(a.name, a.mentions),
                )
                for a in record.actors
            ],
        )
        many(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    *(rid, p.id, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature),
                    mention_texts(p.name, p.mentions),
                )
                for p in record.places
            ],
        )
        published = record.source.published
        names = {a.id: a.name for a in record.actors}
        many(
            "INSERT INTO events VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rid,
                    e.id,
                    position,
                    e.event,
                    e.mode,
                    e.quad_code,
                    e.cameo,
                    e.modality,
                    e.reported_by,
                    e.date.start,
                    e.date.end,
                    e.date.text,
                    e.event_loc,
                    e.event_text,
                    e.sentence.start,
                    e.sentence.end,
                    e.sentence.text,
                    e.confidence,
                    json.dumps(list(e.context), ensure_ascii=False),
                    aggregates.filed_under(e, published),
                    0 if aggregates.filed_under(e, published) else 1,
                    # An undefined actor is refused by event_roles' foreign key, below.
                    PARTY_JOIN.join([names.get(i, "") for i in e.actor]),
                    PARTY_JOIN.join([names.get(i, "") for i in e.recipient]),
                )
                for position, e in enumerate(record.events)
            ],
        )
        many(
            "INSERT INTO event_roles VALUES (?, ?, ?, ?, ?)",
            [
                (rid, e.id, role, actor_id, position)
                for e in record.events
                for role, ids in (("actor", e.actor), ("recipient", e.recipient))
                for position, actor_id in enumerate(ids)
            ],
        )
        text = record.text
        many(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    *(rid, q.id, q.speaker, q.speaker_text, q.kind),
                    None if text[q.start : q.end] == q.text else q.text,
                    *(q.start, q.end, q.cue),
                )
                for q in record.quotes
            ],
        )
        many("INSERT INTO dedupe_buckets VALUES (?, ?)", [(rid, b) for b in buckets])

    def record_rejection(self, rejected: Rejected) -> None:
        """Keeps an input that could not be coded, one row per origin.

        Args:
            rejected: the input's origin, code and reason. Seeing the same one again
                writes nothing, so re-running a batch leaves the table as it was; a new
                code or reason for the origin replaces the old one.
        """
        with self._transaction():
            self._record_rejection(rejected)

    def _record_rejection(self, rejected: Rejected) -> None:
        """Writes one rejection inside the caller's transaction."""
        seen_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._execute(
            "INSERT INTO rejections (origin, code, reason, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (origin) DO UPDATE"
            " SET code = excluded.code, reason = excluded.reason, seen_at = excluded.seen_at"
            " WHERE rejections.code <> excluded.code OR rejections.reason <> excluded.reason",
            (rejected.origin, rejected.code, rejected.reason, seen_at),
        )

    def ingest_batch(self, items: Sequence[BatchItem]) -> list[str]:
        """Stores a batch of coded and rejected inputs and marks them done, atomically.

        Args:
            items: (mark, record or rejection) pairs in input order; a later record with an
                id seen earlier updates it, as in ``upsert_many``. A None mark (an input
                rejected while being read) stores the rejection without marking anything.

        Returns:
            Each item's outcome, in order: "inserted", "updated" or "unchanged" as for
            ``upsert``, "rejected", or "duplicate": a new or changed record linked to an
            earlier stored article it nearly duplicates (stored in full, but left out of
            events, stories and summaries).

        Raises:
            StoreError: one record cannot be stored; the whole batch is rolled back, marks
                included, so nothing of it counts as done.
        """
        outcomes: list[str] = []
        with self._transaction():
            for mark, item in items:
                if isinstance(item, Rejected):
                    self._record_rejection(item)
                    outcomes.append("rejected")
                    article_id, code = None, item.code
                else:
                    outcome, original = self._upsert(item)
                    outcomes.append("duplicate" if original is not None else outcome)
                    article_id, code = item.id, None
                if mark is not None:
                    self._execute(
                        "INSERT INTO sources (origin, digest, article_id, code)"
                        " VALUES (?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE"
                        " SET digest = excluded.digest, article_id = excluded.article_id,"
                        " code = excluded.code",
                        (mark.origin, mark.digest, article_id, code),
                    )
        return outcomes

    # ------------------------------------------------------------ reads

    def ingested(self, marks: Sequence[InputMark]) -> dict[InputMark, str | None]:
        """Finds which inputs an earlier batch finished, with the same digest.

        Args:
            marks: the inputs about to be coded.

        Returns:
            Each mark already done, mapped to its rejection code, or to None when it was
            coded into an article.
        """
        done: dict[InputMark, str | None] = {}
        # SQLite allows 32,766 host parameters per statement since 3.32; stay far below.
        for start in range(0, len(marks), 500):
            part = marks[start : start + 500]
            wanted = {(m.origin, m.digest): m for m in part}
            rows = self._execute(
                "SELECT origin, digest, code FROM sources"
                f" WHERE origin IN ({', '.join('?' * len(part))})",
                [m.origin for m in part],
            )
            for origin, digest, code in rows:
                mark = wanted.get((origin, digest))
                if mark is not None:
                    done[mark] = code
        return done

    def get(self, record_id: str) -> ArticleRecord:
        """Returns the stored record with this id.

        Args:
            record_id: the record's ``id``.

        Returns:
            The record, equal to the one stored.

        Raises:
            RecordNotFound: no article has that id.
        """
        found = self._execute(self._record_sql("a.id = ?"), (record_id,)).fetchone()
        if found is None:
            raise RecordNotFound(
                f'No article "{record_id}" in {self.name}. '
                f"List ids with `thucydides events --db {self.name}`."
            )
        return expand_record(found)

    def _record_sql(self, where: str) -> str:
        """One statement reading whole records (``expand_record``'s row), so each comes
        from one snapshot: the article's row and what the child tables hold of it."""
        parts = ", ".join(
            f"(SELECT {self.JSON_ROWS.format(', '.join(columns))} FROM {table} x"
            " WHERE x.article_id = a.id)"
            for table, columns in _HELD_COLUMNS
        )
        return (
            f"SELECT a.record, {self.TEXT.format('a.text')}, {', '.join(_SOURCE_COLUMNS)},"
            f" {parts} FROM articles a WHERE {where}"
        )

    def _event_filter(
        self, query: EventQuery, originals: str | None = None
    ) -> tuple[str, list[Any]]:
        """The WHERE clause of ``query`` over ``events e``, ``articles a`` and ``places p``;
        ``originals``, when given, is the condition that leaves duplicates out instead of
        ``ORIGINALS`` (one that needs no ``articles a``)."""
        where: list[str] = ["TRUE" if query.include_duplicates else originals or self.ORIGINALS]
        params: list[Any] = []
        contains = self.CONTAINS.format
        if query.type is not None:
            where.append("e.event = ?")
            params.append(query.type.upper())
        side = "" if query.role == "either" else f" AND r.role = '{query.role}'"
        if query.actor is not None:
            condition, found = self._names_matching(query.actor.casefold(), query)
            where.append(_WITH_PARTY.format(condition=condition + side))
            params += found
        if query.country is not None:
            condition = "ac.country = ?"
            if not query.include_duplicates:  # the names that country has: then an index
                condition += " AND ac.folded_name IN (SELECT folded_name FROM agg_actors"
                condition += " WHERE country = ?)"
                params.append(query.country.upper())
            where.append(_WITH_PARTY.format(condition=condition + side))
            params.append(query.country.upper())
        if query.modalities is not None:
            where.append(f"e.modality IN ({', '.join('?' * len(query.modalities))})")
            params += list(query.modalities)
        if query.since is not None or query.until is not None:
            where.append("e.undated = 0")  # an unknown date is not guessed
        if query.since is not None:
            where.append("e.filed_under >= ?")
            params.append(query.since)
        if query.until is not None:
            where.append("e.filed_under <= ?")
            params.append(query.until)
        if query.min_confidence is not None:
            where.append("e.confidence >= ?")  # a bare column: events_by_confidence serves it
            params.append(query.min_confidence)
        if query.text is not None:
            needle = query.text.casefold()
            named, found = self._names_matching(needle, query)
            where.append(
                "("
                + " OR ".join(
                    (
                        contains("lower(e.sentence_text)"),
                        contains("lower(e.event_text)"),
                        contains("lower(COALESCE(a.title, ''))"),
                        contains("lower(COALESCE(p.name, ''))"),
                        _WITH_PARTY.format(condition=named),
                    )
                )
                + ")"
            )
            params += [needle] * 4 + found
        return " AND ".join(where), params

    def _names_matching(self, needle: str, query: EventQuery) -> tuple[str, list[Any]]:
        """The condition on ``ac`` that its casefolded name contains ``needle``, and its
        parameters.

        The distinct names of the original articles (``agg_actors``, a small table) are
        read first and given as a list, so that the actors of those names are found by
        index (``actors_by_name``): both planners then start from the names, where
        PostgreSQL's, given the subquery, went through every event. More names than
        ``_NAMES_AT_ONCE``, or duplicates included, and the condition is the subquery or
        the scan. The names are read in a statement of their own: an actor of a new name
        stored between the two reads is left out of this answer, not of the next one.
        """
        contains = self.CONTAINS.format
        if query.include_duplicates:
            return contains("ac.folded_name"), [needle]
        names = [
            name
            for (name,) in self._execute(
                f"SELECT DISTINCT folded_name FROM agg_actors WHERE {contains('folded_name')}",
                (needle,),
            )
        ]
        if len(names) > _NAMES_AT_ONCE:
            subquery = f"SELECT folded_name FROM agg_actors WHERE {contains('folded_name')}"
            return f"ac.folded_name IN ({subquery})", [needle]
        if not names:
            return "FALSE", []
        return f"ac.folded_name IN ({', '.join('?' * len(names))})", names

    def events(self, query: EventQuery) -> list[EventRow]:
        """Lists the events that match every filter of ``query``.

        Args:
            query: the filters; see ``EventQuery``.

        Returns:
            The events by date (their own, else the article's; undated last), then by
            article and record order, or in ``query.sort`` order; ``query.offset`` skipped,
            at most ``query.limit`` of them. Events of near-duplicate articles are left out
            unless ``query.include_duplicates``.
        """
        return list(self.iter_events(query))

    def iter_events(self, query: EventQuery, size: int = 512) -> Iterator[EventRow]:
        """Yields the events ``events`` lists, without holding them all in memory.

        Args:
            query: the filters, order and page; see ``EventQuery``.
            size: how many events are read at a time (with their parties in one query).

        Yields:
            EventRows, in the order of ``events``, from one read snapshot.
        """
        if query.limit is None or query.limit > _PAGE_AT_ONCE:
            for first, parties in self._whole_listing(query, size):
                yield _event_row(first, parties)
            return
        where, params = self._event_filter(query)
        order = _listing_order(query)
        params += [query.limit, query.offset]
        sql = _EVENTS_SQL.format(where=where, order=order, limit="LIMIT ? OFFSET ?")
        found = self._execute(sql, params).fetchall()
        for start in range(0, len(found), size):
            yield from self._with_parties(found[start : start + size])

    def _whole_listing(
        self, query: EventQuery, size: int
    ) -> Iterator[tuple[Sequence[Any], dict[str, list[tuple[str, str | None]]]]]:
        """A whole listing, or a long one: one statement, streamed, each event's rows
        grouped; offset and limit counted here, in events. Yields each event's first row
        (``_EVENT_COLUMNS``) and its (name, country) parties by role."""
        where, params = self._event_filter(query)
        sql = _EVENTS_WITH_PARTIES_SQL.format(where=where, order=_listing_order(query))
        width = len(_EVENT_COLUMNS)
        grouped = itertools.groupby(self._stream(sql, size, params), key=_event_key)
        end = None if query.limit is None else query.offset + query.limit
        for _, rows in itertools.islice(grouped, query.offset, end):
            first = next(rows)
            parties: dict[str, list[tuple[str, str | None]]] = {"actor": [], "recipient": []}
            for row in itertools.chain((first,), rows):
                if row[width] is not None:  # an event without parties has one NULL row
                    parties[row[width]].append((row[width + 1], row[width + 2]))
            yield first, parties

    def iter_event_dicts(self, query: EventQuery, size: int = 512) -> Iterator[dict[str, Any]]:
        """Yields what ``events`` lists as plain data, each equal to ``EventRow.as_dict()``.

        A whole listing builds the dicts from the rows, without an EventRow each: half the
        time of ``thucydides events --format jsonl``.

        Args:
            query: the filters, order and page; see ``EventQuery``.
            size: how many events are read at a time.
        """
        if query.limit is not None and query.limit <= _PAGE_AT_ONCE:
            for row in self.iter_events(query, size):
                yield row.as_dict()
            return
        for first, parties in self._whole_listing(query, size):
            yield _event_dict(first, parties)

    def iter_event_cells(self, query: EventQuery, size: int = 512) -> Iterator[tuple[str, ...]]:
        """Yields the CSV cells of what ``events`` lists (``EVENT_CSV_COLUMNS``), as text,
        a cell that starts like a spreadsheet formula kept as text (``neutralise_formula``).

        Args:
            query: the filters, order and page; see ``EventQuery``.
            size: how many events are read at a time.

        Yields:
            One tuple of cells per event, in the order of ``events``.

        A whole listing (or a long one) reads each event's cells as one row of
        ``_EVENT_CELLS`` (its parties' cells are columns of the event), its confidence
        formatted here; a page builds them from its EventRows (``event_csv_cells``).
        """
        starts = frozenset(FORMULA_STARTS)
        if query.limit is not None and query.limit <= _PAGE_AT_ONCE:
            rows: Iterable[Sequence[str]] = map(event_csv_cells, self.iter_events(query, size))
        else:
            sql, params = self._event_cells_sql(query, in_sql=False)
            end = None if query.limit is None else query.offset + query.limit
            found = itertools.islice(self._stream(sql, size, params), query.offset, end)
            rows = ((*row[:-2], f"{row[-2]:.2f}", row[-1]) for row in found)
        for cells in rows:
            yield tuple([c if c[:1] not in starts else neutralise_formula(c) for c in cells])

    def _event_cells_sql(self, query: EventQuery, in_sql: bool = True) -> tuple[str, list[Any]]:
        """The statement of ``iter_event_cells`` in SQL, for a backend that has the SQL
        functions ``neutralise_formula`` and ``confidence_cell`` (SQLite registers them),
        and its parameters.

        One row per event, its cells worked out in SQL (the parties joined by a
        subquery each), then each cell checked for a formula start, so that a caller
        writes the rows as they come (``csv.writer.writerows``). The inner statement keeps
        an OFFSET so that it is not merged into the outer one: merged, every cell's
        expression would be evaluated once per mention in the formula check. Without a
        text filter or an article sort, the articles are not joined: the duplicates are
        left out by their ids (a list the statement builds once).

        With ``in_sql`` False (any backend), only the inner statement, without its page:
        the cells as they are stored, the confidence a number.
        """
        by_article = query.text is not None or (query.sort or "").lstrip("-") == "article"
        where, params = self._event_filter(query, None if by_article else _NOT_A_COPY)
        if not in_sql:
            sql = _EVENT_CELLS_ROWS.format(
                cells=", ".join(cell.format(confidence="e.confidence") for cell in _EVENT_CELLS),
                articles="JOIN articles a ON a.id = e.article_id" if by_article else "",
                where=where,
                order=_listing_order(query),
            )
            return sql, params
        confidence = "confidence_cell(e.confidence)"
        values = [
            value
            for (value,) in self._execute(
                "SELECT DISTINCT confidence FROM events LIMIT ?", (_CONFIDENCES_AT_ONCE + 1,)
            )
        ]
        head: list[Any] = []
        if 0 < len(values) <= _CONFIDENCES_AT_ONCE:  # a few values: their cells in SQL
            cases = " ".join(["WHEN ? THEN ?"] * len(values))
            confidence = f"CASE e.confidence {cases} ELSE {confidence} END"
            head = [item for value in values for item in (value, f"{value:.2f}")]
        starts = ", ".join(str(ord(c)) for c in FORMULA_STARTS)  # unicode(): the first's
        checked = ", ".join(
            f"CASE WHEN unicode(c{i}) IN ({starts}) THEN neutralise_formula(c{i}) ELSE c{i} END"
            for i in range(len(_EVENT_CELLS))
        )
        sql = _EVENT_CELLS_SQL.format(
            checked=checked,
            cells=", ".join(
                f"{cell.format(confidence=confidence)} AS c{i}"
                for i, cell in enumerate(_EVENT_CELLS)
            ),
            articles="JOIN articles a ON a.id = e.article_id" if by_article else "",
            where=where,
            order=_listing_order(query),
        )
        limit = -1 if query.limit is None else query.limit
        return sql, [*head, *params, limit, query.offset]

    def _with_parties(self, rows: Sequence[Sequence[Any]]) -> Iterator[EventRow]:
        """EventRows of a chunk of event rows, their actors and recipients read at once."""
        keys = [(r[0], r[1]) for r in rows]
        parties = self._parties(keys)
        empty: dict[str, list[tuple[str, str | None]]] = {"actor": [], "recipient": []}
        for row, key in zip(rows, keys, strict=True):
            yield _event_row(row, parties.get(key, empty))

    def _parties(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], dict[str, list[tuple[str, str | None]]]]:
        """The (name, country) of the actors and recipients of the events ``keys`` names
        (article id, event id), in record order, read 400 events at a time."""
        parties: dict[tuple[str, str], dict[str, list[tuple[str, str | None]]]] = {}
        for start in range(0, len(keys), 400):
            part = keys[start : start + 400]
            one = "(r.article_id = ? AND r.event_id = ?)"
            sql = _PARTIES_SQL.format(events=" OR ".join([one] * len(part)))
            flat = [value for key in part for value in key]
            for article_id, event_id, role, name, country in self._execute(sql, flat):
                roles = parties.setdefault((article_id, event_id), {"actor": [], "recipient": []})
                roles[role].append((name, country))
        return parties

    def count_events(self, query: EventQuery) -> int:
        """How many events ``events`` would list for ``query`` without its limit and offset."""
        plain = dataclasses.replace(query, limit=None, offset=0, sort=None)
        if plain == EventQuery():
            found = self._execute("SELECT n FROM agg_totals WHERE name = 'events'").fetchone()
            return 0 if found is None else int(found[0])
        where, params = self._event_filter(plain)
        places = (
            " LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc"
            if query.text is not None
            else ""
        )
        sql = (
            f"SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id{places}"
            f" WHERE {where}"
        )
        return int(self._execute(sql, params).fetchone()[0])

    def events_by_day(self, query: EventQuery) -> list[tuple[str | None, str, int]]:
        """Counts the events ``query`` matches per day they are filed under and type.

        Returns:
            (day or None for undated, PLOVER type, events), by day and type. With no
            filter it reads the counts kept at ingest (``agg_days``), not the events.
        """
        plain = dataclasses.replace(query, limit=None, offset=0, sort=None)
        if plain == EventQuery():
            rows = self._execute("SELECT day, event, events FROM agg_days ORDER BY day, event")
            return [(day or None, event, int(n)) for day, event, n in rows]
        where, params = self._event_filter(plain)
        places = (
            " LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc"
            if query.text is not None
            else ""
        )
        rows = self._execute(
            "SELECT e.filed_under, e.event, COUNT(*) FROM events e"
            f" JOIN articles a ON a.id = e.article_id{places} WHERE {where}"
            " GROUP BY e.filed_under, e.event ORDER BY e.filed_under, e.event",
            params,
        )
        return [(day, event, int(n)) for day, event, n in rows]

    # ------------------------------------------------------------ browsing (the catalog)

    def _page(
        self,
        select: str,
        rest: str,
        params: list[Any],
        order: str,
        limit: int | None,
        offset: int,
        total: str | None = None,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """Counts the rows of ``FROM ... WHERE`` clause ``rest`` and reads one page of them.

        ``total`` names the ``agg_totals`` count that is the answer when nothing is
        filtered, read instead of counting the rows.
        """
        found = None
        if total is not None:
            found = self._execute("SELECT n FROM agg_totals WHERE name = ?", (total,)).fetchone()
        if found is None and total is not None:
            found = (0,)
        if found is None:
            found = self._execute(f"SELECT COUNT(*) {rest}", params).fetchone()
        (total_rows,) = found
        page = f" LIMIT {self.NO_LIMIT if limit is None else int(limit)} OFFSET {int(offset)}"
        rows = self._execute(f"SELECT {select} {rest} ORDER BY {order}{page}", params).fetchall()
        return int(total_rows), [tuple(row) for row in rows]

    def _with_first(
        self,
        rows: list[tuple[Any, ...]],
        detail: str,
        key: Callable[[str, str], tuple[Any, ...]],
        width: int,
    ) -> list[tuple[Any, ...]]:
        """A grouped page's rows (name, country, articles, mentions, events), each with the
        ``width`` columns that ``detail`` reads from its group's first row (lowest article
        and id; nulls when there is none). ``key`` gives ``detail``'s parameters."""
        page = []
        for name, country, articles, mentions, n in rows:
            first = self._execute(detail, key(name, country)).fetchone() or (None,) * width
            page.append((name, country or None, int(articles), int(mentions), int(n), *first))
        return page

    def actor_page(
        self,
        events: EventQuery | None,
        name: str | None = None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """Actors of the original articles grouped by (name, country), most involved first.

        Args:
            events: when given, only actors taking part in the events it matches, with
                their events among those; None counts every event (the kept counts).
            name: a piece of the name, case-insensitive.
            country: the actor's country.
            text: words in the name or in one of its mentions (ASCII case-insensitive).
            limit, offset: the page.

        Returns:
            (total, rows of (name, country, articles, mentions, events, kind, code, sector)).
        """
        contains = self.CONTAINS.format
        params: list[Any] = []
        events_column = "g.events"
        source = "agg_actors g"
        if events is not None:
            where, params = self._event_filter(events)
            source += (
                " JOIN (SELECT name, country, folded_name, COUNT(*) AS n FROM ("
                " SELECT DISTINCT ac.name, COALESCE(ac.country, '') AS country,"
                " ac.folded_name, r.article_id, r.event_id"
                " FROM events e JOIN articles a ON a.id = e.article_id"
                " JOIN event_roles r ON r.article_id = e.article_id AND r.event_id = e.event_id"
                " JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id"
                f" WHERE {where}) AS parties GROUP BY name, country, folded_name) AS x"
                " ON x.name = g.name AND x.country = g.country"
                " AND x.folded_name = g.folded_name"
            )
            events_column = "x.n"
        conditions = ["TRUE"]
        if name:
            conditions.append(contains("g.folded_name"))
            params.append(name.casefold())
        if country:
            conditions.append("g.country = ?")
            params.append(country.upper())
        if text:
            conditions.append(
                f"({contains('g.folded_name')} OR g.folded_name IN (SELECT ac.folded_name"
                f" FROM actors ac WHERE {contains('lower(ac.mention_texts)')}))"
            )
            params += [text.casefold()] * 2
        total, rows = self._page(
            f"g.name, g.country, g.articles, g.mentions, {events_column}",
            f"FROM {source} WHERE {' AND '.join(conditions)}",
            params,
            f"{events_column} + g.mentions DESC, g.folded_name, g.name, g.country",
            limit,
            offset,
        )
        return total, self._with_first(
            rows,
            "SELECT kind, code, sector FROM actors WHERE folded_name = ? AND name = ?"
            " AND COALESCE(country, '') = ? ORDER BY article_id, actor_id LIMIT 1",
            lambda name, country: (name.casefold(), name, country),
            3,
        )

    def place_page(
        self,
        events: EventQuery | None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """Places of the original articles grouped by (name, country), most named first.

        Args:
            events: when given, only places where the events it matches happened, with
                their events among those.
            country: the place's country.
            text: words in the name or in one of its mentions (ASCII case-insensitive).
            limit, offset: the page.

        Returns:
            (total, rows of (name, country, articles, mentions, events, lat, lon, feature,
            geonameid)).
        """
        contains = self.CONTAINS.format
        params: list[Any] = []
        events_column = "g.events"
        source = "agg_places g"
        if events is not None:
            where, params = self._event_filter(events)
            source += (
                " JOIN (SELECT p.name, COALESCE(p.country, '') AS country, COUNT(*) AS n"
                " FROM events e JOIN articles a ON a.id = e.article_id"
                " JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc"
                f" WHERE {where} GROUP BY p.name, COALESCE(p.country, '')) AS x"
                " ON x.name = g.name AND x.country = g.country"
            )
            events_column = "x.n"
        conditions = ["TRUE"]
        if country:
            conditions.append("g.country = ?")
            params.append(country.upper())
        if text:
            conditions.append(
                f"({contains('lower(g.name)')} OR g.name IN (SELECT p.name"
                f" FROM places p WHERE {contains('lower(p.mention_texts)')}))"
            )
            params += [text.casefold()] * 2
        total, rows = self._page(
            f"g.name, g.country, g.articles, g.mentions, {events_column}",
            f"FROM {source} WHERE {' AND '.join(conditions)}",
            params,
            f"{events_column} + g.mentions DESC, lower(g.name), g.name, g.country",
            limit,
            offset,
        )
        return total, self._with_first(
            rows,
            "SELECT lat, lon, feature, geonameid FROM places WHERE name = ?"
            " AND COALESCE(country, '') = ? ORDER BY article_id, place_id LIMIT 1",
            lambda name, country: (name, country),
            4,
        )

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
        """Quotes of the original articles, by article and place in the text.

        Args:
            reported: when given, only quotes whose speaker reported an event it matches.
            speaker: a piece of the speaker's name; country: the speaker's country.
            since, until: the article's publication day.
            text: words in the quote, the speaker's words or name (ASCII case-insensitive).
            limit, offset: the page.

        Returns:
            (total, rows of (article_id, quote_id, kind, text, start, end, cue, speaker id,
            speaker name, speaker country, speaker code, speaker_text, published, title)).
        """
        contains = self.CONTAINS.format
        conditions = [self.ORIGINALS]
        params: list[Any] = []
        if reported is not None:
            where, params = self._event_filter(reported)
            conditions.append(
                "(q.article_id, q.speaker) IN (SELECT e.article_id, e.reported_by FROM events e"
                f" JOIN articles a ON a.id = e.article_id WHERE {where})"
            )
        if speaker:
            conditions.append(contains("sp.folded_name"))
            params.append(speaker.casefold())
        if country:
            conditions.append("sp.country = ?")
            params.append(country.upper())
        if since:
            conditions.append("substr(a.published, 1, 10) >= ?")
            params.append(since)
        if until:
            conditions.append("substr(a.published, 1, 10) <= ?")
            params.append(until)
        quoted = _QUOTE_TEXT.format(text=self.TEXT.format("a.text"))
        if text:
            said = contains("lower(COALESCE(q.speaker_text, ''))")
            named = contains("COALESCE(sp.folded_name, '')")
            conditions.append(f"({contains(f'lower({quoted})')} OR {said} OR {named})")
            params += [text.casefold()] * 3
        total, rows = self._page(
            'q.article_id, q.quote_id, q.kind, q.text, q.start, q."end", q.cue, sp.actor_id,'
            " sp.name, sp.country, sp.code, q.speaker_text, a.published, a.title",
            "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors sp"
            " ON sp.article_id = q.article_id AND sp.actor_id = q.speaker"
            f" WHERE {' AND '.join(conditions)}",
            params,
            "q.article_id, q.quote_id",  # the primary key's order: read off it, unsorted
            limit,
            offset,
            total="quotes" if len(conditions) == 1 else None,
        )
        # The words of the page's quotes, from their articles' texts: worked out for the
        # page only (PostgreSQL would compute a selected expression for every row it sorts).
        sliced = sorted({row[0] for row in rows if row[3] is None})
        texts: dict[str, str] = {}
        for start in range(0, len(sliced), 500):
            part = sliced[start : start + 500]
            found = self._execute(
                f"SELECT id, {self.TEXT.format('text')} FROM articles"
                f" WHERE id IN ({', '.join('?' * len(part))})",
                part,
            )
            texts.update((article_id, body) for article_id, body in found)
        return total, [
            row if row[3] is not None else (*row[:3], texts[row[0]][row[4] : row[5]], *row[4:])
            for row in rows
        ]

    def article_page(
        self,
        with_events: EventQuery | None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[int, list[tuple[Any, ...]]]:
        """The original articles, newest first (undated last), then by title.

        Args:
            with_events: when given, only articles with an event it matches.
            since, until: the publication day.
            text: words in the title or the text (ASCII case-insensitive).
            limit, offset: the page.

        Returns:
            (total, rows of (id, title, published, url, characters, actors, events, quotes)).
        """
        contains = self.CONTAINS.format
        conditions = [self.ORIGINALS]
        params: list[Any] = []
        if with_events is not None:
            where, params = self._event_filter(with_events)
            conditions.append(
                "a.id IN (SELECT e.article_id FROM events e"
                f" JOIN articles a ON a.id = e.article_id WHERE {where})"
            )
        if since:
            conditions.append("substr(a.published, 1, 10) >= ?")
            params.append(since)
        if until:
            conditions.append("substr(a.published, 1, 10) <= ?")
            params.append(until)
        if text:
            titled = contains("lower(COALESCE(a.title, ''))")
            body = f"lower({self.TEXT.format('a.text')})"
            conditions.append(f"({titled} OR {contains(body)})")
            params += [text.casefold()] * 2
        total, rows = self._page(
            f"a.id, a.title, a.published, a.url, length({self.TEXT.format('a.text')})",
            f"FROM articles a WHERE {' AND '.join(conditions)}",
            params,
            "COALESCE(a.published, '') DESC, lower(COALESCE(a.title, '')), a.id",
            limit,
            offset,
            total="articles" if len(conditions) == 1 else None,
        )
        ids = [row[0] for row in rows]
        counted: dict[str, dict[str, int]] = {table: {} for table in ("actors", "events", "quotes")}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ", ".join("?" * len(part))
            for table, found in counted.items():
                for article_id, n in self._execute(
                    f"SELECT article_id, COUNT(*) FROM {table} WHERE article_id IN ({marks})"
                    " GROUP BY article_id",
                    part,
                ):
                    found[article_id] = int(n)
        return total, [
            (*row, *(counted[t].get(row[0], 0) for t in ("actors", "events", "quotes")))
            for row in rows
        ]

    def _event_source(self, query: EventQuery) -> tuple[str, str, list[Any]]:
        """FROM and WHERE of the events ``query`` matches (places joined for ``text``)."""
        where, params = self._event_filter(dataclasses.replace(query, limit=None, offset=0))
        places = (
            " LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc"
            if query.text is not None
            else ""
        )
        return f"events e JOIN articles a ON a.id = e.article_id{places}", where, params

    def event_edges(self, query: EventQuery) -> list[tuple[Any, ...]]:
        """Counts the matching events from each actor to each recipient, by quad and type.

        Returns:
            (actor name, actor country, recipient name, recipient country, quad code, type,
            events), most events first; an actor and a recipient of the same name are no
            edge. A name's country is the smallest one it has among those events.
        """
        source, where, params = self._event_source(query)
        rows = self._execute(
            "SELECT x1.name, MIN(x1.country), x2.name, MIN(x2.country), e.quad_code, e.event,"
            f" COUNT(*) FROM {source}"
            " JOIN event_roles r1 ON r1.article_id = e.article_id AND r1.event_id = e.event_id"
            " AND r1.role = 'actor'"
            " JOIN actors x1 ON x1.article_id = r1.article_id AND x1.actor_id = r1.actor_id"
            " JOIN event_roles r2 ON r2.article_id = e.article_id AND r2.event_id = e.event_id"
            " AND r2.role = 'recipient'"
            " JOIN actors x2 ON x2.article_id = r2.article_id AND x2.actor_id = r2.actor_id"
            f" WHERE {where} AND x1.name <> x2.name"
            " GROUP BY x1.name, x2.name, e.quad_code, e.event"
            " ORDER BY COUNT(*) DESC, x1.name, x2.name, e.quad_code, e.event",
            params,
        )
        return [tuple(row) for row in rows]

    def event_places(self, query: EventQuery, per_place: int) -> list[tuple[Any, ...]]:
        """The matching events that have a place with coordinates, grouped by place.

        Args:
            query: the filters.
            per_place: how many events of each place to name (the first ones in list order).

        Returns:
            Rows (name, country, lat, lon, quad code, events, refs), one per place and
            quad, where ``refs`` is a list of (article id, event id, type, quad code, actor
            names, recipient names, day filed under, article title) for the place's first
            ``per_place`` events, on the place's first row only.
        """
        source, where, params = self._event_source(query)
        located = (
            f" FROM {source} JOIN places q"
            " ON q.article_id = e.article_id AND q.place_id = e.event_loc"
            f" WHERE {where} AND q.lat IS NOT NULL AND q.lon IS NOT NULL"
        )
        counts = self._execute(
            "SELECT q.name, q.country, q.lat, q.lon, e.quad_code, COUNT(*)"
            f"{located} GROUP BY q.name, q.country, q.lat, q.lon, e.quad_code",
            params,
        ).fetchall()
        named = self._execute(
            "SELECT name, country, lat, lon, article_id, event_id, event, quad_code,"
            " filed_under, title FROM ("
            " SELECT q.name, q.country, q.lat, q.lon, e.article_id, e.event_id, e.event,"
            " e.quad_code, e.filed_under, a.title,"
            " ROW_NUMBER() OVER (PARTITION BY q.name, q.country, q.lat, q.lon"
            f" ORDER BY {_IN_ORDER}) AS k{located}) AS ranked WHERE k <= ?"
            " ORDER BY name, country, lat, lon, k",
            [*params, per_place],
        ).fetchall()
        parties = self._parties([(row[4], row[5]) for row in named])
        refs: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        for name, country, lat, lon, article_id, event_id, event, quad, filed, title in named:
            roles = parties.get((article_id, event_id), {})
            refs.setdefault((name, country, lat, lon), []).append(
                (
                    article_id,
                    event_id,
                    event,
                    quad,
                    tuple(n for n, _ in roles.get("actor", ())),
                    tuple(n for n, _ in roles.get("recipient", ())),
                    filed,
                    title,
                )
            )
        # The refs on each place's first row only: a place has a row per quad.
        return [(*row, refs.pop(tuple(row[:4]), [])) for row in counts]

    def stories(self, query: EventQuery) -> list[StoryRow]:
        """Groups the events that match ``query`` into story-level events.

        Args:
            query: the filters, as for ``events``; ``limit`` counts stories.

        Returns:
            The stories (``stories.group_stories``) by first day, at most ``query.limit``.
        """
        whole = dataclasses.replace(query, limit=None, offset=0, sort=None)
        found = group_stories(self.iter_events(whole))
        return found if query.limit is None else found[: query.limit]

    def duplicates(self) -> list[Duplicate]:
        """Lists every near-duplicate article with its original, in storing order."""
        rows = self._execute(
            "SELECT id, duplicate_of, similarity FROM articles"
            " WHERE duplicate_of IS NOT NULL ORDER BY seq"
        )
        return [Duplicate(*row) for row in rows]

    def article_ids(self) -> list[str]:
        """Lists the id of every stored article, sorted."""
        return [row[0] for row in self._execute("SELECT id FROM articles ORDER BY id")]

    def records(self) -> Iterator[ArticleRecord]:
        """Yields every stored record, sorted by id, a few hundred rows read at a time.

        The rows come from one read snapshot, so the records yielded are the ones stored
        when the iteration began, whatever a writer does meanwhile.
        """
        for row in self._stream(self._record_sql("TRUE") + " ORDER BY a.id", 256):
            yield expand_record(row)

    def rejections(self) -> list[Rejected]:
        """Lists the rejected inputs, sorted by origin."""
        rows = self._execute("SELECT origin, code, reason FROM rejections ORDER BY origin")
        return [Rejected(origin, code, reason) for origin, code, reason in rows]

    def counts(self) -> dict[str, int]:
        """Returns the number of rows in each data table, by table name."""
        return {
            table: self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES
        }

    def summary(self, top: int = 10) -> StoreSummary:
        """Describes what the store holds, from the counts kept at ingest.

        Args:
            top: how many actors and places to list.

        Returns:
            Counts of articles, events, duplicates and stories, every rejected input,
            events per type, and the ``top`` actors and places; see ``StoreSummary``.
            No table of articles or events is scanned: the time does not grow with the
            store.
        """
        by_type = [
            (event, int(n))
            for event, n in self._execute(
                "SELECT event, events FROM agg_types ORDER BY events DESC, event"
            )
        ]
        totals = dict(self._execute("SELECT name, n FROM agg_totals").fetchall())
        (duplicates,) = self._execute(
            "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
        stories, several = self._execute(
            "SELECT COALESCE(SUM(stories), 0), COALESCE(SUM(several), 0) FROM agg_stories"
        ).fetchone()
        return StoreSummary(
            articles=int(totals.get("articles", 0)),
            events=int(totals.get("events", 0)),
            rejected=tuple(self.rejections()),
            events_by_type=tuple(by_type),
            top_actors=tuple(
                (name, int(events), int(mentions))
                for name, events, mentions in self._execute(_TOP_ACTORS_SQL, (top,))
            ),
            top_places=tuple((name, int(n)) for name, n in self._execute(_TOP_PLACES_SQL, (top,))),
            duplicates=int(duplicates),
            stories=int(stories),
            stories_with_several_articles=int(several),
        )


# ---------------------------------------------------------------- row builders


def canonical_json(record: ArticleRecord) -> tuple[str, str]:
    """Returns the record's canonical JSON and its sha256, or refuses what no backend keeps.

    Raises:
        StoreError: NaN or infinity, a lone surrogate, or a NUL character (PostgreSQL text
            cannot hold one; readers never produce one, T003 rejects such input). Every
            backend refuses the same records.
    """
    try:
        data = record.as_dict()
        if _has_nul(data):
            raise ValueError("a text holds a NUL character")
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False)
        content_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    except ValueError as exc:  # NaN, infinity, a lone surrogate, NUL: not storable
        raise StoreError(
            f'Cannot store article "{record.id}": {exc}. Fix the record before storing it.'
        ) from exc
    return canonical, content_hash


def compact_record(record: ArticleRecord) -> bytes:
    """The record as ``articles.record`` keeps it: its JSON without what the tables hold
    (the text, the source's columns, the actors', quotes' and events' fields of
    ``_HELD_COLUMNS``) nor the text of any span that is its slice of the text (null
    instead), compressed with zlib and a preset dictionary.

    Notes:
        A VOA record's JSON is about 4 times its text: every span (mention, sentence,
        trigger, quote) repeats its words. A span is ``text[start:end]`` by the record's
        contract, so its words are read back from the text; a span that breaks the
        contract keeps its own text, and the record comes back equal either way. What
        is left is mostly ids, mention offsets, places (their coordinates are floats,
        which SQL's JSON need not keep exactly), triggers and rules.
    """
    data = record.as_dict()
    text = data.pop("text")
    for key in _SOURCE_COLUMNS:
        del data["source"][key]
    for part, held in _HELD_FIELDS.items():
        for item in data[part]:
            for key in held:
                del item[key]
    for event in data["events"]:
        for key in _HELD_DATE:
            del event["date"][key]
    for span in _kept_spans(data):
        if text[span["start"] : span["end"]] == span["text"]:
            span["text"] = None
    packer = zlib.compressobj(9, zdict=_RECORD_ZDICT)
    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return packer.compress(plain) + packer.flush()


def expand_record(row: Sequence[Any]) -> ArticleRecord:
    """The record ``compact_record`` kept, from a row of ``SQLStore._record_sql``: the
    stored JSON, the text, the source's columns and the JSON rows of ``_HELD_COLUMNS``."""
    unpacker = zlib.decompressobj(zdict=_RECORD_ZDICT)
    data = json.loads(unpacker.decompress(bytes(row[0])) + unpacker.flush())
    text = row[1]
    n = len(_SOURCE_COLUMNS)
    source = dict(zip(_SOURCE_COLUMNS, row[2 : 2 + n], strict=True))
    source["authors"] = json.loads(source["authors"])
    data["source"].update(source)
    found = [json.loads(rows) for rows in row[2 + n :]]
    for (table, columns), rows in zip(_HELD_COLUMNS[:3], found, strict=False):
        names = [column.strip('"') for column in columns[1:]]
        by_id = {values[0]: values[1:] for values in rows}
        for item in data[table]:
            item.update(zip(names, by_id[item["id"]], strict=True))
    parties: dict[str, dict[str, list[tuple[int, str]]]] = {}
    for event_id, role, position, actor_id in found[3]:
        parties.setdefault(event_id, {}).setdefault(role, []).append((position, actor_id))
    for event in data["events"]:
        event["sentence"] = {key: event.pop(f"sentence_{key}") for key in ("start", "end", "text")}
        event["date"].update({key: event.pop(f"date_{key}") for key in _HELD_DATE})
        event["context"] = json.loads(event["context"])
        found_roles = parties.get(event["id"], {})
        for role in ("actor", "recipient"):
            event[role] = [actor_id for _, actor_id in sorted(found_roles.get(role, ()))]
    for span in _kept_spans(data):
        if span["text"] is None:
            span["text"] = text[span["start"] : span["end"]]
    for quote in data["quotes"]:
        if quote["text"] is None:  # the quotes table keeps only words of its own
            quote["text"] = text[quote["start"] : quote["end"]]
    data["text"] = text
    return ArticleRecord.from_dict(data)


#: The source's fields that are columns of ``articles`` (``authors`` as a JSON array).
_SOURCE_COLUMNS = ("path", "url", "title", "authors", "publisher", "published", "language")
#: What the child tables hold of a record's actors, quotes and events: the fields left out
#: of ``articles.record`` (and of each event's date, ``_HELD_DATE``).
_HELD_FIELDS = {
    "actors": ("name", "kind", "country", "sector", "code"),
    "quotes": ("kind", "text", "start", "end", "speaker", "speaker_text", "cue"),
    "events": (
        "event", "mode", "quad_code", "cameo", "modality", "reported_by", "event_loc",
        "event_text", "context", "sentence", "actor", "recipient",
    ),
}  # fmt: skip
_HELD_DATE = ("start", "end", "text")
#: The tables and columns (their id first) ``SQLStore._record_sql`` reads them from; a
#: column is named as the record's field, ``sentence_*`` and ``date_*`` as the fields of
#: the event's sentence and date, and the roles give the actor and recipient ids.
_HELD_COLUMNS = (
    ("actors", ("actor_id", "name", "kind", "country", "sector", "code")),
    ("quotes", ("quote_id", "kind", "text", "start", '"end"', "speaker", "speaker_text", "cue")),
    (
        "events",
        (
            "event_id", "event", "mode", "quad_code", "cameo", "modality", "reported_by",
            "event_loc", "event_text", "context", "date_start", "date_end", "date_text",
            "sentence_start", "sentence_end", "sentence_text",
        ),
    ),
    ("event_roles", ("event_id", "role", "position", "actor_id")),
)  # fmt: skip


#: zlib's preset dictionary for ``articles.record``: the keys and common values of a
#: record's JSON, so that a short record does not pay for spelling them out once. Part of
#: the store's format: changing it makes every stored record unreadable (bump
#: ``STORE_SCHEMA_VERSION``).
_RECORD_ZDICT = (
    b'{"schema_version":"1","id":"","source":{"path":null,"url":"https://www.","title":"",'
    b'"authors":[],"publisher":null,"published":"","language":"en","dateline":null},'
    b'"removed":[{"kind":"byline","text":null,"start":0,"end":0}],"actors":['
    b'{"id":"A1","name":"","kind":"organization","country":null,"sector":"GOV","code":null,'
    b'"mentions":[{"start":0,"end":0,"text":null}]},{"id":"A2","name":"","kind":"person",'
    b'"country":"USA","sector":null,"code":"USAGOV","mentions":[{"start":0,"end":0,'
    b'"text":null},{"start":0,"end":0,"text":null}]},{"id":"A3","name":"","kind":"group",'
    b'"country":null,"sector":"CVL","code":null,"mentions":[]},{"id":"A4","kind":"state",'
    b'"kind":"other","sector":"MIL","sector":"JUD","sector":"REB","sector":"LEG",'
    b'"sector":"COP","sector":"JRN","sector":"EDU","sector":"BUS","code":"IGO"}],"places":['
    b'{"id":"P1","name":"","geonameid":0,"lat":0.0,"lon":0.0,"country":null,'
    b'"feature":"country","mentions":[{"start":0,"end":0,"text":null}]},{"id":"P2",'
    b'"feature":"city","feature":"region","feature":"admin","feature":"water"}],"events":['
    b'{"id":"E1","event":"ASSAULT","sentence":{"start":0,"end":0,"text":null},'
    b'"event_text":"","mode":null,"context":[],"quad_code":4,"cameo":"190","actor":["A1"],'
    b'"recipient":[],"modality":"asserted","reported_by":null,"date":{"start":null,'
    b'"end":null,"text":null,"basis":"unknown","granularity":null},"event_loc":null,'
    b'"confidence":0.0,"trigger":{"start":0,"end":0,"text":null},"rule":"coder"},'
    b'{"event":"REQUEST","event":"AGREE","event":"CONSULT","event":"ACCUSE","event":"COERCE",'
    b'"event":"REJECT","event":"SUPPORT","event":"THREATEN","event":"AID","event":"SANCTION",'
    b'"event":"RETREAT","event":"COOPERATE","event":"CONCEDE","event":"MOBILIZE",'
    b'"event":"PROTEST","modality":"future","modality":"hypothetical","modality":"negated",'
    b'"date":{"start":"","end":"","text":null,"basis":"expression","granularity":"year"},'
    b'"date":{"start":"","end":"","text":null,"basis":"publication","granularity":"day"},'
    b'"rule":"triggers.tsv:"}],"quotes":[{"id":"Q1","kind":"indirect","text":null,'
    b'"start":0,"end":0,"speaker":null,"speaker_text":null,"cue":"said","repaired":false},'
    b'{"id":"Q2","kind":"direct","kind":"partial","text":null,"start":0,"end":0,'
    b'"speaker":"A1","speaker_text":"","cue":"told","cue":"according to","repaired":false}]}'
)


def _kept_spans(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The spans of a record's JSON that ``articles.record`` keeps: the actors' and places'
    mentions and the events' triggers (sentences and quotes are in their tables)."""
    for part in ("actors", "places"):
        for item in data[part]:
            yield from item["mentions"]
    for event in data["events"]:
        if event["trigger"] is not None:
            yield event["trigger"]


def mention_texts(name: str, mentions: Sequence[Span]) -> str | None:
    """The distinct texts of an actor's or place's mentions, first seen first, one a line,
    but those that read as its name (casefolded): what the lists' ``text`` filter searches
    besides the name. None when every mention reads as the name."""
    folded = name.casefold()
    texts = dict.fromkeys(m.text for m in mentions if m.text.casefold() != folded)
    return "\n".join(texts) or None


def _has_nul(value: Any) -> bool:
    """True when a string anywhere in plain JSON-ready data holds "\\x00"."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _article_values(
    record: ArticleRecord,
    original: tuple[str, float] | None,
    stored: bytes,
    content_hash: str,
    packed: Any,
) -> tuple[Any, ...]:
    """The values of ``_ARTICLE_COLUMNS``, in order; ``packed`` is the text as kept."""
    s = record.source
    authors = json.dumps(list(s.authors), ensure_ascii=False)
    duplicate_of, similarity = original or (None, None)
    return (
        s.url,
        s.title,
        s.published,
        s.path,
        s.publisher,
        s.language,
        authors,
        packed,
        source_key(s),
        duplicate_of,
        similarity,
        stored,
        content_hash,
    )


#: The columns of ``_EVENTS_SQL``, in order.
_EVENT_COLUMNS = [
    "article_id", "event_id", "date_start", "date_end", "published", "event", "mode",
    "modality", "place", "event_text", "sentence_text", "reported_by", "confidence", "url",
    "source", "quad_code", "place_country", "place_lat", "place_lon", "filed_under",
]  # fmt: skip


def _event_key(row: tuple[Any, ...]) -> tuple[Any, Any]:
    """(article id, event id) of a row of ``_EVENTS_WITH_PARTIES_SQL``."""
    return row[0], row[1]


def _event_row(row: Sequence[Any], parties: dict[str, list[tuple[str, str | None]]]) -> EventRow:
    """One event row (``_EVENT_COLUMNS``, in order) and its (name, country) parties by
    role, as an EventRow."""
    (
        article_id, event_id, date_start, date_end, published, event, mode, modality, place,
        event_text, sentence_text, reported_by, confidence, url, source, quad_code,
        place_country, place_lat, place_lon, filed_under,
    ) = row[:20]  # fmt: skip
    actors, recipients = parties["actor"], parties["recipient"]
    return EventRow(
        article_id=article_id,
        event_id=event_id,
        date=date_start,
        published=published,
        event=event,
        mode=mode,
        modality=modality,
        actor_names=tuple([name for name, _ in actors]),
        actor_countries=tuple([country for _, country in actors]),
        recipient_names=tuple([name for name, _ in recipients]),
        recipient_countries=tuple([country for _, country in recipients]),
        place=place,
        event_text=event_text,
        sentence=sentence_text,
        reported_by=reported_by,
        confidence=confidence,
        url=url,
        date_end=date_end,
        source=source,
        quad_code=quad_code,
        place_country=place_country,
        place_lat=place_lat,
        place_lon=place_lon,
        filed_under=filed_under,
    )


def _event_dict(
    row: Sequence[Any], parties: dict[str, list[tuple[str, str | None]]]
) -> dict[str, Any]:
    """``_event_row(row, parties).as_dict()``, built without the EventRow."""
    (
        article_id, event_id, date_start, date_end, published, event, mode, modality, place,
        event_text, sentence_text, reported_by, confidence, url, source, quad_code,
        place_country, place_lat, place_lon, filed_under,
    ) = row[:20]  # fmt: skip
    actors, recipients = parties["actor"], parties["recipient"]
    return {
        "article_id": article_id,
        "event_id": event_id,
        "date": date_start,
        "published": published,
        "event": event,
        "mode": mode,
        "modality": modality,
        "actor_names": [name for name, _ in actors],
        "actor_countries": [country for _, country in actors],
        "recipient_names": [name for name, _ in recipients],
        "recipient_countries": [country for _, country in recipients],
        "place": place,
        "event_text": event_text,
        "sentence": sentence_text,
        "reported_by": reported_by,
        "confidence": confidence,
        "url": url,
        "date_end": date_end,
        "source": source,
        "quad_code": quad_code,
        "place_country": place_country,
        "place_lat": place_lat,
        "place_lon": place_lon,
        "filed_under": filed_under,
    }


def _statements(script: str) -> Iterator[str]:
    """Splits a DDL script into statements, so it can run inside one transaction."""
    # None of the DDL has a ";" inside a statement.
    for statement in script.split(";"):
        if statement.strip():
            yield statement
