"""Choosing the identity descriptor's variant (`reviewer_app/matching/identity.py`) on the CALIBRATION people only.

    uv run python bench/face_identity_variants.py [--faces ../shared/faces]

Reads only the five calibration people of `../shared/faces/lfw` (people[::2], as `bench/face_duplicates.py`); the
held-out people and pairs.csv are never opened here, so choosing among these figures cannot tune on them. For each
variant (grey or colour, mirror, fixed jitters, working face size, chip padding) it prints, over all pairs of the
calibration photos: the threshold at 0.5% false flags between different people, the share of same-person pairs
within it, and the same at 1% and 0.2%, and d' (the gap between the mean different-people and same-person
distances in pooled standard deviations): a smoother view, as 0.5% of 1,000 pairs is 5 pairs.
The live face box is the pre-score's (`pipeline.analyse_selfie`), as in the worker.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

VARIANTS = {
    "grey, no averaging": dict(grey=True, mirror=False, jitters=0),
    "colour, no averaging": dict(grey=False, mirror=False, jitters=0),
    "colour + mirror": dict(grey=False, mirror=True, jitters=0),
    "colour + mirror + 2 jitters": dict(grey=False, mirror=True, jitters=2),
    "colour + mirror + 4 jitters": dict(grey=False, mirror=True, jitters=4),
    "grey + mirror + 4 jitters": dict(grey=True, mirror=True, jitters=4),
    "colour + mirror, work 200 px": dict(grey=False, mirror=True, jitters=0, work_px=200.0),
    "colour + mirror, padding 0.3": dict(grey=False, mirror=True, jitters=0, padding=0.3),
    "colour + mirror, padding 0.2": dict(grey=False, mirror=True, jitters=0, padding=0.2),
    "colour + mirror + 4 jitters, padding 0.3": dict(grey=False, mirror=True, jitters=4, padding=0.3),
    "colour, 68 + 5-point, mirrored": dict(grey=False, mirror=True, jitters=0, five=True),
    "colour, 68 + 5-point, mirrored + 2 jitters": dict(grey=False, mirror=True, jitters=2, five=True),
    "colour, 68 + 5-point, mirrored + 4 jitters": dict(grey=False, mirror=True, jitters=4, five=True),
}


def at_false(same: np.ndarray, diff: np.ndarray, rate: float) -> tuple[float, float]:
    thr = float(np.sort(diff)[int(len(diff) * rate)]) - 1e-6
    return thr, float((same <= thr).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "faces")
    args = ap.parse_args()
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    from reviewer_app.matching import identity, pipeline
    from reviewer_app.matching.images import load_image

    people = sorted(p.name for p in (args.faces / "lfw").iterdir() if p.is_dir())
    calib = people[::2]
    photos = []  # (person, rgb, live box, pre-score encoding)
    for person in calib:
        for img in sorted((args.faces / "lfw" / person).glob("*.jpg")):
            rgb = load_image(img.read_bytes(), str(img))
            live = pipeline.analyse_selfie(rgb).face("live")
            if live is not None:
                photos.append((person, rgb, live.box, np.asarray(live.encoding, np.float32)))
    print(f"calibration people {calib}: {len(photos)} photos with a live face")

    def report(name: str, desc: list[np.ndarray], ms: float | None) -> None:
        same, diff = [], []
        for (pa, da), (pb, db) in combinations(zip([p[0] for p in photos], desc, strict=True), 2):
            (same if pa == pb else diff).append(float(np.linalg.norm(da - db)))
        s, d = np.asarray(same), np.asarray(diff)
        cols = []
        for rate in (0.002, 0.005, 0.01):
            thr, hit = at_false(s, d, rate)
            cols.append(f"{100 * rate:.1f}%: thr {thr:.3f} same {100 * hit:.1f}%")
        dprime = (d.mean() - s.mean()) / np.sqrt((s.var() + d.var()) / 2)
        cols.append(f"d' {dprime:.2f}")
        extra = f", {ms:.0f} ms/face" if ms is not None else ""
        print(f"{name:34s} | " + " | ".join(cols) + f" ({len(s)} same, {len(d)} different pairs{extra})")

    report("pre-score live encoding (before)", [p[3] for p in photos], None)
    for name, variant in VARIANTS.items():
        t = time.perf_counter()
        desc = [np.asarray(identity.describe(rgb, box, **variant), np.float32) for _, rgb, box, _ in photos]
        report(name, desc, (time.perf_counter() - t) * 1000 / len(photos))


if __name__ == "__main__":
    main()
