"""The NumPy run of dlib's descriptor network gives dlib's descriptor, and refuses a model it does not know."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from reviewer_app.matching import models, resnet


@pytest.fixture(scope="module")
def model_path() -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import face_recognition_models as frm

    return frm.face_recognition_model_location()


@pytest.fixture(scope="module")
def net(model_path):
    return resnet.FaceDescriptorNet(model_path)


def _chip(rgb: np.ndarray) -> np.ndarray:
    import dlib

    rect = models.detector()(rgb, 1)[0]
    return dlib.get_face_chip(rgb, models.landmarks68()(rgb, rect), 150, 0.25)


@pytest.mark.parametrize("who", ["hopper", "astro"])
def test_descriptor_equals_dlibs_on_a_real_face(net, who, request):
    chip = _chip(request.getfixturevalue(who).image)
    ours = net.descriptor(chip)
    theirs = np.asarray(models.encoder().compute_face_descriptor(chip))
    assert ours.shape == (128,)
    assert np.abs(ours - theirs).max() < 1e-4
    # and it is a face descriptor, not a constant: the two portraits are far apart
    assert np.linalg.norm(ours) > 0.5


def test_two_people_stay_apart_and_one_person_close(net, hopper, astro):
    h, a = net.descriptor(_chip(hopper.image)), net.descriptor(_chip(astro.image))
    h2 = net.descriptor(_chip(np.ascontiguousarray(hopper.image[:, ::-1])))  # mirrored: same person
    assert np.linalg.norm(h - h2) < 0.4 < np.linalg.norm(h - a)


def test_verify_catches_a_changed_weight(model_path):
    broken = resnet.FaceDescriptorNet(model_path)
    broken.convs[5].weights[0, 0] += 0.5
    with pytest.raises(resnet.ModelFormatError, match="differs from dlib"):
        resnet.verify(broken, models.encoder())
    assert resnet.verify(resnet.FaceDescriptorNet(model_path), models.encoder()) < 1e-4


def test_a_file_that_is_not_the_model_is_refused_by_name(tmp_path):
    other = tmp_path / "shape_predictor.dat"
    other.write_bytes(b"\x01\x05con_4" + bytes(100))
    with pytest.raises(resnet.ModelFormatError, match=r"shape_predictor\.dat"):
        resnet.FaceDescriptorNet(other)


def test_wrong_chip_size_is_an_error(net):
    with pytest.raises(ValueError, match="150x150"):
        net.descriptor(np.zeros((100, 100, 3), np.uint8))


def test_describe_falls_back_to_dlib_when_the_net_is_unavailable(monkeypatch, hopper):
    chip = _chip(hopper.image)
    fast = models.describe(chip)
    monkeypatch.setattr(models, "descriptor_net", lambda: None)
    slow = models.describe(chip)
    assert np.abs(np.asarray(fast) - np.asarray(slow)).max() < 1e-4
