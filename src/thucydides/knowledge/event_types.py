"""Event-type policy: what the event coder does per PLOVER event type, as data.

The policy lives in ``data/rules/event-types.tsv`` (format documented at the top of that
file): one row per PLOVER event type saying whether the type needs a recipient, whether a
future action of that type announced by its actor is a THREATEN, whether a refused one is
a REJECT, whether the country it happens in stands in for a missing recipient, whether its
object is what the actor moves, and which CAMEO codes of it are measures a government takes
on its own territory. Every row has a source, an example the pipeline codes with an event
of that type and a counter-example it codes with none (``tests/test_rules.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .lexicon import QUAD
from .tables import read_rule_table

DEFAULT_FILE = Path(__file__).parents[1] / "data" / "rules" / "event-types.tsv"
COLUMNS = ("id", "type", "needs_recipient", "threatenable", "refusable", "place_recipient",
           "moved", "domestic_cameo", "reacts", "addressed", "source", "example",
           "not")  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventTypePolicy:
    """One row of the event-type table.

    ``place_recipient`` and ``moved`` hold for every event of the type when True, else only
    for the events whose mode is in ``place_modes`` / ``moved_modes``.
    """

    id: str
    type: str
    needs_recipient: bool
    threatenable: bool
    refusable: bool
    place_recipient: bool
    place_modes: frozenset[str]
    moved: bool
    moved_modes: frozenset[str]
    domestic_cameo: frozenset[str]
    reacts: bool
    addressed: bool
    source: str
    example: str
    counter: str
    where: str


class EventTypes:
    """The event-type policy, by type."""

    def __init__(self, rows: Iterable[EventTypePolicy]) -> None:
        self.rows = tuple(rows)
        self.by_type = {r.type: r for r in self.rows}
        #: types that PLOVER says need a recipient
        self.needs_recipient = frozenset(r.type for r in self.rows if r.needs_recipient)
        #: types whose announced future action is a THREATEN
        self.threatenable = frozenset(r.type for r in self.rows if r.threatenable)
        #: types whose refused or failed future action is a REJECT
        self.refusable = frozenset(r.type for r in self.rows if r.refusable)
        #: types (every mode) whose missing recipient is the country they happen in
        self.place_targeted = frozenset(r.type for r in self.rows if r.place_recipient)
        #: types whose event can answer an earlier one ("condemned the attack")
        self.reacting = frozenset(r.type for r in self.rows if r.reacts)
        #: types aimed at a party, whose missing recipient is the article's other party
        self.addressed = frozenset(r.type for r in self.rows if r.addressed)
        #: CAMEO codes of measures a government takes on its own territory (every type)
        self.domestic_cameo = frozenset(c for r in self.rows for c in r.domestic_cameo)

    @classmethod
    def load(cls, path: str | Path = DEFAULT_FILE) -> EventTypes:
        """Reads an event-type file.

        Raises:
            ConfigError: the file cannot be read or a line is malformed.
        """
        return cls(read_event_types(path))

    @classmethod
    def default(cls) -> EventTypes:
        """Our packaged policy, loaded once per process: the one ``Knowledge.event_types``
        holds."""
        return _default()

    def targets_place(self, event: str, mode: str | None) -> bool:
        """The country an event of this type and mode happens in is its recipient when it
        names none."""
        row = self.by_type.get(event)
        return row is not None and (row.place_recipient or mode in row.place_modes)

    def moves_objects(self, event: str | None, mode: str | None) -> bool:
        """The object of an event of this type and mode is what the actor moves (troops,
        weapons, aid), never a party."""
        row = self.by_type.get(event or "")
        return row is not None and (row.moved or mode in row.moved_modes)


@functools.lru_cache(maxsize=1)
def _default() -> EventTypes:
    return EventTypes.load()


def _flag(value: str, where: str, column: str) -> bool:
    if value not in ("yes", "no"):
        raise ConfigError(f'{where}: column {column} is "{value}"; use "yes" or "no".')
    return value == "yes"


def _modes(value: str) -> tuple[bool, frozenset[str]]:
    """ "yes" (every mode), "no" (none), or the modes separated by |."""
    if value in ("yes", "no"):
        return value == "yes", frozenset()
    return False, frozenset(m.strip() for m in value.split("|") if m.strip())


def read_event_types(path: str | Path) -> list[EventTypePolicy]:
    """Reads one event-type file (``data/rules/event-types.tsv`` format).

    Raises:
        ConfigError: the file is missing, has no header, or a line is malformed.
    """
    rows: list[EventTypePolicy] = []
    seen: set[str] = set()
    for where, cols in read_rule_table(path, COLUMNS, "Event-type file"):
        row_id, kind, needs, threat, refuse, place, moved, domestic, reacts, addressed = cols[:10]
        source, example, counter = cols[10:]
        if kind not in QUAD:
            raise ConfigError(
                f"{where}: {kind!r} is no PLOVER event type; use one of {', '.join(QUAD)}."
            )
        if not row_id or row_id in seen or kind in {r.type for r in rows}:
            raise ConfigError(f"{where}: every row needs a unique id and a type of its own.")
        if not source or not example:
            raise ConfigError(f"{where}: every row needs a source and an example.")
        seen.add(row_id)
        place_all, place_modes = _modes(place)
        moved_all, moved_modes = _modes(moved)
        codes = frozenset(c for c in domestic.split("|") if c.strip() and c != "-")
        rows.append(
            EventTypePolicy(
                row_id,
                kind,
                _flag(needs, where, "needs_recipient"),
                _flag(threat, where, "threatenable"),
                _flag(refuse, where, "refusable"),
                place_all,
                place_modes,
                moved_all,
                moved_modes,
                codes,
                _flag(reacts, where, "reacts"),
                _flag(addressed, where, "addressed"),
                source,
                example,
                counter,
                where,
            )  # fmt: skip
        )
    return rows
