"""The normalised tables, and the one implementation of the Store over them.

Every SQL backend keeps the same tables and runs the same statements: ``SQLStore`` holds
every query and every write, and a backend (``sqlite.py``, ``postgres.py``) is a subclass
that opens the connection, runs one statement, and begins a transaction. The SQL is
written once, with ``?`` placeholders, in the part of the language that SQLite (3.35+)
and PostgreSQL (13+) share; only the DDL's column types are filled in per backend.

Each article is a row in ``articles`` that keeps the full record as canonical JSON (what
``get`` returns) and its sha256; the other tables spread the record out so that events can
be queried by type, actor, country and date. Writing a record whose hash is already stored
writes nothing, so coding the same inputs twice leaves the store's content unchanged.

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
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar

from ..errors import RecordNotFound, StoreError
from ..records import ArticleRecord, Rejected
from . import dedupe
from .protocol import (
    BatchItem,
    Duplicate,
    EventQuery,
    EventRow,
    InputMark,
    StoreSummary,
    StoryRow,
    UpsertResult,
)
from .stories import group_stories, source_key

#: Version of the table layout below; a store written with another one is refused. The
#: tables are created when a store is new, so any change to DDL must bump it.
#: 2: articles.seq/source/duplicate_of/similarity, actors.folded_name, dedupe_buckets.
STORE_SCHEMA_VERSION = "2"

# Every child row names its article; composite foreign keys make the contract's rule
# "every id an event or quote names exists in the same record" a constraint. A NULL in a
# composite foreign key (no reported_by, no event_loc, no speaker) is not checked.
# {text}, {int}, {real} and {seq} are the backend's column types.
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
    text         {text} NOT NULL,
    source       {text},                 -- URL host, else publisher (stories.source_key)
    duplicate_of {text} REFERENCES articles (id),
    similarity   {real},                 -- Jaccard with the copy it matched
    record       {text} NOT NULL,        -- the full record, canonical JSON
    content_hash {text} NOT NULL         -- sha256 of record
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
    PRIMARY KEY (article_id, actor_id)
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id {text} NOT NULL,
    actor_id   {text} NOT NULL,
    start      {int} NOT NULL,
    "end"      {int} NOT NULL,
    text       {text} NOT NULL,
    FOREIGN KEY (article_id, actor_id) REFERENCES actors (article_id, actor_id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS places (
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id   {text} NOT NULL,
    name       {text} NOT NULL,
    geonameid  {int},
    lat        {real},
    lon        {real},
    country    {text},
    feature    {text},
    PRIMARY KEY (article_id, place_id)
);

CREATE TABLE IF NOT EXISTS place_mentions (
    article_id {text} NOT NULL,
    place_id   {text} NOT NULL,
    start      {int} NOT NULL,
    "end"      {int} NOT NULL,
    text       {text} NOT NULL,
    FOREIGN KEY (article_id, place_id) REFERENCES places (article_id, place_id) ON DELETE CASCADE
);

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
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id   {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_id     {text} NOT NULL,
    speaker      {text},
    speaker_text {text},
    kind         {text} NOT NULL,
    text         {text} NOT NULL,
    start        {int} NOT NULL,
    "end"        {int} NOT NULL,
    cue          {text},
    PRIMARY KEY (article_id, quote_id),
    FOREIGN KEY (article_id, speaker) REFERENCES actors (article_id, actor_id)
);

-- The persisted LSH index: one row per band of each article's MinHash signature.
CREATE TABLE IF NOT EXISTS dedupe_buckets (
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    bucket     {text} NOT NULL,          -- "band:hash", dedupe.buckets
    PRIMARY KEY (bucket, article_id)
);

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

-- For the event filters.
CREATE INDEX IF NOT EXISTS events_by_type ON events (event);
CREATE INDEX IF NOT EXISTS events_by_date ON events (date_start);
CREATE INDEX IF NOT EXISTS events_by_confidence ON events (confidence);
CREATE INDEX IF NOT EXISTS actors_by_country ON actors (country);
-- Child sides of foreign keys: without them every delete of an actor or place scans.
CREATE INDEX IF NOT EXISTS event_roles_by_actor ON event_roles (article_id, actor_id);
CREATE INDEX IF NOT EXISTS events_by_reporter ON events (article_id, reported_by);
CREATE INDEX IF NOT EXISTS events_by_place ON events (article_id, event_loc);
CREATE INDEX IF NOT EXISTS mentions_by_actor ON mentions (article_id, actor_id);
CREATE INDEX IF NOT EXISTS place_mentions_by_place ON place_mentions (article_id, place_id);
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes (article_id, speaker);
CREATE INDEX IF NOT EXISTS dedupe_buckets_by_article ON dedupe_buckets (article_id);
CREATE INDEX IF NOT EXISTS articles_by_original ON articles (duplicate_of);
"""

_META_DDL = "CREATE TABLE IF NOT EXISTS meta (key {text} PRIMARY KEY, value {text} NOT NULL)"

#: Data tables, children before parents: the order an article's rows are deleted in.
_CHILD_TABLES = (
    "event_roles",
    "quotes",
    "events",
    "mentions",
    "place_mentions",
    "actors",
    "places",
    "dedupe_buckets",
)
TABLES = ("articles", *reversed(_CHILD_TABLES), "rejections")
#: Bookkeeping tables, not counted as data: the schema version and the finished inputs.
BOOKKEEPING_TABLES = ("meta", "sources")

_ARTICLE_COLUMNS = (
    "url, title, published, path, publisher, language, authors, text, source,"
    " duplicate_of, similarity, record, content_hash"
)

# The date an event is filed under: its own start, else the article's publication date.
# substr keeps a published timestamp ("2017-01-18T09:00") comparable with YYYY-MM-DD.
_EVENT_DATE = "substr(COALESCE(e.date_start, a.published), 1, 10)"

# PostgreSQL orders by an output name only when it stands alone, hence {date} repeated.
_EVENTS_SQL = """
WITH matched AS (
    SELECT e.article_id, e.event_id, e.position, e.date_start, e.date_end, a.published,
           e.event, e.mode, e.modality, p.name AS place, e.event_text, e.sentence_text,
           reporter.name AS reported_by, e.confidence, a.url, a.source,
           {date} AS filed_under
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc
    LEFT JOIN actors reporter
           ON reporter.article_id = e.article_id AND reporter.actor_id = e.reported_by
    WHERE {where}
    ORDER BY {date} IS NULL, {date}, e.article_id, e.position
    {limit}
)
SELECT m.*, r.role, ac.name, ac.country
FROM matched m
LEFT JOIN event_roles r ON r.article_id = m.article_id AND r.event_id = m.event_id
LEFT JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id
ORDER BY m.filed_under IS NULL, m.filed_under, m.article_id, m.position, r.role, r.position
"""

# An event one of whose actors or recipients satisfies {condition} (on ``ac``).
_HAS_PARTY = """EXISTS (
    SELECT 1 FROM event_roles r
    JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id
    WHERE r.article_id = e.article_id AND r.event_id = e.event_id AND {condition})"""

_ORIGINALS = "a.duplicate_of IS NULL"

_EVENTS_BY_TYPE_SQL = f"""
SELECT e.event, COUNT(*) AS n
FROM events e JOIN articles a ON a.id = e.article_id
WHERE {_ORIGINALS}
GROUP BY e.event
ORDER BY n DESC, e.event
"""

_TOP_ACTORS_SQL = f"""
SELECT name, CAST(SUM(events) AS BIGINT) AS events, CAST(SUM(mentions) AS BIGINT) AS mentions
FROM (
    SELECT name, COUNT(*) AS events, 0 AS mentions
    FROM (
        SELECT DISTINCT ac.name, r.article_id, r.event_id
        FROM event_roles r
        JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id
        JOIN articles a ON a.id = r.article_id
        WHERE {_ORIGINALS}
    ) AS parties
    GROUP BY name
    UNION ALL
    SELECT ac.name, 0, COUNT(*)
    FROM mentions m
    JOIN actors ac ON ac.article_id = m.article_id AND ac.actor_id = m.actor_id
    JOIN articles a ON a.id = m.article_id
    WHERE {_ORIGINALS}
    GROUP BY ac.name
) AS counted
GROUP BY name
ORDER BY SUM(events) + SUM(mentions) DESC, name
LIMIT ?
"""

_TOP_PLACES_SQL = f"""
SELECT p.name, COUNT(*) AS mentions
FROM place_mentions pm
JOIN places p ON p.article_id = pm.article_id AND p.place_id = pm.place_id
JOIN articles a ON a.id = pm.article_id
WHERE {_ORIGINALS}
GROUP BY p.name
ORDER BY mentions DESC, p.name
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
    #: SQL true when the text {0} contains the parameter.
    CONTAINS: ClassVar[str]
    #: The driver's exception for a broken constraint.
    INTEGRITY_ERRORS: ClassVar[tuple[type[Exception], ...]]

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

    def _stream(self, sql: str, size: int) -> Iterator[tuple[Any, ...]]:
        """Yields the rows of a read ``size`` at a time, all from one snapshot."""
        raise NotImplementedError

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
        canonical, content_hash = canonical_json(record)
        row = self._execute(
            "SELECT content_hash, seq FROM articles WHERE id = ?", (record.id,)
        ).fetchone()
        if row is not None and row[0] == content_hash:
            return "unchanged", None
        shingles = dedupe.shingles(record.text)
        buckets = dedupe.buckets(shingles)
        try:
            if row is None:
                original = self._find_original(record.id, shingles, buckets, before=None)
                self._execute(
                    f"INSERT INTO articles (id, seq, {_ARTICLE_COLUMNS})"
                    f" VALUES (?, {self.NEXT_SEQ}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.id, *_article_values(record, original, canonical, content_hash)),
                )
            else:
                for table in _CHILD_TABLES:
                    self._execute(f"DELETE FROM {table} WHERE article_id = ?", (record.id,))
                original = self._find_original(record.id, shingles, buckets, before=row[1])
                assignments = ", ".join(f"{c.strip()} = ?" for c in _ARTICLE_COLUMNS.split(","))
                self._execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    (*_article_values(record, original, canonical, content_hash), record.id),
                )
            self._insert_children(record, buckets)
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
            "SELECT DISTINCT a.id, a.seq, a.duplicate_of, a.text FROM dedupe_buckets b"
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
                "SELECT text, duplicate_of FROM articles WHERE id = ?", (later_id,)
            ).fetchone()
            later_buckets = tuple(
                b
                for (b,) in self._execute(
                    "SELECT bucket FROM dedupe_buckets WHERE article_id = ?", (later_id,)
                )
            )
            found = self._find_original(
                later_id, dedupe.shingles(text), later_buckets, before=later_seq
            )
            self._execute(
                "UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
                (*(found or (None, None)), later_id),
            )
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
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (rid, a.id, a.name, a.kind, a.country, a.sector, a.code, a.name.casefold())
                for a in record.actors
            ],
        )
        many(
            'INSERT INTO mentions (article_id, actor_id, start, "end", text)'
            " VALUES (?, ?, ?, ?, ?)",
            [(rid, a.id, m.start, m.end, m.text) for a in record.actors for m in a.mentions],
        )
        many(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (rid, p.id, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature)
                for p in record.places
            ],
        )
        many(
            'INSERT INTO place_mentions (article_id, place_id, start, "end", text)'
            " VALUES (?, ?, ?, ?, ?)",
            [(rid, p.id, m.start, m.end, m.text) for p in record.places for m in p.mentions],
        )
        many(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        many(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (rid, q.id, q.speaker, q.speaker_text, q.kind, q.text, q.start, q.end, q.cue)
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
        found = self._execute("SELECT record FROM articles WHERE id = ?", (record_id,)).fetchone()
        if found is None:
            raise RecordNotFound(
                f'No article "{record_id}" in {self.name}. '
                f"List ids with `thucydides events --db {self.name}`."
            )
        return ArticleRecord.from_dict(json.loads(found[0]))

    def events(self, query: EventQuery) -> list[EventRow]:
        """Lists the events that match every filter of ``query``.

        Args:
            query: the filters; see ``EventQuery``.

        Returns:
            The events by date (their own, else the article's; undated last), then by
            article and record order, at most ``query.limit`` of them. Events of
            near-duplicate articles are left out unless ``query.include_duplicates``.
        """
        where: list[str] = ["TRUE" if query.include_duplicates else _ORIGINALS]
        params: list[Any] = []
        if query.type is not None:
            where.append("e.event = ?")
            params.append(query.type.upper())
        if query.actor is not None:
            where.append(_HAS_PARTY.format(condition=self.CONTAINS.format("ac.folded_name")))
            params.append(query.actor.casefold())
        if query.country is not None:
            where.append(_HAS_PARTY.format(condition="ac.country = ?"))
            params.append(query.country.upper())
        if query.since is not None:
            where.append(f"{_EVENT_DATE} >= ?")
            params.append(query.since)
        if query.until is not None:
            where.append(f"{_EVENT_DATE} <= ?")
            params.append(query.until)
        if query.min_confidence is not None:
            where.append("e.confidence >= ?")  # a bare column: events_by_confidence serves it
            params.append(query.min_confidence)
        limit = ""
        if query.limit is not None:
            limit = "LIMIT ?"
            params.append(query.limit)
        sql = _EVENTS_SQL.format(date=_EVENT_DATE, where=" AND ".join(where), limit=limit)
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        rows = (dict(zip(names, row, strict=True)) for row in cursor)
        return [
            _event_row(list(group))
            for _, group in itertools.groupby(rows, key=lambda r: (r["article_id"], r["event_id"]))
        ]

    def stories(self, query: EventQuery) -> list[StoryRow]:
        """Groups the events that match ``query`` into story-level events.

        Args:
            query: the filters, as for ``events``; ``limit`` counts stories.

        Returns:
            The stories (``stories.group_stories``) by first day, at most ``query.limit``.
        """
        found = group_stories(self.events(dataclasses.replace(query, limit=None)))
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
        for (record,) in self._stream("SELECT record FROM articles ORDER BY id", 256):
            yield ArticleRecord.from_dict(json.loads(record))

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
        """Describes what the store holds.

        Args:
            top: how many actors and places to list.

        Returns:
            Counts of articles, events, duplicates and stories, every rejected input,
            events per type, and the ``top`` actors and places; see ``StoreSummary``.
        """
        by_type = [tuple(row) for row in self._execute(_EVENTS_BY_TYPE_SQL)]
        (originals, duplicates) = self._execute(
            "SELECT COUNT(*) - COUNT(duplicate_of), COUNT(duplicate_of) FROM articles"
        ).fetchone()
        stories = group_stories(self.events(EventQuery()))
        return StoreSummary(
            articles=originals,
            events=sum(n for _, n in by_type),
            rejected=tuple(self.rejections()),
            events_by_type=tuple(by_type),
            top_actors=tuple(tuple(row) for row in self._execute(_TOP_ACTORS_SQL, (top,))),
            top_places=tuple(tuple(row) for row in self._execute(_TOP_PLACES_SQL, (top,))),
            duplicates=duplicates,
            stories=len(stories),
            stories_with_several_articles=sum(1 for s in stories if s.n_articles > 1),
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
    canonical: str,
    content_hash: str,
) -> tuple[Any, ...]:
    """The values of ``_ARTICLE_COLUMNS``, in order."""
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
        record.text,
        source_key(s),
        duplicate_of,
        similarity,
        canonical,
        content_hash,
    )


def _event_row(rows: list[dict[str, Any]]) -> EventRow:
    """Folds one event's rows (one per actor or recipient) into an EventRow."""
    first = rows[0]
    parties: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    for row in rows:
        if row["role"] is not None:  # an event with no actor at all has one role-less row
            parties[row["role"]].append(row)
    return EventRow(
        article_id=first["article_id"],
        event_id=first["event_id"],
        date=first["date_start"],
        published=first["published"],
        event=first["event"],
        mode=first["mode"],
        modality=first["modality"],
        actor_names=tuple(r["name"] for r in parties["actor"]),
        actor_countries=tuple(r["country"] for r in parties["actor"]),
        recipient_names=tuple(r["name"] for r in parties["recipient"]),
        recipient_countries=tuple(r["country"] for r in parties["recipient"]),
        place=first["place"],
        event_text=first["event_text"],
        sentence=first["sentence_text"],
        reported_by=first["reported_by"],
        confidence=first["confidence"],
        url=first["url"],
        date_end=first["date_end"],
        source=first["source"],
    )


def _statements(script: str) -> Iterator[str]:
    """Splits a DDL script into statements, so it can run inside one transaction."""
    # None of the DDL has a ";" inside a statement.
    for statement in script.split(";"):
        if statement.strip():
            yield statement
