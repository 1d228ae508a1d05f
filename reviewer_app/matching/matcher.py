"""`FaceMatcher`: the face pre-score of an application (selfie with passport, optional passport scan)."""

from __future__ import annotations

import json
import math
import time
from functools import cache
from pathlib import Path

from reviewer_app.domain.enums import ScoreBand
from reviewer_app.domain.prescore import FaceBox, PreScore
from reviewer_app.matching import identity, pipeline, quality
from reviewer_app.matching.cache import EncodingCache
from reviewer_app.matching.images import load_image, load_image_sized, sha256

#: Changes whenever detection, cleaning or encoding changes: cached analyses of another version are ignored. It
#: names the live face's identity descriptor too (cached with the analysis): a new one is a new cache entry.
MODEL_VERSION = "dlib-resnet-v1/card-rectify-11-fallback/" + identity.VERSION.split("/")[-1]
SCORE_CAP = 99.0
SCORE_FLOOR = 1.0
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
#: Large JPEGs are decoded at reduced scale down to this long side: a 12 MP photo at 2000x1500 still shows a held
#: passport's face at well over the 45 px the pipeline needs, and decodes ~3x faster.
DECODE_MIN_SIDE = 2000


@cache
def calibration() -> dict:
    return json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))


def distance_to_score(d: float, cal: dict | None = None) -> float:
    """Score 1-99 from a distance: a logistic anchored to the fitted band edges (calibration.json: score 60 at the
    "match" edge, 40 at the "mismatch" edge; bench/calibrate_faces.py), so the settings' thresholds select them."""
    cal = cal or calibration()
    z = cal["a"] * d + cal["b"]
    p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
    return round(min(SCORE_CAP, max(SCORE_FLOOR, 100.0 * p)), 1)


_SUMMARY = {
    ScoreBand.MATCH: ("Вероятно, один и тот же человек", "Likely the same person"),
    ScoreBand.UNCERTAIN: ("Сходство не определено: сравните вручную", "Uncertain: compare by eye"),
    ScoreBand.MISMATCH: ("Вероятно, разные люди", "Likely different people"),
    ScoreBand.MANUAL: ("Автоматическое сравнение не выполнялось", "No automated comparison"),
}


#: Why a pair is "uncertain", in words (Russian, English). Only where the measures say so; otherwise "between".
SMALL_PRINT_PX = 60  # printed face height (photo pixels) under which the print is "small"
GLARE_SHARE = 0.03  # share of near-white pixels on the printed face above which there is glare
GREY_PRINT_STD = 32.0  # grey-level spread of the printed face under which the print is washed out
_UNCERTAIN_WHY = {
    "small_print": ("фото в паспорте мелкое", "the passport photo is small"),
    "glare": ("блик на фото в паспорте", "glare on the passport photo"),
    "grey_print": ("фото в паспорте бледное, малоконтрастное", "the passport photo is grey and washed out"),
    "between": ("сходство между порогами «совпадает» и «не совпадает»",
                "the similarity lies between the match and mismatch thresholds"),
}


def uncertain_reasons(analysis: pipeline.Analysis | None) -> list[str]:
    """Reason codes (keys of `_UNCERTAIN_WHY`) for an uncertain band, from the selfie's printed-face measures."""
    doc = analysis.face("document") if analysis is not None else None
    out = []
    if doc is not None:
        if doc.height < SMALL_PRINT_PX:
            out.append("small_print")
        if analysis.doc_glare > GLARE_SHARE:
            out.append("glare")
        if analysis.doc_contrast and analysis.doc_contrast < GREY_PRINT_STD:
            out.append("grey_print")
    return out or ["between"]


def _complete(analysis: dict) -> bool:
    """A cached analysis has everything this version computes: a selfie's live face carries its identity
    descriptor (an entry written without it is computed again, never used as if it had one)."""
    live = next((f for f in analysis.get("faces", []) if f.get("role") == "live"), None)
    return analysis.get("kind") != "selfie" or live is None or identity.from_analysis(analysis) is not None


class FaceMatcher:
    """Finds the live face and the passport photo in a selfie (and the face of a passport scan) and scores them.

    Thread-safe; the dlib models load once per process on first use. `model_cache` is any `EncodingCache`
    (get/put keyed by (sha256, MODEL_VERSION)); analyses found there are not recomputed.
    """

    def __init__(
        self,
        model_cache: EncodingCache | None = None,
        match_threshold: float = 60.0,
        mismatch_threshold: float = 40.0,
        max_decoded_bytes: int | None = None,
    ):
        if mismatch_threshold > match_threshold:
            raise ValueError("mismatch_threshold must not exceed match_threshold")
        self.cache = model_cache
        self.max_decoded_bytes = max_decoded_bytes  # the image gate's limit (None: its default)
        self.match_threshold = float(match_threshold)
        self.mismatch_threshold = float(mismatch_threshold)

    # -- analyses (cached) -----------------------------------------------------------------------------------

    def _analyse(self, data: bytes, name: str, kind: str, timings: dict) -> pipeline.Analysis:
        digest = sha256(data)
        if self.cache is not None:
            hit = self.cache.get(digest, MODEL_VERSION)
            if hit is not None and hit.get("kind") == kind and _complete(hit):
                timings[f"{kind}_cached"] = 1.0
                return pipeline.Analysis.from_dict(hit)
        t0 = time.perf_counter()
        rgb, (width, height) = load_image_sized(data, name, min_side=DECODE_MIN_SIDE,
                                                max_decoded_bytes=self.max_decoded_bytes)
        timings[f"{kind}_load"] = round((time.perf_counter() - t0) * 1000, 1)
        reduced = rgb.shape[:2] != (height, width)
        # The fallback searches the photo at full scale, as the plain call does (decoded only if it runs).
        full = (lambda: load_image(data, name, max_decoded_bytes=self.max_decoded_bytes)) if reduced else None
        a = pipeline.analyse_selfie(rgb, full) if kind == "selfie" else pipeline.analyse_scan(rgb)
        # Boxes in the photo's own pixels, whatever scale it was decoded at.
        a = pipeline.to_photo_frame(a, width, height)
        for k, v in a.timings_ms.items():
            timings[f"{kind}_{k}"] = round(v, 1)
        if self.cache is not None:
            self.cache.put(digest, MODEL_VERSION, a.to_dict())
        return a

    def band_for(self, score: float) -> ScoreBand:
        if score >= self.match_threshold:
            return ScoreBand.MATCH
        if score < self.mismatch_threshold:
            return ScoreBand.MISMATCH
        return ScoreBand.UNCERTAIN

    # -- the pre-score ---------------------------------------------------------------------------------------

    def prescore(
        self,
        selfie: bytes | None,
        scan: bytes | None = None,
        *,
        consent: bool,
        selfie_name: str = "selfie",
        scan_name: str = "scan",
    ) -> PreScore:
        """Score the selfie's live face against its passport photo (and the scan's face, if any).

        Without biometric consent nothing biometric is done (no detection, no boxes): band ``manual``.
        Raises `ImageLoadError` for an unreadable image.
        """
        base = {"model": MODEL_VERSION, "match_threshold": self.match_threshold,
                "mismatch_threshold": self.mismatch_threshold}
        if not consent:
            ru, en = _SUMMARY[ScoreBand.MANUAL]
            return PreScore(
                band=ScoreBand.MANUAL.value, consent=False,
                reasons=("no biometric consent: faces were not located or compared",),
                summary_ru=f"{ru}: нет согласия на обработку биометрических данных.",
                summary_en=f"{en}: no consent to biometric processing.", **base,
            )
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        faces: list[FaceBox] = []
        flags = []
        sa = self._analyse(selfie, selfie_name, "selfie", timings) if selfie else None
        ca = self._analyse(scan, scan_name, "scan", timings) if scan else None
        reasons: list[str] = []
        if sa is not None:
            faces += [FaceBox("selfie", f.role, *f.box, reason=f.reason) for f in sa.faces]
            if sa.fallback:
                reasons.append(f"full-resolution search ran ({sa.fallback})")
            flags += quality.selfie_flags(sa)
        if ca is not None:
            faces += [FaceBox("scan", f.role, *f.box, reason=f.reason) for f in ca.faces]
            flags += quality.scan_flags(ca)
        live = sa.face("live") if sa else None
        doc = sa.face("document") if sa else None
        sf = ca.face("scan") if ca else None
        distances: dict[str, float] = {}
        for key, a, b in (("live-document", live, doc), ("live-scan", live, sf), ("document-scan", doc, sf)):
            if a is not None and b is not None and a.encoding and b.encoding:
                distances[key] = round(pipeline.distance(a.encoding, b.encoding), 4)
        # The score is the weakest comparison of the live face: live-document, and live-scan when there is one.
        scored = {k: distance_to_score(v) for k, v in distances.items() if k.startswith("live-")}
        if scored:
            key = min(scored, key=lambda k: scored[k])
            score, dist = scored[key], distances[key]
            band = self.band_for(score)
            reasons.append(f"score from {key} distance {dist:.3f}")
            if len(scored) > 1:
                reasons.append("the lowest of " + ", ".join(f"{k} {v:.0f}" for k, v in scored.items()))
        else:
            score = dist = None
            band = ScoreBand.MANUAL
            if sa is None and ca is None:
                reasons.append("no images")
            elif live is None:
                reasons.append("no live face in the selfie")
            else:
                reasons.append("no document or scan face to compare the live face with")
        ru, en = _SUMMARY[band]
        if band == ScoreBand.UNCERTAIN:
            why = uncertain_reasons(sa)
            reasons.append("uncertain: " + "; ".join(_UNCERTAIN_WHY[w][1] for w in why))
            ru = f"{ru}: " + "; ".join(_UNCERTAIN_WHY[w][0] for w in why)
            en = f"{en}: " + "; ".join(_UNCERTAIN_WHY[w][1] for w in why)
        if score is not None:
            ru, en = f"{ru} (оценка {score:.0f} из 100)", f"{en} (score {score:.0f} of 100)"
        timings["total"] = round((time.perf_counter() - t0) * 1000, 1)
        return PreScore(
            band=band.value, score=score, distance=dist, distances=distances, faces=tuple(faces),
            flags=tuple(flags), reasons=tuple(reasons), summary_ru=ru, summary_en=en, consent=True,
            timings_ms=timings, **base,
        )
