"""Tests for store/dedupe.py, and for near-duplicate linking in every store backend.

The last tests run the real pipeline: the sample article and a copy of it with other
chrome are coded and stored, and the copy is linked to the original.
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from thucydides.pipeline import code_articles
from thucydides.records import ArticleRecord, RawArticle
from thucydides.store import Duplicate, EventQuery, InputMark, Store, dedupe, open_store

from .conftest import SAMPLE_ARTICLE
from .test_store import hiftar_record

# ---------------------------------------------------------------- shingles and buckets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow intends to send rifles to Sudanese rebels", 4),
        ("MOSCOW, intends to send... rifles to   Sudanese rebels!", 4),  # case, punctuation, space
        ("Sangaré met them", 1),  # shorter than a shingle: one shingle of all its words
        ("", 0),
        ("  — … ", 0),  # no words at all
    ],
)
def test_shingles_count(text: str, expected: int) -> None:
    assert len(dedupe.shingles(text)) == expected


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    assert dedupe.shingles("Moscow intends to send rifles to Sudanese rebels.") == dedupe.shingles(
        "moscow INTENDS to send, rifles — to\nSudanese rebels"
    )


def test_buckets_are_stable_across_runs_and_processes() -> None:
    # Stored buckets must mean the same thing tomorrow: a change to the hashing, the seed
    # or the banding shows here (and then needs a new store schema version).
    keys = dedupe.buckets(dedupe.shingles("Moscow intends to send rifles to Sudanese rebels"))
    assert len(keys) == dedupe.BANDS
    assert keys[0] == "00:" + keys[0][3:] and len(keys[0]) == 3 + 16
    assert keys[:2] == ("00:70f5c3ee0548743b", "01:88b6f309266ec2a8")


def test_banding_is_datasketch_optimum_for_threshold_0_6() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=0.6, num_perm=dedupe.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedupe.BANDS, dedupe.ROWS)
    # So a pair at the decision threshold is a candidate with probability 0.986.
    p = 1 - (1 - dedupe.THRESHOLD**dedupe.ROWS) ** dedupe.BANDS
    assert p == pytest.approx(0.986, abs=0.001)


def test_empty_text_has_no_buckets() -> None:
    assert dedupe.buckets(frozenset()) == ()


def test_jaccard() -> None:
    a, b = frozenset("abcd"), frozenset("bcde")
    assert dedupe.jaccard(a, b) == 3 / 5
    assert dedupe.jaccard(frozenset(), frozenset()) == 0.0


# ---------------------------------------------------------------- find_original


def words(n: int, seed: int = 0) -> list[str]:
    """``n`` words drawn from a large vocabulary: unrelated texts share almost no shingle."""
    rng = random.Random(seed)
    return [f"w{rng.randrange(100_000)}" for _ in range(n)]


def edited(text_words: list[str], every: int) -> str:
    """The text with every ``every``-th word replaced."""
    return " ".join(f"x{i}" if i % every == 0 else w for i, w in enumerate(text_words))


def test_find_original_takes_the_earliest_match_and_follows_it_to_its_original() -> None:
    base = words(300)
    text = " ".join(base)
    near = edited(base, 100)  # 3 words changed: Jaccard about 0.9
    candidates = [
        dedupe.Candidate("late", 9, None, text),
        dedupe.Candidate("copy", 5, "first", near),
        dedupe.Candidate("other", 1, None, " ".join(words(300, seed=1))),
    ]
    found = dedupe.find_original(dedupe.shingles(text), candidates)
    assert found is not None
    original, similarity = found
    assert original == "first"
    assert 0.8 <= similarity < 1.0


@pytest.mark.parametrize(("every", "is_duplicate"), [(200, True), (60, True), (20, False)])
def test_threshold(every: int, is_duplicate: bool) -> None:
    base = words(600)
    mine = dedupe.shingles(" ".join(base))
    theirs = edited(base, every)
    similarity = dedupe.jaccard(mine, dedupe.shingles(theirs))
    assert (similarity >= dedupe.THRESHOLD) is is_duplicate
    found = dedupe.find_original(mine, [dedupe.Candidate("a", 1, None, theirs)])
    assert (found is not None) is is_duplicate


# ---------------------------------------------------------------- in the store


def article(record_id: str, text: str, url: str | None = None) -> ArticleRecord:
    """The Hiftar record with another id, text and URL (its events keep their sentences)."""
    record = hiftar_record(record_id)
    return dataclasses.replace(
        record, text=text, source=dataclasses.replace(record.source, url=url)
    )


def linked(store: Store) -> dict[str, str]:
    return {d.article_id: d.original_id for d in store.duplicates()}


def test_near_duplicate_is_linked_stored_and_not_counted(store: Store) -> None:
    base = words(300)
    store.upsert(article("orig", " ".join(base), "https://a.example/1"))
    assert store.upsert(article("copy", edited(base, 100), "https://b.example/1")) == "inserted"
    assert store.upsert(article("other", " ".join(words(300, seed=2)))) == "inserted"
    (dup,) = store.duplicates()
    assert (dup.article_id, dup.original_id) == ("copy", "orig")
    assert 0.8 <= dup.similarity < 1
    assert store.get("copy").text == edited(base, 100)  # stored in full
    assert store.counts()["articles"] == 3
    summary = store.summary()
    assert (summary.articles, summary.duplicates, summary.events) == (2, 1, 6)
    assert {r.article_id for r in store.events(EventQuery())} == {"orig", "other"}
    every = store.events(EventQuery(include_duplicates=True))
    assert {r.article_id for r in every} == {"orig", "copy", "other"}
    # "orig" and "other" report the same events; the copy is not counted as a third.
    assert [s.n_articles for s in store.stories(EventQuery())] == [2, 2, 2]


def test_storing_again_changes_nothing(store: Store, backend) -> None:
    base = words(300)
    records = [article("orig", " ".join(base)), article("copy", edited(base, 100))]
    store.upsert_many(records)
    before = backend.dump(store)
    assert store.upsert_many(records) == {"unchanged": 2}
    assert backend.dump(store) == before


def test_a_batch_reports_which_articles_it_linked_as_duplicates(store: Store) -> None:
    """``ingest_batch`` says "duplicate" for a new or changed copy: what the ingest summary
    counts. A copy stored again is "unchanged", as any other article."""
    base = words(300)
    orig, copy = article("orig", " ".join(base)), article("copy", edited(base, 100))
    other = article("other", " ".join(words(300, seed=2)))
    later = article("later", edited(base, 90))

    def batch(*records: ArticleRecord) -> list[tuple[InputMark, ArticleRecord]]:
        return [(InputMark(f"feed.jsonl:{r.id}", "digest"), r) for r in records]

    # A copy is found in the batch that stores its original, and in a later one.
    assert store.ingest_batch(batch(orig, copy, other)) == ["inserted", "duplicate", "inserted"]
    assert store.ingest_batch(batch(later)) == ["duplicate"]
    assert linked(store) == {"copy": "orig", "later": "orig"}
    # The same records again (another run): nothing is written, so nothing is new.
    assert store.ingest_batch(batch(orig, copy, other, later)) == ["unchanged"] * 4
    # A copy recoded with other small changes is still a copy; recoded away, an update.
    assert store.ingest_batch(batch(article("copy", edited(base, 80)))) == ["duplicate"]
    new_text = article("copy", " ".join(words(300, seed=6)))
    assert store.ingest_batch(batch(new_text)) == ["updated"]
    assert linked(store) == {"later": "orig"}


def test_duplicate_of_a_duplicate_points_at_the_first_copy(store: Store) -> None:
    base = words(300)
    second = edited(base, 50)
    third = edited(second.split(), 53)
    first_s, second_s, third_s = (dedupe.shingles(t) for t in (" ".join(base), second, third))
    assert dedupe.jaccard(first_s, second_s) > 0.8 and dedupe.jaccard(second_s, third_s) > 0.8
    assert dedupe.jaccard(first_s, third_s) < 0.8  # a copy of the copy only
    store.upsert(article("first", " ".join(base)))
    store.upsert(article("second", second))
    store.upsert(article("third", third))
    assert linked(store) == {"second": "first", "third": "first"}


def test_update_of_an_original_checks_its_copies_again(store: Store) -> None:
    base = words(300)
    store.upsert(article("orig", " ".join(base)))
    store.upsert(article("copy1", edited(base, 100)))
    store.upsert(article("copy2", edited(base, 90)))
    assert linked(store) == {"copy1": "orig", "copy2": "orig"}
    # The original is recoded into another text: its copies are now copies of the first
    # of them, the earliest stored.
    assert store.upsert(article("orig", " ".join(words(300, seed=3)))) == "updated"
    assert linked(store) == {"copy2": "copy1"}
    # And back: the original was stored first, so it is the original again.
    store.upsert(article("orig", " ".join(base)))
    assert linked(store) == {"copy1": "orig", "copy2": "orig"}


def test_storing_order_decides_which_copy_is_the_original(store: Store) -> None:
    base = words(300)
    store.upsert(article("early", " ".join(words(300, seed=4))))
    store.upsert(article("late", " ".join(base)))
    assert linked(store) == {}
    # The early article is recoded into a copy of the later one: being stored first, it
    # is the original, and the later one becomes its copy.
    store.upsert(article("early", edited(base, 100)))
    assert linked(store) == {"late": "early"}


def test_copies_of_a_copy_follow_when_it_stops_being_an_original(store: Store) -> None:
    base = words(300)
    other = words(300, seed=5)
    store.upsert(article("a", " ".join(other)))
    store.upsert(article("b", " ".join(base)))
    store.upsert(article("c", edited(base, 100)))
    assert linked(store) == {"c": "b"}
    # "a" is recoded into a near copy of "b" with its own changes: "b" becomes a copy of
    # "a", and "c", a copy of "b", follows it to "a".
    store.upsert(article("a", edited(base, 90)))
    assert linked(store) == {"b": "a", "c": "a"}


def test_texts_without_words_are_nobodys_duplicate(store: Store) -> None:
    store.upsert(article("a", "— … —"))
    store.upsert(article("b", "— … —  "))
    assert store.duplicates() == []
    assert store.counts()["dedupe_buckets"] == 0


# ---------------------------------------------------------------- the real pipeline


def chrome_copy(text: str) -> str:
    """The sample with other chrome: another byline, share and advertisement lines, and
    other trailing lines, some of which no cleaner knows to remove."""
    changes = [
        ("By Helen Marsh\n", "By Helen Marsh, Dakar | Updated 16 April 2025\n"),
        ("\n\nThe junta, which", "\n\nShare this\n\nAdvertisement\n\nThe junta, which"),
        ("\n\nThe plan has alarmed", "\n\nAdvertisement\n\nThe plan has alarmed"),
        (
            "Related Articles\n\nDrone war spreads across the Sahel\n\nLeave a Reply",
            "This story first appeared in The Meridian and is republished with permission.\n\n"
            "Follow our Sahel coverage on Telegram for the latest updates from Bamako.\n\n"
            "More from Africa\n\nShare on Facebook",
        ),
    ]
    for old, new in changes:
        assert text.count(old) == 1, f"the sample article no longer has {old!r}"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def coded_sample_and_copy(parser) -> tuple[ArticleRecord, ArticleRecord]:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    raws = [RawArticle(origin="meridian.txt", text=text), RawArticle("copy.txt", chrome_copy(text))]
    original, copy = code_articles(raws, parser=parser)
    assert isinstance(original, ArticleRecord) and isinstance(copy, ArticleRecord)
    return original, copy


@pytest.mark.slow
def test_sample_and_its_copy_with_other_chrome_are_duplicates(
    coded_sample_and_copy, store: Store
) -> None:
    original, copy = coded_sample_and_copy
    assert original.id != copy.id and original.text != copy.text  # two articles
    assert store.upsert(original) == "inserted"
    assert store.upsert(copy) == "inserted"
    (dup,) = store.duplicates()
    assert dup == Duplicate(copy.id, original.id, dup.similarity)
    assert dup.similarity > 0.9
    s = store.summary()
    assert (s.articles, s.duplicates, s.events) == (1, 1, len(original.events))
    # Coding both again changes nothing.
    assert store.upsert_many([original, copy]) == {"unchanged": 2}


@pytest.mark.slow
def test_syndicated_copies_under_their_own_ids_are_duplicates(parser, backend) -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    raws = [
        RawArticle(
            "feed.jsonl:1", text=text, id="meridian-1", url="https://www.meridian.example/a"
        ),
        RawArticle(
            "feed.jsonl:2", text=chrome_copy(text), id="wire-7", url="https://wire.example/b"
        ),
    ]
    records = [r for r in code_articles(raws, parser=parser) if isinstance(r, ArticleRecord)]
    with open_store(backend.new_url()) as store:
        store.upsert_many(records)
        assert [(d.article_id, d.original_id) for d in store.duplicates()] == [
            ("wire-7", "meridian-1")
        ]
        # Its events are left out of the stories: each is reported by one article.
        assert all(s.n_articles == 1 for s in store.stories(EventQuery()))
        assert {r.source for r in store.events(EventQuery())} == {"meridian.example"}
