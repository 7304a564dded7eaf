"""Scholarships and other financial support, with their disbursements (floor 3).

>>> from datetime import date
>>> from decimal import Decimal
>>> from dropout_model.thaidate import AcademicYear
>>> s = Scholarship(
...     "F-1",
...     "S-1",
...     ScholarshipKind.EEF_EQUITY,
...     Funder.EEF,
...     Decimal(3000),
...     AcademicYear(2566),
...     awarded_on=date(2023, 6, 1),
... )
>>> s.kind.label_th, s.paid
('ทุนเสมอภาค', Decimal('0'))
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs

from dropout_model import _model as m
from dropout_model.errors import InvalidValueError
from dropout_model.thaidate import AcademicYear

__all__ = [
    "Disbursement",
    "Funder",
    "Scholarship",
    "ScholarshipKind",
    "ScholarshipStatus",
]


class ScholarshipKind(m.ThaiEnum):
    """Kinds of support that keep a student in school or bring one back."""

    EEF_EQUITY = ("eef_equity", "ทุนเสมอภาค", "ทุนเสมอภาค กสศ.")
    BMA_SCHOLARSHIP = ("bma_scholarship", "ทุนการศึกษา กทม.", "ทุนการศึกษา")
    DAILY_EXPENSES = ("daily_expenses", "ค่าใช้จ่ายประจำวัน")
    TRAVEL = ("travel", "ค่าเดินทาง")
    TRANSITION_GRADE = ("transition_grade", "ทุนชั้นรอยต่อ")
    FREE_SCHOOLING = ("free_schooling", "เรียนฟรี ชุดฟรี", "ค่าเล่าเรียนและชุดนักเรียน")
    OTHER = ("other", "อื่น ๆ", "อื่นๆ")


class Funder(m.ThaiEnum):
    """Who pays."""

    EEF = ("eef", "กสศ.", "กองทุนเพื่อความเสมอภาคทางการศึกษา")
    BMA = ("bma", "กทม.", "กรุงเทพมหานคร")
    OTHER = ("other", "อื่น ๆ", "อื่นๆ")


class ScholarshipStatus(m.ThaiEnum):
    """Where an award stands."""

    APPROVED = ("approved", "อนุมัติ")
    ACTIVE = ("active", "กำลังจ่าย")
    SUSPENDED = ("suspended", "ระงับ")
    CANCELLED = ("cancelled", "ยกเลิก")
    COMPLETED = ("completed", "จ่ายครบ")


@attrs.frozen
class Disbursement:
    """One payment, with the attendance rate (percent) that was the condition for it."""

    date: _dt.date = attrs.field(validator=m.v_date)
    amount: Decimal = attrs.field(validator=m.v_money)
    attendance: Decimal | None = attrs.field(default=None, validator=m.v_opt_percent)


def _check_term(_: object, a: attrs.Attribute[int | None], v: int | None) -> None:
    if v is not None and (type(v) is not int or v not in (1, 2)):
        msg = f"{a.name} must be 1, 2 or None (a whole-year award), got {v!r}"
        raise InvalidValueError(msg)


@attrs.frozen
class Scholarship:
    """An award of support to one student for an academic year (or one term of it)."""

    key: str = attrs.field(validator=m.v_str)
    student_key: str = attrs.field(validator=m.v_str)
    kind: ScholarshipKind = attrs.field(validator=m.instance_of(ScholarshipKind))
    funder: Funder = attrs.field(validator=m.instance_of(Funder))
    amount: Decimal = attrs.field(validator=m.v_money)
    academic_year: AcademicYear = attrs.field(validator=m.instance_of(AcademicYear))
    term: int | None = attrs.field(default=None, validator=_check_term)
    awarded_on: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    assessment_key: str | None = attrs.field(default=None, validator=m.v_opt_str)
    status: ScholarshipStatus = attrs.field(
        default=ScholarshipStatus.APPROVED, validator=m.instance_of(ScholarshipStatus)
    )
    disbursements: tuple[Disbursement, ...] = attrs.field(
        default=(), validator=m.tuple_of(Disbursement)
    )

    @property
    def paid(self) -> Decimal:
        """The sum of the disbursements."""
        return sum((d.amount for d in self.disbursements), Decimal(0))
