"""The service's role, modality and confidence filters (serve/refine.py), on hand-built events."""

from __future__ import annotations

import pytest

from thucydides.errors import ConfigError
from thucydides.records import EventDate, Span
from thucydides.serve.catalog import EventItem, Filters, Party
from thucydides.serve.refine import EventRefinement


def _event(
    event_id: str,
    actors: tuple[tuple[str, str | None], ...],
    recipients: tuple[tuple[str, str | None], ...],
    modality: str = "asserted",
    confidence: float = 0.5,
) -> EventItem:
    def parties(names: tuple[tuple[str, str | None], ...], prefix: str) -> tuple[Party, ...]:
        return tuple(Party(f"{prefix}{i}", n, c) for i, (n, c) in enumerate(names))

    return EventItem(
        article_id="a",
        event_id=event_id,
        event="ASSAULT",
        quad_code=4,
        mode=None,
        cameo=None,
        modality=modality,
        date=EventDate(),
        published=None,
        filed_under=None,
        actors=parties(actors, "A"),
        recipients=parties(recipients, "R"),
        reported_by=None,
        place=None,
        event_text="attacked",
        trigger=None,
        sentence=Span(0, 8, "attacked"),
        confidence=confidence,
        title=None,
        url=None,
    )


EVENTS = [
    _event("E1", (("Russian forces", "RUS"),), (("Ukraine", "UKR"),)),
    _event("E2", (("Ukraine", "UKR"),), (("Russian forces", "RUS"),), "negated", 0.9),
    _event("E3", (("Hamas", None),), (("Israel", "ISR"),), "hypothetical", 0.1),
    _event("E4", (("Israel", "ISR"),), (), "future", 0.3),
]


def _ids(refine: EventRefinement, filters: Filters) -> list[str]:
    return [e.event_id for e in refine.apply(EVENTS, filters)]


@pytest.mark.parametrize(
    ("role", "filters", "expected"),
    [
        ("either", Filters(actor="russian"), ["E1", "E2", "E3", "E4"]),  # not narrowed here
        ("actor", Filters(actor="russian"), ["E1"]),
        ("recipient", Filters(actor="RUSSIAN"), ["E2"]),
        ("actor", Filters(country="isr"), ["E4"]),
        ("recipient", Filters(country="ISR"), ["E3"]),
        ("recipient", Filters(actor="israel", country="UKR"), []),
        ("actor", Filters(), ["E1", "E2", "E3", "E4"]),  # no actor or country: no side
    ],
)
def test_role_picks_the_side(role: str, filters: Filters, expected: list[str]) -> None:
    assert _ids(EventRefinement.parse(role, None, None), filters) == expected


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
    modality: str | None, min_confidence: float | None, expected: list[str]
) -> None:
    assert _ids(EventRefinement.parse(None, modality, min_confidence), Filters()) == expected


def test_nothing_asked_narrows_nothing() -> None:
    assert not EventRefinement().narrows
    assert not EventRefinement.parse(None, "all", None).narrows
    assert EventRefinement.parse("actor", None, None).narrows


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
