"""The command line, run in-process the way a user runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import (
    LISTED_STORIES,
    LISTING_OF_STORIES,
    SAMPLE_ARTICLE,
    SAMPLE_PUBLISHED,
    SHARED,
    dump_sqlite,
)
from thucydides.cli import build_parser, main, sample_paths

BODY = (
    "Russia will supply weapons to a Libyan general who is waging war on the government in "
    "Tripoli, the strongman's advisers say. General Khalifa Hiftar met Sergei Shoigu, "
    "Russia's defence minister, in Moscow last week."
)


@pytest.fixture()
def corpus(tmp_path):
    """A folder of good inputs in three formats."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("By Jane Doe\n\n" + BODY, encoding="utf-8")
    rows = [
        {"id": "j1", "text": BODY.replace("Moscow", "Sochi"), "published": "2017-01-18"},
        {"id": "j2", "text": BODY.replace("Tripoli", "Benghazi"), "url": "https://x.org/2"},
    ]
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (folder / "c.csv").write_text(
        'id,title,text,url,published,author\nc1,Talks,"'
        + BODY.replace("Russia", "Egypt")
        + '",,2017-01-19,Ann Lee\n',
        encoding="utf-8",
    )
    return folder


def test_code_prints_one_valid_record_per_article(corpus, capsys) -> None:
    from thucydides.schema import validate_record

    assert main(["code", str(corpus), "--quiet"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    for record in records:
        validate_record(record)
    assert {r["id"] for r in records} >= {"j1", "j2", "c1"}


def test_code_date_fills_only_missing_dates(corpus, capsys) -> None:
    main(["code", str(corpus), "--date", "2020-05-05", "--quiet"])
    records = {json.loads(x)["id"]: json.loads(x) for x in capsys.readouterr().out.splitlines()}
    assert records["j1"]["source"]["published"] == "2017-01-18"
    assert records["j2"]["source"]["published"] == "2020-05-05"


def test_code_json_format_is_one_json_array_of_every_record(corpus, capsys) -> None:
    from thucydides.schema import validate_record

    assert main(["code", str(corpus), "--format", "json", "--quiet"]) == 0
    out = capsys.readouterr().out
    records = json.loads(out)  # one document, not one per record
    assert isinstance(records, list) and len(records) == 4
    for record in records:
        validate_record(record)
    assert out.startswith('[\n  {\n    "schema_version": "1"')  # indented for reading
    main(["code", str(corpus), "--quiet"])
    as_lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == as_lines


@pytest.mark.parametrize(("inputs", "count"), [(["a.txt"], 1), ([], 0)])
def test_code_json_format_is_an_array_whatever_the_number_of_records(
    corpus, capsys, inputs, count
) -> None:
    (corpus / "empty.txt").write_text("")
    paths = [str(corpus / name) for name in [*inputs, "empty.txt"]]
    main(["code", *paths, "--format", "json"])
    captured = capsys.readouterr()
    records = json.loads(captured.out)
    assert isinstance(records, list) and len(records) == count
    assert "T002" in captured.err


def test_ingesting_twice_changes_nothing(corpus, tmp_path, capsys) -> None:
    db = tmp_path / "t.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 0
    first = dump_sqlite(db)
    assert "4 articles coded" in capsys.readouterr().out
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 0
    assert "4 unchanged" in capsys.readouterr().out
    assert dump_sqlite(db) == first


def test_mixed_batch_codes_the_good_and_names_each_bad(corpus, tmp_path, capsys) -> None:
    bad = corpus / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "blank.txt").write_text("  \n\t \n")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "french.txt").write_text(
        "Moscou compte livrer des armes à un général libyen en guerre contre le gouvernement "
        "de Tripoli, affirment ses conseillers.",
        encoding="utf-8",
    )
    (bad / "broken.jsonl").write_text('{"id": "ok", "text": "' + BODY + '"}\n{"id": "x", "te\n')
    (bad / "big.txt").write_text(BODY * 50)
    db = tmp_path / "t.db"
    code = main(
        [
            "ingest",
            str(corpus),
            str(tmp_path / "nope.txt"),
            "--db",
            str(db),
            "--max-bytes",
            "5000",
            "--quiet",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "5 articles coded" in captured.out
    for name, reason_code in [
        ("empty.txt", "T002"),
        ("blank.txt", "T002"),
        ("binary.txt", "T003"),
        ("french.txt", "T007"),
        ("broken.jsonl:2", "T005"),
        ("big.txt", "T006"),
        ("nope.txt", "T001"),
    ]:
        assert any(name in line and reason_code in line for line in captured.err.splitlines()), (
            name,
            captured.err,
        )


def _break_events_on(monkeypatch, word: str) -> None:
    """Makes the event coder raise on every text that holds ``word``, as a bug would."""
    import thucydides.pipeline as pipeline

    code_events = pipeline.code_events

    def broken(parsed, *args, **kwargs):  # type: ignore[no-untyped-def]
        if word in parsed.text:
            raise IndexError("list index out of range")
        return code_events(parsed, *args, **kwargs)

    monkeypatch.setattr(pipeline, "code_events", broken)


def test_a_bug_on_one_article_rejects_it_in_code_and_ingest_alike(
    corpus, tmp_path, monkeypatch, capsys
) -> None:
    """T009: a coding stage raising on one article rejects that article, named on stderr,
    and the rest of the batch is coded, in ``code`` as in ``ingest``."""
    _break_events_on(monkeypatch, "Benghazi")  # only j2, b.jsonl's second line
    expected = f"T009 {corpus / 'b.jsonl'}:2: internal error while coding (IndexError"

    assert main(["code", str(corpus), "--quiet"]) == 1
    captured = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in captured.out.splitlines()]
    assert len(ids) == 3 and {"j1", "c1"} <= set(ids) and "j2" not in ids
    assert f"rejected: {expected}" in captured.err

    db = tmp_path / "t.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "3 articles coded" in captured.out and "T009 CodingFailed 1" in captured.out
    assert f"rejected: {expected}" in captured.err

    # A T009 is not marked done: once the bug is fixed, a rerun codes that article.
    monkeypatch.undo()
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 0
    assert "4 articles coded into" in capsys.readouterr().out


def test_show_and_events(corpus, tmp_path, capsys) -> None:
    db = str(tmp_path / "t.db")
    main(["ingest", str(corpus), "--db", db, "--quiet"])
    capsys.readouterr()
    assert main(["show", "j1", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "j1"
    assert main(["show", "nope", "--db", db]) == 3
    assert "nope" in capsys.readouterr().err
    for fmt in ("table", "csv", "jsonl"):
        assert main(["events", "--db", db, "--format", fmt]) == 0
    capsys.readouterr()


def test_bad_date_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["code", "x.txt", "--date", "18/01/2017"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["code"],
        ["ingest"],
        ["show"],
        ["events"],
        ["demo"],
        ["eval"],
        ["lexicon", "import-petrarch"],
        ["actors", "import"],
    ],
)
def test_every_command_has_help(command, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    assert "usage: thucydides " + " ".join(command) in capsys.readouterr().out


def test_every_command_is_documented() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in commands:
        assert f"thucydides {name}" in readme, name


PETRARCH = SHARED / "data" / "anchors" / "petrarch2"


def test_imported_petrarch_dictionaries_code_with_the_cli(tmp_path, capsys) -> None:
    if not PETRARCH.exists():
        pytest.skip(f"{PETRARCH} not present")
    verbs, actors = tmp_path / "verbs.tsv", tmp_path / "actors.tsv"
    assert (
        main(["lexicon", "import-petrarch", str(PETRARCH / "CAMEO.2.0.txt"), "--out", str(verbs)])
        == 0
    )
    assert (
        main(
            [
                "actors",
                "import",
                str(PETRARCH / "PETR.Validate.actors.txt"),
                "--kind",
                "actors",
                "--out",
                str(actors),
            ]
        )
        == 0
    )
    capsys.readouterr()
    article = tmp_path / "a.txt"
    article.write_text(
        "Arnor is about to restore full diplomatic ties with Gondor, a senior "
        "official said on Saturday.",
        encoding="utf-8",
    )
    assert main(["code", str(article), "--lexicon", str(verbs), "--actors", str(actors)]) == 0
    record = json.loads(capsys.readouterr().out)
    codes = {a["name"]: a["code"] for a in record["actors"]}
    assert codes.get("Arnor", "").startswith("ARN"), record["actors"]
    assert record["events"], "the imported dictionaries code the sentence"


def test_eval_prints_scores(capsys) -> None:
    gold = SHARED / "data" / "gold" / "plover_gsr.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    assert main(["eval", "--gold", str(gold), "--limit", "20", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["micro"]["f1"] > 0.5


def test_missing_files_are_usage_errors(tmp_path, capsys) -> None:
    assert main(["eval", "--gold", str(tmp_path / "none.jsonl")]) == 2
    assert main(["lexicon", "import-petrarch", str(tmp_path / "none.txt"), "--out", "x"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_sample_article_through_the_cli(tmp_path, capsys) -> None:
    assert main(["code", str(SAMPLE_ARTICLE), "--date", SAMPLE_PUBLISHED]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"]["authors"] == ["Helen Marsh"]
    assert record["source"]["published"] == SAMPLE_PUBLISHED
    kinds = {r["kind"] for r in record["removed"]}
    assert {"byline", "caption", "credit", "bio", "chrome"} <= kinds
    talks = [e for e in record["events"] if e["event_text"] == "held talks"]
    assert [e["date"]["start"] for e in talks] == ["2025-04-07"]  # "last week"


@pytest.mark.parametrize(
    "command",
    [["show", "x"], ["events"], ["export", "--format", "csv"]],
)
def test_reading_a_missing_store_is_an_error_not_an_empty_store(command, tmp_path, capsys) -> None:
    db = tmp_path / "typo.db"
    assert main([*command, "--db", str(db)]) == 3
    assert "No store at" in capsys.readouterr().err
    assert not db.exists()


def test_the_ingest_summary_hides_a_database_password() -> None:
    from collections import Counter

    from thucydides.batch.ingest import IngestSummary

    summary = IngestSummary(outcomes=Counter(inserted=1))
    line = summary.lines("postgresql://coder:s3cret@db.example/events")[0]
    assert "s3cret" not in line and "coder:***@db.example" in line


def test_the_demo_codes_the_packaged_sample_article_first() -> None:
    paths = sample_paths()
    assert [Path(p).name for p in paths] == ["sample-article.txt", "voa_stories.jsonl"]
    assert Path(paths[0]).read_text(encoding="utf-8") == SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert all(Path(p).is_file() for p in paths)


# ---------------------------------------------------------------- --min-confidence


def _scored_store(tmp_path) -> str:
    """A store of one hand-built article with three events of confidence 0.1, 0.2, 0.3."""
    from thucydides.records import Actor, ArticleRecord, Event, Source, Span
    from thucydides.store import open_store

    text = "France attacked Mali. France met Mali. France criticized Mali."
    actors = (Actor("A1", "France", "state", "FRA"), Actor("A2", "Mali", "state", "MLI"))
    events = tuple(
        Event(
            f"E{k}",
            kind,
            Span(0, len(text), text),
            verb,
            actor=("A1",),
            recipient=("A2",),
            confidence=score,
        )  # fmt: skip
        for k, (kind, verb, score) in enumerate(
            [("ASSAULT", "attacked", 0.1), ("CONSULT", "met", 0.2), ("ACCUSE", "criticized", 0.3)],
            1,
        )
    )
    record = ArticleRecord("m1", Source(published="2020-05-01"), text, actors=actors,
                           events=events)  # fmt: skip
    db = str(tmp_path / "scored.db")
    with open_store(db) as store:
        store.upsert(record)
    return db


@pytest.mark.parametrize(("least", "kept"), [("0", 3), ("0.2", 2), ("0.25", 1), ("1", 0)])
def test_events_min_confidence_keeps_events_at_or_above_it(tmp_path, capsys, least, kept) -> None:
    db = _scored_store(tmp_path)
    assert main(["events", "--db", db, "--format", "jsonl", "--min-confidence", least]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == kept
    assert all(float(r["confidence"]) >= float(least) for r in rows)


def test_export_min_confidence_filters_rows(tmp_path, capsys) -> None:
    db = _scored_store(tmp_path)
    assert main(["export", "--db", db, "--format", "csv", "--min-confidence", "0.15"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(r["event"] for r in rows) == ["ACCUSE", "CONSULT"]


def test_code_min_confidence_drops_events_from_the_printed_records(corpus, capsys) -> None:
    main(["code", str(corpus / "a.txt"), "--quiet"])
    every = json.loads(capsys.readouterr().out)["events"]
    assert every, "the body codes events"
    least = max(e["confidence"] for e in every)
    main(["code", str(corpus / "a.txt"), "--quiet", "--min-confidence", str(least)])
    kept = json.loads(capsys.readouterr().out)["events"]
    assert kept == [e for e in every if e["confidence"] >= least]


@pytest.mark.parametrize("command", [["code", "x.txt"], ["events"], ["export", "--format", "csv"]])
@pytest.mark.parametrize("value", ["1.5", "-0.1", "high", "nan"])
def test_a_min_confidence_outside_zero_to_one_is_a_usage_error(command, value, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, "--min-confidence", value])
    assert exc.value.code == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_the_store_query_refuses_a_min_confidence_outside_zero_to_one() -> None:
    from thucydides.errors import ConfigError
    from thucydides.store import EventQuery

    with pytest.raises(ConfigError, match="between 0 and 1"):
        EventQuery(min_confidence=1.2)


def test_code_splits_a_listing_page_of_stories_into_articles(tmp_path, capsys) -> None:
    rows = [{"id": "front", "text": LISTING_OF_STORIES}, {"id": "story", "text": BODY}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["code", str(path), "--quiet"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == ["front#1", "front#2", "front#3", "story"]
    assert [r["source"]["title"] for r in records[:3]] == [h for h, _ in LISTED_STORIES]
    assert records[2]["text"] == "\n\n".join(LISTED_STORIES[2])
