"""Tests for the trigger lexicon: the file format, merging user files, CAMEO coverage,
the CAMEO composition rules and the PETRARCH dictionary import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thucydides.errors import ConfigError
from thucydides.knowledge.lexicon import (
    PLOVER_TYPES,
    QUAD,
    Coding,
    Lexicon,
    coding_for_cameo,
    compose,
    import_petrarch,
    import_petrarch_classes,
    main_import_petrarch,
    read_tsv,
    write_tsv,
)

from .conftest import SHARED

CAMEO2PLOVER = SHARED / "data" / "anchors" / "PLOVER" / "CAMEO2PLOVER-2021.txt"
PETRARCH = SHARED / "data" / "anchors" / "petrarch2" / "CAMEO.2.0.txt"

needs_cameo_table = pytest.mark.skipif(
    not CAMEO2PLOVER.exists(), reason=f"{CAMEO2PLOVER} is not next to the repository"
)
needs_petrarch = pytest.mark.skipif(
    not PETRARCH.exists(), reason=f"{PETRARCH} is not next to the repository"
)


def _table() -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the CAMEO2PLOVER table."""
    out: dict[str, str] = {}
    for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def _write(tmp_path: Path, text: str, name: str = "mine.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- our file


def test_default_lexicon_loads_with_rows_and_classes():
    lex = Lexicon.default()
    assert len(lex) > 500
    assert "arm" in lex.word_class("WEAPON")
    assert {r.event for r in lex.rows if r.event} == set(PLOVER_TYPES)


def test_every_row_has_a_valid_coding():
    for row in Lexicon.default().rows:
        if row.event:
            assert row.quad == QUAD[row.event], row.source
        assert 0 < row.weight <= 1, row.source


@pytest.mark.parametrize(
    ("word", "pattern"),
    [
        ("throw", "throw weight behind"),  # multiword verb
        ("carry", "carry out"),  # phrasal light verb
        ("hold", "hold"),  # light verb ("held talks")
        ("call", "call for|on|upon"),
        ("talk", "talk"),  # nominalisations
        ("airstrike", "airstrike|air-strike|airstrikes"),
        ("sanction", "sanction"),
        ("embargo", "embargo"),
        ("protest", "protest"),
        ("takeover", "takeover|take-over"),
    ],
)
def test_issue_triggers_are_in_the_lexicon(word, pattern):
    assert any(r.pattern == pattern for r in Lexicon.default().rows_for(word))


@needs_cameo_table
def test_every_cameo_category_of_the_table_has_a_trigger():
    named = {r.cameo for r in Lexicon.default().rows if r.cameo}
    missing = sorted(set(_table()) - named)
    assert not missing, f"CAMEO codes without a trigger: {missing}"


@needs_cameo_table
def test_rows_follow_the_table_or_cite_the_plover_manual():
    table = _table()
    for row in Lexicon.default().rows:
        if row.cameo in table and row.event and row.event != table[row.cameo]:
            assert row.note.startswith("PLOVER manual"), (row.source, row.pattern)


def test_cameo_codes_map_to_plover():
    assert coding_for_cameo("0332").event == "AGREE"
    assert coding_for_cameo("0256").event == "REQUEST"  # appeals fold into REQUEST
    assert coding_for_cameo("0841").event == "RETREAT"
    assert coding_for_cameo("080").event == "CONCEDE"
    assert coding_for_cameo("010") is None  # statements are not PLOVER events


# ---------------------------------------------------------------- user files


def test_a_user_file_adds_rows_and_wins_ties(tmp_path):
    mine = _write(
        tmp_path,
        "# my triggers\n"
        "@GADGET\twidget|gizmo\n"
        "smuggle\tVERB\tCOERCE\tseize\tcrime\t171\n"
        "attack\tVERB\tPROTEST\tdemo\t\t141\t\t\t0.9\toverride for a test\n"
        "ship @GADGET\tVERB\tAID\t\teconomic\t071\n",
    )
    lex = Lexicon.load([mine])
    assert lex.rows_for("smuggle")[0].event == "COERCE"
    mine_rows = [r for r in lex.rows_for("attack") if r.priority == 1]
    assert mine_rows and mine_rows[0].event == "PROTEST"
    assert "widget" in lex.word_class("GADGET")
    alone = Lexicon.load([mine], include_default=False)
    assert len(alone) == 3


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("attack\tVERB\tFIGHT", 'unknown event "FIGHT"'),
        ("attack\tVERBS\tASSAULT", 'unknown pos "VERBS"'),
        ("attack\tVERB\tASSAULT\t\t\t19x", "CAMEO code"),
        ("attack\tVERB\tASSAULT\t\t\t190\t\tpromise", 'unknown frame "promise"'),
        ("attack\tVERB\tASSAULT\t\t\t190\t\t\t1.5", "weight"),
        ("@WEAPON\t", "has no members"),
        ("^attack\tVERB\tASSAULT", "must start with a plain lemma"),
    ],
)
def test_a_malformed_line_names_the_file_and_line(tmp_path, line, message):
    path = _write(tmp_path, "# header\n" + line + "\n")
    with pytest.raises(ConfigError) as err:
        read_tsv(path)
    assert message in str(err.value)
    assert "mine.tsv:2" in str(err.value)


def test_a_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        Lexicon.load([tmp_path / "nope.tsv"])


def test_write_then_read_gives_the_same_rows(tmp_path):
    rows = [r for r in Lexicon.default().rows if r.cameo and r.cameo.startswith("04")]
    out = tmp_path / "out.tsv"
    write_tsv(rows, out, {"TALKS": frozenset({"talk", "summit"})})
    back, classes = read_tsv(out)
    assert [(r.pattern, r.pos, r.event, r.mode, r.cameo, r.frames, r.weight) for r in back] == [
        (r.pattern, r.pos, r.event, r.mode, r.cameo, r.frames, r.weight) for r in rows
    ]
    assert classes == {"TALKS": frozenset({"talk", "summit"})}


# ---------------------------------------------------------------- CAMEO composition


@pytest.mark.parametrize(
    ("frame", "own", "content", "expected"),
    [
        # an intent to provide military aid is AGREE 0332
        ("intent", None, Coding("AID", None, ("military",), "072"), ("AGREE", "0332")),
        ("commit", Coding("AGREE", cameo="030"), Coding("CONSULT", cameo="046"), ("AGREE", "036")),
        # PLOVER manual: a promised retreat is CONCEDE, a promised attack a THREATEN
        ("commit", Coding("AGREE", cameo="030"), Coding("RETREAT", "release", (), "0841"),
         ("CONCEDE", "0353")),
        ("commit", Coding("AGREE", cameo="030"), Coding("ASSAULT", None, (), "190"),
         ("THREATEN", "138")),
        ("request", Coding("REQUEST", cameo="100"), Coding("RETREAT", "ceasefire", (), "0871"),
         ("REQUEST", "1056")),
        ("request", Coding("REQUEST", cameo="020"), Coding("CONSULT", cameo="040"),
         ("REQUEST", "106")),
        ("reject", Coding("REJECT", cameo="120"), Coding("RETREAT", "release", (), "0841"),
         ("REJECT", "1243")),
        ("threat", Coding("THREATEN", cameo="130"), Coding("SANCTION", None, (), "163"),
         ("THREATEN", "1312")),
        ("threat", Coding("THREATEN", cameo="130"), Coding("COERCE", None, (), "191"),
         ("THREATEN", "1381")),
        ("accuse", Coding("ACCUSE", cameo="112"), Coding("ASSAULT", None, (), "190"),
         ("ACCUSE", "1123")),
    ],
)  # fmt: skip
def test_compose_follows_the_cameo_hierarchies(frame, own, content, expected):
    got = compose(frame, own, content, generic=True)
    assert (got.event, got.cameo) == expected


def test_a_specific_row_keeps_its_own_code():
    own = Coding("REQUEST", "yield", (), "1053")
    assert compose("request", own, Coding("CONSULT", cameo="040"), generic=False) == own


# ---------------------------------------------------------------- PETRARCH import

_MINI_DICTIONARY = """\
####### SYNONYM SETS #######
&WEAPON
+GUN
+MISSILE_
####### VERB PATTERNS #######
---  ACCUSE   [112]  ---
ACCUSE
BLAME {BLAMES BLAMED BLAMING}
- * (OF ATTACK)                                  [1123]        # ACCUSE
- * WEATHER                                      [---]         # BLAME
---  SHIP   [---]  ---
SHIP
+SEND_OFF
- * &WEAPON (TO)                                 [072]         # SHIP
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


def test_import_petrarch_reads_verbs_patterns_classes_and_null_codes(tmp_path):
    src = _write(tmp_path, _MINI_DICTIONARY, "mini.txt")
    rows = import_petrarch(src)
    by_pattern = {r.pattern: r for r in rows}
    assert by_pattern["accuse"].event == "ACCUSE" and by_pattern["accuse"].cameo == "112"
    assert by_pattern["blame"].event == "ACCUSE"
    assert by_pattern["accuse of attack"].cameo == "1123"
    assert by_pattern["blame of attack"].event == "ACCUSE"  # block patterns apply to all verbs
    assert by_pattern["blame weather"].is_blocker
    assert by_pattern["ship @WEAPON to"].event == "AID"
    assert by_pattern["send off @WEAPON to"].anchors == ("send",)
    assert "ship" not in by_pattern  # [---] verbs code nothing alone
    assert import_petrarch_classes(src) == {"WEAPON": frozenset({"gun", "missile"})}


def test_main_import_petrarch_writes_a_loadable_lexicon(tmp_path):
    src = _write(tmp_path, _MINI_DICTIONARY, "mini.txt")
    dst = tmp_path / "petrarch.tsv"
    n = main_import_petrarch(str(src), str(dst))
    lex = Lexicon.load([dst], include_default=False)
    assert n == len(lex) == len(import_petrarch(src))
    # a class the file defines adds to ours (data/rules/word-classes.tsv) of the same name
    assert {"gun", "missile", "rocket"} <= lex.word_class("WEAPON")


@needs_petrarch
def test_import_the_full_petrarch_dictionary(tmp_path):
    dst = tmp_path / "petrarch.tsv"
    n = main_import_petrarch(str(PETRARCH), str(dst))
    assert n > 10_000
    lex = Lexicon.load([dst], include_default=False)
    assert {r.event for r in lex.rows if r.event} == set(PLOVER_TYPES)
