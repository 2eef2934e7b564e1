"""Tests for ``thucydides.read.cleanup``: noise cut from plain scraped text, the body kept intact.

The noise corpus lives in ``tests/data/cleanup_cases.jsonl``, one case per line::

    {"name": "...", "raw": "...",
     "must_remove": [substrings that must be gone from the text and found in `removed`],
     "must_keep": [substrings that must be in the text],
     "removed_kinds": [kinds of the `removed` entries, in text order],
     "title": "..." (optional: passed to clean_text),
     "authors": [...] (optional: the exact authors expected)}
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from thucydides.read.cleanup import clean_text
from thucydides.records import CleanedText, Dateline, Removed

from .conftest import SAMPLE_ARTICLE, SHARED

CASES_FILE = Path(__file__).parent / "data" / "cleanup_cases.jsonl"
KINDS = {"byline", "caption", "credit", "bio", "chrome", "dateline", "other"}


def _load_cases() -> list[dict[str, Any]]:
    with CASES_FILE.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


CASES = _load_cases()


def _removed_text(cleaned: CleanedText) -> str:
    return "\n".join(r.text for r in cleaned.removed)


def _assert_clean_shape(text: str) -> None:
    """Paragraphs parted by exactly one blank line, no stray whitespace anywhere."""
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert "\r" not in text and "\t" not in text and "\u00a0" not in text
    for paragraph in text.split("\n\n") if text else []:
        assert paragraph and "\n" not in paragraph
        assert "  " not in paragraph and paragraph == paragraph.strip()


# ---------------------------------------------------------------- the noise corpus


def test_corpus_is_well_formed() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in CASES:
        assert {"name", "raw", "must_remove", "must_keep", "removed_kinds"} <= case.keys()
        assert set(case["removed_kinds"]) <= KINDS, case["name"]
    noise = [c for c in CASES if c["must_remove"]]
    body_only = [c for c in CASES if not c["removed_kinds"]]
    assert len(noise) >= 25
    assert len(body_only) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    cleaned = clean_text(case["raw"], title=case.get("title"))
    removed = _removed_text(cleaned)
    for noise in case["must_remove"]:
        assert noise not in cleaned.text, f"{noise!r} left in the text"
        assert noise in removed, f"{noise!r} not listed in removed"
    for body in case["must_keep"]:
        assert body in cleaned.text, f"{body!r} lost from the text"
    assert [r.kind for r in cleaned.removed] == case["removed_kinds"]
    if "authors" in case:
        assert list(cleaned.authors) == case["authors"]
    _assert_clean_shape(cleaned.text)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_is_idempotent(case: dict[str, Any]) -> None:
    once = clean_text(case["raw"], title=case.get("title"))
    twice = clean_text(once.text, title=case.get("title"))
    assert twice.text == once.text
    assert twice.removed == ()


# ---------------------------------------------------------------- small contracts


@pytest.mark.parametrize("raw", ["", " ", "\n\n\r\n", "\t \u00a0\n"])
def test_empty_input_gives_empty_text(raw: str) -> None:
    assert clean_text(raw) == CleanedText(text="", removed=(), authors=())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\r\nTwo.\rThree.", "One.\n\nTwo.\n\nThree."),
        ("One.\n\n\n\nTwo.", "One.\n\nTwo."),
        ("  Words \t  spaced\u00a0out.  ", "Words spaced out."),
        ("Zero\u200bwidth and soft\u00adhyphen.", "Zerowidth and softhyphen."),
        ("He spoke of the co-\noperation deal.", "He spoke of the co-operation deal."),
        ("Talks began in\nBenghazi today.", "Talks began in\n\nBenghazi today."),
    ],
)
def test_whitespace_and_line_joins(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


def test_title_only_cut_where_it_leads() -> None:
    raw = "Libya talks fail\n\nThe talks failed.\n\nLibya talks fail\n\nThey resume on Monday."
    cleaned = clean_text(raw, title="Libya Talks Fail")
    assert cleaned.text == "The talks failed.\n\nLibya talks fail\n\nThey resume on Monday."
    assert cleaned.removed == (Removed("other", "Libya talks fail"),)


def test_authors_are_not_duplicated_by_bio() -> None:
    raw = "By OMAR SALEH\n\nThe talks failed.\n\nOmar SalehCairo-based reporter for The Courier."
    cleaned = clean_text(raw)
    assert cleaned.authors == ("Omar Saleh",)
    assert [r.kind for r in cleaned.removed] == ["byline", "bio"]


def test_long_paragraph_loses_only_its_glued_credit() -> None:
    body = " ".join(["The militia fought for the port."] * 20)
    cleaned = clean_text(f"{body}REUTERS/Esam Omran Al-Fetori")
    assert cleaned.text == body
    assert cleaned.removed == (Removed("credit", "REUTERS/Esam Omran Al-Fetori"),)


def test_chrome_vocabulary_is_valid_data() -> None:
    source = resources.files("thucydides").joinpath("data", "chrome_lines.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "the file opens with its documented format"
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert len(patterns) > 50
    for pattern in patterns:
        re.compile(pattern.removeprefix("[list]").strip())


# ---------------------------------------------------------------- the sample article

SAMPLE_REMOVED = [
    ("byline", "By Helen Marsh"),
    ("caption", "Malian soldiers guard a checkpoint on the road between Gao and Kidal"),
    ("caption", "after an ambush last monthAMINATA COULIBALY/AFP VIA GETTY IMAGES"),
    ("caption", "Karim Bensalah, Algeria’s foreign minister, at a news conference in Algiers"),
    ("credit", "NADIA HAMMOUDI/AFP VIA GETTY IMAGES"),
    ("caption", "A woman waits for food aid at a distribution point in Gao"),
    ("bio", "Helen MarshDakar-based West Africa correspondent for The Meridian."),
    ("chrome", "Related Articles"),
    ("chrome", "Drone war spreads across the Sahel"),  # a related link's headline
    ("chrome", "Leave a Reply"),
]

SAMPLE_BODY = [
    "Turkey is preparing to supply armed drones to Mali’s military government, according to "
    "officials in Bamako.",
    "Colonel Abdoulaye Sangaré, 52, Mali’s defence minister, held talks last week in Ankara "
    "with Turkish officials and visited a factory where the drones are built.",
    # the paragraphs on either side of the first caption
    "Since January he has also met with the Russian and Chinese ambassadors to ask for "
    "weapons and training.",
    "The junta, which seized power in a coup in 2020, ordered French troops out of the "
    "country two years later",
    "“Our soldiers are brave, but they cannot fight an enemy they cannot see. With these "
    "drones the desert will no longer hide them,” Moussa Diallo, a senior adviser to the "
    "minister, said in Bamako.",
    "On Monday Algeria accused the Malian army of killing eleven civilians, among them three "
    "children, in a drone strike on a market near the border.",
    # opens like the caption above it, but is body
    "Karim Bensalah, Algeria’s foreign minister, called the attack “a crime against innocent "
    "people” and threatened to close the border with Mali.",
    "The rebels, who control much of the region around Kidal, said that if Turkey sent drones "
    "to Bamako, the war would spread deeper into the desert",
    "He said his fighters had ambushed a military convoy near Kidal on Sunday, killing four "
    "soldiers, and had captured two armoured vehicles.",
    # the last paragraph, before the bio and the chrome
    "France has called for a ceasefire, but Mali’s government has rejected any mediation by Paris.",
]

# Its opening quotation mark was lost in scraping.
SAMPLE_QUOTE = (
    "Colonel Sangaré told state television on Monday that Mali would not ask its neighbours "
    "for permission to defend itself.\n\n"
    "We do not need anyone’s permission to protect our people. The drones will be used "
    "against terrorists, and only against terrorists,” he said."
)


@pytest.fixture(scope="module")
def sample_raw() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample(sample_raw: str) -> CleanedText:
    return clean_text(sample_raw)


@pytest.mark.parametrize(("kind", "noise"), SAMPLE_REMOVED)
def test_sample_noise_is_removed_with_its_kind(sample: CleanedText, kind: str, noise: str) -> None:
    assert noise not in sample.text
    assert any(r.kind == kind and noise in r.text for r in sample.removed)


def test_sample_removes_nothing_else(sample: CleanedText) -> None:
    kinds = [r.kind for r in sample.removed]
    assert kinds == [
        "byline", "caption", "caption", "credit", "caption", "bio", "chrome", "chrome", "chrome"
    ]  # fmt: skip


@pytest.mark.parametrize("sentence", SAMPLE_BODY)
def test_sample_body_sentences_survive(sample: CleanedText, sentence: str) -> None:
    assert sentence in sample.text


def test_sample_quote_without_opening_mark_survives(sample: CleanedText) -> None:
    assert SAMPLE_QUOTE in sample.text
    assert "Malian soldiers guard" not in sample.text


def test_sample_authors(sample: CleanedText) -> None:
    assert sample.authors == ("Helen Marsh",)


def test_sample_paragraphs_are_verbatim(sample: CleanedText, sample_raw: str) -> None:
    # Nothing inserted or rewritten: every paragraph is a paragraph of the raw text.
    raw_paragraphs = {" ".join(p.split()) for p in sample_raw.split("\n\n")}
    paragraphs = sample.text.split("\n\n")
    assert len(paragraphs) == 12
    assert all(p in raw_paragraphs for p in paragraphs)
    _assert_clean_shape(sample.text)


def test_sample_is_idempotent(sample: CleanedText) -> None:
    again = clean_text(sample.text)
    assert again.text == sample.text
    assert again.removed == ()


# ---------------------------------------------------------------- a real newspaper page

NEWSPAPER_PAGE = SHARED / "samples" / "hiftar-russia.txt"


@pytest.mark.skipif(
    not NEWSPAPER_PAGE.is_file(),
    reason=f"{NEWSPAPER_PAGE} is absent: a scraped Times page, not ours to ship, kept beside "
    "the checkout in ../shared",
)
def test_a_scraped_newspaper_page() -> None:
    cleaned = clean_text(NEWSPAPER_PAGE.read_text(encoding="utf-8"))
    assert [r.kind for r in cleaned.removed] == [
        "byline", "caption", "caption", "bio", "chrome", "chrome"
    ]  # fmt: skip
    assert cleaned.authors == ("Bel Trew",)
    assert "GETTY IMAGES" not in cleaned.text and "Leave a Reply" not in cleaned.text
    # A quote whose opening mark was lost in scraping is body, kept verbatim. Found in the
    # page itself: its sentences are not ours to copy into the repository.
    lost_opening = [
        p
        for p in _raw_paragraphs(NEWSPAPER_PAGE.read_text(encoding="utf-8"))
        if p.endswith("” he said.") and "“" not in p
    ]
    assert lost_opening
    assert all(p in cleaned.text.split("\n\n") for p in lost_opening)
    assert len(cleaned.text.split("\n\n")) == 12


def _raw_paragraphs(raw: str) -> list[str]:
    return [" ".join(p.split()) for p in raw.split("\n\n") if p.strip()]


# ---------------------------------------------------------------- pages of any outlet

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "cleanup" / "pages"
PAGES = sorted(BENCHMARK.glob("*.txt"))


@pytest.mark.parametrize(
    ("raw", "kind", "cut", "kept"),
    [
        (
            "date 2024-05-02The minister said talks had failed.",
            "other",
            "date 2024-05-02",
            "The minister said talks had failed.",
        ),
        (
            "A+ A-The minister said talks had failed.",
            "chrome",
            "A+ A-",
            "The minister said talks had failed.",
        ),
        (
            "Share this ArticleThe minister said talks had failed.",
            "chrome",
            "Share this Article",
            "The minister said talks had failed.",
        ),
        (
            "Loading ...The minister said talks had failed.",
            "chrome",
            "Loading ...",
            "The minister said talks had failed.",
        ),
        (
            "(CNN)Washington officials said talks had failed.",
            "dateline",
            "(CNN)",
            "Washington officials said talks had failed.",
        ),
    ],
)
def test_noise_glued_to_the_first_word_is_split_off(
    raw: str, kind: str, cut: str, kept: str
) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == kept
    assert Removed(kind, cut) in cleaned.removed


def test_a_sentence_ending_with_a_wire_sign_off_keeps_the_sentence() -> None:
    raw = (
        "The junta suspended all political parties on Wednesday.\n\n"
        '"We are not going back," said a student, who gave only her first name. — AFP'
    )
    cleaned = clean_text(raw)
    assert cleaned.text.endswith("who gave only her first name.")
    assert cleaned.removed == (Removed("other", "— AFP"),)


def test_a_comment_section_is_cut_to_the_end() -> None:
    raw = (
        "The vice president was killed when his plane crashed in bad weather on Monday.\n\n"
        "The president declared 21 days of national mourning.\n\n"
        "2 thoughts on “Vice president killed in plane crash”\n\n"
        "Such a sad day for our nation. Rest in peace.\n\n"
        "The government must explain why the plane was allowed to fly."
    )
    cleaned = clean_text(raw)
    assert cleaned.text.endswith("national mourning.")
    assert [r.kind for r in cleaned.removed] == ["chrome", "chrome", "chrome"]


def test_furniture_before_the_story_and_headlines_after_it_are_cut() -> None:
    raw = (
        "World\n\nAfrica\n\nSudan's army retakes river crossing near Omdurman\n\n"
        "Jenna Morales\n\n"
        "The army said on Saturday it had retaken a ferry crossing on the Nile after three days "
        "of fighting.\n\nHe denied it.\n\nChad closes border crossing after refugee surge"
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Sudan's army retakes river crossing near Omdurman",
        "The army said on Saturday it had retaken a ferry crossing on the Nile after three days "
        "of fighting.",
        "He denied it.",
    ]
    assert [r.text for r in cleaned.removed] == [
        "World",
        "Africa",
        "Jenna Morales",
        "Chad closes border crossing after refugee surge",
    ]


def test_a_dateline_is_cut_and_read() -> None:
    cleaned = clean_text(
        "Georgia protest\n\nTBILISI, Georgia, May 12, 2024 (AFP) -- Tens of thousands of people "
        "marched through the capital on Sunday against the bill."
    )
    assert cleaned.text.split("\n\n")[1].startswith("Tens of thousands")
    assert cleaned.dateline == Dateline(
        text="TBILISI, Georgia, May 12, 2024 (AFP) --",
        place="Tbilisi, Georgia",
        date="May 12, 2024",
        resolved="2024-05-12",
        agency="AFP",
    )
    assert cleaned.printed_date == ("2024-05-12", "TBILISI, Georgia, May 12, 2024 (AFP) --")


def test_the_first_complete_date_printed_on_the_page_is_kept_with_its_line() -> None:
    cleaned = clean_text(
        "Updated: 16 min ago\n\nPublished: 14:02 BST, 3 June 2024\n\n"
        "The navy seized a speedboat carrying two tonnes of cocaine on Monday, officials said."
    )
    assert cleaned.printed_date == ("2024-06-03", "Published: 14:02 BST, 3 June 2024")
    assert clean_text("The navy seized a boat on 3 June 2024, officials said.").printed_date is None


def test_a_listing_page_counts_its_stories_and_an_article_none() -> None:
    listing = "\n\n".join(
        [
            "Latest News",
            "Ukraine says it shot down 40 drones overnight",
            "Ukraine's air force said it had destroyed 40 of 47 drones launched by Russia.",
            "Zimbabwe launches new gold-backed currency",
            "The new currency replaces the Zimbabwe dollar and is backed by gold.",
            "Japan's ruling party picks new leader",
            "Shigeru Ishiba won a runoff vote on Friday and will become prime minister.",
        ]
    )
    assert clean_text(listing).stories == 3
    assert clean_text(SAMPLE_ARTICLE.read_text(encoding="utf-8")).stories == 0


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_benchmark_page_cleans_idempotently(page: Path) -> None:
    raw = re.sub(r"\{\{[a-z]+\|(.*?)\}\}", r"\1", page.read_text(encoding="utf-8"))
    raw = "\n".join(line.partition("| ")[2] for line in raw.splitlines()[1:])
    once = clean_text(raw)
    twice = clean_text(once.text)
    assert twice.text == once.text
    assert twice.removed == ()
    _assert_clean_shape(once.text)


def test_a_date_below_the_story_is_not_its_publication_date() -> None:
    cleaned = clean_text(
        "The vice president was killed when his plane crashed in bad weather on Monday.\n\n"
        "The president declared 21 days of national mourning.\n\n"
        "2 thoughts on “Vice president killed”\n\n"
        "Tamara K says: June 11, 2024 at 4:12 pm"
    )
    assert cleaned.printed_date is None


def test_the_page_noise_benchmark_holds_its_floors() -> None:
    """The issue's bar on our own pages: 95% of noise removed, 99.5% of body sentences kept,
    every listing page refused and no article refused, on the tune and held splits. A fresh
    batch is a first-contact measure, scored before anything is tuned on it: its noise
    removed is reported, not gated, but its body is kept and no article of it is refused."""
    from benchmarks.cleanup import run

    tallies, _ = run("all")
    for split, tally in tallies.items():
        removed = sum(c[0] for c in tally.noise.values())
        noise = sum(c[1] for c in tally.noise.values())
        assert tally.body[0] >= 0.995 * tally.body[1], f"{split}: body kept {tally.body}"
        assert not tally.wrongly_refused, tally.wrongly_refused
        assert tally.listing[0] == tally.listing[1], f"{split}: listings {tally.listing}"
        if split.startswith("fresh"):
            continue
        assert removed >= 0.95 * noise, f"{split}: {removed}/{noise} noise items removed"
        assert tally.listing[1] > 0, f"{split}: no listing page"


def test_a_tail_head_inside_the_story_cuts_nothing() -> None:
    paragraph = (
        "The group's fighters have been seen in Mali, Libya and the Central African Republic "
        "since 2017, guarding mines and presidents, and their commanders answer to Moscow, "
        "according to officials in three countries who spoke on condition of anonymity."
    )
    raw = f"{paragraph}\n\nAbout Wagner Group\n\n{paragraph}\n\n{paragraph}"
    assert clean_text(raw).text == raw
    assert clean_text(raw).removed == ()


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Reem Al Hashimi · 3 days ago", ("Reem Al Hashimi",)),
        ("Posted by Chanda Mwila | March 1, 2024", ("Chanda Mwila",)),
        ("Author Lena Vogt (with Reuters, dpa)", ("Lena Vogt",)),
        ("Jan de Wit in The Hague", ("Jan de Wit",)),
        ("By Valley Post Wire · 3 days ago", ()),  # a wire, not a person
        ("Posted on July 26, 2024 by admin", ()),
    ],
)
def test_a_byline_of_the_page_noise_rules_gives_its_authors(
    byline: str, authors: tuple[str, ...]
) -> None:
    cleaned = clean_text(f"{byline}\n\nThe talks failed on Monday, officials said.")
    assert cleaned.removed == (Removed("byline", byline),)
    assert cleaned.authors == authors


def test_a_caption_above_a_dateline_story_is_cut() -> None:
    raw = (
        "Two dead after fire in Hampton; cause under investigation\n"
        "Firefighters at the scene on Mercury Boulevard early Friday.\n"
        "Credit: Tidewater 7 News\n"
        "HAMPTON, Va. (WTDW) -- Two people died in a fire early Friday, officials said.\n"
        "Crews arrived at 3:20 a.m. to find flames on the third floor."
    )
    cleaned = clean_text(raw)
    assert "Firefighters at the scene" not in cleaned.text
    assert cleaned.text.startswith("Two dead after fire in Hampton")
    assert "Two people died in a fire early Friday, officials said." in cleaned.text
    assert cleaned.dateline is not None


def test_short_paragraphs_above_a_later_dateline_are_kept_without_furniture_between() -> None:
    raw = (
        "He denied it.\n\n"
        "TRIPOLI, Libya (AP) — Militias clashed in the capital overnight, residents said."
    )
    assert clean_text(raw).text.startswith("He denied it.")


def test_a_bio_is_found_behind_trailing_furniture() -> None:
    body = "Heating prices rose 40 percent after the contract expired, and pensioners feel it."
    raw = (
        f"{body}\n\n{body}\n\n"
        "Petra Lindqvist is a contributing writer at The Atlas Review.\n\n"
        "Join the conversation (42)"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == f"{body}\n\n{body}"
    assert ("bio", "Petra Lindqvist is a contributing writer at The Atlas Review.") in [
        (r.kind, r.text) for r in cleaned.removed
    ]


def test_a_running_head_cut_above_the_story_is_cut_where_the_story_jumps() -> None:
    raw = "\n\n".join(
        [
            "THE PLAINS SENTINEL · SATURDAY, MAY 4, 2024 · A3",
            "Canada to buy 12 submarines in its largest navy deal in decades",
            "Canada will buy up to 12 submarines to patrol its Arctic waters, the defence "
            "minister said on Friday.",
            "The first boats would not arrive before the mid-2030s.",
            "THE PLAINS SENTINEL · SATURDAY, MAY 4, 2024 · A6",
            "Analysts have put the cost at more than $100 billion over the fleet's lifetime.",
        ]
    )
    cleaned = clean_text(raw)
    assert "SENTINEL" not in cleaned.text
    assert cleaned.text.endswith("over the fleet's lifetime.")
    assert [r.text for r in cleaned.removed].count(
        "THE PLAINS SENTINEL · SATURDAY, MAY 4, 2024 · A6"
    ) == 1


def test_furniture_between_two_cuts_is_cut_and_a_subhead_between_paragraphs_kept() -> None:
    raw = "\n\n".join(
        [
            "Floods cut off Garissa",
            "by SHARON WANJIRU",
            "Correspondent",
            "05 December 2024 - 16:40",
            "Floods have cut off Garissa town after the Tana River burst its banks.",
            "Rescue",
            "The Red Cross said it had rescued 120 people trapped on rooftops.",
        ]
    )
    cleaned = clean_text(raw)
    assert "Correspondent" not in cleaned.text.split("\n\n")
    assert "Rescue" in cleaned.text.split("\n\n")


def test_a_pictures_text_printed_twice_goes_with_its_caption() -> None:
    caption = "Firefighters work near a burning field outside the town."
    raw = "\n".join(
        [
            caption,
            f"{caption} Photograph: Carlos Mendez/AFP/Getty Images",
            "",
            "Bolivia declared a national emergency on Wednesday as wildfires spread into a "
            "forest reserve.",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.startswith("Bolivia declared")
    assert [r.kind for r in cleaned.removed] == ["caption", "caption"]


STORY = [
    "Hospitals in the city declared a critical incident on Monday after a rise in flu cases.",
    "The trust said 140 patients were being treated for flu, three times last month's number.",
    "Planned operations that are not urgent have been postponed for a week.",
]


def test_notices_that_speak_to_the_reader_are_cut_at_the_edges_and_next_to_cuts() -> None:
    raw = "\n\n".join(
        [
            STORY[0],
            "Sign up",
            "Thank you for subscribing!",
            "Show me",
            "We use your sign-up to send you the news you asked for.",
            *STORY[1:],
            "If you see a spelling error on our site, select it and press Ctrl+Enter.",
            "Comments are closed on this story.",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY


def test_a_sentence_of_the_story_that_speaks_to_the_reader_is_kept() -> None:
    inside = "If you are ill, stay at home and call the helpline first."
    quoted = "“If you see smoke, leave the building,” the fire chief said."
    raw = "\n\n".join([STORY[0], inside, STORY[1], "Advertisement", quoted, STORY[2]])
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [STORY[0], inside, STORY[1], quoted, STORY[2]]


def test_short_slogans_above_the_title_are_not_the_story() -> None:
    raw = "\n\n".join(
        [
            "Over 100 premium titles.",
            "One app.",
            "Start reading",
            "Hospitals declare critical incident as flu cases climb",
            *STORY,
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Hospitals declare critical incident as flu cases climb",
        *STORY,
    ]


def test_a_source_line_under_the_title_does_not_make_it_a_caption() -> None:
    raw = "\n".join(["Oman mediates new round of Iran talks in Muscat", "Source: Agencies", ""])
    cleaned = clean_text(raw + "\n" + "\n\n".join(STORY))
    assert cleaned.text.startswith("Oman mediates new round of Iran talks in Muscat\n\n")
    assert Removed("credit", "Source: Agencies") in cleaned.removed


def test_a_header_image_line_is_a_caption() -> None:
    raw = "Header image: Traders wait outside a closed market. — Reuters\n\n" + "\n\n".join(STORY)
    cleaned = clean_text(raw)
    assert cleaned.text == "\n\n".join(STORY)
    assert cleaned.removed[0].kind == "caption"


def test_a_name_and_an_outlet_after_a_sentence_are_a_photo_credit() -> None:
    caption = "The finance minister arrives on Parliament Hill on Monday."
    raw = f"{caption} Adrian Wyld/The Northern Press\n\n" + "\n\n".join(STORY)
    cleaned = clean_text(raw)
    assert cleaned.text == "\n\n".join(STORY)
    assert cleaned.removed[0].kind == "caption"
    # Without a sentence's end before it, a "/" is only a credit with a known agency.
    assert clean_text("Talks on Israel/Palestine").text == "Talks on Israel/Palestine"


def test_a_short_sentence_over_a_photo_credit_at_the_top_is_a_caption() -> None:
    raw = "\n".join(
        [
            "Poland to build fence along border with Kaliningrad",
            "Interior Minister Tomasz Nowicki at a press conference in Warsaw.",
            "Photo: PAP/Leszek Nowak",
            *STORY,
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Poland to build fence along border with Kaliningrad",
        *STORY,
    ]
    assert cleaned.removed[0] == Removed(
        "caption", "Interior Minister Tomasz Nowicki at a press conference in Warsaw."
    )


def test_a_related_link_after_a_bar_is_cut() -> None:
    raw = "\n\n".join(
        [STORY[0], "Also Read | Airport suspends flights as rain lashes city", STORY[1]]
    )
    assert clean_text(raw).text == "\n\n".join(STORY[:2])


def test_a_text_of_one_paragraph_that_speaks_to_the_reader_is_kept() -> None:
    text = "Your vote matters more than ever in this election, the poster read."
    assert clean_text(text).text == text
    assert clean_text("Advertisement\n\n" + text).text == text


def test_the_fields_of_a_crawl_record_are_not_joined_into_one_line() -> None:
    raw = "\n".join(
        [
            "title: Kenya's parliament approves new finance bill",
            "url: https://news.example.org/kenya-finance?utm_source=rss",
            "fetched: 2026-12-05T10:22:01Z",
            "lang: en",
            *STORY,
        ]
    )
    cleaned = clean_text(raw)
    # The record's fields go, its title with them (a crawler's copy of the headline).
    assert cleaned.text.split("\n\n") == STORY
    removed = {r.text for r in cleaned.removed}
    assert {"lang: en", "title: Kenya's parliament approves new finance bill"} <= removed


def test_a_sentence_with_a_sign_off_after_a_related_link_is_kept() -> None:
    last = "The sector faces a shortage of 570,000 workers by 2040, according to an estimate."
    raw = "\n\n".join(
        [
            *STORY[:2],
            "[Related] Foreign workers in Japan hit record 2.3 million",
            f"{last} — Jiji Press",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [*STORY[:2], last]
    assert [r.text for r in cleaned.removed] == [
        "[Related] Foreign workers in Japan hit record 2.3 million",
        "— Jiji Press",
    ]


def test_a_name_and_title_over_a_photo_credit_is_a_portraits_caption() -> None:
    raw = "\n".join(
        [
            *STORY[:2],
            "Estonian Foreign Minister Margus Tamm.",
            "(Photo: Baltic Morning / Liis Kask)",
            STORY[2],
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    assert [r.kind for r in cleaned.removed] == ["caption", "credit"]


# ---------------------------------------------------------------- issue 14, fresh batch 10


def test_a_block_of_summary_bullets_under_its_head_is_cut() -> None:
    bullets = [
        "• The curfew runs from 8pm to 6am in three districts",
        "• Schools will stay shut until Friday",
    ]
    raw = "\n".join(["Key points:", *bullets, *STORY])
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    assert [r.text for r in cleaned.removed] == ["Key points:", *bullets]
    assert {r.kind for r in cleaned.removed} == {"other"}


def test_bullets_without_a_summary_head_and_a_page_that_is_only_a_summary_are_kept() -> None:
    # A list inside the story is the story's own: no head says it sums the story up.
    listed = ["- A curfew from 8pm in three districts.", "- Schools shut until Friday."]
    raw = "\n".join([STORY[0], "The measures include:", *listed, STORY[1]])
    assert clean_text(raw).text.split("\n\n") == [
        STORY[0],
        "The measures include:",
        *listed,
        STORY[1],
    ]
    # A page that is only a summary keeps it: it is all the text there is.
    only = ["• Hospitals declared a critical incident on Monday after a rise in flu cases."]
    assert clean_text("\n".join(["In Summary", *only])).text.endswith(only[0])


def test_video_player_labels_between_an_ad_and_the_story_are_cut() -> None:
    raw = "\n".join(
        [STORY[0], "Advertisement", "Skip Ad", STORY[1], "Duration: 1 minute 48 seconds", STORY[2]]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    assert {"Skip Ad", "Duration: 1 minute 48 seconds"} <= {r.text for r in cleaned.removed}


def test_the_fields_of_a_crawl_record_go_with_its_title_and_empty_text_field() -> None:
    fields = [
        "title: Flu cases force hospitals to declare a critical incident",
        "image: https://cdn.example.net/img/flu-ward_1200x675.jpg?w=1200",
        "text:",
    ]
    cleaned = clean_text("\n".join([*fields, *STORY, "word_count: 48"]))
    assert cleaned.text.split("\n\n") == STORY
    assert {*fields, "word_count: 48"} <= {r.text for r in cleaned.removed}
    # One line of the story that opens with a lower-case word and a colon is no record.
    one = f"{STORY[0]}\nnote: the figures exclude private clinics.\n{STORY[1]}"
    assert "note: the figures exclude private clinics." in clean_text(one).text


def test_a_caption_in_mid_story_on_a_page_without_blank_lines_goes_with_its_credit() -> None:
    raw = "\n".join(
        [
            *STORY[:2],
            "Nurses wait outside the emergency department of the city hospital.",
            "Photograph: Dana Whitlock",
            STORY[2],
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    assert [r.kind for r in cleaned.removed] == ["caption", "credit"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The trust postponed operations at both of its hospitals.",  # a past tense
        "It bars visitors from the wards for a week.",  # a pronoun goes back to the story
        'Staff "cannot cope" with the numbers in the wards.',  # a quote
    ],
)
def test_a_sentence_of_the_story_over_a_credit_on_a_page_without_blank_lines_is_kept(
    sentence: str,
) -> None:
    raw = "\n".join([*STORY[:2], sentence, "Photograph: Dana Whitlock", STORY[2]])
    assert clean_text(raw).text.split("\n\n") == [*STORY[:2], sentence, STORY[2]]


def test_the_last_sentence_over_a_credit_is_kept_when_the_story_does_not_go_on() -> None:
    last = "Visitors face a ban from the wards for a week."
    raw = "\n".join([*STORY, last, "Photo: City Hospital press office"])
    assert clean_text(raw).text.split("\n\n") == [*STORY, last]


def test_a_photo_courtesy_line_is_a_credit_and_its_caption_goes_with_it() -> None:
    caption = "Patients wait in a corridor of the city hospital. Photo courtesy of CITYNEWS."
    cleaned = clean_text("\n\n".join([STORY[0], caption, *STORY[1:]]))
    assert cleaned.text.split("\n\n") == STORY
    assert cleaned.removed[0] == Removed("caption", caption)


@pytest.mark.parametrize(
    "line",
    [
        "Read moreFlu vaccine stocks run low in rural clinics",
        "The council has approved a levy on buses, a move unions say will… Read More",
        "date 2026-12-05 Chinedu Okafor",
        "This event has now ended",
        "— NNN-BERNAMA",
        "This content was translated automatically from Turkish.",
        "— City Police (@CityPolice) December 5, 2026",
        "Officers are at the scene. Please avoid the area. pic.twitter.com/Xk2PqR7tLm",
        "— Paolo Reyes/KBT, Kapuluan News",
        "Watch the full report above",
        "By Harbour Newsroom with agencies",
        "Advertisement - Scroll to continue",
        "Tap to unmute",
    ],
)
def test_page_lines_around_the_story_go_whole(line: str) -> None:
    cleaned = clean_text("\n".join([STORY[0], line, *STORY[1:]]))
    assert cleaned.text.split("\n\n") == STORY
    assert [r.text for r in cleaned.removed] == [line]


# Issue 14, batch 12: live pages, reporters' sign-offs, teasers after a sign-off, captions
# without a credit, forum threads, reprinted academic articles (our own test texts).


def test_a_live_pages_entry_titles_and_authors_are_cut() -> None:
    raw = "\n".join(
        [
            "Harbour strike: live updates",
            "2 hours ago",
            "Union calls off Monday walkout",
            "The dockworkers' union said it had called off a strike planned for Monday.",
            "Talks with the port authority will resume on Tuesday.",
            "Ines Albrecht",
            "3 hours ago",
            "Ferries cancelled across the bay",
            "The ferry operator cancelled all sailings across the bay until further notice.",
            "Ines Albrecht",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Harbour strike: live updates",
        "The dockworkers' union said it had called off a strike planned for Monday.",
        "Talks with the port authority will resume on Tuesday.",
        "The ferry operator cancelled all sailings across the bay until further notice.",
    ]
    assert Removed("other", "Union calls off Monday walkout") in cleaned.removed
    assert Removed("other", "Ferries cancelled across the bay") in cleaned.removed
    assert Removed("byline", "Ines Albrecht") in cleaned.removed  # the first entry's
    assert "Ines Albrecht" in cleaned.authors


def test_a_subhead_under_one_time_stamp_stays() -> None:
    raw = "\n".join([STORY[0], "Updated 10:42 GMT", "Wards closed", *STORY[1:]])
    assert "Wards closed" in clean_text(raw).text.split("\n\n")


def test_the_bylines_author_signing_off_the_story_is_cut_and_an_epigraph_stays() -> None:
    raw = "\n".join(["By Marisol T. Reyes", *STORY[:2], STORY[2] + " — Marisol T. Reyes"])
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    assert Removed("other", "— Marisol T. Reyes") in cleaned.removed
    epigraph = '"We will not give up the port." — Mayor Tomas Ilagan'
    kept = clean_text("\n".join(["By Marisol T. Reyes", epigraph, *STORY]))
    assert epigraph in kept.text


def test_a_teaser_with_its_own_dateline_after_the_sign_off_is_cut() -> None:
    teaser = "PORT TOWN, — The council will rebuild the ferry pier next year, the mayor said."
    raw = "\n".join([*STORY, "— NNN-BERNAMA", teaser])
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    assert [r.text for r in cleaned.removed] == ["— NNN-BERNAMA", teaser]


def test_a_paragraph_with_a_dateline_inside_a_story_without_a_sign_off_stays() -> None:
    second = "GENEVA — Aid agencies said on Monday they would send more doctors to the city."
    assert second in clean_text("\n".join([*STORY, second])).text


def test_a_caption_in_mid_story_without_a_credit_is_cut_by_its_scene() -> None:
    caption = "Nurses wait outside the emergency ward of the city hospital on Monday."
    cleaned = clean_text("\n".join([*STORY[:2], caption, STORY[2]]))
    assert cleaned.text.split("\n\n") == STORY
    assert cleaned.removed == (Removed("caption", caption),)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials blame the cold weather and low vaccination rates.",  # no scene verb
        "Protesters follow the march to the square.",  # "march" is a noun here
        "Nurses stood outside the emergency ward of the city hospital on Monday.",  # a past
        "They wait outside the emergency ward of the city hospital.",  # a pronoun
    ],
)
def test_a_sentence_of_the_story_in_the_present_is_kept(sentence: str) -> None:
    raw = "\n".join([*STORY[:2], sentence, STORY[2]])
    assert clean_text(raw).text.split("\n\n") == [*STORY[:2], sentence, STORY[2]]


def test_a_forum_threads_replies_counter_and_post_byline_are_cut() -> None:
    raw = "\n".join(
        [
            "Harbour Board / News / Ferry Strike Called Off",
            "Ferry Strike Called Off (2,310 Views)",
            "Posted by seaman22: 9:14am On Dec 05",
            *STORY,
            "Re: Ferry Strike Called Off by portwatcher: 9:31am On Dec 05",
            "About time they settled this.",
            "3 Likes",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == STORY
    kinds = {r.text: r.kind for r in cleaned.removed}
    assert kinds["Posted by seaman22: 9:14am On Dec 05"] == "byline"
    assert kinds["About time they settled this."] == "chrome"


def test_a_reprinted_academic_articles_disclosure_and_byline_are_cut() -> None:
    raw = "\n".join(
        [
            "Why the flu season came early",
            "Amara Obi, Senior Lecturer in Public Health, University of Calabar",
            "Disclosure statement",
            "Amara Obi is a member of the national vaccine advisory group.",
            "Partners",
            *STORY,
            "This article is republished from Campus Notes under a Creative Commons license.",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == ["Why the flu season came early", *STORY]
    kinds = {r.text: r.kind for r in cleaned.removed}
    assert kinds["Amara Obi, Senior Lecturer in Public Health, University of Calabar"] == "byline"
    assert kinds["Amara Obi is a member of the national vaccine advisory group."] == "bio"
