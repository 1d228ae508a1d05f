"""Starting the workstation: the QApplication, translations, high-DPI, and offscreen screenshots."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).with_name("i18n")


def ensure_qapp(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Qt 6 scales for high DPI by itself; pass fractional factors through instead of rounding them.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or [sys.argv[0]])
        app.setOrganizationName("reviewer-app")
        app.setApplicationName("workstation")
    return app  # type: ignore[return-value]


_installed: list[QTranslator] = []


def install_translations(lang: str) -> bool:
    """Install the app's .qm (and Qt's own) for `lang`; English is the source language. True if found."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Russian if lang == "ru" else QLocale.Language.English))
    if lang == "en":
        return True
    ok = False
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"reviewer_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
        ok = True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


def offscreen() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
