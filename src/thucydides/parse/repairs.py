"""Repairs of the dependency tree, applied once right after the spaCy pass.

The statistical parser makes a few errors often enough, and with evidence clear enough in
the tree itself, that fixing them beats working around them in every stage. Each repair
is a function from a ``ParsedText`` to a ``ParsedText`` (tokens with a new head and
label); ``repair_parse`` applies them all, and ``parse/nlp.py`` calls it on every parse,
so every stage (actors, events, quotes, places, dates) reads the same, repaired tree.

Repairs:

- ``repair_stranded_objects``: a preposition's object that the parser made the subject of
  a following participle ("granted asylum to [five officers] holed up in ...").
- ``repair_verbless_clause``: a sentence parsed as one noun phrase around a past verb
  ("Trump hosted Erdogan in the White House" as "[Trump hosted] Erdogan").
"""

from __future__ import annotations

import dataclasses

from ..records import ParsedText, Token

#: Tags of a participle; the parser often tags the past participle as a past tense (VBD).
_PARTICIPLES = frozenset({"VBN", "VBD", "VBG"})


def repair_parse(parsed: ParsedText) -> ParsedText:
    """Applies every repair of this module to one parse, in order.

    Args:
        parsed: a parse as the spaCy pass made it.

    Returns:
        The parse with its tree repaired; ``parsed`` itself when nothing changed.
    """
    return repair_verbless_clause(repair_stranded_objects(parsed))


def repair_stranded_objects(parsed: ParsedText) -> ParsedText:
    """Re-attaches a preposition's object that the parser made the subject of a following
    participle.

    "granted asylum to five officers holed up in the embassy" is parsed with "officers" as
    the subject (nsubj) of "holed" (an advcl of "granted") and "to" left without an object.
    The repair makes "officers" the object (pobj) of "to" and "holed" a clause (acl) of
    "officers".

    Args:
        parsed: the parse.

    Returns:
        The repaired parse (same text, sentences and entities), or ``parsed`` itself when
        no preposition is stranded.

    Notes:
        The repair only applies when the preposition has no object at all (no pobj or
        pcomp) and the participle clause hangs from the preposition's own head, after it,
        with the subject's subtree starting right after the preposition. Moved here from
        the event coder (``extract/events.py``), which applied it to its own view only.
    """
    tok: list[Token] = list(parsed.tokens)
    n = len(tok)
    kids = _children(tok)
    changed = False
    for p in tok:
        if p.dep != "prep" or p.pos != "ADP" or p.i + 1 >= n:
            continue
        if any(tok[k].dep in ("pobj", "pcomp") for k in kids[p.i]):
            continue
        for v in kids[p.head]:
            if v <= p.i or tok[v].dep not in ("advcl", "acl") or tok[v].tag not in _PARTICIPLES:
                continue
            subj = [k for k in kids[v] if tok[k].dep == "nsubj" and k < v]
            if not subj or _edges(kids, subj[0])[0] != p.i + 1:
                continue
            o = subj[0]
            tok[o] = dataclasses.replace(tok[o], dep="pobj", head=p.i)
            tok[v] = dataclasses.replace(tok[v], dep="acl", head=o)
            kids[v].remove(o)
            kids[p.head].remove(v)
            kids[p.i].append(o)
            kids[o] = sorted([*kids[o], v])
            changed = True
            break
    if not changed:
        return parsed
    return dataclasses.replace(parsed, tokens=tuple(tok))


def repair_verbless_clause(parsed: ParsedText) -> ParsedText:
    """Makes a past verb the root of a sentence the parser read as one noun phrase.

    "Earlier this month, Trump hosted Erdogan in the White House" comes out of the parser
    with the name "Erdogan" as the root, "hosted" as its adjective (amod) and "Trump" as a
    noun modifier (nmod): a sentence with no verb, so no event. The repair makes the verb
    the root, the name before it its subject (nsubj), the root name its object (dobj), and
    hands the old root's dependents outside the object's own words (the time phrase before
    it, the prepositions after it) to the verb.

    Notes:
        Only a sentence whose root is a proper name, with a past-tense or past-participle
        verb among its left modifiers (amod) and a proper name (nmod or compound) right
        before that verb: a real noun phrase ("the Sunni-dominated Anbar") is never a
        sentence's root with a name before its participle.
    """
    tok: list[Token] = list(parsed.tokens)
    kids = _children(tok)
    changed = False
    for r in tok:
        if r.head != r.i or r.pos != "PROPN":
            continue
        verbs = [
            k for k in kids[r.i]
            if k < r.i and tok[k].dep == "amod" and tok[k].pos == "VERB"
            and tok[k].tag in ("VBD", "VBN")
        ]  # fmt: skip
        if len(verbs) != 1:
            continue
        v = verbs[0]
        subjects = [
            k for k in kids[r.i]
            if k < v and tok[k].dep in ("nmod", "compound") and tok[k].pos == "PROPN"
            and _edges(kids, k)[1] == v - 1
        ]  # fmt: skip
        if len(subjects) != 1:
            continue
        s = subjects[0]
        first = _edges(kids, s)[0]
        tok[v] = dataclasses.replace(tok[v], dep="ROOT", head=v, tag="VBD")
        tok[s] = dataclasses.replace(tok[s], dep="nsubj", head=v)
        tok[r.i] = dataclasses.replace(tok[r.i], dep="dobj", head=v)
        for k in kids[r.i]:
            if k not in (v, s) and (k < first or k > r.i):
                tok[k] = dataclasses.replace(tok[k], head=v)
        changed = True
    if not changed:
        return parsed
    return dataclasses.replace(parsed, tokens=tuple(tok))


def _children(tok: list[Token]) -> list[list[int]]:
    """Each token's dependents, in text order."""
    kids: list[list[int]] = [[] for _ in tok]
    for t in tok:
        if t.head != t.i and 0 <= t.head < len(tok):
            kids[t.head].append(t.i)
    return kids


def _edges(kids: list[list[int]], i: int) -> tuple[int, int]:
    """The first and last token of ``i``'s subtree, in the tree as repaired so far."""
    left = right = i
    stack = [i]
    while stack:
        k = stack.pop()
        left, right = min(left, k), max(right, k)
        stack += kids[k]
    return left, right
