"""Confidence calibration: the last stage, mapping each event's raw score to precision.

The coder's score (``extract/events/output.py``) ranks events; the calibration table
(``data/rules/confidence.tsv``, fit by ``benchmarks/calibrate.py``) turns that rank into
the share of such events that were right on the dev set, so that ``--min-confidence 0.8``
keeps events that are right about 80% of the time there. The map is read per kind of
roles found: an event with both an actor and a recipient is right far more often than one
with either alone, whatever its trigger's score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..knowledge.confidence import ConfidenceTable, roles_of
from ..records import Event


def calibrate(events: Sequence[Event], table: ConfidenceTable) -> tuple[Event, ...]:
    """Replaces each event's raw confidence by its calibrated value.

    Args:
        events: the article's events, with the coder's raw confidence.
        table: the calibration map; a raw value it has no row for is kept.

    Returns:
        The events in the same order; ``ConfidenceTable.identity()`` returns them as they
        are (the raw scores, which is what ``benchmarks/calibrate.py`` fits on).
    """
    if not table.rows:
        return tuple(events)
    out = []
    for e in events:
        value = table(e.confidence, roles_of(e.actor, e.recipient, e.rule))
        out.append(dataclasses.replace(e, confidence=value) if value != e.confidence else e)
    return tuple(out)
