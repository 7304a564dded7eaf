"""Risk assessments of students who may drop out, and the derived risk level (floor 3).

The risk level follows the ABC early-warning indicators (attendance,
behaviour, course performance; Balfanz, as in the Ed-Fi Analytics Middle Tier
early-warning sample thresholds) mapped onto the Thai student-care screening
categories ปกติ / เสี่ยง / มีปัญหา. The thresholds live in
:class:`RiskThresholds`, never inside the function.

>>> from datetime import date
>>> a = RiskAssessment("A-1", "S-1", date(2023, 6, 30), days_enrolled=40, days_absent=6)
>>> a.attendance_rate
Decimal('85')
>>> derive_risk_level(a)
<RiskLevel.AT_RISK: 'at_risk'>
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal

import attrs

from dropout_model import _model as m
from dropout_model.thaidate import Term

__all__ = [
    "PovertyClass",
    "RiskAssessment",
    "RiskFactor",
    "RiskLevel",
    "RiskThresholds",
    "derive_risk_level",
]


class PovertyClass(m.ThaiEnum):
    """Household poverty class from the EEF proxy-means test (form นร.01)."""

    NOT_POOR = ("not_poor", "ไม่ยากจน")
    POOR = ("poor", "ยากจน")
    EXTREMELY_POOR = ("extremely_poor", "ยากจนพิเศษ")


class RiskFactor(m.ThaiEnum):
    """Circumstances that put a student at risk of leaving school."""

    POVERTY = ("poverty", "ความยากจน")
    FAMILY = ("family", "ปัญหาครอบครัว")
    MIGRATION = ("migration", "ย้ายถิ่น")
    PREGNANCY = ("pregnancy", "ตั้งครรภ์")
    DISABILITY = ("disability", "ความพิการ")
    HEALTH = ("health", "สุขภาพ")
    TRAVEL_COST = ("travel_cost", "ค่าเดินทาง", "การคมนาคมไม่สะดวก")
    CHILD_LABOUR = ("child_labour", "แรงงานเด็ก")
    JUSTICE_SYSTEM = ("justice_system", "กระบวนการยุติธรรม")
    NO_CIVIL_REGISTRATION = ("no_civil_registration", "ไม่มีหลักฐานทางทะเบียนราษฎร")
    ACADEMIC = ("academic", "ผลการเรียน")
    LONG_ABSENCE = ("long_absence", "ขาดเรียนนาน")


@functools.total_ordering
class RiskLevel(m.ThaiEnum):
    """The Thai student-care screening level, ordered NORMAL < AT_RISK < PROBLEM.

    ≈ Ed-Fi "on track" / "early warning" / "at risk".
    """

    NORMAL = ("normal", "ปกติ")
    AT_RISK = ("at_risk", "เสี่ยง")
    PROBLEM = ("problem", "มีปัญหา")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return _LEVEL_RANK[self] < _LEVEL_RANK[other]


_LEVEL_RANK = {RiskLevel.NORMAL: 0, RiskLevel.AT_RISK: 1, RiskLevel.PROBLEM: 2}


@attrs.frozen
class RiskAssessment:
    """One screening of one student at one date.

    ``days_absent`` above ``days_enrolled`` is inconsistent but representable
    (rule A001). ``level`` is the level *recorded* by the school; compare it
    with :func:`derive_risk_level` (rule A003).
    """

    key: str = attrs.field(validator=m.v_str)
    student_key: str = attrs.field(validator=m.v_str)
    date: _dt.date = attrs.field(validator=m.v_date)
    term: Term | None = attrs.field(default=None, validator=m.instance_of(Term, optional=True))
    days_enrolled: int | None = attrs.field(default=None, validator=m.v_opt_count)
    days_absent: int | None = attrs.field(default=None, validator=m.v_opt_count)
    longest_absence: int | None = attrs.field(default=None, validator=m.v_opt_count)
    behaviour_incidents: int | None = attrs.field(default=None, validator=m.v_opt_count)
    failing_courses: int | None = attrs.field(default=None, validator=m.v_opt_count)
    income_per_person: Decimal | None = attrs.field(
        default=None, validator=m.v_opt_money, repr=False
    )
    poverty: PovertyClass | None = attrs.field(
        default=None, validator=m.instance_of(PovertyClass, optional=True)
    )
    factors: frozenset[RiskFactor] = attrs.field(
        default=frozenset(), validator=m.frozenset_of(RiskFactor)
    )
    level: RiskLevel | None = attrs.field(
        default=None, validator=m.instance_of(RiskLevel, optional=True)
    )

    @property
    def attendance_rate(self) -> Decimal | None:
        """Percent of enrolled days attended, or None without days enrolled."""
        if not self.days_enrolled or self.days_absent is None:
            return None
        attended = max(self.days_enrolled - self.days_absent, 0)
        return Decimal(attended * 100) / Decimal(self.days_enrolled)


@attrs.frozen
class RiskThresholds:
    """Thresholds of :func:`derive_risk_level`, with their sources.

    Attendance: below 80% is a problem (at-risk), below 88% an early warning
    (Ed-Fi Analytics Middle Tier early-warning sample; Balfanz ABC model; the
    EEF equity grant also requires 80% attendance). Behaviour: more than 5
    incidents a problem, more than 2 a warning (Ed-Fi sample). Courses: 2 or
    more failing courses (grade 0, ร, มส) a problem, 1 a warning. A continuous
    absence of 15 school days or more is a problem (the roll-removal ground
    "long continuous absence"; configurable). Any recorded risk factor, or an
    extremely poor household, is at least a warning.
    """

    attendance_problem: Decimal = attrs.field(default=Decimal(80), validator=m.v_percent)
    attendance_warning: Decimal = attrs.field(default=Decimal(88), validator=m.v_percent)
    behaviour_problem: int = attrs.field(default=5, validator=m.v_count)
    behaviour_warning: int = attrs.field(default=2, validator=m.v_count)
    failing_problem: int = attrs.field(default=2, validator=m.v_count)
    failing_warning: int = attrs.field(default=1, validator=m.v_count)
    long_absence_days: int = attrs.field(default=15, validator=m.v_count)
    factors_warn: bool = True


def derive_risk_level(
    assessment: RiskAssessment, thresholds: RiskThresholds | None = None
) -> RiskLevel:
    """The risk level the indicators of ``assessment`` imply under ``thresholds``.

    The most serious indicator decides; indicators that were not recorded
    (None) do not count.
    """
    t = thresholds if thresholds is not None else _DEFAULT_THRESHOLDS
    problem = warning = False
    rate = assessment.attendance_rate
    if rate is not None:
        problem |= rate < t.attendance_problem
        warning |= rate < t.attendance_warning
    if (n := assessment.behaviour_incidents) is not None:
        problem |= n > t.behaviour_problem
        warning |= n > t.behaviour_warning
    if (n := assessment.failing_courses) is not None:
        problem |= n >= t.failing_problem
        warning |= n >= t.failing_warning
    if (n := assessment.longest_absence) is not None:
        problem |= n >= t.long_absence_days
    if t.factors_warn:
        warning |= bool(assessment.factors) or assessment.poverty is PovertyClass.EXTREMELY_POOR
    if problem:
        return RiskLevel.PROBLEM
    return RiskLevel.AT_RISK if warning else RiskLevel.NORMAL


_DEFAULT_THRESHOLDS = RiskThresholds()
