"""Can a window open here? Asked before Qt is started, because Qt aborts the process (exit 134, a core dump)
when it finds no display or its xcb platform plugin cannot load its system libraries.

Plain Python (no Qt): environment variables and a dlopen of each library the xcb plugin links to.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: The system libraries Qt's xcb platform plugin loads that a minimal Linux often lacks: soname -> Debian/Ubuntu
#: package (the README lists the same).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
SCREENSHOT_HINT = "use --screenshot DIR to render the screens to PNG files instead"


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages() -> list[str]:
    return [package for soname, package in XCB_LIBRARIES.items() if not _loadable(soname)]


def display_problem(env: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can open here, in one line (ending with the --screenshot hint); None when one can, or when
    Qt is told to draw somewhere else (QT_QPA_PLATFORM=offscreen, vnc, ...)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0]
    if qpa and qpa not in ("xcb", "wayland", "wayland-egl"):
        return None
    has_x, has_wayland = bool(env.get("DISPLAY")), bool(env.get("WAYLAND_DISPLAY"))
    if not has_x and not has_wayland:
        return f"no display to open the window on (DISPLAY is not set); {SCREENSHOT_HINT}"
    if qpa.startswith("wayland") or (has_wayland and not qpa):
        return None
    missing = missing_xcb_packages()
    if missing:
        return (f"the window needs system libraries this machine lacks: install {' '.join(missing)} "
                f"(apt-get install ...); or {SCREENSHOT_HINT}")
    return None
