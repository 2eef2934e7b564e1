"""Stored events in the formats event-data users already read.

``export_events`` writes one row per event in one of five formats:

==============  =========================================================================
plover-jsonl    PLOVER JSON Lines: the fields of the PLOVER manual's data-format chapter
polecat-tsv     POLECAT's 40 tab-separated columns, names and order as released
icews-tsv       ICEWS's 20 tab-separated columns, as the icews R package reads them
csv             Thucydides' own flat event table (``TABLE_FIELDS``), quoted CSV
parquet         the same table as Parquet, with list columns (the ``parquet`` extra)
==============  =========================================================================

Stages: ``select_events`` picks (record, event) pairs from a store; one row builder per
format (``plover_event``, ``polecat_row``, ``icews_row``, ``table_row``) maps a pair through
the code tables of ``data/export/``; one writer per format streams the rows out. Which of
our fields fills which column, and why, is in ``docs/export.md``.

By default only asserted and future events are exported: POLECAT and ICEWS have no field
that could tell a reader an event was hypothetical or negated, so those rows would read as
events that happened. ``modalities`` opts them in. Following the PLOVER manual (section
"Auxiliary modes"), a non-asserted event carries its auxiliary mode ("future",
"hypothetical", "negation") in its contexts, so it stays recognisable in every format.

Notes:
    TSV is written the "linear TSV" way (one record per line, no quoting; a tab, newline,
    carriage return or backslash inside a value becomes ``\\t \\n \\r \\\\``), because the
    icews R package reads ICEWS files with quoting turned off (``readr::read_tsv(quote =
    "")`` in andybega/icews ``R/read_events_tsv.R``): quote marks must stay literal and a
    record must not span lines. ``read_tsv`` reads such a file back.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import operator
import os
import shutil
import sys
import typing
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from .. import __version__
from ..errors import ConfigError, RecordNotFound
from ..formulas import FORMULA_STARTS, neutralise_formula
from ..knowledge.actors import default_knowledge
from ..records import FACTUAL, Actor, ArticleRecord, Event, Modality, Place, Source, Span
from ..store import EventQuery, Store

FORMATS = ("plover-jsonl", "polecat-tsv", "icews-tsv", "csv", "parquet")
MODALITIES: tuple[str, ...] = typing.get_args(Modality)
DEFAULT_MODALITIES: tuple[str, ...] = FACTUAL

#: The pip command that installs what ``--format parquet`` needs.
PARQUET_INSTALL = "pip install 'thucydides[parquet]'"

#: PLOVER's auxiliary modes for our modalities (PLOVER manual, "Auxiliary modes").
AUXILIARY_MODES = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}

#: Who coded the events, and by which codebook, for PLOVER's ``coder`` and ``cite_info``.
CODER = f"thucydides {__version__}"
CODEBOOK = "PLOVER manual draft 2.0"

#: Separator of several values in one TSV or CSV cell (compound actors, contexts, names).
JOIN = ";"

POLECAT_COLUMNS = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)

ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)

#: Our own event table (csv and parquet): column name and type. ``list`` columns hold one
#: value per actor (or context) in record order; CSV joins them with ";".
TABLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "str"),
    ("article_id", "str"),
    ("event_id", "str"),
    ("date", "str"),
    ("date_end", "str"),
    ("date_text", "str"),
    ("date_basis", "str"),
    ("published", "str"),
    ("event", "str"),
    ("mode", "str"),
    ("context", "list"),
    ("quad_code", "int"),
    ("plover_score", "float"),
    ("cameo", "str"),
    ("cameo_name", "str"),
    ("goldstein", "float"),
    ("modality", "str"),
    ("confidence", "float"),
    ("actor", "list"),
    ("actor_country", "list"),
    ("actor_cow", "int_list"),
    ("actor_sector", "list"),
    ("actor_code", "list"),
    ("actor_text", "list"),
    ("recipient", "list"),
    ("recipient_country", "list"),
    ("recipient_cow", "int_list"),
    ("recipient_sector", "list"),
    ("recipient_code", "list"),
    ("recipient_text", "list"),
    ("reported_by", "str"),
    ("place", "str"),
    ("place_text", "str"),
    ("place_country", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("geonameid", "int"),
    ("place_feature", "str"),
    ("event_text", "str"),
    ("sentence", "str"),
    ("sentence_start", "int"),
    ("sentence_end", "int"),
    ("source", "str"),
    ("url", "str"),
    ("title", "str"),
    ("language", "str"),
    ("version", "str"),
)
TABLE_COLUMNS = tuple(name for name, _ in TABLE_FIELDS)

_POLECAT_PLACE_COLUMNS = POLECAT_COLUMNS[
    POLECAT_COLUMNS.index("Placename") : POLECAT_COLUMNS.index("Source")
]

# Our place features as GeoNames feature classes and PLOVER location resolutions
# (5 sub-city, 4 city, 3 district, 2 province, 1 country). "admin" is a first- or
# second-level division, so its resolution (2 or 3) is not known; "region" may be an
# area (L) or a division (A).
_FEATURE_CLASS = {"city": "P", "admin": "A", "country": "A", "water": "H"}
_RESOLUTION = {"city": 4, "country": 1}


# ---------------------------------------------------------------- code tables


@dataclass(frozen=True, slots=True)
class CodeTables:
    """The tables exports map our codes through; each file in ``data/export/`` cites its source.

    Attributes:
        cow: ISO alpha-3 country code to Correlates of War state code (``cow.tsv``).
        cameo_names: CAMEO code to its name (``cameo.tsv``).
        goldstein: CAMEO code to its Goldstein score, -10 to +10 (``cameo.tsv``).
        plover_scores: (PLOVER event type, mode or "") to the PLOVER manual's
            conflict-cooperation score (``plover-scores.tsv``).
        country_names: ISO alpha-3 code to the country's name, as our actors name it.
    """

    cow: Mapping[str, int]
    cameo_names: Mapping[str, str]
    goldstein: Mapping[str, float]
    plover_scores: Mapping[tuple[str, str], float]
    country_names: Mapping[str, str]

    def plover_score(self, event: str, mode: str | None) -> float | None:
        """The score of the event type with this mode; the type's own score when the table
        has no row for the mode; None for a type the table does not know."""
        scores = self.plover_scores
        return scores.get((event, (mode or "").lower()), scores.get((event, "")))

    def country_name(self, code: str | None) -> str | None:
        """The name of the country with ISO code ``code`` (the code itself when unknown)."""
        return None if code is None else self.country_names.get(code, code)


@functools.lru_cache(maxsize=1)
def code_tables() -> CodeTables:
    """The packaged code tables, loaded once per process."""
    cameo = _data_table("cameo.tsv")
    return CodeTables(
        cow={row["iso3"]: int(row["cow_code"]) for row in _data_table("cow.tsv")},
        cameo_names={row["code"]: row["name"] for row in cameo},
        goldstein={row["code"]: float(row["goldstein"]) for row in cameo},
        plover_scores={
            (row["event"], row["mode"]): float(row["score"])
            for row in _data_table("plover-scores.tsv")
        },
        country_names={code: c.name for code, c in default_knowledge().countries.items()},
    )


def _data_table(name: str) -> list[dict[str, str]]:
    """Rows of a packaged table in data/export/: "#" comment lines, a header, tab-separated."""
    resource = resources.files("thucydides") / "data" / "export" / name
    if not resource.is_file():
        raise ConfigError(
            f"Packaged code table data/export/{name} is missing: the installation is "
            'incomplete (package data must include "data/export/*"). Reinstall thucydides.'
        )
    lines = [
        line
        for line in resource.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# ---------------------------------------------------------------- selection


def parse_modalities(value: str | Iterable[str]) -> tuple[str, ...]:
    """Reads a modality list such as "asserted,future" (or "all").

    Args:
        value: comma-separated modalities, "all", or an iterable of modalities.

    Returns:
        The modalities, in the order of ``MODALITIES``.

    Raises:
        ConfigError: an unknown modality, or none at all; the message lists the valid ones.
    """
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {item.strip().lower() for item in items if item.strip()}
    if "all" in wanted:
        return MODALITIES
    valid = f"Valid: {', '.join(MODALITIES)} (comma-separated), or all."
    unknown = sorted(wanted - set(MODALITIES))
    if unknown:
        raise ConfigError(f'Unknown modality "{unknown[0]}". {valid}')
    if not wanted:
        raise ConfigError(f"No modality given: no event could be exported. {valid}")
    return tuple(m for m in MODALITIES if m in wanted)


def select_events(
    store: Store,
    query: EventQuery | None = None,
    modalities: Iterable[str] = DEFAULT_MODALITIES,
    only: Collection[tuple[str, str]] | None = None,
) -> Iterator[tuple[ArticleRecord, Event]]:
    """Yields the stored events to export, each with the record it belongs to.

    Args:
        store: where the records are.
        query: the filters of ``thucydides events``; None (or no filter set) for all.
        modalities: the modalities kept; see ``parse_modalities``.
        only: when given, only the events with these (article id, event id) keys, for a
            caller that chose its events itself (the service needs none: every filter it
            has is the store's, ``query``).

    Yields:
        (record, event) pairs, article by article (sorted by id), events in record order;
        each record is read once. Unfiltered, the store is read as a stream; filtered, the
        ids of the matching events are gathered first (about 100 bytes each). Either way
        the events of near-duplicate articles are left out unless
        ``query.include_duplicates``, as ``events`` does.
    """
    pairs = _select_events(store, query, set(parse_modalities(modalities)))
    if only is None:
        yield from pairs
    else:
        keep = set(only)
        yield from ((r, e) for r, e in pairs if (r.id, e.id) in keep)


def _select_events(
    store: Store, query: EventQuery | None, wanted: set[str]
) -> Iterator[tuple[ArticleRecord, Event]]:
    """``select_events`` before its ``only`` keys."""
    query = query or EventQuery()
    if dataclasses.replace(query, include_duplicates=False) == EventQuery():
        skip = set() if query.include_duplicates else {d.article_id for d in store.duplicates()}
        for record in store.records():
            if record.id in skip:
                continue
            for event in record.events:
                if event.modality in wanted:
                    yield record, event
        return
    # The store applies the filters, so they mean exactly what they mean for `events`.
    # Its listing is in date order, which scatters an article's events; the export goes
    # article by article instead, so that each record is read and decoded once.
    matching: dict[str, set[str]] = {}
    for row in store.iter_events(query):
        if row.modality in wanted:
            matching.setdefault(row.article_id, set()).add(row.event_id)
    for article_id in sorted(matching):
        try:
            record = store.get(article_id)
        except RecordNotFound:  # removed since `events` listed it
            continue
        for event in record.events:
            if event.id in matching[article_id]:  # not: re-coded since listed
                yield record, event


# ---------------------------------------------------------------- shared mapping


def export_id(record_id: str, event_id: str) -> str:
    """The id of an event in every export: ``<article id>-<event id>`` (unique per store)."""
    return f"{record_id}-{event_id}"


def split_export_id(value: str) -> tuple[str, str]:
    """The (article id, event id) of an exported event id; event ids hold no "-"."""
    record_id, _, event_id = value.rpartition("-")
    return record_id, event_id


def event_date(record: ArticleRecord, event: Event) -> str | None:
    """The day an event is filed under: its own start, else the publication day, else None.

    The same rule as the store's date filters, so ``--since`` and the exported date agree.
    """
    return event.date.start or _day(record.source.published)


def source_name(source: Source) -> str | None:
    """Who reported the article: the wire agency its dateline names when an outlet
    republishes a wire story ("DAKAR, May 12 (AFP) --": AFP), else its publisher, else its
    URL's host without "www."."""
    if source.dateline is not None and source.dateline.agency:
        return source.dateline.agency
    if source.publisher:
        return source.publisher
    host = urlsplit(source.url).hostname if source.url else None
    return host.removeprefix("www.") if host else None


def _day(value: str | None) -> str | None:
    """The YYYY-MM-DD part of an ISO date or timestamp."""
    return value[:10] if value else None


@dataclass(frozen=True, slots=True)
class _Parts:
    """An event with the actors and place it points to, looked up once for every format."""

    record: ArticleRecord
    event: Event
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    place: Place | None
    reporter: Actor | None


@dataclass(frozen=True, slots=True)
class _Lookups:
    """One record's actors and places by id, and its story names by kind: the same for
    each of its events, so worked out once per record (``_lookups``)."""

    record: ArticleRecord
    actors: dict[str, Actor]
    places: dict[str, Place]
    story: dict[tuple[tuple[str, ...], bool], str]
    source: str | None  # source_name(record.source)


#: The lookups of the last record an event was exported from: a record's events are
#: exported one after another, so one entry saves rebuilding them for every event.
_LAST: list[_Lookups] = []


def _lookups(record: ArticleRecord) -> _Lookups:
    if _LAST and _LAST[0].record is record:
        return _LAST[0]
    found = _Lookups(
        record,
        {a.id: a for a in record.actors},
        {p.id: p for p in record.places},
        {
            (kinds, places): JOIN.join(_story(record, kinds, places))
            for kinds, places in _STORY_KINDS
        },
        source_name(record.source),
    )
    _LAST[:] = [found]
    return found


#: The story columns of POLECAT: actor kinds, and whether places are named too.
_STORY_KINDS = ((("person",), False), (("organization", "group"), False), (("state",), True))


def _parts(record: ArticleRecord, event: Event) -> _Parts:
    found = _lookups(record)
    actors, places = found.actors, found.places
    return _Parts(
        record=record,
        event=event,
        actors=tuple(actors[i] for i in event.actor if i in actors),
        recipients=tuple(actors[i] for i in event.recipient if i in actors),
        place=places.get(event.event_loc) if event.event_loc else None,
        reporter=actors.get(event.reported_by) if event.reported_by else None,
    )


def _raw_text(mentions: Sequence[Span], sentence: Span) -> str | None:
    """How the text names an actor or place: its mention in the event's sentence, else its
    first mention, else None."""
    inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
    chosen = inside or list(mentions)
    return chosen[0].text if chosen else None


def _contexts(event: Event) -> list[str]:
    """The event's PLOVER contexts, plus its auxiliary mode when it is not asserted."""
    contexts = list(event.context)
    aux = AUXILIARY_MODES.get(event.modality)
    if aux and aux not in contexts:
        contexts.append(aux)
    return contexts


def _story(record: ArticleRecord, kinds: tuple[str, ...], places: bool = False) -> list[str]:
    """Names of the record's actors of these kinds (and its places), first seen first."""
    names = [a.name for a in record.actors if a.kind in kinds]
    if places:
        names += [p.name for p in record.places]
    return list(dict.fromkeys(names))


def _cell(value: object) -> str:
    """One TSV/CSV cell: empty for unknown."""
    return "" if value is None else str(value)


def _joined(values: Iterable[object]) -> str:
    """Values of a compound actor (or a list) in one cell, positions kept; empty when none
    is known."""
    cells = ["" if v is None else str(v) for v in values]
    return JOIN.join(cells) if any(cells) else ""


# ---------------------------------------------------------------- row builders


def polecat_row(
    record: ArticleRecord, event: Event, tables: CodeTables | None = None
) -> dict[str, str]:
    """The POLECAT row of one event: every ``POLECAT_COLUMNS`` cell, "" when unknown.

    A compound actor (several actor ids) fills each actor column with one value per
    member, in record order, joined by ";"; the first member is the principal one.
    """
    t = tables or code_tables()
    p = _parts(record, event)
    place, source = p.place, record.source
    return {
        "Event ID": export_id(record.id, event.id),
        "Event Date": _cell(event_date(record, event)),
        "Event Type": event.event,
        "Event Mode": _cell(event.mode),
        "Intensity": _cell(t.plover_score(event.event, event.mode)),
        "Quad Code": _cell(event.quad_code),
        "Contexts": JOIN.join(_contexts(event)),
        **_polecat_party("Actor", p.actors, event.sentence, t),
        **_polecat_party("Recipient", p.recipients, event.sentence, t),
        **_polecat_place(place, event.sentence),
        "Source": _cell(_lookups(record).source),
        "Publication Date": _cell(_day(source.published)),
        "Story People": _lookups(record).story[_STORY_KINDS[0]],
        "Story Organizations": _lookups(record).story[_STORY_KINDS[1]],
        "Story Locations": _lookups(record).story[_STORY_KINDS[2]],
        "Language": _cell(source.language),
        "Version": __version__,
    }


def _polecat_party(
    role: str, actors: Sequence[Actor], sentence: Span, t: CodeTables
) -> dict[str, str]:
    """The eight POLECAT columns of the actor or the recipient."""
    if not actors:  # every column of no actor is empty
        return dict.fromkeys(_POLECAT_PARTY_COLUMNS[role], "")
    sectors = _joined([a.sector for a in actors])
    return {
        f"{role} Name": _joined([a.name for a in actors]),
        f"{role} Country": _joined([a.country for a in actors]),
        f"{role} COW": _joined([t.cow.get(a.country or "") for a in actors]),
        f"Primary {role} Sector": sectors,
        # We code one sector per actor: the list of its sectors is that one.
        f"{role} Sectors": sectors,
        f"{role} Title": "",
        f"{role} Name Raw": _joined([_raw_text(a.mentions, sentence) for a in actors]),
        f"Wikipedia {role} ID": "",
    }


#: The eight POLECAT columns of each party, in order.
_POLECAT_PARTY_COLUMNS = {
    role: tuple(c for c in POLECAT_COLUMNS if role in c.split()) for role in ("Actor", "Recipient")
}


def _polecat_place(place: Place | None, sentence: Span) -> dict[str, str]:
    """The ten POLECAT location columns."""
    if place is None:
        return dict.fromkeys(_POLECAT_PLACE_COLUMNS, "")
    return {
        "Placename": place.name,
        "City": place.name if place.feature == "city" else "",
        "District": "",
        "Province": "",
        "Country": _cell(place.country),
        "Latitude": _cell(place.lat),
        "Longitude": _cell(place.lon),
        "GeoNames ID": _cell(place.geonameid),
        "Raw Placename": _cell(_raw_text(place.mentions, sentence)),
        "Feature Type": _cell(place.feature),
    }


def icews_row(
    record: ArticleRecord, event: Event, tables: CodeTables | None = None
) -> dict[str, str]:
    """The ICEWS row of one event: every ``ICEWS_COLUMNS`` cell, "" when unknown.

    Countries are names, as in ICEWS; a compound actor is one value per member joined by
    ";". "Sentence Number" stays empty: records keep the sentence's offsets, not its number.
    """
    t = tables or code_tables()
    p = _parts(record, event)
    place = p.place
    cameo = event.cameo or ""
    return {
        "Event ID": export_id(record.id, event.id),
        "Event Date": _cell(event_date(record, event)),
        "Source Name": _joined(a.name for a in p.actors),
        "Source Sectors": _joined(a.sector for a in p.actors),
        "Source Country": _joined(t.country_name(a.country) for a in p.actors),
        "Event Text": t.cameo_names.get(cameo, ""),
        "CAMEO Code": cameo,
        "Intensity": _cell(t.goldstein.get(cameo)),
        "Target Name": _joined(a.name for a in p.recipients),
        "Target Sectors": _joined(a.sector for a in p.recipients),
        "Target Country": _joined(t.country_name(a.country) for a in p.recipients),
        "Story ID": record.id,
        "Sentence Number": "",
        "Publisher": _cell(_lookups(record).source),
        "City": place.name if place and place.feature == "city" else "",
        "District": "",
        "Province": "",
        "Country": _cell(t.country_name(place.country) if place else None),
        "Latitude": _cell(place.lat if place else None),
        "Longitude": _cell(place.lon if place else None),
    }


def plover_event(
    record: ArticleRecord, event: Event, tables: CodeTables | None = None
) -> dict[str, Any]:
    """The PLOVER JSON object of one event (PLOVER manual, chapter "Data Fields").

    The manual's fields come first, in its order, null when unknown (``date`` too, though
    the manual requires it: a date is never guessed); then ours: ``modality``, ``cameo``,
    ``confidence``, ``reported_by``, ``article_id``, ``event_id``.
    """
    t = tables or code_tables()
    p = _parts(record, event)
    source, sentence = record.source, event.sentence
    day = event_date(record, event)
    return {
        "id": export_id(record.id, event.id),
        "has_event": True,
        "date": day,
        "time": None,
        "enddate": event.date.end if event.date.start else None,
        "endtime": None,
        "actor": [_plover_entity(a, sentence) for a in p.actors],
        "recipient": [_plover_entity(a, sentence) for a in p.recipients],
        "event": [event.event],
        "event_loc": _plover_location(p.place, sentence, t),
        "event_text": [event.event_text],
        "quad_code": event.quad_code,
        "event_scale": t.plover_score(event.event, event.mode),
        # The manual: "if no existing values seem appropriate, the field should be left null".
        "mode": [event.mode] if event.mode else None,
        "context": _contexts(event) or None,
        "link": None,
        "text": sentence.text,
        "text_info": {
            "sequence": None,
            "start": sentence.start,
            "end": sentence.end,
            "text_story": None,
        },
        "cite_info": {
            "corpus": None,
            "citation": record.id,
            "url": source.url,
            "title": source.title,
            "language": source.language,
            "publication": _lookups(record).source,
            "license": None,
            "copyright": None,
            "coder": CODER,
            "codebook": CODEBOOK,
            "version": __version__,
        },
        "coder": CODER,
        "coded_date": None,
        "coded_time": None,
        "comment": None,
        "modality": event.modality,
        "cameo": event.cameo,
        "confidence": event.confidence,
        "reported_by": p.reporter.name if p.reporter else None,
        "article_id": record.id,
        "event_id": event.id,
    }


def _plover_entity(actor: Actor, sentence: Span) -> dict[str, Any]:
    """A PLOVER entity object; ``code`` is the top-level code (country, IGO, NGO, ...)."""
    return {
        "code": actor.code[:3] if actor.code else actor.country,
        "sector": actor.sector,
        "entity_text": _raw_text(actor.mentions, sentence),
        "identifier_id": None,
        "identifier_text": actor.name,
        "religion": None,
        "ethnicity": None,
        "office": None,
        "gender": None,
        "age": None,
    }


def _plover_location(place: Place | None, sentence: Span, t: CodeTables) -> dict[str, Any] | None:
    """A PLOVER location object, or None when the event has no place."""
    if place is None:
        return None
    feature = place.feature or ""
    return {
        "extracted_place": _raw_text(place.mentions, sentence),
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "city": place.name if feature == "city" else None,
        "district": None,
        "province": None,
        "country": t.country_name(place.country),
        "country_code": place.country,
        "feature_class": _FEATURE_CLASS.get(feature),
        "feature_code": None,
        "resolution": _RESOLUTION.get(feature),
    }


def table_row(
    record: ArticleRecord, event: Event, tables: CodeTables | None = None
) -> dict[str, Any]:
    """The row of our own event table (``TABLE_FIELDS``), typed: None when unknown, lists
    for the multi-valued columns."""
    t = tables or code_tables()
    p = _parts(record, event)
    place, source, sentence = p.place, record.source, event.sentence
    cameo = event.cameo or ""
    row: dict[str, Any] = {
        "id": export_id(record.id, event.id),
        "article_id": record.id,
        "event_id": event.id,
        "date": event_date(record, event),
        "date_end": event.date.end,
        "date_text": event.date.text,
        "date_basis": event.date.basis,
        "published": source.published,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "quad_code": event.quad_code,
        "plover_score": t.plover_score(event.event, event.mode),
        "cameo": event.cameo,
        "cameo_name": t.cameo_names.get(cameo),
        "goldstein": t.goldstein.get(cameo),
        "modality": event.modality,
        "confidence": event.confidence,
    }
    for role, actors in (("actor", p.actors), ("recipient", p.recipients)):
        row[role] = [a.name for a in actors]
        row[f"{role}_country"] = [a.country for a in actors]
        row[f"{role}_cow"] = [t.cow.get(a.country or "") for a in actors]
        row[f"{role}_sector"] = [a.sector for a in actors]
        row[f"{role}_code"] = [a.code for a in actors]
        row[f"{role}_text"] = [_raw_text(a.mentions, sentence) for a in actors]
    row |= {
        "reported_by": p.reporter.name if p.reporter else None,
        "place": place.name if place else None,
        "place_text": _raw_text(place.mentions, sentence) if place else None,
        "place_country": place.country if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "place_feature": place.feature if place else None,
        "event_text": event.event_text,
        "sentence": sentence.text,
        "sentence_start": sentence.start,
        "sentence_end": sentence.end,
        "source": _lookups(record).source,
        "url": source.url,
        "title": source.title,
        "language": source.language,
        "version": __version__,
    }
    return row


# ---------------------------------------------------------------- writers


_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv_escape(value: str) -> str:
    """A value as one linear-TSV cell: backslash, tab, newline and CR written as escapes.

    Notes:
        Four ``str.replace`` calls, the backslash first (so that no escape it writes is
        escaped again): ``str.translate`` with a table of the four gives the same text but
        looks every character up in a dict, 20 times slower on a long row.
    """
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if "\t" in value:
        value = value.replace("\t", "\\t")
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return value


def tsv_unescape(cell: str) -> str:
    """The value of a linear-TSV cell: the inverse of ``tsv_escape``."""
    if "\\" not in cell:
        return cell
    out: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append(_TSV_UNESCAPES.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


def write_tsv(rows: Iterable[Mapping[str, str]], columns: Sequence[str], out: IO[str]) -> int:
    """Writes a header and one line per row, in ``columns`` order; returns the row count.

    A cell that starts like a formula is written as text (``neutralise_formula``)."""
    out.write("\t".join(columns) + "\n")
    n = 0
    starts = frozenset(FORMULA_STARTS)
    # itemgetter of one column gives the cell, not a tuple of it.
    cells_of = operator.itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    lines: list[str] = []
    for row in rows:
        cells = [c if c[:1] not in starts else neutralise_formula(c) for c in cells_of(row)]
        # Joined by NUL, escaped in one pass, and the NULs made the tabs between cells: no
        # stored text holds a NUL (the store refuses it); a row that does is done cell by cell.
        line = "\0".join(cells)
        if line.count("\0") == len(cells) - 1:
            lines.append(tsv_escape(line).replace("\0", "\t"))
        else:
            lines.append("\t".join([tsv_escape(c) for c in cells]))
        n += 1
        if len(lines) == _LINES_AT_ONCE:
            out.write("\n".join(lines) + "\n")
            lines = []
    if lines:
        out.write("\n".join(lines) + "\n")
    return n


#: How many lines the text writers join into one write.
_LINES_AT_ONCE = 256


def read_tsv(lines: Iterable[str]) -> Iterator[dict[str, str]]:
    """Reads what ``write_tsv`` wrote: one dict per line, keyed by the header, unescaped."""
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None:
        return
    for cells in reader:
        yield dict(zip(header, (tsv_unescape(c) for c in cells), strict=True))


def write_csv(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Writes our event table as CSV (quoted where needed, lists joined by ";"); a text
    cell that starts like a formula is written as text (``neutralise_formula``)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS)
    n = 0
    starts = frozenset(FORMULA_STARTS)
    listed = [(name, kind.endswith("list")) for name, kind in TABLE_FIELDS]
    for row in rows:
        cells = [_joined(row[name]) if many else _cell(row[name]) for name, many in listed]
        writer.writerow([c if c[:1] not in starts else neutralise_formula(c) for c in cells])
        n += 1
    return n


def write_jsonl(objects: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Writes one JSON object per line; returns the count."""
    n = 0
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
        n += 1
    return n


def write_parquet(rows: Iterable[Mapping[str, Any]], out: IO[bytes], batch: int = 8192) -> int:
    """Writes our event table as Parquet, ``batch`` rows per row group; returns the count.

    Raises:
        ConfigError: pyarrow is not installed; the message gives the pip command.
    """
    pa, pq = _pyarrow()
    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        chunk: list[Mapping[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n, chunk = n + len(chunk), []
        if chunk or n == 0:  # an empty export is still a file with the columns
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


#: A partitioned export's bounds. At most ``HELD_ROWS`` rows wait for their month's row
#: group (as Arrow tables, about 0.8 KB a row: 27 MB), of at most ``HELD_MONTHS`` months,
#: each in at most ``CHUNKS_PER_MONTH`` tables (a month's small tables are joined into one:
#: every Arrow table of our 47 columns costs about 50 KB, whatever its rows); at most
#: ``OPEN_FILES`` Parquet files are open, each with at most ``ROW_GROUPS_PER_FILE`` row
#: groups: an open ParquetWriter keeps the metadata of every row group it wrote (about
#: 40 KB each) until it is closed. At worst about 27 + 125 + 40 MB, and the ``staged``
#: Python rows (about 30 MB), whatever the store's size.
#:
#: Notes:
#:     Measured with pyarrow 26 (docs/scale.md, "Every event, listed and exported"): 200
#:     open writers of 11 row groups each took 80 MB more than of 1, with or without
#:     column statistics, and the same row groups written one file at a time nothing;
#:     4,000 one-row tables took 49 KB each, 6 KB of it in Arrow's memory pool.
HELD_ROWS = 32_768
HELD_MONTHS = 512
CHUNKS_PER_MONTH = 4
OPEN_FILES = 128
ROW_GROUPS_PER_FILE = 8


def write_parquet_months(
    rows: Iterable[Mapping[str, Any]], folder: Path, row_group: int = 8192, staged: int = 2048
) -> int:
    """Writes our event table as Parquet partitioned by month: one folder per month
    (``month=2025-03``, ``month=undated`` for events with no date), Hive-style, so that
    pyarrow, DuckDB or Spark read the folder as one dataset and skip the months a query
    leaves out. Returns the count.

    The rows come in any order, many months at a time. Every ``staged`` rows become one
    Arrow table per month, which waits for more of its month (a month's tables are joined
    into one past ``CHUNKS_PER_MONTH``): a month's waiting rows are written as one row
    group once they reach ``row_group``; past ``HELD_MONTHS`` months waiting, the month no
    row came to for longest is written, and past ``HELD_ROWS`` rows, the month holding
    most. A month's files are ``part-0.parquet``, ``part-1.parquet``...: a file is closed
    after ``ROW_GROUPS_PER_FILE`` row groups, or to keep at most ``OPEN_FILES`` open (the
    one written to least recently), and its month goes on in the next part. So memory
    stays bounded however many events and months there are.

    Raises:
        ConfigError: pyarrow is not installed; the message gives the pip command.
    """
    pa, _ = _pyarrow()
    schema = parquet_schema()
    files = _MonthFiles(folder, schema)
    waiting: dict[str, list[Any]] = {}  # month -> Arrow tables, oldest first
    held: dict[str, int] = {}  # month -> rows in waiting[month], the latest month last
    n = 0

    def write(month: str) -> None:
        files.write(month, pa.concat_tables(waiting.pop(month)))
        held.pop(month)

    def stage(chunk: list[Mapping[str, Any]]) -> None:
        months: dict[str, list[Mapping[str, Any]]] = {}
        for row in chunk:
            months.setdefault((row["date"] or "")[:7] or "undated", []).append(row)
        for month, month_rows in months.items():
            waiting.setdefault(month, []).append(pa.Table.from_pylist(month_rows, schema=schema))
            held[month] = held.pop(month, 0) + len(month_rows)  # the latest, last
            if held[month] >= row_group:
                write(month)
            elif len(waiting[month]) > CHUNKS_PER_MONTH:
                waiting[month] = [pa.concat_tables(waiting[month]).combine_chunks()]
        while len(held) > HELD_MONTHS:  # a month no row came to for longest
            write(next(iter(held)))
        while sum(held.values()) > HELD_ROWS:
            write(max(held, key=held.__getitem__))

    try:
        chunk: list[Mapping[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == staged:
                stage(chunk)
                n, chunk = n + len(chunk), []
        stage(chunk)
        n += len(chunk)
        for month in sorted(waiting):
            write(month)
    finally:
        files.close()
    return n


class _MonthFiles:
    """The open Parquet files of a partitioned export, one per month at most: each row
    group written goes to its month's open file, or to a new part file of the month."""

    def __init__(self, folder: Path, schema: Any) -> None:
        self.pq = _pyarrow()[1]
        self.folder = folder
        self.schema = schema
        self.open: OrderedDict[str, tuple[Any, int]] = OrderedDict()  # month -> writer, groups
        self.parts: dict[str, int] = {}  # month -> number of its last part file

    def write(self, month: str, table: Any) -> None:
        """Writes ``table`` as one row group of ``month``."""
        writer, groups = self.open.pop(month, (None, 0))
        if writer is None:
            if len(self.open) >= OPEN_FILES:
                self.open.popitem(last=False)[1][0].close()
            part = self.parts[month] = self.parts.get(month, -1) + 1
            (self.folder / f"month={month}").mkdir(exist_ok=True)
            path = self.folder / f"month={month}" / f"part-{part}.parquet"
            writer = self.pq.ParquetWriter(path, self.schema)
        writer.write_table(table, row_group_size=max(table.num_rows, 1))
        if groups + 1 >= ROW_GROUPS_PER_FILE:
            writer.close()
        else:
            self.open[month] = (writer, groups + 1)  # the most recently written, last

    def close(self) -> None:
        """Closes every open file."""
        while self.open:
            self.open.popitem(last=False)[1][0].close()


def parquet_schema() -> Any:
    """The Arrow schema of our event table, with the Thucydides version as metadata."""
    pa, _ = _pyarrow()
    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
        "int_list": pa.list_(pa.int64()),
    }
    return pa.schema(
        [pa.field(name, types[kind]) for name, kind in TABLE_FIELDS],
        metadata={"thucydides_version": __version__},
    )


def _pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or a ConfigError telling how to install them."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError(
            f"--format parquet needs pyarrow, which is not installed. Run: {PARQUET_INSTALL}"
            " (in a source checkout: pip install -e '.[parquet]')."
        ) from None
    return pa, pq


# ---------------------------------------------------------------- the export


_Builder = Callable[[ArticleRecord, Event, CodeTables], Mapping[str, Any]]

_BUILDERS: dict[str, _Builder] = {
    "plover-jsonl": plover_event,
    "polecat-tsv": polecat_row,
    "icews-tsv": icews_row,
    "csv": table_row,
    "parquet": table_row,
}


def export_events(
    store: Store,
    fmt: str,
    out: str | Path | IO[str] | None = None,
    query: EventQuery | None = None,
    modalities: str | Iterable[str] = DEFAULT_MODALITIES,
    only: Collection[tuple[str, str]] | None = None,
) -> int:
    """Writes the store's events in one dataset format.

    Args:
        store: where the records are.
        fmt: one of ``FORMATS``.
        out: a file path (written through a temporary file, so a failed export leaves no
            half-written file), an open text stream, or None for stdout. Parquet needs a
            path; a folder (one that exists, or a path ending in "/") gets one folder of
            Parquet files per month (``write_parquet_months``), written beside it first and
            put in place once whole.
        query: the filters of ``thucydides events``; None for every event.
        modalities: which modalities to export; see ``parse_modalities``.
        only: when given, only these (article id, event id) events; see ``select_events``.

    Returns:
        The number of events written.

    Raises:
        ConfigError: an unknown format or modality, parquet without a file path or
            without pyarrow, or an output file that cannot be written.
    """
    if fmt not in FORMATS:
        raise ConfigError(f'Unknown export format "{fmt}". Valid formats: {", ".join(FORMATS)}.')
    wanted = parse_modalities(modalities)
    tables = code_tables()
    build = _BUILDERS[fmt]
    rows = (
        build(record, event, tables) for record, event in select_events(store, query, wanted, only)
    )
    if fmt == "parquet":
        _pyarrow()  # before anything is written
        if not isinstance(out, str | Path):
            raise ConfigError("Parquet is a binary format: give the file to write with --out.")
        if str(out).endswith(("/", os.sep)) or Path(out).is_dir():
            with _replacing_folder(Path(out)) as folder:
                return write_parquet_months(rows, folder)
        with _replacing(Path(out), binary=True) as stream:
            return write_parquet(rows, stream)
    if isinstance(out, str | Path):
        with _replacing(Path(out)) as stream:
            return _write_text(fmt, rows, stream)
    return _write_text(fmt, rows, sys.stdout if out is None else out)


def _write_text(fmt: str, rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    if fmt == "plover-jsonl":
        return write_jsonl(rows, out)
    if fmt == "csv":
        return write_csv(rows, out)
    columns = POLECAT_COLUMNS if fmt == "polecat-tsv" else ICEWS_COLUMNS
    return write_tsv(rows, columns, out)


@contextmanager
def _replacing_folder(path: Path) -> Iterator[Path]:
    """A temporary folder beside ``path`` that becomes ``path`` once written in full.

    Raises:
        ConfigError: ``path`` is a folder that holds something already (nothing of it is
            replaced), or the folder cannot be made.
    """
    if path.is_dir() and any(path.iterdir()):
        raise ConfigError(
            f'Cannot write the monthly Parquet files into "{path}": it is not empty. '
            "Give a new or empty folder."
        )
    tmp = path.with_name(f".{path.name}.part")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=False)
    except OSError as exc:
        raise ConfigError(
            f'Cannot write "{path}": {exc.strerror}. Check that its folder exists and is writable.'
        ) from exc
    try:
        yield tmp
        if path.is_dir():
            path.rmdir()  # empty: checked above
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextmanager
def _replacing(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """Opens a temporary file beside ``path`` that replaces it once written in full; a
    path that exists and is not a regular file (``/dev/stdout``, a named pipe, a device)
    is written straight to, because renaming over it would replace the device node."""
    if path.exists() and not path.is_file():
        with _opened(path, binary) as stream:
            yield stream
        return
    tmp = path.with_name(f".{path.name}.part")
    try:
        with _opened(tmp, binary, shown=path) as stream:
            yield stream
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _opened(path: Path, binary: bool, shown: Path | None = None) -> IO[Any]:
    """``path`` opened for writing, or a ConfigError naming ``shown`` (default ``path``)."""
    try:
        return open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise ConfigError(
            f'Cannot write "{shown or path}": {exc.strerror}. Check that its folder exists '
            "and is writable."
        ) from exc
