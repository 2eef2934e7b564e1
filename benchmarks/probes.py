"""The probe set: short texts written for the project, one family of coder failures each.

``benchmarks/data/probes/probes.jsonl`` holds 327 texts of one to three sentences, written
for Thucydides (no test set was read for them), in the families the whole-article quality
issue names (subjects that are not names, nominal events, victims taken for agents,
speech-act frames, judicial coercion, transfers, demands, two events in a sentence,
countries from descriptions, hard negatives, recipients named in the sentence or only in
the one before, and a second round of narrower ones). Each line is one JSON object:

- ``family``: the family it probes;
- ``text``: the text, coded alone with publication date 2025-03-14;
- ``expected``: the events an analyst would code, each a spec ``"TYPES ACTOR > RECIPIENT
  [@modality]"``: ``TYPES`` PLOVER types joined by ``|``; ``ACTOR`` and ``RECIPIENT``
  parties joined by ``+``, each party alternatives joined by ``|``: a country code
  (``RUS``), a country code and a word of the name (``RUS:ministry``), any country and a
  word (``*:hamas``), anything (``?``), or no party named like a word (``?!rebels``);
  ``~`` instead of ``>`` when the event is symmetric;
- ``forbid``: event types that must not be coded as fact (asserted or future);
- ``ok``: further specs that are right but not required.

Scored here: for each expected event, the first asserted or future event that matches it
in full (type, actor and recipient), else one of its type; the rest are spurious when of
another type (or forbidden). The probes lean on known failures, so their rates are
diagnostics of mechanisms, not estimates for a corpus; the rules written from them were
checked on the dev set and the gold totals.

Usage:
    python benchmarks/probes.py [--details FILE]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

from thucydides.config import Options
from thucydides.pipeline import code_articles
from thucydides.records import ArticleRecord, RawArticle

DATA = Path(__file__).resolve().parent / "data/probes/probes.jsonl"
FACT = ("asserted", "future")
PUBLISHED = "2025-03-14"


def _spec(spec: str) -> dict[str, Any]:
    body, _, mod = spec.partition("@")
    types, rest = body.strip().split(" ", 1)
    sym = "~" in rest
    actor, recipient = rest.split("~" if sym else ">")
    return {
        "types": types.split("|"),
        "actor": actor.strip(),
        "recipient": recipient.strip(),
        "sym": sym,
        "modality": mod.strip() or None,
    }


def _alt_ok(alt: str, coded: list[dict[str, Any]]) -> bool:
    if alt == "?":
        return True
    if alt.startswith("?!"):
        words = alt[2:].split("/")
        return not any(w in (c["name"] or "").lower() for c in coded for w in words)
    if ":" not in alt and not (alt.isupper() and len(alt) == 3):
        alt = "*:" + alt
    if ":" in alt:
        country, word = alt.split(":", 1)
        return any(
            country in ("*", c["country"]) and word.lower() in (c["name"] or "").lower()
            for c in coded
        )
    return any(c["country"] == alt for c in coded)


def _side_ok(spec: str, coded: list[dict[str, Any]]) -> bool:
    for part in spec.split("+"):
        part = part.strip()
        if part.startswith("?!"):
            if not _alt_ok("?!" + part[2:].replace("|", "/"), coded):
                return False
            continue
        if not any(_alt_ok(a.strip(), coded) for a in part.split("|")):
            return False
    return True


def _full_ok(x: dict[str, Any], e: dict[str, Any]) -> bool:
    if "*" not in x["types"] and e["type"] not in x["types"]:
        return False
    if _side_ok(x["actor"], e["actor"]) and _side_ok(x["recipient"], e["recipient"]):
        return True
    if x["sym"]:
        return (_side_ok(x["actor"], e["recipient"]) and _side_ok(x["recipient"], e["actor"])) or (
            _side_ok(x["actor"], e["actor"]) and _side_ok(x["recipient"], e["actor"])
        )
    return False


def _events(record: ArticleRecord | Any) -> list[dict[str, Any]]:
    if not isinstance(record, ArticleRecord):
        return []
    by_id = {a.id: a for a in record.actors}

    def party(ids: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{"name": by_id[a].name, "country": by_id[a].country} for a in ids]

    return [
        {
            "type": e.event,
            "modality": e.modality,
            "text": e.event_text,
            "actor": party(e.actor),
            "recipient": party(e.recipient),
            "rule": e.rule,
        }
        for e in record.events
    ]


def score(probe: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """Each expected event's outcome ("full", "type" or "miss") and the spurious events."""
    expected = [_spec(s) for s in probe["expected"]]
    fact = [i for i, e in enumerate(events) if e["modality"] in FACT]
    used: set[int] = set()
    outcome: list[str] = ["miss"] * len(expected)
    for j, x in enumerate(expected):
        i = next((i for i in fact if i not in used and _full_ok(x, events[i])), None)
        if i is not None:
            used.add(i)
            outcome[j] = "full"
    for j, x in enumerate(expected):
        if outcome[j] != "miss":
            continue
        i = next((i for i in fact if i not in used and events[i]["type"] in x["types"]), None)
        if i is not None:
            used.add(i)
            outcome[j] = "type"
    types = {t for x in expected for t in x["types"]}
    oks = [_spec(s) for s in probe.get("ok", [])]
    spurious = [
        i
        for i in fact
        if i not in used
        and not any(_full_ok(o, events[i]) for o in oks)
        and events[i]["type"] not in types
    ]
    forbidden = [i for i in fact if events[i]["type"] in probe.get("forbid", [])]
    return {"outcome": outcome, "spurious": spurious, "forbidden": forbidden}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--details", help="write each probe's events and outcome here (JSON Lines)")
    args = ap.parse_args()
    probes = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    raws = [
        RawArticle(origin=f"probe:{k}", id=f"probe-{k}", text=p["text"], published=PUBLISHED)
        for k, p in enumerate(probes)
    ]
    records = list(code_articles(raws, Options()))
    fam: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    details = []
    for p, record in zip(probes, records, strict=True):
        events = _events(record)
        s = score(p, events)
        c = fam[p["family"]]
        c["probes"] += 1
        c["expected"] += len(s["outcome"])
        c["type"] += sum(o in ("full", "type") for o in s["outcome"])
        c["full"] += s["outcome"].count("full")
        c["spurious"] += len(s["spurious"])
        c["forbidden"] += len(s["forbidden"])
        details.append({**p, "events": events, **s})
    total: collections.Counter[str] = collections.Counter()
    print("| family | probes | expected | type right | type, actor, recipient right | spurious |")
    print("|---|---|---|---|---|---|")
    for name in sorted(fam):
        c = fam[name]
        total.update(c)
        print(
            f"| {name} | {c['probes']} | {c['expected']} | {c['type']} | {c['full']} "
            f"| {c['spurious']} |"
        )
    print(
        f"| **all** | {total['probes']} | {total['expected']} | {total['type']} "
        f"({total['type'] / total['expected']:.2f}) | {total['full']} "
        f"({total['full'] / total['expected']:.2f}) | {total['spurious']} |"
    )
    if args.details:
        with open(args.details, "w", encoding="utf-8") as fh:
            for d in details:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
