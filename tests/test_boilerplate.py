"""Tests for ``thucydides.read.boilerplate``: the lines one site's pages in a batch share."""

from __future__ import annotations

import pytest

from thucydides.config import Options
from thucydides.pipeline import Prepared, prepare, prepare_batch
from thucydides.read.boilerplate import line_key, repeated_lines, site_memory, site_of
from thucydides.read.cleanup import clean_text
from thucydides.records import RawArticle

NOTICE = (
    "Sign up\n\nThank you for subscribing!\n\nMorning headlines at seven, every day.\n\n"
    "We use your sign-up to send you news you asked for. You can unsubscribe at any time."
)
APP = "Your news in one place.\n\nOne app for every title.\n\nStart reading"


def _page(title: str, body: list[str], *, head: str = APP, mid: str = NOTICE) -> str:
    return "\n\n".join([head, title, body[0], mid, *body[1:], "Comments (3)"])


PAGE_1 = _page(
    "Dam operator pays farmers for flooded fields",
    [
        "The company that runs the Kessler dam agreed on Tuesday to pay 46 farmers whose "
        "fields flooded in September.",
        "The settlement covers lost crops and damaged equipment.",
        "Farmers had accused the operator of opening the spillway without warning.",
    ],
)
PAGE_2 = _page(
    "School board votes to close two rural schools",
    [
        "The county school board voted 5 to 2 on Thursday to close the schools in Alder Creek "
        "and Pine Hollow.",
        "About 80 pupils will move to the larger school in Marlow.",
        "The board said falling enrolment left it no choice.",
    ],
)


def test_a_line_key_folds_case_spacing_and_numbers() -> None:
    assert line_key("Comments  (14)") == line_key("comments (5)")
    assert line_key("Published in X, December 3rd, 2026") == line_key(
        "Published in X, December 15th, 2027"
    )
    assert line_key("Share") != line_key("Share this")


def test_lines_on_two_pages_of_a_site_are_repeated_and_a_page_alone_has_none() -> None:
    keys = repeated_lines([PAGE_1, PAGE_2])
    assert line_key("Thank you for subscribing!") in keys
    assert line_key("Comments (3)") in keys
    assert line_key("The settlement covers lost crops and damaged equipment.") not in keys
    assert repeated_lines([PAGE_1]) == frozenset()


def test_a_sites_notices_are_cut_and_the_story_is_kept() -> None:
    cleaned = clean_text(PAGE_1, repeated=repeated_lines([PAGE_1, PAGE_2]))
    assert cleaned.text.split("\n\n") == [
        "Dam operator pays farmers for flooded fields",
        "The company that runs the Kessler dam agreed on Tuesday to pay 46 farmers whose "
        "fields flooded in September.",
        "The settlement covers lost crops and damaged equipment.",
        "Farmers had accused the operator of opening the spillway without warning.",
    ]
    assert {"Morning headlines at seven, every day.", "Thank you for subscribing!"} <= {
        r.text for r in cleaned.removed if r.kind == "chrome"
    }


def test_a_background_sentence_repeated_alone_in_a_story_is_kept() -> None:
    background = "The war began in February 2022 and has killed thousands of civilians."
    pages = [
        f"Talks resume in Geneva on Monday, officials said.\n\n{background}\n\n"
        "Both sides sent delegations to the city.",
        f"Drone strikes hit the port of Odesa overnight, the navy said.\n\n{background}\n\n"
        "Two ships were damaged in the attack.",
    ]
    repeated = repeated_lines(pages)
    assert line_key(background) in repeated
    assert background in clean_text(pages[0], repeated=repeated).text


def test_a_second_copy_of_a_story_keeps_its_body() -> None:
    story = (
        "Talks resume in Geneva on Monday, officials said.\n\n"
        "Both sides sent delegations to the city.\n\nThe last round failed in May."
    )
    pages = [f"Talks resume\n\n{story}", f"Talks resume in Geneva (updated)\n\n{story}"]
    cleaned = clean_text(pages[1], repeated=repeated_lines(pages))
    assert cleaned.text.endswith(story)


@pytest.mark.parametrize(
    ("raw", "site"),
    [
        (RawArticle(origin="a", text="x", publisher=" Tyneside Gazette "), "tyneside gazette"),
        (RawArticle(origin="a", text="x", url="https://www.example.org/news/1"), "example.org"),
        (RawArticle(origin="a", text="x"), None),
    ],
)
def test_the_site_of_an_input_is_its_publisher_or_its_host(
    raw: RawArticle, site: str | None
) -> None:
    assert site_of(raw) == site


def test_a_batch_reads_a_sites_pages_together_and_a_page_alone_as_before() -> None:
    raws = [
        RawArticle(origin="1.txt", text=PAGE_1, url="https://gazette.example/a"),
        RawArticle(origin="2.txt", text=PAGE_2, url="https://gazette.example/b"),
        RawArticle(origin="3.txt", text=PAGE_1, url="https://other.example/a"),
    ]
    assert set(site_memory(raws)) == {"gazette.example"}
    [together], _, [alone] = prepare_batch(raws, Options())
    assert isinstance(together, Prepared) and isinstance(alone, Prepared)
    # A notice that neither speaks to the reader nor touches a cut is known only as
    # something the site's other pages carry too.
    assert "Morning headlines at seven, every day." not in together.cleaned.text
    assert "Morning headlines at seven, every day." in alone.cleaned.text
    single = prepare(raws[0], Options())
    assert isinstance(single, Prepared)
    assert single.cleaned == alone.cleaned
