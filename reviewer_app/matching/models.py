"""The dlib models shipped by face_recognition_models, loaded once per process (lazily)."""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from functools import cache

import numpy as np

log = logging.getLogger(__name__)

_lock = threading.RLock()  # re-entrant: loading the NumPy descriptor asks for dlib's encoder to check it


def _once(load):
    """`load`'s result, computed once per process even when several threads ask for it first at the same time."""
    cached = cache(load)

    @functools.wraps(load)
    def get():
        with _lock:
            return cached()

    return get


@_once
def _models():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # face_recognition_models imports the deprecated pkg_resources
        import dlib
        import face_recognition_models as frm

        return (
            dlib.shape_predictor(frm.pose_predictor_model_location()),
            dlib.face_recognition_model_v1(frm.face_recognition_model_location()),
        )


_per_thread = threading.local()


def detector():
    """dlib's HOG frontal face detector (80x80 window; five sub-detectors: front, left, right, tilted), one per
    thread: a dlib object detector loads each image into its own scanner before searching it, so two threads
    sharing one corrupt each other's detections (measured: 42 of 60 concurrent searches came back different)."""
    found = getattr(_per_thread, "detector", None)
    if found is None:
        _models()  # dlib imported and the shared models loaded once, under the lock
        import dlib

        found = _per_thread.detector = dlib.get_frontal_face_detector()
    return found


def landmarks68():
    return _models()[0]


def encoder():
    """dlib's ResNet face descriptor (128-d; same-person distance usually < 0.6)."""
    return _models()[1]


@_once
def descriptor_net():
    """dlib's descriptor network run with NumPy (`resnet.py`, ~4x faster), or None to use dlib's own.

    Checked against dlib's output on load: a model file this code does not know, or any difference, falls back to
    dlib (logged), so the descriptor is always dlib's.
    """
    import face_recognition_models as frm
    from threadpoolctl import threadpool_limits

    from reviewer_app.matching import resnet

    # The matrices are small (at most 256 x 2304): extra BLAS threads gain ~10% alone and cost far more when
    # several workers or the UI share the cores (OpenBLAS threads spin while waiting).
    threadpool_limits(1, user_api="blas")

    try:
        net = resnet.FaceDescriptorNet(frm.face_recognition_model_location())
        resnet.verify(net, encoder())
    except (OSError, resnet.ModelFormatError) as exc:
        log.warning("face descriptor: using dlib's own code (%s)", exc)
        return None
    return net


def describe(chip: np.ndarray) -> list[float]:
    """The 128-d descriptor of a 150x150 aligned face chip (`dlib.get_face_chip(img, shape, 150, 0.25)`)."""
    net = descriptor_net()
    desc = net.descriptor(chip) if net is not None else encoder().compute_face_descriptor(chip)
    return [float(x) for x in desc]
