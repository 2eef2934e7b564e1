"""Time expressions and event dates (``thucydides.extract.dates``).

Publication date for relative cases: 2017-01-18, a Wednesday; the sample article's is
2025-04-16, also a Wednesday.
"""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE_ARTICLE, SAMPLE_PUBLISHED
from thucydides.extract.anchor import trigger_tokens
from thucydides.extract.dates import (
    TimeExpression,
    date_events,
    find_time_expressions,
)
from thucydides.parse.nlp import Parser
from thucydides.read.cleanup import clean_text
from thucydides.records import Event, EventDate, ParsedText, Span

pytestmark = pytest.mark.slow

PUB = "2017-01-18"

# (sentence, published, expression text, expected): expected is "start..end granularity"
# ("day granularity" for one day), "unresolved" for an expression without a range; text
# None means the sentence has no time expression at all.
# fmt: off
CASES = [
    # explicit dates resolve without a publication date
    ("The talks were held on January 18, 2017 in Moscow.",
     None, "January 18, 2017", "2017-01-18 day"),
    ("It happened on 18 Jan 2017.", None, "18 Jan 2017", "2017-01-18 day"),
    ("The report dated 2017-01-18 said so.", None, "2017-01-18", "2017-01-18 day"),
    ("It happened on Jan. 5, 2017.", None, "Jan. 5, 2017", "2017-01-05 day"),
    ("The rebels attacked on the 5th of March 2016.",
     None, "the 5th of March 2016", "2016-03-05 day"),
    ("The truce was signed on Tuesday, January 17, 2017.",
     PUB, "Tuesday, January 17, 2017", "2017-01-17 day"),
    ("Fighting began in May 2014.", None, "May 2014", "2014-05-01..2014-05-31 month"),
    ("The 2011 uprising toppled Gaddafi.", None, "2011", "2011-01-01..2011-12-31 year"),
    ("In 2015 the rebels attacked.", None, "2015", "2015-01-01..2015-12-31 year"),
    ("It was built in the 1990s.", None, "the 1990s", "1990-01-01..1999-12-31 range"),
    ("The 2012-2014 war was long.", None, "2012-2014", "2012-01-01..2014-12-31 range"),
    ("The ceasefire lasted from 2012 to 2014.",
     None, "from 2012 to 2014", "2012-01-01..2014-12-31 range"),
    ("Between 2012 and 2014 they ruled the city.",
     None, "Between 2012 and 2014", "2012-01-01..2014-12-31 range"),
    ("The ceasefire lasted from May to July 2016.",
     None, "from May to July 2016", "2016-05-01..2016-07-31 range"),
    ("In late 2016 the talks failed.", None, "late 2016", "2016-09-01..2016-12-31 range"),
    ("By mid-2015 the war was over.", None, "mid-2015", "2015-05-01..2015-08-31 range"),
    ("It began in the 1800s.", None, "the 1800s", "1800-01-01..1899-12-31 range"),
    ("Fighting eased in the first half of 2016.",
     None, "the first half of 2016", "2016-01-01..2016-06-30 range"),
    ("They met in the summer of 2015.", None, "the summer of 2015", "2015-06-01..2015-08-31 range"),
    # relative expressions, resolved against the publication date
    ("The envoy held talks last week in Geneva.",
     PUB, "last week", "2017-01-09..2017-01-15 week"),
    ("Last month the minister criticised the UN.",
     PUB, "Last month", "2016-12-01..2016-12-31 month"),
    ("Fighting has continued since May 2014.",
     PUB, "since May 2014", "2014-05-01..2017-01-18 range"),
    ("In the past seven months she has visited both capitals.",
     PUB, "the past seven months", "2016-06-18..2017-01-18 range"),
    ("The government took office last March.", PUB, "last March", "2016-03-01..2016-03-31 month"),
    ("He met them on Tuesday.", PUB, "Tuesday", "2017-01-17 day"),
    ("On Wednesday, the rebels attacked.", PUB, "Wednesday", "2017-01-18 day"),
    ("On Friday, the rebels attacked.", PUB, "Friday", "2017-01-13 day"),
    ("They met last Wednesday.", PUB, "last Wednesday", "2017-01-11 day"),
    ("Earlier this year the army advanced.",
     PUB, "Earlier this year", "2017-01-01..2017-01-18 range"),
    ("Talks resumed this week.", PUB, "this week", "2017-01-16..2017-01-22 week"),
    ("The troops arrived yesterday.", PUB, "yesterday", "2017-01-17 day"),
    ("The troops left today.", PUB, "today", "2017-01-18 day"),
    ("Gunmen attacked the station Wednesday night.", PUB, "Wednesday night", "2017-01-18 day"),
    ("They met last night.", PUB, "last night", "2017-01-17 day"),
    ("They will meet next week.", PUB, "next week", "2017-01-23..2017-01-29 week"),
    ("The vote is due next month.", PUB, "next month", "2017-02-01..2017-02-28 month"),
    ("The army advanced two days ago.", PUB, "two days ago", "2017-01-16 day"),
    ("A week ago the ministers met.", PUB, "A week ago", "2017-01-09..2017-01-15 week"),
    ("Three years ago he left Libya.", PUB, "Three years ago", "2014-01-01..2014-12-31 year"),
    ("In early March they met.", PUB, "early March", "2016-03-01..2016-03-10 range"),
    ("They attacked in March.", PUB, "March", "2016-03-01..2016-03-31 month"),
    ("They attacked in January.", PUB, "January", "2017-01-01..2017-01-31 month"),
    ("By the end of the year they will leave.",
     PUB, "the end of the year", "2017-09-01..2017-12-31 range"),
    ("Last year the rebels attacked.", PUB, "Last year", "2016-01-01..2016-12-31 year"),
    ("This month the rebels attacked.", PUB, "This month", "2017-01-01..2017-01-31 month"),
    ("Fighting stopped late last year.", PUB, "late last year", "2016-09-01..2016-12-31 range"),
    ("Rebels attacked on December 30.", PUB, "December 30", "2016-12-30 day"),
    ("Talks are set for January 25.", PUB, "January 25", "2017-01-25 day"),
    ("They attacked last summer.", PUB, "last summer", "2016-06-01..2016-08-31 range"),
    ("The army has fought since last March.",
     PUB, "since last March", "2016-03-01..2017-01-18 range"),
    ("Fighting has continued since 2011.", PUB, "since 2011", "2011-01-01..2017-01-18 range"),
    ("Over the past two weeks the rebels advanced.",
     PUB, "the past two weeks", "2017-01-04..2017-01-18 range"),
    ("Later this month they will vote.", PUB, "Later this month", "2017-01-18..2017-01-31 range"),
    ("In the last 24 hours, 12 people died.",
     PUB, "the last 24 hours", "2017-01-17..2017-01-18 range"),
    # expressions without a range: vague or anaphoric
    ("He said it recently.", PUB, "recently", "unresolved"),
    ("In recent weeks, clashes grew.", PUB, "recent weeks", "unresolved"),
    ("It happened the same day.", PUB, "the same day", "unresolved"),
    ("The truce collapsed a few days ago.", PUB, "a few days ago", "unresolved"),
    # relative expressions stay unresolved without a publication date: never today's date
    ("The envoy held talks last week in Geneva.", None, "last week", "unresolved"),
    ("Fighting has continued since May 2014.", None, "since May 2014", "unresolved"),
    ("In the past seven months she has visited both capitals.",
     None, "the past seven months", "unresolved"),
    ("He met them on Tuesday.", None, "Tuesday", "unresolved"),
    ("They attacked in March.", None, "March", "unresolved"),
    ("Rebels attacked on December 30.", None, "December 30", "unresolved"),
    ("The army advanced two days ago.", None, "two days ago", "unresolved"),
    ("Earlier this year the army advanced.", None, "Earlier this year", "unresolved"),
    # not dates: ages, counts, names, numbers
    ("General Khalifa Hiftar, 73, held talks.", PUB, None, None),
    ("He is 73 years old.", PUB, None, None),
    ("73 people died in the clashes.", PUB, None, None),
    ("They killed 2015 people.", PUB, None, None),
    ("The G20 met in Hamburg.", PUB, None, None),
    ("The council adopted Resolution 2254.", PUB, None, None),
    ("Call 555-1234 for details.", PUB, None, None),
    ("Call 020 7946 2017 for details.", PUB, None, None),
    ("Theresa May met the general.", PUB, None, None),
    ("He served three years in prison.", PUB, None, None),
    ("The march on Tripoli failed.", PUB, None, None),
]


def _expected(spec: str) -> tuple[str | None, str | None, str | None]:
    """Reads "2017-01-09..2017-01-15 week", "2017-01-17 day" or "unresolved"."""
    if spec == "unresolved":
        return None, None, None
    days, granularity = spec.split()
    start, _, end = days.partition("..")
    return start, end or start, granularity


@pytest.mark.parametrize(("sentence", "published", "text", "expected"), CASES)
def test_time_expression_table(
    parser: Parser,
    sentence: str,
    published: str | None,
    text: str | None,
    expected: str | None,
) -> None:
    found = find_time_expressions(parser.parse(sentence), published)
    if text is None:
        assert found == ()
        return
    assert expected is not None
    matches = [x for x in found if x.text == text]
    assert matches, f"{text!r} not found in {found}"
    x = matches[0]
    assert (x.range_start, x.range_end, x.granularity) == _expected(expected)
    assert sentence[x.start : x.end] == x.text


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if c[2] is None) >= 6


def test_expressions_do_not_overlap_and_quote_the_text(parser: Parser) -> None:
    text = " ".join(c[0] for c in CASES)
    found = find_time_expressions(parser.parse(text), PUB)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(text[x.start : x.end] == x.text for x in found)


def test_bad_publication_date_is_refused(parser: Parser) -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        find_time_expressions(parser.parse("It happened last week."), "18/01/2017")


def test_timestamp_is_cut_to_its_date(parser: Parser) -> None:
    (x,) = find_time_expressions(parser.parse("It happened yesterday."), "2017-01-18T09:30:00Z")
    assert x.range_start == "2017-01-17"


def test_time_expression_round_trips() -> None:
    x = TimeExpression(0, 9, "last week", "2017-01-09", "2017-01-15", "week")
    assert TimeExpression.from_dict(x.as_dict()) == x
    assert x.resolved and not TimeExpression(0, 8, "recently").resolved


# ---------------------------------------------------------------- the sample article


@pytest.fixture(scope="module")
def sample(parser: Parser) -> ParsedText:
    return parser.parse(clean_text(SAMPLE_ARTICLE.read_text(encoding="utf-8")).text)


def _ranges(
    found: tuple[TimeExpression, ...],
) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(x.text, x.range_start, x.range_end, x.granularity) for x in found]


def test_sample_with_publication_date(sample: ParsedText) -> None:
    assert _ranges(find_time_expressions(sample, SAMPLE_PUBLISHED)) == [
        ("last week", "2025-04-07", "2025-04-13", "week"),
        ("Since January", "2025-01-01", "2025-04-16", "range"),
        ("2020", "2020-01-01", "2020-12-31", "year"),
        # counted from 2020, not from the publication date: no range rather than a wrong one
        ("two years later", None, None, None),
        ("last month", "2025-03-01", "2025-03-31", "month"),
        ("Monday", "2025-04-14", "2025-04-14", "day"),  # "on Monday"
        ("Monday", "2025-04-14", "2025-04-14", "day"),  # "On Monday"
        ("last month", "2025-03-01", "2025-03-31", "month"),
        ("Sunday", "2025-04-13", "2025-04-13", "day"),
        ("last month", "2025-03-01", "2025-03-31", "month"),
        ("next week", "2025-04-21", "2025-04-27", "week"),
    ]


def test_sample_without_publication_date(sample: ParsedText) -> None:
    found = find_time_expressions(sample, None)
    relative = [x for x in found if x.text != "2020"]
    assert len(relative) == 10
    assert all(x.range_start is x.range_end is x.granularity is None for x in relative)
    (year,) = [x for x in found if x.text == "2020"]
    assert (year.range_start, year.range_end) == ("2020-01-01", "2020-12-31")


def test_sample_age_is_not_a_date(sample: ParsedText) -> None:
    age = sample.text.index("Sangaré, 52,") + len("Sangaré, ")
    for published in (SAMPLE_PUBLISHED, None):
        found = find_time_expressions(sample, published)
        assert not any(x.start <= age < x.end for x in found)
        assert "52" not in [x.text for x in found]


# ---------------------------------------------------------------- date_events


def _event(parsed: ParsedText, n: int, trigger: str, anchor: str) -> Event:
    """An event as the event coder makes it: the trigger words and the sentence span.

    ``anchor`` is a piece of text that picks the sentence.
    """
    at = parsed.text.index(anchor)
    s = next(s for s in parsed.sentences if s.start <= at < s.end)
    return Event(
        id=f"E{n}",
        event="X",
        sentence=Span(s.start, s.end, parsed.text[s.start : s.end]),
        event_text=trigger,
    )


SAMPLE_EVENTS = [
    # (trigger words, anchor, expected date text or None for the publication basis)
    ("held talks", "held talks last week", "last week"),
    ("met", "has also met", "Since January"),
    ("seized power", "seized power", "2020"),
    # same sentence, the main clause: the 2020 of the relative clause is not its date
    ("ordered", "ordered French troops", "two years later"),
    ("praised", "praised Mali", "last month"),
    ("told", "told state television", "Monday"),
    ("accused", "Algeria accused", "Monday"),
    ("recalled its ambassador", "recalled its ambassador", "last month"),
    ("had ambushed", "had ambushed", "Sunday"),
    # "said last month that it had delivered": the expression dates the speaking, and
    # the past perfect says the delivery came before it: no date (see BACKGROUND)
    ("had delivered food", "had delivered food", "unknown"),
    ("will meet", "will meet next week", "next week"),
    ("is preparing to supply", "Turkey is preparing", None),
]


@pytest.fixture(scope="module")
def sample_events(sample: ParsedText) -> list[Event]:
    return [_event(sample, n, t, a) for n, (t, a, _) in enumerate(SAMPLE_EVENTS, 1)]


def test_trigger_tokens_are_found_in_the_sentence(
    sample: ParsedText, sample_events: list[Event]
) -> None:
    for event in sample_events:
        tokens = [sample.tokens[i] for i in trigger_tokens(event, sample)]
        assert " ".join(t.text for t in tokens) == event.event_text.replace("-", " - ")


def test_trigger_tokens_tolerate_case_and_spacing(parser: Parser) -> None:
    parsed = parser.parse("Russia  Armed the general last week.")
    event = Event("E1", "X", Span(0, len(parsed.text), parsed.text), "russia armed")
    def words(event: Event) -> list[str]:
        return [parsed.tokens[i].text for i in trigger_tokens(event, parsed)]

    assert words(event) == ["Russia", "Armed"]
    # the event coder may join words with a gap: "denounced terrorist"
    gappy = Event("E2", "X", Span(0, len(parsed.text), parsed.text), "armed general")
    assert words(gappy) == ["Armed", "the", "general"]
    missing = Event("E3", "X", Span(0, len(parsed.text), parsed.text), "bombed")
    assert trigger_tokens(missing, parsed) == []


def test_sample_events_with_publication_date(
    sample: ParsedText, sample_events: list[Event]
) -> None:
    found = find_time_expressions(sample, SAMPLE_PUBLISHED)
    by_text = {x.text: x for x in found}
    dated = date_events(sample_events, sample, found, SAMPLE_PUBLISHED)
    for event, (_, _, expected) in zip(dated, SAMPLE_EVENTS, strict=True):
        if expected == "unknown":
            assert event.date == EventDate(basis="unknown"), event.id
        elif expected is None:
            assert event.date == EventDate(
                SAMPLE_PUBLISHED, SAMPLE_PUBLISHED, None, "publication", "day"
            ), event.id
        else:
            x = by_text[expected]
            assert event.date == EventDate(
                x.range_start, x.range_end, expected, "expression", x.granularity
            ), event.id


def test_sample_events_without_publication_date(
    sample: ParsedText, sample_events: list[Event]
) -> None:
    dated = date_events(sample_events, sample, find_time_expressions(sample, None), None)
    by_id = {e.id: e.date for e in dated}
    assert by_id["E1"] == EventDate(None, None, "last week", "expression", None)
    assert by_id["E3"] == EventDate("2020-01-01", "2020-12-31", "2020", "expression", "year")
    assert by_id["E9"] == EventDate(None, None, "Sunday", "expression", None)
    # no expression, no publication date: the range is null and the basis says so
    assert by_id["E10"] == EventDate(basis="unknown")
    assert by_id["E12"] == EventDate(basis="unknown")


def test_single_event_takes_a_loose_expression_of_its_sentence(parser: Parser) -> None:
    # The parser may hang "on Tuesday" anywhere; with one event in the sentence it is its.
    parsed = parser.parse("On Tuesday, clashes near the airport killed five soldiers.")
    event = Event("E1", "X", Span(0, len(parsed.text), parsed.text), "killed")
    found = find_time_expressions(parsed, PUB)
    (dated,) = date_events([event], parsed, found, PUB)
    assert dated.date == EventDate("2017-01-17", "2017-01-17", "Tuesday", "expression", "day")


def test_unresolved_expression_keeps_its_text(parser: Parser) -> None:
    parsed = parser.parse("Rebels recently attacked the airport.")
    event = Event("E1", "X", Span(0, len(parsed.text), parsed.text), "attacked")
    found = find_time_expressions(parsed, PUB)
    (dated,) = date_events([event], parsed, found, PUB)
    assert dated.date == EventDate(None, None, "recently", "expression", None)


def test_expression_in_a_modifier_does_not_date_the_event(parser: Parser) -> None:
    # "recently" modifies "formed", inside the object: it is not when the backing was.
    parsed = parser.parse("The Kremlin backed the recently formed army.")
    event = Event("E1", "X", Span(0, len(parsed.text), parsed.text), "backed")
    found = find_time_expressions(parsed, PUB)
    (dated,) = date_events([event], parsed, found, PUB)
    assert dated.date.basis == "publication"


def test_trigger_not_found_falls_back_to_publication(parser: Parser) -> None:
    parsed = parser.parse("Nothing happened here.")
    event = Event("E1", "X", Span(0, len(parsed.text), parsed.text), "attacked")
    (dated,) = date_events([event], parsed, (), PUB)
    assert dated.date == EventDate(PUB, PUB, None, "publication", "day")
    (undated,) = date_events([event], parsed, (), None)
    assert undated.date == EventDate(basis="unknown")


# ---------------------------------------------------------------- background events

BACKGROUND = [
    # (sentence, trigger, expected basis): background gets no publication date
    ("The rebels had seized the town before the army arrived.", "had seized", "unknown"),
    ("The town had been captured by the rebels.", "had been captured", "unknown"),
    ("General Diallo, who took power in a coup, met the envoy.", "took power", "unknown"),
    ("The senator, who criticized the treaty, met the envoy.", "criticized", "unknown"),
    ("The general, who has been denounced as a war criminal, met the envoy.", "denounced",
     "unknown"),
    ("The two leaders had previously met in Geneva.", "had previously met", "unknown"),
    ("The army previously attacked the town.", "attacked", "unknown"),
    # news: the publication date
    ("General Diallo, who took power in a coup, met the envoy.", "met", "publication"),
    ("The rebels seized the town.", "seized", "publication"),
    ("The rebels have seized the town.", "have seized", "publication"),
    ("Hiftar, who is waging war on the government, met the envoy.", "is waging", "publication"),
    ("The attack, which killed five soldiers, shocked the capital.", "killed", "publication"),
    ("The rebels had to leave the town.", "had to leave", "publication"),
    # reported speech shifts tense back: the past perfect under "said" is the day's news
    ("The rebel group said it had killed ten soldiers.", "had killed", "publication"),
    ("Officials told reporters the militia had seized two villages.", "had seized", "publication"),
]


def _dated(parser: Parser, text: str, trigger: str, published: str | None) -> EventDate:
    """The date ``date_events`` gives the one event of ``text`` whose trigger is ``trigger``."""
    parsed = parser.parse(text)
    event = Event("E1", "X", Span(0, len(parsed.text), parsed.text), trigger)
    found = find_time_expressions(parsed, published)
    (dated,) = date_events([event], parsed, found, published)
    return dated.date


@pytest.mark.parametrize(("text", "trigger", "basis"), BACKGROUND)
def test_background_events_get_no_publication_date(
    parser: Parser, text: str, trigger: str, basis: str
) -> None:
    found = _dated(parser, text, trigger, PUB)
    if basis == "unknown":
        assert found == EventDate(basis="unknown")
    else:
        assert found == EventDate(PUB, PUB, None, "publication", "day")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # an expression of its own still dates a background event
        ("The president, who took power in 2019, met the envoy.", "took power",
         EventDate("2019-01-01", "2019-12-31", "2019", "expression", "year")),
        ("The rebels had seized the town in 2019.", "had seized",
         EventDate("2019-01-01", "2019-12-31", "2019", "expression", "year")),
        ("Earlier this year the rebels had seized the town.", "had seized",
         EventDate("2017-01-01", PUB, "Earlier this year", "expression", "range")),
    ],
)  # fmt: skip
def test_a_background_event_keeps_its_own_expression(
    parser: Parser, text: str, trigger: str, expected: EventDate
) -> None:
    assert _dated(parser, text, trigger, PUB) == expected


def test_earlier_this_year_without_a_publication_date_has_no_range(parser: Parser) -> None:
    found = _dated(parser, "Earlier this year the rebels had seized the town.", "had seized", None)
    assert found == EventDate(None, None, "Earlier this year", "expression", None)
