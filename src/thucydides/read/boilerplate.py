"""Repeated boilerplate: the lines that recur on several pages of one site in a batch.

A site prints the same furniture around every story: a sign-up notice, a legal line, a
"Comments are closed" note, an app's slogan. Read one page at a time, a line of that
furniture that reads as a sentence ("All your news in one place.") looks like the story's
first paragraph; read beside the site's other pages in the batch, it is the line that
every page carries. Web-corpus tools use the same signal across a crawl (trafilatura's
``deduplicate`` option drops text segments it has seen too often; Pomikálek 2011 removes
repeated paragraphs from a corpus with his tool onion); here it is used for the pages of
one site within one batch of input, before each page is cleaned.

``repeated_lines`` reads the raw texts of one site's pages and returns the keys of the
lines that recur on at least two of them; ``line_key`` is the key a line of a page is
looked up by (case and digits folded, so "Comments (14)" and "Comments (5)" are one line,
and "Published in X, December 3rd, 2026" and "..., December 5th, 2026" too).
``read/cleanup.py`` cuts those lines, with guards that keep the story's own sentences
(a background paragraph repeated in a series of stories is body).

``site_of`` names the site of an input: its publisher, else its URL's host. An input
with neither, or the only page of its site in the batch, is cleaned alone, as always.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..records import RawArticle

__all__ = ["MIN_PAGES", "line_key", "repeated_lines", "site_memory", "site_of"]

#: A line is a site's boilerplate when this many of its pages in the batch carry it.
MIN_PAGES = 2
#: Lines longer than this are paragraphs of a story, never boilerplate: legal notices,
#: sign-up prompts and disclaimers run to a few dozen words at most.
MAX_WORDS = 80

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*(?:st|nd|rd|th)?")
_SPACES = re.compile(r"\s+")


def line_key(line: str) -> str:
    """The key a line is remembered by: whitespace collapsed, case folded, every number
    (with its ordinal suffix) read as "0"."""
    return _NUMBER.sub("0", _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip().casefold())


def repeated_lines(texts: Iterable[str], min_pages: int = MIN_PAGES) -> frozenset[str]:
    """The keys of the lines that recur on at least ``min_pages`` of ``texts``.

    Args:
        texts: the raw texts of the pages of one site in a batch.
        min_pages: on how many pages a line must be found; a line repeated within one
            page counts once.

    Returns:
        The ``line_key`` of every such line of at most ``MAX_WORDS`` words; empty for
        fewer than ``min_pages`` pages.
    """
    pages: Counter[str] = Counter()
    for text in texts:
        keys = {
            line_key(line)
            for line in _LINE_BREAKS.sub("\n", text).split("\n")
            if line.strip() and len(line.split()) <= MAX_WORDS
        }
        pages.update(keys)
    return frozenset(key for key, count in pages.items() if count >= min_pages)


def site_of(raw: RawArticle) -> str | None:
    """The site an input comes from: its publisher, else its URL's host without "www.";
    None when it names neither."""
    if raw.publisher and raw.publisher.strip():
        return raw.publisher.strip().casefold()
    if raw.url:
        host = urlsplit(raw.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def site_memory(raws: Iterable[RawArticle]) -> dict[str, frozenset[str]]:
    """The repeated lines of each site among ``raws`` (one batch of input), by ``site_of``.

    Only plain-text inputs count (an HTML page's boilerplate is left to the HTML
    extractor); a site with one page in the batch has no entry.
    """
    texts: dict[str, list[str]] = defaultdict(list)
    for raw in raws:
        site = site_of(raw)
        if site is not None and raw.text is not None and raw.html is None:
            texts[site].append(raw.text)
    memory = {site: repeated_lines(pages) for site, pages in texts.items() if len(pages) > 1}
    return {site: keys for site, keys in memory.items() if keys}
