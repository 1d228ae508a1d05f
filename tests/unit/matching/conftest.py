"""Fixtures for the face pre-score tests: public-domain portraits, composites and the real labelled photos."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from reviewer_app.matching import FaceMatcher, MemoryCache
from reviewer_app.matching.composites import astronaut, grace_hopper, make_selfie_with_document

SHARED_FACES = Path(__file__).resolve().parents[3].parent / "shared" / "faces"


def jpeg(rgb: np.ndarray, quality: int = 92) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


@pytest.fixture(scope="session")
def hopper():
    return grace_hopper()


@pytest.fixture(scope="session")
def astro():
    p = astronaut()
    # The astronaut's suit gives a spurious HOG detection lower down: keep the head and shoulders only.
    from reviewer_app.matching.composites import Portrait

    return Portrait(np.ascontiguousarray(p.image[:300]), p.face_box)


@pytest.fixture(scope="session")
def matcher():
    return FaceMatcher(MemoryCache())


@pytest.fixture(scope="session")
def composite(hopper):
    """Grace Hopper holding a passport with her own (second-copy) photo: the standard style."""
    return make_selfie_with_document(hopper.image, hopper.image, seed=3, style="standard",
                                     live_face_box=hopper.face_box, doc_face_box=hopper.face_box)


@pytest.fixture(scope="session")
def shared_faces() -> Path:
    if not (SHARED_FACES / "pairs.csv").exists():
        pytest.skip(f"the labelled face photos are not available at {SHARED_FACES} (see SOURCES.md there)")
    return SHARED_FACES
