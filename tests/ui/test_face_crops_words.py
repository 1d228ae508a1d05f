"""The face crops say what happened: scoring, no face found, or not searched because there was no consent."""

from __future__ import annotations

from reviewer_app.ui.review_page import FaceCrops


def test_crops_without_consent_do_not_claim_a_search(qtbot):
    crops = FaceCrops()
    qtbot.addWidget(crops)
    crops.show_crops({}, True, consent=False)
    assert all("consent" in label.text() for label in crops.labels.values())
    crops.show_crops({}, True, consent=True)
    assert all(label.text() == "no face found" for label in crops.labels.values())
    crops.show_crops({}, False, consent=True)
    assert all(label.text() == "scoring…" for label in crops.labels.values())
    crops.blank()
    assert all(label.text() == "" for label in crops.labels.values())
