"""The pipeline codes raw articles into valid records and rejects what it cannot code."""

from __future__ import annotations

import pytest

from tests.conftest import LISTED_STORIES, LISTING_OF_STORIES, SAMPLE_ARTICLE, SAMPLE_PUBLISHED
from thucydides.config import Options
from thucydides.pipeline import Prepared, code_articles, content_id, prepare, prepare_batch
from thucydides.records import ArticleRecord, RawArticle, Rejected
from thucydides.schema import validate_record

BODY = (
    "Russia will supply weapons to a Libyan general who is waging war on the government in "
    "Tripoli, the strongman's advisers say. The general met the Russian defence minister "
    "last week."
)
FRENCH = (
    "Moscou compte livrer des armes à un général libyen en guerre contre le gouvernement "
    "de Tripoli, affirment ses conseillers."
)


@pytest.fixture(scope="module")
def coded(parser) -> list[ArticleRecord | Rejected]:
    items = [
        RawArticle(origin="good.txt", text="By Jane Doe\n\n" + BODY, path="good.txt"),
        RawArticle(origin="french.txt", text=FRENCH),
        RawArticle(origin="chrome.txt", text="Related Articles\n\nLeave a Reply"),
        Rejected(origin="missing.txt", code="T001", reason="no such file"),
        RawArticle(origin="feed.jsonl:3", text=BODY, id="story-3", published="2017-01-18"),
    ]
    return list(code_articles(items, Options(), parser))


def test_one_output_per_input_in_order(coded) -> None:
    kinds = [type(c).__name__ for c in coded]
    assert kinds == ["ArticleRecord", "Rejected", "Rejected", "Rejected", "ArticleRecord"]


def test_records_keep_the_contract(coded) -> None:
    for record in coded:
        if isinstance(record, ArticleRecord):
            validate_record(record.as_dict())


def test_byline_goes_to_authors_and_removed(coded) -> None:
    record = coded[0]
    assert record.source.authors == ("Jane Doe",)
    assert record.text.startswith("Russia will supply weapons")
    assert [r.kind for r in record.removed] == ["byline"]
    assert record.source.published is None  # never guessed


def test_non_english_and_empty_are_rejected_with_reasons(coded) -> None:
    assert coded[1].code == "T007" and "'fr'" in coded[1].reason
    assert coded[2].code == "T008" and "chrome.txt" in str(coded[2])
    assert coded[3].code == "T001"


def test_input_id_and_date_are_kept(coded) -> None:
    record = coded[4]
    assert record.id == "story-3"
    assert record.source.published == "2017-01-18"


def test_date_option_fills_a_missing_publication_date(parser) -> None:
    raw = RawArticle(origin="a.txt", text=BODY)
    (record,) = code_articles([raw], Options(published="2017-01-18"), parser)
    assert record.source.published == "2017-01-18"


def test_content_id_ignores_whitespace_only() -> None:
    assert content_id("Russia  armed\nHiftar.") == content_id("Russia armed Hiftar.")
    assert content_id("Russia armed Hiftar.") != content_id("Russia armed Haftar.")


def test_sample_article_record(parser) -> None:
    raw = RawArticle(origin="sample", text=SAMPLE_ARTICLE.read_text("utf-8"))
    (record,) = code_articles([raw], Options(published=SAMPLE_PUBLISHED), parser)
    validate_record(record.as_dict())
    assert "GETTY IMAGES" not in record.text and "Leave a Reply" not in record.text
    assert "and only against terrorists,” he said." in record.text
    assert record.source.authors == ("Helen Marsh",)
    names = {a.name for a in record.actors}
    assert {"Turkey", "Mali", "Algeria", "Abdoulaye Sangaré", "Hamid Ag Ousmane"} <= names
    assert "Bamako" in {p.name for p in record.places}


@pytest.fixture(scope="module")
def sample_records(parser) -> dict[str | None, ArticleRecord]:
    """The sample article coded with and without its publication date."""
    raw = RawArticle(origin="sample", text=SAMPLE_ARTICLE.read_text("utf-8"))
    return {
        date: next(iter(code_articles([raw], Options(published=date), parser)))
        for date in (SAMPLE_PUBLISHED, None)
    }


def _names(record: ArticleRecord, ids) -> set[str]:
    return {a.name for a in record.actors if a.id in ids}


def test_sample_events_are_coded_with_their_evidence(sample_records) -> None:
    record = sample_records[SAMPLE_PUBLISHED]
    by_text = {e.event_text: e for e in record.events}
    plan = by_text["is preparing to supply armed drones"]
    assert (plan.event, plan.modality) == ("AGREE", "future")
    assert _names(record, plan.actor) == {"Turkey"}
    assert "Mali" in " ".join(_names(record, plan.recipient))
    assert _names(record, [plan.reported_by]) == {"officials in Bamako"}
    for e in record.events:
        assert record.text[e.sentence.start : e.sentence.end] == e.sentence.text
        assert e.trigger is not None and e.trigger.text in e.sentence.text


def test_no_asserted_event_from_the_hypothetical(sample_records) -> None:
    record = sample_records[SAMPLE_PUBLISHED]
    start = record.text.index("if Turkey sent drones")
    end = record.text.index("families would flee")
    inside = [e for e in record.events if e.trigger and start <= e.trigger.start < end]
    assert inside, "the conditional's events are kept with their modality"
    assert all(e.modality == "hypothetical" for e in inside)


def test_relative_dates_need_the_publication_date(sample_records) -> None:
    talks = {e.event_text: e for e in sample_records[SAMPLE_PUBLISHED].events}["held talks"]
    assert (talks.date.start, talks.date.end, talks.date.text) == (
        "2025-04-07",
        "2025-04-13",
        "last week",
    )
    accused = {
        e.event_text: e for e in sample_records[SAMPLE_PUBLISHED].events if e.event == "ACCUSE"
    }
    dates = {text: (e.date.start, e.date.text) for text, e in accused.items()}
    assert dates["accused the Malian army of killing"] == ("2025-04-14", "Monday")
    # "called the attack “a crime ...”" has no time expression: the day of publication
    assert dates["called the attack “a crime"] == ("2025-04-16", None)
    undated = {e.event_text: e for e in sample_records[None].events}["held talks"]
    assert (undated.date.start, undated.date.end) == (None, None)


def test_quotes_have_resolved_speakers(sample_records) -> None:
    record = sample_records[SAMPLE_PUBLISHED]
    speakers = {q.speaker for q in record.quotes}
    names = {a.id: a.name for a in record.actors}
    assert {"Moussa Diallo", "Karim Bensalah", "Hamid Ag Ousmane", "Anna Lindqvist"} <= {
        names[s] for s in speakers if s
    }
    (repaired,) = [q for q in record.quotes if q.repaired]
    assert "only against terrorists" in repaired.text
    assert names[repaired.speaker] == "Abdoulaye Sangaré"


def test_malian_places_resolve_with_coordinates(sample_records) -> None:
    places = {p.name: p for p in sample_records[SAMPLE_PUBLISHED].places}
    for name in ("Bamako", "Gao", "Timbuktu"):
        assert places[name].country == "MLI" and places[name].lat is not None


LISTING_PAGE = "\n\n".join(
    [
        "Latest News",
        "Ukraine says it shot down 40 drones overnight",
        "Ukraine's air force said on Monday it had destroyed 40 of 47 drones launched by Russia.",
        "Zimbabwe launches new gold-backed currency",
        "The new currency replaces the Zimbabwe dollar and is backed by gold and reserves.",
        "Japan's ruling party picks new leader",
        "Shigeru Ishiba won a runoff vote on Friday and will become prime minister next week.",
        "Canada expels Indian diplomats over killing",
        "Ottawa said the diplomats were linked to the killing of a Sikh activist last year.",
    ]
)


def test_a_listing_page_is_refused_with_its_own_code() -> None:
    result = prepare(RawArticle(origin="front.txt", text=LISTING_PAGE), Options())
    assert isinstance(result, Rejected)
    assert result.code == "T011"
    assert "listing page of 4 headlines" in result.reason
    (batched,) = prepare_batch([RawArticle(origin="front.txt", text=LISTING_PAGE)], Options())
    assert isinstance(batched, Rejected) and batched.code == "T011"  # one-line teasers


def test_a_listing_page_of_stories_with_teasers_is_split_into_articles() -> None:
    raw = RawArticle(origin="front.txt", text=LISTING_OF_STORIES, id="front")
    (stories,) = prepare_batch([raw], Options(), split_listings=True)
    assert isinstance(stories, list)
    assert [p.id for p in stories] == ["front#1", "front#2", "front#3"]
    assert [p.cleaned.text for p in stories] == [f"{h}\n\n{t}" for h, t in LISTED_STORIES]
    assert [p.source.title for p in stories] == [h for h, _ in LISTED_STORIES]
    assert "Latest" in {r.text for r in stories[0].cleaned.removed}
    assert all(p.cleaned.removed == () for p in stories[1:])
    # Without the split (prepare, ingest: one record per input) the page is refused.
    single = prepare(raw, Options())
    assert isinstance(single, Rejected) and single.code == "T011"
    assert "`thucydides code` codes each of these stories" in single.reason
    (refused,) = prepare_batch([raw], Options())
    assert isinstance(refused, Rejected) and refused.code == "T011"


@pytest.mark.slow
def test_each_story_of_a_split_page_is_coded_on_its_own_text(parser) -> None:
    raws = [RawArticle(origin="front.txt", text=LISTING_OF_STORIES)]
    records = list(code_articles(raws, None, parser, split_listings=True))
    assert len(records) == 3 and all(isinstance(r, ArticleRecord) for r in records)
    page_id = records[0].id.split("#")[0]
    assert [r.id for r in records] == [f"{page_id}#{n}" for n in (1, 2, 3)]
    for record, (head, teaser) in zip(records, LISTED_STORIES, strict=True):
        assert isinstance(record, ArticleRecord)
        assert record.text == f"{head}\n\n{teaser}"
        validate_record(record.as_dict())
        for event in record.events:
            spans = [event.sentence, *([event.trigger] if event.trigger else [])]
            assert all(record.text[s.start : s.end] == s.text for s in spans)
    assert "COERCE" in {e.event for e in records[2].events}  # the arrest, in its own story


WIRE_PAGE = (
    "date 2024-05-02\n\nThousands rally in Tbilisi\n\n"
    "TBILISI, Georgia, May 12 (AFP) -- Tens of thousands of people marched through the capital "
    "on Sunday against a bill that critics say would muzzle the press."
)


@pytest.mark.parametrize(
    ("raw", "options", "published", "published_from"),
    [
        (
            RawArticle(origin="a.txt", text=WIRE_PAGE),
            Options(),
            "2024-05-02",
            "page: date 2024-05-02",
        ),
        (
            RawArticle(origin="a.txt", text=WIRE_PAGE, published="2024-05-13"),
            Options(),
            "2024-05-13",
            "input",
        ),
        (
            RawArticle(origin="a.txt", text=WIRE_PAGE.split("\n\n", 1)[1]),
            Options(published="2024-06-01"),
            "2024-06-01",
            "option",
        ),
        (RawArticle(origin="a.txt", text=WIRE_PAGE.split("\n\n", 1)[1]), Options(), None, None),
    ],
)
def test_the_publication_date_says_where_it_came_from(
    raw: RawArticle, options: Options, published: str | None, published_from: str | None
) -> None:
    prepared = prepare(raw, options)
    assert isinstance(prepared, Prepared)
    assert (prepared.source.published, prepared.source.published_from) == (
        published,
        published_from,
    )
    assert prepared.source.dateline is not None
    assert prepared.source.dateline.agency == "AFP"
    assert prepared.source.dateline.resolved is None  # "May 12" names no year: never guessed
    assert prepared.cleaned.text.split("\n\n")[-1].startswith("Tens of thousands")


@pytest.mark.slow
def test_the_dateline_place_is_resolved_in_the_record(parser) -> None:
    (record,) = code_articles([RawArticle(origin="a.txt", text=WIRE_PAGE)], Options(), parser)
    assert isinstance(record, ArticleRecord)
    dateline = record.as_dict()["source"]["dateline"]
    assert dateline["place"] == "Tbilisi, Georgia" and dateline["place_id"] == 611716
    validate_record(record.as_dict())
