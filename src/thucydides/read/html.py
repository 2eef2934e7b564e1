"""The main text and metadata of an HTML page, without navigation, boilerplate or comments.

trafilatura finds the article body, title, authors and URL; htmldate finds the publication
date, from markup only. A date is never guessed: a page that states none gets None.

trafilatura and htmldate are imported on the first page, not with this module: together
they take about half a second to import, which every worker process of a batch of plain
texts would otherwise pay at start-up for nothing.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import MalformedInput, NoArticleText
from ..records import Record

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document

# htmldate: original_date prefers the publication date over "last updated"; no extensive
# search, which would take "Copyright 2024" in a footer for 2024-01-01. Its default window
# (1995-01-01 to the end of today) also stays: it keeps out the 1970-01-01 of broken CMSs.
_DATE_OPTIONS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%d",
}

# Elements htmldate reads dates from on purpose (beyond its date_candidates).
_DATE_TAGS = ("time", "abbr", "title", "h1")
_BARE_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_CUED_DATE = re.compile(
    r"\b(?:published|posted|publication date|date published)\b[\s:]*(?:on\s+)?"
    r"(\d{4}-\d{1,2}-\d{1,2})",
    re.IGNORECASE,
)
_UNSEEN = ("script", "style")


@dataclass(frozen=True, slots=True)
class HtmlArticle(Record):
    """What an HTML page yields: its main text (paragraphs split by a blank line) and
    metadata, each None or empty when the page does not state it."""

    text: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    url: str | None


def extract_html(html: str, origin: str) -> HtmlArticle:
    """Takes the article text and metadata out of an HTML page.

    Args:
        html: the page, a whole document or a fragment such as the article body.
        origin: the input the page came from, for error messages.

    Returns:
        The main text without navigation, boilerplate or reader comments, paragraphs
        separated by ``"\\n\\n"``; the title, authors and URL from the page's metadata; the
        publication date as ``YYYY-MM-DD`` when the markup states one, else None.

    Raises:
        MalformedInput: the page cannot be parsed, or is cut off and no text survives.
        NoArticleText: the page parses but holds no main text.
    """
    import trafilatura
    from trafilatura.settings import Document

    tree = _parse(html, origin)
    document = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        with_metadata=True,
        # trafilatura's own date is not used; this keeps it from running a slow search.
        date_extraction_params=_DATE_OPTIONS,
    )
    if not isinstance(document, Document) or not (text := _paragraphs(document)):
        if _looks_truncated(html):
            raise MalformedInput(
                origin,
                "the HTML is cut off (it ends inside a tag or before </html>) and no article "
                "text survives in what is there; fetch the page again",
            )
        raise NoArticleText(
            origin,
            "no main text in the HTML once navigation and boilerplate are removed; check that "
            "it is an article page, or give its text instead",
        )
    url = document.url or None
    return HtmlArticle(
        text=text,
        title=(document.title or "").strip() or None,
        # trafilatura joins the names it finds with "; ".
        authors=tuple(
            dict.fromkeys(n.strip() for n in (document.author or "").split(";") if n.strip())
        ),
        published=_stated_date(tree, url),
        url=url,
    )


def _stated_date(tree: HtmlElement, url: str | None) -> str | None:
    """Returns the publication date the page's markup or URL states, never a guess."""
    # htmldate's fast mode ends, when nothing else matched, by taking the first bare
    # YYYY-MM-DD anywhere in the visible text: a date the article mentions, not the day it
    # was published. So the page is searched again with such loose dates blanked, and the
    # first answer stands only if it comes back. A date labelled "Published: 2025-03-14"
    # is evidence, not a guess, and is left in place.
    from htmldate import find_date
    from htmldate.core import date_candidates

    found = find_date(tree, url=url, **_DATE_OPTIONS)
    if found is None:
        return None
    probe = deepcopy(tree)
    cued = set(_CUED_DATE.findall(" ".join(probe.itertext())))
    kept = {
        node
        for element in [*date_candidates(probe, False), *probe.iter(*_DATE_TAGS)]
        for node in element.iter()
    }
    for node in probe.iter():
        if isinstance(node.tag, str) and node.tag not in _UNSEEN and node not in kept:
            node.text = _without_loose_dates(node.text, cued)
        parent = node.getparent()
        if parent is not None and parent not in kept:
            node.tail = _without_loose_dates(node.tail, cued)
    return found if find_date(probe, url=url, **_DATE_OPTIONS) == found else None


def _without_loose_dates(text: str | None, cued: set[str]) -> str | None:
    """Blanks the bare ISO dates in ``text`` that no "Published:" cue labels."""
    if not text:
        return text
    return _BARE_DATE.sub(lambda m: m[0] if m[0] in cued else "", text)


def _parse(html: str, origin: str) -> HtmlElement:
    """Parses a page, wrapping a bare fragment in a document when needed."""
    import trafilatura
    from lxml.etree import LxmlError

    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            # trafilatura refuses a single-element fragment without <html>, yet datasets
            # often store only the article body.
            tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    except (LxmlError, ValueError) as exc:
        raise MalformedInput(origin, f"cannot parse the HTML: {exc}") from exc
    if tree is None:
        raise MalformedInput(
            origin, "cannot parse the HTML; if the input is plain text, give it as text"
        )
    return tree


def _paragraphs(document: Document) -> str:
    """Renders the extracted body as plain text, one blank line between blocks."""
    from trafilatura.xml import xmltotxt

    body = document.body
    if body is None:
        return (document.text or "").strip()
    # trafilatura's own text output puts a single "\n" between paragraphs, the same as
    # between the lines of one paragraph or the items of a list.
    blocks = [body.text.strip()] if body.text else []
    blocks += [xmltotxt(child, False).strip() for child in body]
    return "\n\n".join(block for block in blocks if block)


def _looks_truncated(html: str) -> bool:
    """Tells a page cut off mid-tag or before its closing </html>."""
    end = html.rstrip()[-2000:]
    if end.rfind("<") > end.rfind(">"):
        return True
    return "<html" in html[:2000].lower() and "</html" not in end.lower()
