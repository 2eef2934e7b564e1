"""The embedded store: one SQLite file, normalised tables, idempotent content-hash upserts.

Each article is a row in ``articles`` that keeps the full record as canonical JSON (what
``get`` returns) and its sha256; the other tables spread the record out so that events can
be queried by type, actor, country and date. Writing a record whose hash is already stored
writes nothing, so coding the same inputs twice leaves the file's content unchanged.

Notes:
    The upsert-by-hash design follows simonw/sqlite-utils (``db.py``: ``upsert``,
    ``hash_id``). WAL lets readers (the API, ``thucydides events``) run while a batch
    writes; ``synchronous=NORMAL`` is the setting SQLite documents as safe with WAL
    (https://www.sqlite.org/pragma.html#pragma_synchronous).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import RecordNotFound, StoreError
from ..records import ArticleRecord, Rejected
from . import EventQuery, EventRow, StoreSummary, UpsertResult

#: Version of the table layout below; a file written with another one is refused.
STORE_SCHEMA_VERSION = "1"

# Every child row names its article; composite foreign keys make the contract's rule
# "every id an event or quote names exists in the same record" a constraint. A NULL in a
# composite foreign key (no reported_by, no event_loc, no speaker) is not checked.
DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    path         TEXT,
    publisher    TEXT,
    language     TEXT,
    authors      TEXT NOT NULL,          -- JSON array
    text         TEXT NOT NULL,
    record       TEXT NOT NULL,          -- the full record, canonical JSON
    content_hash TEXT NOT NULL           -- sha256 of record
);

CREATE TABLE IF NOT EXISTS actors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    code       TEXT,
    PRIMARY KEY (article_id, actor_id)
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    FOREIGN KEY (article_id, actor_id) REFERENCES actors (article_id, actor_id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    geonameid  INTEGER,
    lat        REAL,
    lon        REAL,
    country    TEXT,
    feature    TEXT,
    PRIMARY KEY (article_id, place_id)
);

CREATE TABLE IF NOT EXISTS place_mentions (
    article_id TEXT NOT NULL,
    place_id   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    FOREIGN KEY (article_id, place_id) REFERENCES places (article_id, place_id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS events (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id       TEXT NOT NULL,
    position       INTEGER NOT NULL,     -- order in the record: "E10" sorts before "E2"
    event          TEXT NOT NULL,
    mode           TEXT,
    quad_code      INTEGER,
    cameo          TEXT,
    modality       TEXT NOT NULL,
    reported_by    TEXT,
    date_start     TEXT,
    date_end       TEXT,
    date_text      TEXT,
    event_loc      TEXT,
    event_text     TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    sentence_text  TEXT NOT NULL,
    confidence     REAL NOT NULL,
    context        TEXT NOT NULL,        -- JSON array
    PRIMARY KEY (article_id, event_id),
    FOREIGN KEY (article_id, reported_by) REFERENCES actors (article_id, actor_id),
    FOREIGN KEY (article_id, event_loc) REFERENCES places (article_id, place_id)
);

CREATE TABLE IF NOT EXISTS event_roles (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    actor_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id, role, position),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, actor_id) REFERENCES actors (article_id, actor_id)
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_id     TEXT NOT NULL,
    speaker      TEXT,
    speaker_text TEXT,
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    cue          TEXT,
    PRIMARY KEY (article_id, quote_id),
    FOREIGN KEY (article_id, speaker) REFERENCES actors (article_id, actor_id)
);

CREATE TABLE IF NOT EXISTS rejections (
    origin  TEXT PRIMARY KEY,
    code    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    seen_at TEXT NOT NULL                -- UTC, when this code and reason were first seen
);

-- For the event filters.
CREATE INDEX IF NOT EXISTS events_by_type ON events (event);
CREATE INDEX IF NOT EXISTS events_by_date ON events (date_start);
CREATE INDEX IF NOT EXISTS actors_by_country ON actors (country);
-- Child sides of foreign keys: without them every delete of an actor or place scans.
CREATE INDEX IF NOT EXISTS event_roles_by_actor ON event_roles (article_id, actor_id);
CREATE INDEX IF NOT EXISTS events_by_reporter ON events (article_id, reported_by);
CREATE INDEX IF NOT EXISTS events_by_place ON events (article_id, event_loc);
CREATE INDEX IF NOT EXISTS mentions_by_actor ON mentions (article_id, actor_id);
CREATE INDEX IF NOT EXISTS place_mentions_by_place ON place_mentions (article_id, place_id);
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes (article_id, speaker);
"""

#: Data tables, children before parents: the order an article's rows are deleted in.
_CHILD_TABLES = (
    "event_roles",
    "quotes",
    "events",
    "mentions",
    "place_mentions",
    "actors",
    "places",
)
TABLES = ("articles", *reversed(_CHILD_TABLES), "rejections")

# The date an event is filed under: its own start, else the article's publication date.
# substr keeps a published timestamp ("2017-01-18T09:00") comparable with YYYY-MM-DD.
_EVENT_DATE = "substr(COALESCE(e.date_start, a.published), 1, 10)"

_EVENTS_SQL = """
WITH matched AS (
    SELECT e.article_id, e.event_id, e.position, e.date_start, a.published, e.event,
           e.mode, e.modality, p.name AS place, e.event_text, e.sentence_text,
           reporter.name AS reported_by, e.confidence, a.url,
           {date} AS filed_under
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.event_loc
    LEFT JOIN actors reporter
           ON reporter.article_id = e.article_id AND reporter.actor_id = e.reported_by
    WHERE {where}
    ORDER BY filed_under IS NULL, filed_under, e.article_id, e.position
    LIMIT ?
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

_TOP_ACTORS_SQL = """
SELECT name, SUM(events) AS events, SUM(mentions) AS mentions
FROM (
    SELECT ac.name, COUNT(DISTINCT r.article_id || char(31) || r.event_id) AS events,
           0 AS mentions
    FROM event_roles r
    JOIN actors ac ON ac.article_id = r.article_id AND ac.actor_id = r.actor_id
    GROUP BY ac.name
    UNION ALL
    SELECT ac.name, 0, COUNT(*)
    FROM mentions m
    JOIN actors ac ON ac.article_id = m.article_id AND ac.actor_id = m.actor_id
    GROUP BY ac.name
)
GROUP BY name
ORDER BY SUM(events) + SUM(mentions) DESC, name
LIMIT ?
"""

_TOP_PLACES_SQL = """
SELECT p.name, COUNT(*) AS mentions
FROM place_mentions pm
JOIN places p ON p.article_id = pm.article_id AND p.place_id = pm.place_id
GROUP BY p.name
ORDER BY mentions DESC, p.name
LIMIT ?
"""


class SQLiteStore:
    """The store in one SQLite file, created with its tables on first open.

    Args:
        path: the database file (``thucydides.db``), or ``:memory:`` for a throwaway store.

    Raises:
        StoreError: the file cannot be opened, is not a SQLite database, or was written
            with another store schema version.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # isolation_level=None: transactions are begun explicitly in _transaction,
            # not implicitly by the sqlite3 module before the first write.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(
                f'Cannot open store "{self.path}": {exc}. '
                "Check that its folder exists and is writable."
            ) from exc
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f'Cannot use "{self.path}" as a store: {exc}. '
                "Give the path of a Thucydides store, or a new file name."
            ) from exc
        except StoreError:
            self._conn.close()
            raise

    def _setup(self) -> None:
        """Sets the connection's pragmas, creates the tables, and checks the schema version."""
        conn = self._conn
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.create_function("casefold", 1, _casefold, deterministic=True)
        with self._transaction():
            for statement in _statements(DDL):
                conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (STORE_SCHEMA_VERSION,),
            )
        (found,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if found != STORE_SCHEMA_VERSION:
            raise StoreError(
                f'Store "{self.path}" has store schema version {found}; this Thucydides '
                f"reads version {STORE_SCHEMA_VERSION}. Code the articles into a new store."
            )

    # ------------------------------------------------------------ context manager

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connection; closing twice is harmless."""
        self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
        # instead of one failing when its read lock cannot be upgraded.
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f'Cannot write to store "{self.path}": {exc}.') from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may already have rolled back on its own (disk full, I/O error).
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f'Cannot write to store "{self.path}": {exc}.') from exc
            raise

    # ------------------------------------------------------------ writes

    def upsert(self, record: ArticleRecord) -> UpsertResult:
        """Stores one record, keyed on its id.

        Args:
            record: the coded article.

        Returns:
            "inserted" for a new id; "unchanged" when the same content is already stored
            (nothing is written); "updated" when the content changed, in which case all
            the article's rows are replaced in one transaction.

        Raises:
            StoreError: the record cannot be stored, e.g. an event names an actor id the
                record does not define; nothing of it is written.
        """
        with self._transaction() as conn:
            return self._upsert(conn, record)

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
        with self._transaction() as conn:
            for record in records:
                outcomes[self._upsert(conn, record)] += 1
        return outcomes

    def _upsert(self, conn: sqlite3.Connection, record: ArticleRecord) -> UpsertResult:
        """Writes one record inside the caller's transaction."""
        try:
            canonical = json.dumps(
                record.as_dict(), sort_keys=True, ensure_ascii=False, allow_nan=False
            )
            content_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        except ValueError as exc:  # NaN, infinity, or a lone surrogate: not storable as JSON
            raise StoreError(
                f'Cannot store article "{record.id}": {exc}. Fix the record before storing it.'
            ) from exc
        row = conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (record.id,)
        ).fetchone()
        if row is not None and row[0] == content_hash:
            return "unchanged"
        try:
            if row is None:
                conn.execute(
                    "INSERT INTO articles (id, url, title, published, path, publisher, language,"
                    " authors, text, record, content_hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.id, *_article_columns(record), canonical, content_hash),
                )
            else:
                for table in _CHILD_TABLES:
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (record.id,))
                conn.execute(
                    "UPDATE articles SET url = ?, title = ?, published = ?, path = ?,"
                    " publisher = ?, language = ?, authors = ?, text = ?, record = ?,"
                    " content_hash = ? WHERE id = ?",
                    (*_article_columns(record), canonical, content_hash, record.id),
                )
            _insert_children(conn, record)
        except sqlite3.IntegrityError as exc:
            raise StoreError(
                f'Cannot store article "{record.id}": {exc}. Every actor, place and speaker id '
                "its events and quotes name must be defined once in the record; check it "
                "against the article-record schema."
            ) from exc
        return "inserted" if row is None else "updated"

    def record_rejection(self, rejected: Rejected) -> None:
        """Keeps an input that could not be coded, one row per origin.

        Args:
            rejected: the input's origin, code and reason. Seeing the same one again
                writes nothing, so re-running a batch leaves the table as it was; a new
                code or reason for the origin replaces the old one.
        """
        seen_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO rejections (origin, code, reason, seen_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (origin) DO UPDATE"
                " SET code = excluded.code, reason = excluded.reason, seen_at = excluded.seen_at"
                " WHERE code IS NOT excluded.code OR reason IS NOT excluded.reason",
                (rejected.origin, rejected.code, rejected.reason, seen_at),
            )

    # ------------------------------------------------------------ reads

    def get(self, record_id: str) -> ArticleRecord:
        """Returns the stored record with this id.

        Args:
            record_id: the record's ``id``.

        Returns:
            The record, equal to the one stored.

        Raises:
            RecordNotFound: no article has that id.
        """
        row = self._conn.execute("SELECT record FROM articles WHERE id = ?", (record_id,))
        found = row.fetchone()
        if found is None:
            raise RecordNotFound(
                f'No article "{record_id}" in {self.path}. '
                f"List ids with `thucydides events --db {self.path}`."
            )
        return ArticleRecord.from_dict(json.loads(found[0]))

    def events(self, query: EventQuery) -> list[EventRow]:
        """Lists the events that match every filter of ``query``.

        Args:
            query: the filters; see ``EventQuery``.

        Returns:
            The events by date (their own, else the article's; undated last), then by
            article and record order, at most ``query.limit`` of them.
        """
        where: list[str] = ["1"]
        params: list[str] = []
        if query.type is not None:
            where.append("e.event = ?")
            params.append(query.type.upper())
        if query.actor is not None:
            where.append(_HAS_PARTY.format(condition="instr(casefold(ac.name), ?) > 0"))
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
        sql = _EVENTS_SQL.format(date=_EVENT_DATE, where=" AND ".join(where))
        limit = -1 if query.limit is None else query.limit  # -1: SQLite's "no limit"
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        cursor.execute(sql, (*params, limit))
        return [
            _event_row(rows)
            for _, rows in itertools.groupby(cursor, key=lambda r: (r["article_id"], r["event_id"]))
        ]

    def rejections(self) -> list[Rejected]:
        """Lists the rejected inputs, sorted by origin."""
        rows = self._conn.execute("SELECT origin, code, reason FROM rejections ORDER BY origin")
        return [Rejected(origin, code, reason) for origin, code, reason in rows]

    def counts(self) -> dict[str, int]:
        """Returns the number of rows in each data table, by table name."""
        return {
            table: self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in TABLES
        }

    def summary(self, top: int = 10) -> StoreSummary:
        """Describes what the store holds.

        Args:
            top: how many actors and places to list.

        Returns:
            Counts of articles and events, every rejected input, events per type, and the
            ``top`` actors and places; see ``StoreSummary``.
        """
        conn = self._conn
        by_type = conn.execute(
            "SELECT event, COUNT(*) AS n FROM events GROUP BY event ORDER BY n DESC, event"
        ).fetchall()
        return StoreSummary(
            articles=conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            events=sum(n for _, n in by_type),
            rejected=tuple(self.rejections()),
            events_by_type=tuple(by_type),
            top_actors=tuple(conn.execute(_TOP_ACTORS_SQL, (top,)).fetchall()),
            top_places=tuple(conn.execute(_TOP_PLACES_SQL, (top,)).fetchall()),
        )


# ---------------------------------------------------------------- row builders


def _article_columns(record: ArticleRecord) -> tuple[Any, ...]:
    """The articles columns between id and record, in DDL order."""
    s = record.source
    authors = json.dumps(list(s.authors), ensure_ascii=False)
    return (s.url, s.title, s.published, s.path, s.publisher, s.language, authors, record.text)


def _insert_children(conn: sqlite3.Connection, record: ArticleRecord) -> None:
    """Spreads the record's actors, places, events and quotes over the child tables."""
    rid = record.id
    # Parents first: the foreign keys are checked statement by statement.
    conn.executemany(
        "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(rid, a.id, a.name, a.kind, a.country, a.sector, a.code) for a in record.actors],
    )
    conn.executemany(
        'INSERT INTO mentions (article_id, actor_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(rid, a.id, m.start, m.end, m.text) for a in record.actors for m in a.mentions],
    )
    conn.executemany(
        "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, p.id, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature)
            for p in record.places
        ],
    )
    conn.executemany(
        'INSERT INTO place_mentions (article_id, place_id, start, "end", text)'
        " VALUES (?, ?, ?, ?, ?)",
        [(rid, p.id, m.start, m.end, m.text) for p in record.places for m in p.mentions],
    )
    conn.executemany(
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
    conn.executemany(
        "INSERT INTO event_roles VALUES (?, ?, ?, ?, ?)",
        [
            (rid, e.id, role, actor_id, position)
            for e in record.events
            for role, ids in (("actor", e.actor), ("recipient", e.recipient))
            for position, actor_id in enumerate(ids)
        ],
    )
    conn.executemany(
        "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, q.id, q.speaker, q.speaker_text, q.kind, q.text, q.start, q.end, q.cue)
            for q in record.quotes
        ],
    )


def _event_row(rows: Iterable[sqlite3.Row]) -> EventRow:
    """Folds one event's rows (one per actor or recipient) into an EventRow."""
    rows = list(rows)
    first = rows[0]
    parties: dict[str, list[sqlite3.Row]] = {"actor": [], "recipient": []}
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
    )


def _casefold(value: str | None) -> str | None:
    """SQL casefold(): Unicode-aware, where SQLite's lower() only folds ASCII."""
    return None if value is None else value.casefold()


def _statements(script: str) -> Iterator[str]:
    """Splits a DDL script into statements, so it can run inside one transaction."""
    # executescript() would commit first; none of the DDL has a ";" inside a statement.
    for statement in script.split(";"):
        if statement.strip():
            yield statement
