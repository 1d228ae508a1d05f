"""An in-memory index of face descriptors: "who else looks like this face?" over up to millions of applications.

Which index, and why: a coarse quantiser (inverted file) in plain NumPy.
- Exact brute force (one float32 matrix-vector product over all descriptors) is the reference, and is what the
  index uses below `IVF_FROM` descriptors. At a million 128-d descriptors it reads 512 MB per look-up: ~40-60 ms
  on one core when memory is quiet, more when other workers share the memory bus, and 512 MB per worker.
- The inverted file clusters the descriptors into `n_lists` cells (k-means on a sample); a look-up ranks the
  cells by their centre and scans only the `n_probe` nearest, exactly (float32 re-ranking of float16 storage).
  At a million descriptors (250 cells, 16 probed) that is ~6% of them: a few milliseconds, and 256 MB. A
  near-duplicate (same person, identity-descriptor distance <= 0.58) sits in one of the cells nearest the query;
  the benchmark (`bench/face_duplicates.py`) measures that recall against exact brute force.
- No new dependency: FAISS/hnswlib would be faster still, but add native wheels per desk OS for a problem
  NumPy already solves within the target.
New descriptors are appended to the nearest existing cell; `rebuild()` re-clusters (the worker does it at start).
Distances are Euclidean, as dlib's descriptor is meant to be compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DIM = 128
IVF_FROM = 50_000  # below this, brute force is already fast (< 3 ms)


@dataclass(frozen=True)
class Neighbour:
    key: str
    distance: float


class FaceIndex:
    def __init__(self, dim: int = DIM, *, n_lists: int | None = None, n_probe: int = 16, seed: int = 0) -> None:
        self.dim = dim
        self.n_lists = n_lists
        self.n_probe = n_probe
        self.seed = seed
        self._keys: list[str] = []
        self._vecs = np.zeros((0, dim), np.float16)
        self._pending: list[np.ndarray] = []  # appended since the last consolidation
        self._centres: np.ndarray | None = None
        self._lists: list[np.ndarray] = []  # row indices per cell
        self._list_vecs: list[np.ndarray] = []  # float16 rows per cell (contiguous: one scan per cell)

    def __len__(self) -> int:
        return len(self._keys)

    # -- building -------------------------------------------------------------------------------------------

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        v = np.asarray(vectors, np.float32).reshape(-1, self.dim)
        if len(keys) != len(v):
            raise ValueError(f"{len(keys)} keys for {len(v)} descriptors")
        start = len(self._keys)
        self._keys.extend(keys)
        if self._centres is not None:  # stored once, in the cells (no second copy of a million rows)
            cells = self._assign(v)
            for c in np.unique(cells):
                rows = np.nonzero(cells == c)[0]
                self._lists[c] = np.concatenate([self._lists[c], rows + start])
                self._list_vecs[c] = np.concatenate([self._list_vecs[c], v[rows].astype(np.float16)])
            return
        self._pending.append(v.astype(np.float16))
        if len(self._keys) >= IVF_FROM:
            self.rebuild()

    def _all(self) -> np.ndarray:
        """Every stored descriptor in insertion order (float16)."""
        if self._centres is not None:
            out = np.empty((len(self._keys), self.dim), np.float16)
            for rows, vecs in zip(self._lists, self._list_vecs, strict=True):
                out[rows] = vecs
            return out
        if self._pending:
            self._vecs = np.concatenate([self._vecs, *self._pending])
            self._pending = []
        return self._vecs

    def rebuild(self) -> None:
        """Cluster all descriptors into cells (k-means, a few rounds on a sample)."""
        vecs = self._all()
        n = len(vecs)
        if n < IVF_FROM:
            self._vecs, self._pending, self._centres = vecs, [], None
            return
        k = self.n_lists or int(min(1024, max(64, np.sqrt(n) / 4)))  # 1M: 250 cells of ~4000
        rng = np.random.default_rng(self.seed)
        sample = vecs[rng.choice(n, size=min(n, 30 * k), replace=False)].astype(np.float32)
        centres = sample[rng.choice(len(sample), size=k, replace=False)].copy()
        for _ in range(8):
            cells = _nearest(sample, centres)
            for c in range(k):
                members = sample[cells == c]
                if len(members):
                    centres[c] = members.mean(axis=0)
        self._centres = centres
        cells = np.concatenate([_nearest(vecs[i:i + 65536].astype(np.float32), centres)
                                for i in range(0, n, 65536)])
        order = np.argsort(cells, kind="stable")
        bounds = np.searchsorted(cells[order], np.arange(k + 1))
        self._lists = [order[bounds[c]:bounds[c + 1]] for c in range(k)]
        self._list_vecs = [np.ascontiguousarray(vecs[rows]) for rows in self._lists]
        self._vecs = np.zeros((0, self.dim), np.float16)  # the cells hold them now

    def _assign(self, v: np.ndarray) -> np.ndarray:
        assert self._centres is not None
        return _nearest(v, self._centres)

    # -- searching ------------------------------------------------------------------------------------------

    def search(self, vector, *, k: int = 5, max_distance: float | None = None) -> list[Neighbour]:
        """The `k` nearest stored descriptors (nearest first), within `max_distance` if given."""
        if not self._keys:
            return []
        q = np.asarray(vector, np.float32).reshape(self.dim)
        if self._centres is None:
            vecs = self._all()
            rows = np.arange(len(vecs))
            d = _distances(vecs, q)
        else:
            dc = ((self._centres - q) ** 2).sum(axis=1)
            probe = np.argpartition(dc, min(self.n_probe, len(dc) - 1))[: self.n_probe]
            rows = np.concatenate([self._lists[c] for c in probe])
            d = np.concatenate([_distances(self._list_vecs[c], q) for c in probe])
        if max_distance is not None:
            keep = d <= max_distance
            rows, d = rows[keep], d[keep]
        take = np.argsort(d)[:k] if len(d) > k else np.argsort(d)
        return [Neighbour(self._keys[int(rows[i])], float(d[i])) for i in take]


def _distances(vecs16: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Euclidean distances of float16 rows to q, computed in float32 chunks (|v|^2 - 2 v.q + |q|^2)."""
    out = np.empty(len(vecs16), np.float32)
    for i in range(0, len(vecs16), 32768):
        chunk = vecs16[i:i + 32768].astype(np.float32)
        out[i:i + len(chunk)] = np.einsum("ij,ij->i", chunk, chunk) - 2 * (chunk @ q)
    return np.sqrt(np.maximum(out + float(q @ q), 0.0))


def _nearest(v: np.ndarray, centres: np.ndarray) -> np.ndarray:
    d = (centres * centres).sum(axis=1)[None, :] - 2 * (v @ centres.T)
    return np.argmin(d, axis=1)
