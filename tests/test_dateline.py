"""Tests for ``thucydides.read.dateline``: datelines read off a story's first paragraph."""

from __future__ import annotations

import pytest

from thucydides.knowledge.gazetteer import GeoEntry
from thucydides.read.dateline import locate, resolve_date, split_dateline
from thucydides.records import Dateline

# (paragraph, dateline text, place, date as written, agency, the rest's first words)
DATELINES = [
    (
        "KHARTOUM, May 4 (Northwire) - Sudan's army said",
        "KHARTOUM, May 4 (Northwire) -",
        "Khartoum",
        "May 4",
        "Northwire",
        "Sudan's army",
    ),
    (
        "TBILISI, Georgia, May 12 (AFP) -- Tens of thousands marched",
        "TBILISI, Georgia, May 12 (AFP) --",
        "Tbilisi, Georgia",
        "May 12",
        "AFP",
        "Tens of",
    ),
    (
        "WASHINGTON (AP) — The Senate passed",
        "WASHINGTON (AP) —",
        "Washington",
        None,
        "AP",
        "The Senate",
    ),
    ("(CNN)Washington officials said", "(CNN)", None, None, "CNN", "Washington officials"),
    (
        "Port-au-Prince, Haiti (C9N)Haiti's leader quit",
        "Port-au-Prince, Haiti (C9N)",
        "Port-au-Prince, Haiti",
        None,
        "C9N",
        "Haiti's leader",
    ),
    (
        "MOSCOW, March 14. /TASS/. The Kremlin said",
        "MOSCOW, March 14. /TASS/.",
        "Moscow",
        "March 14",
        "TASS",
        "The Kremlin",
    ),
    (
        "Lima (EFE).- Peru's government declared",
        "Lima (EFE).-",
        "Lima",
        None,
        "EFE",
        "Peru's government",
    ),
    (
        "DHAKA: Bangladesh's government banned",
        "DHAKA:",
        "Dhaka",
        None,
        None,
        "Bangladesh's government",
    ),
    (
        "ABU DHABI, 28th September, 2024 (WAM) -- The UAE signed",
        "ABU DHABI, 28th September, 2024 (WAM) --",
        "Abu Dhabi",
        "28th September, 2024",
        "WAM",
        "The UAE",
    ),
    (
        "Dakar (Senegal) 12 September 2024 (APS) – The president",
        "Dakar (Senegal) 12 September 2024 (APS) –",
        "Dakar, Senegal",
        "12 September 2024",
        "APS",
        "The president",
    ),
    (
        "New Delhi, Oct 7 (IANS) India and the Maldives",
        "New Delhi, Oct 7 (IANS)",
        "New Delhi",
        "Oct 7",
        "IANS",
        "India and",
    ),
    ("YEREVAN -- Armenia has frozen", "YEREVAN --", "Yerevan", None, None, "Armenia has"),
    ("WASHINGTON — The Senate passed", "WASHINGTON —", "Washington", None, None, "The Senate"),
    (
        "MARANCHON, SPAIN — The air was cold",
        "MARANCHON, SPAIN —",
        "Maranchon, Spain",
        None,
        None,
        "The air",
    ),
    # An agency in capitals after the date and a comma, no brackets (issue 14, batch 12).
    (
        "Kumasi, Dec. 5, GNA - The assembly met",
        "Kumasi, Dec. 5, GNA -",
        "Kumasi",
        "Dec. 5",
        "GNA",
        "The assembly",
    ),
    # A stray comma before the dash (issue 14, batch 10).
    ("PORT TOWN, — The council will", "PORT TOWN, —", "Port Town", None, None, "The council"),
]

NOT_DATELINES = [
    "Kim, UN - The envoy met him.",  # capitals after a comma without a date: no agency
    "NATO — the alliance said on Monday it would meet.",  # a subject, then a dash
    "NATO — The alliance met on Monday.",  # one short capitalised word: maybe a subject
    "BRUSSELS - The EU said so.",  # a lone word before a hyphen
    "UNICEF said on Thursday that 16 million children suffer.",
    "U.S. President Donald Trump on Thursday threatened tariffs.",
    "The U.N. special envoy for Syria called for calm.",
    "(Reuters) was the source, he said.",  # a bracketed name not followed by a sentence start
    "Russia (which denies it) sent troops.",
    "Mali's junta, which seized power in 2020, said so.",
]


@pytest.mark.parametrize(("paragraph", "text", "place", "date", "agency", "rest"), DATELINES)
def test_a_dateline_is_split_off_with_its_parts(
    paragraph: str, text: str, place: str | None, date: str | None, agency: str | None, rest: str
) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    dateline, remainder = found
    assert (dateline.text, dateline.place, dateline.date, dateline.agency) == (
        text,
        place,
        date,
        agency,
    )
    assert remainder.startswith(rest)
    assert paragraph.startswith(dateline.text)


@pytest.mark.parametrize("paragraph", NOT_DATELINES)
def test_a_paragraph_without_a_dateline_is_left_alone(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("28th September, 2024", "2024-09-28"),
        ("March 6, 2024", "2024-03-06"),
        ("12 September 2024", "2024-09-12"),
        ("2024-05-02", "2024-05-02"),
        ("Sept. 5, 2024", "2024-09-05"),
        ("May 4", None),  # no year: never guessed
        ("February 30, 2024", None),  # no such day
        (None, None),
    ],
)
def test_a_dateline_date_resolves_only_when_complete(written: str | None, iso: str | None) -> None:
    assert resolve_date(written) == iso


class _Gazetteer:
    """Two Georgias and a Tbilisi, as the place resolver's protocol gives them."""

    def candidates(self, name: str) -> list[GeoEntry]:
        return {
            "Tbilisi": [GeoEntry("Tbilisi", "city", 611717, country="GEO")],
            "Georgia": [
                GeoEntry("Georgia", "admin", 4197000, country="USA"),
                GeoEntry("Georgia", "country", 614540, country="GEO"),
            ],
            "Nowhere": [GeoEntry("Nowhere", "region", None)],
        }.get(name, [])


@pytest.mark.parametrize(
    ("place", "place_id"),
    [
        ("Tbilisi, Georgia", 611717),
        ("Tbilisi", 611717),
        ("Nowhere", None),
        ("Atlantis", None),
        (None, None),
    ],
)
def test_a_dateline_place_gets_its_geonames_id_when_known(
    place: str | None, place_id: int | None
) -> None:
    located = locate(Dateline(text="x", place=place), _Gazetteer())
    assert located.place_id == place_id
    assert located.place == place
