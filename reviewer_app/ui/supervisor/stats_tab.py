"""The statistics tab: decisions per day (a chart), the SLA, the queue's age, decisions per reviewer, the second
reviews' agreement and overturn rate, and the pre-score's calibration in words; Export CSV and Export PDF save the
service's file (in the interface language, words not codes; audited as an export) where the supervisor chooses.

The figures come from `SupervisorDesk.statistics`, the files from `SupervisorDesk.export_statistics`, both on the
task runner; the file is written there too, so the UI thread neither waits on the service nor on the disk.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDateEdit, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout

from reviewer_app.domain import supervision_views as sv
from reviewer_app.domain.clock import moscow_date
from reviewer_app.domain.enums import DecisionOutcome
from reviewer_app.domain.report_words import NO_BAND
from reviewer_app.services.supervisor_desk import SupervisorDesk
from reviewer_app.ui.models import band_label
from reviewer_app.ui.plain import PlainLabel
from reviewer_app.ui.supervisor.models import RowsModel
from reviewer_app.ui.supervisor.widgets import _Base, _pydate, _qdate, _t, _table
from reviewer_app.ui.words import outcome_label, plural, reason_label


def _band(band: str) -> str:
    """The statistics' "none" (no pre-score) in the words the desk uses for it."""
    return band_label(None if band == NO_BAND else band)


def _percent(share: float | None) -> str:
    return "—" if share is None else QLocale().toString(share * 100, "f", 1) + " %"


def _number(value: float | None) -> str:
    return "—" if value is None else QLocale().toString(float(value), "f", 1)



def _count_of(outcome: str):
    """The column getter of one outcome's count in a (band, counts) row."""
    return lambda row: row[1].get(outcome, 0)

class StatsTab(_Base):
    #: Tests replace the question: where to save (parent, title, suggested name, filter) -> path or "".
    ask_path = staticmethod(lambda parent, title, name, pattern: QFileDialog.getSaveFileName(
        parent, title, name, pattern)[0])

    def __init__(self, desk: SupervisorDesk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(desk, actor, runner, parent, lang)
        today = moscow_date(desk.now())
        self.date_from = QDateEdit(_qdate(today - timedelta(days=13)))
        self.date_to = QDateEdit(_qdate(today))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
        self.compute_button = QPushButton(self.tr("Show"))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        self.workload = RowsModel([
            (QT_TRANSLATE_NOOP("Supervisor", "Reviewer"), lambda w: w.reviewer),
            (QT_TRANSLATE_NOOP("Supervisor", "Handled"), lambda w: w.handled),
            (QT_TRANSLATE_NOOP("Supervisor", "Median minutes"), lambda w: _number(w.median_minutes)),
        ], self)
        self.reasons = RowsModel([(QT_TRANSLATE_NOOP("Supervisor", "Reason"), lambda r: reason_label(r[0], lang)),
                                  (QT_TRANSLATE_NOOP("Supervisor", "Count"), lambda r: r[1])], self)
        outcomes = [o.value for o in DecisionOutcome]
        self.bands = RowsModel([(QT_TRANSLATE_NOOP("Supervisor", "Pre-score"), lambda r: _band(r[0]))] +
                               [(outcome_label(o), _count_of(o)) for o in outcomes], self)
        self.summary = PlainLabel("")
        self.summary.setWordWrap(True)
        self.calibration = PlainLabel("")
        self.calibration.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(PlainLabel(self.tr("Decided")))
        top.addWidget(self.date_from)
        top.addWidget(PlainLabel("—"))
        top.addWidget(self.date_to)
        top.addWidget(self.compute_button)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        # The chart beside the workload and the reasons; the wide pre-score table gets the full width below.
        side = QVBoxLayout()
        for title, model in ((self.tr("Decisions per reviewer"), self.workload),
                             (self.tr("Reasons for refusals and returns"), self.reasons)):
            side.addWidget(PlainLabel(title))
            side.addWidget(_table(model), 1)
        middle = QHBoxLayout()
        middle.addWidget(self.chart_view, 3)
        middle.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(middle, 2)
        layout.addWidget(PlainLabel(self.tr("Pre-score and decision")))
        layout.addWidget(self.calibration)
        bands = _table(self.bands)
        bands.CAP = 240  # few, short cells under long outcome titles
        layout.addWidget(bands, 1)
        layout.addWidget(self.status)
        self.compute_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(lambda: self.ask_and_export("csv"))
        self.pdf_button.clicked.connect(lambda: self.ask_and_export("pdf"))
        self.stats: sv.Stats | None = None

    def period(self):
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def refresh(self) -> None:
        desk, actor = self.desk, self.actor
        d0, d1 = self.period()
        self._run(lambda: desk.statistics(actor, d0, d1), self._show, self.tr("Computing statistics"))

    def _show(self, st: sv.Stats) -> None:
        self.stats = st
        self.workload.set_rows(st.workload)
        self.reasons.set_rows(st.reject_reasons)
        self.bands.set_rows(list(st.band_outcome.items()))
        lines = [
            self.tr("{0}; answered in time: {1} ({2} late)").format(
                plural("StatsTab", "%n decision(s)", st.total), _percent(st.sla_compliance), st.sla_breached),
            self.tr("{0}; the oldest has waited {1}; median wait, days: {2}").format(
                plural("StatsTab", "%n application(s) waiting in the queue now", st.queue_waiting),
                plural("StatsTab", "%n day(s)", st.queue_oldest_days or 0),
                _number(st.queue_median_days)) if st.queue_waiting else
            self.tr("No application is waiting in the queue now"),
            self.tr("Second reviews: {0}; they agreed with the decision in {1}, overturned it in {2}").format(
                st.second_reviewed, _percent(st.agreement), _percent(st.overturn_rate)) if st.second_reviewed else
            self.tr("No second review was done in this period"),
        ]
        self.summary.setText("\n".join(lines))
        sentences = []
        for band in st.band_outcome:
            n, m = st.calibration(band)
            if m and band != NO_BAND:  # "when there was no pre-score" says nothing about the pre-score
                sentences.append(plural("StatsTab", "When the pre-score said “{0}”, the decision was approve in "
                                                    "{1} of %n case(s)", m).format(_band(band), n))
        self.calibration.setText("\n".join(sentences) or self.tr("No decision had a pre-score in this period"))
        self.chart_view.setChart(self.build_chart(st))
        self.status.setText("")

    # --- exports ----------------------------------------------------------------------------------------------
    def ask_and_export(self, fmt: str) -> None:
        d0, d1 = self.period()
        name = f"{self.tr('statistics')}-{d0:%Y-%m-%d}-{d1:%Y-%m-%d}.{fmt}"
        pattern = self.tr("CSV table (*.csv)") if fmt == "csv" else self.tr("PDF report (*.pdf)")
        path = self.ask_path(self, self.tr("Save the statistics"), name, pattern)
        if path:
            self.export(fmt, path)

    def export(self, fmt: str, path: str) -> None:
        """The service makes the file (in the interface language; audited); the worker writes it to `path`."""
        desk, actor, lang = self.desk, self.actor, self.lang
        d0, d1 = self.period()
        target = Path(path)

        def fn() -> Path:
            target.write_bytes(desk.export_statistics(actor, d0, d1, fmt, lang))
            return target

        self._run(fn, lambda saved: self.status.setText(self.tr("Saved: {0}").format(saved)),
                  self.tr("Exporting statistics"))

    @staticmethod
    def build_chart(st: sv.Stats) -> QChart:
        chart = QChart()
        chart.setTitle(_t("Decisions per day"))
        series = QStackedBarSeries()  # stacked: a month of days stays readable
        for outcome in (o.value for o in DecisionOutcome):
            counts = [c.get(outcome, 0) for _, c in st.per_day]
            if any(counts):
                bar = QBarSet(outcome_label(outcome))
                bar.append([float(n) for n in counts])
                series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([d.strftime("%d.%m") for d, _ in st.per_day])
        if len(st.per_day) > 14:  # a month of "dd.mm" side by side is elided to "…": stand them up
            axis_x.setLabelsAngle(-90)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        top = max([sum(c.values()) for _, c in st.per_day] + [1])
        axis_y.setRange(0, top)
        if top <= 10:  # whole numbers only: 0, 1, 2 ... (not 0, 0, 0, 1 with "%d")
            axis_y.setTickCount(top + 1)
        else:
            axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart
