"""Knowledge files: formats, look-ups, dated codes and the PETRARCH importers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thucydides.config import Options
from thucydides.errors import ConfigError
from thucydides.knowledge import DATA, Knowledge
from thucydides.knowledge.actors import (
    DEFAULT_FILES,
    KnowledgeBase,
    default_knowledge,
    import_petrarch_actors,
    import_petrarch_agents,
    main_import_actors,
    parse_codes,
    write_actor_table,
    write_role_table,
)

from .conftest import SHARED

ANCHORS = SHARED / "data" / "anchors"
PETRARCH = ANCHORS / "petrarch2"
NGEC_AGENTS = ANCHORS / "NGEC" / "PLOVER_agents.txt"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_knowledge()


def _names(kb: KnowledgeBase, text: str) -> list[tuple[str, str, str | None]]:
    """(surface, form, country code or known actor name) of each match in ``text``."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:['’.-]\w+)*\.?|[^\w\s]", text)]
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    out = []
    for m in kb.find_names(text, starts, ends):
        what = m.actor.name if m.actor is not None else m.country
        out.append((text[m.start : m.end], m.form, what))
    return out


def test_packaged_tables_load_with_their_formats() -> None:
    base = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data" / "actors"
    for name in DEFAULT_FILES:
        fmt = KnowledgeBase(countries=()).add_table((base / name).read_text(), origin=name)
        assert fmt in ("countries", "actors", "roles"), name
    assert (base / "README.md").is_file()


def test_default_knowledge_is_loaded_once(kb: KnowledgeBase) -> None:
    assert default_knowledge() is kb
    assert len(kb.countries) >= 249  # every ISO 3166 country, plus Kosovo
    assert len(kb.roles) > 3000


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Libya", "LBY"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Libyan", "LBY"),
        ("Russians", "RUS"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Iran, Islamic Republic of", "IRN"),
        ("Kosovo", "KOS"),
        ("Britain", "GBR"),
        # abbreviations news uses that the table does not list: dotted initials, compass
        ("C.A.R.", "CAF"),
        ("S. Korea", "KOR"),
        ("N. Korea", "PRK"),
        ("S. Sudan", "SSD"),
        # negative: not countries, or not names of countries
        ("Moscow", None),  # a metonym codes as an actor, but is not the country's name
        ("Atlantis", None),
        ("Europe", None),
        ("the West", None),
    ],
)
def test_country_code(kb: KnowledgeBase, name: str, code: str | None) -> None:
    assert kb.country_code(name) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kremlin said", [("Kremlin", "metonym", "RUS")]),
        ("Libyan forces", [("Libyan", "adjective", "LBY")]),
        ("The Russians left", [("Russians", "people", "RUS")]),
        ("The UN said", [("UN", "name", "United Nations")]),
        ("Nato and ISIS", [("Nato", "name", "NATO"), ("ISIS", "name", "Islamic State")]),
        ("Hay’at Tahrir al-Sham", [("Hay’at Tahrir al-Sham", "name", "Hayat Tahrir al-Sham")]),
        ("the Islamic State group", [("Islamic State group", "name", "Islamic State")]),
        ("Downing Street", [("Downing Street", "metonym", "GBR")]),
        # negatives: case safeguards and word boundaries
        ("un peu", []),  # "UN" matches only in capitals
        ("amnesty was granted", []),  # capitalised alias needs a capital
        ("a turkey dinner", []),
        ("Unitarians", []),  # no match inside a word
    ],
)
def test_find_names(kb: KnowledgeBase, text: str, expected: list) -> None:
    assert _names(kb, text) == expected


@pytest.mark.parametrize(
    ("phrase", "sector", "flags"),
    [
        ("deputy foreign minister", "GOV", {"title"}),
        ("general", "MIL", {"title"}),
        ("spokesman", None, {"relational", "male"}),
        ("strongman", None, {"epithet"}),
        ("protesters", "CVL", set()),
        ("security forces", "MIL", {"relational"}),
        ("police", "COP", set()),
    ],
)
def test_roles(kb: KnowledgeBase, phrase: str, sector: str | None, flags: set[str]) -> None:
    role = kb.role(phrase)
    assert role is not None and role.is_actor
    assert role.sector == sector
    assert flags <= role.flags


@pytest.mark.parametrize("phrase", ["region", "the", "Monday", "uprising", "world"])
def test_nouns_that_are_not_actors(kb: KnowledgeBase, phrase: str) -> None:
    role = kb.role(phrase)
    assert role is None or not role.is_actor


@pytest.mark.parametrize(
    ("date", "code"),
    [
        ("2020-06-01", "AFGREB"),
        ("2021-08-15", "AFGGOV"),
        ("2024-01-01", "AFGGOV"),
        (None, "AFGREB"),
    ],
)
def test_dated_codes(kb: KnowledgeBase, date: str | None, code: str) -> None:
    taliban = next(a for a in kb.actors if a.name == "Taliban")
    assert taliban.code_on(date) == code
    assert taliban.resolve(date)[1] == code[3:]


def _table_rows(name: str) -> list[list[str]]:
    """The data rows of a packaged actors table, header and comments left out."""
    lines = (DATA / "actors" / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return rows[1:]


#: Words no single-word alias may be: surnames many well-known people share, given names,
#: and common words ("May", "Rice"); the full name is the alias for these people.
COMMON_SURNAMES = frozenset(
    "lee li kim khan ali sharif may brown johnson rice young king park moon wang zhang chen "
    "singh kumar ahmed mohamed mohammed hassan hussein abbas assad gaddafi kabila deby duterte "
    "aquino castro fernandez fernández sanchez sánchez santos morales garcia garcía martin "
    "michel costa abe kan suga noda ortega trudeau duda orban bolsonaro kenyatta "
    "mubarak saleh hadi hariri aoun salam mustafa rajapaksa shinawatra zardari gandhi".split()
)


def test_world_leaders_single_word_aliases_are_distinctive() -> None:
    for row in _table_rows("world-leaders.tsv"):
        for alias in row[1].split("|"):
            assert alias.casefold() not in COMMON_SURNAMES, (row[0], alias)


def test_world_leaders_replace_no_earlier_row() -> None:
    """The file adds people: no alias of it is a name an earlier packaged table gives."""
    earlier = KnowledgeBase.load(defaults=False)
    for name in DEFAULT_FILES[: DEFAULT_FILES.index("world-leaders.tsv")]:
        earlier.add_table((DATA / "actors" / name).read_text(encoding="utf-8"), origin=name)
    known = {m.casefold() for a in earlier.actors for m in (a.name, *a.aliases)}
    known |= {n.casefold() for c in earlier.countries.values() for n in (c.name, *c.names)}
    seen: dict[str, str] = {}
    for row in _table_rows("world-leaders.tsv"):
        for alias in row[1].split("|"):
            folded = alias.casefold()
            assert folded not in known, (row[0], alias)
            assert seen.setdefault(folded, row[0]) == row[0], (row[0], alias, seen[folded])


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Abdel Fattah el-Sisi", "2013-08-01", "EGYMIL"),  # army chief before his presidency
        ("Abdel Fattah el-Sisi", "2020-01-01", "EGYGOV"),
        ("Hosni Mubarak", "2010-12-31", "EGYGOV"),
        ("Hosni Mubarak", "2011-02-12", "EGYELI"),
        ("Benjamin Netanyahu", "2022-01-01", "ISRELI"),  # between his terms
        ("Benjamin Netanyahu", "2023-06-01", "ISRGOV"),
        ("Hibatullah Akhundzada", "2019-01-01", "AFGREB"),
        ("Hibatullah Akhundzada", "2022-01-01", "AFGGOV"),
        ("Mark Rutte", "2025-01-01", "IGOMIL"),
        ("Mark Rutte", None, "IGOMIL"),
        ("Riek Machar", "2015-01-01", "SSDREB"),
    ],
)
def test_world_leaders_dated_codes(
    kb: KnowledgeBase, name: str, date: str | None, code: str
) -> None:
    person = next(a for a in kb.actors if a.name == name)
    assert person.code_on(date) == code


def test_a_nationals_igo_code_gives_no_country(kb: KnowledgeBase) -> None:
    rutte = next(a for a in kb.actors if a.name == "Mark Rutte")
    assert rutte.resolve("2015-01-01") == ("NLD", "GOV", "NLDGOV")
    assert rutte.resolve("2025-01-01") == (None, "MIL", "IGOMIL")


@pytest.mark.parametrize(
    ("cell", "error"),
    [
        ("AFGGOV@2021-13", "FROM..TO"),
        ("AFGGOV@2021-1-1..", "YYYY-MM-DD"),
        ("afg gov", "CAMEO-style"),
    ],
)
def test_bad_codes_are_refused(cell: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        parse_codes(cell, "t.tsv:3")


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ("name\tcode\nX\tY\n", "unknown header"),
        ("name\taliases\tkind\tcountry\tsector\tcode\thome\nX\t\tnation\t\t\t\t\n", "unknown kind"),
        ("name\taliases\tkind\tcountry\tsector\tcode\thome\nX\t\tgroup\tLibya\t\t\t\n", "alpha-3"),
        ("phrase\tagent\tkind\tflags\nboss\tBUS\tperson\tloud\n", "unknown flag"),
        ("phrase\tagent\tkind\tflags\nboss\tBUS\tperson\tx\ty\tz\n", "columns"),
        ("# only a comment\n", "empty"),
    ],
)
def test_malformed_tables_name_file_and_line(table: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        KnowledgeBase().add_table(table, origin="mine.tsv")


def test_user_tables_extend_and_override(tmp_path: Path) -> None:
    actors = tmp_path / "mine.tsv"
    actors.write_text(
        "# my actors\n"
        "name\taliases\tkind\tcountry\tsector\tcode\thome\n"
        "Zorgon Front\tZorgon Front|ZF\tgroup\tLBY\tREB\t\t\n"
        "Wagner Group\tWagner\tgroup\tRUS\tMIL\t\t\n"
    )
    countries = tmp_path / "countries.tsv"
    countries.write_text("code\tname\taliases\tadjectives\tpeople\tmetonyms\nLBY\t\t\tLibyen\t\t\n")
    kb = KnowledgeBase.load(extra_files=[actors, countries])
    assert _names(kb, "ZF and the Zorgon Front") == [
        ("ZF", "name", "Zorgon Front"),
        ("Zorgon Front", "name", "Zorgon Front"),
    ]
    wagner = [m.actor for m in kb.find_names("Wagner", [0], [6])]
    assert wagner[0] is not None and wagner[0].sector == "MIL"  # the user's row wins
    assert kb.country_code("Libyen") == "LBY" and kb.country("LBY").name == "Libya"  # type: ignore[union-attr]


def test_missing_user_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        KnowledgeBase.load(extra_files=[tmp_path / "nope.tsv"], defaults=False)


# ---------------------------------------------------------------- PETRARCH import

needs_petrarch = pytest.mark.skipif(
    not (PETRARCH / "PETR.Validate.actors.txt").is_file(),
    reason=f"the PETRARCH dictionaries are not in {PETRARCH} (../shared, not shipped)",
)


@needs_petrarch
def test_import_petrarch_actors_with_dated_roles() -> None:
    actors = {a.name: a for a in import_petrarch_actors(PETRARCH / "PETR.Validate.actors.txt")}
    gollum = actors["Gollum"]
    assert gollum.aliases == ("Gollum*", "Smeagol*", "Slinker*", "Stinker*")
    assert [str(c) for c in gollum.codes] == [
        "HOB@..1995-05-31",
        "HOBGOV@1995-06-01..1999-08-15",
        "HOBREB@1999-08-17..",  # a commented-out code line in between does not end the entry
    ]
    sam = actors["Sam Gamgee"]
    assert sam.code_on("2010-01-10") == "ORCHOB"  # listed first, wins over the HOBMIL range
    assert sam.code_on("2009-01-01") == "HOBMIL"
    assert sam.code_on("2013-06-01") == "HOBELI"
    assert sam.code_on("2008-01-19") == "HOBCIV"
    assert sam.code_on(None) == "HOB"
    assert actors["Zimbabwe"].code_on("1978-01-01") == "RHO"
    assert actors["Zimbabwe"].code_on("1990-01-01") == "ZBW"
    assert actors["Australia"].aliases == ("Australia*", "Australian*")
    assert actors["Argentin"].country == "ARG" and actors["Argentin"].kind == "state"
    assert actors["Libya"].aliases == ("Libya",)  # trailing underscore: a whole word
    assert actors["Hamas"].code_on(None) == "PSEREBHMS" and actors["Hamas"].sector == "REB"
    assert actors["Boromir"].code_on(None) is None  # [---]: known, not coded


@needs_petrarch
def test_import_petrarch_agents() -> None:
    roles = {r.phrase: r for r in import_petrarch_agents(PETRARCH / "PETR.Validate.agents.txt")}
    assert roles["foreign minister"].agent == "GOVFRM"
    assert roles["congressman"].agent == "LEG"  # !PERSON! substitution
    assert roles["congresswomen"].sector == "LEG"
    assert roles["attorneys general"].agent == "GOV"  # explicit plural
    assert roles["golden geese"].agent == "GGS"
    assert "prefix" in roles["msf"].flags and roles["msf"].agent == "NGO"  # [NGO~]
    assert roles["police"].kind == "group" and roles["parliament"].kind == "organization"


@pytest.mark.skipif(
    not NGEC_AGENTS.is_file(), reason=f"{NGEC_AGENTS} is absent (../shared, not shipped)"
)
def test_imported_role_kind_follows_the_head_noun_not_the_last_word() -> None:
    """ "department of agriculture" is a body, "head of national police" a person,
    "residents of the capital" a group; a prison or a hospital is no person, so "she"
    cannot refer to one."""
    roles = {r.phrase: r for r in import_petrarch_agents(NGEC_AGENTS)}
    assert roles["department of agriculture"].kind == "organization"
    assert roles["head of national police"].kind == "person"
    assert roles["residents of the capital"].kind == "group"
    assert roles["prison"].kind == roles["hospital"].kind == "organization"
    assert roles["jail guard"].kind == "person"


@needs_petrarch
def test_imported_tables_load_and_resolve_dates(tmp_path: Path) -> None:
    assert (
        main_import_actors(
            str(PETRARCH / "PETR.Validate.actors.txt"), str(tmp_path / "a.tsv"), "actors"
        )
        == 0
    )
    assert (
        main_import_actors(
            str(PETRARCH / "PETR.Validate.agents.txt"), str(tmp_path / "r.tsv"), "agents"
        )
        == 0
    )
    kb = KnowledgeBase.load(extra_files=[tmp_path / "r.tsv", tmp_path / "a.tsv"], defaults=False)
    text = "Smeagol met the Argentine envoy"
    found = {
        text[m.start : m.end]: m.actor
        for m in kb.find_names(text, [0, 8, 12, 16, 26], [7, 11, 15, 25, 31])
    }
    assert found["Smeagol"].code_on("1997-01-01") == "HOBGOV"  # type: ignore[union-attr]
    assert found["Argentine"].country == "ARG"  # type: ignore[union-attr]  # a stem
    assert kb.role("foreign minister").agent == "GOVFRM"  # type: ignore[union-attr]


def test_import_refuses_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="actors, agents"):
        main_import_actors(str(tmp_path / "x.txt"), str(tmp_path / "y.tsv"), "verbs")
    with pytest.raises(ConfigError, match="does not exist"):
        main_import_actors(str(tmp_path / "x.txt"), str(tmp_path / "y.tsv"), "actors")


def test_written_tables_round_trip(tmp_path: Path, kb: KnowledgeBase) -> None:
    groups = [a for a in kb.actors if a.source.startswith("groups.tsv")]
    write_actor_table(groups, tmp_path / "g.tsv", note="copy")
    write_role_table(list(kb.roles.values())[:50], tmp_path / "r.tsv")
    again = KnowledgeBase.load(extra_files=[tmp_path / "g.tsv", tmp_path / "r.tsv"], defaults=False)
    assert [(a.name, a.codes, a.aliases) for a in again.actors] == [
        (a.name, a.codes, a.aliases) for a in groups
    ]
    assert len(again.roles) == 50


@pytest.mark.skipif(
    not NGEC_AGENTS.is_file(), reason=f"{NGEC_AGENTS} is absent (../shared, not shipped)"
)
def test_packaged_plover_agents_match_their_source(tmp_path: Path) -> None:
    """plover-agents.tsv is generated; regenerating it from the source changes nothing."""
    write_role_table(import_petrarch_agents(NGEC_AGENTS), tmp_path / "p.tsv")
    base = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data" / "actors"
    rows = [
        ln for ln in (base / "plover-agents.tsv").read_text().splitlines() if not ln.startswith("#")
    ]
    assert rows == (tmp_path / "p.tsv").read_text().splitlines()


@pytest.mark.skipif(
    not NGEC_AGENTS.is_file(), reason=f"{NGEC_AGENTS} is absent (../shared, not shipped)"
)
def test_imported_media_roles_are_bodies() -> None:
    roles = {r.phrase: r for r in import_petrarch_agents(NGEC_AGENTS)}
    assert roles["website"].kind == "organization"


# ---------------------------------------------------------------- one object, one fingerprint

_LEXICON = "shell\tVERB\tASSAULT\nblockade\tVERB\tCOERCE\n"
_ACTORS = (
    "name\taliases\tkind\tcountry\tsector\tcode\thome\n"
    "Zorgon Front\tZorgon Front|ZF\tgroup\tLBY\tREB\t\t\n"
    "Wagner Group\tWagner\tgroup\tRUS\tMIL\t\t\n"
)


def _user_options(folder: Path) -> Options:
    """Options naming a user lexicon and actor table written to ``folder``."""
    folder.mkdir(exist_ok=True)
    (folder / "mine.tsv").write_text(_LEXICON, encoding="utf-8")
    (folder / "actors.tsv").write_text(_ACTORS, encoding="utf-8")
    return Options(lexicons=(str(folder / "mine.tsv"),), knowledge=(str(folder / "actors.tsv"),))


def test_the_same_files_give_the_same_fingerprint(tmp_path: Path) -> None:
    options = _user_options(tmp_path / "a")
    first = Knowledge.load(options)
    assert Knowledge.load(options).fingerprint == first.fingerprint
    assert Knowledge.fingerprint_for(options) == first.fingerprint  # without loading
    # the same contents elsewhere on disk: the same knowledge
    assert Knowledge.load(_user_options(tmp_path / "b")).fingerprint == first.fingerprint
    # ours alone: other knowledge
    assert Knowledge.load(Options()).fingerprint != first.fingerprint


def test_one_changed_row_of_a_user_lexicon_or_actor_table_changes_the_fingerprint(
    tmp_path: Path,
) -> None:
    options = _user_options(tmp_path)
    first = Knowledge.load(options).fingerprint
    lexicon, actors = Path(options.lexicons[0]), Path(options.knowledge[0])
    lexicon.write_text(_LEXICON.replace("COERCE", "SANCTION"), encoding="utf-8")
    second = Knowledge.load(options).fingerprint
    actors.write_text(_ACTORS.replace("\tMIL\t", "\tREB\t"), encoding="utf-8")
    third = Knowledge.load(options).fingerprint
    assert len({first, second, third}) == 3
    assert Knowledge.fingerprint_for(options) == third


def test_the_fingerprint_covers_every_packaged_knowledge_file() -> None:
    """A new table under data/actors, data/lexicon or data/rules cannot be left out."""
    tables = {
        p.relative_to(DATA).as_posix()
        for folder in ("actors", "lexicon", "rules")
        for p in (DATA / folder).glob("*.tsv")
    }
    names = {f.name for f in Knowledge.load(Options()).files}
    judge = {"judge/model/textcat/model", "judge/model/none-lemmas.txt"}
    assert tables | {"places/supplement.tsv"} | judge == names


def test_knowledge_holds_the_defaults_the_stages_read() -> None:
    from thucydides.knowledge.event_types import EventTypes
    from thucydides.knowledge.gazetteer import default_gazetteer
    from thucydides.knowledge.recoding import Recodings
    from thucydides.knowledge.words import WordClasses

    k = Knowledge.load(Options())
    assert k.actors is default_knowledge()
    assert k.words is WordClasses.default()
    assert k.event_types is EventTypes.default()
    assert k.recodings is Recodings.default()
    assert k.gazetteer is default_gazetteer()  # loaded on first use


def test_the_resume_fingerprint_changes_with_a_user_actor_table(tmp_path: Path) -> None:
    from thucydides.batch.fingerprint import coder_fingerprint

    options = _user_options(tmp_path)
    first = coder_fingerprint(options)
    assert coder_fingerprint(options) == first
    Path(options.knowledge[0]).write_text(_ACTORS.replace("RUS", "UKR"), encoding="utf-8")
    assert coder_fingerprint(options) != first
