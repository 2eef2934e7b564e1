"""Roles that an event's own sentence leaves open, filled from the rest of the article.

A reaction names what it reacts to, not who did it: "Kenya condemned the attack", "the
ministry rejected the allegations", "Dodik rejected the arrest warrant". The definite
noun points back at an event the article reported earlier (the attack, the accusation,
the warrant), and that event's actor is who the reaction is aimed at.

``answer_recipients`` gives such a reaction (a type the event-type table marks ``reacts``),
when it has no recipient, the actors of the event its object noun refers to. The noun's
event types come from the trigger lexicon (the rows of "attack" are ASSAULT), so no list
of nouns lives here. When the noun names the event itself, told again ("claimed
responsibility for the attack"), the event keeps the earlier telling's target.
``credit_documents`` makes a document's author the actor of what the document does ("the
statement threatened sanctions"). ``event_noun_actors`` gives an event whose subject is a
definite event noun the actor of the earlier event that noun names ("Ukrainian forces
shelled the town. The strikes killed five civilians"). ``release_holders`` aims a call for
someone's release at whoever holds them; ``answer_accusers`` aims a rejection at the
accusation it answers. ``counterpart_recipients`` aims an act said or done to a party
(a type the event-type table marks ``addressed``) whose sentence names no party at the
article's other party: the foreign country it mentions most; ``fighting_sides`` puts the
two sides of the latest fight for "the warring parties". Each step is recorded in the
event's ``rule`` (``+discourse:refers-back``, ``+discourse:same-event``,
``+discourse:document-author``, ``+discourse:event-noun``, ``+discourse:holder``,
``+discourse:accuser``, ``+discourse:counterpart``, ``+discourse:sides``,
``+discourse:claimant``).

A noun for something said against someone ("the claims", "the allegations", word class
CLAIM_NOUN) points back at the latest accusation coded as an event; with none, at the
latest quotation by someone else ("China is bullying its neighbours," Marcos said. Beijing
rejected the remarks): the speaker is whom the reaction answers. After a coded accusation
a later speaker is not used: in wire copy it is as often the accused's lawyer or a
bystander as the accuser.

Notes:
    Only definite nouns refer back ("the attack", "these claims"); "an attack" or "its
    attack" do not. The referent is the latest earlier event of one of the noun's types
    whose actors are not the reaction's own.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from ..knowledge.confidence import CONTEXT_RECIPIENT as COUNTERPART
from ..knowledge.event_types import EventTypes
from ..knowledge.lexicon import TriggerSource
from ..knowledge.words import WordClasses
from ..parse.index import DocIndex
from ..records import FACTUAL, Actor, Event, ParsedText, Quote
from .anchor import event_anchor
from .coref import actors_by_token

#: The steps' names in an event's ``rule``.
RULE = "discourse:refers-back"
AUTHOR = "discourse:document-author"
SAME = "discourse:same-event"
EVENT_NOUN = "discourse:event-noun"
HOLDER = "discourse:holder"
SIDES = "discourse:sides"
CLAIMED = "discourse:claimed"
#: The event type of a fight whose sides "the warring parties" are.
FIGHT = "ASSAULT"
ACCUSER = "discourse:accuser"
CLAIMANT = "discourse:claimant"
#: The event type of an accusation: what a claim noun ("the allegations") points back at
#: and what a denial answers.
ACCUSATION = "ACCUSE"
#: The fewest sentences a country must be named in to be an article's party, and the
#: fewest sentences an article needs for one (a lone sentence has no story around it).
PARTY_SENTENCES = 2
STORY_SENTENCES = 3
#: The code prefix of an intergovernmental organisation (knowledge file
#: organizations.tsv), a party of its own with no country ("the IMF", "the U.N.").
IGO_PREFIX = "IGO"
#: How many sentences back a denial may answer an accusation.
DENIAL_REACH = 6
#: How many sentences back an event noun may point ("the strikes" two paragraphs later
#: is more likely a new event).
EVENT_NOUN_REACH = 4
#: How many sentences back a noun for whatever was just done ("the move", word class
#: ACT_NOUN) may point.
ACT_NOUN_REACH = 2


def credit_documents(
    events: Sequence[Event],
    parsed: ParsedText,
    actors: Sequence[Actor],
    index: DocIndex | None = None,
) -> tuple[Event, ...]:
    """Gives an event whose subject is a document the article introduced ("Blinken issued
    a statement. The statement threatened sanctions") that document's author as actor.

    The author is whoever the earlier mention of the same document noun names: its
    possessor ("Blinken's statement"), its "by" agent ("a report by the agency"), or the
    subject of the verb that has it as object ("Blinken issued a statement"). The event
    records the step in its ``rule`` as ``+discourse:document-author``.

    Args:
        events: the article's events.
        parsed: the article's parse.
        actors: the article's actors with their mentions.
        index: the parse's index (built when None).

    Returns:
        The events, those filled in carrying the step in their ``rule``.
    """
    index = index or DocIndex(parsed)
    tokens = parsed.tokens
    words = WordClasses.default()
    documents, definite = words["DOCUMENT_NOUN"], words["DEFINITE_DETERMINER"]
    at: dict[int, tuple[str, ...]] | None = None  # built for the first document subject
    out = list(events)
    for k, event in enumerate(events):
        if event.actor:
            continue
        anchor = event_anchor(event, parsed, index)
        if anchor is None:
            continue
        for s in index.children[anchor]:
            noun = tokens[s]
            if noun.dep != "nsubj" or noun.lemma.lower() not in documents:
                continue
            if not _refers_back(s, tokens, index.children, definite):
                continue
            at = at if at is not None else actors_by_token(parsed, actors, index)
            author = _author(parsed, index, at, s)
            if author:
                out[k] = dataclasses.replace(event, actor=author, rule=_with(event, AUTHOR))
            break
    return tuple(out)


def _author(
    parsed: ParsedText, index: DocIndex, at: dict[int, tuple[str, ...]], noun: int
) -> tuple[str, ...]:
    """The actor that the latest earlier mention of the noun at ``noun`` naming one names."""
    tokens = parsed.tokens
    lemma = tokens[noun].lemma.lower()
    for i in range(noun - 1, -1, -1):
        t = tokens[i]
        if t.lemma.lower() != lemma or t.pos != "NOUN":
            continue
        for c in index.children[i]:
            if tokens[c].dep == "poss" and c in at:
                return at[c]  # "Blinken's statement"
            if tokens[c].dep == "agent" or tokens[c].lemma.lower() == "by":
                for g in index.children[c]:
                    if tokens[g].dep == "pobj" and g in at:
                        return at[g]  # "a report by the agency"
        if t.dep == "dobj":
            for c in index.children[t.head]:
                if tokens[c].dep == "nsubj" and c in at:
                    return at[c]  # "Blinken issued a statement"
        # a mention that names no author ("officials said the budget would ...") says
        # nothing against an earlier one that does ("the government's budget")
    return ()  # no mention names an author: none is guessed


def answer_recipients(
    events: Sequence[Event],
    parsed: ParsedText,
    lexicon: TriggerSource,
    index: DocIndex | None = None,
    actors: Sequence[Actor] = (),
    quotes: Sequence[Quote] = (),
) -> tuple[Event, ...]:
    """Fills the recipient of reactions to an earlier event (see the module docstring).

    Args:
        events: the article's events, in text order.
        parsed: the article's parse.
        lexicon: the trigger lexicon, which says what event types a noun can name.
        index: the parse's index (``pipeline.extract`` builds one per article for every
            stage); built when None.
        actors: the article's actors (who put a thing forward, when no event did).
        quotes: the article's quotes (who said what a claim noun points back at).

    Returns:
        The events, those filled in carrying the step in their ``rule``.
    """
    reacting = EventTypes.default().reacting
    words = WordClasses.default()
    definite = words["DEFINITE_DETERMINER"]
    two_sided = words["TWO_SIDED"]
    # nouns that name a party ("the rebel group"), unless they also name a speech act
    # ("the resolution", "the report"): a party is the actor resolver's business
    agents = words["AGENT"] - words["ACCUSATION"] - words["PROPOSAL"]
    claims = words["CLAIM_NOUN"]
    acts = words["ACT_NOUN"]
    index = index or DocIndex(parsed)
    tokens, children = parsed.tokens, index.children
    at: dict[int, tuple[str, ...]] | None = None  # built for the first thing without an event
    out = list(events)
    for k, event in enumerate(events):
        if event.recipient or not event.actor or event.trigger is None:
            continue
        first, last = index.tokens_of(event.trigger.start, event.trigger.end)
        for noun in _object_nouns(range(first, last), tokens, children):
            if not _refers_back(noun, tokens, children, definite):
                continue
            if tokens[noun].lemma.lower() in agents:
                continue  # "the rebel group" is a party, not an act to answer
            types = _noun_types(lexicon, tokens[noun])
            # "the arrest warrant": its compound names the act it is part of
            for c in children[noun]:
                if tokens[c].dep == "compound" and tokens[c].pos == "NOUN":
                    types |= _noun_types(lexicon, tokens[c])
            own = set(event.actor)
            if event.event in types:
                # the noun names this very event, told again ("the BLA claimed
                # responsibility for the attack"): its target is the earlier telling's
                same = _told_before(events[:k], index, noun, event.event)
                target = tuple(a for a in same.recipient if a not in own) if same else ()
                if target:
                    out[k] = dataclasses.replace(event, recipient=target, rule=_with(event, SAME))
                break
            if event.event not in reacting:
                continue
            claim = tokens[noun].lemma.lower() in claims
            if claim:
                types.add(ACCUSATION)
            referent = _named_before(events[:k], index, noun, own) or _latest(
                events[:k], types, own, tokens[noun].start
            )
            if referent is None and tokens[noun].lemma.lower() in acts:
                # "Russia expelled two diplomats. Tallinn condemned the move": whatever
                # another party did last, a sentence or two before
                referent = _latest_act(events[:k], index, own, noun, ACT_NOUN_REACH)
            # a quotation answers only when no accusation was coded: after one, a later
            # speaker is as often the accused's lawyer or a bystander as the accuser
            speaker = _claimant(quotes, index, event, own) if claim and referent is None else None
            if speaker is not None:
                out[k] = dataclasses.replace(
                    event, recipient=(speaker,), rule=_with(event, CLAIMANT)
                )
                break
            if referent is not None:
                target = referent.actor
                if tokens[noun].lemma.lower() in two_sided:
                    # "demanded an end to the hostilities": both sides of the fighting
                    target += tuple(a for a in referent.recipient if a not in own | set(target))
                out[k] = dataclasses.replace(event, recipient=target, rule=_with(event, RULE))
                break
            if actors:
                # no earlier event: who put the thing forward ("the government presented
                # its budget ... the opposition rejected the budget")
                at = at if at is not None else actors_by_token(parsed, actors, index)
                author = tuple(a for a in _author(parsed, index, at, noun) if a not in own)
                if author:
                    out[k] = dataclasses.replace(event, recipient=author, rule=_with(event, RULE))
                    break
    return tuple(out)


def event_noun_actors(
    events: Sequence[Event],
    parsed: ParsedText,
    lexicon: TriggerSource,
    index: DocIndex | None = None,
) -> tuple[Event, ...]:
    """Gives an actorless event whose subject is a definite event noun the actor of the
    earlier event the noun names: "Ukrainian forces shelled the town. The strikes killed
    five civilians" (the strikes are the shelling, done by Ukrainian forces).

    Args:
        events: the article's events, in text order.
        parsed: the article's parse.
        lexicon: the trigger lexicon, which says what event types a noun can name.
        index: the parse's index; built when None.

    Returns:
        The events, those filled in carrying the step in their ``rule``.
    """
    definite = WordClasses.default()["DEFINITE_DETERMINER"]
    index = index or DocIndex(parsed)
    tokens, children = parsed.tokens, index.children
    out = list(events)
    for k, event in enumerate(events):
        if event.actor or event.trigger is None:
            continue
        first, last = index.tokens_of(event.trigger.start, event.trigger.end)
        subjects = [
            c
            for i in range(first, last)
            for c in children[i]
            if tokens[c].dep == "nsubj" and tokens[c].pos == "NOUN"
        ]
        for noun in subjects:
            if not _refers_back(noun, tokens, children, definite):
                continue
            types = _noun_types(lexicon, tokens[noun])
            here = index.sentence_of(noun)
            named = next(
                (
                    e
                    for e in reversed(events[:k])
                    if e.event in types
                    and e.actor
                    and e.modality == "asserted"
                    and e.sentence.start < parsed.sentences[here].start
                    and here - _sentence_no(index, e) <= EVENT_NOUN_REACH
                ),
                None,
            )
            if named is not None:
                actor = tuple(a for a in named.actor if a not in event.recipient)
                if actor:
                    out[k] = dataclasses.replace(event, actor=actor, rule=_with(event, EVENT_NOUN))
                break
    return tuple(out)


def release_holders(
    events: Sequence[Event], parsed: ParsedText, index: DocIndex | None = None
) -> tuple[Event, ...]:
    """A call for someone's release is aimed at whoever holds them, not at the prisoner:
    "Police arrested Ali Hassan in March. The UN called for Hassan's release" asks the
    police. The holder is the actor of the latest earlier COERCE with the prisoner as its
    recipient; with none, the call keeps no recipient rather than the prisoner.

    Args:
        events: the article's events, in text order.
        parsed: the article's parse.
        index: the parse's index; built when None.

    Returns:
        The events, those changed carrying the step in their ``rule``.
    """
    release = WordClasses.default()["RELEASE_NOUN"]
    index = index or DocIndex(parsed)
    tokens = parsed.tokens
    out = list(events)
    for k, event in enumerate(events):
        if event.event != "REQUEST" or not event.recipient or event.trigger is None:
            continue
        first, last = index.tokens_of(event.trigger.start, event.trigger.end)
        if not any(
            tokens[i].lemma.lower() in release and tokens[i].pos == "NOUN"
            for i in range(first, last)
        ):
            continue  # "urged the army to release them": the army is asked, and holds them
        prisoners = set(event.recipient)
        holder = next(
            (
                e.actor
                for e in reversed(events[:k])
                if e.event == "COERCE" and e.actor and prisoners & set(e.recipient)
            ),
            (),
        )
        target = tuple(a for a in holder if a not in event.actor)
        out[k] = dataclasses.replace(event, recipient=target, rule=_with(event, HOLDER))
    return tuple(out)


def answer_accusers(
    events: Sequence[Event], parsed: ParsedText, index: DocIndex | None = None
) -> tuple[Event, ...]:
    """A rejection with no recipient that follows an accusation against its actor answers
    the accuser: "The United States accused Iran of supplying drones. Iran denied it"
    rejects the United States. The accusation is the latest ACCUSE with the rejecting
    actor among its recipients, within six sentences.

    Args:
        events: the article's events, in text order.
        parsed: the article's parse.
        index: the parse's index; built when None.

    Returns:
        The events, those filled in carrying the step in their ``rule``.
    """
    index = index or DocIndex(parsed)
    out = list(events)
    for k, event in enumerate(events):
        if event.event != "REJECT" or event.recipient or not event.actor:
            continue
        here = _sentence_no(index, event)
        own = set(event.actor)
        for e in reversed(events[:k]):
            if here - _sentence_no(index, e) > DENIAL_REACH:
                break
            if e.event == ACCUSATION and e.actor and own & set(e.recipient):
                accuser = tuple(a for a in e.actor if a not in own)
                if accuser:
                    out[k] = dataclasses.replace(
                        event, recipient=accuser, rule=_with(event, ACCUSER)
                    )
                break
    return tuple(out)


def counterpart_recipients(
    events: Sequence[Event],
    parsed: ParsedText,
    actors: Sequence[Actor],
    index: DocIndex | None = None,
) -> tuple[Event, ...]:
    """Aims an act at the article's other party when its sentence names none.

    "Islamabad is negotiating a three-year loan program", in a story about Pakistan and its
    lenders; "the Taliban denounced the delay", in a story about the United States'
    withdrawal. An event of an ``addressed`` type (event-type table) whose actors are all
    of one country and that has no recipient gets as recipient the foreign country the
    article names most often (mentions of all its actors, the country named in at least
    ``PARTY_SENTENCES`` sentences): its state actor when the article has one, else its
    actor named most often. An intergovernmental organisation ("the IMF") is a party of
    its own. Articles shorter than ``STORY_SENTENCES`` sentences are left as they are, and
    so are events in hypothetical or negated mood.

    Args:
        events: the article's events, in text order.
        parsed: the article's parse.
        actors: the article's actors.
        index: the parse's index; built when None.

    Returns:
        The events, those filled in carrying the step in their ``rule``.
    """
    addressed = EventTypes.default().addressed
    if len(parsed.sentences) < STORY_SENTENCES:
        return tuple(events)
    index = index or DocIndex(parsed)
    by_id = {a.id: a for a in actors}
    named: Counter[str] = Counter()
    sentences: dict[str, set[int]] = {}
    voice: dict[str, Actor] = {}  # a party's actor to stand for it
    for a in actors:
        # a country stands for all its actors; an intergovernmental body for itself
        key = a.country or (a.id if (a.code or "").startswith(IGO_PREFIX) else None)
        if key is None:
            continue
        named[key] += len(a.mentions)
        sentences.setdefault(key, set()).update(index.sentence_at(m.start) for m in a.mentions)
        best = voice.get(key)
        if best is None or (a.kind == "state", len(a.mentions)) > (
            best.kind == "state",
            len(best.mentions),
        ):
            voice[key] = a
    parties = [c for c, _ in named.most_common() if len(sentences[c]) >= PARTY_SENTENCES]
    out = list(events)
    for k, event in enumerate(events):
        if event.recipient or not event.actor or event.event not in addressed:
            continue
        if event.modality not in FACTUAL:
            continue
        own = {by_id[a].country for a in event.actor if a in by_id}
        if len(own) != 1 or None in own:
            continue
        other = next((c for c in parties if c not in own), None)
        if other is not None:
            out[k] = dataclasses.replace(
                event, recipient=(voice[other].id,), rule=_with(event, COUNTERPART)
            )
    return tuple(out)


def claimed_acts(
    events: Sequence[Event], parsed: ParsedText, index: DocIndex | None = None
) -> tuple[Event, ...]:
    """Gives an act told with no doer the group that later claims it.

    "The train came under attack ... The BLA claimed responsibility for the attack": an
    event whose trigger words hold a CREDIT_NOUN ("responsibility", "credit") and that has
    an actor and a recipient gives its actor to every earlier asserted event of its type
    with no actor and a recipient in common, within ``EVENT_NOUN_REACH`` sentences before
    it. Recorded in the event's rule as ``+discourse:claimed``.
    """
    credit = WordClasses.default()["CREDIT_NOUN"]
    index = index or DocIndex(parsed)
    tokens = parsed.tokens
    out = list(events)
    for k, claim in enumerate(events):
        if not claim.actor or not claim.recipient or claim.trigger is None:
            continue
        first, last = index.tokens_of(claim.trigger.start, claim.trigger.end)
        if not any(tokens[i].lemma.lower() in credit for i in range(first, last)):
            continue
        here = _sentence_no(index, claim)
        for j in range(k - 1, -1, -1):
            e = out[j]
            if here - _sentence_no(index, e) > EVENT_NOUN_REACH:
                break
            if (
                e.event == claim.event
                and not e.actor
                and e.modality == "asserted"
                and set(e.recipient) & set(claim.recipient)
            ):
                out[j] = dataclasses.replace(e, actor=claim.actor, rule=_with(e, CLAIMED))
    return tuple(out)


def fighting_sides(
    events: Sequence[Event],
    parsed: ParsedText,
    actors: Sequence[Actor],
    index: DocIndex | None = None,
) -> tuple[Event, ...]:
    """Puts the two sides of the latest fight for "the warring parties", "both sides".

    "The Rapid Support Forces have been fighting the army ... the council called on the
    warring parties to end the war": the recipient is both armies. A party of an event whose
    canonical name is only a SIDES_MODIFIER and a SIDES_NOUN is replaced by the actors and
    recipients of the latest earlier asserted event of a fighting type (the trigger lexicon's
    TWO_SIDED nouns name them; ASSAULT here) that has both, within ``EVENT_NOUN_REACH``
    sentences. Recorded in the event's rule as ``+discourse:sides``.
    """
    words = WordClasses.default()
    nouns, modifiers = words["SIDES_NOUN"], words["SIDES_MODIFIER"]
    index = index or DocIndex(parsed)
    generic = {
        a.id
        for a in actors
        if (name := a.name.lower().split())
        and name[-1] in nouns
        and all(w in modifiers for w in name[:-1])
    }
    if not generic:
        return tuple(events)
    out = list(events)
    for k, event in enumerate(events):
        if not generic & {*event.actor, *event.recipient}:
            continue
        here = _sentence_no(index, event)
        fight = next(
            (
                e
                for e in reversed(events[:k])
                if e.event == FIGHT
                and e.actor
                and e.recipient
                and e.modality == "asserted"
                and here - _sentence_no(index, e) <= EVENT_NOUN_REACH
            ),
            None,
        )
        if fight is None:
            continue
        sides = tuple(dict.fromkeys((*fight.actor, *fight.recipient)))
        actor = _spread(event.actor, generic, sides, set())
        recipient = _spread(event.recipient, generic, sides, set(actor))
        out[k] = dataclasses.replace(
            event, actor=actor, recipient=recipient, rule=_with(event, SIDES)
        )
    return tuple(out)


def _spread(
    ids: tuple[str, ...], generic: set[str], sides: tuple[str, ...], keep: set[str]
) -> tuple[str, ...]:
    """A role's parties with each generic one ("the warring parties") replaced by the
    fight's sides, none of them in ``keep`` (the other role's)."""
    out = (x for a in ids for x in (sides if a in generic else (a,)))
    return tuple(dict.fromkeys(x for x in out if x not in keep))


def _sentence_no(index: DocIndex, event: Event) -> int:
    """The number of the sentence an event was found in."""
    return index.sentence_of(index.tokens_of(event.sentence.start, event.sentence.end)[0])


def _noun_types(lexicon: TriggerSource, token: object) -> set[str]:
    """The event types the trigger lexicon gives a noun ("attack": ASSAULT)."""
    return {
        row.event
        for word in (token.lemma.lower(), token.text.lower())  # type: ignore[attr-defined]
        for row in lexicon.rows_for(word)
        if row.event and row.pos in ("NOUN", "ANY")
    }


def _object_nouns(trigger: range, tokens: Sequence, children: list[list[int]]) -> list[int]:
    """Nouns a reaction is about: the trigger's objects, and objects of their topic
    prepositions ("an end to the hostilities", "concern about the conditions")."""
    topic = WordClasses.default()["REACTION_PREP"]
    found: list[int] = []
    for i in trigger:
        for c in children[i]:
            if tokens[c].dep in ("dobj", "attr") and tokens[c].pos == "NOUN":
                found.append(c)
            if tokens[c].dep == "prep" and tokens[c].lemma.lower() in topic:
                found += [p for p in children[c] if tokens[p].dep == "pobj"]
        if tokens[i].pos == "NOUN" and tokens[i].dep in ("dobj", "pobj"):
            found.append(i)
        if (
            tokens[i].pos == "NOUN"
            and tokens[i].dep in ("nsubj", "nsubjpass")
            and tokens[i].head in trigger
            and tokens[i].head != trigger.start
            and tokens[tokens[i].head].dep == "ccomp"
        ):
            # "said the reports were baseless", "demanded that the order be reversed": the
            # subject of the clause a saying governs is what it answers
            found.append(i)
    for n in list(found):
        for c in children[n]:
            if tokens[c].dep == "prep" and tokens[c].lemma.lower() in topic:
                found += [p for p in children[c] if tokens[p].dep == "pobj"]
    return [n for n in dict.fromkeys(found) if tokens[n].pos == "NOUN"]


def _refers_back(
    noun: int, tokens: Sequence, children: list[list[int]], definite: frozenset[str]
) -> bool:
    """A definite noun with no possessor of its own: "the attack", not "its attack"."""
    kids = children[noun]
    if any(tokens[c].dep == "poss" for c in kids):
        return False
    return any(tokens[c].dep == "det" and tokens[c].text.lower() in definite for c in kids)


def _named_before(
    earlier: Sequence[Event], index: DocIndex, noun: int, own: set[str]
) -> Event | None:
    """The latest earlier event whose sentence names the same thing ("a resolution ...
    urging an inquiry" before "rejected the resolution"), by the noun's lemma."""
    parsed = index.parsed
    tokens = parsed.tokens
    lemma = tokens[noun].lemma.lower()
    here = parsed.sentences[index.sentence_of(noun)].start
    for e in reversed(earlier):
        if not e.actor or own & set(e.actor) or e.sentence.start >= here:
            continue
        first, last = index.tokens_of(e.sentence.start, e.sentence.end)
        if any(
            tokens[i].lemma.lower() == lemma and tokens[i].pos == "NOUN" for i in range(first, last)
        ):
            return e
    return None


def _latest(earlier: Sequence[Event], types: set[str], own: set[str], before: int) -> Event | None:
    """The latest event before character ``before`` of one of ``types`` that has an actor
    (none of ``own``)."""
    for e in reversed(earlier):
        if e.event in types and e.actor and not own & set(e.actor):
            if e.sentence.start < before:
                return e
    return None


def _latest_act(
    earlier: Sequence[Event], index: DocIndex, own: set[str], noun: int, reach: int
) -> Event | None:
    """The latest asserted event with an actor (none of ``own``) before ``noun``, at most
    ``reach`` sentences back."""
    here = index.sentence_of(noun)
    start = index.parsed.tokens[noun].start
    for e in reversed(earlier):
        if here - _sentence_no(index, e) > reach:
            return None
        if e.sentence.start < start and e.actor and e.modality == "asserted":
            return e if not own & set(e.actor) else None
    return None


def _claimant(quotes: Sequence[Quote], index: DocIndex, event: Event, own: set[str]) -> str | None:
    """The speaker of the latest quotation by someone not among ``own`` that ends before the
    event's trigger, within ``DENIAL_REACH`` sentences."""
    if event.trigger is None:
        return None
    here = _sentence_no(index, event)
    for q in sorted(quotes, key=lambda q: q.start, reverse=True):
        if q.end > event.trigger.start or q.speaker is None or q.speaker in own:
            continue
        if here - index.sentence_of(index.tokens_of(q.start, q.end)[0]) > DENIAL_REACH:
            return None
        return q.speaker
    return None


def _told_before(earlier: Sequence[Event], index: DocIndex, noun: int, kind: str) -> Event | None:
    """The latest earlier event of type ``kind`` with a recipient whose trigger words hold
    the noun's lemma ("attacked the train" before "the attack")."""
    tokens = index.parsed.tokens
    lemma = tokens[noun].lemma.lower()
    for e in reversed(earlier):
        if e.event != kind or not e.recipient or e.trigger is None:
            continue
        if e.trigger.start >= tokens[noun].start:
            continue
        first, last = index.tokens_of(e.trigger.start, e.trigger.end)
        if any(tokens[i].lemma.lower() == lemma for i in range(first, last)):
            return e
    return None


def _with(event: Event, step: str) -> str:
    """The event's rule with one more step."""
    return f"{event.rule}+{step}" if event.rule else step
