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
            dlib.get_frontal_face_detector(),
            dlib.shape_predictor(frm.pose_predictor_model_location()),
            dlib.face_recognition_model_v1(frm.face_recognition_model_location()),
            dlib.shape_predictor(frm.pose_predictor_five_point_model_location()),
        )


#: dlib is not safe to call from two threads at once (an object detector loads each image into its own scanner:
#: two threads sharing one got each other's detections, 42 of 60 concurrent searches, or crashed), so every dlib
#: call of the pipeline holds this lock. Models are fetched before taking it (loading holds `_lock`). Threads
#: still overlap in everything else (decoding, OpenCV, the NumPy descriptor); a process that wants dlib in
#: parallel runs several processes, as the benchmarks do.
dlib_lock = threading.Lock()


def detector():
    """dlib's HOG frontal face detector (80x80 window; five sub-detectors: front, left, right, tilted). Call it
    holding `dlib_lock`."""
    return _models()[0]


def landmarks68():
    return _models()[1]


def landmarks5():
    """dlib's 5-point landmarks (eye corners, nose): a second alignment for test-time averaging."""
    return _models()[3]


def encoder():
    """dlib's ResNet face descriptor (128-d; same-person distance usually < 0.6)."""
    return _models()[2]


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
        dlib_net = encoder()
        with dlib_lock:  # taken inside the models' lock; never the other way round (callers load models first)
            resnet.verify(net, dlib_net)
    except (OSError, resnet.ModelFormatError) as exc:
        log.warning("face descriptor: using dlib's own code (%s)", exc)
        return None
    return net


def describe(chip: np.ndarray) -> list[float]:
    """The 128-d descriptor of a 150x150 aligned face chip (`dlib.get_face_chip(img, shape, 150, 0.25)`)."""
    net = descriptor_net()
    if net is not None:
        desc = net.descriptor(chip)
    else:
        dlib_net = encoder()
        with dlib_lock:
            desc = dlib_net.compute_face_descriptor(chip)
    return [float(x) for x in desc]
