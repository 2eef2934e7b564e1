"""Recoding steps: when the event coder changes the coding its lexicon rows gave, as data.

The steps live in ``data/rules/recoding.tsv`` (format documented at the top of that file):
one row per step with its id (events name it ``recode:<id>`` in ``rule``), the types it
recodes, the condition under which it applies, the coding it gives, a source, an example
the pipeline codes through it and a counter-example it does not (``tests/test_rules.py``).

What is data is the table: which type becomes which, with what mode, contexts and CAMEO
code. What is code is each condition ("a future action the actor announces"): the coder
checks it over its parse, and looks it up by the name the row gives. The names form the
closed set ``CONDITIONS``; a row naming another is refused when the file is loaded, so a
misspelt condition cannot silently switch a step off.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .event_types import EventTypes
from .lexicon import QUAD, Coding, compose
from .tables import read_rule_table

DEFAULT_FILE = Path(__file__).parents[1] / "data" / "rules" / "recoding.tsv"
COLUMNS = ("id", "from_type", "condition", "to_type", "to_mode", "to_context", "cameo",
           "source", "example", "not")  # fmt: skip

#: The conditions a row may name, each checked by a mechanism of the event coder
#: (``extract/events/output.py``, ``extract/events/resolve.py``).
CONDITIONS = {
    "refused-future": 'a future action of the actor\'s, negated ("will not accept") or '
    'failed ("failed to reach an agreement")',
    "announced-future": "a future action the actor announces itself, not yet committed to",
    "future": "a future action not yet committed to, whoever reports it",
    "vowed-not": 'a promise of a negated action ("vowed not to return")',
    "prepared": 'an action governed by a word of preparation ("preparing an attack")',
    "state-bomb": "a planted bomb (CAMEO 183, explosives) whose actor is a state, or its "
    "government or military",
    "joint-exercise": "a military exercise of actors of two or more countries",
    "unarmed-fire": 'an attack received ("came under fire from X") from parties none of '
    "whom is armed (lawmakers, families, critics): the fire is words",
}
#: CAMEO roots of the parallel hierarchies a refined code (``12x``) takes its sub-code
#: from, with the frame of ``compose`` that derives it (CAMEO 1.1b3).
REFINED = {"03": "intent", "12": "reject", "13": "threat"}


@dataclass(frozen=True, slots=True)
class Recoding:
    """One row of the recoding table.

    ``from_types`` is empty when the step recodes any type. ``frame`` is the frame of
    ``compose`` that refines the code from the recoded event, or None for a fixed code.
    """

    id: str
    from_types: frozenset[str]
    condition: str
    to: Coding
    frame: str | None
    source: str
    example: str
    counter: str
    where: str

    @property
    def rule(self) -> str:
        """The id events carry in their ``rule`` field."""
        return f"recode:{self.id}"

    def recodes(self, event: str) -> bool:
        """The step applies to events of type ``event`` (when its condition holds)."""
        return not self.from_types or event in self.from_types

    def apply(self, coding: Coding) -> Coding:
        """The coding this step gives an event coded ``coding``."""
        if self.frame is None:
            return self.to
        own = None if self.frame == "intent" else self.to
        return compose(self.frame, own, coding, generic=True)


class Recodings:
    """The recoding steps, in file order."""

    def __init__(self, rows: Iterable[Recoding]) -> None:
        self.rows = tuple(rows)
        self.by_id = {r.id: r for r in self.rows}

    @classmethod
    def load(cls, path: str | Path = DEFAULT_FILE, types: EventTypes | None = None) -> Recodings:
        """Reads a recoding file.

        Args:
            path: the file.
            types: the event-type policy that ``refusable`` and ``threatenable`` refer to
                (ours when None).

        Raises:
            ConfigError: the file cannot be read or a line is malformed.
        """
        return cls(read_recodings(path, types or EventTypes.default()))

    @classmethod
    def default(cls) -> Recodings:
        """Our packaged steps, loaded once per process: the ones ``Knowledge.recodings``
        holds."""
        return _default()

    def __getitem__(self, step: str) -> Recoding:
        return self.by_id[step]

    def first(self, event: str, holds: Mapping[str, bool]) -> Recoding | None:
        """The first step, in file order, that recodes ``event`` under a condition of
        ``holds`` that holds; None when none does.

        Args:
            event: the event type as coded so far.
            holds: whether each condition the caller checks at this point holds, by name.
        """
        for row in self.rows:
            if holds.get(row.condition) and row.recodes(event):
                return row
        return None


@functools.lru_cache(maxsize=1)
def _default() -> Recodings:
    return Recodings.load()


def _types(value: str, types: EventTypes, where: str) -> frozenset[str]:
    """The types of a from_type cell: *, refusable, threatenable, or types separated by |."""
    if value == "*":
        return frozenset()
    if value in ("refusable", "threatenable"):
        return frozenset(getattr(types, value))
    found = frozenset(t.strip() for t in value.split("|") if t.strip())
    if not found or found - set(QUAD):
        raise ConfigError(
            f"{where}: from_type {value!r} names no PLOVER type; use *, refusable, "
            f"threatenable or types of {', '.join(QUAD)} separated by |."
        )
    return found


def read_recodings(path: str | Path, types: EventTypes) -> list[Recoding]:
    """Reads one recoding file (``data/rules/recoding.tsv`` format).

    Args:
        path: the file.
        types: the event-type policy that ``refusable`` and ``threatenable`` refer to.

    Raises:
        ConfigError: the file is missing, has no header, or a line is malformed (an unknown
            condition, type or refined code included).
    """
    rows: list[Recoding] = []
    for where, cols in read_rule_table(path, COLUMNS, "Recoding file"):
        row_id, source_types, condition, to_type, mode, context, cameo, source, example, counter = (
            cols
        )
        if not row_id or row_id in {r.id for r in rows}:
            raise ConfigError(f"{where}: every row needs a unique id.")
        if condition not in CONDITIONS:
            raise ConfigError(
                f"{where}: unknown condition {condition!r}; the coder checks "
                f"{', '.join(CONDITIONS)}."
            )
        if to_type not in QUAD:
            raise ConfigError(
                f"{where}: to_type {to_type!r} is no PLOVER event type; use one of "
                f"{', '.join(QUAD)}."
            )
        frame = None
        if cameo.endswith("x"):
            frame = REFINED.get(cameo[:-1])
            if frame is None:
                raise ConfigError(
                    f"{where}: cameo {cameo!r} is no refined code; use "
                    f"{', '.join(root + 'x' for root in REFINED)} or a CAMEO code."
                )
            cameo = cameo[:-1] + "0"
        if not source or not example:
            raise ConfigError(f"{where}: every row needs a source and an example.")
        contexts = tuple(c.strip() for c in context.split("|") if c.strip() and c != "-")
        to = Coding(to_type, None if mode == "-" else mode, contexts, cameo or None)
        from_types = _types(source_types, types, where)
        row = Recoding(row_id, from_types, condition, to, frame, source, example, counter, where)
        rows.append(row)
    return rows
