# ruff: noqa: E402  (the sys.path fix below must run before the imports)
"""Intake benchmark: packs a second for the sample packs, on a fresh embedded (or PostgreSQL) database.

    uv run python bench/intake.py                       # SQLite in a temporary folder
    uv run python bench/intake.py --pg-url postgresql://postgres@127.0.0.1:5432/test
    uv run python bench/intake.py --repeat 5            # import the sample set 5 times under new ids

Each pack is read, validated, its images encrypted into the store, every rule run, and it is queued with its
audit entry, one transaction a pack, exactly as `reviewer-app intake` does (the timing excludes start-up).
With --repeat the packs are copied under fresh application ids so that each round imports instead of skipping.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]  # bench/queue.py shadows `queue`
sys.path.insert(0, str(_HERE.parent))

import argparse
import json
import shutil
import tempfile
import time

from sqlalchemy.engine import make_url

from bench.scratch_db import scratch_database
from reviewer_app.config import load_settings
from reviewer_app.db import migrate
from reviewer_app.db.engine import make_engine
from reviewer_app.packs.paths import expand_paths
from reviewer_app.services.context import AppContext
from reviewer_app.services.intake import import_paths
from reviewer_app.store.crypto import create_keys

SAMPLE = _HERE.parent / "sample_data"


def copies(tmp: Path, rounds: int) -> list[Path]:
    """The sample packs, `rounds` times, each copy under a new application id."""
    packs = [p for p in expand_paths([SAMPLE]) if p.is_dir()]  # zipped packs are left out: ids live inside
    out = []
    for r in range(rounds):
        for pack in packs:
            dest = tmp / f"r{r}" / pack.name
            shutil.copytree(pack, dest)
            meta = dest / "application.json"
            data = json.loads(meta.read_text(encoding="utf-8"))
            data["id"] = f"{data['id']}-R{r}"
            meta.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            out.append(dest)
    return out


def run(url: str, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        create_keys(tmp / "data" / "keys" / "store.key")
        migrate.upgrade(make_engine(url))
        ctx = AppContext(load_settings(env={}, overrides={"db_url": url, "data_dir": tmp / "data"}))
        registry = SAMPLE / "registry.json"
        if registry.exists():
            from reviewer_app.db.registry_table import load_records
            from reviewer_app.registry.json_file import JsonFileRegistry

            with ctx.uow() as s:
                load_records(s, JsonFileRegistry(registry).records)
        packs = copies(tmp / "packs", rounds)
        t0 = time.perf_counter()
        summary = import_paths(ctx, packs)
        elapsed = time.perf_counter() - t0
        ctx.close()
    counts = {"imported": summary.imported, "skipped": summary.skipped, "refused": summary.refused}
    print(f"{make_url(url).get_backend_name()}: {len(packs)} packs in {elapsed:.2f} s = "
          f"{len(packs) / elapsed:.1f} packs/s ({counts})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-url", help="PostgreSQL server URL (a scratch database is created there and dropped)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds over the sample set (default 3)")
    args = ap.parse_args()
    with scratch_database(args.pg_url) as url:
        run(url, args.repeat)


if __name__ == "__main__":
    main()
