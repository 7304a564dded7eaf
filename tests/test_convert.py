"""Tests of dropout_model.convert: lossless round trips, the pinned format, strictness, errors."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dropout_model as dm
import dropout_model.strategies as ds
from dropout_model import convert
from dropout_model._model import ThaiEnum
from dropout_model.convert import from_json, make_converter, structure, to_json, unstructure
from dropout_model.errors import (
    DropoutModelError,
    InvalidTypeError,
    StructureError,
)
from dropout_model.ids import CitizenId, GCode, ProjectCode, SchoolCode
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

GOLDEN = Path(__file__).parent / "data" / "golden"

# Every public type with a strategy that makes it (from dropout_model.strategies).
TYPES: list[tuple[type, st.SearchStrategy[Any]]] = [
    (dm.Project, ds.projects()),
    (dm.ProgressReport, ds.progress_reports()),
    (dm.Agency, ds.agencies()),
    (dm.Target, ds.targets()),
    (dm.PlanRef, ds.plan_refs()),
    (dm.PlanAlignment, ds.plan_alignments()),
    (dm.Student, ds.students()),
    (dm.School, ds.schools()),
    (dm.Enrollment, ds.enrollments()),
    (dm.Pathway, ds.pathways()),
    (dm.OnlineLearning, ds.online_learning()),
    (dm.VocationalTraining, ds.vocational_training()),
    (dm.ExamAttempt, ds.exam_attempts()),
    (dm.FollowUp, ds.follow_ups()),
    (dm.RiskAssessment, ds.risk_assessments()),
    (dm.RiskThresholds, ds.risk_thresholds()),
    (dm.Scholarship, ds.scholarships()),
    (dm.Disbursement, ds.disbursements()),
    (dm.Caseload, ds.caseloads(max_students=4, with_project=None)),
    (CitizenId, ds.citizen_ids(valid=False)),
    (GCode, ds.g_codes()),
    (ProjectCode, ds.project_codes()),
    (SchoolCode, ds.school_codes(bma=False)),
    (FiscalYear, ds.fiscal_years()),
    (AcademicYear, ds.academic_years()),
    (Term, ds.terms()),
]
ENUMS: list[type[ThaiEnum]] = sorted(
    (e for e in vars(dm).values() if isinstance(e, type) and issubclass(e, ThaiEnum)),
    key=lambda e: e.__name__,
)


def _ids(p: object) -> str:
    return getattr(p, "__name__", "")


def assert_round_trips(x: object) -> None:
    """Through plain data and through JSON: equal, same type, and the very same text again."""
    cls = type(x)
    data = unstructure(x)
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    back = structure(data, cls)
    assert type(back) is cls
    assert back == x
    text = to_json(x)
    again = from_json(text, cls)
    assert again == x
    # Equality of Decimals ignores their exponent (50 == 50.00): the text does not.
    assert to_json(again) == text
    assert unstructure(back) == data


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize(("cls", "strategy"), TYPES, ids=[_ids(t) for t, _ in TYPES])
@given(data=st.data())
def test_every_type_round_trips(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    x = data.draw(strategy)
    assert type(x) is cls
    assert_round_trips(x)


@pytest.mark.parametrize(("cls", "strategy"), TYPES, ids=[_ids(t) for t, _ in TYPES])
@settings(max_examples=5)
@given(data=st.data())
def test_from_type_is_registered_and_round_trips(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    del strategy
    assert_round_trips(data.draw(st.from_type(cls)))


@pytest.mark.parametrize("enum_cls", ENUMS, ids=_ids)
def test_every_enum_member_round_trips_by_value(enum_cls: type[ThaiEnum]) -> None:
    for member in enum_cls:
        assert unstructure(member) == member.value
        assert isinstance(member.value, str)
        assert structure(member.value, enum_cls) is member


# Wilder values than the realistic strategies make: any text, any exponent, any day.
def _decimals(lo: int, hi: int | None) -> st.SearchStrategy[Decimal]:
    return st.builds(
        lambda d, e: d.scaleb(e) if lo <= d.scaleb(e) and (hi is None or d.scaleb(e) <= hi) else d,
        st.decimals(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False),
        st.integers(-3, 3),
    )


reports_wild = st.builds(
    dm.ProgressReport,
    number=st.integers(0, 10**30),
    date=st.none() | st.dates(),
    narrative=st.text(),
    progress=st.none() | _decimals(0, 100),
    disbursed=st.none() | _decimals(0, None),
    plan_status=st.none() | st.sampled_from(dm.PlanStatus),
    target_status=st.none() | st.sampled_from(dm.TargetStatus),
)


@given(reports_wild)
def test_wild_reports_round_trip(report: dm.ProgressReport) -> None:
    assert_round_trips(report)
    if report.progress is not None:
        back = structure(unstructure(report), dm.ProgressReport).progress
        assert back is not None
        assert back.as_tuple() == report.progress.as_tuple()


@given(
    st.builds(
        dm.Student,
        key=st.text(),
        name=st.text(),
        birth_date=st.none() | st.dates(),
        school=st.none() | st.builds(dm.School, name=st.text(), district=st.text()),
        follow_ups=st.lists(
            st.builds(dm.FollowUp, date=st.dates(), outcome=st.text()), max_size=3
        ).map(tuple),
    )
)
def test_wild_students_round_trip(student: dm.Student) -> None:
    assert_round_trips(student)


@pytest.mark.parametrize(
    "text",
    ["50.00", "0", "0.000", "1E+3", "1.250E-7", "1234567890123456789012345678.90", "-0"],
)
def test_decimal_text_is_kept_exactly(text: str) -> None:
    d = structure(text, Decimal)
    assert str(d) == text
    assert d.as_tuple() == Decimal(text).as_tuple()
    assert unstructure(d) == text


@given(st.from_regex(r"[0-9W+:T -]{8,12}", fullmatch=True) | st.text(max_size=12))
def test_dates_are_read_only_from_yyyy_mm_dd(text: str) -> None:
    """The fast path trusts fromisoformat for 10 characters with "-" at [7]: only YYYY-MM-DD."""
    try:
        d = structure(text, dt.date)
    except StructureError:
        assert not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) or not _exists(text)
    else:
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)
        assert d.isoformat() == text
    student = {"key": "S", "birth_date": text}
    try:
        s = structure(student, dm.Student)
    except StructureError:
        return
    assert s.birth_date is not None
    assert s.birth_date.isoformat() == text


def _exists(text: str) -> bool:
    try:
        dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        return False
    return True


# --- the format, pinned ----------------------------------------------------------------------


def test_leaf_formats() -> None:
    key = "1101700230708"
    assert unstructure(dt.date(2023, 1, 31)) == "2023-01-31"
    assert unstructure(Decimal("50.00")) == "50.00"
    assert unstructure(dm.PlanStatus.BEHIND) == "behind"
    assert unstructure(FiscalYear(2566)) == 2566
    assert unstructure(AcademicYear(2566)) == 2566
    assert unstructure(Term(AcademicYear(2566), 2)) == "2/2566"
    assert unstructure(CitizenId(key)) == key
    assert unstructure(GCode("G664200000001")) == "G664200000001"
    assert unstructure(ProjectCode("50490000", "3632")) == "50490000-3632"
    assert unstructure(SchoolCode("3100100101")) == "3100100101"
    assert unstructure(dm.Agency(("a", "b"))) == {"units": ["a", "b"]}


def test_frozensets_are_sorted_lists_whatever_the_insertion_order() -> None:
    factors = [dm.RiskFactor.POVERTY, dm.RiskFactor.ACADEMIC, dm.RiskFactor.MIGRATION]
    a = dm.RiskAssessment("A", "S", dt.date(2023, 6, 1), factors=frozenset(factors))
    b = dm.RiskAssessment("A", "S", dt.date(2023, 6, 1), factors=frozenset(reversed(factors)))
    assert unstructure(a)["factors"] == ["academic", "migration", "poverty"]
    assert to_json(a) == to_json(b)


def test_caseload_private_indexes_are_not_written_and_are_rebuilt() -> None:
    cl = dm.Caseload(students=(dm.Student("S-1"), dm.Student("S-2")))
    data = unstructure(cl)
    assert list(data) == ["students", "assessments", "scholarships", "project"]
    back = structure(data, dm.Caseload)
    student = back.student("S-2")
    assert student is not None
    assert student.key == "S-2"


def test_every_field_is_written_in_declaration_order() -> None:
    data = unstructure(dm.Student("S-1"))
    assert list(data) == [
        "key",
        "citizen_id",
        "g_code",
        "name",
        "birth_date",
        "sex",
        "school",
        "grade",
        "status",
        "enrollments",
        "pathway",
        "follow_ups",
    ]
    assert data["status"] == "enrolled"
    assert data["enrollments"] == []
    assert data["citizen_id"] is None


def test_missing_optional_fields_take_their_defaults() -> None:
    assert structure({"key": "S-1"}, dm.Student) == dm.Student("S-1")
    assert structure({}, dm.RiskThresholds) == dm.RiskThresholds()


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("project_50490000-3632.json", dm.Project),
        ("student_online.json", dm.Student),
        ("caseload.json", dm.Caseload),
    ],
)
def test_golden_files(name: str, cls: type) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    obj: object = from_json(text, cls)
    assert unstructure(obj) == json.loads(text)
    assert to_json(obj, indent=2) + "\n" == text  # key order and layout too


def test_golden_project_holds_the_sample_values() -> None:
    project = from_json((GOLDEN / "project_50490000-3632.json").read_bytes(), dm.Project)
    assert project.project_code == ProjectCode("50490000", "3632")
    assert project.fiscal_year == FiscalYear(2566)
    assert project.end == dt.date(2022, 9, 30)  # before the start, as printed: rule P-level
    assert str(project.reports[0].progress) == "50.00"
    assert project.reports[3].target_status is None
    assert project.plan is not None
    assert project.plan.goal is not None
    assert project.plan.goal.parts == (7, 2, 2)


def test_golden_student_holds_its_values() -> None:
    student = from_json((GOLDEN / "student_online.json").read_text(encoding="utf-8"), dm.Student)
    assert student.citizen_id is not None
    assert student.citizen_id.is_valid
    assert student.dropout_date == dt.date(2023, 11, 30)
    assert student.pathway is not None
    assert student.pathway.online is not None
    assert [e.result for e in student.pathway.online.exams] == [
        dm.ExamResult.PASSED,
        dm.ExamResult.FAILED,
    ]


def test_json_text_is_compact_utf8_and_indent_is_for_people() -> None:
    agency = dm.Agency(("สำนักงานเขตทุ่งครุ",))
    assert to_json(agency) == '{"units":["สำนักงานเขตทุ่งครุ"]}'
    assert to_json(agency, indent=2) == '{\n  "units": [\n    "สำนักงานเขตทุ่งครุ"\n  ]\n}'


@settings(max_examples=20)
@given(st.one_of(ds.students(), ds.projects(max_reports=3), reports_wild))
def test_json_text_is_the_same_without_msgspec(
    x: object,
) -> None:
    fast = to_json(x)
    assert convert._engine().name == "msgspec"
    saved = convert._ENGINE
    convert._ENGINE = convert._STDLIB
    try:
        plain = to_json(x)
        assert from_json(fast, type(x)) == x
    finally:
        convert._ENGINE = saved
    assert plain == fast


def test_lone_surrogates_are_written_as_json_writes_them() -> None:
    text = to_json(dm.PlanRef("1", "\ud800"))
    assert text == '{"number":"1","title":"\ud800"}'


# --- strictness and the error report ---------------------------------------------------------


def _student_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / "student_online.json").read_text(encoding="utf-8"))
    return data


def _project_data() -> dict[str, Any]:
    text = (GOLDEN / "project_50490000-3632.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _scholarship_data() -> dict[str, Any]:
    text = (GOLDEN / "caseload.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)["scholarships"][0]
    return data


def _assessment_data() -> dict[str, Any]:
    text = (GOLDEN / "caseload.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)["assessments"][0]
    return data


_BASES = {
    dm.Student: _student_data,
    dm.Project: _project_data,
    dm.Scholarship: _scholarship_data,
    dm.RiskAssessment: _assessment_data,
}
_DROP = object()


def _set(data: Any, path: tuple[str | int, ...], value: object) -> None:
    for step in path[:-1]:
        data = data[step]
    if value is _DROP:
        del data[path[-1]]
    else:
        data[path[-1]] = value


def _matches(line: str, expected: str) -> bool:
    """``line == expected``, where "…" in ``expected`` stands for any text (messages of
    other modules, whose wording may change, are pinned by their essentials only)."""
    pattern = ".*".join(re.escape(part) for part in expected.split("…"))
    return re.fullmatch(pattern, line) is not None


ISO = "expected an ISO date (YYYY-MM-DD)"
ISO_STR = "expected an ISO date string (YYYY-MM-DD)"
NO_DAY = f"{ISO} of a day that exists, got one that does not"
DEC = 'expected a decimal string such as "1250.50"'
DEC_TEXT = DEC
FLOAT_MONEY = f"{DEC} (money is never a float), got a float"
MONEY = "is money and must be a finite amount of baht of at least 0"
CID = "expected a citizen ID of exactly 13 ASCII digits"
FY = "expected a fiscal year as its BE year, an int such as 2566"
AY = "expected an academic year as its BE year, an int such as 2566"
TERM = "expected a term as 'term/BE academic year' such as '1/2566'"
PLAN = "expected one of 'ahead', 'on_plan', 'behind' (PlanStatus)"
FACTORS = ", ".join(repr(f.value) for f in dm.RiskFactor)
SPELL = "check the spelling against the documented format"
MAPPING = "expected an object (a JSON mapping) for"
NOT_A_NAME = "does not look like a field name (not shown)"
S, P, F, A = dm.Student, dm.Project, dm.Scholarship, dm.RiskAssessment

# (type, where, bad value, the expected report line)
REFUSED: list[tuple[type, tuple[str | int, ...], object, str]] = [
    # dates: ISO CE only
    (S, ("birth_date",), "31/01/2566", f"birth_date: {ISO}, got a str of 10 characters"),
    (S, ("birth_date",), "2010-03-14T00:00:00", f"birth_date: {ISO}, got a str of 19 characters"),
    (S, ("birth_date",), "2010-02-30", f"birth_date: {NO_DAY}"),
    (S, ("birth_date",), "20100314", f"birth_date: {ISO}, got a str of 8 characters"),
    (S, ("birth_date",), "2010-W10-1", f"birth_date: {ISO}, got a str of 10 characters"),
    (S, ("birth_date",), "๒๐๑๐-๐๓-๑๔", f"birth_date: {ISO}, got a str of 10 characters"),
    (S, ("birth_date",), "2010-03-1x", f"birth_date: {ISO}, got a str of 10 characters"),
    (S, ("birth_date",), "2010-13-01", f"birth_date: {NO_DAY}"),
    (S, ("birth_date",), 20100314, f"birth_date: {ISO_STR}, got an int"),
    (
        S,
        ("enrollments", 1, "exit_date"),
        [],
        f"enrollments[1].exit_date: {ISO_STR}, got a list of 0 items",
    ),
    # str is a str
    (S, ("name",), 123, "name: expected a string, got an int"),
    (S, ("key",), None, "key: expected a string, got null"),
    (
        S,
        ("follow_ups", 0, "outcome"),
        ["a"],
        "follow_ups[0].outcome: expected a string, got a list of 1 item",
    ),
    # int is an int: not a str, a float or a bool
    (
        P,
        ("reports", 0, "number"),
        "1",
        "reports[0].number: expected an int, got a str of 1 character",
    ),
    (P, ("reports", 0, "number"), 5.7, "reports[0].number: expected an int, got a float"),
    (P, ("reports", 0, "number"), True, "reports[0].number: expected an int, got a bool"),
    (
        P,
        ("reports", 0, "number"),
        -1,
        "reports[0].number: number is a count and cannot be negative, got -1",
    ),
    (
        S,
        ("pathway", "online", "lessons_total"),
        12.0,
        "pathway.online.lessons_total: expected an int, got a float",
    ),
    # money and percents: decimal strings
    (P, ("reports", 3, "progress"), "120", "reports[3].progress: 120 is outside 0–100"),
    (P, ("reports", 3, "progress"), 75.0, f"reports[3].progress: {FLOAT_MONEY}"),
    (P, ("reports", 3, "progress"), 75, f"reports[3].progress: {DEC}, got an int"),
    (P, ("budget_allocated",), "-5", f"budget_allocated: budget_allocated {MONEY}, got -5"),
    (P, ("budget_allocated",), "NaN", f"budget_allocated: {DEC_TEXT}, got a str of 3 characters"),
    (
        P,
        ("budget_allocated",),
        "Infinity",
        f"budget_allocated: {DEC_TEXT}, got a str of 8 characters",
    ),
    (P, ("budget_allocated",), "1_000", f"budget_allocated: {DEC_TEXT}, got a str of 5 characters"),
    (P, ("budget_allocated",), " 1000", f"budget_allocated: {DEC_TEXT}, got a str of 5 characters"),
    (P, ("budget_allocated",), "๑๐๐๐", f"budget_allocated: {DEC_TEXT}, got a str of 4 characters"),
    (P, ("budget_allocated",), "1,000", f"budget_allocated: {DEC_TEXT}, got a str of 5 characters"),
    (
        F,
        ("disbursements", 0, "attendance"),
        "100.01",
        "disbursements[0].attendance: 100.01 is outside 0–100",
    ),
    (F, ("amount",), 3000.0, f"amount: {FLOAT_MONEY}"),
    # bool is a bool
    (
        dm.RiskThresholds,
        ("factors_warn",),
        "false",
        "factors_warn: expected true or false, got a str of 5 characters",
    ),
    (dm.RiskThresholds, ("factors_warn",), 0, "factors_warn: expected true or false, got an int"),
    # enums by value, not by label or name
    (
        P,
        ("reports", 0, "plan_status"),
        "เป็นไปตามแผน",
        f"reports[0].plan_status: {PLAN}, got a str of 12 characters",
    ),
    (
        P,
        ("reports", 0, "plan_status"),
        "ON_PLAN",
        f"reports[0].plan_status: {PLAN}, got a str of 7 characters",
    ),
    (P, ("reports", 0, "plan_status"), 1, f"reports[0].plan_status: {PLAN}, got an int"),
    (S, ("sex",), "f", "sex: expected one of 'male', 'female' (Sex), got a str of 1 character"),
    # identifiers: raw strings, exactly
    (S, ("citizen_id",), "1-1017-00230-70-8", f"citizen_id: {CID}, got a str of 17 characters"),
    (S, ("citizen_id",), 1101700230708, f"citizen_id: {CID}, got an int"),
    (S, ("citizen_id",), "๑๑๐๑๗๐๐๒๓๐๗๐๘", f"citizen_id: {CID}, got a str of 13 characters"),
    (
        S,
        ("g_code",),
        "g664200000001",
        "g_code: expected a G-code ('G' and 12 ASCII digits), got a str of 13 characters",
    ),
    (
        S,
        ("school", "code"),
        "310010010",
        "school.code: expected a school code of exactly 10 ASCII digits, got a str of 9 characters",
    ),
    # years and terms
    (P, ("fiscal_year",), "2566", f"fiscal_year: {FY}, got a str of 4 characters"),
    (P, ("fiscal_year",), 2566.0, f"fiscal_year: {FY}, got a float"),
    (P, ("fiscal_year",), 66, "fiscal_year: FiscalYear…66…544–10543…2566…"),
    (F, ("academic_year",), True, f"academic_year: {AY}, got a bool"),
    (F, ("term",), 3, "term: term must be 1, 2 or None (a whole-year award), got 3"),
    (A, ("term",), "3/2566", f"term: {TERM}, got a str of 6 characters"),
    (A, ("term",), "ภาคเรียนที่ 1/2566", f"term: {TERM}, got a str of 18 characters"),
    (A, ("term",), {"academic_year": 2566, "number": 1}, f"term: {TERM}, got an object"),
    # collections
    (
        S,
        ("enrollments",),
        "none",
        "enrollments: expected a list of Enrollment, got a str of 4 characters",
    ),
    (S, ("enrollments",), {}, "enrollments: expected a list of Enrollment, got an object"),
    (
        S,
        ("enrollments", 0),
        "x",
        f"enrollments[0]: {MAPPING} Enrollment, got a str of 1 character",
    ),
    (
        A,
        ("factors",),
        ["poverty", "hunger"],
        f"factors[1]: expected one of {FACTORS} (RiskFactor), got a str of 6 characters",
    ),
    (
        S,
        ("school",),
        [],
        f"school: {MAPPING} School, got a list of 0 items",
    ),
    # fields: required, unknown
    (S, ("key",), _DROP, "key: required field is missing"),
    (S, ("pathway", "kind"), _DROP, "pathway.kind: required field is missing"),
    (S, ("nmae",), "x", f"$: unknown field 'nmae'; {SPELL}"),
    (
        S,
        ("enrollments", 0, "school", "ชื่อ"),
        "x",
        f"enrollments[0].school: unknown: 1 key that {NOT_A_NAME}; {SPELL}",
    ),
    # invariants of the model, at the field that holds them
    (
        S,
        ("pathway", "online", "lessons_completed"),
        41,
        "pathway.online.lessons_total: lessons_completed (41) cannot exceed lessons_total (40)",
    ),
    (
        S,
        ("pathway", "kind"),
        "follow_up_only",
        "pathway.online: online learning details given for a follow_up_only pathway",
    ),
]


@pytest.mark.parametrize(
    ("cls", "where", "value", "expected"),
    REFUSED,
    ids=[f"{c.__name__}.{'.'.join(map(str, w))}={v!r}"[:60] for c, w, v, _ in REFUSED],
)
def test_impossible_values_are_refused_with_their_path(
    cls: type, where: tuple[str | int, ...], value: object, expected: str
) -> None:
    data = _BASES[cls]() if cls in _BASES else {}
    _set(data, where, value)
    with pytest.raises(StructureError) as info:
        structure(data, cls)
    assert len(info.value.errors) == 1
    assert _matches(info.value.errors[0], expected), info.value.errors
    assert info.value.type_name == cls.__name__
    assert (
        str(info.value) == f"cannot structure {cls.__name__}: 1 problem\n  {info.value.errors[0]}"
    )
    # The detailed converter says the same, and so does the way through JSON.
    with pytest.raises(StructureError) as detailed:
        make_converter(detailed=True).structure(data, cls)
    assert detailed.value.errors == info.value.errors
    with pytest.raises(StructureError) as through_json:
        from_json(json.dumps(data), cls)
    assert through_json.value.errors == info.value.errors


@given(
    drop=st.sets(st.sampled_from(["citizen_id", "name", "school", "enrollments", "pathway"])),
    extra=st.sets(st.text(min_size=1, max_size=6)),
)
def test_unknown_keys_are_found_whatever_else_is_missing(drop: set[str], extra: set[str]) -> None:
    data = _student_data()
    for key in drop:
        del data[key]
    extra -= set(_student_data())
    data.update(dict.fromkeys(extra, None))
    if not extra:
        assert structure(data, dm.Student).key == "BKK-0001"
        return
    with pytest.raises(StructureError) as info:
        structure(data, dm.Student)
    assert len(info.value.errors) == 1
    assert info.value.errors[0].startswith("$: unknown")


def test_every_problem_is_reported_at_once_in_field_order() -> None:
    data = _project_data()
    data["fiscal_year"] = "2566"
    data["reports"][1]["progress"] = "120"
    data["reports"][1]["date"] = "16/02/2566"
    data["reports"][7]["plan_status"] = "late"
    data["agency"]["units"] = "สำนักงานเขตทุ่งครุ"
    data["extra"] = 1
    with pytest.raises(StructureError) as info:
        structure(data, dm.Project)
    assert info.value.errors == (
        f"fiscal_year: {FY}, got a str of 4 characters",
        "agency.units: expected a list of str, got a str of 18 characters",
        f"reports[1].date: {ISO}, got a str of 10 characters",
        "reports[1].progress: 120 is outside 0–100",
        f"reports[7].plan_status: {PLAN}, got a str of 4 characters",
        f"$: unknown field 'extra'; {SPELL}",
    )
    assert str(info.value).startswith("cannot structure Project: 6 problems\n  fiscal_year: ")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "$: expected an object (a JSON mapping) for Student, got a list of 0 items"),
        ("S-1", "$: expected an object (a JSON mapping) for Student, got a str of 3 characters"),
        (None, "$: expected an object (a JSON mapping) for Student, got null"),
        ({}, "key: required field is missing"),
    ],
)
def test_the_top_level_must_be_an_object(data: object, expected: str) -> None:
    with pytest.raises(StructureError) as info:
        structure(data, dm.Student)
    assert info.value.errors == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"key": ', r"\$: not valid JSON: .+"),
        (b"\xff\xfe", r"\$: not valid JSON: .+"),
        ("", r"\$: not valid JSON: .+"),
        ('{"key": "S-1"} x', r"\$: not valid JSON: .+"),
    ],
)
def test_text_that_is_not_json(text: str | bytes, expected: str) -> None:
    with pytest.raises(StructureError) as info:
        from_json(text, dm.Student)
    assert len(info.value.errors) == 1
    assert re.fullmatch(expected, info.value.errors[0])


def test_from_json_needs_text() -> None:
    with pytest.raises(InvalidTypeError, match="needs JSON text as str or bytes, not dict"):
        from_json({"key": "S-1"}, dm.Student)  # type: ignore[arg-type]


def test_an_unknown_target_type_is_a_programming_error() -> None:
    class NotAModel:
        pass

    with pytest.raises(
        InvalidTypeError, match="cannot structure NotAModel: not a type of the model"
    ):
        structure({}, NotAModel)
    with pytest.raises(InvalidTypeError, match="cannot structure NotAModel"):
        make_converter().structure({}, NotAModel)


def test_structure_error_is_in_the_hierarchy() -> None:
    with pytest.raises(StructureError) as info:
        structure({"key": 1}, dm.Student)
    assert isinstance(info.value, DropoutModelError)
    assert isinstance(info.value, ValueError)
    assert info.value.__cause__ is None  # no chained traceback from inside cattrs
    assert info.value.__suppress_context__


_ALL_DIGITS = re.compile(r"[0-9]{13}")


@settings(max_examples=40)
@given(student=ds.students(), name=ds.thai_names(), how=st.integers(0, 4))
def test_no_personal_data_in_the_error_of_a_generated_student(
    student: dm.Student, name: str, how: int
) -> None:
    """Personal values put in the wrong places are described, never quoted."""
    student = dm.Student(
        student.key,
        citizen_id=student.citizen_id or CitizenId("1101700230708"),
        name=name,
        birth_date=student.birth_date,
        school=student.school,
        enrollments=student.enrollments,
    )
    digits = student.citizen_id.reveal() if student.citizen_id else ""
    data = unstructure(student)
    bad: dict[str, object]
    if how == 0:  # the name where a date goes, the ID where a G-code goes
        bad = {"birth_date": name, "g_code": digits, "sex": name}
    elif how == 1:  # a near-miss ID (one digit short), and the name where the ID goes
        bad = {"citizen_id": digits[:-1], "grade": digits, "status": name}
    elif how == 2:  # the ID as a number, the name as a school code
        bad = {"citizen_id": int(digits), "school": {"name": name, "code": name}}
    elif how == 3:  # personal values as unknown keys' values and as enrollments
        bad = {"citizen_id": name, "enrollments": [name, {"school": digits}]}
    else:  # the name with a time, where the birth date goes
        bad = {"birth_date": f"{name}T00:00", "name": [name, digits]}
    data.update(bad)
    with pytest.raises(StructureError) as info:
        structure(data, dm.Student)
    text = str(info.value)
    assert name not in text
    assert digits not in text
    assert not _ALL_DIGITS.search(text)
    assert all(e not in text for e in (repr(name), repr(digits)))


# --- fast and detailed agree -----------------------------------------------------------------


@settings(max_examples=30)
@given(st.one_of(ds.students(), ds.projects(max_reports=4), ds.caseloads(max_students=3)))
def test_fast_and_detailed_converters_agree_on_good_data(x: object) -> None:
    data = unstructure(x)
    detailed = make_converter(detailed=True)
    assert detailed.structure(copy.deepcopy(data), type(x)) == x
    assert detailed.unstructure(x) == data
    assert make_converter().structure(data, type(x)) == x


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize(
    "cls",
    [dm.Student, dm.Project, dm.Caseload, dm.RiskAssessment, dm.Scholarship, Term, Decimal],
    ids=_ids,
)
@settings(max_examples=40)
@given(data=json_values)
def test_any_json_value_is_structured_or_refused_with_structure_error(
    cls: type, data: object
) -> None:
    try:
        structure(data, cls)
    except StructureError as e:
        errors = e.errors
    else:
        return
    assert errors
    assert all(re.match(r"^(\$|[a-z_]+|\[\d+\])[^:]*: \S", line) for line in errors)


@settings(max_examples=40)
@given(text=st.text(max_size=40) | st.binary(max_size=40))
def test_any_text_is_read_or_refused_with_structure_error(text: str | bytes) -> None:
    try:
        from_json(text, dm.Student)
    except StructureError as e:
        errors = e.errors
    else:
        return
    assert errors


@pytest.mark.parametrize(
    "field", ["key", "name", "birth_date", "grade", "status", "school", "follow_ups"]
)
@given(value=json_values)
def test_any_value_of_a_field_is_kept_exactly_or_refused_at_that_field(
    field: str, value: object
) -> None:
    data = {"key": "S-1", field: value}
    try:
        student = structure(data, dm.Student)
    except StructureError as e:
        errors = e.errors
    else:
        assert unstructure(student)[field] == value
        return
    assert all(re.match(rf"{field}\b", line) for line in errors), errors


# --- the converter objects -------------------------------------------------------------------


def test_make_converter_makes_a_new_converter_each_time_never_the_global_one() -> None:
    a, b = make_converter(), make_converter()
    assert a is not b
    assert a is not cattrs.global_converter
    assert isinstance(a, cattrs.Converter)
    a.register_unstructure_hook(FiscalYear, lambda fy: f"FY{fy.be_year}")
    assert a.unstructure(FiscalYear(2566)) == "FY2566"
    assert b.unstructure(FiscalYear(2566)) == 2566
    assert unstructure(FiscalYear(2566)) == 2566


def test_a_converter_cannot_be_copied() -> None:
    with pytest.raises(InvalidTypeError, match=r"copy\(\) is not supported"):
        make_converter().copy()


def test_hooks_registered_on_a_converter_are_used_by_its_generated_code() -> None:
    c = make_converter()
    c.register_unstructure_hook(dt.date, lambda d: d.strftime("%d/%m/%Y"))
    assert c.unstructure(dm.FollowUp(dt.date(2023, 1, 31), dm.FollowUpMethod.PHONE)) == {
        "date": "31/01/2023",
        "method": "phone",
        "outcome": "",
    }


def test_the_detailed_converter_raises_structure_error_too() -> None:
    c = make_converter(detailed=True)
    assert c.detailed
    with pytest.raises(StructureError, match=r"number: expected an int, got a str"):
        c.structure({"number": "1", "date": None, "narrative": "", "progress": None,
                     "disbursed": None}, dm.ProgressReport)  # fmt: skip


def test_loads_and_dumps_of_the_converter() -> None:
    c = make_converter()
    target = dm.Target("นักเรียน 1,000 คน", Decimal(1000), "คน")
    text = c.dumps(target, ensure_ascii=False)
    assert c.loads(text, dm.Target) == target
    with pytest.raises(StructureError):
        c.loads('{"description": 1}', dm.Target)


def test_enums_are_plain_str_values() -> None:
    for enum_cls in ENUMS:
        assert issubclass(enum_cls, enum.Enum)
        assert all(type(m.value) is str for m in enum_cls)


@pytest.mark.parametrize("obj", [object(), {"a": object()}, [1, object()]])
def test_to_json_of_something_unwritable_is_a_library_error(obj: object) -> None:
    with pytest.raises(InvalidTypeError, match="to_json"):
        to_json(obj)
