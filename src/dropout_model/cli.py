"""The ``dropout-model`` command line: a thin shell over the API (floor 5).

Each sub-command is added in :func:`build_parser` by an ``_add_*_command``
function that sets ``handler`` (a function of the parsed arguments returning
the exit code); :func:`main` parses and dispatches. Only ``__main__`` imports
this module.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import dropout_model
from dropout_model.convert import unstructure
from dropout_model.errors import InvalidValueError, PrintoutError, ThaiDateError
from dropout_model.findings import Findings, Severity
from dropout_model.printout import Printout, read_printout, sample_path
from dropout_model.rules import validate
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
    from collections.abc import Iterator, Sequence
    from datetime import date
    from importlib.resources.abc import Traversable

    from dropout_model.project import Project

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


# --- check and convert ---------------------------------------------------------------------------

Lang = Literal["en", "th"]
_SEVERITY_HEAD = {
    "en": {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"},
    "th": {s: s.label_th for s in Severity},
}
_WORDS = {
    "en": {
        "copy": "copy {i} of {n}",
        "fy": "fiscal year",
        "period": "period",
        "reports": "reports",
        "latest": "latest progress",
        "file": "whole file",
        "none": "no findings",
        "total": "{copies} {copies_word} in {files} {files_word}: {summary}",
    },
    "th": {
        "copy": "ฉบับที่ {i} จาก {n}",
        "fy": "ปีงบประมาณ",
        "period": "ระยะเวลา",
        "reports": "รายงาน",
        "latest": "ความก้าวหน้าล่าสุด",
        "file": "ทั้งไฟล์",
        "none": "ไม่พบข้อสังเกต",
        "total": "{copies} ฉบับ ใน {files} ไฟล์: {summary}",
    },
}


class _UsageError(Exception):
    """Bad usage found after parsing (exit 2)."""


def _add_printout_options(parser: argparse.ArgumentParser, *, many: bool) -> None:
    if many:
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="printout files or folders (all *.txt below); default: the bundled sample",
        )
    else:
        parser.add_argument("path", metavar="PATH", help="a printout file")
    parser.add_argument(
        "--encoding",
        default=None,
        help="codec of the files (utf-8, cp874, tis-620); default: detected",
    )


def _codes(text: str) -> tuple[str, ...]:
    """``--select P002,R`` → ``("P002", "R")``; an empty list is a usage error."""
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    if not codes:
        msg = "expected codes or prefixes separated by commas, such as P002,R"
        raise argparse.ArgumentTypeError(msg)
    return codes


def _add_check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``check [PATH ...]``."""
    parser = commands.add_parser(
        "check",
        help="read printouts and report what is wrong with them",
        description=(
            "Read progress-report printouts, validate every printed copy, and print a summary "
            "of each copy with its findings grouped by severity. Exit status: 0 no error, "
            "1 errors found, 2 unreadable input or bad usage."
        ),
    )
    _add_printout_options(parser, many=True)
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    parser.add_argument("--lang", choices=("en", "th"), default="en", help="language of messages")
    parser.add_argument(
        "--select", type=_codes, default=None, metavar="CODES", help="only these codes or prefixes"
    )
    parser.add_argument(
        "--ignore", type=_codes, default=None, metavar="CODES", help="skip these codes or prefixes"
    )
    parser.add_argument(
        "--as-of",
        default=None,
        metavar="DATE",
        help="judge 'in the future' against this date (e.g. 31/12/2566); default: no such check",
    )
    parser.set_defaults(handler=_run_check)


def _add_convert_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``convert PATH``."""
    parser = commands.add_parser(
        "convert",
        help="print a printout as JSON for other tools",
        description=(
            "Read one printout and print it as JSON: every copy in the library's "
            "serialisation format, with the reader's findings."
        ),
    )
    _add_printout_options(parser, many=False)
    parser.add_argument("--indent", type=int, default=2, help="spaces of indentation (0: compact)")
    parser.set_defaults(handler=_run_convert)


def _expand(paths: Sequence[str]) -> Iterator[Path | Traversable]:
    """Files named, and the ``*.txt`` files below folders named, in sorted order."""
    if not paths:
        yield sample_path()
        return
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                msg = f"{name}: folder holds no *.txt printout"
                raise _UsageError(msg)
            yield from found
        else:
            yield path


def _read(path: Path | Traversable, encoding: str | None) -> Printout:
    try:
        return read_printout(path, encoding=encoding)
    except LookupError:
        msg = f"unknown encoding {encoding!r}; use utf-8, cp874 or tis-620"
        raise _UsageError(msg) from None


def _copy_of(path: str) -> int | None:
    """The copy index a reader finding's path points into (``copies[1].name`` → 1)."""
    if path.startswith("copies["):
        head = path[len("copies[") : path.find("]")]
        if head.isdigit():
            return int(head)
    return None


def _summary(project: Project) -> dict[str, Any]:
    fy = project.fiscal_year
    period = " – ".join(
        format_date(d) if d is not None else "?" for d in (project.start, project.end)
    )
    latest = project.latest_progress
    return {
        "code": project.code,
        "name": project.name,
        "fiscal_year": fy.be_year if fy is not None else None,
        "period": period,
        "start": project.start.isoformat() if project.start else None,
        "end": project.end.isoformat() if project.end else None,
        "reports": len(project.reports),
        "latest_progress": str(latest) if latest is not None else None,
    }


def _check_one(
    printout: Printout, args: argparse.Namespace, as_of: date | None
) -> tuple[list[tuple[dict[str, Any], Findings]], Findings]:
    """Per copy: its summary and findings (reader + rules); and the file-level findings."""
    reader = printout.findings.filter(select=args.select, ignore=args.ignore)
    per_copy: list[tuple[dict[str, Any], Findings]] = []
    for i, project in enumerate(printout.copies):
        own = Findings(f for f in reader if _copy_of(f.path) == i)
        rules = validate(project, select=args.select, ignore=args.ignore, as_of=as_of)
        per_copy.append((_summary(project), own + rules))
    whole = Findings(f for f in reader if _copy_of(f.path) is None)
    return per_copy, whole


def _print_findings(findings: Findings, lang: Lang, indent: str) -> None:
    if not findings:
        print(f"{indent}{_WORDS[lang]['none']}")
        return
    for severity, group in findings.by_severity().items():
        print(f"{indent}{_SEVERITY_HEAD[lang][severity]} ({len(group)})")
        for f in group:
            print(f"{indent}  {f.text(lang)}")


def _run_check(args: argparse.Namespace) -> int:
    """Read, validate and report; exit 0 (no error), 1 (errors) or 2 (unreadable, usage)."""
    lang: Lang = args.lang
    words = _WORDS[lang]
    try:
        as_of = parse_date(args.as_of) if args.as_of is not None else None
        files = list(_expand(args.paths))
    except (ThaiDateError, _UsageError) as e:
        print(f"{_PROG} check: error: {e}", file=sys.stderr)
        return 2
    show_progress = len(files) > 1 and sys.stderr.isatty()
    unreadable = errors = copies = 0
    everything = Findings()
    report: list[dict[str, Any]] = []
    for n, path in enumerate(files, start=1):
        if show_progress:
            print(f"\r{_PROG}: {n}/{len(files)} {path}", end="", file=sys.stderr, flush=True)
        try:
            printout = _read(path, args.encoding)
            per_copy, whole = _check_one(printout, args, as_of)
        except (OSError, PrintoutError, _UsageError, InvalidValueError) as e:
            if show_progress:
                print(file=sys.stderr)
            print(f"{_PROG} check: error: {_oneline(e, path)}", file=sys.stderr)
            unreadable += 1
            continue
        copies += len(per_copy)
        file_findings = whole + [f for _, fs in per_copy for f in fs]
        everything += file_findings
        errors += len(file_findings.errors)
        if args.fmt == "json":
            report.append(
                {
                    "source": str(path),
                    "encoding": printout.encoding,
                    "copies": [
                        {"summary": summary, "findings": fs.to_dicts()} for summary, fs in per_copy
                    ],
                    "findings": whole.to_dicts(),
                }
            )
            continue
        print(f"{path}" + (f" ({printout.encoding})" if printout.encoding else ""))
        for i, (summary, fs) in enumerate(per_copy, start=1):
            head = words["copy"].format(i=i, n=len(per_copy))
            print(f"  {head}: {summary['code']}  {summary['name']}")
            print(
                f"    {words['fy']} {summary['fiscal_year'] or '?'} · {words['period']} "
                f"{summary['period']} · {summary['reports']} {words['reports']} · "
                f"{words['latest']} {summary['latest_progress'] or '?'} %"
            )
            _print_findings(fs, lang, "    ")
        if whole:
            print(f"  {words['file']}:")
            _print_findings(whole, lang, "    ")
    if show_progress:
        print(file=sys.stderr)
    if unreadable and not copies:
        return 2
    if args.fmt == "json":
        json.dump(
            {"files": report, "summary": everything.summary(), "unreadable": unreadable},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        total = words["total"].format(
            copies=copies,
            copies_word="copy" if copies == 1 else "copies",
            files=len(files),
            files_word="file" if len(files) == 1 else "files",
            summary=everything.summary(),
        )
        print(total)
    if unreadable:
        return 2
    return 1 if errors else 0


def _oneline(e: BaseException, path: object) -> str:
    text = " ".join(str(e).split())
    if isinstance(e, OSError) and e.strerror:
        text = f"{path}: {e.strerror}"
    return text


def _run_convert(args: argparse.Namespace) -> int:
    """Print one printout as JSON; exit 2 when it cannot be read."""
    path = Path(args.path)
    try:
        printout = _read(path, args.encoding)
    except (OSError, PrintoutError, _UsageError) as e:
        print(f"{_PROG} convert: error: {_oneline(e, path)}", file=sys.stderr)
        return 2
    doc = {
        "source": printout.source,
        "encoding": printout.encoding,
        "copies": [unstructure(p) for p in printout.copies],
        "findings": printout.findings.to_dicts(),
    }
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=args.indent or None)
    print()
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
    _add_check_command(commands)
    _add_convert_command(commands)
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
    try:
        code: int = handler(args)
    except BrokenPipeError:  # `dropout-model check | head`: the reader left; that is fine
        sys.stderr.close()
        return 0
    return code
