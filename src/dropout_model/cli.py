"""The ``dropout-model`` command line: a thin shell over the API (floor 5).

Each sub-command is added in :func:`build_parser` by an ``_add_*_command``
function that sets ``handler`` (a function of the parsed arguments returning
the exit code); :func:`main` parses and dispatches. Only ``__main__`` imports
this module.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

import dropout_model
from dropout_model.errors import ThaiDateError
from dropout_model.thaidate import (
    AcademicYear,
    BuddhistDate,
    FiscalYear,
    Term,
    format_date,
    parse_date,
    rattanakosin_year,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

__all__ = ["build_parser", "main"]

_PROG = "dropout-model"
_WEEKDAYS = (
    ("Monday", "วันจันทร์"),
    ("Tuesday", "วันอังคาร"),
    ("Wednesday", "วันพุธ"),
    ("Thursday", "วันพฤหัสบดี"),
    ("Friday", "วันศุกร์"),
    ("Saturday", "วันเสาร์"),
    ("Sunday", "วันอาทิตย์"),
)


def _add_date_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``date TEXT...``."""
    parser = commands.add_parser(
        "date",
        help="read a Thai date and show it in every form",
        description=(
            "Read a date (31/01/2566, 31 ม.ค. 66, 31 มกราคม พ.ศ. 2566, 2023-01-31, ...) and "
            "print it in CE and BE, with its fiscal year, academic year and term."
        ),
    )
    parser.add_argument("text", nargs="+", help="the date; several words are joined by spaces")
    parser.add_argument(
        "--era",
        choices=("auto", "be", "ce"),
        default="auto",
        help="era of a year the text does not mark (default: auto, 2400 and up is BE)",
    )
    parser.add_argument(
        "--historical",
        action="store_true",
        help="pre-1941 reckoning: January-March of CE years up to 1940 are BE = CE + 542",
    )
    parser.add_argument(
        "--pivot",
        type=int,
        default=None,
        metavar="YEAR",
        help="first year of the two-digit-year window (default: 2500, so 66 is 2566)",
    )
    parser.set_defaults(handler=_run_date)


def _describe_date(d: date, *, historical: bool = False) -> list[tuple[str, str]]:
    """The (label, value) lines that ``date`` prints for *d*."""
    fy = FiscalYear.of(d)
    ay = AcademicYear.of(d)
    term = Term.of(d)
    weekday_en, weekday_th = _WEEKDAYS[d.weekday()]
    lines = [
        ("CE", f"{d.isoformat()} ({weekday_en}, {weekday_th})"),
        ("BE", str(BuddhistDate.from_date(d, historical=historical))),
        ("BE short", format_date(d, "short", historical=historical)),
        ("BE long", format_date(d, "long", historical=historical)),
        ("BE long, era", format_date(d, "long", era=True, historical=historical)),
        (
            "BE Thai digits",
            format_date(d, "long", era=True, thai_digits=True, historical=historical),
        ),
        ("fiscal year", f"{fy} ({fy.label_th}), Q{fy.quarter(d)}"),
        ("academic year", f"{ay} ({ay.label_th})"),
        ("term", f"{term} ({term.label_th})" if term is not None else "break"),
    ]
    if historical:
        lines.insert(1, ("reckoning", "historical: until 1940 the BE year began on 1 April"))
    with contextlib.suppress(ThaiDateError):  # outside 1889-04-01 .. 1913-03-31
        lines.append(("Rattanakosin era", f"ร.ศ. {rattanakosin_year(d)}"))
    return lines


def _run_date(args: argparse.Namespace) -> int:
    """Print one date in every form; exit 2 if the text cannot be read."""
    text = " ".join(args.text)
    try:
        d = parse_date(text, era=args.era, historical=args.historical, pivot=args.pivot)
        lines = _describe_date(d, historical=args.historical)
    except ThaiDateError as e:
        print(f"{_PROG} date: error: {e}", file=sys.stderr)
        return 2
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label:<{width}}  {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog=_PROG, description="Tools for Bangkok's school-dropout programme data."
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {dropout_model.__version__}"
    )
    commands = parser.add_subparsers(title="commands", dest="command", required=True)
    _add_date_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version and usage errors
        return e.code if isinstance(e.code, int) else 2
    handler = args.handler
    code: int = handler(args)
    return code
