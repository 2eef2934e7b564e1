"""The embedded store: one SQLite file with the normalised tables of ``store/sql.py``.

Everything a store does (tables, idempotent content-hash upserts, duplicates, queries) is
``SQLStore``; this module opens the file, sets its pragmas, and begins transactions.

Notes:
    WAL lets readers (the API, ``thucydides events``) run while a batch writes;
    ``synchronous=NORMAL`` is the setting SQLite documents as safe with WAL
    (https://www.sqlite.org/pragma.html#pragma_synchronous).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..formulas import neutralise_formula
from .protocol import EventQuery
from .sql import BOOKKEEPING_TABLES, STORE_SCHEMA_VERSION, TABLES, SQLStore

__all__ = ["BOOKKEEPING_TABLES", "STORE_SCHEMA_VERSION", "TABLES", "SQLiteStore"]


class SQLiteStore(SQLStore):
    """The store in one SQLite file, created with its tables on first open.

    Args:
        path: the database file (``thucydides.db``), or ``:memory:`` for a throwaway store.

    Raises:
        StoreError: the file cannot be opened, is not a SQLite database, or was written
            with another store schema version.
    """

    COLUMN_TYPES = {
        "text": "TEXT",
        "int": "INTEGER",
        "real": "REAL",
        "blob": "BLOB",
        "packed": "BLOB",
        "seq": "INTEGER NOT NULL UNIQUE",
        "keyed": " WITHOUT ROWID",
    }
    # One writer at a time (BEGIN IMMEDIATE), so the next number cannot be taken twice.
    NEXT_SEQ = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM articles)"
    CONTAINS = "instr({0}, ?) > 0"
    NO_LIMIT = "-1"
    # Unary "+" keeps the planner off the duplicate_of index, which matches nearly every
    # article: pages of events are then read in the order of events_in_order, unsorted.
    ORIGINALS = "+a.duplicate_of IS NULL"
    INTEGRITY_ERRORS = (sqlite3.IntegrityError,)
    # Article texts are kept zlib-compressed (about half their size); SQL reads them
    # through this function, registered on every connection.
    TEXT = "unpack_text({0})"
    JSON_ROWS = "json_group_array(json_array({0}))"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.name = self.path
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
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.create_function("unpack_text", 1, unpack_text, deterministic=True)
            # What the CSV cells of a listing need (SQLStore._event_cells_sql).
            self._conn.create_function(
                "neutralise_formula", 1, neutralise_formula, deterministic=True
            )
            self._conn.create_function("confidence_cell", 1, _confidence_cell, deterministic=True)
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

    def __enter__(self) -> SQLiteStore:
        return self

    def close(self) -> None:
        """Closes the connection; closing twice is harmless."""
        self._conn.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self._conn.executemany(sql, rows)

    def _pack(self, text: str) -> bytes:
        return zlib.compress(text.encode("utf-8"), 9)

    def _stream(self, sql: str, size: int, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        # A statement's read transaction lasts until its last row is read: one snapshot.
        cursor = self._conn.execute(sql, params)
        while rows := cursor.fetchmany(size):
            yield from rows

    def iter_event_cells(self, query: EventQuery, size: int = 512) -> Iterator[tuple[str, ...]]:
        """Yields the CSV cells of what ``events`` lists; see ``SQLStore.iter_event_cells``.

        Worked out in SQL, one row per event (``SQLStore._event_cells_sql``): 3 to 4 times
        faster than building each event's row in Python, and the same cells.
        """
        sql, params = self._event_cells_sql(query)
        return self._stream(sql, size, params)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: committed on success, rolled back on any error."""
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
        # instead of one failing when its read lock cannot be upgraded.
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f'Cannot write to store "{self.path}": {exc}.') from exc
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may already have rolled back on its own (disk full, I/O error).
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f'Cannot write to store "{self.path}": {exc}.') from exc
            raise


def unpack_text(packed: bytes | None) -> str | None:
    """An article text as ``SQLiteStore._pack`` kept it (the SQL function ``unpack_text``).

    The last text is kept: a scan of quotes reads an article's quotes one after another,
    each a slice of the same text, which is then unpacked once.
    """
    if packed is None:
        return None
    last = _LAST[0]  # one read of a (packed, text) pair: safe across threads
    if packed != last[0]:
        last = _LAST[0] = (packed, zlib.decompress(packed).decode("utf-8"))
    return last[1]


def _confidence_cell(confidence: float) -> str:
    """A confidence as its CSV cell (the SQL function ``confidence_cell``): two decimals."""
    return f"{confidence:.2f}"


#: The last (packed, text) ``unpack_text`` gave.
_LAST: list[tuple[bytes, str]] = [(b"", "")]
