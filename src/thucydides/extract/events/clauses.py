"""Clause shapes: small tests on the dependency parse that several steps share (infinitive
and "for X to" clauses, "that" clauses, verbs of occurrence, argument positions, passive and
stative participles, conditional, pending and purpose clauses, reported clauses).
"""

from __future__ import annotations

from ...knowledge.words import WordClasses
from .state import SentenceState
from .triggers import frames_at

_WORDS = WordClasses.default()

#: Positions in which a noun with no verb to carry it still reports an event; a noun inside
#: a prepositional phrase ("after clashes with", "during the uprising") refers to one.
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "oprd", "dative"}
_CONDITIONAL_MARKS = _WORDS["CONDITIONAL_MARK"]
#: Temporal conjunctions whose present-tense clause is still to come ("before they disarm").
_PENDING_MARKS = _WORDS["PENDING_MARK"]
_RELATIVE_PRONOUNS = _WORDS["RELATIVE_PRONOUN"]
#: Participles that say where their subject stands ("X is opposed to Y").
_STATIVE_PASSIVES = _WORDS["STATIVE_PASSIVE"]
_STATIVE_PREPS = _WORDS["STATIVE_PREP"]
_PURPOSE_MARKS = _WORDS["PURPOSE_MARK"]


def that_clause(st: SentenceState, c: int) -> bool:
    """A clause opened by "that"."""
    return any(st.tok[m].dep == "mark" and st.doc.low[m] == "that" for m in st.doc.kids[c])


def for_to(st: SentenceState, v: int) -> bool:
    """A "for X to Y" clause."""
    d = st.doc
    return infinitive(st, v, subject_ok=True) and any(
        st.tok[m].dep == "mark" and d.low[m] == "for" for m in d.kids[v]
    )


def infinitive(st: SentenceState, v: int, subject_ok: bool = False) -> bool:
    """A "to" clause (without a subject of its own unless ``subject_ok``)."""
    d = st.doc
    if not subject_ok and d.children(v, "nsubj", "nsubjpass"):
        return False
    return any(d.low[a] == "to" and st.tok[a].dep == "aux" for a in d.kids[v])


def happens_or_not(st: SentenceState, n: int) -> bool:
    """An event noun that is the subject of a verb of occurrence, negated or not ("the
    attack did not happen"); the subject of any other verb keeps its own modality
    ("the demand did not mesh")."""
    h = st.tok[n].head
    return st.tok[n].dep == "nsubj" and h != n and st.doc.lemma[h] in (st.doc.word_class("OCCUR"))


def happens(st: SentenceState, n: int) -> bool:
    """An event noun that is the subject of a verb of occurrence ("erupted")."""
    tok, d = st.tok, st.doc
    h = tok[n].head
    if tok[n].dep != "nsubj" or h == n:
        return False
    return d.lemma[h] in d.word_class("OCCUR") and not any(tok[k].dep == "neg" for k in d.kids[h])


def argument(st: SentenceState, n: int) -> bool:
    """An event noun in an argument position (subject, object, apposition...), following
    conjunctions up, or one whose participle has an agent."""
    tok = st.tok
    while tok[n].dep == "conj" and tok[n].head != n:
        n = tok[n].head
    if tok[n].dep in _ARGUMENT_DEPS:
        return True
    return any(st.doc.children(a, "agent") for a in st.doc.children(n, "acl"))


def stative_passive(st: SentenceState, v: int) -> bool:
    """A participle that states its subject's own stance or activity, not what was done
    to it: "is opposed to", "are committed to", "were engaged in" (no "by" agent)."""
    d = st.doc
    return d.lemma[v] in _STATIVE_PASSIVES and any(
        (st.tok[c].dep == "prep" and d.lemma[c] in _STATIVE_PREPS) or st.tok[c].dep == "xcomp"
        for c in d.kids[v]
    )


def is_label(st: SentenceState, i: int) -> bool:
    """A speaker's label opening an interview line ("VOA: Putin visited China"), which
    the parser may make a second subject of the line's verb."""
    tok = st.tok
    k = i + 1
    if k >= len(tok) or tok[k].text != ":" or tok[k].head != i:
        return False
    first = st.sent.token_start
    return i == first or (i == first + 1 and tok[first].dep == "compound")


def passive_participle(st: SentenceState, v: int) -> bool:
    """A past participle opening or closing a clause with no subject or auxiliary of
    its own: "Injured in the attack, ...", "..., killed in an airstrike"."""
    d, tok = st.doc, st.tok
    t = tok[v]
    return (
        t.dep == "advcl"
        and t.tag == "VBN"
        and tok[t.head].pos in ("VERB", "AUX", "ADJ")
        and not any(tok[k].dep in ("aux", "auxpass", "mark", "nsubj") for k in d.kids[v])
    )


def through_relative(st: SentenceState, v: int, c: int) -> int:
    """A relative pronoun subject stands for the noun the clause modifies, and so does a
    part of one ("200 detainees, many of whom were deported": the detainees)."""
    if st.tok[v].dep != "relcl":
        return c
    if st.doc.low[c] in _RELATIVE_PRONOUNS:
        return st.tok[v].head
    for p in st.doc.kids[c]:
        if st.tok[p].dep == "prep" and st.doc.low[p] == "of":
            if any(st.doc.low[o] in _RELATIVE_PRONOUNS for o in st.doc.kids[p]):
                return st.tok[v].head
    return c


def marked(st: SentenceState, v: int) -> bool:
    """A clause opened by a conditional mark ("if", "unless", "whether")."""
    return any(
        st.tok[m].dep == "mark" and st.doc.low[m] in _CONDITIONAL_MARKS for m in st.doc.kids[v]
    )


def pending(st: SentenceState, v: int) -> bool:
    """A clause about something still to come or only considered: "before they disarm",
    "until their demands are met", "removing the sanctions is out of the question"."""
    tok, d = st.tok, st.doc
    if tok[v].dep == "csubj" or (tok[v].dep in ("nsubj", "nsubjpass") and tok[v].tag == "VBG"):
        return True
    if tok[v].dep != "advcl" or not any(
        tok[m].dep == "mark" and d.low[m] in _PENDING_MARKS for m in d.kids[v]
    ):
        return False
    verbs = [v] + [a for a in d.kids[v] if tok[a].dep in ("aux", "auxpass")]
    return any(tok[x].tag in ("VBP", "VBZ") for x in verbs)


def purpose_clause(st: SentenceState, v: int) -> bool:
    """ "so that X is banned", "in order that ...": a goal, not a fact."""
    marks = {st.doc.low[m] for m in st.doc.kids[v] if st.tok[m].dep in ("mark", "advmod")}
    return st.tok[v].dep == "advcl" and "that" in marks and bool(marks & _PURPOSE_MARKS)


def reported_clause(st: SentenceState, v: int) -> bool:
    """True when clause ``v`` is the complement of a reporting verb ("said it would")."""
    tok = st.tok
    cur = v
    for _ in range(4):
        h = tok[cur].head
        if h == cur:
            return False
        if tok[cur].dep in ("ccomp", "conj") and "report" in frames_at(st, h):
            return True
        if tok[cur].dep not in ("ccomp", "conj", "xcomp"):
            return False
        cur = h
    return False
