"""Thai date formatting and parsing speed: dropout_model.thaidate vs PyThaiNLP and datetime.

Run: ``.venv/bin/python bench/bench_dates.py [--repeat N]``

Each figure is the best of N timeit runs, in µs per call; the runs of all the
calls are interleaved, and timeit switches the garbage collector off inside
every timed run. Ratios are "times slower than
ours" (above 1: ours is faster). PyThaiNLP's ``thai_strptime`` cannot read
``%m`` (it raises IndexError on ``31/01/2566``), so it is timed on the form it
can read, ``31 มกราคม 2566`` with ``%d %B %Y``; ``parse_date`` is timed on both.
``date.strftime`` and ``datetime.strptime`` work in CE with English month
names: they show what the standard library costs for the same layout.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import timeit
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from dropout_model.thaidate import format_date, parse_date

if TYPE_CHECKING:
    from collections.abc import Callable

try:
    from pythainlp.util import thai_strftime, thai_strptime

    PYTHAINLP = version("pythainlp")
except (ImportError, PackageNotFoundError):  # the "bench" extra is not installed
    PYTHAINLP = ""

D = date(2023, 1, 31)
DT = datetime(2023, 1, 31)  # noqa: DTZ001 (PyThaiNLP wants a datetime; no zone needed)
STRPTIME = "datetime.strptime"
EN_LONG = "31 January 2023"

# Goals (docs/thaidates.md, "Speed").
FORMAT_GOAL = 5.0  # formatting at least 5x PyThaiNLP's speed
PARSE_GOAL = 1.0  # parsing 31/01/2566 faster than datetime.strptime

Calls = list[tuple[str, "Callable[[], object]"]]


def strptime(text: str, fmt: str) -> datetime:
    """The standard library's parser, naive on purpose: the baseline."""
    return datetime.strptime(text, fmt)  # noqa: DTZ007 (no zone: a date is wanted)


def thai_format(fmt: str) -> Callable[[], object]:
    """PyThaiNLP's formatter with *fmt* bound."""
    return lambda: thai_strftime(DT, fmt)


def cases() -> dict[str, Calls]:
    """Per case, the calls to time: ours first, then the others (CE for the stdlib)."""
    groups: dict[str, Calls] = {
        "format numeric": [
            ('format_date(d) -> "31/01/2566"', lambda: format_date(D)),
            ('date.strftime("%d/%m/%Y")', lambda: D.strftime("%d/%m/%Y")),
        ],
        "format short": [
            ('format_date(d, "short") -> "31 ม.ค. 66"', lambda: format_date(D, "short")),
            ('date.strftime("%-d %b %y")', lambda: D.strftime("%-d %b %y")),
        ],
        "format long": [
            ('format_date(d, "long") -> "31 มกราคม 2566"', lambda: format_date(D, "long")),
            ('date.strftime("%-d %B %Y")', lambda: D.strftime("%-d %B %Y")),
        ],
        "parse numeric": [
            ('parse_date("31/01/2566")', lambda: parse_date("31/01/2566")),
            (f'{STRPTIME}("31/01/2023", "%d/%m/%Y")', lambda: strptime("31/01/2023", "%d/%m/%Y")),
        ],
        "parse long": [
            ('parse_date("31 มกราคม 2566")', lambda: parse_date("31 มกราคม 2566")),
            (f'{STRPTIME}("31 January 2023", "%d %B %Y")', lambda: strptime(EN_LONG, "%d %B %Y")),
        ],
        "parse general": [
            ('parse_date("วันที่ 31 ม.ค. พ.ศ. 2566")', lambda: parse_date("วันที่ 31 ม.ค. พ.ศ. 2566")),
        ],
    }  # fmt: skip
    if PYTHAINLP:
        for style, fmt in (("numeric", "%d/%m/%Y"), ("short", "%-d %b %y"), ("long", "%-d %B %Y")):
            groups[f"format {style}"].append((f'thai_strftime(dt, "{fmt}")', thai_format(fmt)))
        groups["parse long"].append(
            (
                'thai_strptime("31 มกราคม 2566", "%d %B %Y")',
                lambda: thai_strptime("31 มกราคม 2566", "%d %B %Y"),
            )
        )
    return groups


def best_us(calls: list[Callable[[], object]], repeat: int) -> list[float]:
    """Best of *repeat* runs of each call, in µs per call.

    The runs are interleaved (one run of every call per round), so that a
    machine busy with something else slows every call alike; timeit switches
    the garbage collector off while timing.
    """
    timers = [timeit.Timer(call) for call in calls]
    numbers = [timer.autorange()[0] for timer in timers]
    best = [float("inf")] * len(calls)
    for _ in range(repeat):
        for i, (timer, number) in enumerate(zip(timers, numbers, strict=True)):
            best[i] = min(best[i], timer.timeit(number) / number * 1e6)
    return best


def main() -> int:
    """Time every case, print a Markdown table and whether the goals are met."""
    parser = argparse.ArgumentParser(description="Thai date formatting and parsing speed.")
    parser.add_argument("--repeat", type=int, default=7, help="timeit runs per call (best kept)")
    repeat: int = parser.parse_args().repeat

    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"PyThaiNLP {PYTHAINLP or 'not installed'}; best of {repeat}, GC off in the timed call"
    )
    print()
    print("| case | call | µs per call | × ours |")
    print("|---|---|---:|---:|")
    groups = cases()
    flat = [(group, label, call) for group, calls in groups.items() for label, call in calls]
    times = best_us([call for _, _, call in flat], repeat)
    ours: dict[str, float] = {}
    ratios: dict[str, float] = {}
    for (group, label, _), us in zip(flat, times, strict=True):
        ours.setdefault(group, us)  # ours comes first in every group
        ratios[f"{group}: {label.split('(')[0]}"] = us / ours[group]
        print(f"| {group} | `{label}` | {us:.2f} | {us / ours[group]:.1f} |")

    print()
    ratio = ratios[f"parse numeric: {STRPTIME}"]
    ok = ratio > PARSE_GOAL
    print(f"goal: parse_date('31/01/2566') faster than {STRPTIME}: {ratio:.1f}x")
    for style in ("numeric", "short", "long") if PYTHAINLP else ():
        ratio = ratios[f"format {style}: thai_strftime"]
        ok = ok and ratio >= FORMAT_GOAL
        print(f"goal: format_date {style} at least {FORMAT_GOAL:.0f}x PyThaiNLP: {ratio:.1f}x")
    print("all goals met" if ok else "GOALS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
