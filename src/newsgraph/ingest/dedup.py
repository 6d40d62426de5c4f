"""Near-duplicate detection with MinHash over word 5-shingles (datasketch LSH)."""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # stored signatures are only comparable within one datasketch scheme
SHINGLE = 5
_WORD = re.compile(r"\w+")


def minhash_of(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def signature_bytes(signature: MinHash) -> bytes:
    return signature.hashvalues.astype(np.uint64).tobytes()


def signature_from_bytes(raw: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(raw, dtype=np.uint64), scheme=SCHEME)


class NearDuplicateIndex:
    """Documents seen so far; `find` names an earlier document whose Jaccard estimate passes the threshold."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, signature: MinHash) -> None:
        if doc_id not in self._signatures:
            self._signatures[doc_id] = signature
            self._lsh.insert(doc_id, signature)

    def find(self, signature: MinHash, among: set[str] | None = None) -> str | None:
        """The closest indexed document over the threshold (only those in `among`, when given)."""
        best, best_score = None, self.threshold
        for candidate in self._lsh.query(signature):
            if among is not None and candidate not in among:
                continue
            score = signature.jaccard(self._signatures[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        return best
