"""Statistics exports: CSV (one table per section, for spreadsheets) and a PDF report with a chart.

The PDF uses DejaVu Sans so Cyrillic renders: the system's (fc-match), else the copy matplotlib ships.
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
import subprocess
from functools import lru_cache
from html import escape
from pathlib import Path

from reviewer_app.domain.enums import DecisionOutcome
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.stats import Stats

OUTCOMES = tuple(o.value for o in DecisionOutcome)
FONT = "DejaVuSans"


def write_csv(stats: Stats, path: Path) -> None:
    """Sections separated by a blank line, each with its own header row."""
    try:
        with path.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel then reads UTF-8 Cyrillic
            w = csv.writer(fh)
            w.writerow(["section", "period", f"{stats.date_from}..{stats.date_to}", "total", stats.total])
            w.writerow([])
            w.writerow(["day", *OUTCOMES, "total"])
            for day, counts in stats.per_day:
                w.writerow([day.isoformat(), *(counts.get(o, 0) for o in OUTCOMES), sum(counts.values())])
            w.writerow([])
            w.writerow(["reviewer", "handled", "median_minutes"])
            for load in stats.workload:
                w.writerow([load.reviewer, load.handled, "" if load.median_minutes is None else load.median_minutes])
            w.writerow([])
            w.writerow(["reject_reason", "count"])
            w.writerows(stats.reject_reasons)
            w.writerow([])
            w.writerow(["sla_met", "sla_breached", "compliance"])
            comp = stats.sla_compliance
            w.writerow([stats.sla_met, stats.sla_breached, "" if comp is None else f"{comp:.4f}"])
            w.writerow([])
            w.writerow(["prescore_band", *OUTCOMES])
            for band, counts in stats.band_outcome.items():
                w.writerow([band, *(counts.get(o, 0) for o in OUTCOMES)])
            w.writerow([])
            w.writerow(["auc_score_vs_approve", "scored_decisions"])
            w.writerow(["" if stats.auc is None else f"{stats.auc:.4f}", stats.scored])
    except OSError as exc:
        raise ReviewerError(f"cannot write CSV file {path}: {exc.strerror or exc}") from None


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


def _chart(stats: Stats, font: str):
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
    legend.colorNamePairs = [(palette[i % len(palette)], o) for i, o in enumerate(shown)]
    drawing.add(legend)
    drawing.add(String(40, 200, "Решения по дням / decisions per day", fontName=font, fontSize=9))
    return drawing


def write_pdf(stats: Stats, path: Path, *, title: str = "Статистика решений / Decision statistics") -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _register_font()
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Normal"):
        styles[name].fontName = font
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8),
                       ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))])

    def table(rows):
        t = Table(rows, hAlign="LEFT")
        t.setStyle(grid)
        return t

    comp = stats.sla_compliance
    story = [
        Paragraph(escape(title), styles["Title"]),  # a Paragraph parses markup: text goes in escaped
        Paragraph(f"Период / period: {stats.date_from:%d.%m.%Y} – {stats.date_to:%d.%m.%Y}. "
                  f"Решений / decisions: {stats.total}.", styles["Normal"]),
        Spacer(1, 8), _chart(stats, font),
        Paragraph("Нагрузка / workload (медиана минут от взятия до решения)", styles["Heading2"]),
        table([["Сотрудник / reviewer", "Решений / handled", "Медиана, мин"]]
              + [[w.reviewer, w.handled, "—" if w.median_minutes is None else f"{w.median_minutes:.1f}"]
                 for w in stats.workload]),
        Paragraph("Причины отказов и возвратов / reject reasons", styles["Heading2"]),
        table([["Причина / reason", "Кол-во"]] + [list(r) for r in stats.reject_reasons]),
        Paragraph("Срок (SLA) / SLA compliance", styles["Heading2"]),
        Paragraph(f"В срок / met: {stats.sla_met}; просрочено / breached: {stats.sla_breached}; "
                  f"{'—' if comp is None else f'{comp:.1%}'}", styles["Normal"]),
        Paragraph("Предоценка и решения / pre-score band × decision", styles["Heading2"]),
        table([["Band", *OUTCOMES]] + [[b, *(c.get(o, 0) for o in OUTCOMES)]
                                       for b, c in stats.band_outcome.items()]),
        Spacer(1, 4),
        Paragraph(f"AUC (score → approve): {'—' if stats.auc is None else f'{stats.auc:.3f}'} "
                  f"over {stats.scored} scored decisions", styles["Normal"]),
    ]
    try:
        SimpleDocTemplate(str(path), pagesize=A4, title=title).build(story)
    except OSError as exc:
        raise ReviewerError(f"cannot write PDF file {path}: {exc.strerror or exc}") from None
