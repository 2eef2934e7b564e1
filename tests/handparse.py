"""Parses built by hand, for rule tests that run without the statistical model.

A rule test states the tree it is about (words, heads, dependency labels, parts of
speech, lemmas, entities), the way spaCy tests its DependencyMatcher, so it takes
milliseconds and cannot pass or fail because of what the parser happens to guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from thucydides.records import Entity, ParsedText, Sentence, Token


def hand_parse(
    words: Sequence[str],
    heads: Sequence[int],
    deps: Sequence[str],
    pos: Sequence[str],
    *,
    lemmas: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    ents: Sequence[tuple[int, int, str]] = (),
    sentence_starts: Sequence[int] = (0,),
) -> ParsedText:
    """Builds a ``ParsedText`` from a tree written out by hand.

    Args:
        words: the tokens; the text is the words joined by single spaces.
        heads: each token's head as an absolute token index (a root is its own head).
        deps: each token's dependency label (``ROOT`` for roots).
        pos: each token's coarse part of speech (``VERB``, ``NOUN``, ``PROPN``...).
        lemmas: lemmas (the lower-case words when None).
        tags: fine-grained tags (``VBD``, ``NNS``...; the POS when None).
        ents: entities as (first token, end token, label).
        sentence_starts: the first token of each sentence.

    Returns:
        The parse, with character offsets into the joined text.
    """
    n = len(words)
    if not (len(heads) == len(deps) == len(pos) == n):
        raise ValueError("words, heads, deps and pos must have the same length")
    lemmas = lemmas or [w.lower() for w in words]
    tags = tags or list(pos)
    starts, offset = [], 0
    for w in words:
        starts.append(offset)
        offset += len(w) + 1
    text = " ".join(words)
    ent_of = {k: label for a, b, label in ents for k in range(a, b)}
    tokens = tuple(
        Token(
            i=i, text=w, start=starts[i], end=starts[i] + len(w), lemma=lemmas[i],
            pos=pos[i], tag=tags[i], dep=deps[i], head=heads[i], ent_type=ent_of.get(i, ""),
        )
        for i, w in enumerate(words)
    )  # fmt: skip
    bounds = [*sentence_starts, n]
    sentences = tuple(
        Sentence(start=starts[a], end=tokens[b - 1].end, token_start=a, token_end=b)
        for a, b in zip(bounds, bounds[1:], strict=False)
    )
    entities = tuple(
        Entity(
            label=label, text=text[starts[a] : tokens[b - 1].end], start=starts[a],
            end=tokens[b - 1].end, token_start=a, token_end=b,
        )
        for a, b, label in ents
    )  # fmt: skip
    return ParsedText(text=text, tokens=tokens, sentences=sentences, entities=entities)
