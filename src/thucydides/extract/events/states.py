"""States: turning the place ids ``code_events`` leaves as recipients into the places' state
actors (``place_states``), and leaving out the events whose type needs a recipient that
no stage found (``require_recipients``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ...knowledge.event_types import EventTypes
from ...records import FACTUAL, Actor, Event, Place


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


def require_recipients(events: Sequence[Event]) -> tuple[Event, ...]:
    """Leaves out the events PLOVER codes only with a recipient that still have none, and
    every event with neither an actor nor a recipient.

    An event no stage could give a party ("others gave in", "we struck on the idea") says
    who did nothing to whom: it cannot be coded, and on whole articles such events were
    almost never an analyst's (dev set: 3 of 18 matched an event of their type, none
    matched one with its parties).

    The PLOVER manual says COOPERATE, AID and SANCTION "require recipient: yes" (the
    event-type table's ``needs_recipient``): "Iberdrola is expanding its wind investments"
    or "the company provided training" is no event of those types until someone is on the
    other side; a reciprocal event, two actors or more and no recipient, is kept, and so is
    a hypothetical or negated one, shown for what it is and never counted. It runs
    after every stage that can find a recipient outside the event's clause (the article's
    other party, the state of the place it happens in). The events kept keep their ids, so
    ``code --explain`` still finds them; a left-out event leaves a gap in the numbering.

    An asserted act said or done to a party (a type the event-type table marks
    ``addressed``: a demand, an accusation, a refusal, a threat, a sanction, support, an
    agreement, talks) with no one found to have done it is left out too: "the charges
    were dropped", "the plan has received support" name the party addressed but not the
    one addressing it, and only the latter makes the event (dev set: 20 such events, none
    an analyst's with its parties, 4 of the analyst's type). Violence, coercion and
    movements keep their victims without a known perpetrator ("16 militants were
    killed").
    """
    types = EventTypes.default()
    needs, addressed = types.needs_recipient, types.addressed
    # two actors and no recipient is PLOVER's reciprocal form ("Kenya and Uganda cooperated")
    return tuple(
        e
        for e in events
        if (e.actor or e.recipient)
        and (e.recipient or len(e.actor) >= 2 or e.event not in needs or e.modality not in FACTUAL)
        and (e.actor or e.event not in addressed or e.modality not in FACTUAL)
    )
