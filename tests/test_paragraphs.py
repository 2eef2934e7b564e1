"""Tests for ``thucydides.read.paragraphs``: prose, headlines and furniture; listing pages."""

from __future__ import annotations

import pytest

from thucydides.read.paragraphs import (
    classify,
    has_tense,
    sentence_count,
    stop_density,
    story_blocks,
    story_runs,
)


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


def test_story_blocks_are_each_headline_with_its_teaser() -> None:
    texts = [
        "Latest",
        "Mali junta extends transition by five years",
        "Mali's military government gave its leader a new term on Tuesday. Parties objected.",
        "2 hours ago",
        "Niger expels uranium company's local director",
        "Niger ordered the head of the miner's local unit to leave within 72 hours.",
        "Chad holds elections boycotted by the opposition",
        "Voters chose a new parliament on Sunday in a poll the opposition refused to join.",
    ]
    assert story_blocks(texts) == [(1, 2), (4, 5), (6, 7)]
    assert story_runs(texts) == 3


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("Niger ordered the director to leave.", 1),
        ("Talks failed. “We will return,” he said. Will they?", 3),
        ("The U.S. envoy met the minister.", 1),
    ],
)
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("Waves break over the sea wall at Salthill this morning.", False),
        ("A patrol boat of the coast guard off Honiara.", False),
        ("The minister said talks had failed.", True),
        ("Both sides agreed to a ceasefire.", True),
        ("The quake struck near the coast.", True),
        ("Nobody will be charged.", True),
        ("They didn't leave.", True),
    ],
)
def test_has_tense(text: str, tense: bool) -> None:
    assert has_tense(text) is tense
