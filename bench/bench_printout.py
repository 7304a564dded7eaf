"""Benchmark: reading printouts, in MB/s, for one sample file and for a file of 300 printouts.

The big file is the bundled sample printed 300 times, each time with its own
project code (so that copies of different printouts are not compared with each
other; the two copies inside each printout still are). Both files are read
from disk with :func:`dropout_model.printout.read_printout` (decoding included).
Each figure is the best of several runs, with the garbage collector on (as an
application runs) and off (the reader's own cost). Reading is linear when the
MB/s of the big file matches that of the single sample (ratio near 1).

Run: ``python bench/bench_printout.py [--printouts 300] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from dropout_model.printout import read_printout, sample_text

CODE = "50490000-3632"


def big_text(printouts: int) -> str:
    """The sample repeated, each repetition with its own code (8 digits, '-', 4 digits)."""
    sample = sample_text()
    return "".join(
        sample.replace(CODE, f"{50000000 + i:08d}-{i % 10000:04d}") for i in range(printouts)
    )


def best(path: Path, runs: int, *, gc_on: bool) -> float:
    """The best wall time of reading ``path``, in seconds."""
    times = []
    for _ in range(runs):
        gc.collect()
        if not gc_on:
            gc.disable()
        try:
            start = time.perf_counter()
            read_printout(path)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--printouts", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        many = Path(tmp) / "many.txt"
        one.write_bytes(sample_text().encode("utf-8"))
        many.write_bytes(big_text(args.printouts).encode("utf-8"))
        copies = len(read_printout(many).copies)
        sizes = {one: one.stat().st_size / 1e6, many: many.stat().st_size / 1e6}
        print(f"sample: {sizes[one] * 1000:.1f} kB, 2 copies")
        print(f"big:    {sizes[many]:.2f} MB, {args.printouts} printouts, {copies} copies")
        for gc_on in (True, False):
            rate = {}
            for path in (one, many):
                seconds = best(path, args.runs, gc_on=gc_on)
                rate[path] = sizes[path] / seconds
                label = "sample" if path is one else "big   "
                print(
                    f"  GC {'on ' if gc_on else 'off'} {label} {seconds * 1000:9.1f} ms "
                    f"{rate[path]:6.2f} MB/s"
                )
            state = "on " if gc_on else "off"
            print(f"  GC {state} ratio big/sample MB/s: {rate[many] / rate[one]:.2f}")


if __name__ == "__main__":
    main()
