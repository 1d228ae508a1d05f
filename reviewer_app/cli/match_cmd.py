"""`reviewer-app match SELFIE... [--passport SCAN] [--json] [--no-consent]`: the face pre-score of local files.

Also reads the passport's machine-readable zone held in each selfie (`document`: status, lines, every check
digit; series and number starred as in the checks' details, the full number is on the image) and, with
consent, reports the other selfies of this run whose live face is within the face-duplicate distance
(`face_duplicates`: the same face under another file, as the face_duplicate check does across applications).
Never touches the database. Exit code 0 when every image was processed, 2 when an input was unreadable
(with --json that image's line is ``{"image": ..., "errors": [...]}``).

The text output speaks one language per run, chosen like `check` (`--lang`, the setting, the locale): every
label, band, face role and message is in that language; the matcher's English-only reasons are shown in English
output only (the summary line says the same in Russian).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("match", help="face pre-score of selfie(s) holding the passport (no database)")
    p.add_argument("selfies", nargs="+", type=Path, metavar="SELFIE", help="selfie image file(s)")
    p.add_argument("--passport", type=Path, metavar="SCAN", help="a passport scan to compare with as well")
    p.add_argument("--json", action="store_true", help="one JSON object per selfie per line")
    p.add_argument("--no-consent", dest="consent", action="store_false",
                   help="no biometric consent: no automated comparison (band 'manual')")
    p.add_argument("--lang", dest="check_lang", choices=("ru", "en"), help="language of the text output")
    p.set_defaults(handler=match)


LABELS = {
    "ru": {"score": "оценка", "error": "ошибка", "box": "рамка", "selfie": "селфи", "scan": "скан",
           "match": "совпадение", "uncertain": "неясно", "mismatch": "несовпадение", "manual": "сравнить вручную",
           "live": "живое лицо", "document": "фото в паспорте", "other": "другое лицо",
           "zone": "машиночитаемая зона", "read": "прочитана, контрольные цифры верны",
           "invalid": "контрольная цифра не сходится", "unreadable": "не прочитана", "same_face": "то же лицо"},
    "en": {"score": "score", "error": "error", "box": "box", "selfie": "selfie", "scan": "scan",
           "match": "match", "uncertain": "uncertain", "mismatch": "mismatch", "manual": "compare by eye",
           "live": "live face", "document": "passport photo", "other": "other face",
           "zone": "MRZ", "read": "read, check digits hold", "invalid": "a check digit does not hold",
           "unreadable": "not read", "same_face": "same face"},
}


def _read(path: Path) -> bytes:
    from reviewer_app.matching.images import ImageLoadError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImageLoadError(str(path), exc.strerror or str(exc)) from None


def _settings_thresholds(app) -> tuple[float, float]:
    settings = getattr(app, "settings", None)
    return (float(getattr(settings, "match_threshold", 60.0)), float(getattr(settings, "mismatch_threshold", 40.0)))


def _image_limit(app) -> int | None:
    """The image gate's decoded-size limit from the settings (None: the gate's default)."""
    return getattr(getattr(app, "settings", None), "image_max_decoded_bytes", None)


def match(args: argparse.Namespace, app) -> int:
    from reviewer_app.documents import read_image
    from reviewer_app.domain.face_duplicates import DUPLICATE_DISTANCE
    from reviewer_app.matching import MODEL_VERSION, FaceMatcher, MemoryCache
    from reviewer_app.matching.face_index import FaceIndex
    from reviewer_app.matching.images import ImageLoadError, load_image, sha256
    from reviewer_app.policy.document_data import masked_reading

    match_t, mismatch_t = _settings_thresholds(app)
    cache = MemoryCache()
    limit = _image_limit(app)
    matcher = FaceMatcher(cache, match_threshold=match_t, mismatch_threshold=mismatch_t, max_decoded_bytes=limit)
    seen = FaceIndex()  # the live faces of this run's earlier selfies
    from reviewer_app.cli.check_cmd import resolve_lang

    lang = resolve_lang(args, app)
    lab = LABELS[lang]
    rc = 0
    scan_bytes = None
    scan_error = None
    if args.passport is not None:
        try:
            scan_bytes = _read(args.passport)
            if not args.consent:
                load_image(scan_bytes, str(args.passport), max_decoded_bytes=limit)
        except ImageLoadError as exc:
            scan_error = str(exc)
    for path in args.selfies:
        errors = [scan_error] if scan_error else []
        result = None
        try:
            data = _read(path)
            if not args.consent:
                load_image(data, str(path), max_decoded_bytes=limit)  # readable? (no biometric processing)
            if not errors:
                result = matcher.prescore(data, scan_bytes, consent=args.consent, selfie_name=str(path),
                                          scan_name=str(args.passport or "scan"))
        except ImageLoadError as exc:
            errors.append(str(exc))
        if errors:
            rc = 2
            if args.json:
                print(json.dumps({"image": str(path), "errors": errors}, ensure_ascii=False), flush=True)
            else:
                for e in errors:
                    print(f"{path}: {lab['error']}: {e}", file=sys.stderr)
            continue
        document = read_image(data, "selfie_with_passport")
        duplicates = []
        live = _live_encoding(cache.get(sha256(data), MODEL_VERSION)) if args.consent else None
        if live is not None:
            duplicates = [{"image": n.key, "distance": round(n.distance, 4)}
                          for n in seen.search(live, k=10, max_distance=DUPLICATE_DISTANCE) if n.key != str(path)]
            seen.add([str(path)], [live])
        if args.json:
            out = {
                "image": str(path),
                "faces": [{"image": f.image, "role": f.role, "box": list(f.box)} for f in result.faces],
                "distance": result.distance,
                "score": result.score,
                "band": result.band,
                "flags": [f.code for f in result.flags],
                "model": result.model,
                "timings_ms": result.timings_ms,
                "reasons": list(result.reasons),
                "document": masked_reading(document.to_dict()) if document else None,
                "face_duplicates": duplicates,
            }
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            score = "-" if result.score is None else f"{result.score:.0f}"
            print(f"{path}: {lab.get(result.band, result.band)} ({lab['score']} {score}) {result.summary(lang)}")
            for f in result.faces:
                reason = f" {f.reason}" if lang == "en" and f.reason else ""
                print(f"  {lab.get(f.image, f.image)}: {lab.get(f.role, f.role)}, {lab['box']} {list(f.box)}{reason}")
            for fl in result.flags:
                print(f"  ! {fl.message(lang)}")
            if lang == "en":
                for r in result.reasons:
                    print(f"  - {r}")
            if document is not None:  # the zone's state; its text and reason codes (Latin) in English and --json
                print(f"  {lab['zone']}: {lab[document.status]}"
                      + (f" ({document.reason})" if document.reason and lang == "en" else ""))
                for line in (masked_reading(document.to_dict())["lines"] or ()) if lang == "en" else ():
                    print(f"    {line}")
            for d in duplicates:
                print(f"  ! {lab['same_face']}: {d['image']} ({d['distance']:.3f})")
    return rc


def _live_encoding(analysis: dict | None) -> list[float] | None:
    """The live face's identity descriptor (what the worker's face-duplicate search compares)."""
    from reviewer_app.matching import identity

    return identity.from_analysis(analysis)
