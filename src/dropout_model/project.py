"""Projects and their progress reports, as the city's monitoring system holds them (floor 3).

>>> from datetime import date
>>> from decimal import Decimal
>>> r = ProgressReport(
...     1,
...     date(2023, 1, 31),
...     "เริ่มดำเนินการ",
...     Decimal("50.00"),
...     Decimal(0),
...     PlanStatus.ON_PLAN,
...     TargetStatus.MET,
... )
>>> r.plan_status.label_th
'เป็นไปตามแผน'
>>> PlanStatus.from_label("ล่าช้ากว่าแผน")
<PlanStatus.BEHIND: 'behind'>
>>> ProgressReport(1, date(2023, 1, 31), "", Decimal(120), Decimal(0))
Traceback (most recent call last):
  ...
dropout_model.errors.InvalidValueError: progress: 120 is outside 0–100
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs

from dropout_model import _html as h
from dropout_model import _model as m
from dropout_model.ids import ProjectCode
from dropout_model.thaidate import FiscalYear, format_date
from dropout_model.thaitext import to_arabic_digits

__all__ = [
    "Agency",
    "PlanAlignment",
    "PlanRef",
    "PlanStatus",
    "ProgressReport",
    "Project",
    "Target",
    "TargetStatus",
]


class PlanStatus(m.ThaiEnum):
    """Progress against the plan, as a report states it."""

    AHEAD = ("ahead", "เร็วกว่าแผน")
    ON_PLAN = ("on_plan", "เป็นไปตามแผน", "ตามแผน")
    BEHIND = ("behind", "ล่าช้ากว่าแผน", "ช้ากว่าแผน", "ล่าช้า")


class TargetStatus(m.ThaiEnum):
    """Whether the report says the target is being met."""

    MET = ("met", "เป็นไปตามเป้าหมาย", "ตามเป้าหมาย")
    NOT_MET = ("not_met", "ไม่เป็นไปตามเป้าหมาย", "ไม่ตามเป้าหมาย")


@attrs.frozen
class ProgressReport:
    """One numbered progress report (รายงานครั้งที่ n).

    ``progress`` is the *cumulative* progress of the work in percent;
    ``disbursed`` the budget disbursed in this report alone. ``None`` marks a
    value the source did not give (the reader reports it as X001).
    """

    number: int = attrs.field(validator=m.v_count)
    date: _dt.date | None = attrs.field(validator=m.v_opt_date)
    narrative: str = attrs.field(validator=m.v_str)
    progress: Decimal | None = attrs.field(validator=m.v_opt_percent)
    disbursed: Decimal | None = attrs.field(validator=m.v_opt_money)
    plan_status: PlanStatus | None = attrs.field(
        default=None, validator=m.instance_of(PlanStatus, optional=True)
    )
    target_status: TargetStatus | None = attrs.field(
        default=None, validator=m.instance_of(TargetStatus, optional=True)
    )


@attrs.frozen
class Agency:
    """The responsible agency as its path of units, outermost first.

    >>> a = Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา"))
    >>> str(a), a.top
    ('สำนักงานเขตทุ่งครุ / ฝ่ายการศึกษา', 'สำนักงานเขตทุ่งครุ')
    """

    units: tuple[str, ...] = attrs.field(validator=m.tuple_of(str))

    @property
    def top(self) -> str:
        """The outermost unit (the district office or department), or ``""``."""
        return self.units[0] if self.units else ""

    def __str__(self) -> str:
        return " / ".join(self.units)


@attrs.frozen
class Target:
    """The project target (เป้าหมาย): a description and, when stated, a quantity and unit.

    >>> Target("นักเรียนได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน").quantity
    Decimal('1000')
    """

    description: str = attrs.field(validator=m.v_str)
    quantity: Decimal | None = attrs.field(default=None, validator=m.v_opt_money)
    unit: str = attrs.field(default="", validator=m.v_str)


@attrs.frozen
class PlanRef:
    """One level of the BMA 20-year plan: a number as printed (``7.2.2``, ``๗.๒.๒``) and a title.

    >>> PlanRef("๗.๒.๒", "ระบบติดตามและรายงาน").parts
    (7, 2, 2)
    """

    number: str = attrs.field(validator=m.v_str)
    title: str = attrs.field(default="", validator=m.v_str)

    @property
    def parts(self) -> tuple[int, ...] | None:
        """The number as integers (Thai digits read), or None when it is not ``d(.d)*``."""
        digits = to_arabic_digits(self.number).strip().rstrip(".")
        pieces = digits.split(".")
        if not digits or not all(p.isascii() and p.isdigit() for p in pieces):
            return None
        return tuple(int(p) for p in pieces)


@attrs.frozen
class PlanAlignment:
    """Where the project sits in the BMA 20-year development plan (section 1.6)."""

    strategy: PlanRef | None = attrs.field(
        default=None, validator=m.instance_of(PlanRef, optional=True)
    )
    sub_strategy: PlanRef | None = attrs.field(
        default=None, validator=m.instance_of(PlanRef, optional=True)
    )
    goal: PlanRef | None = attrs.field(
        default=None, validator=m.instance_of(PlanRef, optional=True)
    )
    indicator: PlanRef | None = attrs.field(
        default=None, validator=m.instance_of(PlanRef, optional=True)
    )


@attrs.frozen
class Project:
    """A BMA project with its progress reports.

    ``code`` is kept as printed (rule P001 reports a malformed one; use
    :attr:`project_code` for the parsed form). Dates are Gregorian; money is
    ``Decimal`` baht; text fields are ``""`` when the source left them empty
    and values are ``None`` when the source did not give them at all.
    """

    code: str = attrs.field(validator=m.v_str)
    name: str = attrs.field(validator=m.v_str)
    fiscal_year: FiscalYear | None = attrs.field(
        default=None, validator=m.instance_of(FiscalYear, optional=True)
    )
    start: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    end: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    budget_allocated: Decimal | None = attrs.field(default=None, validator=m.v_opt_money)
    budget_spent: Decimal | None = attrs.field(default=None, validator=m.v_opt_money)
    agency: Agency | None = attrs.field(
        default=None, validator=m.instance_of(Agency, optional=True)
    )
    responsible: str = attrs.field(default="", validator=m.v_str, repr=False)
    coordinator: str = attrs.field(default="", validator=m.v_str, repr=False)
    rationale: str = attrs.field(default="", validator=m.v_str, repr=False)
    objectives: str = attrs.field(default="", validator=m.v_str, repr=False)
    target: Target | None = attrs.field(
        default=None, validator=m.instance_of(Target, optional=True)
    )
    plan: PlanAlignment | None = attrs.field(
        default=None, validator=m.instance_of(PlanAlignment, optional=True), repr=False
    )
    reports: tuple[ProgressReport, ...] = attrs.field(
        default=(), validator=m.tuple_of(ProgressReport), repr=False
    )

    @property
    def project_code(self) -> ProjectCode | None:
        """The code parsed as a :class:`~dropout_model.ids.ProjectCode`, or None if malformed."""
        if ProjectCode.is_well_formed(self.code):
            return ProjectCode.parse(self.code)
        return None

    @property
    def latest_report(self) -> ProgressReport | None:
        """The report with the highest number, or None when there are none."""
        return max(self.reports, key=lambda r: r.number, default=None)

    @property
    def latest_progress(self) -> Decimal | None:
        """Cumulative progress of the latest report that states one."""
        for report in sorted(self.reports, key=lambda r: r.number, reverse=True):
            if report.progress is not None:
                return report.progress
        return None

    def _repr_html_(self) -> str:
        """What a notebook shows: a summary and a table of the progress reports.

        Dates in the Buddhist era with the ISO date beside them, money in baht
        with thousands separators. The responsible officer, the coordinator,
        the rationale, the objectives and the report narratives are not shown.

        >>> from datetime import date
        >>> p = Project("50490000-3632", "ดูแลนักเรียน", FiscalYear(2566), date(2022, 10, 1))
        >>> html = p._repr_html_()
        >>> "ปีงบประมาณ พ.ศ. 2566 (FY 2566)" in html, "1 ตุลาคม 2565 (2022-10-01)" in html
        (True, True)
        """
        return str(_project_html(self))


# --- notebook display --------------------------------------------------------------------------

_NAME_WIDTH = 200
_TARGET_WIDTH = 160


def _when(day: _dt.date | None) -> str:
    """A date in the Buddhist era (Thai, long form) with its ISO form, or "?"."""
    if day is None:
        return "?"
    return f"{format_date(day, 'long')} ({day.isoformat()})"


def _status(status: PlanStatus | TargetStatus | None) -> h.Cell:
    if status is None:
        return h.cell(h.MISSING)
    return h.cell(status.label_th, lang="th", title=status.label_en)


def _project_html(p: Project) -> h.Html:
    fy = p.fiscal_year
    target = ""
    if p.target is not None:
        # The description usually states the quantity ("… 1,000 คน"); else show the quantity.
        target = h.truncate(p.target.description, _TARGET_WIDTH)
        if not target and p.target.quantity is not None:
            target = f"{h.number(p.target.quantity)} {p.target.unit}".rstrip()
    period = h.MISSING
    if p.start is not None or p.end is not None:
        period = f"{_when(p.start)} – {_when(p.end)}"
    # (English label, Thai label, value, whether the value is Thai text)
    facts: list[tuple[str, str, object, bool]] = [
        ("code", "รหัสโครงการ", p.code or h.MISSING, False),
        ("name", "ชื่อโครงการ", h.truncate(p.name, _NAME_WIDTH) or h.MISSING, True),
        ("fiscal year", "ปีงบประมาณ", f"{fy.label_th} ({fy})" if fy else h.MISSING, True),
        ("period", "ระยะเวลาดำเนินการ", period, True),
        ("agency", "หน่วยงาน", str(p.agency or "") or h.MISSING, True),
        ("target", "เป้าหมาย", target or h.MISSING, True),
        ("budget allocated, baht", "งบประมาณที่ได้รับ (บาท)", h.money(p.budget_allocated), False),
        ("budget spent, baht", "งบประมาณที่ใช้ไป (บาท)", h.money(p.budget_spent), False),
        ("latest progress", "ความก้าวหน้าล่าสุด", h.percent(p.latest_progress), False),
        ("progress reports", "จำนวนรายงาน", len(p.reports), False),
    ]
    summary = h.table(
        (
            h.row(
                [
                    h.cell(h.labelled(en, th), header=True),
                    h.cell(value, lang="th" if is_thai else None),
                ]
            )
            for en, th, value, is_thai in facts
        ),
        caption=h.labelled("Project", "โครงการ"),
        class_="summary",
    )
    if p.reports:
        reports = h.table(
            (
                h.row(
                    [
                        h.cell(r.number, right=True),
                        h.cell(
                            format_date(r.date) if r.date else h.MISSING,
                            lang="th",
                            title=r.date.isoformat() if r.date else None,
                        ),
                        h.cell(h.percent(r.progress), right=True),
                        h.cell(h.money(r.disbursed), right=True),
                        _status(r.plan_status),
                        _status(r.target_status),
                    ]
                )
                for r in p.reports
            ),
            head=[h.labelled(en, th) for en, th in _REPORT_HEAD],
            caption=h.labelled("Progress reports", "รายงานความก้าวหน้า"),
            class_="reports",
        )
    else:
        reports = h.element("p", h.labelled("no progress reports", "ยังไม่มีรายงานความก้าวหน้า"))
    return h.element("div", summary, reports, class_="dropout-model project")


_REPORT_HEAD = (
    ("no.", "ครั้งที่"),
    ("date", "วันที่"),
    ("progress", "ความก้าวหน้า"),
    ("disbursed, baht", "เบิกจ่าย (บาท)"),
    ("plan status", "เทียบกับแผน"),
    ("target status", "เทียบกับเป้าหมาย"),
)
