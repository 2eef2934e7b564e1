"""Actors: who is who in one article (baseline from named entities).

``resolve_actors`` groups the named entities of a parse into one ``Actor`` per
real-world entity, with every mention's span. This baseline knows countries (pycountry)
and merges people by surname and organisations by their acronym; the knowledge files,
sectors and rule-based coreference build on it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .records import Actor, Entity, ParsedText, Span

#: NER labels that name actors. GPE names actors only when not in a place role.
_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
#: Prepositions after which a GPE is a place ("in Tripoli"), not an actor.
_PLACE_PREPOSITIONS = {"in", "at", "near", "from", "to", "across", "into", "inside", "outside"}
#: Titles stripped before comparing person names.
_TITLES = re.compile(
    r"^(?:(?:Brigadier|Major|Lieutenant|Lt|Maj|Gen|General|Colonel|Col|Field Marshal|Marshal|"
    r"President|Prime Minister|Minister|Mr|Mrs|Ms|Dr|Sheikh|King|Queen|Prince|Sen|Senator|Rep)"
    r"\.?(?:-General)?\s+)+"
)


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Maps lower-cased country names, official names and common short forms to alpha-3."""
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                table[name.lower()] = c.alpha_3
                short = name.split(",")[0].lower()
                table.setdefault(short, c.alpha_3)
    table.update({"russia": "RUS", "syria": "SYR", "iran": "IRN", "britain": "GBR", "uk": "GBR",
                  "us": "USA", "u.s.": "USA", "the us": "USA", "america": "USA",
                  "united states": "USA", "the united states": "USA", "south korea": "KOR",
                  "north korea": "PRK", "vietnam": "VNM", "venezuela": "VEN", "bolivia": "BOL",
                  "tanzania": "TZA", "laos": "LAO", "moldova": "MDA", "palestine": "PSE",
                  "taiwan": "TWN", "turkey": "TUR", "congo": "COD"})
    return table


def country_code(name: str) -> str | None:
    """Returns the ISO alpha-3 code of a country name, or None."""
    key = name.lower().strip()
    key = key[4:] if key.startswith("the ") and key not in _countries() else key
    return _countries().get(key)


@dataclass
class _Cluster:
    label: str
    names: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        return max(self.names, key=len)


def resolve_actors(parsed: ParsedText) -> tuple[Actor, ...]:
    """Groups the actor-naming entities of ``parsed`` into actors, in order of first mention.

    Args:
        parsed: the article's parse.

    Returns:
        One ``Actor`` per entity cluster with ids ``A1``, ``A2``, ...; ``country`` is set for
        states, other codes stay null until known.
    """
    clusters: list[_Cluster] = []
    for ent in parsed.entities:
        if ent.label not in _ACTOR_LABELS or (ent.label == "GPE" and _is_place(parsed, ent)):
            continue
        name = _strip_possessive(ent.text)
        span = Span(ent.start, ent.start + len(name), name)
        cluster = _find_cluster(clusters, ent.label, name)
        if cluster is None:
            cluster = _Cluster(ent.label)
            clusters.append(cluster)
        cluster.names.append(name)
        cluster.mentions.append(span)
    return tuple(_to_actor(f"A{n}", c) for n, c in enumerate(clusters, 1))


def _is_place(parsed: ParsedText, ent: Entity) -> bool:
    """A GPE governed by a locative preposition is a place, not an actor."""
    root = parsed.tokens[ent.token_end - 1]
    head = parsed.tokens[root.head]
    return root.dep == "pobj" and head.text.lower() in _PLACE_PREPOSITIONS


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text).strip()


def _person_key(name: str) -> str:
    return _TITLES.sub("", name).split()[-1].lower() if _TITLES.sub("", name).split() else ""


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in {"of", "the", "and", "for"}]
    return "".join(w[0] for w in words).upper()


def _find_cluster(clusters: Sequence[_Cluster], label: str, name: str) -> _Cluster | None:
    """Finds the cluster ``name`` refers to: same name, same surname, or acronym."""
    for c in clusters:
        if name in c.names:
            return c
        if label == "PERSON" and c.label == "PERSON" and _person_key(name) == _person_key(c.canonical):
            return c
        if label in {"ORG", "GPE"} and c.label in {"ORG", "GPE"}:
            if name.isupper() and any(_acronym(n) == name for n in c.names):
                return c
            if label == c.label == "GPE" and country_code(name) and country_code(name) == country_code(c.canonical):
                return c
    return None


def _to_actor(actor_id: str, c: _Cluster) -> Actor:
    name = c.canonical if c.label != "PERSON" else _TITLES.sub("", c.canonical) or c.canonical
    if c.label == "GPE":
        code = country_code(name)
        kind = "state" if code else "other"
        return Actor(actor_id, name, kind, country=code, sector="GOV" if code else None,
                     code=f"{code}GOV" if code else None, mentions=tuple(c.mentions))
    kind = {"PERSON": "person", "ORG": "organization", "NORP": "group"}[c.label]
    return Actor(actor_id, name, kind, mentions=tuple(c.mentions))
