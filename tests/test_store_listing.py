"""The fast paths of whole listings and exports give what the plain paths gave, byte for byte.

``SQLiteStore.iter_event_cells`` works the CSV cells of ``thucydides events`` out in SQL;
``SQLStore.iter_event_cells`` (what PostgreSQL runs) reads the stored cells and checks them
in Python; the reference is the cells built in Python from ``iter_events``, what the
command did before. All three run on a store of real coded VOA stories, the tricky
hand-built record of test_export.py, a near-duplicate and cells that start like
spreadsheet formulas, under every filter and sort of the listing.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import string
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thucydides.cli import main, write_events
from thucydides.config import Options
from thucydides.formulas import FORMULA_STARTS, neutralise_formula
from thucydides.pipeline import code_articles
from thucydides.read.inputs import read_inputs
from thucydides.records import ArticleRecord
from thucydides.serve import export
from thucydides.serve.export import tsv_escape
from thucydides.store import EVENT_SORT_KEYS, EventQuery, event_csv_cells, open_store
from thucydides.store import sql as store_sql
from thucydides.store.sql import SQLStore

from .test_export import _tricky_record
from .test_store import hiftar_record, other_record

VOA = str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl"))


@pytest.fixture(scope="module")
def records(parser) -> list[ArticleRecord]:
    """Six VOA stories coded by the real pipeline (the second with cells that start like
    formulas), the tricky record, and a near-duplicate of the first story."""
    raws = list(itertools.islice(read_inputs([VOA], Options()), 6))
    coded = [r for r in code_articles(raws, parser=parser) if isinstance(r, ArticleRecord)]
    assert len(coded) == 6
    second = coded[1]
    actors = list(second.actors)
    actors[0] = dataclasses.replace(actors[0], name='=HYPERLINK("x")')
    actors[1] = dataclasses.replace(actors[1], name="-3.5")
    events = [
        dataclasses.replace(e, event_text="+" + e.event_text, confidence=0.125 * (i % 8))
        for i, e in enumerate(second.events)
    ]
    formulas = dataclasses.replace(second, actors=tuple(actors), events=tuple(events))
    copy = dataclasses.replace(coded[0], id=coded[0].id + "-repost")
    return [coded[0], formulas, *coded[2:], _tricky_record(), copy]


@pytest.fixture(scope="module")
def db(tmp_path_factory, records) -> str:
    path = str(tmp_path_factory.mktemp("listing") / "events.db")
    with open_store(path) as store:
        store.upsert_many(records)
        assert store.summary().duplicates == 1
    return path


def _queries(records: list[ArticleRecord]) -> list[EventQuery]:
    actor = records[0].actors[0].name.split()[-1]
    queries = [
        EventQuery(),
        EventQuery(include_duplicates=True),
        EventQuery(type="ASSAULT"),
        EventQuery(actor=actor),
        EventQuery(actor=actor, role="recipient"),
        EventQuery(country="USA"),
        EventQuery(since="2020-01-01", until="2024-12-31"),
        EventQuery(min_confidence=0.5),
        EventQuery(text="the"),
        EventQuery(text="the", include_duplicates=True),
        EventQuery(modalities=("negated", "hypothetical")),
        EventQuery(limit=7),
        EventQuery(limit=5, offset=3),
        EventQuery(limit=20_000, offset=2),
    ]
    for key in EVENT_SORT_KEYS:
        queries += [EventQuery(sort=key), EventQuery(sort=f"-{key}", limit=9, offset=1)]
    return queries


def _cells_of_rows(store, query: EventQuery) -> list[tuple[str, ...]]:
    """The reference: each EventRow's cells, formulas neutralised."""
    starts = tuple(FORMULA_STARTS)
    return [
        tuple(c if not c.startswith(starts) else neutralise_formula(c) for c in cells)
        for cells in map(event_csv_cells, store.iter_events(query))
    ]


def test_sqlite_cells_equal_the_cells_built_from_event_rows(db, records) -> None:
    with open_store(db) as store:
        for query in _queries(records):
            fast = list(store.iter_event_cells(query))
            plain = list(SQLStore.iter_event_cells(store, query))
            assert fast == plain == _cells_of_rows(store, query), query
        assert len(list(store.iter_event_cells(EventQuery()))) > 50


def test_confidences_past_the_sql_list_are_formatted_by_the_function(
    db, records, monkeypatch
) -> None:
    monkeypatch.setattr(store_sql, "_CONFIDENCES_AT_ONCE", 1)
    with open_store(db) as store:
        fast = list(store.iter_event_cells(EventQuery()))
        assert fast == list(SQLStore.iter_event_cells(store, EventQuery()))
        assert fast == _cells_of_rows(store, EventQuery())
    assert "0.12" in {row[10] for row in fast}  # 0.125: half-way, to the even digit


def test_events_csv_command_writes_what_the_event_rows_gave(db, capsys) -> None:
    with open_store(db) as store:
        reference = io.StringIO(newline="")
        write_events(store.iter_events(EventQuery()), "csv", reference)
    assert main(["events", "--format", "csv", "--db", db]) == 0
    written = capsys.readouterr().out
    assert written == reference.getvalue()
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


_TSV_TABLE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@given(st.text(alphabet=st.sampled_from(string.printable + "\\\t\n\r\0é€")))
def test_tsv_escape_equals_the_translation_it_replaced(value: str) -> None:
    assert tsv_escape(value) == value.translate(_TSV_TABLE)


def test_export_files_are_unchanged(db, tmp_path: Path) -> None:
    """Every text format, written by ``export_events``, equals the rows its builders give
    written as before (one write per row, the TSV escaped by translation)."""
    from thucydides.serve import export

    with open_store(db) as store:
        pairs = list(export.select_events(store, None, export.MODALITIES))
        tables = export.code_tables()
        for fmt in ("polecat-tsv", "icews-tsv", "csv", "plover-jsonl"):
            out = io.StringIO(newline="")
            assert export.export_events(store, fmt, out, modalities="all") == len(pairs)
            expected = io.StringIO(newline="")
            rows = [export._BUILDERS[fmt](r, e, tables) for r, e in pairs]
            if fmt == "csv":
                export.write_csv(rows, expected)
            elif fmt == "plover-jsonl":
                export.write_jsonl(rows, expected)
            else:
                columns = export.POLECAT_COLUMNS if fmt == "polecat-tsv" else export.ICEWS_COLUMNS
                expected.write("\t".join(columns) + "\n")
                for row in rows:
                    cells = [export.neutralise_formula(row[c]) for c in columns]
                    expected.write("\t".join(c.translate(_TSV_TABLE) for c in cells) + "\n")
            assert out.getvalue() == expected.getvalue(), fmt


def test_event_dicts_equal_the_event_rows_as_dicts(db, records) -> None:
    with open_store(db) as store:
        for query in _queries(records):
            dicts = list(store.iter_event_dicts(query))
            assert dicts == [row.as_dict() for row in store.iter_events(query)], query


def test_events_jsonl_command_writes_what_the_event_rows_gave(db, capsys) -> None:
    with open_store(db) as store:
        reference = io.StringIO(newline="")
        write_events(store.iter_events(EventQuery()), "jsonl", reference)
    assert main(["events", "--format", "jsonl", "--db", db]) == 0
    assert capsys.readouterr().out == reference.getvalue()


def test_every_backend_lists_dicts_and_cells_as_its_event_rows(store) -> None:
    """On SQLite and PostgreSQL: the dicts and the CSV cells of a whole listing are those
    of its EventRows (PostgreSQL builds the cells in Python, SQLite in SQL)."""
    store.upsert_many([hiftar_record(), other_record(), _tricky_record()])
    queries = (
        EventQuery(),
        EventQuery(type="ASSAULT"),
        EventQuery(sort="-actor"),
        EventQuery(limit=20_000, offset=1),
    )
    for query in queries:
        rows = list(store.iter_events(query))
        assert list(store.iter_event_dicts(query)) == [row.as_dict() for row in rows]
        assert list(store.iter_event_cells(query)) == _cells_of_rows(store, query)
    assert len(list(store.iter_events(EventQuery()))) >= 4
    # An update writes the parties' cells again (schema 5 keeps them with each event).
    old = hiftar_record()
    renamed = dataclasses.replace(
        old, actors=tuple(dataclasses.replace(a, name=f"=Renamed {a.name}") for a in old.actors)
    )
    store.upsert(renamed)
    cells = list(store.iter_event_cells(EventQuery()))
    assert cells == _cells_of_rows(store, EventQuery())
    assert any(c[5].startswith("'=Renamed") or c[6].startswith("'=Renamed") for c in cells)


# ---------------------------------------------------------------- parquet by month


def _parquet_rows(path) -> list[dict]:
    """Every row of a Parquet file or a Hive-partitioned folder, without the partition
    column, sorted by event id."""
    import pyarrow.dataset as ds

    dataset = ds.dataset(path, format="parquet", partitioning="hive" if path.is_dir() else None)
    rows = dataset.to_table(columns=list(export.TABLE_COLUMNS)).to_pylist()
    return sorted(rows, key=lambda row: row["id"])


@pytest.mark.slow
@pytest.mark.parametrize("bounded", [False, True])
def test_parquet_by_month_holds_the_rows_of_one_file(db, tmp_path, monkeypatch, bounded) -> None:
    """The monthly files hold the very rows of the one-file export, also when the bounds
    on memory split months into many row groups and part files."""
    import pyarrow.parquet as pq

    one = tmp_path / "events.parquet"
    assert _export(db, "parquet", str(one), modalities="all") > 50
    if bounded:  # every bound small enough to be reached many times
        for name, value in [
            ("HELD_ROWS", 6),
            ("HELD_MONTHS", 3),
            ("CHUNKS_PER_MONTH", 1),
            ("OPEN_FILES", 2),
            ("ROW_GROUPS_PER_FILE", 2),
        ]:
            monkeypatch.setattr(export, name, value)
        monkeypatch.setattr(export, "write_parquet_months", _small_row_groups())
    folder = tmp_path / "events"
    written = _export(db, "parquet", str(folder) + "/", modalities="all")
    assert written == pq.ParquetFile(one).metadata.num_rows
    assert _parquet_rows(folder) == _parquet_rows(one)
    parts = sorted(folder.glob("month=*/part-*.parquet"))
    groups = [pq.ParquetFile(part).metadata.num_row_groups for part in parts]
    if bounded:
        assert max(groups) == 2 and len(parts) > len(list(folder.iterdir()))
    else:  # few rows: one file per month, one row group each
        assert set(groups) == {1} and len(parts) == len(list(folder.iterdir()))


def _small_row_groups():
    original = export.write_parquet_months

    def write(rows, folder):
        return original(rows, folder, row_group=4, staged=3)

    return write


def _export(db: str, fmt: str, out: str, **kwargs) -> int:
    with open_store(db) as store:
        return export.export_events(store, fmt, out, **kwargs)
