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

The store applies them, in SQL, as the ``role``, ``modalities`` and ``min_confidence`` of
an ``EventQuery`` (``narrow``): the service never filters a list of events in Python, so
its memory does not grow with the store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from ..errors import ConfigError
from ..store import EventQuery
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
        # The store's checks of the modalities and the share.
        EventQuery(modalities=self.modalities, min_confidence=self.min_confidence)

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
            or self._modalities is not None
            or (self.min_confidence is not None)
        )

    @property
    def picks_side(self) -> bool:
        """Whether ``role`` narrows what the actor and country filters match."""
        return self.role != "either"

    @property
    def _modalities(self) -> tuple[str, ...] | None:
        """The modalities kept, or None when every one is (no filter to apply)."""
        if self.modalities is None or set(self.modalities) == set(MODALITIES):
            return None
        return self.modalities

    def narrow(self, query: EventQuery) -> EventQuery:
        """``query`` narrowed by these filters too, for the store to apply (in SQL).

        A role with neither an actor nor a country filter picks nothing, and every
        modality is no filter: both are left out, so that an unfiltered view still reads
        the counts kept at ingest.
        """
        side = self.role if (query.actor or query.country) else "either"
        confidence = query.min_confidence
        if self.min_confidence is not None:
            confidence = max(confidence or 0.0, self.min_confidence)
        modalities = self._modalities if self._modalities is not None else query.modalities
        return dataclasses.replace(
            query, role=side, modalities=modalities, min_confidence=confidence
        )


#: No refinement: every event the filters match.
EVERY_EVENT = EventRefinement()
