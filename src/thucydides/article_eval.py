"""Scoring whole articles against hand-coded gold (``thucydides eval --articles``).

The gold is one JSON file per article in the format of ``docs/annotation.md`` (events with
type, actors, recipients, modality and evidence sentences; quotes with their speaker;
places). Each article's text comes from the gold file's ``text`` or, by id, from a corpus
in JSON Lines (the bundled VOA corpus by default). The articles are coded by the very
pipeline that ``thucydides code`` runs, then matched:

* an **event** matches when the PLOVER type is the same, every gold actor is matched by one
  of the event's actors and every gold recipient by one of its recipients (for symmetric
  events either order, or PLOVER's reciprocal form: every party as actor, no recipient,
  PLOVER manual, "Compound and Reciprocal Actors"). Pairs are one to one: a coded event
  that repeats a gold event another coded event already took (a second mention of one
  happening) counts neither way, while two real happenings of one type between the same
  actors can both be found.
  Optional gold events (``core: false``) and gold events that did not happen
  (hypothetical, negated) neither reward nor punish. Precision is over coded events that
  count (modality asserted or future); recall over core gold events.
* the **type-only** line matches on type and evidence sentence alone.
* a **quote** matches when its text holds the gold quote's opening words and its speaker
  matches the gold speaker; a **place** when a coded place has the gold name, canonical or
  as written in the text, case- and accent-blind.

Notes:
    An actor matches a gold actor when the countries agree (both unknown counts as
    agreeing) and either a name word is shared (words of five letters or more may differ
    in their ending: "Russian" ~ "Russia"), or both sectors are known and equal, or neither
    has a sector (a state acting as a whole: "Ankara" is Turkey). A gold actor with no
    name (the text does not say who) matches any actor.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .config import Options
from .errors import ConfigError
from .evaluate import COUNTED_MODALITIES, Score
from .records import Actor, ArticleRecord, Event, RawArticle, Rejected

#: Words of an actor's name that say nothing about who it is.
_TITLE_WORDS = frozenset(
    "the of and a an president prime minister foreign defense defence secretary general "
    "spokesman spokeswoman spokesperson official officials leader leaders chief head "
    "mr mrs ms dr minister's".split()
)
_WORD = re.compile(r"[\w'-]+")
#: A way of matching a gold event and a coded event (``event_matches``, ``type_matches``).
Match = Callable[["GoldEvent", Event, dict[str, Actor]], bool]


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A hand-coded actor: a name as the text gives it, a country, a sector."""

    name: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A hand-coded event of one article."""

    type: str
    core: bool
    actor: tuple[GoldActor, ...]
    recipient: tuple[GoldActor, ...]
    modality: str
    symmetric: bool
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's hand-coded events, quotes and places."""

    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    quotes: tuple[tuple[GoldActor, str], ...]
    places: tuple[GoldActor, ...]


@dataclass
class ArticleReport:
    """Scores over a set of gold articles."""

    articles: int
    events: Score
    type_only: Score
    quotes: Score
    places: Score
    per_type: dict[str, Score]
    per_article: dict[str, Score]
    seconds: float
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (``--format json``)."""
        return {
            "articles": self.articles,
            "events": self.events.as_dict(),
            "type_only": self.type_only.as_dict(),
            "quotes": self.quotes.as_dict(),
            "places": self.places.as_dict(),
            "per_type": {k: v.as_dict() for k, v in self.per_type.items()},
            "per_article": {k: v.as_dict() for k, v in self.per_article.items()},
            "seconds": round(self.seconds, 2),
            "errors": self.errors,
        }

    def as_text(self) -> str:
        """A table for people."""

        def line(name: str, s: Score) -> str:
            return (
                f"{name:<28} {s.tp:>5} {s.fp:>5} {s.fn:>5}   "
                f"{s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}"
            )

        out = [
            f"{self.articles} articles scored in {self.seconds:.1f} s",
            f"{'':<28} {'tp':>5} {'fp':>5} {'fn':>5}   prec   recall  F1",
            line("events (type+actor+recip.)", self.events),
            line("events (type only)", self.type_only),
            line("quotes with speaker", self.quotes),
            line("places", self.places),
            "",
            "per type (type+actor+recipient):",
        ]
        out += [line(f"  {t}", s) for t, s in sorted(self.per_type.items())]
        out += ["", "per article (type+actor+recipient):"]
        out += [line(f"  {a}", s) for a, s in sorted(self.per_article.items())]
        return "\n".join(out)


# ---------------------------------------------------------------- reading the gold


def read_gold_articles(path: str | Path, corpus: str | Path | None = None) -> list[GoldArticle]:
    """Reads gold articles: a folder of ``<id>.json`` files, or one such file.

    Args:
        path: the folder or file.
        corpus: JSON Lines with ``id``, ``text``, ``published`` for gold files that carry
            no text (the bundled VOA corpus when None).

    Raises:
        ConfigError: the path does not exist, a file is no valid gold, or an article's
            text is in neither the file nor the corpus.
    """
    root = Path(path)
    if not root.exists():
        raise ConfigError(f'Gold articles "{root}" do not exist.')
    files = sorted(root.glob("*.json")) if root.is_dir() else [root]
    if not files:
        raise ConfigError(f'No gold article (*.json) in "{root}".')
    texts = _corpus(corpus)
    out = []
    for f in files:
        try:
            raw = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f'Gold article "{f}" cannot be read: {exc}') from exc
        out.append(_gold_article(raw, f, texts))
    return out


def _corpus(corpus: str | Path | None) -> dict[str, dict[str, Any]]:
    if corpus is None:
        source = resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl")
        lines = source.read_text(encoding="utf-8").splitlines()
    else:
        try:
            lines = Path(corpus).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f'Corpus "{corpus}" cannot be read: {exc.strerror}.') from exc
    rows = (json.loads(line) for line in lines if line.strip())
    return {str(r["id"]): r for r in rows}


def _gold_article(
    raw: dict[str, Any], where: Path, texts: dict[str, dict[str, Any]]
) -> GoldArticle:
    try:
        article_id = str(raw["id"])
        row = texts.get(article_id, {})
        text = raw.get("text") or row.get("text")
        if not text:
            raise ConfigError(f"{where}: no text for article {article_id} (nor in the corpus).")
        published = raw.get("published") or row.get("published")
        events = tuple(
            GoldEvent(
                type=e["type"],
                core=bool(e.get("core", True)),
                actor=tuple(_actor(a) for a in e.get("actor", ())),
                recipient=tuple(_actor(a) for a in e.get("recipient", ())),
                modality=e.get("modality", "asserted"),
                symmetric=bool(e.get("symmetric", False)),
                evidence=tuple(e.get("evidence", ())),
            )
            for e in raw.get("events", ())
        )
        quotes = tuple((_actor(q.get("speaker") or {}), q["text"]) for q in raw.get("quotes", ()))
        places = tuple(_actor(p) for p in raw.get("places", ()))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"{where}: not a gold article ({exc!r}); see docs/annotation.md."
        ) from exc
    return GoldArticle(article_id, text, published and str(published)[:10], events, quotes, places)


def _actor(raw: dict[str, Any]) -> GoldActor:
    return GoldActor(raw.get("name"), raw.get("country"), raw.get("sector"))


# ---------------------------------------------------------------- matching


def _words(name: str | None) -> set[str]:
    return {w for w in _WORD.findall((name or "").lower()) if w not in _TITLE_WORDS}


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def actor_matches(gold: GoldActor, coded: Actor) -> bool:
    """True when a coded actor is the gold actor (see the module notes)."""
    if gold.name is None:
        return True
    if gold.country != coded.country:
        return False
    coded_words = _words(coded.name) | {w for m in coded.mentions for w in _words(m.text)}
    if any(_same_word(g, c) for g in _words(gold.name) for c in coded_words):
        return True
    if gold.country is not None and gold.sector is None and coded.sector is None:
        return True  # the state acting as a whole, named as its capital ("Ankara" = Turkey)
    return gold.sector is not None and gold.sector == coded.sector


def _roles_match(gold: Sequence[GoldActor], coded: Sequence[Actor]) -> bool:
    if not gold:
        return not coded
    return all(any(actor_matches(g, c) for c in coded) for g in gold if g.name is not None)


def event_matches(gold: GoldEvent, event: Event, actors: dict[str, Actor]) -> bool:
    """True when a coded event is the gold event: type, actors and recipients."""
    if gold.type != event.event:
        return False
    who = [actors[a] for a in event.actor if a in actors]
    whom = [actors[a] for a in event.recipient if a in actors]
    if _roles_match(gold.actor, who) and _roles_match(gold.recipient, whom):
        return True
    if not gold.symmetric:
        return False
    if _roles_match(gold.actor, whom) and _roles_match(gold.recipient, who):
        return True
    # PLOVER's own form of a reciprocal event: every party is the actor, no recipient
    return not whom and _roles_match((*gold.actor, *gold.recipient), who)


def _same_sentence(gold: GoldEvent, event: Event) -> bool:
    said = " ".join(event.sentence.text.split())
    return any(
        said in " ".join(e.split()) or " ".join(e.split()) in said for e in gold.evidence if e
    )


def _counts(gold: GoldEvent) -> bool:
    return gold.core and gold.modality in COUNTED_MODALITIES


def pair(
    gold: Sequence[GoldEvent], coded: Sequence[Event], actors: dict[str, Actor], match: Match
) -> tuple[list[bool | None], set[int]]:
    """Pairs coded events with gold events one to one, in the coded events' order.

    A coded event takes a core gold event no other took (right: True); one that matches no
    gold event is wrong (False); one that matches only taken or optional gold events
    (another coding of the same event, or an event the gold leaves open) counts neither
    way (None).

    Returns:
        The label of each coded event, and the indexes of the gold events taken.
    """
    taken: set[int] = set()
    labels: list[bool | None] = []
    for event in coded:
        hits = [k for k, g in enumerate(gold) if match(g, event, actors)]
        free = [k for k in hits if _counts(gold[k]) and k not in taken]
        if free:
            taken.add(free[0])
            labels.append(True)
        else:
            labels.append(None if hits else False)
    return labels, taken


def _score_events(
    gold: Sequence[GoldEvent],
    coded: Sequence[Event],
    actors: dict[str, Actor],
    match: Match,
    per_type: dict[str, list[int]] | None = None,
) -> tuple[int, int, int, list[GoldEvent], list[Event]]:
    """Returns tp, fp, fn, the core gold events missed and the coded events that are wrong
    (pairs as ``pair`` makes them)."""
    labels, taken = pair(gold, coded, actors, match)
    wrong = [e for e, label in zip(coded, labels, strict=True) if label is False]
    missed = [g for k, g in enumerate(gold) if _counts(g) and k not in taken]
    if per_type is not None:
        for e, label in zip(coded, labels, strict=True):
            if label is not None:
                per_type.setdefault(e.event, [0, 0, 0])[0 if label else 1] += 1
        for g in missed:
            per_type.setdefault(g.type, [0, 0, 0])[2] += 1
    return len(taken), len(wrong), len(missed), missed, wrong


def type_matches(gold: GoldEvent, event: Event, _actors: dict[str, Actor]) -> bool:
    """The type-only match: the same type in one of the gold event's evidence sentences."""
    return gold.type == event.event and _same_sentence(gold, event)


def counted(events: Iterable[Event]) -> list[Event]:
    """Coded events that claim something happened (modality asserted or future)."""
    return [e for e in events if e.modality in COUNTED_MODALITIES]


def _score_quotes(gold: GoldArticle, record: ArticleRecord, actors: dict[str, Actor]) -> list[int]:
    def opening(text: str) -> str:
        words = _WORD.findall(text.lower())
        if words[:1] == ["that"]:
            words = words[1:]  # "said that X ...": the quote is what follows "that"
        return " ".join(words[:5])

    coded = [
        (" ".join(_WORD.findall(q.text.lower())), actors.get(q.speaker or ""))
        for q in record.quotes
    ]
    used: set[int] = set()
    tp = 0
    for speaker, text in gold.quotes:
        start = opening(text)
        for k, (said, who) in enumerate(coded):
            if k in used or not start or start not in said:
                continue
            if speaker.name is None or (who is not None and actor_matches(speaker, who)):
                used.add(k)
                tp += 1
                break
    return [tp, len(coded) - tp, len(gold.quotes) - tp]


def _fold(name: str) -> str:
    """A place name compared case- and accent-blind ("Bouaké" = "bouake")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _score_places(gold: GoldArticle, record: ArticleRecord) -> list[int]:
    """A gold place is found when a coded place has its name, canonical or as written in
    the text ("U.S." is the place named "United States"); one coded place counts once. The
    dateline's place ("MARANCHON, Spain —", cut from the text into ``source.dateline``)
    counts as a coded place."""
    wanted = {_fold(p.name) for p in gold.places if p.name}
    found: set[str] = set()
    wrong = 0
    named = [{_fold(p.name)} | {_fold(m.text) for m in p.mentions} for p in record.places]
    dateline = record.source.dateline
    if dateline is not None and dateline.place:
        # "Maranchon, Spain": the place, then the country it is in
        named.append({_fold(dateline.place), _fold(dateline.place.split(",")[0])})
    for names in named:
        hits = (names & wanted) - found
        if hits:
            found.add(min(hits))
        elif not names & wanted:
            wrong += 1
    return [len(found), wrong, len(wanted) - len(found)]


# ---------------------------------------------------------------- the run


def evaluate_articles(
    path: str | Path,
    *,
    corpus: str | Path | None = None,
    options: Options | None = None,
    parser: Any = None,
) -> ArticleReport:
    """Codes the gold articles with the pipeline and scores them.

    Args:
        path: a folder of gold article files (``docs/annotation.md``) or one file.
        corpus: where texts missing from the gold files are found (bundled VOA when None).
        options: the run's options (lexicons, actor files...); defaults when None.
        parser: a loaded ``Parser`` to reuse (one is built when None).

    Returns:
        Event, type-only, quote and place scores, per type and per article, with the
        missed and wrong events of each article in ``errors``.
    """
    from .pipeline import code_articles

    options = options or Options()
    gold = read_gold_articles(path, corpus)
    started = time.perf_counter()
    raws = [RawArticle(origin=g.id, id=g.id, text=g.text, published=g.published) for g in gold]
    records = list(code_articles(raws, options, parser))
    totals = {"events": [0, 0, 0], "type": [0, 0, 0], "quotes": [0, 0, 0], "places": [0, 0, 0]}
    per_type: dict[str, list[int]] = {}
    per_article: dict[str, Score] = {}
    errors: list[dict[str, Any]] = []
    for g, record in zip(gold, records, strict=True):
        if isinstance(record, Rejected):
            core = sum(_counts(e) for e in g.events)
            totals["events"][2] += core
            totals["type"][2] += core
            per_article[g.id] = Score(0, 0, core)
            errors.append({"id": g.id, "rejected": record.reason})
            continue
        actors = {a.id: a for a in record.actors}
        coded = counted(record.events)
        tp, fp, fn, missed, wrong = _score_events(g.events, coded, actors, event_matches, per_type)
        t_tp, t_fp, t_fn, _, _ = _score_events(g.events, coded, actors, type_matches)
        tallies: dict[str, Sequence[int]] = {
            "events": (tp, fp, fn),
            "type": (t_tp, t_fp, t_fn),
            "quotes": _score_quotes(g, record, actors),
            "places": _score_places(g, record),
        }
        for key, values in tallies.items():
            totals[key] = [x + y for x, y in zip(totals[key], values, strict=True)]
        per_article[g.id] = Score(tp, fp, fn)
        errors.append({
            "id": g.id,
            "missed": [_describe_gold(e) for e in missed],
            "wrong": [_describe_coded(e, actors) for e in wrong],
        })  # fmt: skip
    return ArticleReport(
        articles=len(gold),
        events=Score(*totals["events"]),
        type_only=Score(*totals["type"]),
        quotes=Score(*totals["quotes"]),
        places=Score(*totals["places"]),
        per_type={t: Score(*v) for t, v in per_type.items()},
        per_article=per_article,
        seconds=time.perf_counter() - started,
        errors=errors,
    )


def _describe_gold(e: GoldEvent) -> str:
    def names(xs: Sequence[GoldActor]) -> str:
        return "+".join(f"{a.name}/{a.country}" for a in xs) or "-"

    where = e.evidence[0][:120] if e.evidence else ""
    return f"{e.type} {names(e.actor)} -> {names(e.recipient)} | {where}"


def _describe_coded(e: Event, actors: dict[str, Actor]) -> str:
    def names(ids: Sequence[str]) -> str:
        return "+".join(f"{actors[i].name}/{actors[i].country}" for i in ids if i in actors) or "-"

    where = e.sentence.text[:120]
    return f"{e.event} {names(e.actor)} -> {names(e.recipient)} [{e.event_text}] | {where}"
