"""Quality gate: event coding on the gold sets may not fall below the pinned floors.

The floors and the sha256 of each gold file live in ``tests/eval_floors.json``. A metric
may dip by at most ``tolerance`` (noise); lowering a floor is an explicit change to that
file with its reason in the commit message. The gold data sits in ``../shared`` next to
the repository (as on CI) or where $THUCYDIDES_SHARED says; without it the gate is skipped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from thucydides.evaluate import evaluate

from .conftest import SHARED

GOLD_DIR = SHARED / "data" / "gold"
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not GOLD_DIR.exists(),
        reason=f"gold data not found at {GOLD_DIR} (a test set, not shipped: ../shared)",
    ),
]

METRICS = {
    "micro_f1": lambda r: r.micro.f1,
    "micro_precision": lambda r: r.micro.precision,
    "micro_recall": lambda r: r.micro.recall,
    "actor_country_accuracy": lambda r: r.actor_country.value,
    "recipient_country_accuracy": lambda r: r.recipient_country.value,
}


@pytest.fixture(scope="module")
def reports(parser):
    return {name: evaluate(GOLD_DIR / name, parser=parser) for name in FLOORS["gold"]}


@pytest.mark.parametrize("name", sorted(FLOORS["gold"]))
def test_gold_file_is_the_one_the_floors_were_measured_on(name):
    digest = hashlib.sha256((GOLD_DIR / name).read_bytes()).hexdigest()
    assert digest == FLOORS["gold"][name]["sha256"], (
        f"{name} changed since the floors were pinned: re-run benchmarks/eval_events.py and "
        "update tests/eval_floors.json (sha256 and floors) in a reviewed commit."
    )


@pytest.mark.parametrize(
    ("name", "metric"),
    [
        (name, metric)
        for name in sorted(FLOORS["gold"])
        for metric in FLOORS["gold"][name]["floors"]
    ],
)
def test_no_regression_beyond_tolerance(reports, name, metric):
    value = METRICS[metric](reports[name])
    floor = FLOORS["gold"][name]["floors"][metric]
    assert value >= floor - FLOORS["tolerance"], (
        f"{metric} on {name} fell to {value:.4f} (floor {floor:.4f}, tolerance "
        f"{FLOORS['tolerance']}). Run benchmarks/eval_events.py --errors 50 to see what broke."
    )
