"""validate() and check(): dispatch, select/ignore, misuse, and never a crash on any object."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dropout_model.strategies  # noqa: F401  (registers st.from_type for the model)
from dropout_model.caseload import Caseload
from dropout_model.errors import (
    DropoutModelError,
    InvalidTypeError,
    InvalidValueError,
    ValidationError,
)
from dropout_model.findings import Finding, Findings, Severity
from dropout_model.ids import CitizenId, GCode
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
from dropout_model.risk import PovertyClass, RiskAssessment, RiskFactor, RiskLevel
from dropout_model.rules import RuleConfig, _validate, check, rule_catalogue, validate
from dropout_model.rules import Target as RuleTarget
from dropout_model.rules._core import (
    Env,
    Rule,
    add_days,
    clip,
    dec_sum,
    fiscal_year_span,
    full_years,
    join_path,
)
from dropout_model.rules.catalogue import ALL_RULES
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
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
    Student,
    VocationalTraining,
)
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

D = dt.date
CODES = frozenset(e.code for e in rule_catalogue())
PROJECT = Project("5049-3632", "")  # P001, P006
STUDENT = Student("S-1", citizen_id=CitizenId("1101700230709"))  # S001
REPORTS = (ProgressReport(2, D(2023, 1, 1), "", Decimal(10), Decimal(0)),)  # R001


# --- dispatch ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("obj", "families"),
    [
        (PROJECT, {"P"}),
        (attrs.evolve(PROJECT, reports=REPORTS), {"P", "R"}),
        (REPORTS, {"R"}),
        (list(REPORTS), {"R"}),
        ((), set()),
        (STUDENT, {"S"}),
        (RiskAssessment("A-1", "S-1", D(2023, 1, 1), days_enrolled=1, days_absent=2), {"A"}),
        (
            Scholarship(
                "F-1",
                "S-1",
                ScholarshipKind.EEF_EQUITY,
                Funder.EEF,
                Decimal(9999),
                AcademicYear(2566),
            ),
            {"F"},
        ),
        (Caseload((STUDENT,), project=PROJECT), {"P", "S"}),
    ],
)
def test_each_object_runs_its_families(obj: object, families: set[str]) -> None:
    assert {c[0] for c in validate(obj).codes} == families


@pytest.mark.parametrize(
    ("obj", "match", "error"),
    [
        (42, "not int", InvalidTypeError),
        ("P001", "not str", InvalidTypeError),
        (b"", "not bytes", InvalidTypeError),
        (None, "not NoneType", InvalidTypeError),
        ([REPORTS[0], STUDENT], r"item \[1\] is a Student", InvalidTypeError),
        ({"reports": []}, "not dict", InvalidTypeError),
    ],
)
def test_unsupported_objects_are_misuse(obj: object, match: str, error: type[Exception]) -> None:
    with pytest.raises(error, match=match) as info:
        validate(obj)
    assert isinstance(info.value, DropoutModelError)


@pytest.mark.parametrize(
    ("kwargs", "match", "error"),
    [
        ({"select": 5}, "not int", InvalidTypeError),
        ({"select": [5]}, "holds a int", InvalidTypeError),
        ({"select": ["Z"]}, "'Z' is not a rule code or prefix", InvalidValueError),
        ({"ignore": ["P0001"]}, "'P0001' is not a rule code", InvalidValueError),
        ({"ignore": ""}, "'' is not a rule code", InvalidValueError),
        ({"config": {"report_grace_days": 1}}, "config must be a RuleConfig", InvalidTypeError),
        ({"as_of": dt.datetime(2023, 1, 1)}, "not a datetime", InvalidTypeError),  # noqa: DTZ001
        ({"as_of": "2023-01-01"}, "as_of must be a datetime.date", InvalidTypeError),
        ({"project": "P"}, "project must be a Project", InvalidTypeError),
    ],
)
def test_bad_arguments_are_misuse(
    kwargs: dict[str, Any], match: str, error: type[Exception]
) -> None:
    with pytest.raises(error, match=match):
        validate(STUDENT, **kwargs)


def test_project_context_only_for_report_sequences() -> None:
    with pytest.raises(InvalidValueError, match="context of a sequence of ProgressReport"):
        validate(STUDENT, project=PROJECT)
    assert validate(REPORTS, project=PROJECT).codes == {"R001"}


# --- select and ignore ---------------------------------------------------------------------------


def test_select_and_ignore_take_codes_and_prefixes() -> None:
    messy = attrs.evolve(STUDENT, g_code=GCode("G661000000001"))  # S001 and S002
    assert validate(messy).codes == {"S001", "S002"}
    assert validate(messy, select="S001").codes == {"S001"}
    assert validate(messy, select=["S"]).codes == {"S001", "S002"}
    assert validate(messy, select=("S00", "P")).codes == {"S001", "S002"}
    assert validate(messy, select="s002").codes == {"S002"}  # case does not matter
    assert validate(messy, ignore="S001").codes == {"S002"}
    assert validate(messy, select="S", ignore=["S002"]).codes == {"S001"}
    assert validate(messy, select="S001", ignore="S").codes == frozenset()
    assert validate(messy, select="X").codes == frozenset()  # the printout reader's codes
    assert validate(messy, ignore=iter(["X001", "S001"])).codes == {"S002"}


def test_selected_out_rules_do_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def spy(r: Rule, obj: object, env: Env) -> list[Finding]:
        ran.append(r.code)
        return []

    spies = tuple(attrs.evolve(r, func=spy) for r in ALL_RULES)
    monkeypatch.setattr(_validate, "ALL_RULES", spies)
    _validate._pick.cache_clear()
    try:
        validate(STUDENT, select=["S00"], ignore="S003")
        assert ran == ["S001", "S002", "S004", "S005", "S006", "S007", "S008", "S009"]
        ran.clear()
        validate(Caseload((STUDENT, STUDENT)), select="C")
        assert ran == ["C001", "C002", "C003"]  # F003 compares records too, but is an F rule
        ran.clear()
        validate(Caseload((STUDENT,)), select="F003")
        assert ran == ["F003"]
    finally:
        _validate._pick.cache_clear()


# --- check() -------------------------------------------------------------------------------------


def test_check_raises_with_every_finding() -> None:
    bad = attrs.evolve(STUDENT, g_code=GCode("G661000000001"))
    with pytest.raises(ValidationError) as info:
        check(bad)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err.findings, Findings)
    assert err.findings.codes == {"S001", "S002"}  # the warning too
    assert str(err) == "validation found 1 error, 1 warning: S001 at citizen_id; see .findings"
    assert "1101700230709" not in str(err)


def test_check_returns_warnings_and_passes_arguments() -> None:
    only_warning = Student("S-1")
    assert check(only_warning).codes == {"S002"}
    assert check(STUDENT, ignore="S001") == Findings()
    assert check(REPORTS, select="R002", project=PROJECT) == Findings()


def test_check_summary_is_short() -> None:
    many = Caseload(tuple(attrs.evolve(STUDENT, key=f"S-{i}") for i in range(8)))
    with pytest.raises(ValidationError, match=r"and \d+ more; see .findings$"):
        check(many)


# --- helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "path", "joined"),
    [
        ("", "", ""),
        ("", "end", "end"),
        ("reports", "", "reports"),
        ("reports", "[3].date", "reports[3].date"),
        ("project.reports", "[0]", "project.reports[0]"),
        ("students[1]", "follow_ups[0].date", "students[1].follow_ups[0].date"),
    ],
)
def test_join_path(prefix: str, path: str, joined: str) -> None:
    assert join_path(prefix, path) == joined


def test_date_helpers_hold_at_the_edges_of_the_calendar() -> None:
    assert add_days(D(9999, 12, 1), 60) == D.max
    assert add_days(D(1, 1, 10), -60) == D.min
    assert add_days(D(2024, 2, 28), 1) == D(2024, 2, 29)
    assert full_years(D(2016, 5, 16), D(2023, 5, 16)) == 7
    assert full_years(D(2016, 5, 17), D(2023, 5, 16)) == 6
    assert full_years(D(2024, 1, 1), D(2023, 5, 16)) == -1
    assert fiscal_year_span(FiscalYear(544)) is None
    assert fiscal_year_span(FiscalYear(10543)) is None
    assert fiscal_year_span(FiscalYear(2566)) == (D(2022, 10, 1), D(2023, 9, 30))


def test_money_and_text_helpers() -> None:
    huge = Decimal("9E+999999")
    assert dec_sum([huge, huge]) == Decimal("1.8E+1000000")  # no Overflow
    assert dec_sum([]) == 0
    assert clip("x" * 100, 10) == "x" * 9 + "…"
    assert clip("สั้น") == "สั้น"


def test_rule_identity() -> None:
    (p002,) = [r for r in ALL_RULES if r.code == "P002"]
    assert p002.target is RuleTarget.PROJECT
    assert "func" not in repr(p002)
    f = p002.finding("end", "m", "ม", severity=Severity.INFO)
    assert (f.code, f.severity, f.subject) == ("P002", Severity.INFO, None)


# --- never a crash, whatever constructs ----------------------------------------------------------

texts = st.text(max_size=12)
any_dates = st.dates()
opt_dates = st.none() | any_dates
money = st.decimals(min_value=0, allow_nan=False, allow_infinity=False)
opt_money = st.none() | money
percent = st.decimals(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
counts = st.none() | st.integers(0, 10**6)
keys = st.sampled_from(["S-1", "S-2", "S-3", ""])


def small_tuples(elements: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(elements, max_size=4).map(tuple)


reports = st.builds(
    ProgressReport,
    st.integers(0, 20),
    opt_dates,
    st.sampled_from(["", "ดำเนินการแล้วเสร็จ", "ยังไม่แล้วเสร็จ"]) | texts,
    st.none() | percent,
    opt_money,
    st.none() | st.sampled_from(PlanStatus),
    st.none() | st.sampled_from(TargetStatus),
)
plan_refs = st.builds(PlanRef, st.sampled_from(["7", "7.2", "๗.๒.๒", "", "x.1", "7..2"]) | texts)
wild_projects = st.builds(
    Project,
    code=texts,
    name=texts,
    fiscal_year=st.none() | st.integers(544, 10543).map(FiscalYear),
    start=opt_dates,
    end=opt_dates,
    budget_allocated=opt_money,
    budget_spent=opt_money,
    agency=st.none() | st.builds(Agency, small_tuples(texts)),
    responsible=texts,
    coordinator=texts,
    target=st.none() | st.builds(Target, texts, opt_money, texts),
    plan=st.none()
    | st.builds(PlanAlignment, st.none() | plan_refs, st.none() | plan_refs, st.none() | plan_refs),
    reports=small_tuples(reports),
)
enrollments = st.builds(
    Enrollment,
    st.just(School("x")),
    any_dates,
    st.sampled_from(EntryType),
    st.none() | st.sampled_from(GradeLevel),
    opt_dates,
    st.none() | st.sampled_from(ExitReason),
)
online = st.builds(
    lambda done, extra, ready, exams: OnlineLearning(done, done + extra, ready, exams),
    st.integers(0, 50),
    st.integers(0, 50),
    opt_dates,
    small_tuples(st.builds(ExamAttempt, any_dates, texts, st.sampled_from(ExamResult))),
)
wild_pathways = st.one_of(
    st.builds(
        Pathway,
        st.sampled_from([PathwayKind.RETURN_TO_SCHOOL, PathwayKind.FOLLOW_UP_ONLY]),
        opt_dates,
        st.none() | st.sampled_from(Decider),
    ),
    st.builds(Pathway, st.just(PathwayKind.ONLINE_LEARNING), opt_dates, online=online),
    st.builds(
        Pathway,
        st.just(PathwayKind.VOCATIONAL_TRAINING),
        opt_dates,
        vocational=st.builds(
            VocationalTraining, texts, st.sampled_from(ProviderKind), start=opt_dates
        ),
    ),
)
wild_students = st.builds(
    Student,
    keys,
    citizen_id=st.none() | st.from_regex(r"[0-9]{13}", fullmatch=True).map(CitizenId),
    g_code=st.none() | st.from_regex(r"G[0-9]{12}", fullmatch=True).map(GCode),
    birth_date=opt_dates,
    grade=st.none() | st.sampled_from(GradeLevel),
    status=st.sampled_from(EnrollmentStatus),
    enrollments=small_tuples(enrollments),
    pathway=st.none() | wild_pathways,
    follow_ups=small_tuples(st.builds(FollowUp, any_dates, st.sampled_from(FollowUpMethod))),
)
wild_assessments = st.builds(
    RiskAssessment,
    st.sampled_from(["A-1", "A-2"]),
    keys,
    any_dates,
    term=st.none()
    | st.builds(Term, st.integers(543, 10542).map(AcademicYear), st.sampled_from([1, 2])),
    days_enrolled=counts,
    days_absent=counts,
    longest_absence=counts,
    behaviour_incidents=counts,
    failing_courses=counts,
    income_per_person=opt_money,
    poverty=st.none() | st.sampled_from(PovertyClass),
    factors=st.frozensets(st.sampled_from(RiskFactor), max_size=2),
    level=st.none() | st.sampled_from(RiskLevel),
)
wild_scholarships = st.builds(
    Scholarship,
    st.sampled_from(["F-1", "F-2"]),
    keys,
    st.sampled_from(ScholarshipKind),
    st.sampled_from(Funder),
    money,
    st.integers(543, 10542).map(AcademicYear),
    st.sampled_from([None, 1, 2]),
    opt_dates,
    st.none() | st.sampled_from(["A-1", "A-2", "A-9"]),
    st.sampled_from(ScholarshipStatus),
    small_tuples(st.builds(Disbursement, any_dates, money, st.none() | percent)),
)
wild_caseloads = st.builds(
    Caseload,
    small_tuples(wild_students),
    small_tuples(wild_assessments),
    small_tuples(wild_scholarships),
    st.none() | wild_projects,
)
configs = st.sampled_from(
    [
        RuleConfig(),
        RuleConfig(report_grace_days=0, follow_up_interval_days=0, dropout_follow_up_days=0),
        RuleConfig(schedule_variance_points=Decimal(0), term_share=Decimal(0)),
    ]
)
anything = st.one_of(
    wild_projects,
    small_tuples(reports),
    wild_students,
    wild_assessments,
    wild_scholarships,
    wild_caseloads,
    st.from_type(Project),
    st.from_type(Student),
    st.from_type(RiskAssessment),
    st.from_type(Scholarship),
    st.from_type(Caseload),
)


def well_formed(f: Finding) -> None:
    assert f.code in CODES
    assert isinstance(f.severity, Severity)
    assert isinstance(f.path, str)
    assert f.message.strip()
    assert f.message_th.strip()
    assert f.observed is None or isinstance(f.observed, str | int | Decimal | dt.date)
    assert f.expected is None or isinstance(f.expected, str | int | Decimal | dt.date)
    f.to_dict()
    f.text("th")


@given(anything, st.none() | any_dates, configs)
def test_validate_never_crashes(obj: object, as_of: dt.date | None, config: RuleConfig) -> None:
    fs = validate(obj, as_of=as_of, config=config)
    for f in fs:
        well_formed(f)


@given(wild_projects, st.none() | any_dates)
def test_report_sequences_with_any_project_never_crash(p: Project, as_of: dt.date | None) -> None:
    for f in validate(p.reports, project=p, as_of=as_of):
        well_formed(f)


selectors = st.lists(
    st.sampled_from(["P", "R", "S", "A", "F", "C", "P00", "S003", "F003", "C002", "R00", "A00"]),
    max_size=3,
)


@given(anything, selectors, selectors)
def test_skipping_rules_equals_filtering_findings(
    obj: object, select: list[str], ignore: list[str]
) -> None:
    everything = validate(obj)
    picked = validate(obj, select=select or None, ignore=ignore)
    assert picked == everything.filter(select=select or None, ignore=ignore)
