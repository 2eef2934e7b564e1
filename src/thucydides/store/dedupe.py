"""Near-duplicate articles: word shingles, MinHash signatures, LSH buckets, exact check.

A repost or a syndicated copy of an article is coded again by the pipeline (it has another
id: other chrome, another URL), but it is not news again. Two articles are near-duplicates
when the Jaccard similarity of their sets of 5-word shingles is at least ``THRESHOLD``
(0.8). The store keeps every article's LSH buckets; a new article's buckets find the few
stored articles that may be near-duplicates (candidates), and the exact Jaccard of the
shingle sets decides. The stages here are plain functions; the store runs them on upsert.

Notes:
    Shingling and resemblance: Broder, "On the resemblance and containment of documents"
    (1997). MinHash signatures come from datasketch 2.0.0 (``MinHash``, scheme affine32,
    128 permutations, seed 1: the same text gives the same signature in every process and
    every run). The banding (18 bands of 7 rows) is what datasketch's
    ``MinHashLSH(threshold=0.6, num_perm=128)`` chooses; it is set below the 0.8 decision
    threshold on purpose, so that a pair at Jaccard 0.8 becomes a candidate with
    probability 1 - (1 - 0.8**7)**18 = 0.986 (0.999 at 0.85), while a pair at 0.3 does so
    with probability 0.004. Candidates are then checked exactly, so the low banding
    threshold costs a few comparisons, not precision. Measurements on the VOA corpus are
    in ``docs/store.md``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Words per shingle. Five keeps a changed word from touching more than five shingles,
#: while two different articles on the same story rarely share a five-word run.
SHINGLE_WORDS = 5
#: MinHash permutations and their seed: changing either changes every stored bucket.
NUM_PERM = 128
SEED = 1
#: datasketch's hashing scheme, named so that a new default in datasketch cannot change it.
SCHEME = "affine32"
#: LSH banding: BANDS * ROWS <= NUM_PERM (see the module notes for why 18 x 7).
BANDS = 18
ROWS = 7
#: Two articles are near-duplicates at or above this Jaccard similarity of their shingles.
THRESHOLD = 0.8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that shares an LSH bucket with the one being stored.

    Attributes:
        id: its record id.
        seq: its place in storing order (smaller is earlier).
        original: the article it is itself a duplicate of, or None.
        text: its cleaned text.
    """

    id: str
    seq: int
    original: str | None
    text: str


def shingles(text: str) -> frozenset[str]:
    """Returns the set of ``SHINGLE_WORDS``-word shingles of ``text``.

    Args:
        text: a cleaned article text.

    Returns:
        Runs of consecutive words, casefolded and joined by one space, so that case,
        punctuation and spacing do not matter. A text shorter than one shingle is one
        shingle of all its words; a text without words has none.
    """
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def buckets(shingle_set: frozenset[str]) -> tuple[str, ...]:
    """Returns the LSH bucket keys of a shingle set, one per band.

    Args:
        shingle_set: from ``shingles``.

    Returns:
        ``BANDS`` keys such as ``"07:3f2a..."`` (band number, then a hash of the band's
        MinHash values); two texts share a key when a whole band of their signatures is
        equal. An empty set has no keys: a text without words is nobody's duplicate.
    """
    if not shingle_set:
        return ()
    minhash = _new_minhash()
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    values = minhash.hashvalues.astype("<u8")
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band:02d}:{hashlib.sha1(chunk).hexdigest()[:16]}")
    return tuple(keys)


@functools.cache
def _permutations() -> object:
    """The MinHash permutations for ``NUM_PERM`` and ``SEED``, drawn once per process."""
    # Imported here: datasketch pulls in scipy (~0.8 s), which only writers need.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _new_minhash():  # -> datasketch.MinHash
    """An empty MinHash with the fixed permutations."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Returns |a ∩ b| / |a ∪ b|, and 0.0 for two empty sets."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_original(
    shingle_set: frozenset[str], candidates: Iterable[Candidate]
) -> tuple[str, float] | None:
    """Picks the article that the one with ``shingle_set`` duplicates, if any.

    Args:
        shingle_set: the new article's shingles.
        candidates: stored articles sharing a bucket with it, all stored before it.

    Returns:
        (original id, similarity) for the earliest stored candidate at or above
        ``THRESHOLD``, where the original is that candidate's own original when it is a
        duplicate itself, so that every duplicate points at the first copy; None when no
        candidate is that close.
    """
    for candidate in sorted(candidates, key=lambda c: c.seq):
        similarity = jaccard(shingle_set, shingles(candidate.text))
        if similarity >= THRESHOLD:
            return candidate.original or candidate.id, similarity
    return None
