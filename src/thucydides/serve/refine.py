"""The event filters the service adds over the catalog's: role, modality and confidence.

``Filters`` (``catalog.py``) say which events match the way ``thucydides events`` does;
an ``EventRefinement`` narrows the matching events further, for every view and export
alike, so that the table, the network, the timeline, the map and the CSV show the same
events:

==============  ========================================================================
role            which side the ``actor`` and ``country`` filters look at: ``actor`` (the
                one who acts), ``recipient`` (the one acted on), or ``either`` (default)
modality        the modalities kept (asserted, future, hypothetical, negated); all when
                not given, so "no passengers were killed" is kept unless asked otherwise
min_confidence  the lowest calibrated confidence kept, 0 to 1
==============  ========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..errors import ConfigError
from ..store import EventQuery
from .catalog import EventItem, Filters, Party
from .export import MODALITIES, parse_modalities

Role = Literal["actor", "recipient", "either"]

ROLES: tuple[Role, ...] = ("either", "actor", "recipient")


@dataclass(frozen=True, slots=True)
class EventRefinement:
    """Role, modality and confidence filters over events; see the module doc.

    Raises:
        ConfigError: an unknown role or modality, or a confidence outside 0 to 1.
    """

    role: Role = "either"
    modalities: tuple[str, ...] | None = None  # None: not asked, every modality
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ConfigError(f'Unknown role "{self.role}". Valid roles: {", ".join(ROLES)}.')
        EventQuery(min_confidence=self.min_confidence)  # the store's check of the share

    @classmethod
    def parse(
        cls, role: str | None, modality: str | None, min_confidence: float | None
    ) -> EventRefinement:
        """Reads the query parameters ``role``, ``modality`` ("asserted,future", "all")
        and ``min_confidence``; a missing one keeps every event."""
        return cls(
            role=(role or "either").lower(),  # type: ignore[arg-type]
            modalities=parse_modalities(modality) if modality else None,
            min_confidence=min_confidence,
        )

    @property
    def narrows(self) -> bool:
        """Whether these filters can leave an event out at all."""
        return (
            self.role != "either"
            or (self.modalities is not None and set(self.modalities) != set(MODALITIES))
            or self.min_confidence is not None
        )

    def keeps(self, item: EventItem, filters: Filters) -> bool:
        """Tells whether ``item`` (which matches ``filters``) passes these filters too."""
        if self.modalities is not None and item.modality not in self.modalities:
            return False
        if self.min_confidence is not None and item.confidence < self.min_confidence:
            return False
        if self.role == "either" or not (filters.actor or filters.country):
            return True
        parties = item.actors if self.role == "actor" else item.recipients
        return _names_party(parties, filters.actor, filters.country)

    @property
    def picks_side(self) -> bool:
        """Whether ``role`` narrows what the actor and country filters match."""
        return self.role != "either"

    def apply(self, items: Iterable[EventItem], filters: Filters) -> list[EventItem]:
        """The events of ``items`` these filters keep, in their order."""
        if not self.narrows:
            return list(items)
        return [item for item in items if self.keeps(item, filters)]


def _names_party(parties: tuple[Party, ...], actor: str | None, country: str | None) -> bool:
    """Whether ``parties`` match the actor and country filters, read as the store reads
    them over both sides (a piece of a name, case-insensitive; an ISO alpha-3 code)."""
    needle = actor.casefold() if actor else None
    named = needle is None or any(needle in party.name.casefold() for party in parties)
    placed = country is None or any((p.country or "") == country.upper() for p in parties)
    return named and placed
