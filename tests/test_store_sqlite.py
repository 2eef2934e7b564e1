"""Tests for store/sqlite.py: what only the SQLite backend does, on real files.

What every backend does is tested in test_store.py, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from thucydides.errors import ConfigError, StoreError
from thucydides.store import open_store
from thucydides.store.sql import AGGREGATE_TABLES
from thucydides.store.sqlite import BOOKKEEPING_TABLES, STORE_SCHEMA_VERSION, TABLES, SQLiteStore

from .test_store import hiftar_record


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "thucydides.db"


def test_open_creates_tables_wal_and_schema_version(db: Path) -> None:
    SQLiteStore(db).close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            STORE_SCHEMA_VERSION,
        )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert set(TABLES) | set(BOOKKEEPING_TABLES) | set(AGGREGATE_TABLES) == tables


def test_other_schema_version_is_refused(db: Path) -> None:
    SQLiteStore(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(StoreError, match="schema version 999"):
        SQLiteStore(db)


def test_store_of_schema_version_1_is_refused_before_any_change(db: Path) -> None:
    # A version 1 file has no duplicate_of column: refused with the version, not an error
    # about a missing column, and left as it was.
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        conn.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, record TEXT)")
    conn.close()
    with pytest.raises(
        StoreError, match=f"schema version 1; this Thucydides reads version {STORE_SCHEMA_VERSION}"
    ):
        SQLiteStore(db)
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"meta", "articles"}


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database, just some words that fill a page " * 40)
    with pytest.raises(StoreError, match="notes.txt"):
        SQLiteStore(path)


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder exists"):
        SQLiteStore(tmp_path / "no" / "such" / "dir" / "t.db")


@pytest.mark.parametrize("prefix", ["", "sqlite:///"])
def test_open_store_accepts_path_and_sqlite_url(tmp_path: Path, prefix: str) -> None:
    path = tmp_path / "t.db"  # absolute, so the URL form is sqlite:////tmp/...
    with open_store(f"{prefix}{path}") as s:
        assert isinstance(s, SQLiteStore)
        s.upsert(hiftar_record())
    assert path.exists()


def test_open_store_sqlite_url_is_relative_with_three_slashes(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as s:
        assert s.path == "rel.db"
    assert (tmp_path / "rel.db").exists()


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://t.db", "sqlite:///", ""])
def test_open_store_refuses_unknown_schemes(url: str) -> None:
    with pytest.raises(ConfigError, match="sqlite:///PATH, postgresql://"):
        open_store(url)


def test_two_writers_take_turns(db: Path) -> None:
    # Storing order (seq) comes from MAX(seq) + 1 under SQLite's write lock.
    with SQLiteStore(db) as first, SQLiteStore(db) as second:
        first.upsert(hiftar_record("a", text="One text about arms for Benghazi fighters."))
        second.upsert(hiftar_record("b", text="Another text about talks in the Mediterranean."))
        first.upsert(hiftar_record("c", text="A third text, on an embargo and its lobbyists."))
    conn = sqlite3.connect(db)
    seqs = conn.execute("SELECT id, seq FROM articles ORDER BY seq").fetchall()
    conn.close()
    assert seqs == [("a", 1), ("b", 2), ("c", 3)]


def test_store_of_schema_version_4_is_refused_naming_both_versions(db: Path) -> None:
    # Version 5 added the events' party-name columns; a version 4 store has none, so it is
    # refused (code its articles into a new store) and left as it was.
    SQLiteStore(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(
        StoreError, match=f"schema version 4; this Thucydides reads version {STORE_SCHEMA_VERSION}"
    ):
        SQLiteStore(db)
    assert STORE_SCHEMA_VERSION == "5"
