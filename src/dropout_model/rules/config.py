"""Every threshold and table the consistency rules use, with its default and source.

Nothing a rule compares against is a literal inside the rule: it is a field of
:class:`RuleConfig` (DESIGN §2.5). The defaults follow the sources named in
each field's documentation; change them with :func:`attrs.evolve`:

>>> import attrs
>>> from decimal import Decimal
>>> config = RuleConfig()
>>> config.report_grace_days, config.attendance_condition, config.income_line
(30, Decimal('80'), Decimal('3000'))
>>> strict = attrs.evolve(config, report_grace_days=0)
>>> strict.report_grace_days
0

The scholarship rate table is dated: an entry applies from its
``valid_from`` date until a later entry for the same kind and grades:

>>> from datetime import date
>>> from dropout_model.scholarship import ScholarshipKind
>>> from dropout_model.student import GradeLevel
>>> config.rate_for(ScholarshipKind.EEF_EQUITY, GradeLevel.K2, date(2023, 5, 16))
Decimal('4000')
>>> config.rate_for(ScholarshipKind.EEF_EQUITY, GradeLevel.P4, date(2023, 5, 16))
Decimal('3000')
>>> config.rate_for(ScholarshipKind.EEF_EQUITY, GradeLevel.P4, date(2021, 5, 16)) is None
True
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import attrs

from dropout_model import _model as m
from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.risk import RiskThresholds
from dropout_model.scholarship import ScholarshipKind
from dropout_model.student import GradeLevel
from dropout_model.thaidate import SchoolCalendar

__all__ = ["DEFAULT_RATES", "AgeRules", "RateEntry", "RuleConfig"]

#: Source of the default rate table (domain research S16; DESIGN §4 Support).
_RATE_SOURCE = "BMA with EEF, September 2022 (thestandard.co/eef-scholarships)"


def _v_month_day(_: object, a: attrs.Attribute[Any], v: object) -> None:
    ok = (
        isinstance(v, tuple)
        and len(v) == 2
        and all(type(x) is int for x in v)
        and 1 <= v[0] <= 12
        and 1 <= v[1] <= 31
    )
    if not ok:
        msg = f"{a.name} must be a (month, day) tuple of ints such as (5, 16), got {v!r}"
        raise InvalidValueError(msg)


def _v_age_pair(_: object, a: attrs.Attribute[Any], v: object) -> None:
    ok = (
        isinstance(v, tuple)
        and len(v) == 2
        and all(type(x) is int for x in v)
        and 0 <= v[0] <= v[1] <= 30
    )
    if not ok:
        msg = f"{a.name} must be a (youngest, oldest) tuple of ages such as (6, 7), got {v!r}"
        raise InvalidValueError(msg)


@attrs.frozen
class AgeRules:
    """Ages that fit a grade (rule S003) and the compulsory-schooling ages (rule S008).

    Ages are counted in full years on the cut-off day (16 May) of the academic
    year, as the OBEC entry-age rule counts them.

    - ``p1_entry_ages`` = (6, 7): P1 takes children "entering their 7th
      year", counted by calendar year, so on 16 May a P1 entrant is 6 or 7
      years old [OBEC entry-age rule, academic year 2566; DESIGN §4]. Each
      grade above P1 adds a year; K1 is three years below P1 (K1 needs three
      full years).
    - ``over_age_years`` = 3: a student this many years or more above the
      youngest regular age of the grade is over-age (a *warning*: returning
      dropouts are over-age by definition) [UNICEF OOSCI, 5 Dimensions of
      Exclusion].
    - ``under_age_years`` = 0: a student younger than the youngest regular
      age minus this is under-age (an *error*).
    - ``cutoff`` = (5, 16): the day ages are counted to.
    - ``compulsory_ages`` = (7, 16): compulsory schooling runs from the year a
      child turns 7 to the year it turns 16 (age by calendar year), unless M3
      is passed [Compulsory Education Act BE 2545 (2002) s.4].
    """

    p1_entry_ages: tuple[int, int] = attrs.field(default=(6, 7), validator=_v_age_pair)
    over_age_years: int = attrs.field(default=3, validator=m.v_count)
    under_age_years: int = attrs.field(default=0, validator=m.v_count)
    cutoff: tuple[int, int] = attrs.field(default=(5, 16), validator=_v_month_day)
    compulsory_ages: tuple[int, int] = attrs.field(default=(7, 16), validator=_v_age_pair)

    def regular_ages(self, grade: GradeLevel) -> tuple[int, int]:
        """The (youngest, oldest) regular age for ``grade`` on the cut-off day.

        >>> AgeRules().regular_ages(GradeLevel.M1), AgeRules().regular_ages(GradeLevel.K1)
        ((12, 13), (3, 4))
        """
        shift = grade.index - 1
        return self.p1_entry_ages[0] + shift, self.p1_entry_ages[1] + shift


def _v_grades(_: object, a: attrs.Attribute[Any], v: object) -> None:
    ok = (
        isinstance(v, tuple)
        and len(v) == 2
        and all(isinstance(g, GradeLevel) for g in v)
        and not v[1] < v[0]
    )
    if not ok:
        msg = (
            f"{a.name} must be a (lowest, highest) tuple of GradeLevel such as "
            f"(GradeLevel.P1, GradeLevel.M3), got {v!r}"
        )
        raise InvalidValueError(msg)


@attrs.frozen
class RateEntry:
    """One line of the dated scholarship rate table (rule F001).

    ``amount`` is the most a student in ``grades`` (lowest, highest, both
    included) receives of ``kind`` in one academic year, for academic years
    that start on or after ``valid_from``, until a later entry for the same
    kind and grades replaces it.
    """

    valid_from: _dt.date = attrs.field(validator=m.v_date)
    kind: ScholarshipKind = attrs.field(validator=m.instance_of(ScholarshipKind))
    grades: tuple[GradeLevel, GradeLevel] = attrs.field(validator=_v_grades)
    amount: Decimal = attrs.field(validator=m.v_money)
    source: str = attrs.field(default="", validator=m.v_str)

    def covers(self, grade: GradeLevel) -> bool:
        """Whether ``grade`` lies in this entry's band of grades."""
        return not (grade < self.grades[0] or self.grades[1] < grade)


_AY2565 = _dt.date(2022, 5, 16)

#: The default rate table: BMA with EEF from academic year 2565, kindergarten 4,000 baht and
#: P1–M3 3,000 baht per student per academic year, for the EEF equity grant and the BMA
#: scholarship. Other kinds and grades (M4–M6) have no rate: F001 does not check them.
DEFAULT_RATES: tuple[RateEntry, ...] = tuple(
    RateEntry(_AY2565, kind, grades, Decimal(amount), _RATE_SOURCE)
    for kind in (ScholarshipKind.EEF_EQUITY, ScholarshipKind.BMA_SCHOLARSHIP)
    for grades, amount in (
        ((GradeLevel.K1, GradeLevel.K3), 4000),
        ((GradeLevel.P1, GradeLevel.M3), 3000),
    )
)


def _v_rates(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if not isinstance(v, tuple) or not all(isinstance(e, RateEntry) for e in v):
        msg = f"{a.name} must be a tuple of RateEntry, got {type(v).__name__}"
        raise InvalidTypeError(msg)


def _v_kinds(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if not isinstance(v, frozenset) or not all(isinstance(k, ScholarshipKind) for k in v):
        msg = f"{a.name} must be a frozenset of ScholarshipKind, got {type(v).__name__}"
        raise InvalidTypeError(msg)


def _v_phrases(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if not isinstance(v, tuple) or not all(type(s) is str and s.strip() for s in v):
        msg = f"{a.name} must be a tuple of non-empty str, got {v!r}"
        raise InvalidValueError(msg)


#: Project fields rule P006 may require, with their Thai names.
PROJECT_FIELD_LABELS_TH: dict[str, str] = {
    "code": "รหัสโครงการ",
    "name": "ชื่อโครงการ",
    "fiscal_year": "ปีงบประมาณ",
    "start": "วันเริ่มต้นโครงการ",
    "end": "วันสิ้นสุดโครงการ",
    "budget_allocated": "งบประมาณที่ได้รับ",
    "budget_spent": "งบประมาณที่ใช้ไป",
    "agency": "หน่วยงานที่รับผิดชอบ",
    "responsible": "ผู้รับผิดชอบ",
    "coordinator": "ผู้ประสานงาน สยป.",
    "rationale": "หลักการและเหตุผล",
    "objectives": "วัตถุประสงค์",
    "target": "เป้าหมาย",
    "plan": "การสนับสนุนแผนพัฒนา กทม.",
}


def _v_required(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if not isinstance(v, tuple) or not all(
        type(s) is str and s in PROJECT_FIELD_LABELS_TH for s in v
    ):
        known = ", ".join(PROJECT_FIELD_LABELS_TH)
        msg = f"{a.name} must be a tuple of Project field names (from: {known}), got {v!r}"
        raise InvalidValueError(msg)


@attrs.frozen
class RuleConfig:
    """Thresholds and tables of the consistency rules; frozen, with documented defaults.

    Project reports:

    - ``report_grace_days`` = 30 (R004): a report may be dated up to this many
      days after the project's end (a final report is written after the work
      ends). A programme setting, not a legal deadline.
    - ``schedule_variance_points`` = 20 (R006): an "on plan" report whose
      progress differs from the elapsed share of the period by more than this
      many percentage points is noted. Schedule variance against a linear
      baseline, as in earned-value practice; 20 points is about 10 weeks of a
      one-year project. A programme setting.
    - ``required_project_fields`` (P006): the fields of the printed form
      (แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ, sections 1.1–1.2)
      that must not be empty.
    - ``completion_phrases`` (R005): narrative phrases that say the work is
      finished ("ดำเนินการแล้วเสร็จ", as the BMA monitoring system's final
      reports write it), matched after :func:`dropout_model.thaitext.normalize`
      and with spaces removed; ``negations`` placed right before a phrase
      ("ยังไม่แล้วเสร็จ", "จะแล้วเสร็จ") cancel it.

    Students:

    - ``age`` (S003, S008): an :class:`AgeRules`.
    - ``dropout_follow_up_days`` = 30 (S008): a student who dropped out of
      compulsory schooling should be followed up within this many days (the
      programme's policy: the Education Office follows every dropout; the
      number is a programme setting).
    - ``follow_up_interval_days`` = 90 (S010): a follow-up-only student is
      visited at least this often ("followed up periodically", programme
      objectives 1.3; about once a term).

    Support:

    - ``rates`` (F001): the dated rate table, :data:`DEFAULT_RATES`; a
      one-term award is compared with ``term_share`` (½) of the yearly rate,
      since a year has two terms.
    - ``income_line`` = 3,000 baht per person per month (F004) for the kinds in
      ``income_line_kinds`` (the EEF equity grant) [EEF proxy-means test;
      DESIGN §4 Support].
    - ``attendance_condition`` = 80 percent (F006) for the kinds in
      ``attendance_condition_kinds`` (the EEF equity grant, a conditional cash
      transfer that needs 80% attendance) [EEF; DESIGN §4 Support].

    Composed:

    - ``risk``: the :class:`~dropout_model.risk.RiskThresholds` of the derived
      risk level (A003, F002).
    - ``calendar``: the :class:`~dropout_model.thaidate.SchoolCalendar` that
      places dates in academic years and terms (S003, F001).
    """

    report_grace_days: int = attrs.field(default=30, validator=m.v_count)
    schedule_variance_points: Decimal = attrs.field(default=Decimal(20), validator=m.v_percent)
    required_project_fields: tuple[str, ...] = attrs.field(
        default=(
            "code",
            "name",
            "fiscal_year",
            "start",
            "end",
            "agency",
            "responsible",
            "coordinator",
        ),
        validator=_v_required,
    )
    completion_phrases: tuple[str, ...] = attrs.field(
        default=("ดำเนินการแล้วเสร็จ", "แล้วเสร็จ"), validator=_v_phrases
    )
    negations: tuple[str, ...] = attrs.field(default=("ไม่", "จะ"), validator=_v_phrases)
    age: AgeRules = attrs.field(factory=AgeRules, validator=m.instance_of(AgeRules))
    dropout_follow_up_days: int = attrs.field(default=30, validator=m.v_count)
    follow_up_interval_days: int = attrs.field(default=90, validator=m.v_count)
    rates: tuple[RateEntry, ...] = attrs.field(default=DEFAULT_RATES, validator=_v_rates)
    term_share: Decimal = attrs.field(default=Decimal("0.5"), validator=m.v_money)
    income_line: Decimal = attrs.field(default=Decimal(3000), validator=m.v_money)
    income_line_kinds: frozenset[ScholarshipKind] = attrs.field(
        default=frozenset({ScholarshipKind.EEF_EQUITY}), validator=_v_kinds
    )
    attendance_condition: Decimal = attrs.field(default=Decimal(80), validator=m.v_percent)
    attendance_condition_kinds: frozenset[ScholarshipKind] = attrs.field(
        default=frozenset({ScholarshipKind.EEF_EQUITY}), validator=_v_kinds
    )
    risk: RiskThresholds = attrs.field(
        factory=RiskThresholds, validator=m.instance_of(RiskThresholds)
    )
    calendar: SchoolCalendar = attrs.field(
        factory=SchoolCalendar, validator=m.instance_of(SchoolCalendar)
    )

    def rate_for(
        self, kind: ScholarshipKind, grade: GradeLevel | None, on: _dt.date
    ) -> Decimal | None:
        """The yearly rate for ``kind`` and ``grade`` in force on ``on``, or None.

        Of the entries for ``kind`` whose band covers ``grade`` and whose
        ``valid_from`` is on or before ``on``, the latest applies (between two
        of one date, the narrower band). Without a grade: the highest rate any
        grade would get (an amount above it is above every band). None when no
        entry applies.
        """
        if grade is None:
            found = [r for g in GradeLevel if (r := self.rate_for(kind, g, on)) is not None]
            return max(found, default=None)
        best: RateEntry | None = None
        for entry in self.rates:
            if entry.kind is not kind or entry.valid_from > on or not entry.covers(grade):
                continue
            # The latest entry in force wins; between entries of one date, the narrower band.
            if best is None or (entry.valid_from, -_width(entry)) > (
                best.valid_from,
                -_width(best),
            ):
                best = entry
        return None if best is None else best.amount


def _width(entry: RateEntry) -> int:
    return entry.grades[1].index - entry.grades[0].index
