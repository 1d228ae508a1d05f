"""The review screen's face crops of a 12 MP photo (decoded at reduced scale by the matcher) contain the faces."""

from __future__ import annotations

import io

import cv2
from PIL import Image

from reviewer_app.domain.views import ROLE_SELFIE
from reviewer_app.matching import FaceMatcher
from reviewer_app.matching.composites import grace_hopper, make_selfie_with_document
from reviewer_app.matching.pipeline import _detect
from reviewer_app.ui.images import decode_image
from reviewer_app.ui.loading import crops_for
from tests.ui.qimage_arrays import rgb_array


def test_crops_on_a_4000px_photo_contain_the_faces(qapp):
    hopper = grace_hopper()
    c = make_selfie_with_document(hopper.image, hopper.image, seed=3, style="standard",
                                  live_face_box=hopper.face_box, doc_face_box=hopper.face_box, canvas=(1000, 750))
    buf = io.BytesIO()
    Image.fromarray(cv2.resize(c.image, (4000, 3000), interpolation=cv2.INTER_CUBIC)).save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    prescore = FaceMatcher().prescore(data, consent=True)
    image = decode_image(data, "big.jpg")
    assert (image.width(), image.height()) == (4000, 3000)
    crops = crops_for({ROLE_SELFIE: image}, prescore)
    assert set(crops) == {"live", "document"}
    for role, truth in (("live", c.live_box), ("document", c.document_box)):
        crop = rgb_array(crops[role])
        # dlib's detector finds one face filling much of the enlarged crop ...
        found = _detect(crop, 1)
        assert found, f"no face in the {role} crop"
        (t, _, b, _), _, _ = max(found, key=lambda d: d[1])
        assert b - t > 0.35 * crop.shape[0]
        # ... and the crop was cut around the true face of the 4000 px photo.
        face = prescore.faces_with_role(role)[0]
        cy, cx = (face.top + face.bottom) / 2, (face.left + face.right) / 2
        tt, tr, tb, tl = (4 * v for v in truth)
        assert tt <= cy <= tb and tl <= cx <= tr
