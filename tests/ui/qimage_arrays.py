"""QImage to NumPy for tests that run detectors on what the screen shows."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgb_array(image: QImage) -> np.ndarray:
    """An RGB array that owns its pixels.

    Always a copy: `constBits()` does not keep the converted image alive, and when a row has no padding
    (148 px * 3 bytes) `np.ascontiguousarray` returns the view itself, which reads freed memory once the
    converted image is collected (the crop test failed now and then in full-suite runs because of it).
    """
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return arr[:, : img.width() * 3].reshape(img.height(), img.width(), 3).copy()
