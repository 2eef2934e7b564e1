"""The confidence calibration table: raw coder scores mapped to observed precision.

The table lives in ``data/rules/confidence.tsv`` (format documented at the top of that
file) and is written by ``benchmarks/calibrate.py``: each row maps a range of raw
confidences (``raw_from`` to ``raw_to``, both inclusive) of events with the same roles
found (``both``: actor and recipient; ``one``: either; ``none``) to the share of such
events that were right on the dev set. Within one kind of roles, rows are ordered, do not
overlap, and their calibrated values never decrease, so the map keeps the coder's ranking.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sized
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .tables import read_rule_table

DEFAULT_FILE = Path(__file__).parents[1] / "data" / "rules" / "confidence.tsv"
COLUMNS = ("id", "roles", "raw_from", "raw_to", "calibrated", "n", "source")
#: What an event's roles can be: actor and recipient, either one, or neither; ``context``
#: when its recipient was not in its sentence but taken from the article around it.
ROLES = ("both", "one", "none", "context")
#: The rule step (``Event.rule``) of a recipient taken from the article's other party
#: (``extract/discourse.py``, ``counterpart_recipients``).
CONTEXT_RECIPIENT = "discourse:counterpart"


def roles_of(actor: Sized, recipient: Sized, rule: str | None = None) -> str:
    """``both``, ``one``, ``none`` or ``context``: which of an event's actor and recipient
    were found, and where.

    Two parties or more as actor with no recipient count as both: that is PLOVER's form of
    a reciprocal event ("the two presidents met": every party is the actor). An event whose
    rule ends in the step that gave it the article's other party as recipient is
    ``context``: such a guess is right less often than a recipient its sentence names."""
    if rule is not None and rule.endswith("+" + CONTEXT_RECIPIENT):
        return "context"
    if len(actor) >= 2 and not recipient:
        return "both"
    return ROLES[2 - bool(actor) - bool(recipient)]


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    """One step of the map: raw scores in [raw_from, raw_to] become ``calibrated``."""

    id: str
    roles: str
    raw_from: float
    raw_to: float
    calibrated: float
    n: int
    source: str
    where: str


class ConfidenceTable:
    """A monotone step map from raw confidence to calibrated confidence.

    A raw value no row covers (between two steps, or outside them) is kept as it is.
    """

    def __init__(self, rows: Iterable[CalibrationRow]) -> None:
        self.rows = tuple(rows)
        self._steps = {r: tuple(x for x in self.rows if x.roles == r) for r in ROLES}
        self._starts = {r: [x.raw_from for x in steps] for r, steps in self._steps.items()}
        for steps in self._steps.values():
            check_rows(steps)

    def __call__(self, raw: float, roles: str = "both") -> float:
        """The calibrated confidence of the raw score ``raw`` of an event whose roles are
        ``roles`` (``both``, ``one``, ``none`` or ``context``, see ``roles_of``)."""
        steps = self._steps.get(roles, ())
        k = bisect.bisect_right(self._starts.get(roles, []), raw) - 1
        if k >= 0 and raw <= steps[k].raw_to:
            return steps[k].calibrated
        return raw

    @classmethod
    def load(cls, path: str | Path = DEFAULT_FILE) -> ConfidenceTable:
        """Reads a calibration file.

        Raises:
            ConfigError: the file cannot be read, a line is malformed, or the rows are
                unordered, overlap, or decrease.
        """
        return cls(read_confidence_table(path))

    @classmethod
    def default(cls) -> ConfidenceTable:
        """Our packaged table, loaded once per process."""
        return _default()

    @classmethod
    def identity(cls) -> ConfidenceTable:
        """The table with no rows: every raw score is kept (what calibration is fit on)."""
        return cls(())


@functools.lru_cache(maxsize=1)
def _default() -> ConfidenceTable:
    return ConfidenceTable.load()


def check_rows(rows: tuple[CalibrationRow, ...]) -> None:
    """Refuses a table that is no monotone step map.

    Raises:
        ConfigError: a row's range is empty or out of [0, 1], rows overlap or are out of
            order, a calibrated value is out of [0, 1] or lower than the one before.
    """
    for k, row in enumerate(rows):
        if not 0.0 <= row.raw_from <= row.raw_to <= 1.0:
            raise ConfigError(
                f"{row.where}: raw_from {row.raw_from} and raw_to {row.raw_to} must satisfy "
                "0 <= raw_from <= raw_to <= 1."
            )
        if not 0.0 <= row.calibrated <= 1.0:
            raise ConfigError(f"{row.where}: calibrated {row.calibrated} is not in [0, 1].")
        if k:
            before = rows[k - 1]
            if row.raw_from <= before.raw_to:
                raise ConfigError(
                    f"{row.where}: raw_from {row.raw_from} is not above the previous row's "
                    f"raw_to {before.raw_to}; rows must be ordered and must not overlap."
                )
            if row.calibrated < before.calibrated:
                raise ConfigError(
                    f"{row.where}: calibrated {row.calibrated} is below the previous row's "
                    f"{before.calibrated}; the map must not decrease."
                )


def read_confidence_table(path: str | Path) -> list[CalibrationRow]:
    """Reads one calibration file (``data/rules/confidence.tsv`` format).

    Raises:
        ConfigError: the file is missing, has no header, or a line is malformed.
    """
    rows: list[CalibrationRow] = []
    for where, cols in read_rule_table(path, COLUMNS, "Confidence file"):
        if cols[1] not in ROLES:
            raise ConfigError(f"{where}: roles is {cols[1]!r}; it takes {', '.join(ROLES)}.")
        try:
            raw_from, raw_to, calibrated = (float(c) for c in cols[2:5])
            count = int(cols[5])
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}; raw_from, raw_to, calibrated are numbers.") from exc
        rows.append(
            CalibrationRow(cols[0], cols[1], raw_from, raw_to, calibrated, count, cols[6], where)
        )
    return rows
