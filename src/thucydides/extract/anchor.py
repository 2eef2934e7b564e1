"""The anchor of an event: the one token the later stages read an event's clause from.

Dates (``date_events``), places (``locate_events``) and quotes (``attribute_events``) all
ask "where in the tree is this event?" and take the answer from here, so an event's date,
place and speaker are read from the same word.

The rule. An event's trigger words (``trigger_span``: the coder's ``trigger`` span, or its
``event_text`` found in its sentence) are headed by one token: of the trigger's tokens,
those whose head lies outside the trigger words (or that are roots); a verb among them
first, else the first of them. That token is the anchor. It is the word of the clause
that *states* the event: in "Hamas threatened to attack Israel on Monday" the THREATEN
event's trigger words "threatened to attack" are headed by "threatened", so the event is
dated and placed by the clause of "threatened" — a time or place attached lower down
without crossing into another clause ("to attack Israel on Monday", an infinitive
complement) still belongs to that clause, one in a clause of its own ("warned that it
would attack on Monday") does not. The event coder agrees: a wrapper or a light verb
takes over its content's anchor ("held talks", "plans to attack", "urged X to accept").

What each stage then does from the anchor is its own: dates climb from a noun anchor to
the verb it is an argument of ("condemned the attack on Monday"), places look for a
locative preposition under the anchor or in its clause, quotes ask whether the anchor
lies inside quoted words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..parse.index import DocIndex
from ..records import Event, ParsedText


def trigger_span(event: Event) -> tuple[int, int] | None:
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


def trigger_tokens(event: Event, parsed: ParsedText, index: DocIndex | None = None) -> list[int]:
    """Returns the tokens of an event's trigger words (``trigger_span``), in text order.

    Args:
        event: the event.
        parsed: the article's parse.
        index: the parse's index; built when None.

    Returns:
        The indices of the tokens overlapping the trigger span, whitespace tokens left
        out; empty when the trigger words are not in the event's sentence.
    """
    span = trigger_span(event)
    if span is None:
        return []
    index = index or DocIndex(parsed)
    first, last = index.tokens_of(*span)
    return [i for i in range(first, last) if not parsed.tokens[i].text.isspace()]


def event_anchor(event: Event, parsed: ParsedText, index: DocIndex | None = None) -> int | None:
    """Returns the anchor of an event: the token that heads its trigger words.

    Args:
        event: the event.
        parsed: the article's parse.
        index: the parse's index; built when None.

    Returns:
        The anchor's token index (see the module's rule), or None when the trigger words
        are not in the event's sentence.
    """
    words = trigger_tokens(event, parsed, index)
    return span_head(parsed, words) if words else None


def span_head(parsed: ParsedText, words: Sequence[int]) -> int:
    """Returns the token that heads a run of tokens (the anchor rule, for any words).

    Args:
        parsed: the article's parse.
        words: token indices, in text order, at least one.

    Returns:
        Of the tokens whose head lies outside ``words`` (or that are roots), the first
        verb or auxiliary, else the first of them.
    """
    inside = set(words)
    tokens = parsed.tokens
    heads = [i for i in words if tokens[i].head == i or tokens[i].head not in inside]
    verbs = [i for i in heads if tokens[i].pos in ("VERB", "AUX")]
    return (verbs or heads or list(words))[0]
