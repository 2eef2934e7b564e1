"""Triggers: matching the trigger lexicon against a sentence (step 1 of ``code_events``).

Each token whose lemma anchors a lexicon row is matched against the row's other words among
its dependents; the longest matching pattern wins. A word used by a longer pattern is not a
trigger of its own. Also holds the lexicon look-up of a word's frames (``frames_at``) and the
"X said Y must ..." demand (``obligation``).
"""

from __future__ import annotations

from ...knowledge.lexicon import Slot, TriggerRow
from ...knowledge.words import WordClasses
from ...records import Token
from .parties import actor_ids, own_side
from .state import SentenceState, Trigger

_WORDS = WordClasses.default()

#: Entity types whose tokens are names, never triggers ("Protest Party", "Operation Storm").
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT",
              "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}  # fmt: skip
#: Parts of speech a lexicon row can match (see ``_pos_ok``).
_TRIGGER_POS = {"VERB", "NOUN", "PROPN", "ADJ", "ADV", "ADP"}
#: Names of agents: never a pattern word ("the Government of National Accord" is no accord).
AGENT_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: Dependencies of modifiers: a trigger word in these roles names no event ("western-backed").
_MODIFIER_DEPS = {"amod", "compound", "poss", "det", "case", "punct", "nummod", "quantmod"}
#: Arcs a pattern word is never reached through (they leave the clause).
_SLOT_EDGES_BLOCKED = {"conj", "cc", "relcl", "acl", "advcl", "parataxis", "appos", "punct",
                       "mark", "ccomp"}  # fmt: skip
#: Tokens a pattern word may be reached through without being a pattern word themselves.
_SLOT_THROUGH = {"prep", "prt", "agent", "dative"}
#: An object noun's dependents a pattern word may be ("lifted the *night* curfew").
_OBJECT_MODIFIERS = {"compound", "amod", "nmod"}
#: Frames that pass the governed event on (the wrapper has no event of its own).
TRANSPARENT = {"intent", "expect", "prepare", "wish", "attempt", "cause", "negate"}
#: Frames with an event of their own that the governed event refines.
WRAPPERS = {"commit", "request", "threat", "reject", "accuse"}
_OBLIGATION_MODALS = _WORDS["OBLIGATION_MODAL"]
_FIRST_PERSON_PRONOUNS = _WORDS["FIRST_PERSON_PRONOUN"]
_NECESSITY_VERBS = _WORDS["NECESSITY_VERB"]
_BLAME_PREDICATES = _WORDS["BLAME_PREDICATE"]
_FALSEHOODS = _WORDS["FALSEHOOD"]
_CLAIMS = _WORDS["ACCUSATION"] | _WORDS["CLAIM_NOUN"]
_CLAIM_PRONOUNS = _WORDS["THING_PRONOUN"] | _WORDS["PLURAL_PRONOUN"] | _WORDS["DEFINITE_DETERMINER"]
_GENERIC_DETERMINERS = _WORDS["GENERIC_DETERMINER"]
REQUEST_ROW = TriggerRow(
    pattern="<report verb> + must/should", anchors=(), slots=(), pos="VERB", event="REQUEST",
    mode=None, context=(), cameo="100", quad=3, frames=frozenset({"request", "report"}),
    weight=0.7, note='"X said Y must ..." is a demand', source="coder:said-must",
    priority=-1,
)  # fmt: skip


BLAME_ROW = TriggerRow(
    pattern="<report verb> + Y was to blame/responsible", anchors=(), slots=(), pos="VERB",
    event="ACCUSE", mode="allege", context=(), cameo="112", quad=3,
    frames=frozenset({"accuse", "report"}), weight=0.7,
    note='"X said Y was responsible for the attack" accuses Y', source="coder:said-blame",
    priority=-1,
)  # fmt: skip
FALSE_ROW = TriggerRow(
    pattern="<report verb> + the claims were false", anchors=(), slots=(), pos="VERB",
    event="REJECT", mode=None, context=(), cameo="120", quad=3,
    frames=frozenset({"reject", "report"}), weight=0.7,
    note='"X said the reports were baseless" rejects them', source="coder:said-false",
    priority=-1,
)  # fmt: skip


def find_triggers(st: SentenceState) -> dict[int, Trigger]:
    """The sentence's triggers by anchor token: the best lexicon row at each token, minus words
    a longer pattern uses."""
    d = st.doc
    found: dict[int, Trigger] = {}
    for i in st.range:
        t = st.tok[i]
        if t.pos not in _TRIGGER_POS or t.ent_type in _NAME_ENTS:
            continue
        if i in d.actor_at and t.pos != "VERB":
            continue  # part of an actor's name or description
        if t.dep in _MODIFIER_DEPS and t.pos != "ADJ":
            continue
        match = best_row(st, i)
        if match is not None:
            found[i] = match
    # A word that a longer pattern uses is not a trigger of its own. Two patterns that
    # use each other ("open fire", "fire ^open") are one trigger: the verb's.
    taken: dict[int, int] = {}
    for trg in found.values():
        for w in trg.words:
            if w != trg.i and not _content_clause(st, trg, w) and not _carried(trg, found.get(w)):
                taken.setdefault(w, trg.i)
    drop = []
    for i in found:
        if i not in taken:
            continue
        j = taken[i]
        mutual = j in found and j in found[i].words
        if mutual and (st.tok[i].pos == "VERB") != (st.tok[j].pos == "VERB"):
            if st.tok[i].pos == "VERB":
                continue
        elif mutual and i < j:
            continue
        drop.append(i)
    for i in drop:
        del found[i]
    for trg in list(found.values()):
        if "report" in trg.row.frames and obligation(st, trg.i) is not None:
            found[trg.i] = Trigger(trg.i, REQUEST_ROW, trg.words)
        elif "report" in trg.row.frames and trg.row.event is None:
            judged = judgement(st, trg.i)
            if judged is not None:
                row, words = judged
                found[trg.i] = Trigger(trg.i, row, tuple(sorted({*trg.words, *words})))
    return found


def judgement(st: SentenceState, v: int) -> tuple[TriggerRow, tuple[int, ...]] | None:
    """What "X said Y was ..." judges, when it is an accusation or a rejection: "said Kyiv
    was responsible for the attack" (BLAME_PREDICATE; Y is accused of an act the
    lexicon knows), "said the reports were baseless" (FALSEHOOD, of a claim noun or a
    pronoun). Returns the row and the clause's words, or None. A negated clause ("was not
    responsible") judges nothing."""
    d = st.doc
    for c in d.children(v, "ccomp"):
        subj = d.children(c, "nsubj", "nsubjpass")
        if d.lemma[c] != "be" or not subj or d.children(c, "neg"):
            continue
        for p in d.children(c, "prep"):
            # "said Moscow was behind the cyberattack"
            if d.lemma[p] in _BLAME_PREDICATES and actor_ids(st, subj[0])[0]:
                if any(_is_event_noun(st, o) for o in d.children(p, "pobj")):
                    return BLAME_ROW, (subj[0], c, p)
        for p in d.children(c, "acomp", "attr", "xcomp"):
            if d.children(p, "neg"):
                continue
            lemma = d.lemma[p]
            if lemma in _BLAME_PREDICATES and actor_ids(st, subj[0])[0] and _for_an_act(st, p):
                return BLAME_ROW, (subj[0], c, p)
            if lemma in _FALSEHOODS and (
                d.lemma[subj[0]] in _CLAIMS or d.low[subj[0]] in _CLAIM_PRONOUNS
            ):
                return FALSE_ROW, (subj[0], c, p)
    return None


def _for_an_act(st: SentenceState, p: int) -> bool:
    """ "responsible for the attack": what one is blamed for is an event the lexicon
    knows ("to blame" needs nothing more; "responsible for security" is a duty)."""
    d = st.doc
    if d.lemma[p] == "blame":
        return True
    return any(
        _is_event_noun(st, o) for pr in d.children(p, "prep") for o in d.children(pr, "pobj")
    )


def _is_event_noun(st: SentenceState, o: int) -> bool:
    """Whether the lexicon gives the word an event type ("the attack", "the bombing")."""
    d = st.doc
    return any(r.event for key in (d.lemma[o], d.low[o]) for r in d.lex.rows_for(key))


def _carried(trg: Trigger, w: Trigger | None) -> bool:
    """True when ``w`` is the event noun that a light or receiving verb's pattern names
    and carries ("drew condemnation from X": the condemnation is X's ACCUSE)."""
    return (
        w is not None
        and w.row.event is not None
        and trg.row.event is None
        and bool(trg.row.frames & {"light", "receive"})
    )


def _content_clause(st: SentenceState, trg: Trigger, w: int) -> bool:
    """True when ``w`` heads the clause a frame word governs ("ordered troops to *attack*",
    "plans to *visit*"): the pattern asks for such a clause, but its verb is an event of
    its own that the frame passes on, not a word of the frame's phrase."""
    frames = trg.row.frames
    if not frames & (TRANSPARENT | WRAPPERS) or trg.row.event is not None:
        return False
    tok = st.tok[w]
    return tok.head == trg.i and tok.dep in ("xcomp", "ccomp") and tok.pos in ("VERB", "AUX")


def best_row(st: SentenceState, i: int) -> Trigger | None:
    """The best-matching lexicon row at token ``i`` (most pattern words, named before
    wildcards, heads before modifiers, then priority), or None."""
    d = st.doc
    best: tuple[tuple, Trigger] | None = None
    for key in _keys(d.lemma[i], d.low[i], st.tok[i].pos):
        for row in d.lex.rows_for(key):
            if not _pos_ok(row.pos, st.tok[i]):
                continue
            words = match_slots(st, i, row)
            if words is None:
                continue
            content_words = sum(1 for w in words[1:] if st.tok[w].pos not in ("ADP", "PART"))
            # a word that only modifies another noun matches less well than a head:
            # "withdrew weapons inspectors" is about inspectors
            modifiers = sum(
                1 for w in words[1:]
                if st.tok[w].dep in _OBJECT_MODIFIERS and st.tok[w].head not in words
            )  # fmt: skip
            # a slot naming its words beats a wildcard ("decline comment" over
            # "decline xcomp:*")
            named = sum(1 for slot in row.slots if not slot.wildcard)
            score = (len(row.slots), named, content_words, -modifiers, row.priority,
                     len(row.cameo or ""), -_line(row))  # fmt: skip
            if best is None or score > best[0]:
                best = (score, Trigger(i, row, words))
    if best is None or best[1].row.is_blocker:
        return None
    return best[1]


def match_slots(st: SentenceState, i: int, row: TriggerRow) -> tuple[int, ...] | None:
    """The tokens that fill every slot of ``row`` around anchor ``i`` (anchor first), or None
    when a slot stays empty."""
    if not row.slots:
        return (i,)
    d = st.doc
    words = st.words
    for slot in row.slots:
        # cheap test first: a pattern word that is nowhere in the sentence
        if not slot.wildcard and d.members(slot).isdisjoint(words):
            return None
    used = [i]
    todo = [s for s in row.slots if not s.head]
    for slot in row.slots:
        if slot.head:
            h = st.tok[i].head
            members = d.members(slot)
            if h == i or (members and d.lemma[h] not in members and d.low[h] not in members):
                return None
            used.append(h)
    # a slot that names a clause-leaving relation ("warn ccomp:*") looks only there
    direct: list[int] = []
    if any(s.dep in _SLOT_EDGES_BLOCKED for s in todo):
        direct = [c for c in d.kids[i] if st.tok[c].dep in _SLOT_EDGES_BLOCKED
                  and any(s.dep == st.tok[c].dep for s in todo)]  # fmt: skip
    # "called for the charge to be dropped": the preposition is the clause's marker
    for c in d.children(i, "advcl"):
        direct += [m for m in d.children(c, "mark") if d.low[m] == "for"]
    while todo:
        progress = False
        key = (i, tuple(used))
        reach = st.reach_cache.get(key)
        if reach is None:
            reach = st.reach_cache[key] = reachable(st, i, used)
        if direct:
            reach = reach + direct
        for slot in list(todo):
            hit = slot_hit(st, slot, reach, used)
            if hit is not None:
                used.append(hit)
                todo.remove(slot)
                progress = True
        if not progress:
            return None
    return tuple(used)


def slot_hit(st: SentenceState, slot: Slot, reach: list[int], used: list[int]) -> int | None:
    """The first token in ``reach`` that fills ``slot``, or None."""
    d = st.doc
    members = d.members(slot)
    for j in reach:
        dep = st.tok[j].dep
        if j in used or (slot.dep and dep != slot.dep):
            continue
        if dep in ("nsubj", "csubj") and slot.dep != dep:
            continue  # a subject is a pattern word only when the pattern says so
        if st.tok[j].pos == "PROPN" and st.tok[j].ent_type in AGENT_ENTS:
            continue  # "the Government of National Accord" is no accord
        if d.low[j] == "according":
            continue  # "according to" attributes; it is no accord
        if st.tok[j].pos == "ADP" and any(
            st.tok[o].ent_type in ("DATE", "TIME") for o in d.children(j, "pobj")
        ):
            continue  # "called the detention illegal on Monday": a time, no "call on"
        if (
            dep in ("compound", "amod", "nmod")
            and j in d.actor_at
            and st.tok[j].head not in used
            and d.actor_at.get(st.tok[j].head) == d.actor_at[j]
            and d.actors[d.actor_at[j]].kind in ("organization", "state")
        ):
            continue  # "the UN refugee agency" names an agency, not refugees
        if slot.wildcard or d.lemma[j] in members or d.low[j] in members:
            return j
    return None


def reachable(st: SentenceState, i: int, used: list[int]) -> list[int]:
    """Tokens a pattern word may be: dependents of the anchor and of matched words, of
    prepositions and particles below them, and modifiers or "of" phrases of their
    objects ("lifted the night curfew", "handed over 700 kg of medicine"); at most three
    arcs down, inside the clause."""
    out: list[int] = []
    frontier = [i]
    tok = st.tok
    partitive = st.doc.word_class("PARTITIVE")
    for depth in range(3):
        nxt = []
        for j in frontier:
            open_node = j == i or j in used or tok[j].dep in _SLOT_THROUGH
            for c in st.doc.kids[j]:
                dep = tok[c].dep
                if dep in _SLOT_EDGES_BLOCKED:
                    continue
                if dep in ("nsubj", "csubj") and depth > 0:
                    continue
                if not open_node and not (
                    dep in _OBJECT_MODIFIERS
                    or (dep == "prep" and st.doc.lemma[c] == "of")
                    or (dep == "prep" and st.doc.lemma[c] == "in" and is_amount(st, j))
                ):
                    continue
                out.append(c)
                if dep not in ("nsubj", "csubj") or c in used:
                    nxt.append(c)
                if st.doc.lemma[c] in partitive:
                    # "suspended part of its aid program": the whole is the object
                    for of in st.doc.children(c, "prep"):
                        if st.doc.lemma[of] == "of":
                            whole = st.doc.children(of, "pobj")
                            out += whole
                            nxt += whole
        frontier = nxt
    return out


def is_amount(st: SentenceState, j: int) -> bool:
    """A sum or a quantity: "$2 billion in funding", "tons of grain"."""
    t = st.tok[j]
    return t.ent_type in ("MONEY", "QUANTITY", "CARDINAL") or t.pos == "NUM"


def obligation(st: SentenceState, v: int) -> int | None:
    """The complement clause of reporting verb ``v`` that lays an obligation on someone
    else ("said Sudan must return"); None when there is none."""
    d, tok = st.doc, st.tok
    for c in d.children(v, "ccomp"):
        modal = any(tok[a].dep == "aux" and d.low[a] in _OBLIGATION_MODALS for a in d.kids[c]) or (
            d.lemma[c] in _NECESSITY_VERBS and d.children(c, "xcomp")
        )
        if not modal:
            continue
        subj = d.children(c, "nsubj", "nsubjpass")
        if not subj or (tok[subj[0]].pos == "PRON" and d.low[subj[0]] in _FIRST_PERSON_PRONOUNS):
            continue
        if tok[subj[0]].dep == "nsubj" and not actor_ids(st, subj[0])[0]:
            continue  # "strong diplomacy must work together": nobody is asked
        if any(d.low[k] in _GENERIC_DETERMINERS for k in d.children(subj[0], "det")):
            continue  # "every believer must fast": a rule for all, nobody named is asked
        speaker = d.children(v, "nsubj")
        if speaker and own_side(st, actor_ids(st, speaker[0])[0], actor_ids(st, subj[0])[0]):
            continue  # "Russia said it must ...": an obligation on oneself
        return c
    return None


def frames_at(st: SentenceState, i: int) -> frozenset[str]:
    """The frames of the single-word lexicon row of token ``i`` (empty when none)."""
    d = st.doc
    for key in (d.lemma[i], d.low[i]):
        for row in d.lex.rows_for(key):
            if not row.slots and _pos_ok(row.pos, st.tok[i]):
                return row.frames
    return frozenset()


def _keys(lemma: str, low: str, pos: str) -> set[str]:
    """Lexicon keys for a token: its lemma, its surface form, and for verbs and nouns the
    regular stems of the surface form (the lemmatizer reads "staged" as "stag")."""
    keys = {lemma, low}
    if pos == "VERB":
        if low.endswith("ed"):
            keys |= {low[:-1], low[:-2]}
        elif low.endswith("ing"):
            keys |= {low[:-3], low[:-3] + "e"}
        elif low.endswith("es"):
            keys |= {low[:-1], low[:-2]}
    elif pos == "NOUN" and low.endswith("s"):
        keys.add(low[:-1])
    return keys


def _pos_ok(pos: str, t: Token) -> bool:
    """A row of part of speech ``pos`` may anchor at token ``t``."""
    if pos == "ANY":
        return t.pos in ("VERB", "NOUN", "PROPN", "ADJ", "ADV", "ADP")
    if pos == "VERB":
        return t.pos == "VERB"
    if pos == "NOUN":
        return t.pos in ("NOUN", "PROPN")
    return t.pos == "ADJ" or (pos == "ADJ" and t.tag == "VBN")


def _line(row: TriggerRow) -> int:
    """The line number of a row's source (0 for rows made in code), the tie-breaker of
    ``best_row``."""
    try:
        return int(row.source.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0
