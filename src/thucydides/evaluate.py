"""Evaluation of the event coder against gold-standard sentences.

``evaluate(gold_path)`` codes every gold sentence (one spaCy pass, then
``pipeline.extract``: the very stages, in the very order, that code an article) and
compares the coded events with the gold events. Two gold formats are read, one JSON
object per line, and told apart per record:

* PLOVER gold-standard records (``plover_gsr.jsonl``): ``events[].plover`` is the PLOVER
  type; ``events[].source_actors`` / ``target_actors`` carry CAMEO actor codes.
* PETRARCH validation records (``petrarch_validation.jsonl``): ``events[].plover`` is set
  where the record's ``code_scheme`` is real CAMEO; ``events[].source`` / ``target`` are
  CAMEO actor codes. Records coded in the PETRARCH test scheme (fictional actors and
  codes) cannot be scored for PLOVER types and are counted as skipped, as are records whose
  only gold events are CAMEO 01/02 codes that PLOVER dropped.

Matching rule: a coded event matches a gold event when both belong to the same gold record
(one sentence) and have the same PLOVER type; within a record, events of one type are
paired one to one, so a type coded twice where the gold has it once gives one true and one
false positive. Coded events count when their modality is asserted or future (hypothetical
and negated events are not claims that the event happened).

Actor (recipient) country accuracy is measured on matched pairs whose gold event names at
least one actor (recipient) with a country or an international-organisation code: the pair
is correct when the coded actors' countries and the gold actors' countries share a value
(CAMEO codes are mapped to ISO 3166 alpha-3 where they differ; IGO, NGO, IMG and MNC compare
as such). A coded actor without a country counts as wrong.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Options
from .extract.events.judge import default_judge
from .knowledge import Knowledge
from .knowledge.actors import default_knowledge
from .knowledge.lexicon import PLOVER_TYPES, Lexicon, TriggerSource
from .pipeline import extract
from .records import FACTUAL, Actor, Event

#: CAMEO country codes that differ from ISO 3166 alpha-3 (CAMEO 1.1b3 actor codebook, and
#: variants found in the PLOVER gold-standard records).
CAMEO_TO_ISO = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VAT", "ROM": "ROU", "ZAR": "COD", "SER": "SRB",
    "TMP": "TLS", "BUR": "MMR", "UK": "GBR", "GER": "DEU", "KOS": "XKX", "WSB": "PSE",
    "GZS": "PSE", "PAL": "PSE",
}  # fmt: skip
#: Non-state CAMEO codes compared as they are.
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}
#: Modalities that count as a claim that the event happened (or was announced).
COUNTED_MODALITIES = FACTUAL
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class Score:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The result of one evaluation run."""

    gold_path: str
    gold_sha256: str
    records: int
    scored: int
    skipped: dict[str, int]
    per_type: dict[str, Score]
    micro: Score
    actor_country: Accuracy
    recipient_country: Accuracy
    confusion: dict[tuple[str, str], int]
    seconds: float
    errors: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    @property
    def micro_f1(self) -> float:
        return self.micro.f1

    def as_dict(self) -> dict[str, Any]:
        """Returns the report as JSON-ready data (metrics rounded to 4 places)."""
        return {
            "gold_path": self.gold_path,
            "gold_sha256": self.gold_sha256,
            "records": self.records,
            "scored": self.scored,
            "skipped": dict(self.skipped),
            "micro": self.micro.as_dict(),
            "per_type": {k: v.as_dict() for k, v in self.per_type.items()},
            "actor_country": self.actor_country.as_dict(),
            "recipient_country": self.recipient_country.as_dict(),
            "confusion": [
                {"gold": g, "coded": c, "count": n} for (g, c), n in sorted(self.confusion.items())
            ],
            "seconds": round(self.seconds, 2),
        }

    def as_text(self) -> str:
        """Returns the report as a plain-text table."""
        lines = [
            f"gold: {self.gold_path}  (sha256 {self.gold_sha256[:12]}…)",
            f"records: {self.records}  scored: {self.scored}  "
            + "  ".join(f"skipped {k}: {v}" for k, v in sorted(self.skipped.items())),
            "",
            f"{'type':<10} {'gold':>5} {'coded':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}",
        ]
        for t, s in self.per_type.items():
            if s.tp + s.fp + s.fn == 0:
                continue
            lines.append(
                f"{t:<10} {s.tp + s.fn:>5} {s.tp + s.fp:>5} {s.tp:>4} "
                f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
            )
        m = self.micro
        lines += [
            f"{'micro':<10} {m.tp + m.fn:>5} {m.tp + m.fp:>5} {m.tp:>4} "
            f"{m.precision:>6.3f} {m.recall:>6.3f} {m.f1:>6.3f}",
            "",
            f"actor country accuracy (matched events):     {self.actor_country.value:.3f} "
            f"({self.actor_country.correct}/{self.actor_country.total})",
            f"recipient country accuracy (matched events): {self.recipient_country.value:.3f} "
            f"({self.recipient_country.correct}/{self.recipient_country.total})",
            "",
            "confusion (gold -> coded, off-diagonal, most frequent first):",
        ]
        off = [(k, n) for k, n in self.confusion.items() if k[0] != k[1]]
        for (g, c), n in sorted(off, key=lambda x: -x[1])[:25]:
            lines.append(f"  {g:<10} -> {c:<10} {n:>4}")
        lines.append(f"\n{self.seconds:.1f} s")
        return "\n".join(lines)


# ---------------------------------------------------------------- gold records


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event: str
    actor_countries: frozenset[str]
    recipient_countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    events: tuple[GoldEvent, ...]


@functools.lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def code_country(code: str | None) -> str | None:
    """The country (ISO alpha-3) or non-state label of a CAMEO actor code, or None."""
    if not code:
        return None
    head = code[:3].upper()
    if head in NON_STATE:
        return head
    head = CAMEO_TO_ISO.get(head, head)
    return head if head in _iso3() or head in CAMEO_TO_ISO.values() else None


def read_gold(path: str | Path) -> tuple[list[GoldRecord], Counter[str], int]:
    """Reads a gold JSONL file in either format.

    Returns:
        The scorable records, the count of skipped records by reason, and the total number
        of records.
    """
    records: list[GoldRecord] = []
    skipped: Counter[str] = Counter()
    total = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            total += 1
            raw = json.loads(line)
            rec = _gold_record(raw)
            if isinstance(rec, str):
                skipped[rec] += 1
            else:
                records.append(rec)
    return records, skipped, total


def _gold_record(raw: dict[str, Any]) -> GoldRecord | str:
    scheme = raw.get("code_scheme")
    if scheme is not None and scheme != "cameo":
        return "not_cameo_scheme"
    events = []
    dropped = 0
    for e in raw.get("events", []):
        if not e.get("plover"):
            dropped += 1
            continue
        if "source_actors" in e:
            actors = [a.get("code") for a in e.get("source_actors") or []]
            targets = [a.get("code") for a in e.get("target_actors") or []]
        else:
            actors = (e.get("source") or "").split(";")
            targets = (e.get("target") or "").split(";")
        events.append(
            GoldEvent(
                e["plover"],
                frozenset(c for c in map(code_country, actors) if c),
                frozenset(c for c in map(code_country, targets) if c),
            )
        )
    if dropped and not events:
        return "no_plover_type"
    if not events and not raw.get("expect_no_event"):
        return "no_gold_event"
    return GoldRecord(str(raw.get("id")), raw["text"], tuple(events))


# ---------------------------------------------------------------- evaluation


def evaluate(
    gold_path: str | Path,
    *,
    parser: Any = None,
    lexicon: TriggerSource | None = None,
    limit: int | None = None,
    modalities: Sequence[str] = COUNTED_MODALITIES,
    options: Options | None = None,
) -> EvalReport:
    """Codes the gold sentences and scores the result.

    Args:
        gold_path: a gold JSONL file (PLOVER gold-standard or PETRARCH validation records).
        parser: a ``Parser`` (one is built when None).
        lexicon: the trigger lexicon (ours when None), e.g. an imported PETRARCH one.
        limit: score only the first ``limit`` records (for quick runs).
        modalities: the modalities that count as coded events.
        options: the run's options (only ``event_judge`` is read); defaults when None.

    Returns:
        The report: per-type and micro precision/recall/F1, actor and recipient country
        accuracy on matched events, the confusion table.
    """
    if parser is None:
        from .parse.nlp import Parser

        parser = Parser()
    judge = default_judge() if (options or Options()).event_judge else None
    knowledge = Knowledge(
        default_knowledge(), lexicon if lexicon is not None else Lexicon.default(), judge=judge
    )
    path = Path(gold_path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    records, skipped, total = read_gold(path)
    if limit is not None:
        records = records[:limit]
    started = time.perf_counter()
    tallies = {t: [0, 0, 0] for t in PLOVER_TYPES}
    actor_acc = [0, 0]
    recip_acc = [0, 0]
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, Any]] = []
    for rec, parsed in zip(records, parser.parse_many(r.text for r in records), strict=True):
        found = extract(parsed, knowledge, None)
        actors, coded_all = found.actors, found.events
        country = {a.id: _actor_country(a) for a in actors}
        coded = [e for e in coded_all if e.modality in modalities]
        pairs, lost, extra = _match(rec.events, coded)
        for g, c in pairs:
            tallies[g.event][0] += 1
            confusion[(g.event, c.event)] += 1
            _tally_country(actor_acc, g.actor_countries, c.actor, country)
            _tally_country(recip_acc, g.recipient_countries, c.recipient, country)
        for c in extra:
            tallies.setdefault(c.event, [0, 0, 0])[1] += 1
        for g in lost:
            tallies[g.event][2] += 1
        for k in range(max(len(lost), len(extra))):
            g_type = lost[k].event if k < len(lost) else NONE
            c_type = extra[k].event if k < len(extra) else NONE
            confusion[(g_type, c_type)] += 1
        if lost or extra:
            errors.append({"id": rec.id, "text": rec.text,
                           "missed": [g.event for g in lost],
                           "extra": [f"{c.event}:{c.event_text}" for c in extra]})  # fmt: skip
    per_type = {t: Score(*v) for t, v in tallies.items()}
    micro = Score(*(sum(v[k] for v in tallies.values()) for k in range(3)))
    return EvalReport(
        gold_path=str(gold_path),
        gold_sha256=sha,
        records=total,
        scored=len(records),
        skipped=dict(skipped),
        per_type=per_type,
        micro=micro,
        actor_country=Accuracy(*actor_acc),
        recipient_country=Accuracy(*recip_acc),
        confusion=dict(confusion),
        seconds=time.perf_counter() - started,
        errors=tuple(errors),
    )


def _match(
    gold: Iterable[GoldEvent], coded: Sequence[Event]
) -> tuple[list[tuple[GoldEvent, Event]], list[GoldEvent], list[Event]]:
    """Pairs gold and coded events of one record by PLOVER type, in text order."""
    pool = list(coded)
    pairs: list[tuple[GoldEvent, Event]] = []
    lost: list[GoldEvent] = []
    for g in gold:
        hit = next((c for c in pool if c.event == g.event), None)
        if hit is None:
            lost.append(g)
        else:
            pool.remove(hit)
            pairs.append((g, hit))
    return pairs, lost, pool


def _actor_country(actor: Actor) -> str | None:
    if actor.country:
        return actor.country
    if actor.code and actor.code[:3] in NON_STATE:
        return actor.code[:3]
    return None


def _tally_country(
    acc: list[int], gold: frozenset[str], ids: Sequence[str], country: dict[str, str | None]
) -> None:
    if not gold:
        return
    acc[1] += 1
    coded = {country.get(a) for a in ids} - {None}
    if coded & gold:
        acc[0] += 1
