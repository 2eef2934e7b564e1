"""The probe set (benchmarks/probes.py): every probe is well formed, and the scorer
counts a match, a type-only match and a spurious event as it says."""

from __future__ import annotations

import json

from benchmarks.probes import DATA, _spec, score


def _probes() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def test_every_probe_has_a_family_a_text_and_well_formed_specs() -> None:
    probes = _probes()
    assert len(probes) >= 300
    for p in probes:
        assert p["family"] and p["text"].strip()
        for spec in [*p["expected"], *p["ok"]]:
            parsed = _spec(spec)
            assert parsed["types"] and parsed["actor"] and parsed["recipient"], spec


def _event(kind: str, actor: list[tuple[str, str]], recipient: list[tuple[str, str]]) -> dict:
    return {
        "type": kind,
        "modality": "asserted",
        "actor": [{"name": n, "country": c} for n, c in actor],
        "recipient": [{"name": n, "country": c} for n, c in recipient],
    }


def test_the_scorer_tells_full_type_only_and_spurious_events_apart() -> None:
    probe = {"expected": ["ASSAULT RUS > UKR", "ACCUSE UKR > RUS"], "forbid": ["PROTEST"]}
    events = [
        _event("ASSAULT", [("Russian forces", "RUS")], [("Ukraine", "UKR")]),
        _event("ACCUSE", [("Ukraine", "UKR")], [("NATO", None)]),
        _event("PROTEST", [("Ukraine", "UKR")], []),
    ]
    result = score(probe, events)
    assert result["outcome"] == ["full", "type"]
    assert result["spurious"] == [2] and result["forbidden"] == [2]
