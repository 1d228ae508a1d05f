"""How the printed and live faces are encoded, compared on the SAME detections, per person fold.

    uv run python bench/face_encode_variants.py [--style hard] [--per-person 8] [--different 80] [--workers 2]

The composites are `bench/face_accuracy.py`'s person folds (same pairs, same seeds). Each composite is analysed once
by the pipeline; the arguments of its two `_encode` calls (the live face, the printed face with its straightened
card) are kept, and every variant below re-encodes exactly those faces. So the figures differ only by the encoding.
A variant is worth keeping only if it wins on *each* fold: choose on one fold's people, confirm on the other's, and
then in the whole benchmark (docs/face-calibration.md, step 5, has the run that reverted such a choice).
Printed per fold: AUC, FNMR at FMR 1% (with the counts), d' (mean gap in pooled standard deviations: smoother than
FNMR, which the few lowest different-person distances set), and descriptor passes per composite.
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the other imports
import sys
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard library: bench/ goes last on sys.path, not first
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import argparse
import os
from concurrent.futures import ProcessPoolExecutor

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import face_accuracy as fa

# name -> (print options, live options)
VARIANTS: dict[str, tuple[dict, dict]] = {
    "no averaging (the pipeline for prints >= 90 px)": ({}, {}),
    "print: mirror + 4 jitters (in force)": ({"jitters": 4, "mirror": True}, {}),
    "print: mirror; live: mirror": ({"mirror": True}, {"mirror": True}),
    "both: 68 + 5-point, mirrored": ({"mirror": True, "five": True}, {"mirror": True, "five": True}),
    "print: mirror + 4 jitters + 5-point; live: mirror": ({"jitters": 4, "mirror": True, "five": True},
                                                          {"mirror": True}),
    "print: mirror + 4 jitters + 5-point; live: 68 + 5-point, mirrored": (
        {"jitters": 4, "mirror": True, "five": True}, {"mirror": True, "five": True}),
    "both: 68 + 5-point, mirrored, 4 jitters": (
        {"jitters": 4, "mirror": True, "five": True}, {"jitters": 4, "mirror": True, "five": True}),
}

def _chips(img, box, printed: bool, match_px, *, five: bool = False) -> list:
    """The aligned chips of one face, prepared as `pipeline._encode` prepares them; with `five`, also the chip of
    the 5-point alignment."""
    import dlib

    from reviewer_app.matching import chips, models, pipeline

    crop, ox, oy = chips.crop_around(img, box, 0.6)
    fh = max(1, box[2] - box[0])
    if match_px and not printed and match_px < fh:
        crop = chips.resize_by(chips.resize_by(crop, match_px / fh), fh / match_px)
    scale = (pipeline.PRINTED_FACE_PX if printed else pipeline.LIVE_FACE_PX) / fh
    if not printed and scale > 1:
        scale = 1.0
    work = chips.resize_by(crop, scale) if abs(scale - 1) > 0.02 else crop
    g = pipeline._grey3(work, printed)
    work3 = np.ascontiguousarray(np.repeat(g[:, :, None], 3, axis=2))
    t, r, b, left = box
    rect = dlib.rectangle(round((left - ox) * scale), round((t - oy) * scale), round((r - ox) * scale),
                          round((b - oy) * scale))
    landmarks68, landmarks5 = models.landmarks68(), models.landmarks5()
    with models.dlib_lock:
        out = [dlib.get_face_chip(work3, landmarks68(work3, rect), 150, 0.25)]
        if five:
            out.append(dlib.get_face_chip(work3, landmarks5(work3, rect), 150, 0.25))
    return out


def _encode(img, box, printed, match_px, *, jitters=0, mirror=False, five=False):
    """The mean descriptor over the chips, their mirrors and `jitters` fixed jittered copies of the first (68-point)
    chip, and the number of descriptor passes."""
    from reviewer_app.matching import chips as face_chips
    from reviewer_app.matching import models

    base = _chips(img, box, printed, match_px, five=five)
    chips = [*base, *([np.ascontiguousarray(c[:, ::-1]) for c in base] if mirror else [])]
    chips += face_chips.jittered_copies(base[0], jitters)
    return np.mean([models.describe(x) for x in chips], axis=0), len(chips)


def job(j):
    from reviewer_app.matching import pipeline
    from reviewer_app.matching.composites import make_selfie_with_document
    from reviewer_app.matching.images import load_image

    key, fold, style, a, b, box_a, box_b, same, seed = j
    live = load_image((fa.FACES / a).read_bytes(), a)
    doc = load_image((fa.FACES / b).read_bytes(), b)
    c = make_selfie_with_document(live, doc, seed=seed, style=style, live_face_box=box_a, doc_face_box=box_b)
    rgb = load_image(c.jpeg, key)
    calls = []
    original = pipeline._encode

    def spy(rgb_, face, printed, src=None, match_px=None, jitter=0):
        img, box = src if src is not None else (rgb_, face.box)
        calls.append((printed, img, box, match_px))
        return original(rgb_, face, printed, src=src, match_px=match_px, jitter=jitter)

    pipeline._encode = spy
    try:
        an = pipeline.analyse_selfie(rgb)
    finally:
        pipeline._encode = original
    doc_face = an.face("document")
    if doc_face is None or not fa._center_inside(doc_face.box, c.document_box):
        return {"key": key, "fold": fold, "same": same, "d": None}
    live_call = next((x for x in calls if not x[0]), None)
    print_call = next((x for x in reversed(calls) if x[0]), None)
    if live_call is None or print_call is None:
        return {"key": key, "fold": fold, "same": same, "d": None}
    d, n = {}, {}
    for name, (p_opts, l_opts) in VARIANTS.items():
        pe, pn = _encode(print_call[1], print_call[2], True, None, **p_opts)
        le, ln = _encode(live_call[1], live_call[2], False, live_call[3], **l_opts)
        d[name], n[name] = float(np.linalg.norm(pe - le)), pn + ln
    return {"key": key, "fold": fold, "same": same, "d": d, "n": n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--style", default="hard")
    ap.add_argument("--per-person", type=int, default=8)
    ap.add_argument("--different", type=int, default=80)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with ProcessPoolExecutor(args.workers, initializer=fa._init) as ex:
        photos, groups, boxes = fa.labelled_folds(ex)
        jobs = []
        for k, group in enumerate(groups):
            for n, (a, b, same) in enumerate(fa.group_pairs(group, photos, args.per_person, args.different, seed=k)):
                if boxes[a] is not None and boxes[b] is not None:
                    jobs.append((f"{k}-{n}-{args.style}", k, args.style, a, b, boxes[a], boxes[b], same, 100 * k + n))
        rows = list(ex.map(job, jobs, chunksize=2))
    rows = [r for r in rows if r["d"] is not None]
    print(f"{args.style}: {len(rows)} of {len(jobs)} composites with both faces found (same detections for all)")
    for name in VARIANTS:
        cols = []
        for fold in (0, 1, None):
            rs = [r for r in rows if fold is None or r["fold"] == fold]
            same = np.array([r["same"] for r in rs])
            dist = np.array([r["d"][name] for r in rs])
            fnmr = fa.fnmr_detail(same, dist)
            s, df = dist[same], dist[~same]
            dprime = (df.mean() - s.mean()) / np.sqrt((s.var() + df.var()) / 2)
            label = "all" if fold is None else f"fold {fold}"
            cols.append(f"{label}: AUC {fa.auc(same, dist):.4f} FNMR {100 * fnmr[0]:4.1f}% ({fnmr[2]}/{fnmr[3]}) "
                        f"d' {dprime:.2f}")
        passes = np.mean([r["n"][name] for r in rows])
        print(f"{name:38s} | " + " | ".join(cols) + f" | {passes:.1f} passes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
