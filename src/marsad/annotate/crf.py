"""A CRFsuite model's weights in numpy, and Viterbi decoding over many sentences at once.

pycrfsuite takes every token's attributes as strings and looks each one up in
the model; with ~40 attributes a token that lookup was most of the cost of
tagging a report. Here the model file's weights are read into arrays, the
caller sums a word's attribute rows once and reuses the sums, and the loops over
token positions (a token's score from its neighbours, Viterbi) run in C (_crf.c)
over all the sentences of a report in one call each: in numpy each position cost
a dozen array calls. The scores are
CRFsuite's own (first-order, no start or end weights), summed in another order.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import is_

import numpy as np

from marsad.annotate import _crf

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class Weights:
    labels: tuple[str, ...]
    attributes: dict[str, int]  # attribute -> row of `state`
    state: np.ndarray  # (attributes + 1, labels): the last row is zeros, for attributes the model lacks
    transition: np.ndarray  # (from label, to label)


def read_model(data: bytes) -> Weights:
    """Parse a CRFsuite 1d model file (the "lCRF" header, a "FEAT" chunk, two CQDB string tables)."""
    magic, _, kind, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs = struct.unpack_from("<4sI4s7I", data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a CRFsuite 1d model")
    chunk, _, n_feat = struct.unpack_from("<4s2I", data, off_feat)
    if chunk != b"FEAT":
        raise ValueError("CRFsuite model without a feature chunk")
    feats = np.frombuffer(data, _FEATURE, n_feat, off_feat + 12)
    state = np.zeros((n_attrs + 1, n_labels))
    transition = np.zeros((n_labels, n_labels))
    for table, typ in ((state, _STATE), (transition, _TRANSITION)):
        f = feats[feats["type"] == typ]
        np.add.at(table, (f["src"], f["dst"]), f["weight"])
    labels = _strings(data, off_labels, n_labels)
    return Weights(tuple(labels), {a: i for i, a in enumerate(_strings(data, off_attrs, n_attrs))}, state, transition)


def summed(weights: Weights, groups) -> np.ndarray:
    """(groups, labels): the state weights of each group of attributes summed; an attribute the
    model has no weight for counts nothing, as in CRFsuite."""
    none = len(weights.attributes)
    rows, starts = [], []
    for attrs in groups:
        starts.append(len(rows))
        rows += [weights.attributes.get(a, none) for a in attrs]
        rows.append(none)  # reduceat needs every group non-empty
    return np.add.reduceat(weights.state[rows], starts)


class ScoreTable:
    """Scores computed once per key (a word, a part of one) and kept as rows of one array, so
    the rows of a report's tokens are one index. A call's new keys are scored together (numpy
    costs by the call, not by the row). Bounded in two generations: when the table is full it
    becomes the old one and a fresh one starts, taking over the old rows still asked for (an
    LRU's effect, without per-key upkeep; emptying it whole made every few thousand reports
    start cold)."""

    def __init__(self, score, shape: tuple[int, ...], size: int):
        self.score = score  # new keys -> (what to keep beside each, their rows)
        self.size = size  # keys per generation
        self.index: dict = {}
        self.kept: list = []
        self.rows = np.zeros((1024, *shape))  # grown by doubling; `shape`: one key's rows
        self.old: tuple[dict, list, np.ndarray] = ({}, [], self.rows[:0])

    def ids(self, keys: list) -> list[int]:
        """The rows of `keys`, scoring the new ones; read `.rows` after: it may be replaced."""
        if len(self.index) + len(keys) > self.size:  # all of one call's keys must fit
            self.old = (self.index, self.kept, self.rows)
            self.index, self.kept, self.rows = {}, [], np.zeros_like(self.rows[:1024])
        index = self.index
        found = list(map(index.get, keys))
        if None not in found:  # most calls: every key known
            return found
        new = dict.fromkeys(compress(keys, map(is_, found, repeat(None))))
        old_index, old_kept, old_rows = self.old
        taken = [k for k in new if k in old_index]
        fresh = [k for k in new if k not in old_index]
        again = [old_index[k] for k in taken]
        kept, rows = self.score(fresh) if fresh else ([], old_rows[:0])
        self._append(taken + fresh, [old_kept[i] for i in again] + kept, np.concatenate([old_rows[again], rows]))
        return list(map(index.__getitem__, keys))

    def _append(self, keys: list, kept: list, rows: np.ndarray) -> None:
        start = len(self.kept)
        while start + len(keys) > len(self.rows):
            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
        self.rows[start:start + len(keys)] = rows
        self.index.update(zip(keys, range(start, start + len(keys))))
        self.kept += kept


def _strings(data: bytes, offset: int, count: int) -> list[str]:
    """A CQDB table's strings in id order, through its backward array (id -> record offset)."""
    chunk, _, _, _, n, bwd = struct.unpack_from("<4s5I", data, offset)
    if chunk != b"CQDB" or n != count:
        raise ValueError("CRFsuite model with a damaged string table")
    out = []
    for rec in struct.unpack_from(f"<{n}I", data, offset + bwd):
        size = struct.unpack_from("<I", data, offset + rec + 4)[0]
        out.append(data[offset + rec + 8:offset + rec + 7 + size].decode("utf-8"))  # size counts the NUL
    return out


def window(rows: np.ndarray, lengths: list[int], pads: np.ndarray, offsets: tuple[int, ...]) -> np.ndarray:
    """(tokens, labels) state scores: each token's `rows[t, 0]` plus, for each of `offsets` in
    order, what the token at that distance in its sentence gives it (`rows[t + off, 1 + k]`), or
    `pads[k]` past the sentence's edge. `rows`: (tokens, 1 + offsets, labels), the sentences one
    after another, `lengths` their tokens."""
    out = np.empty((rows.shape[0], rows.shape[2]))
    _crf.window(out, np.ascontiguousarray(rows, dtype=np.float64), np.asarray(lengths, dtype=np.int64),
                np.ascontiguousarray(pads, dtype=np.float64), np.asarray(offsets, dtype=np.int64), rows.shape[2])
    return out


def viterbi(scores: np.ndarray, lengths: list[int], transition: np.ndarray) -> list[bytes]:
    """The best label path of each sentence, as label indexes; `scores`: (tokens, labels) state
    scores of the sentences one after another, `lengths` their tokens. Ties go to the lower
    label, as in CRFsuite."""
    flat = _crf.paths(np.ascontiguousarray(scores, dtype=np.float64), np.asarray(lengths, dtype=np.int64),
                      np.ascontiguousarray(transition, dtype=np.float64), transition.shape[0])
    ends = list(accumulate(lengths))
    return [flat[e - n:e] for n, e in zip(lengths, ends)]
