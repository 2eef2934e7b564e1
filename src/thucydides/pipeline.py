"""The coding pipeline: RawArticle → CleanedText → ParsedText → ArticleRecord.

``code_articles`` streams inputs through the stages in bounded batches, so a corpus of any
size runs in constant memory and each text gets exactly one spaCy pass. An input that
cannot be coded becomes a ``Rejected`` record in its place in the stream; the rest of the
batch goes on. That holds for bugs too: a coding stage that raises on one article makes
that article a T009 (``CodingFailed``) rejection, whoever calls ``code_articles``
(``thucydides code``, ``ingest`` in any coder, the API).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .config import Options
from .errors import CodingFailed, InputError, ListingPage, NoArticleText, ThucydidesError
from .extract.actors import resolve_actors
from .extract.confidence import calibrate
from .extract.dates import date_events, find_time_expressions
from .extract.discourse import (
    answer_accusers,
    answer_recipients,
    claimed_acts,
    counterpart_recipients,
    credit_documents,
    event_noun_actors,
    fighting_sides,
    release_holders,
)
from .extract.events import code_events, place_states, require_recipients
from .extract.places import locate_events, resolve_places
from .extract.quotes import attribute_events, extract_quotes, speaker_mentions
from .knowledge import Knowledge
from .knowledge.confidence import ConfidenceTable
from .parse.index import DocIndex
from .parse.nlp import Parser
from .read.boilerplate import site_memory, site_of
from .read.cleanup import clean_text
from .read.dateline import locate
from .read.html import extract_html
from .read.inputs import rejection
from .read.language import require_language
from .records import (
    Actor,
    ArticleRecord,
    CleanedText,
    Event,
    ParsedText,
    Place,
    Quote,
    RawArticle,
    Rejected,
    Source,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article cleaned and ready to parse, with its source metadata."""

    id: str
    source: Source
    cleaned: CleanedText


def code_articles(
    items: Iterable[RawArticle | Rejected],
    options: Options | None = None,
    parser: Parser | None = None,
    knowledge: Knowledge | None = None,
    *,
    split_listings: bool = False,
) -> Iterator[ArticleRecord | Rejected]:
    """Codes articles lazily, in input order.

    Args:
        items: raw articles, and rejections from reading (passed through unchanged).
        options: the run's options; defaults when None.
        parser: a loaded parser to reuse; one is built from ``options.model`` when None.
        knowledge: loaded knowledge to reuse (a worker codes many batches with one);
            loaded from ``options`` when None.
        split_listings: code each story of a listing page whose stories have teasers of
            two sentences or more as an article of its own (``prepare_stories``), so one
            input may give several records; False (the default) keeps one output per
            input, as ``thucydides ingest`` and the evaluation need, and refuses such a
            page (T011) like any listing page. ``thucydides code`` splits.

    Yields:
        One ``ArticleRecord`` or ``Rejected`` per item. A stage that raises on one
        article (a bug, not bad input) costs that article only: it becomes a T009
        ``Rejected``, and the others are coded as usual.

    Raises:
        ConfigError: the model is not installed, or a knowledge file is bad.
    """
    options = options or Options()
    parser = parser or Parser(options.model, options.batch_size)
    knowledge = knowledge or Knowledge.load(options)
    # Chunks of a few batches keep nlp.pipe efficient while memory stays bounded.
    chunk_size = options.batch_size * 4
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, chunk_size)):
        # The pages of one site in the chunk are read together: the lines they share are
        # the site's boilerplate (read/boilerplate.py).
        memory = site_memory(item for item in chunk if isinstance(item, RawArticle))
        prepared: list[tuple[str, Prepared | Rejected]] = []
        for entry in chunk:
            # A listing page whose stories carry teasers gives one article per story.
            stories = (
                _isolated(
                    entry.origin,
                    prepare_stories,
                    entry,
                    options,
                    _repeated(entry, memory),
                    split_listings,
                )
                if isinstance(entry, RawArticle)
                else entry
            )
            if isinstance(stories, Rejected):
                prepared.append((entry.origin, stories))
            else:
                prepared += [(entry.origin, story) for story in stories]
        ready = [(origin, p) for origin, p in prepared if isinstance(p, Prepared)]
        parses = _parses(parser, ready)
        for origin, item in prepared:
            if not isinstance(item, Prepared):
                yield item
            elif isinstance(parsed := next(parses), Rejected):
                yield parsed
            else:
                yield _isolated(origin, build_record, item, parsed, knowledge)


_T = TypeVar("_T")


def _isolated(origin: str, stage: Callable[..., _T], *args: object) -> _T | Rejected:
    """Runs one article's ``stage``; an error it raises becomes that article's rejection.

    An ``InputError`` keeps its code; any other exception is a bug met on this article
    and becomes a T009 (``CodingFailed``), so the rest of the batch goes on. Errors about
    the run itself (a ``ConfigError``, a ``StoreError``) still stop it: every article
    would fail the same way.
    """
    try:
        return stage(*args)
    except InputError as exc:
        return rejection(exc)
    except ThucydidesError:
        raise
    except Exception as exc:
        return coding_failed(origin, exc)


def coding_failed(origin: str, exc: Exception) -> Rejected:
    """The T009 rejection of the input ``origin``, on which a coding stage raised ``exc``."""
    return rejection(
        CodingFailed(
            origin,
            f"internal error while coding ({type(exc).__name__}: {exc}); the rest of the "
            "batch went on; please report it with this input",
        )
    )


def _parses(parser: Parser, ready: list[tuple[str, Prepared]]) -> Iterator[ParsedText | Rejected]:
    """Parses the articles in one ``nlp.pipe`` stream, in order; if the stream raises, the
    articles from there on are parsed one at a time, and the one that raises is rejected.

    ``nlp.pipe`` works a batch at a time, so the article at fault may be a later one in
    the batch than the one whose parse was asked for: each is parsed again alone.
    """
    stream = parser.parse_many(p.cleaned.text for _, p in ready)
    for i, _ in enumerate(ready):
        try:
            parsed = next(stream)
        except ThucydidesError:
            raise
        except Exception:
            for origin, alone in ready[i:]:
                yield _isolated(origin, parser.parse, alone.cleaned.text)
            return
        yield parsed


def prepare_batch(
    raws: Sequence[RawArticle], options: Options, *, split_listings: bool = False
) -> list[list[Prepared] | Rejected]:
    """Cleans a batch of raw articles as ``code_articles`` does one chunk of its input: the
    pages of one site (``read.boilerplate.site_of``) are read together, and the lines they
    share are cut as the site's boilerplate.

    Returns:
        Per input, in order: its articles (one, or, with ``split_listings``, one per story
        of a listing page that ``prepare_stories`` splits), or why it cannot be coded.
    """
    memory = site_memory(raws)
    return [
        _isolated(raw.origin, prepare_stories, raw, options, _repeated(raw, memory), split_listings)
        for raw in raws
    ]


def _repeated(raw: RawArticle, memory: dict[str, frozenset[str]]) -> frozenset[str]:
    """The repeated lines of ``raw``'s site in the batch (none when it has no site)."""
    site = site_of(raw)
    return memory.get(site, frozenset()) if site is not None else frozenset()


def prepare(
    raw: RawArticle, options: Options, repeated: frozenset[str] = frozenset()
) -> Prepared | Rejected:
    """Cleans one raw article and checks it can be coded; returns why not otherwise.

    ``repeated`` holds the lines other pages of its site in the batch carry too
    (``prepare_batch``); empty, the page is read alone. One call gives one article: a
    listing page is refused (T011).
    """
    stories = prepare_stories(raw, options, repeated)
    return stories if isinstance(stories, Rejected) else stories[0]


def prepare_stories(
    raw: RawArticle,
    options: Options,
    repeated: frozenset[str] = frozenset(),
    split_listings: bool = False,
) -> list[Prepared] | Rejected:
    """Cleans one raw article and checks it can be coded: one article, or, with
    ``split_listings``, for a listing page whose every story has a teaser of two sentences
    or more, one article per story (id ``<page id>#1``, ``#2``..., its headline as title,
    its own text); why not otherwise.

    A listing page of bare headlines or one-line teasers is refused (T011): too little
    to code, and never one story; so is any listing page without ``split_listings``. The
    page's cuts (``removed``) go with its first story.
    """
    try:
        title, authors, published, url = raw.title, raw.authors, raw.published, raw.url
        text = raw.text or ""
        if raw.html is not None:
            page = extract_html(raw.html, raw.origin)
            text = page.text
            title = title or page.title
            authors = authors or page.authors
            published = published or page.published
            url = url or page.url
        cleaned = clean_text(text, title=title, repeated=repeated)
        if cleaned.stories and not (cleaned.listed and split_listings):
            raise ListingPage(
                raw.origin,
                f"a listing page of {cleaned.stories} headlines with their teasers, not one "
                "article; code each story from its own page"
                + (
                    " (`thucydides code` codes each of these stories as an article of its own)"
                    if cleaned.listed
                    else ""
                ),
            )
        if len(cleaned.text.strip()) < options.min_chars:
            raise NoArticleText(
                raw.origin,
                f"no article text left after cleanup ({len(cleaned.text.strip())} characters, "
                f"minimum {options.min_chars})",
            )
        language = require_language(cleaned.text, raw.origin, options.language)
    except InputError as exc:
        return rejection(exc)
    published, published_from = _publication(raw, published, cleaned, options)
    source = Source(
        path=raw.path,
        url=url,
        title=title,
        authors=_merge(authors, cleaned.authors),
        publisher=raw.publisher,
        published=published,
        language=language,
        published_from=published_from,
        dateline=cleaned.dateline,
    )
    page_id = raw.id or content_id(cleaned.text)
    if not cleaned.listed:
        return [Prepared(id=page_id, source=source, cleaned=cleaned)]
    return [
        Prepared(
            id=f"{page_id}#{n}",
            source=dataclasses.replace(source, title=story.split("\n\n", 1)[0], dateline=None),
            cleaned=CleanedText(text=story, removed=cleaned.removed if n == 1 else ()),
        )
        for n, story in enumerate(cleaned.listed, start=1)
    ]


def _publication(
    raw: RawArticle, found: str | None, cleaned: CleanedText, options: Options
) -> tuple[str | None, str | None]:
    """The publication date and where it came from; a date is never guessed.

    The input's own metadata first, then the HTML page's, then a complete date printed on
    the page (a crawler's "date 2024-05-02" line, a time stamp, a dated dateline), then
    ``--date``.
    """
    if raw.published:
        return raw.published, "input"
    if found:
        return found, "html"
    if cleaned.printed_date is not None:
        iso, line = cleaned.printed_date
        return iso, (
            "dateline" if cleaned.dateline and line == cleaned.dateline.text else f"page: {line}"
        )
    if options.published:
        return options.published, "option"
    return None, None


def build_record(
    prepared: Prepared, parsed: ParsedText, knowledge: Knowledge | None = None
) -> ArticleRecord:
    """Runs the extraction stages over one parse and assembles the article record.

    Each stage is a function over plain records; later ones refine the events the coder
    found: who reported them (quotes), when (time expressions), where (places).
    """
    knowledge = knowledge or Knowledge.load(Options())
    found = extract(parsed, knowledge, prepared.source.published)
    source = prepared.source
    if source.dateline is not None:
        source = dataclasses.replace(source, dateline=locate(source.dateline, knowledge.gazetteer))
    return ArticleRecord(
        id=prepared.id,
        source=source,
        text=prepared.cleaned.text,
        removed=prepared.cleaned.removed,
        actors=found.actors,
        places=found.places,
        events=found.events,
        quotes=found.quotes,
    )


@dataclass(frozen=True, slots=True)
class Extracted:
    """What the extraction stages found in one parse."""

    actors: tuple[Actor, ...]
    places: tuple[Place, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]


def extract(
    parsed: ParsedText,
    knowledge: Knowledge,
    published: str | None,
    confidence: ConfidenceTable | None = None,
) -> Extracted:
    """Runs every extraction stage over one parse, in the one order they run in.

    This is the only place that says which stage runs after which: ``build_record``,
    ``evaluate`` and the benchmarks all call it.

    Args:
        parsed: the article's parse.
        knowledge: actor tables and trigger lexicon.
        published: the publication date (ISO), the anchor of relative dates; None when
            unknown.
        confidence: the calibration map of the last stage (the packaged table when None;
            ``ConfidenceTable.identity()`` keeps the coder's raw scores).

    Returns:
        The actors, places, quotes and events, each with its evidence.
    """
    index = DocIndex(parsed)  # one index of the parse for every stage that takes one
    # toponyms first, read without the actors, so that "Darfur rebels" can be Sudanese;
    # then again with the actors, whose names ("Moscow said") are no places
    hints = resolve_places(parsed)
    actors = resolve_actors(parsed, knowledge.actors, date=published, places=hints, index=index)
    places = resolve_places(parsed, actors)
    quotes = extract_quotes(parsed, actors, index=index)
    actors = speaker_mentions(parsed, actors, quotes, index)  # "I" in a speaker's words
    events = code_events(
        parsed, actors, knowledge.lexicon, places, index=index, judge=knowledge.judge
    )
    events = credit_documents(events, parsed, actors, index)  # "the statement threatened"
    events = answer_recipients(
        events, parsed, knowledge.lexicon, index, actors, quotes
    )  # "condemned the attack", "rejected the claims"
    events = claimed_acts(events, parsed, index)  # "... came under attack. X claimed it"
    events = event_noun_actors(events, parsed, knowledge.lexicon, index)  # "the strikes killed"
    events = release_holders(events, parsed, index)  # "called for Hassan's release"
    events = answer_accusers(events, parsed, index)  # "accused Iran ... Iran denied it"
    events = fighting_sides(events, parsed, actors, index)  # "the warring parties"
    events = counterpart_recipients(events, parsed, actors, index)  # "Islamabad negotiated"
    actors, events = place_states(events, actors, places, knowledge.actors.country_name)
    events = require_recipients(events)  # "the company provided training": no AID
    events = attribute_events(events, quotes, parsed, index)
    expressions = find_time_expressions(parsed, published)
    events = date_events(events, parsed, expressions, published, index)
    events = locate_events(events, parsed, places, index)
    events = calibrate(events, confidence or knowledge.confidence)
    return Extracted(tuple(actors), tuple(places), tuple(quotes), tuple(events))


def content_id(text: str) -> str:
    """Returns the record id of a text: sha256 of its NFC form with whitespace collapsed."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))
