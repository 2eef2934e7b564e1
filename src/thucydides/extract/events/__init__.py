"""Events: every PLOVER event in every clause, with actor, recipient, modality and evidence.

``code_events`` reads one article's parse (``ParsedText``) and its resolved actors and
returns one ``Event`` per event found. It works in five steps per sentence:

1. **Triggers.** Each token whose lemma anchors a lexicon row is matched against the
   row's other words among its dependents; the longest matching pattern wins
   (``knowledge/lexicon.py``, ``data/lexicon/triggers.tsv``). A word used by a longer pattern is not
   a trigger of its own ("demanded the *release*" is one REQUEST). Once the drafts have
   their roles, the trigger judge (``judge.py``, a small model trained on sentences
   written for Thucydides) drops those whose word it reads in a sense that names no event
   ("asked not to be named", "struck on the idea"); ``Options.event_judge`` switches it.
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
   "Hungarian and Romanian officials"). A pronoun names the actor the actors stage resolved
   it to (``extract/coref.py``, the answer the quotes stage reads too) and no one when it
   left it unresolved; a name no mention covers, the one actor with that name or surname
   ("Gachagua denied", a later mention NER missed). The troops or weapons an actor moves
   are never the recipient ("withdrew its troops"); a threat's recipient is the subject of
   its condition ("unless Israel lifts ..."), a protest's the owner of what it protests
   ("to show disapproval for the United States' policies"), a refusal's the party of what
   is refused ("refused to allow UN planes to land"), an aid's the party it is meant to
   help ("sent material to help defend Saudi Arabia"). With no party named as such, the
   owners of what was acted on are ("shelled the homes of Sudanese refugees"), and an
   action on a place takes the country it happens in ("lifted the curfew in Montenegro",
   "protests erupted in Kirkuk", "sought refuge in Germany"): a country's name is its state
   actor, a city or region the gazetteer placed (``places``) leaves its place id for
   ``place_states``, which puts the state in (the toponym is its evidence) — unless the
   text names the people it was done to without an actor for them ("he was arrested in
   Brooklyn"). A curfew or martial law with no place falls on the actor's own state when
   the article names it.
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
events), over the article's one index (``parse/index.py``, built once per document), so
the cost grows with the length of the text, not its square.

The package, layered so that each module only imports the ones above it:

- ``state``: the per-document state (over the parse's one index, ``parse/index.py``),
  the trigger, the event under construction and the per-sentence state every function
  takes first (``st: SentenceState``);
- ``judge``: the learned trigger judge (step 1);
- ``parties``: which actors a word names; ``triggers``: lexicon matching (step 1);
- ``clauses``: shared tests on clause shapes; ``recipients`` and ``roles``: step 3;
- ``modality``: step 4; ``frames``: which trigger absorbs which (step 2);
- ``resolve``: triggers to event drafts; ``explain``: the dependency path to each role
  (``--explain``); ``output``: drafts to ``Event`` records, per sentence; ``states``:
  ``place_states``; this module: ``code_events`` and step 5.

The English words the coder reads (pronouns, modals, prepositions, verb classes) are rows
of ``data/rules/word-classes.tsv``; what it does per PLOVER type (needs a recipient, may be
threatened or refused, takes the place as recipient...) is ``data/rules/event-types.tsv``.
Every event names the rules that made it (``Event.rule``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ...knowledge.lexicon import Lexicon, TriggerSource
from ...parse.index import DocIndex
from ...records import Actor, Event, ParsedText, Place
from .explain import Explanation, active_log, explaining
from .judge import TriggerJudge
from .output import code_sentence
from .state import DocState, SentenceState
from .states import place_states, require_recipients

__all__ = ["Explanation", "code_events", "explaining", "place_states", "require_recipients"]

#: How many earlier events a definite event noun may refer back to.
_REFERENCE_WINDOW = 40


def code_events(
    parsed: ParsedText,
    actors: Sequence[Actor],
    lexicon: TriggerSource | None = None,
    places: Sequence[Place] = (),
    explain: list[Explanation] | None = None,
    index: DocIndex | None = None,
    judge: TriggerJudge | None = None,
) -> tuple[Event, ...]:
    """Finds every PLOVER event in a parsed article.

    Args:
        parsed: the article's parse.
        actors: the article's actors with their mention spans (``resolve_actors``).
        lexicon: the trigger lexicon; ours (``Lexicon.default()``) when None.
        places: the article's places (``resolve_places``). An action on a place that names
            no recipient ("imposed a curfew in Abidjan") then takes the place's id as its
            recipient; ``place_states`` turns those ids into the state actors.
        explain: when a list is given, or inside ``with explaining() as log:``, one
            ``Explanation`` per event (its rule and the dependency path to each role) is
            appended to it; off by default, and then the paths cost nothing.
        index: the parse's index (``pipeline.extract`` builds one per article for every
            stage); built when None.
        judge: the trigger judge (``judge.py``), which drops triggers it finds to name no
            event; None keeps every trigger the lexicon finds.

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
    log = explain if explain is not None else active_log()
    doc = DocState(index or DocIndex(parsed), actors, lex, places, judge)
    found: list[tuple[int, int, Event, tuple[str | None, str | None]]] = []
    for si, sent in enumerate(parsed.sentences):
        st = SentenceState(doc, si, explain=log is not None)
        outs = sorted(code_sentence(st), key=lambda o: o.anchor)
        for out in outs:
            k = _refers_back(out.event, [e for _s, _t, e, _p in found]) if out.reference else None
            if k is not None:
                # "the attack" after the attack was reported is no new event; the victims
                # it names are the earlier event's ("The attack killed 20")
                s0, t0, e0, p0 = found[k]
                if out.event.recipient and not e0.recipient:
                    e0 = dataclasses.replace(e0, recipient=out.event.recipient)
                    found[k] = (s0, t0, e0, (p0[0], out.paths[1]))
                continue
            found.append((sent.start, parsed.tokens[out.anchor].start, out.event, out.paths))
    found.sort(key=lambda x: (x[0], x[1]))
    events = tuple(dataclasses.replace(e, id=f"E{n}") for n, (_s, _t, e, _p) in enumerate(found, 1))
    if log is not None:
        for e, (_s, _t, _e, (actor_path, recipient_path)) in zip(events, found, strict=True):
            text = e.trigger.text if e.trigger is not None else e.event_text
            log.append(Explanation(e.id, e.event, text, e.rule, actor_path, recipient_path))
    return events


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
