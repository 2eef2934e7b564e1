"""Roles: the actor and the recipient of a verb or an event noun from the dependency parse
(step 3 of ``code_events``): subjects, objects, passive agents, prepositional objects,
subjects inherited through control, coordination and participles, and relative clauses.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...knowledge.event_types import EventTypes
from ...knowledge.lexicon import Coding, TriggerRow
from ...knowledge.words import WordClasses
from .clauses import is_label, passive_participle, stative_passive, through_relative
from .parties import actor_ids, own_forces, owner_of
from .recipients import RECIPIENT_PREPS, TOPIC_PREPS, recipient_candidates
from .state import Draft, SentenceState
from .triggers import frames_at

_WORDS = WordClasses.default()
#: What the coder does per PLOVER type (``data/rules/event-types.tsv``).
_TYPES = EventTypes.default()

#: Prepositions from a thing to those it belongs to or serves ("a camp for refugees").
_USER_PREPS = _WORDS["USER_PREP"]
#: Prepositions whose object is a noun event's actor.
_AGENT_PREPS = _WORDS["AGENT_PREP"]
#: Verbs whose object is what the actor moves: troops withdrawn or sent are no party.
_MOVE_VERBS = _WORDS["MOVE_VERB"]
_CAUSE_PREPS = _WORDS["CAUSE_PREP"]
_NOUN_PARTY_PREPS = _WORDS["NOUN_PARTY_PREP"]
#: Prepositions after which a gerund's doer is the governing verb's object ("accused X of
#: attacking", "blamed X for shelling"); after others ("after", "before") it is its subject.
_CONTROL_PREPS = _WORDS["CONTROL_PREP"]
#: Prepositions whose object is one party of a two-sided act ("talks with X").
_PARTNER_PREPS = _WORDS["PARTNER_PREP"]
#: Dependency labels through which a noun's clause is governed by a verb's subject.
_GOVERNED_DEPS = frozenset(
    {"dobj", "pobj", "attr", "xcomp", "ccomp", "nsubj", "nsubjpass", "prep", "pcomp", "advcl"}
)


def cause_actor(st: SentenceState, v: int) -> tuple[str, ...]:
    """The actor of the event noun a passive verb names as its cause: "eight people were
    killed in an air strike by government forces"."""
    d = st.doc
    for pr in d.children(v, "prep"):
        if d.lemma[pr] not in _CAUSE_PREPS:
            continue
        for n in d.children(pr, "pobj"):
            probe = Draft(Coding("ASSAULT"), n, [n], 0)
            noun_roles(st, n, probe)
            if probe.actor:
                return probe.actor
    return ()


def verb_roles(
    st: SentenceState,
    v: int,
    c: Draft,
    skip: set[int] | None = None,
    extra: Sequence[int] = (),
    row: TriggerRow | None = None,
) -> None:
    """Actor and recipient of verb ``v``; ``extra`` are the other words of its pattern,
    whose objects may hold the recipient ("threatened to attack X", "cut ties with X")."""
    skip = skip or set()
    subj, patient = subject_of(st, v)
    c.subject_token = subj if subj is not None else patient
    c.patient_only = subj is None and patient is not None
    if subj is not None:
        c.actor, c.by_pronoun = actor_ids(st, subj)
        c.actor_via = (v, subj)
        if not c.actor and st.tok[subj].pos in ("NOUN", "VERB"):
            # "Renewed shelling by Russian forces killed four civilians": the subject is an
            # act, and its agent is the actor
            c.actor = event_agent(st, subj)
    elif patient is not None:
        c.actor = cause_actor(st, v)
        if (
            not c.actor
            and row is not None
            and _TYPES.moves_objects(row.event, row.mode)
            and st.doc.lemma[patient] in st.doc.word_class("TROOPS")
        ):
            # "Kenyan troops were deployed to the border": the troops moved are their
            # country's forces, the actor (as in "the deployment of Kenyan troops")
            c.actor, c.by_pronoun = actor_ids(st, patient)
            c.actor_via = (v, patient)
            c.patient_only = False
    transfer = row is not None and (
        row.event == "AID"
        or "commit" in row.frames
        or (row.event == "RETREAT" and (row.cameo or "").startswith("084"))
    )
    # "demanded support from X", "confiscated weapons from X", "rejected an offer from X"
    frm = row is not None and (
        "request" in row.frames
        or "reject" in row.frames
        or (row.event == "COERCE" and row.mode == "seize")
    )
    by_obj = row is not None and (frm or row.event == "ACCUSE")
    candidates = recipient_candidates(st, v, patient, transfer=transfer, frm=frm, by_obj=by_obj)
    if row is not None and (row.event == "ACCUSE" or "request" in row.frames):
        # last resort: the one the claim or the demand is about, "X alleges Y has not kept
        # its word", "demanded that the governor resign", "wants Baghdad to honour"
        for x in st.doc.children(v, "ccomp"):
            candidates += st.doc.children(x, "nsubj")
            if st.tok[x].pos in ("NOUN", "PROPN"):
                candidates.append(x)  # "demanded that [the governor] ...": a broken clause
    if row is not None and "commit" in row.frames:
        # "offered to hand over to Britain two suspects": the party of what is offered
        for x in st.doc.children(v, "xcomp"):
            candidates += recipient_candidates(st, x, None, transfer=True)
    for w in extra:
        if st.tok[w].pos == "VERB":
            if st.tok[w].dep in ("ccomp", "xcomp"):
                # "allowed the refugees to return": the party allowed
                candidates += st.doc.children(w, "nsubj")
            candidates += recipient_candidates(st, w, None)
        elif st.tok[w].pos == "NOUN":
            # "voiced concern about the actions of X": with a reaction, the topic too
            preps = RECIPIENT_PREPS | (TOPIC_PREPS if by_obj else set())
            candidates += [
                p
                for pr in st.doc.children(w, "prep")
                if st.doc.lemma[pr] in preps
                for p in st.doc.children(pr, "pobj")
            ]
    owned: tuple[str, ...] | None = None
    owned_at = v
    moved = row is not None and (
        _TYPES.moves_objects(row.event, row.mode)
        or st.doc.lemma[v] in _MOVE_VERBS  # "withdraw the peacekeeping force"
    )
    for r in candidates:
        if r in skip or (
            moved
            and row is not None
            and (r in extra or (row.event == "MOBILIZE" and st.tok[r].dep == "dobj"))
        ):
            continue  # "deployed troops", "withdrew tanks": what is moved, not a party
        if own_forces(st, r, c.actor) or (
            (moved or st.doc.lemma[st.tok[r].head] in _MOVE_VERBS)
            and st.tok[r].dep == "dobj"
            and st.doc.lemma[r] in st.doc.word_class("TROOPS")
        ):
            continue  # "Syria withdrew its troops", "ready to contribute 4,000 troops"
        if r in extra and st.doc.lemma[r] in st.doc.word_class("WEAPON"):
            continue  # "launched artillery fire": the weapon, not the target
        ids = tuple(a for a in actor_ids(st, r)[0] if a not in c.actor)
        if not ids and by_obj and st.tok[r].pos == "NOUN":
            # "demanded an end to abuses by X", "investigated crimes committed by X"
            ids = owner_of(st, r, c.actor, depth=2)
        if ids:
            c.recipient, c.recipient_via = ids, (v, r)
            break
        if owned is None and st.tok[r].pos == "NOUN" and r not in extra:
            owned = owner_of(st, r, c.actor, depth=2, preps=_USER_PREPS) or None
            owned_at = r
    if not c.recipient and owned:
        # no party named as such: the owners or users of the thing acted on ("attacked
        # a camp for Congolese refugees", "shelled the homes of civilians")
        c.recipient, c.recipient_via = owned, (v, owned_at)


#: Event types of force, two of which one doer may do in one breath.
FORCE_TYPES = ("ASSAULT", "COERCE")


def _passive_conjunct(st: SentenceState, v: int) -> bool:
    """A past participle with no subject or auxiliary of its own, joined to a passive verb:
    "beaten" in "were abducted and beaten by militants" shares that verb's passive."""
    d, tok = st.doc, st.tok
    t = tok[v]
    h = t.head
    return (
        t.dep == "conj"
        and t.tag == "VBN"
        and h != v
        and tok[h].tag == "VBN"
        and any(tok[k].dep == "auxpass" for k in d.kids[h])
        and not _own_subject(st, v)
    )


def _same_kind(st: SentenceState, a: int, b: int) -> bool:
    """Two joined acts one doer may have done both of: the same event type, or two kinds of
    force ("abducted and beaten", "detained and tortured"); not an arrest and a release."""
    ta, tb = st.trig.get(a), st.trig.get(b)
    kinds = {t.row.event for t in (ta, tb) if t is not None}
    return len(kinds) <= 1 or kinds <= set(FORCE_TYPES)


def _predicative(st: SentenceState, h: int) -> bool:
    """A predicate adjective or participle of a linking verb, or one listed with it
    ("remain unseen, unprotected, ...")."""
    tok = st.tok
    for _ in range(6):
        t = tok[h]
        if t.dep == "acomp" or (t.pos == "ADJ" and t.dep in ("conj", "ROOT")):
            return True
        if t.pos == "ADJ" and t.dep == "amod" and tok[t.head].pos in ("VERB", "AUX"):
            # an adjective "modifying" a verb is a list the parser split ("remain
            # unseen, unprotected, bombed, ... displaced")
            return True
        if t.dep != "conj" or t.head == h:
            return False
        h = t.head
    return False


def _own_subject(st: SentenceState, v: int) -> bool:
    """Whether a verb has a subject or an auxiliary of its own."""
    return any(st.tok[k].dep in ("nsubj", "nsubjpass", "aux", "auxpass") for k in st.doc.kids[v])


def subject_of(st: SentenceState, v: int, depth: int = 0) -> tuple[int | None, int | None]:
    """Returns (actor token, patient token) of a verb, inheriting through the parse."""
    d, tok = st.doc, st.tok
    t = tok[v]
    patient = None
    for c in d.kids[v]:
        dep = tok[c].dep
        if dep in ("nsubj", "csubj") and not is_label(st, c):
            return through_relative(st, v, c), None
        if dep == "nsubjpass":
            patient = through_relative(st, v, c)
    for c in d.children(v, "agent"):
        for p in d.children(c, "pobj"):
            if patient is None and depth <= 4 and passive_participle(st, v):
                patient = subject_of(st, t.head, depth + 1)[0]  # "..., defeated by X"
            if patient is None and depth <= 4 and _passive_conjunct(st, v):
                patient = subject_of(st, t.head, depth + 1)[1]  # "were seized and beaten by X"
            return p, patient
    if patient is not None and stative_passive(st, v):
        return patient, None  # "Israel is opposed to French mediation"
    if patient is not None:
        # "were abducted and beaten by militants": the agent of the last of the passive
        # verbs did them all
        later = d.word_class("SEQUENCE_ADVERB")
        for c in d.kids[v]:
            if (
                _passive_conjunct(st, c)
                and not any(d.lemma[k] in later for k in d.kids[c])
                and _same_kind(st, v, c)
            ):
                for a in d.children(c, "agent"):
                    for p in d.children(a, "pobj"):
                        return p, patient
        return None, patient
    h = t.head
    if depth > 4 or h == v:
        return None, None
    if t.pos == "ADJ" or t.dep == "acomp":
        if t.pos == "VERB" and t.tag == "VBN" and not stative_passive(st, v):
            # "however poorly equipped we are": the subject had it done to it
            return None, subject_of(st, h, depth + 1)[0]
        return subject_of(st, h, depth + 1)[0], None
    if t.dep == "xcomp":
        if frames_at(st, h) & {"request", "cause"}:
            obj = d.children(h, "dobj") or [
                p for pr in d.children(h, "prep") for p in d.children(pr, "pobj")
            ]
            if obj:
                return obj[0], None
        subj, patient = subject_of(st, h, depth + 1)
        return (subj if subj is not None else patient), None
    if t.dep in ("conj", "advcl") and tok[h].pos in ("VERB", "AUX", "ADJ"):
        if _passive_conjunct(st, v):
            # "were ambushed and killed": the same people; not the same doer ("kidnapped
            # by bandits and later rescued")
            return None, subject_of(st, h, depth + 1)[1]
        if (
            t.dep == "conj"
            and t.tag == "VBN"
            and _predicative(st, h)
            and not _own_subject(st, v)
            and not d.children(v, "dobj")  # "was furious and accused the army": active
        ):
            # "civilians remain unprotected, bombed, besieged": listed with what the
            # subject is, the participle says what was done to it
            return None, subject_of(st, h, depth + 1)[0]
        if passive_participle(st, v):
            # "Injured in the attack, the driver died": a passive participle's
            # inherited subject is who it happened to
            return None, subject_of(st, h, depth + 1)[0]
        return subject_of(st, h, depth + 1)[0], None
    if t.dep in ("acl", "relcl"):
        if t.tag == "VBN":
            return None, h  # "the embargo introduced by ...": the noun is the patient
        if (
            h not in d.actor_at
            and st.trig.get(h) is not None
            and any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[v])
        ):
            # "converged for a rally to protest X": who holds the rally protests
            g = h
            for _ in range(3):
                g = tok[g].head
                if tok[g].pos in ("VERB", "AUX"):
                    return subject_of(st, g, depth + 1)[0], None
                if tok[g].head == g:
                    break
        return h, None
    if t.dep == "pcomp":
        gov = tok[h].head
        if gov != h:
            obj = d.children(gov, "dobj")
            if obj and tok[gov].pos == "VERB" and d.lemma[h] in _CONTROL_PREPS:
                return obj[0], None  # "accused X of attacking": X attacked
            inherited = subject_of(st, gov, depth + 1)[0]
            if any(tok[a].dep == "auxpass" for a in d.kids[v]):
                # "thanked his supporters after being freed": he was freed
                return None, inherited
            return inherited, None
    return None, None


def noun_roles(st: SentenceState, n: int, c: Draft) -> None:
    """Actor and recipient of event noun ``n``: possessor, name modifier or "by"
    phrase for the actor ("Russia's offensive", "an offer from Iran"), a prepositional
    object of the noun or of another word of its pattern for the recipient ("sanctions
    against X", "suspension of air links with X"). The "of" object of a deployment or
    withdrawal is what moves, and it names the actor ("the withdrawal of Syrian
    troops")."""
    d, tok = st.doc, st.tok
    actor_cands: list[int] = []
    agent_preps = _AGENT_PREPS
    if d.lemma[n] in d.word_class("PROPOSAL") | d.word_class("ACCUSATION"):
        agent_preps = agent_preps | {"from"}  # "an offer from X", "calls from X"
    moved = _TYPES.moves_objects(c.coding.event, c.coding.mode)
    # "Mhlanga's arrest": the possessor is who was arrested, unless an "of" object
    # names who was ("Russia's release of the prisoners": Russia releases)
    undergoer: list[int] = []
    if d.lemma[n] in d.word_class("UNDERGONE") and not any(
        d.lemma[pr] == "of" and d.children(pr, "pobj") for pr in d.children(n, "prep")
    ):
        undergoer = [ch for ch in d.children(n, "poss") if ch not in c.words]
    for ch in d.kids[n]:
        dep = tok[ch].dep
        if ch in c.words or ch in undergoer:
            continue
        if dep == "poss" or (dep in ("compound", "amod", "nmod") and ch in d.actor_at):
            actor_cands.append(ch)
        elif dep == "prep" and d.lemma[ch] in agent_preps:
            actor_cands += d.children(ch, "pobj")
        elif dep == "acl":
            for ag in d.children(ch, "agent"):
                actor_cands += d.children(ag, "pobj")
    if moved:
        actor_cands += [
            p for pr in d.children(n, "prep") if d.lemma[pr] == "of"
            for p in d.children(pr, "pobj") if d.lemma[p] in d.word_class("TROOPS")
        ]  # fmt: skip
    for a in actor_cands:
        ids, pron = actor_ids(st, a)
        if ids:
            c.actor, c.by_pronoun, c.actor_via = ids, pron, (n, a)
            break
    pair = hyphen_pair(st, [a for a in actor_cands if tok[a].dep in ("compound", "amod", "nmod")])
    if pair is not None:
        # "Kenya-Somalia talks", "U.S.-Ukraine talks": the two sides, in the order written
        c.actor, c.actor_via = pair[0], (n, n)
        c.recipient, c.recipient_via = pair[1], (n, n)
    for u in undergoer:
        ids, _ = actor_ids(st, u)
        ids = tuple(a for a in ids if a not in c.actor)
        if ids:
            c.recipient, c.recipient_via = ids, (n, u)
            return
    heads = [n] + [w for w in c.words if w != n and tok[w].pos == "NOUN"]
    for h in heads:
        for ch in d.children(h, "prep"):
            # a preposition of the pattern still has the party as its object
            # ("an investigation into X")
            if not (
                d.lemma[ch] in RECIPIENT_PREPS or (h == n and d.lemma[ch] in _NOUN_PARTY_PREPS)
            ):
                continue
            for p in d.children(ch, "pobj"):
                if p in c.words or (moved and d.lemma[p] in d.word_class("TROOPS")):
                    continue
                # "sanctions against X", "an investigation into crimes committed by X"
                ids = owner_of(st, p, c.actor, depth=2)
                if ids:
                    c.recipient, c.recipient_via = ids, (n, p)
                    if not c.actor and d.lemma[ch] in _PARTNER_PREPS:
                        partner = governing_party(st, n, set(ids), set(c.words))
                        if partner:
                            c.actor, c.actor_via = partner, (n, n)
                    return
    undergone = passive_undergoer(st, n, set(c.actor))
    if undergone is not None:
        c.recipient, c.recipient_via = undergone


def passive_undergoer(
    st: SentenceState, n: int, exclude: set[str]
) -> tuple[tuple[str, ...], tuple[int, int]] | None:
    """The party an event noun happened to when the noun says how a passive verb's subject
    suffered: "Morsi was ousted in a coup led by the army", "the mayor was killed in an
    attack": Morsi, the mayor. Returns the party's ids and the path (noun, subject)."""
    d, tok = st.doc, st.tok
    prep = tok[n].head
    if tok[n].dep != "pobj" or d.lemma[prep] not in d.word_class("UNDERGONE_PREP"):
        return None
    verb = tok[prep].head
    if tok[prep].dep != "prep" or tok[verb].pos != "VERB":
        return None
    for s in d.children(verb, "nsubjpass"):
        ids = tuple(a for a in actor_ids(st, s)[0] if a not in exclude)
        if ids:
            return ids, (n, s)
    return None


def governing_party(st: SentenceState, n: int, exclude: set[str], own: set[int]) -> tuple[str, ...]:
    """The other party of a two-sided event noun that names only one ("talks with X"):
    the subject of the clause that governs the noun, or the speaker who reports it.
    "Turkey is eyeing an agreement with Egypt", "Pakistan said that discussions with the
    IMF are progressing": Turkey, Pakistan. A governing verb that is an event of its own
    ("Kenya condemned the talks with X") is not a party to the noun's event."""
    tok = st.tok
    cur = n
    for _ in range(5):
        h = tok[cur].head
        if h == cur or tok[cur].dep not in _GOVERNED_DEPS:
            return ()
        if tok[h].pos in ("VERB", "AUX"):
            if h in st.trig and h not in own and not frames_at(st, h):
                return ()
            s, _patient = subject_of(st, h)
            if s is not None and s != cur and not st.doc.index.is_ancestor(n, s):
                ids = tuple(a for a in actor_ids(st, s)[0] if a not in exclude)
                if ids:
                    return ids
        cur = h
    return ()


def hyphen_pair(
    st: SentenceState, mods: list[int]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The two parties of "X-Y talks": a modifier of the noun naming one actor, with a
    modifier of its own naming another, joined to it by a hyphen or a dash; None
    otherwise."""
    dashes = ("-", "–", "—")
    for second in mods:
        for first in st.doc.kids[second]:
            if first > second or st.tok[first].dep not in ("compound", "amod", "nmod"):
                continue
            if not any(st.tok[k].text in dashes for k in range(first + 1, second)):
                continue
            a, b = actor_ids(st, first)[0], actor_ids(st, second)[0]
            if a and b and not set(a) & set(b):
                return a, b
    return None


def event_agent(st: SentenceState, n: int) -> tuple[str, ...]:
    """The agent an event noun names: its "by" phrase or its possessor ("shelling by X",
    "X's offensive"), when the trigger lexicon has the noun as an event; the parser may
    hang the noun under a participle ("[Renewed] shelling by X")."""
    d = st.doc
    nouns = [n, *(k for k in d.kids[n] if st.tok[k].dep in ("xcomp", "dobj", "compound"))]
    for m in nouns:
        if not any(row.event for word in (d.lemma[m], d.low[m]) for row in d.lex.rows_for(word)):
            continue
        for ch in d.kids[m]:
            heads = [ch] if st.tok[ch].dep == "poss" else []
            if st.tok[ch].dep == "prep" and d.lemma[ch] in _AGENT_PREPS:
                heads = d.children(ch, "pobj")
            for h in heads:
                ids = actor_ids(st, h)[0]
                if ids:
                    return ids
    return ()
