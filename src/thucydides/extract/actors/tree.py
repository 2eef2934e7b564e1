"""Questions about the article's dependency tree that every pass asks: a span's head,
a determiner, a preposition's object, a possessor above a token, whether a name is a
place ("in Tripoli"), and the text of a description without its determiner.
"""

from __future__ import annotations

from collections.abc import Collection

from ...records import Token
from .state import Mention, ResolverState
from .wordsets import LOCATIVE_PREP, MOTION_VERB


def span_head(st: ResolverState, first: int, last: int) -> int:
    """The token of ``first..last`` whose head lies outside the span."""
    for i in range(last, first - 1, -1):
        h = st.toks[i].head
        if h == i or h < first or h > last:
            return i
    return last


def entity_label(st: ResolverState, first: int, last: int) -> str:
    """The label of the named entity holding tokens ``first..last``, or ""."""
    for e in st.parsed.entities:
        if e.token_start <= first and last < e.token_end:
            return e.label
    return ""


def determiner(st: ResolverState, head: int) -> str:
    """The lower-case determiner of noun ``head``, or ""."""
    for c in st.children[head]:
        if st.toks[c].dep in ("det", "predet") and c < head:
            return lower(st.toks[c])
    return ""


def preceded_by_the(st: ResolverState, first: int) -> bool:
    """Whether the word before token ``first`` (spaces skipped) is "the"."""
    k = first - 1
    while k >= 0 and st.toks[k].pos == "SPACE":
        k -= 1
    return k >= 0 and lower(st.toks[k]) == "the"


def first_conjunct(st: ResolverState, i: int) -> int:
    """The first of the conjuncts token ``i`` is one of ("Bocaranga" for "Bazoum" in
    "Bocaranga and Bazoum"); ``i`` itself when it is none."""
    toks = st.toks
    while toks[i].dep == "conj" and toks[i].head != i:
        i = toks[i].head
    return i


def place_role(st: ResolverState, head: int) -> bool:
    """Whether a name at ``head`` is a location ("in Libya"), not a participant."""
    toks = st.toks
    i = first_conjunct(st, head)
    tok = toks[i]
    if tok.dep in ("npadvmod", "advmod"):
        return True
    if tok.dep != "pobj":
        return False
    prep = toks[tok.head]
    word = lower(prep)
    if word in LOCATIVE_PREP:
        return True
    if word == "to":
        gov = toks[prep.head]
        return gov.lemma.lower() in MOTION_VERB
    return False


def comma_between(st: ResolverState, a: int, b: int) -> bool:
    """Whether a comma, semicolon, parenthesis or dash lies between tokens ``a`` and ``b``."""
    return any(
        st.toks[k].pos == "PUNCT" and lower(st.toks[k]) in (",", ";", "(", "—", "–")
        for k in range(a + 1, b)
    )


def prep_child(st: ResolverState, i: int, words: Collection[str]) -> int | None:
    """The object of a preposition child of ``i`` among ``words``, or None."""
    for c in st.children[i]:
        if st.toks[c].dep == "prep" and lower(st.toks[c]) in words:
            for g in st.children[c]:
                if st.toks[g].dep == "pobj":
                    return g
    return None


def country_in(st: ResolverState, i: int) -> str | None:
    """The country named at token ``i`` or, failing that, first in its subtree."""
    return first_in(st, i, st.country_tok)


def place_in(st: ResolverState, i: int) -> str | None:
    """The country of a toponym at token ``i`` or in its subtree ("the Tyumen region")."""
    return first_in(st, i, st.place_tok)


def first_in(st: ResolverState, i: int, where: dict[int, str]) -> str | None:
    """The value of ``where`` at token ``i`` or first in its subtree (outside possessors)."""
    if i in where:
        return where[i]
    for k in range(st.left[i], st.right[i] + 1):
        # "of Israel's militia ally": the possessor's country is not the place's
        if k in where and not (st.toks[i].pos == "NOUN" and under_poss(st, k, i)):
            return where[k]
    return None


def under_poss(st: ResolverState, k: int, head: int) -> bool:
    """Whether token ``k`` sits inside a possessor of ``head``'s phrase."""
    j, steps = k, 0
    while j != head and steps < 8:
        if st.toks[j].dep == "poss":
            return True
        j = st.toks[j].head
        steps += 1
    return False


def description_label(st: ResolverState, m: Mention) -> str:
    """A name for an unnamed actor: its description without determiner or possessor."""
    toks = st.toks
    first = m.first
    skip = {
        k
        for c in st.children[m.head]
        if toks[c].dep in ("det", "poss", "predet") and c < m.head
        for k in range(st.left[c], st.right[c] + 1)
    }
    while first < m.head and (first in skip or toks[first].dep == "case"):
        first += 1
    return st.text[toks[first].start : m.end]


def lower(t: Token) -> str:
    """A token's text in lower case."""
    return t.text.lower()
