"""Which paths are application packs: the drop-folder intake and the portal's push client both walk them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def is_pack(path: Path) -> bool:
    return (path.is_dir() and (path / "application.json").is_file()) or (
        path.is_file() and path.suffix.lower() == ".zip")


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Each path is a pack (folder or .zip) or a folder of packs (its pack entries, sorted by name)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not is_pack(p):
            out.extend(sorted(c for c in p.iterdir() if is_pack(c) and not c.name.startswith(".")))
        else:
            out.append(p)  # a pack, or something that read_pack will refuse with a clear message
    return out
