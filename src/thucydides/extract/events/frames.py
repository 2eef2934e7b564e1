"""Frames: which trigger absorbs which (step 2 of ``code_events``). A light verb takes its
object noun, a wrapper (commit, request, threat, reject, accuse) the event it governs, a
transparent frame (intent, plan, attempt, failure...) passes the governed event on, an event
verb takes its object noun and its purpose clause. ``link`` sets ``Trigger.governor`` and
``Trigger.relation`` on every trigger of a sentence.
"""

from __future__ import annotations

from collections.abc import Set

from ...knowledge.words import WordClasses
from .clauses import for_to, infinitive, that_clause
from .state import SentenceState, Trigger
from .triggers import TRANSPARENT, WRAPPERS

_WORDS = WordClasses.default()

#: Prepositions that introduce what a wrapper governs ("call for", "accused of", "warn of").
_FRAME_PREPS = _WORDS["FRAME_PREP"]
#: Arcs between a wrapper and the trigger it governs ("promised to arm", "call for talks").
_CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "conj", "nsubjpass",
                 "attr", "oprd", "acomp", "dative"}  # fmt: skip
#: Arcs from a wrapper to the top of what it governs.
_TOP_DEPS = {"xcomp", "ccomp", "dobj", "nsubjpass", "attr", "oprd", "acomp", "dative"}
#: Prepositions whose object is the topic of an event noun or verb ("talks on a truce").
_TOPIC_PREPS = _WORDS["TOPIC_PREP"]
#: Prepositions that take the object of a light verb ("went on strike", "engaged in talks").
_LIGHT_VERB_PREPS = _WORDS["LIGHT_VERB_PREP"]
_ENGAGE_PREPS = _WORDS["ENGAGE_PREP"]
_WEAK_TOPIC_PREPS = _WORDS["WEAK_TOPIC_PREP"]


def link(st: SentenceState, trig: dict[int, Trigger]) -> None:
    """Finds, for each trigger, the trigger that absorbs it, if any."""
    st.slot_owner = {w: t for t in trig.values() for w in t.words if w != t.i}
    for t in trig.values():
        gov = find_governor(st, t, trig)
        if gov is not None:
            t.governor, t.relation = gov
            gov[0].governed.append(t)
    # "reiterated its demand that Israel ease ...": the parser hangs the noun's clause on
    # the verb; a wrapper noun object takes a trigger heading that clause
    for w in list(trig.values()):
        tw = st.tok[w.i]
        if tw.pos != "NOUN" or tw.dep != "dobj" or w.governed:
            continue
        head = trig.get(tw.head)
        if not w.row.frames & (WRAPPERS | TRANSPARENT) or (
            head is not None and head.row.event is not None
        ):
            continue  # a head with an event of its own takes the clause itself
        for c in st.doc.children(tw.head, "ccomp"):
            clause = trig.get(c)
            if clause is not None and clause.governor is None and that_clause(st, c):
                clause.governor, clause.relation = w, "content"
                w.governed.append(clause)
    # "its call to the authorities to drop the charges": the parser makes the noun the
    # subject of the infinitive it governs
    for w in list(trig.values()):
        tw = st.tok[w.i]
        inf = trig.get(tw.head)
        if (
            tw.pos == "NOUN"
            and tw.dep == "nsubj"
            and w.row.frames & (WRAPPERS | TRANSPARENT)
            and inf is not None
            and inf.governor is None
            and infinitive(st, inf.i, subject_ok=True)
        ):
            inf.governor, inf.relation = w, "content"
            w.governed.append(inf)
    # "wants to equip and train the police": a conjunct shares its partner's governor
    for t in sorted(trig.values(), key=lambda x: x.i):
        partner = trig.get(st.tok[t.i].head)
        if t.governor is None and st.tok[t.i].dep == "conj" and partner is not None:
            if partner.governor is not None and partner.relation != "absorbed":
                t.governor, t.relation = partner.governor, partner.relation
                partner.governor.governed.append(t)


def find_governor(
    st: SentenceState, t: Trigger, trig: dict[int, Trigger]
) -> tuple[Trigger, str] | None:
    """The trigger that absorbs ``t`` and how (content, object, absorbed, opaque), walking up
    at most seven arcs; None when no trigger governs it."""
    tok = st.tok
    path: list[int] = []
    prev = t.i
    bridges = st.doc.word_class("BRIDGE")
    opaque = False
    for _ in range(7):
        cur = tok[prev].head
        if cur == prev or cur not in st.range:
            return None
        path.append(prev)
        w = trig.get(cur) or st.slot_owner.get(cur)
        if w is not None and w is not t and cur not in trig and tok[cur].pos == "ADP":
            # the pattern's own preposition ("suspected of blowing up"): go on to the
            # anchor, so that the path reads like any prepositional complement
            if tok[prev].dep not in _CONTENT_DEPS:
                return None
            prev = cur
            continue
        if w is not None and w is not t:
            # "dismissed an appeal to lay down arms": the appeal is a word of the
            # "dismiss" pattern, and what it asks for belongs to that trigger
            rel = relation_of(st, t, w, path, at=cur)
            unknown_verb = tok[cur].pos == "VERB" and st.doc.lemma[cur] not in bridges
            if cur not in trig and unknown_verb:
                opaque = True  # "warned that police will not tolerate rallies"
            if rel == "content" and opaque:
                # "tried to subvert the dialogue": what is tried is the subverting,
                # an action the lexicon does not know, not the dialogue
                return w, "opaque"
            if rel:
                return w, rel
            if w.row.frames <= {"report", "light"} and w.row.event is None:
                prev = cur
                continue
            return None
        if tok[prev].dep not in _CONTENT_DEPS:
            return None
        if tok[cur].pos == "VERB" and st.doc.lemma[cur] not in bridges:
            opaque = True
        prev = cur
    return None


def relation_of(st: SentenceState, t: Trigger, w: Trigger, path: list[int], at: int) -> str:
    """How trigger ``w``, reached from ``t`` along ``path`` at token ``at``, governs ``t``:
    "content", "object", "absorbed", or "" for not at all."""
    tok, d = st.tok, st.doc
    deps = [tok[p].dep for p in path]
    frames = w.row.frames
    t_noun = tok[t.i].pos in ("NOUN", "PROPN")
    w_noun = tok[at].pos in ("NOUN", "PROPN")
    top, top_dep = path[-1], deps[-1]
    if (
        t_noun
        and w.row.event
        and at in w.words
        and at != w.i
        and all(dp == "conj" for dp in deps)
        and t.row.event == w.row.event
    ):
        return "absorbed"  # "launched artillery, mortar and rocket fire": one attack
    if top_dep == "conj":
        return ""  # coordinated with the governor, not governed by it
    if (
        frames & {"light", "receive"}
        and t_noun
        and (
            object_path(st, path, _LIGHT_VERB_PREPS)
            or (deps == ["pobj", "prep"] and top in w.words)  # "came under attack"
        )
    ):
        if deps[-1] != "prep" or d.lemma[top] in _ENGAGE_PREPS or not d.children(w.i, "dobj"):
            return "object"  # "engaged peacekeepers in a firefight", not "renewed talks on"
    if "light" in frames and w.row.event is None and deps == ["xcomp"]:
        return "content"  # "continued to send arms", "began attacking"
    if frames & (TRANSPARENT | WRAPPERS):
        top_ok = (
            top_dep in _TOP_DEPS
            or (top_dep == "prep" and (d.lemma[top] in _FRAME_PREPS or top in w.words))
            or (w_noun and top_dep == "acl")
            or (w_noun and top_dep == "relcl" and infinitive(st, top, subject_ok=True))
            or (top_dep == "advcl" and infinitive(st, top))  # "sworn to fight"
            or (top_dep == "advcl" and for_to(st, top))  # "called for X to be freed"
        )
        absolute = any(
            tok[p].dep == "pcomp" and d.children(p, "nsubj", "nsubjpass") for p in path
        )  # "voiced concern, with Sullivan speaking by phone": no content of the concern
        if top_ok and not absolute and all(dp in _CONTENT_DEPS for dp in deps[:-1]):
            return "content"
    if "event" in frames and w.row.event:
        if t_noun and object_path(st, path, _TOPIC_PREPS):
            return "absorbed"
        if deps in (["pcomp", "prep"], ["pobj", "prep"]) and (
            d.lemma[top] in _TOPIC_PREPS - _WEAK_TOPIC_PREPS
        ):
            return "absorbed"
        if deps == ["pcomp", "prep"] and d.lemma[top] == "for":
            return "absorbed"  # "arrested for collaborating": the reason, not an event
        if not w_noun and (deps == ["xcomp"] or (deps == ["ccomp"] and tok[top].tag == "VB")):
            return "absorbed"  # "helped him oust X": the goal of the help
        if (
            w.row.event == "PROTEST"
            and t.row.event == "ASSAULT"
            and t.row.mode == "destroy"
            and top_dep in ("advcl", "conj")
        ):
            # PLOVER manual, PROTEST: destruction incidental to a riot is the riot
            return "absorbed"
    if (w.row.event or frames & {"light", "receive"}) and purpose(st, t, w, top):
        return "absorbed"
    return ""


def purpose(st: SentenceState, t: Trigger, w: Trigger, top: int) -> bool:
    """``t`` is in the clause that states what ``w`` is for: "visited Paris to discuss
    trade", "cooperate to encourage refugees to return"; or it is the demand a protest
    voices ("marched, demanding reforms")."""
    tok, d = st.tok, st.doc
    dep = tok[top].dep
    if d.children(top, "nsubj", "nsubjpass") or dep not in ("advcl", "xcomp", "acl"):
        return False
    if any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[top]):
        return True
    voiced = tok[top].tag == "VBG" and top == t.i
    return voiced and w.row.event == "PROTEST" and t.row.event == "REQUEST"


def object_path(st: SentenceState, path: list[int], preps: Set[str]) -> bool:
    """Direct object, passive subject, attribute, or a preposition's object."""
    tok = st.tok
    deps = [tok[p].dep for p in path]
    while deps and deps[0] == "conj":
        deps, path = deps[1:], path[1:]
    if deps in (["dobj"], ["nsubjpass"], ["attr"], ["oprd"], ["dative"]):
        return True
    if deps == ["pobj", "prep"] and st.doc.lemma[path[1]] in preps:
        return True
    return deps == ["pobj", "prep", "dobj"] and st.doc.lemma[path[1]] == "of"
