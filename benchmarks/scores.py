"""The numbers to report with every extraction change, in one table.

Usage:
    python benchmarks/scores.py [--shared ../shared] [--throughput] [--json] [--rules-only]

Prints, measured in this run:

* the whole-article dev set (``benchmarks/data/voa-dev``, 30 VOA stories coded by hand):
  events with type, actor and recipient; type only; quotes with speaker; places;
* the sentence gold sets, when ``../shared/data/gold`` is there: PLOVER gold event F1 with
  actor and recipient country accuracy, and PETRARCH validation;
* with ``--throughput``, the ratio of ``thucydides code`` to the bare spaCy pass over the
  bundled corpus in the same run (``benchmarks/throughput.py``), and its peak memory.

The gold sets are test sets: this prints their totals, never their errors.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from thucydides.article_eval import evaluate_articles
from thucydides.config import Options
from thucydides.evaluate import evaluate
from thucydides.parse.nlp import Parser

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO / "benchmarks" / "data" / "voa-dev"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--throughput", action="store_true", help="also run benchmarks/throughput.py")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument(
        "--rules-only", action="store_true", help="code without the trigger judge (event_judge)"
    )
    args = ap.parse_args(argv)
    parser = Parser()
    rows: dict[str, Any] = {}
    options = Options(event_judge=not args.rules_only)
    dev = evaluate_articles(DEV_SET, parser=parser, options=options)
    for name, score in (
        ("dev: events, type+actor+recipient", dev.events),
        ("dev: events, type only", dev.type_only),
        ("dev: quotes with speaker", dev.quotes),
        ("dev: places", dev.places),
    ):
        rows[name] = {"P": score.precision, "R": score.recall, "F1": score.f1}
    gold = args.shared / "data" / "gold"
    for name, file in (
        ("PLOVER gold", "plover_gsr.jsonl"),
        ("PETRARCH validation", "petrarch_validation.jsonl"),
    ):
        if not (gold / file).is_file():
            rows[name] = {"skipped": f"{gold / file} is not there"}
            continue
        report = evaluate(gold / file, parser=parser, options=options)
        rows[name] = {
            "P": report.micro.precision,
            "R": report.micro.recall,
            "F1": report.micro.f1,
            "actor country": report.actor_country.value,
            "recipient country": report.recipient_country.value,
        }
    if args.throughput:
        out = subprocess.run(
            [sys.executable, str(REPO / "benchmarks" / "throughput.py")],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        library = next(line for line in out.splitlines() if "thucydides code (library)" in line)
        cells = [c.strip() for c in library.strip("|").split("|")]
        ratio = re.sub(r"x$", "", cells[-1])
        rows["throughput"] = {"ratio to bare spaCy": float(ratio), "peak RSS MB": float(cells[-2])}
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| measure | P | R | F1 | other |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        if "skipped" in r:
            print(f"| {name} | | | | skipped: {r['skipped']} |")
            continue
        other = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) and v < 10 else f"{k} {v:g}"
                          for k, v in r.items() if k not in ("P", "R", "F1"))  # fmt: skip
        p, rec, f1 = (f"{r[k]:.3f}" if k in r else "" for k in ("P", "R", "F1"))
        print(f"| {name} | {p} | {rec} | {f1} | {other} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
