"""Word classes: the named sets of words that rules and the coder refer to, as data.

The classes live in ``data/rules/word-classes.tsv`` (format documented at the top of that
file): one row per class with an id, its members, a source, an example sentence in which a
member occurs and a counter-example in which none does. Code asks for a class by name
(``words["TROOPS"]``); a name that no file defines is an error, never an empty set, so a
renamed or misspelt class cannot silently switch a rule off.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .tables import read_rule_table

DEFAULT_FILE = Path(__file__).parents[1] / "data" / "rules" / "word-classes.tsv"
COLUMNS = ("id", "class", "words", "source", "example", "not")


class UnknownWordClass(ConfigError):
    """A rule or a pattern names a word class that no file defines."""


@dataclass(frozen=True, slots=True)
class WordClass:
    """One row of a word-class file."""

    id: str
    name: str
    words: frozenset[str]
    source: str
    example: str
    counter: str
    where: str


class WordClasses:
    """Word classes by name, read from one or more files (later files add members)."""

    def __init__(self, rows: Iterable[WordClass]) -> None:
        self.rows = tuple(rows)
        members: dict[str, frozenset[str]] = {}
        for row in self.rows:
            members[row.name] = members.get(row.name, frozenset()) | row.words
        self._members = members

    @classmethod
    def load(cls, paths: Iterable[str | Path] = ()) -> WordClasses:
        """Our packaged classes, then the files in ``paths``.

        Raises:
            ConfigError: a file cannot be read or a line is malformed.
        """
        rows: list[WordClass] = []
        for path in (DEFAULT_FILE, *paths):
            rows.extend(read_word_classes(path))
        return cls(rows)

    @classmethod
    def default(cls) -> WordClasses:
        """Our packaged classes, loaded once per process: the ones ``Knowledge.words`` holds."""
        return _default()

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._members[name]
        except KeyError:
            raise UnknownWordClass(
                f"Unknown word class @{name}: it is defined in no word-class file. "
                f"Known classes: {', '.join(sorted(self._members))}."
            ) from None

    def get(self, name: str, default: frozenset[str] = frozenset()) -> frozenset[str]:
        """The members of ``name``, or ``default`` when no file defines it."""
        return self._members.get(name, default)

    def __contains__(self, name: object) -> bool:
        return name in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)


@functools.lru_cache(maxsize=1)
def _default() -> WordClasses:
    return WordClasses.load()


def read_word_classes(path: str | Path) -> list[WordClass]:
    """Reads one word-class file (``data/rules/word-classes.tsv`` format).

    Raises:
        ConfigError: the file is missing, has no header, or a line is malformed.
    """
    rows: list[WordClass] = []
    seen: set[str] = set()
    for where, cols in read_rule_table(path, COLUMNS, "Word-class file"):
        row_id, name, words, source, example, counter = cols
        if not name.isupper() or not name.replace("_", "").isalnum():
            raise ConfigError(f"{where}: class name {name!r} must be upper case (A-Z, _).")
        members = frozenset(w.strip().lower() for w in words.split("|") if w.strip())
        if not row_id or row_id in seen or not members or not source or not example:
            raise ConfigError(
                f"{where}: every row needs a unique id, members, a source and an example."
            )
        seen.add(row_id)
        rows.append(WordClass(row_id, name, members, source, example, counter, where))
    return rows
