"""Output: the events of one sentence (``code_sentence``), from drafts to ``Event`` records:
the final modality, the recodings that depend on modality or on who acts (future action ->
THREATEN/AGREE, refused action -> REJECT, state bombing -> air raid, joint exercise ->
COOPERATE), the recipients found late (condition, protest target, place), confidence, the
trigger span, and the merging of duplicates along a chain.
"""

from __future__ import annotations

import dataclasses

from ...knowledge.event_types import EventTypes
from ...knowledge.lexicon import QUAD, Coding
from ...knowledge.recoding import Recodings
from ...knowledge.words import WordClasses
from ...records import Event, Span
from .explain import found_paths
from .frames import link
from .judge import features
from .modality import conditional, reported_by
from .recipients import (
    condition_party,
    own_state,
    place_recipient,
    protest_target,
    shelter,
    targets_place,
    unresolved_party,
)
from .resolve import licensed, resolve
from .state import Draft, Found, SentenceState
from .triggers import find_triggers

_WORDS = WordClasses.default()
#: What the coder does per PLOVER type (``data/rules/event-types.tsv``).
_TYPES = EventTypes.default()

#: Determiners of a definite event noun, which may name an event coded earlier.
_DEFINITE = _WORDS["DEFINITE_DETERMINER"]
#: Exercise words: a MOBILIZE exercise with two or more actors is COOPERATE (PLOVER manual,
#: MOBILIZE: "joint military operations are coded as COOPERATE").
_EXERCISE = _WORDS["EXERCISE"]
#: Verbs of talking to someone: to a news outlet, no consultation.
_CONTACT = _WORDS["SPEECH_CONTACT"]
#: The recoding steps (``data/rules/recoding.tsv``): the coding each gives is data, the
#: condition under which it applies a check here, looked up by the row's name.
_RECODINGS = Recodings.default()


def code_sentence(st: SentenceState) -> list[Found]:
    """The events of one sentence: triggers, their links, drafts that have the evidence to be
    reported, and the ``Event`` records made of them."""
    trig = find_triggers(st)
    st.trig = trig
    if not trig:
        return []
    link(st, trig)
    coded: list[Draft] = []
    for t in sorted(trig.values(), key=lambda x: x.i):
        if t.governor is not None:
            continue
        for c in resolve(st, t):
            if licensed(st, c):
                coded.append(c)
    if st.doc.judge is not None and coded:
        coded = judged(st, coded)
    outs = finish(st, coded)
    if st.explain:
        for o in outs:
            o.paths = found_paths(st, o)
    return outs


#: Event types whose named victim alone makes the event plain (the trigger judge treats
#: such a draft as having one role, not none; measured: dev events F1 0.501 -> 0.500,
#: PLOVER gold and PETRARCH unchanged, and agentless arrests kept).
KNOWN_BY_VICTIM = ("COERCE",)


def judged(st: SentenceState, coded: list[Draft]) -> list[Draft]:
    """The drafts whose trigger the trigger judge does not find to name no event
    (``judge.py``: "asked not to be named", "described the results as mixed")."""
    assert st.doc.judge is not None
    d, s = st.doc, st.sent
    feats = [features(d.tokens, d.kids, c.anchor, s.token_start, s.token_end) for c in coded]
    # an arrest with its detainee named and no one said to make it ("X was arrested in
    # Nairobi") is judged as surely as one with an actor: news often leaves the police out
    roles = [
        (
            bool(c.actor) or (bool(c.recipient) and c.coding.event in KNOWN_BY_VICTIM),
            bool(c.recipient),
        )
        for c in coded
    ]
    vetoes = st.doc.judge.vetoes(feats, roles)
    return [c for c, veto in zip(coded, vetoes, strict=True) if not veto]


def finish(st: SentenceState, coded: list[Draft]) -> list[Found]:
    """Turns a sentence's drafts into events: final modality and coding, late recipients
    (condition, protest target, place), then duplicates merged."""
    outs: list[Found] = []
    for c in coded:
        if press_contact(st, c):
            continue
        reported = reported_by(st, c.anchor)
        inside, main = conditional(st, c.anchor)
        own_word = bool(reported and reported in c.actor) or c.own_intent
        coding = c.coding
        hypothetical = (
            c.hypothetical
            or inside
            or (main and not (c.future and (own_word or c.committed)))
            or st.doc.low[st.sent.token_end - 1] == "?"
        )
        negated = c.negated
        # the modality recodings (data/rules/recoding.tsv): the first row that holds
        future = c.future and not c.committed
        refused = (
            c.future
            and (c.will or not c.committed)
            and negated
            and (reported is None or reported in c.actor)
        )
        recoding = _RECODINGS.first(
            coding.event,
            {"refused-future": refused, "announced-future": future and own_word, "future": future},
        )
        if recoding is not None:
            coding = recoding.apply(coding)
            if recoding.condition == "refused-future":
                # "will not accept any more refugees": a refusal, which did happen
                negated, c.future = False, False
            if coding != c.coding:
                c.rules.append(recoding.rule)
        coding, step = refine(st, c, coding)
        if step:
            c.rules.append(step)
        if not c.recipient and coding.event == "THREATEN":
            c.recipient = condition_party(st, c)
        elif not c.recipient and coding.event == "PROTEST":
            c.recipient = protest_target(st, c)
        place: tuple[str, ...] = ()
        if (
            not c.recipient
            and not unresolved_party(st, c)
            and (
                targets_place(st, coding)
                or c.content_event in _TYPES.place_targeted
                or (coding.event == "REQUEST" and shelter(st, c))
            )
        ):
            place = place_recipient(st, c, coding)
        if not c.recipient and not place and (coding.cameo or "") in _TYPES.domestic_cameo:
            place = own_state(st, c)
        if negated:
            modality = "negated"
        elif hypothetical:
            modality = "hypothetical"
        elif c.future:
            modality = "future"
        else:
            modality = "asserted"
        event = make_event(st, c, coding, modality, reported)
        found = Found(c.anchor, event, tuple(c.words), place, definite(st, c))
        found.actor_via, found.recipient_via = c.actor_via, c.recipient_via
        outs.append(found)
    # the place stands in for a recipient only once duplicates are gone
    return [
        dataclasses.replace(o, event=dataclasses.replace(o.event, recipient=o.place))
        if o.place and not o.event.recipient
        else o
        for o in dedupe(st, outs)
    ]


def press_contact(st: SentenceState, c: Draft) -> bool:
    """ "An official, who spoke to VOA on condition of anonymity": talking to a news
    outlet is how a story is sourced, not a consultation. A CONSULT by a verb of speech
    (word class SPEECH_CONTACT) whose every recipient is a news medium (sector JRN)."""
    if c.coding.event != "CONSULT" or not c.recipient or st.doc.lemma[c.anchor] not in _CONTACT:
        return False
    return all(st.doc.actors[a].sector == "JRN" for a in c.recipient if a in st.doc.actors)


def refine(st: SentenceState, c: Draft, coding: Coding) -> tuple[Coding, str]:
    """Codes that depend on who acts, with the id of the recoding step ("" for none).

    Notes:
        A bombing by a state or its forces is an air raid (ASSAULT aerial, CAMEO 195),
        by anyone else a planted bomb (explosives, 183). A military exercise held by two
        or more actors is COOPERATE (PLOVER manual, MOBILIZE). The codings are rows of
        ``data/rules/recoding.tsv`` (state-bombing, joint-exercise); here are their
        conditions.
    """
    actors = [st.doc.actors[a] for a in c.actor if a in st.doc.actors]
    state_bomb = (
        coding.cameo == "183"
        and coding.mode == "explosives"
        and any(a.kind == "state" or (a.sector or "") in ("GOV", "MIL") for a in actors)
    )
    joint = c.trigger_lemma in _EXERCISE and len({a.country or a.id for a in actors}) >= 2
    step = _RECODINGS.first(coding.event, {"state-bomb": state_bomb, "joint-exercise": joint})
    return (step.apply(coding), step.rule) if step is not None else (coding, "")


def definite(st: SentenceState, c: Draft) -> bool:
    """An event noun with no verb of its own and a definite determiner or possessive
    pronoun ("the attack", "this raid", "their protest"), or a verb whose subject is
    such a noun of the same type ("the attack killed 20")."""
    d, tok = st.doc, st.tok
    n = c.anchor
    if not c.nominal:
        s = c.subject_token
        t = st.trig.get(s) if s is not None else None
        if s is None or t is None or t.row.event != c.coding.event or s == n:
            return False
        n = s
    if tok[n].pos not in ("NOUN", "PROPN"):
        return False
    return any(
        (tok[k].dep == "det" and d.low[k] in _DEFINITE)
        or (tok[k].dep == "poss" and tok[k].pos == "PRON")
        for k in d.kids[n]
    )


def make_event(
    st: SentenceState, c: Draft, coding: Coding, modality: str, reported: str | None
) -> Event:
    """The ``Event`` record of a draft, with its confidence (see ``code_events``)."""
    conf = c.weight
    if not c.actor:
        conf *= 0.75
    if coding.event in _TYPES.needs_recipient and not c.recipient:
        conf *= 0.85
    if c.nominal:
        conf *= 0.85
    if c.by_pronoun:
        conf *= 0.9
    s = st.sent
    return Event(
        id="",
        event=coding.event,
        sentence=Span(s.start, s.end, st.doc.parsed.text[s.start : s.end]),
        event_text=trigger_text(st, c),
        trigger=trigger_span(st, c),
        mode=coding.mode,
        context=coding.context,
        quad_code=QUAD.get(coding.event),
        cameo=coding.cameo,
        actor=c.actor,
        recipient=tuple(a for a in c.recipient if a not in c.actor),
        modality=modality,  # type: ignore[arg-type]
        reported_by=reported,
        confidence=round(min(0.99, max(0.05, conf)), 2),
        rule="+".join(c.rules) or None,
    )


def trigger_span(st: SentenceState, c: Draft) -> Span:
    """The span of ``event_text`` when it is contiguous, else of the anchor word."""
    tok, text = st.tok, st.doc.parsed.text
    lo, hi = bounds(st, c)
    if hi - lo <= 10:
        return Span(tok[lo].start, tok[hi].end, text[tok[lo].start : tok[hi].end])
    a = tok[c.anchor]
    return Span(a.start, a.end, a.text)


def bounds(st: SentenceState, c: Draft) -> tuple[int, int]:
    """First and last token of the trigger words, with their auxiliaries and negation."""
    tok = st.tok
    words = sorted(set(c.words) | {c.anchor})
    lo = words[0]
    while (
        lo - 1 in st.range
        and tok[lo - 1].dep in ("aux", "auxpass", "neg")
        and (tok[lo - 1].head in words)
    ):
        lo -= 1
    return lo, words[-1]


def trigger_text(st: SentenceState, c: Draft) -> str:
    """The trigger words as written: the text span when contiguous, else the words joined."""
    tok, d = st.tok, st.doc
    words = sorted(set(c.words) | {c.anchor})
    lo, hi = bounds(st, c)
    if hi - lo <= 10:
        return d.parsed.text[tok[lo].start : tok[hi].end]
    return " ".join(tok[w].text for w in words)


#: PLOVER quad codes of material acts (cooperation, conflict): acts, not words.
_MATERIAL_QUADS = (2, 4)


def _two_acts(st: SentenceState, i: int, j: int) -> bool:
    """Two coordinated verbs each with an object of its own are two acts ("abducted 20
    villagers and torched their homes", "shelled Kharkiv and attacked Odesa"), not one
    told twice; a second verb that tells the toll (CASUALTY_VERB: "ambushed a bus and
    killed 18") tells the same attack."""
    tok, d = st.tok, st.doc
    first, second = (i, j) if i < j else (j, i)
    if tok[second].dep != "conj" or tok[second].head != first:
        return False
    if tok[first].pos != "VERB" or tok[second].pos != "VERB":
        return False
    if d.lemma[second] in d.word_class("CASUALTY_VERB"):
        return False  # "ambushed a bus and killed 18": the toll of the one attack
    return bool(d.children(first, "dobj")) and bool(d.children(second, "dobj"))


def dedupe(st: SentenceState, outs: list[Found]) -> list[Found]:
    """One event per type and actor along a chain: "shelled Juba, killing 20" and "the
    attack killed 20" are one ASSAULT each."""
    keep: list[Found] = []
    tok = st.tok
    for o in sorted(outs, key=lambda x: x.anchor):
        dup = False
        for k in keep:
            a, b = k.event, o.event
            if not (a.event == b.event and a.actor == b.actor and a.modality == b.modality):
                continue
            related = st.doc.index.is_ancestor(k.anchor, o.anchor) or st.doc.index.is_ancestor(
                o.anchor, k.anchor
            )
            participle = (
                tok[o.anchor].dep == "advcl"
                and tok[o.anchor].tag == "VBG"
                and st.doc.index.is_ancestor(k.anchor, o.anchor)
            ) or k.anchor == o.anchor
            if a.quad_code in _MATERIAL_QUADS and _two_acts(st, k.anchor, o.anchor):
                continue  # (talks and what they discussed are one meeting)
            if (
                a.recipient == b.recipient
                or participle
                or (related and not (a.recipient and b.recipient))
            ):
                dup = True
                if b.recipient and not a.recipient:
                    # "shelled the town, killing 20 civilians": the victims of one event
                    k.event = dataclasses.replace(a, recipient=b.recipient)
                    k.recipient_via = o.recipient_via
                break
        if not dup:
            keep.append(o)
    # PLOVER manual (PROTEST): the demand a protest voices is not coded separately
    protests = [k for k in keep if k.event.event == "PROTEST"]
    return [
        o
        for o in keep
        if not (
            o.event.event == "REQUEST"
            and any(
                st.doc.index.is_ancestor(p.anchor, o.anchor)
                and (not o.event.actor or set(o.event.actor) & set(p.event.actor))
                for p in protests
            )
        )
    ]
