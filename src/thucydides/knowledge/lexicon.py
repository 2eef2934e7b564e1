"""The event-trigger lexicon: words and phrases that signal PLOVER events, as data.

The lexicon lives in ``data/lexicon/triggers.tsv`` (its format is documented at the top of
that file). ``Lexicon.load`` reads it, and any number of user files in the same format
loaded after it; a user row beats ours when both match equally well. The CAMEO structure
that turns "promised to withdraw" into CONCEDE or "demanded the release of" into REQUEST
'yield' (``compose``) is here too, next to the data it works on.

``import_petrarch`` converts a PETRARCH/TABARI CAMEO verb dictionary
(``CAMEO.2.0.txt`` format) into lexicon rows, so the patterns of the old coders keep
working: ``main_import_petrarch(src, dst)`` is what ``thucydides lexicon import-petrarch``
runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import ConfigError
from .words import UnknownWordClass, WordClasses

#: The 16 PLOVER event types (PLOVER manual, chapter "Event Categories").
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def event_type(name: str) -> str:
    """A PLOVER event type as given by a user, any case, in its canonical upper case.

    Raises:
        ConfigError: ``name`` is not a PLOVER type; the message lists the valid ones.
    """
    canonical = name.strip().upper()
    if canonical not in PLOVER_TYPES:
        raise ConfigError(f'Unknown event type "{name}". Valid types: {", ".join(PLOVER_TYPES)}.')
    return canonical


#: PLOVER quad codes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
#: 4 material conflict (PLOVER manual, "Quad category" of each event type).
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

#: What a trigger does with the clause it governs (documented in triggers.tsv).
FRAMES = frozenset(
    {"event", "light", "receive", "commit", "intent", "expect", "prepare", "wish", "attempt",
     "cause", "negate", "request", "threat", "reject", "accuse", "report"}
)  # fmt: skip

#: Parts of speech a row can ask for.
POS_VALUES = frozenset({"VERB", "NOUN", "ADJ", "ANY"})

#: PLOVER type of each two-digit CAMEO root, for codes no lexicon row names.
#: Notes: CAMEO2PLOVER-2021 table; CAMEO 01 (statements) has no PLOVER type; CAMEO 02
#: (appeals) is folded into REQUEST, which the PLOVER manual defines as "all requests,
#: demands, and orders"; 08 splits at 084 (CONCEDE below, RETREAT from 084 on).
CAMEO_ROOTS = {
    "01": None, "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
    "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST",
    "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip

DEFAULT_FILE = Path(__file__).parents[1] / "data" / "lexicon" / "triggers.tsv"
DEFAULT_WEIGHT = 0.8


@dataclass(frozen=True, slots=True)
class Slot:
    """One non-anchor word of a pattern: alternative lemmas and word classes, and an optional
    dependency relation.

    A slot with neither words nor classes is a wildcard; ``head`` slots look at the anchor's
    head instead of its dependents.
    """

    words: frozenset[str]
    classes: tuple[str, ...] = ()
    dep: str | None = None
    head: bool = False

    @property
    def wildcard(self) -> bool:
        return not self.words and not self.classes

    def members(self, source: TriggerSource) -> frozenset[str]:
        """The words this slot accepts, its classes expanded from ``source``."""
        out = self.words
        for name in self.classes:
            out = out | source.word_class(name)
        return out


@dataclass(frozen=True, slots=True)
class Coding:
    """An event type with its mode, contexts and closest CAMEO code."""

    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One line of a lexicon file."""

    pattern: str
    anchors: tuple[str, ...]
    slots: tuple[Slot, ...]
    pos: str
    event: str | None
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    quad: int | None
    frames: frozenset[str]
    weight: float
    note: str
    source: str
    priority: int = 0

    @property
    def coding(self) -> Coding | None:
        """The row's own event coding, or None for frame words and blockers."""
        if self.event is None:
            return None
        return Coding(self.event, self.mode, self.context, self.cameo)

    @property
    def is_blocker(self) -> bool:
        """A row that names no event and has no frame: it stops a shorter pattern."""
        return self.event is None and self.frames == {"event"}


class TriggerSource(Protocol):
    """What the event coder needs from a lexicon (a second backend is a new class)."""

    def rows_for(self, word: str) -> Sequence[TriggerRow]: ...

    def word_class(self, name: str) -> frozenset[str]: ...


class Lexicon:
    """Trigger rows indexed by anchor word, plus the word classes patterns refer to.

    Args:
        rows: the rows, in load order.
        classes: word classes the lexicon files define or extend, by name (without the
            ``@``); they add to the word classes of ``words``.
        words: the word classes (``data/rules/word-classes.tsv``; ours when None).

    Raises:
        UnknownWordClass: a row's pattern names a class that is defined nowhere.
    """

    def __init__(
        self,
        rows: Iterable[TriggerRow],
        classes: dict[str, frozenset[str]],
        words: WordClasses | None = None,
    ):
        self.rows = tuple(rows)
        words = words if words is not None else WordClasses.default()
        merged = {name: words[name] for name in words}
        for name, members in classes.items():
            merged[name] = merged.get(name, frozenset()) | members
        self.classes = merged
        for row in self.rows:
            for slot in row.slots:
                for name in slot.classes:
                    if name not in merged:
                        raise UnknownWordClass(
                            f"{row.source}: pattern {row.pattern!r} names the word class "
                            f"@{name}, which no word-class or lexicon file defines. Define "
                            f"it with a class line (@{name}<TAB>a|b) or fix the name."
                        )
        index: dict[str, list[TriggerRow]] = {}
        for row in self.rows:
            for anchor in row.anchors:
                index.setdefault(anchor, []).append(row)
        self._index = {k: tuple(v) for k, v in index.items()}

    @classmethod
    def load(
        cls, extra_files: Sequence[str | Path] = (), *, include_default: bool = True
    ) -> Lexicon:
        """Loads our lexicon and the user's files next to it.

        Args:
            extra_files: lexicon files in the triggers.tsv format, loaded after ours in
                order; on equally specific matches a later file wins.
            include_default: False loads only ``extra_files`` (e.g. an imported PETRARCH
                dictionary on its own).

        Returns:
            The merged lexicon.

        Raises:
            ConfigError: a file is missing or has a malformed line (the message names the
                file and line).
        """
        files = ([DEFAULT_FILE] if include_default else []) + [Path(f) for f in extra_files]
        rows: list[TriggerRow] = []
        classes: dict[str, frozenset[str]] = {}
        for priority, path in enumerate(files):
            file_rows, file_classes = read_tsv(path, priority=priority)
            rows.extend(file_rows)
            for name, members in file_classes.items():
                classes[name] = classes.get(name, frozenset()) | members
        return cls(rows, classes)

    @classmethod
    def default(cls) -> Lexicon:
        """Our packaged lexicon, loaded once per process."""
        return _default_lexicon()

    def rows_for(self, word: str) -> tuple[TriggerRow, ...]:
        """Returns the rows anchored on ``word`` (a lemma or a lower-cased surface form)."""
        return self._index.get(word, ())

    def word_class(self, name: str) -> frozenset[str]:
        """Returns the members of word class ``name``.

        Raises:
            UnknownWordClass: no word-class or lexicon file defines ``name``.
        """
        try:
            return self.classes[name]
        except KeyError:
            raise UnknownWordClass(
                f"Unknown word class @{name}. Known classes: {', '.join(sorted(self.classes))}."
            ) from None

    def cameo_map(self) -> dict[str, Coding]:
        """Maps each CAMEO code named by a row to the first row's coding of it."""
        table: dict[str, Coding] = {}
        for row in self.rows:
            if row.cameo and row.event and row.cameo not in table:
                table[row.cameo] = Coding(row.event, row.mode, row.context, row.cameo)
        return table

    def __len__(self) -> int:
        return len(self.rows)


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon.load()


# ---------------------------------------------------------------- reading and writing


def read_tsv(
    path: str | Path, *, priority: int = 0
) -> tuple[list[TriggerRow], dict[str, frozenset[str]]]:
    """Reads one lexicon file.

    Args:
        path: the file.
        priority: rank of the file in load order (later files win ties).

    Returns:
        The rows and the word classes the file defines.

    Raises:
        ConfigError: the file is missing or a line is malformed.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f'Lexicon file "{path}" cannot be read: {exc.strerror}.') from exc
    rows: list[TriggerRow] = []
    classes: dict[str, frozenset[str]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{n}"
        cols = line.split("\t")
        if cols[0].startswith("@"):
            if len(cols) < 2 or not cols[1].strip():
                raise ConfigError(f"{where}: class {cols[0]} has no members. Write @NAME<TAB>a|b.")
            members = frozenset(w.strip().lower() for w in cols[1].split("|") if w.strip())
            name = cols[0][1:].strip()
            classes[name] = classes.get(name, frozenset()) | members
            continue
        rows.append(_parse_row(cols, where, priority))
    return rows, classes


def _parse_row(cols: list[str], where: str, priority: int) -> TriggerRow:
    """Builds a row from the columns of one line, checking every value."""
    cols = [c.strip() for c in cols] + [""] * (10 - len(cols))
    pattern, pos, event, mode, context, cameo, quad, frame, weight, note = cols[:10]
    if len(cols) > 10 and any(cols[10:]):
        note = " ".join(c for c in cols[9:] if c)
    if not pattern:
        raise ConfigError(f"{where}: empty pattern. Every row starts with a lemma.")
    pos = (pos or "ANY").upper()
    if pos not in POS_VALUES:
        raise ConfigError(f'{where}: unknown pos "{pos}". Use one of {sorted(POS_VALUES)}.')
    ev = None if event in ("", "-") else event.upper()
    if ev is not None and ev not in QUAD:
        raise ConfigError(
            f'{where}: unknown event "{event}". Use a PLOVER type ({", ".join(PLOVER_TYPES)}) '
            'or "-".'
        )
    frames = frozenset(f.strip() for f in frame.split(";") if f.strip()) or frozenset({"event"})
    unknown = frames - FRAMES
    if unknown:
        raise ConfigError(
            f'{where}: unknown frame "{";".join(sorted(unknown))}". Use {sorted(FRAMES)}.'
        )
    if cameo and not re.fullmatch(r"\d{2,4}", cameo):
        raise ConfigError(f'{where}: CAMEO code "{cameo}" is not 2-4 digits.')
    try:
        w = float(weight) if weight else DEFAULT_WEIGHT
    except ValueError:
        raise ConfigError(f'{where}: weight "{weight}" is not a number in 0-1.') from None
    if not 0.0 <= w <= 1.0:
        raise ConfigError(f'{where}: weight "{weight}" is not a number in 0-1.')
    if quad and quad not in {"1", "2", "3", "4"}:
        raise ConfigError(f'{where}: quad "{quad}" is not 1, 2, 3 or 4.')
    words = pattern.lower().split()
    anchors = tuple(a for a in words[0].split("|") if a)
    if not anchors or any(a.startswith(("@", "^")) or ":" in a for a in anchors):
        raise ConfigError(f'{where}: the pattern "{pattern}" must start with a plain lemma.')
    slots = tuple(_parse_slot(w, where) for w in words[1:])
    return TriggerRow(
        pattern=pattern,
        anchors=anchors,
        slots=slots,
        pos=pos,
        event=ev,
        mode=mode or None,
        context=tuple(c.strip() for c in context.split(";") if c.strip()),
        cameo=cameo or None,
        quad=int(quad) if quad else (QUAD.get(ev) if ev else None),
        frames=frames,
        weight=w,
        note=note,
        source=where,
        priority=priority,
    )


def _parse_slot(word: str, where: str) -> Slot:
    head = word.startswith("^")
    word = word.lstrip("^")
    dep = None
    if ":" in word:
        dep, word = word.split(":", 1)
    if word == "*":
        return Slot(frozenset(), dep=dep, head=head)
    alts = [a for a in word.split("|") if a]
    if not alts:
        raise ConfigError(f'{where}: empty word in pattern slot "{word}".')
    classes = tuple(a[1:].upper() for a in alts if a.startswith("@"))
    return Slot(frozenset(a for a in alts if not a.startswith("@")), classes, dep, head)


def write_tsv(
    rows: Sequence[TriggerRow],
    path: str | Path,
    classes: dict[str, frozenset[str]] | None = None,
    *,
    title: str = "Thucydides event-trigger lexicon",
) -> int:
    """Writes rows (and word classes) in the triggers.tsv format.

    Args:
        rows: the rows to write.
        path: the output file.
        classes: word classes to write before the rows.
        title: first line of the file's header.

    Returns:
        The number of rows written.
    """
    header = [f"# {title}", "#"] + [line for line in _format_doc() if line.startswith("#")]
    out = header + [""]
    for name, members in sorted((classes or {}).items()):
        out.append(f"@{name}\t{'|'.join(sorted(members))}")
    for row in rows:
        cols = [
            row.pattern,
            row.pos,
            row.event or "-",
            row.mode or "",
            ";".join(row.context),
            row.cameo or "",
            "" if row.quad == QUAD.get(row.event or "") else str(row.quad or ""),
            "" if row.frames == {"event"} else ";".join(sorted(row.frames)),
            "" if row.weight == DEFAULT_WEIGHT else f"{row.weight:g}",
            row.note,
        ]
        out.append("\t".join(cols).rstrip("\t"))
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(rows)


def _format_doc() -> list[str]:
    """The column documentation of our own file, reused as the header of written files."""
    doc: list[str] = []
    for line in DEFAULT_FILE.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith("#"):
            break
        if line.startswith("# Sources:"):
            break
        doc.append(line)
    return doc


# ---------------------------------------------------------------- CAMEO structure


def coding_for_cameo(code: str, lexicon: Lexicon | None = None) -> Coding | None:
    """Returns the PLOVER coding of a CAMEO code, or None for CAMEO 01 statements.

    The most specific code a lexicon row names wins ("0256" falls back to "025", then to
    the root "02"); a root no row names gets its type from ``CAMEO_ROOTS``.
    """
    table = (lexicon or Lexicon.default()).cameo_map()
    for k in range(len(code), 1, -1):
        hit = table.get(code[:k])
        if hit is not None:
            return Coding(hit.event, hit.mode, hit.context, code)
    root = CAMEO_ROOTS.get(code[:2])
    if root is None:
        return None
    if code[:2] == "08" and len(code) >= 3 and code[:3] >= "084":
        root = "RETREAT"
    return Coding(root, None, (), code)


_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"}
_YIELDING = {"RETREAT", "CONCEDE"}
_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}

#: CAMEO's parallel hierarchies: the third digit of 03x (intent), 10x (demand), 12x
#: (reject) by what the intent, demand or rejection is about (CAMEO 1.1b3 codebook).
_INTENT_DIGIT = {"COOPERATE": "1", "SUPPORT": "2", "AID": "3", "CONSULT": "6", "YIELD": "5"}
_DEMAND_DIGIT = {"COOPERATE": "1", "SUPPORT": "2", "AID": "3", "CONSULT": "6", "YIELD": "5"}
_REJECT_DIGIT = {"COOPERATE": "1", "SUPPORT": "1", "AID": "2", "CONSULT": "5", "YIELD": "4"}
#: Fourth digit by context: material cooperation (031x/101x/121x) and aid (033x/103x/122x).
_COOP_FOURTH = {"economic": "1", "military": "2", "legal": "3", "intelligence": "4"}
_AID_FOURTH = {"economic": "1", "military": "2", "humanitarian": "3", "peacekeeping": "4"}
#: Fourth digit of a demanded/promised/refused concession, by RETREAT/CONCEDE mode.
_YIELD_FOURTH = {"release": "3", "return": "3", "ease": "4", "access": "5", "ceasefire": "6",
                 "withdraw": "6", "disarm": "6"}  # fmt: skip
#: THREATEN sub-codes by the CAMEO code of what is threatened.
_THREAT_BY_CAMEO = [
    ("2041", "violence", "1385"), ("2042", "violence", "1385"), ("204", "violence", "1385"),
    ("183", "violence", "1383"), ("18", "violence", "1383"), ("195", "violence", "1384"),
    ("194", "violence", "1384"), ("19", "violence", "138"), ("20", "violence", "138"),
    ("191", "restrict", "1381"), ("192", "territory", "1382"), ("1723", "restrict", "1323"),
    ("1724", "restrict", "1324"), ("1721", "restrict", "1321"), ("1722", "restrict", "1322"),
    ("173", "arrest", "132"), ("175", "violence", "137"), ("17", "restrict", "132"),
    ("163", "restrict", "1312"), ("161", "relations", "1313"), ("162", "relations", "1311"),
    ("164", "relations", "134"), ("165", "relations", "135"), ("166", "expel", "136"),
    ("16", "relations", "131"), ("15", "violence", "138"), ("14", "restrict", "133"),
]  # fmt: skip


def _context_digit(content: Coding, table: dict[str, str]) -> str:
    for c in content.context:
        if c in table:
            return table[c]
    return ""


def _yield_code(prefix: str, content: Coding, fourth: dict[str, str]) -> str:
    if content.mode == "resign":
        return {"03": "0341", "10": "1041", "12": "1231"}[prefix]
    return (
        prefix + "5" + fourth.get(content.mode or "", "")
        if prefix != "12"
        else ("124" + fourth.get(content.mode or "", ""))
    )


def compose(frame: str, own: Coding | None, content: Coding, *, generic: bool) -> Coding:
    """Codes a wrapper trigger from what it governs: "promised to arm X" is AGREE 0332.

    Args:
        frame: the wrapper's frame (commit, intent, request, threat, reject or accuse; a
            future action takes the ``intent`` rules).
        own: the wrapper row's own coding (None for intent words).
        content: the coding of the governed trigger.
        generic: the wrapper row's own code is a category root (e.g. 100), so the content
            may refine it; a specific row ("demand release", 1053) keeps its code.

    Returns:
        The event coding to emit.

    Notes:
        PLOVER manual: future cooperative actions (CONSULT, SUPPORT, COOPERATE, AID) are
        AGREE; announced or promised retreats are CONCEDE; a threat is THREATEN, not the
        threatened action. CAMEO 1.1b3: the 03x/10x/12x sub-codes run parallel (material
        cooperation, diplomatic cooperation, aid, reform, yield, meeting, settlement).
    """
    ev = content.event
    if frame in ("commit", "intent"):
        if ev in _YIELDING:
            if ev == "CONCEDE":
                return content
            cameo = _yield_code("03", content, _YIELD_FOURTH)
            return Coding("CONCEDE", None, content.context, cameo)
        if ev in _COOPERATIVE:
            if ev == "AGREE":
                return content
            if own is not None and not generic:
                return own
            digit = _INTENT_DIGIT.get(ev, "0")
            table = _AID_FOURTH if ev == "AID" else _COOP_FOURTH
            fourth = _context_digit(content, table) if ev in ("AID", "COOPERATE") else ""
            return Coding("AGREE", None, content.context, f"03{digit}{fourth}")
        if frame == "commit" and ev in _CONFLICT:
            return compose("threat", Coding("THREATEN", None, (), "130"), content, generic=True)
        if frame == "commit" and own is not None:
            return Coding(own.event, own.mode, own.context, "032" if generic else own.cameo)
        return content
    if own is None or not generic:
        return own if own is not None else content
    if frame in _PARALLEL:
        return _parallel(frame, own, content)
    if frame == "threat":
        code = content.cameo or ""
        for prefix, mode, cameo in sorted(_THREAT_BY_CAMEO, key=lambda x: -len(x[0])):
            if code.startswith(prefix):
                context = content.context if content.context else ()
                return Coding("THREATEN", mode, context, cameo)
        if ev == "REJECT" or ev == "SANCTION":
            return Coding("THREATEN", "relations", content.context, "131")
        return own if own.event == "THREATEN" else Coding("THREATEN", None, (), "130")
    if frame == "accuse":
        code = content.cameo or ""
        if code[:3] in ("200", "202", "203") or code.startswith("204"):
            return Coding(own.event, "allege", ("military", "legal"), "1124")
        if ev == "ASSAULT" or ev == "MOBILIZE":
            return Coding(own.event, "allege", ("military",), "1123")
        if ev == "COERCE":
            return Coding(own.event, "allege", ("human_rights",), "1122")
        return own
    return own


#: Demands (10x) and rejections (12x) run parallel in CAMEO: (prefix, third digit by what is
#: demanded or rejected, meeting code, settlement code).
_PARALLEL = {
    "request": ("10", _DEMAND_DIGIT, "106", "107"),
    "reject": ("12", _REJECT_DIGIT, "125", "127"),
}


def _parallel(frame: str, own: Coding, content: Coding) -> Coding:
    """The demand or rejection sub-code for what is demanded or rejected."""
    prefix, digits, meet, settle = _PARALLEL[frame]
    ev = content.event
    if ev in _YIELDING:
        mode = "change" if content.mode == "resign" else "yield"
        return Coding(own.event, mode, content.context, _yield_code(prefix, content, _YIELD_FOURTH))
    if ev in ("COOPERATE", "AID", "SUPPORT"):
        table = _AID_FOURTH if ev == "AID" else _COOP_FOURTH
        fourth = _context_digit(content, table) if ev != "SUPPORT" else ""
        return Coding(own.event, "assist", content.context, f"{prefix}{digits[ev]}{fourth}")
    if ev == "CONSULT":
        return Coding(own.event, "meet", content.context, meet)
    if ev == "AGREE" and (frame == "reject" or (content.cameo or "").startswith("037")):
        return Coding(own.event, "meet", content.context, settle)
    return own


# ---------------------------------------------------------------- PETRARCH import

_SECTION = re.compile(r"^#+\s*(SYNONYM SETS|VERB PATTERNS|TRANSFORMATIONS)", re.I)
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_DROP_WORDS = {"a", "an", "the"}

#: Frames implied by a CAMEO root when importing patterns (see triggers.tsv).
_FRAME_BY_ROOT = {"02": "request", "10": "request", "03": "commit", "12": "reject",
                  "13": "threat", "11": "accuse"}  # fmt: skip


def _petrarch_code(text: str) -> str | None:
    """``042:043`` → 042, ``:110`` → 110, ``---`` → None (a null pattern)."""
    parts = [p.strip() for p in text.split(":")]
    for p in parts:
        if p and p != "---" and re.fullmatch(r"\d{2,4}", p):
            return p
    return None


def _petrarch_word(word: str) -> list[str]:
    """One dictionary token as pattern words: ``&WEAPON`` → ``@WEAPON``, ``A_B`` → a b."""
    word = word.strip("(){}$+%^=|~").rstrip("_")
    if not word or word == "*":
        return []
    if word.startswith("&"):
        return ["@" + word[1:].upper()]
    return [w.lower() for w in word.split("_") if w and w.lower() not in _DROP_WORDS]


def import_petrarch(path: str | Path, *, lexicon: Lexicon | None = None) -> list[TriggerRow]:
    """Converts a PETRARCH/TABARI CAMEO verb dictionary into lexicon rows.

    Args:
        path: a dictionary in the ``CAMEO.2.0.txt`` format: synonym sets (``&NAME`` then
            ``+WORD`` lines), then verb blocks (``--- NAME [code] ---``, verb lines, and
            pattern lines ``- words * words [code] # verb``).
        lexicon: the lexicon whose CAMEO→PLOVER mapping is used (ours by default).

    Returns:
        Rows in load order: one per coded verb and one per pattern and verb of its block
        (PETRARCH applies a block's patterns to all of its verbs). Null codes ``[---]`` and
        CAMEO 01 statements become blockers (event "-"). Word classes are returned by
        ``import_petrarch_classes``.

    Notes:
        Simplifications, documented for users of the old dictionaries: the source/target
        markers ($ + %), skip (^) and phrase brackets are dropped, so a pattern becomes the
        set of words that must surround the verb; the determiners a/an/the are dropped;
        irregular verb forms match through the token's surface form; transformations are
        not imported.
    """
    rows: list[TriggerRow] = []
    where_base = Path(path).name
    for kind, payload, n in _petrarch_items(path):
        if kind != "pattern":
            continue
        verb_words, words, code = payload
        where = f"{where_base}:{n}"
        coding = coding_for_cameo(code, lexicon) if code else None
        frames = (
            frozenset({_FRAME_BY_ROOT.get((code or "")[:2], "event")})
            if coding
            else frozenset({"event"})
        )
        pattern_words = verb_words + words
        anchors = tuple(dict.fromkeys(w for w in pattern_words[:1]))
        slots = tuple(_parse_slot(w, where) for w in pattern_words[1:])
        rows.append(
            TriggerRow(
                pattern=" ".join(pattern_words),
                anchors=anchors,
                slots=slots,
                pos="VERB",
                event=coding.event if coding else None,
                mode=coding.mode if coding else None,
                context=coding.context if coding else (),
                cameo=code if coding else None,
                quad=QUAD.get(coding.event) if coding else None,
                frames=frames,
                weight=0.7 if words else 0.6,
                note="PETRARCH " + (code or "---"),
                source=where,
            )
        )
    return rows


def import_petrarch_classes(path: str | Path) -> dict[str, frozenset[str]]:
    """Returns the synonym sets of a PETRARCH dictionary as word classes."""
    classes: dict[str, set[str]] = {}
    for kind, payload, _n in _petrarch_items(path):
        if kind == "class":
            name, member = payload
            classes.setdefault(name, set()).add(member)
    return {k: frozenset(v) for k, v in classes.items()}


@dataclass
class _PetrarchBlock:
    """One verb block of a PETRARCH dictionary while it is read."""

    code: str | None
    verbs: list[tuple[list[str], str | None, int]]
    patterns: list[tuple[list[str], str | None, int]]

    def items(self) -> Iterable[tuple[str, tuple, int]]:
        for verb_words, code, n in self.verbs:
            if code:
                yield "pattern", (verb_words, [], code), n
        for words, code, n in self.patterns:
            if not words:
                continue
            for verb_words, _code, _n in self.verbs:
                yield "pattern", (verb_words, words, code), n


def _petrarch_items(path: str | Path) -> Iterable[tuple[str, tuple, int]]:
    """Yields ("class", (name, member)) and ("pattern", (verb words, words, code)) items."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise ConfigError(f'PETRARCH dictionary "{path}" cannot be read: {exc.strerror}.') from exc
    section = None
    current_set: str | None = None
    block: _PetrarchBlock | None = None
    for n, raw in enumerate(lines, 1):
        m = _SECTION.match(raw)
        if m:
            if block is not None:
                yield from block.items()
                block = None
            section = m.group(1).upper()
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if section == "SYNONYM SETS":
            if line.startswith("&"):
                current_set = line.strip()[1:].rstrip("_").upper()
            elif line.lstrip().startswith("+") and current_set:
                member = line.strip()[1:].rstrip("_").replace("_", " ").lower()
                if member and not member.startswith("{"):
                    yield "class", (current_set, member.split()[-1]), n
            continue
        if section != "VERB PATTERNS":
            continue
        header = _BLOCK.match(line)
        if header:
            if block is not None:
                yield from block.items()
            block = _PetrarchBlock(_petrarch_code(header.group(2)), [], [])
            continue
        if block is None:
            continue
        if line.startswith("-"):
            cm = _CODE.search(line)
            code = _petrarch_code(cm.group(1)) if cm else None
            body = _CODE.sub(" ", line[1:])
            words = [w for tok in body.split() for w in _petrarch_word(tok)]
            block.patterns.append((words, code, n))
            continue
        # a verb line: VERB [code] {forms}, or +MULTI_WORD {forms} [code]
        body = re.sub(r"\{[^}]*\}", " ", line)
        cm = _CODE.search(body)
        verb_code = _petrarch_code(cm.group(1)) if cm else block.code
        body = _CODE.sub(" ", body).strip()
        if not body:
            continue
        verb_words = [w for w in _petrarch_word(body.split()[0]) if w not in {"and", "or"}]
        if verb_words and not verb_words[0].startswith("@"):
            block.verbs.append((verb_words, verb_code, n))
    if block is not None:
        yield from block.items()


def main_import_petrarch(src: str, dst: str) -> int:
    """Converts the PETRARCH dictionary ``src`` into the lexicon file ``dst``.

    Args:
        src: a PETRARCH/TABARI verb dictionary (``CAMEO.2.0.txt`` format).
        dst: the lexicon file to write (triggers.tsv format), loadable with
            ``Lexicon.load(extra_files=[dst])``.

    Returns:
        The number of rows written.

    Notes:
        A pattern that names a synonym set the dictionary never defines (CAMEO.2.0.txt
        refers to ``&FIGHT_CRIM`` once and defines it nowhere) could never match in
        PETRARCH either; such rows are left out, and a comment in ``dst`` counts them.
    """
    classes = import_petrarch_classes(src)
    known = classes.keys() | set(WordClasses.default())
    rows = [
        row
        for row in import_petrarch(src)
        if all(name in known for slot in row.slots for name in slot.classes)
    ]
    return write_tsv(
        rows, dst, classes, title=f"Imported from PETRARCH dictionary {Path(src).name}"
    )
