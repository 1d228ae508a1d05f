"""Face analyses running in several threads at once (the desk's task pool, a worker's threads) give exactly the
answers they give one at a time: dlib's detector keeps the image it searches inside itself, so a shared one
returned other threads' detections."""

from __future__ import annotations

import threading

import numpy as np

from reviewer_app.matching import pipeline
from reviewer_app.matching.composites import make_selfie_with_document


def _faces(a: pipeline.Analysis) -> list:
    return [(f.role, f.box, np.round(f.encoding, 5).tolist()) for f in a.faces]


def test_concurrent_analyses_equal_sequential_ones(hopper, composite):
    other = make_selfie_with_document(hopper.image, hopper.image, seed=5, style="hard",
                                      live_face_box=hopper.face_box, doc_face_box=hopper.face_box)
    images = [composite.image, other.image]
    detections = [pipeline._detect(im, 1) for im in images]
    analyses = [_faces(pipeline.analyse_selfie(im)) for im in images]
    differing: list[str] = []

    def run(k: int) -> None:
        for _ in range(2):
            if pipeline._detect(images[k], 1) != detections[k]:
                differing.append(f"detection {k}")
        if _faces(pipeline.analyse_selfie(images[k])) != analyses[k]:
            differing.append(f"analysis {k}")

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1, 0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert differing == []
