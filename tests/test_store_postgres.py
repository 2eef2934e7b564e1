"""Tests for store/postgres.py: what only the PostgreSQL backend does, on a real server.

Every test here needs the server named by $THUCYDIDES_TEST_POSTGRES (``.ci/with-postgres``
starts one) and is skipped, with the reason, without it; the tests of what every backend
does are in test_store.py.
"""

from __future__ import annotations

import threading

import pytest

from thucydides.errors import StoreError
from thucydides.store import open_store
from thucydides.store.postgres import PostgresStore, redact
from thucydides.store.sql import STORE_SCHEMA_VERSION

from .conftest import PostgresBackend
from .test_store import hiftar_record


@pytest.fixture
def pg(postgres_url: str):
    made = PostgresBackend(postgres_url)
    try:
        yield made
    finally:
        made.close()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://bob:s3cret@db:5432/ev", "postgresql://bob:***@db:5432/ev"),
        ("postgres://bob@db/ev", "postgres://bob@db/ev"),
        ("host=db password=s3cret dbname=ev", "host=db password=*** dbname=ev"),
        (
            "postgresql://db/ev?password=s3cret&sslmode=off",
            "postgresql://db/ev?password=***&sslmode=off",
        ),
    ],
)
def test_redact_hides_passwords(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_unreachable_server_is_reported_without_the_password() -> None:
    # Port 1 on the loopback: nothing listens there, so the refusal is immediate.
    with pytest.raises(StoreError) as info:
        open_store("postgresql://bob:s3cret@127.0.0.1:1/events")
    message = str(info.value)
    assert "postgresql://bob:***@127.0.0.1:1/events" in message
    assert "s3cret" not in message
    assert "Check that the server runs" in message


def test_open_store_picks_postgres_for_both_schemes(pg: PostgresBackend) -> None:
    url = pg.new_url()
    for scheme_url in (url, url.replace("postgresql://", "postgres://", 1)):
        with open_store(scheme_url) as store:
            assert isinstance(store, PostgresStore)


def test_other_schema_version_is_refused(pg: PostgresBackend) -> None:
    url = pg.new_url()
    with open_store(url) as store:
        store._execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 999"):
        open_store(url)


def test_text_sorts_byte_by_byte_as_in_sqlite(pg: PostgresBackend) -> None:
    # COLLATE "C": "Zed" before "alpha" before "Ḥaftar", whatever the database's locale.
    with open_store(pg.new_url()) as store:
        for rid in ("alpha", "Ḥaftar", "Zed"):
            store.upsert(hiftar_record(rid, text=f"A text of its own about {rid} and arms."))
        assert store.article_ids() == ["Zed", "alpha", "Ḥaftar"]


def test_two_processes_may_open_and_write_at_once(pg: PostgresBackend) -> None:
    # Table creation is serialised by an advisory lock; seq is an identity, so
    # concurrent writers never take the same number.
    url = pg.new_url()
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            with open_store(url) as store:
                for i in range(5):
                    rid = f"w{n}-{i}"
                    store.upsert(hiftar_record(rid, text=f"Writer {n} item {i}: words {rid}."))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(url) as store:
        assert store.counts()["articles"] == 15
        (version,) = store._execute("SELECT value FROM meta").fetchone()
        assert version == STORE_SCHEMA_VERSION
