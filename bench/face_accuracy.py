"""Face pre-score accuracy on selfie-with-passport composites built from ../shared/faces/pairs.csv.

For every labelled pair (first photo = the selfie, second photo's face printed on the document card) two
composites are built, "standard" and "hard" (reviewer_app.matching.composites). On the same images it measures

* ours: `FaceMatcher.prescore` (no cache) -> live/document faces and their distance;
* plain: face_recognition called plainly: face_locations(upsample=1) on the full image, the two largest faces
  encoded (face_encodings defaults) and compared;

and reports for each: the share where the document face is found (a face overlapping the true printed face),
AUC, FNMR at 1% FMR (a pair with no document face counts as a non-match) and ms per image (decode included,
one process per core, OpenCV and BLAS single-threaded). It also reports AUC on the plain pairs (the two photos
as they are; ours = the scan path on each photo).

    uv run python bench/face_accuracy.py [--limit N] [--workers 2] [--json out.json]
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the other imports
import sys
from pathlib import Path

# bench/ holds other scripts (e.g. queue.py) that would shadow the standard library: keep it off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import csv
import io
import json
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# One process per core: the descriptor's matrix products (NumPy/BLAS) single-threaded too, set before NumPy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

warnings.filterwarnings("ignore")
ROOT = Path(__file__).resolve().parents[1]
FACES = ROOT.parent / "shared" / "faces"
sys.path.insert(0, str(ROOT))


def _init() -> None:
    import cv2

    cv2.setNumThreads(1)
    warnings.filterwarnings("ignore")


def face_box(path: str) -> tuple[int, int, int, int] | None:
    """The largest face of a labelled photo (HOG at upsample 1, then 2), for placing it in composites."""
    import face_recognition as fr

    from reviewer_app.matching.images import load_image

    img = load_image((FACES / path).read_bytes(), path)
    for up in (1, 2):
        locs = fr.face_locations(img, up)
        if locs:
            return max(locs, key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))
    return None


def _center_inside(box, truth) -> bool:
    t, r, b, left = truth
    cy, cx = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return t <= cy <= b and left <= cx <= r


def run_plain(jpeg: bytes, truth_doc) -> tuple[bool, float | None, float]:
    import face_recognition as fr
    from PIL import Image

    t0 = time.perf_counter()
    img = np.asarray(Image.open(io.BytesIO(jpeg)).convert("RGB"))
    locs = fr.face_locations(img, 1)
    locs = sorted(locs, key=lambda b: (b[2] - b[0]) * (b[1] - b[3]), reverse=True)[:2]
    dist = None
    found = False
    if len(locs) == 2:
        encs = fr.face_encodings(img, locs)
        dist = float(np.linalg.norm(encs[0] - encs[1]))
        found = _center_inside(locs[1], truth_doc)
    return found, dist, (time.perf_counter() - t0) * 1000


def run_ours(jpeg: bytes, truth_doc) -> tuple[bool, float | None, float]:
    from reviewer_app.matching import FaceMatcher

    m = FaceMatcher()
    t0 = time.perf_counter()
    res = m.prescore(jpeg, consent=True)
    ms = (time.perf_counter() - t0) * 1000
    doc = res.faces_with_role("document")
    found = bool(doc) and _center_inside(doc[0].box, truth_doc)
    return found, res.distances.get("live-document"), ms


def composite_job(job):
    from reviewer_app.matching.composites import make_selfie_with_document
    from reviewer_app.matching.images import load_image

    i, a, b, box_a, box_b, same, style = job
    live = load_image((FACES / a).read_bytes(), a)
    doc = load_image((FACES / b).read_bytes(), b)
    c = make_selfie_with_document(live, doc, seed=i, style=style, live_face_box=box_a, doc_face_box=box_b)
    ours = run_ours(c.jpeg, c.document_box)
    plain = run_plain(c.jpeg, c.document_box)
    return {"i": i, "style": style, "same": same, "ours": ours, "plain": plain}


def pair_job(job):
    import face_recognition as fr

    from reviewer_app.matching import pipeline
    from reviewer_app.matching.images import load_image

    i, a, b, same = job
    out = {"i": i, "same": same}
    imgs = [load_image((FACES / p).read_bytes(), p) for p in (a, b)]
    an = [pipeline.analyse_scan(x) for x in imgs]
    fa, fb = (x.face("scan") for x in an)
    out["ours"] = pipeline.distance(fa.encoding, fb.encoding) if fa and fb else None
    encs = []
    for x in imgs:
        locs = fr.face_locations(x, 1)
        locs = sorted(locs, key=lambda q: (q[2] - q[0]) * (q[1] - q[3]), reverse=True)[:1]
        encs.append(fr.face_encodings(x, locs)[0] if locs else None)
    out["plain"] = float(np.linalg.norm(encs[0] - encs[1])) if all(e is not None for e in encs) else None
    return out


def auc(same: np.ndarray, dist: np.ndarray) -> float:
    """Probability that a same-person pair is closer than a different-person pair (ties count half)."""
    pos, neg = dist[same], dist[~same]
    if not len(pos) or not len(neg):
        return float("nan")
    less = (pos[:, None] < neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(less / (len(pos) * len(neg)))


def fnmr_at_fmr(same: np.ndarray, dist: np.ndarray, fmr: float = 0.01) -> float:
    """Share of same-person pairs rejected at the loosest threshold whose false-match rate is <= fmr."""
    neg = np.sort(dist[~same])
    allowed = int(np.floor(fmr * len(neg)))  # false matches allowed
    thr = neg[allowed] if allowed < len(neg) else np.inf  # accept d < thr
    return float(np.mean(dist[same] >= thr))


def summarise(rows, key) -> dict:
    same = np.array([r["same"] for r in rows])
    found = np.array([r[key][0] for r in rows])
    dist = np.array([r[key][1] if r[key][1] is not None else 9.0 for r in rows], np.float64)
    ms = np.array([r[key][2] for r in rows])
    return {
        "n": len(rows), "found": float(found.mean()), "auc": auc(same, dist),
        "fnmr_at_fmr1": fnmr_at_fmr(same, dist), "ms_mean": float(ms.mean()), "ms_median": float(np.median(ms)),
    }


def load_pairs(limit: int | None):
    with open(FACES / "pairs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    if limit:
        rows = rows[:limit]
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N pairs only")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--styles", default="standard,hard")
    ap.add_argument("--no-plain-pairs", action="store_true")
    ap.add_argument("--json", type=Path, help="write all rows and figures here")
    args = ap.parse_args()
    if not (FACES / "pairs.csv").exists():
        print(f"no labelled faces at {FACES}", file=sys.stderr)
        return 2
    pairs = load_pairs(args.limit)
    paths = sorted({p for r in pairs for p in (r["img_a"], r["img_b"])})
    with ProcessPoolExecutor(args.workers, initializer=_init) as ex:
        boxes = dict(zip(paths, ex.map(face_box, paths), strict=True))
        missing = [p for p, b in boxes.items() if b is None]
        if missing:
            print("no face found (pairs skipped):", missing)
        jobs = [
            (i, r["img_a"], r["img_b"], boxes[r["img_a"]], boxes[r["img_b"]], r["same"] == "true", style)
            for style in args.styles.split(",")
            for i, r in enumerate(pairs)
            if boxes[r["img_a"]] and boxes[r["img_b"]]
        ]
        t0 = time.time()
        rows = list(ex.map(composite_job, jobs, chunksize=2))
        report: dict = {}
        for style in args.styles.split(","):
            srows = [r for r in rows if r["style"] == style]
            report[style] = {"ours": summarise(srows, "ours"), "plain": summarise(srows, "plain")}
        if not args.no_plain_pairs:
            prow = list(ex.map(pair_job, [(i, r["img_a"], r["img_b"], r["same"] == "true")
                                          for i, r in enumerate(pairs)]))
            same = np.array([r["same"] for r in prow])
            report["plain_pairs"] = {
                k: {"auc": auc(same, np.array([r[k] if r[k] is not None else 9.0 for r in prow])),
                    "no_face": int(sum(r[k] is None for r in prow))}
                for k in ("ours", "plain")
            }
        report["wall_s"] = time.time() - t0
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"report": report, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
