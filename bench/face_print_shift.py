"""Does a learned correction of the print's domain shift hold on people it was not learned on?

    uv run python bench/face_print_shift.py [--train-per-person 16] [--workers 2] [--json rows.json]
    uv run python bench/face_print_shift.py --rows rows.json      # re-analyse stored descriptors

A printed, small, grey passport photo moves dlib's descriptor in a partly systematic way. Two corrections are
learned from same-person pairs of TRAINING composites (their own pairs and seeds) of one person fold, and
evaluated on the other fold's `bench/face_accuracy.py` composites (the same pairs and seeds as that benchmark):

* shift: the print's descriptor minus the mean (print - live) difference of the training pairs;
* metric: a Mahalanobis distance whose matrix is the covariance of the training pairs' differences, shrunk toward
  the identity (`--shrink`), so directions in which prints of the same person scatter count less.

Each composite is analysed by the pipeline once (its live and printed faces' descriptors are stored); a composite
whose printed face was not found (its centre outside the true print) is left out of both. Printed per held-out
fold and style: AUC and FNMR at FMR 1% of the plain distance and of each correction.
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the other imports
import sys
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard library: bench/ goes last on sys.path, not first
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import argparse
import json
import os
from concurrent.futures import ProcessPoolExecutor

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import face_accuracy as fa

STYLES = ("standard", "hard")  # what the corrections are learned on (and reported on by default)


def job(j):
    from reviewer_app.matching import pipeline
    from reviewer_app.matching.composites import make_selfie_with_document
    from reviewer_app.matching.images import load_image

    part, fold, style, a, b, box_a, box_b, same, seed = j
    live = load_image((fa.FACES / a).read_bytes(), a)
    doc = load_image((fa.FACES / b).read_bytes(), b)
    if style in ("standard", "hard"):
        c = make_selfie_with_document(live, doc, seed=seed, style=style, live_face_box=box_a, doc_face_box=box_b)
    else:  # the independently written generator: a check that the correction is not the recipe's artefact
        c = fa._composites().make(style, live, box_a, doc, box_b, seed)
    an = pipeline.analyse_selfie(load_image(c.jpeg, f"{part}-{seed}"))
    lf, df = an.face("live"), an.face("document")
    ok = lf is not None and df is not None and fa._center_inside(df.box, c.document_box)
    return {"part": part, "fold": fold, "style": style, "same": same, "a": a, "b": b,
            "live": lf.encoding if ok else None, "print": df.encoding if ok else None,
            "print_px": df.height if ok else None}


def collect(args) -> list[dict]:
    with ProcessPoolExecutor(args.workers, initializer=fa._init) as ex:
        photos, groups, boxes = fa.labelled_folds(ex)
        jobs = []
        for k, group in enumerate(groups):
            test = fa.group_pairs(group, photos, args.per_person, args.different, seed=k)
            train = [p for p in fa.group_pairs(group, photos, args.train_per_person, 0, seed=1000 + k) if p[2]]
            for part, pairs, base in (("test", test, 100 * k), ("train", train, 10_000 + 1000 * k)):
                for n, (a, b, same) in enumerate(pairs):
                    if boxes[a] is None or boxes[b] is None:
                        continue
                    for style in STYLES if part == "train" else args.styles.split(","):
                        jobs.append((part, k, style, a, b, boxes[a], boxes[b], same, base + n))
        print(f"{len(jobs)} composites", file=sys.stderr)
        return list(ex.map(job, jobs, chunksize=2))


def analyse(rows: list[dict], shrink: float) -> None:
    rows = [r for r in rows if r["live"] is not None]
    for k in (0, 1):
        train = [r for r in rows if r["part"] == "train" and r["fold"] != k and r["same"]]
        diffs = np.array([np.subtract(r["print"], r["live"]) for r in train])
        mu = diffs.mean(axis=0)
        cov = np.cov((diffs - mu).T)
        cov = (1 - shrink) * cov + shrink * np.eye(128) * np.trace(cov) / 128
        inv = np.linalg.inv(cov)
        print(f"held-out fold {k}: learned on {len(train)} same-person training composites of the other fold; "
              f"|mean shift| {np.linalg.norm(mu):.3f}")
        for style in sorted({r["style"] for r in rows if r["part"] == "test"}):
            test = [r for r in rows if r["part"] == "test" and r["fold"] == k and r["style"] == style]
            same = np.array([r["same"] for r in test])
            p = np.array([r["print"] for r in test])
            live = np.array([r["live"] for r in test])
            dists = {
                "plain distance": np.linalg.norm(p - live, axis=1),
                "shift": np.linalg.norm(p - mu - live, axis=1),
                "metric": np.sqrt(np.einsum("ij,jk,ik->i", p - mu - live, inv, p - mu - live)),
            }
            for name, d in dists.items():
                fnmr, _thr, rej, n = fa.fnmr_detail(same, d)
                print(f"  {style:8s} {name:15s} AUC {fa.auc(same, d):.4f}  FNMR@FMR1% {100 * fnmr:5.1f}% "
                      f"({rej} of {n})  n={len(test)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-person", type=int, default=8)
    ap.add_argument("--different", type=int, default=80)
    ap.add_argument("--train-per-person", type=int, default=16)
    ap.add_argument("--shrink", type=float, default=0.5)
    ap.add_argument("--styles", default="standard,hard", help="styles of the held-out composites")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--rows", type=Path)
    args = ap.parse_args()
    rows = json.loads(args.rows.read_text()) if args.rows else collect(args)
    if args.json:
        args.json.write_text(json.dumps(rows))
    analyse(rows, args.shrink)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
