from __future__ import annotations

import copy
from typing import Any

import pytest

from reviewer_app.domain.application import Application
from tests.example_pack import EXAMPLE

# The intake-format example as an own_access application (build() adds the child back for child_access).
BASE: dict[str, Any] = {**copy.deepcopy(EXAMPLE), "kind": "own_access",
                        "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg"}}


def build(kind: str = "own_access", **paths: Any) -> Application:
    """The sample application with some fields replaced: build(**{"applicant.birth_date": "2000-01-01"}).

    A value of None deletes the field.
    """
    raw = copy.deepcopy(BASE)
    raw["kind"] = kind
    if kind != "child_access" and "child" not in paths:
        raw.pop("child")
    for dotted, value in paths.items():
        *parents, last = dotted.split(".")
        node = raw
        for p in parents:
            node = node.setdefault(p, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return Application.from_dict(raw)


@pytest.fixture
def make_app():
    return build
