"""The tests' QImage-to-array helper owns its pixels (regression: it read freed memory)."""

from __future__ import annotations

import gc

from PySide6.QtGui import QColor, QImage

from tests.ui.qimage_arrays import rgb_array


def test_the_array_keeps_its_pixels_after_the_converted_image_is_freed(qapp):
    # 148 px RGB888 rows are 444 bytes, a multiple of 4: no padding, the case where a view used to escape.
    src = QImage(148, 148, QImage.Format.Format_ARGB32)
    src.fill(QColor(200, 100, 50))
    arr = rgb_array(src)
    assert arr.flags.owndata
    gc.collect()
    junk = [QImage(148, 148, QImage.Format.Format_RGB888) for _ in range(50)]
    for image in junk:
        image.fill(QColor(0, 0, 0))
    assert arr.shape == (148, 148, 3)
    assert (arr == (200, 100, 50)).all()
