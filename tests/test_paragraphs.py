"""Tests for ``thucydides.read.paragraphs``: prose, headlines and furniture; listing pages."""

from __future__ import annotations

import pytest

from thucydides.read.paragraphs import classify, stop_density, story_runs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army said on Saturday it had retaken the crossing after three days of fighting.",
            "prose",
        ),
        ("He denied it.", "prose"),
        ("Rwanda denies supporting M23.", "prose"),
        ("The strike was confirmed by the Associated Press", "prose"),  # lost its full stop
        ("Chad closes border crossing after refugee surge", "headline"),
        ("Talks on Israel/Palestine", "headline"),
        ("NATO SUMMIT OPENS IN VILNIUS", "headline"),
        ("World", "furniture"),
        ("TOP STORIES", "furniture"),
        ("Deccan Line Web Desk", "furniture"),
        ("Jenna Morales", "furniture"),
        ('"No."', "furniture"),  # too short to tell: the position decides
    ],
)
def test_classify(text: str, expected: str) -> None:
    assert classify(text) == expected


def test_stop_density() -> None:
    assert stop_density("") == 0.0
    assert stop_density("Kenya Mali Sudan") == 0.0
    assert stop_density("it is the one") == 1.0


LISTING = [
    "Ukraine says it shot down 40 drones overnight",
    "The air force said it destroyed 40 of 47 drones launched by Russia.",
    "Zimbabwe launches new gold-backed currency",
    "The new currency replaces the Zimbabwe dollar.",
    "Japan's ruling party picks new leader",
    "Shigeru Ishiba won a runoff vote on Friday.",
]
ARTICLE_WITH_SUBHEADS = [
    "Budget passes after a long night",
    "Parliament approved the budget by 201 votes to 187 on Thursday.",
    "The vote followed twelve hours of debate.",
    "What it means for taxes",
    "The top rate of income tax rises by two points.",
    "A freeze on fuel duty stays until April.",
    "Opposition reaction",
    "The opposition leader said the plan would hurt working families.",
]


@pytest.mark.parametrize(
    ("texts", "stories"),
    [
        (LISTING, 3),
        (
            [t for t in LISTING if not t.endswith(".")]
            + ["Canada expels diplomats", "Floods hit Brazil"],
            5,
        ),
        (ARTICLE_WITH_SUBHEADS, 0),  # prose runs on under a headline: an article
        (LISTING[:4], 0),  # two stories are no listing
        (["Floods hit Brazil", "Canada expels diplomats", "Japan picks leader"], 0),  # too few
        ([*LISTING, " ".join(["A long paragraph of the story with many words."] * 8)], 0),
    ],
)
def test_story_runs(texts: list[str], stories: int) -> None:
    assert story_runs(texts) == stories
