"""Shared fixtures: the real spaCy model is loaded once per test session."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pytest

from thucydides import cli
from thucydides.config import Options
from thucydides.parse.nlp import Parser
from thucydides.pipeline import Knowledge, build_record, prepare
from thucydides.records import ArticleRecord, RawArticle

REPO = Path(__file__).resolve().parents[1]
#: Data that is not ours to ship (gold sets, anchors, a newspaper page): ``../shared`` beside
#: the checkout, or the folder $THUCYDIDES_SHARED names (for a worktree elsewhere). The
#: tests that need it skip without it.
SHARED = Path(os.environ.get("THUCYDIDES_SHARED") or REPO.parent / "shared")
#: The project's own sample article, shipped in the package (see its CREDITS.md).
SAMPLE_ARTICLE = Path(str(resources.files("thucydides") / "data/samples/sample-article.txt"))
#: Its publication date, a Wednesday: the day its relative dates count from (``demo`` too).
SAMPLE_PUBLISHED = cli.SAMPLE_PUBLISHED
#: A listing page of three stories, each a headline and a teaser of two sentences (split by
#: ``thucydides code``), with a section name and time stamps around them.
LISTED_STORIES = [
    (
        "Mali junta extends transition by five years",
        "Mali's military government gave General Assimi Goita a new five-year term on "
        "Tuesday. Political parties were not consulted.",
    ),
    (
        "Niger expels uranium company's local director",
        "Niger ordered the head of the miner's local unit to leave within 72 hours. The "
        "company said it had not been told why.",
    ),
    (
        "Chad police arrest 12 protesters in the capital",
        "Police arrested 12 protesters in N'Djamena on Sunday. The protesters had marched "
        "against fuel prices.",
    ),
]
LISTING_OF_STORIES = "\n\n".join(
    ["Latest", *(f"{head}\n\n{teaser}\n\n2 hours ago" for head, teaser in LISTED_STORIES)]
)


@pytest.fixture(scope="session")
def parser() -> Parser:
    """The real spaCy pass, loaded once."""
    return Parser()


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The packaged lexicon and actor knowledge, loaded once."""
    return Knowledge.load(Options())


def code_text(parser: Parser, knowledge: Knowledge, text: str) -> ArticleRecord:
    """Codes one short text through the whole pipeline (cleanup, parse, every stage)."""
    prepared = prepare(RawArticle(origin="test", text=text), Options(min_chars=10))
    return build_record(prepared, parser.parse(prepared.cleaned.text), knowledge)


def coded_events(
    parser: Parser, knowledge: Knowledge, text: str
) -> list[tuple[str, list[str], list[str]]]:
    """Each event of a short text as (type, actor names, recipient names)."""
    record = code_text(parser, knowledge, text)
    names = {a.id: a.name for a in record.actors}
    return [
        (e.event, [names[a] for a in e.actor], [names[a] for a in e.recipient])
        for e in record.events
    ]


# ---------------------------------------------------------------- store backends

#: A PostgreSQL URL whose database the store tests may fill (each test in its own schema).
#: `.ci/with-postgres` starts a throwaway server and sets it; see docs/store.md.
POSTGRES_ENV = "THUCYDIDES_TEST_POSTGRES"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test server's URL; skips (fails in CI) when there is none to reach."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(
            f"${POSTGRES_ENV} is not set, so there is no PostgreSQL server to test on. "
            "Run `.ci/with-postgres make test` (see docs/store.md)."
        )
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[dev]'")
    from thucydides.store.postgres import redact

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        message = f"no PostgreSQL server reachable at ${POSTGRES_ENV} ({redact(url)}): {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


class SQLiteBackend:
    """Fresh SQLite stores, each a new file in the test's tmp folder."""

    name = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made = 0

    def new_url(self) -> str:
        self.made += 1
        return str(self.folder / f"store{self.made}.db")

    def dump(self, store) -> dict[str, list[tuple]]:
        """Every row of every table, in a stable order, read on its own connection."""
        return dump_sqlite(store.path)

    def close(self) -> None:
        pass


class PostgresBackend:
    """Fresh PostgreSQL stores, each in a new schema of the test database, dropped after."""

    name = "postgres"

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.admin = psycopg.connect(url, autocommit=True)
        self.schemas: list[str] = []

    def new_url(self) -> str:
        import uuid

        schema = f"t_{uuid.uuid4().hex[:12]}"
        self.admin.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}options=-csearch_path%3D{schema}"

    def dump(self, store) -> dict[str, list[tuple]]:
        """Every row of every table of the store's schema, in a stable order."""
        import psycopg

        with psycopg.connect(store.url) as conn:
            names = conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            )
            return {t: _ordered_rows(conn, t) for (t,) in sorted(names.fetchall())}

    def close(self) -> None:
        for schema in self.schemas:
            self.admin.execute(f"DROP SCHEMA {schema} CASCADE")
        self.admin.close()


def dump_sqlite(path, ignore: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table of a SQLite store, in a stable order, on its own connection.

    Args:
        path: the store's file.
        ignore: columns left out (``seen_at``, when two runs are compared).
    """
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {t: _ordered_rows(conn, t, ignore) for (t,) in sorted(names.fetchall())}
    finally:
        conn.close()


def _ordered_rows(conn, table: str, ignore: tuple[str, ...] = ()) -> list[tuple]:
    names = [d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
    kept = [f'"{n}"' for n in names if n not in ignore]
    order = ", ".join(str(i) for i in range(1, len(kept) + 1))
    rows = conn.execute(f"SELECT {', '.join(kept)} FROM {table} ORDER BY {order}").fetchall()
    return [tuple(r) for r in rows]


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path: Path):
    """Each store backend in turn; PostgreSQL needs a server (see ``postgres_url``)."""
    if request.param == "sqlite":
        made = SQLiteBackend(tmp_path)
    else:
        made = PostgresBackend(request.getfixturevalue("postgres_url"))
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def store(backend):
    """A fresh, empty store of each backend."""
    from thucydides.store import open_store

    with open_store(backend.new_url()) as opened:
        yield opened
