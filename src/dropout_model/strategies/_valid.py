"""Strategies for valid, internally consistent model objects (hypothesis).

Every strategy builds its value with ``@st.composite`` or ``st.builds`` from
integer offsets and small tables, so that it shrinks towards the ordinary case:
empty tuples, the first day of the programme (1 October 2021, the start of
fiscal year 2565), the first entry of each table. Nothing is filtered: each
value is built valid, so generation stays fast. Dates lie within the
programme's fiscal years 2565–2568 (:data:`PROGRAMME_START` –
:data:`PROGRAMME_END`) unless an argument says otherwise.

Importing this module registers every strategy with
:func:`hypothesis.strategies.register_type_strategy`, so that
``st.from_type(Student)`` works.
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Final, TypeVar

import attrs
from hypothesis import strategies as st

from dropout_model.caseload import Caseload
from dropout_model.errors import InvalidValueError
from dropout_model.ids import CitizenId, GCode, ProjectCode, SchoolCode, citizen_id_check_digit
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
from dropout_model.risk import (
    PovertyClass,
    RiskAssessment,
    RiskFactor,
    RiskLevel,
    RiskThresholds,
    derive_risk_level,
)
from dropout_model.rules import RuleConfig
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
from dropout_model.strategies import _tables as t
from dropout_model.student import (
    Decider,
    Enrollment,
    EnrollmentStatus,
    EntryType,
    ExamAttempt,
    ExamResult,
    ExitReason,
    FollowUp,
    FollowUpMethod,
    GradeLevel,
    OnlineLearning,
    Pathway,
    PathwayKind,
    ProviderKind,
    School,
    Sex,
    Student,
    VocationalTraining,
)
from dropout_model.thaidate import AcademicYear, FiscalYear, Term
from dropout_model.thaitext import to_thai_digits

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "PROGRAMME_END",
    "PROGRAMME_START",
    "academic_years",
    "agencies",
    "caseloads",
    "citizen_ids",
    "dates_in",
    "disbursements",
    "enrollments",
    "exam_attempts",
    "fiscal_years",
    "follow_ups",
    "g_codes",
    "online_learning",
    "pathways",
    "plan_alignments",
    "plan_refs",
    "progress_reports",
    "project_codes",
    "projects",
    "risk_assessments",
    "risk_thresholds",
    "scholarships",
    "school_codes",
    "schools",
    "students",
    "targets",
    "terms",
    "thai_names",
    "vocational_training",
]

#: First day of the programme's first fiscal year (FY 2565).
PROGRAMME_START: Final = _dt.date(2021, 10, 1)
#: Last day of the programme's last fiscal year (FY 2568).
PROGRAMME_END: Final = _dt.date(2025, 9, 30)

_DAY: Final = _dt.timedelta(days=1)
_GRADES: Final = tuple(GradeLevel)
_SEXES: Final = tuple(Sex)
#: Grade indexes (P1 = 1, K1 = −2) in the order a minimal example prefers:
#: the compulsory grades first, then upper secondary, then kindergarten.
_GRADE_ORDER: Final = (*range(1, 10), 10, 11, 12, 0, -1, -2)
#: The consistency rules' defaults: generated data is valid under them.
_CONFIG: Final = RuleConfig()
#: The EEF income line: at most 3,000 baht per person per month [EEF, DESIGN §4].
_INCOME_LINE: Final = _CONFIG.income_line
#: The EEF "extremely poor" cut-off, about 1,281 baht in 2018 [Nation 2018]; approximate.
_EXTREME_POVERTY: Final = Decimal(1281)
#: Attendance the EEF grant requires to keep paying (80%) [EEF FAQ].
_ATTENDANCE_CONDITION: Final = int(_CONFIG.attendance_condition.to_integral_value(ROUND_CEILING))
#: Days within which a dropout is followed up, and between visits (30 and 90 by default).
_FOLLOW_UP_GAP: Final = min(_CONFIG.dropout_follow_up_days, _CONFIG.follow_up_interval_days)
_ADULT_AGE: Final = 15

_T = TypeVar("_T")
PeriodLike = FiscalYear | AcademicYear | Term | tuple[_dt.date, _dt.date]

# ---------------------------------------------------------------------------------------------
# small helpers


_BOOL: Final = st.booleans()


@functools.lru_cache(maxsize=4096)
def _ints(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)


def _int(draw: st.DrawFn, lo: int, hi: int) -> int:
    """An int in [lo, hi], shrinking to ``lo`` (one cached strategy per range: fast)."""
    return draw(_ints(lo, hi)) if hi > lo else lo


def _bool(draw: st.DrawFn) -> bool:
    return draw(_BOOL)


def _pick(draw: st.DrawFn, items: Sequence[_T]) -> _T:
    """One of ``items``, shrinking to the first."""
    return items[_int(draw, 0, len(items) - 1)]


def _opt(draw: st.DrawFn, lo: int, hi: int) -> int | None:
    """None (the simplest) or an int in [lo, hi]."""
    return _int(draw, lo, hi) if _bool(draw) else None


def _day(draw: st.DrawFn, lo: _dt.date, hi: _dt.date) -> _dt.date:
    """A day in [lo, hi], shrinking to ``lo``."""
    return lo + _dt.timedelta(days=_int(draw, 0, (hi - lo).days))


def _increasing(
    draw: st.DrawFn, lo: _dt.date, hi: _dt.date, n: int, *, max_gap: int | None = None
) -> list[_dt.date]:
    """``n`` strictly increasing days in [lo, hi], or as many as fit (none if hi < lo).

    Each step may use at most twice its fair share of the room left, so the
    days spread over the span instead of bunching at its start or end.
    """
    out: list[_dt.date] = []
    cur = lo
    for left in range(min(n, (hi - lo).days + 1), 0, -1):
        room = (hi - cur).days - (left - 1)
        limit = room if left == 1 else 2 * room // left
        if max_gap is not None:
            limit = min(limit, max_gap)
        day = cur + _dt.timedelta(days=_int(draw, 0, limit))
        out.append(day)
        cur = day + _DAY
    return out


def _grade(index: int) -> GradeLevel:
    return _GRADES[index + 2]


def _bounds(period: PeriodLike) -> tuple[_dt.date, _dt.date]:
    if isinstance(period, FiscalYear):
        return period.start, period.end
    if isinstance(period, AcademicYear | Term):
        return period.start(), period.end()
    lo, hi = period
    return lo, hi


def _age(birth: _dt.date, on: _dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _baht(n: int) -> Decimal:
    return Decimal(n)


# ---------------------------------------------------------------------------------------------
# identifiers and periods


def citizen_ids(*, valid: bool = True) -> st.SearchStrategy[CitizenId]:
    """Thai citizen IDs; with ``valid=False`` every ID fails its check digit (rule S001).

    Person type 1 (Thai, birth registered on time) comes first, then the other
    types a child can have; digits 2–3 are a province code.

    >>> from hypothesis import find
    >>> find(citizen_ids(), lambda c: True).is_valid
    True
    >>> find(citizen_ids(valid=False), lambda c: True).is_valid
    False
    """
    return st.builds(
        _citizen_id,
        st.sampled_from((1, 2, 5, 6, 7, 8)),
        st.integers(10, 96),
        st.integers(0, 10**9 - 1),
        st.just(0) if valid else st.integers(1, 9),
    )


def _citizen_id(person_type: int, province: int, serial: int, wrong: int = 0) -> CitizenId:
    first12 = f"{person_type}{province:02d}{serial:09d}"
    return CitizenId(first12 + str((citizen_id_check_digit(first12) + wrong) % 10))


def g_codes(*, min_be: int = 2564, max_be: int = 2568) -> st.SearchStrategy[GCode]:
    """G-codes for learners without civil registration: ``G`` + BE year 2 + province 2 + serial 8.

    Bangkok's province code ``10`` comes first; the year of issue is ``min_be`` … ``max_be``.
    """
    _years("g_codes", AcademicYear, min_be, max_be)
    return st.builds(
        lambda year, province, serial: GCode(f"G{year % 100:02d}{province:02d}{serial:08d}"),
        st.integers(min_be, max_be),
        st.sampled_from((10, 11, 12, 13, 42, 73)),
        st.integers(1, 10**8 - 1),
    )


_AGENCY_CODES: Final = ("50490000", "50480000", "50000000", "51000000")


def _project_code(draw: st.DrawFn) -> ProjectCode:
    return ProjectCode(_pick(draw, _AGENCY_CODES), f"{_int(draw, 1, 9999):04d}")


_project_codes = st.composite(_project_code)


def project_codes() -> st.SearchStrategy[ProjectCode]:
    """Well-formed project codes, the sample's agency ``50490000`` first."""
    return _project_codes()


def school_codes(*, bma: bool = True) -> st.SearchStrategy[SchoolCode]:
    """10-digit school codes; BMA codes start ``31`` (``bma=False``: other affiliations)."""
    head = st.just(31) if bma else st.integers(10, 30)
    return st.builds(
        lambda h, rest: SchoolCode(f"{h:02d}{rest:08d}"), head, st.integers(0, 10**8 - 1)
    )


def _years(what: str, cls: type[FiscalYear | AcademicYear], low: int, high: int) -> None:
    """Refuse a BE year range that is empty or that ``cls`` refuses, before drawing."""
    cls(low), cls(high)  # ThaiDateError / InvalidTypeError for years the type refuses
    if low > high:
        msg = f"{what}: min_be ({low}) is after max_be ({high}); pass min_be <= max_be"
        raise InvalidValueError(msg)


def fiscal_years(*, min_be: int = 2565, max_be: int = 2570) -> st.SearchStrategy[FiscalYear]:
    """Fiscal years ``min_be`` … ``max_be`` (BE), shrinking to the first.

    >>> from hypothesis import find
    >>> find(fiscal_years(), lambda fy: True)
    FiscalYear(be_year=2565)
    """
    _years("fiscal_years", FiscalYear, min_be, max_be)
    return st.integers(min_be, max_be).map(FiscalYear)


def academic_years(*, min_be: int = 2565, max_be: int = 2568) -> st.SearchStrategy[AcademicYear]:
    """Academic years ``min_be`` … ``max_be`` (BE), shrinking to the first."""
    _years("academic_years", AcademicYear, min_be, max_be)
    return st.integers(min_be, max_be).map(AcademicYear)


def terms(*, min_be: int = 2565, max_be: int = 2568) -> st.SearchStrategy[Term]:
    """Terms 1 and 2 of the academic years ``min_be`` … ``max_be``."""
    return st.builds(Term, academic_years(min_be=min_be, max_be=max_be), st.sampled_from((1, 2)))


def dates_in(period: PeriodLike | None = None) -> st.SearchStrategy[_dt.date]:
    """Days within a fiscal year, academic year, term or ``(first, last)`` pair.

    Without a period: the programme's fiscal years 2565–2568. Shrinks to the first day.

    >>> from hypothesis import find
    >>> find(dates_in(FiscalYear(2566)), lambda d: True)
    datetime.date(2022, 10, 1)
    """
    lo, hi = _bounds(period) if period is not None else (PROGRAMME_START, PROGRAMME_END)
    if hi < lo:
        msg = (
            f"dates_in: the period ends ({hi.isoformat()}) before it starts ({lo.isoformat()}); "
            "pass a (first, last) pair with first <= last"
        )
        raise InvalidValueError(msg)
    return st.integers(0, (hi - lo).days).map(lambda n: lo + _dt.timedelta(days=n))


# ---------------------------------------------------------------------------------------------
# names and schools


def thai_names(*, sex: Sex | None = None, adult: bool | None = None) -> st.SearchStrategy[str]:
    """Invented Thai names with a title: ด.ช./ด.ญ. for children under 15, นาย/นางสาว after.

    >>> from hypothesis import find
    >>> find(thai_names(sex=Sex.FEMALE, adult=False), lambda n: True)
    'ด.ญ. ธนพร ใจดี'
    """
    sexes = st.just(sex) if sex is not None else st.sampled_from(tuple(Sex))
    adults = st.just(adult) if adult is not None else st.booleans()
    return st.builds(
        _name, sexes, adults, st.integers(0, len(t.BOYS) - 1), st.sampled_from(t.SURNAMES)
    )


def _draw_name(draw: st.DrawFn, sex: Sex, *, adult: bool) -> str:
    return _name(sex, adult, _int(draw, 0, len(t.BOYS) - 1), _pick(draw, t.SURNAMES))


def _name(sex: Sex, adult: bool, given: int, surname: str) -> str:
    if sex is Sex.MALE:
        return f"{'นาย' if adult else 'ด.ช.'} {t.BOYS[given]} {surname}"
    return f"{'นางสาว' if adult else 'ด.ญ.'} {t.GIRLS[given]} {surname}"


def _school(stem: int) -> School:
    name, district = t.SCHOOLS[stem]
    code = SchoolCode(f"3110{district + 1:02d}{stem + 1:04d}")
    return School(f"โรงเรียน{name}", code, t.DISTRICTS[district])


_SCHOOL_TABLE: Final = tuple(_school(i) for i in range(len(t.SCHOOLS)))


def schools() -> st.SearchStrategy[School]:
    """BMA schools: a code starting ``31`` (``31`` + province ``10`` + district + serial), a
    name and a Bangkok district; one school always has the same code.

    >>> from hypothesis import find
    >>> s = find(schools(), lambda s: True)
    >>> s.name, str(s.code), s.district
    ('โรงเรียนวัดทุ่งครุ', '3110490001', 'ทุ่งครุ')
    """
    return st.sampled_from(_SCHOOL_TABLE)


# ---------------------------------------------------------------------------------------------
# project side


def plan_refs() -> st.SearchStrategy[PlanRef]:
    """Strategies of the BMA 20-year plan with their titles (``7`` first, now and then in
    Thai digits)."""
    return st.builds(
        lambda pair, thai: PlanRef(to_thai_digits(str(pair[0])) if thai else str(pair[0]), pair[1]),
        st.sampled_from(t.PLAN_STRATEGIES),
        st.booleans(),
    )


def _plan_alignment(draw: st.DrawFn) -> PlanAlignment:
    number, title = _pick(draw, t.PLAN_STRATEGIES)
    sub = _int(draw, 1, 5)
    goal = _int(draw, 1, 4)
    indicator = _int(draw, 1, 3)
    thai = _bool(draw)

    def num(*parts: int) -> str:
        text = ".".join(map(str, parts))
        return to_thai_digits(text) if thai else text

    return PlanAlignment(
        strategy=PlanRef(num(number), title),
        sub_strategy=PlanRef(num(number, sub), _pick(draw, t.PLAN_SUB_TITLES)),
        goal=PlanRef(num(number, sub, goal), _pick(draw, t.PLAN_GOAL_TITLES)),
        indicator=PlanRef(num(number, sub, goal, indicator), _pick(draw, t.INDICATOR_TITLES)),
    )


_plan_alignments = st.composite(_plan_alignment)


def plan_alignments() -> st.SearchStrategy[PlanAlignment]:
    """Plan alignments whose numbers nest: strategy ``7``, sub-strategy ``7.2``, goal
    ``7.2.2``, indicator ``7.2.2.1`` (ASCII or Thai digits, one kind per alignment)."""
    return _plan_alignments()


#: District offices, the sample printout's (ทุ่งครุ) first.
_OFFICES: Final = tuple(f"สำนักงานเขต{d}" for d in (*t.DISTRICTS[48:], *t.DISTRICTS[:48]))


def _agency(draw: st.DrawFn) -> Agency:
    return Agency((_pick(draw, _OFFICES), *_pick(draw, t.UNITS)))


_agency_strategy = st.composite(_agency)


def agencies() -> st.SearchStrategy[Agency]:
    """Responsible agencies as paths of units: a district office (สำนักงานเขต…), then units."""
    return _agency_strategy()


def _target(draw: st.DrawFn) -> Target:
    n = _int(draw, 1, 3000)
    text = f"นักเรียนจากทุกโรงเรียนในสังกัด กทม. ได้รับทุนการศึกษา {n:,} คน"
    return Target(text, Decimal(n), "คน")


_targets = st.composite(_target)


def targets() -> st.SearchStrategy[Target]:
    """Project targets: a number of scholarship recipients, with its quantity and unit."""
    return _targets()


def _plan_status(progress: Decimal, day: _dt.date, start: _dt.date, end: _dt.date) -> PlanStatus:
    """The status the schedule variance implies: on plan within 5 points of the elapsed share."""
    span = max((end - start).days, 1)
    elapsed = Decimal(min(max((day - start).days, 0), span) * 100) / span
    if progress - elapsed > 5:
        return PlanStatus.AHEAD
    if elapsed - progress > 5:
        return PlanStatus.BEHIND
    return PlanStatus.ON_PLAN


def _report(
    draw: st.DrawFn,
    *,
    number: int,
    day: _dt.date,
    progress: int,
    disbursed: int,
    start: _dt.date,
    end: _dt.date,
) -> ProgressReport:
    pct = Decimal(progress * 100).scaleb(-2)  # printed with two decimals: 50.00
    narrative = t.NARRATIVE_DONE if progress == 100 else _pick(draw, t.NARRATIVES)
    status = _plan_status(pct, day, start, end)
    met = TargetStatus.NOT_MET if status is PlanStatus.BEHIND else TargetStatus.MET
    return ProgressReport(number, day, narrative, pct, _baht(disbursed), status, met)


@st.composite
def _progress_report(draw: st.DrawFn) -> ProgressReport:
    fy = FiscalYear(_int(draw, 2565, 2568))
    day = _day(draw, fy.start, fy.end)
    return _report(
        draw,
        number=_int(draw, 1, 12),
        day=day,
        progress=_int(draw, 0, 100),
        disbursed=_int(draw, 0, 500_000),
        start=fy.start,
        end=fy.end,
    )


def progress_reports() -> st.SearchStrategy[ProgressReport]:
    """Single progress reports: progress with two decimals, the narrative "ดำเนินการแล้วเสร็จ"
    exactly at 100%, the plan status the schedule variance implies within a fiscal year."""
    return _progress_report()


def _report_days(
    draw: st.DrawFn, fy: FiscalYear, start: _dt.date, end: _dt.date, *, low: int, high: int
) -> list[_dt.date]:
    """Increasing report days in [start, end], quarter by quarter with no quarter skipped.

    Reports fill the fiscal quarters 1..k, each quarter at least one (rule R007:
    every quarter that ended before the latest report holds a report).
    """
    n = _int(draw, low, high)
    if n == 0:
        return []
    k = _int(draw, 1, min(n, 4))
    counts = [1] * k
    for _ in range(n - k):
        counts[_int(draw, 0, k - 1)] += 1
    days: list[_dt.date] = []
    for q, count in enumerate(counts, start=1):
        lo = max(fy.quarter_start(q), start)
        hi = min(fy.quarter_end(q), end)
        days.extend(_increasing(draw, lo, hi, count))
    return days


@st.composite
def _project(
    draw: st.DrawFn, fiscal_year: FiscalYear | None, min_reports: int, max_reports: int
) -> Project:
    fy = fiscal_year or FiscalYear(_int(draw, 2565, 2568))
    start = fy.start + _dt.timedelta(days=_int(draw, 0, 90))
    end = fy.end - _dt.timedelta(days=_int(draw, 0, 90))
    allocated = _int(draw, 0, 5_000_000)
    reports: list[ProgressReport] = []
    progress = spent = 0
    for number, day in enumerate(
        _report_days(draw, fy, start, end, low=min_reports, high=max_reports), 1
    ):
        progress += _int(draw, 0, 100 - progress)
        disbursed = _int(draw, 0, allocated - spent)
        spent += disbursed
        reports.append(
            _report(
                draw,
                number=number,
                day=day,
                progress=progress,
                disbursed=disbursed,
                start=start,
                end=end,
            )
        )
    return Project(
        code=str(_project_code(draw)),
        name=_pick(draw, t.PROJECT_NAMES),
        fiscal_year=fy,
        start=start,
        end=end,
        budget_allocated=_baht(allocated),
        budget_spent=_baht(spent),
        agency=_agency(draw),
        responsible=_pick(draw, ("ฝ่ายการศึกษา", "สำนักการศึกษา")),
        coordinator=_draw_name(draw, _pick(draw, _SEXES), adult=True),
        rationale=t.RATIONALE,
        objectives=t.OBJECTIVES,
        target=_target(draw),
        plan=_plan_alignment(draw),
        reports=tuple(reports),
    )


def projects(
    *, fiscal_year: FiscalYear | None = None, min_reports: int = 0, max_reports: int = 12
) -> st.SearchStrategy[Project]:
    """Consistent projects of fiscal years 2565–2568 (or ``fiscal_year``).

    The code is well formed; start ≤ end, both within the fiscal year: the
    start within its first 90 days, the end within its last 90 (the period
    shrinks to the whole year); reports are numbered 1..n with strictly
    increasing dates inside the period and non-decreasing cumulative progress;
    the disbursements sum to ``budget_spent`` ≤ ``budget_allocated``; plan
    numbers nest; responsible, coordinator, agency, target and plan are set;
    the narrative "ดำเนินการแล้วเสร็จ" appears exactly at 100%.
    """
    if not 0 <= min_reports <= max_reports:
        msg = f"projects: need 0 <= min_reports <= max_reports, got {min_reports}, {max_reports}"
        raise InvalidValueError(msg)
    return _project(fiscal_year, min_reports, max_reports)


# ---------------------------------------------------------------------------------------------
# student side: parts


def _exit_and_reason(
    draw: st.DrawFn, entry: _dt.date, hi: _dt.date
) -> tuple[_dt.date | None, ExitReason | None]:
    if not _bool(draw):
        return None, None
    return _day(draw, entry, hi), _pick(draw, tuple(ExitReason))


@st.composite
def _enrollment(draw: st.DrawFn) -> Enrollment:
    entry = _day(draw, PROGRAMME_START, PROGRAMME_END)
    exit_date, reason = _exit_and_reason(draw, entry, PROGRAMME_END)
    return Enrollment(
        _pick(draw, _SCHOOL_TABLE),
        entry,
        _pick(draw, tuple(EntryType)),
        _pick(draw, _GRADES),
        exit_date,
        reason,
    )


def enrollments() -> st.SearchStrategy[Enrollment]:
    """Single enrollments: exit on or after entry, and an exit reason exactly when exited."""
    return _enrollment()


def _exam(draw: st.DrawFn, lo: _dt.date, hi: _dt.date) -> ExamAttempt:
    return ExamAttempt(
        _day(draw, lo, hi),
        _pick(draw, t.EXAM_SUBJECTS),
        _pick(draw, tuple(ExamResult)),
    )


@st.composite
def _exam_alone(draw: st.DrawFn) -> ExamAttempt:
    return _exam(draw, PROGRAMME_START, PROGRAMME_END)


def exam_attempts() -> st.SearchStrategy[ExamAttempt]:
    """Online exam attempts: a date in the programme, a school subject, a result."""
    return _exam_alone()


def _online(draw: st.DrawFn, lo: _dt.date, hi: _dt.date) -> OnlineLearning:
    total = _int(draw, 0, 120)
    done = _int(draw, 0, total)
    ready_on = _day(draw, lo, hi) if _bool(draw) else None
    exams: tuple[ExamAttempt, ...] = ()
    if ready_on is not None:
        days = _increasing(draw, ready_on, hi, _int(draw, 0, 3))
        exams = tuple(
            ExamAttempt(d, _pick(draw, t.EXAM_SUBJECTS), _pick(draw, tuple(ExamResult)))
            for d in days
        )
    return OnlineLearning(done, total, ready_on, exams)


@st.composite
def _online_alone(draw: st.DrawFn) -> OnlineLearning:
    return _online(draw, PROGRAMME_START, PROGRAMME_END)


def online_learning() -> st.SearchStrategy[OnlineLearning]:
    """Online learning: lessons completed ≤ total, exams only on or after the declared readiness."""
    return _online_alone()


def _vocational(draw: st.DrawFn, lo: _dt.date, hi: _dt.date) -> VocationalTraining:
    kind = _pick(draw, tuple(ProviderKind))
    table = t.TRAINING_CENTRES if kind is ProviderKind.TRAINING_CENTRE else t.VOCATIONAL_SCHOOLS
    start = _day(draw, lo, hi) if _bool(draw) else None
    end = _day(draw, start, hi) if start is not None and _bool(draw) else None
    qualified = end is not None and _bool(draw)
    return VocationalTraining(
        _pick(draw, table),
        kind,
        _pick(draw, t.COURSES),
        start,
        end,
        _pick(draw, t.QUALIFICATIONS) if qualified else "",
        _pick(draw, (GradeLevel.M3, GradeLevel.P6, GradeLevel.M6)) if qualified else None,
    )


def vocational_training() -> st.SearchStrategy[VocationalTraining]:
    """Vocational training at a BMA centre or school of the matching kind; start ≤ end; a
    qualification only once the training ended."""
    return _vocational_alone()


@st.composite
def _vocational_alone(draw: st.DrawFn) -> VocationalTraining:
    return _vocational(draw, PROGRAMME_START, PROGRAMME_END)


_FACTORS: Final = st.frozensets(st.sampled_from(tuple(RiskFactor)), max_size=3)
_DROPOUT_PATHWAYS: Final = (
    PathwayKind.FOLLOW_UP_ONLY,
    PathwayKind.ONLINE_LEARNING,
    PathwayKind.VOCATIONAL_TRAINING,
)


def _pathway(draw: st.DrawFn, kind: PathwayKind, lo: _dt.date, hi: _dt.date) -> Pathway:
    decided_on = _day(draw, lo, hi)
    online = _online(draw, decided_on, hi) if kind is PathwayKind.ONLINE_LEARNING else None
    vocational = (
        _vocational(draw, decided_on, hi) if kind is PathwayKind.VOCATIONAL_TRAINING else None
    )
    return Pathway(kind, decided_on, _pick(draw, tuple(Decider)), online, vocational)


def pathways(*, kind: PathwayKind | None = None) -> st.SearchStrategy[Pathway]:
    """Pathways with the details their kind needs (online learning or vocational training),
    dated after the decision."""
    return _pathway_alone(kind)


@st.composite
def _pathway_alone(draw: st.DrawFn, kind: PathwayKind | None) -> Pathway:
    k = kind if kind is not None else _pick(draw, tuple(PathwayKind))
    return _pathway(draw, k, PROGRAMME_START, PROGRAMME_END)


def _follow_up(draw: st.DrawFn, day: _dt.date) -> FollowUp:
    return FollowUp(
        day,
        _pick(draw, tuple(FollowUpMethod)),
        _pick(draw, t.FOLLOW_UP_OUTCOMES),
    )


def follow_ups() -> st.SearchStrategy[FollowUp]:
    """Single follow-up contacts: a date in the programme, a method, an outcome (maybe empty)."""
    return _follow_up_alone()


@st.composite
def _follow_up_alone(draw: st.DrawFn) -> FollowUp:
    return _follow_up(draw, _day(draw, PROGRAMME_START, PROGRAMME_END))


# ---------------------------------------------------------------------------------------------
# students

_OPEN: Final = frozenset(
    {EnrollmentStatus.ENROLLED, EnrollmentStatus.LONG_ABSENCE, EnrollmentStatus.RETURNED}
)
_LAST_EXIT: Final = {
    EnrollmentStatus.DROPPED_OUT: ExitReason.DROPOUT,
    EnrollmentStatus.TRANSFERRED: ExitReason.TRANSFERRED,
    EnrollmentStatus.COMPLETED: ExitReason.COMPLETED,
    EnrollmentStatus.DECEASED: ExitReason.DECEASED,
}


def _identity(draw: st.DrawFn, serial: int, first_ay: int) -> tuple[CitizenId | None, GCode | None]:
    """A citizen ID (valid check digit) or, now and then, a G-code; unique per ``serial``.

    Both branches draw alike, so that a minimal example has a citizen ID.
    """
    person_type = _pick(draw, (1, 2, 7, 5, 6, 8))
    district = _int(draw, 1, 50)  # digits 4-5: the Bangkok district of registration
    if _bool(draw):
        return None, GCode(f"G{first_ay % 100:02d}10{serial:08d}")
    return _citizen_id(person_type, 10, district * 10**7 + serial), None


def _after_dropout(
    draw: st.DrawFn,
    status: EnrollmentStatus,
    entries: Sequence[_dt.date],
    exits: Sequence[_dt.date],
) -> tuple[Pathway | None, tuple[FollowUp, ...]]:
    """The pathway and follow-ups of a student who dropped out (none for the others)."""
    pathway: Pathway | None = None
    if status is EnrollmentStatus.RETURNED:  # dropped out of the second-last stay, then came back
        dropped = exits[len(entries) - 2]
        if _bool(draw):
            pathway = _pathway(draw, PathwayKind.RETURN_TO_SCHOOL, dropped, entries[-1])
    elif status is EnrollmentStatus.DROPPED_OUT:
        dropped = exits[-1]
        if _bool(draw):
            kind = _pick(draw, _DROPOUT_PATHWAYS)
            pathway = _pathway(draw, kind, dropped, PROGRAMME_END)
    else:
        return None, ()
    visits = _int(draw, 0, 4)
    first = dropped + _DAY
    if pathway is not None and pathway.kind is PathwayKind.FOLLOW_UP_ONLY:
        # Visited at least once, from the decision on, every 30 days at most (rule S010).
        visits = max(visits, 1)
        first = pathway.decided_on or dropped
    days = _increasing(draw, first, PROGRAMME_END, visits, max_gap=_FOLLOW_UP_GAP - 1)
    return pathway, tuple(_follow_up(draw, d) for d in days)


def _draw_student(
    draw: st.DrawFn, key: str, serial: int, status: EnrollmentStatus | None
) -> Student:
    status = status if status is not None else _pick(draw, tuple(EnrollmentStatus))
    sex = _pick(draw, tuple(Sex))
    if status is EnrollmentStatus.NEVER_ENROLLED:
        birth = _dt.date(PROGRAMME_START.year - 7 - _int(draw, 0, 8), 1, 1)
        birth += _dt.timedelta(days=_int(draw, 0, 364))
        cid, gcode = _identity(draw, serial, AcademicYear.of(PROGRAMME_START).be_year)
        return Student(
            key,
            citizen_id=cid,
            g_code=gcode,
            name=_draw_name(draw, sex, adult=_age(birth, PROGRAMME_START) >= _ADULT_AGE),
            birth_date=birth,
            sex=sex,
            status=status,
        )

    # The timeline: entry, exit, entry, exit, ... (the last exit missing while still on a roll).
    n = _int(draw, 2, 3) if status is EnrollmentStatus.RETURNED else _int(draw, 1, 3)
    is_open = status in _OPEN
    days = _increasing(draw, PROGRAMME_START, PROGRAMME_END, 2 * n - is_open)
    entries, exits = days[0::2], days[1::2]
    ay0 = AcademicYear.of(entries[0]).be_year
    span = AcademicYear.of(days[-1]).be_year - ay0
    if status is EnrollmentStatus.COMPLETED:  # completes P6, M3 or M6 in its last year
        g0 = _pick(draw, (9, 6, 12)) - span
    else:
        g0 = _pick(draw, [g for g in _GRADE_ORDER if g + span <= 12])
    over_age = _int(draw, 0, 1)
    birth = _dt.date(ay0 - 543 - 6 - g0 - over_age, 1, 1)
    birth += _dt.timedelta(days=_int(draw, 0, 364))

    def grade_on(day: _dt.date) -> GradeLevel:
        return _grade(g0 + AcademicYear.of(day).be_year - ay0)

    reasons = [ExitReason.TRANSFERRED] * len(exits)
    if status is EnrollmentStatus.RETURNED:
        reasons[n - 2] = ExitReason.DROPOUT
    elif not is_open:
        reasons[-1] = _LAST_EXIT[status]
    rows: list[Enrollment] = []
    for i, entry in enumerate(entries):
        if i == 0:
            school, entry_type = _pick(draw, _SCHOOL_TABLE), EntryType.NEW
        elif reasons[i - 1] is ExitReason.DROPOUT:  # back to the original school
            school, entry_type = rows[-1].school, EntryType.RE_ENTRY
        else:
            school, entry_type = _pick(draw, _SCHOOL_TABLE), EntryType.TRANSFER
        exit_date = exits[i] if i < len(exits) else None
        reason = reasons[i] if i < len(exits) else None
        rows.append(Enrollment(school, entry, entry_type, grade_on(entry), exit_date, reason))

    pathway, follow = _after_dropout(draw, status, entries, exits)
    cid, gcode = _identity(draw, serial, ay0)
    return Student(
        key,
        citizen_id=cid,
        g_code=gcode,
        name=_draw_name(draw, sex, adult=_age(birth, days[-1]) >= _ADULT_AGE),
        birth_date=birth,
        sex=sex,
        school=rows[-1].school,
        grade=grade_on(days[-1]),
        status=status,
        enrollments=tuple(rows),
        pathway=pathway,
        follow_ups=follow,
    )


@st.composite
def _student(draw: st.DrawFn, status: EnrollmentStatus | None, key: str | None) -> Student:
    k = key if key is not None else f"S-{_int(draw, 1, 9999):04d}"
    return _draw_student(draw, k, _int(draw, 0, 10**7 - 1), status)


def students(
    *, status: EnrollmentStatus | None = None, key: str | None = None
) -> st.SearchStrategy[Student]:
    """Internally consistent students (of one ``status``, if given).

    Exactly one of a citizen ID (valid check digit) or a G-code; an invented
    Thai name whose title fits sex and age; a birth date that fits the grade
    (the P1 entry rule: born in the CE year the academic year starts minus 7,
    at most one year over age); enrollments that do not overlap, the last one
    open exactly for enrolled, long-absent and returned students; status
    dropped out exactly when the last enrollment ended in ExitReason.DROPOUT;
    a returner's re-entry at the school left, after a dropout; a pathway only
    for students who dropped out (return to school only for returners);
    follow-ups only on or after the dropout, at most 30 days apart (a
    follow-up-only student's from the decision on).
    """
    return _student(status, key)


# ---------------------------------------------------------------------------------------------
# risk assessments


def _assessment(
    draw: st.DrawFn, key: str, student_key: str, lo: _dt.date, hi: _dt.date
) -> RiskAssessment:
    day = _day(draw, lo, hi)
    enrolled = _opt(draw, 1, 100)
    absent = _int(draw, 0, enrolled) if enrolled is not None else None
    longest = _opt(draw, 0, absent) if absent is not None else None
    income = _opt(draw, 0, 12_000)
    poverty = None
    if income is not None:
        poverty = (
            PovertyClass.EXTREMELY_POOR
            if income <= _EXTREME_POVERTY
            else PovertyClass.POOR
            if income <= _INCOME_LINE
            else PovertyClass.NOT_POOR
        )
    a = RiskAssessment(
        key,
        student_key,
        day,
        term=Term.of(day),
        days_enrolled=enrolled,
        days_absent=absent,
        longest_absence=longest,
        behaviour_incidents=_opt(draw, 0, 8),
        failing_courses=_opt(draw, 0, 6),
        income_per_person=_baht(income) if income is not None else None,
        poverty=poverty,
        factors=draw(_FACTORS),
    )
    return attrs.evolve(a, level=derive_risk_level(a))


@st.composite
def _risk_assessment(draw: st.DrawFn, student_key: str | None) -> RiskAssessment:
    sk = student_key if student_key is not None else f"S-{_int(draw, 1, 9999):04d}"
    key = f"A-{_int(draw, 1, 9999):04d}"
    return _assessment(draw, key, sk, PROGRAMME_START, PROGRAMME_END)


def risk_assessments(*, student_key: str | None = None) -> st.SearchStrategy[RiskAssessment]:
    """Risk assessments: days absent ≤ days enrolled, longest absence ≤ days absent, the term
    that contains the date (None in a break), the poverty class that the income implies, and
    the recorded level equal to :func:`~dropout_model.derive_risk_level` of the indicators."""
    return _risk_assessment(student_key)


@st.composite
def _custom_thresholds(draw: st.DrawFn) -> RiskThresholds:
    problem = _int(draw, 50, 95)
    behaviour = _int(draw, 1, 10)
    failing = _int(draw, 1, 5)
    return RiskThresholds(
        attendance_problem=Decimal(problem),
        attendance_warning=Decimal(_int(draw, problem, 100)),
        behaviour_problem=behaviour,
        behaviour_warning=_int(draw, 0, behaviour),
        failing_problem=failing,
        failing_warning=_int(draw, 0, failing),
        long_absence_days=_int(draw, 5, 30),
        factors_warn=_bool(draw),
    )


def risk_thresholds() -> st.SearchStrategy[RiskThresholds]:
    """Threshold sets with warning levels no stricter than problem levels; the default first."""
    return st.one_of(st.just(RiskThresholds()), _custom_thresholds())


# ---------------------------------------------------------------------------------------------
# scholarships


def _rate(kind: ScholarshipKind, grade: GradeLevel | None, awarded: _dt.date) -> int:
    """Whole baht a year: the rules' rate table for the kind and grade in the award's academic
    year; for kinds and years it has no rate for, 4,000 in kindergarten and 3,000 otherwise
    (BMA with EEF, September 2022; DESIGN §4)."""
    usual = 4000 if grade is not None and grade.is_kindergarten else 3000
    found = _CONFIG.rate_for(kind, grade, AcademicYear.of(awarded).start())
    return usual if found is None else min(usual, int(found))


def _disbursements(
    draw: st.DrawFn, amount: int, lo: _dt.date, hi: _dt.date
) -> tuple[Disbursement, ...]:
    out: list[Disbursement] = []
    left = amount
    for day in _increasing(draw, lo, hi, _int(draw, 0, 3)):
        if left <= 0:
            break
        paid = _int(draw, 1, left)
        left -= paid
        attendance = _opt(draw, _ATTENDANCE_CONDITION, 100)
        out.append(
            Disbursement(day, _baht(paid), Decimal(attendance) if attendance is not None else None)
        )
    return tuple(out)


def disbursements() -> st.SearchStrategy[Disbursement]:
    """Single payments of 1–3,000 baht, with attendance at or above the 80% condition (or None)."""
    return st.builds(
        Disbursement,
        dates_in(),
        st.integers(1, 3000).map(_baht),
        st.none() | st.integers(_ATTENDANCE_CONDITION, 100).map(Decimal),
    )


_FUNDER: Final = {
    ScholarshipKind.EEF_EQUITY: Funder.EEF,
    ScholarshipKind.BMA_SCHOLARSHIP: Funder.BMA,
    ScholarshipKind.DAILY_EXPENSES: Funder.BMA,
    ScholarshipKind.TRAVEL: Funder.BMA,
    ScholarshipKind.TRANSITION_GRADE: Funder.EEF,
    ScholarshipKind.FREE_SCHOOLING: Funder.BMA,
    ScholarshipKind.OTHER: Funder.OTHER,
}
_NON_EEF: Final = tuple(k for k in ScholarshipKind if k is not ScholarshipKind.EEF_EQUITY)


def _scholarship(
    draw: st.DrawFn,
    *,
    key: str,
    student_key: str,
    kinds: Sequence[ScholarshipKind],
    grade: GradeLevel | None,
    lo: _dt.date,
    hi: _dt.date,
    basis: str | None,
) -> Scholarship:
    kind = _pick(draw, kinds)
    awarded = _day(draw, lo, hi)
    per_term = _bool(draw)
    term = Term.of(awarded)  # None in a break: then a whole-year award
    number = term.number if term is not None and per_term else None
    rate = _rate(kind, grade, awarded) // (1 if number is None else 2)
    amount = rate - 100 * _int(draw, 0, max(rate // 100 - 1, 0))
    paid = _disbursements(draw, amount, awarded, hi)
    total = sum(d.amount for d in paid)
    status = (
        ScholarshipStatus.APPROVED
        if not paid
        else ScholarshipStatus.COMPLETED
        if total == amount
        else ScholarshipStatus.ACTIVE
    )
    return Scholarship(
        key,
        student_key,
        kind,
        _FUNDER[kind],
        _baht(amount),
        AcademicYear.of(awarded),
        number,
        awarded,
        basis,
        status,
        paid,
    )


@st.composite
def _scholarship_alone(draw: st.DrawFn, student_key: str | None) -> Scholarship:
    sk = student_key if student_key is not None else f"S-{_int(draw, 1, 9999):04d}"
    key = f"F-{_int(draw, 1, 9999):04d}"
    grade = _pick(draw, (GradeLevel.P1, GradeLevel.K1))
    kinds = tuple(ScholarshipKind)
    return _scholarship(
        draw,
        key=key,
        student_key=sk,
        kinds=kinds,
        grade=grade,
        lo=PROGRAMME_START,
        hi=PROGRAMME_END,
        basis=None,
    )


def scholarships(*, student_key: str | None = None) -> st.SearchStrategy[Scholarship]:
    """Single awards: the funder that goes with the kind, an amount within the rate table
    (3,000 baht a year, 4,000 in kindergarten; half for one term), the academic year of the
    award date, disbursements after the award summing to at most the amount, each with
    attendance at or above 80%, and the status they imply (approved, active, completed)."""
    return _scholarship_alone(student_key)


# ---------------------------------------------------------------------------------------------
# caseloads

_CLOSED_AT_EXIT: Final = frozenset(
    {EnrollmentStatus.DECEASED, EnrollmentStatus.COMPLETED, EnrollmentStatus.TRANSFERRED}
)


@st.composite
def _caseload(
    draw: st.DrawFn, min_students: int, max_students: int, with_project: bool | None
) -> Caseload:
    n = _int(draw, min_students, max_students)
    serials = draw(st.lists(st.integers(0, 10**7 - 1), min_size=n, max_size=n, unique=True))
    people = [_draw_student(draw, f"S-{i:04d}", s, None) for i, s in enumerate(serials, 1)]
    assessments: list[RiskAssessment] = []
    awards: list[Scholarship] = []
    for s in people:
        mine: list[RiskAssessment] = []
        if s.enrollments:
            for _ in range(_int(draw, 0, 2)):
                e = _pick(draw, s.enrollments)
                hi = e.exit_date or PROGRAMME_END
                mine.append(
                    _assessment(draw, f"A-{len(assessments) + 1:04d}", s.key, e.entry_date, hi)
                )
                assessments.append(mine[-1])
        hi = PROGRAMME_END
        if s.status in _CLOSED_AT_EXIT and s.enrollments[-1].exit_date is not None:
            hi = s.enrollments[-1].exit_date
        # What makes a student eligible: an at-risk assessment, or having dropped out.
        anchors: list[tuple[_dt.date, RiskAssessment | None]] = [
            (a.date, a) for a in mine if a.level is not None and a.level >= RiskLevel.AT_RISK
        ]
        if (dropped := s.dropout_date) is not None and s.status not in _CLOSED_AT_EXIT:
            anchors.append((dropped, None))
        if not anchors:
            continue
        incomes_ok = all(
            a.income_per_person is None or a.income_per_person <= _INCOME_LINE for a in mine
        )
        taken: set[tuple[ScholarshipKind, int]] = set()
        for _ in range(_int(draw, 0, 2)):
            lo, basis = _pick(draw, anchors)
            eef = basis is not None and basis.income_per_person is not None and incomes_ok
            kinds = tuple(ScholarshipKind) if eef else _NON_EEF
            key = f"F-{len(awards) + 1:04d}"
            award = _scholarship(
                draw,
                key=key,
                student_key=s.key,
                kinds=kinds,
                grade=s.grade,
                lo=lo,
                hi=hi,
                basis=basis.key if basis else None,
            )
            slot = (award.kind, award.academic_year.be_year)
            if slot not in taken:  # one award of a kind per student and year (rule F003)
                taken.add(slot)
                awards.append(award)
    project = None
    if with_project or (with_project is None and _bool(draw)):
        project = draw(projects())
    return Caseload(tuple(people), tuple(assessments), tuple(awards), project)


def caseloads(
    *, min_students: int = 0, max_students: int = 10, with_project: bool | None = False
) -> st.SearchStrategy[Caseload]:
    """Referentially consistent caseloads of ``min_students`` … ``max_students`` students.

    Students (as :func:`students`) have unique keys ``S-0001``… and unique
    citizen IDs and G-codes; 0–2 assessments each (keys ``A-0001``…) dated
    within one of the student's enrollments; scholarships (keys ``F-0001``…)
    only for students assessed at risk on or before the award date or who
    dropped out, never after death, completion or transfer, at most one of a
    kind per student and academic year, EEF equity grants only when every
    recorded household income is within the 3,000-baht line, amounts within
    the rate table for the student's grade. ``with_project``: always (True),
    never (False) or sometimes (None) a project from :func:`projects`.
    """
    if not 0 <= min_students <= max_students:
        msg = (
            f"caseloads: need 0 <= min_students <= max_students, got {min_students}, {max_students}"
        )
        raise InvalidValueError(msg)
    return _caseload(min_students, max_students, with_project)


# ---------------------------------------------------------------------------------------------
# registration: st.from_type(Student) and friends

_REGISTER: Final[dict[type, st.SearchStrategy[object]]] = {
    CitizenId: citizen_ids(),
    GCode: g_codes(),
    ProjectCode: project_codes(),
    SchoolCode: school_codes(),
    FiscalYear: fiscal_years(),
    AcademicYear: academic_years(),
    Term: terms(),
    Agency: agencies(),
    PlanRef: plan_refs(),
    PlanAlignment: plan_alignments(),
    Target: targets(),
    ProgressReport: progress_reports(),
    Project: projects(),
    School: schools(),
    Enrollment: enrollments(),
    ExamAttempt: exam_attempts(),
    OnlineLearning: online_learning(),
    VocationalTraining: vocational_training(),
    Pathway: pathways(),
    FollowUp: follow_ups(),
    Student: students(),
    RiskAssessment: risk_assessments(),
    RiskThresholds: risk_thresholds(),
    Disbursement: disbursements(),
    Scholarship: scholarships(),
    Caseload: caseloads(),
}
for _type, _strategy in _REGISTER.items():
    st.register_type_strategy(_type, _strategy)
