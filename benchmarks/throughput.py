"""Throughput and memory of ``thucydides code`` next to a bare spaCy pass, in the same run.

Each measurement runs in its own fresh Python process so peak memory (max RSS) is its own:

- ``spacy``: ``nlp.pipe`` over the corpus texts with the same model and batch size: the floor.
- ``thucydides``: the library path of ``thucydides code`` (read, clean, detect language,
  parse, extract, serialise every record to JSON).
- ``rules``: the same with the trigger judge switched off (``Options.event_judge``), the
  rule coder alone, so the judge's cost is the difference of two rows of one run.
- ``cli``: the ``thucydides code`` command end to end, wall time including model load.

Usage:
    python benchmarks/throughput.py [--corpus FILE.jsonl] [--repeat N]

Prints a Markdown table; docs/benchmarks.md holds the numbers of the last recorded run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

DEFAULT_CORPUS = str(resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl"))


def _texts(corpus: str, repeat: int) -> list[str]:
    with open(corpus, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()] * repeat


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_spacy(corpus: str, repeat: int) -> dict[str, float]:
    """Bare spaCy: the same model and batch size over the same texts."""
    import spacy

    from thucydides.config import Options

    options = Options()
    nlp = spacy.load(options.model)
    texts = _texts(corpus, repeat)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=options.batch_size):
        pass
    return {"seconds": time.perf_counter() - start, "docs": len(texts), "peak_mb": _peak_mb()}


def measure_thucydides(corpus: str, repeat: int, judge: bool = True) -> dict[str, float]:
    """The library path of ``thucydides code``, records serialised to JSON and dropped;
    ``judge=False`` codes with the rules alone (``Options.event_judge`` off)."""
    from thucydides.config import Options
    from thucydides.parse.nlp import Parser
    from thucydides.pipeline import code_articles
    from thucydides.read.inputs import read_inputs
    from thucydides.records import ArticleRecord

    options = Options(event_judge=judge)
    parser = Parser(options.model, options.batch_size)
    start = time.perf_counter()
    docs = 0
    for _ in range(repeat):
        for item in code_articles(read_inputs([corpus], options), options, parser):
            if isinstance(item, ArticleRecord):
                json.dumps(item.as_dict(), ensure_ascii=False)
                docs += 1
    return {"seconds": time.perf_counter() - start, "docs": docs, "peak_mb": _peak_mb()}


def measure_cli(corpus: str) -> dict[str, float]:
    """``thucydides code CORPUS`` as a user runs it, model load included."""
    exe = Path(sys.executable).with_name("thucydides")
    start = time.perf_counter()
    subprocess.run([str(exe), "code", corpus, "--quiet"], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "docs": len(_texts(corpus, 1)), "peak_mb": peak}


#: The row name of each measurement.
_ROWS = {
    "spacy": "bare spaCy (nlp.pipe)",
    "thucydides": "thucydides code (library)",
    "rules": "thucydides code, rules alone (event_judge off)",
}


def _child(mode: str, corpus: str, repeat: int) -> dict[str, float]:
    """Runs one measurement in a fresh interpreter and returns its result."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--corpus", corpus, "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="JSON Lines with a text field")
    ap.add_argument("--repeat", type=int, default=1, help="code the corpus this many times")
    modes = ["spacy", "thucydides", "rules", "cli"]
    ap.add_argument("--child", choices=modes, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run = {
            "spacy": lambda: measure_spacy(args.corpus, args.repeat),
            "thucydides": lambda: measure_thucydides(args.corpus, args.repeat),
            "rules": lambda: measure_thucydides(args.corpus, args.repeat, judge=False),
            "cli": lambda: measure_cli(args.corpus),
        }[args.child]
        print(json.dumps(run()))
        return

    words = sum(len(t.split()) for t in _texts(args.corpus, args.repeat))
    modes = ("spacy", "thucydides", "rules")
    results = {mode: _child(mode, args.corpus, args.repeat) for mode in modes}
    cli = _child("cli", args.corpus, 1)
    base = results["spacy"]["seconds"]
    print(
        f"corpus: {Path(args.corpus).name} x{args.repeat}, {words:,} words, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n"
    )
    print("| pipeline | docs | seconds | docs/s | words/s | peak RSS MB | time vs spaCy |")
    print("|---|---|---|---|---|---|---|")
    for mode, r in results.items():
        print(
            f"| {_ROWS[mode]} "
            f"| {r['docs']:.0f} | {r['seconds']:.1f} | {r['docs'] / r['seconds']:.1f} "
            f"| {words / r['seconds']:,.0f} | {r['peak_mb']:.0f} | {r['seconds'] / base:.2f}x |"
        )
    print(
        f"| `thucydides code` CLI, load included | {cli['docs']:.0f} | {cli['seconds']:.1f} "
        f"| {cli['docs'] / cli['seconds']:.1f} | {words / args.repeat / cli['seconds']:,.0f} "
        f"| {cli['peak_mb']:.0f} | |"
    )


if __name__ == "__main__":
    main()
