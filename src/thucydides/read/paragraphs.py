"""What a paragraph of scraped text reads as: prose, a headline, or page furniture.

The measures of jusText (Pomikálek 2011, "Removing Boilerplate and Duplicate Content from
Web Corpora", ch. 4), taken to plain text: prose is long enough, holds a share of stop
words, and ends its sentences; a headline is a short line of several words without a
sentence's end; furniture (section names, a reporter's name, an outlet's name) is shorter
still, or capitalised throughout. ``read/cleanup.py`` reads these classes by position: what
comes before the first prose paragraph or after the last one is the page around the story.

``story_runs`` finds the headline-and-teaser blocks of a page that lists several stories.

Notes:
    The stop words are spaCy's English list (``spacy.lang.en.stop_words``, 326 words), the
    model's own, rather than a copy. jusText's English list (``justext.get_stoplist``) was
    measured in its place on the page-noise benchmark and changed no line's class
    (``docs/benchmarks.md``). The thresholds are jusText's (length 70 characters, stop-word
    density 0.30) loosened for news prose, where a sentence of names and numbers ("Kenya's
    central bank raised its rate to 13%.") holds fewer stop words: judgement checked on the
    benchmark's tune pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Literal

__all__ = ["ParagraphClass", "classify", "stop_density", "story_runs"]

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
#: A page lists stories when at least this many headline blocks follow each other.
LISTING_MIN_STORIES = 3

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, loaded on first use."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def stop_density(text: str) -> float:
    """The share of stop words among the first ``DENSITY_WORDS`` words of ``text`` (0.0 for none)."""
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
        the first ("Talks on Libya"), of 7 words or more, or 4 or more in capitals; ``"furniture"``: the rest (labels, names, short capitalised lines).
    """
    words = text.split()
    ends = _ENDS_SENTENCE.search(text) is not None
    if ends and len(words) >= PROSE_MIN_WORDS and stop_density(text) >= PROSE_MIN_STOP_DENSITY:
        return "prose"
    if ends and len(words) >= 3 and any(w[0].islower() for w in words[1:]):
        # A short sentence ("He denied it.", "Rwanda denies supporting M23."): prose too.
        return "prose"
    if len(words) >= OPEN_PROSE_MIN_WORDS and stop_density(text) >= OPEN_PROSE_MIN_STOP_DENSITY:
        # A sentence that lost its full stop ("The strike was confirmed by the Associated
        # Press"): headlines drop the articles and auxiliaries that make this share.
        return "prose"
    if len(words) <= HEADLINE_MAX_WORDS and not ends:
        small = any(w[0].islower() for w in words[1:])
        if small or len(words) >= 7 or (text.isupper() and len(words) >= HEADLINE_MIN_WORDS):
            return "headline"
    if ends and len(words) > HEADLINE_MAX_WORDS:
        return "prose"
    return "furniture"


def story_runs(texts: Sequence[str]) -> list[tuple[int, int, int]]:
    """The runs of headline blocks in a page: ``(first, end, stories)`` over ``texts``.

    A block is a headline followed by at most two short paragraphs (a teaser, a time), or by
    the next headline. A run is blocks that follow each other with nothing else between;
    runs of fewer than two blocks are left out.
    """
    runs: list[tuple[int, int, int]] = []
    if sum(_ENDS_SENTENCE.search(t) is None for t in texts) < 2:
        return runs  # headlines end no sentence: fewer than two, no run
    classes = [classify(t) for t in texts]
    i = 0
    while i < len(texts):
        if classes[i] != "headline":
            i += 1
            continue
        start, stories = i, 0
        while i < len(texts) and classes[i] == "headline":
            stories += 1
            i += 1
            teaser = 0
            while (
                i < len(texts)
                and teaser < 2
                and classes[i] != "headline"
                and len(texts[i].split()) <= TEASER_MAX_WORDS
            ):
                teaser += 1
                i += 1
            if teaser == 2 and i < len(texts) and classes[i] != "headline":
                # A third paragraph under one headline: a story, not a list; the run ends.
                break
        if stories >= 2:
            runs.append((start, i, stories))
    return runs
