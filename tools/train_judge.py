"""Trains the trigger judge (``extract/events/judge.py``) on ``data/judge/triggers.jsonl``.

Usage:
    python tools/train_judge.py add LINES.txt     # append marked sentences to the data
    python tools/train_judge.py check             # 5-fold cross-validation, nothing saved
    python tools/train_judge.py train             # train on everything, save the model

``add`` reads lines ``LABEL<TAB>a sentence with the [trigger] in brackets`` (several
bracketed words make one example each, all with the line's label) and appends them to
the data with the next ids. ``train`` is reproducible: a fixed seed, a fixed order, the
same spaCy model for the parse as the coder (``Options().model``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from thucydides.config import Options
from thucydides.extract.events.judge import MODEL_DIR, NONE, SENSES, UNSAVED, features
from thucydides.parse.index import DocIndex
from thucydides.parse.nlp import Parser

DATA = MODEL_DIR.parent / "triggers.jsonl"
LABELS = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
          "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split() + [NONE]  # fmt: skip
SEED = 13
EPOCHS = 12
#: Hashed feature slots of the bag-of-features layer (its size: slots x labels floats).
LENGTH = 2**14
_MARK = re.compile(r"\[([^\[\]]+)\]")


def add(path: Path) -> int:
    """Appends the marked lines of ``path`` to the data; returns how many examples."""
    rows = read() if DATA.exists() else []
    n = len(rows)
    new = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, _, marked = line.partition("\t")
        if label not in LABELS or not _MARK.search(marked):
            sys.exit(f"{path}:{lineno}: want LABEL<TAB>text with a [trigger]; got {line!r}")
        text, spans, shift = marked, [], 0
        for m in _MARK.finditer(marked):
            start = m.start() - shift
            spans.append((start, start + len(m.group(1))))
            shift += 2
        text = _MARK.sub(r"\1", marked)
        for start, end in spans:
            n += 1
            new.append({"id": f"j{n:05d}", "text": text, "trigger": [start, end], "label": label,
                        "source": "written for Thucydides"})  # fmt: skip
    with DATA.open("a", encoding="utf-8") as f:
        for row in new:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(new)


def read() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def featurise(rows: list[dict]) -> list[list[str]]:
    """The judge's features of each row's trigger, from the coder's own parse."""
    parser = Parser(Options().model)
    texts = list(dict.fromkeys(r["text"] for r in rows))
    parsed = dict(zip(texts, parser.parse_many(texts), strict=True))
    out = []
    for r in rows:
        p = parsed[r["text"]]
        index = DocIndex(p)
        start, end = r["trigger"]
        toks = [t.i for t in p.tokens if t.start < end and t.end > start]
        if not toks:
            sys.exit(f"{r['id']}: no token under the trigger {r['text'][start:end]!r}")
        i = toks[-1] if len(toks) > 1 and p.tokens[toks[-1]].pos == "NOUN" else toks[0]
        s = next(s for s in p.sentences if s.token_start <= i < s.token_end)
        out.append(features(p.tokens, index.children, i, s.token_start, s.token_end))
    return out


def fit(feats: list[list[str]], labels: list[str]) -> spacy.language.Language:
    """A blank English pipeline with one bag-of-features ``textcat`` trained on the rows."""
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
             "ngram_size": 1, "no_output_layer": False, "length": LENGTH}  # fmt: skip
    textcat = nlp.add_pipe("textcat", config={"model": model})
    for label in LABELS:
        textcat.add_label(label)
    examples = [
        Example.from_dict(spacy.tokens.Doc(nlp.vocab, words=f), {"cats": _cats(y)})
        for f, y in zip(feats, labels, strict=True)
    ]
    nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    order = list(range(len(examples)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for batch in minibatch([examples[k] for k in order], size=16):
            nlp.update(batch, drop=0.2)
    return nlp


def _cats(label: str) -> dict[str, float]:
    return {x: float(x == label) for x in LABELS}


def predict(nlp: spacy.language.Language, feats: list[list[str]]) -> list[dict[str, float]]:
    textcat = nlp.get_pipe("textcat")
    return [dict(d.cats) for d in textcat.pipe(spacy.tokens.Doc(nlp.vocab, words=f) for f in feats)]


def check(rows: list[dict], feats: list[list[str]], folds: int = 5) -> None:
    """Cross-validated accuracy and NONE precision/recall, folds split by sentence."""
    texts = sorted({r["text"] for r in rows})
    random.Random(SEED).shuffle(texts)
    fold_of = {t: k % folds for k, t in enumerate(texts)}
    right = 0
    none = Counter()
    for k in range(folds):
        train = [j for j, r in enumerate(rows) if fold_of[r["text"]] != k]
        test = [j for j, r in enumerate(rows) if fold_of[r["text"]] == k]
        nlp = fit([feats[j] for j in train], [rows[j]["label"] for j in train])
        for j, cats in zip(test, predict(nlp, [feats[j] for j in test]), strict=True):
            gold, best = rows[j]["label"], max(cats, key=cats.__getitem__)
            right += gold == best
            said = cats[NONE] >= 0.5
            none[(gold == NONE, said)] += 1
    p = none[(True, True)] / max(1, none[(True, True)] + none[(False, True)])
    r = none[(True, True)] / max(1, none[(True, True)] + none[(True, False)])
    events = none[(False, True)] + none[(False, False)]
    print(f"{len(rows)} examples, {folds}-fold: label accuracy {right / len(rows):.3f}; "
          f"NONE at 0.5: precision {p:.3f} recall {r:.3f}; "
          f"events vetoed {none[(False, True)]} of {events}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["add", "check", "train"])
    ap.add_argument("lines", nargs="?", type=Path)
    args = ap.parse_args(argv)
    if args.command == "add":
        print(f"added {add(args.lines)} examples to {DATA}")
        return 0
    rows = read()
    print("labels:", dict(sorted(Counter(r["label"] for r in rows).items())))
    feats = featurise(rows)
    if args.command == "check":
        check(rows, feats)
        return 0
    nlp = fit(feats, [r["label"] for r in rows])
    shutil.rmtree(MODEL_DIR, ignore_errors=True)
    nlp.to_disk(MODEL_DIR, exclude=UNSAVED)  # the features are hashed: no strings needed
    senses = sorted({f[0][2:] for f, r in zip(feats, rows, strict=True) if r["label"] == NONE})
    (MODEL_DIR / SENSES).write_text("\n".join(senses) + "\n", encoding="utf-8")
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    print(f"trained on {len(rows)} examples; model {MODEL_DIR} {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
