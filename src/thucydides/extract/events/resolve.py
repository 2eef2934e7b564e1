"""Resolution: turning a sentence's top triggers, with what they govern, into event drafts
(``Draft``), with roles and modality flags, and deciding whether a draft has enough evidence
to be reported (``licensed``).
"""

from __future__ import annotations

from ...knowledge.lexicon import Coding, compose
from ...knowledge.recoding import Recodings
from ...knowledge.words import WordClasses
from .clauses import argument, happens
from .modality import set_flags
from .parties import actor_ids, ids_of_preps, pattern_owner
from .recipients import (
    clause_subject,
    judged_subject,
    obligation_subject,
    place_recipient,
    refused_party,
    targets_place,
)
from .roles import noun_roles, verb_roles
from .state import Draft, SentenceState, Trigger
from .triggers import AGENT_ENTS, BLAME_ROW, REQUEST_ROW, TRANSPARENT, WRAPPERS

_WORDS = WordClasses.default()

#: Pronouns that may stand for an actor the resolver did not find ("you", "those who" and
#: "anyone" are generic).
_AGENT_PRONOUNS = _WORDS["AGENT_PRONOUN"]
_SOURCE_PREPS = _WORDS["SOURCE_PREP"]
#: Below this weight a trigger is too ambiguous alone: it needs both actor and recipient.
_WEAK = 0.5
#: Sectors of armed actors (PLOVER sector codes): an attack "from" anyone else is words.
_ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "PRM", "SPY", "COP", "INS"})
#: The recoding steps (``data/rules/recoding.tsv``); the conditions are checked here.
_RECODINGS = Recodings.default()


def resolve(st: SentenceState, t: Trigger, depth: int = 0) -> list[Draft]:
    """Codes trigger ``t`` and what it governs: one result, or one per governed event
    for words that pass events on ("wants to equip and train")."""
    frames = t.row.frames
    governed = sorted(t.governed, key=lambda g: abs(g.i - t.i))
    own = t.row.coding
    if depth > 6:
        return []
    if frames & {"light", "receive"}:
        objects = [c for g in governed if g.relation == "object"
                   for c in resolve(st, g, depth + 1)]  # fmt: skip
        if objects:
            return [hosted(st, t, c, receive="receive" in frames) for c in objects]
        passed = [c for g in governed if g.relation == "content"
                  for c in resolve(st, g, depth + 1)]  # fmt: skip
        if passed:
            return [transparent(st, t, c) for c in passed]
        if own is None:
            return []
        c = plain(st, t, own)
        if "receive" in frames:  # "received weapons from X": X gave them
            giver = ids_of_preps(st, t.i, _SOURCE_PREPS) or pattern_owner(st, t.words[1:])
            c.actor, c.recipient = giver, tuple(a for a in c.actor if a not in giver)
            c.actor_via, c.recipient_via = None, c.actor_via
        return [c]
    contents = [c for g in governed if g.relation == "content"
                for c in resolve(st, g, depth + 1)]  # fmt: skip
    if frames & TRANSPARENT:
        if not contents and own is not None:
            return [plain(st, t, own)]  # "sent troops" with nothing to send them to do
        return [transparent(st, t, c) for c in contents]
    if own is None:
        return []
    if "request" in frames and asks_a_question(st, t.i):
        return []
    if frames & WRAPPERS:
        return [wrapped(st, t, own, contents[0] if contents else None)]
    c = plain(st, t, own)
    if not c.recipient:
        # "opened fire to disperse the protesters": the purpose names the recipient
        for g in governed:
            if g.relation != "absorbed" or st.tok[g.i].dep != "advcl":
                continue
            for sub in resolve(st, g, depth + 1):
                rec = tuple(a for a in sub.recipient if a not in c.actor)
                if rec:
                    c.recipient, c.recipient_via = rec, sub.recipient_via
                    break
            if c.recipient:
                break
    return [c]


def wrapped(st: SentenceState, t: Trigger, own: Coding, content: Draft | None) -> Draft:
    """A trigger with an event of its own, refined by what it governs."""
    frames = t.row.frames
    c = plain(st, t, own)
    frame = next(f for f in ("commit", "request", "threat", "reject", "accuse") if f in frames)
    c.committed = frame in ("commit", "threat")
    c.future = c.future or c.committed
    addressee = clause_subject(st, t.i, c.actor) if frame == "request" else ()
    if content is None:
        if t.row is REQUEST_ROW:
            c.recipient = obligation_subject(st, t.i, c.actor)
        elif t.row is BLAME_ROW:
            # "said Kyiv was responsible for the attack": Kyiv is accused
            c.recipient = judged_subject(st, t.i, c.actor)
        c.recipient = c.recipient or addressee
        if frame == "reject" and not c.recipient:
            c.recipient = refused_party(st, t.i, c.actor)
        addressed = frame == "threat" and _addressed(st, t.i)
        if frame == "threat" and (
            (not addressed and not agentive_clause(st, t.i)) or inanimate_agent(st, t.i)
        ):
            # "warned that growth would slow", "is threatened by rising seas"; whom the
            # warned-of happening touches is no addressee ("warn that diabetes could
            # affect millions")
            c.weight = min(c.weight, _WEAK - 0.05)
            if not addressed:
                c.recipient, c.recipient_via = (), None
        return c
    generic = own.cameo is None or (len(own.cameo) == 3 and own.cameo.endswith("0"))
    step = _RECODINGS.first(
        content.coding.event, {"vowed-not": frame == "commit" and content.negated}
    )
    if step is not None:
        # "vowed not to return the Golan": a refusal
        c.coding = step.apply(content.coding)
        c.committed, c.future = False, False
        c.rules += [*content.rules, step.rule]
    else:
        c.coding = compose(frame, own, content.coding, generic=generic)
        c.rules += content.rules
    c.words = sorted(set(c.words) | set(content.words))
    c.content_event = content.coding.event
    c.weight = min(0.99, (t.row.weight + content.weight) / 2 + 0.05)
    doer = tuple(a for a in content.actor if a not in c.actor)
    if frame == "accuse" and doer:
        c.recipient = doer  # "complained to the UN over Israeli raids": Israel is accused
        c.recipient_via = content.actor_via
    elif frame == "accuse" and set(c.recipient) & set(content.recipient):
        # "condemned the killing of journalist X": X suffered the act, no one accuses X
        c.recipient = tuple(a for a in c.recipient if a not in content.recipient)
        c.recipient_via = c.recipient_via if c.recipient else None
    elif frame == "request" and not c.recipient:
        c.recipient = addressee or doer or content.recipient  # "demanded that X ..."
        c.recipient_via = None if addressee else content.actor_via or content.recipient_via
    elif frame == "reject" and st.doc.lemma[t.i] in st.doc.word_class("DENIAL_VERB"):
        # "Iran denied supplying drones to Russia": a denial answers the accuser, whom the
        # discourse step finds; Russia is no party to the denial
        pass
    elif not c.recipient and frame != "accuse":
        # (what is alleged against nobody named accuses no one: "alleged that women are
        # being persecuted" does not accuse the women)
        c.recipient = content.recipient or doer
        c.recipient_via = content.recipient_via if content.recipient else content.actor_via
    if not c.actor and frame in ("commit", "threat") and content.actor:
        c.actor, c.actor_via = content.actor, content.actor_via
    if t.row is BLAME_ROW:
        # "said Moscow was behind the cyberattack": Moscow is accused of it
        c.recipient = judged_subject(st, t.i, c.actor) or c.recipient
    return c


def asks_a_question(st: SentenceState, v: int) -> bool:
    """ "ask" with nothing asked of anyone is a question, not a request: "“Who pays?”
    she asked", "asked whether the talks would resume", "asked about the vote". A
    request names whom it asks or what: "asked Kenya to extradite them", "asked for
    help", "asked that the suspects be handed over", "asked the court's permission"."""
    d = st.doc
    if d.lemma[v] != "ask":
        return False
    for k in d.kids[v]:
        dep = st.tok[k].dep
        if dep in ("dobj", "dative", "iobj", "xcomp", "oprd", "nsubjpass"):
            return False
        if dep == "prep" and d.lemma[k] == "for":
            return False
        if dep == "ccomp" and any(d.lemma[m] == "that" for m in d.children(k, "mark")):
            return False
    return True


def inanimate_agent(st: SentenceState, v: int) -> bool:
    """A passive whose "by" agent names no actor ("threatened by floods")."""
    d = st.doc
    agents = [p for a in d.children(v, "agent") for p in d.children(a, "pobj")]
    return bool(agents) and not any(actor_ids(st, p)[0] for p in agents)


def _addressed(st: SentenceState, v: int) -> bool:
    """Whether a verb names an actor it addresses: an object or a "to" phrase of its own
    ("warned Kyiv that ..."; not "warn that type 2 diabetes could ...", misparsed)."""
    d = st.doc
    whom = [k for k in d.kids[v] if st.tok[k].dep in ("dobj", "dative", "iobj")]
    whom += [p for k in d.children(v, "prep") if d.lemma[k] == "to" for p in d.children(k, "pobj")]
    return any(actor_ids(st, k)[0] for k in whom)


def agentive_clause(st: SentenceState, v: int) -> bool:
    """True unless every clause ``v`` governs has a subject that names no actor: a
    warning about what growth or the weather will do threatens nobody."""
    d = st.doc
    subjects = [s for cl in d.children(v, "ccomp") for s in d.children(cl, "nsubj")]
    return not subjects or any(actor_ids(st, s)[0] for s in subjects)


def plain(st: SentenceState, t: Trigger, coding: Coding) -> Draft:
    """A trigger coded on its own, with roles from its own arcs."""
    tok = st.tok[t.i]
    c = Draft(
        coding,
        t.i,
        list(t.words),
        t.row.weight,
        trigger_lemma=st.doc.lemma[t.i],
        rules=[t.row.source],
    )
    if tok.pos in ("NOUN", "PROPN") and tok.tag != "VBG":
        c.nominal = True
        noun_roles(st, t.i, c)
        h = tok.head
        if h in t.words and st.tok[h].pos == "ADP" and st.tok[h].head != h:
            # "troops remained on alert": the pattern holds the preposition
            c.nominal = False
            clause = Draft(coding, st.tok[h].head, [], 0)
            verb_roles(st, st.tok[h].head, clause)
            if not c.actor:
                c.actor, c.actor_via = clause.actor, clause.actor_via
            c.subject_token = clause.subject_token
    else:
        verb_roles(st, t.i, c, extra=[w for w in t.words if w != t.i], row=t.row)
        if not c.actor:
            # "came during a visit by Modi": a noun of the pattern names its agent
            for w in t.words:
                by = () if st.tok[w].pos != "NOUN" else ids_of_preps(st, w, {"by"})
                if by:
                    c.actor = tuple(a for a in by if a not in c.recipient)
                    break
    set_flags(st, t.i, c)
    return c


def hosted(st: SentenceState, light: Trigger, content: Draft, *, receive: bool) -> Draft:
    """A noun event carried by a light verb: "held talks with", "received aid from"."""
    c = content
    noun = c.anchor
    c.anchor = light.i
    c.rules = [light.row.source, *c.rules]
    c.words = sorted(set(c.words) | set(light.words))
    c.nominal = False
    c.weight = max(c.weight, 0.6)  # a light verb and an event noun agree
    verb = Draft(c.coding, light.i, [], 0)
    verb_roles(st, light.i, verb, skip=set(content.words))
    c.subject_token = verb.subject_token
    if receive and st.doc.lemma[noun] in st.doc.word_class("UNDERGONE"):
        # "secured Lai's release": Lai is released; who releases him is not said
        c.actor = ids_of_preps(st, light.i, _SOURCE_PREPS) or c.actor
    elif receive:
        # "won the approval of X", "received aid from X": X is the giver
        # the noun's own party ("the approval of X"), not the object of an act it is for
        # ("faced criticism for jailing reporters": the reporters criticise nobody)
        via = c.recipient_via[1] if c.recipient_via else None
        own_party = via is None or st.tok[st.tok[via].head].pos != "VERB"
        giver = (
            ids_of_preps(st, light.i, _SOURCE_PREPS)
            or c.actor
            or ids_of_preps(st, noun, _SOURCE_PREPS)  # "came under attack from X"
            or (c.recipient if own_party else ())
        )
        c.recipient = verb.actor
        c.actor = giver
        c.by_pronoun = verb.by_pronoun
        c.actor_via, c.recipient_via = c.actor_via or c.recipient_via, verb.actor_via
        step = _RECODINGS.first(c.coding.event, {"unarmed-fire": _unarmed(st, giver)})
        if step is not None:
            # "came under fire from opposition lawmakers": criticism, not an attack
            c.coding = step.apply(c.coding)
            c.rules.append(step.rule)
    else:
        if verb.actor:
            if c.actor and not c.recipient and set(c.actor) - set(verb.actor):
                c.recipient = tuple(a for a in c.actor if a not in verb.actor)
                c.recipient_via = c.actor_via
            c.actor, c.by_pronoun, c.actor_via = verb.actor, verb.by_pronoun, verb.actor_via
        if not c.recipient:
            c.recipient = tuple(a for a in verb.recipient if a not in c.actor)
            c.recipient_via = verb.recipient_via
    set_flags(st, light.i, c)
    return c


def _unarmed(st: SentenceState, parties: tuple[str, ...]) -> bool:
    """Parties whose sectors are all known and none armed (``_ARMED_SECTORS``), none of
    them a state."""
    actors = st.doc.actors
    known = [actors[a] for a in parties if a in actors]
    return bool(known) and all(
        a.kind != "state" and a.sector is not None and a.sector not in _ARMED_SECTORS for a in known
    )  # (a state has armed forces: "came under fire from Russia" is an attack)


def transparent(st: SentenceState, t: Trigger, content: Draft) -> Draft:
    """An event passed on by a frame word ("plans to arm", "failed to reach", "ordered troops
    to fire"): the frame sets the modality and may give the actor."""
    frames = t.row.frames
    c = content
    inner_is_noun = st.tok[c.anchor].pos in ("NOUN", "PROPN")
    inner_is_gerund = st.tok[c.anchor].tag == "VBG" and st.tok[c.anchor].dep == "pcomp"
    c.anchor = t.i
    c.rules = [t.row.source, *c.rules]
    c.nominal = False
    c.words = sorted(set(c.words) | set(t.words))
    w = Draft(c.coding, t.i, [], 0)
    if st.tok[t.i].pos in ("NOUN", "PROPN"):
        noun_roles(st, t.i, w)
    else:
        verb_roles(st, t.i, w, skip=set(content.words))
    if c.subject_token is None:
        c.subject_token = w.subject_token
    if "cause" in frames:
        if w.actor:
            c.actor, c.by_pronoun, c.actor_via = w.actor, w.by_pronoun, w.actor_via
        # "ordered troops to attack" is yet to happen; "claimed responsibility for attacking
        # the convoy" (a gerund, like a noun) has happened
        c.future = c.future or not (inner_is_noun or inner_is_gerund)
    elif not c.actor and w.actor:
        c.actor, c.by_pronoun, c.actor_via = w.actor, w.by_pronoun, w.actor_via
    if frames & {"intent", "expect"}:
        c.future = True
        c.own_intent = c.own_intent or "intent" in frames
    if "prepare" in frames:
        step = _RECODINGS.first(c.coding.event, {"prepared": True})
        if step is not None:
            # preparing an attack is a military move short of force (PLOVER MOBILIZE)
            c.coding = step.apply(c.coding)
            c.rules.append(step.rule)
        else:
            c.future, c.own_intent = True, True
    if "wish" in frames:
        c.hypothetical = True
    if "negate" in frames:
        c.negated = True
        c.will = True  # "failed to reach agreement": a failed commitment is a refusal
    set_flags(st, t.i, c)
    return c


def licensed(st: SentenceState, c: Draft) -> bool:
    """Enough evidence to report: a weak trigger needs both roles, a bare noun an
    argument position and a role, any other trigger a role or a noun subject."""
    if c.weight < _WEAK:
        return bool(c.actor and c.recipient)
    a = st.tok[c.anchor]
    carried = a.head in c.words and st.tok[a.head].pos == "ADP"  # "remained on alert"
    if c.nominal or (a.pos == "NOUN" and a.tag != "VBG" and not carried):
        if not argument(st, c.anchor):
            return False
        if c.actor or c.recipient:
            return True
        # "protests erupted in Kenya": an event noun said to happen somewhere
        return happens(st, c.anchor) and bool(
            targets_place(st, c.coding) and place_recipient(st, c, c.coding)
        )
    if c.actor or c.recipient:
        return True
    # no known party: a noun subject that acts will do ("gunmen opened fire"), a passive
    # patient that is no party will not ("the province is threatened by dog meat")
    s = c.subject_token
    if s is None or st.tok[s].pos not in ("NOUN", "PROPN", "PRON"):
        return False
    d = st.doc
    people = d.word_class("CAPTIVE") | d.word_class("TROOPS")
    if st.tok[s].pos == "PROPN" and st.tok[s].ent_type in AGENT_ENTS | {""}:
        return True  # a name the actor resolver does not know is still someone's
    if c.patient_only:
        return d.lemma[s] in people
    # an unresolved pronoun or a word for people may act; a noun the actor resolver
    # did not take for an actor ("the world", "video clips") may not
    personal = st.tok[s].pos == "PRON" and d.low[s] in _AGENT_PRONOUNS
    return personal or d.lemma[s] in people | d.word_class("AGENT")
