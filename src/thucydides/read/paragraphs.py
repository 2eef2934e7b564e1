"""What a paragraph of scraped text reads as: prose, a headline, or page furniture.

The measures of jusText (Pomikálek 2011, "Removing Boilerplate and Duplicate Content from
Web Corpora", ch. 4), taken to plain text: prose is long enough, holds a share of stop
words, and ends its sentences; a headline is a short line of several words without a
sentence's end; furniture (section names, a reporter's name, an outlet's name) is shorter
still, or capitalised throughout. ``read/cleanup.py`` reads these classes by position: what
comes before the first prose paragraph or after the last one is the page around the story.

``story_runs`` counts the headline-and-teaser blocks of a page that lists several stories.

Notes:
    The stop words are spaCy's English list (``spacy.lang.en.stop_words``, 326 words), the
    model's own, rather than a copy. jusText 3.0.2's English list (453 words) in its place
    removed less noise on the page-noise benchmark (98.4% against 99.8% on the tune pages)
    and lost a listing page; jusText's own classifier keeps 11% of the body of plain-text
    lines (``docs/benchmarks.md``), so it is not a dependency. The thresholds are jusText's
    (length 70 characters, stop-word density 0.30) loosened for news prose, where a
    sentence of names and numbers ("Kenya's central bank raised its rate to 13%.") holds
    fewer stop words: judgement checked on the benchmark's tune pages.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from typing import Literal

__all__ = [
    "ParagraphClass",
    "classify",
    "has_tense",
    "is_stop_word",
    "sentence_count",
    "stop_density",
    "story_blocks",
    "story_runs",
]

ParagraphClass = Literal["prose", "headline", "furniture"]

#: Prose has at least this many words and this share of stop words (jusText: 0.30 on
#: characters-long paragraphs of any web text; news sentences of names run lower).
PROSE_MIN_WORDS = 7
PROSE_MIN_STOP_DENSITY = 0.2
#: A line without a sentence's end is still prose when it is this long and this dense.
OPEN_PROSE_MIN_WORDS = 6
OPEN_PROSE_MIN_STOP_DENSITY = 0.4
#: A headline in capitals has at least this many words; fewer is a label ("TOP STORIES").
HEADLINE_MIN_WORDS = 4
HEADLINE_MAX_WORDS = 20
#: A teaser under a listed headline is a sentence or two.
TEASER_MAX_WORDS = 45
#: The stop-word share is read off a paragraph's first words: enough to tell prose, and
#: it keeps the cost of a long paragraph flat.
DENSITY_WORDS = 60
#: A page lists stories when at least this many headlines each have a teaser under them,
#: or, with no teasers at all, when it holds this many headlines.
LISTING_MIN_STORIES = 3
LISTING_MIN_HEADLINES = 5

#: The words that show a sentence's tense: English auxiliaries and modals, the reporting
#: verbs, and the commonest irregular past forms (closed lists of the grammar, not of any
#: site; ``has_tense``).
_TENSE_WORDS = frozenset(
    "is are was were be been being am has have had having will would can could may might"
    " must should shall did does do said says told tells began begun met made rose fell won"
    " held struck took taken gave given went gone came saw seen left led sent spent built"
    " brought fought found kept lost paid ran sold spoke spoken stood thought wrote written"
    " shot hit put cut set".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"“‘(A-Z0-9])")


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, loaded on first use."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_stop_word(word: str) -> bool:
    """True when ``word`` (any case) is one of spaCy's English stop words."""
    return word.casefold() in _stop_words()


def stop_density(text: str) -> float:
    """The share of stop words in the first ``DENSITY_WORDS`` words of ``text`` (0.0: none)."""
    words = _WORD.findall(text[: DENSITY_WORDS * 12].casefold())[:DENSITY_WORDS]
    if not words:
        return 0.0
    stops = _stop_words()
    return sum(w in stops for w in words) / len(words)


def classify(text: str) -> ParagraphClass:
    """Whether one paragraph reads as prose, a headline, or page furniture.

    Args:
        text: one paragraph (or line) of the page, whitespace collapsed.

    Returns:
        ``"prose"``: a sentence or more (ends like a sentence, long enough, stop words);
        ``"headline"``: up to 20 words without a sentence's end, with a small word after
        the first ("Talks on Libya"), of 7 words or more, or 4 or more in capitals;
        ``"furniture"``: the rest (labels, names, short capitalised lines).
    """
    words = text.split()
    ends = _ENDS_SENTENCE.search(text) is not None
    if ends and len(words) >= PROSE_MIN_WORDS and stop_density(text) >= PROSE_MIN_STOP_DENSITY:
        return "prose"
    if ends and len(words) >= 3 and any(w[0].islower() for w in words[1:]):
        # A short sentence ("He denied it.", "Rwanda denies supporting M23."): prose too.
        return "prose"
    if (
        len(words) >= OPEN_PROSE_MIN_WORDS
        and not text.isupper()
        and stop_density(text) >= OPEN_PROSE_MIN_STOP_DENSITY
    ):
        # A sentence that lost its full stop ("The strike was confirmed by the Associated
        # Press"): headlines drop the articles and auxiliaries that make this share. A
        # line in capitals is a running head or a kicker ("THE SENTINEL · MAY 4 · A6").
        return "prose"
    if len(words) <= HEADLINE_MAX_WORDS and not ends:
        small = any(w[0].islower() for w in words[1:])
        if small or len(words) >= 7 or (text.isupper() and len(words) >= HEADLINE_MIN_WORDS):
            return "headline"
    if ends and len(words) > HEADLINE_MAX_WORDS:
        return "prose"
    return "furniture"


def has_tense(text: str) -> bool:
    """True when a sentence shows a tense a news story tells in: an auxiliary or a modal
    ("has", "was", "will"), a reporting verb ("said"), a past form in "-ed" after its first
    word, or a common irregular past ("met", "began"). A picture's caption is written in
    the simple present or without a verb ("Waves break over the sea wall.", "A patrol boat
    off Honiara."); the story that reports in that present ("Rwanda denies it.") is read by
    its place, never by this test alone.
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    return any(
        w in _TENSE_WORDS or w.endswith("n't") or (n > 0 and len(w) > 4 and w.endswith("ed"))
        for n, w in enumerate(words)
    )


def story_runs(texts: Sequence[str]) -> int:
    """The number of stories a page lists, or 0 when it reads as one article: the number
    of ``story_blocks``."""
    return len(story_blocks(texts))


def story_blocks(texts: Sequence[str]) -> list[tuple[int, ...]]:
    """The stories a page lists, as the indices in ``texts`` of each one's headline and
    teaser (of its headline alone on a page of bare headlines); [] for one article.

    A listing alternates headlines and teasers: a headline, a sentence or two, the next
    headline. An article runs its prose on: paragraphs follow paragraphs, with a headline
    (a subhead) now and then. The page lists stories when at least ``LISTING_MIN_STORIES``
    headlines are each followed by one prose paragraph (a teaser), no more than two prose
    paragraphs ever follow each other, headlines over two paragraphs (sections of an
    article) are fewer than half as many, and the teaser blocks hold at least half the
    page's words; or, with no prose at all, when it is
    ``LISTING_MIN_HEADLINES`` headlines or more. Furniture ("Read more", a time) is passed
    over.
    """
    if sum(_ENDS_SENTENCE.search(t) is None for t in texts) < LISTING_MIN_STORIES:
        return []  # headlines end no sentence: too few of them, no listing
    seen = [(i, classify(t), len(t.split())) for i, t in enumerate(texts)]
    kept = [(i, c, n) for i, c, n in seen if c != "furniture"]
    headlines: list[tuple[int, ...]] = [(i,) for i, c, _ in kept if c == "headline"]
    if not any(c == "prose" for _, c, _ in kept):
        return headlines if len(headlines) >= LISTING_MIN_HEADLINES else []
    stories: list[tuple[int, ...]] = []
    sections = listed = run = 0
    for k, (i, cls, words) in enumerate(kept):
        if cls == "prose":
            run += 1
            if run > 2 or words > TEASER_MAX_WORDS:
                return []  # prose runs on, or a paragraph too long for a teaser: an article
            continue
        run = 0
        teasers = list(itertools.takewhile(lambda x: x[1] == "prose", kept[k + 1 : k + 3]))
        if len(teasers) == 1:
            stories.append((i, teasers[0][0]))
            listed += words + teasers[0][2]
        elif teasers:
            sections += 1  # a subhead over two paragraphs: a section of an article
    if (
        len(stories) < LISTING_MIN_STORIES
        or sections * 2 >= len(stories)
        or listed * 2 < sum(n for _, _, n in kept)
    ):
        return []
    return stories


def sentence_count(text: str) -> int:
    """The number of sentences in ``text``: its sentence ends before a capital or a quote,
    and its last."""
    return len(_SENTENCE_BREAK.findall(text.strip())) + 1 if text.strip() else 0
