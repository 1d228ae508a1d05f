"""Text from a pack is shown as written, never as markup.

A QLabel, a QMessageBox and a tooltip take text that looks like HTML (`Qt.mightBeRichText`) as rich text: an
applicant named `<img src="/dev/zero">` made the desk read /dev/zero until it ran out of memory, and a name
`<span style="font-size:40px;color:green">…</span>` showed as a large green "all checks passed". Every label of
the desk is a `PlainLabel`; tooltips and message boxes go through `plain_tooltip` and `show_message`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


class PlainLabel(QLabel):
    """A QLabel that never interprets its text as markup."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows `text` as written. Qt renders a tooltip as rich text when it looks like markup, and
    has no plain-text switch for tooltips: such text is escaped inside a paragraph that keeps its line breaks."""
    if not text:
        return ""
    if "<" not in text and "&" not in text:
        return text  # nothing Qt could take for markup
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def show_message(parent: QWidget | None, title: str, text: str, *,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
    """A modal message box whose text is plain (it often quotes an application's data or an error)."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()
