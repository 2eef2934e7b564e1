"""The trigger judge: a small learned check on what the trigger lexicon proposes.

A lexicon row fires on a word wherever its pattern matches, and many trigger words have
senses that are no event at all: a labour "strike" beside an air "strike", "asked not to be
named", "described the results as mixed", "funds itself through smuggling", "inflation hit
a record". The judge reads the proposed trigger in its sentence (its lemma, its
dependents, its head, the words around it and the sentence's content words, all from the
parse the coder already has) and says how likely the word names an event of each PLOVER
type, or none (``NONE``). The coder drops a draft whose trigger the judge finds to name no
event (``TriggerJudge.vetoes``).

The model is a spaCy ``textcat`` (bag of hashed features, one linear layer: spaCy's
``TextCatBOW``) over the feature strings of ``features``, trained on sentences written for
Thucydides (``data/judge/triggers.jsonl``, format in ``data/judge/README.md``) by
``tools/train_judge.py`` with a fixed seed; the trained pipeline is packaged data
(``data/judge/model``). It is read only for sentences that have rule triggers, one small
``Doc`` per trigger, so it costs little beside the parse.

Switch: ``Options.event_judge`` (packaged default in ``config.py``); ``--no-event-judge``
is not needed to reproduce the rule coder: ``Options(event_judge=False)`` does it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...records import Token

#: The packaged model, trained by ``tools/train_judge.py``.
MODEL_DIR = Path(__file__).parents[2] / "data" / "judge" / "model"
#: The file of the model that lists the trigger lemmas the training data shows in a sense
#: that names no event: the judge vetoes only those (it has seen no other word fail).
SENSES = "none-lemmas.txt"
#: The label of a trigger word that names no event.
NONE = "NONE"
#: A draft is dropped when the judge gives NONE at least this probability (tuned on the
#: dev set, ``docs/benchmarks.md``).
VETO_AT = 0.5
#: Entity types that stand for an agent in the features (their words are too sparse).
_AGENT_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: Parts of speech whose lemmas describe what the sentence is about.
_CONTENT_POS = {"NOUN", "VERB", "ADJ"}
import os
_SENTENCE_WORDS = os.environ.get("JUDGE_S", "1") == "1"
#: How many words either side of the trigger are features of their own.
_WINDOW = 3


def _word(t: Token) -> str:
    """A token as a feature: its entity type for agents and numbers, else its lemma."""
    if t.ent_type in _AGENT_ENTS:
        return t.ent_type
    if t.pos == "NUM":
        return "NUM"
    return t.lemma.lower()


def features(
    tokens: Sequence[Token], children: Sequence[Sequence[int]], i: int, lo: int, hi: int
) -> list[str]:
    """The feature strings of the trigger word ``i`` in the sentence of tokens ``[lo, hi)``.

    Args:
        tokens: the article's tokens.
        children: each token's dependents (``DocIndex.children``).
        i: the trigger's token.
        lo, hi: the sentence's first token and the one after its last.

    Returns:
        The trigger's lemma, part of speech and dependency; its head; each dependent with
        its relation (a preposition with its object, a clausal complement with its own
        dependents), alone and joined to the trigger's lemma; the words up to three either
        side; the sentence's content words.
    """
    t = tokens[i]
    w = t.lemma.lower()
    out = [f"w={w}", f"p={t.pos}", f"wp={w}|{t.pos}", f"d={t.dep}", f"wd={w}|{t.dep}", f"t={t.tag}"]
    if t.head != i:
        h = tokens[t.head]
        out += [f"h={t.dep}>{_word(h)}", f"wh={w}|{t.dep}>{_word(h)}"]
    for c in children[i]:
        ct = tokens[c]
        if ct.dep == "punct":
            continue
        kid = f"{ct.dep}:{_word(ct)}"
        out += [f"c={kid}", f"wc={w}|{kid}", f"cd={ct.dep}", f"wcd={w}|{ct.dep}"]
        for g in children[c]:
            gt = tokens[g]
            if ct.dep in ("prep", "agent") and gt.dep == "pobj":
                out += [f"cp={_word(ct)}>{_word(gt)}", f"wcp={w}|{_word(ct)}>{_word(gt)}"]
            elif ct.dep in ("xcomp", "ccomp", "dobj", "nsubj") and gt.dep in (
                "neg",
                "aux",
                "auxpass",
                "dobj",
                "prep",
                "amod",
                "compound",
            ):
                out.append(f"cc={ct.dep}:{gt.dep}:{_word(gt)}")
    for k in range(max(lo, i - _WINDOW), min(hi, i + _WINDOW + 1)):
        if k == i or tokens[k].pos == "PUNCT":
            continue
        side = "l" if k < i else "r"
        out.append(f"{side}={_word(tokens[k])}")
        if abs(k - i) == 1:
            out += [f"{side}1={_word(tokens[k])}", f"w{side}1={w}|{_word(tokens[k])}"]
    if _SENTENCE_WORDS:
        for k in range(lo, hi):
            if k != i and tokens[k].pos in _CONTENT_POS:
                out.append(f"s={tokens[k].lemma.lower()}")
    return out


class TriggerJudge:
    """The trained judge: label probabilities for a trigger word in its sentence.

    Args:
        path: a model directory written by ``tools/train_judge.py``; ours when None.
        veto_at: the NONE probability at or over which ``vetoes`` says yes.
    """

    def __init__(self, path: Path | None = None, veto_at: float = VETO_AT) -> None:
        import spacy  # the parse layer has loaded it already; import here keeps it lazy

        self.nlp = spacy.load(path or MODEL_DIR)
        self.textcat: Any = self.nlp.get_pipe("textcat")
        self.veto_at = veto_at
        self.senses = frozenset((Path(path or MODEL_DIR) / SENSES).read_text(encoding="utf-8").split())
        self.any_lemma = os.environ.get("JUDGE_ANY", "0") == "1"

    def scores(self, feats: list[list[str]]) -> list[dict[str, float]]:
        """The label probabilities of each feature list (one per trigger)."""
        from spacy.tokens import Doc

        if not feats:
            return []
        docs = [Doc(self.nlp.vocab, words=f or ["w=?"]) for f in feats]
        return [dict(d.cats) for d in self.textcat.pipe(docs)]

    def vetoes(self, feats: list[list[str]]) -> list[bool]:
        """For each trigger: does the judge find it names no event?"""
        return [
            s.get(NONE, 0.0) >= self.veto_at and (self.any_lemma or f[0][2:] in self.senses)
            for f, s in zip(feats, self.scores(feats), strict=True)
        ]


@lru_cache(maxsize=1)
def default_judge() -> TriggerJudge:
    """The packaged judge, loaded once per process."""
    return TriggerJudge()
