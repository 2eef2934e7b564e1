"""How near-duplicate detection (``store/dedupe.py``) behaves on the VOA corpus.

1. Precision: every pair of the corpus's cleaned texts is compared exactly (Jaccard of
   5-word shingles) and through the store's LSH path; the pairs flagged are printed with
   their titles to be checked by eye, with the highest similarity of any unflagged pair.
2. Recall: every article is copied with page chrome added (to the cleaned text: the worst
   case, where the cleaner left all of it), with its last tenth cut, and with one word in
   N replaced; each copy is stored after the originals and counted as found when it is
   linked to its own original.

Usage:
    python benchmarks/dedupe_voa.py [--corpus FILE.jsonl]

Prints Markdown; docs/store.md holds the numbers of the last recorded run.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import tempfile
import time
from collections import Counter
from importlib import resources
from pathlib import Path

from thucydides.config import Options
from thucydides.pipeline import code_articles
from thucydides.read.inputs import read_inputs
from thucydides.records import ArticleRecord
from thucydides.store import dedupe, open_store

DEFAULT_CORPUS = str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl"))

CHROME_HEAD = "Share this\nAdvertisement\nBy VOA News staff | Updated 2 hours ago\n\n"
CHROME_TAIL = (
    "\n\nFollow us on Telegram for the latest updates.\nRelated: more stories from this "
    "region\nSign up for our newsletter\n© 2025 All rights reserved."
)


def coded(corpus: str) -> list[ArticleRecord]:
    """The corpus coded by the real pipeline (rejections dropped)."""
    items = code_articles(read_inputs([corpus], Options()), Options())
    return [r for r in items if isinstance(r, ArticleRecord)]


def replace_words(text: str, every: int, seed: int) -> str:
    """The text with one word in ``every`` (at random) replaced by a new word."""
    rng = random.Random(seed)
    words = text.split(" ")
    return " ".join(f"zz{rng.randrange(10**6)}" if rng.random() < 1 / every else w for w in words)


def cut(text: str, keep: float) -> str:
    """The first ``keep`` share of the text's words."""
    words = text.split(" ")
    return " ".join(words[: int(len(words) * keep)])


def precision(records: list[ArticleRecord]) -> None:
    shingles = {r.id: dedupe.shingles(r.text) for r in records}
    buckets = {r.id: set(dedupe.buckets(shingles[r.id])) for r in records}
    titles = {r.id: (r.source.title or r.id)[:60] for r in records}
    pairs = list(itertools.combinations(records, 2))
    sims = sorted(
        ((dedupe.jaccard(shingles[a.id], shingles[b.id]), a.id, b.id) for a, b in pairs),
        reverse=True,
    )
    candidates = sum(1 for a, b in pairs if buckets[a.id] & buckets[b.id])
    with tempfile.TemporaryDirectory() as folder:
        with open_store(str(Path(folder) / "voa.db")) as store:
            store.upsert_many(records)
            flagged = store.duplicates()
    print(f"- articles: {len(records)}, pairs: {len(pairs)}")
    print(f"- pairs sharing an LSH bucket (candidates checked exactly): {candidates}")
    print(f"- pairs at Jaccard >= {dedupe.THRESHOLD}: {sum(1 for s, *_ in sims if s >= 0.8)}")
    print(f"- articles linked as duplicates by the store: {len(flagged)}")
    for d in flagged:
        print(f"  - {titles[d.article_id]!r} -> {titles[d.original_id]!r} ({d.similarity:.3f})")
    print("- most similar pairs:")
    for sim, a, b in sims[:5]:
        print(f"  - {sim:.3f} {titles[a]!r} ~ {titles[b]!r}")
    bands = Counter(min(int(s * 10), 9) / 10 for s, *_ in sims)
    print("- pairs by Jaccard: " + ", ".join(f"{k:.1f}+: {v}" for k, v in sorted(bands.items())))


def recall(records: list[ArticleRecord]) -> None:
    variants = {
        "chrome added (head and tail)": lambda r, i: CHROME_HEAD + r.text + CHROME_TAIL,
        "last tenth of the words cut": lambda r, i: cut(r.text, 0.9),
        "1 word in 50 replaced": lambda r, i: replace_words(r.text, 50, i),
        "1 word in 25 replaced": lambda r, i: replace_words(r.text, 25, i),
        "1 word in 15 replaced": lambda r, i: replace_words(r.text, 15, i),
        "1 word in 8 replaced": lambda r, i: replace_words(r.text, 8, i),
    }
    print("| copy | mean Jaccard | at >= 0.8 | linked to its original | wrong links |")
    print("|---|---|---|---|---|")
    for name, change in variants.items():
        copies = [
            dataclasses.replace(r, id=f"copy-{r.id}", text=change(r, i))
            for i, r in enumerate(records)
        ]
        sims = [
            dedupe.jaccard(dedupe.shingles(r.text), dedupe.shingles(c.text))
            for r, c in zip(records, copies, strict=True)
        ]
        above = sum(1 for s in sims if s >= dedupe.THRESHOLD)
        with tempfile.TemporaryDirectory() as folder:
            with open_store(str(Path(folder) / "voa.db")) as store:
                store.upsert_many(records)
                store.upsert_many(copies)
                found = {d.article_id: d.original_id for d in store.duplicates()}
        right = sum(1 for r in records if found.get(f"copy-{r.id}") == r.id)
        wrong = sum(1 for dup, orig in found.items() if dup != f"copy-{orig}")
        mean = sum(sims) / len(sims)
        n = len(records)
        print(f"| {name} | {mean:.3f} | {above}/{n} | {right}/{n} | {wrong} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = parser.parse_args()
    start = time.perf_counter()
    records = coded(args.corpus)
    print(f"(coded {len(records)} articles in {time.perf_counter() - start:.1f} s)\n")
    print("## Precision: the corpus against itself\n")
    precision(records)
    print("\n## Recall: copies of every article\n")
    recall(records)


if __name__ == "__main__":
    main()
