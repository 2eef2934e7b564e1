"""Every rule row fires on its example and stays silent on its counter-example.

One test walks every rule file in ``src/thucydides/data/rules/``; a file with no checker
here fails, so a new rule file cannot go untested.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import code_text
from thucydides.errors import ConfigError
from thucydides.extract.dates import TimeExpression, find_time_expressions
from thucydides.knowledge.confidence import ConfidenceTable, read_confidence_table
from thucydides.knowledge.date_words import read_date_words
from thucydides.knowledge.event_types import EventTypes, read_event_types
from thucydides.knowledge.lexicon import DEFAULT_FILE, QUAD, Lexicon, read_tsv
from thucydides.knowledge.recoding import CONDITIONS, read_recodings
from thucydides.knowledge.words import UnknownWordClass, WordClasses, read_word_classes
from thucydides.read.noise import read_noise_rules

RULES = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data" / "rules"
WORD_CLASSES = read_word_classes(RULES / "word-classes.tsv")
EVENT_TYPES = read_event_types(RULES / "event-types.tsv")
RECODINGS = read_recodings(RULES / "recoding.tsv", EventTypes(EVENT_TYPES))
DATE_WORDS = read_date_words(RULES / "date-words.tsv")
PAGE_NOISE = read_noise_rules(RULES / "page-noise.tsv")


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


@pytest.mark.slow
@pytest.mark.parametrize("row", RECODINGS, ids=lambda r: r.id)
def test_recoding_step_recodes_its_example_and_not_its_counter_example(
    parser, knowledge, row
) -> None:
    found = [(e.event, e.rule or "") for e in code_text(parser, knowledge, row.example).events]
    made = [event for event, rule in found if row.rule in rule.split("+")]
    assert made == [row.to.event], f"{row.where}: the example codes {found}"
    if row.counter:
        found = [(e.event, e.rule or "") for e in code_text(parser, knowledge, row.counter).events]
        assert not [r for _, r in found if row.rule in r.split("+")], (
            f"{row.where}: the counter-example codes {found}"
        )


def _times_holding(parser, sentence: str, word: str) -> list[TimeExpression]:
    """The time expressions of a sentence (publication 2024-05-01) that hold ``word``."""
    holds = re.compile(r"\b" + r"\s+".join(map(re.escape, word.split())), re.IGNORECASE)
    found = find_time_expressions(parser.parse(sentence), "2024-05-01")
    return [x for x in found if holds.search(x.text)]


def _names(start: date, row) -> bool:
    """The example's day falls in the month or on the weekday the row's word names, and
    the row's value is that month's or weekday's number (the calendar, not the table)."""
    name = start.strftime("%B" if row.kind.startswith("month") else "%A")
    number = start.month if row.kind.startswith("month") else start.weekday()
    return name.lower().startswith(row.word.lower()) and number == int(row.value)


@pytest.mark.slow
@pytest.mark.parametrize("row", DATE_WORDS, ids=lambda r: r.id)
def test_date_word_is_a_time_in_its_example_and_not_in_its_counter_example(parser, row) -> None:
    times = _times_holding(parser, row.example, row.word)
    assert times, f"{row.where}: no time expression holds {row.word!r} in the example"
    if row.kind in ("month", "month_abbrev", "weekday"):
        start = date.fromisoformat(times[0].range_start or "0001-01-01")
        assert _names(start, row), f"{row.where}: the example reads {row.word!r} as {start}"
    if row.counter:
        found = [x.text for x in _times_holding(parser, row.counter, row.word)]
        assert not found, f"{row.where}: the counter-example has the time expressions {found}"


def test_a_date_word_with_a_value_of_the_wrong_shape_is_refused(tmp_path) -> None:
    bad = tmp_path / "dates.tsv"
    bad.write_text(
        "id\tkind\tword\tvalue\tsource\texample\tnot\n"
        "dw-x\tweekday\tFriday\tfifth\tme\tOn Friday.\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="dates.tsv:2: the value 'fifth' does not fit"):
        read_date_words(bad)


def test_every_recoding_condition_is_checked_by_the_coder() -> None:
    """The closed set of conditions is the set the coder's recoding sites check."""
    coder = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "extract" / "events"
    text = "\n".join(p.read_text(encoding="utf-8") for p in coder.glob("*.py"))
    assert sorted(c for c in CONDITIONS if f'"{c}"' not in text) == []
    assert sorted({r.condition for r in RECODINGS}) == sorted(CONDITIONS)


def test_a_recoding_row_with_an_unknown_condition_is_refused(tmp_path) -> None:
    from thucydides.knowledge.recoding import COLUMNS

    bad = tmp_path / "recoding.tsv"
    row = "x\tASSAULT\tfuture-intnet\tAGREE\t-\t-\t03x\tme\tIran will arm Hamas.\t"
    bad.write_text("\t".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="recoding.tsv:2: unknown condition 'future-intnet'"):
        read_recodings(bad, EventTypes(EVENT_TYPES))


def test_the_event_type_table_has_one_row_per_plover_type() -> None:
    assert sorted(r.type for r in EVENT_TYPES) == sorted(QUAD)


def test_the_confidence_table_is_a_monotone_map_into_the_unit_interval() -> None:
    rows = read_confidence_table(RULES / "confidence.tsv")
    assert rows, "confidence.tsv has no row: run benchmarks/calibrate.py"
    assert len({r.id for r in rows}) == len(rows)
    for roles in ("both", "one", "none"):
        steps = [r for r in rows if r.roles == roles]
        for before, row in zip(steps, steps[1:], strict=False):
            assert before.raw_to < row.raw_from, f"{row.where}: rows overlap or are unordered"
            assert before.calibrated <= row.calibrated, f"{row.where}: the map decreases"
    for row in rows:
        assert 0 <= row.raw_from <= row.raw_to <= 1, f"{row.where}: raw range"
        assert 0 <= row.calibrated <= 1, f"{row.where}: calibrated value"
        assert row.n > 0 and row.source.startswith("benchmarks/calibrate.py"), row.where
    table = ConfidenceTable(rows)
    grid = [k / 100 for k in range(101)]
    for roles in ("both", "one", "none"):
        mapped = [table(x, roles) for x in grid]
        assert mapped == sorted(mapped), f"the {roles} map must keep the coder's ranking"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("c1\tboth\t0.5\t0.7\t0.3\t9\ts\nc2\tboth\t0.6\t0.9\t0.4\t9\ts\n", "overlap"),
        ("c1\tboth\t0.0\t0.5\t0.4\t9\ts\nc2\tboth\t0.6\t0.9\t0.3\t9\ts\n", "decrease"),
        ("c1\tboth\t0.0\t0.5\t1.4\t9\ts\n", "not in"),
        ("c1\tsome\t0.0\t0.5\t0.4\t9\ts\n", "roles"),
    ],
)
def test_a_confidence_table_that_is_no_monotone_map_is_refused(tmp_path, body, message) -> None:
    path = tmp_path / "confidence.tsv"
    path.write_text("# c\nid\troles\traw_from\traw_to\tcalibrated\tn\tsource\n" + body)
    with pytest.raises(ConfigError, match=message):
        ConfidenceTable.load(path)


def test_every_rule_file_has_a_checker() -> None:
    checked = {
        "word-classes.tsv",
        "event-types.tsv",
        "recoding.tsv",
        "confidence.tsv",
        "date-words.tsv",
        "page-noise.tsv",
    }
    assert {p.name for p in RULES.iterdir() if p.suffix == ".tsv"} == checked


@pytest.mark.parametrize("rule", PAGE_NOISE, ids=lambda r: r.id)
def test_page_noise_rule_fires_on_its_example_and_not_on_its_counter_example(rule) -> None:
    assert rule.fires(rule.example), f"{rule.location}: silent on its example"
    assert rule.counter, f"{rule.location}: every page-noise rule needs a counter-example"
    assert not rule.fires(rule.counter), f"{rule.location}: fires on its counter-example"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x\tchrome\tline\t(\ts\te\tn", "bad pattern"),
        ("x\tnoise\tline\tshare\ts\te\tn", "unknown kind 'noise'"),
        ("x\tchrome\teverywhere\tshare\ts\te\tn", "unknown where 'everywhere'"),
        ("x\tchrome\tline\tshare\ts\te\tn\nx\tchrome\tline\tprint\ts\te\tn", "used twice"),
    ],
)
def test_a_bad_page_noise_row_is_refused(tmp_path, row: str, message: str) -> None:
    path = tmp_path / "noise.tsv"
    path.write_text("# c\nid\tkind\twhere\tpattern\tsource\texample\tnot\n" + row + "\n")
    with pytest.raises(ConfigError, match=message):
        read_noise_rules(path)


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


def test_every_class_is_defined_once_under_its_own_id() -> None:
    """One of each concept: one @SPEECH_VERB for every stage, not one list per stage."""
    names = [r.name for r in WORD_CLASSES]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
    assert [r.id for r in WORD_CLASSES if r.id != f"wc-{r.name.lower()}"] == []


def test_an_event_type_row_with_a_bad_flag_is_refused(tmp_path) -> None:
    from thucydides.knowledge.event_types import COLUMNS

    bad = tmp_path / "types.tsv"
    row = "et-x\tASSAULT\tmaybe\tno\tno\tyes\tno\t-\tno\tno\tme\tRebels shelled it.\t"
    bad.write_text("\t".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match='types.tsv:2: column needs_recipient is "maybe"'):
        read_event_types(bad)


# ---------------------------------------------------------------- event coder functions, by hand


def _sentence(parsed, actors=()):
    """The coder's state for the first sentence of a hand-built parse."""
    from thucydides.extract.events.state import DocState, SentenceState
    from thucydides.parse.index import DocIndex

    return SentenceState(DocState(DocIndex(parsed), actors, Lexicon.default()), 0)


def _actor(parsed, aid: str, name: str, kind: str, *words: int):
    """An actor whose mentions are the given tokens of a hand-built parse."""
    from thucydides.records import Actor, Span

    spans = tuple(Span(parsed.tokens[k].start, parsed.tokens[k].end, parsed.tokens[k].text)
                  for k in words)  # fmt: skip
    return Actor(id=aid, name=name, kind=kind, mentions=spans)


def _planning_to_arm():
    """ "Iran is planning to arm Hamas ." """
    from tests.handparse import hand_parse

    return hand_parse(
        ["Iran", "is", "planning", "to", "arm", "Hamas", "."],
        heads=[2, 2, 2, 4, 2, 4, 2],
        deps=["nsubj", "aux", "ROOT", "aux", "xcomp", "dobj", "punct"],
        pos=["PROPN", "AUX", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
        lemmas=["Iran", "be", "plan", "to", "arm", "Hamas", "."],
        tags=["NNP", "VBZ", "VBG", "TO", "VB", "NNP", "."],
    )


def test_the_subject_of_an_infinitive_is_inherited_from_the_verb_that_governs_it() -> None:
    from thucydides.extract.events.clauses import infinitive
    from thucydides.extract.events.roles import subject_of

    st = _sentence(_planning_to_arm())
    assert infinitive(st, 4) and not infinitive(st, 2)
    assert subject_of(st, 4) == (0, None)  # "arm": Iran, through "planning"
    assert subject_of(st, 2) == (0, None)


def test_a_frame_word_passes_the_governed_event_on_as_the_actors_plan() -> None:
    from thucydides.extract.events.frames import link
    from thucydides.extract.events.resolve import resolve
    from thucydides.extract.events.triggers import find_triggers

    parsed = _planning_to_arm()
    actors = [_actor(parsed, "A1", "Iran", "state", 0), _actor(parsed, "A2", "Hamas", "group", 5)]
    st = _sentence(parsed, actors)
    st.trig = find_triggers(st)
    assert sorted(st.trig) == [2, 4]  # "planning" (a frame word) and "arm"
    link(st, st.trig)
    assert st.trig[4].governor is st.trig[2] and st.trig[4].relation == "content"
    (draft,) = resolve(st, st.trig[2])
    assert (draft.coding.event, draft.actor, draft.recipient) == ("AID", ("A1",), ("A2",))
    assert draft.future and draft.own_intent  # AGREE once the output step recodes it
    assert draft.rules[0].startswith("triggers.tsv:") and len(draft.rules) == 2


def test_coordinated_names_are_one_compound_role() -> None:
    from tests.handparse import hand_parse
    from thucydides.extract.events.parties import actor_ids

    parsed = hand_parse(
        ["Britain", "and", "France", "condemned", "the", "attack", "."],
        heads=[3, 0, 0, 3, 5, 3, 3],
        deps=["nsubj", "cc", "conj", "ROOT", "det", "dobj", "punct"],
        pos=["PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["Britain", "and", "France", "condemn", "the", "attack", "."],
        tags=["NNP", "CC", "NNP", "VBD", "DT", "NN", "."],
    )
    actors = [_actor(parsed, "A1", "Britain", "state", 0),
              _actor(parsed, "A2", "France", "state", 2)]  # fmt: skip
    assert actor_ids(_sentence(parsed, actors), 0) == (("A1", "A2"), False)


def test_a_future_modal_makes_the_event_future_and_a_conditional_mark_hypothetical() -> None:
    from tests.handparse import hand_parse
    from thucydides.extract.events.modality import conditional, set_flags
    from thucydides.extract.events.state import Draft
    from thucydides.knowledge.lexicon import Coding

    # "Rebels will attack if talks fail ."
    parsed = hand_parse(
        ["Rebels", "will", "attack", "if", "talks", "fail", "."],
        heads=[2, 2, 2, 5, 5, 2, 2],
        deps=["nsubj", "aux", "ROOT", "mark", "nsubj", "advcl", "punct"],
        pos=["NOUN", "AUX", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        lemmas=["rebel", "will", "attack", "if", "talk", "fail", "."],
        tags=["NNS", "MD", "VB", "IN", "NNS", "VBP", "."],
    )
    st = _sentence(parsed)
    c = Draft(Coding("ASSAULT"), 2, [2], 0.9)
    set_flags(st, 2, c)
    assert c.future and c.will and not c.hypothetical and not c.negated
    assert conditional(st, 2) == (False, True)  # the main clause of a condition
    assert conditional(st, 5)[0]  # inside "if talks fail"


def test_the_explained_path_reads_from_the_trigger_to_the_role_word() -> None:
    from tests.handparse import hand_parse
    from thucydides.extract.events.explain import dep_path

    # "Rebels attacked on the town ."
    parsed = hand_parse(
        ["Rebels", "attacked", "on", "the", "town", "."],
        heads=[1, 1, 1, 4, 2, 1],
        deps=["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
        pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
    )
    assert dep_path(parsed.tokens, 1, 4) == "attacked -prep-> on -pobj-> town"
    assert dep_path(parsed.tokens, 1, 0) == "attacked -nsubj-> Rebels"
    assert dep_path(parsed.tokens, 4, 0) == "town <-pobj- on <-prep- attacked -nsubj-> Rebels"
