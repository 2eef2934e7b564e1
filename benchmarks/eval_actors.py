"""Measures actor resolution against gold actor annotations.

Two measures:

1. **PLOVER GSR** (``shared/data/gold/plover_gsr.jsonl``, CAMEO-manual sentences coded with
   PLOVER labels): for every gold source and target actor (text + code) of every event, find
   the actor the resolver gives that text span and compare countries. The span's actor is
   the innermost mention holding the span's syntactic head token, as the event coder maps
   role tokens (else the innermost mention inside the span: "Iraqi towns" → Iraq); several
   actors sharing that span (a compound actor) count as right when one of them has the
   gold country. Gold "IGO"/"NGO"/"IMG" codes need an actor whose code
   starts with that prefix.
2. **PETRARCH validation** (``shared/data/gold/petrarch_validation.jsonl``) with the
   PETRARCH validation dictionaries imported through ``import_petrarch_actors`` and
   ``import_petrarch_agents``: for every event source/target code whose root is a code of
   the imported actor dictionary, whether an actor of the sentence has exactly that code
   on the record's date.

Usage::

    python benchmarks/eval_actors.py [--gold DIR] [--anchors DIR] [--errors N] [--json]

Notes:
    Gold codes are CAMEO's; the few CAMEO country codes that are not ISO 3166 are mapped to
    ISO before comparing (``CAMEO_TO_ISO``); this is the only normalisation.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from thucydides.config import Options
from thucydides.knowledge import Knowledge
from thucydides.knowledge.actors import (
    KnowledgeBase,
    import_petrarch_actors,
    import_petrarch_agents,
    write_actor_table,
    write_role_table,
)
from thucydides.knowledge.lexicon import Lexicon
from thucydides.parse.nlp import Parser
from thucydides.pipeline import extract
from thucydides.records import Actor, ParsedText

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
#: CAMEO country codes that differ from ISO 3166 alpha-3 (CAMEO manual, country codes).
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "UAR": "EGY", "ROM": "ROU", "DRC": "COD"}
BLOCS = {"IGO", "NGO", "IMG", "MNC", "ISM", "UNO", "EUR"}


def gold_span(text: str, gold: str) -> tuple[int, int] | None:
    """Finds a gold actor text in its sentence ("Sierra Leonean ... refugees" too)."""
    parts = [p.strip() for p in gold.strip().split("...") if p.strip()]
    if not parts:
        return None
    start = text.find(parts[0])
    if start < 0:
        low = text.lower().find(parts[0].lower())
        if low < 0:
            return None
        start = low
    end = start + len(parts[0])
    for part in parts[1:]:
        k = text.find(part, end)
        if k < 0:
            return None
        end = k + len(part)
    return start, end


def span_actors(
    parsed: ParsedText, actors: tuple[Actor, ...], start: int, end: int
) -> tuple[list[Actor], str]:
    """The actors of the innermost mention holding the head token of ``start..end``, and how
    they were found: "head", or "inside" (the innermost mention within the span)."""
    toks = [t for t in parsed.tokens if t.start < end and t.end > start and t.pos != "SPACE"]
    if not toks:
        return [], "head"
    inside = {t.i for t in toks}
    head = next((t for t in reversed(toks) if t.head not in inside or t.head == t.i), toks[-1])
    best = _innermost(actors, lambda m: m.start <= head.start and head.end <= m.end)
    if best:
        return best, "head"
    # no mention holds the head ("Iraqi towns"): the actor named inside the span
    return _innermost(actors, lambda m: start <= m.start and m.end <= end), "inside"


def _innermost(actors: tuple[Actor, ...], keep) -> list[Actor]:
    best: list[Actor] = []
    best_len = None
    for a in actors:
        for m in a.mentions:
            if keep(m):
                length = m.end - m.start
                if best_len is None or length < best_len:
                    best, best_len = [a], length
                elif length == best_len and a not in best:
                    best.append(a)
    return best


def right(actor: Actor, gold_code: str) -> bool:
    """Whether ``actor`` has the gold country (or the gold non-state prefix)."""
    root = CAMEO_TO_ISO.get(gold_code[:3], gold_code[:3])
    if root in BLOCS:
        return actor.country is None and (actor.code or "").startswith(root[:3])
    return actor.country == root


def _iso(date: str | None) -> str | None:
    """PETRARCH validation dates are YYMMDD ("121108"); the pipeline takes ISO dates."""
    if date and len(date) == 6 and date.isdigit():
        return f"20{date[:2]}-{date[2:4]}-{date[4:]}"
    return date


def eval_plover(parser: Parser, path: Path, show: int) -> dict:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    t0 = time.perf_counter()
    parses = list(parser.parse_many(texts))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    knowledge = Knowledge.load(Options())
    resolved = [extract(p, knowledge, None).actors for p in parses]  # as the pipeline runs
    t_actors = time.perf_counter() - t0
    outcome: Counter[str] = Counter()
    by_role: Counter[tuple[str, str]] = Counter()
    errors = []
    for row, parsed, actors in zip(rows, parses, resolved, strict=True):
        for event in row["events"]:
            for role in ("source_actors", "target_actors"):
                for g in event[role]:
                    code = g.get("code") or ""
                    if not code or not g.get("text"):
                        continue
                    span = gold_span(row["text"], g["text"])
                    if span is None:
                        outcome["gold text not found"] += 1
                        continue
                    found, how = span_actors(parsed, actors, *span)
                    if not found:
                        verdict = "no actor"
                    elif any(right(a, code) for a in found):
                        verdict = "right"
                        if how == "inside":
                            outcome["right, actor inside the span"] += 1
                        elif len(found) > 1:
                            outcome["right, one of a compound"] += 1
                    else:
                        verdict = "wrong country"
                    outcome[verdict] += 1
                    by_role[(role, verdict)] += 1
                    if verdict != "right":
                        errors.append(
                            (
                                verdict,
                                g["text"],
                                code,
                                [(a.name, a.country, a.code) for a in found],
                                row["text"],
                            )
                        )
    scored = outcome["right"] + outcome["no actor"] + outcome["wrong country"]
    for e in errors[:show]:
        print(f"{e[0]:14} {e[1]!r} gold={e[2]} got={e[3]}\n    {e[4]}", file=sys.stderr)
    return {
        "sentences": len(rows),
        "gold_actor_spans": scored,
        "right_country": outcome["right"],
        "share_right": round(outcome["right"] / scored, 4) if scored else None,
        "right_by_head_token_single_actor": outcome["right"]
        - outcome["right, actor inside the span"]
        - outcome["right, one of a compound"],
        "right_by_actor_inside_span": outcome["right, actor inside the span"],
        "right_as_one_of_a_compound": outcome["right, one of a compound"],
        "no_actor": outcome["no actor"],
        "wrong_country": outcome["wrong country"],
        "gold_text_not_found": outcome["gold text not found"],
        "source_share": _share(by_role, "source_actors"),
        "target_share": _share(by_role, "target_actors"),
        "parse_seconds": round(t_parse, 2),
        "resolve_seconds": round(t_actors, 3),
        "resolve_ms_per_sentence": round(1000 * t_actors / max(len(rows), 1), 2),
    }


def _share(counter: Counter, role: str) -> float | None:
    total = sum(v for (r, _k), v in counter.items() if r == role)
    return round(counter[(role, "right")] / total, 4) if total else None


def eval_petrarch(parser: Parser, gold: Path, anchors: Path, show: int) -> dict:
    actors_src = anchors / "PETR.Validate.actors.txt"
    agents_src = anchors / "PETR.Validate.agents.txt"
    with tempfile.TemporaryDirectory() as tmp:
        actors_tsv, agents_tsv = Path(tmp) / "actors.tsv", Path(tmp) / "agents.tsv"
        known = import_petrarch_actors(actors_src)
        write_actor_table(known, actors_tsv)
        write_role_table(import_petrarch_agents(agents_src), agents_tsv)
        kb = KnowledgeBase.load(extra_files=[agents_tsv, actors_tsv])
    roots = {c.code[:3] for a in known for c in a.codes if c.code}
    rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r.get("events")]
    parses = list(parser.parse_many(r["text"] for r in rows))
    hits = total = 0
    misses = []
    for row, parsed in zip(rows, parses, strict=True):
        knowledge = Knowledge(kb, Lexicon.default())
        actors = extract(parsed, knowledge, _iso(row.get("date"))).actors
        codes = {a.code for a in actors}
        for event in row["events"]:
            for side in ("source", "target"):
                code = event.get(side)
                if not code or code[:3] not in roots:
                    continue
                total += 1
                if code in codes:
                    hits += 1
                else:
                    misses.append((code, sorted(c for c in codes if c), row["text"]))
    for code, got, text in misses[:show]:
        print(f"petrarch miss gold={code} got={got}\n    {text}", file=sys.stderr)
    return {
        "records_with_events": len(rows),
        "coded_actors_using_the_dictionaries": total,
        "exact_code_found": hits,
        "share": round(hits / total, 4) if total else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--anchors", type=Path, default=SHARED / "anchors" / "petrarch2")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses to stderr")
    ap.add_argument("--skip-petrarch", action="store_true")
    args = ap.parse_args(argv)
    parser = Parser()
    report = {"plover_gsr": eval_plover(parser, args.gold / "plover_gsr.jsonl", args.errors)}
    if not args.skip_petrarch:
        report["petrarch_validation"] = eval_petrarch(
            parser, args.gold / "petrarch_validation.jsonl", args.anchors, args.errors
        )
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
