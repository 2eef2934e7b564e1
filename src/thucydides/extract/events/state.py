"""The state the event coder works on: the per-document index (``DocIndex``), the lexicon
match at a token (``Trigger``), the event under construction (``Draft``), a sentence's coded
event before numbering (``Found``), and the per-sentence state (``SentenceState``) that every
function of the coder takes as its first argument.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...knowledge.lexicon import Coding, Slot, TriggerRow, TriggerSource
from ...parse.index import TokenOffsets
from ...records import Actor, Event, ParsedText, Place

#: Tags of a participle the parser may mistake for a finite verb ("officers holed up").
_PARTICIPLES = {"VBN", "VBD", "VBG"}


class DocIndex:
    """Per-document indexes: children, sentence of each token, actor of each token."""

    def __init__(
        self,
        parsed: ParsedText,
        actors: Sequence[Actor],
        lexicon: TriggerSource,
        places: Sequence[Place] = (),
    ):
        self.parsed = parsed
        self.tokens = parsed.tokens
        self.lex = lexicon
        n = len(self.tokens)
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for t in self.tokens:
            if t.head != t.i:
                self.kids[t.head].append(t.i)
        self._repair_stranded_objects()
        self.low = [t.text.lower() for t in self.tokens]
        self.lemma = [t.lemma.lower() for t in self.tokens]
        self.actors = {a.id: a for a in actors}
        self.actor_at: dict[int, str] = {}
        offsets = TokenOffsets(parsed)
        # Shorter mentions first, so that a nested mention keeps its own actor.
        mentions = sorted(
            (m.end - m.start, m.start, m.end, a.id) for a in actors for m in a.mentions
        )
        #: every actor of a token's innermost span: "Hungarian and Romanian officials" is
        #: one span shared by two actors (a compound actor)
        self.actors_at: dict[int, tuple[str, ...]] = {}
        span_of: dict[int, tuple[int, int]] = {}
        for _len, start, end, actor_id in mentions:
            for k in offsets.starting_in(start, end):
                if k not in self.actor_at:
                    self.actor_at[k] = actor_id
                    self.actors_at[k] = (actor_id,)
                    span_of[k] = (start, end)
                elif span_of[k] == (start, end) and actor_id not in self.actors_at[k]:
                    self.actors_at[k] += (actor_id,)
        #: the place (with a known country) each token of a toponym belongs to
        self.place_at: dict[int, str] = {}
        for place in places:
            if place.country is None:
                continue
            for m in place.mentions:
                for k in offsets.starting_in(m.start, m.end):
                    self.place_at.setdefault(k, place.id)
        self._classes: dict[str, frozenset[str]] = {}
        self._members: dict[int, frozenset[str]] = {}

    def _repair_stranded_objects(self) -> None:
        """Re-attaches a preposition's object that the parser made the subject of a
        following participle (often tagged as a past tense): "granted asylum to [five
        officers] holed up in ..." is parsed with "officers" as the subject of "holed" and
        "to" left without an object.

        Notes:
            The repair only applies when the preposition has no object at all and the
            participle clause hangs from the preposition's own head, right after it.
        """
        tok = list(self.tokens)
        changed = False
        for p in tok:
            if p.dep != "prep" or p.pos != "ADP" or p.i + 1 >= len(tok):
                continue
            if any(tok[k].dep in ("pobj", "pcomp") for k in self.kids[p.i]):
                continue
            for v in self.kids[p.head]:
                if v <= p.i or tok[v].dep not in ("advcl", "acl") or tok[v].tag not in _PARTICIPLES:
                    continue
                subj = [k for k in self.kids[v] if tok[k].dep == "nsubj" and k < v]
                if not subj or self._left_edge(subj[0]) != p.i + 1:
                    continue
                o = subj[0]
                tok[o] = dataclasses.replace(tok[o], dep="pobj", head=p.i)
                tok[v] = dataclasses.replace(tok[v], dep="acl", head=o)
                self.kids[v].remove(o)
                self.kids[p.head].remove(v)
                self.kids[p.i].append(o)
                self.kids[o] = sorted([*self.kids[o], v])
                changed = True
                break
        if changed:
            self.tokens = tuple(tok)

    def _left_edge(self, i: int) -> int:
        """The first token of ``i``'s subtree."""
        left, stack = i, [i]
        while stack:
            k = stack.pop()
            left = min(left, k)
            stack += self.kids[k]
        return left

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

    def is_ancestor(self, a: int, b: int) -> bool:
        """True when token ``a`` dominates token ``b`` (or is it)."""
        for _ in range(64):
            if a == b:
                return True
            h = self.tokens[b].head
            if h == b:
                return False
            b = h
        return False


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

    def __init__(self, doc: DocIndex, si: int, explain: bool = False):
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
