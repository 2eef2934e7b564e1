"""Knowledge files: countries, known actors and role nouns, loaded once and indexed.

The knowledge is data (``data/actors/*.tsv``, formats in ``data/actors/README.md``); this
module reads it, checks it, and indexes it so that the actor resolver only ever does dict
look-ups. Three table formats exist, told apart by their header row:

- ``countries``: ``code name aliases adjectives people metonyms`` — the base comes from
  pycountry (every ISO 3166 name), the table adds what news writes ("Libyan", "Libyans",
  "the Kremlin").
- ``actors``: ``name aliases kind country sector code home`` — organisations, armed
  groups, parties, institutions, people; codes may be dated (``AFGREB@..2021-08-14``).
- ``roles``: ``phrase agent kind flags`` — role nouns to PLOVER sectors ("minister" → GOV).

``KnowledgeBase.load(extra_files=...)`` reads the packaged tables and then the user's, a
later row replacing an earlier one with the same alias or phrase. PETRARCH/Phoenix actor and
agent dictionaries are converted into these formats by ``import_petrarch_actors`` and
``import_petrarch_agents`` (``main_import_actors`` is the command-line entry).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from ..errors import ConfigError

#: PLOVER sector codes (PLOVER manual, "Sector Codes" table).
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF "
    "OPP PRE REL SOC".split()
)
#: Non-state "country" prefixes (PLOVER "International non-state actor names" + CAMEO).
BLOC_PREFIXES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"})
#: Agent codes that mark a noun as never an actor (PLOVER agents' ~NON and ~JNK).
NOT_AN_ACTOR = frozenset({"NON", "JNK"})
#: Codes outside ISO 3166 that PLOVER uses as countries.
EXTRA_COUNTRY_CODES = frozenset({"KOS"})

ActorKind = Literal["person", "organization", "state", "group", "other"]
NameForm = Literal["name", "adjective", "people", "metonym"]
_KINDS = ("person", "organization", "state", "group", "other")
_ROLE_KINDS = ("person", "group", "organization", "other")
_ROLE_FLAGS = frozenset({"title", "relational", "epithet", "honorific", "male", "female", "prefix"})

_COLUMNS = {
    "countries": ("code", "name", "aliases", "adjectives", "people", "metonyms"),
    "actors": ("name", "aliases", "kind", "country", "sector", "code", "home"),
    "roles": ("phrase", "agent", "kind", "flags"),
}
#: Packaged tables, in load order (roles.tsv after plover-agents.tsv so curated rows win).
DEFAULT_FILES = (
    "countries.tsv",
    "plover-agents.tsv",
    "roles.tsv",
    "organizations.tsv",
    "groups.tsv",
    "institutions.tsv",
    "leaders.tsv",
    "world-leaders.tsv",
)
_WORD = re.compile(r"[^\W_]+")
_FORM_RANK = {"name": 0, "metonym": 1, "people": 2, "adjective": 3}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code valid from ``start`` to ``end`` (ISO dates, inclusive; None = open)."""

    code: str | None
    start: str | None = None
    end: str | None = None

    def covers(self, date: str) -> bool:
        """Says whether ``date`` (ISO) falls in the range."""
        return (self.start is None or date >= self.start) and (self.end is None or date <= self.end)

    def __str__(self) -> str:
        code = self.code or "---"
        if self.start is None and self.end is None:
            return code
        return f"{code}@{self.start or ''}..{self.end or ''}"


@dataclass(frozen=True, slots=True)
class Country:
    """A country with the names news uses for it."""

    code: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KnownActor:
    """An actor of an ``actors`` table: an organisation, group, institution or person.

    ``codes`` holds the code column: dated codes in order (first match wins) and at most
    one undated default. ``country`` is empty for IGOs and transnational groups, whose
    base is ``home``.
    """

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    codes: tuple[DatedCode, ...] = ()
    home: str | None = None
    source: str = ""

    def code_on(self, date: str | None = None) -> str | None:
        """Returns the code valid on ``date``, else the undated one, else the last listed."""
        if date:
            for dated in self.codes:
                if (dated.start or dated.end) and dated.covers(date):
                    return dated.code
        undated = [c for c in self.codes if c.start is None and c.end is None]
        if undated:
            return undated[0].code
        if self.codes:
            return self.codes[-1].code
        if self.country:
            return self.country + (self.sector or "")
        return None

    def resolve(self, date: str | None = None) -> tuple[str | None, str | None, str | None]:
        """Returns ``(country, sector, code)`` on ``date``; the sector follows the code.

        A person with a country who heads an international organisation for a while (a
        prime minister who became NATO's secretary-general) has no country while the code
        of the date is an IGO/NGO one, as PLOVER gives those no country.
        """
        code = self.code_on(date)
        sector = self.sector
        if code and len(code) >= 6 and code[3:6] in SECTORS:
            sector = code[3:6]
        if code and code[:3] in BLOC_PREFIXES:
            return None, sector, code
        return self.country, sector, code


@dataclass(frozen=True, slots=True)
class Role:
    """A role noun ("minister", "security forces") and the sector it gives its holder."""

    phrase: str
    agent: str | None
    kind: str = "person"
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def sector(self) -> str | None:
        """The PLOVER sector: the first three letters of the agent code."""
        return self.agent[:3] if self.agent else None

    @property
    def is_actor(self) -> bool:
        """False for nouns marked NON/JNK ("the region", "Monday")."""
        return self.agent not in NOT_AN_ACTOR


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A known name found in a text: ``text[start:end]``, and what it names."""

    start: int
    end: int
    form: NameForm
    country: str | None = None
    actor: KnownActor | None = None


@dataclass(frozen=True, slots=True)
class _Alias:
    text: str  # as written, quotes normalised
    folded: str  # lower-cased
    exact: bool  # short acronyms ("UN", "IS") match only as written
    capital: bool  # the text must start with a capital too
    prefix: bool  # PETRARCH stem: the match may end inside a word
    form: NameForm
    country: str | None
    actor: KnownActor | None
    seq: int = 0  # load order: of two aliases of one length, the later wins


# ---------------------------------------------------------------- the knowledge base


class KnowledgeBase:
    """Countries, known actors and role nouns with look-up indexes.

    Build it with ``KnowledgeBase.load()``; ``default_knowledge()`` returns the packaged one,
    loaded once per process.
    """

    def __init__(
        self,
        countries: Iterable[Country] = (),
        actors: Iterable[KnownActor] = (),
        roles: Iterable[Role] = (),
    ) -> None:
        self.countries: dict[str, Country] = {}
        self.actors: list[KnownActor] = []
        self.roles: dict[str, Role] = {}
        self._aliases: dict[str, _Alias] = {}
        self._country_names: dict[str, str] = {}
        self._index: dict[str, list[_Alias]] | None = None
        for c in countries:
            self.add_country(c)
        for a in actors:
            self.add_actor(a)
        for r in roles:
            self.add_role(r)

    # -------------------------------------------------------- building

    @classmethod
    def load(
        cls, extra_files: Sequence[str | Path] = (), *, defaults: bool = True
    ) -> KnowledgeBase:
        """Loads the packaged tables (unless ``defaults`` is False), then ``extra_files``.

        Args:
            extra_files: the user's tables in any of the three formats, in order; a later
                row replaces an earlier one with the same alias or phrase.
            defaults: load the packaged tables and the pycountry names first.

        Returns:
            The indexed knowledge base.

        Raises:
            ConfigError: a file is missing or malformed (the message names file and line).
        """
        kb = cls()
        if defaults:
            kb._add_pycountry()
            base = resources.files("thucydides") / "data" / "actors"
            for name in DEFAULT_FILES:
                resource = base / name
                if not resource.is_file():
                    raise ConfigError(
                        f"Packaged knowledge file data/actors/{name} is missing: the "
                        "installation is incomplete (package data must include "
                        '"data/actors/*"). Reinstall thucydides.'
                    )
                kb.add_table(resource.read_text(encoding="utf-8"), origin=name)
        for path in extra_files:
            p = Path(path)
            if not p.is_file():
                raise ConfigError(
                    f'Knowledge file "{p}" does not exist. Give the path of a .tsv table '
                    "(formats in thucydides/data/actors/README.md)."
                )
            kb.add_table(p.read_text(encoding="utf-8"), origin=str(p))
        return kb

    def add_table(self, text: str, origin: str = "<table>") -> str:
        """Adds every row of a table in one of the three formats; returns the format name.

        Raises:
            ConfigError: unknown header, wrong column count, bad kind, flag or date.
        """
        rows = _rows(text)
        try:
            lineno, header = next(rows)
        except StopIteration:
            raise ConfigError(f"Knowledge file {origin} is empty: it needs a header row.") from None
        fmt = next((k for k, cols in _COLUMNS.items() if tuple(header) == cols), None)
        if fmt is None:
            raise ConfigError(
                f"{origin}:{lineno}: unknown header {header!r}. A knowledge table starts with "
                + " or ".join(repr("\t".join(c)) for c in _COLUMNS.values())
            )
        width = len(_COLUMNS[fmt])
        for lineno, cells in rows:
            if len(cells) > width or len(cells) < 2:
                raise ConfigError(
                    f"{origin}:{lineno}: {len(cells)} columns, the {fmt} format has {width} "
                    "(tab-separated; leave a cell empty rather than dropping it)."
                )
            cells = cells + [""] * (width - len(cells))
            where = f"{origin}:{lineno}"
            if fmt == "countries":
                self.add_country(_country_row(cells, where, self.countries))
            elif fmt == "actors":
                self.add_actor(_actor_row(cells, where))
            else:
                self.add_role(_role_row(cells, where))
        return fmt

    def add_country(self, country: Country) -> None:
        """Adds or extends a country and indexes all its forms."""
        old = self.countries.get(country.code)
        if old is not None:
            country = Country(
                country.code,
                country.name or old.name,
                _merge(old.names, country.names),
                _merge(old.adjectives, country.adjectives),
                _merge(old.people, country.people),
                _merge(old.metonyms, country.metonyms),
            )
        self.countries[country.code] = country
        forms: list[tuple[NameForm, Iterable[str]]] = [
            ("name", (country.name, *country.names)),
            ("metonym", country.metonyms),
            ("people", country.people),
            ("adjective", country.adjectives),
        ]
        for form, names in forms:
            for name in names:
                for variant in (name, *_abbreviated(name)):
                    self._add_alias(variant, form, country.code, None)
                    if form != "metonym":
                        self._country_names[_fold(variant)] = country.code

    def add_actor(self, actor: KnownActor) -> None:
        """Adds a known actor under its name and aliases."""
        self.actors.append(actor)
        for alias in (actor.name, *actor.aliases):
            self._add_alias(alias, "name", actor.country, actor)

    def add_role(self, role: Role) -> None:
        """Adds (or replaces) a role noun phrase."""
        self.roles[_fold(role.phrase)] = role

    def _add_alias(
        self, name: str, form: NameForm, country: str | None, actor: KnownActor | None
    ) -> None:
        text = _strip_article(_norm_quotes(name.strip()))
        prefix = text.endswith("*")
        text = text.rstrip("*").strip()
        if not text or not _WORD.match(text):
            return
        letters = [ch for ch in text if ch.isalpha()]
        exact = len(letters) <= 3 and all(ch.isupper() for ch in letters)
        capital = text[0].isupper()
        alias = _Alias(
            text, text.lower(), exact, capital, prefix, form, country, actor, len(self._aliases)
        )
        key = text + ("*" if prefix else "")
        old = self._aliases.get(key)
        if (
            old is not None
            and old.actor is actor
            and old.country == country
            and _FORM_RANK[old.form] < _FORM_RANK[form]
        ):
            return  # "US" is both a name and an adjective of the USA: the name wins
        self._aliases[key] = alias
        self._index = None

    def _add_pycountry(self) -> None:
        import pycountry

        for c in pycountry.countries:
            names = []
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    names.append(value)
                    short = re.sub(r"\s*\(.*\)", "", value.split(",")[0]).strip()
                    if short != value:
                        names.append(short)
            display = getattr(c, "common_name", None) or names[0].split(",")[0]
            self.add_country(Country(c.alpha_3, display, tuple(names)))

    # -------------------------------------------------------- look-ups

    def country(self, code: str | None) -> Country | None:
        """Returns the country with this code, or None."""
        return self.countries.get(code) if code else None

    def country_name(self, code: str | None) -> str | None:
        """Returns the display name of the country with this code, or None."""
        country = self.country(code)
        return country.name if country else None

    def is_country_code(self, code: str | None) -> bool:
        """Says whether ``code`` is a country of this knowledge base (ISO or PLOVER extra)."""
        return bool(code) and (code in self.countries or code in EXTRA_COUNTRY_CODES)

    def country_code(self, name: str) -> str | None:
        """Returns the alpha-3 code for a country name, alias, adjective or people form."""
        key = _fold(_norm_quotes(name))
        found = self._country_names.get(key)
        if found is None and key.startswith("the "):
            found = self._country_names.get(key[4:])
        return found

    def role(self, phrase: str) -> Role | None:
        """Returns the role for a noun phrase ("deputy foreign minister"), or None."""
        return self.roles.get(_fold(phrase))

    def find_names(
        self, text: str, token_starts: Sequence[int], token_ends: Sequence[int]
    ) -> list[NameMatch]:
        """Finds known names in ``text``, longest first, aligned on token boundaries.

        Args:
            text: the text.
            token_starts: start offsets of its tokens, ascending.
            token_ends: the matching end offsets.

        Returns:
            Non-overlapping matches in text order.
        """
        index = self._build_index()
        ends = set(token_ends)
        out: list[NameMatch] = []
        covered = -1
        for start in token_starts:
            if start < covered:
                continue
            word = _WORD.match(text, start)
            if word is None or word.start() != start:
                continue
            lowered = word.group().lower()
            candidates = index.get(lowered, [])
            stems = index.get("*" + lowered[:3])
            if stems:  # one-word stems ("Argentin*") are keyed by their first letters
                candidates = sorted(candidates + stems, key=lambda a: (-len(a.text), -a.seq))
            for alias in candidates:
                end = start + len(alias.text)
                seg = _norm_quotes(text[start:end])
                if seg.lower() != alias.folded:
                    continue
                if alias.exact and seg != alias.text:
                    continue
                if alias.capital and not seg[0].isupper():
                    continue
                if alias.prefix:
                    k = bisect.bisect_right(token_starts, end - 1) - 1
                    end = max(end, token_ends[k])
                elif end not in ends:
                    continue
                out.append(NameMatch(start, end, alias.form, alias.country, alias.actor))
                covered = end
                break
        return out

    def _build_index(self) -> dict[str, list[_Alias]]:
        if self._index is None:
            index: dict[str, list[_Alias]] = {}
            for alias in self._aliases.values():
                key = _WORD.match(alias.folded)
                if key is None:
                    continue
                if alias.prefix and key.end() == len(alias.folded):
                    index.setdefault("*" + alias.folded[:3], []).append(alias)
                else:
                    index.setdefault(key.group(), []).append(alias)
            for entries in index.values():
                entries.sort(key=lambda a: (-len(a.text), -a.seq))
            self._index = index
        return self._index


@functools.lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return KnowledgeBase.load()


# ---------------------------------------------------------------- table rows


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yields (line number, cells) of the non-comment, non-blank lines."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield n, [c.strip() for c in line.rstrip("\r\n").split("\t")]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _country_row(cells: list[str], where: str, known: Mapping[str, Country]) -> Country:
    code, name, aliases, adjectives, people, metonyms = cells[:6]
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ConfigError(f'{where}: country code "{code}" is not three capital letters.')
    name = name or (known[code].name if code in known else "")
    if not name:
        raise ConfigError(f"{where}: country {code} needs a name.")
    return Country(
        code, name, _split(aliases), _split(adjectives), _split(people), _split(metonyms)
    )


def _actor_row(cells: list[str], where: str) -> KnownActor:
    name, aliases, kind, country, sector, code, home = cells[:7]
    if not name:
        raise ConfigError(f"{where}: an actor needs a name.")
    kind = kind or "other"
    if kind not in _KINDS:
        raise ConfigError(f'{where}: unknown kind "{kind}"; use one of {", ".join(_KINDS)}.')
    for label, value in (("country", country), ("home", home)):
        if value and not re.fullmatch(r"[A-Z]{3}", value):
            raise ConfigError(f'{where}: {label} "{value}" is not an alpha-3 code.')
    if sector and not re.fullmatch(r"[A-Z]{3}", sector):
        raise ConfigError(f'{where}: sector "{sector}" is not a three-letter code.')
    return KnownActor(
        name=name,
        kind=kind,  # type: ignore[arg-type]
        aliases=_split(aliases),
        country=country or None,
        sector=sector or None,
        codes=parse_codes(code, where),
        home=home or country or None,
        source=where,
    )


def _role_row(cells: list[str], where: str) -> Role:
    phrase, agent, kind, flags = cells[:4]
    if not phrase:
        raise ConfigError(f"{where}: a role needs a phrase.")
    kind = kind or "person"
    if kind not in _ROLE_KINDS:
        raise ConfigError(
            f'{where}: unknown role kind "{kind}"; use one of {", ".join(_ROLE_KINDS)}.'
        )
    if agent and not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", agent):
        raise ConfigError(f'{where}: agent "{agent}" is not a chain of three-letter codes.')
    flag_set = frozenset(f.strip() for f in flags.split(",") if f.strip())
    unknown = flag_set - _ROLE_FLAGS
    if unknown:
        raise ConfigError(f"{where}: unknown flag(s) {sorted(unknown)}; use {sorted(_ROLE_FLAGS)}.")
    return Role(" ".join(phrase.split()), agent or None, kind, flag_set)


def parse_codes(cell: str, where: str = "<code>") -> tuple[DatedCode, ...]:
    """Parses a code cell: ``CODE`` or ``CODE@FROM..TO`` items separated by ``|``.

    ``---`` stands for "known, but not coded". Dates are ISO (``2021-08-15``), inclusive,
    either side may be empty.

    Raises:
        ConfigError: a malformed item.
    """
    out = []
    for item in _split(cell):
        code, _, span = item.partition("@")
        code = code.strip()
        if code != "---" and not re.fullmatch(r"[A-Z0-9]{3,}", code):
            raise ConfigError(f'{where}: code "{code}" is not a CAMEO-style code.')
        start = end = None
        if span:
            first, sep, last = span.partition("..")
            if not sep:
                raise ConfigError(f'{where}: dated code "{item}" needs FROM..TO.')
            for value in (first, last):
                if value and not _DATE.match(value):
                    raise ConfigError(f'{where}: date "{value}" is not YYYY-MM-DD.')
            start, end = first or None, last or None
        out.append(DatedCode(None if code == "---" else code, start, end))
    return tuple(out)


def _merge(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return old + tuple(n for n in new if n not in old)


#: Compass words news abbreviates before a country's name ("S. Korea", "N. Macedonia").
_COMPASS = {"North": "N.", "South": "S.", "East": "E.", "West": "W."}


def _abbreviated(name: str) -> list[str]:
    """The ways news abbreviates a country's name or initials: "C.A.R." or "C.A.R" for "CAR",
    "S. Korea" for "South Korea"; the table need not list them."""
    out = []
    if 2 <= len(name) <= 4 and name.isalpha() and name.isupper():
        dotted = "".join(f"{ch}." for ch in name)
        out += [dotted, dotted[:-1]]  # "C.A.R.", and "C.A.R" where the final dot fell
    first, _, rest = name.partition(" ")
    if first in _COMPASS and rest:
        out.append(f"{_COMPASS[first]} {rest}")
    return out


def _norm_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _strip_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _fold(text: str) -> str:
    text = _norm_quotes(text).lower()
    return (
        text
        if "  " not in text and text.strip() == text and "\n" not in text
        else " ".join(text.split())
    )


# ---------------------------------------------------------------- PETRARCH import

_COMMENT_BLOCK = re.compile(r"<!.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "del", "la", "le", "du", "des", "al", "el"}
)
_ORG_HEADS = frozenset(
    """government ministry army party council committee court parliament assembly agency
    organization organisation union company corporation bank newspaper media military navy
    force front movement group administration regime cabinet office department commission
    authority board service bureau association federation league church university school
    station network radio television tv press junta legislature senate congress
    judiciary alliance coalition wing brigade battalion regiment unit industry prison jail
    embassy consulate chamber hospital clinic website outlet portal broadcaster""".split()
)
#: Words that open a role phrase's complement: "department [of agriculture]".
_COMPLEMENT_PREPS = frozenset({"of", "for", "in", "on", "at", "to", "de", "del", "du"})


_EQUIPMENT = frozenset(
    """carrier destroyer frigate warship warplane vessel ship submarine aircraft jet jetliner
    plane helicopter gunship tank tanker drone missile fighter-bomber bomber machine
    cruiser boat""".split()
)


def import_petrarch_actors(path: str | Path) -> list[KnownActor]:
    """Reads a PETRARCH/TABARI actor dictionary into known actors.

    The format (PETRARCH2 ``data/dictionaries/*.actors.txt``): an entry line
    ``NAME [CODE]``, synonym lines ``+NAME``, code lines ``[CODE]`` possibly dated
    (``[HOBGOV 19950601 - 19990815]``, ``[HOB <950601]``, ``[HOBREB >990816]``), ``#``
    comments and ``<!-- -->`` blocks. Underscores join words; a name without a trailing
    underscore is a stem ("ARGENTIN" matches "Argentina"), stored here as ``Argentin*``.

    Args:
        path: the dictionary file.

    Returns:
        One ``KnownActor`` per entry, with dated codes in the dictionary's order.

    Notes:
        ``<D`` means before D and ``>D`` after D (both exclusive), ``D1-D2`` inclusive, as
        in PETRARCH's date-restriction tests (``PETR.Validate.actors.txt``, SAM_GAMGEE).
        Two-digit years below 30 are 20xx. ``[---]`` (known, not coded) keeps an empty
        code; of alternatives ``[ELR/GAL]`` the first is kept.
    """
    text = _COMMENT_BLOCK.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    entries: list[tuple[list[str], list[DatedCode], int]] = []
    current: tuple[list[str], list[DatedCode], int] | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not raw.strip():
            if current is not None and current[1]:
                current = None  # a blank line ends an entry that has its codes
            continue
        if not line.strip():
            continue  # a comment line does not end the entry it sits in
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is not None:
                current[0].append(stripped[1:].strip())
            continue
        codes = [_petrarch_code(c, f"{path}:{lineno}") for c in _CODE_BLOCK.findall(stripped)]
        name = _CODE_BLOCK.sub("", stripped).strip()
        if name and not raw[:1].isspace():
            current = ([name], [], lineno)
            entries.append(current)
        if current is not None:
            current[1].extend(codes)
    actors = []
    for names, codes, lineno in entries:
        aliases = tuple(dict.fromkeys(a for a in (_petrarch_name(n) for n in names) if a))
        if not aliases:
            continue
        default = next((c.code for c in codes if not c.start and not c.end), None)
        first = default or next((c.code for c in codes if c.code), None)
        country = first[:3] if first and _is_iso(first[:3]) else None
        sector = first[3:6] if first and country and first[3:6] in SECTORS else None
        kind: ActorKind = "state" if first and country and len(first) == 3 else "other"
        display = aliases[0].rstrip("*")
        actors.append(
            KnownActor(
                name=display,
                kind=kind,
                aliases=aliases,
                country=country,
                sector=sector,
                codes=tuple(codes),
                home=country,
                source=f"{Path(path).name}:{lineno}",
            )
        )
    return actors


def _petrarch_code(block: str, where: str) -> DatedCode:
    """Parses one ``[...]`` block of an actor dictionary."""
    m = re.fullmatch(
        r"\s*([^\s<>]*)\s*(?:(<|>)\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?\s*",
        block,
    )
    if m is None:
        raise ConfigError(f"{where}: cannot read the code block [{block}].")
    code = m.group(1).split("/")[0].upper() or None
    if code and not re.fullmatch(r"[A-Z0-9]{3,}", code):
        code = None
    start = end = None
    if m.group(2) == "<":
        end = _petrarch_date(m.group(3), -1)
    elif m.group(2) == ">":
        start = _petrarch_date(m.group(3), +1)
    elif m.group(4):
        start, end = _petrarch_date(m.group(4), 0), _petrarch_date(m.group(5), 0)
    return DatedCode(code, start, end)


def _petrarch_date(digits: str, shift_days: int) -> str:
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = ("20" if yy < 30 else "19") + digits
    day = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    return (day + dt.timedelta(days=shift_days)).isoformat()


def _petrarch_name(raw: str) -> str:
    """``PRESIDENT_HOSNI_MUBARAK`` → ``President Hosni Mubarak*`` (stem unless ``_`` ends it)."""
    raw = raw.strip()
    exact = raw.endswith("_")
    words = [w for w in re.split(r"[_\s]+", raw) if w]
    if words and words[0].upper() == "THE" and len(words) > 1:
        words = words[1:]
    out = []
    for n, w in enumerate(words):
        letters = [ch for ch in w if ch.isalpha()]
        if "." in w or (len(letters) <= 3 and len(words) == 1):  # "IMF", "PLO", "U.S."
            out.append(w.upper())
        elif n and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    name = " ".join(out)
    return name if exact or not name else name + "*"


def _is_iso(code: str) -> bool:
    import pycountry

    return code in EXTRA_COUNTRY_CODES or pycountry.countries.get(alpha_3=code) is not None


def import_petrarch_agents(path: str | Path) -> list[Role]:
    """Reads a PETRARCH/CAMEO agents dictionary into role nouns.

    The format (PETRARCH2 ``*.agents.txt``, NGEC ``PLOVER_agents.txt``): substitution sets
    ``!PERSON! = MAN, MEN, ...`` and entries ``PHRASE {PLURALS} [~CODE]``: ``~GOV`` is
    appended to the actor's code, ``NGO~`` put in front of it; ``{}`` means no plural.

    Args:
        path: the dictionary file.

    Returns:
        One ``Role`` per phrase (substitutions expanded, explicit plurals added).
    """
    text = _COMMENT_BLOCK.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    subs: dict[str, list[str]] = {}
    roles: dict[str, Role] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if sub:
            subs[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        code = _CODE_BLOCK.search(line)
        if code is None:
            continue
        agent = code.group(1).strip()
        prefix = agent.endswith("~") and not agent.startswith("~")
        agent = agent.strip("~ ").upper()
        if not re.fullmatch(r"(?:[A-Z]{3})+", agent):
            continue
        head = line[: code.start()]
        plurals = re.search(r"\{([^}]*)\}", head)
        phrase = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = _expand(phrase, subs)
        if plurals:
            forms += [f for p in plurals.group(1).split() for f in _expand(p, subs)]
        for form in forms:
            words = form.replace("_", " ").split()
            if not words:
                continue
            phrase_text = " ".join(words).lower()
            roles[phrase_text] = Role(
                phrase_text,
                agent,
                _agent_kind(_head_word(phrase_text.split())),
                frozenset({"prefix"}) if prefix else frozenset(),
            )
    return list(roles.values())


def _expand(phrase: str, subs: Mapping[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", phrase)
    if m is None:
        return [phrase]
    return [
        e
        for word in subs.get(m.group(), [])
        for e in _expand(phrase[: m.start()] + word + phrase[m.end() :], subs)
    ]


def _head_word(words: Sequence[str]) -> str:
    """The head noun of a role phrase: the last word before a complement ("department"
    in "department of agriculture", "jail" in "central jail of"), else the last word."""
    for i, word in enumerate(words):
        if i and word in _COMPLEMENT_PREPS:
            return words[i - 1]
    return words[-1]


def _agent_kind(head: str) -> str:
    if head in _EQUIPMENT:
        return "other"
    if head in _ORG_HEADS:
        return "organization"
    if head.endswith("s") and not head.endswith("ss") or head in {"men", "police"}:
        return "group"
    return "person"


# ---------------------------------------------------------------- writing tables


def write_actor_table(actors: Iterable[KnownActor], path: str | Path, note: str = "") -> int:
    """Writes known actors as an ``actors`` table; returns the number of rows."""
    lines = _note_lines(note) + ["\t".join(_COLUMNS["actors"])]
    for a in actors:
        cells = [
            a.name,
            "|".join(a.aliases),
            a.kind,
            a.country or "",
            a.sector or "",
            "|".join(str(c) for c in a.codes),
            a.home or "",
        ]
        lines.append("\t".join(c.replace("\t", " ") for c in cells))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - len(_note_lines(note)) - 1


def write_role_table(roles: Iterable[Role], path: str | Path, note: str = "") -> int:
    """Writes role nouns as a ``roles`` table; returns the number of rows."""
    lines = _note_lines(note) + ["\t".join(_COLUMNS["roles"])]
    for r in roles:
        lines.append("\t".join([r.phrase, r.agent or "", r.kind, ",".join(sorted(r.flags))]))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - len(_note_lines(note)) - 1


def _note_lines(note: str) -> list[str]:
    return [("# " + line).rstrip() for line in note.splitlines()]


IMPORT_KINDS = ("actors", "agents")


def main_import_actors(src: str, dst: str, kind: str) -> int:
    """Converts a PETRARCH/Phoenix dictionary into a Thucydides knowledge table.

    Args:
        src: the PETRARCH ``.actors.txt`` or ``.agents.txt`` file.
        dst: the ``.tsv`` table to write; pass it later to ``KnowledgeBase.load``.
        kind: ``actors`` or ``agents``.

    Returns:
        0, the process exit status; the number of rows written is reported on stderr.

    Raises:
        ConfigError: unknown ``kind`` or missing ``src``.
    """
    if kind not in IMPORT_KINDS:
        raise ConfigError(f'Unknown dictionary kind "{kind}"; use one of: actors, agents.')
    if not Path(src).is_file():
        raise ConfigError(f'Dictionary "{src}" does not exist.')
    note = f"Imported from {Path(src).name} (PETRARCH {kind} dictionary) by thucydides."
    if kind == "actors":
        n = write_actor_table(import_petrarch_actors(src), dst, note)
    else:
        n = write_role_table(import_petrarch_agents(src), dst, note)
    print(f"wrote {n} {kind} to {dst}", file=sys.stderr)
    return 0
