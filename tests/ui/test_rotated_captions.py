"""After rotating an image, each face caption sits at its box's top-left corner as seen on screen, inside the
picture (it was left at the old corner and stuck out, clipped)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from reviewer_app.domain.prescore import FaceBox
from reviewer_app.ui.image_view import ImageView


def test_caption_follows_its_box_when_rotated(qtbot):
    view = ImageView("selfie")
    qtbot.addWidget(view)
    view.resize(600, 400)
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("grey"))
    box = FaceBox("selfie", "live", top=40, right=300, bottom=240, left=100)
    view.set_image(image, [box])
    for turns in range(4):
        (tag, rect), = view._tags
        on_screen = view._item.mapRectToScene(rect)
        assert tag.scenePos() == on_screen.topLeft(), turns
        assert view.scene().sceneRect().contains(tag.scenePos()), turns
        view.rotate_by(90)
