"""Strategies that break one consistency rule each: ``violating("P002")``.

Each strategy draws valid data from :mod:`dropout_model.strategies._valid` and
breaks one thing with :func:`attrs.evolve`, reading the thresholds from the
default :class:`~dropout_model.rules.RuleConfig`. The data is of the type the
rule applies to: a ``Project`` for P and R rules, a ``Student`` for S rules, a
``RiskAssessment`` or ``Scholarship`` for A and F rules that need nothing else,
and a ``Caseload`` for the rules that compare records (A002, F002–F005, C).
Other rules may fire too; the one named always does.

Rules that judge dates against ``as_of`` (R008, S011, A004, F007) get a date
after :data:`FUTURE`: validate their data with ``as_of=FUTURE``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs
from hypothesis import strategies as st

from dropout_model.caseload import Caseload
from dropout_model.errors import InvalidValueError
from dropout_model.ids import GCode, ProjectCode
from dropout_model.project import Agency, PlanRef, PlanStatus, ProgressReport
from dropout_model.risk import PovertyClass, RiskLevel, derive_risk_level
from dropout_model.rules import RuleConfig
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
from dropout_model.strategies._valid import (
    caseloads,
    citizen_ids,
    pathways,
    projects,
    risk_assessments,
    scholarships,
    students,
)
from dropout_model.student import (
    EnrollmentStatus,
    ExamAttempt,
    ExamResult,
    ExitReason,
    FollowUp,
    FollowUpMethod,
    GradeLevel,
    OnlineLearning,
    Pathway,
    PathwayKind,
    Student,
)
from dropout_model.thaidate import AcademicYear, FiscalYear

if TYPE_CHECKING:
    from collections.abc import Callable

    from dropout_model.project import Project
    from dropout_model.risk import RiskAssessment

__all__ = ["FUTURE", "violating", "violating_codes"]

#: The ``as_of`` to validate the future-dated data of R008, S011, A004 and F007 with.
FUTURE: Final = _dt.date(2100, 1, 1)

_CONFIG: Final = RuleConfig()
_DAY: Final = _dt.timedelta(days=1)
_DONE: Final = "ดำเนินการแล้วเสร็จ"
_ON_ROLL: Final = (EnrollmentStatus.ENROLLED, EnrollmentStatus.LONG_ABSENCE)
_WITH_GRADES: Final = (
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.DROPPED_OUT,
    EnrollmentStatus.RETURNED,
    EnrollmentStatus.TRANSFERRED,
    EnrollmentStatus.COMPLETED,
    EnrollmentStatus.LONG_ABSENCE,
)


def _days(lo: int, hi: int) -> st.SearchStrategy[_dt.timedelta]:
    return st.integers(lo, hi).map(lambda n: _dt.timedelta(days=n))


def _future() -> st.SearchStrategy[_dt.date]:
    return _days(1, 3650).map(lambda d: FUTURE + d)


def _set_report(p: Project, i: int, **changes: Any) -> Project:
    reports = list(p.reports)
    reports[i] = attrs.evolve(reports[i], **changes)
    return attrs.evolve(p, reports=tuple(reports))


# --- P -------------------------------------------------------------------------------------------

_BAD_CODES: Final = st.one_of(
    st.sampled_from(["5049-3632", "50490000-363", "50490000_3632", "", " 50490000-3632"]),
    st.text(max_size=16).filter(lambda s: not ProjectCode.is_well_formed(s)),
)


def _p001() -> st.SearchStrategy[Project]:
    return st.builds(lambda p, code: attrs.evolve(p, code=code), projects(), _BAD_CODES)


def _p002() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, d: attrs.evolve(p, end=p.start - d), projects(max_reports=2), _days(1, 400)
    )


def _fy(p: Project) -> FiscalYear:
    assert p.fiscal_year is not None  # projects() always sets it
    return p.fiscal_year


def _money(value: Decimal | None) -> Decimal:
    assert value is not None  # projects() always sets the budget
    return value


def _p003() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, d: attrs.evolve(p, end=_fy(p).end + d), projects(max_reports=2), _days(1, 200)
    )


def _p004() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, extra: attrs.evolve(p, budget_spent=_money(p.budget_allocated) + extra),
        projects(max_reports=2),
        st.integers(1, 10**6).map(lambda n: Decimal(n).scaleb(-2)),
    )


def _p005() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, extra: attrs.evolve(
            p,
            budget_spent=_money(p.budget_spent) + extra,
            budget_allocated=_money(p.budget_allocated) + extra,
        ),
        projects(min_reports=1, max_reports=4),
        st.integers(1, 10**6).map(Decimal),
    )


_EMPTY: Final[dict[str, object]] = {
    "code": "",
    "name": " ",
    "fiscal_year": None,
    "start": None,
    "end": None,
    "agency": Agency(()),
    "responsible": "",
    "coordinator": "",
}


def _p006() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, field: attrs.evolve(p, **{field: _EMPTY[field]}),
        projects(max_reports=2),
        st.sampled_from(_CONFIG.required_project_fields),
    )


def _p007() -> st.SearchStrategy[Project]:
    def broken(p: Project, how: int) -> Project:
        assert p.plan is not None
        changes = (
            {"sub_strategy": PlanRef("99.1")},
            {"goal": PlanRef("99.9.9")},
            {"strategy": PlanRef("ยุทธศาสตร์ที่เจ็ด")},
        )[how]
        return attrs.evolve(p, plan=attrs.evolve(p.plan, **changes))

    return st.builds(broken, projects(max_reports=2), st.integers(0, 2))


def _p008() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, shift: attrs.evolve(p, fiscal_year=FiscalYear(_fy(p).be_year + shift)),
        projects(max_reports=2),
        st.sampled_from((1, -1, 2, -2)),
    )


# --- R -------------------------------------------------------------------------------------------


def _r001() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, k: _set_report(p, -1, number=p.reports[-1].number + k),
        projects(min_reports=1, max_reports=6),
        st.integers(1, 5),
    )


def _r002() -> st.SearchStrategy[Project]:
    def broken(p: Project, d: _dt.timedelta) -> Project:
        first = p.reports[0].date
        assert first is not None  # projects() dates every report
        return _set_report(p, 1, date=first - d)

    return st.builds(broken, projects(min_reports=2, max_reports=6), _days(1, 60))


def _r003() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, k: _set_report(_set_report(p, 0, progress=Decimal(100)), 1, progress=Decimal(k)),
        projects(min_reports=2, max_reports=6),
        st.integers(0, 99),
    )


def _r004() -> st.SearchStrategy[Project]:
    grace = _dt.timedelta(days=_CONFIG.report_grace_days)

    def broken(p: Project, d: _dt.timedelta) -> Project:
        assert p.end is not None  # projects() always sets it
        return _set_report(p, -1, date=p.end + grace + d)

    return st.builds(broken, projects(min_reports=1, max_reports=4), _days(1, 300))


def _r005() -> st.SearchStrategy[Project]:
    def broken(p: Project, k: int, done_below: bool) -> Project:
        if done_below:
            return _set_report(p, 0, narrative=_DONE, progress=Decimal(k))
        return _set_report(p, 0, narrative="อยู่ระหว่างดำเนินการตามโครงการ", progress=Decimal(100))

    return st.builds(
        broken, projects(min_reports=1, max_reports=4), st.integers(0, 99), st.booleans()
    )


def _r006() -> st.SearchStrategy[Project]:
    def broken(p: Project) -> Project:
        assert p.start is not None
        assert p.end is not None
        assert p.reports[0].date is not None
        elapsed = (p.reports[0].date - p.start).days * 100 / (p.end - p.start).days
        progress = Decimal(100) if elapsed < 50 else Decimal(0)
        return _set_report(p, 0, plan_status=PlanStatus.ON_PLAN, progress=progress)

    return st.builds(broken, projects(min_reports=1, max_reports=4))


def _r007() -> st.SearchStrategy[Project]:
    def broken(p: Project, q3_day: int) -> Project:
        assert p.fiscal_year is not None
        assert p.start is not None
        q3 = p.fiscal_year.quarter_start(3) + _dt.timedelta(days=q3_day)
        first = ProgressReport(1, p.start, "อยู่ระหว่างดำเนินการตามโครงการ", Decimal(10), Decimal(0))
        second = ProgressReport(2, q3, "อยู่ระหว่างดำเนินการตามโครงการ", Decimal(50), Decimal(0))
        return attrs.evolve(p, reports=(first, second), budget_spent=Decimal(0))

    # Start lies in Q1 and end in Q4 (projects() keeps both within 90 days of the year's ends).
    return st.builds(broken, projects(max_reports=0), st.integers(0, 89))


def _r008() -> st.SearchStrategy[Project]:
    return st.builds(
        lambda p, d: _set_report(p, -1, date=d), projects(min_reports=1, max_reports=4), _future()
    )


# --- S -------------------------------------------------------------------------------------------


def _s001() -> st.SearchStrategy[Student]:
    return st.builds(
        lambda s, cid: attrs.evolve(s, citizen_id=cid, g_code=None),
        students(),
        citizen_ids(valid=False),
    )


def _s002() -> st.SearchStrategy[Student]:
    return st.builds(
        lambda s, both, cid: (
            attrs.evolve(s, citizen_id=cid, g_code=GCode("G661000000001"))
            if both
            else attrs.evolve(s, citizen_id=None, g_code=None)
        ),
        students(),
        st.booleans(),
        citizen_ids(),
    )


def _s003() -> st.SearchStrategy[Student]:
    # Born on the day of the first entry: far too young for any grade.
    return st.builds(
        lambda s: attrs.evolve(s, birth_date=s.enrollments[0].entry_date),
        st.sampled_from(_WITH_GRADES).flatmap(lambda status: students(status=status)),
    )


def _s004() -> st.SearchStrategy[Student]:
    return st.one_of(
        st.builds(
            lambda s, status: attrs.evolve(s, status=status),
            students(status=EnrollmentStatus.DROPPED_OUT),
            st.sampled_from(_ON_ROLL),
        ),
        st.builds(
            lambda s: attrs.evolve(s, status=EnrollmentStatus.DROPPED_OUT),
            st.sampled_from(_ON_ROLL).flatmap(lambda status: students(status=status)),
        ),
    )


def _s005() -> st.SearchStrategy[Student]:
    def broken(s: Student, d: _dt.timedelta) -> Student:
        first = s.enrollments[0]
        bad = attrs.evolve(
            first,
            exit_date=first.entry_date - d,
            exit_reason=first.exit_reason or ExitReason.TRANSFERRED,
        )
        return attrs.evolve(s, enrollments=(bad, *s.enrollments[1:]))

    return st.builds(
        broken,
        st.sampled_from(_WITH_GRADES).flatmap(lambda status: students(status=status)),
        _days(1, 365),
    )


def _s006() -> st.SearchStrategy[Student]:
    return st.builds(
        lambda s, p: attrs.evolve(s, pathway=p),
        students(status=EnrollmentStatus.ENROLLED),
        pathways(),
    )


def _dropouts() -> st.SearchStrategy[Student]:
    return students(status=EnrollmentStatus.DROPPED_OUT)


def _dropout_day(s: Student) -> _dt.date:
    day = s.dropout_date
    assert day is not None
    return day


def _s007() -> st.SearchStrategy[Student]:
    return st.builds(
        lambda s, d: attrs.evolve(
            s,
            follow_ups=(FollowUp(_dropout_day(s) - d, FollowUpMethod.PHONE), *s.follow_ups),
        ),
        _dropouts(),
        _days(1, 120),
    )


def _s008() -> st.SearchStrategy[Student]:
    def broken(s: Student, grade: GradeLevel) -> Student:
        last = attrs.evolve(s.enrollments[-1], grade=grade)
        return attrs.evolve(
            s,
            grade=grade,
            birth_date=None,
            enrollments=(*s.enrollments[:-1], last),
            pathway=None,
            follow_ups=(),
        )

    compulsory = [g for g in GradeLevel if g.is_compulsory]
    return st.builds(broken, _dropouts(), st.sampled_from(compulsory))


def _s009() -> st.SearchStrategy[Student]:
    def broken(s: Student, total: int, lag: _dt.timedelta) -> Student:
        day = _dropout_day(s)
        exam = ExamAttempt(day + lag, "คณิตศาสตร์", ExamResult.FAILED)
        online = OnlineLearning(0, total, None, (exam,))
        return attrs.evolve(s, pathway=Pathway(PathwayKind.ONLINE_LEARNING, day, online=online))

    return st.builds(broken, _dropouts(), st.integers(1, 120), _days(0, 200))


def _s010() -> st.SearchStrategy[Student]:
    interval = _CONFIG.follow_up_interval_days

    def broken(s: Student, lag: _dt.timedelta) -> Student:
        day = _dropout_day(s)
        visit = FollowUp(day + _dt.timedelta(days=interval) + lag, FollowUpMethod.HOME_VISIT)
        return attrs.evolve(
            s, pathway=Pathway(PathwayKind.FOLLOW_UP_ONLY, day), follow_ups=(visit,)
        )

    return st.builds(broken, _dropouts(), _days(1, 200))


def _s011() -> st.SearchStrategy[Student]:
    return st.builds(
        lambda s, day: attrs.evolve(
            s, follow_ups=(*s.follow_ups, FollowUp(day, FollowUpMethod.PHONE))
        ),
        students(),
        _future(),
    )


# --- A -------------------------------------------------------------------------------------------


def _a001() -> st.SearchStrategy[RiskAssessment]:
    return st.builds(
        lambda a, enrolled, extra: attrs.evolve(
            a, days_enrolled=enrolled, days_absent=enrolled + extra, level=None
        ),
        risk_assessments(),
        st.integers(0, 200),
        st.integers(1, 50),
    )


def _a002() -> st.SearchStrategy[Caseload]:
    @st.composite
    def build(draw: st.DrawFn) -> Caseload:
        s = draw(students(status=EnrollmentStatus.DECEASED))
        death = s.death_date
        assert death is not None
        a = draw(risk_assessments(student_key=s.key))
        return Caseload((s,), (attrs.evolve(a, date=death + draw(_days(1, 400))),))

    return build()


def _a003() -> st.SearchStrategy[RiskAssessment]:
    def broken(a: RiskAssessment, shift: int) -> RiskAssessment:
        levels = list(RiskLevel)
        derived = derive_risk_level(a, _CONFIG.risk)
        return attrs.evolve(a, level=levels[(levels.index(derived) + shift) % 3])

    return st.builds(broken, risk_assessments(), st.integers(1, 2))


def _a004() -> st.SearchStrategy[RiskAssessment]:
    return st.builds(lambda a, day: attrs.evolve(a, date=day), risk_assessments(), _future())


# --- F -------------------------------------------------------------------------------------------


def _f001() -> st.SearchStrategy[Scholarship]:
    top = max(e.amount for e in _CONFIG.rates)
    return st.builds(
        lambda sch, kind, be, extra: attrs.evolve(
            sch,
            kind=kind,
            academic_year=AcademicYear(be),
            term=None,
            amount=top + extra,
            awarded_on=None,
            disbursements=(),
        ),
        scholarships(),
        st.sampled_from((ScholarshipKind.EEF_EQUITY, ScholarshipKind.BMA_SCHOLARSHIP)),
        st.integers(2566, 2570),
        st.integers(1, 10**5).map(Decimal),
    )


def _for_student(
    status: EnrollmentStatus, build: Callable[[st.DrawFn, Student], Caseload]
) -> st.SearchStrategy[Caseload]:
    @st.composite
    def strategy(draw: st.DrawFn) -> Caseload:
        return build(draw, draw(students(status=status)))

    return strategy()


def _active(sch: Scholarship) -> Scholarship:
    return attrs.evolve(sch, status=ScholarshipStatus.ACTIVE)


def _f002() -> st.SearchStrategy[Caseload]:
    def build(draw: st.DrawFn, s: Student) -> Caseload:
        sch = _active(draw(scholarships(student_key=s.key)))
        return Caseload((s,), (), (sch,))

    return _for_student(EnrollmentStatus.ENROLLED, build)


def _f003() -> st.SearchStrategy[Caseload]:
    def build(draw: st.DrawFn, s: Student) -> Caseload:
        sch = _active(draw(scholarships(student_key=s.key)))
        twin = attrs.evolve(sch, key=sch.key + "-2", term=None)
        return Caseload((s,), (), (sch, twin))

    return _for_student(EnrollmentStatus.DROPPED_OUT, build)


def _f004() -> st.SearchStrategy[Caseload]:
    def build(draw: st.DrawFn, s: Student) -> Caseload:
        a = draw(risk_assessments(student_key=s.key))
        income = _CONFIG.income_line + draw(st.integers(1, 10**5).map(Decimal))
        a = attrs.evolve(a, income_per_person=income, poverty=PovertyClass.NOT_POOR)
        sch = draw(scholarships(student_key=s.key))
        sch = attrs.evolve(
            _active(sch), kind=ScholarshipKind.EEF_EQUITY, funder=Funder.EEF, assessment_key=a.key
        )
        return Caseload((s,), (a,), (sch,))

    return _for_student(EnrollmentStatus.DROPPED_OUT, build)


def _f005() -> st.SearchStrategy[Caseload]:
    def build(draw: st.DrawFn, s: Student) -> Caseload:
        death = s.death_date
        assert death is not None
        sch = draw(scholarships(student_key=s.key))
        sch = attrs.evolve(_active(sch), awarded_on=death + draw(_days(1, 400)))
        return Caseload((s,), (), (sch,))

    return _for_student(EnrollmentStatus.DECEASED, build)


def _f006() -> st.SearchStrategy[Scholarship]:
    below = st.integers(0, int(_CONFIG.attendance_condition * 100) - 1).map(
        lambda n: Decimal(n).scaleb(-2)
    )
    return st.builds(
        lambda sch, attendance: attrs.evolve(
            sch,
            kind=ScholarshipKind.EEF_EQUITY,
            funder=Funder.EEF,
            disbursements=(
                Disbursement(sch.awarded_on or FUTURE, Decimal(1), attendance),
                *sch.disbursements,
            ),
        ),
        scholarships(),
        below,
    )


def _f007() -> st.SearchStrategy[Scholarship]:
    return st.builds(lambda sch, day: attrs.evolve(sch, awarded_on=day), scholarships(), _future())


# --- C -------------------------------------------------------------------------------------------


def _c001() -> st.SearchStrategy[Caseload]:
    return st.builds(
        lambda cl, a: attrs.evolve(cl, assessments=(*cl.assessments, a)),
        caseloads(max_students=4),
        risk_assessments(student_key="S-UNKNOWN"),
    )


def _c002() -> st.SearchStrategy[Caseload]:
    return st.builds(
        lambda cl, i: attrs.evolve(cl, students=(*cl.students, cl.students[i % len(cl.students)])),
        caseloads(min_students=1, max_students=4),
        st.integers(0, 3),
    )


def _c003() -> st.SearchStrategy[Caseload]:
    return caseloads(max_students=4, with_project=True)


_BUILDERS: Final[dict[str, Callable[[], st.SearchStrategy[Any]]]] = {
    "P001": _p001,
    "P002": _p002,
    "P003": _p003,
    "P004": _p004,
    "P005": _p005,
    "P006": _p006,
    "P007": _p007,
    "P008": _p008,
    "R001": _r001,
    "R002": _r002,
    "R003": _r003,
    "R004": _r004,
    "R005": _r005,
    "R006": _r006,
    "R007": _r007,
    "R008": _r008,
    "S001": _s001,
    "S002": _s002,
    "S003": _s003,
    "S004": _s004,
    "S005": _s005,
    "S006": _s006,
    "S007": _s007,
    "S008": _s008,
    "S009": _s009,
    "S010": _s010,
    "S011": _s011,
    "A001": _a001,
    "A002": _a002,
    "A003": _a003,
    "A004": _a004,
    "F001": _f001,
    "F002": _f002,
    "F003": _f003,
    "F004": _f004,
    "F005": _f005,
    "F006": _f006,
    "F007": _f007,
    "C001": _c001,
    "C002": _c002,
    "C003": _c003,
}


def violating_codes() -> tuple[str, ...]:
    """The codes :func:`violating` knows: every rule of the catalogue."""
    return tuple(_BUILDERS)


def violating(code: str) -> st.SearchStrategy[Any]:
    """Data that triggers the rule ``code`` (a ``Project``, ``Student``, … or ``Caseload``).

    Raises :class:`~dropout_model.errors.InvalidValueError` for a code that
    names no rule.

    >>> from hypothesis import find
    >>> from dropout_model.rules import validate
    >>> "P002" in validate(find(violating("P002"), lambda p: True)).codes
    True
    """
    key: object = code  # an untyped caller may pass anything
    builder = _BUILDERS.get(key) if isinstance(key, str) else None
    if builder is None:
        msg = (
            f"violating(): {code!r} is not a rule code; use one of "
            f"{', '.join(_BUILDERS)} (see dropout_model.rules.rule_catalogue())"
        )
        raise InvalidValueError(msg)
    return builder()
