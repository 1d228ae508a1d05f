"""Supervisor screens: decision search, read-only case view, second-review queue, claims, statistics.

Every database call goes through the runner passed in (`runner.run(fn, on_success=..., on_failure=...)`), so
the UI thread never waits on the database; the service layer checks the role again on every call.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.clock import MOSCOW, moscow_date
from reviewer_app.domain.enums import ApplicationKind, DecisionOutcome, ScoreBand
from reviewer_app.services import stats as stats_service
from reviewer_app.services import supervision as sv
from reviewer_app.services import training
from reviewer_app.ui.supervisor.models import ITEM_ROLE, ClaimTableModel, DecisionTableModel, RowsModel

PAGE_SIZE = 50


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setAlternatingRowColors(True)
    return view


def _combo(values: list[str]) -> QComboBox:
    box = QComboBox()
    box.addItem("—", None)
    for v in values:
        box.addItem(v, v)
    return box


class _Base(QWidget):
    """Holds the context, the actor and the runner; `status` shows the last result or error."""

    loaded = Signal()  # emitted after each successful load (tests wait on it)

    def __init__(self, app, actor: Actor, runner, parent=None) -> None:
        super().__init__(parent)
        self.app, self.actor, self.runner = app, actor, runner
        self.status = QLabel("")
        self.status.setWordWrap(True)

    def _run(self, fn, done, label: str = "") -> None:
        self.status.setText(self.tr("Working…"))

        def ok(result) -> None:
            done(result)
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            self.status.setText(str(exc))
            self.runner.report(exc)

        self.runner.run(fn, on_success=ok, on_failure=failed, label=label)


# --- search -----------------------------------------------------------------------------------------------------
class SearchTab(_Base):
    def __init__(self, app, actor, runner, parent=None) -> None:
        super().__init__(app, actor, runner, parent)
        today = moscow_date(app.clock.now())
        self.date_from = QDateEdit(_qdate(today - timedelta(days=30)))
        self.date_to = QDateEdit(_qdate(today))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
        self.reviewer = QLineEdit()
        self.reviewer.setPlaceholderText(self.tr("staff name"))
        self.kind = _combo([k.value for k in ApplicationKind])
        self.outcome = _combo([o.value for o in DecisionOutcome])
        self.reason = QLineEdit()
        self.band = _combo([b.value for b in ScoreBand])
        self.overrides = QCheckBox(self.tr("Overrides only"))
        self.breached = QCheckBox(self.tr("SLA breaches only"))
        self.face_duplicates = QCheckBox(self.tr("Same face under another name"))
        self.search_button = QPushButton(self.tr("Search"))
        self.prev_button, self.next_button = QPushButton(self.tr("◀ Previous")), QPushButton(self.tr("Next ▶"))
        self.model = DecisionTableModel(self)
        self.view = _table(self.model)
        self.view.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(self.tr("Open read-only"))
        self.page = 0

        form = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.date_to)
        form.addRow(self.tr("Decided"), dates)
        form.addRow(self.tr("Reviewer"), self.reviewer)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Reason code"), self.reason)
        form.addRow(self.tr("Pre-score band"), self.band)
        flags = QHBoxLayout()
        flags.addWidget(self.overrides)
        flags.addWidget(self.breached)
        flags.addWidget(self.face_duplicates)
        form.addRow(flags)
        buttons = QHBoxLayout()
        for b in (self.search_button, self.prev_button, self.next_button, self.open_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.search_button.clicked.connect(lambda: self.search(0))
        self.prev_button.clicked.connect(lambda: self.search(max(0, self.page - 1)))
        self.next_button.clicked.connect(lambda: self.search(self.page + 1))
        self.open_button.clicked.connect(self.open_selected)
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def query(self) -> sv.DecisionQuery:
        return sv.DecisionQuery(
            date_from=_pydate(self.date_from.date()), date_to=_pydate(self.date_to.date()),
            reviewer=self.reviewer.text().strip() or None, kind=self.kind.currentData(),
            outcome=self.outcome.currentData(), reason=self.reason.text().strip() or None,
            band=self.band.currentData(), overrides_only=self.overrides.isChecked(),
            sla_breached_only=self.breached.isChecked(), face_duplicates_only=self.face_duplicates.isChecked())

    def search(self, page: int = 0) -> None:
        q, app, actor = self.query(), self.app, self.actor
        self._run(lambda: sv.search_decisions(app, actor, q, page=page, page_size=PAGE_SIZE), self._show,
                  self.tr("Searching decisions"))

    def _show(self, result: sv.DecisionPage) -> None:
        self.page = result.page
        self.model.set_rows(result.rows)
        self.prev_button.setEnabled(result.page > 0)
        self.next_button.setEnabled(result.has_more)
        self.status.setText(self.tr("Page %1: %2 decision(s)").replace("%1", str(result.page + 1))
                            .replace("%2", str(len(result.rows))))

    def open_selected(self, *_args) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return
        row: sv.DecisionRow = self.model.data(idx, ITEM_ROLE)
        app, actor = self.app, self.actor
        self._run(lambda: sv.open_case(app, actor, row.decision_id), self._open_case, self.tr("Opening case"))

    def _open_case(self, case: sv.CaseView) -> None:
        self.status.setText("")
        self.case_dialog = CaseDialog(case, self.app, self.actor, self.runner, self)
        self.case_dialog.show()


class CaseDialog(QDialog):
    """A past case, read-only, as the reviewer saw it: checks, pre-score, rule version, images, history."""

    def __init__(self, case: sv.CaseView, app, actor: Actor, runner, parent=None) -> None:
        super().__init__(parent)
        self.case, self.app, self.actor, self.runner = case, app, actor, runner
        d = case.decision
        self.setWindowTitle(self.tr("Case %1 (read-only)").replace("%1", d.application_id))
        self.resize(900, 640)
        head = QLabel(
            f"<b>{d.application_id}</b> — {d.kind}; {self.tr('decision')} <b>{d.outcome}</b>"
            f"{f' ({d.reason_code})' if d.reason_code else ''} {self.tr('by')} {d.reviewer}, "
            f"{d.decided_at.astimezone(MOSCOW):%d.%m.%Y %H:%M}; {self.tr('rules')} {case.rule_version}; "
            f"{self.tr('second review')}: {d.second_review or '—'}"
            f"{' — ' + self.tr('OVERRIDE') if d.is_override else ''}"
            f"{' — ' + self.tr('SLA BREACHED') if d.sla_breached else ''}")
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.RichText)
        self.checks = RowsModel([("Check", training.snapshot_check_id), ("Status", lambda c: c.get("status")),
                                 ("Message", lambda c: c.get("message_ru") or c.get("message", ""))], self)
        self.checks.set_rows(list(case.checks))
        self.history = RowsModel([("When", lambda e: f"{e.at.astimezone(MOSCOW):%d.%m.%Y %H:%M:%S}"),
                                  ("Who", lambda e: e.actor), ("Action", lambda e: e.action),
                                  ("Target", lambda e: e.target_id[:16])], self)
        self.history.set_rows(list(case.history))
        prescore = QPlainTextEdit(json.dumps(case.prescore, ensure_ascii=False, indent=2) if case.prescore
                                  else self.tr("No pre-score was shown."))
        prescore.setReadOnly(True)
        comments = QPlainTextEdit(f"{self.tr('To the applicant')}: {case.comment_applicant or '—'}\n"
                                  f"{self.tr('Internal')}: {case.comment_internal or '—'}\n"
                                  f"{self.tr('Second reviewer')}: {case.second_reviewer or '—'} "
                                  f"{case.second_review_comment or ''}")
        comments.setReadOnly(True)
        images = QWidget()
        self.image_row = QHBoxLayout(images)
        self.image_labels: dict[str, QLabel] = {}
        for doc in case.documents:
            label = QLabel(self.tr("purged (retention)") if doc.purged else self.tr("loading…"))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumSize(240, 180)
            label.setToolTip(f"{doc.role}\nsha256 {doc.sha256}")
            self.image_row.addWidget(label)
            self.image_labels[doc.sha256] = label
            if not doc.purged:
                self._load_image(doc.sha256)
        scroll = QScrollArea()
        scroll.setWidget(images)
        scroll.setWidgetResizable(True)
        tabs = QTabWidget()
        tabs.addTab(_table(self.checks), self.tr("Checks"))
        tabs.addTab(scroll, self.tr("Images"))
        tabs.addTab(prescore, self.tr("Pre-score"))
        tabs.addTab(comments, self.tr("Comments"))
        tabs.addTab(_table(self.history), self.tr("History"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    def _load_image(self, sha: str) -> None:
        app, actor, decision_id = self.app, self.actor, self.case.decision.decision_id

        def show(image: QImage) -> None:
            label = self.image_labels[sha]
            if image.isNull():
                label.setText(self.tr("cannot display this image"))
            else:
                label.setPixmap(QPixmap.fromImage(image))

        def failed(exc: BaseException) -> None:
            self.image_labels[sha].setText(str(exc))

        self.runner.run(lambda: _thumbnail(sv.case_image(app, actor, decision_id, sha)), on_success=show,
                        on_failure=failed)


def _thumbnail(data: bytes) -> QImage:
    """Decode and scale on the worker (QImage, unlike QPixmap, is safe off the UI thread); null if undecodable."""
    image = QImage()
    if not image.loadFromData(data):
        return QImage()
    return image.scaled(320, 240, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


# --- second review ----------------------------------------------------------------------------------------------
class SecondReviewTab(_Base):
    def __init__(self, app, actor, runner, parent=None) -> None:
        super().__init__(app, actor, runner, parent)
        self.model = DecisionTableModel(self)
        self.view = _table(self.model)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.sample_button = QPushButton(self.tr("Set aside a sample of approvals"))
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.overturn_button = QPushButton(self.tr("Overturn…"))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("comment (required to overturn)"))
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.sample_button, self.confirm_button, self.overturn_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Decisions waiting for a second look (four eyes: not your own).")))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.comment)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.sample_button.clicked.connect(self.set_aside)
        self.confirm_button.clicked.connect(lambda: self.verdict(confirm=True))
        self.overturn_button.clicked.connect(lambda: self.verdict(confirm=False))

    def refresh(self) -> None:
        app, actor = self.app, self.actor
        self._run(lambda: sv.second_review_queue(app, actor), self._show, self.tr("Loading second reviews"))

    def _show(self, page: sv.DecisionPage) -> None:
        self.model.set_rows(page.rows)
        self.status.setText(self.tr("%1 waiting").replace("%1", str(len(page.rows))))

    def set_aside(self) -> None:
        app, actor = self.app, self.actor
        today = moscow_date(app.clock.now())
        self._run(lambda: sv.set_aside_sample(app, actor, date_from=today - timedelta(days=7), date_to=today),
                  lambda ids: (self.refresh(), self.status.setText(
                      self.tr("%1 approval(s) set aside").replace("%1", str(len(ids))))))

    def selected(self) -> sv.DecisionRow | None:
        idx = self.view.currentIndex()
        return self.model.data(idx, ITEM_ROLE) if idx.isValid() else None

    def verdict(self, *, confirm: bool) -> None:
        row = self.selected()
        if row is None:
            self.status.setText(self.tr("Select a decision first."))
            return
        comment = self.comment.text().strip()
        if not confirm and not comment:
            comment, ok = QInputDialog.getText(self, self.tr("Overturn"), self.tr("Why is it overturned?"))
            if not ok or not comment.strip():
                return
        app, actor = self.app, self.actor
        fn = (lambda: sv.confirm(app, actor, row.decision_id, comment)) if confirm else \
            (lambda: sv.overturn(app, actor, row.decision_id, comment))
        self._run(fn, lambda _r: (self.comment.clear(), self.refresh()), self.tr("Saving the second review"))


# --- claims -----------------------------------------------------------------------------------------------------
class ClaimsTab(_Base):
    def __init__(self, app, actor, runner, parent=None) -> None:
        super().__init__(app, actor, runner, parent)
        self.model = ClaimTableModel(self)
        self.view = _table(self.model)
        self.reviewers = QComboBox()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.release_button = QPushButton(self.tr("Release to the queue"))
        self.reassign_button = QPushButton(self.tr("Reassign to"))
        buttons = QHBoxLayout()
        for w in (self.refresh_button, self.release_button, self.reassign_button, self.reviewers):
            buttons.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.release_button.clicked.connect(self.release)
        self.reassign_button.clicked.connect(self.reassign)

    def refresh(self) -> None:
        app, actor = self.app, self.actor
        self._run(lambda: (sv.current_claims(app, actor), sv.reviewers(app, actor)), self._show,
                  self.tr("Loading claims"))

    def _show(self, result) -> None:
        claims, people = result
        self.model.set_rows(claims)
        current = self.reviewers.currentText()
        self.reviewers.clear()
        self.reviewers.addItems([p.name for p in people])
        if current:
            self.reviewers.setCurrentText(current)
        self.status.setText(self.tr("%1 application(s) under review").replace("%1", str(len(claims))))

    def _selected(self) -> str | None:
        idx = self.view.currentIndex()
        return self.model.data(idx, ITEM_ROLE).application_id if idx.isValid() else None

    def release(self) -> None:
        app_id = self._selected()
        if app_id:
            app, actor = self.app, self.actor
            self._run(lambda: sv.release_claim(app, actor, app_id), lambda _r: self.refresh())

    def reassign(self) -> None:
        app_id, to = self._selected(), self.reviewers.currentText()
        if app_id and to:
            app, actor = self.app, self.actor
            self._run(lambda: sv.reassign_claim(app, actor, app_id, to), lambda _r: self.refresh())


# --- statistics -------------------------------------------------------------------------------------------------
class StatsTab(_Base):
    def __init__(self, app, actor, runner, parent=None) -> None:
        super().__init__(app, actor, runner, parent)
        today = moscow_date(app.clock.now())
        self.date_from = QDateEdit(_qdate(today - timedelta(days=13)))
        self.date_to = QDateEdit(_qdate(today))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd.MM.yyyy")
        self.compute_button = QPushButton(self.tr("Show"))
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        self.workload = RowsModel([("Reviewer", lambda w: w.reviewer), ("Handled", lambda w: w.handled),
                                   ("Median minutes", lambda w: w.median_minutes)], self)
        self.reasons = RowsModel([("Reason", lambda r: r[0]), ("Count", lambda r: r[1])], self)
        outcomes = [o.value for o in DecisionOutcome]
        self.bands = RowsModel([("Band", lambda r: r[0])] +
                               [(o, (lambda r, o=o: r[1].get(o, 0))) for o in outcomes], self)
        self.summary = QLabel("")
        top = QHBoxLayout()
        top.addWidget(self.date_from)
        top.addWidget(QLabel("—"))
        top.addWidget(self.date_to)
        top.addWidget(self.compute_button)
        top.addStretch(1)
        tables = QHBoxLayout()
        for title, model in ((self.tr("Workload"), self.workload), (self.tr("Reject reasons"), self.reasons),
                             (self.tr("Pre-score band × decision"), self.bands)):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(_table(model))
            tables.addLayout(box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart_view, 1)
        layout.addLayout(tables, 1)
        layout.addWidget(self.status)
        self.compute_button.clicked.connect(self.refresh)
        self.stats: stats_service.Stats | None = None

    def refresh(self) -> None:
        app, actor = self.app, self.actor
        d0, d1 = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        self._run(lambda: stats_service.compute(app, actor, d0, d1), self._show, self.tr("Computing statistics"))

    def _show(self, st: stats_service.Stats) -> None:
        self.stats = st
        self.workload.set_rows(st.workload)
        self.reasons.set_rows(st.reject_reasons)
        self.bands.set_rows(list(st.band_outcome.items()))
        comp = "—" if st.sla_compliance is None else f"{st.sla_compliance:.1%}"
        auc = "—" if st.auc is None else f"{st.auc:.3f}"
        self.summary.setText(self.tr("%1 decisions; SLA met: %2; AUC of pre-score vs approve: %3")
                             .replace("%1", str(st.total)).replace("%2", comp).replace("%3", auc))
        self.chart_view.setChart(self.build_chart(st))
        self.status.setText("")

    @staticmethod
    def build_chart(st: stats_service.Stats) -> QChart:
        chart = QChart()
        chart.setTitle(QChart.tr("Decisions per day"))
        series = QBarSeries()
        for outcome in (o.value for o in DecisionOutcome):
            counts = [c.get(outcome, 0) for _, c in st.per_day]
            if any(counts):
                bar = QBarSet(outcome)
                bar.append([float(n) for n in counts])
                series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([d.strftime("%d.%m") for d, _ in st.per_day])
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        axis_y.setRange(0, max([sum(c.values()) for _, c in st.per_day] + [1]))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart
