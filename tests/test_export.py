"""Exports: exact dataset columns, faithful mappings, and store → export → load round trips."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SHARED
from thucydides.cli import main
from thucydides.errors import ConfigError
from thucydides.pipeline import code_articles
from thucydides.records import (
    Actor,
    ArticleRecord,
    Dateline,
    Event,
    EventDate,
    Place,
    RawArticle,
    Source,
    Span,
)
from thucydides.serve.export import (
    DEFAULT_MODALITIES,
    FORMATS,
    ICEWS_COLUMNS,
    PARQUET_INSTALL,
    POLECAT_COLUMNS,
    TABLE_COLUMNS,
    code_tables,
    export_events,
    icews_row,
    neutralise_formula,
    parse_modalities,
    plover_event,
    polecat_row,
    read_tsv,
    source_name,
    split_export_id,
    table_row,
    tsv_escape,
    tsv_unescape,
)
from thucydides.store import EventQuery, open_store

FORMATS_MD = SHARED / "data" / "formats.md"

HIFTAR = (
    "Russia will supply weapons to a Libyan general who is waging war on the government in "
    "Tripoli, the strongman's advisers say. General Khalifa Hiftar met Sergei Shoigu, "
    "Russia's defence minister, in Moscow last week."
)
BENGHAZI = (
    "Protesters clashed with police in Benghazi on Tuesday, and the United Nations condemned "
    'the "brutal" violence.\tIf Egypt sent troops, the conflict would widen. Egypt and France '
    "accused Turkey of arming militias in Misrata."
)

# Every character a TSV or CSV cell can trip on: tab, newline, CR, quotes, backslash.
TRICKY_NAME = 'The "Tab\tand\nLine" Army\\Corps\r'
TRICKY_TEXT = 'Le "Monde"\tsaid\nthe army\\corps attacked Kosovo from the air.'


def _span(words: str) -> Span:
    start = TRICKY_TEXT.index(words)
    return Span(start, start + len(words), words)


def _tricky_record() -> ArticleRecord:
    """A hand-built record: special characters, no event dates, a negated event."""
    sentence = Span(0, len(TRICKY_TEXT), TRICKY_TEXT)
    army = Actor(
        id="A1",
        name=TRICKY_NAME,
        kind="organization",
        country="FRA",
        sector="MIL",
        code="FRAMIL",
        mentions=(_span("army\\corps"),),
    )
    kosovo = Actor(
        id="A2",
        name="Kosovo",
        kind="state",
        country="KOS",
        sector="GOV",
        code="KOSGOV",
        mentions=(_span("Kosovo"),),
    )
    place = Place(
        id="P1",
        name="Pristina\tCity",
        geonameid=786714,
        lat=42.67,
        lon=21.17,
        country="KOS",
        feature="city",
        mentions=(_span("Kosovo"),),
    )
    return ArticleRecord(
        id="tricky",
        source=Source(url="https://www.lemonde.fr/a/1", published="2020-05-01", language="en"),
        text=TRICKY_TEXT,
        actors=(army, kosovo),
        places=(place,),
        events=(
            Event(
                id="E1",
                event="ASSAULT",
                mode="aerial",
                sentence=sentence,
                event_text="attacked\tfrom the air",
                context=("military",),
                quad_code=4,
                cameo="195",
                actor=("A1",),
                recipient=("A2",),
                event_loc="P1",
                date=EventDate(),
                confidence=0.9,
            ),
            Event(
                id="E2",
                event="ACCUSE",
                sentence=sentence,
                event_text="said",
                quad_code=3,
                cameo="112",
                actor=("A1",),
                modality="negated",
                date=EventDate(),
            ),
        ),
    )


@pytest.fixture(scope="module")
def records(parser) -> list[ArticleRecord]:
    """Two articles coded by the real pipeline, and the hand-built tricky one."""
    raws = [
        RawArticle(
            origin="hiftar",
            text=HIFTAR,
            id="hiftar",
            url="https://www.example.org/a/1",
            published="2017-01-18",
        ),
        RawArticle(
            origin="benghazi",
            text=BENGHAZI,
            id="benghazi",
            publisher="Example Wire",
            published="2017-02-03",
        ),
    ]
    coded = [r for r in code_articles(raws, parser=parser) if isinstance(r, ArticleRecord)]
    assert len(coded) == 2
    return [*coded, _tricky_record()]


@pytest.fixture()
def db(tmp_path, records) -> str:
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        for record in records:
            store.upsert(record)
    return path


def _ids(records, modalities=DEFAULT_MODALITIES) -> list[str]:
    return sorted(f"{r.id}-{e.id}" for r in records for e in r.events if e.modality in modalities)


def _export(db: str, fmt: str, out=None, **kwargs) -> int:
    with open_store(db) as store:
        return export_events(store, fmt, out, **kwargs)


# ---------------------------------------------------------------- the column lists


def _spec_columns(heading: str) -> list[str]:
    """The comma-separated column list under a heading of shared/data/formats.md."""
    text = FORMATS_MD.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    body = " ".join(section.splitlines()[1:])
    return [" ".join(c.split()) for c in body.split(",")]


@pytest.mark.skipif(not FORMATS_MD.exists(), reason="shared/data/formats.md not beside the repo")
def test_column_lists_are_the_published_ones() -> None:
    assert list(POLECAT_COLUMNS) == _spec_columns("POLECAT")
    assert len(POLECAT_COLUMNS) == 40
    assert list(ICEWS_COLUMNS) == _spec_columns("ICEWS")


@pytest.mark.skipif(not FORMATS_MD.exists(), reason="shared/data/formats.md not beside the repo")
def test_plover_objects_have_the_manuals_fields_in_order() -> None:
    text = FORMATS_MD.read_text(encoding="utf-8")
    section = text.split("## PLOVER JSON", 1)[1].split("\n## ", 1)[0]

    def fields(label: str) -> list[str]:
        found = re.search(rf"{label}: (.*?)\.", " ".join(section.split()))
        assert found, label
        listed = re.sub(r"\(.*?\)", "", found.group(1))  # "(* required)"
        return [f.strip().rstrip("*") for f in listed.split(",")]

    record = _tricky_record()
    event = plover_event(record, record.events[0])
    assert list(event)[: len(fields("Event"))] == fields("Event")
    assert list(event["actor"][0]) == fields("Entity")
    assert list(event["event_loc"]) == fields("Location")
    assert list(event["cite_info"]) == fields("Citation")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fmt", "columns"), [("polecat-tsv", POLECAT_COLUMNS), ("icews-tsv", ICEWS_COLUMNS)]
)
def test_tsv_files_have_exactly_the_columns_in_order(db, records, tmp_path, fmt, columns) -> None:
    out = tmp_path / f"events.{fmt}"
    assert _export(db, fmt, str(out)) == len(_ids(records))
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # the file ends with a newline
    assert lines[0].split("\t") == list(columns)
    # One physical line per event, every line with exactly the header's cells.
    assert len(lines) - 2 == len(_ids(records))
    assert all(line.count("\t") == len(columns) - 1 for line in lines[:-1])


# ---------------------------------------------------------------- round trips


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_every_event(db, records, tmp_path, fmt) -> None:
    out = tmp_path / f"export.{fmt}"
    written = _export(db, fmt, str(out))
    expected = _ids(records)
    assert written == len(expected)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.column_names == list(TABLE_COLUMNS)
        ids = table.column("id").to_pylist()
    elif fmt == "plover-jsonl":
        with open(out, encoding="utf-8") as f:
            ids = [json.loads(line)["id"] for line in f]
    elif fmt == "csv":
        with open(out, encoding="utf-8", newline="") as f:
            ids = [row["id"] for row in csv.DictReader(f)]
    else:
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        ids = [row[0] for row in rows[1:]]
    assert sorted(ids) == expected
    assert len(set(ids)) == len(ids)
    assert {split_export_id(i) for i in ids} == {
        (r.id, e.id) for r in records for e in r.events if e.modality in DEFAULT_MODALITIES
    }


@pytest.mark.slow
def test_special_characters_survive_every_format(db, tmp_path) -> None:
    record = _tricky_record()
    query = EventQuery(actor="army")  # only the tricky article's events
    # TSV: escaped, one line per event; read_tsv gives the values back.
    for fmt, name_column in (("polecat-tsv", "Actor Name"), ("icews-tsv", "Source Name")):
        out = tmp_path / f"tricky.{fmt}"
        _export(db, fmt, str(out), query=query)
        raw = out.read_text(encoding="utf-8")
        assert "\\t" in raw and "\\n" in raw and "\\r" in raw and "\\\\" in raw
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(read_tsv(f))
        assert [r[name_column] for r in rows] == [TRICKY_NAME]
    assert rows[0]["City"] == "Pristina\tCity"
    # CSV: quoted; the csv module reads the values back.
    out = tmp_path / "tricky.csv"
    _export(db, "csv", str(out), query=query)
    with open(out, encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["actor"] == TRICKY_NAME
    assert row["sentence"] == TRICKY_TEXT
    assert row["event_text"] == "attacked\tfrom the air"
    # JSON Lines and Parquet keep them as they are.
    out = tmp_path / "tricky.jsonl"
    _export(db, "plover-jsonl", str(out), query=query)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["actor"][0]["identifier_text"] == TRICKY_NAME
    assert json.loads(line)["text"] == record.events[0].sentence.text


@given(st.text())
def test_tsv_escaping_is_reversible_and_keeps_a_cell_on_one_line(value) -> None:
    cell = tsv_escape(value)
    assert not {"\t", "\n", "\r"} & set(cell)
    assert tsv_unescape(cell) == value


# ---------------------------------------------------------------- what is selected


@pytest.mark.slow
def test_hypothetical_and_negated_events_are_opt_in(db, records) -> None:
    assert {e.modality for r in records for e in r.events} >= {"hypothetical", "negated"}
    buf = io.StringIO()
    _export(db, "plover-jsonl", buf)
    kept = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert {e["modality"] for e in kept} <= {"asserted", "future"}
    buf = io.StringIO()
    _export(db, "plover-jsonl", buf, modalities="all")
    every = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert sorted(e["id"] for e in every) == _ids(records, parse_modalities("all"))
    # Every non-asserted event names its PLOVER auxiliary mode in its contexts.
    aux = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}
    for e in every:
        if e["modality"] != "asserted":
            assert aux[e["modality"]] in e["context"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "query",
    [
        EventQuery(country="LBY"),
        EventQuery(type="accuse"),
        EventQuery(actor="hiftar", since="2017-01-01", until="2017-12-31"),
        EventQuery(include_duplicates=True),
        EventQuery(),
    ],
)
def test_filters_select_what_events_lists(db, query) -> None:
    with open_store(db) as store:
        listed = sorted(
            f"{row.article_id}-{row.event_id}"
            for row in store.events(query)
            if row.modality in DEFAULT_MODALITIES
        )
    buf = io.StringIO()
    _export(db, "polecat-tsv", buf, query=query)
    exported = [row["Event ID"] for row in read_tsv(buf.getvalue().splitlines())]
    assert sorted(exported) == listed


@pytest.mark.slow
def test_near_duplicates_are_left_out_as_events_leaves_them_out(tmp_path, records) -> None:
    original = records[0]
    copy = ArticleRecord.from_dict({**original.as_dict(), "id": "hiftar-copy"})
    path = str(tmp_path / "dups.db")
    with open_store(path) as store:
        store.upsert(original)
        store.upsert(copy)
        assert {d.article_id for d in store.duplicates()} == {"hiftar-copy"}
    for include in (False, True):
        with open_store(path) as store:
            listed = {
                row.article_id
                for row in store.events(EventQuery(include_duplicates=include))
                if row.modality in DEFAULT_MODALITIES
            }
        buf = io.StringIO()
        _export(path, "csv", buf, query=EventQuery(include_duplicates=include))
        exported = {row["article_id"] for row in csv.DictReader(io.StringIO(buf.getvalue()))}
        assert exported == listed
        assert ("hiftar-copy" in exported) == include


# ---------------------------------------------------------------- mappings


def test_polecat_row_maps_our_fields() -> None:
    record = _tricky_record()
    row = polecat_row(record, record.events[0])
    assert list(row) == list(POLECAT_COLUMNS)
    assert row["Event ID"] == "tricky-E1"
    assert row["Event Date"] == "2020-05-01"  # no date in the text: the publication day
    assert (row["Event Type"], row["Event Mode"]) == ("ASSAULT", "aerial")
    assert row["Intensity"] == "-9.5"  # PLOVER manual: ASSAULT: Aerial
    assert (row["Quad Code"], row["Contexts"]) == ("4", "military")
    assert (row["Actor Country"], row["Actor COW"], row["Primary Actor Sector"]) == (
        "FRA",
        "220",
        "MIL",
    )
    assert (row["Recipient Name"], row["Recipient COW"]) == ("Kosovo", "347")
    assert row["Recipient Name Raw"] == "Kosovo"
    assert (row["Placename"], row["City"], row["Country"], row["GeoNames ID"]) == (
        "Pristina\tCity",
        "Pristina\tCity",
        "KOS",
        "786714",
    )
    assert row["Source"] == "lemonde.fr"
    assert row["Story Organizations"] == TRICKY_NAME
    assert row["Story Locations"] == "Kosovo;Pristina\tCity"
    # What we do not code stays empty rather than guessed.
    for column in ("Actor Title", "Wikipedia Actor ID", "District", "Province"):
        assert row[column] == ""


def test_icews_row_maps_cameo_and_countries() -> None:
    record = _tricky_record()
    row = icews_row(record, record.events[0])
    assert list(row) == list(ICEWS_COLUMNS)
    assert (row["CAMEO Code"], row["Event Text"], row["Intensity"]) == (
        "195",
        "Employ aerial weapons",
        "-10.0",
    )
    assert (row["Source Country"], row["Target Country"]) == ("France", "Kosovo")
    assert (row["Story ID"], row["Sentence Number"], row["Publisher"]) == (
        "tricky",
        "",
        "lemonde.fr",
    )


def test_compound_actors_keep_every_member_in_order() -> None:
    record = _tricky_record()
    both = Event(**{**_fields(record.events[0]), "actor": ("A1", "A2"), "recipient": ()})
    row = polecat_row(record, both)
    assert row["Actor Name"] == f"{TRICKY_NAME};Kosovo"
    assert (row["Actor Country"], row["Actor COW"]) == ("FRA;KOS", "220;347")
    assert row["Recipient Name"] == row["Recipient COW"] == ""
    table = table_row(record, both)
    assert table["actor"] == [TRICKY_NAME, "Kosovo"]
    assert table["actor_cow"] == [220, 347]
    plover = plover_event(record, both)
    assert [a["code"] for a in plover["actor"]] == ["FRA", "KOS"]
    assert plover["recipient"] == []


def _fields(event: Event) -> dict:
    return {name: getattr(event, name) for name in Event.__dataclass_fields__}


def test_plover_scores_fall_back_to_the_category() -> None:
    tables = code_tables()
    assert tables.plover_score("ASSAULT", "aerial") == -9.5
    assert tables.plover_score("RETREAT", "ease") == 6.5  # no row for the mode
    assert tables.plover_score("ACCUSE", None) == -3  # the manual's sign typo, repaired
    assert tables.plover_score("NOTATYPE", None) is None
    categories = {e for e, mode in tables.plover_scores if mode == ""}
    assert len(categories) == 16


def test_unknown_cameo_and_country_stay_empty() -> None:
    record = _tricky_record()
    event = Event(**{**_fields(record.events[0]), "cameo": "1213", "event_loc": None})
    row = icews_row(record, event)
    assert (row["Event Text"], row["Intensity"], row["Country"], row["Latitude"]) == (
        "",
        "",
        "",
        "",
    )
    assert code_tables().cow.get("PSE") is None  # Palestine is not a COW state


# ---------------------------------------------------------------- options and errors


def test_modalities_are_validated() -> None:
    assert parse_modalities("future, asserted") == ("asserted", "future")
    assert parse_modalities("all") == ("asserted", "future", "hypothetical", "negated")
    with pytest.raises(ConfigError, match="maybe.*asserted, future, hypothetical, negated"):
        parse_modalities("asserted,maybe")
    with pytest.raises(ConfigError, match="No modality"):
        parse_modalities(" , ")


def test_missing_pyarrow_names_the_pip_command(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    out = tmp_path / "events.parquet"
    open_store(str(tmp_path / "x.db")).close()
    code = main(
        ["export", "--db", str(tmp_path / "x.db"), "--format", "parquet", "--out", str(out)]
    )
    assert code == 2
    assert PARQUET_INSTALL in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_parquet_into_a_folder_is_partitioned_by_month(db, records, tmp_path) -> None:
    import pyarrow.dataset as ds

    folder = tmp_path / "events"
    written = _export(db, "parquet", str(folder) + "/")
    months = sorted(p.name for p in folder.iterdir())
    assert months and all(m.startswith("month=") for m in months)
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == written == len(_ids(records))
    assert sorted(table.column("id").to_pylist()) == sorted(_ids(records))
    # Every row sits in the folder of its own month.
    for month, date in zip(
        table.column("month").to_pylist(), table.column("date").to_pylist(), strict=True
    ):
        assert month == ((date or "")[:7] or "undated")
    # A folder that holds something is refused, and left alone.
    with pytest.raises(ConfigError, match="not empty"):
        _export(db, "parquet", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == months


def test_parquet_needs_a_file(tmp_path, capsys) -> None:
    open_store(str(tmp_path / "x.db")).close()
    assert main(["export", "--db", str(tmp_path / "x.db"), "--format", "parquet"]) == 2
    assert "--out" in capsys.readouterr().err


def test_a_failed_export_leaves_no_file(tmp_path) -> None:
    class Broken:
        def records(self):
            yield _tricky_record()
            raise RuntimeError("disk gone")

        def duplicates(self):
            return []

    out = tmp_path / "events.tsv"
    with pytest.raises(RuntimeError):
        export_events(Broken(), "polecat-tsv", str(out))  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_export_command_has_help(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "--help"])
    assert exc.value.code == 0
    assert "usage: thucydides export" in capsys.readouterr().out


@pytest.mark.slow
def test_export_command_writes_the_file_and_says_how_many(db, records, tmp_path, capsys) -> None:
    out = tmp_path / "events.tsv"
    args = ["export", "--db", db, "--format", "icews-tsv", "--out", str(out), "--country", "LBY"]
    assert main(args) == 0
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(read_tsv(f))
    assert f"{len(rows)} events exported" in capsys.readouterr().err
    assert rows and all("Libya" in r["Source Country"] + r["Target Country"] for r in rows)


# ---------------------------------------------------------------- spreadsheet safety


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("-3.5", "-3.5"),  # a number stays a number: latitudes, Goldstein scores
        ("+12", "+12"),
        ("Hiftar", "Hiftar"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(value: str, written: str) -> None:
    assert neutralise_formula(value) == written


def _formula_record() -> ArticleRecord:
    """The tricky record with an actor and a title a spreadsheet would run as formulas."""
    record = _tricky_record()
    army = dataclasses.replace(record.actors[0], name='=HYPERLINK("http://evil.example","x")')
    source = dataclasses.replace(record.source, title="@SUM(1+1)*cmd|' /C calc'!A0")
    return dataclasses.replace(
        record, id="formula", source=source, actors=(army, *record.actors[1:])
    )


@pytest.mark.parametrize("fmt", ["csv", "polecat-tsv", "icews-tsv"])
def test_exports_write_formula_cells_as_text(tmp_path, fmt: str) -> None:
    db = str(tmp_path / "f.db")
    with open_store(db) as store:
        store.upsert(_formula_record())
    out = tmp_path / f"f.{fmt}"
    assert _export(db, fmt, str(out)) == 1
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f)) if fmt == "csv" else list(read_tsv(f))
    (row,) = rows
    cells = [v for v in row.values() if v]
    # No cell starts like a formula unless it is a number; the names are kept after "'".
    assert all(not c.startswith(("=", "+", "@")) for c in cells), cells
    assert all(not c.startswith("-") or re.fullmatch(r"-[\d.]+", c) for c in cells), cells
    name = {"csv": "actor", "polecat-tsv": "Actor Name", "icews-tsv": "Source Name"}[fmt]
    assert row[name] == '\'=HYPERLINK("http://evil.example","x")'
    if fmt == "csv":
        assert row["title"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
        assert row["longitude"] == "21.17"


# ---------------------------------------------------------------- where it is written


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_export_to_a_named_pipe_writes_into_it_and_keeps_it_a_pipe(tmp_path) -> None:
    db = str(tmp_path / "p.db")
    with open_store(db) as store:
        store.upsert(_tricky_record())
    pipe = tmp_path / "events.pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    assert main(["export", "--db", db, "--format", "csv", "--out", str(pipe)]) == 0
    reader.join(timeout=30)
    assert received and received[0].startswith("id,article_id,event_id")
    assert len(list(csv.DictReader(io.StringIO(received[0])))) == 1
    assert pipe.is_fifo()  # not replaced by a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.pipe", "p.db"] or all(
        not p.name.endswith(".part") for p in tmp_path.iterdir()
    )


def test_export_to_a_device_writes_into_it(tmp_path) -> None:
    db = str(tmp_path / "d.db")
    with open_store(db) as store:
        store.upsert(_tricky_record())
    assert main(["export", "--db", db, "--format", "plover-jsonl", "--out", os.devnull]) == 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_only_keeps_the_events_named(db, records) -> None:
    out = io.StringIO()
    wanted = {("tricky", "E1"), ("hiftar", "nonexistent")}
    assert _export(db, "plover-jsonl", out, only=wanted) == 1
    assert json.loads(out.getvalue())["id"] == "tricky-E1"


def test_events_command_csv_writes_formula_cells_as_text(tmp_path, capsys) -> None:
    db = str(tmp_path / "f.db")
    with open_store(db) as store:
        store.upsert(_formula_record())
    assert main(["events", "--db", db, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and rows[0]["actor"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[0]["confidence"] == "0.90"


def test_a_republished_wire_story_is_reported_by_its_agency() -> None:
    wire = Source(
        url="https://www.example-daily.test/world/1",
        publisher="Example Daily",
        dateline=Dateline(text="DAKAR, May 12 (AFP) --", place="Dakar", agency="AFP"),
    )
    assert source_name(wire) == "AFP"
    # the outlet's own story: its publisher, else its host
    assert source_name(dataclasses.replace(wire, dateline=None)) == "Example Daily"
    own = Source(url="https://www.example-daily.test/world/2")
    assert source_name(own) == "example-daily.test"
