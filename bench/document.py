"""Benchmark: read the passport's machine-readable zone from generated pages photographed in selfies.

    uv run python bench/document.py [--pages 300] [--seed 0]

Each page is a generated passport spread (`reviewer_app.documents.specimen`) with a random person's data,
photographed in a selfie with random scale, rotation up to 20 degrees, perspective, blur, glare and JPEG
quality 40-95. Reported: the share of pages whose zone was read with every check digit valid, the pages where
a field was reported as reliable but is wrong (must be 0: check digits guard line 2, the name margin guards the
names), and the time per page (one core: OpenCV and BLAS limited to one thread).
Seeds 0.. are the benchmark; the name margin and score floor were chosen on seeds 10000-10399 and 20000-20199
(`--seed 10000 --pages 400`, `--seed 20000 --pages 200`), never on the benchmark's.
"""

from __future__ import annotations

# ruff: noqa: E402 - the sys.path fix below must run before the project imports
import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np

# bench/ holds other scripts (e.g. queue.py) that would shadow the standard library: keep it off sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer_app.documents import read_array
from reviewer_app.documents import specimen as sp
from reviewer_app.domain.documents import READ
from reviewer_app.matching.composites import astronaut, grace_hopper

SURNAMES = ["Иванова", "Смирнов", "Кузнецова", "Попов", "Фёдорова", "Щербаков", "Чернышёва", "Юдин", "Эйдельман",
            "Яковлева", "Жуков", "Цветаева", "Шишкин", "Хабибуллина", "Григорьев-Осипов", "Ёлкин", "Лебедь"]
FIRST = ["Мария", "Пётр", "Анна", "Илья", "Юлия", "Сергей", "Ольга", "Эдуард", "Яна", "Жанна", "Фёдор", "Ксения"]
MIDDLE = ["Петровна", "Ильич", "Сергеевна", "Андреевич", "Юрьевна", "Эдуардович", "Яковлевна", ""]


def person(rng: np.random.Generator) -> sp.PassportData:
    birth = date(1950, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 55)))
    issued = birth + timedelta(days=int(rng.integers(365 * 20, 365 * 21)))
    sex = "F" if rng.random() < 0.5 else "M"
    return sp.PassportData(
        last_name=str(rng.choice(SURNAMES)), first_name=str(rng.choice(FIRST)),
        middle_name=str(rng.choice(MIDDLE)) or None, sex=sex, birth_date=birth, birth_place="гор. Москва",
        series=f"{int(rng.integers(1, 99)):02d}{issued.year % 100:02d}", number=f"{int(rng.integers(0, 10**6)):06d}",
        issued_on=issued, issued_by="ГУ МВД России по г. Москве",
        division_code=f"{int(rng.integers(100, 999))}-{int(rng.integers(0, 999)):03d}")


def _true_name_verdict(r, true_line1: str) -> str:
    diff = [i for i, (a, b) in enumerate(zip(r.lines[0], true_line1, strict=True)) if a != b]
    if not diff:
        return "agrees"
    unsure = set(r.uncertain)
    if any(i not in unsure for i in diff):
        return "contradicted"
    if all(i < len(r.runner_up) and r.runner_up[i] == true_line1[i] for i in diff):
        return "runner_up"
    return "unsure"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except ImportError:
        pass
    faces = [astronaut(), grace_hopper()]
    valid = wrong = names_ok = names_wrong = 0
    # The true name typed in, judged as the document_data rule does, cell by cell over line 1:
    # agrees = every first reading agrees; runner_up = the differing cells are all unsure and had the true letter
    # as runner-up (confirmed by the old rule, "not read" now); unsure = other differences only in unsure cells.
    typed = {"agrees": 0, "runner_up": 0, "unsure": 0, "contradicted": 0}
    # A name one letter off the truth (an unsure cell's runner-up typed instead of the letter read there): the
    # old rule confirmed it; the rule now says "not read".
    one_off = 0
    times, reasons = [], {}
    for k in range(args.pages):
        seed = args.seed + k
        rng = np.random.default_rng([seed, 99])
        data = person(rng)
        doc, live = faces[seed % 2], faces[(seed + 1) % 2]
        page = sp.passport_spread(data, doc.image, doc.face_box, seed=seed)
        photo = sp.photograph(page, live.image, seed=seed)
        truth = data.mrz_lines()
        t0 = time.perf_counter()
        r = read_array(photo.image, "selfie_with_passport")
        times.append((time.perf_counter() - t0) * 1000)
        if r.status != READ:
            reasons[r.reason] = reasons.get(r.reason, 0) + 1
            if args.verbose:
                print(seed, r.status, r.reason, photo.params, r.lines)
            continue
        valid += 1
        bad_line2 = r.lines[1] != truth[1]
        bad_names = r.names_reliable and r.lines[0] != truth[0]
        wrong += bad_line2 or bad_names
        names_ok += r.names_reliable and not bad_names
        names_wrong += bad_names
        typed[_true_name_verdict(r, truth[0])] += 1
        one_off += any(5 <= i < len(r.runner_up) and r.runner_up[i] not in ("<", r.lines[0][i])
                       and r.lines[0][i] == truth[0][i] for i in r.uncertain)
        if args.verbose and (bad_line2 or bad_names or not r.names_reliable):
            print(seed, "valid", "WRONG" if bad_line2 or bad_names else "names unsure", r.lines, truth)
    n = args.pages
    print(f"pages: {n} (seeds {args.seed}..{args.seed + n - 1})")
    print(f"zone read, every check digit valid: {valid}/{n} = {100 * valid / n:.1f}%")
    print(f"a field reported reliable but wrong: {wrong} pages")
    print(f"names read with a clear margin: {names_ok}/{n} = {100 * names_ok / n:.1f}% (wrong: {names_wrong})")
    print(f"the true name typed in (pages read): first readings agree {typed['agrees']}, differ only in unsure "
          f"cells whose runner-up was the true letter {typed['runner_up']} (now 'not read'), differ in other "
          f"unsure cells {typed['unsure']}, contradicted by a sure cell {typed['contradicted']}")
    print(f"a name one letter off the truth (an unsure cell's runner-up) that the old rule confirmed: {one_off} "
          "pages (now 'not read')")
    print(f"not read: {reasons}")
    print(f"time per page: median {statistics.median(times):.0f} ms, p95 "
          f"{sorted(times)[int(0.95 * len(times)) - 1]:.0f} ms (one core)")


if __name__ == "__main__":
    main()
