"""Dates: the time expressions of one article, and the date of each event.

``find_time_expressions`` finds explicit dates ("January 18, 2017", "18 Jan 2017",
"2017-01-18", "May 2014", "2011") and relative expressions ("last week", "since May 2014",
"in the past seven months", "last March", "on Tuesday", "three years ago", "recently") and
resolves each to a range of days with its granularity. Relative expressions are resolved
against the publication date only: without one they stay unresolved (range ``None``),
never against today's date. ``date_events`` then gives each event the range of the time
expression attached to its own clause, else, for news, the publication date, else no date
(background such as "who took power in a coup" or "had seized"), and says which basis it
used: "expression", "publication" or "unknown".

Recognition is our own grammar of patterns (``_RULES``; their words and the values the
resolvers read are data, ``data/rules/date-words.tsv``) run over the text, with spaCy's
named entities as a second opinion: a bare year, a month named alone or a weekday counts
only in a temporal context (a preposition such as "in"/"since", or a DATE entity), and
never inside a non-temporal entity ("Resolution 2254" is a LAW, "Theresa May" a PERSON,
"73 people" a CARDINAL). DATE entities the grammar does not cover are kept as unresolved
expressions when they carry a calendar or deictic word ("the holy month of Ramadan", "the
same day"); bare numbers and durations ("Hiftar, 73,", "73 years old", "three years") are
not time expressions.

Resolution rules (all ranges are inclusive ISO dates; ``granularity`` is "day", "week",
"month", "year" or "range"; an unresolved expression has all three ``None``):

- Weeks are ISO weeks, Monday to Sunday: with publication 2017-01-18 (a Wednesday), "last
  week" is 2017-01-09..2017-01-15.
- A bare weekday ("on Tuesday", "Tuesday's attack") is the most recent such day on or
  before publication: news reports use the bare weekday for the past week and say "next
  Tuesday" for the future. "last Tuesday" is strictly before, "next Tuesday" strictly
  after, "this Tuesday" is the Tuesday of the publication's week.
- A month named alone ("in March") is the most recent such month not after the
  publication month; "last March" is the most recent March strictly before it.
- A day and month without a year ("on March 3") takes the year that puts it nearest to the
  publication date (an article of January 2017 reads "December 30" as 2016-12-30 and
  "January 25" as 2017-01-25).
- "since X" runs from the start of X to publication; "the past N units" from N units
  before publication to publication; "the next N units" from publication forward;
  "earlier this year" from 1 January to publication.
- Parts of periods: early/mid/late (and the start/middle/end of) a year are January-April,
  May-August, September-December; of a month days 1-10, 11-20, 21-end; of a week
  Monday-Tuesday, Wednesday-Thursday, Friday-Sunday; of a decade years 0-3, 4-6, 7-9.
  Halves and quarters of a year are calendar halves and quarters.
- Seasons are northern-hemisphere meteorological seasons (spring = March-May, ...);
  "winter 2016" is December 2016 to February 2017.
- Vague or anaphoric expressions ("recently", "in recent weeks", "the past few months",
  "the same day", "two days later") are expressions without a range.

Notes:
    dateparser 1.5.0 was measured on the sample article (Bel Trew's report of 18 January
    2017 in The Times on Russia and Khalifa Hiftar, not shipped: ``data/samples/CREDITS.md``)
    with its date as ``RELATIVE_BASE``: it returns one day for "last week" and "last month",
    nothing for "since May 2014", "in the past seven months" and "last March", and reads
    the age "73" as a year. Explicit dates
    are simple enough that our own patterns cover them, so there is no dependency on it.
    Weeks follow ISO 8601 (Monday first). The early/mid/late splits are our own
    convention (roughly thirds of the period): TimeML marks such expressions only with a
    ``mod`` of START, MID or END on the whole period and leaves their extent open.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from ..knowledge.date_words import DateWords
from ..knowledge.words import WordClasses
from ..parse.index import DocIndex
from ..records import Event, EventDate, ParsedText, Record, Token
from .anchor import event_anchor, span_head


@dataclass(frozen=True, slots=True)
class TimeExpression(Record):
    """A time expression found in a text, with the range of days it denotes.

    ``start``/``end`` index ``ParsedText.text`` (end exclusive) and ``text`` is that span.
    ``range_start``/``range_end`` are inclusive ISO dates, or ``None`` when the expression
    cannot be resolved (a relative expression without a publication date, or a vague one
    such as "recently"); ``granularity`` is then ``None`` too.
    """

    start: int
    end: int
    text: str
    range_start: str | None = None
    range_end: str | None = None
    granularity: str | None = None

    @property
    def resolved(self) -> bool:
        """True when the expression has a range."""
        return self.range_start is not None


# ---------------------------------------------------------------- calendar arithmetic


class _Period(NamedTuple):
    """An inclusive range of days and its granularity."""

    start: date
    end: date
    granularity: str


def _day(d: date) -> _Period:
    return _Period(d, d, "day")


def _week(d: date) -> _Period:
    monday = d - timedelta(days=d.weekday())
    return _Period(monday, monday + timedelta(days=6), "week")


def _month(year: int, month: int) -> _Period:
    last = calendar.monthrange(year, month)[1]
    return _Period(date(year, month, 1), date(year, month, last), "month")


def _year(year: int) -> _Period:
    return _Period(date(year, 1, 1), date(year, 12, 31), "year")


def _range(start: date, end: date) -> _Period | None:
    return _Period(start, end, "range") if start <= end else None


def _add_months(d: date, months: int) -> date:
    """Shifts ``d`` by whole months, clamping the day to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(d: date, unit: str, n: int) -> date:
    """Moves ``d`` by ``n`` units (hour, day, week, month, year, decade)."""
    if unit == "hour":
        return d + timedelta(days=-1 if n < 0 else 1) * ((abs(n) + 23) // 24)
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "year":
        return _add_months(d, 12 * n)
    return _add_months(d, 120 * n)  # decade


def _unit_period(d: date, unit: str) -> _Period:
    """The calendar unit (week, month, year, decade, weekend) holding ``d``."""
    if unit == "week":
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "year":
        return _year(d.year)
    if unit == "weekend":
        saturday = _week(d).start + timedelta(days=5)
        return _Period(saturday, saturday + timedelta(days=1), "range")
    first = d.year - d.year % 10
    return _Period(date(first, 1, 1), date(first + 9, 12, 31), "range")  # decade


# ---------------------------------------------------------------- vocabulary

_WORDS = DateWords.default()


def _alt(kind: str) -> str:
    """The words of one kind of data/rules/date-words.tsv as a regex alternation."""
    return _alternatives(_WORDS.words(kind))


def _alternatives(words: Sequence[str]) -> str:
    """Words as a regex alternation, in their order (a space matches any run of spaces)."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


_MONTHS = _WORDS.numbers("month", "month_abbrev")
_WEEKDAYS = _WORDS.numbers("weekday")
_NUMBER_WORDS = _WORDS.numbers("number", "number_ones", "number_tens")
# "last"/"past" -1, "this" 0, "next"/"coming" 1: the period before, at or after publication.
_STEPS = _WORDS.numbers("relative")
# "yesterday" -1, "tomorrow" 1, ...; "the day before yesterday" -2 (deictic_far).
_DEICTIC_DAYS = _WORDS.numbers("deictic", "deictic_far")
_SEASON_STARTS = _WORDS.numbers("season")  # the first month of each season
# Month and weekday names are case-sensitive: "may", "march" and "august" are words too.
_MON_FULL = r"(?-i:" + _alt("month") + ")"
_MON = r"(?-i:(?:" + _alt("month") + r")\b|(?:" + _alt("month_abbrev") + r")\b\.?)"
_WD = r"(?-i:" + _alt("weekday") + ")"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = (
    r"(?:\d{1,3}|(?:"
    + _alt("number_tens")
    + ")-(?:"
    + _alt("number_ones")
    + ")|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + "|"
    + _alt("count_vague")
    + ")"
)
_UNIT = r"(?:" + _alt("unit") + ")"
# A year or an ISO date must not be a piece of a longer number ("555-2017", "1,2015").
_NO_NUM_BEFORE = r"(?<![\d,./$£€])(?<!\d[-–])"
_NO_NUM_AFTER = r"(?![\d%]|[,.\-–/]\d)"


def _number(word: str) -> int | None:
    """The value of a count word ("seven", "twenty-one", "7"); None for vague ones."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    if "-" in word:
        tens, ones = word.split("-", 1)
        return _NUMBER_WORDS[tens] + _NUMBER_WORDS[ones]
    return _NUMBER_WORDS.get(word)


def _unit_of(word: str) -> str:
    return word.lower().rstrip("s")


# ---------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a resolver may use: the publication date and, inside a range, the year of
    its other end (so "from May to July 2016" reads May as May 2016)."""

    published: date | None
    year: int | None = None


_Resolver = Callable[[re.Match[str], _Ctx], "_Period | None"]


@dataclass(frozen=True)
class _Rule:
    """One pattern of the grammar and the function that resolves its matches.

    ``standalone`` marks a rule that must pass ``_in_temporal_context`` when it is an
    expression on its own (bare years, months and weekdays); inside a composite ("since
    2011", "early March") it needs no context.
    """

    name: str
    pattern: str
    resolve: _Resolver
    standalone: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _bare(pattern: str) -> str:
    """The pattern with its named groups made anonymous, to embed it in a composite."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _month_of(m: re.Match[str]) -> int:
    return _MONTHS[m["m"].lower().rstrip(".")]


def _day_of(m: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", m["d"]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _r_full_date(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    month = int(m["mo"]) if _g(m, "mo") else _month_of(m)
    d = _safe_date(int(m["y"]), month, _day_of(m))
    return _day(d) if d else None


def _r_day_month(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    month, day = _month_of(m), _day_of(m)
    if ctx.year is not None:
        d = _safe_date(ctx.year, month, day)
        return _day(d) if d else None
    pub = ctx.published
    if pub is None:
        return None
    options = [
        d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))
    ]
    if not options:
        return None
    # Nearest to publication; on a tie the earlier one (news mostly reports the past).
    return _day(min(options, key=lambda d: (abs((d - pub).days), d)))


def _r_month_year(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    return _month(int(m["y"]), _month_of(m))


def _r_year(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    return _year(int(m["y"]))


def _r_decade(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    first = int(m["c"]) * 10
    # "the 1800s" is the century; "the 2000s" is read as the decade, its usual sense.
    length = 100 if first % 100 == 0 and first < 2000 else 10
    return _Period(date(first, 1, 1), date(first + length - 1, 12, 31), "range")


def _r_year_span(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    first, last = int(m["y1"]), m["y2"]
    end = int(last) if len(last) == 4 else first - first % 100 + int(last)
    return _range(date(first, 1, 1), date(end, 12, 31))


def _r_month(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    month = _month_of(m)
    if ctx.year is not None:
        return _month(ctx.year, month)
    pub = ctx.published
    if pub is None:
        return None
    return _month(pub.year if month <= pub.month else pub.year - 1, month)


def _r_rel_month(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    pub, month, step = ctx.published, _month_of(m), _STEPS[m["rel"].lower()]
    if pub is None:
        return None
    if step < 0:
        return _month(pub.year if month < pub.month else pub.year - 1, month)
    if step > 0:
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    return _month(pub.year, month)  # this


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    pub = ctx.published
    if pub is None:
        return None
    wd, rel = _WEEKDAYS[m["wd"].lower()], _g(m, "rel")
    step = _STEPS[rel.lower()] if rel else None
    if step is not None and step > 0:  # "next Tuesday"
        return _day(pub + timedelta(days=(wd - pub.weekday()) % 7 or 7))
    if step == 0:  # "this Tuesday": the day of the publication's week
        return _day(pub + timedelta(days=wd - pub.weekday()))
    back = (pub.weekday() - wd) % 7
    if step is not None and step < 0 and back == 0:
        back = 7
    return _day(pub - timedelta(days=back))


def _r_deictic(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    pub = ctx.published
    if pub is None:
        return None
    if _g(m, "t"):  # "last night", "this morning"
        return _day(pub + timedelta(days=_STEPS[m["t"].lower()]))
    words = " ".join((_g(m, "p") or _g(m, "ba") or "").lower().split())
    return _day(pub + timedelta(days=_DEICTIC_DAYS[words]))


def _r_rel_unit(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    pub = ctx.published
    if pub is None:
        return None
    step, unit, rolling = _STEPS[m["rel"].lower()], m["u"].lower(), bool(_g(m, "the"))
    if rolling and unit != "weekend":
        # "the past year", "the coming week": a window ending or starting at publication.
        if step < 0:
            return _range(_shift(pub, unit, -1), pub)
        return _range(pub, _shift(pub, unit, 1))
    anchor = pub
    if step:
        anchor = _shift(pub, "week" if unit == "weekend" else unit, step)
    return _unit_period(anchor, unit)


def _r_season(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    name = (_g(m, "s1") or _g(m, "s2") or "").lower()
    first_month = _SEASON_STARTS[name]

    def season(year: int) -> _Period:
        start = date(year, first_month, 1)
        end = _add_months(start, 3) - timedelta(days=1)
        return _Period(start, end, "range")

    if _g(m, "y"):
        return season(int(m["y"]))
    pub = ctx.published
    if pub is None:
        return None
    step = _STEPS[m["rel"].lower()]
    # Seasons that start in the years around publication, in time order.
    seasons = [season(y) for y in range(pub.year - 2, pub.year + 2)]
    if step < 0:
        return max((s for s in seasons if s.end < pub), key=lambda s: s.start)
    if step > 0:
        return min((s for s in seasons if s.start > pub), key=lambda s: s.start)
    return season(pub.year)  # this


def _r_ago(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    n, pub, unit = _number(m["n"]), ctx.published, _unit_of(m["u"])
    if n is None or pub is None:
        return None
    then = _shift(pub, unit, -n)
    if unit == "day" or unit == "hour":
        return _day(then)
    return _unit_period(then, "year" if unit == "decade" else unit)


def _r_past_n(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    n, pub, unit = _number(m["n"]), ctx.published, _unit_of(m["u"])
    if n is None or pub is None:
        return None
    if _STEPS[m["rel"].lower()] > 0:  # "the next three days"
        return _range(pub, _shift(pub, unit, n))
    return _range(_shift(pub, unit, -n), pub)


def _r_vague(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    return None


def _r_the_unit(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    """'the year' inside "the end of the year": the publication's year (month, week)."""
    pub = ctx.published
    return _unit_period(pub, m["u"].lower()) if pub else None


_PARTS_OF_YEAR = {  # months (first, last)
    part: (int(first), int(last))
    for part, (first, last) in (
        (part, months.split("-", 1)) for part, months in _WORDS.values("part_of_year").items()
    )
}
_PART_WORDS = _WORDS.values("part_synonym")  # "the beginning of" is "early"
_THIRDS = _WORDS.numbers("part_third")  # early 0, mid 1, late 2
# The parts of a year said as "the first half of" (not the thirds, said "early 2017").
_PART_OF_WORDS = _alternatives([w for w in _WORDS.words("part_of_year") if w not in _THIRDS])


def _part_of(base: _Period, part: str) -> _Period:
    """The early/mid/late part (or a half, a quarter) of ``base``; see the module notes."""
    if base.granularity == "day":
        return base
    if base.granularity == "year":
        first, last = _PARTS_OF_YEAR[part]
        year = base.start.year
        return _Period(date(year, first, 1), _month(year, last).end, "range")
    if part not in _THIRDS:
        return _Period(base.start, base.end, "range")
    k = _THIRDS[part]
    if base.granularity == "month":
        start = base.start.replace(day=1 + 10 * k)
        end = base.end if k == 2 else base.start.replace(day=10 + 10 * k)
        return _Period(start, end, "range")
    if base.granularity == "week":
        start = base.start + timedelta(days=(0, 2, 4)[k])
        return _Period(start, base.start + timedelta(days=(1, 3, 6)[k]), "range")
    span = (base.end - base.start).days + 1
    if span >= 3650:  # a decade: years 0-3, 4-6, 7-9
        first = base.start.year
        years = ((0, 3), (4, 6), (7, 9))[k]
        return _Period(date(first + years[0], 1, 1), date(first + years[1], 12, 31), "range")
    third = span // 3
    start = base.start + timedelta(days=third * k)
    end = base.end if k == 2 else start + timedelta(days=third - 1)
    return _Period(start, end, "range")


def _p(template: str) -> str:
    """Expands the ``{NAME}`` pieces of a rule's pattern (month, day, year, ...)."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: _PIECES[m[1]], template)


_PIECES = {
    "MON": _MON,
    "MON_FULL": _MON_FULL,
    "WD": _WD,
    "DAY": _DAY,
    "YEAR": _YEAR,
    "NUM": _NUM,
    "UNIT": _UNIT,
    "NB": _NO_NUM_BEFORE,
    "NA": _NO_NUM_AFTER,
    "WDP": r"(?:" + _WD + r",?\s+)?",  # "Tuesday, January 17, 2017"
    "TOD": r"(?:" + _alt("time_of_day") + ")",
    "SEASON": _alt("season"),
    "DEICTIC": _alt("deictic"),
    "DEICTIC_FAR": _alt("deictic_far"),
}

# Point rules: a date or period on its own.
_ISO = _Rule("iso", _p(r"{NB}\b(?P<y>{YEAR})-(?P<mo>[01]\d)-(?P<d>[0-3]\d){NA}"), _r_full_date)
_MDY = _Rule(
    "month-day-year",
    _p(r"{WDP}\b(?P<m>{MON})\s*(?P<d>{DAY})\b,?\s+(?P<y>{YEAR}){NA}"),
    _r_full_date,
)
_DMY = _Rule(
    "day-month-year",
    _p(r"{WDP}{NB}(?:\bthe\s+)?\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MON}),?\s+(?P<y>{YEAR}){NA}"),
    _r_full_date,
)
_MD = _Rule("month-day", _p(r"{WDP}\b(?P<m>{MON})\s*(?P<d>{DAY})\b(?![.,:]?\d)"), _r_day_month)
_DM = _Rule(
    "day-month", _p(r"{WDP}{NB}(?:\bthe\s+)?\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MON})"), _r_day_month
)
_MY = _Rule("month-year", _p(r"\b(?P<m>{MON}),?\s+(?:of\s+)?(?P<y>{YEAR}){NA}"), _r_month_year)
_YEAR_RULE = _Rule("year", _p(r"{NB}\b(?P<y>{YEAR}){NA}"), _r_year, standalone=True)
_YEAR_SPAN = _Rule(
    "year-span", _p(r"{NB}\b(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR}|\d\d){NA}"), _r_year_span
)
_DECADE = _Rule("decade", r"(?:\bthe\s+)?\b(?P<c>1[89]\d|20\d)0s\b", _r_decade)
_MONTH_RULE = _Rule("month", _p(r"\b(?P<m>{MON_FULL})\b"), _r_month, standalone=True)
_WEEKDAY = _Rule(
    "weekday",
    _p(r"(?:\b(?P<rel>last|next|this|past)\s+)?\b(?P<wd>{WD})(?:\s+{TOD})?\b"),
    _r_weekday,
    standalone=True,
)
_DEICTIC = _Rule(
    "deictic",
    _p(
        r"\b(?:(?P<p>{DEICTIC})(?:\s+{TOD})?|(?P<t>this|last)\s+{TOD}"
        r"|the\s+day\s+(?P<ba>{DEICTIC_FAR}))\b"
    ),
    _r_deictic,
)
_REL_UNIT = _Rule(
    "relative-unit",
    r"\b(?:(?P<the>the)\s+)?(?P<rel>this|last|next|past|coming)\s+"
    r"(?P<u>week|weekend|month|year|decade)\b(?!\s+of\b)",
    _r_rel_unit,
)
_REL_MONTH = _Rule(
    "relative-month", _p(r"\b(?P<rel>last|next|this)\s+(?P<m>{MON_FULL})\b"), _r_rel_month
)
_SEASON = _Rule(
    "season",
    _p(
        r"\b(?:(?P<rel>last|next|this|past)\s+(?P<s1>{SEASON})"
        r"|(?:the\s+)?(?P<s2>{SEASON})\s+(?:of\s+)?(?P<y>{YEAR}))\b"
    ),
    _r_season,
)
_AGO = _Rule("ago", _p(r"\b(?P<n>{NUM})\s+(?P<u>{UNIT})s?\s+ago\b"), _r_ago)
_PAST_N = _Rule(
    "past-n",
    _p(r"\b(?:the\s+)?(?P<rel>past|last|next|coming)\s+(?P<n>{NUM})\s+(?P<u>{UNIT})s?\b"),
    _r_past_n,
)


def _r_earlier(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    pub = ctx.published
    if pub is None:
        return None
    whole = _unit_period(pub, m["u"].lower())
    if (_g(m, "el") or "").lower() == "later":
        return _range(pub, whole.end)
    return _range(whole.start, pub)


_EARLIER = _Rule(
    "earlier-this",
    r"\b(?:(?P<el>earlier|later)\s+this|so\s+far\s+this)\s+(?P<u>week|month|year)\b",
    _r_earlier,
)
_VAGUE = _Rule(
    "vague",
    _p(
        r"\b(?:recently|lately|recent\s+(?:days|weeks|months|years)"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years)"
        r"|(?:the\s+)?(?:previous|following|same|preceding)\s+(?:day|week|weekend|month|year|{TOD})"
        r"|that\s+(?:day|week|month|year|{TOD})"
        r"|the\s+next\s+(?:day|morning|night)"
        r"|the\s+(?:day|week|month|year)\s+(?:before|after)"
        r"|{NUM}\s+{UNIT}s?\s+(?:earlier|later))\b"
    ),
    _r_vague,
)
_THE_UNIT = _Rule("the-unit", r"\bthe\s+(?P<u>week|month|year)\b", _r_the_unit)

# What may follow "early", "the end of", ...: most specific first, since the first
# alternative that matches is the one a composite regex keeps.
_PART_BASES = (_MY, _DECADE, _YEAR_RULE, _REL_MONTH, _REL_UNIT, _THE_UNIT, _MONTH_RULE, _WEEKDAY)


def _alternation(rules: Sequence[_Rule]) -> str:
    return "(?:" + "|".join("(?:" + _bare(r.pattern) + ")" for r in rules) + ")"


def _resolve_inner(text: str, rules: Sequence[_Rule], ctx: _Ctx) -> _Period | None:
    """Resolves a piece of a composite by the first rule that matches all of it."""
    for rule in rules:
        m = rule.regex.fullmatch(text)
        if m:
            return rule.resolve(m, ctx)
    return None


def _r_part(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    base = _resolve_inner(m["b"], _PART_BASES, ctx)
    if base is None:
        return None
    word = re.sub(r"\s+", " ", (_g(m, "p1") or _g(m, "p2") or "").lower())
    return _part_of(base, _PART_WORDS.get(word, word))


_PART = _Rule(
    "part-of",
    r"\b(?:(?P<p1>" + _alt("part_third") + r")(?:-|\s+)(?:in\s+)?"
    r"|(?:the\s+)?(?P<p2>" + _alt("part_synonym") + "|" + _PART_OF_WORDS + r")\s+of\s+)"
    r"(?P<b>" + _alternation(_PART_BASES) + r")",
    _r_part,
)

# What may follow "since", "from", "between": most specific first.
_POINTS = (
    _PART,
    _ISO,
    _MDY,
    _DMY,
    _MY,
    _MD,
    _DM,
    _DECADE,
    _REL_MONTH,
    _REL_UNIT,
    _SEASON,
    _DEICTIC,
    _WEEKDAY,
    _YEAR_RULE,
    _MONTH_RULE,
)


def _r_since(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    base = _resolve_inner(m["b"], _POINTS, ctx)
    if base is None or ctx.published is None:
        return None
    return _range(base.start, ctx.published)


def _r_between(m: re.Match[str], ctx: _Ctx) -> _Period | None:
    first, last = (_g(m, "a") or _g(m, "a2") or ""), (_g(m, "b") or _g(m, "b2") or "")
    end = _resolve_inner(last, _POINTS, ctx)
    if end is None:
        return None
    # A yearless first end takes the year of the second ("from May to July 2016").
    start = _resolve_inner(first, _POINTS, dataclasses.replace(ctx, year=end.end.year))
    if start is not None and start.start > end.end:
        start = _resolve_inner(first, _POINTS, dataclasses.replace(ctx, year=end.end.year - 1))
    if start is None:
        return None
    return _range(start.start, end.end)


_SINCE = _Rule("since", r"\bsince\s+(?P<b>" + _alternation(_POINTS) + r")", _r_since)
_BETWEEN = _Rule(
    "from-to",
    r"\b(?:from\s+(?P<a>"
    + _alternation(_POINTS)
    + r")\s*(?:to|until|till|through|thru|-|–)\s*(?P<b>"
    + _alternation(_POINTS)
    + r")|between\s+(?P<a2>"
    + _alternation(_POINTS)
    + r")\s+and\s+(?P<b2>"
    + _alternation(_POINTS)
    + r"))",
    _r_between,
)

_RULES: tuple[_Rule, ...] = (
    _BETWEEN,
    _SINCE,
    _PART,
    _EARLIER,
    _ISO,
    _MDY,
    _DMY,
    _MD,
    _DM,
    _MY,
    _YEAR_SPAN,
    _DECADE,
    _REL_MONTH,
    _REL_UNIT,
    _SEASON,
    _AGO,
    _PAST_N,
    _VAGUE,
    _DEICTIC,
    _WEEKDAY,
    _YEAR_RULE,
    _MONTH_RULE,
)

# ---------------------------------------------------------------- context and entities

_TEMPORAL_LABELS = {"DATE", "TIME", "EVENT"}
# A match touching one of these entities is not a date ("Theresa May", "Resolution 2254").
_NON_TIME_LABELS = {
    "PERSON",
    "ORG",
    "LAW",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "WORK_OF_ART",
    "PRODUCT",
    "LANGUAGE",
    "MONEY",
    "PERCENT",
    "QUANTITY",
}
# Bare years, months and weekdays: also not inside a count ("killed 2015 people").
_NON_TIME_STANDALONE = _NON_TIME_LABELS | {"CARDINAL", "ORDINAL"}
# The English words these filters look for are word classes, data in
# data/rules/word-classes.tsv: TIME_CONTEXT_WORD (before a bare year, month or weekday:
# "in 2011", "since May") and TIME_CUE (a DATE entity the grammar missed is still a time
# expression when it holds one, or a month or weekday name: "the holy month of Ramadan",
# "the same day"). The grammar's own words (month, weekday, count and relative words,
# seasons, parts of a period, and the values the resolvers read) are data too, in
# data/rules/date-words.tsv; the patterns above are the mechanism that uses them.


@functools.cache
def _keep_entity() -> re.Pattern[str]:
    """A DATE entity holding a time cue, a month or a weekday name."""
    cues = [r"\s+".join(map(re.escape, w.split())) for w in WordClasses.default()["TIME_CUE"]]
    names = sorted([*cues, *_MONTHS, *_WEEKDAYS], key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(names)})\b", re.IGNORECASE)


_AGE = re.compile(r"\b(?:years?|months?)[\s-]+old\b|\baged?\b|-year-old", re.IGNORECASE)


def _overlaps(parsed: ParsedText, start: int, end: int, labels: set[str]) -> bool:
    return any(e.label in labels and e.start < end and start < e.end for e in parsed.entities)


def _in_temporal_context(parsed: ParsedText, start: int, end: int, m: re.Match[str]) -> bool:
    """A bare year, month or weekday counts only with temporal evidence around it."""
    text = parsed.text
    if _g(m, "rel"):  # "last Tuesday"
        return True
    if _overlaps(parsed, start, end, {"DATE", "TIME"}):
        return True
    if re.search(r"\s(?:morning|afternoon|evening|night)$", m.group(), re.IGNORECASE):
        return True  # "Wednesday night"
    before = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 20) : start])
    word = before.group(1).lower() if before else ""
    if word in WordClasses.default()["TIME_CONTEXT_WORD"]:
        return True
    after = text[end : end + 20]
    if re.match(r"['’]s\b", after):  # "2016's election", "Tuesday's attack"
        return True
    # "the 2011 uprising": a year between "the" and a lower-case noun.
    return bool(_g(m, "y")) and word == "the" and re.match(r"\s+[a-z]", after) is not None


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError as exc:
        raise ValueError(
            f'Publication date "{published}" is not an ISO date (YYYY-MM-DD). '
            "Give it as 2017-01-18, or as null when it is unknown."
        ) from exc


# ---------------------------------------------------------------- find_time_expressions


def find_time_expressions(parsed: ParsedText, published: str | None) -> tuple[TimeExpression, ...]:
    """Finds the time expressions of a text and resolves them to ranges of days.

    Args:
        parsed: the article's parse (its DATE/TIME entities are used as evidence).
        published: the publication date as an ISO date ("2017-01-18"), or None when
            unknown. Relative expressions resolve against it only; without it they are
            returned unresolved. A longer ISO timestamp is cut to its date.

    Returns:
        The expressions in text order, none overlapping. Prepositions that do not change
        the meaning ("in", "on", "during") are left out of the span; "since", "from ... to"
        and "between ... and" are part of it.

    Raises:
        ValueError: ``published`` is not an ISO date.
    """
    ctx = _Ctx(_parse_published(published))
    text = parsed.text
    candidates: list[tuple[int, int, _Rule, re.Match[str]]] = []
    for rule in _RULES:
        for m in rule.regex.finditer(text):
            start, end = m.span()
            if _overlaps(parsed, start, end, _NON_TIME_LABELS):
                continue
            if rule.standalone and (
                _overlaps(parsed, start, end, _NON_TIME_STANDALONE)
                or not _in_temporal_context(parsed, start, end, m)
            ):
                continue
            if rule is _YEAR_SPAN and _r_year_span(m, ctx) is None:
                continue  # "2014-2012" is not a span of years
            candidates.append((start, end, rule, m))
    # Leftmost-longest: "since May 2014" beats "May 2014", which beats "May".
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    chosen: list[tuple[int, int, _Rule, re.Match[str]]] = []
    for cand in candidates:
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    found = [_expression(text, start, end, rule.resolve(m, ctx)) for start, end, rule, m in chosen]
    for ent in parsed.entities:
        if ent.label not in ("DATE", "TIME"):
            continue
        if any(ent.start < x.end and x.start < ent.end for x in found):
            continue
        if _keep_entity().search(ent.text) and not _AGE.search(ent.text):
            found.append(_expression(text, ent.start, ent.end, None))
    return tuple(sorted(found, key=lambda x: x.start))


def _expression(text: str, start: int, end: int, period: _Period | None) -> TimeExpression:
    if period is None:
        return TimeExpression(start, end, text[start:end])
    return TimeExpression(
        start,
        end,
        text[start:end],
        period.start.isoformat(),
        period.end.isoformat(),
        period.granularity,
    )


# ---------------------------------------------------------------- date_events

# Crossing one of these arcs upwards leaves the clause (or noun phrase) an expression is in.
_CLAUSE_DEPS = {
    "relcl",
    "acl",
    "advcl",
    "ccomp",
    "csubj",
    "csubjpass",
    "parataxis",
    "conj",
    "amod",
    "appos",
}
# A noun anchor ("talks", "attack") is dated by the verb it is an argument of.
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj", "prep", "agent", "dative"}


def _clause_head(parsed: ParsedText, anchor: Token) -> Token:
    """The verb that governs the event's anchor: itself, or for a noun argument its verb."""
    tok = anchor
    while tok.pos not in ("VERB", "AUX") and tok.dep in _ARGUMENT_DEPS and tok.head != tok.i:
        tok = parsed.tokens[tok.head]
    return tok if tok.pos in ("VERB", "AUX") else anchor


def _attachment(parsed: ParsedText, head: Token, stop: set[int]) -> tuple[int | None, bool]:
    """Climbs from an expression's head token until it leaves its clause.

    Returns the first token of ``stop`` reached (or None) and whether the clause the
    expression sits in is headed by a speech verb (word class SPEECH_VERB: the expression
    dates the speaking, not the event reported) or lies inside a noun phrase.
    """
    tok = head
    while True:
        if tok.i in stop:
            return tok.i, False
        if tok.head == tok.i:
            return None, tok.lemma.lower() in WordClasses.default()["SPEECH_VERB"]
        if tok.i != head.i and tok.dep in _CLAUSE_DEPS:
            speech = tok.lemma.lower() in WordClasses.default()["SPEECH_VERB"]
            local = speech or tok.dep in ("relcl", "acl", "amod")
            return None, local
        tok = parsed.tokens[tok.head]


class _Located(NamedTuple):
    anchor: Token | None
    clause: Token | None


def date_events(
    events: Sequence[Event],
    parsed: ParsedText,
    expressions: Sequence[TimeExpression],
    published: str | None,
    index: DocIndex | None = None,
) -> tuple[Event, ...]:
    """Gives each event the date of its own time expression, else the publication date.

    The expression chosen for an event is, in order of preference:

    1. one attached to the event's clause in the dependency tree: climbing from its head
       token reaches the event's anchor (``anchor.event_anchor``: the word that heads
       the trigger words) or the verb a noun anchor is an argument of, without leaving a
       relative, adverbial, complement or conjoined clause on the way; the nearest to the
       anchor when there are several;
    2. otherwise, when the sentence holds a single event clause, the nearest expression
       elsewhere in the sentence, unless it dates a speech verb ("said last month that
       ...") or sits in a noun phrase ("the GNA, which took office last March");
    3. otherwise, for an event reported as news, the publication date, with basis
       "publication" and granularity "day";
    4. otherwise no date, with basis "unknown": a background event with no expression of
       its own, which did not happen when the article was published (``_background``):
       in the past perfect ("had seized the town"), in a past relative clause about an
       actor ("the president, who took power in a coup"), or introduced as earlier
       ("previously", "earlier"); and any event when there is no publication date.

    An unresolved expression (a relative one without a publication date, "recently") is
    still the event's date: its text is kept, its range is null.

    Args:
        events: the article's events; ``sentence`` spans index ``parsed.text``.
        parsed: the article's parse.
        expressions: the output of ``find_time_expressions`` for the same text.
        published: the publication date (ISO), or None.
        index: the parse's index; built when None.

    Returns:
        The events in the same order, each with its ``date`` set.

    Raises:
        ValueError: ``published`` is not an ISO date.
    """
    pub = _parse_published(published)
    index = index or DocIndex(parsed)

    def tokens_of(x: TimeExpression) -> list[Token]:
        first, last = index.tokens_of(x.start, x.end)
        return [t for t in parsed.tokens[first:last] if not t.text.isspace()]

    expr_tokens = {x: tokens_of(x) for x in expressions}
    located: list[_Located] = []
    for event in events:
        i = event_anchor(event, parsed, index)
        anchor = parsed.tokens[i] if i is not None else None
        clause = _clause_head(parsed, anchor) if anchor is not None else None
        located.append(_Located(anchor, clause))

    clauses_per_sentence: dict[tuple[int, int], set[object]] = {}
    for n, (event, loc) in enumerate(zip(events, located, strict=True)):
        key = (event.sentence.start, event.sentence.end)
        clauses_per_sentence.setdefault(key, set()).add(loc.clause.i if loc.clause else ("e", n))

    dated: list[Event] = []
    for event, loc in zip(events, located, strict=True):
        key = (event.sentence.start, event.sentence.end)
        in_sentence = [
            x for x in expressions if key[0] <= x.start and x.end <= key[1] and expr_tokens[x]
        ]
        choice = _choose(parsed, loc, in_sentence, expr_tokens, len(clauses_per_sentence[key]))
        said_when = [t for x in in_sentence for t in expr_tokens[x]]
        news = choice is not None or not _background(parsed, index, loc, said_when)
        dated.append(dataclasses.replace(event, date=_event_date(choice, pub if news else None)))
    return tuple(dated)


def _choose(
    parsed: ParsedText,
    loc: _Located,
    candidates: Sequence[TimeExpression],
    expr_tokens: dict[TimeExpression, list[Token]],
    clauses_in_sentence: int,
) -> TimeExpression | None:
    """Picks an event's expression: attached to its clause, else the sentence's (see
    ``date_events``)."""
    attached: list[TimeExpression] = []
    loose: list[TimeExpression] = []
    stop = {loc.clause.i} if loc.clause else set()
    stop |= {loc.anchor.i} if loc.anchor else set()
    for x in candidates:
        head = parsed.tokens[span_head(parsed, [t.i for t in expr_tokens[x]])]
        reached, local = _attachment(parsed, head, stop)
        if reached is not None:
            attached.append(x)
        elif not local:
            loose.append(x)
    pool = attached or (loose if clauses_in_sentence == 1 else [])
    if not pool:
        return None
    if loc.anchor is None:
        return pool[0]
    at = loc.anchor.start
    return min(pool, key=lambda x: (min(abs(x.start - at), abs(x.end - at)), x.start))


#: Adverbs that place an event before the news ("had previously met", "earlier, the army
#: shelled"): with no expression of its own, such an event is not dated by publication.
def _background(
    parsed: ParsedText, index: DocIndex, loc: _Located, expression_tokens: Sequence[Token] = ()
) -> bool:
    """True when the event's clause is background: past perfect, a past or present-perfect
    relative clause about an actor, or marked as earlier (see ``date_events``).
    ``expression_tokens`` are the tokens of the sentence's time expressions."""
    verb = loc.clause
    if verb is None or verb.pos not in ("VERB", "AUX"):
        return False
    words = WordClasses.default()
    kids = [parsed.tokens[k] for k in index.children[verb.i]]
    if verb.tag == "VBN" and any(k.dep == "aux" and k.text.lower() == "had" for k in kids):
        # "had seized", "had been seized" (the passive's aux is on the verb); but reported
        # speech shifts its tense back: "the group said it had killed ten soldiers" is the
        # news of the day, told in the past perfect because "said" is past
        head = parsed.tokens[verb.head]
        if verb.dep != "ccomp" or head.lemma.lower() not in words["SPEECH_VERB"]:
            return True
        # ... unless the saying has a date of its own ("said last month that it had
        # delivered"): then what it reports came before that date, which is not known
        return any(_attached_to(parsed, t, head.i) for t in expression_tokens)
    if any(k.dep == "advmod" and k.text.lower() in words["EARLIER_MARKER"] for k in kids):
        return True
    perfect = verb.tag == "VBN" and any(k.dep == "aux" and k.lemma.lower() == "have" for k in kids)
    if verb.dep == "relcl" and (verb.tag == "VBD" or perfect):
        # "Hiftar, who took power ..." / "who has been denounced as a terrorist": what is
        # said of someone in passing, not the day's news
        head = parsed.tokens[verb.head]
        relative = any(k.text.lower() in words["PERSON_RELATIVE_PRONOUN"] for k in kids)
        named = head.pos == "PROPN" or head.ent_type in ("PERSON", "ORG", "NORP", "GPE")
        return relative or named
    return False


def _attached_to(parsed: ParsedText, token: Token, verb: int) -> bool:
    """True when ``token`` modifies ``verb`` directly or through one preposition."""
    if token.head == verb and token.i != verb:
        return True
    head = parsed.tokens[token.head]
    return head.dep == "prep" and head.head == verb


def _event_date(x: TimeExpression | None, pub: date | None) -> EventDate:
    if x is not None:
        return EventDate(
            start=x.range_start,
            end=x.range_end,
            text=x.text,
            basis="expression",
            granularity=x.granularity,
        )
    if pub is not None:
        day = pub.isoformat()
        return EventDate(start=day, end=day, basis="publication", granularity="day")
    return EventDate(basis="unknown")
