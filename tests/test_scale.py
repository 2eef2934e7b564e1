"""Batch ingest at scale: progress, summary, resuming, worker processes, Dask.

The slow tests run the real command: ``thucydides ingest`` is SIGKILLed in a subprocess
while it writes, rerun, and the store compared with a clean run's, table by table.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future
from importlib import resources
from pathlib import Path

import pytest

import thucydides.batch.workers as workers
from tests.conftest import SAMPLE_ARTICLE, dump_sqlite
from tests.test_dedupe import chrome_copy
from thucydides.batch.fingerprint import coder_fingerprint
from thucydides.batch.ingest import (
    IngestSummary,
    _groups,
    ingest,
    mark,
    parse_dask,
    progress_for,
)
from thucydides.batch.progress import Progress
from thucydides.cli import main
from thucydides.config import Options
from thucydides.errors import ConfigError
from thucydides.read.inputs import read_inputs
from thucydides.records import ArticleRecord, RawArticle, Rejected
from thucydides.store import BatchItem, InputMark, open_store

VOA = Path(str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl")))
FRENCH = (
    "La Russie prévoit d'armer un général libyen qui combat le gouvernement soutenu par "
    "l'Occident à Tripoli, selon des proches de l'homme fort."
)

#: When a rejection was seen differs between runs; every other column must not.
IGNORED = ("seen_at",)


def _corpus(path: Path, stories: int) -> Path:
    """The first ``stories`` VOA stories, then a French story (T007) and a broken line (T005)."""
    lines = VOA.read_text(encoding="utf-8").splitlines()[:stories]
    lines += [json.dumps({"id": "fr", "text": FRENCH}), '{"id": "broken", "te']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count(db: Path, table: str = "articles") -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not created yet, or its tables not yet


# ---------------------------------------------------------------- progress and summary


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_line_with_a_total_shows_rate_and_eta() -> None:
    clock = _Clock()
    progress = Progress(total=100, stream=io.StringIO(), clock=clock)
    clock.now = 10.0
    progress.advance(25, coded=20)
    assert progress.line() == (
        "[######------------------] 25/100 inputs (25%)  2.0 articles/s  0:10 elapsed  ETA 0:38"
    )


def test_progress_line_without_a_total_shows_count_and_rate() -> None:
    clock = _Clock()
    progress = Progress(stream=io.StringIO(), clock=clock)
    clock.now = 4000.0
    progress.advance(12_000, coded=12_000)
    assert progress.line() == "12,000 inputs  3.0 articles/s  1:06:40 elapsed"


def test_progress_in_a_log_is_one_line_every_interval_and_notes_stay_whole() -> None:
    clock, out = _Clock(), io.StringIO()
    progress = Progress(total=10, stream=out, clock=clock)
    progress.advance(1, coded=1)  # too soon for a line
    clock.now = 11.0
    progress.advance(1, coded=1)
    progress.note("rejected: T007 x.txt: French")
    clock.now = 12.0
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[#####") and "2/10 inputs" in lines[0]
    assert lines[1] == "rejected: T007 x.txt: French"
    assert "2/10 inputs" in lines[2] and "\r" not in out.getvalue()


def test_quiet_progress_writes_only_notes() -> None:
    out = io.StringIO()
    progress = Progress(total=3, stream=out, enabled=False)
    progress.advance(3, coded=3)
    progress.note("rejected: T002 empty.txt: the input is empty")
    progress.close()
    assert out.getvalue() == "rejected: T002 empty.txt: the input is empty\n"


def test_summary_lines() -> None:
    summary = IngestSummary(
        outcomes=Counter(inserted=5, updated=1, unchanged=2),
        skipped=3,
        rejected=Counter(T007=2, T005=1),
        rejected_earlier=1,
        workers=2,
        seconds=4.0,
    )
    assert summary.lines("t.db") == [
        "11 articles coded into t.db (5 new, 1 updated, 5 unchanged), 3 inputs rejected",
        "  skipped: 3 inputs stored by an earlier run (counted as unchanged), not coded again",
        "  rejected by reason: T005 MalformedInput 1, T007 NotEnglish 2 (1 in an earlier run)",
        "  8 articles coded in 4.0 s (2.00 articles/s, 2 processes)",
    ]


def test_summary_counts_duplicates_apart_from_new_articles() -> None:
    summary = IngestSummary(outcomes=Counter(inserted=2, duplicate=1), seconds=2.0)
    assert summary.coded == 3 and summary.duplicates == 1
    assert summary.lines("t.db")[:2] == [
        "3 articles coded into t.db (2 new, 0 updated, 0 unchanged), 0 inputs rejected",
        "  duplicates: 1 linked to their original (stored, not counted as new; left out of "
        "events and stories)",
    ]


# ---------------------------------------------------------------- marks


def test_mark_changes_with_the_input_and_the_coder(tmp_path: Path) -> None:
    raw = RawArticle(origin="feed.jsonl:1", text="Rebels seized Kamba.")
    base = coder_fingerprint(Options())
    assert mark(raw, base) == mark(raw, coder_fingerprint(Options(batch_size=3)))
    assert mark(raw, base).origin == "feed.jsonl:1"
    assert mark(raw, base) != mark(RawArticle(origin="feed.jsonl:1", text="Rebels left."), base)
    assert base != coder_fingerprint(Options(published="2020-01-01"))
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("one\n", encoding="utf-8")
    first = coder_fingerprint(Options(lexicons=(str(lexicon),)))
    lexicon.write_text("two\n", encoding="utf-8")
    assert coder_fingerprint(Options(lexicons=(str(lexicon),))) != first


# ---------------------------------------------------------------- the driver, without a model


class _FakeStore:
    """Keeps what ``ingest`` writes, batch by batch; ``done`` plays an earlier run."""

    def __init__(self, done: dict[InputMark, str | None] | None = None) -> None:
        self.done = done or {}
        self.batches: list[list[BatchItem]] = []

    def ingested(self, marks: Sequence[InputMark]) -> dict[InputMark, str | None]:
        return {m: self.done[m] for m in marks if m in self.done}

    def ingest_batch(self, items: Sequence[BatchItem]) -> list[str]:
        self.batches.append(list(items))
        return ["rejected" if isinstance(r, Rejected) else "inserted" for _, r in items]


class _FakeCoder:
    """Rejects every article as T008 without a model, and remembers the chunks it got."""

    slots = 2

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self.chunks: list[list[str]] = []

    def submit(self, chunk: Sequence[RawArticle]) -> Future[list[ArticleRecord | Rejected]]:
        self.chunks.append([r.origin for r in chunk])
        future: Future[list[ArticleRecord | Rejected]] = Future()
        future.set_result([Rejected(r.origin, "T008", "no text") for r in chunk])
        return future

    def close(self) -> None:
        pass


def _jsonl(path: Path, n: int, broken: Sequence[int] = ()) -> Path:
    lines = [
        '{"id": "x' if i in broken else json.dumps({"id": f"a{i}", "text": f"Story {i}."})
        for i in range(1, n + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_results_are_stored_in_input_order_in_chunks(tmp_path: Path) -> None:
    feed = _jsonl(tmp_path / "feed.jsonl", 10, broken=[4])
    store, coder = _FakeStore(), _FakeCoder()
    reported: list[str] = []
    summary = ingest(
        [str(feed)],
        store,  # type: ignore[arg-type]
        coder,
        Options(batch_size=3),
        report=lambda r: reported.append(r.origin),
    )
    origins = [f"{feed}:{i}" for i in range(1, 11)]
    assert (
        [[item.origin for _, item in b] for b in store.batches]
        == [
            origins[0:3],
            origins[3:7],  # the broken line 4 rides along with the next chunk's articles
            origins[7:10],
        ]
    )
    assert coder.chunks == [origins[0:3], origins[4:7], origins[7:10]]
    assert reported == origins
    assert summary.rejected == Counter(T008=9, T005=1)
    # Reading rejections are not marked: reading them again costs nothing.
    marks = {item.origin: m for b in store.batches for m, item in b}
    assert marks[f"{feed}:4"] is None and marks[f"{feed}:5"] is not None


def test_last_chunks_shrink_so_that_workers_finish_together(tmp_path: Path) -> None:
    feed = _jsonl(tmp_path / "feed.jsonl", 40)
    coder = _FakeCoder(workers=2)
    ingest([str(feed)], _FakeStore(), coder, Options(batch_size=8))  # type: ignore[arg-type]
    # Each chunk takes at most a quarter of what is left (two chunks per worker in flight).
    assert [len(c) for c in coder.chunks] == [8, 8, 6, 5, 4, 3, 2, 1, 1, 1, 1]
    assert [o for c in coder.chunks for o in c] == [f"{feed}:{i}" for i in range(1, 41)]
    one = _FakeCoder(workers=1)
    ingest([str(feed)], _FakeStore(), one, Options(batch_size=8))  # type: ignore[arg-type]
    assert [len(c) for c in one.chunks] == [8] * 5


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, []),
        (3, [(3, True)]),
        (4, [(4, True)]),
        (8, [(4, False), (4, True)]),
        (9, [(4, False), (4, False), (1, True)]),
    ],
)
def test_groups_know_which_is_the_last(n: int, expected: list[tuple[int, bool]]) -> None:
    items = iter([RawArticle(origin=str(i), text="x") for i in range(n)])
    assert [(len(group), last) for group, last in _groups(items, 4)] == expected


def test_progress_counts_the_inputs_once_the_batch_begins(tmp_path: Path) -> None:
    """The count waits until the workers are starting: they load while the parent counts."""
    feed = _jsonl(tmp_path / "feed.jsonl", 7)
    progress = progress_for([str(feed)], enabled=True)
    assert progress.total is None
    progress.begin()
    assert progress.total == 7
    assert progress_for([str(feed)], enabled=False).total is None


def test_inputs_an_earlier_run_stored_are_skipped_uncoded(tmp_path: Path) -> None:
    feed = _jsonl(tmp_path / "feed.jsonl", 6)
    fingerprint = coder_fingerprint(Options())
    raws = list(read_inputs([str(feed)]))
    done = {mark(raws[0], fingerprint): None, mark(raws[2], fingerprint): "T007"}
    store, coder = _FakeStore(done), _FakeCoder()
    summary = ingest([str(feed)], store, coder, Options(batch_size=2))  # type: ignore[arg-type]
    assert [o for c in coder.chunks for o in c] == [f"{feed}:{i}" for i in (2, 4, 5, 6)]
    assert coder.chunks[0] == [f"{feed}:2", f"{feed}:4"]  # chunks refill past skipped inputs
    assert summary.skipped == 1
    assert summary.rejected == Counter(T008=4, T007=1) and summary.rejected_earlier == 1


def test_a_bug_in_the_parse_of_one_article_costs_only_that_article(monkeypatch, parser) -> None:
    """T009: the spaCy stream breaks on one article of a chunk; the others before and
    after it are coded, each parsed again alone."""
    import thucydides.parse.nlp as nlp

    to_record = nlp.to_record

    def broken(doc):  # type: ignore[no-untyped-def]
        if "Kamba" in doc.text:
            raise IndexError("list index out of range")
        return to_record(doc)

    monkeypatch.setattr(nlp, "to_record", broken)
    texts = {
        "good": "Rebels attacked a convoy near Tora on Monday, officials said.",
        "bad": "Rebels seized the town of Kamba on Monday, officials said.",
        "also good": "Police arrested two men in Nairobi on Tuesday, officials said.",
    }
    chunk = [RawArticle(origin=o, text=t) for o, t in texts.items()]
    coded = workers.code_chunk(chunk, Options(min_chars=10))
    assert [(r.origin if isinstance(r, Rejected) else r.id) for r in coded][1] == "bad"
    assert isinstance(coded[0], ArticleRecord) and isinstance(coded[2], ArticleRecord)
    assert isinstance(coded[1], Rejected) and coded[1].code == "T009"
    assert "IndexError: list index out of range" in coded[1].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("local:3", (3, None)),
        ("local", (os.cpu_count() or 1, None)),
        ("tcp://10.0.0.5:8786", (0, "tcp://10.0.0.5:8786")),
        ("tls://scheduler:8786", (0, "tls://scheduler:8786")),
    ],
)
def test_dask_values(value: str, expected: tuple[int, str | None]) -> None:
    assert parse_dask(value) == expected


@pytest.mark.parametrize("value", ["local:0", "local:x", "http://x:8786", "tcp://", "8786"])
def test_bad_dask_values_list_the_valid_forms(value: str) -> None:
    with pytest.raises(ConfigError, match="local:N"):
        parse_dask(value)


def test_missing_dask_extra_says_what_to_install(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setitem(sys.modules, "thucydides.batch.cluster", None)  # as if not importable
    code = main(
        ["ingest", str(tmp_path / "x.txt"), "--db", str(tmp_path / "t.db"), "--dask", "local:2"]
    )
    assert code == 2
    assert 'pip install "thucydides[dask]"' in capsys.readouterr().err


def test_bad_worker_count_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ingest", "x.txt", "--workers", "0"])
    assert exc.value.code == 2
    assert "1 or more" in capsys.readouterr().err


# ---------------------------------------------------------------- the real thing


def _snapshot(folder: Path) -> dict[str, str]:
    """A copy of the package and the environment that runs it: every run of a test codes
    with the same code even if the work tree is edited meanwhile (and the coder's
    fingerprint, which covers our code, stays the same)."""
    import shutil

    import thucydides

    shutil.copytree(
        Path(thucydides.__file__).parent,
        folder / "thucydides",
        ignore=shutil.ignore_patterns("__pycache__", "samples"),
    )
    return {**os.environ, "PYTHONPATH": str(folder)}


def _ingest_command(corpus: Path, db: Path, config: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "thucydides.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--config",
        str(config),
        "--quiet",
        *extra,
    ]


def _children(pid: int) -> list[int]:
    """The pids of a process's children (from /proc: no psutil needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _kill_when(
    process: subprocess.Popen, db: Path, articles: int, timeout: float = 120
) -> list[int]:
    """SIGKILLs ``process`` once ``db`` holds at least ``articles``; returns its children."""
    deadline = time.monotonic() + timeout
    while _count(db) < articles:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no articles stored in time"
        time.sleep(0.02)
    children = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return children


def _running(pid: int) -> bool:
    """True while ``pid`` is alive (an exited orphan nobody reaps is a zombie: not alive)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to watch worker processes")
def test_sigkill_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    """Kill -9 twice while two workers code, rerun: the store is the clean run's."""
    corpus = _corpus(tmp_path / "corpus.jsonl", 24)
    config = tmp_path / "config.json"
    config.write_text('{"batch_size": 3}', encoding="utf-8")  # 8 chunks: room to kill between
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    env = _snapshot(tmp_path / "code")

    first = subprocess.Popen(_ingest_command(corpus, killed, config, "--workers", "2"), env=env)
    orphans = _kill_when(first, killed, 1)
    after_first = _count(killed)
    assert 0 < after_first < 24
    assert len(orphans) >= 2  # the workers (and the resource tracker)
    second = subprocess.Popen(_ingest_command(corpus, killed, config, "--workers", "2"), env=env)
    orphans += _kill_when(second, killed, after_first + 1)
    after_second = _count(killed)
    assert after_first < after_second < 24, "the second kill came too late to test anything"

    last = subprocess.run(
        _ingest_command(corpus, killed, config, "--workers", "2"),
        capture_output=True,
        text=True,
        env=env,
    )
    assert last.returncode == 1  # the French story and the broken line, as in a clean run
    assert f"skipped: {after_second} inputs stored by an earlier run" in last.stdout
    assert "24 articles coded" in last.stdout
    # The clean run: one process, never killed.
    subprocess.run(_ingest_command(corpus, clean, config), check=False, env=env)
    assert dump_sqlite(killed, ignore=IGNORED) == dump_sqlite(clean, ignore=IGNORED)
    # The counts kept at ingest, through two kills, equal a recount from the records.
    with open_store(str(killed)) as store:
        assert store.aggregates() == store.recount()  # type: ignore[attr-defined]
        assert store.summary().articles == 24
    assert _count(killed, "sources") == 25  # 24 stories and the French one; not the broken line

    # Workers of a killed run notice and exit within seconds: no orphans left holding a model.
    deadline = time.monotonic() + 10
    while alive := [pid for pid in orphans if _running(pid)]:
        assert time.monotonic() < deadline, f"orphaned workers {alive} outlived their parent"
        time.sleep(0.2)


@pytest.mark.slow
def test_rerun_of_a_finished_run_codes_nothing(tmp_path: Path, parser, capsys) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 2)
    db = tmp_path / "t.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 1
    before = dump_sqlite(db, ignore=IGNORED)
    capsys.readouterr()
    assert main(["ingest", str(corpus), "--db", str(db), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "2 articles coded" in out and "skipped: 2 inputs" in out
    assert "T007 NotEnglish 1 (1 in an earlier run)" in out
    assert "0 articles coded in" in out
    assert dump_sqlite(db, ignore=IGNORED) == before


@pytest.mark.slow
def test_dask_local_cluster_stores_what_one_process_stores(tmp_path: Path, parser) -> None:
    pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "corpus.jsonl", 4)
    one, dask = tmp_path / "one.db", tmp_path / "dask.db"
    assert main(["ingest", str(corpus), "--db", str(one), "--quiet"]) == 1
    assert main(["ingest", str(corpus), "--db", str(dask), "--dask", "local:2", "--quiet"]) == 1
    assert dump_sqlite(dask, ignore=IGNORED) == dump_sqlite(one, ignore=IGNORED)


@pytest.mark.slow
def test_warc_pages_are_coded_with_their_url(tmp_path: Path, parser) -> None:
    from tests.test_inputs import _warc

    story = json.loads(VOA.read_text(encoding="utf-8").splitlines()[0])
    paragraphs = "".join(f"<p>{p}</p>" for p in story["text"].split("\n") if p.strip())
    page = f"<html><head><title>{story['title']}</title></head><body><article>{paragraphs}"
    page += "</article></body></html>"
    crawl = tmp_path / "crawl.warc.gz"
    _warc(crawl, [("response", story["url"], "200 OK", "text/html", page.encode())])
    db = tmp_path / "t.db"
    assert main(["ingest", str(crawl), "--db", str(db), "--quiet"]) == 0
    con = sqlite3.connect(db)
    ((url, path),) = con.execute("SELECT url, path FROM articles").fetchall()
    ((origin,),) = con.execute("SELECT origin FROM sources").fetchall()
    con.close()
    assert (url, path, origin) == (story["url"], str(crawl), f"{crawl}#2")


@pytest.mark.slow
def test_dask_scheduler_address(tmp_path: Path, parser) -> None:
    """``--dask tcp://...`` uses a running cluster (here a local one, on loopback)."""
    distributed = pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "corpus.jsonl", 1)
    one, remote = tmp_path / "one.db", tmp_path / "remote.db"
    assert main(["ingest", str(corpus), "--db", str(one), "--quiet"]) == 1
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=":0", host="127.0.0.1"
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        assert main(["ingest", str(corpus), "--db", str(remote), "--dask", address, "--quiet"]) == 1
    assert dump_sqlite(remote, ignore=IGNORED) == dump_sqlite(one, ignore=IGNORED)


@pytest.mark.slow
def test_local_dask_workers_run_without_the_chores_that_slow_coding() -> None:
    """The workers of ``--dask local:N`` keep glibc's fast mmap threshold and run without
    Dask's profiler and its frequent monitors (docs/scale.md: 10 to 20% and about 5% of a
    worker's CPU); the settings reach the worker processes, not only this one."""
    pytest.importorskip("distributed")
    import dask

    from thucydides.batch.cluster import MMAP_THRESHOLD, QUIET_WORKERS, DaskCoder

    def settings() -> tuple[str | None, dict[str, object]]:
        return os.environ.get("MALLOC_MMAP_THRESHOLD_"), {
            key: dask.config.get(key) for key in QUIET_WORKERS
        }

    coder = DaskCoder(Options(), workers=1)
    try:
        (found,) = coder._client.run(settings).values()
    finally:
        coder.close()
    assert found == (str(MMAP_THRESHOLD), QUIET_WORKERS)
    assert found[1]["distributed.worker.profile.enabled"] is False


def _folder_with_a_repost(folder: Path) -> Path:
    """Three stories in a folder: the sample article, a VOA story, and the sample again
    with other chrome (another byline, share and advertisement lines, other trailing lines),
    as a site that reposts it would serve it."""
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    story = json.loads(VOA.read_text(encoding="utf-8").splitlines()[0])
    folder.mkdir()
    (folder / "1-meridian.txt").write_text(text, encoding="utf-8")
    (folder / "2-voa.txt").write_text(story["text"], encoding="utf-8")
    (folder / "3-repost.txt").write_text(chrome_copy(text), encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    "coder",
    [[], ["--workers", "2"], ["--dask", "local:2"]],
    ids=["one process", "two workers", "dask"],
)
def test_a_repost_is_counted_as_a_duplicate_and_a_rerun_stores_nothing_twice(
    tmp_path: Path, parser, backend, capsys, coder: list[str]
) -> None:
    if coder[0:1] == ["--dask"]:
        pytest.importorskip("distributed")
    folder = _folder_with_a_repost(tmp_path / "news")
    config = tmp_path / "config.json"
    # One article a chunk: the repost is coded by another worker than its original, and
    # stored in another transaction.
    config.write_text('{"batch_size": 1}', encoding="utf-8")
    url = backend.new_url()
    command = ["ingest", str(folder), "--db", url, "--config", str(config), "--quiet", *coder]

    assert main(command) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("3 articles coded into ")
    assert lines[0].endswith("(2 new, 0 updated, 0 unchanged), 0 inputs rejected")
    assert lines[1].startswith("  duplicates: 1 linked to their original")
    with open_store(url) as store:
        (duplicate,) = store.duplicates()
        original, repost = (store.get(d) for d in (duplicate.original_id, duplicate.article_id))
        assert (original.source.path, repost.source.path) == (
            str(folder / "1-meridian.txt"),
            str(folder / "3-repost.txt"),
        )
        assert store.summary().articles == 2
        before = backend.dump(store)

    assert main(command) == 0
    out = capsys.readouterr().out
    assert "3 articles coded into" in out and "(0 new, 0 updated, 3 unchanged)" in out
    assert "skipped: 3 inputs stored by an earlier run" in out
    assert "duplicates:" not in out
    with open_store(url) as store:
        assert backend.dump(store) == before


def test_dask_workers_that_would_code_differently_are_refused() -> None:
    pytest.importorskip("distributed")
    from thucydides.batch.cluster import DaskCoder
    from thucydides.errors import WorkerError

    class Client:
        closed = False

        def run(self, function, options):
            return {"tcp://10.0.0.7:4000": "another fingerprint"}

        def close(self) -> None:
            self.closed = True

    coder = object.__new__(DaskCoder)
    coder._cluster, coder._client = None, Client()
    with pytest.raises(WorkerError, match="10.0.0.7:4000 would code differently"):
        coder._check_workers(Options())
    assert coder._client.closed
