"""Statistics exports: CSV (one table per section, for spreadsheets) and a PDF report with a chart, both in the
reader's language and in words (`domain.report_words`: the same sections in both files). The desk gets the bytes
(`supervision.export_statistics`); the CLI writes them to a file.

The PDF uses DejaVu Sans so Cyrillic renders: the system's (fc-match), else the copy matplotlib ships.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
import subprocess
from datetime import date
from functools import lru_cache
from html import escape
from pathlib import Path

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.report_words import OUTCOMES, outcome_words, report_sections, word
from reviewer_app.domain.supervision_views import Stats

FONT = "DejaVuSans"


def csv_bytes(stats: Stats, lang: str = "en") -> bytes:
    """The report's sections in `lang`, separated by a blank line, each with its title and header row. UTF-8 with
    a BOM: Excel then reads Cyrillic."""
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow([word("title", lang), word("period", lang),
                f"{stats.date_from:%d.%m.%Y} – {stats.date_to:%d.%m.%Y}"])
    for section in report_sections(stats, lang):
        w.writerow([])
        w.writerow([section.title])
        w.writerow(section.header)
        w.writerows(section.rows)
    return out.getvalue().encode("utf-8-sig")


def _write(path: Path, data: bytes, what: str) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReviewerError(f"cannot write {what} file {path}: {exc.strerror or exc}") from None


def write_csv(stats: Stats, path: Path, lang: str = "en") -> None:
    _write(path, csv_bytes(stats, lang), "CSV")


@lru_cache(maxsize=1)
def font_path() -> Path:
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", "DejaVuSans"], capture_output=True, text=True,
                                 timeout=5, check=False).stdout.strip()
            if out.endswith(".ttf") and "DejaVuSans" in out and Path(out).is_file():
                return Path(out)
        except (OSError, subprocess.SubprocessError):
            pass
    spec = importlib.util.find_spec("matplotlib")
    if spec and spec.origin:
        candidate = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if candidate.is_file():
            return candidate
    raise ReviewerError("no font with Cyrillic found for the PDF report. Fix: install fonts-dejavu-core")


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path())))
    return FONT


def _chart(stats: Stats, font: str, lang: str):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    drawing = Drawing(480, 220)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 40, 330, 150
    shown = [o for o in OUTCOMES if any(c.get(o) for _, c in stats.per_day)] or [OUTCOMES[0]]
    chart.data = [[c.get(o, 0) for _, c in stats.per_day] for o in shown]
    chart.categoryAxis.style = "stacked"
    step = max(1, len(stats.per_day) // 10)
    chart.categoryAxis.categoryNames = [d.strftime("%d.%m") if i % step == 0 else ""
                                        for i, (d, _) in enumerate(stats.per_day)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    palette = [colors.HexColor(c) for c in ("#2e7d32", "#c62828", "#ef6c00", "#1565c0", "#6a1b9a")]
    for i in range(len(shown)):
        chart.bars[i].fillColor = palette[i % len(palette)]
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = 385, 180, font, 8
    legend.colorNamePairs = [(palette[i % len(palette)], outcome_words(o, lang)) for i, o in enumerate(shown)]
    drawing.add(legend)
    drawing.add(String(40, 200, word("per_day", lang), fontName=font, fontSize=9))
    return drawing


def pdf_bytes(stats: Stats, lang: str = "en", *, title: str | None = None) -> bytes:
    """The same sections as the CSV (`report_sections`), with a chart of decisions per day, in `lang`."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _register_font()
    title = title if title is not None else word("title", lang)
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Normal"):
        styles[name].fontName = font
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8),
                       ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
    cell = styles["Normal"].clone("cell", fontName=font, fontSize=8, leading=10)

    def table(section):
        # Cells as Paragraphs so long words wrap; text from data goes in escaped (a Paragraph parses markup).
        rows = [[Paragraph(escape(str(v)), cell) for v in row] for row in (section.header, *section.rows)]
        t = Table(rows, hAlign="LEFT", repeatRows=1)
        t.setStyle(grid)
        return t

    story = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(f"{word('period', lang)}: {stats.date_from:%d.%m.%Y} – {stats.date_to:%d.%m.%Y}. "
                         f"{word('decisions', lang)}: {stats.total}."), styles["Normal"]),
        Spacer(1, 8), _chart(stats, font, lang),
    ]
    for section in report_sections(stats, lang):
        story += [Paragraph(escape(section.title), styles["Heading2"]), table(section)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title).build(story)
    return out.getvalue()


def write_pdf(stats: Stats, path: Path, *, title: str | None = None, lang: str = "en") -> None:
    _write(path, pdf_bytes(stats, lang, title=title), "PDF")


FORMATS = ("csv", "pdf")
LANGS = ("ru", "en")


def export_statistics(app, actor, date_from: date, date_to: date, fmt: str, lang: str) -> bytes:
    """The statistics of a period as a CSV or PDF file in `lang`, for the desk to save where the supervisor
    chooses. Audited as an export (the figures leave the system) in the same call that computes them."""
    from reviewer_app.services import audit
    from reviewer_app.services import stats as stats_service

    if fmt not in FORMATS:
        raise ReviewerError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}", code="format")
    if lang not in LANGS:
        raise ReviewerError(f"lang: {lang!r} is not one of {', '.join(LANGS)}", code="lang")
    st = stats_service.compute(app, actor, date_from, date_to)  # checks the role
    data = csv_bytes(st, lang) if fmt == "csv" else pdf_bytes(st, lang)
    with app.uow() as s:
        audit.record(s, at=app.clock.now(), actor=actor.name, action="export", target_type="report",
                     target_id=f"stats-{fmt}", details={"format": fmt, "lang": lang, "from": str(date_from),
                                                         "to": str(date_to), "decisions": st.total,
                                                         "bytes": len(data), "via": "desk"})
    return data
