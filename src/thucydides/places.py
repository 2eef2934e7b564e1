"""Places: the toponyms of one article (baseline from named entities).

``resolve_places`` collects GPE, LOC and FAC entities that are not acting as actors into
one ``Place`` per name with all its mentions. Gazetteer resolution (GeoNames id,
coordinates, feature) fills the remaining fields; until a name is resolved they stay null.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Actor, ParsedText, Place, Span

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def resolve_places(parsed: ParsedText, actors: Sequence[Actor] = ()) -> tuple[Place, ...]:
    """Groups toponym entities of ``parsed`` into places, in order of first mention.

    Args:
        parsed: the article's parse.
        actors: actors already resolved; a span that is an actor's mention is not a place.

    Returns:
        One ``Place`` per distinct name with ids ``P1``, ``P2``, ...
    """
    taken = {(m.start, m.end) for a in actors for m in a.mentions}
    by_name: dict[str, list[Span]] = {}
    for ent in parsed.entities:
        if ent.label not in _PLACE_LABELS:
            continue
        name = re.sub(r"^the\s+", "", re.sub(r"['’]s?$", "", ent.text), flags=re.I).strip()
        start = ent.start + ent.text.index(name)
        span = Span(start, start + len(name), name)
        if (span.start, span.end) in taken or (ent.start, ent.end) in taken:
            continue
        by_name.setdefault(name, []).append(span)
    return tuple(
        Place(id=f"P{n}", name=name, mentions=tuple(spans))
        for n, (name, spans) in enumerate(by_name.items(), 1)
    )
