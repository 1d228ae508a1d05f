"""Speed of the face pre-score on a 12-megapixel phone photo, on one core.

A standard composite (Grace Hopper holding a passport with her photo, or a pair from ../shared/faces when
available) is upscaled to 4000x3000 and saved as JPEG quality 90; `FaceMatcher.prescore` is timed from the bytes
(decode included), without a cache, with OpenCV and BLAS single-threaded. For comparison the plain face_recognition call
(face_locations at upsample 1 + two encodings) is timed once.

    uv run python bench/face_speed.py [--runs 5] [--no-plain]
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the other imports
import sys
from pathlib import Path

# bench/ holds other scripts (e.g. queue.py) that would shadow the standard library: keep it off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core: the descriptor's matrix products too
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--style", default="standard")
    ap.add_argument("--no-plain", action="store_true")
    args = ap.parse_args()

    import cv2
    import numpy as np
    from PIL import Image

    cv2.setNumThreads(1)
    with contextlib.suppress(AttributeError, OSError):  # pin to one core where the OS allows it
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from reviewer_app.matching import FaceMatcher
    from reviewer_app.matching.composites import grace_hopper, make_selfie_with_document

    g = grace_hopper()
    c = make_selfie_with_document(g.image, g.image, seed=1, style=args.style, live_face_box=g.face_box,
                                  doc_face_box=g.face_box)
    big = cv2.resize(c.image, (4000, 3000), interpolation=cv2.INTER_CUBIC)
    buf = io.BytesIO()
    Image.fromarray(big).save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    print(f"image: 4000x3000 JPEG, {len(data) / 1e6:.1f} MB")
    from threadpoolctl import threadpool_info  # the descriptor's speed depends on the BLAS kernel

    kernels = ", ".join(f"{i['internal_api']} {i.get('version')} {i.get('architecture')}" for i in threadpool_info())
    print(f"BLAS: {kernels} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})")

    m = FaceMatcher()
    m.prescore(data, consent=True)  # load the models once
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        r = m.prescore(data, consent=True)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"ours: median {statistics.median(times):.0f} ms, min {min(times):.0f} ms over {args.runs} runs; "
          f"band {r.band}, score {r.score}, faces {[f.role for f in r.faces]}")
    print("  last run:", {k: v for k, v in r.timings_ms.items()})

    if not args.no_plain:
        import face_recognition as fr

        t0 = time.perf_counter()
        img = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
        locs = sorted(fr.face_locations(img, 1), key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))[-2:]
        if len(locs) == 2:
            fr.face_encodings(img, locs)
        print(f"plain face_recognition: {(time.perf_counter() - t0) * 1000:.0f} ms ({len(locs)} faces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
