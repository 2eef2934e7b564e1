"""The parse layer: the one index of an article (``parse/index.py``), on parses built by hand,
and the stages that share it."""

from __future__ import annotations

import pytest

from tests.handparse import hand_parse
from thucydides.extract.actors import resolve_actors
from thucydides.extract.discourse import answer_recipients
from thucydides.extract.events import code_events
from thucydides.parse.index import DocIndex, paragraph_spans
from thucydides.parse.repairs import repair_parse
from thucydides.pipeline import extract

# "Rebels shelled the town . Police fled ." — two sentences.
TWO_SENTENCES = hand_parse(
    ["Rebels", "shelled", "the", "town", ".", "Police", "fled", "."],
    heads=[1, 1, 3, 1, 1, 6, 6, 6],
    deps=["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "punct"],
    pos=["NOUN", "VERB", "DET", "NOUN", "PUNCT", "NOUN", "VERB", "PUNCT"],
    sentence_starts=(0, 5),
)


def test_children_and_subtree_edges() -> None:
    index = DocIndex(TWO_SENTENCES)
    assert index.children[1] == [0, 3, 4]  # in text order, the root not its own child
    assert index.children[3] == [2]
    assert index.children[0] == []
    assert (index.left[1], index.right[1]) == (0, 4)
    assert (index.left[3], index.right[3]) == (2, 3)
    assert (index.left[6], index.right[6]) == (5, 7)
    assert index.subtree(3) == [2, 3]
    assert index.depth == [1, 0, 2, 1, 1, 1, 0, 1]  # the roots are 0
    assert index.is_ancestor(1, 2) and not index.is_ancestor(3, 1)


def test_a_cycle_of_heads_leaves_its_tokens_as_they_are() -> None:
    # "a b c": "a" and "b" each other's head (a broken hand-made parse), "c" a root
    broken = hand_parse(["a", "b", "c"], [1, 0, 2], ["dep", "dep", "ROOT"], ["X", "X", "X"])
    index = DocIndex(broken)
    assert (index.left, index.right, index.depth) == ([0, 1, 2], [0, 1, 2], [0, 0, 0])
    assert index.children == [[1], [0], []]


def test_sentences_of_tokens_and_characters() -> None:
    index = DocIndex(TWO_SENTENCES)
    assert [index.sentence_of(i) for i in range(8)] == [0, 0, 0, 0, 0, 1, 1, 1]
    assert index.sentence_of(8) == 1  # past the end: the last sentence
    assert index.sentence_at(TWO_SENTENCES.text.index("Police")) == 1


def test_character_offsets_to_tokens() -> None:
    index = DocIndex(TWO_SENTENCES)
    text = TWO_SENTENCES.text
    start = text.index("the town")
    assert index.tokens_of(start, start + len("the town")) == (2, 4)
    assert index.tokens_of(start + 1, start + 2) == (2, 3)  # inside a token: that token
    assert list(index.starting_in(start, start + len("the town"))) == [2, 3]
    assert index.token_at_or_after(start - 1) == 2  # the space before "the"
    assert index.token_before(start) == 1
    assert index.token_starting_at(start) == 2 and index.token_starting_at(start + 1) is None
    assert index.token_ending_at(start + len("the town")) == 3
    assert index.token_ending_at(start + len("the")) == 2
    assert index.token_ending_at(start + 1) is None and index.token_starting_at(10_000) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One. Two."]),
        ("One.\n\nTwo.", ["One.", "Two."]),  # cleanup's blank line
        ("One.\nTwo.\n", ["One.", "Two."]),  # a line per paragraph
        ("\n\nOne.\n \n", ["One."]),
        ("", [""]),
    ],
)
def test_a_paragraph_is_a_run_of_text_between_line_breaks(text, expected) -> None:
    assert [text[a:b] for a, b in paragraph_spans(text)] == expected


def test_paragraph_of_a_token() -> None:
    parsed = hand_parse(
        ["He", "left", ".", "\n\n", "She", "stayed", "."],
        heads=[1, 1, 1, 2, 5, 5, 5],
        deps=["nsubj", "ROOT", "punct", "dep", "nsubj", "ROOT", "punct"],
        pos=["PRON", "VERB", "PUNCT", "SPACE", "PRON", "VERB", "PUNCT"],
        sentence_starts=(0, 4),
    )
    index = DocIndex(parsed)
    assert [index.paragraph_of(i) for i in range(7)] == [0, 0, 0, 0, 1, 1, 1]  # the break ends one
    assert len(index.paragraphs) == 2


# ---------------------------------------------------------------- repairs


def _stranded(to_has_object: bool = False):
    """ "Ecuador granted asylum to five officers holed up in the embassy ." as the parser
    sometimes reads it: "officers" the subject of "holed", "to" without an object."""
    heads = [1, 1, 1, 1, 5, 6, 1, 6, 6, 10, 8, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "nummod", "nsubj", "advcl", "prt", "prep", "det",
            "pobj", "punct"]  # fmt: skip
    if to_has_object:  # "to them , officers holed up ...": nothing stranded
        heads[4], deps[4] = 3, "pobj"
    return hand_parse(
        ["Ecuador", "granted", "asylum", "to", "five", "officers", "holed", "up", "in", "the",
         "embassy", "."],
        heads=heads,
        deps=deps,
        pos=["PROPN", "VERB", "NOUN", "ADP", "NUM", "NOUN", "VERB", "ADP", "ADP", "DET", "NOUN",
             "PUNCT"],
        tags=["NNP", "VBD", "NN", "IN", "CD", "NNS", "VBD", "RP", "IN", "DT", "NN", "."],
    )  # fmt: skip


def test_a_stranded_object_goes_back_to_its_preposition() -> None:
    repaired = repair_parse(_stranded())
    officers, holed = repaired.tokens[5], repaired.tokens[6]
    assert (officers.dep, officers.head) == ("pobj", 3)
    assert (holed.dep, holed.head) == ("acl", 5)
    index = DocIndex(repaired)
    assert index.children[3] == [5]
    assert (index.left[3], index.right[3]) == (3, 10)  # "to five officers holed up in ..."


def test_a_preposition_with_an_object_is_left_alone() -> None:
    parsed = _stranded(to_has_object=True)
    assert repair_parse(parsed) is parsed


# ---------------------------------------------------------------- one index per article

# "Police said rebels attacked the town on Monday ." — a reported ASSAULT with a date.
REPORTED_ATTACK = hand_parse(
    ["Police", "said", "rebels", "attacked", "the", "town", "on", "Monday", "."],
    heads=[1, 1, 3, 1, 5, 3, 3, 6, 1],
    deps=["nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj", "prep", "pobj", "punct"],
    pos=["NOUN", "VERB", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
    lemmas=["police", "say", "rebel", "attack", "the", "town", "on", "Monday", "."],
    tags=["NNS", "VBD", "NNS", "VBD", "DT", "NN", "IN", "NNP", "."],
    ents=[(7, 8, "DATE")],
)


def test_extract_builds_one_index_per_article_for_every_stage(monkeypatch, knowledge) -> None:
    built: list[object] = []
    build = DocIndex.__init__

    def counted(self: DocIndex, parsed: object) -> None:
        built.append(parsed)
        build(self, parsed)  # type: ignore[arg-type]

    monkeypatch.setattr(DocIndex, "__init__", counted)
    found = extract(REPORTED_ATTACK, knowledge, "2024-05-08")
    assert [e.event for e in found.events] == ["ASSAULT"]
    assert built == [REPORTED_ATTACK]  # actors, quotes, events, discourse, dates, places


def test_stages_given_the_index_code_as_without_it(knowledge) -> None:
    index = DocIndex(REPORTED_ATTACK)
    actors = resolve_actors(REPORTED_ATTACK, knowledge.actors)
    assert resolve_actors(REPORTED_ATTACK, knowledge.actors, index=index) == actors
    events = code_events(REPORTED_ATTACK, actors, knowledge.lexicon)
    assert code_events(REPORTED_ATTACK, actors, knowledge.lexicon, index=index) == events
    lexicon = knowledge.lexicon
    assert answer_recipients(events, REPORTED_ATTACK, lexicon, index) == answer_recipients(
        events, REPORTED_ATTACK, lexicon
    )


def test_a_sentence_read_as_one_noun_phrase_gets_its_verb_back(parser) -> None:
    # the parser reads "Ruto hosted Museveni" as a name modified by "hosted"
    parsed = parser.parse(
        "Earlier this week, Ruto hosted Museveni in Nairobi for what he called productive talks."
    )
    tok = {t.text: t for t in parsed.tokens}
    assert tok["hosted"].dep == "ROOT" and tok["hosted"].head == tok["hosted"].i
    assert tok["Ruto"].dep == "nsubj" and tok["Ruto"].head == tok["hosted"].i
    assert tok["Museveni"].dep == "dobj" and tok["Museveni"].head == tok["hosted"].i
    assert parsed.tokens[tok["in"].i].head == tok["hosted"].i
    assert tok["week"].head == tok["hosted"].i


def test_a_sentence_with_its_verb_is_left_as_it_is(parser) -> None:
    text = "Earlier this week, Biden hosted Modi in the White House for a state dinner."
    parsed = parser.parse(text)
    tok = {t.text: t for t in parsed.tokens}
    assert tok["hosted"].dep == "ROOT" and tok["Biden"].dep == "nsubj"
