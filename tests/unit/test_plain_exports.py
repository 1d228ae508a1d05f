"""Issue 23, item 1 outside the desk: the PDF report and the CLI show text from packs as written (no markup
parsed by reportlab, no control sequence reaching the terminal)."""

from __future__ import annotations

from datetime import date

from reviewer_app.cli import main
from reviewer_app.services.reports import write_pdf
from reviewer_app.services.stats import ReviewerLoad, Stats
from tests.unit.test_check_cli import _isolated, make_pack  # noqa: F401 - the autouse fixture isolates settings


def test_pdf_report_takes_markup_as_text(tmp_path):
    stats = Stats(date(2026, 11, 1), date(2026, 11, 30), 1, ((date(2026, 11, 2), {"reject": 1}),),
                  (ReviewerLoad("<b>anna", 1, 2.0),), (("<span style='color:green'>other", 1),), 1, 0)
    path = tmp_path / "report.pdf"
    write_pdf(stats, path, title='<b>Статистика <img src="file:///nonexistent">')  # unclosed: a parse error
    assert path.read_bytes().startswith(b"%PDF")


def test_check_never_sends_a_control_sequence_to_the_terminal(tmp_path, capsys):
    pack = make_pack(tmp_path / "p", applicant={
        "last_name": "Иванова\x1b]0;owned\x07", "first_name": "Мария", "middle_name": "Петровна",
        "birth_date": "1990-05-17", "phone": "\x1b[2J+7 916 123-45-67", "snils": "112-233-445 95",
        "passport": {"series": "4502", "number": "573482", "issued_on": "2010-06-01", "division_code": "770-001"},
        "oms_policy": {"number": "7700000000000008", "region": "77"}})
    main(["check", "--today", "2026-11-27", "--lang", "en", str(pack)])
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err
    assert "\\x1b[2J" in out.out  # the phone check quotes the phone: shown, escaped


def test_check_errors_keep_their_lines(tmp_path, capsys):
    pack = make_pack(tmp_path / "p", documents={"selfie_with_passport": "selfie.jpg", "x\x1b[2J": "selfie.jpg"})
    assert main(["check", "--today", "2026-11-27", "--lang", "en", str(pack)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\n  - application.json: documents.x\\x1b[2J: unknown document role" in err
