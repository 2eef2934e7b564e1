"""Date words: the vocabulary of the date grammar (``extract/dates.py``), as data.

The words live in ``data/rules/date-words.tsv`` (format documented at the top of that
file): one row per word with an id, its kind (month, weekday, number, relative, ...), the
word as the grammar matches it, its value, a source, an example sentence in which the word
is read as a time expression and a counter-example in which it is not. The grammar's
patterns stay code (the mechanism); they take their alternations and their tables from
here, in file order (the order of an alternation is the order of its rows).

Notes:
    The design follows SUTime's rule files (stanfordnlp/CoreNLP
    ``time/rules/english.sutime.txt``), which keep month, weekday and number words in
    named tables apart from the patterns that use them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .tables import read_rule_table

DEFAULT_FILE = Path(__file__).parents[1] / "data" / "rules" / "date-words.tsv"
COLUMNS = ("id", "kind", "word", "value", "source", "example", "not")

#: The kinds a row may have, and what its value is.
KINDS = {
    "month": "the month's number, 1-12 (matched case-sensitively, as written)",
    "month_abbrev": "the month's number, 1-12 (matched case-sensitively, as written)",
    "weekday": "the day's number, Monday 0 to Sunday 6 (matched as written)",
    "number": "the count it stands for",
    "number_ones": "the count it stands for; also the second half of 'twenty-one'",
    "number_tens": "the count it stands for; also the first half of 'twenty-one'",
    "count_vague": "none: a count with no number ('several', 'a few')",
    "unit": "none: a unit a count of which is a duration ('three days ago')",
    "time_of_day": "none: a part of a day ('this morning')",
    "relative": "the step from the publication's period: -1 before, 0 this one, 1 after",
    "deictic": "the days from publication ('yesterday' -1)",
    "deictic_far": "the days from publication, after 'the day' ('before yesterday' -2)",
    "season": "the number of the season's first month",
    "part_of_year": "the months it covers in a year, first-last ('1-4')",
    "part_third": "which third of a period it is: 0, 1 or 2",
    "part_synonym": "the part word it stands for ('beginning' is 'early')",
}


_INTEGER = re.compile(r"-?\d+")
_EMPTY = re.compile(r"")
#: The shape of a value per kind; a kind not named here has no value.
_VALUE_SHAPES = {
    **dict.fromkeys(
        ("month", "month_abbrev", "weekday", "number", "number_ones", "number_tens"), _INTEGER
    ),
    **dict.fromkeys(("relative", "deictic", "deictic_far", "season", "part_third"), _INTEGER),
    "part_of_year": re.compile(r"\d{1,2}-\d{1,2}"),
    "part_synonym": re.compile(r"[a-z]+"),
}


@dataclass(frozen=True, slots=True)
class DateWord:
    """One row of a date-word file."""

    id: str
    kind: str
    word: str
    value: str
    source: str
    example: str
    counter: str
    where: str


def read_date_words(path: str | Path) -> list[DateWord]:
    """Reads one date-word file (``data/rules/date-words.tsv`` format).

    Raises:
        ConfigError: the file is missing, has no header, or a line is malformed.
    """
    rows: list[DateWord] = []
    seen: set[str] = set()
    for where, cols in read_rule_table(path, COLUMNS, "Date-word file"):
        row_id, kind, word, value, source, example, counter = cols
        if kind not in KINDS:
            raise ConfigError(
                f"{where}: unknown kind {kind!r}. Known kinds: {', '.join(sorted(KINDS))}."
            )
        if not row_id or row_id in seen or not word or not source or not example:
            raise ConfigError(
                f"{where}: every row needs a unique id, a word, a source and an example."
            )
        if not _VALUE_SHAPES.get(kind, _EMPTY).fullmatch(value):
            raise ConfigError(
                f"{where}: the value {value!r} does not fit a {kind} row: {KINDS[kind]}."
            )
        seen.add(row_id)
        rows.append(DateWord(row_id, kind, word, value, source, example, counter, where))
    return rows


class DateWords:
    """The date grammar's words by kind, in file order."""

    def __init__(self, rows: list[DateWord]) -> None:
        self.rows = tuple(rows)

    def words(self, kind: str) -> list[str]:
        """The words of one kind, as written, in file order."""
        return [r.word for r in self.rows if r.kind == kind]

    def values(self, kind: str) -> dict[str, str]:
        """Lower-case word -> value for one kind, in file order."""
        return {r.word.lower(): r.value for r in self.rows if r.kind == kind}

    def numbers(self, *kinds: str) -> dict[str, int]:
        """Lower-case word -> integer value over several kinds, in file order."""
        return {r.word.lower(): int(r.value) for r in self.rows if r.kind in kinds}

    @classmethod
    def default(cls) -> DateWords:
        """Our packaged date words, loaded once per process."""
        return _default()


@functools.lru_cache(maxsize=1)
def _default() -> DateWords:
    return DateWords(read_date_words(DEFAULT_FILE))
