"""Caching of per-image analyses (faces, roles, encodings, quality) by image hash and model version.

The matcher stores one JSON-serialisable dict per (sha256 of the image bytes, MODEL_VERSION). The database
implementation (table ``face_encoding_cache``) lives with the services; `MemoryCache` is for tests, the CLI and
benchmarks.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from typing import Protocol, runtime_checkable


@runtime_checkable
class EncodingCache(Protocol):
    def get(self, sha256: str, model_version: str) -> dict | None: ...

    def put(self, sha256: str, model_version: str, value: dict) -> None: ...


class MemoryCache:
    """A bounded, thread-safe in-memory `EncodingCache` (least recently used entries go first)."""

    def __init__(self, max_entries: int = 256):
        self.max_entries = max_entries
        self._data: OrderedDict[tuple[str, str], dict] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, sha256: str, model_version: str) -> dict | None:
        with self._lock:
            value = self._data.get((sha256, model_version))
            if value is None:
                self.misses += 1
                return None
            self._data.move_to_end((sha256, model_version))
            self.hits += 1
            return copy.deepcopy(value)

    def put(self, sha256: str, model_version: str, value: dict) -> None:
        with self._lock:
            self._data[(sha256, model_version)] = copy.deepcopy(value)
            self._data.move_to_end((sha256, model_version))
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
