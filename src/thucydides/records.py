"""The typed records that flow through the stages: Raw → Clean → Parsed → Extracted → Stored.

Every record is a frozen, slotted dataclass with ``as_dict()`` and ``from_dict()``. The JSON
contract (``docs/article-record.md``, ``schema/article-record.schema.json``) is produced
from ``ArticleRecord.as_dict()`` and nowhere else. No spaCy object ever appears here:
``ParsedText`` is the plain-data image of one spaCy pass, built in ``parse/nlp.py``.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union

SCHEMA_VERSION = "1"

RemovedKind = Literal["byline", "caption", "credit", "bio", "chrome", "dateline", "other"]
ActorKind = Literal["person", "organization", "state", "group", "other"]
PlaceFeature = Literal["city", "admin", "country", "region", "water", "other"]
Modality = Literal["asserted", "future", "hypothetical", "negated"]
#: The modalities of an event said to have happened or announced: the events counted by
#: the scorers, exported by default, and the ones a discourse step may fill in.
FACTUAL: tuple[Modality, ...] = ("asserted", "future")
QuoteKind = Literal["direct", "indirect", "partial"]

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: dict conversion for nested frozen dataclasses (tuples become lists)."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """Returns the record as plain JSON-ready data."""
        return {f.name: _to_plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """Builds the record from ``as_dict()`` output; unknown keys are ignored."""
        build = _BUILDERS.get(cls)
        if build is None:
            build = _BUILDERS[cls] = _builder(cls)
        return build(data)  # type: ignore[no-any-return]


def _to_plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, tuple | list):
        return [_to_plain(v) for v in value]
    return value


_HINT_CACHE: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINT_CACHE:
        _HINT_CACHE[cls] = typing.get_type_hints(cls)
    return _HINT_CACHE[cls]


#: Per record class, the function that builds one from its plain data (``_builder``).
_BUILDERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def _builder(cls: type) -> Callable[[dict[str, Any]], Any]:
    """The function ``cls.from_dict`` calls: generated for a frozen, slotted record class
    whose fields are all given to ``__init__`` and that has no ``__post_init__`` (every
    record of a stored article), ``_from_fields`` for any other.

    Notes:
        The generated function makes the object with ``object.__new__`` and fills each
        slot through its descriptor, as the frozen class's ``__init__`` would but without
        its keyword arguments and ``object.__setattr__`` per field: a span is built in
        0.3 µs instead of 0.9 to 1.3 µs, and a stored article of about 200 records in
        half the time (docs/scale.md). A value without a required field falls back
        to ``_from_fields``, which raises the class's own TypeError.
    """
    hints = _hints(cls)
    fields = dataclasses.fields(cls)
    slotted = all(
        type(cls.__dict__.get(f.name)).__name__ == "member_descriptor" and f.init for f in fields
    )
    if not slotted or hasattr(cls, "__post_init__"):
        return functools.partial(_from_fields, cls, _field_converters(cls))
    scope: dict[str, Any] = {"cls": cls, "new": object.__new__, "fallback": _from_fields}
    scope["converters"] = _field_converters(cls)
    lines = ["def build(data):", "    try:", "        o = new(cls)"]
    for i, f in enumerate(fields):
        scope[f"set{i}"] = cls.__dict__[f.name].__set__
        convert = _converter(hints[f.name])
        scope[f"convert{i}"] = convert
        if f.default is not dataclasses.MISSING:
            scope[f"default{i}"] = f.default
            missing = f"default{i}"
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"factory{i}"] = f.default_factory
            missing = f"factory{i}()"
        else:
            missing = ""
        if missing:
            lines.append(f"        if {f.name!r} in data:")
            indent = " " * 12
        else:
            indent = " " * 8
        lines.append(f"{indent}v = data[{f.name!r}]")
        if convert is not None:
            lines.append(f"{indent}if v is not None: v = convert{i}(v)")
        if missing:
            lines.append(f"        else: v = {missing}")
        lines.append(f"        set{i}(o, v)")
    lines += ["    except KeyError:", "        return fallback(cls, converters, data)"]
    lines.append("    return o")
    exec("\n".join(lines), scope)  # noqa: S102 - the code is built from the class's fields only
    return scope["build"]  # type: ignore[no-any-return]


def _from_fields(cls: type, converters: tuple[tuple[str, Any], ...], data: dict[str, Any]) -> Any:
    """Builds ``cls`` from plain data through its ``__init__``, each field converted."""
    kwargs = {}
    for name, convert in converters:
        if name in data:
            value = data[name]
            kwargs[name] = value if convert is None or value is None else convert(value)
    return cls(**kwargs)


def _field_converters(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field's name and the function that reads its plain value (None: as it is),
    worked out once per class from its type hints."""
    hints = _hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def _converter(hint: Any) -> Any:
    """The function that reads a non-null plain value of type ``hint``, or None for as is."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else None
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        if item is None:
            return tuple
        return lambda values: tuple([None if v is None else item(v) for v in values])
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict
    return None


# ---------------------------------------------------------------- Raw


@dataclass(frozen=True, slots=True)
class RawArticle(Record):
    """One article as read from an input, before any cleaning.

    Exactly one of ``text`` (plain, as scraped) and ``html`` is set.
    ``origin`` names where it came from for messages: ``notes.txt``, ``feed.jsonl:12``.
    """

    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected(Record):
    """An input that could not be coded, with a searchable code and a one-line reason."""

    origin: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.code} {self.origin}: {self.reason}"


# ---------------------------------------------------------------- Clean


@dataclass(frozen=True, slots=True)
class Removed(Record):
    """A piece of scraped noise cut from the text, with its kind."""

    kind: RemovedKind
    text: str


@dataclass(frozen=True, slots=True)
class Dateline(Record):
    """The dateline a story opened with: where, when and through whom it was filed.

    ``text`` is the dateline as printed ("TBILISI, Georgia, May 12 (AFP) --"); ``place`` the
    place as written (capitals made a name), ``place_id`` its GeoNames id when the gazetteer
    resolves it; ``date`` the date as written and ``resolved`` its ISO form when it names a
    year (never guessed); ``agency`` the wire or outlet in brackets or slashes ("AFP").
    """

    text: str
    place: str | None = None
    place_id: int | None = None
    date: str | None = None
    resolved: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class CleanedText(Record):
    """The article body once noise is cut, what was cut, and the authors found on the way.

    ``dateline`` is the dateline cut from the first paragraph; ``printed_date`` the first
    complete date printed on the page (ISO, and the cut line it was read from);
    ``stories`` the number of headline blocks when the page lists several stories (0 for an
    article); ``listed`` the text of each (its headline, a blank line, its teaser) when
    every one has a teaser of two sentences or more, so that each can be coded as an
    article of its own (empty otherwise: a page of bare headlines is not split).
    """

    text: str
    removed: tuple[Removed, ...] = ()
    authors: tuple[str, ...] = ()
    dateline: Dateline | None = None
    printed_date: tuple[str, str] | None = None
    stories: int = 0
    listed: tuple[str, ...] = ()


# ---------------------------------------------------------------- Parsed


@dataclass(frozen=True, slots=True)
class Token(Record):
    """One token of the spaCy pass; ``head`` is the index of its syntactic head."""

    i: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    morph: str = ""
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    """A sentence: character span and token span (both end exclusive)."""

    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A named entity from the NER pass."""

    label: str
    text: str
    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(frozen=True, slots=True)
class ParsedText(Record):
    """The plain-data image of one spaCy pass over a cleaned text.

    Questions about it (a token's children or sentence, which tokens a span covers) are
    answered by its one index, ``parse.index.DocIndex``, built once per article.
    """

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]


# ---------------------------------------------------------------- Extracted


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A piece of the cleaned text: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Place(Record):
    id: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: PlaceFeature | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDate(Record):
    """When an event happened, as a range; start, end and granularity null when unknown.

    ``basis`` says how the date was found (``extract/dates.py``, ``date_events``):
    ``"expression"`` (a time expression in the event's clause or sentence, quoted in
    ``text``; its range is null when it cannot be resolved, as "recently"),
    ``"publication"`` (no expression: the article's publication date, for an event reported
    as news), or ``"unknown"`` (no date: a background event with no expression of its own,
    such as "had seized" or "the president, who took power in a coup", or no publication
    date). Null only for an event built elsewhere. ``granularity`` is day, week, month,
    year or range.
    """

    start: str | None = None
    end: str | None = None
    text: str | None = None
    basis: str | None = None
    granularity: str | None = None


@dataclass(frozen=True, slots=True)
class Event(Record):
    id: str
    event: str
    sentence: Span
    event_text: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    quad_code: int | None = None
    cameo: str | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    modality: Modality = "asserted"
    reported_by: str | None = None
    date: EventDate = field(default_factory=EventDate)
    event_loc: str | None = None
    confidence: float = 0.0
    #: Where the trigger words are: ``event_text`` when contiguous, else its head word.
    trigger: Span | None = None
    #: The rules that made the event, joined by "+": the lexicon rows of its trigger words
    #: (``triggers.tsv:123``, governing word first) and any recoding step that changed its
    #: coding (``recode:future-threat``); None for an event built elsewhere.
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Quote(Record):
    id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    #: True when a quotation mark lost in scraping was restored on clear evidence.
    repaired: bool = False


@dataclass(frozen=True, slots=True)
class Source(Record):
    path: str | None = None
    url: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    #: Where ``published`` came from: "input" (the input's metadata), "html" (the page's
    #: markup), "page: <the line it was printed on>", "dateline", "option" (``--date``).
    published_from: str | None = None
    dateline: Dateline | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord(Record):
    """One coded article: the contract of ``docs/article-record.md``."""

    id: str
    source: Source
    text: str
    removed: tuple[Removed, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def as_dict(self) -> dict[str, Any]:
        """Returns the contract's JSON object, ``schema_version`` first."""
        data = Record.as_dict(self)
        return {"schema_version": data.pop("schema_version"), **data}
