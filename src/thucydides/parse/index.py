"""The one index of an article's parse, built once and handed to every extraction stage.

``DocIndex(parsed)`` answers the questions every stage asks of a ``ParsedText``: the
children of a token, the edges of its subtree, the sentence and the paragraph a token or a
character is in, and which tokens a character span covers. Stages take it as an argument
(``index: DocIndex | None = None``, built when None); ``pipeline.extract`` builds it once
per article, so no stage builds its own child lists or offset tables.

Paragraphs. A paragraph is a run of text between line breaks (a line break and the
whitespace after it separate two paragraphs). Cleanup (``read/cleanup.py``) joins wrapped
lines and separates paragraphs by one blank line, so on a cleaned text this is the same as
"separated by a blank line"; on a hand-written text with one paragraph per line it reads
each line as a paragraph, as the writer meant. This module holds the only definition.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import ParsedText

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The character spans ``[start, end)`` of the paragraphs of ``text``, in order.

    A text without a line break is one paragraph; an empty text is one empty paragraph.
    """
    spans, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans or [(0, len(text))]


class DocIndex:
    """Children, subtree edges, sentences, paragraphs and character offsets of one parse.

    Args:
        parsed: the article's parse; the index reads it and never changes it.

    Attributes:
        parsed: the parse indexed.
        children: the dependents of each token, in text order (a root is not its own child).
        left, right: the first and last token of each token's subtree (inclusive).
        depth: how many arcs lie between each token and the root of its tree (roots are 0).
        sentence: the index of each token's sentence.
        paragraphs: the paragraphs' character spans (see ``paragraph_spans``).
        starts, ends: each token's first character and the character after its last, in
            text order, for binary search.
    """

    def __init__(self, parsed: ParsedText) -> None:
        self.parsed = parsed
        tokens = parsed.tokens
        n = len(tokens)
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]
        self.sentence_starts = [s.start for s in parsed.sentences]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for t in tokens:
            if t.head != t.i and 0 <= t.head < n:
                self.children[t.head].append(t.i)
        self.left, self.right, self.depth = _tree_walk(self.children, [t.head for t in tokens])
        last = max(len(parsed.sentences) - 1, 0)
        self.sentence = [last] * n
        for k, s in enumerate(parsed.sentences):
            for i in range(s.token_start, min(s.token_end, n)):
                self.sentence[i] = k
        self.paragraphs = paragraph_spans(parsed.text)
        self.paragraph_starts = [lo for lo, _hi in self.paragraphs]

    # ------------------------------------------------------------ characters -> tokens

    def tokens_of(self, start: int, end: int) -> tuple[int, int]:
        """Token range [first, last) overlapping the characters [start, end)."""
        tokens = self.parsed.tokens
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        while first < len(tokens) and tokens[first].end <= start:
            first += 1
        last = bisect.bisect_left(self.starts, end)
        return first, max(last, first)

    def starting_in(self, start: int, end: int) -> range:
        """The tokens whose first character lies in [start, end): a mention's tokens."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def token_starting_at(self, char: int) -> int | None:
        """The token whose first character is ``char``, or None (a name's first token)."""
        i = bisect.bisect_left(self.starts, char)
        return i if i < len(self.starts) and self.starts[i] == char else None

    def token_ending_at(self, char: int) -> int | None:
        """The token whose last character is just before ``char``, or None."""
        i = bisect.bisect_left(self.ends, char)
        return i if i < len(self.ends) and self.ends[i] == char else None

    def token_at_or_after(self, char: int) -> int:
        """The first token that ends after ``char`` (``len(tokens)`` if none)."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i >= 0 and self.parsed.tokens[i].end > char:
            return i
        return i + 1

    def token_before(self, char: int) -> int:
        """The last token that starts before ``char`` (-1 if none)."""
        return bisect.bisect_left(self.starts, char) - 1

    # ------------------------------------------------------------ sentences, paragraphs

    def sentence_at(self, char: int) -> int:
        """The index of the sentence holding the character ``char``."""
        return max(bisect.bisect_right(self.sentence_starts, char) - 1, 0)

    def sentence_of(self, i: int) -> int:
        """The index of token ``i``'s sentence; an index past either end gives the last."""
        if 0 <= i < len(self.sentence):
            return self.sentence[i]
        return max(len(self.sentence_starts) - 1, 0)

    def paragraph_at(self, char: int) -> int:
        """The index of the paragraph holding (or, between two, preceding) ``char``."""
        return max(bisect.bisect_right(self.paragraph_starts, char) - 1, 0)

    def paragraph_of(self, i: int) -> int:
        """The index of the paragraph holding token ``i``."""
        return self.paragraph_at(self.parsed.tokens[i].start)

    # ------------------------------------------------------------ the tree

    def subtree(self, i: int) -> list[int]:
        """Token ``i`` and every token below it, in text order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def is_ancestor(self, a: int, b: int) -> bool:
        """True when token ``a`` dominates token ``b`` (or is it)."""
        tokens = self.parsed.tokens
        for _ in range(len(tokens) + 1):
            if a == b:
                return True
            h = tokens[b].head
            if h == b:
                return False
            b = h
        return False


def _tree_walk(
    children: list[list[int]], heads: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """The first and last token of every subtree and every token's depth, in one walk.

    The walk lists the tokens breadth-first from the roots, so that each comes after its
    head: depths are read in that order, subtree edges in the reverse one (from the leaves
    up). A token under no root (on or below a cycle of heads, which only a broken
    hand-made parse has) keeps itself as its edges and depth 0.
    """
    n = len(children)
    left, right, depth = list(range(n)), list(range(n)), [0] * n
    order = [i for i in range(n) if heads[i] == i or not 0 <= heads[i] < n]
    for i in order:  # the list grows as the walk goes down
        below = depth[i] + 1
        for c in children[i]:
            depth[c] = below
            order.append(c)
    for i in reversed(order):
        h = heads[i]
        if h != i and 0 <= h < n:
            if left[i] < left[h]:
                left[h] = left[i]
            if right[i] > right[h]:
                right[h] = right[i]
    return left, right, depth
