"""The dlib models shipped by face_recognition_models, loaded once per process (lazily)."""

from __future__ import annotations

import threading
import warnings
from functools import cache

_lock = threading.Lock()


@cache
def _models():
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # face_recognition_models imports the deprecated pkg_resources
        import dlib
        import face_recognition_models as frm

        return (
            dlib.get_frontal_face_detector(),
            dlib.shape_predictor(frm.pose_predictor_model_location()),
            dlib.face_recognition_model_v1(frm.face_recognition_model_location()),
        )


def detector():
    """dlib's HOG frontal face detector (80x80 window; five sub-detectors: front, left, right, tilted)."""
    return _models()[0]


def landmarks68():
    return _models()[1]


def encoder():
    """dlib's ResNet face descriptor (128-d; same-person distance usually < 0.6)."""
    return _models()[2]
