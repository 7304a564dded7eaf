"""Benchmark: how long ``import dropout_model`` takes, against ``import attrs, cattrs``.

Each import runs in a fresh interpreter (no warm module cache inside the
process; the OS file cache is warm after the first run) and is timed from
inside, so interpreter start-up is left out. The best of ``--repeat`` runs is
reported, with the modules the import pulled in that a light import must not
(hypothesis, msgspec, pydantic).

Run: ``.venv/bin/python bench/bench_import.py [--repeat 15]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

STATEMENTS = (
    "import attrs, cattrs",
    "import attrs, cattrs.preconf.json",
    "import dropout_model",
    "import dropout_model.convert",
    "import dropout_model.redaction",
    "import dropout_model.convert, dropout_model.redaction, dropout_model.printout",
)
HEAVY = ("hypothesis", "msgspec", "pydantic", "pytest")

_PROBE = """
import json, sys, time
t0 = time.perf_counter()
{statement}
t1 = time.perf_counter()
heavy = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps({{"ms": (t1 - t0) * 1e3, "modules": len(sys.modules), "heavy": heavy}}))
"""


def measure(statement: str, repeat: int) -> dict[str, object]:
    """Best time (ms) of ``statement`` in fresh interpreters, and what it imported.

    Bytecode caching is switched on (PYTHONDONTWRITEBYTECODE removed) and one
    untimed run goes first, so that every module is imported from its .pyc as
    an installed package would be: compiling the sources is not import time.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = _PROBE.format(statement=statement, heavy=HEAVY)
    command = [sys.executable, "-c", code]
    subprocess.run(command, capture_output=True, check=True, env=env)  # noqa: S603 - warm-up
    runs: list[dict[str, Any]] = [
        json.loads(
            subprocess.run(  # noqa: S603 - our own interpreter and code
                command, capture_output=True, text=True, check=True, env=env
            ).stdout
        )
        for _ in range(repeat)
    ]
    return min(runs, key=_ms)


def _ms(run: dict[str, Any]) -> float:
    return float(run["ms"])


def main(argv: Sequence[str] | None = None) -> int:
    """Print a Markdown table of import times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15, help="fresh runs each (default 15)")
    args = parser.parse_args(argv)
    rows = [(s, measure(s, args.repeat)) for s in STATEMENTS]
    base = rows[0][1]["ms"]
    assert isinstance(base, float)
    print(f"Python {sys.version.split()[0]}; best of {args.repeat} fresh interpreters.\n")
    print("| import | ms | × `import attrs, cattrs` | modules loaded | heavy modules |")
    print("|---|---:|---:|---:|---|")
    for statement, r in rows:
        ms = r["ms"]
        assert isinstance(ms, float)
        heavy = ", ".join(r["heavy"]) if r["heavy"] else "none"  # type: ignore[arg-type]
        print(f"| `{statement}` | {ms:.1f} | {ms / base:.2f} | {r['modules']} | {heavy} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
