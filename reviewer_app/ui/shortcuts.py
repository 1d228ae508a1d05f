"""Keyboard shortcuts for every desk action, and the help overlay that lists them (F1 / ?).

Each action has a single-key shortcut (fast for trained reviewers) and a Ctrl+Shift one. Single keys can be
switched off (WCAG 2.1.4 "Character Key Shortcuts"). Ctrl+Shift rather than Ctrl so Ctrl+C / Ctrl+A keep
copying and selecting text in the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from reviewer_app.ui.plain import PlainLabel


def _t(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


@dataclass(frozen=True)
class ShortcutSpec:
    id: str
    single: tuple[str, ...]  # single-key sequences (switchable)
    modified: tuple[str, ...]  # always-on sequences
    label: str  # English source text, translated via the "Shortcuts" context


SHORTCUTS: tuple[ShortcutSpec, ...] = (
    ShortcutSpec("approve", ("A",), ("Ctrl+Shift+A",), "Approve"),
    ShortcutSpec("reject", ("R",), ("Ctrl+Shift+R",), "Reject with a reason"),
    ShortcutSpec("in_person", ("M",), ("Ctrl+Shift+M",), "In-person visit required (MFC)"),
    ShortcutSpec("return", ("C",), ("Ctrl+Shift+C",), "Return for correction"),
    ShortcutSpec("escalate", ("E",), ("Ctrl+Shift+E",), "Escalate to a supervisor"),
    ShortcutSpec("next", ("N",), ("Ctrl+Shift+N",), "Next application"),
    ShortcutSpec("undo", ("U",), ("Ctrl+Z",), "Undo the last decision (10 s)"),
    ShortcutSpec("acknowledge", ("K",), ("Ctrl+Shift+K",), "Acknowledge the checks by hand"),
    ShortcutSpec("release", ("P",), ("Ctrl+Shift+P",), "Put the application back in the queue"),
    ShortcutSpec("fit", ("F",), ("Ctrl+0",), "Fit the images"),
    ShortcutSpec("zoom_in", ("+", "="), ("Ctrl++", "Ctrl+="), "Zoom in"),
    ShortcutSpec("zoom_out", ("-",), ("Ctrl+-",), "Zoom out"),
    ShortcutSpec("rotate", ("T",), ("Ctrl+Shift+T",), "Rotate the selfie"),
    ShortcutSpec("queue", ("Q",), ("Ctrl+Shift+Q",), "Show the queue"),
    ShortcutSpec("help", ("?",), ("F1",), "This help"),
    ShortcutSpec("logout", (), ("Ctrl+Shift+L",), "Log out"),  # no single key: too easy to hit by mistake
)
#: Actions that have no single-key shortcut on purpose.
NO_SINGLE_KEY = frozenset({"logout"})
#: Actions a held-down key must not repeat (each would decide, move on or take back one more application).
#: The keys of someone who does not review (an administrator, an MFC operator): the review keys are not theirs.
NON_REVIEW_KEYS = frozenset({"help", "logout"})
NO_AUTO_REPEAT = frozenset({"approve", "reject", "in_person", "return", "escalate", "next", "undo", "acknowledge",
                            "release"})


def label(spec: ShortcutSpec) -> str:
    return _t(spec.label)


def make_actions(parent: QWidget) -> dict[str, QAction]:
    actions = {}
    for spec in SHORTCUTS:
        action = QAction(label(spec), parent)
        action.setObjectName(f"action_{spec.id}")
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setAutoRepeat(spec.id not in NO_AUTO_REPEAT)
        parent.addAction(action)
        actions[spec.id] = action
    return actions


def apply_single_keys(actions: dict[str, QAction], enabled: bool) -> None:
    for spec in SHORTCUTS:
        seqs = (spec.single if enabled else ()) + spec.modified
        if spec.id == "help":  # a menu shows the first key: "Эта справка  ?" read as a question; F1 does not
            seqs = spec.modified + (spec.single if enabled else ())
        actions[spec.id].setShortcuts([QKeySequence(s) for s in seqs])


class HelpOverlay(QWidget):
    """A translucent sheet over the window listing the shortcuts; any key or click closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(_t("Keyboard shortcuts"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grid = QGridLayout()
        self.title = PlainLabel()
        self.title.setStyleSheet("color: white; font-size: 20px; font-weight: bold;")
        self.hint = PlainLabel(_t("Press any key or click to close."))
        self.hint.setStyleSheet("color: #cfd8dc;")
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addLayout(self.grid)
        box.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def populate(self, single_keys: bool, only: frozenset[str] | None = None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.title.setText(_t("Keyboard shortcuts") + ("" if single_keys else " " + _t("(single keys off)")))
        # `only`: the keys this user has (an administrator reviews nothing: no N, K or Q for them)
        for row, spec in enumerate(s for s in SHORTCUTS if only is None or s.id in only):
            keys = (spec.single if single_keys else ()) + spec.modified
            text = "  /  ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            k = PlainLabel(text)
            k.setStyleSheet("color: #ffd54f; font-family: monospace; font-size: 15px; font-weight: bold;")
            v = PlainLabel(label(spec))
            v.setStyleSheet("color: white; font-size: 15px;")
            self.grid.addWidget(k, row, 0, Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(v, row, 1, Qt.AlignmentFlag.AlignLeft)

    def open(self, single_keys: bool, only: frozenset[str] | None = None) -> None:
        self.populate(single_keys, only)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.setFocus()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 24, 28, 235))

    def keyPressEvent(self, event) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event) -> None:
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False
