"""Image decoding and face crops. Safe on worker threads: only QImage (never QPixmap) is used here."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QImage, QImageReader

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.prescore import FaceBox

CROP_SIZE = (148, 180)  # width, height of every enlarged face crop (same size, to compare); fits 1366x768


class ImageDecodeError(ReviewerError):
    code = "image_unreadable"


def decode_image(data: bytes, name: str = "image", *, max_decoded_bytes: int | None = None) -> QImage:
    """Decode with EXIF orientation applied (face boxes are in that orientation too).

    The bytes pass the product's one image gate first (kind, bit depth, decoded size, from the header), so Qt
    never allocates for a decompression bomb. `max_decoded_bytes`: the installation's limit (None: the default)."""
    # Here, not at the top: the image gate pulls in numpy and Pillow, which the login window must not wait for.
    from reviewer_app.matching.images import ImageLoadError, open_image

    try:
        with open_image(data, name, max_decoded_bytes=max_decoded_bytes):
            pass
    except ImageLoadError as exc:
        raise ImageDecodeError(f"{name}: {exc.problem}") from None
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise ImageDecodeError(f"{name}: cannot decode the image ({reader.errorString()})")
    return image


def crop_face(image: QImage, face: FaceBox, *, margin: float = 0.25) -> QImage:
    """The face with a margin around it, scaled to CROP_SIZE (aspect kept, padded)."""
    w, h = face.width, face.height
    mx, my = int(w * margin), int(h * margin)
    rect = QRect(face.left - mx, face.top - my, w + 2 * mx, h + 2 * my).intersected(image.rect())
    if rect.isEmpty():
        return QImage()
    return image.copy(rect).scaled(CROP_SIZE[0], CROP_SIZE[1], Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
