"""Reference: which actor a word of the article stands for, one answer for every stage.

The actors stage (``extract/actors``, pass 3 in ``actors/coref.py``) decides what each
pronoun ("he", "its", "they") and definite description ("the general", "the ministry")
refers to, and records the answer as a mention span of that actor. ``Referents`` reads
those spans back: the events and quotes stages ask it which actor a word stands for
instead of resolving pronouns or descriptions themselves, so that a pronoun names the same
actor as subject of an event and as speaker of a quote.

``Referents(parsed, actors)(i)`` is:

1. the actors of the innermost mention span that covers token ``i`` (all the actors that
   share that span: "Hungarian and Romanian officials");
2. for a pronoun no span covers, nothing: the actors stage looked and found no
   antecedent it could trust, and no stage second-guesses it;
3. for a word the actors stage made no mention of, two conservative fallbacks, both
   unique-match only: a proper name by the one actor with that name or surname ("Wyne
   said" after "Ali Wyne", a later mention NER missed), and a definite description by the
   one actor whose name carries its noun ("the law said" after "the Maritime Traffic
   Safety Law").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..knowledge.words import WordClasses
from ..parse.index import DocIndex
from ..records import Actor, ParsedText

__all__ = ["Referents", "actors_by_token"]


def actors_by_token(
    parsed: ParsedText, actors: Iterable[Actor], index: DocIndex | None = None
) -> dict[int, tuple[str, ...]]:
    """Every actor of each token's innermost mention span.

    Args:
        parsed: the article's parse.
        actors: its actors with their mention spans (``resolve_actors``).
        index: the parse's index (built when None).

    Returns:
        Token index → actor ids, in the order of the actors; a span shared by several
        actors (a compound actor: "Hungarian and Romanian officials") gives them all; a
        mention nested in another ("General Hiftar" in "General Hiftar's forces") keeps its
        own actor.
    """
    index = index or DocIndex(parsed)
    spans = sorted(
        (m.end - m.start, m.start, m.end, n, a.id) for n, a in enumerate(actors) for m in a.mentions
    )
    at: dict[int, tuple[str, ...]] = {}
    span_of: dict[int, tuple[int, int]] = {}
    for _len, start, end, _n, actor_id in spans:
        for k in index.starting_in(start, end):
            if k not in at:
                at[k], span_of[k] = (actor_id,), (start, end)
            elif span_of[k] == (start, end) and actor_id not in at[k]:
                at[k] += (actor_id,)
    return at


class Referents:
    """The actor(s) each token of one article stands for (see the module docstring).

    Args:
        parsed: the article's parse.
        actors: its actors with their mention spans.
        at: token → actor ids, when the caller already holds it (``actors_by_token``).
        index: the parse's index (``pipeline.extract`` builds one per article); built on
            first use when None.
    """

    def __init__(
        self,
        parsed: ParsedText,
        actors: Sequence[Actor],
        at: Mapping[int, tuple[str, ...]] | None = None,
        index: DocIndex | None = None,
    ) -> None:
        self.parsed = parsed
        self.actors = actors
        self._index = index
        self.at = at if at is not None else actors_by_token(parsed, actors, self.index)

    def __call__(self, i: int) -> tuple[str, ...]:
        """The actors token ``i`` stands for; empty when it names none."""
        if i in self.at:
            return self.at[i]
        tok = self.parsed.tokens[i]
        if tok.pos == "PROPN":
            return self._named(tok.text)
        return ()

    def speaker(self, i: int) -> tuple[str, ...]:
        """The actors a speaker's head word stands for: as ``self(i)``, and a definite
        description the actors stage made no mention of by the one actor it titles ("the
        general said"), since whoever speaks is someone.

        Notes:
            Only for speakers: elsewhere a definite noun is more often a thing ("the
            train", "the dogs", "the republic") than the one actor whose name holds it. On
            the 89 VOA stories, letting the event coder take them changed 11 events' roles,
            2 for the better.
        """
        found = self(i)
        tok = self.parsed.tokens[i]
        if found or tok.pos != "NOUN":
            return found
        definite = WordClasses.default()["DEFINITE_DETERMINER"]
        if any(
            self.parsed.tokens[k].dep == "det" and self.parsed.tokens[k].text.lower() in definite
            for k in self.children[i]
        ):
            return self._titled(tok.lemma.lower())
        return ()

    @property
    def index(self) -> DocIndex:
        """The parse's index (built on first use when none was given)."""
        if self._index is None:
            self._index = DocIndex(self.parsed)
        return self._index

    @property
    def children(self) -> Sequence[Sequence[int]]:
        """Each token's dependents."""
        return self.index.children

    def _named(self, name: str) -> tuple[str, ...]:
        """The one actor with this name, or a person with this surname."""
        key = name.lower()
        hits = {
            a.id
            for a in self.actors
            for n in (a.name, *(m.text for m in a.mentions))
            if n.split()
            and (n.lower() == key or (a.kind == "person" and n.split()[-1].lower() == key))
        }
        return (hits.pop(),) if len(hits) == 1 else ()

    def _titled(self, noun: str) -> tuple[str, ...]:
        """The one actor whose name or a mention carries ``noun`` as a title."""
        pattern = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
        hits = {
            a.id
            for a in self.actors
            if pattern.search(a.name) or any(pattern.match(m.text) for m in a.mentions)
        }
        return (hits.pop(),) if len(hits) == 1 else ()
