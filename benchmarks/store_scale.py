"""Stores of 10k, 100k... articles: every list, filter, aggregate, export and API endpoint.

The bundled VOA corpus is coded once (the records are cached in ``--work``); a store of N
articles is then built from copies of those records written through the store's own API
(``Store.upsert_many``, 500 per transaction, as ``ingest`` writes), each copy under a new
id, its words shuffled (so that no copy is a near-duplicate of another and each pays the
whole LSH lookup), every span's text read again from the shuffled text (a span is its
slice of the text, as in a coded record) and its dates moved by a week per copy over
about five years (so that dates, days and the timeline spread as a feed's would). Then,
per store:

- its size on disk, bytes per article, and the build rate;
- ingest of 89 new articles into it, against the same into an empty store;
- every CLI listing and export of all events, each in a fresh process: wall time, events
  per second and the process's peak RSS (``ru_maxrss``);
- ``thucydides serve`` in its own process: every API endpoint's first and warm answer
  time, a write while serving, and the server's peak RSS (``VmHWM``) at the end;
- that the counts kept at ingest equal a recount (``Store.recount``) at the smallest size.

Usage:
    python benchmarks/store_scale.py --sizes 10000 100000 [--work /tmp/store-scale]
        [--db postgresql://...]   # one PostgreSQL store instead (the first size only)

Prints Markdown tables; docs/scale.md holds the numbers of the last recorded run.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from importlib import resources
from pathlib import Path

from thucydides.records import ArticleRecord, EventDate
from thucydides.store import open_store

DEFAULT_CORPUS = str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl"))
BATCH = 500


def coded(work: Path) -> list[ArticleRecord]:
    """The VOA corpus coded once, cached as JSON Lines in ``work``."""
    cache = work / "voa-records.jsonl"
    if not cache.exists():
        from thucydides.config import Options
        from thucydides.pipeline import code_articles
        from thucydides.read.inputs import read_inputs

        items = code_articles(read_inputs([DEFAULT_CORPUS], Options()), Options())
        with cache.open("w", encoding="utf-8") as f:
            for item in items:
                if isinstance(item, ArticleRecord):
                    f.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
    lines = cache.read_text(encoding="utf-8").splitlines()
    return [ArticleRecord.from_dict(json.loads(line)) for line in lines]


def _moved(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day - dt.timedelta(days=days)).isoformat() + value[10:]


def copy_of(record: ArticleRecord, n: int, rng: random.Random) -> ArticleRecord:
    """Copy ``n`` of ``record``: a new id, its words shuffled, its dates n weeks earlier."""
    days = (n * 7) % 1820
    words = record.text.split(" ")
    rng.shuffle(words)
    events = tuple(
        dataclasses.replace(
            e,
            date=EventDate(
                _moved(e.date.start, days),
                _moved(e.date.end, days),
                e.date.text,
                e.date.basis,
                e.date.granularity,
            ),
        )
        for e in record.events
    )
    source = dataclasses.replace(record.source, published=_moved(record.source.published, days))
    text = " ".join(words)  # as long as the text: every span's offsets stay inside it
    copy = dataclasses.replace(
        record, id=f"{record.id}-{n}", text=text, source=source, events=events
    )
    # Every span is its slice of the text (the record's contract): read its words again.
    data = copy.as_dict()
    _reslice(data, text)
    return ArticleRecord.from_dict(data)


def _reslice(value: object, text: str) -> None:
    """Sets the text of every span (integer start and end, a text) to its slice of ``text``."""
    if isinstance(value, dict):
        if type(value.get("start")) is int and "end" in value and "text" in value:
            value["text"] = text[value["start"] : value["end"]]
        for item in value.values():
            _reslice(item, text)
    elif isinstance(value, list):
        for item in value:
            _reslice(item, text)


def copies(records: list[ArticleRecord], start: int, count: int, seed: int):
    """``count`` copies, numbered from ``start``, cycling through ``records``."""
    rng = random.Random(seed)
    for i in range(start, start + count):
        yield copy_of(records[i % len(records)], i // len(records) + 1, rng)


def build(url: str, records: list[ArticleRecord], size: int) -> float:
    """Grows the store at ``url`` to ``size`` articles; returns the articles/s of the build."""
    with open_store(url) as store:
        have = store.summary(top=0).articles
        todo = size - have
        started = time.perf_counter()
        batch: list[ArticleRecord] = []
        for record in copies(records, have, todo, seed=have):
            batch.append(record)
            if len(batch) == BATCH:
                store.upsert_many(batch)
                batch = []
                done = store.summary(top=0).articles
                if done % 10_000 < BATCH:
                    rate = (done - have) / (time.perf_counter() - started)
                    print(f"  {done} articles ({rate:.0f}/s)", file=sys.stderr, flush=True)
        if batch:
            store.upsert_many(batch)
        return todo / max(time.perf_counter() - started, 1e-9) if todo else 0.0


def ingest_89(url: str, records: list[ArticleRecord], tag: str) -> float:
    """Seconds to store 89 fresh articles (one transaction per 16, as ingest does)."""
    fresh = [
        dataclasses.replace(r, id=f"{r.id}-{tag}")
        for r in copies(records, 10_000_000, len(records), seed=99)
    ]
    with open_store(url) as store:
        started = time.perf_counter()
        for i in range(0, len(fresh), 16):
            store.upsert_many(fresh[i : i + 16])
        return time.perf_counter() - started


# VmHWM, not ru_maxrss: ru_maxrss survives exec, so a child would report this process's.
_RUN = """
import sys, time
from pathlib import Path
from thucydides.cli import main
started = time.perf_counter()
code = main(sys.argv[1:])
wall = time.perf_counter() - started
status = Path("/proc/self/status").read_text().splitlines()
peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(f"@@ {code} {wall:.3f} {peak}", file=sys.stderr)
"""


def cli(args: list[str], out: str = os.devnull) -> tuple[float, float]:
    """Runs ``thucydides ARGS`` in a fresh process; returns (wall s with imports, peak RSS
    MB)."""
    with open(out, "w") as sink:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, *args], stdout=sink, stderr=subprocess.PIPE, text=True
        )
    line = [x for x in done.stderr.splitlines() if x.startswith("@@ ")]
    if not line:
        raise RuntimeError(done.stderr[-2000:])
    _, code, wall, rss = line[-1].split()
    if code != "0":
        raise RuntimeError(f"{args}: exit {code}: {done.stderr[-1000:]}")
    return float(wall), int(rss) / 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(base: str, path: str, params: dict[str, str] | None = None) -> tuple[float, bytes]:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as answer:
        body = answer.read()
    return time.perf_counter() - started, body


def _rss(pid: int, field: str = "VmHWM") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve_numbers(
    url: str, records: list[ArticleRecord]
) -> tuple[list[tuple[str, float, float]], dict[str, float]]:
    """Times every endpoint (first and warm) against ``thucydides serve`` in a process."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "thucydides.cli", "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base, "/health")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        memory = {"started": _rss(server.pid, "VmRSS")}
        _, first = _get(base, "/events", {"limit": "1"})
        one = json.loads(first)["items"][0]
        actor = one["actors"][0]["name"] if one["actors"] else "Russia"
        day = "2024-06"  # copies' dates spread from 2020 to 2025
        asks = [
            ("/summary", {}),
            ("/events", {"limit": "50"}),
            ("/events", {"limit": "50", "offset": "100000"}),
            ("/events", {"type": "ASSAULT", "limit": "50"}),
            ("/events", {"actor": actor.split()[-1], "limit": "50"}),
            ("/events", {"country": "USA", "limit": "50"}),
            ("/events", {"since": f"{day}-01", "until": f"{day}-28", "limit": "50"}),
            ("/events", {"text": "ceasefire", "limit": "50"}),
            ("/events", {"sort": "-confidence", "limit": "50"}),
            (f"/events/{one['article_id']}/{one['event_id']}", {}),
            (f"/articles/{one['article_id']}", {}),
            ("/actors", {"limit": "50"}),
            ("/actors", {"type": "ASSAULT", "limit": "50"}),
            ("/places", {"limit": "50"}),
            ("/quotes", {"limit": "50"}),
            ("/quotes", {"actor": actor.split()[-1], "limit": "50"}),
            ("/articles", {"limit": "50"}),
            ("/timeline", {}),
            ("/timeline", {"type": "ASSAULT"}),
            ("/network", {"type": "ASSAULT"}),
            ("/network", {"actor": actor.split()[-1]}),
            ("/map", {"type": "ASSAULT"}),
            ("/network", {}),
            ("/map", {}),
            ("/export", {"format": "csv", "type": "ASSAULT", "since": f"{day}-01"}),
        ]
        timings = []
        for path, params in asks:
            first_s, _ = _get(base, path, params)
            warm_s, _ = _get(base, path, params)
            shown = path + ("?" + urllib.parse.urlencode(params) if params else "")
            timings.append((shown, first_s, warm_s))
        # A write while serving: the next request reads it, nothing is rebuilt.
        with open_store(url) as store:
            store.upsert(next(copies(records, 20_000_000, 1, seed=5)))
        after, _ = _get(base, "/events", {"limit": "50"})
        summary_after, _ = _get(base, "/summary")
        timings.append(("/events?limit=50 after a write", after, after))
        timings.append(("/summary after a write", summary_after, summary_after))
        memory["peak"] = _rss(server.pid)
        return timings, memory
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(
    url: str, path: Path | None, records: list[ArticleRecord], size: int, work: Path
) -> None:
    print(f"\n## {size:,} articles ({url})\n")
    with open_store(url) as store:
        summary_started = time.perf_counter()
        summary = store.summary()
        summary_s = time.perf_counter() - summary_started
    events = summary.events
    if path is not None:
        total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        print(
            f"store: {total / 1e6:,.0f} MB, {total / size / 1e3:.1f} KB per article, "
            f"{events:,} events; summary() {summary_s:.3f} s"
        )
    else:
        print(f"{events:,} events; summary() {summary_s:.3f} s")
    print("\n| command (all events) | wall s | events/s | peak RSS MB |\n|---|---|---|---|")
    every = ["--include-modality", "all"]
    parquet = ["--out", str(work / "events-by-month") + "/"]
    shutil.rmtree(work / "events-by-month", ignore_errors=True)
    commands = [
        ("events --format csv", ["events", "--format", "csv"]),
        ("events --format jsonl", ["events", "--format", "jsonl"]),
        ("events --type ASSAULT (csv)", ["events", "--type", "ASSAULT", "--format", "csv"]),
        ("export --format csv", ["export", "--format", "csv", *every]),
        ("export --format polecat-tsv", ["export", "--format", "polecat-tsv", *every]),
        ("export --format parquet --out DIR/", ["export", "--format", "parquet", *every, *parquet]),
    ]
    if size > 20_000:  # the slowest two, whose growth 10k shows: the run fits in an hour
        commands = [c for c in commands if "jsonl" not in c[0] and "parquet" not in c[0]]
    for name, command in commands:
        args, out = [*command, "--db", url], os.devnull
        wall, rss = cli(args, out)
        n = events if "ASSAULT" not in name else dict(summary.events_by_type).get("ASSAULT", 0)
        print(f"| `{name}` | {wall:.1f} | {n / wall:,.0f} | {rss:,.0f} |", flush=True)
    timings, memory = serve_numbers(url, records)
    print("\n| endpoint | first s | warm s |\n|---|---|---|")
    for shown, first_s, warm_s in timings:
        print(f"| `{shown}` | {first_s:.3f} | {warm_s:.3f} |", flush=True)
    print(f"\nserve RSS: {memory['started']:.0f} MB at start, peak {memory['peak']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/store-scale"))
    parser.add_argument("--db", help="a PostgreSQL URL to use instead of SQLite files")
    parser.add_argument(
        "--check", action="store_true", help="check aggregates == recount (smallest size)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    records = coded(args.work)
    print(f"{len(records)} coded VOA records; {sum(len(r.events) for r in records)} events")
    from thucydides.store import dedupe

    dedupe.buckets(dedupe.shingles(records[0].text))  # imports datasketch before timing
    runs = []
    for run in range(3):
        empty = args.work / f"empty-{run}.db"
        for leftover in args.work.glob(f"empty-{run}.db*"):
            leftover.unlink()
        runs.append(ingest_89(str(empty), records, f"empty{run}"))
    baseline = statistics.median(runs)
    print(
        f"ingest of {len(records)} articles into an empty store: {baseline:.2f} s"
        f" (median of {', '.join(f'{r:.2f}' for r in runs)})"
    )
    previous: Path | None = None
    for size in args.sizes:
        if args.db:
            url, path = args.db, None
        else:
            path = args.work / f"store-{size}.db"
            smaller = sorted(
                (int(p.stem.split("-")[1]), p)
                for p in args.work.glob("store-*.db")
                if p.stem.split("-")[1].isdigit() and int(p.stem.split("-")[1]) < size
            )
            if previous is None and smaller:
                previous = smaller[-1][1]
            if not path.exists() and previous is not None:
                shutil.copy(previous, path)  # grow the last store instead of starting over
            url = str(path)
        started = time.perf_counter()
        rate = build(url, records, size)
        print(
            f"built {size:,} articles in {time.perf_counter() - started:.0f} s"
            f" ({rate:.0f} articles/s added)",
            flush=True,
        )
        if args.check and size == min(args.sizes):
            with open_store(url) as store:
                print("aggregates equal a recount:", store.aggregates() == store.recount())
        into = args.work / f"into-{size}.db"
        if path is not None:
            shutil.copy(path, into)
            # Interleaved with fresh empty stores, so that a busy machine weighs on both.
            empties, bigs = [], []
            for run in range(3):
                empty = args.work / f"empty-{size}-{run}.db"
                empties.append(ingest_89(str(empty), records, f"e{size}-{run}"))
                bigs.append(ingest_89(str(into), records, f"big{run}"))
            for leftover in [*args.work.glob(into.name + "*"), *args.work.glob("empty-*")]:
                leftover.unlink()
            taken, baseline = statistics.median(bigs), statistics.median(empties)
            print(
                f"ingest of {len(records)} new articles (16 per transaction), medians of 3"
                f" interleaved runs: into this store {taken:.2f} s"
                f" ({', '.join(f'{r:.2f}' for r in bigs)}), into an empty one {baseline:.2f} s"
                f" ({', '.join(f'{r:.2f}' for r in empties)}): {taken / baseline:.2f}x"
            )
        measure(url, path, records, size, args.work)
        previous = path
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n(benchmark process peak RSS {maxrss:.0f} MB)")


if __name__ == "__main__":
    main()
