"""Recipients: where the recipient of an event is looked for beyond the verb's own subject,
besides what ``roles`` finds: the candidate words of a verb (objects, datives, prepositional
objects, the party helped), the subject of a threat's condition, the target of a protest, the
party of what is refused or demanded, and the country an event happens in when no party is
named (``place_recipient``; ``states.place_states`` turns place ids into states later).
"""

from __future__ import annotations

from collections.abc import Set

from ...knowledge.event_types import EventTypes
from ...knowledge.lexicon import Coding
from ...knowledge.words import WordClasses
from .clauses import happens
from .parties import actor_ids, conjuncts, own_forces, owner_of
from .state import DocState, Draft, SentenceState
from .triggers import judgement, obligation

_WORDS = WordClasses.default()
#: What the coder does per PLOVER type (``data/rules/event-types.tsv``).
_TYPES = EventTypes.default()

#: Prepositions that introduce the recipient of an event.
RECIPIENT_PREPS = _WORDS["RECIPIENT_PREP"]
_PERSONAL_PRONOUNS = _WORDS["PERSONAL_PRONOUN"]
#: Prepositions that place an event inside a country.
_INSIDE_PREPS = _WORDS["INSIDE_PREP"]
#: Verbs of a purpose clause whose object is the party helped.
_HELP_VERBS = _WORDS["HELP_VERB"]
#: What a request for shelter asks for: the place it is sought in is its recipient.
_SHELTER = _WORDS["SHELTER"]
#: Triggers whose "from" place is where the recipients are ("evacuated the wounded from X").
_EVACUATE = _WORDS["EVACUATE"]
_PROTEST_PREPS = _WORDS["PROTEST_PREP"]
_PROTEST_NOUN_PREPS = _WORDS["PROTEST_NOUN_PREP"]
_PROTEST_NOUNS = _WORDS["PROTEST_NOUN"]
_PROTEST_CLAUSE_PREPS = _WORDS["PROTEST_CLAUSE_PREP"]
_THREAT_CONDITION_MARKS = _WORDS["THREAT_CONDITION_MARK"]
_TRANSFER_PREPS = _WORDS["TRANSFER_PREP"]
_SOURCE_PREPS = _WORDS["SOURCE_PREP"]
#: Prepositions of what a reaction is about ("concern about X").
TOPIC_PREPS = _WORDS["REACTION_PREP"]
_PARTY_PREPS = _WORDS["PARTY_PREP"]
_AIM_PREPS = _WORDS["AIM_PREP"]
_AIM_PARTY_PREPS = _WORDS["AIM_PARTY_PREP"]


def refused_party(st: SentenceState, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
    """Whom a refusal concerns when what is refused is no event of its own: the party
    of the refused action ("refused to allow United Nations planes to land", "refused
    to respond to a demand from the US President")."""
    d = st.doc
    for x in d.children(v, "xcomp"):
        found = recipient_candidates(st, x, None, frm=True, by_obj=True)
        found += [s for cc in d.children(x, "ccomp") for s in d.children(cc, "nsubj")]
        for r in found:
            if own_forces(st, r, actor):
                continue
            ids = owner_of(st, r, actor, depth=1)
            if ids:
                return ids
    return ()


def clause_subject(st: SentenceState, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
    """The subject of a "that" clause under ``v`` ("demanded that the US cancel")."""
    d = st.doc
    for cl in d.children(v, "ccomp"):
        for s in d.children(cl, "nsubj", "nsubjpass"):
            ids = tuple(a for a in actor_ids(st, s)[0] if a not in actor)
            if ids:
                return ids
    return ()


def obligation_subject(st: SentenceState, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
    """Whom "X said Y must ..." obliges: the subject of the obligation clause, other than the
    actor."""
    c = obligation(st, v)
    if c is None:
        return ()
    for s in st.doc.children(c, "nsubj", "nsubjpass"):
        ids = tuple(a for a in actor_ids(st, s)[0] if a not in actor)
        if ids:
            return ids
    return ()


def judged_subject(st: SentenceState, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
    """Whom "X said Y was to blame" accuses: the judged clause's subject, other than the
    actor."""
    judged = judgement(st, v)
    if judged is None:
        return ()
    subj = judged[1][0]
    return tuple(a for a in actor_ids(st, subj)[0] if a not in actor)


def recipient_candidates(
    st: SentenceState,
    v: int,
    patient: int | None,
    transfer: bool = False,
    frm: bool = False,
    by_obj: bool = False,
) -> list[int]:
    """Words that may name the recipient of verb ``v``, best first. For a transfer
    ("offered troops to X", "gave X a loan", "provided arms and training to X") the
    indirect object and the "to"/"for" party come before the direct object, which is the
    thing given; ``frm`` adds "from" ("demanded support from X"); ``by_obj`` adds the
    doer named inside the object ("demanded an admission by X", "investigated crimes by
    X", "demanded autonomy from X")."""
    d, tok = st.doc, st.tok
    out: list[int] = []
    if patient is not None:
        out.append(patient)
    objects = d.children(v, "dobj")
    objects += [c for o in objects for c in conjuncts(st, o)[1:]]
    datives = [p for x in d.children(v, "dative")
               for p in (d.children(x, "pobj") if tok[x].pos == "ADP" else [x])]  # fmt: skip
    if transfer:
        out += datives
        # "helped Kenya defeat the militants": the one helped
        out += [s for x in d.children(v, "ccomp") for s in d.children(x, "nsubj")]
        for pr in d.children(v, "prep"):
            if d.lemma[pr] in _TRANSFER_PREPS:
                out += d.children(pr, "pobj")
        for obj in objects:
            for pr in d.children(obj, "prep"):
                if d.lemma[pr] in _TRANSFER_PREPS:
                    out += d.children(pr, "pobj")
    out += d.children(v, "dobj") + datives
    preps = RECIPIENT_PREPS | (_SOURCE_PREPS if frm else set())
    for pr in d.children(v, "prep"):
        if d.lemma[pr] in preps:
            out += d.children(pr, "pobj")
    for prt in d.children(v, "prt"):
        for pr in d.children(prt, "prep"):
            out += d.children(pr, "pobj")
    obj_preps = _PARTY_PREPS
    if by_obj:
        obj_preps |= _SOURCE_PREPS
    for obj in objects:
        for pr in d.children(obj, "prep"):
            if d.lemma[pr] in obj_preps:
                out += d.children(pr, "pobj")
        if by_obj:
            for acl in d.children(obj, "acl"):  # "crimes committed by X"
                out += [p for ag in d.children(acl, "agent") for p in d.children(ag, "pobj")]
    if by_obj:
        # "concerned about the actions of X", "criticised over its handling of X": the
        # topic, or whoever it belongs to (the caller reads the owner of a noun)
        for pr in d.children(v, "prep"):
            if d.lemma[pr] in TOPIC_PREPS:
                out += d.children(pr, "pobj")
    if tok[v].dep in ("acl", "relcl") and tok[v].tag == "VBN" and tok[v].head not in out:
        out.append(tok[v].head)
    # last resorts: the party of a thing named through a partitive ("suspended part of
    # an aid program for Bosnia") and of the aim of the action ("mobilized reservists
    # for a war against Iraq", "deployed troops for talks with X")
    for obj in objects:
        for inner in partitive_whole(st, obj):
            out += _inner_objects(d, inner, obj_preps | {"for"})
        out += _inner_objects(d, obj, {"for"})
    for pr in d.children(v, "prep"):
        if d.lemma[pr] in _AIM_PREPS:
            for p in d.children(pr, "pobj"):
                out += _inner_objects(d, p, _AIM_PARTY_PREPS)
    out += helped(st, v)
    return out


def helped(st: SentenceState, v: int) -> list[int]:
    """Who an action is meant to help: "sent material to help defend Saudi Arabia",
    "mobilized groups to support the rights of Palestinians"."""
    d = st.doc
    out: list[int] = []
    for x in d.children(v, "advcl", "xcomp"):
        if d.lemma[x] not in _HELP_VERBS:
            continue
        for y in [x, *d.children(x, "xcomp")]:
            if y != x and d.lemma[y] not in _HELP_VERBS:
                continue
            for o in d.children(y, "dobj"):
                out += [o, *_inner_objects(d, o, {"of"})]
    return out


def partitive_whole(st: SentenceState, n: int) -> list[int]:
    """What a quantity noun is part of: "part of a program", "some of the aid"."""
    d = st.doc
    if d.lemma[n] not in d.word_class("PARTITIVE"):
        return []
    return _inner_objects(d, n, {"of"})


def unresolved_party(st: SentenceState, c: Draft) -> bool:
    """The event names the people it was done to, but as no actor ("he was arrested in
    Brooklyn", "the abduction of 276 schoolgirls from Chibok"): the place where it
    happened does not stand in for them."""
    d, tok = st.doc, st.tok
    words = set(c.words)
    found = [c.subject_token] if c.patient_only and c.subject_token is not None else []
    for w in words | {c.anchor}:
        found += [o for o in d.children(w, "dobj") if o not in words]
        if tok[w].pos == "NOUN":
            found += [p for p in _inner_objects(d, w, {"of"}) if p not in words]
    return any(
        (tok[k].pos == "PRON" and d.low[k] in _PERSONAL_PRONOUNS)
        or (tok[k].ent_type in ("PERSON", "NORP") and k not in d.place_at)
        or d.lemma[k] in d.word_class("CAPTIVE")
        for k in found
    )


def shelter(st: SentenceState, c: Draft) -> bool:
    """A request for asylum or refuge: the place it is sought in is asked."""
    return any(st.doc.lemma[w] in _SHELTER for w in c.words)


def own_state(st: SentenceState, c: Draft) -> tuple[str, ...]:
    """The actor's own state, named in the article, for a measure a government takes on
    its own territory when no place is given ("is prepared to impose martial law")."""
    d = st.doc
    countries = {d.actors[a].country for a in c.actor if a in d.actors} - {None}
    return tuple(
        a.id
        for a in d.actors.values()
        if a.kind == "state" and a.country in countries and a.id not in c.actor
    )[:1]


def condition_party(st: SentenceState, c: Draft) -> tuple[str, ...]:
    """Whom a threat is aimed at when it names a condition: "threatened to strike
    unless Baghdad accepted", "will pull out if the US goes ahead": the subject of the
    if/unless clause."""
    d, tok = st.doc, st.tok
    words = set(c.words) | {c.anchor}
    # "threatened to stop negotiations if the United States goes ahead"
    words |= {x for w in list(words) for x in d.children(w, "xcomp")}
    for w in sorted(words):
        for cl in d.children(w, "advcl"):
            if not any(
                tok[m].dep == "mark" and d.low[m] in _THREAT_CONDITION_MARKS for m in d.kids[cl]
            ):
                continue
            for sub in d.children(cl, "nsubj", "nsubjpass"):
                ids = tuple(a for a in actor_ids(st, sub)[0] if a not in c.actor)
                if ids:
                    return ids
    return ()


def protest_target(st: SentenceState, c: Draft) -> tuple[str, ...]:
    """Whom a protest is against: "marched against X's policies", "in protest of X's
    decision", "struck to demand the resignation of X", "rioted over abuses by X".

    Notes:
        PLOVER manual, PROTEST: collective action "carried out as protests against the
        recipient"; the voiced demand is not an event of its own, but it names the
        recipient.
    """
    d, tok = st.doc, st.tok
    nouns: list[int] = []
    clauses: list[int] = []
    for w in sorted(set(c.words) | {c.anchor}):
        for ch in d.kids[w]:
            dep = tok[ch].dep
            if dep == "prep" and d.lemma[ch] in _PROTEST_PREPS:
                nouns += d.children(ch, "pobj")
            elif dep == "prep" and d.lemma[ch] in _PROTEST_NOUN_PREPS:
                # "in protest of X", "in defiance of X", "in support of X's rivals" is not
                for p in d.children(ch, "pobj"):
                    if d.lemma[p] in _PROTEST_NOUNS:
                        nouns += [q for pp in d.children(p, "prep")
                                  for q in d.children(pp, "pobj")]  # fmt: skip
            elif dep in ("advcl", "xcomp", "acl") and tok[ch].pos == "VERB":
                clauses.append(ch)  # "to protest X", "demanding X"
    for v in clauses:
        nouns += d.children(v, "dobj")
        for pr in d.children(v, "prep"):
            if d.lemma[pr] in _PROTEST_CLAUSE_PREPS:
                nouns += d.children(pr, "pobj")
    for n in nouns:
        ids = owner_of(st, n, c.actor)
        if ids:
            return ids
    return ()


def targets_place(st: SentenceState, coding: Coding) -> bool:
    """The country an event of this coding happens in is its recipient when it names none
    (``data/rules/event-types.tsv``)."""
    return _TYPES.targets_place(coding.event, coding.mode)


def place_recipient(st: SentenceState, c: Draft, coding: Coding) -> tuple[str, ...]:
    """The country an event without a recipient takes place in: "lifted the curfew in
    Montenegro", "protesters marched in Kirkuk", "arrived in Amman on a visit", "fired
    at targets in Jericho", "outlawed the largest group in Northern Ireland".

    Returns:
        The ids of state actors named as the place, or the id of the place (a city or
        region the gazetteer put in a country) for ``place_states`` to turn into its
        state; empty when the event names no place.

    Notes:
        PLOVER gold-standard practice codes the country where a domestic action (a
        curfew, a protest, a deployment, a crackdown) happens as its recipient.
        Withdrawals and expulsions take the country left ("withdrew its troops from
        Lebanon"). The place is read where the event's own words put it (a
        prepositional phrase of the trigger, of its object, or one level inside a
        phrase: "at this jail in northern Israel"), never from the actor's phrase
        ("police in Jericho" says where the police are).
    """
    d, tok = st.doc, st.tok
    preps = set(_INSIDE_PREPS)
    if coding.mode in ("withdraw", "expel") or c.trigger_lemma in _EVACUATE:
        preps.add("from")
    where = set(c.words) | {c.anchor}
    for w in list(where):
        # the words between a light verb and its event noun ("declared a state of siege
        # in X") and the verb an event noun is the subject of ("protests erupted in X")
        h = w
        for _ in range(3):
            if tok[h].head == h or h == c.anchor:
                break
            h = tok[h].head
            where.add(h)
    a = c.anchor
    if tok[a].pos == "NOUN" and tok[a].dep in ("nsubj", "nsubjpass") and tok[a].head != a:
        where.add(tok[a].head)
        if happens(st, a):  # "riots swept Kenya"
            for o in d.children(tok[a].head, "dobj"):
                ids = tuple(x for x in actor_ids(st, o)[0] if d.actors[x].kind == "state")
                if ids:
                    return ids
    if coding.event == "THREATEN":
        # "threatened to institute a curfew in Algiers": what is threatened
        where |= {x for w in list(where) for x in d.children(w, "xcomp")}
    # the object of the action: "outlawed the organization in Northern Ireland"
    where |= {o for w in list(where) for o in d.children(w, "dobj") if o not in c.words}
    for w in sorted(where):
        for pr in d.children(w, "prep"):
            direct = d.lemma[pr] in preps
            for p in d.children(pr, "pobj"):
                # "in the town of Cizre in southeastern Turkey", "at targets in Jericho":
                # one level further down
                heads = [p] if direct else []
                for pp in d.children(p, "prep"):
                    inner = d.lemma[pp]
                    if (
                        (direct and inner == "of")
                        or inner == "in"
                        or (
                            inner == "from" and "from" in preps  # "withdrawal of forces from X"
                        )
                    ):
                        heads += d.children(pp, "pobj")
                for h in heads:
                    found = state_at(st, h, c)
                    if found:
                        return found
    if not _TYPES.moves_objects(coding.event, coding.mode):
        # "shelled Kharkiv overnight": the object is the place itself
        for o in d.children(a, "dobj", "nsubjpass"):
            for k in conjuncts(st, o):
                found = state_at(st, k, c)
                if found:
                    return found
    return ()


def state_at(st: SentenceState, h: int, c: Draft) -> tuple[str, ...]:
    """The state actors the noun ``h`` names as a place, or the id of the place with a
    known country it is part of ("the province of West Darfur")."""
    d, tok = st.doc, st.tok
    if tok[h].pos not in ("PROPN", "NOUN"):
        return ()
    ids = tuple(a for a in actor_ids(st, h)[0] if a not in c.actor and d.actors[a].kind == "state")
    if ids:
        return ids
    for k in [h, *d.children(h, "compound", "appos")]:
        place = d.place_at.get(k)
        if place is not None:
            return (place,)
    return ()


def _inner_objects(d: DocState, n: int, preps: Set[str]) -> list[int]:
    """The objects of ``n``'s prepositions among ``preps``, in order."""
    return [p for pr in d.children(n, "prep") if d.lemma[pr] in preps
            for p in d.children(pr, "pobj")]  # fmt: skip
