"""The calibration stage: raw coder scores mapped through the table, unknown ones kept."""

from __future__ import annotations

from thucydides.extract.confidence import calibrate
from thucydides.knowledge.confidence import CalibrationRow, ConfidenceTable
from thucydides.records import Event, Span


def _table() -> ConfidenceTable:
    return ConfidenceTable([
        CalibrationRow("c1", 0.0, 0.49, 0.1, 30, "test", "t:1"),
        CalibrationRow("c2", 0.6, 1.0, 0.4, 30, "test", "t:2"),
    ])  # fmt: skip


def _event(confidence: float) -> Event:
    return Event("E1", "ASSAULT", Span(0, 4, "text"), "attacked", confidence=confidence)


def test_a_raw_score_takes_the_value_of_its_step() -> None:
    events = calibrate([_event(0.3), _event(0.49), _event(0.6), _event(0.95)], _table())
    assert [e.confidence for e in events] == [0.1, 0.1, 0.4, 0.4]


def test_a_raw_score_no_row_covers_is_kept() -> None:
    assert calibrate([_event(0.55)], _table())[0].confidence == 0.55


def test_the_identity_table_keeps_the_raw_scores() -> None:
    events = (_event(0.3), _event(0.8))
    assert calibrate(events, ConfidenceTable.identity()) == events


def test_the_packaged_table_covers_every_raw_score() -> None:
    table = ConfidenceTable.default()
    assert table.rows[0].raw_from == 0.0 and table.rows[-1].raw_to == 1.0
    for a, b in zip(table.rows, table.rows[1:], strict=False):
        assert round(b.raw_from - a.raw_to, 2) == 0.01  # contiguous on the 0.01 grid
