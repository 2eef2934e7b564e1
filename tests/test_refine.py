"""The service's role, modality and confidence filters (serve/refine.py): the store applies
them (in SQL, on both backends) to every list and view of the catalog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from thucydides.errors import ConfigError
from thucydides.records import Actor, ArticleRecord, Event, Source, Span
from thucydides.serve.catalog import Catalog, Filters
from thucydides.serve.refine import EventRefinement
from thucydides.store import EventQuery, open_store

TEXT = "Russian forces attacked Ukraine. Ukraine did not attack. Hamas may attack Israel."
SENTENCE = Span(0, 32, TEXT[:32])
ACTORS = {
    "Russian forces": ("A1", "RUS"),
    "Ukraine": ("A2", "UKR"),
    "Hamas": ("A3", None),
    "Israel": ("A4", "ISR"),
}


def _event(
    event_id: str,
    actors: tuple[str, ...],
    recipients: tuple[str, ...],
    modality: str = "asserted",
    confidence: float = 0.5,
) -> Event:
    return Event(
        event_id,
        "ASSAULT",
        SENTENCE,
        "attacked",
        quad_code=4,
        modality=modality,  # type: ignore[arg-type]
        actor=tuple(ACTORS[name][0] for name in actors),
        recipient=tuple(ACTORS[name][0] for name in recipients),
        confidence=confidence,
    )


EVENTS = (
    _event("E1", ("Russian forces",), ("Ukraine",)),
    _event("E2", ("Ukraine",), ("Russian forces",), "negated", 0.9),
    _event("E3", ("Hamas",), ("Israel",), "hypothetical", 0.1),
    _event("E4", ("Israel",), (), "future", 0.3),
)


@pytest.fixture
def catalog(backend) -> Iterator[Catalog]:
    """The four events above, in one article of a fresh store of each backend."""
    record = ArticleRecord(
        id="a",
        source=Source(title="A", published="2024-03-01"),
        text=TEXT,
        actors=tuple(
            Actor(actor_id, name, "state", country, None, country, (SENTENCE,))
            for name, (actor_id, country) in ACTORS.items()
        ),
        events=EVENTS,
    )
    with open_store(backend.new_url()) as store:
        store.upsert(record)
        yield Catalog(store)


def _ids(catalog: Catalog, refine: EventRefinement, filters: Filters) -> list[str]:
    """The events the list, the count, the timeline and the network agree on."""
    found = catalog.events(filters, refine=refine)
    ids = [e.event_id for e in found.items]
    assert found.total == len(ids)
    timeline = catalog.timeline(filters, None, refine)
    assert sum(b.count for b in timeline.buckets) + timeline.undated == len(ids)
    edges = sum(e.count for e in catalog.network(filters, refine).edges)
    assert edges == sum(1 for e in found.items if e.actors and e.recipients)
    assert catalog.event_map(filters, refine).unplaced == len(ids)  # no event has a place
    return sorted(ids)


@pytest.mark.parametrize(
    ("role", "filters", "expected"),
    [
        ("either", Filters(actor="russian"), ["E1", "E2"]),  # either side
        ("actor", Filters(actor="russian"), ["E1"]),
        ("recipient", Filters(actor="RUSSIAN"), ["E2"]),
        ("actor", Filters(country="isr"), ["E4"]),
        ("recipient", Filters(country="ISR"), ["E3"]),
        ("recipient", Filters(actor="israel", country="UKR"), []),
        ("actor", Filters(), ["E1", "E2", "E3", "E4"]),  # no actor or country: no side
    ],
)
def test_role_picks_the_side(
    catalog: Catalog, role: str, filters: Filters, expected: list[str]
) -> None:
    assert _ids(catalog, EventRefinement.parse(role, None, None), filters) == expected


@pytest.mark.parametrize(
    ("modality", "min_confidence", "expected"),
    [
        (None, None, ["E1", "E2", "E3", "E4"]),
        ("all", None, ["E1", "E2", "E3", "E4"]),
        ("asserted,future", None, ["E1", "E4"]),
        ("Negated", None, ["E2"]),
        (None, 0.3, ["E1", "E2", "E4"]),
        ("asserted,future", 0.4, ["E1"]),
        (None, 1.0, []),
    ],
)
def test_modality_and_confidence(
    catalog: Catalog, modality: str | None, min_confidence: float | None, expected: list[str]
) -> None:
    refine = EventRefinement.parse(None, modality, min_confidence)
    assert _ids(catalog, refine, Filters()) == expected


def test_nothing_asked_narrows_nothing() -> None:
    assert not EventRefinement().narrows
    assert not EventRefinement.parse(None, "all", None).narrows
    assert EventRefinement.parse("actor", None, None).narrows


def test_the_filters_go_into_the_stores_query() -> None:
    refine = EventRefinement.parse("recipient", "future,asserted", 0.25)
    assert refine.narrow(EventQuery(actor="x")) == EventQuery(
        actor="x", role="recipient", modalities=("asserted", "future"), min_confidence=0.25
    )
    # Nothing to narrow leaves the query as it was, so it still reads the counts kept
    # at ingest: a role with no actor or country, every modality.
    assert EventRefinement.parse("actor", "all", None).narrow(EventQuery()) == EventQuery()
    # The higher of two shares wins.
    assert refine.narrow(EventQuery(min_confidence=0.5)).min_confidence == 0.5


@pytest.mark.parametrize(
    ("role", "modality", "min_confidence", "message"),
    [
        ("bystander", None, None, 'Unknown role "bystander". Valid roles: either, actor'),
        (None, "maybe", None, 'Unknown modality "maybe". Valid: asserted, future'),
        (None, None, 1.5, "min_confidence 1.5 is not between 0 and 1"),
    ],
)
def test_bad_values_name_the_valid_ones(
    role: str | None, modality: str | None, min_confidence: float | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        EventRefinement.parse(role, modality, min_confidence)
