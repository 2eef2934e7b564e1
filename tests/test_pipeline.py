"""The pipeline codes raw articles into valid records and rejects what it cannot code."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE_ARTICLE
from thucydides.config import Options
from thucydides.pipeline import code_articles, content_id
from thucydides.records import ArticleRecord, RawArticle, Rejected
from thucydides.schema import validate_record

BODY = (
    "Russia is planning to arm a Libyan general who has been fighting the government in "
    "Tripoli, according to aides of the strongman. The general met the Russian defence "
    "minister last week."
)
FRENCH = (
    "La Russie prévoit d'armer un général libyen qui combat le gouvernement soutenu par "
    "l'Occident à Tripoli, selon des proches de l'homme fort."
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
    assert record.text.startswith("Russia is planning")
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
    if not SAMPLE_ARTICLE.exists():
        pytest.skip(f"{SAMPLE_ARTICLE} not present")
    raw = RawArticle(origin="sample", text=SAMPLE_ARTICLE.read_text("utf-8"))
    (record,) = code_articles([raw], Options(published="2017-01-18"), parser)
    validate_record(record.as_dict())
    assert "GETTY IMAGES" not in record.text and "Leave a Reply" not in record.text
    assert "vital to Moscow,” he said." in record.text
    names = {a.name for a in record.actors}
    assert {"Russia", "Akram Bouhlaiga", "Sergei Shoigu"} <= names
    assert "Tripoli" in {p.name for p in record.places}
