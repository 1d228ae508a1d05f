"""`reviewer-app match`: JSON lines, exit codes, no database."""

from __future__ import annotations

import json
from types import SimpleNamespace

from reviewer_app.cli import build_parser


def _run(argv, capsys):
    args = build_parser().parse_args(argv)
    app = SimpleNamespace(settings=SimpleNamespace(match_threshold=60.0, mismatch_threshold=40.0, lang="en"))
    rc = args.handler(args, app)  # a bare namespace: any database access would fail
    out = capsys.readouterr().out
    return rc, [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_match_json(tmp_path, composite, capsys):
    good = tmp_path / "selfie.jpg"
    good.write_bytes(composite.jpeg)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg")
    rc, lines = _run(["match", str(good), str(bad), "--json"], capsys)
    assert rc == 2
    assert lines[0]["image"] == str(good)
    assert {f["role"] for f in lines[0]["faces"]} >= {"live", "document"}
    assert all(len(f["box"]) == 4 for f in lines[0]["faces"])
    assert lines[0]["band"] in ("match", "uncertain", "mismatch") and 0 <= lines[0]["score"] <= 99
    for key in ("distance", "flags", "model", "timings_ms"):
        assert key in lines[0]
    assert lines[1]["image"] == str(bad) and "broken.jpg" in lines[1]["errors"][0]


def test_match_no_consent(tmp_path, composite, capsys):
    good = tmp_path / "selfie.jpg"
    good.write_bytes(composite.jpeg)
    rc, lines = _run(["match", str(good), "--json", "--no-consent"], capsys)
    assert rc == 0 and lines[0]["band"] == "manual" and lines[0]["faces"] == [] and lines[0]["score"] is None


def test_match_text_output(tmp_path, composite, capsys):
    good = tmp_path / "selfie.jpg"
    good.write_bytes(composite.jpeg)
    args = build_parser().parse_args(["match", str(good), "--passport", str(tmp_path / "missing.jpg")])
    app = SimpleNamespace(settings=SimpleNamespace(match_threshold=60.0, mismatch_threshold=40.0, lang="en"))
    assert args.handler(args, app) == 2


def test_match_text_speaks_one_language(tmp_path, composite, capsys):
    """Russian output has no English label, band or role; English output no Cyrillic."""
    import re

    good = tmp_path / "selfie.jpg"
    good.write_bytes(composite.jpeg)
    app = SimpleNamespace(settings=SimpleNamespace(match_threshold=60.0, mismatch_threshold=40.0, lang="en"))
    for lang in ("ru", "en"):
        args = build_parser().parse_args(["match", str(good), "--lang", lang])
        assert args.handler(args, app) == 0
        text = capsys.readouterr().out.replace(str(good), "")
        if lang == "ru":
            assert "оценка" in text and "живое лицо" in text
            assert not re.search(r"[A-Za-z]{3,}", text), text
        else:
            assert "score" in text and "live face" in text
            assert not re.search(r"[А-Яа-яЁё]", text), text


def test_match_stars_the_passport_number_in_json_and_text(tmp_path, capsys):
    """The zone read from the selfie leaves the process as the checks' details show it: series and number starred
    (the region and the last 2 digits kept), the check digits and the names in clear."""
    import io
    from datetime import date

    from PIL import Image

    from reviewer_app.documents import specimen as sp
    from reviewer_app.matching.composites import astronaut, grace_hopper

    data = sp.PassportData("Щербакова", "Юлия", "Эдуардовна", "F", date(1988, 2, 29), "гор. Москва", "4508",
                           "203117", date(2008, 3, 15), "ОВД района Арбат г. Москвы", "772-015")
    doc, live = astronaut(), grace_hopper()
    photo = sp.photograph(sp.passport_spread(data, doc.image, doc.face_box, seed=5), live.image, seed=11)
    path = tmp_path / "selfie.jpg"
    buf = io.BytesIO()
    Image.fromarray(photo.image).save(buf, "JPEG", quality=92)
    path.write_bytes(buf.getvalue())
    line1, line2 = data.mrz_lines()

    rc, lines = _run(["match", str(path), "--json", "--no-consent"], capsys)
    assert rc == 0
    document = lines[0]["document"]
    assert document["status"] == "read", document
    assert "203117" not in json.dumps(lines[0]) and line2 not in json.dumps(lines[0])
    assert document["lines"][0] == line1
    assert document["lines"][1][:9] == "45*****17" and len(document["lines"][1]) == len(line2)
    assert (document["mrz"]["series"], document["mrz"]["number"]) == ("45**", "****17")

    args = build_parser().parse_args(["match", str(path), "--no-consent", "--lang", "en"])
    app = SimpleNamespace(settings=SimpleNamespace(match_threshold=60.0, mismatch_threshold=40.0, lang="en"))
    assert args.handler(args, app) == 0
    text = capsys.readouterr().out
    assert "45*****17" in text and "203117" not in text and line2 not in text and line1 in text
