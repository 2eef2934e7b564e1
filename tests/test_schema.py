"""The packaged JSON Schema and the contract's prose rules catch broken records."""

from __future__ import annotations

import copy

import pytest

from tests.test_records import _record
from thucydides.errors import SchemaError
from thucydides.schema import load_schema, record_problems, validate_record


def test_schema_ships_with_the_package() -> None:
    schema = load_schema()
    assert schema["properties"]["schema_version"] == {"const": "1"}
    assert len(schema["properties"]["events"]["items"]["properties"]["event"]["enum"]) == 16


def test_a_good_record_passes() -> None:
    validate_record(_record().as_dict())


def _break(path: list, value) -> dict:
    data = copy.deepcopy(_record().as_dict())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["events", 0, "actor"], ["A9"], "no actor A9"),
        (["events", 0, "reported_by"], "A7", "no actor A7"),
        (["events", 0, "event_loc"], "P4", "no place P4"),
        (["quotes", 0, "speaker"], "A3", "no actor A3"),
        (["actors", 0, "mentions", 0, "end"], 5, "is not 'Russia'"),
        (["events", 0, "event"], "INVADE", "is not one of"),
        (["events", 0, "modality"], "probable", "is not one of"),
        (["actors", 0, "country"], "Russia", "does not match"),
        (["source", "published"], "18 Jan 2017", "does not match"),
        (["removed", 0, "kind"], "junk", "is not one of"),
        (["events", 0, "confidence"], 1.5, "greater than the maximum"),
    ],
)
def test_broken_records_are_refused_with_the_reason(path, value, expected) -> None:
    data = _break(path, value)
    problems = record_problems(data)
    assert any(expected in p for p in problems), problems
    with pytest.raises(SchemaError, match="breaks the article-record contract"):
        validate_record(data)


def test_missing_required_field_is_named() -> None:
    data = _record().as_dict()
    del data["quotes"]
    assert any("'quotes' is a required property" in p for p in record_problems(data))
