"""Benchmark: the same face under another identity (the `face_duplicate` check) and the index behind it.

    uv run python bench/face_duplicates.py [--faces ../shared/faces] [--size 1000000] [--queries 200]

1. Accuracy on the labelled faces of ../shared/faces: every photo stands for an application of its own (another
   name); the live face's identity descriptor is computed as the worker stores it (`--descriptor encoding`: the
   pre-score's grey live encoding, stored before, for comparison). A pair of photos is "flagged" when
   their distance is at most the threshold. The threshold is chosen on five of the ten lfw/ people (at most
   0.5% false flags among their different-person pairs) and reported on the other five plus pairs.csv (people
   never used to choose it), as: same person flagged (>= 95% wanted), different people flagged (<= 0.5%).
2. Speed: one look-up over `--size` stored descriptors (synthetic, drawn around the real descriptors' spread:
   identities with a few photos each), one core; and the recall of the inverted-file index against exact brute
   force for near-duplicates (the nearest stored photo of the same synthetic identity).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds other scripts (e.g. queue.py) that would shadow the standard library: keep it off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from reviewer_app.domain.face_duplicates import DUPLICATE_DISTANCE  # noqa: E402
from reviewer_app.matching.face_index import FaceIndex, _distances  # noqa: E402

_SEEN: dict[tuple[Path, str], np.ndarray | None] = {}
CACHE: Path | None = None  # --cache: descriptors kept between runs (they take minutes on a loaded core)
FIELD = "identity"  # --descriptor: the worker's identity descriptor, or the pre-score's live "encoding" (before)


def _cache_key(path: Path) -> str:
    from reviewer_app.matching import MODEL_VERSION

    return f"{MODEL_VERSION}|{FIELD}|{path}"


def descriptor(path: Path) -> np.ndarray | None:
    """The live face's descriptor exactly as the worker stores it (each photo once): the image decoded as
    `FaceMatcher` decodes it, `pipeline.analyse_selfie`, the live face's identity descriptor (`matching/identity.py`).
    With `--descriptor encoding`, the pre-score's live encoding instead (what was stored before)."""
    if (path, FIELD) in _SEEN:
        return _SEEN[(path, FIELD)]
    if CACHE is not None and CACHE.exists():
        with np.load(CACHE) as z:
            if _cache_key(path) in z.files:
                _SEEN[(path, FIELD)] = z[_cache_key(path)]
                return _SEEN[(path, FIELD)]
    from reviewer_app.matching import identity, pipeline
    from reviewer_app.matching.images import load_image, load_image_sized
    from reviewer_app.matching.matcher import DECODE_MIN_SIDE

    data = path.read_bytes()
    rgb, (width, height) = load_image_sized(data, str(path), min_side=DECODE_MIN_SIDE)
    full = (lambda: load_image(data, str(path))) if rgb.shape[:2] != (height, width) else None
    t = time.perf_counter()
    a = pipeline.analyse_selfie(rgb, full)
    TIMES.append(((time.perf_counter() - t) * 1000, a.timings_ms.get("identity", 0.0)))
    live = a.face("live")
    encoding = live.encoding if live is not None else None
    d = identity.from_analysis(a.to_dict()) if FIELD == "identity" else encoding
    _SEEN[(path, FIELD)] = np.asarray(d, np.float32) if d else None
    return _SEEN[(path, FIELD)]


TIMES: list[tuple[float, float]] = []  # (analyse_selfie ms, of which the identity descriptor ms) per computed photo


def _save_cache() -> None:
    if CACHE is None:
        return
    old = {}
    if CACHE.exists():
        with np.load(CACHE) as z:
            old = {k: z[k] for k in z.files}
    old.update({_cache_key(p): v for (p, f), v in _SEEN.items() if v is not None and f == FIELD})
    np.savez(CACHE, **old)


def rates(pairs: list[tuple[float, bool]], thr: float) -> tuple[float, float, int, int]:
    same = [d for d, s in pairs if s]
    diff = [d for d, s in pairs if not s]
    return (sum(d <= thr for d in same) / max(1, len(same)), sum(d <= thr for d in diff) / max(1, len(diff)),
            len(same), len(diff))


def accuracy(faces: Path) -> np.ndarray:
    people = sorted(p.name for p in (faces / "lfw").iterdir() if p.is_dir())
    desc: dict[str, tuple[str, np.ndarray]] = {}
    for person in people:
        for img in sorted((faces / "lfw" / person).glob("*.jpg")):
            d = descriptor(img)
            if d is not None:
                desc[str(img.relative_to(faces))] = (person, d)
    calib, held = set(people[::2]), set(people[1::2])
    _save_cache()

    def pairs_of(group: set[str]) -> list[tuple[float, bool]]:
        items = [(k, p, d) for k, (p, d) in desc.items() if p in group]
        return [(float(np.linalg.norm(a[2] - b[2])), a[1] == b[1]) for a, b in combinations(items, 2)]

    cal = pairs_of(calib)
    diff = sorted(d for d, s in cal if not s)
    chosen = diff[int(len(diff) * 0.005)] - 1e-6 if diff else DUPLICATE_DISTANCE
    print(f"lfw: {len(desc)} photos with a face of {sum(len(list((faces / 'lfw' / p).glob('*.jpg'))) for p in people)}")
    print(f"descriptor: {FIELD}")
    print(f"calibration people {sorted(calib)}: threshold at 0.5% false flags = {chosen:.3f} "
          f"(shipped: {DUPLICATE_DISTANCE})")
    test = pairs_of(held)
    csv_pairs = []
    with open(faces / "pairs.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["note"]:
                continue  # crops/resizes of one photograph: counted by the source, not used here
            a, b = descriptor(faces / row["img_a"]), descriptor(faces / row["img_b"])
            if a is not None and b is not None:
                csv_pairs.append((float(np.linalg.norm(a - b)), row["same"] == "true"))
    _save_cache()
    for name, pairs in (("held-out lfw people", test), ("pairs.csv (no crops)", csv_pairs),
                        ("both", test + csv_pairs)):
        for thr in sorted({DUPLICATE_DISTANCE, round(chosen, 3)}):
            hit, false, ns, nd = rates(pairs, thr)
            print(f"{name}: same person flagged {100 * hit:.1f}% of {ns}, different people flagged "
                  f"{100 * false:.2f}% of {nd} (threshold {thr}{' shipped' if thr == DUPLICATE_DISTANCE else ''})")
    held_pairs = test + csv_pairs
    # Per application: a photo is flagged when any photo of another application is within the threshold (what
    # the index does: every earlier application of the person is stored).
    items = [(p, d) for p, d in desc.values() if p in held]
    thr_app = DUPLICATE_DISTANCE if FIELD == "identity" else round(chosen, 3)
    hits = falses = 0
    for i, (p, d) in enumerate(items):
        dist = [(float(np.linalg.norm(d - e)), q == p) for j, (q, e) in enumerate(items) if j != i]
        hits += any(x <= thr_app for x, same in dist if same)
        falses += any(x <= thr_app for x, same in dist if not same)
    print(f"held-out lfw, per application (gallery = the other {len(items) - 1} photos, threshold {thr_app}): "
          f"same person flagged {100 * hits / len(items):.1f}%, flagged by another person "
          f"{100 * falses / len(items):.1f}%")
    sweep = ", ".join(f"{t:.2f}: {100 * rates(held_pairs, t)[0]:.1f}% / {100 * rates(held_pairs, t)[1]:.2f}%"
                      for t in np.arange(0.5, 0.66, 0.02))
    print(f"held-out sweep (threshold: same flagged / different flagged): {sweep}")
    if TIMES:
        print(f"time per photo (computed this run, {len(TIMES)}): analyse_selfie median "
              f"{statistics.median(t for t, _ in TIMES):.0f} ms, of which the identity descriptor median "
              f"{statistics.median(i for _, i in TIMES):.0f} ms")
    return np.stack([d for _, d in desc.values()])


def speed(real: np.ndarray, size: int, queries: int) -> None:
    rng = np.random.default_rng(0)
    mean, std = real.mean(axis=0), real.std(axis=0)
    per = 4
    ids = size // per
    centres = (mean + rng.normal(0, 1, (ids, real.shape[1])) * std).astype(np.float32)
    noise = 0.35 / np.sqrt(real.shape[1])  # same-person spread ~0.35 in distance
    index = FaceIndex()
    t0 = time.perf_counter()
    chunk = 50_000
    for i in range(0, ids, chunk // per):
        c = centres[i:i + chunk // per]
        v = np.repeat(c, per, axis=0) + rng.normal(0, noise, (len(c) * per, real.shape[1])).astype(np.float32)
        index.add([f"A{i * per + j}" for j in range(len(v))], v)
    index.rebuild()
    print(f"index of {len(index):,} descriptors built in {time.perf_counter() - t0:.1f} s")
    times, found, exact_found = [], 0, 0
    allv = index._all()
    for _ in range(queries):
        ident = int(rng.integers(0, ids))
        probe = centres[ident] + rng.normal(0, noise, real.shape[1]).astype(np.float32)
        t = time.perf_counter()
        res = index.search(probe, k=5, max_distance=DUPLICATE_DISTANCE)
        times.append((time.perf_counter() - t) * 1000)
        want = {f"A{ident * per + j}" for j in range(per)}
        found += any(n.key in want for n in res)
        d = _distances(allv[ident * per:(ident + 1) * per], probe)
        exact_found += bool((d <= DUPLICATE_DISTANCE).any())
    print(f"look-up over {len(index):,}: median {statistics.median(times):.1f} ms, p95 "
          f"{sorted(times)[int(0.95 * len(times)) - 1]:.1f} ms (one core)")
    print(f"near-duplicates found: index {found}/{queries}, exact brute force {exact_found}/{queries}")
    t = time.perf_counter()
    _distances(allv, centres[0])
    print(f"exact brute force, one look-up (float16 storage): {(time.perf_counter() - t) * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "faces")
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--part", choices=("accuracy", "speed", "both"), default="both")
    ap.add_argument("--cache", type=Path, help="keep the photos' descriptors in this .npz between runs")
    ap.add_argument("--descriptor", choices=("identity", "encoding"), default="identity",
                    help="identity: what the worker stores (default); encoding: the pre-score's live encoding "
                         "(stored before the identity descriptor, for comparison)")
    args = ap.parse_args()
    global CACHE, FIELD
    CACHE, FIELD = args.cache, args.descriptor
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    if args.part == "speed":  # the spread of real descriptors from a few lfw photos is enough to draw from
        imgs = sorted((args.faces / "lfw").glob("*/*.jpg"))[::5]
        real = np.stack([d for d in (descriptor(p) for p in imgs) if d is not None])
    else:
        real = accuracy(args.faces)
    if args.part != "accuracy":
        speed(real, args.size, args.queries)


if __name__ == "__main__":
    main()
