"""Parties: which actors a word names. The noun phrase around a role word (apposition,
possessor, nationality adjective, "forces loyal to X"), coordination ("Britain and France"),
pronouns and names as the actors stage resolved them (``extract/coref.py``: the one answer
the quotes stage reads too), and the owners of a thing acted on ("the homes of Sudanese
refugees").
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from ...knowledge.words import WordClasses
from ..coref import Referents
from .state import SentenceState

_WORDS = WordClasses.default()

#: Prepositions that lead from a protested thing to whom it concerns ("demands for X").
_OWNER_PREPS = _WORDS["OWNER_PREP"]
_ADJECTIVE_PARTY_PREPS = _WORDS["ADJECTIVE_PARTY_PREP"]
_SOURCE_PREPS = _WORDS["SOURCE_PREP"]


def pattern_owner(st: SentenceState, words: Sequence[int]) -> tuple[str, ...]:
    """The actor named inside a noun of a pattern: "Chinese funding", "Iran's offer"."""
    d, tok = st.doc, st.tok
    undergone = d.word_class("UNDERGONE")
    for w in words:
        if tok[w].pos != "NOUN":
            continue
        for ch in d.kids[w]:
            if tok[ch].dep == "poss" and d.lemma[w] in undergone:
                continue  # "secured Lai's release": Lai is released, not releasing
            if tok[ch].dep in ("poss", "amod", "compound", "nmod") and ch in d.actor_at:
                return (d.actor_at[ch],)
    return ()


def own_side(st: SentenceState, speaker: tuple[str, ...], party: tuple[str, ...]) -> bool:
    """The speaker itself, or the state a government speaker speaks for ("Yoon said
    South Korea may have to ...")."""
    if not speaker or not party:
        return False
    if speaker == party:
        return True
    actors = st.doc.actors
    countries = {actors[a].country for a in speaker if actors[a].sector == "GOV"}
    return all(actors[a].kind == "state" and actors[a].country in countries for a in party)


def own_forces(st: SentenceState, r: int, actor: tuple[str, ...]) -> bool:
    """ "its troops", "their army": armed forces the actor possesses."""
    d = st.doc
    if not actor or d.lemma[r] not in d.word_class("TROOPS"):
        return False
    for p in d.children(r, "poss"):
        ids, _ = actor_ids(st, p)
        if ids and set(ids) <= set(actor):
            return True
    return False


def ids_of_preps(st: SentenceState, v: int, preps: Set[str]) -> tuple[str, ...]:
    """The actors named by the first object of ``v``'s prepositions among ``preps`` that names
    any."""
    d = st.doc
    for pr in d.children(v, "prep"):
        if d.lemma[pr] in preps:
            for p in d.children(pr, "pobj"):
                ids, _ = actor_ids(st, p)
                if ids:
                    return ids
    return ()


def actor_ids(st: SentenceState, i: int) -> tuple[tuple[str, ...], bool]:
    """Actor ids of the noun phrase headed by ``i`` (coordination included)."""
    if i in st.ids_cache:
        return st.ids_cache[i]
    found: list[str] = []
    pron = False
    for j in conjuncts(st, i):
        ids, p = np_actors(st, j)
        pron = pron or p
        found += [a for a in ids if a not in found]
    result = (tuple(found), pron)
    st.ids_cache[i] = result
    return result


def is_state(st: SentenceState, i: int) -> bool:
    """Token ``i`` belongs to a mention of a state actor."""
    a = st.doc.actor_at.get(i)
    return a is not None and st.doc.actors[a].kind == "state"


def conjuncts(st: SentenceState, i: int) -> list[int]:
    """Token ``i`` and the heads coordinated with it ("Britain and France"), also when
    the parser hangs the conjunct on another word of the same name ("Barack Obama and
    Vladimir Putin") or lists states as appositions ("the US, Russia and Switzerland")."""
    d = st.doc
    out, stack = [i], [i]
    a = d.actor_at.get(i)
    if a is not None:
        k = i
        while k - 1 in st.range and d.actor_at.get(k - 1) == a:
            k -= 1
        while k in st.range and d.actor_at.get(k) == a:
            if k != i and st.tok[k].dep != "conj":
                stack.append(k)
            k += 1
    while stack and len(out) < 12:
        j = stack.pop()
        kids = d.children(j, "conj")
        if is_state(st, j):
            kids += [c for c in d.children(j, "appos") if is_state(st, c)]
        for c in kids:
            if c not in out:
                out.append(c)
                stack.append(c)
    return out


def np_actors(st: SentenceState, i: int) -> tuple[tuple[str, ...], bool]:
    """The actor a noun phrase names: its head, or an apposition, possessor, nationality
    adjective, "of" phrase ("aides of X") or "loyal to X" inside it."""
    d, tok = st.doc, st.tok
    if i in d.actor_at or tok[i].pos in ("PRON", "PROPN"):
        # what a pronoun or a name stands for is one answer, the one the quotes stage
        # reads too (``coref.Referents``): a pronoun the actors stage left unresolved
        # names no one here either
        named = referents(st)(i)
        if named or tok[i].pos == "PRON":
            return named, bool(named) and tok[i].pos == "PRON"
    adversaries = d.word_class("ADVERSARY")
    treaties = d.word_class("TREATY_NOUN")
    proposals = d.word_class("PROPOSAL") | d.word_class("ACCUSATION")
    frontier = [i]
    for _depth in range(3):
        nxt: list[int] = []
        hits: list[int] = []
        for j in frontier:
            for ch in d.kids[j]:
                dep = tok[ch].dep
                if dep == "poss" and d.lemma[j] in adversaries:
                    continue  # "Assad's foes" are not Assad
                if dep == "amod" and tok[ch].pos == "VERB":
                    continue  # "the UN-backed government" is not the UN
                if dep == "compound" and ch in d.local_place and d.lemma[j] in treaties:
                    continue  # "the Doha agreement" is named after a city, not by Qatar
                ok = dep in ("appos", "compound", "poss", "amod", "nmod") or (
                    dep == "pobj" and tok[j].dep == "prep"
                )
                if dep == "prep" and (
                    d.lemma[ch] == "of"
                    or (tok[j].pos == "ADJ" and d.lemma[ch] in _ADJECTIVE_PARTY_PREPS)
                    or (j == i and d.lemma[ch] in _SOURCE_PREPS and d.lemma[j] in proposals)
                ):
                    ok = True
                if not ok:
                    continue
                if ch in d.actor_at:
                    hits.append(ch)
                nxt.append(ch)
        if hits:
            # "my Chinese colleague" is Chinese: a pronoun possessor (a speaker's "my",
            # "our") names the phrase only when nothing else in it names an actor
            hits.sort(key=lambda k: tok[k].dep == "poss" and tok[k].pos == "PRON")
            ids: list[str] = []
            for k in conjuncts(st, hits[0]):
                ids += [a for a in d.actors_at.get(k, ()) if a not in ids]
            return tuple(ids), tok[hits[0]].pos == "PRON"  # "their protest"
        frontier = nxt
    return (), False


def referents(st: SentenceState) -> Referents:
    """What each token stands for, read from the actors' mention spans."""
    d = st.doc
    return Referents(d.parsed, list(d.actors.values()), d.actors_at, d.index)


def owner_of(
    st: SentenceState,
    n: int,
    actor: tuple[str, ...],
    depth: int = 3,
    preps: Set[str] = _OWNER_PREPS,
) -> tuple[str, ...]:
    """The actors a protested thing names, nearest first: the thing itself, its owner or
    doer ("the United States' military policies", "abuses by X", "crimes committed by
    X") and, a few steps down, what it asks of whom ("demands for freedom from X's
    government", "a demonstration calling for the removal of X")."""
    d, tok = st.doc, st.tok
    level = [n]
    seen = {n}
    for _ in range(depth + 1):
        nxt: list[int] = []
        for m in level:
            if own_forces(st, m, actor):
                continue  # "a call for its peacekeeping forces to be deployed"
            ids = tuple(a for a in actor_ids(st, m)[0] if a not in actor)
            if ids:
                return ids
            for k in d.kids[m]:
                dep = tok[k].dep
                if dep == "poss" or (dep in ("acl", "relcl") and tok[k].pos == "VERB"):
                    nxt.append(k)
                elif dep in ("prep", "agent") and d.lemma[k] in preps:
                    nxt += d.children(k, "pobj")
                elif dep == "dobj" and tok[m].pos == "VERB":
                    nxt.append(k)
        level = [k for k in nxt if k not in seen]
        seen.update(level)
    return ()
