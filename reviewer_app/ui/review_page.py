"""The review screen: images side by side, face crops, pre-score, checks, applicant vs document, history, lease,
and the decision bar. It only displays a `Loaded` application and forwards the reviewer's choices."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.checks import NOT_RUN
from reviewer_app.domain.clock import MOSCOW
from reviewer_app.domain.enums import CheckStatus
from reviewer_app.domain.prescore import PreScore
from reviewer_app.domain.views import ROLE_CERTIFICATE, ROLE_SCAN, ROLE_SELFIE
from reviewer_app.ui.decision import DecisionBar
from reviewer_app.ui.image_view import ImagePair, ImageView
from reviewer_app.ui.images import CROP_SIZE
from reviewer_app.ui.loading import Loaded
from reviewer_app.ui.models import ChecksModel, FieldsModel, HistoryModel, band_label, kind_label
from reviewer_app.ui.plain import PlainLabel
from reviewer_app.ui.words import check_label, facts_sentence, plural

BAND_STYLES = {"match": "background:#c8e6c9;", "uncertain": "background:#fff9c4;",
               "mismatch": "background:#ffcdd2;", "manual": "background:#e3f2fd;"}
LEASE_WARNING_SECONDS = 90


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    view.setMinimumHeight(42)  # the header and a row: the window must still fit a 1366x768 screen
    return view


class CropLabel(PlainLabel):
    """A face crop that shrinks with the window (aspect kept, centred): on a 1366x768 screen the checks need the
    room more than the crops need 220 px."""

    def __init__(self) -> None:
        super().__init__()
        self._image = None
        self.setMinimumSize(CROP_SIZE[0] // 2, CROP_SIZE[1] // 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QFrame.Shape.Box)

    def sizeHint(self) -> QSize:
        return QSize(*CROP_SIZE)

    def set_crop(self, image) -> None:
        self._image = image
        self.setText("")
        self._rescale()

    def clear_crop(self, text: str) -> None:
        self._image = None
        self.setPixmap(QPixmap())
        self.setText(text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image is not None:
            size = self.contentsRect().size().boundedTo(QSize(*CROP_SIZE))
            self.setPixmap(QPixmap.fromImage(self._image).scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                                 Qt.TransformationMode.SmoothTransformation))


class FaceCrops(QWidget):
    """The live face and the document face(s), cropped and enlarged to the same size, next to each other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, CropLabel] = {}
        captions = {"live": self.tr("Live face"), "document": self.tr("Photo in the held passport"),
                    "scan": self.tr("Passport scan")}
        for role, caption in captions.items():
            col = QVBoxLayout()
            image = CropLabel()
            image.setAccessibleName(caption)
            text = PlainLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(image, 1)
            col.addWidget(text)
            layout.addLayout(col, 1)
            self.labels[role] = image
        layout.addStretch(1)

    def blank(self) -> None:
        """No application open: empty frames (not "no face found", which would claim a search)."""
        for label in self.labels.values():
            label.clear_crop("")

    def show_crops(self, crops: dict, ready: bool, consent: bool = True) -> None:
        for role, label in self.labels.items():
            crop = crops.get(role)
            if crop is not None:
                label.set_crop(crop)
            else:
                if not consent:  # nothing was looked for: "not found" would be untrue
                    label.clear_crop(self.tr("not searched:\nno consent"))
                else:
                    label.clear_crop(self.tr("scoring…") if not ready else self.tr("no face found"))


class WrappingLabel(PlainLabel):
    """A word-wrapped label whose minimum height is the height its text needs at its current width.

    A plain wrapped QLabel reports one line as its minimum height and leaves the rest to height-for-width, which
    only layouts honour: a QSplitter sizes its panes from the minimum size hints and ignores it, so the pane
    holding the label (the review page's top right pane, sized to its minimum) cut every line after the first.
    Here the minimum follows the width the layout gave the label; a new width (window, splitter) or a new text
    asks the layouts (and the splitter) again."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.text() and self.width() > 0:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class PreScorePanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Face pre-score (a hint, never a decision)"), parent)
        self.band = PlainLabel()
        font = QFont(self.band.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.band.setFont(font)
        self.band.setAccessibleName(self.tr("Pre-score band"))
        # What failed, next to the band: a green band never hides a failed check. Beside it when the text fits
        # there on one line; otherwise on its own row under it, the whole width of the panel, wrapped and shown
        # whole (squeezed beside the band, the Russian text wrapped into a narrow column and was cut off).
        self.checks_line = WrappingLabel()
        self.checks_line.setAccessibleName(self.tr("Checks summary"))
        self.summary = WrappingLabel()  # wrapped lines under a splitter: the same clipping as the checks line
        self.flags = WrappingLabel()
        self.flags.setAccessibleName(self.tr("Quality flags"))
        layout = QVBoxLayout(self)
        self.top = QGridLayout()
        self.top.addWidget(self.band, 0, 0)
        self.top.setColumnStretch(1, 1)
        self.checks_beside = False
        self.top.addWidget(self.checks_line, 1, 0, 1, 2)
        self.checks_line.hide()  # until there is something to say (the supervisor's case view never says it)
        layout.addLayout(self.top)
        layout.addWidget(self.summary)
        layout.addWidget(self.flags)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place_checks_line()

    def place_checks_line(self) -> None:
        """Beside the band if the line fits there unwrapped, else on its own row under the band (full width)."""
        label = self.checks_line
        label.ensurePolished()  # the style sheet's bold and padding count
        text = label.text()
        need = (label.fontMetrics().horizontalAdvance(text) + label.contentsMargins().left()
                + label.contentsMargins().right() + 2 * label.margin() + 12)  # + the style sheet's padding
        margins = self.layout().contentsMargins()
        room = (self.contentsRect().width() - margins.left() - margins.right() - self.band.sizeHint().width()
                - max(self.top.horizontalSpacing(), 0))
        beside = bool(text) and need <= room
        if beside == self.checks_beside:
            return
        self.checks_beside = beside
        self.top.removeWidget(label)
        if beside:
            self.top.addWidget(label, 0, 1)
        else:
            self.top.addWidget(label, 1, 0, 1, 2)

    def show_checks_line(self, checks, fields, acknowledged: frozenset[str]) -> None:
        """'2 checks failed, 1 to check by hand' next to the band; green only when nothing needs a look."""
        failed = sum(1 for c in checks if c.status == CheckStatus.FAIL)
        manual = [c.id for c in checks if c.status == CheckStatus.MANUAL]
        in_person = sum(1 for c in checks if c.status == CheckStatus.IN_PERSON)
        not_run = sum(1 for c in checks if c.status == NOT_RUN)
        differs = sum(1 for f in fields if f.mismatch)
        parts = []
        if failed:
            parts.append(plural("PreScorePanel", "%n check(s) failed", failed))
        if manual:
            pending = [m for m in manual if m not in acknowledged]
            parts.append(plural("PreScorePanel", "%n to check by hand", len(manual))
                         + (" — " + self.tr("press K when checked") if pending else " ✓"))
        if not_run:  # never "all passed" while a check is still to come
            parts.append(plural("PreScorePanel", "%n check(s) not yet done", not_run))
        if in_person:
            parts.append(plural("PreScorePanel", "%n needs an in-person visit", in_person))
        if differs:
            parts.append(plural("PreScorePanel", "%n field(s) differ from the document", differs))
        if not checks and not fields:
            self.checks_line.setText("")
            self.checks_line.setStyleSheet("")
        elif parts:
            self.checks_line.setText(", ".join(parts))
            self.checks_line.setStyleSheet("color:#b71c1c; font-weight:bold; padding:4px;"
                                           + (" background:#ffebee;" if failed else " background:#fff8e1;"))
        elif any(c.status == CheckStatus.WARN for c in checks):  # nothing failed, but not all is well either
            self.checks_line.setText(self.tr("No check failed; read the warnings"))
            self.checks_line.setStyleSheet("color:#e65100; padding:4px;")
        else:
            self.checks_line.setText(self.tr("All checks passed"))
            self.checks_line.setStyleSheet("color:#2e7d32; padding:4px;")
        self.checks_line.setVisible(bool(self.checks_line.text()))  # an empty row would take room from the checks
        self.place_checks_line()

    def blank(self) -> None:
        """No application open: nothing is being compared, so no "Scoring…" on an empty page."""
        for label in (self.band, self.summary, self.flags):
            label.setText("")
        self.band.setStyleSheet("")
        for label in (self.summary, self.flags):
            label.hide()

    def show_prescore(self, prescore: PreScore | None, ready: bool, lang: str, consent: bool) -> None:
        self._show_prescore(prescore, ready, lang, consent)
        for label in (self.summary, self.flags):  # an empty line would take room from the checks
            label.setVisible(bool(label.text()))
        self.place_checks_line()  # the band's text changed its width

    def _show_prescore(self, prescore: PreScore | None, ready: bool, lang: str, consent: bool) -> None:
        if not ready:
            self.band.setText(self.tr("Scoring…"))
            self.band.setStyleSheet("")
            self.summary.setText("")
            self.flags.setText("")
            return
        if prescore is None:
            self.band.setText(self.tr("No pre-score: compare by eye"))
            self.band.setStyleSheet(BAND_STYLES["manual"])
            self.summary.setText("" if consent else self.tr("No consent to automated face matching."))
            self.flags.setText("")
            return
        score = "" if prescore.score is None else f" — {prescore.score:.0f}/100"
        self.band.setText(f"{band_label(prescore.band)}{score}")
        self.band.setStyleSheet(BAND_STYLES.get(prescore.band, "") + " padding:4px;")
        self.summary.setText(prescore.summary(lang))
        if prescore.flags:
            self.flags.setText("\n".join(f"⚠ {f.message(lang)}" for f in prescore.flags))
        else:
            self.flags.setText(self.tr("No quality problems found."))


class ReviewPage(QWidget):
    def __init__(self, lang: str = "ru", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.loaded: Loaded | None = None
        self.header = PlainLabel(self.header_idle_text())
        font = QFont(self.header.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.header.setFont(font)
        self.header.setAccessibleName(self.tr("Application"))
        self.lease = PlainLabel()
        self.lease.setAccessibleName(self.tr("Lease time left"))
        self.problems = PlainLabel()
        self.problems.setStyleSheet("color:#c62828;")
        self.problems.setWordWrap(True)
        self.images = ImagePair()
        self.crops = FaceCrops()
        self.prescore = PreScorePanel()
        self.checks_model = ChecksModel(self, lang)
        self.fields_model = FieldsModel(self, lang)
        self.history_model = HistoryModel(self)
        self.checks_view = _table(self.checks_model, self.tr("Checks"))
        self.fields_view = _table(self.fields_model, self.tr("Applicant data and document fields"))
        self.history_view = _table(self.history_model, self.tr("Earlier applications and grants"))
        # The check message takes the room; the facts column is narrow (full text in the tooltip).
        header = self.checks_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ChecksModel.COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ChecksModel.COL_FACTS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChecksModel.COL_FACTS, 140)
        self.checks_view.setWordWrap(False)
        # Field, typed value and document value share the width: sized to their contents, the document column
        # (the evidence) ran past the right edge behind a horizontal scroll bar on a 1366 px screen in Russian.
        # A value too long for its column is elided; the cell's tooltip has it whole.
        self.fields_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields_view.setWordWrap(False)
        self.decision_bar = DecisionBar()

        faces_box = QWidget()
        fl = QVBoxLayout(faces_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.crops)
        fl.addWidget(self.prescore)

        def boxed(title: str, widget: QWidget) -> QGroupBox:
            box = QGroupBox(title)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(4, 4, 4, 4)
            lay.addWidget(widget)
            return box

        # The facts of the selected check (the failed one first) in words under the table: a narrow column cut
        # them off and a tooltip is not something a reviewer reads.
        self.check_facts = WrappingLabel()
        self.check_facts.setAccessibleName(self.tr("Facts of the selected check"))
        self.check_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_facts.hide()
        self.checks_view.selectionModel().currentRowChanged.connect(lambda current, _old: self.show_check_facts(
            current.row()))
        checks_box = boxed(self.tr("Checks"), self.checks_view)
        checks_box.layout().addWidget(self.check_facts)
        # The typed data and the earlier applications share one place as tabs: four panes stacked on a 1366x768
        # screen (with the demo or training banner) left each table a single row, or the window taller than it.
        self.details = QTabWidget()
        self.details.setObjectName("review_details_tabs")
        self.details.addTab(self.fields_view, self.tr("Applicant typed / document says"))
        self.history_tab = self.details.addTab(self.history_view, self.tr("Earlier applications"))
        self.right = QSplitter(Qt.Orientation.Vertical)
        # A new name: a state saved for the old four panes must not be restored onto three.
        self.right.setObjectName("review_right_panes")
        self.right.addWidget(faces_box)
        self.right.addWidget(checks_box)
        self.right.addWidget(self.details)
        # The child's birth certificate, for child applications: a second tab beside the selfie and the scan.
        self.certificate = ImageView(self.tr("Birth certificate"))
        self.left = QTabWidget()
        self.left.setObjectName("review_image_tabs")
        self.left.addTab(self.images, self.tr("Selfie and passport"))
        self.cert_tab = self.left.addTab(self.certificate, self.tr("Birth certificate"))
        self.left.setTabVisible(self.cert_tab, False)
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.setObjectName("review_main_splitter")
        self.main.addWidget(self.left)
        self.main.addWidget(self.right)
        self.main.setStretchFactor(0, 3)
        self.main.setStretchFactor(1, 2)
        # The checks get the room first (failures and checks by hand are sorted to the top of it); the other tables
        # may shrink to a few rows, so that everything fits a 1366x768 screen without scrolling the window.
        for i, stretch in enumerate((0, 3, 2)):
            self.right.setStretchFactor(i, stretch)
        for view in (self.fields_view, self.history_view):
            view.setMinimumHeight(56)
        for splitter in (self.main, self.right):
            # no pane can be dragged to nothing (a collapsed pane was saved and came back collapsed at every start)
            splitter.setChildrenCollapsible(False)
        self.layout_restored = False  # MainWindow sets it when the reviewer's own splitter sizes were restored

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.lease)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problems)
        layout.addWidget(self.main, 1)
        layout.addWidget(self.decision_bar)
        self.problems.hide()
        self.decision_bar.set_enabled(False, True)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.layout_restored:
            self.layout_restored = True
            self.default_split()

    def default_split(self) -> None:
        """Faces at their smallest, then the checks and the fields (and history) sharing the rest 3:2."""
        total = sum(self.right.sizes()) or self.right.height()
        faces = self.right.widget(0).minimumSizeHint().height()
        rest = max(0, total - faces)
        self.right.setSizes([faces, rest * 3 // 5, rest - rest * 3 // 5])

    def header_idle_text(self) -> str:
        return self.tr("No application open. Press N for the next one.")

    # --- display ----------------------------------------------------------------------------------------------
    def show_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        v = loaded.view
        self.header.setText(f"{v.id} · {kind_label(v.kind)} · {v.applicant_name} · "
                            + self.tr("due {0}").format(v.sla_deadline.strftime("%d.%m.%Y")))
        # no face boxes here: show_prescore draws them (it redraws them when a later pre-score arrives)
        self.images.selfie.set_image(loaded.images.get(ROLE_SELFIE), (), self.tr("No selfie in this application"))
        self.images.scan.set_image(loaded.images.get(ROLE_SCAN), (), self.tr("No passport scan in this application"))
        cert = loaded.images.get(ROLE_CERTIFICATE)
        has_cert = cert is not None or v.kind == "child_access"
        self.certificate.set_image(cert, (), self.tr("No birth certificate image in this application"))
        self.left.setTabVisible(self.cert_tab, has_cert)
        self.left.setCurrentIndex(0)
        self.show_prescore(loaded)
        self.checks_model.set_checks(v.checks)
        self.fields_model.set_fields(v.fields)
        self.history_model.set_rows(list(v.history))
        self.show_history_count(len(v.history))
        self.details.setCurrentIndex(0)
        self.prescore.show_checks_line(v.checks, v.fields, frozenset())
        self.fit_checks(v.checks)
        self.reset_views()
        self.show_check_facts(0)
        self.problems.setText("\n".join(loaded.problems))
        self.problems.setVisible(bool(loaded.problems))
        self.decision_bar.show_routes(v, self.lang)
        self.decision_bar.set_enabled(True, False)

    def fit_checks(self, checks) -> None:
        """The checks table is at least tall enough for every failed, by-hand and in-person row (they are sorted
        first), so none of them is ever below the fold."""
        attention = sum(1 for c in checks if c.status in (CheckStatus.FAIL, CheckStatus.MANUAL,
                                                          CheckStatus.IN_PERSON, NOT_RUN))
        rows = max(3, attention + 1)
        height = (self.checks_view.horizontalHeader().sizeHint().height()
                  + rows * self.checks_view.verticalHeader().defaultSectionSize() + 2 * self.checks_view.frameWidth())
        self.checks_view.setMinimumHeight(height)

    def show_history_count(self, count: int) -> None:
        """The tab says how many earlier applications there are, so none goes unnoticed behind it."""
        title = self.tr("Earlier applications")
        self.details.setTabText(self.history_tab, f"{title} ({count})" if count else title)

    def show_check_facts(self, row: int) -> None:
        """The facts of check `row` (the first, a failed one when any failed, by default) under the table."""
        item = self.checks_model.row(row) if 0 <= row < self.checks_model.rowCount() else None
        facts = facts_sentence(item.details) if item is not None else ""
        if facts:
            if self.lang == "ru" and len(facts) > 1 and facts[0].isupper() and facts[1].islower():
                facts = facts[0].lower() + facts[1:]  # after a colon Russian goes on in lower case (not "СНИЛС")
            self.check_facts.setText(self.tr("{0}: {1}").format(check_label(item.id), facts))
        else:
            self.check_facts.setText("")
        self.check_facts.setVisible(bool(facts))

    def reset_views(self) -> None:
        """A new application starts at the top of every table with nothing selected (failures are sorted first,
        so they are in sight), and its images fitted, unrotated (set_image resets zoom and rotation)."""
        for view in (self.checks_view, self.fields_view, self.history_view):
            view.clearSelection()
            view.setCurrentIndex(QModelIndex())
            view.scrollToTop()
            view.horizontalScrollBar().setValue(0)

    def show_acknowledged(self, acknowledged: frozenset[str]) -> None:
        if self.loaded is not None:
            v = self.loaded.view
            self.prescore.show_checks_line(v.checks, v.fields, acknowledged)

    def show_prescore(self, loaded: Loaded) -> None:
        if self.loaded is None or loaded.id != self.loaded.id:
            return
        checks_changed = loaded.view.checks != self.loaded.view.checks  # the comparison's checks arrived
        self.loaded = loaded
        if checks_changed:
            v = loaded.view
            self.checks_model.set_checks(v.checks)
            self.prescore.show_checks_line(v.checks, v.fields, frozenset())
            self.fit_checks(v.checks)
            self.show_check_facts(0)
            self.decision_bar.show_routes(v, self.lang)
        faces = loaded.prescore.faces if loaded.prescore else ()
        self.images.selfie.set_faces([f for f in faces if f.image == "selfie"])
        self.images.scan.set_faces([f for f in faces if f.image == "scan"])
        self.crops.show_crops(loaded.crops, loaded.prescore_ready, loaded.view.biometric_consent)
        self.prescore.show_prescore(loaded.prescore, loaded.prescore_ready, self.lang,
                                    loaded.view.biometric_consent)

    def clear(self, message: str) -> None:
        self.loaded = None
        self.header.setText(message)
        self.lease.setText("")
        self.images.selfie.set_image(None, (), " ")
        self.images.scan.set_image(None, (), " ")
        self.certificate.set_image(None, (), " ")
        self.left.setTabVisible(self.cert_tab, False)
        self.crops.blank()
        self.prescore.blank()
        self.checks_model.set_checks([])
        self.fields_model.set_fields([])
        self.history_model.set_rows([])
        self.show_history_count(0)
        self.show_check_facts(-1)
        self.prescore.show_checks_line((), (), frozenset())
        self.problems.hide()
        self.decision_bar.show_routes(None, self.lang)
        self.decision_bar.set_enabled(False, True)

    def show_lease(self, expires: datetime | None, now: datetime) -> int | None:
        """Show the time left; returns the seconds left (None without a lease)."""
        if expires is None:
            self.lease.setText("")
            return None
        left = int((expires - now).total_seconds())
        until = expires.astimezone(MOSCOW).strftime("%H:%M")
        if left <= 0:
            self.lease.setText(self.tr("Lease expired — the application may be taken by someone else"))
            self.lease.setStyleSheet("color:white; background:#c62828; padding:3px; font-weight:bold;")
        else:
            text = self.tr("Lease: {0}:{1:02d} left (until {2})").format(left // 60, left % 60, until)
            warn = left <= LEASE_WARNING_SECONDS
            self.lease.setText(text)
            self.lease.setStyleSheet("color:white; background:#ef6c00; padding:3px; font-weight:bold;" if warn
                                     else "color:#2e7d32;")
        return left
