"""Calibrate the face pre-score: descriptor distance -> score 0-100 (reviewer_app/matching/calibration.json).

Builds standard and hard composites from ../shared/faces/pairs.csv with seeds *different* from the accuracy
benchmark (seed = 1000 + pair index), runs `FaceMatcher` on each and fits a logistic regression
P(same person | live-document distance). The score is 100 x P, capped to [1, 99]. Pairs flagged in pairs.csv as
probably the same source photo are left out of the fit (they would make "same" look easier than it is); pairs
where no document face is found are left out too (they get no score at all).

    uv run python bench/calibrate_faces.py [--limit N] [--workers 2] [--write [--apply-fit]]

Without --write it only prints the fit. See docs/face-calibration.md.
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the other imports
import sys
from pathlib import Path

# bench/ holds other scripts (e.g. queue.py) that would shadow the standard library: keep it off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import csv
import json
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

warnings.filterwarnings("ignore")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

def _load_face_accuracy():
    import importlib.util

    spec = importlib.util.spec_from_file_location("face_accuracy", Path(__file__).with_name("face_accuracy.py"))
    mod = importlib.util.module_from_spec(spec)
    sys.modules["face_accuracy"] = mod
    spec.loader.exec_module(mod)
    return mod


fa = _load_face_accuracy()

OUT = ROOT / "reviewer_app" / "matching" / "calibration.json"


def job(j):
    from reviewer_app.matching.composites import make_selfie_with_document
    from reviewer_app.matching.images import load_image

    i, a, b, box_a, box_b, same, style = j
    live = load_image((fa.FACES / a).read_bytes(), a)
    doc = load_image((fa.FACES / b).read_bytes(), b)
    c = make_selfie_with_document(live, doc, seed=1000 + i, style=style, live_face_box=box_a,
                                  doc_face_box=box_b)
    found, dist, _ = fa.run_ours(c.jpeg, c.document_box)
    return {"style": style, "same": same, "found": found, "distance": dist}


def fit_logistic(d: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> tuple[float, float]:
    """Newton's method for P(y=1|d) = sigmoid(a*d + b), a small ridge for stability; classes weighted equally."""
    w = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum())) * len(y)
    x = np.stack([d, np.ones_like(d)], axis=1)
    theta = np.array([-10.0, 5.0])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ theta)))
        g = x.T @ (w * (p - y)) + l2 * theta
        h = (x * (w * p * (1 - p))[:, None]).T @ x + l2 * np.eye(2)
        step = np.linalg.solve(h, g)
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    return float(theta[0]), float(theta[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--write", action="store_true", help="store the fit in calibration.json under 'fitted'")
    ap.add_argument("--apply-fit", action="store_true", help="with --write: also put the fit in force")
    args = ap.parse_args()
    with open(fa.FACES / "pairs.csv", newline="") as f:
        pairs = list(csv.DictReader(f))[: args.limit]
    paths = sorted({p for r in pairs for p in (r["img_a"], r["img_b"])})
    t0 = time.time()
    with ProcessPoolExecutor(args.workers, initializer=fa._init) as ex:
        boxes = dict(zip(paths, ex.map(fa.face_box, paths), strict=True))
        jobs = [
            (i, r["img_a"], r["img_b"], boxes[r["img_a"]], boxes[r["img_b"]], r["same"] == "true", style)
            for style in ("standard", "hard")
            for i, r in enumerate(pairs)
            if boxes[r["img_a"]] and boxes[r["img_b"]] and not r.get("note")
        ]
        rows = list(ex.map(job, jobs, chunksize=2))
    rows = [r for r in rows if r["distance"] is not None]
    d = np.array([r["distance"] for r in rows])
    y = np.array([1.0 if r["same"] else 0.0 for r in rows])
    a, b = fit_logistic(d, y)

    def d_at(score: float) -> float:
        p = score / 100
        return (np.log(p / (1 - p)) - b) / a

    cal = {
        "version": time.strftime("%Y-%m-%d"),
        "model_fit": "logistic P(same | live-document distance), classes weighted equally",
        "a": round(a, 4),
        "b": round(b, 4),
        "n_same": int(y.sum()),
        "n_different": int((1 - y).sum()),
        "same_distance_median": round(float(np.median(d[y == 1])), 4),
        "different_distance_median": round(float(np.median(d[y == 0])), 4),
        "distance_at_score_60": round(float(d_at(60)), 4),
        "distance_at_score_40": round(float(d_at(40)), 4),
        "auc": round(fa.auc(y == 1, d), 4),
        "seconds": round(time.time() - t0, 1),
    }
    print(json.dumps(cal, indent=2))
    if args.write:
        # The fit goes under "fitted"; the mapping in force (a, b) changes only with --apply-fit, because a
        # documented conservative mapping may be in force (see docs/face-calibration.md).
        current = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
        if args.apply_fit or "a" not in current:
            current = {**cal, "applied": "the fit itself"}
        current["fitted"] = cal
        OUT.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {OUT} ({'fit applied' if current['a'] == cal['a'] else 'fit stored under fitted'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
