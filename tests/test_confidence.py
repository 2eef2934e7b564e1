"""The calibration stage: raw coder scores mapped through the table, unknown ones kept."""

from __future__ import annotations

from thucydides.extract.confidence import calibrate
from thucydides.knowledge.confidence import CalibrationRow, ConfidenceTable
from thucydides.records import Event, Span


def _table() -> ConfidenceTable:
    return ConfidenceTable([
        CalibrationRow("c1", "both", 0.0, 0.49, 0.1, 30, "test", "t:1"),
        CalibrationRow("c2", "both", 0.6, 1.0, 0.4, 30, "test", "t:2"),
        CalibrationRow("c3", "one", 0.0, 1.0, 0.05, 30, "test", "t:3"),
    ])  # fmt: skip


def _event(confidence: float, actor=("A1",), recipient=("A2",)) -> Event:
    return Event(
        "E1", "ASSAULT", Span(0, 4, "text"), "attacked", confidence=confidence, actor=actor,
        recipient=recipient,
    )  # fmt: skip


def test_a_raw_score_takes_the_value_of_its_step() -> None:
    events = calibrate([_event(0.3), _event(0.49), _event(0.6), _event(0.95)], _table())
    assert [e.confidence for e in events] == [0.1, 0.1, 0.4, 0.4]


def test_an_event_with_one_role_takes_its_own_map() -> None:
    """A recipient-less event is right less often than one with both roles: its own map."""
    (one,) = calibrate([_event(0.95, recipient=())], _table())
    (both,) = calibrate([_event(0.95)], _table())
    assert (one.confidence, both.confidence) == (0.05, 0.4)
    # no row for events with neither role: the raw score is kept
    assert calibrate([_event(0.95, actor=(), recipient=())], _table())[0].confidence == 0.95


def test_a_raw_score_no_row_covers_is_kept() -> None:
    assert calibrate([_event(0.55)], _table())[0].confidence == 0.55


def test_the_identity_table_keeps_the_raw_scores() -> None:
    events = (_event(0.3), _event(0.8))
    assert calibrate(events, ConfidenceTable.identity()) == events


def test_the_packaged_table_covers_every_raw_score_of_each_kind_of_roles() -> None:
    table = ConfidenceTable.default()
    # "none" has no row: events with neither actor nor recipient are not coded
    for roles in ("both", "one", "context"):
        rows = [r for r in table.rows if r.roles == roles]
        assert rows[0].raw_from == 0.0 and rows[-1].raw_to == 1.0, roles
        for a, b in zip(rows, rows[1:], strict=False):
            assert round(b.raw_from - a.raw_to, 2) == 0.01  # contiguous on the 0.01 grid


def test_the_fit_pools_adjacent_violators_and_small_blocks() -> None:
    from benchmarks.calibrate import fit, to_rows

    points = [(0.1, False), (0.2, True), (0.3, False), (0.4, True), (0.4, True)]
    # 0.2 (right) then 0.3 (wrong) violate the order: pooled into one block of rate 1/2
    assert [(b.lo, b.hi, b.rate) for b in fit(points, min_block=1)] == [
        (0.1, 0.1, 0.0),
        (0.2, 0.3, 0.5),
        (0.4, 0.4, 1.0),
    ]
    # blocks under two events join a neighbour; the map stays monotone
    table = ConfidenceTable(to_rows(fit(points, min_block=2), "both", "test"))
    assert [(r.raw_from, r.raw_to) for r in table.rows] == [(0.0, 0.39), (0.4, 1.0)]
    assert [r.calibrated for r in table.rows] == [0.33, 1.0]
