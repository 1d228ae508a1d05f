"""Zoomable, pannable, rotatable document images with the face boxes drawn, and a side-by-side pair."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QKeyEvent, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.prescore import FaceBox
from reviewer_app.ui.plain import PlainLabel, plain_tooltip

ROLE_COLOURS = {"live": QColor("#2e7d32"), "document": QColor("#1565c0"), "scan": QColor("#1565c0"),
                "other": QColor("#c62828")}
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 40.0


def face_label(role: str) -> str:
    return {"live": ImageView.tr("live face"), "document": ImageView.tr("passport photo"),
            "scan": ImageView.tr("passport scan"), "other": ImageView.tr("other face")}.get(role, role)


class ImageView(QGraphicsView):
    """One image. Wheel / +/- zoom, drag pans, R rotates; `zoomed(factor)` lets a twin follow."""

    zoomed = Signal(float)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#263238")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._item: QGraphicsPixmapItem | None = None
        self._tags: list[tuple[QGraphicsRectItem, QRectF]] = []  # face captions and their boxes
        self._rotation = 0
        self._auto_fit = True  # keep fitting on resize until the reviewer zooms

    # --- content ----------------------------------------------------------------------------------------------
    def set_image(self, image: QImage | None, faces: list[FaceBox] | tuple[FaceBox, ...] = (),
                  missing_text: str = "") -> None:
        scene = self.scene()
        scene.clear()
        self._item = None
        self._tags = []
        self._rotation = 0
        self.resetTransform()
        if image is None or image.isNull():
            text = scene.addSimpleText(missing_text or self.tr("No image"))
            text.setBrush(QBrush(QColor("white")))
            scene.setSceneRect(text.boundingRect())
            return
        self._item = scene.addPixmap(QPixmap.fromImage(image))
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.set_faces(faces)
        scene.setSceneRect(self._item.sceneBoundingRect())
        self.fit()

    def set_faces(self, faces: list[FaceBox] | tuple[FaceBox, ...]) -> None:
        if self._item is None:
            return
        for child in list(self._item.childItems()):
            self.scene().removeItem(child)
        self._tags = []
        for face in faces:
            colour = ROLE_COLOURS.get(face.role, ROLE_COLOURS["other"])
            pen = QPen(colour, 2)
            pen.setCosmetic(True)  # the same width on screen at any zoom
            rect = self.scene().addRect(QRectF(face.left, face.top, face.width, face.height), pen)
            rect.setParentItem(self._item)
            rect.setToolTip(plain_tooltip(face.reason or face_label(face.role)))
            # The caption keeps its screen size at any zoom, anchored at the box's top-left corner.
            label = QGraphicsSimpleTextItem(face_label(face.role))
            font = QFont()
            font.setPixelSize(12)
            font.setBold(True)
            label.setFont(font)
            label.setBrush(QBrush(QColor("white")))
            text = label.boundingRect()
            tag = QGraphicsRectItem(QRectF(0, -text.height() - 2, text.width() + 6, text.height() + 2), self._item)
            tag.setPen(QPen(Qt.PenStyle.NoPen))
            tag.setBrush(QBrush(colour))
            tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            tag.setZValue(2)
            label.setParentItem(tag)
            label.setPos(3, -text.height() - 1)
            self._tags.append((tag, QRectF(face.left, face.top, face.width, face.height)))
        self._place_tags()

    def _place_tags(self) -> None:
        """Each caption at the top-left corner of its box as seen on screen: after a rotation that is another
        corner of the box in the image, and a caption left at the old one would stick out of the picture."""
        if self._item is None:
            return
        for tag, box in self._tags:
            on_screen = self._item.mapRectToScene(box)
            tag.setPos(self._item.mapFromScene(on_screen.topLeft()))

    @property
    def has_image(self) -> bool:
        return self._item is not None

    @property
    def scale_factor(self) -> float:
        return self.transform().m11() if self._rotation % 180 == 0 else abs(self.transform().m12())

    # --- actions ----------------------------------------------------------------------------------------------
    def fit(self) -> None:
        self._auto_fit = True
        if self._item is not None:
            self.fitInView(self._item.sceneBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float, *, emit: bool = True) -> None:
        current = self.scale_factor or 1.0
        factor = max(MIN_ZOOM / current, min(MAX_ZOOM / current, factor))
        self._auto_fit = False
        self.scale(factor, factor)
        if emit:
            self.zoomed.emit(factor)

    def rotate_by(self, degrees: int) -> None:
        if self._item is None:
            return
        self._rotation = (self._rotation + degrees) % 360
        self._item.setTransformOriginPoint(self._item.boundingRect().center())
        self._item.setRotation(self._rotation)
        self._place_tags()
        self.scene().setSceneRect(self._item.sceneBoundingRect())
        self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP ** steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._item is not None and self._auto_fit:
            self.fit()


class ImagePair(QWidget):
    """The selfie and the passport scan side by side, with fit / rotate / zoom-together controls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selfie = ImageView(self.tr("Selfie with passport"), self)
        self.scan = ImageView(self.tr("Passport scan"), self)
        self.selfie_caption = PlainLabel(self.tr("Selfie with passport"))
        self.scan_caption = PlainLabel(self.tr("Passport scan"))
        self.together = QCheckBox(self.tr("Zoom both together"))
        self.together.setAccessibleName(self.tr("Zoom both images together"))
        self.together.setChecked(True)
        self.fit_button = QPushButton(self.tr("Fit (F)"))
        self.fit_button.setAccessibleName(self.tr("Fit both images"))
        self.fit_button.clicked.connect(self.fit)
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.rotate_selfie = QPushButton(self.tr("⟳ selfie"))
        self.rotate_selfie.setAccessibleName(self.tr("Rotate the selfie 90 degrees"))
        self.rotate_selfie.clicked.connect(lambda: self.selfie.rotate_by(90))
        self.rotate_scan = QPushButton(self.tr("⟳ scan"))
        self.rotate_scan.setAccessibleName(self.tr("Rotate the passport scan 90 degrees"))
        self.rotate_scan.clicked.connect(lambda: self.scan.rotate_by(90))
        for b in (self.fit_button, self.zoom_in_button, self.zoom_out_button, self.rotate_selfie,
                  self.rotate_scan):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.selfie.zoomed.connect(lambda f: self._follow(self.scan, f))
        self.scan.zoomed.connect(lambda f: self._follow(self.selfie, f))

        views = QHBoxLayout()
        for caption, view in ((self.selfie_caption, self.selfie), (self.scan_caption, self.scan)):
            col = QVBoxLayout()
            col.addWidget(caption)
            col.addWidget(view, 1)
            views.addLayout(col, 1)
        tools = QHBoxLayout()
        for w in (self.fit_button, self.zoom_in_button, self.zoom_out_button, self.rotate_selfie,
                  self.rotate_scan, self.together):
            tools.addWidget(w)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(views, 1)
        layout.addLayout(tools)

    def _follow(self, other: ImageView, factor: float) -> None:
        if self.together.isChecked():
            other.zoom(factor, emit=False)

    def fit(self) -> None:
        self.selfie.fit()
        self.scan.fit()

    def zoom(self, factor: float) -> None:
        target = self.scan if self.scan.hasFocus() else self.selfie
        target.zoom(factor)  # the twin follows through `zoomed` when zooming together
