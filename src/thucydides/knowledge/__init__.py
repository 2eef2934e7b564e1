"""What the extraction stages know: actor tables, the trigger lexicon, the gazetteer.

``Knowledge`` is the one object a run loads (once per process) and hands to every stage.
The data files it reads live in ``thucydides/data/`` with their formats documented beside
them; users add their own next to ours (``--actors``, ``--lexicon``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Options
from .actors import KnowledgeBase, default_knowledge
from .lexicon import Lexicon, TriggerSource


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What the extraction stages know, loaded once per run: actors and event triggers."""

    actors: KnowledgeBase
    lexicon: TriggerSource

    @classmethod
    def load(cls, options: Options) -> Knowledge:
        """Our packaged files, with the user's own (``options.knowledge``, ``lexicons``)."""
        kb = KnowledgeBase.load(options.knowledge) if options.knowledge else default_knowledge()
        lexicon = Lexicon.load(options.lexicons) if options.lexicons else Lexicon.default()
        return cls(kb, lexicon)
