"""Records convert to the contract's JSON and back without loss."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from thucydides.records import (
    Actor,
    ArticleRecord,
    Event,
    EventDate,
    Place,
    Quote,
    Record,
    Removed,
    Source,
    Span,
)


def _record() -> ArticleRecord:
    text = "Russia armed Hiftar in Benghazi."
    return ArticleRecord(
        id="abc",
        source=Source(authors=("Bel Trew",), published="2017-01-18", language="en"),
        text=text,
        removed=(Removed("byline", "By Bel Trew"),),
        actors=(
            Actor("A1", "Russia", "state", "RUS", "GOV", "RUSGOV", (Span(0, 6, "Russia"),)),
            Actor("A2", "Hiftar", "person", "LBY", "MIL", "LBYMIL", (Span(13, 19, "Hiftar"),)),
        ),
        places=(
            Place("P1", "Benghazi", 88319, 32.1, 20.1, "LBY", "city", (Span(23, 31, "Benghazi"),)),
        ),
        events=(
            Event(
                id="E1",
                event="AID",
                sentence=Span(0, len(text), text),
                event_text="armed",
                actor=("A1",),
                recipient=("A2",),
                date=EventDate("2017-01-09", "2017-01-15", "last week"),
                event_loc="P1",
                context=("military",),
                confidence=0.8,
            ),
        ),
        quotes=(Quote("Q1", "direct", "We armed him", 0, 12, "A1", "Russia", "said"),),
    )


def test_round_trip_through_json_is_lossless() -> None:
    record = _record()
    data = json.loads(json.dumps(record.as_dict()))
    assert ArticleRecord.from_dict(data) == record


def test_contract_field_order_and_types() -> None:
    data = _record().as_dict()
    assert list(data)[:3] == ["schema_version", "id", "source"]
    assert data["schema_version"] == "1"
    assert data["events"][0]["actor"] == ["A1"]
    assert data["events"][0]["date"]["text"] == "last week"
    assert data["events"][0]["date"]["start"] == "2017-01-09"
    assert data["removed"] == [{"kind": "byline", "text": "By Bel Trew"}]


def test_unknown_keys_are_ignored_when_reading() -> None:
    data = _record().as_dict()
    data["future_field"] = 1
    assert ArticleRecord.from_dict(data) == _record()


def test_missing_fields_take_their_defaults_and_a_missing_required_one_is_refused() -> None:
    sentence = {"start": 0, "end": 1, "text": "R"}
    event = Event.from_dict({"id": "E1", "event": "AID", "sentence": sentence, "event_text": "R"})
    assert event == Event("E1", "AID", Span(0, 1, "R"), "R")
    assert event.date == EventDate() and event.context == () and event.trigger is None
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'text'"):
        Span.from_dict({"start": 0, "end": 1})


def test_a_record_built_from_plain_data_is_the_record_its_class_builds() -> None:
    # from_dict fills the slots of a frozen record without calling __init__ (records.py,
    # _builder): the object must still be the frozen, hashable, picklable record.
    record = ArticleRecord.from_dict(_record().as_dict())
    assert record == _record() and hash(record.actors[0].mentions[0]) == hash(Span(0, 6, "Russia"))
    assert pickle.loads(pickle.dumps(record)) == record
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.actors[0].mentions[0].start = 1  # type: ignore[misc]


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked(Record):
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_a_record_with_post_init_is_built_through_its_init() -> None:
    assert _Checked.from_dict({"value": 1}) == _Checked(1)
    with pytest.raises(ValueError, match="negative"):
        _Checked.from_dict({"value": -1})
