"""Face pre-score accuracy on people it was never tuned on, side by side with the plain face_recognition call.

Person folds (default). The ten people of `../shared/faces/lfw/` (ten photos each) are split into two groups of
five; each group is held out in turn (fold k reports on group k; band thresholds are fitted on the other group,
`fit_bands`). The pipeline's own constants were tuned earlier on the people of `examples/` and `tests/`, so no
`lfw/` person was ever seen by it. For each group: same-person pairs (two different photos of one person: the first
is the selfie, the second is printed on the passport page) and different-person pairs within the group, each
turned into one composite per style (`bench/face_composites.py`: "wide" and the independently written "reshoot";
every parameter drawn from the documented wide ranges). On the same bytes, in the same worker:

* ours: `FaceMatcher.prescore` (no cache) -> live/document faces and their distance (fallback use and cost too);
* plain: face_recognition called plainly: face_locations(upsample=1) on the full image, the two largest faces
  encoded (face_encodings defaults) and compared.

Per fold and style, and their mean: the share where the document face is found (a face whose centre lies in the
true printed face), AUC, FNMR at FMR 1% (a pair with no document face counts as a non-match; the threshold and
the counts behind it are printed), mean ms per image (decode included); with the fitted bands, the share of
same-person pairs shown "mismatch" and of different-person pairs shown "match" (plain: the same band rule fitted on
its own tuning distances).

    uv run python bench/face_accuracy.py [--per-person 6] [--different 60] [--workers 2] [--json out.json]
    uv run python bench/face_accuracy.py --rows out.json      # re-report stored rows (no recomputation)

`--legacy` runs the old set instead (the 210 pairs of pairs.csv as standard/hard composites, no person split).
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


def run_ours(jpeg: bytes, truth_doc, info: dict | None = None) -> tuple[bool, float | None, float]:
    from reviewer_app.matching import FaceMatcher

    m = FaceMatcher()
    t0 = time.perf_counter()
    res = m.prescore(jpeg, consent=True)
    ms = (time.perf_counter() - t0) * 1000
    doc = res.faces_with_role("document")
    found = bool(doc) and _center_inside(doc[0].box, truth_doc)
    if info is not None:
        info["fallback_ms"] = res.timings_ms.get("selfie_fallback")
        # the face-duplicate search's identity descriptor (issue 16) is computed in the same pass: kept apart so
        # the pre-score itself can be compared with the plain call too
        info["identity_ms"] = res.timings_ms.get("selfie_identity", 0.0)
        info["fallback"] = next((x for x in res.reasons if x.startswith("full-resolution search ran")), "")
        info["band"] = res.band
        info["doc_reason"] = doc[0].reason if doc else ""
        info["doc_px"] = doc[0].height if doc else None
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


# --- person folds -----------------------------------------------------------------------------------------------


def _composites():
    import importlib.util

    if "face_composites" not in sys.modules:
        spec = importlib.util.spec_from_file_location("face_composites", Path(__file__).with_name("face_composites.py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules["face_composites"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["face_composites"]


def lfw_people() -> dict[str, list[str]]:
    root = FACES / "lfw"
    return {d.name: sorted(f"lfw/{d.name}/{f.name}" for f in d.glob("*.jpg")) for d in sorted(root.iterdir())
            if d.is_dir()}


def centred_face_box(path: str):
    """The face nearest the centre of an LFW photo (the labelled person; others may be in the frame)."""
    import face_recognition as fr

    from reviewer_app.matching.images import load_image

    img = load_image((FACES / path).read_bytes(), path)
    h, w = img.shape[:2]
    for up in (1, 2):
        locs = fr.face_locations(img, up)
        if locs:
            return min(locs, key=lambda b: abs((b[0] + b[2]) / 2 - h / 2) + abs((b[1] + b[3]) / 2 - w / 2))
    return None


def fold_groups(people: list[str], folds: int) -> list[list[str]]:
    """People split into `folds` groups, alternating in name order (fixed, so runs are comparable)."""
    return [people[k::folds] for k in range(folds)]


def group_pairs(group: list[str], photos: dict[str, list[str]], per_person: int, n_diff: int, seed: int):
    """(a, b, same) pairs inside one group of people: `per_person` same-person pairs each, `n_diff` different."""
    rng = np.random.default_rng(seed)
    out = []
    for p in group:
        ph = photos[p]
        seen = set()
        while len([x for x in seen]) < min(per_person, len(ph) * (len(ph) - 1)):
            i, j = rng.choice(len(ph), 2, replace=False)
            seen.add((int(i), int(j)))
        out += [(ph[i], ph[j], True) for i, j in sorted(seen)]
    for _ in range(n_diff):
        pa, pb = rng.choice(len(group), 2, replace=False)
        a, b = group[pa], group[pb]
        out.append((photos[a][int(rng.integers(len(photos[a])))], photos[b][int(rng.integers(len(photos[b])))], False))
    return out


def fold_job(job):
    from reviewer_app.matching.images import load_image

    fc = _composites()
    key, fold, style, a, b, box_a, box_b, same, seed = job
    live = load_image((FACES / a).read_bytes(), a)
    doc = load_image((FACES / b).read_bytes(), b)
    if style in ("standard", "hard"):  # the issue-4 recipe, as the independent evaluation built its sets
        from reviewer_app.matching.composites import make_selfie_with_document

        c = make_selfie_with_document(live, doc, seed=seed, style=style, live_face_box=box_a, doc_face_box=box_b)
        params, printed_px = {"recipe": style}, c.printed_face_px
    else:
        c = fc.make(style, live, box_a, doc, box_b, seed)
        params, printed_px = c.params, c.printed_face_px
    info: dict = {}
    ours = run_ours(c.jpeg, c.document_box, info)
    plain = run_plain(c.jpeg, c.document_box)
    return {"key": key, "fold": fold, "style": style, "same": same, "a": a, "b": b, "seed": seed,
            "ours": ours, "plain": plain, "info": info, "params": params, "printed_px": printed_px}


def refresh_job(row: dict) -> dict:
    """`row` again with "ours" recomputed (same composite bytes; the plain call's answer is kept)."""
    from reviewer_app.matching.images import load_image

    a, b, style, seed = row["a"], row["b"], row["style"], row["seed"]
    box_a, box_b = centred_face_box(a), centred_face_box(b)
    live = load_image((FACES / a).read_bytes(), a)
    doc = load_image((FACES / b).read_bytes(), b)
    if style in ("standard", "hard"):
        from reviewer_app.matching.composites import make_selfie_with_document

        c = make_selfie_with_document(live, doc, seed=seed, style=style, live_face_box=box_a, doc_face_box=box_b)
    else:
        c = _composites().make(style, live, box_a, doc, box_b, seed)
    info: dict = {}
    return {**row, "ours": run_ours(c.jpeg, c.document_box, info), "info": info}


def fit_bands(same: np.ndarray, dist: np.ndarray, fmr: float = 0.005, fnmr: float = 0.01) -> tuple[float, float]:
    """Band edges from tuning pairs: (match below, mismatch at or above) a live-document distance.

    "match" only below the distance under which at most `fmr` of different-person pairs fall; "mismatch" only at
    or above the distance beyond which at most `fnmr` of same-person pairs fall. With few pairs the quantile is
    the extreme pair itself (nothing may fall on the wrong side). Pairs without a distance are not used.
    """
    ok = np.isfinite(dist) & (dist < 9)
    diff = np.sort(dist[ok & ~same])
    sm = np.sort(dist[ok & same])
    k = int(np.floor(fmr * len(diff)))  # different-person pairs allowed below the match edge
    match_below = float(diff[k]) if len(diff) else 0.0
    k = int(np.floor(fnmr * len(sm)))  # same-person pairs allowed at or above the mismatch edge
    mismatch_from = float(sm[len(sm) - 1 - k]) + 1e-4 if len(sm) else 9.0
    return match_below, max(match_below, mismatch_from)


def band_rates(same: np.ndarray, dist: np.ndarray, edges: tuple[float, float]) -> dict:
    match_below, mismatch_from = edges
    ok = np.isfinite(dist) & (dist < 9)
    s_mis = int(np.sum(same & ok & (dist >= mismatch_from)))
    d_match = int(np.sum(~same & ok & (dist < match_below)))
    return {"same_shown_mismatch": s_mis, "n_same": int(same.sum()),
            "different_shown_match": d_match, "n_different": int((~same).sum()),
            "same_shown_match": int(np.sum(same & ok & (dist < match_below))),
            "no_distance": int(np.sum(~ok))}


def _arrays(rows, key):
    same = np.array([r["same"] for r in rows], bool)
    dist = np.array([r[key][1] if r[key][1] is not None else 9.0 for r in rows], np.float64)
    return same, dist


def fnmr_detail(same: np.ndarray, dist: np.ndarray, fmr: float = 0.01) -> tuple[float, float, int, int]:
    neg = np.sort(dist[~same])
    allowed = int(np.floor(fmr * len(neg)))
    thr = float(neg[allowed]) if allowed < len(neg) else float("inf")
    rejected = int(np.sum(dist[same] >= thr))
    return rejected / max(1, int(same.sum())), thr, rejected, int(same.sum())


def fold_report(rows: list[dict]) -> dict:
    """Per fold and style: ours vs plain; bands fitted on the other folds' rows (same style set)."""
    folds = sorted({r["fold"] for r in rows})
    styles = sorted({r["style"] for r in rows})
    out: dict = {}
    for fold in folds:
        for key in ("ours", "plain"):
            tune = [r for r in rows if r["fold"] != fold]
            edges = fit_bands(*_arrays(tune, key)) if tune else (0.0, 9.0)
            out.setdefault(f"fold{fold}", {}).setdefault("bands", {})[key] = [round(e, 4) for e in edges]
            for style in styles:
                test = [r for r in rows if r["fold"] == fold and r["style"] == style]
                if not test:
                    continue
                same, dist = _arrays(test, key)
                _, thr, rej, ns = fnmr_detail(same, dist)
                fig = {**summarise(test, key), "fnmr_threshold": round(thr, 4), "fnmr_counts": f"{rej} of {ns}",
                       **band_rates(same, dist, edges)}
                if key == "ours":
                    fb = [r["info"].get("fallback_ms") for r in test]
                    used = [x for x in fb if x is not None]
                    fig["fallback_share"] = len(used) / len(test)
                    fig["ms_mean_without_identity"] = float(np.mean(
                        [r["ours"][2] - (r["info"].get("identity_ms") or 0.0) for r in test]))
                    fig["fallback_ms_mean_when_used"] = float(np.mean(used)) if used else 0.0
                out[f"fold{fold}"].setdefault(style, {})[key] = fig
    mean: dict = {}
    for style in styles:
        for key in ("ours", "plain"):
            figs = [out[f"fold{f}"][style][key] for f in folds if style in out[f"fold{f}"]]
            mean.setdefault(style, {})[key] = {
                k: float(np.mean([f[k] for f in figs])) for k in ("found", "auc", "fnmr_at_fmr1", "ms_mean")
            }
            mean[style][key]["same_shown_mismatch"] = f"{sum(f['same_shown_mismatch'] for f in figs)} of " \
                                                      f"{sum(f['n_same'] for f in figs)}"
            mean[style][key]["different_shown_match"] = f"{sum(f['different_shown_match'] for f in figs)} of " \
                                                        f"{sum(f['n_different'] for f in figs)}"
        o, p = mean[style]["ours"], mean[style]["plain"]
        mean[style]["speedup"] = p["ms_mean"] / max(1e-9, o["ms_mean"])
        o["ms_mean_without_identity"] = float(np.mean(
            [out[f"fold{f}"][style]["ours"].get("ms_mean_without_identity", out[f"fold{f}"][style]["ours"]["ms_mean"])
             for f in folds if style in out[f"fold{f}"]]))
        mean[style]["speedup_without_identity"] = p["ms_mean"] / max(1e-9, o["ms_mean_without_identity"])
    out["mean"] = mean
    return out


def print_table(report: dict) -> None:
    for name, part in report.items():
        if name == "mean" or not isinstance(part, dict):
            continue
        print(f"\n== {name}: bands (match below, mismatch from) ours {part['bands']['ours']}, "
              f"plain {part['bands']['plain']}")
        for style, fig in part.items():
            if style == "bands":
                continue
            o, p = fig["ours"], fig["plain"]
            print(f"  {style:8s} n={o['n']:3d}  found {o['found']:.1%} / {p['found']:.1%}   AUC {o['auc']:.4f} / "
                  f"{p['auc']:.4f}   FNMR@FMR1% {o['fnmr_at_fmr1']:.1%} ({o['fnmr_counts']} at d<{o['fnmr_threshold']})"
                  f" / {p['fnmr_at_fmr1']:.1%} ({p['fnmr_counts']} at d<{p['fnmr_threshold']})   "
                  f"same->mismatch {o['same_shown_mismatch']}/{o['n_same']} / {p['same_shown_mismatch']}/{p['n_same']}"
                  f"   diff->match {o['different_shown_match']}/{o['n_different']} / "
                  f"{p['different_shown_match']}/{p['n_different']}   ms {o['ms_mean']:.0f} / {p['ms_mean']:.0f}"
                  f"   fallback {o['fallback_share']:.0%} (+{o['fallback_ms_mean_when_used']:.0f} ms)")
    print("\n== mean over folds (ours / plain)")
    for style, fig in report["mean"].items():
        o, p = fig["ours"], fig["plain"]
        print(f"  {style:8s} found {o['found']:.1%} / {p['found']:.1%}   AUC {o['auc']:.4f} / {p['auc']:.4f}   "
              f"FNMR@FMR1% {o['fnmr_at_fmr1']:.1%} / {p['fnmr_at_fmr1']:.1%}   same->mismatch "
              f"{o['same_shown_mismatch']} / {p['same_shown_mismatch']}   diff->match {o['different_shown_match']} / "
              f"{p['different_shown_match']}   ms {o['ms_mean']:.0f} / {p['ms_mean']:.0f} ({fig['speedup']:.1f}x; "
              f"without the identity descriptor {o['ms_mean_without_identity']:.0f} ms, "
              f"{fig['speedup_without_identity']:.1f}x)")


def print_detail(rows: list[dict]) -> None:
    """Per style: images where the plain call found the print and ours did not (the floor, per image), the
    ranking on the pairs where both found both faces, why the fallback ran, and "found" by printed-face height."""
    print("\n== detail (ours / plain)")
    for style in sorted({r["style"] for r in rows}):
        rs = [r for r in rows if r["style"] == style]
        worse = sum(1 for r in rs if r["plain"][0] and not r["ours"][0])
        both = [r for r in rs if r["ours"][0] and r["plain"][0]]
        same = np.array([r["same"] for r in both], bool)
        o = np.array([r["ours"][1] if r["ours"][1] is not None else 9.0 for r in both])
        p = np.array([r["plain"][1] if r["plain"][1] is not None else 9.0 for r in both])
        why: dict[str, int] = {}
        for r in rs:
            f = r["info"].get("fallback", "")
            if f:
                k = f.split("(", 1)[1] if "(" in f else f
                k = k.split(":")[0].split(" (HOG")[0].strip()
                why[k] = why.get(k, 0) + 1
        by_px: dict[str, list[int]] = {}
        for r in rs:
            px = r["printed_px"]
            b = "<50 px" if px < 50 else ("50-80 px" if px < 80 else ">=80 px")
            c = by_px.setdefault(b, [0, 0, 0])
            c[0] += bool(r["ours"][0])
            c[1] += bool(r["plain"][0])
            c[2] += 1
        print(f"  {style:8s} plain found the print and ours not: {worse} of {len(rs)}; both found n={len(both)}: "
              f"AUC {auc(same, o):.4f} / {auc(same, p):.4f}, FNMR@FMR1% {fnmr_at_fmr(same, o):.1%} / "
              f"{fnmr_at_fmr(same, p):.1%}")
        print("           found by printed face: "
              + ", ".join(f"{k} {v[0]} / {v[1]} of {v[2]}" for k, v in sorted(by_px.items()))
              + f"; fallback ran because: {why}")


def blas_kernels() -> str:
    """Which BLAS kernels run: the descriptor's speed depends on it (OPENBLAS_CORETYPE may force an older one)."""
    from threadpoolctl import threadpool_info

    kernels = ", ".join(f"{i['internal_api']} {i.get('version')} {i.get('architecture')}" for i in threadpool_info())
    return f"BLAS: {kernels} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})"


def labelled_folds(ex, folds: int = 2) -> tuple[dict[str, list[str]], list[list[str]], dict[str, tuple | None]]:
    """The lfw people's photos, their person folds, and each photo's labelled face box (found with `ex`)."""
    photos = lfw_people()
    paths = sorted({p for ps in photos.values() for p in ps})
    return photos, fold_groups(sorted(photos), folds), dict(zip(paths, ex.map(centred_face_box, paths), strict=True))


def fold_rows(args) -> list[dict]:
    with ProcessPoolExecutor(args.workers, initializer=_init) as ex:
        photos, groups, boxes = labelled_folds(ex, args.folds)
        jobs = []
        for k, group in enumerate(groups):
            for n, (a, b, same) in enumerate(group_pairs(group, photos, args.per_person, args.different, seed=k)):
                if boxes[a] is None or boxes[b] is None:
                    continue
                for style in args.styles.split(","):
                    jobs.append((f"{k}-{n}-{style}", k, style, a, b, boxes[a], boxes[b], same, 100 * k + n))
        print(f"{len(jobs)} composites; groups: {groups}", file=sys.stderr)
        print(blas_kernels(), file=sys.stderr)
        rows = []
        for n, row in enumerate(ex.map(fold_job, jobs, chunksize=1), 1):
            rows.append(row)
            if n % 10 == 0:
                print(f"  {n}/{len(jobs)} done", file=sys.stderr, flush=True)
        return rows


def load_pairs(limit: int | None):
    with open(FACES / "pairs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    if limit:
        rows = rows[:limit]
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--legacy", action="store_true", help="the old pairs.csv standard/hard run (no person split)")
    ap.add_argument("--limit", type=int, default=None, help="legacy: first N pairs only")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--styles", default=None,
                    help="folds: any of wide,reshoot,standard,hard (default wide,reshoot); legacy: standard,hard")
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--per-person", type=int, default=6, help="same-person pairs per person")
    ap.add_argument("--different", type=int, default=60, help="different-person pairs per group")
    ap.add_argument("--rows", type=Path, help="report the rows stored in this JSON (no recomputation)")
    ap.add_argument("--no-plain-pairs", action="store_true")
    ap.add_argument("--refresh-fallback", action="store_true",
                    help="with --rows: recompute ours on the rows whose fallback ran (after a fallback-only change)")
    ap.add_argument("--json", type=Path, help="write all rows and figures here")
    args = ap.parse_args()
    if not args.legacy:
        args.styles = args.styles or "wide,reshoot"
        t0 = time.time()
        rows = json.loads(args.rows.read_text())["rows"] if args.rows else fold_rows(args)
        if args.rows and args.refresh_fallback:
            # Only the rows whose fallback ran are recomputed: a change confined to the fallback leaves the others'
            # answers as they were (the pipeline is deterministic).
            todo = [i for i, r in enumerate(rows) if r["info"].get("fallback")]
            print(f"recomputing ours on {len(todo)} rows whose fallback ran", file=sys.stderr)
            with ProcessPoolExecutor(args.workers, initializer=_init) as ex:
                for i, row in zip(todo, ex.map(refresh_job, [rows[i] for i in todo], chunksize=1), strict=True):
                    rows[i] = row
        report = fold_report(rows)
        report["wall_s"] = round(time.time() - t0, 1)
        print_table(report)
        print_detail(rows)
        if args.json:
            args.json.write_text(json.dumps({"report": report, "rows": rows}, indent=1))
        return 0
    args.styles = args.styles or "standard,hard"
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
