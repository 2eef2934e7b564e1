"""Modality: negation, modals, conditionals, tense and "according to X" / "X said" on the
clause of an event (step 4 of ``code_events``).
"""

from __future__ import annotations

from ...knowledge.words import WordClasses
from .clauses import for_to, happens_or_not, marked, pending, purpose_clause, reported_clause
from .parties import actor_ids
from .roles import subject_of
from .state import Draft, SentenceState
from .triggers import TRANSPARENT, WRAPPERS, frames_at

_WORDS = WordClasses.default()

_HYPOTHETICAL_MODALS = _WORDS["HYPOTHETICAL_MODAL"]
_FUTURE_MODALS = _WORDS["FUTURE_MODAL"]
_ORDINALS = _WORDS["ORDINAL"]
_NO_LONGER = _WORDS["NO_LONGER"]
_NEGATIVE_DETERMINERS = _WORDS["NEGATIVE_DETERMINER"]
_NEGATIVE_PRONOUNS = _WORDS["NEGATIVE_PRONOUN"]
_NEGATORS = _WORDS["NEGATOR"]
_OBLIGATION_VERBS = _WORDS["OBLIGATION_VERB"]
_BELIEF_VERBS = _WORDS["BELIEF_VERB"]
_DOUBT_VERBS = _WORDS["DOUBT_VERB"]


def set_flags(st: SentenceState, i: int, c: Draft) -> None:
    """Negation, modals and conditionals on the clause of token ``i``."""
    d, tok = st.doc, st.tok
    clause = [i]
    if tok[i].pos == "ADJ" or tok[i].dep == "acomp":
        clause.append(tok[i].head)
    for v in clause:
        for ch in d.kids[v]:
            dep, low = tok[ch].dep, d.low[ch]
            if dep == "neg" or (dep == "det" and low == "no"):
                c.negated = True
            elif (
                dep == "advmod"
                and low in _NO_LONGER
                and any(tok[k].dep == "neg" for k in d.kids[ch])
            ):
                c.negated = True  # "will no longer recognize"
            elif dep == "aux" and tok[ch].tag == "MD":
                if low in _FUTURE_MODALS:
                    c.future = c.will = True
                elif low == "would":
                    c.future = c.will = True
                    c.hypothetical = c.hypothetical or not reported_clause(st, v)
                elif low in _HYPOTHETICAL_MODALS:
                    c.hypothetical = True
    for v in clause:
        for sub in d.children(v, "nsubj", "nsubjpass"):
            if (
                any(tok[k].dep == "det" and d.low[k] in _NEGATIVE_DETERMINERS for k in d.kids[sub])
                or d.low[sub] in _NEGATIVE_PRONOUNS
            ):
                c.negated = True  # "no other country had offered"
    if (
        c.nominal
        and (tok[i].dep in ("dobj", "attr") or happens_or_not(st, i))
        and tok[i].head not in st.trig
    ):
        # "should use sanctions": the verb that carries the noun has the modal
        for ch in d.kids[tok[i].head]:
            if tok[ch].dep == "neg":
                c.negated = True
            elif tok[ch].dep == "aux" and tok[ch].tag == "MD":
                if d.low[ch] in _HYPOTHETICAL_MODALS:
                    c.hypothetical = True
                elif d.low[ch] in _FUTURE_MODALS or d.low[ch] == "would":
                    c.future = True
    v, up = i, 0
    while (
        (
            tok[v].dep == "xcomp"
            or (tok[v].dep == "advcl" and tok[v].tag == "VBG" and not d.children(v, "nsubj"))
            or (tok[v].dep == "conj" and not d.children(v, "nsubj", "nsubjpass"))
        )
        and tok[v].head != v
        and up < 4
    ):
        # "Europe can't afford to defend Ukraine", "we have to support": the verb that
        # takes the infinitive carries the negation or the modal
        h, up = tok[v].head, up + 1
        if h in st.trig and tok[v].dep == "xcomp":
            break  # a frame word decides for what it governs
        for ch in d.kids[h]:
            dep, low = tok[ch].dep, d.low[ch]
            if dep == "neg" and tok[v].dep != "conj":
                c.negated = True  # "did not attack X but shelled Y": one conjunct only
            elif dep == "aux" and tok[ch].tag == "MD" and low in _HYPOTHETICAL_MODALS:
                c.hypothetical = True
        if d.lemma[h] in _OBLIGATION_VERBS and any(d.low[a] == "to" for a in d.kids[v]):
            c.hypothetical = True  # an obligation, not a fact
        v = h
    for w in c.words:
        if (
            w != i
            and tok[w].pos == "NOUN"
            and any(tok[k].dep in ("det", "neg") and d.low[k] in _NEGATORS for k in d.kids[w])
        ):
            c.negated = True  # "no deadline had been set"
    h = tok[i].head
    if h != i and d.lemma[h] == "without" and tok[i].dep == "pcomp":
        c.negated = True
    if (
        tok[i].dep == "advcl"
        and tok[i].pos == "VERB"
        and any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[i])
        and (not d.children(i, "nsubj", "nsubjpass") or for_to(st, i))
    ):
        c.future = True  # "flew to Cairo to meet Sisi": a purpose, not yet a fact
    if evaluated(st, i) or disbelieved(st, i):
        c.hypothetical = True
    if (
        tok[i].dep == "xcomp"
        and h != i
        and d.lemma[h] == "be"
        and any(d.low[a] == "to" for a in d.kids[i])
    ):
        c.future = True  # "the aim was to secure arms", "he is to visit Cairo"
    if (
        tok[i].dep in ("acl", "relcl")
        and h != i
        and tok[h].pos in ("NOUN", "PROPN")
        and any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[i])
    ):
        # "the right of troops to fire": an infinitival relative is modal, unless it
        # follows an ordinal or superlative ("the first delegation to visit") or is what
        # a trigger noun governs ("an attempt to assassinate")
        ordinal = any(
            tok[k].dep == "amod" and (tok[k].tag in ("JJS", "RBS") or d.low[k] in _ORDINALS)
            for k in d.kids[h]
        )
        if not ordinal and not frames_at(st, h):
            c.hypothetical = True
        elif (
            not ordinal
            and h in st.trig
            and st.trig[h].row.event != c.coding.event
            and not frames_at(st, h) & (WRAPPERS | TRANSPARENT)
        ):
            # "a loan to buy weapons": what the loan is for; "a rally to protest X" is
            # the rally itself
            c.future = True


def disbelieved(st: SentenceState, i: int) -> bool:
    """An event in what someone doubts or does not believe will happen: "I do not believe
    there will be Dodik's arrest", "he doubts that police will arrest him". A belief said
    without a negation ("he believes police will arrest him") keeps its event."""
    d, tok = st.doc, st.tok
    v = i
    for _ in range(3):
        if tok[v].dep == "ccomp":
            h = tok[v].head
            return d.lemma[h] in _DOUBT_VERBS or (
                d.lemma[h] in _BELIEF_VERBS and any(tok[k].dep == "neg" for k in d.kids[h])
            )
        if tok[v].dep not in ("attr", "nsubj", "nsubjpass", "dobj") or tok[v].head == v:
            return False
        v = tok[v].head  # "there will be X's arrest": the noun's verb is the clause
    return False


def evaluated(st: SentenceState, i: int) -> bool:
    """ "It is crucial for Kenya to negotiate the loan", "it was a mistake to support the
    rebels": an infinitive that a copula's adjective or noun judges is no act, done or
    intended; "Egypt is ready to attack" (the adjective itself governs) is not judged."""
    d, tok = st.doc, st.tok
    v = i
    for _ in range(3):
        if tok[v].dep != "conj" or tok[v].head == v:
            break
        v = tok[v].head  # "to have talks with X and help them": the first conjunct's clause
    h = tok[v].head
    if h == v or tok[v].dep not in ("advcl", "xcomp", "ccomp", "csubj") or h in st.trig:
        return False
    if not any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[v]):
        return False
    return d.lemma[h] == "be" and any(tok[k].dep in ("acomp", "attr") for k in d.kids[h])


def conditional(st: SentenceState, i: int) -> tuple[bool, bool]:
    """(inside an if/unless/whether clause, main clause of a conditional)."""
    tok = st.tok
    cur = i
    inside = main = False
    for _ in range(12):
        if tok[cur].dep in ("advcl", "ccomp", "csubj") and marked(st, cur):
            inside = True
        if pending(st, cur) or purpose_clause(st, cur):
            inside = True
        if any(tok[ch].dep == "advcl" and marked(st, ch) for ch in st.doc.kids[cur]):
            main = True
        h = tok[cur].head
        if h == cur:
            break
        cur = h
    return inside, main


def reported_by(st: SentenceState, i: int) -> str | None:
    """The actor an event is attributed to: "according to X", or the subject of the reporting
    verb whose clause holds it ("X said ...")."""
    d, tok = st.doc, st.tok
    cur = i
    came_by = ""
    for _ in range(10):
        for ch in d.kids[cur]:
            if tok[ch].dep == "prep" and d.lemma[ch] == "accord":
                for to in d.children(ch, "prep"):
                    for p in d.children(to, "pobj"):
                        ids, _ = actor_ids(st, p)
                        if ids:
                            return ids[0]
            if (
                ch != i
                and tok[ch].dep in ("parataxis", "ccomp", "advcl")
                and ("report" in frames_at(st, ch) and not d.children(ch, "ccomp"))
            ):
                who = speaker_of(st, ch)
                if who:
                    return who
        if cur != i and came_by in ("ccomp", "parataxis") and "report" in frames_at(st, cur):
            who = speaker_of(st, cur)
            if who:
                return who
        h = tok[cur].head
        if h == cur or tok[cur].dep in ("relcl", "acl", "appos"):
            return None
        came_by = tok[cur].dep
        cur = h
    return None


def speaker_of(st: SentenceState, v: int) -> str | None:
    """The first actor id of a reporting verb's subject."""
    s, _p = subject_of(st, v)
    if s is None:
        return None
    ids, _ = actor_ids(st, s)
    return ids[0] if ids else None
