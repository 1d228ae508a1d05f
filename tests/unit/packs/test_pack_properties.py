"""Arbitrary input never crashes the reader: it returns an application or raises PackError."""

from __future__ import annotations

import contextlib
import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pack_helpers import SAMPLE

from reviewer_app.domain.application import Application
from reviewer_app.packs import PackError, parse_application, read_pack
from reviewer_app.policy import run_all_checks

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _outcome(data):
    try:
        app = parse_application(data)
    except PackError as exc:
        assert exc.problems and all(p.file and p.problem for p in exc.problems)
        return None
    assert isinstance(app, Application)
    return app


@settings(deadline=None)
@given(json_values)
def test_arbitrary_json(value):
    _outcome(value)
    _outcome(json.dumps(value).encode())


@settings(deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data):
    _outcome(data)


def _paths(d, prefix=()):
    for k, v in d.items():
        yield (*prefix, k)
        if isinstance(v, dict):
            yield from _paths(v, (*prefix, k))


PATHS = list(_paths(SAMPLE))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), json_values | st.just("__delete__")), min_size=1, max_size=4))
def test_mutated_sample_gives_application_or_clear_errors(mutations):
    raw = copy.deepcopy(SAMPLE)
    for path, value in mutations:
        node = raw
        for p in path[:-1]:
            node = node.get(p) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            continue
        if value == "__delete__":
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
    app = _outcome(raw)
    if app is not None:  # a valid application can always be checked
        try:
            run_all_checks(app)
        except Exception as exc:  # only the calendar may refuse (a year it does not cover)
            assert type(exc).__name__ in ("CalendarNotCoveredError", "NoRuleVersionError"), repr(exc)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_arbitrary_zip_bytes(tmp_path, data):
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    with contextlib.suppress(PackError):
        read_pack(path)
