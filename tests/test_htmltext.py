"""Tests for thucydides.read.html: main text, metadata and dates from HTML pages."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.errors import MalformedInput, NoArticleText
from thucydides.read.html import HtmlArticle, extract_html

PARAGRAPHS = [
    "Rebel forces seized the northern town of Kamba on Tuesday after two days of fighting "
    "with government troops, officials said.",
    "The army said it would retake the town within days. Thousands of residents fled south "
    "towards the capital, according to aid workers.",
    "A spokesman for the rebels said the group would negotiate if its demands were met.",
]
BODY = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)


def page(head: str = "", before: str = "", after: str = "") -> str:
    """A news page with navigation, an article of three paragraphs and a footer."""
    return (
        f"<!DOCTYPE html><html><head><title>Rebels seize Kamba - Daily News</title>{head}"
        "</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Rebels seize Kamba</h1>{before}{BODY}</article>{after}"
        "<footer>Daily News, all rights reserved.</footer></body></html>"
    )


def test_main_text_paragraphs_and_metadata() -> None:
    html = page(
        head='<meta name="author" content="Jane Doe and John Smith">'
        '<meta property="og:url" content="https://example.com/world/kamba">'
    )
    article = extract_html(html, "kamba.html")
    assert article == HtmlArticle(
        text="\n\n".join(["Rebels seize Kamba", *PARAGRAPHS]),
        title="Rebels seize Kamba",
        authors=("Jane Doe", "John Smith"),
        published=None,
        url="https://example.com/world/kamba",
    )


def test_lines_of_one_paragraph_stay_together() -> None:
    html = page(
        before="<p>First line of the paragraph here,<br>second line of it.</p><ul>"
        "<li>One item of the list.</li><li>Another item of the list.</li></ul>"
    )
    text = extract_html(html, "o").text
    assert "First line of the paragraph here,\nsecond line of it.\n\n" in text
    assert "- One item of the list.\n- Another item of the list." in text


def test_navigation_and_footer_are_left_out() -> None:
    text = extract_html(page(), "o").text
    assert "Home" not in text and "rights reserved" not in text


def test_comments_are_left_out() -> None:
    comments = (
        '<section id="comments" class="comments"><h2>3 Comments</h2>'
        '<div class="comment"><p>Reader42: this is fake news, everyone knows the army '
        "lost the town weeks ago and nobody reports it.</p></div></section>"
    )
    text = extract_html(page(after=comments), "o").text
    assert "Reader42" not in text and "fake news" not in text
    assert PARAGRAPHS[0] in text


@pytest.mark.parametrize(
    ("head", "before", "expected"),
    [
        (
            '<meta property="article:published_time" content="2025-03-14T20:30:26Z">',
            "",
            "2025-03-14",
        ),
        ("", '<time datetime="2023-07-02T08:00:00+02:00" pubdate>2 July 2023</time>', "2023-07-02"),
        (
            '<script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2024-02-03T10:00:00Z"}</script>',
            "",
            "2024-02-03",
        ),
        (
            '<link rel="canonical" href="https://example.com/2022/11/09/kamba.html">',
            "",
            "2022-11-09",
        ),
        ("", '<span class="date">2021-05-06</span>', "2021-05-06"),
        ("", "<p>Published: 2020-01-02</p>", "2020-01-02"),
        ("", "<p><b>Posted on</b> 2020-01-03</p>", "2020-01-03"),
        # a date in the markup wins over one the text mentions
        (
            '<meta property="article:published_time" content="2025-03-14">',
            "<p>The ceasefire signed 2019-05-04 has collapsed.</p>",
            "2025-03-14",
        ),
    ],
)
def test_stated_date(head: str, before: str, expected: str) -> None:
    assert extract_html(page(head=head, before=before), "o").published == expected


@pytest.mark.parametrize(
    ("head", "before", "after"),
    [
        ("", "", ""),
        ("", "", "<footer>Copyright 2024 Daily News</footer>"),  # not 2024-01-01
        ("", "<p>The ceasefire signed 2019-05-04 has collapsed.</p>", ""),  # mentioned only
        ('<meta property="article:published_time" content="1970-01-01">', "", ""),
        ('<meta property="article:published_time" content="2999-01-01">', "", ""),
    ],
)
def test_no_stated_date_gives_none(head: str, before: str, after: str) -> None:
    article = extract_html(page(head=head, before=before, after=after), "o")
    assert article.published is None
    assert article.published != date.today().isoformat()


def test_fragment_without_html_element() -> None:
    article = extract_html(f"<p>{PARAGRAPHS[0]}</p>", "feed.jsonl:3")
    assert article.text == PARAGRAPHS[0]
    assert (article.title, article.published) == (None, None)


def test_a_url_string_is_not_fetched() -> None:
    # htmldate downloads a string that looks like a URL; extract_html must not.
    article = extract_html("https://example.com/2024/03/05/story", "o")
    assert article.text == "https://example.com/2024/03/05/story"


def test_truncated_after_the_text_keeps_the_text() -> None:
    html = page()
    cut = html[: html.index(PARAGRAPHS[2]) + 20] + "</p><a hr"
    article = extract_html(cut, "cut.html")
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[1] in article.text


def test_truncated_before_the_text_is_malformed() -> None:
    with pytest.raises(MalformedInput) as caught:
        extract_html("<!DOCTYPE html><html><head><title>Rebels seize Ka", "cut.html")
    assert caught.value.code == "T005"
    assert str(caught.value).startswith("T005 cut.html: the HTML is cut off")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><head><title>Kamba</title></head><body><script>var a = 1;</script></body></html>",
    ],
)
def test_no_article_text(html: str) -> None:
    with pytest.raises(NoArticleText) as caught:
        extract_html(html, "empty.html")
    assert caught.value.code == "T008"
    assert caught.value.source == "empty.html"
