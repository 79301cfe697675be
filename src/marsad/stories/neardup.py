"""Near-duplicates: a republished or lightly edited copy linked to its original.

MinHash over shingles of normalized words (3-grams, stop words kept so that
word order counts), LSH banding for candidates, then the estimated Jaccard
decides. The first report seen is the original; a later copy links to it
(or to the original its own match links to), across outlets.
"""

from __future__ import annotations

import hashlib
import struct

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from marsad.stories.text import norm_words

NUM_PERM = 64
SHINGLE = 3
THRESHOLD = 0.5  # estimated Jaccard of shingle sets at which a copy is a near-duplicate
MIN_WORDS = 12  # shorter texts (a headline, a caption) are too short to call copies
SCHEME = "affine32"


def _hash(data: bytes) -> int:
    return struct.unpack("<I", hashlib.blake2b(data, digest_size=4).digest())[0]


def signature(text: str, words: list[str] | None = None) -> LeanMinHash | None:
    """MinHash of a text's shingles (`words`: its normalized words, when already at hand)."""
    ws = words if words is not None else norm_words(text)
    if len(ws) < MIN_WORDS:
        return None
    shingles = {" ".join(ws[i:i + SHINGLE]).encode() for i in range(len(ws) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, hashfunc=_hash, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles))
    return LeanMinHash(m)


class NearDuplicates:
    """Online index: `add` returns the original a new report copies, or None."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, LeanMinHash] = {}
        self.original: dict[str, str] = {}  # copy id -> original id

    def add(self, doc_id: str, text: str, words: list[str] | None = None) -> str | None:
        if doc_id in self.signatures or doc_id in self.original:
            return self.original.get(doc_id)
        sig = signature(text, words)
        if sig is None:
            return None
        return self.add_signature(doc_id, sig)

    def add_signature(self, doc_id: str, sig: LeanMinHash) -> str | None:
        best, best_j = None, self.threshold
        for cand in self.lsh.query(sig):
            j = sig.jaccard(self.signatures[cand])
            if j >= best_j and (best is None or j > best_j or cand < best):
                best, best_j = cand, j
        self.signatures[doc_id] = sig
        self.lsh.insert(doc_id, sig)
        if best is None:
            return None
        root = self.original.get(best, best)
        self.original[doc_id] = root
        return root


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)
