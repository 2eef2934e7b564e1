"""Places: the toponyms of one article, resolved to GeoNames entries, and where events happen.

Three steps, each a plain function over records:

1. **Recognition** (``find_toponyms``): GPE, LOC and FAC entities; capitalised runs the NER
   left untagged when the gazetteer knows them as a country, division, region, sea or a town
   of 15,000 or more (or any town right after "in", "near", ...); and PERSON or ORG entities
   right after "in", "near", "inside", "outside" when the gazetteer knows them as such places;
   names before "county" or in a list before "counties" ("Barrow and Jackson counties").
   A direction word in front ("eastern Libya") is kept with the name, unless a lowercase one
   would make another place of it ("north Arlington" is no North Arlington, NJ). A span that
   the actor stage made an actor ("Egypt is preparing ...") is not a place unless it stands
   after a locative preposition ("in Libya").
2. **Resolution** (``resolve_toponyms``): every distinct name gets the gazetteer's
   candidates; each candidate is scored by a prior (feature class, population, whether the
   name is its main name, a division named like a city) plus the article's context: the
   countries and first- and second-level divisions the other toponyms and the state actors
   point to, "City, State" pairs, and "counties" after the name.
   The context is soft and iterated: each name's belief over its candidates feeds the others,
   three rounds. So "Tripoli" is the Libyan capital in an article about Libya and the
   Lebanese port in one about Lebanon; "Georgia" is the US state next to Atlanta.
3. **Event location** (``locate_events``): an event's ``event_loc`` is the place of a
   toponym under a locative preposition attached below its anchor (``anchor.event_anchor``,
   the word that heads its trigger words), else one in the anchor's clause, else a toponym
   the anchor governs directly, else None.

Notes:
    The weights were set on LGL (local news), which is not one of the two sets the issue
    measures on; GeoWebNews and TR-News are test sets (docs/places.md).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..knowledge.gazetteer import Gazetteer, GeoEntry, default_gazetteer, normalize_name
from ..knowledge.words import WordClasses
from ..parse.index import DocIndex
from ..records import Actor, Entity, Event, ParsedText, Place, Span, Token
from .anchor import event_anchor

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The English words the rules below look for are word classes, data in
# data/rules/word-classes.tsv: TOPONYM_PREP (after which a name is a location, not an
# actor: "in Libya"), STRONG_LOCATIVE_PREP (strong enough to make a PERSON or ORG entity a
# place: "in Sirte"), EVENT_LOCATIVE_PREP (that place an event: "fighting in Sirte"),
# PLACE_NOUN (after which "of" introduces a place: "the port of Derna"), DIRECTION_WORD
# ("eastern Libya"), NORTH_SOUTH ("north-eastern"), COUNTY_NOUN, PLURAL_COUNTY_NOUN and
# LIST_WORD ("Barrow and Jackson counties").
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "conj"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Smallest town taken from an untagged capitalised word with no locative cue.
_MIN_UNTAGGED_POPULATION = 15000
#: Smallest city whose name the NER's lone PERSON may be (``_city_taken_for_person``).
_MIN_CITY_FOR_PERSON = 50000


@dataclass(frozen=True, slots=True)
class Weights:
    """Scoring weights of the resolver (log-odds units), set on LGL; see docs/places.md."""

    country: float = 4.0  # feature priors
    admin: float = 2.5
    admin2: float = 1.5  # a second-level division (a county)
    region: float = 2.5
    water: float = 2.5
    population: float = 0.6  # per decade of population
    region_population: int = 10_000_000  # prominence of a sea or region without one
    main_name: float = 1.0  # the name is the entry's own name, not an alternate
    capital: float = 1.5  # a country's capital
    namesake_division: float = -3.0  # a division named after a city in it: the text means the city
    namesake_ratio: float = 1000.0  # ... or a city of its country with 1/ratio of its population
    foreign_ratio: float = 10.0  # ... or one elsewhere with 1/ratio of its population
    country_context: float = 4.0  # times the share of the context in the candidate's country
    admin_context: float = 7.0  # times the share of the context in its first-level division
    admin2_context: float = 5.0  # times the share of the context in its second-level division
    county_cue: float = 4.0  # "Barrow and Jackson counties": a second-level division
    container: float = 6.0  # "Paris, Texas": the candidate lies in the place named after it
    minimum: float = 3.25  # a town under ~5,000 with no support from context: left unresolved


WEIGHTS = Weights()
_ROUNDS = 3


@dataclass(frozen=True, slots=True)
class _Mention:
    """A toponym found in the text, before resolution."""

    span: Span
    name: str
    token_start: int
    token_end: int


# ---------------------------------------------------------------- public functions


def resolve_places(
    parsed: ParsedText,
    actors: Sequence[Actor] = (),
    gazetteer: Gazetteer | None = None,
) -> tuple[Place, ...]:
    """Finds the toponyms of ``parsed`` and resolves them to places, in first-mention order.

    Args:
        parsed: the article's parse.
        actors: actors already resolved; a span that is an actor's mention is not a place
            unless it stands after a locative preposition.
        gazetteer: where names are looked up; the packaged GeoNames gazetteer when None.

    Returns:
        One ``Place`` per resolved entry (all the names that denote it are its mentions),
        or per name when the gazetteer does not know it (ids, coordinates and feature null);
        ids ``P1``, ``P2``, ...
    """
    gazetteer = gazetteer or default_gazetteer()
    mentions = _find_mentions(parsed, actors, gazetteer)
    entries = _resolve(parsed, mentions, actors, gazetteer)
    groups: dict[object, tuple[GeoEntry | None, str, list[Span]]] = {}
    for mention, entry in zip(mentions, entries, strict=True):
        if entry is None:
            key: object = ("name", mention.name)
        elif entry.geonameid is not None:
            key = entry.geonameid
        else:
            key = (entry.name.casefold(), entry.country, entry.feature)
        if key not in groups:
            groups[key] = (entry, mention.name, [])
        groups[key][2].append(mention.span)
    places = []
    for n, (entry, name, spans) in enumerate(groups.values(), 1):
        spans.sort(key=lambda s: s.start)
        if entry is None:
            places.append(Place(id=f"P{n}", name=name, mentions=tuple(spans)))
            continue
        places.append(
            Place(
                id=f"P{n}",
                name=entry.name,
                geonameid=entry.geonameid,
                lat=entry.lat,
                lon=entry.lon,
                country=entry.country,
                feature=entry.feature,
                mentions=tuple(spans),
            )
        )
    return tuple(places)


def find_toponyms(
    parsed: ParsedText,
    actors: Sequence[Actor] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Span]:
    """Returns the toponym spans of ``parsed`` in text order (recognition only).

    Args:
        parsed: the article's parse.
        actors: actors already resolved (their non-locative mentions are not places).
        gazetteer: where names are looked up; the packaged one when None.
    """
    return [m.span for m in _find_mentions(parsed, actors, gazetteer or default_gazetteer())]


def resolve_toponyms(
    parsed: ParsedText,
    spans: Sequence[Span],
    actors: Sequence[Actor] = (),
    gazetteer: Gazetteer | None = None,
    index: DocIndex | None = None,
) -> list[GeoEntry | None]:
    """Resolves given toponym spans of ``parsed`` in the article's context.

    The given spans are resolved together, with the toponyms the recogniser finds elsewhere
    in the text and the state actors as further context; with a gold standard's spans this
    measures resolution alone.

    Args:
        parsed: the article's parse.
        spans: toponym spans (``parsed.text[start:end]``).
        actors: actors already resolved (state actors count as country context).
        gazetteer: where names are looked up; the packaged one when None.
        index: the parse's index; built when None.

    Returns:
        One entry per span, in order; None where the gazetteer has no candidate.
    """
    gazetteer = gazetteer or default_gazetteer()
    index = index or DocIndex(parsed)
    mentions = []
    for span in spans:
        first, last = index.tokens_of(span.start, span.end)
        mentions.append(_Mention(span, _clean_name(span.text), first, last))
    # The toponyms the recogniser finds elsewhere in the text are context too.
    given = {(m.span.start, m.span.end) for m in mentions}
    context = [
        m
        for m in _find_mentions(parsed, actors, gazetteer)
        if (m.span.start, m.span.end) not in given
    ]
    return _resolve(parsed, mentions, actors, gazetteer, context)[: len(mentions)]


def toponym_candidates(name: str, gazetteer: Gazetteer | None = None) -> list[GeoEntry]:
    """Returns what the resolver chooses among for ``name``: the gazetteer's candidates, and
    for a demonym ("Libyan", "Canadians") its country.
    """
    return _candidates(name, gazetteer or default_gazetteer())


def locate_events(
    events: Sequence[Event],
    parsed: ParsedText,
    places: Sequence[Place],
    index: DocIndex | None = None,
) -> tuple[Event, ...]:
    """Sets each event's ``event_loc`` from the toponyms around its anchor.

    Args:
        events: the article's events (frozen; changed copies are returned).
        parsed: the article's parse.
        places: the article's places.
        index: the parse's index; built when None.

    Returns:
        The events in order, each with ``event_loc`` set to the id of: a place under a
        locative preposition (in, at, near, from, ...) attached in the subtree of the
        event's anchor (``anchor.event_anchor``) within its clause, the nearest first; else
        one under such a preposition in the anchor's clause; else a place the anchor
        governs directly ("captured Sirte"); else None. A place
        elsewhere in the sentence is not taken: it often locates another clause ("the
        colonel, whose militia was raised in eastern Chad, has refused ...").
    """
    index = index or DocIndex(parsed)
    tokens = parsed.tokens
    located: list[tuple[int, str]] = []  # (root token, place id)
    for place in places:
        for span in place.mentions:
            first, last = index.tokens_of(span.start, span.end)
            if first < last:
                located.append((_root(tokens, first, last), place.id))
    out = []
    for event in events:
        loc = _event_location(event, parsed, index, located)
        out.append(dataclasses.replace(event, event_loc=loc) if loc != event.event_loc else event)
    return tuple(out)


# ---------------------------------------------------------------- recognition


def _find_mentions(
    parsed: ParsedText, actors: Sequence[Actor], gazetteer: Gazetteer
) -> list[_Mention]:
    tokens = parsed.tokens
    taken = {(m.start, m.end) for a in actors for m in a.mentions}
    mentions: list[_Mention] = []
    in_entity = [False] * len(tokens)
    for ent in parsed.entities:
        for i in range(ent.token_start, ent.token_end):
            in_entity[i] = True
        name = _clean_name(ent.text)
        if not name[:1].isupper() and not name[:1].isdigit():
            continue  # "boycotts": a toponym is a proper name
        start = ent.start + ent.text.index(name)
        span = Span(start, start + len(name), name)
        first = ent.token_start
        while first < ent.token_end - 1 and tokens[first].end <= span.start:
            first += 1  # past a stripped "the"
        mention = _Mention(span, name, first, ent.token_end)
        locative = _after_preposition(tokens, ent.token_start, ent.token_end, "TOPONYM_PREP")
        if ent.label in ("GPE", "LOC", "FAC", "PERSON", "ORG") and _is_county(
            tokens, mention, gazetteer
        ):
            pass  # "Barrow and Jackson counties": whatever the NER and the actors said
        elif ent.label in _PLACE_LABELS:
            if ((span.start, span.end) in taken or (ent.start, ent.end) in taken) and not locative:
                continue
        elif ent.label in ("PERSON", "ORG"):
            city = (
                ent.label == "PERSON"
                and (span.start, span.end) not in taken
                and _city_taken_for_person(parsed, ent, name, gazetteer)
            )
            if not city and not _after_preposition(
                tokens, ent.token_start, ent.token_end, "STRONG_LOCATIVE_PREP"
            ):
                continue
            if not city and not any(_is_prominent(e, name) for e in gazetteer.candidates(name)):
                continue
        else:
            continue
        mentions.append(_qualified(parsed, mention, gazetteer))
    mentions.extend(_untagged(parsed, in_entity, taken, gazetteer))
    mentions.sort(key=lambda m: m.span.start)
    return mentions


def _untagged(
    parsed: ParsedText, in_entity: list[bool], taken: set[tuple[int, int]], gazetteer: Gazetteer
) -> list[_Mention]:
    """Capitalised runs the NER left untagged that the gazetteer knows well."""
    tokens = parsed.tokens
    found = []
    i = 0
    while i < len(tokens):
        if in_entity[i] or tokens[i].tag not in ("NNP", "NNPS") or not tokens[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens)
            and not in_entity[j]
            and tokens[j].tag in ("NNP", "NNPS")
            and tokens[j].start <= tokens[j - 1].end + 1
        ):
            j += 1
        start, end = tokens[i].start, tokens[j - 1].end
        name = parsed.text[start:end]
        if (start, end) not in taken and _accept_untagged(parsed, i, j, name, gazetteer):
            mention = _Mention(Span(start, end, name), name, i, j)
            found.append(_qualified(parsed, mention, gazetteer))
        i = j
    return found


def _accept_untagged(
    parsed: ParsedText, first: int, last: int, name: str, gazetteer: Gazetteer
) -> bool:
    candidates = gazetteer.candidates(name)
    if not candidates:
        return False
    tokens = parsed.tokens
    if _is_county(tokens, _Mention(Span(0, 0, name), name, first, last), gazetteer):
        return True
    if _after_preposition(tokens, first, last, "TOPONYM_PREP"):
        return True
    if tokens[_root(tokens, first, last)].dep in _ARGUMENT_DEPS:
        return False
    return any(_is_prominent(e, name) for e in candidates)


def _is_county(tokens: Sequence[Token], mention: _Mention, gazetteer: Gazetteer) -> bool:
    """A name before "county" or in a list before "counties" that names such a division."""
    return _division_cue(tokens, mention) and any(
        e.second_level for e in gazetteer.candidates(mention.name)
    )


def _is_prominent(entry: GeoEntry, name: str) -> bool:
    """A country, first-level division, region or sea; a second-level division by its own
    name ("Fulton County", not "Fulton"); a town of 15,000+ by its own name."""
    if entry.feature == "city" or entry.second_level:
        if normalize_name(entry.name) != normalize_name(name):
            return False
    return entry.feature != "city" or entry.population >= _MIN_UNTAGGED_POPULATION


def _qualified(parsed: ParsedText, mention: _Mention, gazetteer: Gazetteer) -> _Mention:
    """Extends "Libya" to "eastern Libya" when a direction word stands right before it."""
    first = mention.token_start
    if first == 0:
        return mention
    prev = parsed.tokens[first - 1]
    words = WordClasses.default()
    if prev.text.lower() not in words["DIRECTION_WORD"] or prev.end + 1 < mention.span.start:
        return mention
    start = prev.start
    if first >= 3 and parsed.tokens[first - 2].text == "-":  # north-eastern
        before, hyphen = parsed.tokens[first - 3], parsed.tokens[first - 2]
        if before.text.lower() in words["NORTH_SOUTH"] and before.end == hyphen.start:
            start = before.start
    name = f"{parsed.text[start : prev.end]} {mention.name}"
    found = gazetteer.candidates(name)
    if not found:
        return mention
    if prev.text[:1].islower() and any(e.geonameid is not None for e in found):
        return mention  # "north Arlington" is a part of Arlington, not North Arlington, NJ
    text = parsed.text[start : mention.span.end]
    token_start = first - 1 if start == prev.start else first - 3
    return _Mention(Span(start, mention.span.end, text), name, token_start, mention.token_end)


def _clean_name(text: str) -> str:
    """Strips a leading "the" and a trailing possessive: "the Mediterranean's" → "Mediterranean"."""
    name = text.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name[:4].lower() == "the ":
        name = name[4:]
    return name.strip()


def _city_taken_for_person(
    parsed: ParsedText, ent: Entity, name: str, gazetteer: Gazetteer
) -> bool:
    """A name of one or two words the NER took for a person that names a city of
    ``_MIN_CITY_FOR_PERSON`` or more people, with nothing of a person about it: no first
    name or title before it, no name after it, and the object of a verb that acts on
    places (PLACE_VERB: "Russian forces shelled Kharkiv overnight", "struck Khan Younis";
    not "thanked Austin", "charged Eugene", "Kharkiv said").
    A surname of someone the article names in full stays a person (the actor stage)."""
    tokens = parsed.tokens
    span = range(ent.token_start, ent.token_end)
    if len(span) > 2 or any(tokens[k].pos != "PROPN" for k in span):
        return False
    root = tokens[_root(tokens, ent.token_start, ent.token_end)]
    for _ in range(3):  # "shelled Odesa and Kherson": the first conjunct's verb
        if root.dep != "conj" or root.head == root.i:
            break
        root = tokens[root.head]
    if root.dep not in ("dobj", "nsubjpass"):
        return False
    if tokens[root.head].lemma.lower() not in WordClasses.default()["PLACE_VERB"]:
        return False  # "thanked Austin", "charged Eugene": a person's verbs
    for k in (ent.token_start - 1, ent.token_end):
        if 0 <= k < len(tokens) and tokens[k].pos == "PROPN":
            return False
    return any(
        e.feature == "city" and e.population >= _MIN_CITY_FOR_PERSON
        for e in gazetteer.candidates(name)
    )


def _after_preposition(tokens: Sequence[Token], first: int, last: int, prepositions: str) -> bool:
    """True when the span is the object of a preposition of the word class
    ``prepositions``, or of "of" after a place noun ("the port of Derna").

    Coordinated and apposed names share the preposition ("in Tripoli and Benghazi"), and so
    does a name modifying the object ("in the Benghazi area").
    """
    token = tokens[_root(tokens, first, last)]
    for _ in range(5):
        if token.dep not in ("conj", "appos", "compound") or token.head == token.i:
            break
        token = tokens[token.head]
    if token.dep != "pobj":
        return False
    prep = tokens[token.head]
    word = prep.text.lower()
    if word == "of" and prep.head != prep.i:
        return tokens[prep.head].lemma.lower() in WordClasses.default()["PLACE_NOUN"]
    return word in WordClasses.default()[prepositions]


def _root(tokens: Sequence[Token], first: int, last: int) -> int:
    """The token of ``tokens[first:last]`` whose head lies outside the span."""
    for i in range(first, last):
        head = tokens[i].head
        if head == i or not first <= head < last:
            return i
    return last - 1


# ---------------------------------------------------------------- resolution


def _resolve(
    parsed: ParsedText,
    mentions: Sequence[_Mention],
    actors: Sequence[Actor],
    gazetteer: Gazetteer,
    context: Sequence[_Mention] = (),
) -> list[GeoEntry | None]:
    """Resolves ``mentions`` (then ``context``, which only informs the others) together."""
    if not mentions:
        return []
    mentions = [*mentions, *context]
    keys = [normalize_name(m.name) for m in mentions]
    counts = Counter(keys)
    w = WEIGHTS
    candidates = {k: _candidates(m.name, gazetteer) for k, m in zip(keys, mentions, strict=True)}
    names = [k for k in counts if candidates[k]]
    priors = {k: [_prior(c, k, candidates[k], w) for c in candidates[k]] for k in names}
    containers = _containers(parsed.text, mentions, keys)
    cued = {k for k, m in zip(keys, mentions, strict=True) if _division_cue(parsed.tokens, m)}

    actor_votes: Counter[str] = Counter()
    for actor in actors:
        if actor.country and actor.kind == "state":
            actor_votes[actor.country] += len(actor.mentions) or 1

    beliefs = {k: _softmax(priors[k]) for k in names}
    scores = priors
    for _ in range(_ROUNDS):
        country_votes: Counter[str] = Counter(actor_votes)
        admin_votes: Counter[str] = Counter()
        admin2_votes: Counter[str] = Counter()
        own_country: dict[str, Counter[str]] = {}
        own_admin: dict[str, Counter[str]] = {}
        own_admin2: dict[str, Counter[str]] = {}
        for k in names:
            oc: Counter[str] = Counter()
            oa: Counter[str] = Counter()
            oa2: Counter[str] = Counter()
            # the counters hold beliefs (floats); typeshed types Counter values as int
            for c, p in zip(candidates[k], beliefs[k], strict=True):
                if c.country:
                    oc[c.country] += p * counts[k]  # type: ignore[assignment]
                if c.admin1:
                    oa[c.admin1] += p * counts[k]  # type: ignore[assignment]
                if c.admin2:
                    oa2[c.admin2] += p * counts[k]  # type: ignore[assignment]
            own_country[k], own_admin[k], own_admin2[k] = oc, oa, oa2
            country_votes.update(oc)
            admin_votes.update(oa)
            admin2_votes.update(oa2)
        total = sum(country_votes.values())
        total_admin = sum(admin_votes.values())
        total_admin2 = sum(admin2_votes.values())
        scores = {}
        for k in names:
            others = max(total - sum(own_country[k].values()), 1.0)
            others_admin = max(total_admin - sum(own_admin[k].values()), 1.0)
            others_admin2 = max(total_admin2 - sum(own_admin2[k].values()), 1.0)
            row = []
            for c, prior in zip(candidates[k], priors[k], strict=True):
                s = prior
                if c.country:
                    share = (country_votes[c.country] - own_country[k][c.country]) / others
                    s += w.country_context * share
                if c.admin1:
                    share = (admin_votes[c.admin1] - own_admin[k][c.admin1]) / others_admin
                    s += w.admin_context * share
                if c.admin2:
                    share = (admin2_votes[c.admin2] - own_admin2[k][c.admin2]) / others_admin2
                    s += w.admin2_context * share
                if k in containers and _inside(c, containers[k], candidates):
                    s += w.container
                if k in cued and c.second_level:
                    s += w.county_cue
                row.append(s)
            scores[k] = row
        beliefs = {k: _softmax(scores[k]) for k in names}

    best: dict[str, GeoEntry] = {}
    for k in names:
        top = max(range(len(scores[k])), key=scores[k].__getitem__)
        if scores[k][top] >= w.minimum:
            best[k] = candidates[k][top]
    return [best.get(k) for k in keys]


def _candidates(name: str, gazetteer: Gazetteer) -> list[GeoEntry]:
    """The gazetteer's candidates, and for a demonym its place: "Libyan" and "Canadians"
    their country (the actor tables), "Texan" and "Europeans" theirs (data/places/demonyms.tsv).
    """
    found = gazetteer.candidates(name)
    if not name[:1].isupper() or any(e.feature == "country" for e in found):
        return found
    place = _demonym_place(name, gazetteer)
    if place is not None:
        return [*found, place] if place not in found else found
    country = _demonym_country(name)
    if country is None:
        return found
    own = [e for e in gazetteer.candidates(country) if e.feature == "country"]
    return found + own[:1]


@functools.lru_cache(maxsize=1)
def _demonym_table() -> dict[str, tuple[str, str, str | None]]:
    """Demonym key → (place name, feature, country) from data/places/demonyms.tsv."""
    text = resources.files("thucydides").joinpath("data/places/demonyms.tsv").read_text("utf-8")
    table: dict[str, tuple[str, str, str | None]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("forms\t"):
            continue
        cells = line.split("\t")
        forms, place, feature = cells[:3]
        country = cells[3].strip() if len(cells) > 3 and cells[3].strip() else None
        for form in forms.split("|"):
            table[normalize_name(form)] = (place, feature, country)
    return table


def _demonym_place(name: str, gazetteer: Gazetteer) -> GeoEntry | None:
    """The place of a demonym listed in data/places/demonyms.tsv ("Texan": Texas), or None."""
    found = _demonym_table().get(normalize_name(name))
    if found is None:
        return None
    place, feature, country = found
    for entry in gazetteer.candidates(place):
        if entry.feature == feature and entry.country == country:
            return entry
    return None


def _demonym_country(name: str) -> str | None:
    """The country code of an adjective or people form ("Libyan", "Russians"), or None."""
    from ..knowledge.actors import default_knowledge  # the actor tables know demonyms

    kb = default_knowledge()
    for match in kb.find_names(name, [0], [len(name)]):
        if match.end == len(name) and match.form in ("adjective", "people") and match.country:
            country = kb.country(match.country)
            return country.name if country else None
    return None


def _prior(entry: GeoEntry, key: str, siblings: Sequence[GeoEntry], w: Weights) -> float:
    """Score of a candidate before context: feature class, population, own name.

    A division named like a city in it, or like a city of its country or a city of 100,000+
    anywhere, is penalised: "Benghazi", "Quebec", "Manchester" and "Gaza" in a text are far
    more often the city than the district, the province, the Jamaican parish or the
    Mozambican province.
    """
    if entry.second_level:
        score = w.admin2
    else:
        score = getattr(w, entry.feature, 0.0) if entry.feature != "city" else 0.0
    population = entry.population
    if not population and entry.feature in ("region", "water"):
        population = w.region_population
    score += w.population * math.log10(1 + population)
    if _is_main_name(entry, key):
        score += w.main_name
    if entry.capital:
        score += w.capital
    if entry.feature == "admin" and any(
        s.feature == "city"
        and s.population > 0
        and (
            s.admin1 == entry.admin1
            or _is_main_name(s, key)
            and s.population * (w.namesake_ratio if s.country == entry.country else w.foreign_ratio)
            >= entry.population
        )
        for s in siblings
    ):
        score += w.namesake_division
    return score


def _division_cue(tokens: Sequence[Token], mention: _Mention) -> bool:
    """True when "county" follows the name, or "counties" a list of names ending with it:
    "Barrow, Jackson and Madison counties", "Orleans Parish" when the toponym is "Orleans"."""
    words = WordClasses.default()
    j = mention.token_end
    while j < len(tokens) and j - mention.token_end < 12:
        word = tokens[j].text.lower()
        if word in words["PLURAL_COUNTY_NOUN"] or (
            word in words["COUNTY_NOUN"] and j == mention.token_end
        ):
            return True
        if word not in words["LIST_WORD"] and not tokens[j].text[:1].isupper():
            return False
        j += 1
    return False


def _is_main_name(entry: GeoEntry, key: str) -> bool:
    return normalize_name(entry.name) == key


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def _containers(
    text: str, mentions: Sequence[_Mention], keys: Sequence[str]
) -> dict[str, set[str]]:
    """Maps "paris" to {"texas"} when the text says "Paris, Texas" (and vice versa).

    A name can pair with both neighbours ("Louisville, Ky., New Haven, Conn."): each pair
    that contains the candidate counts once, so the right one wins on the prior.
    """
    pairs: dict[str, set[str]] = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i].span, mentions[i + 1].span
        if text[a.end : b.start].strip() == "," and b.start - a.end <= 3:
            pairs.setdefault(keys[i], set()).add(keys[i + 1])
            pairs.setdefault(keys[i + 1], set()).add(keys[i])
    return pairs


def _inside(entry: GeoEntry, other_keys: set[str], candidates: dict[str, list[GeoEntry]]) -> bool:
    """True when ``entry`` and one candidate of a paired name contain one another."""
    return any(
        _contains(other, entry) or _contains(entry, other)
        for key in other_keys
        for other in candidates.get(key, ())
    )


def _contains(outer: GeoEntry, inner: GeoEntry) -> bool:
    """True when the country or division ``outer`` contains ``inner``."""
    if outer == inner:
        return False
    if outer.feature == "country":
        return outer.country is not None and inner.country == outer.country
    if outer.feature != "admin":
        return False
    if outer.second_level:
        return inner.admin2 == outer.admin2
    return outer.admin1 is not None and inner.admin1 == outer.admin1


# ---------------------------------------------------------------- event location


def _event_location(
    event: Event, parsed: ParsedText, index: DocIndex, located: Sequence[tuple[int, str]]
) -> str | None:
    if not parsed.sentences or not located:
        return None
    tokens = parsed.tokens
    sentence = parsed.sentences[index.sentence_at(event.sentence.start)]
    inside = [
        (root, pid) for root, pid in located if sentence.token_start <= root < sentence.token_end
    ]
    if not inside:
        return None
    anchor = event_anchor(event, parsed, index)
    if anchor is None:
        anchor = _sentence_root(tokens, sentence.token_start, sentence.token_end)
    clause = _clause_head(tokens, anchor)
    best: tuple[int, int, str] | None = None
    for root, pid in inside:
        prep = _locative_head(tokens, root)
        distance = _steps_up(tokens, prep if prep is not None else root, anchor)
        if prep is not None and distance is not None:
            rank = 0
        elif prep is not None and _clause_head(tokens, prep) == clause:
            rank = 1
        elif distance is not None:
            rank = 3
        else:
            continue
        key = (rank, distance if distance is not None else abs(root - anchor), pid)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def _sentence_root(tokens: Sequence[Token], first: int, last: int) -> int:
    for i in range(first, last):
        if tokens[i].head == i:
            return i
    return first


def _clause_head(tokens: Sequence[Token], i: int) -> int:
    """The nearest ancestor (or self) that heads a clause."""
    seen = 0
    while tokens[i].dep not in _CLAUSE_DEPS and tokens[i].head != i and seen < 50:
        i = tokens[i].head
        seen += 1
    return i


def _locative_head(tokens: Sequence[Token], root: int) -> int | None:
    """The preposition a toponym is the object of, if it places something ("in", "near")."""
    token = tokens[root]
    while token.dep in ("conj", "appos") and token.head != token.i:
        token = tokens[token.head]
    if token.dep != "pobj":
        return None
    prep = tokens[token.head]
    return prep.i if prep.text.lower() in WordClasses.default()["EVENT_LOCATIVE_PREP"] else None


def _steps_up(tokens: Sequence[Token], i: int, ancestor: int) -> int | None:
    """How many heads up from ``i`` reach ``ancestor`` without leaving its clause, or None."""
    steps = 0
    while i != ancestor:
        if steps and tokens[i].dep in _CLAUSE_DEPS and tokens[i].pos in ("VERB", "AUX"):
            return None
        head = tokens[i].head
        if head == i or steps > 30:
            return None
        i = head
        steps += 1
    return steps
