"""Scale-out of ``thucydides ingest``: one process vs a process pool vs a local Dask cluster.

Each configuration runs ``ingest_paths`` (the library behind ``thucydides ingest``) over
the same corpus into a fresh SQLite store, in its own fresh Python process, while this
script samples the resident memory (RSS) of that process and of every process under it
(pool workers; Dask nannies and workers) every 0.1 s.

Reported per configuration:

- ``wall s``: the child process from start to exit: imports, starting the workers (each
  loads the spaCy model, knowledge and gazetteer once), coding, storing: what a user waits.
- ``docs/s``: articles over that wall time.
- ``steady docs/s``: articles stored after the first chunk over the time from the first
  stored chunk to the last: throughput once every worker is up, start-up excluded.
- peak RSS of the parent (reads inputs, writes the store) and of the largest worker.

``--sigkill N`` instead checks crash safety on the bundled corpus (not repeated): it
codes it once cleanly with one process, then with the workers, SIGKILLing that run N times
at random moments after some article is committed and rerunning it, and compares the
row counts and the content of every table with the clean run's.

Usage:
    python benchmarks/scale.py [--repeat 2] [--workers 2] [--runs 1] [--wait-idle 60]
    python benchmarks/scale.py --sigkill 3

``--wait-idle S`` waits up to S seconds before each run for the machine to be idle (under
15% of the CPUs busy over 3 s), since other work on a 2-core machine skews every number.
With ``--runs N`` the configurations run back to back N times (a series each); besides the
medians, the wall-time ratios within each series are listed with their median.
docs/scale.md holds the numbers of the last recorded run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

DEFAULT_CORPUS = str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl"))


def make_corpus(source: str, repeat: int, out: Path) -> int:
    """Writes ``source`` ``repeat`` times with fresh ids, so every copy is a new article."""
    lines = [json.loads(line) for line in Path(source).read_text("utf-8").splitlines() if line]
    with out.open("w", encoding="utf-8") as f:
        for copy in range(repeat):
            for story in lines:
                story = dict(story, id=f"{story['id']}-{copy}" if copy else story["id"])
                f.write(json.dumps(story, ensure_ascii=False) + "\n")
    return len(lines) * repeat


def child(corpus: str, db: str, workers: int, dask: str | None, batch_size: int | None) -> None:
    """Runs one ingest and prints its timings as JSON on the last line."""
    from thucydides.batch.ingest import ingest_paths
    from thucydides.batch.progress import Progress
    from thucydides.config import Options

    class Timeline(Progress):
        """Keeps when each chunk was stored."""

        def __init__(self) -> None:
            super().__init__(enabled=False)
            self.marks: list[tuple[float, int]] = []

        def advance(self, inputs: int, coded: int = 0) -> None:
            super().advance(inputs, coded)
            if coded:
                self.marks.append((time.monotonic(), self.coded))

    options = Options() if batch_size is None else Options(batch_size=batch_size)
    timeline = Timeline()
    started = time.monotonic()
    summary = ingest_paths([corpus], db, options, workers=workers, dask=dask, progress=timeline)
    ended = time.monotonic()
    (t0, n0), (t1, n1) = timeline.marks[0], timeline.marks[-1]
    print(
        json.dumps(
            {
                "coded": summary.coded_now,
                "ingest_seconds": ended - started,
                "steady_rate": (n1 - n0) / (t1 - t0) if t1 > t0 else None,
                "workers": summary.workers,
            }
        )
    )


def _tree_rss(
    pid: int, peaks: dict[int, tuple[int, str]], cpu: dict[int, float], stop: threading.Event
) -> None:
    """Samples the RSS of ``pid`` and its descendants until ``stop``; keeps each one's peak
    RSS and its last CPU time (user + system)."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in procs:
            try:
                rss = proc.memory_info().rss
                role = " ".join(proc.cmdline())[-80:]
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            if rss > peaks.get(proc.pid, (0, ""))[0]:
                peaks[proc.pid] = (rss, role)
        stop.wait(0.1)


def _busy_share(seconds: float = 3.0) -> float:
    """The share of all CPU time spent busy over ``seconds``, from /proc/stat."""

    def read() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields), idle

    total0, idle0 = read()
    time.sleep(seconds)
    total1, idle1 = read()
    return 1 - (idle1 - idle0) / max(total1 - total0, 1)


def wait_idle(limit: float) -> float:
    """Waits up to ``limit`` seconds for the machine to be idle; returns the busy share."""
    deadline = time.monotonic() + limit
    busy = _busy_share()
    while busy > 0.15 and time.monotonic() < deadline:
        busy = _busy_share()
    return busy


def measure(corpus: Path, workers: int, dask: str | None, batch_size: int | None) -> dict:
    """Runs one configuration in a fresh process; returns its numbers."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "scale.db")
        command = [sys.executable, __file__, "--child", str(corpus), db, str(workers)]
        command += ["--dask-arg", dask or "", "--batch-size", str(batch_size or 0)]
        peaks: dict[int, tuple[int, str]] = {}
        cpu: dict[int, float] = {}
        stop = threading.Event()
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        sampler = threading.Thread(target=_tree_rss, args=(process.pid, peaks, cpu, stop))
        sampler.start()
        out, _ = process.communicate()
        wall = time.monotonic() - started
        stop.set()
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"the run failed: {command}")
    result = json.loads(out.strip().splitlines()[-1])
    parent_rss = peaks.pop(process.pid, (0, ""))[0]
    # Workers are the processes that loaded the model; Dask nannies, the resource tracker
    # and the like stay far below 200 MB.
    workers = [p for p, (rss, _) in peaks.items() if rss > 200 * 2**20]
    worker_rss = sorted((peaks[p][0] for p in workers), reverse=True)
    return {
        **result,
        "wall": wall,
        "rate": result["coded"] / wall,
        "parent_mb": parent_rss / 2**20,
        "worker_mb": [r / 2**20 for r in worker_rss],
        "other_mb": sum(rss for rss, _ in peaks.values() if rss <= 200 * 2**20) / 2**20,
        # CPU seconds of the parent and of the workers: how busy each was over ``wall``.
        "parent_cpu": cpu.get(process.pid, 0.0),
        "worker_cpu": sorted((cpu.get(p, 0.0) for p in workers), reverse=True),
    }


def _rows(db: Path) -> dict[str, list[str]]:
    """Every row of every table, sorted; when a rejection was seen is left out."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {}
        for name in names:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({name})")]
            kept = ", ".join(f'"{c}"' for c in columns if c != "seen_at")
            rows[name] = sorted(map(repr, con.execute(f"SELECT {kept} FROM {name}")))
        return rows
    finally:
        con.close()


def _articles(db: Path) -> int:
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def sigkill_check(corpus: str, kills: int, workers: int) -> None:
    """Kills a worker run ``kills`` times, reruns it, compares it with a clean run."""
    import random
    import signal

    exe = [sys.executable, "-m", "thucydides.cli", "ingest", corpus, "--quiet"]
    with tempfile.TemporaryDirectory() as tmp:
        clean, killed = Path(tmp) / "clean.db", Path(tmp) / "killed.db"
        subprocess.run([*exe, "--db", str(clean)], check=False, stdout=subprocess.DEVNULL)
        total = _articles(clean)
        log = []
        for _ in range(kills):
            before = _articles(killed)
            run = subprocess.Popen(
                [*exe, "--db", str(killed), "--workers", str(workers)], stdout=subprocess.DEVNULL
            )
            # A random moment once at least one more chunk is in: maybe mid-transaction.
            while _articles(killed) <= before and run.poll() is None:
                time.sleep(0.05)
            time.sleep(random.uniform(0, 0.5))
            if run.poll() is not None:
                log.append(f"{_articles(killed)} (finished before the kill)")
                continue
            run.send_signal(signal.SIGKILL)
            run.wait()
            log.append(str(_articles(killed)))
        done = subprocess.run(
            [*exe, "--db", str(killed), "--workers", str(workers)],
            check=False,
            capture_output=True,
            text=True,
        )
        a, b = _rows(clean), _rows(killed)
    print(f"articles stored when each of the {kills} SIGKILLs hit: {', '.join(log)} of {total}")
    print(f"last run: {done.stdout.splitlines()[0]}")
    print(next((line.strip() for line in done.stdout.splitlines() if "skipped" in line), ""))
    print("\n| table | clean run rows | killed and rerun rows | same content |\n|---|---|---|---|")
    for name in sorted(a):
        print(f"| {name} | {len(a[name])} | {len(b.get(name, []))} | {a[name] == b.get(name)} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="JSON Lines with id and text")
    ap.add_argument("--repeat", type=int, default=2, help="copies of the corpus (fresh ids)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the pool and Dask")
    ap.add_argument("--runs", type=int, default=1, help="runs of each configuration (median)")
    ap.add_argument("--batch-size", type=int, default=0, help="articles per chunk (0: default)")
    ap.add_argument("--wait-idle", type=float, default=0, help="seconds to wait for idle CPUs")
    ap.add_argument("--sigkill", type=int, default=0, help="check crash safety, N kills")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--dask-arg", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        corpus, db, workers = args.child
        child(corpus, db, int(workers), args.dask_arg or None, args.batch_size or None)
        return
    if args.sigkill:
        sigkill_check(args.corpus, args.sigkill, args.workers)
        return

    n = args.workers
    configs = [
        ("1 process", 1, None),
        (f"process pool, {n} workers", n, None),
        (f"Dask local:{n}", 1, f"local:{n}"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs = make_corpus(args.corpus, args.repeat, corpus)
        results: dict[str, list[dict]] = {name: [] for name, _, _ in configs}
        busy: list[float] = []
        for _ in range(args.runs):
            for name, workers, dask in configs:
                if args.wait_idle:
                    busy.append(wait_idle(args.wait_idle))
                results[name].append(measure(corpus, workers, dask, args.batch_size or None))
                print(f"  {name}: {results[name][-1]['wall']:.1f} s", file=sys.stderr)

    def median(name: str, key: str) -> float:
        return statistics.median(r[key] for r in results[name])

    base_rate, base_steady = median("1 process", "rate"), median("1 process", "steady_rate")
    pool = f"process pool, {n} workers"
    print(
        f"corpus: {Path(args.corpus).name} x{args.repeat} = {docs} articles, {os.cpu_count()} "
        f"cores, Python {sys.version.split()[0]}, median of {args.runs} run(s)"
        + (f", CPUs busy before runs: {max(busy):.0%} at most" if busy else "")
        + "\n"
    )
    print(
        "| configuration | wall s | docs/s | speedup | steady docs/s | steady speedup "
        "| vs pool (wall / steady) | parent peak MB | peak MB per worker | CPU s parent / workers |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, _, _ in configs:
        rate, steady = median(name, "rate"), median(name, "steady_rate")
        # One process codes in the parent: its peak is the worker's.
        workers_mb = max(max(r["worker_mb"], default=r["parent_mb"]) for r in results[name])
        versus = ""
        if name != "1 process":
            versus = (
                f"{rate / median(pool, 'rate'):.2f}x / {steady / median(pool, 'steady_rate'):.2f}x"
            )
        print(
            f"| {name} | {median(name, 'wall'):.1f} | {rate:.2f} | {rate / base_rate:.2f}x "
            f"| {steady:.2f} | {steady / base_steady:.2f}x | {versus} "
            f"| {max(r['parent_mb'] for r in results[name]):.0f} | {workers_mb:.0f} "
            f"| {_cpu(results[name])} |"
        )
    if args.runs > 1:
        # Each series runs the configurations back to back: a ratio within one series is
        # less exposed to the machine's speed drifting between series than a ratio of medians.
        print()
        for name, base in (
            (pool, "1 process"),
            (f"Dask local:{n}", "1 process"),
            (f"Dask local:{n}", pool),
        ):
            ratios = [
                b["wall"] / r["wall"] for r, b in zip(results[name], results[base], strict=True)
            ]
            listed = ", ".join(f"{x:.2f}x" for x in ratios)
            print(
                f"{name} vs {base}, wall, within each series: {listed}; "
                f"median {statistics.median(ratios):.2f}x"
            )


def _cpu(runs: list[dict]) -> str:
    """The CPU seconds of the median run by wall time: parent / each worker."""
    run = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
    workers = " + ".join(f"{c:.1f}" for c in run["worker_cpu"]) or "(in the parent)"
    return f"{run['parent_cpu']:.1f} / {workers}"


if __name__ == "__main__":
    main()
