"""The article-record JSON Schema that ships with the package, and validation against it.

The schema checks shapes and value sets; ``validate_record`` also checks the rules the
contract states in prose: offsets index the record's own text, and every id an event or
quote names exists in the same record.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from ..errors import SchemaError

SCHEMA_FILE = "article-record.schema.json"


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """Returns the packaged JSON Schema of the article record."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def _validator():  # type: ignore[no-untyped-def]
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema())


def record_problems(data: dict[str, Any]) -> list[str]:
    """Returns every way ``data`` breaks the contract (empty when it keeps it).

    Args:
        data: an article record as JSON data (``ArticleRecord.as_dict()``).
    """
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
        for e in _validator().iter_errors(data)
    ]
    if problems:
        return problems
    text = data["text"]
    spans: list[tuple[str, dict[str, Any]]] = []
    for kind in ("actors", "places"):
        for item in data[kind]:
            spans += [(f"{kind}/{item['id']}", m) for m in item["mentions"]]
    spans += [(f"events/{e['id']}/sentence", e["sentence"]) for e in data["events"]]
    spans += [
        (f"events/{e['id']}/trigger", e["trigger"]) for e in data["events"] if e.get("trigger")
    ]
    for where, span in spans:
        if text[span["start"] : span["end"]] != span["text"]:
            problems.append(f"{where}: span {span['start']}:{span['end']} is not {span['text']!r}")
    for q in data["quotes"]:
        if not (0 <= q["start"] <= q["end"] <= len(text)):
            problems.append(f"quotes/{q['id']}: span {q['start']}:{q['end']} outside the text")
    actor_ids = {a["id"] for a in data["actors"]}
    place_ids = {p["id"] for p in data["places"]}
    for e in data["events"]:
        named = [*e["actor"], *e["recipient"], *([e["reported_by"]] if e["reported_by"] else [])]
        problems += [f"events/{e['id']}: no actor {a}" for a in named if a not in actor_ids]
        if e["event_loc"] is not None and e["event_loc"] not in place_ids:
            problems.append(f"events/{e['id']}: no place {e['event_loc']}")
    for q in data["quotes"]:
        if q["speaker"] is not None and q["speaker"] not in actor_ids:
            problems.append(f"quotes/{q['id']}: no actor {q['speaker']}")
    return problems


def validate_record(data: dict[str, Any]) -> None:
    """Raises ``SchemaError`` listing every problem when ``data`` breaks the contract."""
    problems = record_problems(data)
    if problems:
        raise SchemaError(
            f"record {data.get('id', '?')!r} breaks the article-record contract: "
            + "; ".join(problems[:10])
        )
