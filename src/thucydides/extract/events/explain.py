"""Explanations: the dependency path the coder followed to each role of an event, for
``thucydides code --explain``.

The coder records, for each role, the word it sought the role from and the word it read the
actor from (``Draft.actor_via``, ``Draft.recipient_via``). Paths are only rendered when
asked: ``code_events(..., explain=log)``, or inside ``with explaining() as log:`` for code
that reaches the coder through the pipeline. A path reads from the first word to the
second; an arc is drawn from head to dependent, so ``shelled -nsubj-> Rebels`` goes down to
the subject and ``arm <-xcomp- planning -nsubj-> Iran`` goes up to the verb that governs
"arm", then down to its subject. When the role did not come through one recorded word (a
place, an owner, a later mention), the path leads from the trigger to the nearest word in
the sentence that names the role, marked "(nearest mention)".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ...records import Token
from .parties import actor_ids
from .state import Found, SentenceState


@dataclass(frozen=True, slots=True)
class Explanation:
    """How one event was found: its trigger, its rules and the path to each role."""

    event_id: str
    event: str
    trigger: str
    rule: str | None
    actor_path: str | None
    recipient_path: str | None


_LOG: ContextVar[list[Explanation] | None] = ContextVar("thucydides_explain", default=None)


@contextmanager
def explaining() -> Iterator[list[Explanation]]:
    """Collects the explanations of every ``code_events`` call made inside the block.

    Yields:
        The list the explanations are appended to, in the order the events are coded.
    """
    log: list[Explanation] = []
    reset = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(reset)


def active_log() -> list[Explanation] | None:
    """The list of the innermost ``explaining()`` block, or None outside one."""
    return _LOG.get()


def _arcs(tokens: tuple[Token, ...], a: int, b: int) -> tuple[list[int], list[int]] | None:
    """The tokens from ``a`` up to the lowest common ancestor, and from below it down to
    ``b``; None when they are in different trees."""
    up = [a]
    while tokens[up[-1]].head != up[-1] and len(up) < 64:
        up.append(tokens[up[-1]].head)
    down = [b]
    while down[-1] not in up and tokens[down[-1]].head != down[-1] and len(down) < 64:
        down.append(tokens[down[-1]].head)
    if down[-1] not in up:
        return None
    return up[: up.index(down[-1]) + 1], down[:-1][::-1]


def dep_path(tokens: tuple[Token, ...], a: int, b: int) -> str:
    """The dependency path from token ``a`` to token ``b``, through their lowest common
    ancestor ("attacked -prep-> on -pobj-> town")."""
    arcs = _arcs(tokens, a, b)
    if arcs is None:
        return f"{tokens[a].text} ... {tokens[b].text}"
    up, down = arcs
    out = tokens[a].text
    for prev, k in zip(up, up[1:], strict=False):
        out += f" <-{tokens[prev].dep}- {tokens[k].text}"
    for k in down:
        out += f" -{tokens[k].dep}-> {tokens[k].text}"
    return out


def _distance(tokens: tuple[Token, ...], a: int, b: int) -> int:
    """How many arcs lie between two tokens."""
    arcs = _arcs(tokens, a, b)
    return 999 if arcs is None else len(arcs[0]) + len(arcs[1])


def role_path(
    st: SentenceState, anchor: int, ids: tuple[str, ...], via: tuple[int, int] | None
) -> str | None:
    """The path to a role with actor ids ``ids``: the recorded one when the word it was read
    from names one of them, else from ``anchor`` to the nearest word that names one."""
    if not ids:
        return None
    d = st.doc
    if via is not None and set(actor_ids(st, via[1])[0]) & set(ids):
        return dep_path(st.tok, via[0], via[1])
    wanted = set(ids)
    names = [k for k in st.range if wanted & {*d.actors_at.get(k, ()), d.place_at.get(k, "")}]
    if not names:
        return None
    nearest = min(names, key=lambda k: (_distance(st.tok, anchor, k), abs(k - anchor)))
    return dep_path(st.tok, anchor, nearest) + " (nearest mention)"


def found_paths(st: SentenceState, found: Found) -> tuple[str | None, str | None]:
    """The paths to the actor and the recipient of a sentence's coded event."""
    e = found.event
    return (
        role_path(st, found.anchor, e.actor, found.actor_via),
        role_path(st, found.anchor, e.recipient, found.recipient_via),
    )
