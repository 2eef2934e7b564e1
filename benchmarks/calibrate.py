"""Fits the confidence calibration table on the whole-article dev set and prints reliability.

Usage:
    python benchmarks/calibrate.py [--articles benchmarks/data/voa-dev] [--min-block 25]
                                   [--dry-run]

Codes every dev story with the pipeline (``pipeline.extract`` with the identity table, so
the coder's raw scores), labels each counted event (modality asserted or future) with the
scorer's own pairing (``article_eval.pair`` with ``event_matches``, one to one):
right when it takes a core gold event, wrong when it matches no gold event, and neither
(left out) when it matches only optional or already taken gold events. It then fits a
monotone map from raw score to share right by pool-adjacent-violators, pools any block
with fewer than ``--min-block`` events into its neighbour (some 300 events do not support
finer steps), writes it to ``src/thucydides/data/rules/confidence.tsv`` and prints:

* the reliability of the raw scores and of the calibrated ones (in sample), by bins of
  confidence: count, mean confidence, share right; the same against type-only matching
  (type and evidence sentence);
* a 5-fold cross-validated reliability: the map fit on 24 stories, applied to the other 6,
  pooled over the five folds. This is the honest number; the in-sample table flatters.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from thucydides.article_eval import (
    counted,
    event_matches,
    pair,
    read_gold_articles,
    type_matches,
)
from thucydides.config import Options
from thucydides.knowledge import Knowledge
from thucydides.knowledge.confidence import (
    COLUMNS,
    ROLES,
    CalibrationRow,
    ConfidenceTable,
    roles_of,
)
from thucydides.parse.nlp import Parser
from thucydides.pipeline import Prepared, extract, prepare
from thucydides.records import RawArticle

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "benchmarks" / "data" / "voa-dev"
TABLE = ROOT / "src" / "thucydides" / "data" / "rules" / "confidence.tsv"
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Sample:
    """One counted coded event: its story, raw score and whether it was right."""

    story: str
    raw: float
    roles: str  # both, one, none or context (knowledge.confidence.roles_of)
    right: bool | None  # None: matches only optional or taken gold events
    type_right: bool | None


def collect(articles: Path) -> list[Sample]:
    """Codes the dev stories with raw scores and labels every counted event."""
    options = Options()
    gold = read_gold_articles(articles)
    parser, knowledge = Parser(options.model, options.batch_size), Knowledge.load(options)
    samples: list[Sample] = []
    for g in gold:
        prepared = prepare(RawArticle(origin=g.id, id=g.id, text=g.text,
                                      published=g.published), options)  # fmt: skip
        if not isinstance(prepared, Prepared):
            continue
        parsed = parser.parse(prepared.cleaned.text)
        found = extract(parsed, knowledge, prepared.source.published, ConfidenceTable.identity())
        actors = {a.id: a for a in found.actors}
        coded = counted(found.events)
        strict, _ = pair(g.events, coded, actors, event_matches)
        typed, _ = pair(g.events, coded, actors, type_matches)
        samples += [Sample(g.id, e.confidence, roles_of(e.actor, e.recipient, e.rule), s, t)
                    for e, s, t in zip(coded, strict, typed, strict=True)]  # fmt: skip
    return samples


# ---------------------------------------------------------------- the fit


@dataclass
class _Block:
    lo: float
    hi: float
    right: float
    n: int

    @property
    def rate(self) -> float:
        return self.right / self.n


def _merge(a: _Block, b: _Block) -> _Block:
    return _Block(a.lo, b.hi, a.right + b.right, a.n + b.n)


def fit(points: Sequence[tuple[float, bool]], min_block: int) -> list[_Block]:
    """Isotonic regression by pool-adjacent-violators, then small blocks pooled.

    Notes:
        PAV: Ayer et al. (1955), "An empirical distribution function for sampling with
        incomplete information"; as calibration, Zadrozny and Elkan (2002).
    """
    blocks: list[_Block] = []
    for raw in sorted({r for r, _ in points}):
        right = sum(y for r, y in points if r == raw)
        blocks.append(_Block(raw, raw, right, sum(1 for r, _ in points if r == raw)))
    pooled: list[_Block] = []
    for b in blocks:  # pool adjacent violators
        pooled.append(b)
        while len(pooled) > 1 and pooled[-2].rate >= pooled[-1].rate:
            last = pooled.pop()
            pooled[-1] = _merge(pooled[-1], last)
    while len(pooled) > 1 and (small := min(pooled, key=lambda b: b.n)).n < min_block:
        k = pooled.index(small)  # into its smaller neighbour: still monotone
        j = k - 1 if k == len(pooled) - 1 or (k and pooled[k - 1].n <= pooled[k + 1].n) else k + 1
        a, b = sorted((j, k))
        pooled[a : b + 1] = [_merge(pooled[a], pooled[b])]
    return pooled


def to_rows(blocks: Sequence[_Block], roles: str, source: str) -> list[CalibrationRow]:
    """Steps covering [0, 1] on the raw scores' 0.01 grid: each step runs from just above
    the previous one up to the last raw score before the next step's first."""
    rows = []
    for k, b in enumerate(blocks):
        lo = 0.0 if k == 0 else b.lo
        hi = 1.0 if k == len(blocks) - 1 else round(blocks[k + 1].lo - 0.01, 2)
        row_id = f"cal-{roles}-{k + 1}"
        rows.append(CalibrationRow(row_id, roles, lo, hi, round(b.rate, 2), b.n, source, ""))
    return rows


def fit_table(samples: Sequence[Sample], min_block: int, source: str) -> ConfidenceTable:
    """One monotone map per kind of roles found (both, one, none, context)."""
    rows: list[CalibrationRow] = []
    for roles in ROLES:
        points = _strict([s for s in samples if s.roles == roles])
        if points:
            rows += to_rows(fit(points, min_block), roles, source)
    return ConfidenceTable(rows)


HEADER = """\
# Thucydides confidence calibration: the coder's raw score -> observed precision.
#
# Written by benchmarks/calibrate.py; do not edit by hand, run it again. One row per step of
# a monotone map, tab-separated columns (the header line names them):
#   id          a stable identifier (cal-<roles>-<n>), unique
#   roles       which roles the event has: both (actor and recipient), one, none, or
#               context (a recipient taken from the article around its sentence); each
#               kind has its own map, since an event with both is right far more often
#   raw_from    the lowest raw confidence of the step (inclusive)
#   raw_to      the highest raw confidence of the step (inclusive)
#   calibrated  the share of counted events (modality asserted or future) in the step that
#               matched a gold event with type, actor and recipient on the dev set; an
#               event matching only optional gold events counted neither way
#   n           the number of counted dev events in the step
#   source      the script and data the row was fit on, with the date
# Within one kind of roles, rows are ordered, do not overlap, and calibrated never
# decreases (tests/test_rules.py).
# A raw score no row covers is kept. The fit is isotonic regression (pool-adjacent-
# violators) with steps of at least --min-block events; the dev set is small (30 stories),
# so read the 5-fold cross-validated reliability that calibrate.py prints, and
# docs/article-record.md, before trusting the second decimal.
"""


def write_table(table: ConfidenceTable, path: Path) -> None:
    lines = [HEADER.rstrip("\n"), "\t".join(COLUMNS)]
    for r in table.rows:
        values = (r.id, r.roles, f"{r.raw_from:.2f}", f"{r.raw_to:.2f}", f"{r.calibrated:.2f}",
                  str(r.n))  # fmt: skip
        lines.append("\t".join([*values, r.source]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- reliability


def reliability(pairs: Sequence[tuple[float, bool]], title: str) -> str:
    """A table by bins of confidence (0.1 wide): count, mean confidence, share right; and
    the expected calibration error (the count-weighted mean gap)."""
    lines = [title, f"  {'bin':<11}{'n':>5}{'mean conf':>11}{'right':>8}"]
    gap = 0.0
    for k in range(10):
        lo, hi = k / 10, (k + 1) / 10
        inside = [(c, y) for c, y in pairs if lo <= c < hi or (k == 9 and c == 1.0)]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        share = sum(y for _, y in inside) / len(inside)
        gap += len(inside) * abs(mean - share)
        lines.append(f"  {lo:.1f}-{hi:.1f}  {len(inside):>5}{mean:>11.2f}{share:>8.2f}")
    total = len(pairs)
    right = sum(y for _, y in pairs)
    lines.append(f"  all        {total:>5}{sum(c for c, _ in pairs) / max(total, 1):>11.2f}"
                 f"{right / max(total, 1):>8.2f}   ECE {gap / max(total, 1):.3f}")  # fmt: skip
    return "\n".join(lines)


def _strict(samples: Sequence[Sample]) -> list[tuple[float, bool]]:
    return [(s.raw, s.right) for s in samples if s.right is not None]


def _calibrated(samples: Sequence[Sample], table: ConfidenceTable) -> list[tuple[float, bool]]:
    return [(table(s.raw, s.roles), s.right) for s in samples if s.right is not None]


def _typed(samples: Sequence[Sample], table: ConfidenceTable) -> list[tuple[float, bool]]:
    return [(table(s.raw, s.roles), s.type_right) for s in samples if s.type_right is not None]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=DEV)
    ap.add_argument("--min-block", type=int, default=25, help="fewest events per step")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the table")
    args = ap.parse_args(argv)
    samples = collect(args.articles)
    source = f"benchmarks/calibrate.py on the dev set, {datetime.date.today().isoformat()}"
    table = fit_table(samples, args.min_block, source)
    strict = _strict(samples)
    print(f"{len(samples)} counted events in {len({s.story for s in samples})} stories; "
          f"{len(strict)} right or wrong, {len(samples) - len(strict)} neither\n")  # fmt: skip
    print(reliability(strict, "raw scores, full match"))
    print(reliability(_calibrated(samples, table), "calibrated, full match (in sample)"))
    print(reliability(_typed(samples, ConfidenceTable.identity()), "raw scores, type only"))
    print(reliability(_typed(samples, table), "calibrated, type only (in sample)"))
    stories = sorted({s.story for s in samples})
    held: list[tuple[float, bool]] = []
    held_typed: list[tuple[float, bool]] = []
    for fold in range(FOLDS):
        test = set(stories[fold::FOLDS])
        train = [s for s in samples if s.story not in test]
        fold_table = fit_table(train, args.min_block, source)
        tested = [s for s in samples if s.story in test]
        held += _calibrated(tested, fold_table)
        held_typed += _typed(tested, fold_table)
    print(reliability(held, f"calibrated, full match, {FOLDS}-fold cross-validated"))
    print(reliability(held_typed, f"calibrated, type only, {FOLDS}-fold cross-validated"))
    print("\nthe table:")
    for r in table.rows:
        print(f"  {r.id}  {r.roles:<4} raw {r.raw_from:.2f}-{r.raw_to:.2f} -> {r.calibrated:.2f}"
              f"  (n={r.n})")  # fmt: skip
    if not args.dry_run:
        write_table(table, TABLE)
        print(f"written to {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
