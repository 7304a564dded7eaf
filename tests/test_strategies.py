"""Tests of dropout_model.strategies: types, promised invariants, from_type, shrinking, speed.

Every invariant is checked here by its own computation from the domain rules
(DESIGN §4), not by calling the strategy's helpers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import dropout_model as dm
import dropout_model.strategies as ds
from dropout_model.errors import DropoutModelError, InvalidValueError, ThaiDateError
from dropout_model.ids import citizen_id_check_digit
from dropout_model.rules import validate
from dropout_model.strategies import _valid
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

START, END = dt.date(2021, 10, 1), dt.date(2025, 9, 30)  # FY 2565 – FY 2568
DONE = "แล้วเสร็จ"
BANGKOK_DISTRICTS = 50

# ------------------------------------------------------------------------------------------------
# the package


def test_all_is_sorted_and_complete() -> None:
    assert list(ds.__all__) == sorted(ds.__all__)
    assert set(ds.__all__) == {*_valid.__all__, "FUTURE", "violating", "violating_codes"}
    for name in ds.__all__:
        assert hasattr(ds, name), name


def test_plain_import_does_not_import_hypothesis() -> None:
    code = (
        "import sys, dropout_model\n"
        "print(','.join(m for m in ('hypothesis', 'dropout_model.strategies') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_importing_strategies_registers_from_type() -> None:
    code = (
        "from hypothesis import given, settings, strategies as st\n"
        "import dropout_model as dm, dropout_model.strategies\n"
        "@settings(max_examples=1, database=None)\n"
        "@given(st.from_type(dm.Student), st.from_type(dm.Caseload))\n"
        "def show(s, c): print(type(s).__name__, type(c).__name__)\n"
        "show()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "Student Caseload"


# ------------------------------------------------------------------------------------------------
# every strategy gives its type; from_type works

TYPES: list[tuple[str, type]] = [
    ("citizen_ids", dm.CitizenId),
    ("g_codes", dm.GCode),
    ("project_codes", dm.ProjectCode),
    ("school_codes", dm.SchoolCode),
    ("fiscal_years", FiscalYear),
    ("academic_years", AcademicYear),
    ("terms", Term),
    ("dates_in", dt.date),
    ("thai_names", str),
    ("schools", dm.School),
    ("agencies", dm.Agency),
    ("targets", dm.Target),
    ("plan_refs", dm.PlanRef),
    ("plan_alignments", dm.PlanAlignment),
    ("progress_reports", dm.ProgressReport),
    ("projects", dm.Project),
    ("enrollments", dm.Enrollment),
    ("exam_attempts", dm.ExamAttempt),
    ("online_learning", dm.OnlineLearning),
    ("vocational_training", dm.VocationalTraining),
    ("pathways", dm.Pathway),
    ("follow_ups", dm.FollowUp),
    ("students", dm.Student),
    ("risk_assessments", dm.RiskAssessment),
    ("risk_thresholds", dm.RiskThresholds),
    ("disbursements", dm.Disbursement),
    ("scholarships", dm.Scholarship),
    ("caseloads", dm.Caseload),
]


def test_every_strategy_is_in_the_table() -> None:
    names = {n for n in _valid.__all__ if not n.isupper()}
    assert names == {name for name, _ in TYPES}


@pytest.mark.parametrize(("name", "cls"), TYPES, ids=[n for n, _ in TYPES])
@settings(max_examples=15)
@given(data=st.data())
def test_strategy_gives_its_type(name: str, cls: type, data: st.DataObject) -> None:
    value = data.draw(getattr(ds, name)())
    assert type(value) is cls


# Every public model type of dropout_model (enums aside: hypothesis draws those itself).
MODEL_TYPES = [t for _, t in TYPES if t not in (dt.date, str)]


@pytest.mark.parametrize("cls", MODEL_TYPES, ids=[t.__name__ for t in MODEL_TYPES])
@settings(max_examples=10)
@given(data=st.data())
def test_from_type(cls: type, data: st.DataObject) -> None:
    assert type(data.draw(st.from_type(cls))) is cls


MODEL_MODULES = {f"dropout_model.{m}" for m in ("ids", "project", "student", "risk", "scholarship")}


def test_every_public_model_class_has_a_strategy() -> None:
    covered = set(MODEL_TYPES)
    missing = [
        name
        for name in dm.__all__
        if isinstance(obj := getattr(dm, name), type)
        and hasattr(obj, "__attrs_attrs__")
        and obj.__module__ in {*MODEL_MODULES, "dropout_model.caseload"}
        and obj not in covered
    ]
    assert missing == []


# ------------------------------------------------------------------------------------------------
# identifiers and periods


@given(ds.citizen_ids())
def test_citizen_ids_are_valid(cid: dm.CitizenId) -> None:
    digits = cid.reveal()
    assert len(digits) == 13
    assert digits.isdigit()
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    assert int(digits[12]) == (11 - total % 11) % 10
    assert cid.person_type in range(9)


@given(ds.citizen_ids(valid=False))
def test_invalid_citizen_ids_fail_the_check_digit(cid: dm.CitizenId) -> None:
    digits = cid.reveal()
    assert citizen_id_check_digit(digits[:12]) != int(digits[12])
    assert not cid.is_valid


@given(ds.g_codes(min_be=2566, max_be=2567))
def test_g_codes(g: dm.GCode) -> None:
    raw = g.reveal()
    assert raw[0] == "G"
    assert raw[1:].isdigit()
    assert len(raw) == 13
    assert g.be_year_2 in (66, 67)


@given(ds.project_codes())
def test_project_codes_are_well_formed(code: dm.ProjectCode) -> None:
    text = str(code)
    assert dm.ProjectCode.is_well_formed(text)
    assert dm.ProjectCode.parse(text) == code


@pytest.mark.parametrize("bma", [True, False])
@settings(max_examples=20)
@given(data=st.data())
def test_school_codes(bma: bool, data: st.DataObject) -> None:
    code = data.draw(ds.school_codes(bma=bma))
    assert len(code.code) == 10
    assert code.is_bma is bma


@given(ds.fiscal_years(min_be=2566, max_be=2567), ds.academic_years(), ds.terms())
def test_years_and_terms(fy: FiscalYear, ay: AcademicYear, term: Term) -> None:
    assert fy.be_year in (2566, 2567)
    assert 2565 <= ay.be_year <= 2568
    assert 2565 <= term.academic_year.be_year <= 2568
    assert term.number in (1, 2)


PERIODS: list[Any] = [
    None,
    FiscalYear(2566),
    AcademicYear(2565),
    Term(AcademicYear(2566), 2),
    (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
]


@pytest.mark.parametrize("period", PERIODS, ids=str)
@settings(max_examples=20)
@given(data=st.data())
def test_dates_in(period: Any, data: st.DataObject) -> None:
    day = data.draw(ds.dates_in(period))
    if period is None:
        assert START <= day <= END
    elif isinstance(period, FiscalYear):
        assert day in period
    elif isinstance(period, AcademicYear | Term):
        assert period.contains(day)
    else:
        assert period[0] <= day <= period[1]


BAD_ARGUMENTS: list[tuple[Any, type[Exception], str]] = [
    (lambda: ds.dates_in((dt.date(2024, 1, 2), dt.date(2024, 1, 1))), InvalidValueError, "ends"),
    (lambda: ds.fiscal_years(min_be=2570, max_be=2565), InvalidValueError, "min_be"),
    (lambda: ds.academic_years(min_be=2568, max_be=2567), InvalidValueError, "min_be"),
    (lambda: ds.fiscal_years(min_be=12), ThaiDateError, "BE year"),
    (lambda: ds.projects(min_reports=3, max_reports=2), InvalidValueError, "min_reports"),
    (lambda: ds.projects(min_reports=-1), InvalidValueError, "min_reports"),
    (lambda: ds.caseloads(min_students=5, max_students=4), InvalidValueError, "min_students"),
]


@pytest.mark.parametrize(("make", "error", "words"), BAD_ARGUMENTS)
def test_bad_arguments_are_refused(make: Any, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        make()
    assert isinstance(info.value, DropoutModelError)


# ------------------------------------------------------------------------------------------------
# names and schools

TITLES = {
    (dm.Sex.MALE, False): "ด.ช.",
    (dm.Sex.FEMALE, False): "ด.ญ.",
    (dm.Sex.MALE, True): "นาย",
    (dm.Sex.FEMALE, True): "นางสาว",
}


@pytest.mark.parametrize(("sex", "adult"), list(TITLES))
@settings(max_examples=10)
@given(data=st.data())
def test_thai_names(sex: dm.Sex, adult: bool, data: st.DataObject) -> None:
    title, given_name, surname = data.draw(ds.thai_names(sex=sex, adult=adult)).split(" ")
    assert title == TITLES[sex, adult]
    assert "\u0e01" <= given_name[0] <= "\u0e5b"
    assert "\u0e01" <= surname[0] <= "\u0e5b"


def test_schools_are_bma_schools_of_bangkok_districts() -> None:
    seen: dict[str, dm.SchoolCode | None] = {}

    @given(ds.schools())
    def check(school: dm.School) -> None:
        assert school.code is not None
        assert school.code.is_bma
        assert school.code.code[2:4] == "10"  # Bangkok's province code
        assert 1 <= int(school.code.code[4:6]) <= BANGKOK_DISTRICTS
        assert school.name.startswith("โรงเรียน")
        assert school.district
        assert seen.setdefault(school.name, school.code) == school.code

    check()
    assert len(seen) > 1


# ------------------------------------------------------------------------------------------------
# projects


def _elapsed_ok(report: dm.ProgressReport, p: dm.Project) -> bool:
    assert p.start is not None
    assert p.end is not None
    assert report.date is not None
    assert report.progress is not None
    span = (p.end - p.start).days
    elapsed = Decimal((report.date - p.start).days * 100) / span
    return abs(report.progress - elapsed) <= 20


@given(ds.projects())
def test_projects_are_consistent(p: dm.Project) -> None:
    assert dm.ProjectCode.is_well_formed(p.code)
    assert p.fiscal_year is not None
    assert p.start is not None
    assert p.end is not None
    assert p.start <= p.end
    assert p.start in p.fiscal_year
    assert p.end in p.fiscal_year
    assert FiscalYear.of(p.start) == p.fiscal_year
    assert p.responsible.strip()
    assert p.coordinator.strip()
    assert p.agency is not None
    assert p.agency.units
    assert p.budget_allocated is not None
    assert p.budget_spent is not None
    assert p.budget_spent <= p.budget_allocated
    assert sum((r.disbursed or Decimal(0) for r in p.reports), Decimal(0)) == p.budget_spent
    assert [r.number for r in p.reports] == list(range(1, len(p.reports) + 1))
    days = [r.date for r in p.reports]
    assert all(d is not None and p.start <= d <= p.end for d in days)
    assert all(a < b for a, b in itertools.pairwise(days))  # type: ignore[operator]
    progress = [r.progress for r in p.reports]
    assert all(a <= b for a, b in itertools.pairwise(progress))  # type: ignore[operator]
    for r in p.reports:
        assert (DONE in r.narrative) is (r.progress == 100)
        if r.plan_status is dm.PlanStatus.ON_PLAN:
            assert _elapsed_ok(r, p)
    # no fiscal quarter without a report before the quarter of the latest report (rule R007)
    quarters = [p.fiscal_year.quarter(d) for d in days if d is not None]
    assert sorted(set(quarters)) == list(range(1, max(quarters, default=0) + 1))
    # plan numbers nest: 7 / 7.2 / 7.2.2 (ASCII or Thai digits)
    assert p.plan is not None
    refs = [p.plan.strategy, p.plan.sub_strategy, p.plan.goal, p.plan.indicator]
    parts = [ref.parts if ref is not None else None for ref in refs]
    for above, below in itertools.pairwise(parts):
        assert above is not None
        assert below is not None
        assert below[: len(above)] == above
        assert len(below) == len(above) + 1


@given(ds.projects(fiscal_year=FiscalYear(2567), min_reports=2, max_reports=3))
def test_projects_honour_their_arguments(p: dm.Project) -> None:
    assert p.fiscal_year == FiscalYear(2567)
    assert 1 <= len(p.reports) <= 3  # 2 or 3 asked; a short quarter may hold fewer


@given(ds.progress_reports())
def test_progress_reports(r: dm.ProgressReport) -> None:
    assert r.number >= 1
    assert r.date is not None
    assert START <= r.date <= END
    assert r.progress is not None
    assert r.progress.as_tuple().exponent == -2  # printed as 50.00
    assert (DONE in r.narrative) is (r.progress == 100)
    assert r.plan_status is not None
    assert r.target_status is not None


# ------------------------------------------------------------------------------------------------
# students


def _age_on_cutoff(birth: dt.date, day: dt.date) -> int:
    """Full years on 16 May of the academic year of ``day`` (the OBEC entry-age count)."""
    ay = day.year if (day.month, day.day) >= (5, 16) else day.year - 1
    cutoff = dt.date(ay, 5, 16)
    return cutoff.year - birth.year - ((cutoff.month, cutoff.day) < (birth.month, birth.day))


def _events(s: dm.Student) -> list[dt.date]:
    days: list[dt.date] = []
    for e in s.enrollments:
        days.append(e.entry_date)
        if e.exit_date is not None:
            days.append(e.exit_date)
    days += [f.date for f in s.follow_ups]
    if s.pathway is not None:
        if s.pathway.decided_on is not None:
            days.append(s.pathway.decided_on)
        if s.pathway.online is not None:
            if s.pathway.online.ready_on is not None:
                days.append(s.pathway.online.ready_on)
            days += [x.date for x in s.pathway.online.exams]
    return days


OPEN = {
    dm.EnrollmentStatus.ENROLLED,
    dm.EnrollmentStatus.LONG_ABSENCE,
    dm.EnrollmentStatus.RETURNED,
}


def check_student(s: dm.Student) -> None:
    # identity
    assert (s.citizen_id is None) is not (s.g_code is None)
    if s.citizen_id is not None:
        assert s.citizen_id.is_valid
    # name and sex
    assert s.sex is not None
    assert s.birth_date is not None
    title = s.name.split(" ")[0]
    assert title in {TITLES[s.sex, False], TITLES[s.sex, True]}
    # dates inside the programme
    assert all(START <= d <= END for d in _events(s))
    # enrollment history
    ens = s.enrollments
    if s.status is dm.EnrollmentStatus.NEVER_ENROLLED:
        assert ens == ()
        assert s.pathway is None
        return
    assert ens
    for a, b in itertools.pairwise(ens):
        assert a.exit_date is not None
        assert a.entry_date <= a.exit_date < b.entry_date
    assert (ens[-1].exit_date is None) is (s.status in OPEN)
    for e in ens:
        assert (e.exit_date is None) is (e.exit_reason is None)
        assert e.grade is not None
        age = _age_on_cutoff(s.birth_date, e.entry_date)
        assert e.grade.index + 5 <= age <= e.grade.index + 7  # P1: 6-7, one year over allowed
    assert s.school == ens[-1].school
    dropped_out = ens[-1].exit_reason is dm.ExitReason.DROPOUT
    assert dropped_out is (s.status is dm.EnrollmentStatus.DROPPED_OUT)
    if s.status is dm.EnrollmentStatus.RETURNED:
        assert ens[-1].entry_type is dm.EntryType.RE_ENTRY
        assert ens[-2].exit_reason is dm.ExitReason.DROPOUT
        assert ens[-1].school == ens[-2].school
    if s.status is dm.EnrollmentStatus.COMPLETED:
        assert s.grade in (dm.GradeLevel.P6, dm.GradeLevel.M3, dm.GradeLevel.M6)
    # pathway and follow-ups only after a dropout
    dropout = s.dropout_date
    if dropout is None:
        assert s.pathway is None
        assert s.follow_ups == ()
        return
    follow = [f.date for f in s.follow_ups]
    assert all(dropout <= d for d in follow)
    assert all(a < b <= a + dt.timedelta(days=30) for a, b in itertools.pairwise(follow))
    if s.pathway is not None:
        assert s.pathway.decided_on is not None
        assert dropout <= s.pathway.decided_on
        returned = s.pathway.kind is dm.PathwayKind.RETURN_TO_SCHOOL
        assert returned is (s.status is dm.EnrollmentStatus.RETURNED)
        online = s.pathway.online
        assert (online is not None) is (s.pathway.kind is dm.PathwayKind.ONLINE_LEARNING)
        if online is not None:
            assert online.lessons_completed <= online.lessons_total
            for exam in online.exams:
                assert online.ready_on is not None
                assert online.ready_on <= exam.date
        if s.pathway.kind is dm.PathwayKind.FOLLOW_UP_ONLY:
            assert follow
            assert follow[0] <= s.pathway.decided_on + dt.timedelta(days=30)


@given(ds.students())
def test_students_are_consistent(s: dm.Student) -> None:
    check_student(s)


@pytest.mark.parametrize("status", list(dm.EnrollmentStatus), ids=str)
@settings(max_examples=15)
@given(data=st.data())
def test_students_of_each_status(status: dm.EnrollmentStatus, data: st.DataObject) -> None:
    s = data.draw(ds.students(status=status, key="BKK-0001"))
    assert s.status is status
    assert s.key == "BKK-0001"
    check_student(s)


def test_dropouts_reach_every_pathway_and_both_identities() -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=150, derandomize=True, database=None)
    @given(ds.students(status=dm.EnrollmentStatus.DROPPED_OUT))
    def collect(s: dm.Student) -> None:
        seen["g_code" if s.g_code is not None else "citizen_id"] += 1
        seen[s.pathway.kind.value if s.pathway is not None else "none"] += 1

    collect()
    kinds = {k.value for k in dm.PathwayKind} - {"return_to_school"}  # that one is for returners
    assert kinds | {"none", "g_code", "citizen_id"} <= set(seen), seen


# ------------------------------------------------------------------------------------------------
# risk assessments, thresholds, scholarships


@given(ds.risk_assessments(student_key="S-0007"))
def test_risk_assessments(a: dm.RiskAssessment) -> None:
    assert a.student_key == "S-0007"
    assert START <= a.date <= END
    if a.days_absent is not None:
        assert a.days_enrolled is not None
        assert a.days_absent <= a.days_enrolled
    if a.longest_absence is not None:
        assert a.days_absent is not None
        assert a.longest_absence <= a.days_absent
    assert a.level is dm.derive_risk_level(a)
    if a.term is None:
        assert all(not t.contains(a.date) for t in AcademicYear.of(a.date).terms())
    else:
        assert a.term.contains(a.date)
    if a.income_per_person is not None:
        poor = a.income_per_person <= 3000
        assert (a.poverty is not dm.PovertyClass.NOT_POOR) is poor


@given(ds.risk_thresholds(), ds.risk_assessments())
def test_risk_thresholds(t: dm.RiskThresholds, a: dm.RiskAssessment) -> None:
    assert t.attendance_problem <= t.attendance_warning
    assert t.behaviour_warning <= t.behaviour_problem
    assert t.failing_warning <= t.failing_problem
    assert isinstance(dm.derive_risk_level(a, t), dm.RiskLevel)


FUNDERS = {
    dm.ScholarshipKind.EEF_EQUITY: dm.Funder.EEF,
    dm.ScholarshipKind.BMA_SCHOLARSHIP: dm.Funder.BMA,
}


def check_scholarship(f: dm.Scholarship, grade: dm.GradeLevel | None) -> None:
    assert f.funder is FUNDERS.get(f.kind, f.funder)
    yearly = Decimal(4000 if grade is not None and grade.is_kindergarten else 3000)
    assert Decimal(0) < f.amount <= (yearly if f.term is None else yearly / 2)
    assert f.awarded_on is not None
    assert f.academic_year.contains(f.awarded_on)
    assert f.paid <= f.amount
    days = [d.date for d in f.disbursements]
    assert all(f.awarded_on <= d <= END for d in days)
    assert days == sorted(set(days))
    for d in f.disbursements:
        assert d.amount > 0
        assert d.attendance is None or d.attendance >= 80
    expected = (
        dm.ScholarshipStatus.APPROVED
        if not f.disbursements
        else dm.ScholarshipStatus.COMPLETED
        if f.paid == f.amount
        else dm.ScholarshipStatus.ACTIVE
    )
    assert f.status is expected


@given(ds.scholarships(student_key="S-0003"))
def test_scholarships(f: dm.Scholarship) -> None:
    assert f.student_key == "S-0003"
    check_scholarship(f, dm.GradeLevel.K1)  # a standalone award is within the highest rate


@given(ds.disbursements())
def test_disbursements(d: dm.Disbursement) -> None:
    assert START <= d.date <= END
    assert 1 <= d.amount <= 3000
    assert d.attendance is None or 80 <= d.attendance <= 100


@given(ds.enrollments())
def test_enrollments(e: dm.Enrollment) -> None:
    assert (e.exit_date is None) is (e.exit_reason is None)
    assert e.exit_date is None or e.entry_date <= e.exit_date <= END


@pytest.mark.parametrize("kind", list(dm.PathwayKind), ids=str)
@settings(max_examples=15)
@given(data=st.data())
def test_pathways(kind: dm.PathwayKind, data: st.DataObject) -> None:
    p = data.draw(ds.pathways(kind=kind))
    assert p.kind is kind
    assert (p.online is not None) is (kind is dm.PathwayKind.ONLINE_LEARNING)
    assert (p.vocational is not None) is (kind is dm.PathwayKind.VOCATIONAL_TRAINING)
    assert p.decided_on is not None
    if p.vocational is not None and p.vocational.start is not None:
        assert p.decided_on <= p.vocational.start
        assert p.vocational.end is None or p.vocational.start <= p.vocational.end


@given(ds.vocational_training())
def test_vocational_training(v: dm.VocationalTraining) -> None:
    centre = v.provider.startswith("ศูนย์")
    assert centre is (v.provider_kind is dm.ProviderKind.TRAINING_CENTRE)
    if v.qualification:
        assert v.end is not None
    if v.start is not None and v.end is not None:
        assert v.start <= v.end


@given(ds.online_learning())
def test_online_learning(o: dm.OnlineLearning) -> None:
    assert o.lessons_completed <= o.lessons_total
    for exam in o.exams:
        assert o.ready_on is not None
        assert o.ready_on <= exam.date


# ------------------------------------------------------------------------------------------------
# caseloads


def _at_risk_before(cl: dm.Caseload, key: str, day: dt.date) -> bool:
    return any(
        a.date <= day and a.level is not None and a.level >= dm.RiskLevel.AT_RISK
        for a in cl.assessments_of(key)
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(ds.caseloads(min_students=1, max_students=8, with_project=None))
def test_caseloads_are_referentially_consistent(cl: dm.Caseload) -> None:
    assert 1 <= len(cl.students) <= 8
    keys = [s.key for s in cl.students]
    assert len(set(keys)) == len(keys)
    ids = [s.citizen_id.reveal() for s in cl.students if s.citizen_id is not None]
    ids += [s.g_code.reveal() for s in cl.students if s.g_code is not None]
    assert len(set(ids)) == len(ids)
    for s in cl.students:
        check_student(s)
    a_keys = [a.key for a in cl.assessments]
    assert len(set(a_keys)) == len(a_keys)
    for a in cl.assessments:
        who = cl.student(a.student_key)
        assert who is not None
        assert who.birth_date is not None
        assert who.birth_date < a.date
        # assessed while on a roll: not after death or final exit
        assert any(e.entry_date <= a.date <= (e.exit_date or END) for e in who.enrollments)
        assert a.level is dm.derive_risk_level(a)
    f_keys = [f.key for f in cl.scholarships]
    assert len(set(f_keys)) == len(f_keys)
    slots = Counter((f.student_key, f.kind, f.academic_year) for f in cl.scholarships)
    assert max(slots.values(), default=1) == 1  # one award of a kind a year per student
    for f in cl.scholarships:
        recipient = cl.student(f.student_key)
        assert recipient is not None
        s = recipient
        assert f.awarded_on is not None
        dropped = s.dropout_date
        assert _at_risk_before(cl, s.key, f.awarded_on) or (
            dropped is not None and dropped <= f.awarded_on
        )
        if s.status in (dm.EnrollmentStatus.DECEASED, dm.EnrollmentStatus.COMPLETED):
            assert s.enrollments[-1].exit_date is not None
            assert f.awarded_on <= s.enrollments[-1].exit_date
            assert all(d.date <= s.enrollments[-1].exit_date for d in f.disbursements)
        if f.assessment_key is not None:
            assert f.assessment_key in {a.key for a in cl.assessments_of(s.key)}
        if f.kind is dm.ScholarshipKind.EEF_EQUITY:
            incomes = [a.income_per_person for a in cl.assessments_of(s.key)]
            assert any(i is not None for i in incomes)
            assert all(i is None or i <= 3000 for i in incomes)
        check_scholarship(f, s.grade)


@pytest.mark.parametrize("with_project", [True, False])
@settings(max_examples=10)
@given(data=st.data())
def test_caseload_project_flag(with_project: bool, data: st.DataObject) -> None:
    cl = data.draw(ds.caseloads(max_students=2, with_project=with_project))
    assert (cl.project is not None) is with_project


# ------------------------------------------------------------------------------------------------
# valid data produces no finding of severity error (issue 4)


def _validate() -> Any:
    return validate


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(ds.caseloads(min_students=1, max_students=6, with_project=True))
def test_valid_caseloads_have_no_error_findings(cl: dm.Caseload) -> None:
    findings = _validate()(cl)
    assert findings.ok, findings.summary()
    assert not findings.warnings, [f.code for f in findings.warnings]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(ds.caseloads(min_students=1, max_students=6, with_project=True))
def test_valid_caseloads_have_no_error_findings_as_of_the_end(cl: dm.Caseload) -> None:
    # With as_of, a stale current grade (S003) and quarters without a report (R007) may warn.
    assert _validate()(cl, as_of=END).ok


@given(ds.projects())
def test_valid_projects_have_no_findings(p: dm.Project) -> None:
    assert not [f.code for f in _validate()(p) if f.severity >= dm.Severity.WARNING]


# ------------------------------------------------------------------------------------------------
# shrinking: minimal examples are small


class _Found(Exception):  # noqa: N818 - a signal, not an error
    pass


def minimal(strategy: st.SearchStrategy[Any], condition: Any = bool) -> Any:
    """The example a failing test reports: the shrunk first example satisfying ``condition``.

    Only the generate and shrink phases run, so that the last call (the replay of
    the shrunk example) is the one kept.
    """
    box: list[Any] = []

    @settings(
        database=None,
        derandomize=True,
        max_examples=200,
        report_multiple_bugs=False,
        phases=[Phase.generate, Phase.shrink],
    )
    @given(strategy)
    def fails(value: Any) -> None:
        if condition(value):
            box[:] = [value]
            raise _Found

    with pytest.raises(_Found):
        fails()
    return box[0]


def test_find_any_student_is_small() -> None:
    s = find(ds.students(), lambda s: True, settings=settings(database=None, derandomize=True))
    assert len(s.enrollments) <= 1
    assert s.pathway is None
    assert s.follow_ups == ()


def test_minimal_student_is_the_ordinary_case() -> None:
    s = minimal(ds.students(), lambda s: True)
    assert s.key == "S-0001"
    assert s.status is dm.EnrollmentStatus.ENROLLED
    assert s.citizen_id is not None
    assert s.g_code is None
    assert s.grade is dm.GradeLevel.P1
    assert len(s.enrollments) == 1
    assert s.enrollments[0].entry_date == START
    assert s.enrollments[0].exit_date is None
    assert s.school is not None
    assert s.school.district == "ทุ่งครุ"


def test_minimal_dropout_is_small() -> None:
    s = minimal(ds.students(), lambda s: s.status is dm.EnrollmentStatus.DROPPED_OUT)
    assert len(s.enrollments) == 1
    assert s.enrollments[0].entry_date == START
    assert s.pathway is None
    assert s.follow_ups == ()
    assert s.citizen_id is not None


def test_minimal_caseload_is_empty_and_minimal_project_spans_its_year() -> None:
    cl = minimal(ds.caseloads(), lambda c: True)
    assert (cl.students, cl.assessments, cl.scholarships, cl.project) == ((), (), (), None)
    p = minimal(ds.projects(), lambda p: True)
    assert p.fiscal_year == FiscalYear(2565)
    assert (p.start, p.end) == (START, dt.date(2022, 9, 30))
    assert p.reports == ()
    assert p.budget_allocated == p.budget_spent == 0


def test_minimal_caseload_with_a_scholarship_is_small() -> None:
    cl = minimal(ds.caseloads(), lambda c: bool(c.scholarships))
    # One student is the ideal; the shrinker is a heuristic and, with some unrelated module
    # layouts, stops at two (seen when helpers were added to project.py): both are small.
    assert len(cl.students) <= 2
    assert len(cl.scholarships) == 1
    assert cl.scholarships[0].disbursements == ()


def test_import_without_hypothesis_names_the_extra() -> None:
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None  # as if it were not installed\n"
        "try:\n"
        "    import dropout_model.strategies\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'dropout-model[strategies]'" in out.stdout
