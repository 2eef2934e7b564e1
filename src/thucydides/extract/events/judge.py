"""The trigger judge: a small learned check on what the trigger lexicon proposes.

A lexicon row fires on a word wherever its pattern matches, and many trigger words have
senses that are no event at all: a labour "strike" beside an air "strike", "asked not to be
named", "described the results as mixed", "funds itself through smuggling", "inflation hit
a record". The judge reads the proposed trigger in its sentence (its lemma, its
dependents, its head and the words around it, all from the parse the coder already has)
and says how likely the word names an event of each PLOVER type, or none (``NONE``). The
coder drops a draft whose trigger the judge finds to name no event
(``TriggerJudge.vetoes``).

The model is a spaCy ``textcat`` (hashed bag of features, one linear layer: spaCy's
``TextCatBOW``) over the feature strings of ``features``, trained on sentences written for
Thucydides (``data/judge/triggers.jsonl``, format in ``data/judge/README.md``) by
``tools/train_judge.py`` with a fixed seed; the trained weights are packaged data
(``data/judge/model``, 1.1 MB). It reads only the drafts the rules made, one small ``Doc``
of feature strings each: about 0.3 ms per draft, some 2-3% of the coding time.

How sure it must be depends on what the parse found: a draft with no actor goes at a NONE
probability of 0.5, one with an actor but no recipient at 0.8, and one with both is never
dropped; only trigger lemmas that the training data shows in a non-event sense can go
(``SENSES``). Switch: ``Options.event_judge`` (on by default; ``"event_judge": false`` in a
config file codes with the rules alone).
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
#: Parts of the spaCy pipeline that are not saved: the judge makes its ``Doc`` objects
#: itself, and its features are hashed, so it needs neither tokenizer nor string store.
UNSAVED = "vocab tokenizer".split()  # spaCy's names of the parts, not English words
#: The label of a trigger word that names no event.
NONE = "NONE"
#: A draft with no actor is dropped when the judge gives NONE at least this probability,
#: one with an actor and no recipient at ``VETO_ONE_ROLE``; one with both is never dropped
#: (chosen on the dev set, ``docs/benchmarks.md``: an event whose parse found both parties
#: is rarely a word used in another sense, and single sentences often name both).
VETO_NO_ACTOR = 0.5
VETO_ONE_ROLE = 0.8
#: Entity types that stand for an agent in the features (their words are too sparse).
_AGENT_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
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
        side.
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
    return out


class TriggerJudge:
    """The trained judge: label probabilities for a trigger word in its sentence.

    Args:
        path: a model directory written by ``tools/train_judge.py``; ours when None.
        no_actor, one_role: the NONE probability at or over which ``vetoes`` drops a draft
            with no actor, and one with an actor but no recipient.
    """

    def __init__(
        self,
        path: Path | None = None,
        no_actor: float = VETO_NO_ACTOR,
        one_role: float = VETO_ONE_ROLE,
    ) -> None:
        import spacy  # the parse layer has loaded it already; import here keeps it lazy

        self.nlp = spacy.load(path or MODEL_DIR, exclude=UNSAVED)
        self.textcat: Any = self.nlp.get_pipe("textcat")
        self.no_actor, self.one_role = no_actor, one_role
        self.senses = frozenset((Path(path or MODEL_DIR) / SENSES).read_text("utf-8").split())

    def scores(self, feats: list[list[str]]) -> list[dict[str, float]]:
        """The label probabilities of each feature list (one per trigger)."""
        from spacy.tokens import Doc

        if not feats:
            return []
        docs = [Doc(self.nlp.vocab, words=f or ["w=?"]) for f in feats]
        return [dict(d.cats) for d in self.textcat.pipe(docs)]

    def vetoes(self, feats: list[list[str]], roles: list[tuple[bool, bool]]) -> list[bool]:
        """For each trigger: does the judge find it names no event?

        Args:
            feats: each trigger's ``features``.
            roles: for each, whether its draft has an actor and whether a recipient.

        Returns:
            True for a trigger whose lemma the training data shows in a sense that names no
            event and whose NONE probability reaches the threshold of its roles.
        """
        # only drafts that could be dropped are scored
        at = [self._threshold(f, *r) for f, r in zip(feats, roles, strict=True)]
        asked = [k for k, a in enumerate(at) if a is not None]
        out = [False] * len(feats)
        for k, s in zip(asked, self.scores([feats[k] for k in asked]), strict=True):
            out[k] = s.get(NONE, 0.0) >= (at[k] or 0.0)
        return out

    def _threshold(self, feats: list[str], actor: bool, recipient: bool) -> float | None:
        """The NONE probability that drops this draft; None when nothing can (both
        parties found, or a lemma the training data never shows failing)."""
        if (actor and recipient) or feats[0][2:] not in self.senses:
            return None
        return self.one_role if actor else self.no_actor


@lru_cache(maxsize=1)
def default_judge() -> TriggerJudge:
    """The packaged judge, loaded once per process."""
    return TriggerJudge()
