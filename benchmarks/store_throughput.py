"""Upsert throughput of each store backend, with the near-duplicate check included.

The VOA corpus is coded once; its records are then written N times over under new ids,
each copy's words shuffled (so that no copy is a near-duplicate of another and every
write pays the full LSH lookup without a match), in batches of ``--batch`` records per
transaction, as ``ingest`` writes them. Then the same records are written again
("unchanged": the content-hash check alone), and a batch of true near-duplicates
(the chrome copies of the originals) is written to time the exact check of candidates.

Usage:
    python benchmarks/store_throughput.py [--copies 20] [--batch 100]
        [--postgres postgresql://user:pw@host/db]   # else $THUCYDIDES_TEST_POSTGRES

Prints a Markdown table; docs/store.md holds the numbers of the last recorded run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from thucydides.config import Options
from thucydides.pipeline import code_articles
from thucydides.read.inputs import read_inputs
from thucydides.records import ArticleRecord
from thucydides.store import dedupe, open_store

DEFAULT_CORPUS = str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl"))


def coded(corpus: str) -> list[ArticleRecord]:
    items = code_articles(read_inputs([corpus], Options()), Options())
    return [r for r in items if isinstance(r, ArticleRecord)]


def shuffled_copies(records: list[ArticleRecord], copies: int) -> list[ArticleRecord]:
    rng = random.Random(7)
    out = []
    for n in range(copies):
        for r in records:
            words = r.text.split(" ")
            rng.shuffle(words)
            out.append(dataclasses.replace(r, id=f"{r.id}-{n}", text=" ".join(words)))
    return out


def timed(store, records: list[ArticleRecord], batch: int) -> tuple[float, dict[str, int]]:
    outcomes: dict[str, int] = {}
    start = time.perf_counter()
    for i in range(0, len(records), batch):
        for k, v in store.upsert_many(records[i : i + batch]).items():
            outcomes[k] = outcomes.get(k, 0) + v
    return time.perf_counter() - start, outcomes


def measure(name: str, opener: Callable[[], object], records, chrome, batch: int) -> None:
    rows = len(records)
    with opener() as store:  # type: ignore[attr-defined]
        first, _ = timed(store, records, batch)
        again, outcome = timed(store, records, batch)
        assert outcome == {"unchanged": rows}, outcome
        copies, _ = timed(store, chrome, batch)
        linked = len(store.duplicates())
        children = sum(store.counts().values()) - store.counts()["articles"]
    print(
        f"| {name} | {rows} | {rows / first:.0f} | {rows / again:.0f} "
        f"| {len(chrome) / copies:.0f} ({linked} linked) | {children / rows:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--postgres", default=os.environ.get("THUCYDIDES_TEST_POSTGRES"))
    args = parser.parse_args()
    originals = coded(args.corpus)
    records = shuffled_copies(originals, args.copies)
    chrome = [
        dataclasses.replace(r, id=f"{r.id}-0-copy", text="Share this\nAdvertisement\n" + r.text)
        for r in records[: len(originals)]
    ]
    start = time.perf_counter()
    for r in records[:500]:
        dedupe.buckets(dedupe.shingles(r.text))
    per_record = (time.perf_counter() - start) / min(500, len(records))
    print(f"(shingles + MinHash + buckets alone: {1 / per_record:.0f} records/s)\n")
    print(
        "| backend | records | new, records/s | unchanged, records/s "
        "| near-duplicates, records/s | child rows per record |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.db")
        measure("SQLite (WAL)", lambda: open_store(path), records, chrome, args.batch)
    if args.postgres:
        import psycopg

        schema = f"bench_{os.getpid()}"
        admin = psycopg.connect(args.postgres, autocommit=True)
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            joiner = "&" if "?" in args.postgres else "?"
            url = f"{args.postgres}{joiner}options=-csearch_path%3D{schema}"
            measure("PostgreSQL", lambda: open_store(url), records, chrome, args.batch)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
            admin.close()
    else:
        print("\n(no PostgreSQL: give --postgres URL or set THUCYDIDES_TEST_POSTGRES)")


if __name__ == "__main__":
    main()
