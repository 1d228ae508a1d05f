"""Owner-only files and folders: the database file, its folder, the document store and the keys.

Whatever the umask, what this module creates is readable by its owner only (folders 0700, files 0600), so
another account on the machine cannot copy the database or the encrypted documents. Existing folders and files
are left as they are: an administrator who chose a shared folder on purpose keeps it.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` and any missing parents, each owner-only; return it."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:  # created concurrently by another process: fine
            continue
        os.chmod(folder, DIR_MODE)  # the umask may have removed bits we did not want anyway; be exact
    return path


def private_file(path: Path) -> bool:
    """Create an empty owner-only file at `path` if there is none (its folder owner-only too); True if created."""
    path = Path(path)
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return True
