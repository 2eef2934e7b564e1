"""Every rule row fires on its example and stays silent on its counter-example.

One test walks every rule file in ``src/thucydides/data/rules/``; a file with no checker
here fails, so a new rule file cannot go untested.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import code_text
from thucydides.errors import ConfigError
from thucydides.knowledge.event_types import read_event_types
from thucydides.knowledge.lexicon import DEFAULT_FILE, QUAD, Lexicon, read_tsv
from thucydides.knowledge.words import UnknownWordClass, WordClasses, read_word_classes

RULES = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data" / "rules"
WORD_CLASSES = read_word_classes(RULES / "word-classes.tsv")
EVENT_TYPES = read_event_types(RULES / "event-types.tsv")


def _forms(parser, sentence: str) -> set[str]:
    """The lower-case forms and lemmas of a sentence's tokens."""
    return {f for t in parser.parse(sentence).tokens for f in (t.text.lower(), t.lemma.lower())}


@pytest.mark.slow
@pytest.mark.parametrize("row", WORD_CLASSES, ids=lambda r: r.id)
def test_word_class_fires_on_its_example_and_not_on_its_counter_example(parser, row) -> None:
    assert row.words & _forms(parser, row.example), f"{row.where}: no member in the example"
    if row.counter:
        found = row.words & _forms(parser, row.counter)
        assert not found, f"{row.where}: the counter-example holds {sorted(found)}"


@pytest.mark.slow
@pytest.mark.parametrize("row", EVENT_TYPES, ids=lambda r: r.id)
def test_event_type_row_codes_its_example_and_not_its_counter_example(
    parser, knowledge, row
) -> None:
    found = {e.event for e in code_text(parser, knowledge, row.example).events}
    assert row.type in found, f"{row.where}: the example codes {sorted(found)}"
    if row.counter:
        found = {e.event for e in code_text(parser, knowledge, row.counter).events}
        assert row.type not in found, f"{row.where}: the counter-example codes {row.type}"


def test_the_event_type_table_has_one_row_per_plover_type() -> None:
    assert sorted(r.type for r in EVENT_TYPES) == sorted(QUAD)


def test_every_rule_file_has_a_checker() -> None:
    checked = {"word-classes.tsv", "event-types.tsv"}
    assert {p.name for p in RULES.iterdir() if p.suffix == ".tsv"} == checked


def test_a_class_name_no_file_defines_is_an_error_not_an_empty_set() -> None:
    words = WordClasses.default()
    assert "army" in words["TROOPS"]
    with pytest.raises(UnknownWordClass, match="@TROOP\\b.*Known classes: .*TROOPS"):
        words["TROOP"]


def test_a_lexicon_pattern_naming_an_unknown_class_is_a_load_error(tmp_path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("deploy @TROOPZ\tVERB\tMOBILIZE\n", encoding="utf-8")
    with pytest.raises(UnknownWordClass, match="mine.tsv:1.*@TROOPZ"):
        Lexicon.load([mine])


def test_the_grammar_classes_do_not_depend_on_the_trigger_lexicon(tmp_path) -> None:
    """A user lexicon loaded on its own (--only-lexicon) keeps the grammar's classes."""
    mine = tmp_path / "mine.tsv"
    mine.write_text("@TROOPS\tlegionary\nshell\tVERB\tASSAULT\n", encoding="utf-8")
    alone = Lexicon.load([mine], include_default=False)
    assert {"army", "legionary"} <= alone.word_class("TROOPS")
    assert "erupt" in alone.word_class("OCCUR")


def test_a_word_class_file_without_its_header_is_refused(tmp_path) -> None:
    bad = tmp_path / "classes.tsv"
    bad.write_text("wc-x\tX\ta|b\tme\tA b.\tC d.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="classes.tsv:1: .*header"):
        read_word_classes(bad)


def test_the_trigger_lexicon_defines_no_class_of_its_own() -> None:
    """Word classes live in one file; the trigger lexicon only uses them."""
    _rows, classes = read_tsv(DEFAULT_FILE)
    assert classes == {}


# ---------------------------------------------------------------- rules on hand-built parses


def test_a_hand_built_parse_codes_without_the_model() -> None:
    """The coder runs on a tree written out by hand: no statistical parser involved."""
    from tests.handparse import hand_parse
    from thucydides.extract.events import code_events
    from thucydides.records import Actor, Span

    parsed = hand_parse(
        ["Rebels", "shelled", "the", "town", "."],
        heads=[1, 1, 3, 1, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "punct"],
        pos=["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["rebel", "shell", "the", "town", "."],
        tags=["NNS", "VBD", "DT", "NN", "."],
    )
    rebels = Actor(id="A1", name="Rebels", kind="group", mentions=(Span(0, 6, "Rebels"),))
    (event,) = code_events(parsed, [rebels])
    assert (event.event, event.actor, event.event_text) == ("ASSAULT", ("A1",), "shelled")


def test_an_event_type_row_with_a_bad_flag_is_refused(tmp_path) -> None:
    from thucydides.knowledge.event_types import COLUMNS

    bad = tmp_path / "types.tsv"
    row = "et-x\tASSAULT\tmaybe\tno\tno\tyes\tno\t-\tme\tRebels shelled it.\t"
    bad.write_text("\t".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match='types.tsv:2: column needs_recipient is "maybe"'):
        read_event_types(bad)
