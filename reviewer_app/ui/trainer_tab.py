"""The trainer's "Trainees" tab: each trainee's sessions, every case with the given and the expected answer and the
rule behind it, a fresh start for a trainee (after a confirmation), and the set of cases given.

The tab talks to a `services.training_desk.TrainingDesk` only (in process, or over the reviewer service), every
call through the window's TaskRunner; the services check that the caller is a trainer on a training database.
`add_trainer_tab(window)` is the main window's hook for a trainer's login.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.training_views import CaseChoices, CaseSet, ResetResult, TraineeCase, TraineeSummary
from reviewer_app.ui.errors import user_message
from reviewer_app.ui.models import kind_label
from reviewer_app.ui.plain import PlainLabel
from reviewer_app.ui.supervisor.models import RowsModel
from reviewer_app.ui.training_feedback import failed_checks_text
from reviewer_app.ui.words import moscow_time


def _table(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    return view


def _checked(box: QListWidget) -> tuple[str, ...]:
    return tuple(box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
                 if box.item(i).checkState() == Qt.CheckState.Checked)


class TraineesTab(QWidget):
    loaded = Signal()  # after each successful load (tests wait on it)

    def __init__(self, desk, actor, runner, parent=None, lang: str = "ru") -> None:
        super().__init__(parent)
        self.desk, self.actor, self.runner, self.lang = desk, actor, runner, lang
        self.opened_once = False
        self.summaries: list[TraineeSummary] = []
        self.choices: CaseChoices | None = None
        # Tests replace it: confirm_reset(trainee) -> bool.
        self.confirm_reset = self._confirm_reset

        # RowsModel translates its headers in the context "Supervisor"
        self.trainees = RowsModel([
            (QT_TRANSLATE_NOOP("Supervisor", "Trainee"), lambda t: t.name),
            (QT_TRANSLATE_NOOP("Supervisor", "Cases"), lambda t: t.cases),
            (QT_TRANSLATE_NOOP("Supervisor", "Right"), lambda t: t.right),
            (QT_TRANSLATE_NOOP("Supervisor", "Wrong"), lambda t: t.wrong),
            (QT_TRANSLATE_NOOP("Supervisor", "Last case"), lambda t: moscow_time(t.last_at) or "—"),
        ], self)
        self.sessions = RowsModel([
            (QT_TRANSLATE_NOOP("Supervisor", "Day"), lambda x: x.day.strftime("%d.%m.%Y")),
            (QT_TRANSLATE_NOOP("Supervisor", "From"), lambda x: moscow_time(x.started_at)[-5:]),
            (QT_TRANSLATE_NOOP("Supervisor", "To"), lambda x: moscow_time(x.ended_at)[-5:]),
            (QT_TRANSLATE_NOOP("Supervisor", "Cases"), lambda x: x.cases),
            (QT_TRANSLATE_NOOP("Supervisor", "Right"), lambda x: x.right),
            (QT_TRANSLATE_NOOP("Supervisor", "Wrong"), lambda x: x.wrong),
        ], self)
        self.cases = RowsModel([
            (QT_TRANSLATE_NOOP("Supervisor", "Application"), lambda c: c.application_id),
            (QT_TRANSLATE_NOOP("Supervisor", "Verdict"), self._verdict),
            (QT_TRANSLATE_NOOP("Supervisor", "Given"), lambda c: c.given(lang)),
            (QT_TRANSLATE_NOOP("Supervisor", "Expected"), lambda c: c.expected(lang)),
        ], self)
        self.trainee_view = _table(self.trainees, self.tr("Trainees"))
        self.session_view = _table(self.sessions, self.tr("Sessions"))
        self.case_view = _table(self.cases, self.tr("Cases"))
        self.rule = PlainLabel(self.tr("Choose a case to read the rule that decides it."))
        self.rule.setWordWrap(True)
        self.rule.setAccessibleName(self.tr("The rule"))
        self.rule.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rule.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.rule.setMinimumHeight(90)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.reset_button = QPushButton(self.tr("Start again…"))
        self.reset_button.setToolTip(self.tr("Clear the selected trainee's decisions: the cases go back to the "
                                             "queue"))
        self.reset_button.setEnabled(False)
        self.status = PlainLabel("")
        self.status.setWordWrap(True)

        # the set of cases given
        self.set_for = QComboBox()
        self.set_for.setAccessibleName(self.tr("Cases given to"))
        self.kinds = QListWidget()
        self.kinds.setAccessibleName(self.tr("Kinds of application"))
        self.lessons = QListWidget()
        self.lessons.setAccessibleName(self.tr("Lessons"))
        for box in (self.kinds, self.lessons):
            box.setMaximumHeight(110)
        self.save_set_button = QPushButton(self.tr("Give these cases"))
        case_set = QGroupBox(self.tr("Cases given (none ticked: all)"))
        set_top = QHBoxLayout()
        set_top.addWidget(PlainLabel(self.tr("To:")))
        set_top.addWidget(self.set_for, 1)
        set_top.addWidget(self.save_set_button)
        set_lists = QHBoxLayout()
        for title, box in ((self.tr("Kind"), self.kinds), (self.tr("Lesson"), self.lessons)):
            column = QVBoxLayout()
            column.addWidget(PlainLabel(title))
            column.addWidget(box)
            set_lists.addLayout(column, 1 if box is self.kinds else 2)
        set_layout = QVBoxLayout(case_set)
        set_layout.addLayout(set_top)
        set_layout.addLayout(set_lists)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(PlainLabel(self.tr("Trainees")))
        left_layout.addWidget(self.trainee_view, 3)
        left_layout.addWidget(PlainLabel(self.tr("Sessions of the selected trainee")))
        left_layout.addWidget(self.session_view, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.cases_title = PlainLabel(self.tr("Cases"))
        right_layout.addWidget(self.cases_title)
        right_layout.addWidget(self.case_view, 3)
        right_layout.addWidget(self.rule, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(case_set)
        layout.addWidget(self.status)

        self.refresh_button.clicked.connect(self.refresh)
        self.reset_button.clicked.connect(self.reset_selected)
        self.save_set_button.clicked.connect(self.save_case_set)
        self.trainee_view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._trainee_chosen(cur.row()))
        self.case_view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._case_chosen(cur.row()))
        self.set_for.currentIndexChanged.connect(lambda _i: self.load_case_set())

    # --- loading ----------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.opened_once:
            self.opened_once = True
            self.refresh()

    def _run(self, fn, done, label: str = "") -> None:
        self.status.setText(self.tr("Working…"))

        def ok(result) -> None:
            done(result)
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            self.status.setText(user_message(exc))

        self.runner.run(fn, on_success=ok, on_failure=failed, label=label)

    def refresh(self) -> None:
        desk, actor = self.desk, self.actor
        self._run(lambda: (desk.trainees(actor), desk.case_choices(actor)), self._show,
                  self.tr("Loading the trainees"))

    def _show(self, result: tuple[list[TraineeSummary], CaseChoices]) -> None:
        chosen = self.selected_trainee()
        self.summaries, self.choices = list(result[0]), result[1]
        self.trainees.set_rows(self.summaries)
        self.status.setText(self.tr("Trainees: {0}").format(len(self.summaries)))
        self._fill_choices(result[1])
        names = [t.name for t in self.summaries]
        row = names.index(chosen) if chosen in names else (0 if names else -1)
        if row >= 0:
            self.trainee_view.selectRow(row)
        else:
            self._trainee_chosen(-1)

    def _fill_choices(self, choices: CaseChoices) -> None:
        keep = self.set_for.currentData()
        self.set_for.blockSignals(True)
        self.set_for.clear()
        self.set_for.addItem(self.tr("Everybody"), None)
        for t in self.summaries:
            self.set_for.addItem(t.name, t.name)
        self.set_for.setCurrentIndex(max(0, self.set_for.findData(keep)))
        self.set_for.blockSignals(False)
        self.kinds.clear()
        for code, count in sorted(choices.kinds, key=lambda k: kind_label(k[0])):
            self._choice(self.kinds, f"{kind_label(code)} ({count})", code)
        self.lessons.clear()
        for lesson in choices.lessons:
            self._choice(self.lessons, f"{lesson.label(self.lang)} ({lesson.cases})", lesson.code)
        self.load_case_set()

    @staticmethod
    def _choice(box: QListWidget, text: str, code: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)

    def selected_trainee(self) -> str | None:
        row = self.trainee_view.currentIndex().row()
        return self.summaries[row].name if 0 <= row < len(self.summaries) else None

    def _trainee_chosen(self, row: int) -> None:
        summary = self.summaries[row] if 0 <= row < len(self.summaries) else None
        self.reset_button.setEnabled(summary is not None and summary.cases > 0)
        self.sessions.set_rows(list(summary.sessions) if summary else [])
        self.cases.set_rows([])
        self._case_chosen(-1)
        if summary is None:
            self.cases_title.setText(self.tr("Cases"))
            return
        self.cases_title.setText(self.tr("Cases of {0}").format(summary.name))
        desk, actor, name = self.desk, self.actor, summary.name
        self._run(lambda: desk.trainee_cases(actor, name), self._show_cases, self.tr("Loading the cases"))

    def _show_cases(self, cases: list[TraineeCase]) -> None:
        self.cases.set_rows(cases)
        self.status.setText(self.tr("Cases: {0}").format(len(cases)))
        if cases:
            self.case_view.selectRow(0)

    def _verdict(self, case: TraineeCase) -> str:
        if case.correct is None:
            return self.tr("no answer in the key")
        return self.tr("right") if case.correct else self.tr("wrong")

    def _case_chosen(self, row: int) -> None:
        if not 0 <= row < self.cases.rowCount():
            self.rule.setText(self.tr("Choose a case to read the rule that decides it."))
            return
        case: TraineeCase = self.cases.row(row)
        parts = [self.tr("{0}, {1}, decided {2}").format(
            case.application_id + (f" ({case.pack})" if case.pack else ""), kind_label(case.kind),
            moscow_time(case.decided_at)),
            self.tr("Given: {0}. Expected: {1}.").format(case.given(self.lang), case.expected(self.lang))]
        if case.failed_checks:
            parts.append(self.tr("Checks not passed when decided: {0}").format(
                failed_checks_text(case.failed_checks)))
        parts.append(self.tr("The rule: {0}").format(case.rule(self.lang) or "—"))
        self.rule.setText("\n".join(parts))

    # --- a fresh start ----------------------------------------------------------------------------------------
    def _confirm_reset(self, trainee: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Start again"),
                          "", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Clear all decisions of {0}? Their cases go back to the queue and their results are "
                            "gone; the audit trail keeps that you did it.").format(trainee))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Clear and start again"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def reset_selected(self) -> None:
        trainee = self.selected_trainee()
        if trainee is None or not self.confirm_reset(trainee):
            return
        desk, actor = self.desk, self.actor
        self._run(lambda: desk.reset_trainee(actor, trainee), self._was_reset, self.tr("Clearing the decisions"))

    def _was_reset(self, result: ResetResult) -> None:
        self.refresh()
        self.status.setText(self.tr("{0} starts again. Decisions cleared: {1}; cases back in the queue: {2}.")
                            .format(result.trainee, result.decisions_cleared, result.applications_back))

    # --- the set of cases -------------------------------------------------------------------------------------
    def load_case_set(self) -> None:
        desk, actor, trainee = self.desk, self.actor, self.set_for.currentData()
        self._run(lambda: desk.case_set(actor, trainee), self._show_case_set)

    def _show_case_set(self, chosen: CaseSet) -> None:
        for box, codes in ((self.kinds, chosen.kinds), (self.lessons, chosen.lessons)):
            for i in range(box.count()):
                item = box.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in codes
                                   else Qt.CheckState.Unchecked)
        self.status.setText(self.tr("All cases are given.") if chosen.everything else
                            self.tr("Only the ticked cases are given."))

    def save_case_set(self) -> None:
        desk, actor, trainee = self.desk, self.actor, self.set_for.currentData()
        chosen = CaseSet(_checked(self.kinds), _checked(self.lessons))
        self._run(lambda: desk.set_case_set(actor, chosen, trainee), self._case_set_saved,
                  self.tr("Saving the cases given"))

    def _case_set_saved(self, chosen: CaseSet) -> None:
        self._show_case_set(chosen)
        who = self.set_for.currentText()
        self.status.setText(self.tr("{0}: all cases are given.").format(who) if chosen.everything else
                            self.tr("{0}: only the ticked cases are given.").format(who))


def add_trainer_tab(window) -> TraineesTab | None:
    """The main window's hook at a trainer's login: the "Trainees" tab on the TrainingDesk beside its desk."""
    from reviewer_app.ui.role_desks import training_desk_for

    desk = training_desk_for(window.desk, getattr(window, "app_context", None))
    if desk is None or window.actor is None:
        return None
    tab = TraineesTab(desk, window.actor, window.runner, window, lang=window.lang)
    window.tabs.addTab(tab, QCoreApplication.translate("TraineesTab", "Trainees"))
    return tab


__all__ = ["TraineesTab", "add_trainer_tab"]
