"""Datelines: where, when and through whom a story was filed, read off its first paragraph.

A wire story opens with a dateline: "KHARTOUM, May 4 (Reuters) -", "TBILISI, Georgia, May 12
(AFP) --", "WASHINGTON (AP) —", "MOSCOW, March 14. /TASS/.", "Lima (EFE).-", "DHAKA:", or only
the outlet glued to the first word, "(CNN)Washington...". Left in the text it becomes part
of the first actor's name or a place of the story; cut, it says where the story was filed
and which agency reported it.

``split_dateline`` finds one at the start of a paragraph and returns it with the rest of
the paragraph; ``resolve_date`` reads its date when it is complete (with a year) and
nothing else: a date is never guessed.

Notes:
    The grammar is code, the month names are the date grammar's own words
    (``data/rules/date-words.tsv``). An all-capitals word alone before a dash ("NATO —")
    is too often a subject, so a dateline without an agency or a date needs a place of at
    least two words, a colon, a country after a comma, or one word of six letters or more
    before "--" or "—" ("YEREVAN --"; "UNICEF —" would pass too, and is left to chance).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..knowledge.date_words import DateWords
from ..knowledge.gazetteer import Gazetteer
from ..records import Dateline

__all__ = ["DatelineMatch", "locate", "resolve_date", "split_dateline"]

_CAPS_PLACE = r"[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+(?:\s[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+){0,3}"
_NAME_PLACE = r"[A-ZÀ-Þ][\wÀ-ÿ'’.\-]+(?:\s(?:[A-ZÀ-Þ][\wÀ-ÿ'’.\-]+|de|del|al|es|au|da)){0,3}"
_AGENCY = r"[A-Z][\w.&\- ]{0,24}?"
#: A lone capitalised word before "--" or "—" is a place when it is this long: "YEREVAN --",
#: but not "NATO —" (the acronyms that open sentences are shorter).
_LONE_PLACE_LETTERS = 6
_SEPARATOR = r"\s*(?:-{1,2}|—|–|:|\.-|\.–|\.(?=\s))\s*"
#: An agency named in capitals without brackets after the date ("Accra, Dec. 5, GNA -").
_LISTED_AGENCY = r"[A-Z]{2,8}(?:-[A-Z]{2,8})?"


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline found at the start of a paragraph, and its parts as written."""

    text: str
    place: str | None
    date: str | None
    agency: str | None


@cache
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The dateline patterns, built once with the month names of the date grammar."""
    words = DateWords.default()
    months = sorted(words.words("month") + words.words("month_abbrev"), key=len, reverse=True)
    month = rf"(?:{'|'.join(map(re.escape, months))})\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    when = (
        rf"(?:{month}\s{day}(?:,?\s\d{{4}})?|{day}\s(?:of\s)?{month},?(?:\s\d{{4}})?"
        rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    )
    # "TBILISI, Georgia", or the country in brackets: "Dakar (Senegal)".
    place = (
        rf"(?P<place>{_CAPS_PLACE}|{_NAME_PLACE})"
        rf"(?:\s\((?P<bracketed>[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){{0,2}})\)(?=,?\s\d))?"
        rf"(?:,\s(?P<country>[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){{0,2}}))??"
    )
    agency = rf"(?:\((?P<agency>{_AGENCY})\)|/(?P<slashed>{_AGENCY})/)"
    # An agency, a separator or both must close it, so the place and date are read whole;
    # a stray comma before the dash is the dateline's own ("KOTA KINABALU, — The...").
    full = re.compile(
        rf"{place}(?:,?\s(?P<date>{when})\.?)?\s?"
        rf"(?:{agency}(?P<sep>{_SEPARATOR})?|,?(?P<bare_sep>{_SEPARATOR}))"
    )
    # An agency in capitals without brackets follows a date and a comma, and a dash or a
    # colon follows it: "Accra, Dec. 5, GNA -" ("Kim, UN -" is no dateline).
    listed = re.compile(
        rf"{place},?\s(?P<date>{when})\.?,\s(?P<agency>{_LISTED_AGENCY})(?P<sep>{_SEPARATOR})"
    )
    lone = re.compile(rf"\((?P<agency>{_AGENCY})\)(?P<sep>{_SEPARATOR})?")
    caps = re.compile(_CAPS_PLACE)
    return full, listed, lone, caps


def split_dateline(paragraph: str) -> tuple[DatelineMatch, str] | None:
    """Splits a dateline off the start of ``paragraph``; None when it opens with none.

    Args:
        paragraph: the first body paragraph of an article.

    Returns:
        The dateline, its place, date and agency as written, and the rest of the paragraph
        (which must start a sentence: a capital, a digit or a quotation mark).
    """
    full, listed, lone, caps = _grammar()
    match = lone.match(paragraph)
    if match is not None:
        rest = paragraph[match.end() :]
        if _starts_sentence(rest) and match["agency"].replace(" ", "").isupper():
            return DatelineMatch(
                match.group().strip(), None, None, match["agency"].strip()
            ), rest.strip()
        return None
    match = listed.match(paragraph) or full.match(paragraph)
    if match is None:
        return None
    rest = paragraph[match.end() :]
    found: dict[str, str | None] = match.groupdict()
    agency = found["agency"] or found.get("slashed")
    place, when = str(found["place"]), found["date"]
    country = found["country"] or found["bracketed"]
    sep = found["sep"] or found.get("bare_sep") or ""
    if not _starts_sentence(rest) or (not sep and agency is None):
        return None
    in_caps = caps.fullmatch(place) is not None
    if agency is None:
        # No agency: an all-capitals place with a date, a country, a colon, or two words.
        if not in_caps:
            return None
        if (
            when is None
            and country is None
            and ":" not in sep
            and " " not in place
            and not (len(place) >= _LONE_PLACE_LETTERS and sep.strip() in ("--", "—"))
        ):
            return None
    elif not sep and not in_caps and not rest.lstrip()[:1].isupper():
        return None
    if country is not None and not in_caps and agency is None:
        return None
    place_text = f"{place}, {country}" if country else place
    return (
        DatelineMatch(
            match.group().strip(), _title(place_text), when, agency.strip() if agency else None
        ),
        rest.strip(),
    )


def resolve_date(written: str | None) -> str | None:
    """The ISO date of a dateline's date when it names day, month and year; else None."""
    if not written:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
        return _iso(int(written[:4]), int(written[5:7]), int(written[8:]))
    months = DateWords.default().numbers("month", "month_abbrev")
    parts = re.findall(r"[A-Za-z]+|\d+", written)
    year = next((int(p) for p in parts if len(p) == 4 and p.isdigit()), None)
    day = next((int(p) for p in parts if p.isdigit() and len(p) <= 2), None)
    month = next((months[p.lower()] for p in parts if p.lower() in months), None)
    if year is None or day is None or month is None:
        return None
    return _iso(year, month, day)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _starts_sentence(rest: str) -> bool:
    """True when what follows a dateline opens a sentence."""
    rest = rest.lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"‘'")


def _title(place: str) -> str:
    """A place written in capitals as a name ("TBILISI, Georgia" -> "Tbilisi, Georgia")."""
    return ", ".join(
        part.title() if part.isupper() else part for part in (p.strip() for p in place.split(","))
    )


def locate(dateline: Dateline, gazetteer: Gazetteer) -> Dateline:
    """``dateline`` with the GeoNames id of its place, when the gazetteer knows the place.

    "Tbilisi, Georgia" is looked up as written, then by its first part; the most prominent
    entry whose country matches the second part (when there is one) wins. A place the
    gazetteer does not know, or knows only without an id, keeps ``place_id`` None.
    """
    if not dateline.place:
        return dateline
    parts = [p.strip() for p in dateline.place.split(",")]
    country = parts[1] if len(parts) > 1 else None
    wanted = (
        {e.country for e in gazetteer.candidates(country) if e.feature == "country"}
        if country
        else set()
    )
    for name in (dateline.place, parts[0]):
        for entry in gazetteer.candidates(name):
            if entry.geonameid is not None and (not wanted or entry.country in wanted):
                return dataclasses.replace(dateline, place_id=entry.geonameid)
    return dateline
