"""Story-level events: the same event reported by several articles, counted once.

GDELT counts, for each event, how many articles and how many sources report it
(NumArticles, NumSources). Here every stored event is one article's report; reports of
the same happening are grouped into a story by this rule:

- same PLOVER type and same modality (a denial is not a report of the act);
- same set of actors and same set of recipients, compared by canonical name, casefolded,
  whatever the order and however often a name repeats;
- date windows that overlap, chaining: a report joins a story when its window starts on
  or before the last day the story covers so far. A report's window is its event's date
  range (``date``..``date_end``, one day when there is no end), else the day its article
  was published.

A report with no actor and no recipient, or with no date at all, cannot be matched with
confidence and is a story of its own. A story keeps every report (``EventRow``, with the
article, the event id and the sentence), so no evidence is lost by grouping.

Notes:
    GDELT 1.0 event codebook (NumArticles, NumSources), http://data.gdeltproject.org/
    documentation/GDELT-Data_Format_Codebook.pdf. Chaining overlapping windows is the
    usual interval merge; a story of daily reports of a long siege can therefore span
    many days, each report overlapping the next.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..records import Source
from .protocol import EventRow, StoryRow

#: The key reports of one story share: type, modality, actor names, recipient names.
StoryKey = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def source_key(source: Source) -> str | None:
    """Names who published an article, for counting distinct sources.

    Args:
        source: the article's source metadata.

    Returns:
        The URL's host without ``www.``, else the publisher, casefolded; None when
        neither is known.
    """
    if source.url:
        try:
            host = urlsplit(source.url.strip()).hostname
        except ValueError:  # a malformed URL ("http://[::1") names no host
            host = None
        if host:
            return host.removeprefix("www.")
    if source.publisher and source.publisher.strip():
        return " ".join(source.publisher.split()).casefold()
    return None


def story_key(row: EventRow) -> StoryKey | None:
    """Returns what reports of the same story share, or None when ``row`` stands alone."""
    if not row.actor_names and not row.recipient_names:
        return None
    return (
        row.event,
        row.modality,
        tuple(sorted({name.casefold() for name in row.actor_names})),
        tuple(sorted({name.casefold() for name in row.recipient_names})),
    )


def window(row: EventRow) -> tuple[str, str] | None:
    """Returns the first and last day a report covers, or None when it is undated."""
    if row.date:
        start = row.date[:10]
        end = (row.date_end or row.date)[:10]
        return start, max(start, end)
    if row.published:
        day = row.published[:10]
        return day, day
    return None


def group_stories(rows: Iterable[EventRow]) -> list[StoryRow]:
    """Groups event reports into story-level events.

    Args:
        rows: reports, as ``Store.events`` lists them.

    Returns:
        One ``StoryRow`` per story (see the module docstring for the rule), by first day
        (undated last), then by first report.
    """
    keyed: dict[StoryKey, list[tuple[tuple[str, str], EventRow]]] = {}
    stories: list[StoryRow] = []
    for row in rows:
        key, span = story_key(row), window(row)
        if key is None or span is None:
            stories.append(_story(key, [row], span))
        else:
            keyed.setdefault(key, []).append((span, row))
    for key, reports in keyed.items():
        reports.sort(key=lambda item: (item[0], item[1].article_id, item[1].event_id))
        group: list[EventRow] = []
        start, end = reports[0][0]
        for (first, last), row in reports:
            if group and first > end:
                stories.append(_story(key, group, (start, end)))
                group, start = [], first
            group.append(row)
            end = max(end, last) if len(group) > 1 else last
        stories.append(_story(key, group, (start, end)))
    stories.sort(
        key=lambda s: (
            s.start is None,
            s.start or "",
            s.reports[0].article_id,
            s.reports[0].event_id,
        )
    )
    return stories


def _story(key: StoryKey | None, reports: list[EventRow], span: tuple[str, str] | None) -> StoryRow:
    """Builds one story from its reports (in date order) and the days they cover."""
    first = reports[0]
    name = repr((key, first.article_id, first.event_id))
    return StoryRow(
        story_id=hashlib.sha256(name.encode("utf-8")).hexdigest()[:16],
        event=first.event,
        modality=first.modality,
        actor_names=tuple(dict.fromkeys(first.actor_names)),
        recipient_names=tuple(dict.fromkeys(first.recipient_names)),
        start=span[0] if span else None,
        end=span[1] if span else None,
        n_articles=len({r.article_id for r in reports}),
        n_sources=len({r.source for r in reports if r.source}),
        reports=tuple(reports),
    )
