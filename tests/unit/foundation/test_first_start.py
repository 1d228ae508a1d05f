"""First start: without a display the window commands say so in one line (exit 2, never Qt's abort), the demo
cleans up its throwaway folder on every exit path, and the CLI reaches the UI only through reviewer_app.entry."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.cli import display, gui_cmd
from reviewer_app.cli.display import display_problem
from reviewer_app.domain.errors import ReviewerError

ROOT = Path(__file__).resolve().parents[3]


def test_no_display_is_named_with_the_screenshot_hint():
    problem = display_problem({}, "linux")
    assert problem is not None and "DISPLAY" in problem and "--screenshot" in problem and "\n" not in problem
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None


def test_missing_xcb_libraries_are_named_by_package(monkeypatch):
    monkeypatch.setattr(display, "_loadable", lambda soname: soname not in ("libxcb-icccm.so.4", "libxcb-cursor.so.0"))
    problem = display_problem({"DISPLAY": ":0"}, "linux")
    assert problem is not None and "libxcb-cursor0 libxcb-icccm4" in problem and "--screenshot" in problem
    monkeypatch.setattr(display, "_loadable", lambda soname: True)
    assert display_problem({"DISPLAY": ":0"}, "linux") is None


@pytest.mark.parametrize("command", ["gui", "demo"])
def test_window_commands_without_a_display_exit_2_with_one_line(command, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(REVIEWER_DATA_DIR=str(tmp_path / "data"), TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "reviewer_app", command], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "display" in lines[0] and "--screenshot" in lines[0]
    assert not list(tmp_path.glob("reviewer-demo-*"))  # the demo made no folder it could leave behind


class _Failing:
    def run(self, desk, **kwargs):
        raise ReviewerError("the window broke")


def _demo_args(tmp_path: Path, keep: bool) -> argparse.Namespace:
    return argparse.Namespace(workstation=_Failing(), screenshot=tmp_path / "shots", sample_data=tmp_path / "none",
                              keep=keep, no_worker=True)


class _App:
    class settings:  # stands in for Settings
        lang = "en"


def test_demo_removes_its_folder_when_the_workstation_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gui_cmd.tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ReviewerError, match="the window broke"):
        gui_cmd.demo_cmd(_demo_args(tmp_path, keep=False), _App())
    assert not list(tmp_path.glob("reviewer-demo-*"))


def test_demo_keep_prints_how_to_use_the_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gui_cmd.tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ReviewerError):
        gui_cmd.demo_cmd(_demo_args(tmp_path, keep=True), _App())
    (folder,) = tmp_path.glob("reviewer-demo-*")
    out = capsys.readouterr().out
    assert f"--data-dir {folder}" in out and f"sqlite:///{folder / 'demo.db'}" in out
    assert (folder / "demo.db").is_file() and (folder / "keys" / "store.key").is_file()


def test_no_importlib_reaches_across_the_layers():
    """The import-linter contracts see static imports only; a module imported by name would hide a crossing.
    Only the CLI's discovery of its own command modules imports by name."""
    found = []
    for path in (ROOT / "reviewer_app").rglob("*.py"):
        for m in re.finditer(r"import_module\(([^)]*)\)", path.read_text(encoding="utf-8")):
            found.append((path.relative_to(ROOT).as_posix(), m.group(1)))
    assert found == [("reviewer_app/cli/__init__.py", 'f"{__name__}.{info.name}"')]
