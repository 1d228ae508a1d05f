"""Calibrate the face pre-score's bands on tuning people; print their error rates on held-out people.

Uses the rows of `bench/face_accuracy.py` (person folds over `../shared/faces/lfw/`, styles "wide" and
"reshoot"): either a stored `--rows` JSON of that script (`--json`), or it runs it. For each fold the band edges
are fitted on the *other* folds' people (`face_accuracy.fit_bands`):

* "match" only below the live-document distance under which at most 0.5% of different-person pairs fall;
* "mismatch" only at or above the distance beyond which at most 1% of same-person pairs fall;
* between them "uncertain" (with its reason in words, `matcher.uncertain_reasons`),

and the share of held-out same-person pairs shown "mismatch" and different-person pairs shown "match" is
printed per fold and style. The edges written to `reviewer_app/matching/calibration.json` (`--write`) are fitted
on all people (the per-fold figures are the estimate of how they do on new people). The score is anchored to the
edges: score 60 (settings `match_threshold`) at the match edge and 40 (`mismatch_threshold`) at the mismatch edge,
logistic in between and beyond, so the thresholds in settings select exactly these bands.

    uv run python bench/calibrate_faces.py --rows /tmp/face_accuracy.json [--write] [--plot docs/face-calibration.png]
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the other imports
import sys
from pathlib import Path

# bench/ holds other scripts (e.g. queue.py) that would shadow the standard library: keep it off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import math
import time
import warnings

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


def anchored_logistic(match_below: float, mismatch_from: float) -> tuple[float, float]:
    """(a, b) of score = 100 * sigmoid(a * d + b) with score 60 at `match_below` and 40 at `mismatch_from`."""
    lo, hi = math.log(0.6 / 0.4), math.log(0.4 / 0.6)
    span = max(1e-3, mismatch_from - match_below)
    a = (hi - lo) / span
    return a, lo - a * match_below


def plot(rows: list[dict], edges: tuple[float, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    styles = sorted({r["style"] for r in rows})
    fig, axes = plt.subplots(1, len(styles), figsize=(5.5 * len(styles), 3.6), sharey=True)
    axes = np.atleast_1d(axes)
    bins = np.linspace(0.2, 1.1, 46)
    for ax, style in zip(axes, styles, strict=True):
        same, dist = fa._arrays([r for r in rows if r["style"] == style], "ours")
        ok = dist < 9
        ax.hist(dist[same & ok], bins, alpha=0.6, label=f"same person ({int((same & ok).sum())})", color="#2e7d32")
        ax.hist(dist[~same & ok], bins, alpha=0.6, label=f"different people ({int((~same & ok).sum())})",
                color="#c62828")
        ax.axvline(edges[0], color="#2e7d32", ls="--", label=f"match below {edges[0]:.3f}")
        ax.axvline(edges[1], color="#c62828", ls="--", label=f"mismatch from {edges[1]:.3f}")
        ax.set_title(f"{style}: live-document distance (all folds)")
        ax.set_xlabel("descriptor distance")
        ax.legend(fontsize=7)
    axes[0].set_ylabel("pairs")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=Path, help="rows stored by bench/face_accuracy.py --json")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--per-person", type=int, default=6)
    ap.add_argument("--different", type=int, default=60)
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--styles", default="wide,reshoot")
    ap.add_argument("--write", action="store_true", help="write the all-people fit to calibration.json")
    ap.add_argument("--plot", type=Path, help="write the calibration plot (PNG) here")
    args = ap.parse_args()
    t0 = time.time()
    rows = json.loads(args.rows.read_text())["rows"] if args.rows else fa.fold_rows(args)
    folds = sorted({r["fold"] for r in rows})
    print("held-out error rates of bands fitted on the other folds' people (ours):")
    for fold in folds:
        edges = fa.fit_bands(*fa._arrays([r for r in rows if r["fold"] != fold], "ours"))
        for style in sorted({r["style"] for r in rows}):
            test = [r for r in rows if r["fold"] == fold and r["style"] == style]
            b = fa.band_rates(*fa._arrays(test, "ours"), edges)
            print(f"  fold {fold} {style:8s} edges {edges[0]:.3f} / {edges[1]:.3f}: same shown mismatch "
                  f"{b['same_shown_mismatch']} of {b['n_same']}, different shown match {b['different_shown_match']}"
                  f" of {b['n_different']}, same shown match {b['same_shown_match']}, no distance {b['no_distance']}")
    edges = fa.fit_bands(*fa._arrays(rows, "ours"))
    a, b = anchored_logistic(*edges)
    same, dist = fa._arrays(rows, "ours")
    ok = dist < 9
    cal = {
        "version": time.strftime("%Y-%m-%d"),
        "applied": "bands fitted on all lfw people (bench/calibrate_faces.py); the score is anchored to them: "
                   "60 at the match edge, 40 at the mismatch edge",
        "a": round(a, 4),
        "b": round(b, 4),
        "match_below": round(edges[0], 4),
        "mismatch_from": round(edges[1], 4),
        "distance_at_score_60": round(edges[0], 4),
        "distance_at_score_40": round(edges[1], 4),
        "rule": "match: <= 0.5% of different-person pairs below; mismatch: <= 1% of same-person pairs at or above",
        "n_same": int((same & ok).sum()),
        "n_different": int((~same & ok).sum()),
        "same_distance_median": round(float(np.median(dist[same & ok])), 4),
        "different_distance_median": round(float(np.median(dist[~same & ok])), 4),
        "auc": round(fa.auc(same, dist), 4),
        "styles": sorted({r["style"] for r in rows}),
        "seconds": round(time.time() - t0, 1),
    }
    print(json.dumps(cal, indent=2))
    if args.plot:
        plot(rows, edges, args.plot)
        print(f"plot written to {args.plot}")
    if args.write:
        OUT.write_text(json.dumps(cal, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
