"""Events: every PLOVER event in every clause, with actor, recipient, modality and evidence.

``code_events`` reads one article's parse (``ParsedText``) and its resolved actors and
returns one ``Event`` per event found. It works in five steps per sentence:

1. **Triggers.** Each token whose lemma anchors a lexicon row is matched against the
   row's other words among its dependents; the longest matching pattern wins
   (``knowledge/lexicon.py``, ``data/lexicon/triggers.tsv``). A word used by a longer pattern is not
   a trigger of its own ("demanded the *release*" is one REQUEST).
2. **Frames.** Triggers that govern other triggers absorb them: a light verb takes its
   object noun ("carried out airstrikes"), a wrapper is refined by its complement
   ("promised to arm X" is AGREE 0332, "demanded the release of" REQUEST 'yield'), plan and
   failure words pass the governed event on as future or negated ("is planning to arm",
   "failed to"), an event verb takes its object noun and its purpose clause ("condemned the
   attack", "visited Paris to discuss trade"), and a protest takes the demand it voices
   (PLOVER manual, PROTEST). "X said Y must ..." is X's REQUEST to Y. A verb the lexicon
   does not know between a frame word and a trigger cuts the link ("tried to *subvert* the
   dialogue" is no CONSULT); nouns coordinated with an attack's weapons ("artillery, mortar
   and rocket fire") and destruction inside a riot are part of that event.
3. **Roles.** The actor and recipient come from the dependency parse: subjects, objects,
   passive agents, prepositional objects, subjects inherited through control, coordination
   and participles, relative clauses, and the noun phrase around a role word (apposition,
   possessor, nationality adjective, "forces loyal to X"). A role word maps to an actor
   when one of the actor's mention spans covers it (all the actors that share that span:
   "Hungarian and Romanian officials"); a pronoun maps to the nearest earlier actor of the
   right kind when no mention covers it. The troops or weapons an actor moves are never the
   recipient ("withdrew its troops"); a threat's recipient is the subject of its condition
   ("unless Israel lifts ..."), a protest's the owner of what it protests ("to show
   disapproval for the United States' policies"), a refusal's the party of what is refused
   ("refused to allow UN planes to land"), an aid's the party it is meant to help ("sent
   material to help defend Saudi Arabia"). With no party named as such, the owners of what
   was acted on are ("shelled the homes of Sudanese refugees"), and an action on a place
   takes the country it happens in ("lifted the curfew in Montenegro", "protests erupted in
   Kirkuk", "sought refuge in Germany"): a country's name is its state actor, a city or
   region the gazetteer placed (``places``) leaves its place id for ``place_states``, which
   puts the state in (the toponym is its evidence) — unless the text names the people it
   was done to without an actor for them ("he was arrested in Brooklyn"). A curfew or
   martial law with no place falls on the actor's own state when the article names it.
4. **Modality.** Negation, conditionals, modals, tense and the frames decide whether the
   event is asserted, future, hypothetical or negated; "according to X" and "X said (that)"
   give ``reported_by``. A future material-conflict action announced by its own actor is a
   THREATEN, a future cooperative action an AGREE, a future refusal ("will not accept") a
   REJECT (PLOVER manual, AGREE and THREATEN), and so is a failed one ("failed to reach an
   agreement"). An infinitive of purpose is intended, not done ("flew to Cairo to meet X");
   "no longer", a negated subject ("no country offered") and the negation or modal of a verb
   that takes the infinitive ("cannot afford to defend") carry over.
5. **References.** A definite event noun with no verb of its own ("the attack") that names
   an event of the same type coded earlier in the article is that event, not a new one.

Each sentence is handled on its own (only step 5 looks back, at a bounded number of
events), with tokens indexed once per document, so the cost grows with the length of the
text, not its square.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..knowledge.lexicon import QUAD, Coding, Lexicon, Slot, TriggerRow, TriggerSource, compose
from ..parse.index import TokenOffsets
from ..records import Actor, Event, ParsedText, Place, Span, Token

#: Entity types whose tokens are names, never triggers ("Protest Party", "Operation Storm").
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT",
              "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}  # fmt: skip
#: Parts of speech a lexicon row can match (see ``_pos_ok``).
_TRIGGER_POS = {"VERB", "NOUN", "PROPN", "ADJ", "ADV", "ADP"}
#: Names of agents: never a pattern word ("the Government of National Accord" is no accord).
_AGENT_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: Dependencies of modifiers: a trigger word in these roles names no event ("western-backed").
_MODIFIER_DEPS = {"amod", "compound", "poss", "det", "case", "punct", "nummod", "quantmod"}
#: Arcs a pattern word is never reached through (they leave the clause).
_SLOT_EDGES_BLOCKED = {"conj", "cc", "relcl", "acl", "advcl", "parataxis", "appos", "punct",
                       "mark", "ccomp"}  # fmt: skip
#: Tokens a pattern word may be reached through without being a pattern word themselves.
_SLOT_THROUGH = {"prep", "prt", "agent", "dative"}
#: An object noun's dependents a pattern word may be ("lifted the *night* curfew").
_OBJECT_MODIFIERS = {"compound", "amod", "nmod"}
#: Prepositions that introduce what a wrapper governs ("call for", "accused of", "warn of").
_FRAME_PREPS = {"for", "of", "on", "upon", "with", "to", "from", "about", "over", "against",
                "into"}  # fmt: skip
#: Arcs between a wrapper and the trigger it governs ("promised to arm", "call for talks").
_CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "conj", "nsubjpass",
                 "attr", "oprd", "acomp", "dative"}  # fmt: skip
#: Arcs from a wrapper to the top of what it governs.
_TOP_DEPS = {"xcomp", "ccomp", "dobj", "nsubjpass", "attr", "oprd", "acomp", "dative"}
#: Prepositions whose object is the topic of an event noun or verb ("talks on a truce").
_TOPIC_PREPS = {"about", "on", "over", "regarding", "concerning", "for", "of"}
#: Prepositions that take the object of a light verb ("went on strike", "engaged in talks").
_LIGHT_PREPS = {"in", "on", "into", "of"}
#: Prepositions that introduce the recipient of an event.
_RECIPIENT_PREPS = {"with", "against", "on", "upon", "at", "to", "toward", "towards", "into",
                    "behind"}  # fmt: skip
#: Prepositions that lead from a protested thing to whom it concerns ("demands for X").
_OWNER_PREPS = {"by", "of", "for", "from", "against", "over", "on"}
#: Prepositions from a thing to those it belongs to or serves ("a camp for refugees").
_USER_PREPS = {"of", "for", "belonging"}
#: Prepositions whose object is a noun event's actor.
_AGENT_PREPS = {"by", "between", "among"}
#: Positions in which a noun with no verb to carry it still reports an event; a noun inside
#: a prepositional phrase ("after clashes with", "during the uprising") refers to one.
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "oprd", "dative"}
#: Frames that pass the governed event on (the wrapper has no event of its own).
_TRANSPARENT = {"intent", "expect", "prepare", "wish", "attempt", "cause", "negate"}
#: Frames with an event of their own that the governed event refines.
_WRAPPERS = {"commit", "request", "threat", "reject", "accuse"}
_HYPOTHETICAL_MARKS = {"if", "unless", "whether", "lest"}
#: Temporal conjunctions whose present-tense clause is still to come ("before they disarm").
_PENDING_MARKS = {"before", "until", "till", "once"}
_HYPOTHETICAL_MODALS = {"could", "might", "may", "should", "must", "ought", "can"}
_OBLIGATION_MODALS = {"must", "should", "ought"}
_FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
_ORDINALS = {"first", "last", "only", "second", "next"}
_FIRST_PERSON = {"i", "we", "me", "us"}
#: Pronouns that may stand for an actor the resolver did not find ("you", "those who" and
#: "anyone" are generic).
_AGENT_PRONOUNS = {"i", "we", "he", "she", "they", "it", "who"}
_PERSONAL_PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them"}
_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
_THING_PRONOUNS = {"it", "its", "itself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
#: PLOVER types that need a recipient (PLOVER manual, "Requires recipient: Yes").
_NEEDS_RECIPIENT = {"COOPERATE", "AID", "SANCTION"}
_THREATENABLE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
_REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
#: Event types whose recipient, when the text names none, is the country they happen in
#: (material actions on a place's people: "lifted the curfew in Montenegro").
_PLACE_TARGETED = {"CONCEDE", "AID", "RETREAT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                   "COERCE", "ASSAULT"}  # fmt: skip
#: Prepositions that place an event inside a country.
_PLACE_PREPS = {"in", "inside", "into", "throughout", "across", "within"}
_DEFINITE = {"the", "this", "that", "these", "those"}
#: How many earlier events a definite event noun may refer back to.
_REFERENCE_WINDOW = 40
#: RETREAT modes in which the object is what the actor moves or gives up, not a party.
_MOVED = {"withdraw", "disarm", "ceasefire"}
#: Tags of a participle the parser may mistake for a finite verb ("officers holed up").
_PARTICIPLES = {"VBN", "VBD", "VBG"}
#: Verbs of a purpose clause whose object is the party helped.
_HELP_VERBS = {"help", "assist", "support", "defend", "protect", "aid", "bolster", "back",
               "strengthen", "shield", "rescue", "save"}  # fmt: skip
#: What a request for shelter asks for: the place it is sought in is its recipient.
_SHELTER = {"asylum", "refuge", "shelter", "sanctuary"}
#: CAMEO codes of measures a government takes on its own territory (curfews, martial law,
#: states of emergency, lifting or threatening them).
_DOMESTIC_CODES = {"1723", "1724", "0813", "0814", "1323", "1324"}
#: Triggers whose "from" place is where the recipients are ("evacuated the wounded from X").
_FROM_PLACE = {"evacuate", "evacuation", "rescue", "airlift"}
#: Participles that say where their subject stands ("X is opposed to Y").
_STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote", "determine", "resign",
                     "prepare", "dispose", "incline", "engage", "involve"}  # fmt: skip
#: Verbs whose object is what the actor moves: troops withdrawn or sent are no party.
_MOVE_VERBS = {"withdraw", "pull", "move", "bring", "deploy", "redeploy", "send", "dispatch",
               "station", "evacuate", "contribute", "mobilize", "mobilise"}  # fmt: skip
#: Below this weight a trigger is too ambiguous alone: it needs both actor and recipient.
_WEAK = 0.5
#: Exercise words: a MOBILIZE exercise with two or more actors is COOPERATE (PLOVER manual,
#: MOBILIZE: "joint military operations are coded as COOPERATE").
_EXERCISE = {"exercise", "drill", "maneuver", "manoeuvre", "game", "wargame"}

_REQUEST_ROW = TriggerRow(
    pattern="<report verb> + must/should", anchors=(), slots=(), pos="VERB", event="REQUEST",
    mode=None, context=(), cameo="100", quad=3, frames=frozenset({"request", "report"}),
    weight=0.7, note='"X said Y must ..." is a demand', source="extract/events.py", priority=-1,
)  # fmt: skip
_REJECT = Coding("REJECT", None, (), "120")
_THREATEN = Coding("THREATEN", None, (), "130")


def code_events(
    parsed: ParsedText,
    actors: Sequence[Actor],
    lexicon: TriggerSource | None = None,
    places: Sequence[Place] = (),
) -> tuple[Event, ...]:
    """Finds every PLOVER event in a parsed article.

    Args:
        parsed: the article's parse.
        actors: the article's actors with their mention spans (``resolve_actors``).
        lexicon: the trigger lexicon; ours (``Lexicon.default()``) when None.
        places: the article's places (``resolve_places``). An action on a place that names
            no recipient ("imposed a curfew in Abidjan") then takes the place's id as its
            recipient; ``place_states`` turns those ids into the state actors.

    Returns:
        Events with ids ``E1``, ``E2``, ... in text order. ``date`` and ``event_loc`` are
        left empty for the later stages. Hypothetical and negated events are kept, with
        that modality, so that no such event is ever counted as asserted.

    Notes:
        Confidence is a heuristic in 0-1: the trigger row's weight (the mean of wrapper and
        governed trigger, plus 0.05, when two cues agree; at least 0.6 for an event noun
        carried by a light verb), times 0.75 without an actor, 0.85 when a type that needs a
        recipient (COOPERATE, AID, SANCTION; PLOVER manual) has none, 0.85 for a noun
        trigger with no verb to anchor it, and 0.9 when the actor was reached through a
        pronoun. A trigger row weighing under 0.5 ("hit", "call") reports an event only
        with both an actor and a recipient.
    """
    lex = lexicon if lexicon is not None else Lexicon.default()
    doc = _Doc(parsed, actors, lex, places)
    found: list[tuple[int, int, Event]] = []
    for si, sent in enumerate(parsed.sentences):
        outs = sorted(_Sentence(doc, si).events(), key=lambda o: o.anchor)
        for out in outs:
            k = _refers_back(out.event, [e for _s, _t, e in found]) if out.reference else None
            if k is not None:
                # "the attack" after the attack was reported is no new event; the victims
                # it names are the earlier event's ("The attack killed 20")
                s0, t0, e0 = found[k]
                if out.event.recipient and not e0.recipient:
                    found[k] = (s0, t0, dataclasses.replace(e0, recipient=out.event.recipient))
                continue
            found.append((sent.start, parsed.tokens[out.anchor].start, out.event))
    found.sort(key=lambda x: (x[0], x[1]))
    return tuple(dataclasses.replace(e, id=f"E{n}") for n, (_s, _t, e) in enumerate(found, 1))


def place_states(
    events: Sequence[Event],
    actors: Sequence[Actor],
    places: Sequence[Place],
    country_name: Callable[[str], str | None] | None = None,
) -> tuple[tuple[Actor, ...], tuple[Event, ...]]:
    """Turns the place ids ``code_events`` left as recipients into the places' states.

    "Thousands demonstrated in Kirkuk": the recipient is Iraq. The state actor the article
    already has for that country is used, else one is added (kind "state", no sector); the
    toponym in the event's sentence becomes one of its mentions, as the evidence.

    Args:
        events: coded events; a recipient may be a place id.
        actors: the article's actors.
        places: the article's places.
        country_name: the name of a country code (the knowledge files' names); the code
            itself when None or unknown.

    Returns:
        The actors (new ones appended, ids continuing the numbering) and the events with
        every recipient an actor id.
    """
    by_place = {p.id: p for p in places}
    if not any(r in by_place for e in events for r in e.recipient):
        return tuple(actors), tuple(events)
    out_actors = list(actors)
    state_of: dict[str, int] = {}
    for k, a in enumerate(out_actors):
        if a.kind == "state" and a.country and a.country not in state_of:
            state_of[a.country] = k
    next_id = 1 + max((int(a.id[1:]) for a in actors if a.id[1:].isdigit()), default=0)
    out_events = []
    for e in events:
        recipient: list[str] = []
        for r in e.recipient:
            place = by_place.get(r)
            if place is None or place.country is None:
                recipient.append(r)
                continue
            slot = state_of.get(place.country)
            if slot is None:
                name = (country_name(place.country) if country_name else None) or place.country
                out_actors.append(Actor(f"A{next_id}", name, "state", place.country,
                                        None, place.country))  # fmt: skip
                next_id += 1
                slot = state_of[place.country] = len(out_actors) - 1
            actor = out_actors[slot]
            inside = [m for m in place.mentions
                      if e.sentence and e.sentence.start <= m.start < e.sentence.end]  # fmt: skip
            if inside and inside[0] not in actor.mentions:
                mentions = tuple(sorted((*actor.mentions, inside[0]), key=lambda m: m.start))
                out_actors[slot] = dataclasses.replace(actor, mentions=mentions)
            if actor.id not in recipient and actor.id not in e.actor:
                recipient.append(actor.id)
        out_events.append(dataclasses.replace(e, recipient=tuple(recipient)))
    return tuple(out_actors), tuple(out_events)


def _refers_back(event: Event, earlier: Sequence[Event]) -> int | None:
    """The index of the latest earlier event of the same type and compatible actors that a
    definite event noun ("the attack", "their protest") names, or None."""
    for k in range(len(earlier) - 1, max(-1, len(earlier) - 1 - _REFERENCE_WINDOW), -1):
        e = earlier[k]
        if e.event != event.event or e.modality not in ("asserted", event.modality):
            continue
        if event.actor and e.actor and not set(event.actor) & set(e.actor):
            continue
        if event.recipient and e.recipient and not set(event.recipient) & set(e.recipient):
            continue
        return k
    return None


def locate_trigger(event: Event) -> tuple[int, int] | None:
    """Returns where an event's trigger words are in the article text, or None.

    Events from ``code_events`` carry the span in ``trigger``. For an event built elsewhere
    (by hand, from another coder) the trigger words (``event_text``) are looked for inside
    the sentence's text: the first exact occurrence, else the first case-insensitive one,
    else one that differs only in whitespace, else the words in order with others between
    them ("denounced ... terrorist": a verb and its object), spanning from the first to the
    last. A trigger that occurs several times in its sentence is taken at its first
    occurrence.

    Args:
        event: an event with ``sentence`` and ``event_text``.

    Returns:
        ``(start, end)`` in the article text, or None when the words are not in the
        sentence.
    """
    if event.trigger is not None:
        return event.trigger.start, event.trigger.end
    words, sentence = event.event_text.strip(), event.sentence
    if not words:
        return None
    k = sentence.text.find(words)
    if k < 0:
        k = sentence.text.lower().find(words.lower())
    if k >= 0:
        return sentence.start + k, sentence.start + k + len(words)
    for sep in (r"\s+", r"\b.*?\b"):
        pattern = sep.join(re.escape(w) for w in words.split())
        m = re.search(pattern, sentence.text, re.IGNORECASE | re.DOTALL)
        if m:
            return sentence.start + m.start(), sentence.start + m.end()
    return None


# ---------------------------------------------------------------- document view


class _Doc:
    """Per-document indexes: children, sentence of each token, actor of each token."""

    def __init__(
        self,
        parsed: ParsedText,
        actors: Sequence[Actor],
        lexicon: TriggerSource,
        places: Sequence[Place] = (),
    ):
        self.parsed = parsed
        self.tokens = parsed.tokens
        self.lex = lexicon
        n = len(self.tokens)
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for t in self.tokens:
            if t.head != t.i:
                self.kids[t.head].append(t.i)
        self._repair_stranded_objects()
        self.low = [t.text.lower() for t in self.tokens]
        self.lemma = [t.lemma.lower() for t in self.tokens]
        self.actors = {a.id: a for a in actors}
        self.actor_at: dict[int, str] = {}
        offsets = TokenOffsets(parsed)
        # Shorter mentions first, so that a nested mention keeps its own actor.
        mentions = sorted(
            (m.end - m.start, m.start, m.end, a.id) for a in actors for m in a.mentions
        )
        #: every actor of a token's innermost span: "Hungarian and Romanian officials" is
        #: one span shared by two actors (a compound actor)
        self.actors_at: dict[int, tuple[str, ...]] = {}
        span_of: dict[int, tuple[int, int]] = {}
        for _len, start, end, actor_id in mentions:
            for k in offsets.starting_in(start, end):
                if k not in self.actor_at:
                    self.actor_at[k] = actor_id
                    self.actors_at[k] = (actor_id,)
                    span_of[k] = (start, end)
                elif span_of[k] == (start, end) and actor_id not in self.actors_at[k]:
                    self.actors_at[k] += (actor_id,)
        #: the place (with a known country) each token of a toponym belongs to
        self.place_at: dict[int, str] = {}
        for place in places:
            if place.country is None:
                continue
            for m in place.mentions:
                for k in offsets.starting_in(m.start, m.end):
                    self.place_at.setdefault(k, place.id)
        self._classes: dict[str, frozenset[str]] = {}
        self._members: dict[int, frozenset[str]] = {}

    def _repair_stranded_objects(self) -> None:
        """Re-attaches a preposition's object that the parser made the subject of a
        following participle (often tagged as a past tense): "granted asylum to [five
        officers] holed up in ..." is parsed with "officers" as the subject of "holed" and
        "to" left without an object.

        Notes:
            The repair only applies when the preposition has no object at all and the
            participle clause hangs from the preposition's own head, right after it.
        """
        tok = list(self.tokens)
        changed = False
        for p in tok:
            if p.dep != "prep" or p.pos != "ADP" or p.i + 1 >= len(tok):
                continue
            if any(tok[k].dep in ("pobj", "pcomp") for k in self.kids[p.i]):
                continue
            for v in self.kids[p.head]:
                if v <= p.i or tok[v].dep not in ("advcl", "acl") or tok[v].tag not in _PARTICIPLES:
                    continue
                subj = [k for k in self.kids[v] if tok[k].dep == "nsubj" and k < v]
                if not subj or self._left_edge(subj[0]) != p.i + 1:
                    continue
                o = subj[0]
                tok[o] = dataclasses.replace(tok[o], dep="pobj", head=p.i)
                tok[v] = dataclasses.replace(tok[v], dep="acl", head=o)
                self.kids[v].remove(o)
                self.kids[p.head].remove(v)
                self.kids[p.i].append(o)
                self.kids[o] = sorted([*self.kids[o], v])
                changed = True
                break
        if changed:
            self.tokens = tuple(tok)

    def _left_edge(self, i: int) -> int:
        left, stack = i, [i]
        while stack:
            k = stack.pop()
            left = min(left, k)
            stack += self.kids[k]
        return left

    def children(self, i: int, *deps: str) -> list[int]:
        """Children of token ``i``, all or those with one of ``deps``."""
        if not deps:
            return self.kids[i]
        return [c for c in self.kids[i] if self.tokens[c].dep in deps]

    def members(self, slot: Slot) -> frozenset[str]:
        """The words a slot accepts, its classes expanded (cached per slot)."""
        if not slot.classes:
            return slot.words
        got = self._members.get(id(slot))
        if got is None:
            got = self._members[id(slot)] = slot.members(self.lex)
        return got

    def word_class(self, name: str) -> frozenset[str]:
        if name not in self._classes:
            self._classes[name] = self.lex.word_class(name)
        return self._classes[name]

    def is_ancestor(self, a: int, b: int) -> bool:
        """True when token ``a`` dominates token ``b`` (or is it)."""
        for _ in range(64):
            if a == b:
                return True
            h = self.tokens[b].head
            if h == b:
                return False
            b = h
        return False


# ---------------------------------------------------------------- sentence coder


@dataclass
class _Trigger:
    """A lexicon match at one token."""

    i: int
    row: TriggerRow
    words: tuple[int, ...]
    governor: _Trigger | None = None
    relation: str = ""
    governed: list[_Trigger] = field(default_factory=list)


@dataclass
class _Coded:
    """An event as it is built up from a trigger and what it governs."""

    coding: Coding
    anchor: int
    words: list[int]
    weight: float
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    by_pronoun: bool = False
    future: bool = False
    hypothetical: bool = False
    negated: bool = False
    committed: bool = False
    own_intent: bool = False
    #: the verb itself is in the future ("will not accept") or fails ("failed to agree"),
    #: not only what is promised
    will: bool = False
    #: the only noun in subject position is the passive's patient
    patient_only: bool = False
    nominal: bool = False
    subject_token: int | None = None
    trigger_lemma: str = ""
    #: the type of the event a wrapper governs ("refused to *deploy* troops in X")
    content_event: str | None = None


@dataclass
class _Out:
    anchor: int
    event: Event
    words: tuple[int, ...] = ()
    place: tuple[str, ...] = ()
    #: a definite event noun with no verb of its own: maybe a mention of an earlier event
    reference: bool = False


class _Sentence:
    def __init__(self, doc: _Doc, si: int):
        self.doc = doc
        self.tok = doc.tokens
        self.sent = doc.parsed.sentences[si]
        self.si = si
        self.range = range(self.sent.token_start, self.sent.token_end)
        self._ids_cache: dict[int, tuple[tuple[str, ...], bool]] = {}
        self._trig: dict[int, _Trigger] = {}
        self._reach_cache: dict[tuple[int, tuple[int, ...]], list[int]] = {}
        r = self.range
        self._words = frozenset(doc.lemma[r.start : r.stop]) | frozenset(doc.low[r.start : r.stop])

    # ------------------------------------------------------------ step 1: triggers

    def triggers(self) -> dict[int, _Trigger]:
        d = self.doc
        found: dict[int, _Trigger] = {}
        for i in self.range:
            t = self.tok[i]
            if t.pos not in _TRIGGER_POS or t.ent_type in _NAME_ENTS:
                continue
            if i in d.actor_at and t.pos != "VERB":
                continue  # part of an actor's name or description
            if t.dep in _MODIFIER_DEPS and t.pos != "ADJ":
                continue
            match = self._best_row(i)
            if match is not None:
                found[i] = match
        # A word that a longer pattern uses is not a trigger of its own. Two patterns that
        # use each other ("open fire", "fire ^open") are one trigger: the verb's.
        taken: dict[int, int] = {}
        for trg in found.values():
            for w in trg.words:
                if w != trg.i:
                    taken.setdefault(w, trg.i)
        drop = []
        for i in found:
            if i not in taken:
                continue
            j = taken[i]
            mutual = j in found and j in found[i].words
            if mutual and (self.tok[i].pos == "VERB") != (self.tok[j].pos == "VERB"):
                if self.tok[i].pos == "VERB":
                    continue
            elif mutual and i < j:
                continue
            drop.append(i)
        for i in drop:
            del found[i]
        for trg in list(found.values()):
            if "report" in trg.row.frames and self._obligation(trg.i) is not None:
                found[trg.i] = _Trigger(trg.i, _REQUEST_ROW, trg.words)
        return found

    def _best_row(self, i: int) -> _Trigger | None:
        d = self.doc
        best: tuple[tuple, _Trigger] | None = None
        for key in _keys(d.lemma[i], d.low[i], self.tok[i].pos):
            for row in d.lex.rows_for(key):
                if not _pos_ok(row.pos, self.tok[i]):
                    continue
                words = self._match_slots(i, row)
                if words is None:
                    continue
                content_words = sum(1 for w in words[1:] if self.tok[w].pos not in ("ADP", "PART"))
                # a word that only modifies another noun matches less well than a head:
                # "withdrew weapons inspectors" is about inspectors
                modifiers = sum(
                    1 for w in words[1:]
                    if self.tok[w].dep in _OBJECT_MODIFIERS and self.tok[w].head not in words
                )  # fmt: skip
                # a slot naming its words beats a wildcard ("decline comment" over
                # "decline xcomp:*")
                named = sum(1 for slot in row.slots if not slot.wildcard)
                score = (len(row.slots), named, content_words, -modifiers, row.priority,
                         len(row.cameo or ""), -_line(row))  # fmt: skip
                if best is None or score > best[0]:
                    best = (score, _Trigger(i, row, words))
        if best is None or best[1].row.is_blocker:
            return None
        return best[1]

    def _match_slots(self, i: int, row: TriggerRow) -> tuple[int, ...] | None:
        if not row.slots:
            return (i,)
        d = self.doc
        words = self._words
        for slot in row.slots:
            # cheap test first: a pattern word that is nowhere in the sentence
            if not slot.wildcard and d.members(slot).isdisjoint(words):
                return None
        used = [i]
        todo = [s for s in row.slots if not s.head]
        for slot in row.slots:
            if slot.head:
                h = self.tok[i].head
                members = d.members(slot)
                if h == i or (members and d.lemma[h] not in members and d.low[h] not in members):
                    return None
                used.append(h)
        # a slot that names a clause-leaving relation ("warn ccomp:*") looks only there
        direct: list[int] = []
        if any(s.dep in _SLOT_EDGES_BLOCKED for s in todo):
            direct = [c for c in d.kids[i] if self.tok[c].dep in _SLOT_EDGES_BLOCKED
                      and any(s.dep == self.tok[c].dep for s in todo)]  # fmt: skip
        # "called for the charge to be dropped": the preposition is the clause's marker
        for c in d.children(i, "advcl"):
            direct += [m for m in d.children(c, "mark") if d.low[m] == "for"]
        while todo:
            progress = False
            key = (i, tuple(used))
            reach = self._reach_cache.get(key)
            if reach is None:
                reach = self._reach_cache[key] = self._reach(i, used)
            if direct:
                reach = reach + direct
            for slot in list(todo):
                hit = self._slot_hit(slot, reach, used)
                if hit is not None:
                    used.append(hit)
                    todo.remove(slot)
                    progress = True
            if not progress:
                return None
        return tuple(used)

    def _slot_hit(self, slot: Slot, reach: list[int], used: list[int]) -> int | None:
        d = self.doc
        members = d.members(slot)
        for j in reach:
            dep = self.tok[j].dep
            if j in used or (slot.dep and dep != slot.dep):
                continue
            if dep in ("nsubj", "csubj") and slot.dep != dep:
                continue  # a subject is a pattern word only when the pattern says so
            if self.tok[j].pos == "PROPN" and self.tok[j].ent_type in _AGENT_ENTS:
                continue  # "the Government of National Accord" is no accord
            if d.low[j] == "according":
                continue  # "according to" attributes; it is no accord
            if (
                dep in ("compound", "amod", "nmod")
                and j in d.actor_at
                and self.tok[j].head not in used
                and d.actor_at.get(self.tok[j].head) == d.actor_at[j]
                and d.actors[d.actor_at[j]].kind in ("organization", "state")
            ):
                continue  # "the UN refugee agency" names an agency, not refugees
            if slot.wildcard or d.lemma[j] in members or d.low[j] in members:
                return j
        return None

    def _reach(self, i: int, used: list[int]) -> list[int]:
        """Tokens a pattern word may be: dependents of the anchor and of matched words, of
        prepositions and particles below them, and modifiers or "of" phrases of their
        objects ("lifted the night curfew", "handed over 700 kg of medicine"); at most three
        arcs down, inside the clause."""
        out: list[int] = []
        frontier = [i]
        tok = self.tok
        partitive = self.doc.word_class("PARTITIVE")
        for depth in range(3):
            nxt = []
            for j in frontier:
                open_node = j == i or j in used or tok[j].dep in _SLOT_THROUGH
                for c in self.doc.kids[j]:
                    dep = tok[c].dep
                    if dep in _SLOT_EDGES_BLOCKED:
                        continue
                    if dep in ("nsubj", "csubj") and depth > 0:
                        continue
                    if not open_node and not (
                        dep in _OBJECT_MODIFIERS
                        or (dep == "prep" and self.doc.lemma[c] == "of")
                        or (dep == "prep" and self.doc.lemma[c] == "in" and self._amount(j))
                    ):
                        continue
                    out.append(c)
                    if dep not in ("nsubj", "csubj") or c in used:
                        nxt.append(c)
                    if self.doc.lemma[c] in partitive:
                        # "suspended part of its aid program": the whole is the object
                        for of in self.doc.children(c, "prep"):
                            if self.doc.lemma[of] == "of":
                                whole = self.doc.children(of, "pobj")
                                out += whole
                                nxt += whole
            frontier = nxt
        return out

    def _owner(self, words: Sequence[int]) -> tuple[str, ...]:
        """The actor named inside a noun of a pattern: "Chinese funding", "Iran's offer"."""
        d, tok = self.doc, self.tok
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

    def _amount(self, j: int) -> bool:
        """A sum or a quantity: "$2 billion in funding", "tons of grain"."""
        t = self.tok[j]
        return t.ent_type in ("MONEY", "QUANTITY", "CARDINAL") or t.pos == "NUM"

    def _obligation(self, v: int) -> int | None:
        """The complement clause of reporting verb ``v`` that lays an obligation on someone
        else ("said Sudan must return"); None when there is none."""
        d, tok = self.doc, self.tok
        for c in d.children(v, "ccomp"):
            modal = any(
                tok[a].dep == "aux" and d.low[a] in _OBLIGATION_MODALS for a in d.kids[c]
            ) or (d.lemma[c] in ("have", "need") and d.children(c, "xcomp"))
            if not modal:
                continue
            subj = d.children(c, "nsubj", "nsubjpass")
            if not subj or (tok[subj[0]].pos == "PRON" and d.low[subj[0]] in _FIRST_PERSON):
                continue
            if tok[subj[0]].dep == "nsubj" and not self._ids(subj[0])[0]:
                continue  # "strong diplomacy must work together": nobody is asked
            speaker = d.children(v, "nsubj")
            if speaker and self._own_side(self._ids(speaker[0])[0], self._ids(subj[0])[0]):
                continue  # "Russia said it must ...": an obligation on oneself
            return c
        return None

    def _own_side(self, speaker: tuple[str, ...], party: tuple[str, ...]) -> bool:
        """The speaker itself, or the state a government speaker speaks for ("Yoon said
        South Korea may have to ...")."""
        if not speaker or not party:
            return False
        if speaker == party:
            return True
        actors = self.doc.actors
        countries = {actors[a].country for a in speaker if actors[a].sector == "GOV"}
        return all(actors[a].kind == "state" and actors[a].country in countries for a in party)

    # ------------------------------------------------------------ step 2: frames

    def link(self, trig: dict[int, _Trigger]) -> None:
        """Finds, for each trigger, the trigger that absorbs it, if any."""
        self._slot_owner = {w: t for t in trig.values() for w in t.words if w != t.i}
        for t in trig.values():
            gov = self._governor(t, trig)
            if gov is not None:
                t.governor, t.relation = gov
                gov[0].governed.append(t)
        # "reiterated its demand that Israel ease ...": the parser hangs the noun's clause on
        # the verb; a wrapper noun object takes a trigger heading that clause
        for w in list(trig.values()):
            tw = self.tok[w.i]
            if tw.pos != "NOUN" or tw.dep != "dobj" or w.governed:
                continue
            head = trig.get(tw.head)
            if not w.row.frames & (_WRAPPERS | _TRANSPARENT) or (
                head is not None and head.row.event is not None
            ):
                continue  # a head with an event of its own takes the clause itself
            for c in self.doc.children(tw.head, "ccomp"):
                clause = trig.get(c)
                if clause is not None and clause.governor is None and self._that_clause(c):
                    clause.governor, clause.relation = w, "content"
                    w.governed.append(clause)
        # "its call to the authorities to drop the charges": the parser makes the noun the
        # subject of the infinitive it governs
        for w in list(trig.values()):
            tw = self.tok[w.i]
            inf = trig.get(tw.head)
            if (
                tw.pos == "NOUN"
                and tw.dep == "nsubj"
                and w.row.frames & (_WRAPPERS | _TRANSPARENT)
                and inf is not None
                and inf.governor is None
                and self._infinitive(inf.i, subject_ok=True)
            ):
                inf.governor, inf.relation = w, "content"
                w.governed.append(inf)
        # "wants to reinforce and train the army": a conjunct shares its partner's governor
        for t in sorted(trig.values(), key=lambda x: x.i):
            partner = trig.get(self.tok[t.i].head)
            if t.governor is None and self.tok[t.i].dep == "conj" and partner is not None:
                if partner.governor is not None and partner.relation != "absorbed":
                    t.governor, t.relation = partner.governor, partner.relation
                    partner.governor.governed.append(t)

    def _that_clause(self, c: int) -> bool:
        return any(
            self.tok[m].dep == "mark" and self.doc.low[m] == "that" for m in self.doc.kids[c]
        )

    def _governor(self, t: _Trigger, trig: dict[int, _Trigger]) -> tuple[_Trigger, str] | None:
        tok = self.tok
        path: list[int] = []
        prev = t.i
        bridges = self.doc.word_class("BRIDGE")
        opaque = False
        for _ in range(7):
            cur = tok[prev].head
            if cur == prev or cur not in self.range:
                return None
            path.append(prev)
            w = trig.get(cur) or self._slot_owner.get(cur)
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
                rel = self._relation(t, w, path, at=cur)
                unknown_verb = tok[cur].pos == "VERB" and self.doc.lemma[cur] not in bridges
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
            if tok[cur].pos == "VERB" and self.doc.lemma[cur] not in bridges:
                opaque = True
            prev = cur
        return None

    def _relation(self, t: _Trigger, w: _Trigger, path: list[int], at: int) -> str:
        tok, d = self.tok, self.doc
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
        if frames & {"light", "receive"} and t_noun and self._object_path(path, _LIGHT_PREPS):
            if deps[-1] != "prep" or d.lemma[top] in ("in", "into") or not d.children(w.i, "dobj"):
                return "object"  # "engaged peacekeepers in a firefight", not "renewed talks on"
        if "light" in frames and w.row.event is None and deps == ["xcomp"]:
            return "content"  # "continued to send arms", "began attacking"
        if frames & (_TRANSPARENT | _WRAPPERS):
            top_ok = (
                top_dep in _TOP_DEPS
                or (top_dep == "prep" and (d.lemma[top] in _FRAME_PREPS or top in w.words))
                or (w_noun and top_dep == "acl")
                or (w_noun and top_dep == "relcl" and self._infinitive(top, subject_ok=True))
                or (top_dep == "advcl" and self._infinitive(top))  # "sworn to fight"
                or (top_dep == "advcl" and self._for_to(top))  # "called for X to be freed"
            )
            absolute = any(
                tok[p].dep == "pcomp" and d.children(p, "nsubj", "nsubjpass") for p in path
            )  # "voiced concern, with Sullivan speaking by phone": no content of the concern
            if top_ok and not absolute and all(dp in _CONTENT_DEPS for dp in deps[:-1]):
                return "content"
        if "event" in frames and w.row.event:
            if t_noun and self._object_path(path, _TOPIC_PREPS):
                return "absorbed"
            if deps in (["pcomp", "prep"], ["pobj", "prep"]) and (
                d.lemma[top] in _TOPIC_PREPS - {"of", "for"}
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
        if (w.row.event or frames & {"light", "receive"}) and self._purpose(t, w, top):
            return "absorbed"
        return ""

    def _for_to(self, v: int) -> bool:
        """A "for X to Y" clause."""
        d = self.doc
        return self._infinitive(v, subject_ok=True) and any(
            self.tok[m].dep == "mark" and d.low[m] == "for" for m in d.kids[v]
        )

    def _infinitive(self, v: int, subject_ok: bool = False) -> bool:
        """A "to" clause (without a subject of its own unless ``subject_ok``)."""
        d = self.doc
        if not subject_ok and d.children(v, "nsubj", "nsubjpass"):
            return False
        return any(d.low[a] == "to" and self.tok[a].dep == "aux" for a in d.kids[v])

    def _purpose(self, t: _Trigger, w: _Trigger, top: int) -> bool:
        """``t`` is in the clause that states what ``w`` is for: "visited Paris to discuss
        trade", "cooperate to encourage refugees to return"; or it is the demand a protest
        voices ("marched, demanding reforms")."""
        tok, d = self.tok, self.doc
        dep = tok[top].dep
        if d.children(top, "nsubj", "nsubjpass") or dep not in ("advcl", "xcomp", "acl"):
            return False
        if any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[top]):
            return True
        voiced = tok[top].tag == "VBG" and top == t.i
        return voiced and w.row.event == "PROTEST" and t.row.event == "REQUEST"

    def _object_path(self, path: list[int], preps: set[str]) -> bool:
        """Direct object, passive subject, attribute, or a preposition's object."""
        tok = self.tok
        deps = [tok[p].dep for p in path]
        while deps and deps[0] == "conj":
            deps, path = deps[1:], path[1:]
        if deps in (["dobj"], ["nsubjpass"], ["attr"], ["oprd"], ["dative"]):
            return True
        if deps == ["pobj", "prep"] and self.doc.lemma[path[1]] in preps:
            return True
        return deps == ["pobj", "prep", "dobj"] and self.doc.lemma[path[1]] == "of"

    # ------------------------------------------------------------ step 3: resolve

    def events(self) -> list[_Out]:
        trig = self.triggers()
        self._trig = trig
        if not trig:
            return []
        self.link(trig)
        coded: list[_Coded] = []
        for t in sorted(trig.values(), key=lambda x: x.i):
            if t.governor is not None:
                continue
            for c in self._resolve(t):
                if self._licensed(c):
                    coded.append(c)
        return self._finish(coded)

    def _resolve(self, t: _Trigger, depth: int = 0) -> list[_Coded]:
        """Codes trigger ``t`` and what it governs: one result, or one per governed event
        for words that pass events on ("wants to reinforce and train")."""
        frames = t.row.frames
        governed = sorted(t.governed, key=lambda g: abs(g.i - t.i))
        own = t.row.coding
        if depth > 6:
            return []
        if frames & {"light", "receive"}:
            objects = [c for g in governed if g.relation == "object"
                       for c in self._resolve(g, depth + 1)]  # fmt: skip
            if objects:
                return [self._hosted(t, c, receive="receive" in frames) for c in objects]
            passed = [c for g in governed if g.relation == "content"
                      for c in self._resolve(g, depth + 1)]  # fmt: skip
            if passed:
                return [self._transparent(t, c) for c in passed]
            if own is None:
                return []
            c = self._plain(t, own)
            if "receive" in frames:  # "received weapons from X": X gave them
                giver = self._ids_of_preps(t.i, {"from", "by"}) or self._owner(t.words[1:])
                c.actor, c.recipient = giver, tuple(a for a in c.actor if a not in giver)
            return [c]
        contents = [c for g in governed if g.relation == "content"
                    for c in self._resolve(g, depth + 1)]  # fmt: skip
        if frames & _TRANSPARENT:
            if not contents and own is not None:
                return [self._plain(t, own)]  # "sent troops" with nothing to send them to do
            return [self._transparent(t, c) for c in contents]
        if own is None:
            return []
        if "request" in frames and self._asks_a_question(t.i):
            return []
        if frames & _WRAPPERS:
            return [self._wrapped(t, own, contents[0] if contents else None)]
        c = self._plain(t, own)
        if not c.recipient:
            # "opened fire to disperse the protesters": the purpose names the recipient
            for g in governed:
                if g.relation != "absorbed" or self.tok[g.i].dep != "advcl":
                    continue
                for sub in self._resolve(g, depth + 1):
                    rec = tuple(a for a in sub.recipient if a not in c.actor)
                    if rec:
                        c.recipient = rec
                        break
                if c.recipient:
                    break
        return [c]

    def _wrapped(self, t: _Trigger, own: Coding, content: _Coded | None) -> _Coded:
        """A trigger with an event of its own, refined by what it governs."""
        frames = t.row.frames
        c = self._plain(t, own)
        frame = next(f for f in ("commit", "request", "threat", "reject", "accuse") if f in frames)
        c.committed = frame in ("commit", "threat")
        c.future = c.future or c.committed
        addressee = self._clause_subject(t.i, c.actor) if frame == "request" else ()
        if content is None:
            if t.row is _REQUEST_ROW:
                c.recipient = self._obligation_subject(t.i, c.actor)
            c.recipient = c.recipient or addressee
            if frame == "reject" and not c.recipient:
                c.recipient = self._refused_party(t.i, c.actor)
            if frame == "threat" and (
                (not c.recipient and not self._agentive_clause(t.i)) or self._inanimate_agent(t.i)
            ):
                # "warned that growth would slow", "is threatened by rising seas"
                c.weight = min(c.weight, _WEAK - 0.05)
            return c
        generic = own.cameo is None or (len(own.cameo) == 3 and own.cameo.endswith("0"))
        if frame == "commit" and content.negated:
            # "vowed not to return the Golan": a refusal
            c.coding = compose("reject", _REJECT, content.coding, generic=True)
            c.committed, c.future = False, False
        else:
            c.coding = compose(frame, own, content.coding, generic=generic)
        c.words = sorted(set(c.words) | set(content.words))
        c.content_event = content.coding.event
        c.weight = min(0.99, (t.row.weight + content.weight) / 2 + 0.05)
        doer = tuple(a for a in content.actor if a not in c.actor)
        if frame == "accuse" and doer:
            c.recipient = doer  # "complained to the UN over Israeli raids": Israel is accused
        elif frame == "request" and not c.recipient:
            c.recipient = addressee or doer or content.recipient  # "demanded that X ..."
        elif not c.recipient:
            c.recipient = content.recipient or doer
        if not c.actor and frame in ("commit", "threat") and content.actor:
            c.actor = content.actor
        return c

    def _asks_a_question(self, v: int) -> bool:
        """ "ask" with nothing asked of anyone is a question, not a request: "“Who pays?”
        she asked", "asked whether the talks would resume", "asked about the vote". A
        request names whom it asks or what: "asked Kenya to extradite them", "asked for
        help", "asked that the suspects be handed over", "asked the court's permission"."""
        d = self.doc
        if d.lemma[v] != "ask":
            return False
        for k in d.kids[v]:
            dep = self.tok[k].dep
            if dep in ("dobj", "dative", "iobj", "xcomp", "oprd", "nsubjpass"):
                return False
            if dep == "prep" and d.lemma[k] == "for":
                return False
            if dep == "ccomp" and any(d.lemma[m] == "that" for m in d.children(k, "mark")):
                return False
        return True

    def _refused_party(self, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
        """Whom a refusal concerns when what is refused is no event of its own: the party
        of the refused action ("refused to allow United Nations planes to land", "refused
        to respond to a demand from the US President")."""
        d = self.doc
        for x in d.children(v, "xcomp"):
            found = self._recipient_candidates(x, None, frm=True, by_obj=True)
            found += [s for cc in d.children(x, "ccomp") for s in d.children(cc, "nsubj")]
            for r in found:
                if self._own_forces(r, actor):
                    continue
                ids = self._owner_of(r, actor, depth=1)
                if ids:
                    return ids
        return ()

    def _inanimate_agent(self, v: int) -> bool:
        """A passive whose "by" agent names no actor ("threatened by floods")."""
        d = self.doc
        agents = [p for a in d.children(v, "agent") for p in d.children(a, "pobj")]
        return bool(agents) and not any(self._ids(p)[0] for p in agents)

    def _agentive_clause(self, v: int) -> bool:
        """True unless every clause ``v`` governs has a subject that names no actor: a
        warning about what growth or the weather will do threatens nobody."""
        d = self.doc
        subjects = [s for cl in d.children(v, "ccomp") for s in d.children(cl, "nsubj")]
        return not subjects or any(self._ids(s)[0] for s in subjects)

    def _cause_actor(self, v: int) -> tuple[str, ...]:
        """The actor of the event noun a passive verb names as its cause: "eight people were
        killed in an air strike by government forces"."""
        d = self.doc
        for pr in d.children(v, "prep"):
            if d.lemma[pr] not in ("in", "by", "during"):
                continue
            for n in d.children(pr, "pobj"):
                probe = _Coded(Coding("ASSAULT"), n, [n], 0)
                self._noun_roles(n, probe)
                if probe.actor:
                    return probe.actor
        return ()

    def _clause_subject(self, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
        """The subject of a "that" clause under ``v`` ("demanded that the US cancel")."""
        d = self.doc
        for cl in d.children(v, "ccomp"):
            for s in d.children(cl, "nsubj", "nsubjpass"):
                ids = tuple(a for a in self._ids(s)[0] if a not in actor)
                if ids:
                    return ids
        return ()

    def _obligation_subject(self, v: int, actor: tuple[str, ...]) -> tuple[str, ...]:
        c = self._obligation(v)
        if c is None:
            return ()
        for s in self.doc.children(c, "nsubj", "nsubjpass"):
            ids = tuple(a for a in self._ids(s)[0] if a not in actor)
            if ids:
                return ids
        return ()

    def _plain(self, t: _Trigger, coding: Coding) -> _Coded:
        """A trigger coded on its own, with roles from its own arcs."""
        tok = self.tok[t.i]
        c = _Coded(coding, t.i, list(t.words), t.row.weight, trigger_lemma=self.doc.lemma[t.i])
        if tok.pos in ("NOUN", "PROPN") and tok.tag != "VBG":
            c.nominal = True
            self._noun_roles(t.i, c)
            h = tok.head
            if h in t.words and self.tok[h].pos == "ADP" and self.tok[h].head != h:
                # "troops remained on alert": the pattern holds the preposition
                c.nominal = False
                clause = _Coded(coding, self.tok[h].head, [], 0)
                self._verb_roles(self.tok[h].head, clause)
                c.actor = c.actor or clause.actor
                c.subject_token = clause.subject_token
        else:
            self._verb_roles(t.i, c, extra=[w for w in t.words if w != t.i], row=t.row)
            if not c.actor:
                # "came during a visit by Modi": a noun of the pattern names its agent
                for w in t.words:
                    by = () if self.tok[w].pos != "NOUN" else self._ids_of_preps(w, {"by"})
                    if by:
                        c.actor = tuple(a for a in by if a not in c.recipient)
                        break
        self._flags(t.i, c)
        return c

    def _hosted(self, light: _Trigger, content: _Coded, *, receive: bool) -> _Coded:
        """A noun event carried by a light verb: "held talks with", "received aid from"."""
        c = content
        noun = c.anchor
        c.anchor = light.i
        c.words = sorted(set(c.words) | set(light.words))
        c.nominal = False
        c.weight = max(c.weight, 0.6)  # a light verb and an event noun agree
        verb = _Coded(c.coding, light.i, [], 0)
        self._verb_roles(light.i, verb, skip=set(content.words))
        c.subject_token = verb.subject_token
        if receive and self.doc.lemma[noun] in self.doc.word_class("UNDERGONE"):
            # "secured Lai's release": Lai is released; who releases him is not said
            c.actor = self._ids_of_preps(light.i, {"from", "by"}) or c.actor
        elif receive:
            # "won the approval of X", "received aid from X": X is the giver
            giver = self._ids_of_preps(light.i, {"from", "by"}) or c.actor or c.recipient
            c.recipient = verb.actor
            c.actor = giver
            c.by_pronoun = verb.by_pronoun
        else:
            if verb.actor:
                if c.actor and not c.recipient and set(c.actor) - set(verb.actor):
                    c.recipient = tuple(a for a in c.actor if a not in verb.actor)
                c.actor, c.by_pronoun = verb.actor, verb.by_pronoun
            if not c.recipient:
                c.recipient = tuple(a for a in verb.recipient if a not in c.actor)
        self._flags(light.i, c)
        return c

    def _transparent(self, t: _Trigger, content: _Coded) -> _Coded:
        frames = t.row.frames
        c = content
        inner_is_noun = self.tok[c.anchor].pos in ("NOUN", "PROPN")
        c.anchor = t.i
        c.nominal = False
        c.words = sorted(set(c.words) | set(t.words))
        w = _Coded(c.coding, t.i, [], 0)
        if self.tok[t.i].pos in ("NOUN", "PROPN"):
            self._noun_roles(t.i, w)
        else:
            self._verb_roles(t.i, w, skip=set(content.words))
        if c.subject_token is None:
            c.subject_token = w.subject_token
        if "cause" in frames:
            if w.actor:
                c.actor, c.by_pronoun = w.actor, w.by_pronoun
            c.future = c.future or not inner_is_noun
        elif not c.actor and w.actor:
            c.actor, c.by_pronoun = w.actor, w.by_pronoun
        if frames & {"intent", "expect"}:
            c.future = True
            c.own_intent = c.own_intent or "intent" in frames
        if "prepare" in frames:
            if c.coding.event == "ASSAULT":
                # preparing an attack is a military move short of force (PLOVER MOBILIZE)
                c.coding = Coding("MOBILIZE", "troops", ("military",), "154")
            else:
                c.future, c.own_intent = True, True
        if "wish" in frames:
            c.hypothetical = True
        if "negate" in frames:
            c.negated = True
            c.will = True  # "failed to reach agreement": a failed commitment is a refusal
        self._flags(t.i, c)
        return c

    def _licensed(self, c: _Coded) -> bool:
        """Enough evidence to report: a weak trigger needs both roles, a bare noun an
        argument position and a role, any other trigger a role or a noun subject."""
        if c.weight < _WEAK:
            return bool(c.actor and c.recipient)
        a = self.tok[c.anchor]
        carried = a.head in c.words and self.tok[a.head].pos == "ADP"  # "remained on alert"
        if c.nominal or (a.pos == "NOUN" and a.tag != "VBG" and not carried):
            if not self._argument(c.anchor):
                return False
            if c.actor or c.recipient:
                return True
            # "protests erupted in Kenya": an event noun said to happen somewhere
            return self._happens(c.anchor) and bool(
                self._targets_place(c.coding) and self._place_recipient(c, c.coding)
            )
        if c.actor or c.recipient:
            return True
        # no known party: a noun subject that acts will do ("gunmen opened fire"), a passive
        # patient that is no party will not ("the province is threatened by dog meat")
        s = c.subject_token
        if s is None or self.tok[s].pos not in ("NOUN", "PROPN", "PRON"):
            return False
        d = self.doc
        people = d.word_class("CAPTIVE") | d.word_class("TROOPS")
        if self.tok[s].pos == "PROPN" and self.tok[s].ent_type in _AGENT_ENTS | {""}:
            return True  # a name the actor resolver does not know is still someone's
        if c.patient_only:
            return d.lemma[s] in people
        # an unresolved pronoun or a word for people may act; a noun the actor resolver
        # did not take for an actor ("the world", "video clips") may not
        personal = self.tok[s].pos == "PRON" and d.low[s] in _AGENT_PRONOUNS
        return personal or d.lemma[s] in people | d.word_class("AGENT")

    def _happens_or_not(self, n: int) -> bool:
        """An event noun that is the subject of a verb of occurrence, negated or not ("the
        attack did not happen"); the subject of any other verb keeps its own modality
        ("the demand did not mesh")."""
        h = self.tok[n].head
        return (
            self.tok[n].dep == "nsubj"
            and h != n
            and self.doc.lemma[h] in (self.doc.word_class("OCCUR"))
        )

    def _happens(self, n: int) -> bool:
        """An event noun that is the subject of a verb of occurrence ("erupted")."""
        tok, d = self.tok, self.doc
        h = tok[n].head
        if tok[n].dep != "nsubj" or h == n:
            return False
        return d.lemma[h] in d.word_class("OCCUR") and not any(
            tok[k].dep == "neg" for k in d.kids[h]
        )

    def _argument(self, n: int) -> bool:
        tok = self.tok
        while tok[n].dep == "conj" and tok[n].head != n:
            n = tok[n].head
        if tok[n].dep in _ARGUMENT_DEPS:
            return True
        return any(self.doc.children(a, "agent") for a in self.doc.children(n, "acl"))

    # ------------------------------------------------------------ roles

    def _verb_roles(
        self,
        v: int,
        c: _Coded,
        skip: set[int] | None = None,
        extra: Sequence[int] = (),
        row: TriggerRow | None = None,
    ) -> None:
        """Actor and recipient of verb ``v``; ``extra`` are the other words of its pattern,
        whose objects may hold the recipient ("threatened to attack X", "cut ties with X")."""
        skip = skip or set()
        subj, patient = self._subject(v)
        c.subject_token = subj if subj is not None else patient
        c.patient_only = subj is None and patient is not None
        if subj is not None:
            c.actor, c.by_pronoun = self._ids(subj)
        elif patient is not None:
            c.actor = self._cause_actor(v)
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
        candidates = self._recipient_candidates(
            v, patient, transfer=transfer, frm=frm, by_obj=by_obj
        )
        if row is not None and "commit" in row.frames:
            # "offered to hand over to Britain two suspects": the party of what is offered
            for x in self.doc.children(v, "xcomp"):
                candidates += self._recipient_candidates(x, None, transfer=True)
        for w in extra:
            if self.tok[w].pos == "VERB":
                if self.tok[w].dep in ("ccomp", "xcomp"):
                    # "allowed the refugees to return": the party allowed
                    candidates += self.doc.children(w, "nsubj")
                candidates += self._recipient_candidates(w, None)
            elif self.tok[w].pos == "NOUN":
                candidates += [
                    p
                    for pr in self.doc.children(w, "prep")
                    if self.doc.lemma[pr] in _RECIPIENT_PREPS
                    for p in self.doc.children(pr, "pobj")
                ]
        owned: tuple[str, ...] | None = None
        moved = row is not None and (
            row.event in ("MOBILIZE", "AID")
            or (row.event == "RETREAT" and row.mode in _MOVED)
            or self.doc.lemma[v] in _MOVE_VERBS  # "withdraw the peacekeeping force"
        )
        for r in candidates:
            if r in skip or (
                moved
                and row is not None
                and (r in extra or (row.event == "MOBILIZE" and self.tok[r].dep == "dobj"))
            ):
                continue  # "deployed troops", "withdrew tanks": what is moved, not a party
            if self._own_forces(r, c.actor) or (
                (moved or self.doc.lemma[self.tok[r].head] in _MOVE_VERBS)
                and self.tok[r].dep == "dobj"
                and self.doc.lemma[r] in self.doc.word_class("TROOPS")
            ):
                continue  # "Syria withdrew its troops", "ready to contribute 4,000 troops"
            if r in extra and self.doc.lemma[r] in self.doc.word_class("WEAPON"):
                continue  # "launched artillery fire": the weapon, not the target
            ids = tuple(a for a in self._ids(r)[0] if a not in c.actor)
            if not ids and by_obj and self.tok[r].pos == "NOUN":
                # "demanded an end to abuses by X", "investigated crimes committed by X"
                ids = self._owner_of(r, c.actor, depth=2)
            if ids:
                c.recipient = ids
                break
            if owned is None and self.tok[r].pos == "NOUN" and r not in extra:
                owned = self._owner_of(r, c.actor, depth=1, preps=_USER_PREPS) or None
        if not c.recipient and owned:
            # no party named as such: the owners or users of the thing acted on ("attacked
            # a camp for Congolese refugees", "shelled the homes of civilians")
            c.recipient = owned

    def _own_forces(self, r: int, actor: tuple[str, ...]) -> bool:
        """ "its troops", "their army": armed forces the actor possesses."""
        d = self.doc
        if not actor or d.lemma[r] not in d.word_class("TROOPS"):
            return False
        for p in d.children(r, "poss"):
            ids, _ = self._ids(p)
            if ids and set(ids) <= set(actor):
                return True
        return False

    def _stative_passive(self, v: int) -> bool:
        """A participle that states its subject's own stance or activity, not what was done
        to it: "is opposed to", "are committed to", "were engaged in" (no "by" agent)."""
        d = self.doc
        return d.lemma[v] in _STATIVE_PASSIVES and any(
            (self.tok[c].dep == "prep" and d.lemma[c] in ("to", "in")) or self.tok[c].dep == "xcomp"
            for c in d.kids[v]
        )

    def _label(self, i: int) -> bool:
        """A speaker's label opening an interview line ("VOA: Putin visited China"), which
        the parser may make a second subject of the line's verb."""
        tok = self.tok
        k = i + 1
        if k >= len(tok) or tok[k].text != ":" or tok[k].head != i:
            return False
        first = self.sent.token_start
        return i == first or (i == first + 1 and tok[first].dep == "compound")

    def _subject(self, v: int, depth: int = 0) -> tuple[int | None, int | None]:
        """Returns (actor token, patient token) of a verb, inheriting through the parse."""
        d, tok = self.doc, self.tok
        t = tok[v]
        patient = None
        for c in d.kids[v]:
            dep = tok[c].dep
            if dep in ("nsubj", "csubj") and not self._label(c):
                return self._through_relative(v, c), None
            if dep == "nsubjpass":
                patient = self._through_relative(v, c)
        for c in d.children(v, "agent"):
            for p in d.children(c, "pobj"):
                if patient is None and depth <= 4 and self._passive_participle(v):
                    patient = self._subject(t.head, depth + 1)[0]  # "..., defeated by X"
                return p, patient
        if patient is not None and self._stative_passive(v):
            return patient, None  # "Israel is opposed to French mediation"
        if patient is not None:
            return None, patient
        h = t.head
        if depth > 4 or h == v:
            return None, None
        if t.pos == "ADJ" or t.dep == "acomp":
            if t.pos == "VERB" and t.tag == "VBN" and not self._stative_passive(v):
                # "however poorly equipped we are": the subject had it done to it
                return None, self._subject(h, depth + 1)[0]
            return self._subject(h, depth + 1)[0], None
        if t.dep == "xcomp":
            if self._frames_at(h) & {"request", "cause"}:
                obj = d.children(h, "dobj") or [
                    p for pr in d.children(h, "prep") for p in d.children(pr, "pobj")
                ]
                if obj:
                    return obj[0], None
            subj, patient = self._subject(h, depth + 1)
            return (subj if subj is not None else patient), None
        if t.dep in ("conj", "advcl") and tok[h].pos in ("VERB", "AUX", "ADJ"):
            if self._passive_participle(v):
                # "Injured in the attack, the driver died": a passive participle's
                # inherited subject is who it happened to
                return None, self._subject(h, depth + 1)[0]
            return self._subject(h, depth + 1)[0], None
        if t.dep in ("acl", "relcl"):
            if t.tag == "VBN":
                return None, h  # "the embargo introduced by ...": the noun is the patient
            if (
                h not in d.actor_at
                and self._trig.get(h) is not None
                and any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[v])
            ):
                # "converged for a rally to protest X": who holds the rally protests
                g = h
                for _ in range(3):
                    g = tok[g].head
                    if tok[g].pos in ("VERB", "AUX"):
                        return self._subject(g, depth + 1)[0], None
                    if tok[g].head == g:
                        break
            return h, None
        if t.dep == "pcomp":
            gov = tok[h].head
            if gov != h:
                obj = d.children(gov, "dobj")
                if obj and tok[gov].pos == "VERB":
                    return obj[0], None  # "accused X of attacking": X attacked
                return self._subject(gov, depth + 1)[0], None
        return None, None

    def _passive_participle(self, v: int) -> bool:
        """A past participle opening or closing a clause with no subject or auxiliary of
        its own: "Injured in the attack, ...", "..., killed in an airstrike"."""
        d, tok = self.doc, self.tok
        t = tok[v]
        return (
            t.dep == "advcl"
            and t.tag == "VBN"
            and tok[t.head].pos in ("VERB", "AUX", "ADJ")
            and not any(tok[k].dep in ("aux", "auxpass", "mark", "nsubj") for k in d.kids[v])
        )

    def _through_relative(self, v: int, c: int) -> int:
        """A relative pronoun subject stands for the noun the clause modifies."""
        if self.doc.low[c] in _RELATIVE_PRONOUNS and self.tok[v].dep == "relcl":
            return self.tok[v].head
        return c

    def _frames_at(self, i: int) -> frozenset[str]:
        d = self.doc
        for key in (d.lemma[i], d.low[i]):
            for row in d.lex.rows_for(key):
                if not row.slots and _pos_ok(row.pos, self.tok[i]):
                    return row.frames
        return frozenset()

    def _recipient_candidates(
        self,
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
        d, tok = self.doc, self.tok
        out: list[int] = []
        if patient is not None:
            out.append(patient)
        objects = d.children(v, "dobj")
        objects += [c for o in objects for c in self._conjuncts(o)[1:]]
        datives = [p for x in d.children(v, "dative")
                   for p in (d.children(x, "pobj") if tok[x].pos == "ADP" else [x])]  # fmt: skip
        if transfer:
            out += datives
            # "helped Kenya defeat the militants": the one helped
            out += [s for x in d.children(v, "ccomp") for s in d.children(x, "nsubj")]
            for pr in d.children(v, "prep"):
                if d.lemma[pr] in ("to", "for"):
                    out += d.children(pr, "pobj")
            for obj in objects:
                for pr in d.children(obj, "prep"):
                    if d.lemma[pr] in ("to", "for"):
                        out += d.children(pr, "pobj")
        out += d.children(v, "dobj") + datives
        preps = _RECIPIENT_PREPS | ({"from", "by"} if frm else set())
        for pr in d.children(v, "prep"):
            if d.lemma[pr] in preps:
                out += d.children(pr, "pobj")
        for prt in d.children(v, "prt"):
            for pr in d.children(prt, "prep"):
                out += d.children(pr, "pobj")
        obj_preps = {"on", "against", "to", "upon", "between", "with"}
        if by_obj:
            obj_preps |= {"by", "from"}
        for obj in objects:
            for pr in d.children(obj, "prep"):
                if d.lemma[pr] in obj_preps:
                    out += d.children(pr, "pobj")
            if by_obj:
                for acl in d.children(obj, "acl"):  # "crimes committed by X"
                    out += [p for ag in d.children(acl, "agent") for p in d.children(ag, "pobj")]
        if tok[v].dep in ("acl", "relcl") and tok[v].tag == "VBN" and tok[v].head not in out:
            out.append(tok[v].head)
        # last resorts: the party of a thing named through a partitive ("suspended part of
        # an aid program for Bosnia") and of the aim of the action ("mobilized reservists
        # for a war against Iraq", "deployed troops for talks with X")
        for obj in objects:
            for inner in self._partitive(obj):
                out += _inner_objects(d, inner, obj_preps | {"for"})
            out += _inner_objects(d, obj, {"for"})
        for pr in d.children(v, "prep"):
            if d.lemma[pr] in ("for", "toward", "towards"):
                for p in d.children(pr, "pobj"):
                    out += _inner_objects(d, p, {"against", "with", "on", "upon", "between"})
        out += self._helped(v)
        return out

    def _helped(self, v: int) -> list[int]:
        """Who an action is meant to help: "sent material to help defend Saudi Arabia",
        "mobilized groups to support the rights of Palestinians"."""
        d = self.doc
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

    def _partitive(self, n: int) -> list[int]:
        """What a quantity noun is part of: "part of a program", "some of the aid"."""
        d = self.doc
        if d.lemma[n] not in d.word_class("PARTITIVE"):
            return []
        return _inner_objects(d, n, {"of"})

    def _noun_roles(self, n: int, c: _Coded) -> None:
        """Actor and recipient of event noun ``n``: possessor, name modifier or "by"
        phrase for the actor ("Russia's offensive", "an offer from Iran"), a prepositional
        object of the noun or of another word of its pattern for the recipient ("sanctions
        against X", "suspension of air links with X"). The "of" object of a deployment or
        withdrawal is what moves, and it names the actor ("the withdrawal of Syrian
        troops")."""
        d, tok = self.doc, self.tok
        actor_cands: list[int] = []
        agent_preps = _AGENT_PREPS
        if d.lemma[n] in d.word_class("PROPOSAL") | d.word_class("ACCUSATION"):
            agent_preps = agent_preps | {"from"}  # "an offer from X", "calls from X"
        moved = c.coding.event in ("MOBILIZE", "AID") or (
            c.coding.event == "RETREAT" and c.coding.mode in _MOVED
        )
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
            ids, pron = self._ids(a)
            if ids:
                c.actor, c.by_pronoun = ids, pron
                break
        for u in undergoer:
            ids, _ = self._ids(u)
            ids = tuple(a for a in ids if a not in c.actor)
            if ids:
                c.recipient = ids
                return
        heads = [n] + [w for w in c.words if w != n and tok[w].pos == "NOUN"]
        for h in heads:
            for ch in d.children(h, "prep"):
                # a preposition of the pattern still has the party as its object
                # ("an investigation into X")
                if not (
                    d.lemma[ch] in _RECIPIENT_PREPS or (h == n and d.lemma[ch] in ("of", "over"))
                ):
                    continue
                for p in d.children(ch, "pobj"):
                    if p in c.words or (moved and d.lemma[p] in d.word_class("TROOPS")):
                        continue
                    # "sanctions against X", "an investigation into crimes committed by X"
                    ids = self._owner_of(p, c.actor, depth=2)
                    if ids:
                        c.recipient = ids
                        return

    def _ids_of_preps(self, v: int, preps: set[str]) -> tuple[str, ...]:
        d = self.doc
        for pr in d.children(v, "prep"):
            if d.lemma[pr] in preps:
                for p in d.children(pr, "pobj"):
                    ids, _ = self._ids(p)
                    if ids:
                        return ids
        return ()

    def _ids(self, i: int) -> tuple[tuple[str, ...], bool]:
        """Actor ids of the noun phrase headed by ``i`` (coordination included)."""
        if i in self._ids_cache:
            return self._ids_cache[i]
        found: list[str] = []
        pron = False
        for j in self._conjuncts(i):
            ids, p = self._np(j)
            pron = pron or p
            found += [a for a in ids if a not in found]
        result = (tuple(found), pron)
        self._ids_cache[i] = result
        return result

    def _is_state(self, i: int) -> bool:
        a = self.doc.actor_at.get(i)
        return a is not None and self.doc.actors[a].kind == "state"

    def _conjuncts(self, i: int) -> list[int]:
        """Token ``i`` and the heads coordinated with it ("Britain and France"), also when
        the parser hangs the conjunct on another word of the same name ("Barack Obama and
        Vladimir Putin") or lists states as appositions ("the US, Russia and Switzerland")."""
        d = self.doc
        out, stack = [i], [i]
        a = d.actor_at.get(i)
        if a is not None:
            k = i
            while k - 1 in self.range and d.actor_at.get(k - 1) == a:
                k -= 1
            while k in self.range and d.actor_at.get(k) == a:
                if k != i and self.tok[k].dep != "conj":
                    stack.append(k)
                k += 1
        while stack and len(out) < 12:
            j = stack.pop()
            kids = d.children(j, "conj")
            if self._is_state(j):
                kids += [c for c in d.children(j, "appos") if self._is_state(c)]
            for c in kids:
                if c not in out:
                    out.append(c)
                    stack.append(c)
        return out

    def _np(self, i: int) -> tuple[tuple[str, ...], bool]:
        """The actor a noun phrase names: its head, or an apposition, possessor, nationality
        adjective, "of" phrase ("aides of X") or "loyal to X" inside it."""
        d, tok = self.doc, self.tok
        if i in d.actor_at:
            return d.actors_at[i], False
        if tok[i].pos == "PRON" or d.low[i] in _PERSON_PRONOUNS | _THING_PRONOUNS:
            a = self._antecedent(i)
            return ((a,), True) if a else ((), False)
        adversaries = d.word_class("ADVERSARY")
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
                    ok = dep in ("appos", "compound", "poss", "amod", "nmod") or (
                        dep == "pobj" and tok[j].dep == "prep"
                    )
                    if dep == "prep" and (
                        d.lemma[ch] == "of"
                        or (tok[j].pos == "ADJ" and d.lemma[ch] in ("to", "with"))
                        or (j == i and d.lemma[ch] in ("from", "by") and d.lemma[j] in proposals)
                    ):
                        ok = True
                    if not ok:
                        continue
                    if ch in d.actor_at:
                        hits.append(ch)
                    elif dep == "poss" and tok[ch].pos == "PRON":
                        a = self._antecedent(ch)
                        if a:
                            return (a,), True
                    nxt.append(ch)
            if hits:
                # "my Chinese colleague" is Chinese: a pronoun possessor (a speaker's "my",
                # "our") names the phrase only when nothing else in it names an actor
                hits.sort(key=lambda k: tok[k].dep == "poss" and tok[k].pos == "PRON")
                ids: list[str] = []
                for k in self._conjuncts(hits[0]):
                    ids += [a for a in d.actors_at.get(k, ()) if a not in ids]
                return tuple(ids), False
            frontier = nxt
        return (), False

    def _antecedent(self, i: int) -> str | None:
        """The nearest earlier actor a pronoun can refer to (this or the previous sentence),
        a subject first."""
        d = self.doc
        low = d.low[i]
        if low in _PERSON_PRONOUNS:
            want = {"person"}
        elif low in _THING_PRONOUNS:
            want = {"state", "organization", "group", "other"}
        elif low in _PLURAL_PRONOUNS:
            want = {"state", "organization", "group", "other", "person"}
        else:
            return None
        first = self.doc.parsed.sentences[max(0, self.si - 1)].token_start
        any_hit = None
        for j in range(i - 1, first - 1, -1):
            a = d.actor_at.get(j)
            actor = d.actors.get(a) if a else None
            if actor is None or actor.kind not in want:
                continue
            any_hit = any_hit or a
            head_dep = self.tok[self.tok[j].head].dep
            if self.tok[j].dep in ("nsubj", "nsubjpass") or (
                self.tok[j].dep == "compound" and head_dep in ("nsubj", "nsubjpass")
            ):
                return a
        return any_hit

    # ------------------------------------------------------------ step 4: modality

    def _flags(self, i: int, c: _Coded) -> None:
        """Negation, modals and conditionals on the clause of token ``i``."""
        d, tok = self.doc, self.tok
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
                    and low in ("longer", "more")
                    and any(tok[k].dep == "neg" for k in d.kids[ch])
                ):
                    c.negated = True  # "will no longer recognize"
                elif dep == "aux" and tok[ch].tag == "MD":
                    if low in _FUTURE_MODALS:
                        c.future = c.will = True
                    elif low == "would":
                        c.future = c.will = True
                        c.hypothetical = c.hypothetical or not self._reported_clause(v)
                    elif low in _HYPOTHETICAL_MODALS:
                        c.hypothetical = True
        for v in clause:
            for sub in d.children(v, "nsubj", "nsubjpass"):
                if any(
                    tok[k].dep == "det" and d.low[k] in ("no", "neither") for k in d.kids[sub]
                ) or d.low[sub] in ("nobody", "none", "neither", "nothing", "noone"):
                    c.negated = True  # "no other country had offered"
        if (
            c.nominal
            and (tok[i].dep in ("dobj", "attr") or self._happens_or_not(i))
            and tok[i].head not in self._trig
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
            if h in self._trig and tok[v].dep == "xcomp":
                break  # a frame word decides for what it governs
            for ch in d.kids[h]:
                dep, low = tok[ch].dep, d.low[ch]
                if dep == "neg" and tok[v].dep != "conj":
                    c.negated = True  # "did not attack X but shelled Y": one conjunct only
                elif dep == "aux" and tok[ch].tag == "MD" and low in _HYPOTHETICAL_MODALS:
                    c.hypothetical = True
            if d.lemma[h] in ("have", "ought") and any(d.low[a] == "to" for a in d.kids[v]):
                c.hypothetical = True  # an obligation, not a fact
            v = h
        for w in c.words:
            if (
                w != i
                and tok[w].pos == "NOUN"
                and any(
                    tok[k].dep in ("det", "neg") and d.low[k] in ("no", "never") for k in d.kids[w]
                )
            ):
                c.negated = True  # "no deadline had been set"
        h = tok[i].head
        if h != i and d.lemma[h] == "without" and tok[i].dep == "pcomp":
            c.negated = True
        if (
            tok[i].dep == "advcl"
            and tok[i].pos == "VERB"
            and any(d.low[a] == "to" and tok[a].dep == "aux" for a in d.kids[i])
            and (not d.children(i, "nsubj", "nsubjpass") or self._for_to(i))
        ):
            c.future = True  # "flew to Cairo to meet Sisi": a purpose, not yet a fact
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
            if not ordinal and not self._frames_at(h):
                c.hypothetical = True
            elif (
                not ordinal
                and h in self._trig
                and self._trig[h].row.event != c.coding.event
                and not self._frames_at(h) & (_WRAPPERS | _TRANSPARENT)
            ):
                # "a loan to buy weapons": what the loan is for; "a rally to protest X" is
                # the rally itself
                c.future = True

    def _marked(self, v: int) -> bool:
        return any(
            self.tok[m].dep == "mark" and self.doc.low[m] in _HYPOTHETICAL_MARKS
            for m in self.doc.kids[v]
        )

    def _pending(self, v: int) -> bool:
        """A clause about something still to come or only considered: "before they disarm",
        "until their demands are met", "removing the sanctions is out of the question"."""
        tok, d = self.tok, self.doc
        if tok[v].dep == "csubj" or (tok[v].dep in ("nsubj", "nsubjpass") and tok[v].tag == "VBG"):
            return True
        if tok[v].dep != "advcl" or not any(
            tok[m].dep == "mark" and d.low[m] in _PENDING_MARKS for m in d.kids[v]
        ):
            return False
        verbs = [v] + [a for a in d.kids[v] if tok[a].dep in ("aux", "auxpass")]
        return any(tok[x].tag in ("VBP", "VBZ") for x in verbs)

    def _purpose_clause(self, v: int) -> bool:
        """ "so that X is banned", "in order that ...": a goal, not a fact."""
        marks = {self.doc.low[m] for m in self.doc.kids[v] if self.tok[m].dep in ("mark", "advmod")}
        return self.tok[v].dep == "advcl" and "that" in marks and bool(marks & {"so", "order"})

    def _reported_clause(self, v: int) -> bool:
        """True when clause ``v`` is the complement of a reporting verb ("said it would")."""
        tok = self.tok
        cur = v
        for _ in range(4):
            h = tok[cur].head
            if h == cur:
                return False
            if tok[cur].dep in ("ccomp", "conj") and "report" in self._frames_at(h):
                return True
            if tok[cur].dep not in ("ccomp", "conj", "xcomp"):
                return False
            cur = h
        return False

    def _conditional(self, i: int) -> tuple[bool, bool]:
        """(inside an if/unless/whether clause, main clause of a conditional)."""
        tok = self.tok
        cur = i
        inside = main = False
        for _ in range(12):
            if tok[cur].dep in ("advcl", "ccomp", "csubj") and self._marked(cur):
                inside = True
            if self._pending(cur) or self._purpose_clause(cur):
                inside = True
            if any(tok[ch].dep == "advcl" and self._marked(ch) for ch in self.doc.kids[cur]):
                main = True
            h = tok[cur].head
            if h == cur:
                break
            cur = h
        return inside, main

    def _reported_by(self, i: int) -> str | None:
        d, tok = self.doc, self.tok
        cur = i
        came_by = ""
        for _ in range(10):
            for ch in d.kids[cur]:
                if tok[ch].dep == "prep" and d.lemma[ch] == "accord":
                    for to in d.children(ch, "prep"):
                        for p in d.children(to, "pobj"):
                            ids, _ = self._ids(p)
                            if ids:
                                return ids[0]
                if (
                    ch != i
                    and tok[ch].dep in ("parataxis", "ccomp", "advcl")
                    and ("report" in self._frames_at(ch) and not d.children(ch, "ccomp"))
                ):
                    who = self._speaker(ch)
                    if who:
                        return who
            if cur != i and came_by in ("ccomp", "parataxis") and "report" in self._frames_at(cur):
                who = self._speaker(cur)
                if who:
                    return who
            h = tok[cur].head
            if h == cur or tok[cur].dep in ("relcl", "acl", "appos"):
                return None
            came_by = tok[cur].dep
            cur = h
        return None

    def _speaker(self, v: int) -> str | None:
        s, _p = self._subject(v)
        if s is None:
            return None
        ids, _ = self._ids(s)
        return ids[0] if ids else None

    # ------------------------------------------------------------ output

    def _finish(self, coded: list[_Coded]) -> list[_Out]:
        outs: list[_Out] = []
        for c in coded:
            reported = self._reported_by(c.anchor)
            inside, main = self._conditional(c.anchor)
            own_word = bool(reported and reported in c.actor) or c.own_intent
            coding = c.coding
            hypothetical = (
                c.hypothetical
                or inside
                or (main and not (c.future and (own_word or c.committed)))
                or self.doc.low[self.sent.token_end - 1] == "?"
            )
            negated = c.negated
            if (
                c.future
                and (c.will or not c.committed)
                and negated
                and coding.event in _REFUSABLE
                and (reported is None or reported in c.actor)
            ):
                # "will not accept any more refugees": a refusal, which did happen
                coding = compose("reject", _REJECT, coding, generic=True)
                negated, c.future = False, False
            elif c.future and not c.committed:
                if coding.event in _THREATENABLE and own_word:
                    coding = compose("threat", _THREATEN, coding, generic=True)
                elif coding.event != "RETREAT" or own_word:
                    # PLOVER manual: future cooperation is AGREE, an announced retreat
                    # CONCEDE; a retreat merely reported as coming stays RETREAT
                    coding = compose("intent", None, coding, generic=True)
            coding = self._refine(c, coding)
            if not c.recipient and coding.event == "THREATEN":
                c.recipient = self._condition_party(c)
            elif not c.recipient and coding.event == "PROTEST":
                c.recipient = self._protest_target(c)
            place: tuple[str, ...] = ()
            if (
                not c.recipient
                and not self._unresolved_party(c)
                and (
                    self._targets_place(coding)
                    or c.content_event in _PLACE_TARGETED
                    or (coding.event == "REQUEST" and self._shelter(c))
                )
            ):
                place = self._place_recipient(c, coding)
            if not c.recipient and not place and (coding.cameo or "") in _DOMESTIC_CODES:
                place = self._own_state(c)
            if negated:
                modality = "negated"
            elif hypothetical:
                modality = "hypothetical"
            elif c.future:
                modality = "future"
            else:
                modality = "asserted"
            event = self._event(c, coding, modality, reported)
            outs.append(_Out(c.anchor, event, tuple(c.words), place, self._definite(c)))
        # the place stands in for a recipient only once duplicates are gone
        return [
            dataclasses.replace(o, event=dataclasses.replace(o.event, recipient=o.place))
            if o.place and not o.event.recipient
            else o
            for o in self._dedupe(outs)
        ]

    def _refine(self, c: _Coded, coding: Coding) -> Coding:
        """Codes that depend on who acts.

        Notes:
            A bombing by a state or its forces is an air raid (ASSAULT aerial, CAMEO 195),
            by anyone else a planted bomb (explosives, 183). A military exercise held by two
            or more actors is COOPERATE (PLOVER manual, MOBILIZE).
        """
        actors = [self.doc.actors[a] for a in c.actor if a in self.doc.actors]
        if (
            coding.cameo == "183"
            and coding.mode == "explosives"
            and any(a.kind == "state" or (a.sector or "") in ("GOV", "MIL") for a in actors)
        ):
            return Coding("ASSAULT", "aerial", ("military",), "195")
        if coding.event == "MOBILIZE" and c.trigger_lemma in _EXERCISE:
            countries = {a.country or a.id for a in actors}
            if len(countries) >= 2:
                return Coding("COOPERATE", None, ("military",), "062")
        return coding

    def _unresolved_party(self, c: _Coded) -> bool:
        """The event names the people it was done to, but as no actor ("he was arrested in
        Brooklyn", "the abduction of 276 schoolgirls from Chibok"): the place where it
        happened does not stand in for them."""
        d, tok = self.doc, self.tok
        words = set(c.words)
        found = [c.subject_token] if c.patient_only and c.subject_token is not None else []
        for w in words | {c.anchor}:
            found += [o for o in d.children(w, "dobj") if o not in words]
            if tok[w].pos == "NOUN":
                found += [p for p in _inner_objects(d, w, {"of"}) if p not in words]
        return any(
            (tok[k].pos == "PRON" and d.low[k] in _PERSONAL_PRONOUNS)
            or tok[k].ent_type in ("PERSON", "NORP")
            or d.lemma[k] in d.word_class("CAPTIVE")
            for k in found
        )

    def _shelter(self, c: _Coded) -> bool:
        """A request for asylum or refuge: the place it is sought in is asked."""
        return any(self.doc.lemma[w] in _SHELTER for w in c.words)

    def _own_state(self, c: _Coded) -> tuple[str, ...]:
        """The actor's own state, named in the article, for a measure a government takes on
        its own territory when no place is given ("is prepared to impose martial law")."""
        d = self.doc
        countries = {d.actors[a].country for a in c.actor if a in d.actors} - {None}
        return tuple(
            a.id
            for a in d.actors.values()
            if a.kind == "state" and a.country in countries and a.id not in c.actor
        )[:1]

    def _condition_party(self, c: _Coded) -> tuple[str, ...]:
        """Whom a threat is aimed at when it names a condition: "threatened to strike
        unless Baghdad accepted", "will pull out if the US goes ahead": the subject of the
        if/unless clause."""
        d, tok = self.doc, self.tok
        words = set(c.words) | {c.anchor}
        # "threatened to stop negotiations if the United States goes ahead"
        words |= {x for w in list(words) for x in d.children(w, "xcomp")}
        for w in sorted(words):
            for cl in d.children(w, "advcl"):
                if not any(
                    tok[m].dep == "mark" and d.low[m] in ("if", "unless") for m in d.kids[cl]
                ):
                    continue
                for sub in d.children(cl, "nsubj", "nsubjpass"):
                    ids = tuple(a for a in self._ids(sub)[0] if a not in c.actor)
                    if ids:
                        return ids
        return ()

    def _protest_target(self, c: _Coded) -> tuple[str, ...]:
        """Whom a protest is against: "marched against X's policies", "in protest of X's
        decision", "struck to demand the resignation of X", "rioted over abuses by X".

        Notes:
            PLOVER manual, PROTEST: collective action "carried out as protests against the
            recipient"; the voiced demand is not an event of its own, but it names the
            recipient.
        """
        d, tok = self.doc, self.tok
        nouns: list[int] = []
        clauses: list[int] = []
        for w in sorted(set(c.words) | {c.anchor}):
            for ch in d.kids[w]:
                dep = tok[ch].dep
                if dep == "prep" and d.lemma[ch] in ("against", "over", "at", "outside"):
                    nouns += d.children(ch, "pobj")
                elif dep == "prep" and d.lemma[ch] in ("in", "for"):
                    # "in protest of X", "in defiance of X", "in support of X's rivals" is not
                    for p in d.children(ch, "pobj"):
                        if d.lemma[p] in ("protest", "defiance", "opposition", "response"):
                            nouns += [q for pp in d.children(p, "prep")
                                      for q in d.children(pp, "pobj")]  # fmt: skip
                elif dep in ("advcl", "xcomp", "acl") and tok[ch].pos == "VERB":
                    clauses.append(ch)  # "to protest X", "demanding X"
        for v in clauses:
            nouns += d.children(v, "dobj")
            for pr in d.children(v, "prep"):
                if d.lemma[pr] in ("against", "over", "at", "from", "of", "for"):
                    nouns += d.children(pr, "pobj")
        for n in nouns:
            ids = self._owner_of(n, c.actor)
            if ids:
                return ids
        return ()

    def _owner_of(
        self, n: int, actor: tuple[str, ...], depth: int = 3, preps: set[str] = _OWNER_PREPS
    ) -> tuple[str, ...]:
        """The actors a protested thing names, nearest first: the thing itself, its owner or
        doer ("the United States' military policies", "abuses by X", "crimes committed by
        X") and, a few steps down, what it asks of whom ("demands for freedom from X's
        government", "a demonstration calling for the removal of X")."""
        d, tok = self.doc, self.tok
        level = [n]
        seen = {n}
        for _ in range(depth + 1):
            nxt: list[int] = []
            for m in level:
                if self._own_forces(m, actor):
                    continue  # "a call for its peacekeeping forces to be deployed"
                ids = tuple(a for a in self._ids(m)[0] if a not in actor)
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

    def _definite(self, c: _Coded) -> bool:
        """An event noun with no verb of its own and a definite determiner or possessive
        pronoun ("the attack", "this raid", "their protest"), or a verb whose subject is
        such a noun of the same type ("the attack killed 20")."""
        d, tok = self.doc, self.tok
        n = c.anchor
        if not c.nominal:
            s = c.subject_token
            t = self._trig.get(s) if s is not None else None
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

    def _targets_place(self, coding: Coding) -> bool:
        return coding.event in _PLACE_TARGETED or (
            coding.event == "CONSULT" and coding.mode == "visit"
        )

    def _place_recipient(self, c: _Coded, coding: Coding) -> tuple[str, ...]:
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
        d, tok = self.doc, self.tok
        preps = set(_PLACE_PREPS)
        if coding.mode in ("withdraw", "expel") or c.trigger_lemma in _FROM_PLACE:
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
            if self._happens(a):  # "riots swept Kenya"
                for o in d.children(tok[a].head, "dobj"):
                    ids = tuple(x for x in self._ids(o)[0] if d.actors[x].kind == "state")
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
                        found = self._state_at(h, c)
                        if found:
                            return found
        return ()

    def _state_at(self, h: int, c: _Coded) -> tuple[str, ...]:
        """The state actors the noun ``h`` names as a place, or the id of the place with a
        known country it is part of ("the province of West Darfur")."""
        d, tok = self.doc, self.tok
        if tok[h].pos not in ("PROPN", "NOUN"):
            return ()
        ids = tuple(a for a in self._ids(h)[0] if a not in c.actor and d.actors[a].kind == "state")
        if ids:
            return ids
        for k in [h, *d.children(h, "compound", "appos")]:
            place = d.place_at.get(k)
            if place is not None:
                return (place,)
        return ()

    def _event(self, c: _Coded, coding: Coding, modality: str, reported: str | None) -> Event:
        conf = c.weight
        if not c.actor:
            conf *= 0.75
        if coding.event in _NEEDS_RECIPIENT and not c.recipient:
            conf *= 0.85
        if c.nominal:
            conf *= 0.85
        if c.by_pronoun:
            conf *= 0.9
        s = self.sent
        return Event(
            id="",
            event=coding.event,
            sentence=Span(s.start, s.end, self.doc.parsed.text[s.start : s.end]),
            event_text=self._text(c),
            trigger=self._trigger(c),
            mode=coding.mode,
            context=coding.context,
            quad_code=QUAD.get(coding.event),
            cameo=coding.cameo,
            actor=c.actor,
            recipient=tuple(a for a in c.recipient if a not in c.actor),
            modality=modality,  # type: ignore[arg-type]
            reported_by=reported,
            confidence=round(min(0.99, max(0.05, conf)), 2),
        )

    def _trigger(self, c: _Coded) -> Span:
        """The span of ``event_text`` when it is contiguous, else of the anchor word."""
        tok, text = self.tok, self.doc.parsed.text
        lo, hi = self._bounds(c)
        if hi - lo <= 10:
            return Span(tok[lo].start, tok[hi].end, text[tok[lo].start : tok[hi].end])
        a = tok[c.anchor]
        return Span(a.start, a.end, a.text)

    def _bounds(self, c: _Coded) -> tuple[int, int]:
        """First and last token of the trigger words, with their auxiliaries and negation."""
        tok = self.tok
        words = sorted(set(c.words) | {c.anchor})
        lo = words[0]
        while (
            lo - 1 in self.range
            and tok[lo - 1].dep in ("aux", "auxpass", "neg")
            and (tok[lo - 1].head in words)
        ):
            lo -= 1
        return lo, words[-1]

    def _text(self, c: _Coded) -> str:
        tok, d = self.tok, self.doc
        words = sorted(set(c.words) | {c.anchor})
        lo, hi = self._bounds(c)
        if hi - lo <= 10:
            return d.parsed.text[tok[lo].start : tok[hi].end]
        return " ".join(tok[w].text for w in words)

    def _dedupe(self, outs: list[_Out]) -> list[_Out]:
        """One event per type and actor along a chain: "shelled Juba, killing 20" and "the
        attack killed 20" are one ASSAULT each."""
        keep: list[_Out] = []
        tok = self.tok
        for o in sorted(outs, key=lambda x: x.anchor):
            dup = False
            for k in keep:
                a, b = k.event, o.event
                if not (a.event == b.event and a.actor == b.actor and a.modality == b.modality):
                    continue
                related = self.doc.is_ancestor(k.anchor, o.anchor) or self.doc.is_ancestor(
                    o.anchor, k.anchor
                )
                participle = (
                    tok[o.anchor].dep == "advcl"
                    and tok[o.anchor].tag == "VBG"
                    and self.doc.is_ancestor(k.anchor, o.anchor)
                ) or k.anchor == o.anchor
                if (
                    a.recipient == b.recipient
                    or participle
                    or (related and not (a.recipient and b.recipient))
                ):
                    dup = True
                    if b.recipient and not a.recipient:
                        # "shelled the town, killing 20 civilians": the victims of one event
                        k.event = dataclasses.replace(a, recipient=b.recipient)
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
                    self.doc.is_ancestor(p.anchor, o.anchor)
                    and (not o.event.actor or set(o.event.actor) & set(p.event.actor))
                    for p in protests
                )
            )
        ]


def _inner_objects(d: _Doc, n: int, preps: set[str]) -> list[int]:
    """The objects of ``n``'s prepositions among ``preps``, in order."""
    return [p for pr in d.children(n, "prep") if d.lemma[pr] in preps
            for p in d.children(pr, "pobj")]  # fmt: skip


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
    if pos == "ANY":
        return t.pos in ("VERB", "NOUN", "PROPN", "ADJ", "ADV", "ADP")
    if pos == "VERB":
        return t.pos == "VERB"
    if pos == "NOUN":
        return t.pos in ("NOUN", "PROPN")
    return t.pos == "ADJ" or (pos == "ADJ" and t.tag == "VBN")


def _line(row: TriggerRow) -> int:
    try:
        return int(row.source.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0
