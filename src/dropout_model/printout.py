"""Reading the city's progress-report printouts (floor 4).

The BMA project system prints each project as a form,
"แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ": sections 1.1–1.6 (code,
name, fiscal year, dates, budgets, agency, rationale, objectives, target, plan
alignment) and then numbered progress reports. :func:`parse_printout` turns such
a text into one :class:`~dropout_model.project.Project` per printed copy, and
reports what it had to work around as findings (codes ``X001``–``X004``):

>>> p = parse_printout(sample_text(), source="sample")
>>> [c.code for c in p.copies]
['50490000-3632', '50490000-3632']
>>> p.copies[0].fiscal_year, len(p.copies[0].reports)
(FiscalYear(be_year=2566), 9)
>>> sorted(p.findings.codes)
['X001', 'X002', 'X003', 'X004']

Text that is no printout at all raises :class:`~dropout_model.errors.PrintoutError`:

>>> parse_printout("hello", source="notes.txt")
Traceback (most recent call last):
  ...
dropout_model.errors.PrintoutError: notes.txt: not a progress-report printout: ...

This module imports floors 1–3 only.
"""

from __future__ import annotations

import codecs
import os
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from dropout_model.errors import (
    DropoutModelError,
    InvalidTypeError,
    InvalidValueError,
    PrintoutError,
)
from dropout_model.findings import Finding, Findings, Severity
from dropout_model.project import (
    Agency,
    PlanAlignment,
    PlanRef,
    PlanStatus,
    ProgressReport,
    Project,
    Target,
    TargetStatus,
)
from dropout_model.thaidate import FiscalYear, parse_date
from dropout_model.thaitext import normalize, to_arabic_digits

if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Callable, Iterator
    from importlib.resources.abc import Traversable

    from dropout_model.findings import Value

__all__ = [
    "FORM_TITLE",
    "SAMPLE_NAME",
    "Printout",
    "parse_printout",
    "read_printout",
    "sample_path",
    "sample_text",
]

#: The title printed in every page header of the form.
FORM_TITLE: Final = "แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ"
#: The file name of the bundled sample printout (package data).
SAMPLE_NAME: Final = "bma-progress-report-50490000-3632.txt"

_COPY_HEADING: Final = "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ"
_MAX_SHOWN: Final = 80


# --- the result --------------------------------------------------------------------------------


def _copies_repr(copies: tuple[Project, ...]) -> str:
    return "(" + ", ".join(f"Project(code={c.code!r}, ...)" for c in copies) + ")"


@attrs.frozen
class Printout:
    """What a printout holds: one :class:`Project` per printed copy, and the reading findings.

    ``copies`` keeps the order of the file. ``findings`` holds the extraction
    findings (``X001``–``X004``) with ``path`` from the printout
    (``copies[0].reports[3].progress``) and ``line`` the 1-based line of the
    text. ``source`` names where the text came from; ``encoding`` is the codec
    the bytes were decoded with (``None`` when text was given).
    """

    copies: tuple[Project, ...] = attrs.field(repr=_copies_repr)
    findings: Findings
    source: str | None = None
    encoding: str | None = None

    @property
    def project(self) -> Project:
        """The first copy (a printout always has at least one)."""
        return self.copies[0]


# --- public functions --------------------------------------------------------------------------


def parse_printout(
    text: str | bytes,
    *,
    source: str | None = None,
    encoding: str | None = None,
) -> Printout:
    """Read a progress-report printout into its copies and the findings of reading.

    ``text`` is the printout as text, or as bytes: then it is decoded with
    ``encoding`` when given, else detected (UTF-8 with or without BOM first,
    strictly; else Windows-874, the superset of TIS-620). ``source`` names the
    text in findings and errors (a file name).

    Data problems are findings, never exceptions: ``X001`` a field missing or
    unreadable (error), ``X002`` two copies of one project disagree (warning),
    ``X003`` "?" where a character was lost in export (info), ``X004`` a report or
    field put back together across page headers (info).

    Raises :class:`~dropout_model.errors.PrintoutError` when the text is no
    printout at all, or the bytes cannot be decoded.

    >>> p = parse_printout(sample_text())
    >>> r = p.copies[0].reports[0]
    >>> r.date, r.progress, r.disbursed, r.plan_status.label_th
    (datetime.date(2023, 1, 31), Decimal('50.00'), Decimal('0'), 'เป็นไปตามแผน')
    """
    where = source if source is not None else "<text>"
    used: str | None = None
    note = ""
    if isinstance(text, bytes | bytearray):
        text, used, note = _decode(bytes(text), encoding, where)
    elif not isinstance(text, str):
        raise InvalidTypeError(f"parse_printout() takes str or bytes, not {type(text).__name__}")
    elif encoding is not None:
        msg = "parse_printout(): encoding= applies to bytes only; the text is already decoded"
        raise InvalidValueError(msg)
    copies, findings = _Reader(_split_lines(text), where, note).run()
    return Printout(copies, findings, source, used)


def read_printout(
    path: str | os.PathLike[str] | Traversable, *, encoding: str | None = None
) -> Printout:
    """Read the printout file at ``path`` (see :func:`parse_printout`).

    ``encoding`` names the codec (``"utf-8"``, ``"cp874"``, ``"tis-620"``);
    by default it is detected. Errors reading the file itself (a missing file)
    are the usual :class:`OSError`.

    >>> read_printout(sample_path()).copies[1].plan.goal.number
    '๗.๒.๑'
    """
    data = Path(path).read_bytes() if isinstance(path, str | os.PathLike) else path.read_bytes()
    return parse_printout(data, source=str(path), encoding=encoding)


def sample_path() -> Traversable:
    """The bundled sample printout of project 50490000-3632 (package data).

    >>> sample_path().name
    'bma-progress-report-50490000-3632.txt'
    """
    return resources.files("dropout_model").joinpath("data", SAMPLE_NAME)


def sample_text() -> str:
    """The text of the bundled sample printout (UTF-8).

    >>> sample_text().count(FORM_TITLE)
    6
    """
    return sample_path().read_bytes().decode("utf-8")


# --- decoding and lines ------------------------------------------------------------------------


# Names of Windows-874 that Python's codec registry does not know.
_ALIASES: Final = dict.fromkeys(("windows874", "win874", "xwindows874", "ms874"), "cp874")


def _alias_key(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "").replace(" ", "")


def _decode(data: bytes, encoding: str | None, where: str) -> tuple[str, str, str]:
    """The text, the codec name used, and a note for the not-a-printout error."""
    if encoding is not None:
        try:
            name = codecs.lookup(_ALIASES.get(_alias_key(encoding), encoding)).name
        except LookupError:
            msg = (
                f"{where}: unknown encoding {encoding!r}; name a codec such as 'utf-8', "
                "'cp874' (Windows-874) or 'tis-620', or leave it out to detect it"
            )
            raise InvalidValueError(msg) from None
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            return data.decode(name), name, ""
        except LookupError:
            msg = f"{where}: {name!r} is not a text encoding; name one such as 'utf-8' or 'cp874'"
            raise InvalidValueError(msg) from None
        except UnicodeError as e:
            at = getattr(e, "start", None)
            what = f"byte 0x{data[at]:02x} at offset {at}" if isinstance(at, int) else "a byte"
            msg = (
                f"{where}: cannot decode the bytes as {name}: {what} is invalid in it; name the "
                "file's real encoding (utf-8, cp874, tis-620) or leave encoding out to detect it"
            )
            raise PrintoutError(msg) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig", ""
        except UnicodeDecodeError as e:
            msg = (
                f"{where}: the file starts with a UTF-8 byte order mark but byte "
                f"0x{data[e.start]:02x} at offset {e.start} is not UTF-8; re-export it as UTF-8 "
                "or name its encoding"
            )
            raise PrintoutError(msg) from None
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError as e:
        utf8_at = e.start
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as e:
        msg = (
            f"{where}: cannot decode the bytes: not UTF-8 (byte 0x{data[utf8_at]:02x} at offset "
            f"{utf8_at}) and not Windows-874/TIS-620 (byte 0x{data[e.start]:02x} at offset "
            f"{e.start}); name the file's encoding"
        )
        raise PrintoutError(msg) from None
    note = (
        f" (the bytes are not UTF-8: byte 0x{data[utf8_at]:02x} at offset {utf8_at}; "
        "they were read as Windows-874)"
    )
    return text, "cp874", note


_CONTROLS: Final = re.compile("[\r\f\v\x85\u2028\u2029]")
_BLANKS: Final = re.compile("[ \t]+")
# normalize() turns tabs into spaces; the reader keeps them as field separators by hiding them
# behind the unit separator, which normalize() leaves alone.
_TAB_GUARD: Final = "\x1f"


def _split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: ``\\n`` (or ``\\r\\n``) ends a line; a lone ``\\r`` only
    when the text has no ``\\n`` at all (old Mac files)."""
    if "\n" not in text and "\r" in text:
        return text.split("\r")
    return text.split("\n")


def _clean(raw: str) -> str:
    """The declared normalisation (:func:`~dropout_model.thaitext.normalize`), keeping tabs."""
    line = _CONTROLS.sub(" ", raw)
    if "\t" not in line:
        return normalize(line)
    return normalize(line.replace("\t", _TAB_GUARD)).replace(_TAB_GUARD, "\t")


def _squash(text: str) -> str:
    """A value from a clean line: blanks and tabs as one space, no separators at the ends."""
    return _BLANKS.sub(" ", text).strip(" :")


# --- vocabulary of the form --------------------------------------------------------------------

# Sections, in the order the form prints them.
_PRE, _S1, _S11, _S12, _S13, _S14, _S15, _S16, _S2, _FOOT = range(10)

_HEADINGS: Final = (
    ("ชื่อโครงการและหน่วยงาน", _S1),
    ("รหัสโครงการและชื่อโครงการ", _S11),
    ("หน่วยงานที่รับผิดชอบ", _S12),
    ("หลักการและเหตุผล", _S13),
    ("วัตถุประสงค์", _S14),
    ("เป้าหมายของโครงการ", _S15),
    ("เป้าหมายโครงการ", _S15),
    ("สนับสนุนแผน", _S16),
    ("รายงานความก้าวหน้า", _S2),
)
_FOOTERS: Final = ("ขอรับรอง", "ลงชื่อ")
_HEADING_RE: Final = re.compile(
    r"(?P<num>[0-9๐-๙]{1,2}(?:\s?\.\s?[0-9๐-๙]{1,2}){0,2}\s?\.?)?\s*(?P<title>\S.*)"
)

# A label ends with a colon (after optional dots), with two or more dots, before a tab,
# or at the end of the line (its value then follows on a later line).
_LABEL_END: Final = r"(?P<end>\.*\s*:+|\.{2,}|\.?(?=\t)|\.?\s*$)"
_HEAD_LABELS: Final = re.compile(
    r"(?<![^\s:])(?P<label>"
    r"ชื่อโครงการ(?:\s?/\s?กิจกรรม)?|รหัสโครงการ|ปีงบประมาณ(?:\s?พ\.\s?ศ)?"
    r"|(?:วัน)?เริ่มต้นโครงการ|(?:วัน)?สิ้นสุดโครงการ|งบประมาณที่ได้รับ|งบประมาณที่ใช้ไป"
    r"|หน่วยงานที่รับผิดชอบ|(?:ชื่อ)?ผู้รับผิดชอบ(?:โครงการ)?|ผู้ประสานงาน(?:\s?สยป)?"
    r")" + _LABEL_END
)
# The labels that name the project: a copy whose section 1 heading was lost starts at them.
_COPY_LABEL: Final = re.compile(r"\s*(?:ชื่อโครงการ\s?/\s?กิจกรรม|รหัสโครงการ)" + _LABEL_END)
_PLAN_LABELS: Final = re.compile(
    r"(?<![^\s:])(?P<label>"
    r"ประเด็นยุทธศา[^\s:]{0,8}\s?ย่อย|ยุทธศาสตร์ย่อย|ประเด็นยุทธศาสตร์|ยุทธศาสตร์"
    r"|เป้าหมายที่|เป้าหมาย|เป้าประสงค์(?:ที่)?|ตัวชี้วัด(?:ที่)?"
    r")" + _LABEL_END
)
_PLAN_KEYS: Final = ("plan.strategy", "plan.sub_strategy", "plan.goal", "plan.indicator")

_REPORT_RE: Final = re.compile(r"\s*รายงานครั้งที่\s*(?P<num>[0-9๐-๙]*)")
_DATE_TOKEN: Final = re.compile(r"[\s:]*(?P<date>[0-9๐-๙][^\s:]*)")
_PROGRESS_RE: Final = re.compile(r"ความก้าวหน้า[^\s=:]{0,12}\s*=\s*(?P<v>[^\s%:]*)\s*%?")
_DISBURSED_RE: Final = re.compile(
    r"งบประมาณที่เบิก[^\s=:(]{0,8}\s*(?:\((?P<n>[^()\n]{0,20})\))?\s*=\s*(?P<v>[^\s:]*)"
    r"(?:\s*บาท)?"
)
_SEGMENT: Final = re.compile(r"[^\t:]+")
_TOKEN_SPLIT: Final = re.compile(r"[\s:=]+")

_PLAN_NUMBER: Final = re.compile(
    r"(?:[^\s0-9๐-๙]{1,20}ที่\s?)?(?P<num>[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3}){0,5})\.?"
    r"(?:\s*[-–—?:]\s*|\s+|$)"
)
_BARE_NUMBER: Final = re.compile(
    r"(?P<num>[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3}){0,5})\.?(?:\s*[-–—?:]\s*|\s+|$)"
)
_MONEY: Final = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_PERCENT: Final = re.compile(r"[0-9]{1,3}(?:\.[0-9]+)?")
# The quantity and unit that end a target: "1,000 คน", "1,000คน", "12.5 ครัวเรือน.";
# the quantity is read as money is (thousands separators, decimals, Thai digits).
_QUANTITY_UNIT: Final = re.compile(r"(?P<q>[0-9๐-๙][0-9๐-๙,.]*)?(?P<unit>[^\s0-9๐-๙.,()]+)")

_Status = PlanStatus | TargetStatus
_T = TypeVar("_T")

# Field names for messages: key -> (English, Thai).
_NAMES: Final = {
    "code": ("project code", "รหัสโครงการ"),
    "name": ("project name", "ชื่อโครงการ"),
    "fiscal_year": ("fiscal year", "ปีงบประมาณ"),
    "start": ("start date", "วันเริ่มต้นโครงการ"),
    "end": ("end date", "วันสิ้นสุดโครงการ"),
    "budget_allocated": ("budget allocated", "งบประมาณที่ได้รับ"),
    "budget_spent": ("budget spent", "งบประมาณที่ใช้ไป"),
    "agency": ("responsible agency", "หน่วยงานที่รับผิดชอบ"),
    "responsible": ("person or unit responsible", "ผู้รับผิดชอบ"),
    "coordinator": ("coordinator", "ผู้ประสานงาน"),
    "rationale": ("rationale (section 1.3)", "หลักการและเหตุผล"),
    "objectives": ("objectives (section 1.4)", "วัตถุประสงค์"),
    "target": ("target (section 1.5)", "เป้าหมายของโครงการ"),
    "target.description": ("target description", "คำอธิบายเป้าหมาย"),
    "target.quantity": ("target quantity", "จำนวนเป้าหมาย"),
    "target.unit": ("target unit", "หน่วยนับเป้าหมาย"),
    "plan": ("plan alignment (section 1.6)", "ความสอดคล้องกับแผนพัฒนา กทม."),
    "plan.strategy": ("plan strategy", "ประเด็นยุทธศาสตร์"),
    "plan.sub_strategy": ("plan sub-strategy", "ประเด็นยุทธศาสตร์ย่อย"),
    "plan.goal": ("plan goal", "เป้าหมายตามแผน"),
    "plan.indicator": ("plan indicator", "ตัวชี้วัด"),
    "reports": ("progress reports (section 2)", "รายงานความก้าวหน้า"),
    "number": ("report number", "ครั้งที่ของรายงาน"),
    "date": ("report date", "วันที่รายงาน"),
    "narrative": ("report narrative", "ผลการดำเนินงาน"),
    "progress": ("progress", "ความก้าวหน้าของงาน"),
    "disbursed": ("budget disbursed", "งบประมาณที่เบิกใช้"),
    "plan_status": ("plan status", "สถานะเทียบกับแผน"),
    "target_status": ("target status", "สถานะเทียบกับเป้าหมาย"),
}
# Fields that may hold a person's name: their values never go into findings.
_PERSONAL: Final = frozenset({"responsible", "coordinator"})

_HINTS: Final = {
    "fiscal_year": "a BE year such as 2566",
    "start": "a CE timestamp such as 2022-10-01 00:00:00",
    "end": "a CE timestamp such as 2022-09-30 00:00:00",
    "budget_allocated": "an amount of baht such as 10,777,600.50 บาท",
    "budget_spent": "an amount of baht such as 10,777,600.50 บาท",
    "number": "a report number such as รายงานครั้งที่ 1",
    "date": "a BE date dd/mm/yyyy such as 31/01/2566",
    "progress": "a percent from 0 to 100 such as 50.00",
    "disbursed": "an amount of baht such as 0 บาท",
    "plan_status": "เป็นไปตามแผน, ล่าช้ากว่าแผน or เร็วกว่าแผน",
    "target_status": "เป็นไปตามเป้าหมาย or ไม่เป็นไปตามเป้าหมาย",
}


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def _report_prefix(report: str) -> tuple[str, str]:
    """``report 4: `` and its Thai, to start a message about one report (nothing if none)."""
    return (f"report {report}: ", f"รายงานครั้งที่ {report}: ") if report else ("", "")


def _heading(stripped: str) -> int | None:
    """The section a heading line opens, or None when the line is no heading."""
    if stripped.startswith(_FOOTERS):
        return _FOOT
    m = _HEADING_RE.fullmatch(stripped)
    if m is None:
        return None
    title = m["title"]
    if ":" in title:
        return None
    for keyword, section in _HEADINGS:
        if title.startswith(keyword) and (m["num"] or title.rstrip(". ") == keyword):
            return section
    return None


def _is_page_header(stripped: str) -> bool:
    if "แบบแสดงรายงาน" not in stripped:
        return False
    return stripped.startswith("**") or stripped.endswith("**") or stripped == FORM_TITLE


def _head_key(label: str) -> str:
    if label.startswith("ชื่อโครงการ"):
        return "name"
    if label.startswith("รหัส"):
        return "code"
    if label.startswith("ปี"):
        return "fiscal_year"
    if "เริ่มต้น" in label:
        return "start"
    if "สิ้นสุด" in label:
        return "end"
    if "ได้รับ" in label:
        return "budget_allocated"
    if "ใช้ไป" in label:
        return "budget_spent"
    if label.startswith("หน่วยงาน"):
        return "agency"
    if "ประสานงาน" in label:
        return "coordinator"
    return "responsible"


def _plan_key(label: str) -> str:
    if "ย่อย" in label:
        return "plan.sub_strategy"
    if "ยุทธศา" in label:
        return "plan.strategy"
    if label.startswith("เป้า"):
        return "plan.goal"
    return "plan.indicator"


# --- raw values collected while reading ----------------------------------------------------------


class _Raw:
    """A value as printed: the line it was read from, the line of its label, its fragments."""

    __slots__ = ("fragments", "label_line", "line", "parts")

    def __init__(self, text: str, line: int) -> None:
        self.parts = [text] if text else []
        self.line = line
        self.label_line = line
        self.fragments = 1

    @property
    def text(self) -> str:
        """The value: its parts (continued on later lines) joined by spaces."""
        return " ".join(self.parts)


class _TextBlock:
    """The lines of a free-text section (1.3, 1.4, 1.5) and their line numbers."""

    __slots__ = ("fragments", "line", "lines", "numbers")

    def __init__(self, line: int) -> None:
        self.lines: list[str] = []
        self.numbers: list[int] = []
        self.line = line
        self.fragments = 1

    def first_with(self, char: str) -> int:
        """The number of the first line holding ``char`` (the first line if none does)."""
        return next(
            (n for t, n in zip(self.lines, self.numbers, strict=True) if char in t), self.line
        )


class _Report:
    """One progress report being collected from its line(s) and fragments."""

    __slots__ = (
        "conflicts",
        "date",
        "disbursed",
        "fragments",
        "line",
        "narrative",
        "narrative_lines",
        "number",
        "number_text",
        "plan_status",
        "progress",
        "target_status",
    )

    def __init__(self, number_text: str, line: int) -> None:
        self.number_text = number_text
        self.line = line
        self.number: int | None = None
        self.date: _Raw | None = None
        self.narrative: list[str] = []
        self.narrative_lines: list[int] = []
        self.progress: _Raw | None = None
        self.disbursed: _Raw | None = None
        self.plan_status: tuple[PlanStatus, int] | None = None
        self.target_status: tuple[TargetStatus, int] | None = None
        self.fragments = 1
        self.conflicts: list[tuple[str, int, str]] = []

    def set_raw(self, name: str, text: str, line: int) -> None:
        old: _Raw | None = getattr(self, name)
        if old is None:
            setattr(self, name, _Raw(text, line))
        elif old.text != text:
            self.conflicts.append((name, line, text))

    def set_status(self, status: _Status, line: int) -> None:
        name = "plan_status" if isinstance(status, PlanStatus) else "target_status"
        old: tuple[_Status, int] | None = getattr(self, name)
        if old is None:
            setattr(self, name, (status, line))
        elif old[0] is not status:
            self.conflicts.append((name, line, status.label_th))


class _Copy:
    """One printed copy being collected."""

    __slots__ = (
        "fields",
        "headings",
        "index",
        "last",
        "line",
        "pending",
        "report",
        "reports",
        "section",
        "stray",
        "texts",
    )

    def __init__(self, index: int, line: int, section: int) -> None:
        self.index = index
        self.line = line
        self.section = section
        self.headings: dict[int, int] = {}
        self.fields: dict[str, _Raw] = {}
        self.last: _Raw | None = None
        self.pending: _Raw | None = None
        self.texts: dict[int, _TextBlock] = {}
        self.reports: list[_Report] = []
        self.report: _Report | None = None
        self.stray: list[int] = []

    @property
    def empty(self) -> bool:
        """Whether nothing but headings was read into the copy yet."""
        return not (self.fields or self.texts or self.reports or self.stray)

    def where(self, section: int) -> int:
        """The line to point at for something missing from ``section``."""
        return self.headings.get(section, self.line)


# --- the reader --------------------------------------------------------------------------------


class _Reader:
    """One pass over the lines: O(lines + characters)."""

    def __init__(self, lines: list[str], where: str, note: str) -> None:
        self.lines = lines
        self.where = where
        self.note = note
        self.copies: list[_Copy] = []
        self.copy: _Copy | None = None
        self.crossed = False  # a page header since the last content line
        self.headers = 0
        self.findings: list[Finding] = []
        self.status_cache: dict[str, _Status | None] = {}

    # -- the pass

    def run(self) -> tuple[tuple[Project, ...], Findings]:
        for number, raw in enumerate(self.lines, start=1):
            self.feed(number, raw)
        if not self.copies:
            self.not_a_printout()
        built = [self.build(c) for c in self.copies]
        projects = tuple(p for p, _ in built)
        self.compare(projects, [lines for _, lines in built])
        self.findings.sort(key=lambda f: f.line or 0)
        return projects, Findings(self.findings)

    def not_a_printout(self) -> None:
        seen = (
            f"found {self.headers} page header(s) but no project section"
            if self.headers
            else "found neither"
        )
        count = len(self.lines)
        msg = (
            f"{self.where}: not a progress-report printout: expected the heading "
            f"'{_COPY_HEADING}' or the labels of section 1.1 (ชื่อโครงการ/กิจกรรม, รหัสโครงการ); "
            f"{seen} in {count} line{'s' if count != 1 else ''}{self.note}. Give the text of a "
            f"'{FORM_TITLE}' printout exported from the BMA project system"
        )
        raise PrintoutError(msg)

    def feed(self, number: int, raw: str) -> None:
        line = _clean(raw)
        stripped = line.strip()
        if not stripped:
            return
        if _is_page_header(stripped):
            self.headers += 1
            self.crossed = True
            return
        section = _heading(stripped)
        copy = self.copy
        if section is not None:
            self.open_section(section, number)
        elif copy is None or (copy.section >= _S2 and _COPY_LABEL.match(line)):
            # Section 1 lost: the project's name or code starts a copy.
            if _COPY_LABEL.match(line):
                self.head_line(self.start_copy(number, _S11), line, number)
        elif copy.section <= _S12:
            self.head_line(copy, line, number)
        elif copy.section <= _S15:
            self.text_line(copy, stripped, number)
        elif copy.section == _S16:
            self.plan_line(copy, line, number)
        elif copy.section == _S2:
            self.report_line(copy, line, number)
        self.crossed = False

    def start_copy(self, number: int, section: int) -> _Copy:
        copy = _Copy(len(self.copies), number, section)
        self.copies.append(copy)
        self.copy = copy
        return copy

    def open_section(self, section: int, number: int) -> None:
        copy = self.copy
        new = section == _S1 or (section == _S11 and copy is not None and copy.section >= _S2)
        if copy is None or (new and not copy.empty):
            if copy is None and section == _FOOT:
                return
            copy = self.start_copy(number, section)
        copy.pending = None
        copy.last = None
        copy.report = None
        copy.section = section
        copy.headings.setdefault(section, number)

    # -- sections 1, 1.1, 1.2 and 1.6: "label : value" lines

    def head_line(self, copy: _Copy, line: str, number: int) -> None:
        self.label_line(copy, line, number, _HEAD_LABELS, _head_key)

    def plan_line(self, copy: _Copy, line: str, number: int) -> None:
        self.label_line(copy, line, number, _PLAN_LABELS, _plan_key)

    def label_line(
        self,
        copy: _Copy,
        line: str,
        number: int,
        labels: re.Pattern[str],
        key_of: Callable[[str], str],
    ) -> None:
        matches = list(labels.finditer(line))
        if not matches:
            self.continuation(copy, _squash(line), number)
            return
        prefix = _squash(line[: matches[0].start()])
        if prefix and copy.pending is not None:
            # ": value<TAB>next label :" -- the value of the label left empty above.
            self.continuation(copy, prefix, number)
        copy.pending = None
        for i, m in enumerate(matches):
            stop = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            value = _squash(line[m.end() : stop])
            key = key_of(m["label"])
            raw = _Raw(value, number)
            old = copy.fields.get(key)
            if old is None or not old.parts:
                copy.fields[key] = raw
            copy.last = raw if old is None or not old.parts else None
            if not value and i + 1 == len(matches):
                copy.pending = copy.fields[key] if copy.fields[key] is raw else None

    def continuation(self, copy: _Copy, text: str, number: int) -> None:
        """Text without a label: the value of a label left empty, or more of the last value."""
        if not text:
            return
        target = copy.pending or copy.last
        if target is None:
            return
        if self.crossed:
            target.fragments += 1
        if target is copy.pending:
            target.parts, target.line = [text], number
            copy.pending = None
        else:
            target.parts.append(text)
        copy.last = target

    # -- sections 1.3, 1.4, 1.5: free text

    def text_line(self, copy: _Copy, stripped: str, number: int) -> None:
        block = copy.texts.get(copy.section)
        if block is None:
            block = copy.texts[copy.section] = _TextBlock(number)
        elif self.crossed and block.lines:
            block.fragments += 1
        block.lines.append(_BLANKS.sub(" ", stripped))
        block.numbers.append(number)

    # -- section 2: progress reports

    def report_line(self, copy: _Copy, line: str, number: int) -> None:
        m = _REPORT_RE.match(line)
        if m is not None:
            report = _Report(m["num"], number)
            copy.reports.append(report)
            copy.report = report
            rest = line[m.end() :]
            d = _DATE_TOKEN.match(rest)
            if d is not None:
                report.date = _Raw(d["date"], number)
                rest = rest[d.end() :]
            self.report_text(report, rest, number)
            return
        current = copy.report
        if current is None:
            copy.stray.append(number)
            return
        if self.crossed:
            current.fragments += 1
        self.report_text(current, line, number)

    def report_text(self, report: _Report, text: str, number: int) -> None:
        """Progress, disbursement, statuses and narrative from (part of) a report line."""
        first = len(text)
        spans: list[tuple[int, int]] = []
        for pattern, name in ((_PROGRESS_RE, "progress"), (_DISBURSED_RE, "disbursed")):
            m = pattern.search(text)
            if m is not None:
                report.set_raw(name, m["v"], number)
                first = min(first, m.start())
                spans.append(m.span())
        head = text[:first]
        if spans:
            # The text between and after the matched values holds the status words.
            rest, pos = [], first
            for start, stop in sorted(spans):
                rest.append(text[pos:start])
                pos = max(pos, stop)
            rest.append(text[pos:])
            for piece in rest:
                for token in _TOKEN_SPLIT.split(piece):
                    status = self.status(token)
                    if status is not None:
                        report.set_status(status, number)
        narrative = self.tail_statuses(report, head, number)
        if narrative:
            report.narrative.append(narrative)
            report.narrative_lines.append(number)

    def tail_statuses(self, report: _Report, text: str, number: int) -> str:
        """Take status words off the end of ``text``; return the narrative before them."""
        end = 0
        found: list[_Status] = []
        for seg in reversed(list(_SEGMENT.finditer(text))):
            words = seg[0].split()
            if not words:
                continue
            statuses = []
            for word in words:
                status = self.status(word)
                if status is None:
                    break
                statuses.append(status)
            else:
                found[:0] = statuses
                continue
            end = seg.end()
            break
        for status in found:
            report.set_status(status, number)
        return _squash(text[:end])

    def status(self, word: str) -> _Status | None:
        if not word:
            return None
        cache = self.status_cache
        if word in cache:
            return cache[word]
        found: _Status | None = None
        for kind in (PlanStatus, TargetStatus):
            try:
                found = kind.from_label(word)
                break
            except InvalidValueError:
                continue
        cache[word] = found
        return found

    # -- building the model, with findings

    def add(
        self,
        code: str,
        severity: Severity,
        path: str,
        message: str,
        message_th: str,
        *,
        line: int,
        observed: Value = None,
        expected: Value = None,
        subject: str | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                code,
                severity,
                path,
                message,
                message_th,
                observed=observed,
                expected=expected,
                subject=subject or None,
                line=line,
            )
        )

    def missing(self, path: str, key: str, line: int, subject: str, report: str = "") -> None:
        en, th = _NAMES[key]
        en_at, th_at = _report_prefix(report)
        self.add(
            "X001",
            Severity.ERROR,
            path,
            f"{en_at}{en} is missing from the printout; add it at the source and print again, "
            "or enter it by hand",
            f"{th_at}ไม่พบ{th}ในเอกสาร",
            line=line,
            subject=subject,
        )

    def unreadable(
        self, path: str, key: str, raw: _Raw, subject: str, *, why: str = "", report: str = ""
    ) -> None:
        en, th = _NAMES[key]
        en_at, th_at = _report_prefix(report)
        hint = _HINTS.get(key, "a value")
        reason = f" ({why})" if why else ""
        self.add(
            "X001",
            Severity.ERROR,
            path,
            f"{en_at}{en} cannot be read{reason}: expected {hint}; correct the printed value",
            f"{th_at}อ่าน{th}ไม่ได้",
            line=raw.line,
            observed=None if key in _PERSONAL else _shown(raw.text),
            expected=hint,
            subject=subject,
        )

    def lost(
        self, path: str, key: str, text: str, line: int, subject: str, *, report: str = ""
    ) -> None:
        n = text.count("?")
        if not n:
            return
        en, th = _NAMES[key]
        en_at, th_at = _report_prefix(report)
        self.add(
            "X003",
            Severity.INFO,
            path,
            f"{en_at}{en} has {n} '?' where characters were lost in export; check it against "
            "the source",
            f"{th_at}{th}มีเครื่องหมาย ? แทนอักขระที่หายไป {n} ตัว กรุณาตรวจสอบกับต้นฉบับ",
            line=line,
            observed=n,
            subject=subject,
        )

    def rejoined(
        self, path: str, what: str, what_th: str, *, n: int, line: int, subject: str
    ) -> None:
        self.add(
            "X004",
            Severity.INFO,
            path,
            f"{what} was split by page headers into {n} fragments and put back together",
            f"{what_th}ถูกหัวกระดาษแบ่งเป็น {n} ส่วน และนำมาต่อกันแล้ว",
            line=line,
            observed=n,
            subject=subject,
        )

    def build(self, copy: _Copy) -> tuple[Project, dict[str, int]]:
        """The copy as a Project, plus the line of each value (for X002)."""
        fields = copy.fields
        at = f"copies[{copy.index}]"
        code_raw = fields.get("code")
        code = code_raw.text if code_raw is not None else ""
        subject = code
        lines: dict[str, int] = {}

        def text(key: str, section: int) -> str:
            raw = fields.get(key)
            if raw is None or not raw.text:
                if key != "coordinator":
                    line = raw.line if raw is not None else copy.where(section)
                    self.missing(f"{at}.{key}", key, line, subject)
                return ""
            self.lost(f"{at}.{key}", key, raw.text, raw.line, subject)
            self.fragments(f"{at}.{key}", key, raw, subject)
            lines[key] = raw.line
            return raw.text

        code = text("code", _S11)
        name = text("name", _S11)
        fiscal_year = self.value(copy, "fiscal_year", _read_fiscal_year, lines)
        start = self.value(copy, "start", _read_timestamp, lines)
        end = self.value(copy, "end", _read_timestamp, lines)
        allocated = self.value(copy, "budget_allocated", _read_money, lines)
        spent = self.value(copy, "budget_spent", _read_money, lines)
        agency_text = text("agency", _S12)
        agency = Agency(_units(agency_text)) if agency_text else None
        responsible = text("responsible", _S12)
        coordinator = text("coordinator", _S12)
        rationale = self.block(copy, _S13, "rationale", lines, subject)
        objectives = self.block(copy, _S14, "objectives", lines, subject)
        target_text = self.block(copy, _S15, "target", lines, subject)
        target = _target(target_text) if target_text else None
        plan = self.plan(copy, lines, subject)
        reports = self.reports(copy, lines, subject)
        project = Project(
            code=code,
            name=name,
            fiscal_year=fiscal_year,
            start=start,
            end=end,
            budget_allocated=allocated,
            budget_spent=spent,
            agency=agency,
            responsible=responsible,
            coordinator=coordinator,
            rationale=rationale,
            objectives=objectives,
            target=target,
            plan=plan,
            reports=reports,
        )
        lines["@start"] = copy.line
        return project, lines

    def value(
        self,
        copy: _Copy,
        key: str,
        read: Callable[[str], tuple[_T | None, str]],
        lines: dict[str, int],
    ) -> _T | None:
        """A typed value of section 1.1, or None with an X001 finding."""
        at = f"copies[{copy.index}].{key}"
        code = copy.fields.get("code")
        subject = code.text if code is not None else ""
        raw = copy.fields.get(key)
        if raw is None or not raw.text:
            line = raw.line if raw is not None else copy.where(_S11)
            self.missing(at, key, line, subject)
            return None
        result, why = read(raw.text)
        if result is None:
            self.unreadable(at, key, raw, subject, why=why)
            return None
        self.fragments(at, key, raw, subject)
        lines[key] = raw.line
        return result

    def fragments(self, path: str, key: str, raw: _Raw, subject: str) -> None:
        if raw.fragments > 1:
            en, th = _NAMES[key]
            self.rejoined(
                path, f"the {en}", th, n=raw.fragments, line=raw.label_line, subject=subject
            )

    def block(
        self, copy: _Copy, section: int, key: str, lines: dict[str, int], subject: str
    ) -> str:
        at = f"copies[{copy.index}].{key}"
        found = copy.texts.get(section)
        if found is None:
            self.missing(at, key, copy.where(section), subject)
            return ""
        joined = "\n".join(found.lines)
        path_key = "target.description" if key == "target" else key
        lost_at = found.first_with("?")
        self.lost(f"copies[{copy.index}].{path_key}", path_key, joined, lost_at, subject)
        if found.fragments > 1:
            en, th = _NAMES[key]
            self.rejoined(at, f"the {en}", th, n=found.fragments, line=found.line, subject=subject)
        lines[key] = found.line
        return joined

    def plan(self, copy: _Copy, lines: dict[str, int], subject: str) -> PlanAlignment | None:
        at = f"copies[{copy.index}]"
        if not any(k in copy.fields for k in _PLAN_KEYS):
            self.missing(f"{at}.plan", "plan", copy.where(_S16), subject)
            return None
        refs: list[PlanRef | None] = []
        for key in _PLAN_KEYS:
            raw = copy.fields.get(key)
            if raw is None or not raw.text:
                line = raw.line if raw is not None else copy.where(_S16)
                self.missing(f"{at}.{key}", key, line, subject)
                refs.append(None)
                continue
            self.lost(f"{at}.{key}", key, raw.text, raw.line, subject)
            self.fragments(f"{at}.{key}", key, raw, subject)
            lines[key] = raw.line
            refs.append(_plan_ref(raw.text, bare=key == "plan.indicator"))
        return PlanAlignment(*refs)

    def reports(
        self, copy: _Copy, lines: dict[str, int], subject: str
    ) -> tuple[ProgressReport, ...]:
        at = f"copies[{copy.index}]"
        for line in copy.stray:
            self.add(
                "X001",
                Severity.ERROR,
                f"{at}.reports",
                "a progress-report line comes before any 'รายงานครั้งที่ n' line and was not "
                "read; restore the report's first line",
                "บรรทัดรายงานความก้าวหน้านี้ไม่มีบรรทัด 'รายงานครั้งที่' นำหน้า จึงไม่ได้อ่าน",
                line=line,
                subject=subject,
            )
        if _S2 not in copy.headings and not copy.reports:
            self.missing(f"{at}.reports", "reports", copy.line, subject)
        out: list[ProgressReport] = []
        for i, r in enumerate(copy.reports):
            out.append(self.report(r, f"{at}.reports[{i}]", subject))
            lines[f"reports#{i}"] = r.line
        return tuple(out)

    def report(self, r: _Report, at: str, subject: str) -> ProgressReport:
        number = _read_count(r.number_text)
        label = str(number) if number is not None else "?"
        if number is None:
            self.unreadable(f"{at}.number", "number", _Raw(r.number_text, r.line), subject)
        date: _dt.date | None = None
        if r.date is None:
            self.missing(f"{at}.date", "date", r.line, subject, label)
        else:
            date, why = _read_report_date(r.date.text)
            if date is None:
                self.unreadable(f"{at}.date", "date", r.date, subject, why=why, report=label)
        progress = self.report_value(
            r.progress, f"{at}.progress", "progress", r, subject=subject, label=label
        )
        disbursed = self.report_value(
            r.disbursed, f"{at}.disbursed", "disbursed", r, subject=subject, label=label
        )
        for key, status in (("plan_status", r.plan_status), ("target_status", r.target_status)):
            if status is None:
                self.missing(f"{at}.{key}", key, r.line, subject, label)
        for key, line, seen in r.conflicts:
            en, th = _NAMES[key]
            self.add(
                "X001",
                Severity.ERROR,
                f"{at}.{key}",
                f"report {label}: {en} is printed twice with different values; the first is "
                "kept: correct the printout",
                f"รายงานครั้งที่ {label}: {th}พิมพ์สองครั้งและไม่ตรงกัน ใช้ค่าแรก",
                line=line,
                observed=_shown(seen),
                subject=subject,
            )
        narrative = "\n".join(r.narrative)
        lost_at = next(
            (n for t, n in zip(r.narrative, r.narrative_lines, strict=True) if "?" in t), r.line
        )
        self.lost(f"{at}.narrative", "narrative", narrative, lost_at, subject, report=label)
        if r.fragments > 1:
            self.rejoined(
                at,
                f"report {label}",
                f"รายงานครั้งที่ {label} ",
                n=r.fragments,
                line=r.line,
                subject=subject,
            )
        return ProgressReport(
            number=number if number is not None else 0,
            date=date,
            narrative=narrative,
            progress=progress,
            disbursed=disbursed,
            plan_status=r.plan_status[0] if r.plan_status is not None else None,
            target_status=r.target_status[0] if r.target_status is not None else None,
        )

    def report_value(
        self, raw: _Raw | None, path: str, key: str, r: _Report, *, subject: str, label: str
    ) -> Decimal | None:
        if raw is None:
            self.missing(path, key, r.line, subject, label)
            return None
        result, why = (_read_percent if key == "progress" else _read_money)(raw.text)
        if result is None:
            self.unreadable(path, key, raw, subject, why=why, report=label)
        return result

    # -- X002: copies that disagree

    def compare(self, projects: tuple[Project, ...], lines: list[dict[str, int]]) -> None:
        firsts: dict[str, int] = {}
        for k, project in enumerate(projects):
            first = firsts.setdefault(project.code, k) if project.code else 0
            if first == k:
                continue
            self.compare_pair(projects[first], first, project, k, lines[k])

    def compare_pair(
        self, base: Project, b: int, other: Project, k: int, lines: dict[str, int]
    ) -> None:
        subject = other.code
        start = lines["@start"]
        base_leaves = dict(_leaves(base))
        for key, seen in _leaves(other):
            want = base_leaves.get(key)
            if seen is None or want is None or seen == want:
                continue
            line = lines.get(_line_key(key), start)
            path = f"copies[{k}].{key}"
            self.disagree(path, key, seen=seen, want=want, b=b, k=k, line=line, subject=subject)
        base_reports: dict[int, ProgressReport] = {}
        for r in base.reports:
            base_reports.setdefault(r.number, r)
        seen_numbers: set[int] = set()
        for j, r in enumerate(other.reports):
            if r.number in seen_numbers:
                continue
            seen_numbers.add(r.number)
            line = lines.get(f"reports#{j}", start)
            old = base_reports.get(r.number)
            if old is None:
                self.add(
                    "X002",
                    Severity.WARNING,
                    f"copies[{k}].reports[{j}]",
                    f"copy {k + 1} prints report {r.number}, copy {b + 1} does not",
                    f"สำเนาที่ {k + 1} มีรายงานครั้งที่ {r.number} แต่สำเนาที่ {b + 1} ไม่มี",
                    line=line,
                    observed=r.number,
                    subject=subject,
                )
                continue
            for field, seen, want in _report_leaves(r, old):
                if seen is None or want is None or seen == want:
                    continue
                path = f"copies[{k}].reports[{j}].{field}"
                self.disagree(
                    path, field, seen=seen, want=want, b=b, k=k, line=line, subject=subject
                )
        for number in base_reports:
            if number not in seen_numbers:
                self.add(
                    "X002",
                    Severity.WARNING,
                    f"copies[{k}].reports",
                    f"copy {b + 1} prints report {number}, copy {k + 1} does not",
                    f"สำเนาที่ {b + 1} มีรายงานครั้งที่ {number} แต่สำเนาที่ {k + 1} ไม่มี",
                    line=start,
                    expected=number,
                    subject=subject,
                )

    def disagree(
        self,
        path: str,
        key: str,
        *,
        seen: Value,
        want: Value,
        b: int,
        k: int,
        line: int,
        subject: str,
    ) -> None:
        name_key = key.rsplit(".", 1)[0] if key.endswith((".number", ".title")) else key
        en, th = _NAMES[name_key]
        part = {"number": " number", "title": " title"}.get(key.rsplit(".", 1)[-1], "")
        personal = key in _PERSONAL
        withheld = " (values withheld: personal data)" if personal else ""
        self.add(
            "X002",
            Severity.WARNING,
            path,
            f"copy {k + 1} prints a different {en}{part} from copy {b + 1}{withheld}; "
            "check which is right",
            f"{th}ในสำเนาที่ {k + 1} ไม่ตรงกับสำเนาที่ {b + 1}",
            line=line,
            observed=None if personal else seen,
            expected=None if personal else want,
            subject=subject,
        )


# --- reading single values -----------------------------------------------------------------------


def _read_fiscal_year(text: str) -> tuple[FiscalYear | None, str]:
    try:
        return FiscalYear.parse(text), ""
    except DropoutModelError as e:
        return None, _reason(e)


def _read_timestamp(text: str) -> tuple[_dt.date | None, str]:
    try:
        return parse_date(text), ""
    except DropoutModelError as e:
        return None, _reason(e)


def _read_report_date(text: str) -> tuple[_dt.date | None, str]:
    try:
        return parse_date(text, era="be"), ""
    except DropoutModelError as e:
        return None, _reason(e)


def _reason(e: Exception) -> str:
    return _shown(str(e).split(": ", 1)[-1])


def _read_money(text: str) -> tuple[Decimal | None, str]:
    digits = to_arabic_digits(text).strip()
    digits = digits.removesuffix("บาท").strip()
    if _MONEY.fullmatch(digits) is None:
        return None, ""
    return Decimal(digits.replace(",", "")), ""


def _read_percent(text: str) -> tuple[Decimal | None, str]:
    digits = to_arabic_digits(text).strip().removesuffix("%").strip()
    if _PERCENT.fullmatch(digits) is None:
        return None, ""
    value = Decimal(digits)
    if value > 100:
        return None, "more than 100"
    return value, ""


def _read_count(text: str) -> int | None:
    digits = to_arabic_digits(text)
    if not digits or len(digits) > 9 or not digits.isascii() or not digits.isdigit():
        return None
    return int(digits)


def _units(text: str) -> tuple[str, ...]:
    return tuple(u for u in (part.strip() for part in text.split(" / ")) if u)


def _target(text: str) -> Target:
    """The target with the quantity and unit its text ends with, if it ends with them."""
    words = text.split()
    m = _QUANTITY_UNIT.fullmatch(words[-1].rstrip(".")) if words else None
    if m is None:
        return Target(text)
    quantity, _ = _read_money(m["q"] or (words[-2] if len(words) > 1 else ""))
    if quantity is None:
        return Target(text)
    return Target(text, quantity, m["unit"])


def _plan_ref(text: str, *, bare: bool) -> PlanRef:
    m = (_BARE_NUMBER if bare else _PLAN_NUMBER).match(text)
    if m is None:
        return PlanRef("", text)
    return PlanRef(m["num"], text[m.end() :].strip())


def _line_key(leaf: str) -> str:
    """The key under which the line of a leaf value is kept."""
    if leaf.startswith("plan."):
        return ".".join(leaf.split(".")[:2])
    if leaf.startswith("target."):
        return "target"
    return leaf


def _leaves(p: Project) -> Iterator[tuple[str, Value]]:
    """The comparable values of a project (reports aside), by path."""
    yield "code", p.code
    yield "name", p.name
    yield "fiscal_year", p.fiscal_year.be_year if p.fiscal_year is not None else None
    yield "start", p.start
    yield "end", p.end
    yield "budget_allocated", p.budget_allocated
    yield "budget_spent", p.budget_spent
    yield "agency", str(p.agency) if p.agency is not None else None
    yield "responsible", p.responsible or None
    yield "coordinator", p.coordinator
    yield "rationale", p.rationale or None
    yield "objectives", p.objectives or None
    if p.target is not None:
        yield "target.description", p.target.description
        yield "target.quantity", p.target.quantity
        yield "target.unit", p.target.unit or None
    if p.plan is not None:
        for key in _PLAN_KEYS:
            ref: PlanRef | None = getattr(p.plan, key.removeprefix("plan."))
            if ref is not None:
                yield f"{key}.number", ref.number
                yield f"{key}.title", ref.title


def _report_leaves(r: ProgressReport, old: ProgressReport) -> Iterator[tuple[str, Value, Value]]:
    yield "date", r.date, old.date
    yield "narrative", r.narrative, old.narrative
    yield "progress", r.progress, old.progress
    yield "disbursed", r.disbursed, old.disbursed
    for name in ("plan_status", "target_status"):
        mine: PlanStatus | TargetStatus | None = getattr(r, name)
        theirs: PlanStatus | TargetStatus | None = getattr(old, name)
        yield (
            name,
            mine.label_th if mine is not None else None,
            theirs.label_th if theirs is not None else None,
        )
