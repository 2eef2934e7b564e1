"""Prints the event-coding evaluation on the gold sets (../shared/data/gold).

Usage:
    python benchmarks/eval_events.py [--gold FILE ...] [--lexicon FILE ...]
                                     [--petrarch CAMEO.2.0.txt] [--json] [--errors N]

``--petrarch`` imports a PETRARCH verb dictionary and evaluates it on its own, next to our
lexicon, so the two can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from thucydides.evaluate import evaluate
from thucydides.knowledge.lexicon import Lexicon, main_import_petrarch
from thucydides.parse.nlp import Parser

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = [SHARED / "data" / "gold" / "plover_gsr.jsonl",
        SHARED / "data" / "gold" / "petrarch_validation.jsonl"]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="*", type=Path, default=GOLD)
    ap.add_argument("--lexicon", nargs="*", default=[], help="extra lexicon files")
    ap.add_argument("--petrarch", type=Path, help="also evaluate this PETRARCH dictionary")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("--errors", type=int, default=0, help="print the first N wrong records")
    args = ap.parse_args(argv)
    missing = [g for g in args.gold if not g.exists()]
    if missing:
        print(f"gold file not found: {missing[0]} (expected ../shared next to the repo)")
        return 2
    parser = Parser()
    runs = [("thucydides lexicon", Lexicon.load(args.lexicon))]
    if args.petrarch:
        tmp = Path(tempfile.mkdtemp()) / "petrarch.tsv"
        n = main_import_petrarch(str(args.petrarch), str(tmp))
        print(f"imported {n} rows from {args.petrarch}", file=sys.stderr)
        runs.append(("imported PETRARCH dictionary", Lexicon.load([tmp], include_default=False)))
    out = []
    for name, lexicon in runs:
        for gold in args.gold:
            report = evaluate(gold, parser=parser, lexicon=lexicon)
            if args.json:
                out.append({"lexicon": name, **report.as_dict()})
                continue
            print(f"=== {name} on {gold.name}")
            print(report.as_text())
            for err in report.errors[: args.errors]:
                print(f"  - {err['text']}\n    missed {err['missed']} extra {err['extra']}")
            print()
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
