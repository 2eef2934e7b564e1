"""The state the event coder works on: the per-document state (``DocState``, built over
the parse's one index), the lexicon match at a token (``Trigger``), the event under
construction (``Draft``), a sentence's coded event before numbering (``Found``), and the
per-sentence state (``SentenceState``) that every function of the coder takes as its first
argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...knowledge.lexicon import Coding, Slot, TriggerRow, TriggerSource
from ...parse.index import DocIndex
from ...records import Actor, Event, Place
from ..coref import actors_by_token
from .judge import TriggerJudge


class DocState:
    """The coder's per-document state: the parse's one index (``parse.index.DocIndex``:
    children, sentences, offsets), and what only the coder needs, built from it once: the
    lower-cased word and lemma, the actors and the place of each token, and the lexicon's
    word classes (cached).

    Args:
        index: the article's index (``DocIndex(parsed)``), whose tree the parse layer has
            already repaired (``parse/repairs.py``).
        actors: the article's actors with their mention spans.
        lexicon: the trigger lexicon.
        places: the article's places; those with a country give ``place_at``.
        judge: the trigger judge, or None to keep every trigger the lexicon finds.
    """

    def __init__(
        self,
        index: DocIndex,
        actors: Sequence[Actor],
        lexicon: TriggerSource,
        places: Sequence[Place] = (),
        judge: TriggerJudge | None = None,
    ):
        self.index = index
        #: the learned check on the lexicon's triggers (``judge.py``); None: rules alone
        self.judge = judge
        self.parsed = index.parsed
        self.tokens = index.parsed.tokens
        self.lex = lexicon
        #: the dependents of each token, in text order: the index's own lists
        self.kids = index.children
        self.low = [t.text.lower() for t in self.tokens]
        self.lemma = [t.lemma.lower() for t in self.tokens]
        self.actors = {a.id: a for a in actors}
        #: every actor of a token's innermost span: "Hungarian and Romanian officials" is
        #: one span shared by two actors (a compound actor); read from the one resolver's
        #: answer (``extract/coref.py``), so a pronoun stands for whom the actors stage said
        self.actors_at: dict[int, tuple[str, ...]] = actors_by_token(index.parsed, actors, index)
        self.actor_at: dict[int, str] = {k: ids[0] for k, ids in self.actors_at.items()}
        #: the place (with a known country) each token of a toponym belongs to
        self.place_at: dict[int, str] = {}
        #: the tokens of toponyms below a country (a city, a region): "the Doha agreement"
        self.local_place: set[int] = set()
        for place in places:
            if place.country is None:
                continue
            for m in place.mentions:
                for k in index.starting_in(m.start, m.end):
                    self.place_at.setdefault(k, place.id)
                    if place.feature != "country":
                        self.local_place.add(k)
        self._classes: dict[str, frozenset[str]] = {}
        self._members: dict[int, frozenset[str]] = {}

    def children(self, i: int, *deps: str) -> list[int]:
        """Children of token ``i``, all or those with one of ``deps``."""
        if not deps:
            return self.kids[i]
        return [c for c in self.kids[i] if self.tokens[c].dep in deps]

    def members(self, slot: Slot) -> frozenset[str]:
        """The words a slot accepts, its classes expanded (cached per slot)."""
        if not slot.classes:
            return slot.words
        got = self._members.get(id(slot))
        if got is None:
            got = self._members[id(slot)] = slot.members(self.lex)
        return got

    def word_class(self, name: str) -> frozenset[str]:
        """The members of a word class (the lexicon's classes merged with ours), cached."""
        if name not in self._classes:
            self._classes[name] = self.lex.word_class(name)
        return self._classes[name]


@dataclass
class Trigger:
    """A lexicon match at one token."""

    i: int
    row: TriggerRow
    words: tuple[int, ...]
    governor: Trigger | None = None
    relation: str = ""
    governed: list[Trigger] = field(default_factory=list)


@dataclass
class Draft:
    """An event as it is built up from a trigger and what it governs."""

    coding: Coding
    anchor: int
    words: list[int]
    weight: float
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    by_pronoun: bool = False
    future: bool = False
    hypothetical: bool = False
    negated: bool = False
    committed: bool = False
    own_intent: bool = False
    #: the verb itself is in the future ("will not accept") or fails ("failed to agree"),
    #: not only what is promised
    will: bool = False
    #: the only noun in subject position is the passive's patient
    patient_only: bool = False
    nominal: bool = False
    subject_token: int | None = None
    trigger_lemma: str = ""
    #: the type of the event a wrapper governs ("refused to *deploy* troops in X")
    content_event: str | None = None
    #: the rules that made it: lexicon row sources, governing word first, then the recoding
    #: steps that changed its coding (``Event.rule``)
    rules: list[str] = field(default_factory=list)
    #: (word the role was sought from, word it was read from), for ``--explain``; None when
    #: the role came another way (the explanation then shows the nearest mention)
    actor_via: tuple[int, int] | None = None
    recipient_via: tuple[int, int] | None = None


@dataclass
class Found:
    """One event of a sentence before numbering, with the tokens it came from."""

    anchor: int
    event: Event
    words: tuple[int, ...] = ()
    place: tuple[str, ...] = ()
    #: a definite event noun with no verb of its own: maybe a mention of an earlier event
    reference: bool = False
    actor_via: tuple[int, int] | None = None
    recipient_via: tuple[int, int] | None = None
    #: the dependency paths to the actor and the recipient (only when explaining)
    paths: tuple[str | None, str | None] = (None, None)


class SentenceState:
    """The coder's state for one sentence; every step's functions take it first.

    ``trig`` (the sentence's triggers) is set once triggers are found, ``slot_owner`` (the
    trigger each pattern word belongs to) by ``frames.link``; the caches only memoise.
    """

    def __init__(self, doc: DocState, si: int, explain: bool = False):
        self.doc = doc
        #: record the dependency path to each role (``--explain``)
        self.explain = explain
        self.tok = doc.tokens
        self.sent = doc.parsed.sentences[si]
        self.si = si
        self.range = range(self.sent.token_start, self.sent.token_end)
        self.ids_cache: dict[int, tuple[tuple[str, ...], bool]] = {}
        self.trig: dict[int, Trigger] = {}
        self.reach_cache: dict[tuple[int, tuple[int, ...]], list[int]] = {}
        r = self.range
        self.words = frozenset(doc.lemma[r.start : r.stop]) | frozenset(doc.low[r.start : r.stop])
        self.slot_owner: dict[int, Trigger] = {}
