"""Actor resolution: one actor per real-world entity, with codes and exact mention spans."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from thucydides.extract.actors import country_code, resolve_actors
from thucydides.knowledge.actors import KnowledgeBase
from thucydides.parse.nlp import Parser
from thucydides.read.cleanup import clean_text
from thucydides.records import Actor, ParsedText

from .conftest import SAMPLE_ARTICLE, code_text


def _actor_with(actors: tuple[Actor, ...], mention: str) -> Actor:
    """The actor having a mention with exactly this text (the first if several)."""
    found = [a for a in actors if any(m.text == mention for m in a.mentions)]
    assert found, f"no actor has the mention {mention!r}: {[a.name for a in actors]}"
    return found[0]


def _actor_at(actors: tuple[Actor, ...], text: str, before: str, word: str) -> Actor | None:
    """The actor whose mention is ``word`` right after the text ``before``."""
    start = text.index(before) + len(before)
    start = text.index(word, start)
    for a in actors:
        if any(m.start == start and m.text == word for m in a.mentions):
            return a
    return None


@pytest.fixture(scope="module")
def sample(parser: Parser) -> tuple[ParsedText, tuple[Actor, ...]]:
    parsed = parser.parse(clean_text(SAMPLE_ARTICLE.read_text(encoding="utf-8")).text)
    return parsed, resolve_actors(parsed)


# ---------------------------------------------------------------- the sample article


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mention", "name", "kind", "country", "sector"),
    [
        ("Colonel Abdoulaye Sangaré", "Abdoulaye Sangaré", "person", "MLI", "MIL"),
        ("Turkey", "Turkey", "state", "TUR", "GOV"),
        ("Mali", "Mali", "state", "MLI", "GOV"),
        ("Algeria", "Algeria", "state", "DZA", "GOV"),
        ("France", "France", "state", "FRA", "GOV"),
        ("Emre Kaplan", "Emre Kaplan", "person", "TUR", "GOV"),
        ("Karim Bensalah", "Karim Bensalah", "person", "DZA", "GOV"),
        ("Hamid Ag Ousmane", "Hamid Ag Ousmane", "person", "MLI", "REB"),
        ("the Malian army", "army", "organization", "MLI", "MIL"),
        ("Anna Lindqvist", "Anna Lindqvist", "person", None, None),  # a UN agency's
        ("World Food Programme", "World Food Programme", "organization", None, None),
        ("United Nations Security Council", "UN Security Council", "organization", None, None),
    ],
)
def test_sample_actors_and_codes(sample, mention, name, kind, country, sector) -> None:
    _parsed, actors = sample
    a = _actor_with(actors, mention)
    assert (a.name, a.kind, a.country, a.sector) == (name, kind, country, sector)
    if country:
        assert a.code == country + sector
    else:
        assert a.code == "IGO"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mention", "all_of"),
    [
        (
            "Colonel Abdoulaye Sangaré",
            {"Mali’s defence minister", "Colonel Sangaré", "Sangaré", "the minister", "he"},
        ),
        ("Mali", {"Bamako", "its", "itself"}),  # "mediated between Bamako and the rebels"
        ("Algeria", {"Algiers", "which", "its"}),
        ("France", {"Paris"}),  # "mediation by Paris"
        ("Emre Kaplan", {"Turkey’s deputy defence minister"}),
        ("Karim Bensalah", {"Algeria’s foreign minister"}),
        ("Hamid Ag Ousmane", {"a spokesman for the rebels", "He", "his"}),
        ("Moussa Diallo", {"a senior adviser"}),
        ("Anna Lindqvist", {"a spokeswoman for the World Food Programme"}),
        ("World Food Programme", {"it"}),
        ("the Malian army", {"the army", "The army", "it"}),
        ("separatist rebels", {"rebels", "the rebels", "The rebels", "who", "them"}),
    ],
)
def test_sample_one_actor_with_all_its_mentions(sample, mention, all_of) -> None:
    _parsed, actors = sample
    a = _actor_with(actors, mention)
    assert all_of <= {m.text for m in a.mentions}
    holders = [b for b in actors if any(m.text == mention for m in b.mentions)]
    assert holders == [a], f"{mention!r} is split over {[b.name for b in holders]}"


@pytest.mark.slow
def test_sample_people_are_not_split(sample) -> None:
    _parsed, actors = sample
    for surname in ("Sangaré", "Kaplan", "Bensalah", "Diallo", "Ousmane", "Lindqvist"):
        people = [a for a in actors if a.kind == "person" and surname in a.name]
        assert len(people) == 1, (surname, [a.name for a in people])
    states = [a.country for a in actors if a.kind == "state"]
    assert len(states) == len(set(states))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("before", "word", "who"),
    [
        ("are built. Since January ", "he", "Abdoulaye Sangaré"),
        ("praised Mali last month for ", "its", "Mali"),
        ("permission to defend ", "itself", "Mali"),
        ("only against terrorists,” ", "he", "Abdoulaye Sangaré"),  # a quote's speaker
        ("The plan has alarmed Algeria, ", "which", "Algeria"),
        ("Algiers recalled ", "its", "Algeria"),
        ("The junta, ", "which", "junta"),
        ("vanish before troops can reach ", "them", "separatist rebels"),
        ("same area.\n\nThe rebels, ", "who", "separatist rebels"),
        ("a spokesman for the rebels, said.\n\n", "He", "Hamid Ag Ousmane"),
        ("The army said ", "it", "army"),
        ("said last month that ", "it", "World Food Programme"),
    ],
)
def test_sample_pronouns(sample, before, word, who) -> None:
    parsed, actors = sample
    a = _actor_at(actors, parsed.text, before, word)
    assert a is not None and a.name == who


@pytest.mark.slow
def test_sample_groups_belong_to_their_leaders(sample) -> None:
    _parsed, actors = sample
    fighters = _actor_with(actors, "his fighters")
    assert fighters.kind == "group" and fighters.name == "forces of Hamid Ag Ousmane"
    assert (fighters.country, fighters.sector) == ("MLI", "REB")
    aides = _actor_with(actors, "Colonel Sangaré’s aides")
    assert aides.kind == "group" and aides.name == "aides of Abdoulaye Sangaré"
    assert aides.country == "MLI" and aides is not _actor_with(actors, "Colonel Sangaré")


def test_sample_two_countries_ambassadors_are_two_groups(sample) -> None:
    _parsed, actors = sample
    mention = "the Russian and Chinese ambassadors"
    holders = [a for a in actors if any(m.text == mention for m in a.mentions)]
    assert sorted((a.kind, a.country, a.sector) for a in holders) == [
        ("group", "CHN", "GOV"),
        ("group", "RUS", "GOV"),
    ]


@pytest.mark.slow
def test_sample_places_are_not_actors(sample) -> None:
    _parsed, actors = sample
    texts = {m.text for a in actors for m in a.mentions}
    assert not texts & {"Ankara", "Timbuktu", "Kidal", "northern Mali", "the desert", "Sahel"}


@pytest.mark.xfail(reason="the small model tags Gao (in “people in Gao”) as a person")
def test_sample_gao_is_not_an_actor(sample) -> None:
    _parsed, actors = sample
    assert "Gao" not in {m.text for a in actors for m in a.mentions}


@pytest.mark.slow
def test_sample_mentions_are_exact_spans(sample) -> None:
    parsed, actors = sample
    assert [a.id for a in actors] == [f"A{n}" for n in range(1, len(actors) + 1)]
    for a in actors:
        assert a.mentions == tuple(sorted(a.mentions, key=lambda m: (m.start, -m.end)))
        for m in a.mentions:
            assert parsed.text[m.start : m.end] == m.text
        assert a.code is None or a.code.startswith(a.country or ("IGO", "IMG", "NGO"))


@pytest.mark.slow
def test_resolution_is_deterministic_and_fast(sample) -> None:
    parsed, actors = sample
    t0 = time.perf_counter()
    again = resolve_actors(parsed)
    elapsed = time.perf_counter() - t0
    assert again == actors
    assert elapsed < 0.25, f"{elapsed:.3f}s for one article"  # about 5 ms measured


# ---------------------------------------------------------------- sentences


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # apposition: country from the possessor, sector from the role
        ("Tomasz Wrona, Poland's deputy foreign minister, rebuked NATO.",
         "Poland's deputy foreign minister", ("Tomasz Wrona", "person", "POL", "GOV")),
        # relational role: the principal's country, the role's sector
        ("Yusuf Darwish, one of the Sudanese general's adjutants, said the troops were prepared.",
         "Yusuf Darwish", ("Yusuf Darwish", "person", "SDN", "MIL")),
        # demonym modifier
        ("Hungarian officials met the Libyan general.", "Hungarian officials",
         ("Hungarian officials", "group", "HUN", "GOV")),
        ("Hungarian officials met the Libyan general.", "the Libyan general",
         ("Libyan general", "person", "LBY", "MIL")),
        # titles
        ("Nigerian President Olusegun Obasanjo visited Ghana.",
         "Nigerian President Olusegun Obasanjo", ("Olusegun Obasanjo", "person", "NGA", "GOV")),
        ("King Hassan of Morocco was quoted as saying he would host a meeting.", "King Hassan",
         ("Hassan", "person", "MAR", "GOV")),
        ("Former president Carlos Menem of Argentina was questioned.",
         "Former president Carlos Menem", ("Carlos Menem", "person", "ARG", "ELI")),
        # known groups absorb their members; states and IGOs from the knowledge files
        ("Houthi rebels fired missiles at Israel.", "Houthi rebels",
         ("Houthis", "group", "YEM", "REB")),
        ("The Israeli army said its soldiers killed two Hamas gunmen.", "two Hamas gunmen",
         ("Hamas", "group", "PSE", "REB")),
        ("The Israeli army said its soldiers killed two Hamas gunmen.", "its soldiers",
         ("Israeli army", "organization", "ISR", "MIL")),
        ("Moscow said it would retaliate.", "it", ("Russia", "state", "RUS", "GOV")),
        ("Downing Street rejected the offer.", "Downing Street",
         ("United Kingdom", "state", "GBR", "GOV")),
        ("UN peacekeepers were deployed in the south.", "UN peacekeepers",
         ("peacekeepers of United Nations", "group", None, "MIL")),
        ("President Bush threatened Russia with sanctions.", "President Bush",
         ("George W. Bush", "person", "USA", "GOV")),
        ("Isis fighters attacked a checkpoint.", "Isis fighters",
         ("Islamic State", "group", None, "REB")),
        # an adjective standing for its state
        ("Bangladesh rejected an Indian proposal.", "Indian", ("India", "state", "IND", "GOV")),
        # pronouns and descriptions
        ("The ministry said it would respond.", "it", ("ministry", "organization", None, "GOV")),
        ("Sergei Shoigu, Russia's defence minister, met Chinese officials. He said they agreed.",
         "He", ("Sergei Shoigu", "person", "RUS", "GOV")),
        ("Sergei Shoigu, Russia's defence minister, met Chinese officials. He said they agreed.",
         "they", ("Chinese officials", "group", "CHN", "GOV")),
        ("Omar Nassif, a spokesman for the rebels, said their commander was unharmed.", "their",
         ("rebels", "group", None, "REB")),
        ("The Government of National Unity (GNU) met. The GNU said it would resist.", "GNU",
         ("Government of National Unity", "organization", None, "GOV")),
        # an apposition names a description
        ("The Lebanese militia, Hezbollah, said it fired rockets.", "The Lebanese militia",
         ("Hezbollah", "group", "LBN", "REB")),
        # a group's country from "in X"
        ("Opposition groups in Zimbabwe are demanding reforms.", "Opposition groups in Zimbabwe",
         ("Opposition groups in Zimbabwe", "group", "ZWE", "OPP")),
    ],
)  # fmt: skip
def test_sentences(parser: Parser, text: str, mention: str, expected: tuple) -> None:
    actors = resolve_actors(parser.parse(text))
    a = _actor_with(actors, mention)
    assert (a.name, a.kind, a.country, a.sector) == expected


@pytest.mark.slow
def test_coordinated_demonyms_make_a_compound_actor(parser: Parser) -> None:
    actors = resolve_actors(
        parser.parse("Senior Hungarian and Romanian officials agreed to cooperate.")
    )
    span = "Senior Hungarian and Romanian officials"
    holders = [a for a in actors if any(m.text == span for m in a.mentions)]
    assert sorted((a.country, a.code) for a in holders) == [("HUN", "HUNGOV"), ("ROU", "ROUGOV")]


@pytest.mark.slow
def test_the_ambassadors_of_several_countries(parser: Parser) -> None:
    actors = resolve_actors(
        parser.parse("The ambassadors of Russia, China and Iran met the envoy.")
    )
    span = "The ambassadors of Russia, China and Iran"
    holders = [a for a in actors if any(m.text == span for m in a.mentions)]
    assert sorted(a.country for a in holders) == ["CHN", "IRN", "RUS"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "not_a_mention"),
    [
        ("Fighting continued across the region.", "the region"),  # NON role
        ("He lives in Moscow with his family.", "Moscow"),  # a capital in a place role
        ("The delegation flew to Tripoli on Monday.", "Tripoli"),
        ("They ate a turkey sandwich.", "turkey"),
        ("The 2011 uprising toppled the regime.", "The 2011 uprising"),  # an event, not an actor
        ("Hiftar met him in Benghazi.", "Benghazi"),
    ],
)
def test_not_actors(parser: Parser, text: str, not_a_mention: str) -> None:
    actors = resolve_actors(parser.parse(text))
    assert not_a_mention not in {m.text for a in actors for m in a.mentions}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # a negated apposition joins nothing
        ("They should feed the farmers, not Karimov.", "the farmers", "Karimov"),
        # an object pronoun is not its own verb's subject
        ("General Hiftar met him in Benghazi.", "General Hiftar", "him"),
        # different first names, same surname
        ("Muammar Gaddafi and Saif Gaddafi met.", "Muammar Gaddafi", "Saif Gaddafi"),
        # two countries stay two actors
        ("Britain and the US wanted peace.", "Britain", "US"),
    ],
)
def test_kept_apart(parser: Parser, text: str, first: str, second: str) -> None:
    actors = resolve_actors(parser.parse(text))
    a = [x for x in actors if any(m.text == first for m in x.mentions)]
    b = [x for x in actors if any(m.text == second for m in x.mentions)]
    assert not (a and b and a[0] is b[0])


@pytest.mark.slow
def test_indefinite_antecedent_leaves_they_unresolved(parser: Parser) -> None:
    # Without the rule, "they" would be the aid workers of the sentence before.
    text = "Aid workers left the camp. If anyone wishes to help Sudan they must feed its refugees."
    actors = resolve_actors(parser.parse(text))
    assert "they" not in {m.text for a in actors for m in a.mentions}


@pytest.mark.slow
def test_dated_codes_follow_the_article_date(parser: Parser) -> None:
    parsed = parser.parse("The Taliban seized the city.")
    assert _actor_with(resolve_actors(parsed, date="2020-01-01"), "Taliban").code == "AFGREB"
    assert _actor_with(resolve_actors(parsed, date="2022-01-01"), "Taliban").code == "AFGGOV"
    assert _actor_with(resolve_actors(parsed), "Taliban").code == "AFGREB"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date", "mention", "expected"),
    [
        # a head of state from world-leaders.tsv codes with the country of the office
        ("Egyptian officials welcomed the deal. President Abdel Fattah el-Sisi said it would "
         "bring calm.", "2020-03-01", "President Abdel Fattah el-Sisi",
         ("Abdel Fattah el-Sisi", "EGY", "GOV", "EGYGOV")),
        # ... also in a story about another country
        ("Turkey's foreign minister flew to Cairo on Monday. There he met the current "
         "president, Abdel Fattah el-Sisi, for two hours.", "2023-05-02", "Abdel Fattah el-Sisi",
         ("Abdel Fattah el-Sisi", "EGY", "GOV", "EGYGOV")),
        # after the term: a former official
        ("Hosni Mubarak appeared in a Cairo court on Sunday.", "2012-06-03", "Hosni Mubarak",
         ("Hosni Mubarak", "EGY", "ELI", "EGYELI")),
        ("Ashraf Ghani said he had left to avoid bloodshed.", "2021-08-14", "Ashraf Ghani",
         ("Ashraf Ghani", "AFG", "GOV", "AFGGOV")),
        ("Ashraf Ghani gave an interview from Abu Dhabi.", "2023-01-10", "Ashraf Ghani",
         ("Ashraf Ghani", "AFG", "ELI", "AFGELI")),
        # a distinctive surname alone
        ("Officials in Ankara said Sisi had telephoned the president.", "2023-03-01", "Sisi",
         ("Abdel Fattah el-Sisi", "EGY", "GOV", "EGYGOV")),
        ("Kagame met the visiting delegation.", "2019-07-01", "Kagame",
         ("Paul Kagame", "RWA", "GOV", "RWAGOV")),
        # a title with a surname many bear may name the one who held that title
        ("The envoy said President Assad would not attend.", "2015-01-01", "President Assad",
         ("Bashar al-Assad", "SYR", "GOV", "SYRGOV")),
        # an armed movement's leader before and after it took the state
        ("Hibatullah Akhundzada issued a decree.", "2018-06-01", "Hibatullah Akhundzada",
         ("Hibatullah Akhundzada", "AFG", "REB", "AFGREB")),
        ("Hibatullah Akhundzada issued a decree.", "2022-06-01", "Hibatullah Akhundzada",
         ("Hibatullah Akhundzada", "AFG", "GOV", "AFGGOV")),
        # a former prime minister heading an IGO has no country while he does
        ("Mark Rutte urged the allies to spend more.", "2025-06-01", "Mark Rutte",
         ("Mark Rutte", None, "MIL", "IGOMIL")),
        ("Mark Rutte urged the allies to spend more.", "2015-06-01", "Mark Rutte",
         ("Mark Rutte", "NLD", "GOV", "NLDGOV")),
    ],
)  # fmt: skip
def test_world_leaders(parser: Parser, text: str, date: str, mention: str, expected: tuple) -> None:
    a = _actor_with(resolve_actors(parser.parse(text), date=date), mention)
    assert (a.name, a.country, a.sector, a.code) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Khan said the talks had failed.", "Khan"),
        ("Sharif told reporters the vote would go ahead.", "Sharif"),
        ("Kim said the two sides would meet again.", "Kim"),
        ("Assad's forces shelled the town.", "Assad"),
    ],
)
def test_a_common_surname_alone_is_no_known_leader(parser: Parser, text: str, mention: str) -> None:
    actors = resolve_actors(parser.parse(text), date="2020-06-01")
    named = [a for a in actors if any(m.text.startswith(mention) for m in a.mentions)]
    assert all(a.country is None and a.code is None for a in named), named


@pytest.mark.slow
def test_own_knowledge_base(parser: Parser, tmp_path: Path) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text(
        "name\taliases\tkind\tcountry\tsector\tcode\thome\n"
        "Zorgon Front\tZorgon Front|ZF\tgroup\tLBY\tREB\tLBYREBZRG\t\n"
    )
    kb = KnowledgeBase.load(extra_files=[table])
    actors = resolve_actors(parser.parse("The Zorgon Front said ZF fighters took the town."), kb)
    a = _actor_with(actors, "Zorgon Front")
    assert (a.country, a.sector, a.code) == ("LBY", "REB", "LBYREBZRG")
    assert "ZF fighters" in {m.text for m in a.mentions}


def test_empty_parse() -> None:
    assert resolve_actors(ParsedText(text="", tokens=(), sentences=(), entities=())) == ()


@pytest.mark.parametrize(
    ("name", "code"),
    [("Libya", "LBY"), ("the United States", "USA"), ("Russians", "RUS"), ("Narnia", None)],
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code


@pytest.mark.slow
@pytest.mark.xfail(reason="first person in quotes is left to the quote stage (speaker's side)")
def test_we_in_a_quote_is_the_speakers_side(parser: Parser) -> None:
    text = "“We drove Isis out of Mosul,” Brigadier-General Samir Haddad said."
    actors = resolve_actors(parser.parse(text))
    assert "We" in {m.text for m in _actor_with(actors, "Brigadier-General Samir Haddad").mentions}


@pytest.mark.slow
@pytest.mark.xfail(reason="a commander's men are not linked to the forces he commands")
def test_his_men_are_the_forces_he_commands(parser: Parser) -> None:
    text = (
        "Forces loyal to the government drove the rebels out of Gao. "
        "Their commander, General Ali Konaté, said his men had fought without helmets."
    )
    actors = resolve_actors(parser.parse(text))
    assert _actor_with(actors, "Forces loyal to the government") is _actor_with(actors, "his men")


@pytest.mark.slow
@pytest.mark.xfail(reason="misspelt names are not matched (no fuzzy matching)")
def test_misspelt_country(parser: Parser) -> None:
    actors = resolve_actors(parser.parse("Ethopia has agreed to re-open its borders."))
    assert _actor_with(actors, "Ethopia").country == "ETH"


@pytest.mark.slow
def test_a_surname_the_tagger_missed_is_the_person_named_before(parser) -> None:
    text = (
        "President Jo Duarte received the delegation on Sunday.\n\n"
        "Duarte personally welcomed the vaccines.\n\n"
        "Duarte Street was closed for the visit."
    )
    parsed = parser.parse(text)
    second = text.index("Duarte personally")
    # the case this is about: the model tags no entity there
    assert not [e for e in parsed.entities if e.start == second]
    actors = resolve_actors(parsed)
    (duarte,) = [a for a in actors if a.name == "Jo Duarte"]
    starts = [m.start for m in duarte.mentions]
    assert second in starts
    # "Duarte Street" is a longer proper name, not the person
    assert text.index("Duarte Street") not in starts


@pytest.mark.slow
def test_foreign_forces_do_not_take_the_country_of_the_story(parser) -> None:
    text = (
        "Mali faces a difficult year.\n\n"
        "Foreign troops left Bamako on Monday, while Malian soldiers stayed in Gao.\n\n"
        "The soldiers patrolled the market."
    )
    actors = resolve_actors(parser.parse(text))
    assert _actor_with(actors, "Foreign troops").country is None
    assert _actor_with(actors, "Malian soldiers").country == "MLI"


@pytest.mark.slow
def test_an_object_pronoun_of_a_participle_is_not_the_participles_subject(parser) -> None:
    """ "calling it a crime": "calling" has the subject of "condemned", so "it" is not
    Kenya (it is the attack, which is no actor)."""
    text = "Kenya condemned the attack, calling it a crime."
    actors = resolve_actors(parser.parse(text))
    kenya = _actor_with(actors, "Kenya")
    assert [m.text for m in kenya.mentions] == ["Kenya"]


# ---------------------------------------------------------------- passes on hand-built parses
# These call the package's functions one by one on trees written out by hand
# (tests/handparse.py): no statistical model, milliseconds each.


def _hand_state(words, heads, deps, pos, **kw):
    from tests.handparse import hand_parse
    from thucydides.extract.actors.state import new_state
    from thucydides.knowledge.actors import default_knowledge

    return new_state(hand_parse(words, heads, deps, pos, **kw), default_knowledge(), None)


def test_a_title_before_a_name_joins_the_persons_mention() -> None:
    """ "President Elias Hrawi": one person mention from the title on, the title a role."""
    from thucydides.extract.actors.names import name_mentions

    st = _hand_state(
        ["President", "Elias", "Hrawi", "arrived", "."],
        heads=[2, 2, 3, 3, 3],
        deps=["compound", "compound", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
        tags=["NNP", "NNP", "NNP", "VBD", "."],
        ents=[(1, 3, "PERSON")],
    )
    assert name_mentions(st) == {1, 2}
    (m,) = st.mentions
    assert (m.first, m.last, m.kind, m.etype, m.name) == (0, 2, "name", "person", "Elias Hrawi")
    assert [r.phrase.lower() for r in m.titles] == ["president"]
    assert st.text[m.start : m.end] == "President Elias Hrawi"


@pytest.mark.parametrize(
    ("pronoun", "etype", "gender", "plural", "fits"),
    [
        ("he", "person", "m", False, True),
        ("he", "person", None, False, True),
        ("he", "person", "f", False, False),
        ("she", "person", "f", False, True),
        ("she", "person", "m", False, False),
        ("he", "organization", None, False, False),
        ("it", "organization", None, False, True),
        ("it", "state", None, False, True),
        ("it", "person", "m", False, False),
        ("they", "group", None, True, True),
        ("they", "person", "m", False, False),
        ("they", "organization", None, False, False),  # strict: a plural mention first
    ],
)
def test_pronouns_agree_in_gender_and_number(pronoun, etype, gender, plural, fits) -> None:
    """Gender and number agreement between a pronoun and a candidate actor."""
    from thucydides.extract.actors.coref import pronoun_fits
    from thucydides.extract.actors.state import Cluster, Mention

    st = _hand_state(
        ["X", "left", ".", pronoun.capitalize(), "stayed", "."],
        heads=[1, 1, 1, 4, 4, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"],
        sentence_starts=(0, 3),
    )
    p = Mention(3, 3, 3, "pronoun", "other")
    m = Mention(0, 0, 0, "name", etype, plural=plural)
    c = Cluster(0, etype, gender=gender)
    assert pronoun_fits(st, p, c, m) is fits


@pytest.mark.parametrize(
    ("words", "heads", "deps", "place"),
    [
        # "fighting in Tripoli": a place that tells a country, not an actor
        (["fighting", "in", "Tripoli"], [0, 0, 1], ["ROOT", "prep", "pobj"], True),
        # "fled to Kenya": a destination
        (["they", "fled", "to", "Kenya"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"], True),
        # "appealed to Kenya": a recipient, an actor
        (
            ["they", "appealed", "to", "Kenya"],
            [1, 1, 1, 2],
            ["nsubj", "ROOT", "prep", "pobj"],
            False,
        ),
        # "Kenya appealed": a participant
        (["Kenya", "appealed"], [1, 1], ["nsubj", "ROOT"], False),
    ],
)
def test_a_name_after_a_locative_or_motion_word_is_a_place(words, heads, deps, place) -> None:
    """LOCATIVE_PREP and MOTION_VERB decide whether a name is a place or an actor."""
    from thucydides.extract.actors.tree import place_role

    pos = [
        "PROPN" if w[0].isupper() else "ADP" if d == "prep" else "VERB"
        for w, d in zip(words, deps, strict=True)
    ]
    lemmas = [{"fled": "flee", "appealed": "appeal"}.get(w, w.lower()) for w in words]
    st = _hand_state(words, heads, deps, pos, lemmas=lemmas)
    name = max(i for i, w in enumerate(words) if w[:1].isupper())
    assert place_role(st, name) is place


def test_a_pronoun_after_a_titled_name_is_that_person() -> None:
    """All passes on a hand-built parse: "General Moussa Traore arrived. He left." is one
    person, a soldier by his title (MIL), with both mentions."""
    from tests.handparse import hand_parse

    parsed = hand_parse(
        ["General", "Moussa", "Traore", "arrived", ".", "He", "left", "."],
        heads=[2, 2, 3, 3, 3, 6, 6, 6],
        deps=["compound", "compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "PROPN", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"],
        tags=["NNP", "NNP", "NNP", "VBD", ".", "PRP", "VBD", "."],
        ents=[(1, 3, "PERSON")],
        sentence_starts=(0, 5),
    )
    (actor,) = resolve_actors(parsed)
    assert (actor.name, actor.kind, actor.sector) == ("Moussa Traore", "person", "MIL")
    assert [m.text for m in actor.mentions] == ["General Moussa Traore", "He"]


def test_one_of_the_adjutants_is_a_partitive_description() -> None:
    """ "one of the adjutants": a PARTITIVE_HEAD whose role is its complement's."""
    from thucydides.extract.actors.nominals import nominal_mentions

    st = _hand_state(
        ["one", "of", "the", "adjutants", "died"],
        heads=[4, 0, 3, 1, 4],
        deps=["nsubj", "prep", "det", "pobj", "ROOT"],
        pos=["NUM", "ADP", "DET", "NOUN", "VERB"],
        lemmas=["one", "of", "the", "adjutant", "die"],
        tags=["CD", "IN", "DT", "NNS", "VBD"],
    )
    nominal_mentions(st, set())
    (m,) = st.mentions
    assert st.text[m.start : m.end] == "one of the adjutants"
    assert (m.head, m.kind, m.etype, m.plural, m.definite) == (0, "nominal", "person", False, True)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "full", "expected"),
    [
        # a family name written first, then alone: the person
        (
            "North Korean leader Kim Jong Un inspected a missile base. Analysts said Kim "
            "wanted talks with Seoul.",
            "Kim Jong Un",
            True,
        ),
        (
            "Chinese President Xi Jinping arrived in Moscow on Monday. Xi met the Russian "
            "prime minister the next day.",
            "Xi Jinping",
            True,
        ),
        # two people begin with the word: "Hun" alone is neither
        (
            "Hun Sen praised his son Hun Manet on Friday. Hun said the vote was fair.",
            "Hun Sen",
            False,
        ),
    ],
)
def test_a_name_alone_is_the_one_person_whose_name_begins_with_it(
    parser, text, full, expected
) -> None:
    actors = resolve_actors(parser.parse(text))
    (person,) = [a for a in actors if a.name == full]
    lone = text.split(". ")[1].split()[0] if "Analysts" not in text else "Kim"
    start = text.index(lone, text.index(". "))
    assert any(m.start == start for m in person.mentions) is expected


@pytest.mark.slow
def test_the_head_of_an_international_body_takes_no_country_from_the_paragraph(
    parser, knowledge
) -> None:
    # "secretary general" is no army general; an agency's director is the agency's
    text = (
        "Fighting continued in Darfur on Monday. Maria Lenz, UNICEF's executive director, "
        "said children were at risk. Tomas Brandt, secretary general of Doctors Without "
        "Borders, said the clinics were full."
    )
    record = code_text(parser, knowledge, text)
    by_name = {a.name: a for a in record.actors}
    assert by_name["Maria Lenz"].country is None
    assert (by_name["Tomas Brandt"].country, by_name["Tomas Brandt"].sector) == (None, "MED")


@pytest.mark.slow
def test_a_nationality_the_tagger_calls_a_person_still_gives_the_country(parser, knowledge):
    # the small model tags "Ugandan" PERSON before "President Yoweri Museveni"
    record = code_text(parser, knowledge, "Ruto met Ugandan President Yoweri Museveni in Nairobi.")
    (museveni,) = [a for a in record.actors if a.name.endswith("Museveni")]
    assert (museveni.country, museveni.sector) == ("UGA", "GOV")


@pytest.mark.slow
def test_a_foreign_minister_is_known_whatever_the_paragraph(parser, knowledge):
    text = (
        "Bosnian Serb leaders met in Banja Luka on Monday. Bosnia's court said the "
        "decision stands. Secretary of State Marco Rubio said Bosnia must stay whole."
    )
    record = code_text(parser, knowledge, text)
    (rubio,) = [a for a in record.actors if a.name == "Marco Rubio"]
    assert rubio.country == "USA"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Troops shelled Herat on Monday. Lina Haddad of Human Rights Watch said it must stop.",
        "Troops shelled Herat on Monday. Human Rights Watch's Lina Haddad said it must stop.",
    ],
)
def test_a_person_speaking_for_an_organisation_takes_no_country_from_the_paragraph(
    parser, knowledge, text
):
    record = code_text(parser, knowledge, text)
    (haddad,) = [a for a in record.actors if "Haddad" in a.name]
    # the name stops before "of", and her organisation, not Afghanistan, is whom she is with
    assert (haddad.name, haddad.country) == ("Lina Haddad", None)


@pytest.mark.slow
def test_a_name_before_a_persons_apposition_is_a_person(parser, knowledge):
    # the tagger misses the name; the apposition says it is a person's
    text = (
        "Nop Vy, the association's executive director, said the release was a good sign. "
        "He called for the charge to be dropped."
    )
    record = code_text(parser, knowledge, text)
    (nop,) = [a for a in record.actors if a.name == "Nop Vy"]
    assert {"He", "the association's executive director"} <= {m.text for m in nop.mentions}


@pytest.mark.slow
def test_a_common_noun_capitalised_by_its_place_is_no_name(parser, knowledge):
    # the tagger calls "Media" an organisation; it opens the sentence, nothing more
    text = "Media watchdog Reporters Without Borders welcomed the release of the editor."
    record = code_text(parser, knowledge, text)
    assert "Media" not in {a.name for a in record.actors}


def test_a_person_at_an_organisation_takes_its_country_not_the_storys(parser, knowledge) -> None:
    record = code_text(
        parser,
        knowledge,
        "Heather Brandt, a director at Amnesty International, said the Nigerian army had "
        "detained dozens of protesters in Lagos on Monday.",
    )
    person = _actor_with(record.actors, "Heather Brandt")
    assert person.country is None and person.code == "NGO"


def test_a_group_from_a_region_of_many_countries_has_no_country(parser, knowledge) -> None:
    record = code_text(
        parser,
        knowledge,
        "Serbian police closed the border on Monday. European peacekeepers arrived in "
        "Serbia on Tuesday to bolster the mission.",
    )
    assert _actor_with(record.actors, "European peacekeepers").country is None


def test_a_headline_without_a_full_stop_is_no_part_of_the_paragraph_below(
    parser, knowledge
) -> None:
    # The leader's party ("his party") and the party's leader point at each other: the
    # names stop where the chain turns back, and nothing runs across the blank line.
    text = (
        "Chad police arrest opposition leader in N'Djamena\n\n"
        "Police arrested the leader of the main opposition party in N'Djamena on Sunday. "
        "His party called for protests."
    )
    parsed = parser.parse(text)
    assert [parsed.text[s.start : s.end].strip() for s in parsed.sentences][0] == (
        "Chad police arrest opposition leader in N'Djamena"
    )
    record = code_text(parser, knowledge, text)
    assert record.actors and all("\n" not in a.name for a in record.actors)
    assert all("\n" not in m.text for a in record.actors for m in a.mentions)
    assert any(e.event == "COERCE" for e in record.events)


def test_a_thing_named_after_a_person_is_not_that_person(parser, knowledge) -> None:
    record = code_text(
        parser,
        knowledge,
        "A JetBlue pilot complained the night before we flew out from New York's JFK "
        "airport. He agreed with the mayor on Monday.",
    )
    assert all(a.name != "JFK" for a in record.actors)


def test_a_description_modified_by_a_name_is_not_another_groups_officer(parser, knowledge) -> None:
    record = code_text(
        parser,
        knowledge,
        "The Somali army chief said on Friday his troops had killed 200 al-Shabab fighters "
        "this month. A government spokesman dismissed the statement by the al-Shabab chief "
        "on Saturday.",
    )
    army = _actor_with(record.actors, "The Somali army chief")
    assert all(m.text != "the al-Shabab chief" for m in army.mentions)
    assert army.name == "Somali army chief"


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        # a surname after a closing quotation mark, which the tagger reads as a common noun
        (
            "“The talks are over,” said Ruth Okonkwo, a researcher at a Lagos institute. "
            "“Nobody expects more.” Okonkwo thinks “the ceasefire will not hold.”",
            "Okonkwo",
        ),
        # a family name written first, alone at the start of a sentence
        (
            "Vietnamese Prime Minister Pham Minh Chinh visited Laos on Monday. "
            "Pham later signed a power agreement with the Laotian government.",
            "Pham",
        ),
    ],
)
def test_a_name_part_alone_is_the_person_named_in_full_before(parser, knowledge, text, alone):
    record = code_text(parser, knowledge, text)
    people = [a for a in record.actors if a.kind == "person"]
    holder = [a for a in people if any(m.text == alone for m in a.mentions)]
    assert holder and len(holder[0].name.split()) >= 2


def test_a_stories_opening_description_is_named_in_the_next_sentence(parser, knowledge):
    text = (
        "The U.N. special envoy for Yemen is calling for an end to the fighting around "
        "Marib. Hans Grundberg issued his appeal on Friday."
    )
    record = code_text(parser, knowledge, text)
    envoy = [a for a in record.actors if any("special envoy" in m.text for m in a.mentions)]
    assert envoy and envoy[0].name == "Hans Grundberg"
    # a name with a description of its own is someone else
    text = (
        "The spokesman for the governor declined to comment on Monday. "
        "Samuel Mwangi, a shopkeeper in the town, said the streets were calm."
    )
    record = code_text(parser, knowledge, text)
    shopkeeper = [a for a in record.actors if a.name == "Samuel Mwangi"]
    assert shopkeeper and not any("spokesman" in m.text for m in shopkeeper[0].mentions)


@pytest.mark.parametrize(
    "text",
    [
        # a known person of another country than the description's
        "The Russian foreign minister warned the West on Monday against new sanctions. "
        "Zelensky said Kyiv would not give up any territory.",
        # a description that is someone else's relation
        "The mother of a jailed Egyptian activist appealed for his release on Monday. "
        "Alaa Abdel Fattah has been on hunger strike for months.",
    ],
)
def test_an_opening_description_is_not_a_different_person_named_next(parser, knowledge, text):
    record = code_text(parser, knowledge, text)
    described = [a for a in record.actors if any(m.text.startswith("The ") for m in a.mentions)]
    assert described and all(
        m.text.startswith("The ") or m.text.lower() in ("his", "her") for m in described[0].mentions
    )


def test_a_capitalised_common_word_is_no_surname(parser, knowledge):
    text = (
        "Andrew Little, a New Zealand minister, visited Fiji on Monday. "
        "Little is known about his plans. Banks were closed after Arron Banks spoke."
    )
    record = code_text(parser, knowledge, text)
    little = [a for a in record.actors if a.name == "Andrew Little"]
    assert little and [m.text for m in little[0].mentions].count("Little") == 0
    banks = [a for a in record.actors if a.name == "Arron Banks"]
    assert banks and [m.text for m in banks[0].mentions] == ["Arron Banks"]


def test_a_leaders_surname_naming_a_town_is_the_town(parser, knowledge):
    text = (
        "Rebels attacked ten villages between the towns of Bocaranga and Bazoum on Monday. "
        "In Niamey, Bazoum met the French ambassador."
    )
    record = code_text(parser, knowledge, text)
    bazoum = [a for a in record.actors if a.name == "Mohamed Bazoum"]
    # the second sentence's subject is the former president; the town is not
    assert bazoum and [m.start for m in bazoum[0].mentions] == [text.index("Bazoum met")]
