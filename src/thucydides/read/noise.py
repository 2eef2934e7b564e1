"""Page-noise rules: the shapes of scraped page clutter, read from ``data/rules/page-noise.tsv``.

Each row names a regular expression, what it is matched against (a whole line, the start
of a line glued to the body, the end of a paragraph, a whole paragraph, a line that
opens the page's tail, a line that speaks to the reader, a line that heads a block of
summary bullets, or a line that signs the story off) and the ``removed`` kind a cut
gets. ``read/cleanup.py`` applies them; ``tests/test_rules.py`` checks every row on its
example and counter-example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast, get_args

from ..errors import ConfigError
from ..knowledge.tables import read_rule_table
from ..records import RemovedKind

__all__ = ["NoiseRule", "NoiseRules", "noise_rules", "read_noise_rules"]

Where = Literal["line", "prefix", "suffix", "paragraph", "tail", "address", "summary", "signoff"]
COLUMNS = ("id", "kind", "where", "pattern", "source", "example", "not")
_KINDS = frozenset(get_args(RemovedKind)) - {"dateline"}
_WHERE = frozenset(get_args(Where))
#: A paragraph rule judges paragraphs up to this long; a longer one is body that may quote
#: the same words ("...said the site used cookies to track users").
PARAGRAPH_MAX_WORDS = 80
#: Line, prefix and tail rules judge lines up to this long: page furniture is short, and
#: body paragraphs of hundreds of words need not be matched against every rule.
LINE_MAX_WORDS = 40
#: An address row stays silent on a line that quotes someone or reports what was said:
#: that is the story speaking ("'Tell your families,' the mayor said").
_QUOTED = re.compile(r"[“”\"«»]|\b(?:said|says|told|tells|according to|added|warned|urged)\b")
_BULLET = re.compile(r"^[•·▪►▶*>»|\-–—]+\s*")
_TRAILER = re.compile(r"[\s:|»›→>]+$")


@dataclass(frozen=True, slots=True)
class NoiseRule:
    """One row of the page-noise table, compiled."""

    id: str
    kind: RemovedKind
    where: Where
    pattern: re.Pattern[str]
    source: str
    example: str
    counter: str
    location: str

    def whole(self, line: str) -> bool:
        """True when the rule takes ``line`` whole (a line, paragraph or tail rule)."""
        if self.where == "paragraph":
            return (
                len(line.split()) <= PARAGRAPH_MAX_WORDS and self.pattern.search(line) is not None
            )
        if self.where == "address":
            return (
                len(line.split()) <= PARAGRAPH_MAX_WORDS
                and _QUOTED.search(line) is None
                and self.pattern.search(line) is not None
            )
        if self.where == "suffix" or len(line.split()) > LINE_MAX_WORDS:
            return False
        return self.pattern.fullmatch(bare(line)) is not None

    def prefix(self, line: str) -> int:
        """The length of the glued prefix this rule cuts from ``line`` (0 when none)."""
        if self.where != "prefix":
            return 0
        match = self.pattern.match(line)
        if match is None or match.end() == len(line):
            return 0
        rest = line[match.end() :].lstrip()
        # The body after a glued prefix starts a sentence: a capital, a digit or a quote.
        return match.end() if rest and (rest[0].isupper() or rest[0] in "“\"‘'(0123456789") else 0

    def suffix(self, paragraph: str) -> int:
        """Where the suffix this rule cuts from ``paragraph`` starts (its length when none)."""
        if self.where != "suffix":
            return len(paragraph)
        for match in self.pattern.finditer(paragraph):
            if match.end() == len(paragraph) and re.search(
                r"[.!?][\"'”’]?$", paragraph[: match.start()]
            ):
                return match.start()
        return len(paragraph)

    def fires(self, text: str) -> bool:
        """True when the rule cuts something from ``text`` (a line or a paragraph)."""
        return self.whole(text) or self.prefix(text) > 0 or self.suffix(text) < len(text)


@dataclass(frozen=True, slots=True)
class NoiseRules:
    """The page-noise rules by where they apply."""

    rules: tuple[NoiseRule, ...]

    def line_kind(self, line: str) -> RemovedKind | None:
        """The kind of the first line, prefix or paragraph rule that takes ``line`` whole."""
        if len(line.split()) > PARAGRAPH_MAX_WORDS:
            return None
        for rule in self.rules:
            if rule.where in ("line", "prefix", "paragraph", "signoff") and rule.whole(line):
                return rule.kind
        return None

    def whole_line_kind(self, line: str) -> RemovedKind | None:
        """The kind of the first ``line`` or ``signoff`` row that takes ``line`` whole, or None."""
        return self._whole_kind(line, "line", LINE_MAX_WORDS) or self.signoff_kind(line)

    def signoff_kind(self, line: str) -> RemovedKind | None:
        """The kind of the first signoff rule ``line`` is (a line that closes the story: an
        agency's or a reporter's sign-off alone on a line, "— NNN-BERNAMA"), or None."""
        return self._whole_kind(line, "signoff", LINE_MAX_WORDS)

    def address_kind(self, line: str) -> RemovedKind | None:
        """The kind of the first address rule ``line`` is (it speaks to the reader or of
        the page itself, and quotes no one), or None."""
        return self._whole_kind(line, "address", PARAGRAPH_MAX_WORDS)

    def summary_kind(self, line: str) -> RemovedKind | None:
        """The kind of the first summary rule ``line`` is (it heads a block of bullet
        points that sum the story up: "Key points:", "In Summary"), or None."""
        return self._whole_kind(line, "summary", LINE_MAX_WORDS)

    def tail_kind(self, line: str) -> RemovedKind | None:
        """The kind of the first tail rule ``line`` is, or None."""
        return self._whole_kind(line, "tail", LINE_MAX_WORDS)

    def _whole_kind(self, line: str, where: Where, max_words: int) -> RemovedKind | None:
        """The kind of the first rule of ``where`` that takes ``line`` whole, or None."""
        if len(line.split()) > max_words:
            return None
        return next((r.kind for r in self.rules if r.where == where and r.whole(line)), None)

    def split_prefix(self, line: str) -> tuple[RemovedKind, str, str] | None:
        """``(kind, prefix, rest)`` when a glued prefix rule fires on ``line``."""
        for rule in self.rules:
            if (end := rule.prefix(line)) > 0:
                return rule.kind, line[:end].strip(), line[end:].strip()
        return None

    def split_suffix(self, paragraph: str) -> tuple[RemovedKind, str, str] | None:
        """``(kind, head, suffix)`` when a suffix rule fires on ``paragraph``."""
        for rule in self.rules:
            if (start := rule.suffix(paragraph)) < len(paragraph):
                return rule.kind, paragraph[:start].rstrip(), paragraph[start:].strip()
        return None


def bare(line: str) -> str:
    """``line`` without leading bullets and trailing colons, bars and arrows."""
    return _TRAILER.sub("", _BULLET.sub("", line)) or line


def read_noise_rules(path: str | Path) -> list[NoiseRule]:
    """Reads a page-noise table (format at the top of ``data/rules/page-noise.tsv``).

    Raises:
        ConfigError: a row with an unknown kind or place, a bad pattern, or an id used twice.
    """
    rules: list[NoiseRule] = []
    seen: set[str] = set()
    for where, (rid, kind, place, pattern, source, example, counter) in read_rule_table(
        path, COLUMNS, "Page-noise file"
    ):
        if rid in seen:
            raise ConfigError(f"{where}: the id {rid!r} is used twice; ids are unique.")
        seen.add(rid)
        if kind not in _KINDS:
            raise ConfigError(f"{where}: unknown kind {kind!r}; one of {sorted(_KINDS)}.")
        if place not in _WHERE:
            raise ConfigError(f"{where}: unknown where {place!r}; one of {sorted(_WHERE)}.")
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            raise ConfigError(f"{where}: bad pattern {pattern!r} ({err}).") from err
        rules.append(
            NoiseRule(
                rid,
                cast(RemovedKind, kind),
                cast(Where, place),
                compiled,
                source,
                example,
                counter,
                where,
            )
        )
    return rules


@cache
def noise_rules() -> NoiseRules:
    """The packaged page-noise rules, read once per process."""
    path = resources.files("thucydides").joinpath("data", "rules", "page-noise.tsv")
    return NoiseRules(tuple(read_noise_rules(Path(str(path)))))
