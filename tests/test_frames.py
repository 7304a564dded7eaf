"""Tests of dropout_model.frames: model records as pandas and polars data frames, and back."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dropout_model as dm
import dropout_model.strategies as ds
from dropout_model.convert import to_json, unstructure
from dropout_model.errors import InvalidTypeError, InvalidValueError, StructureError
from dropout_model.findings import Finding, Findings, Severity
from dropout_model.frames import Backend, columns, from_frame, to_frame
from dropout_model.printout import read_printout, sample_path
from dropout_model.project import PlanRef, Target
from dropout_model.scholarship import Disbursement, ScholarshipStatus
from dropout_model.student import ExamAttempt, OnlineLearning, VocationalTraining

BACKENDS: tuple[Backend, ...] = ("pandas", "polars")
CID = "1101700230708"  # a valid citizen ID (check digit 8)
NAME = "ด.ญ. กานดา ใจดี"

#: Every public model type that is a record (one row each).
RECORDS: tuple[type, ...] = (
    dm.Student,
    dm.Project,
    dm.ProgressReport,
    dm.Scholarship,
    dm.RiskAssessment,
    dm.School,
    dm.Enrollment,
    dm.FollowUp,
    Disbursement,
    dm.Pathway,
    OnlineLearning,
    VocationalTraining,
    ExamAttempt,
    Target,
    dm.Agency,
    PlanRef,
    dm.PlanAlignment,
)
#: The personal-data fields of a student and a project (written by hand, from the issue).
STUDENT_PERSONAL = frozenset({"name", "citizen_id", "g_code", "birth_date"})
PROJECT_PERSONAL = frozenset({"responsible", "coordinator"})


def frame_rows(df: Any) -> list[dict[str, Any]]:
    """The rows of a pandas or polars frame as dicts, with None for a missing value."""
    if isinstance(df, pl.DataFrame):
        rows: list[dict[str, Any]] = df.to_dicts()
        return rows
    return [{k: None if v is pd.NA else v for k, v in r.items()} for r in df.to_dict("records")]


def frame_columns(df: Any) -> list[str]:
    return [str(c) for c in df.columns]


def arrow_types(df: Any) -> dict[str, pa.DataType]:
    """The Arrow type of every column, whichever the back end."""
    table = df.to_arrow() if isinstance(df, pl.DataFrame) else pa.Table.from_pandas(df)
    return {name: table.schema.field(name).type for name in table.column_names}


def no_float_columns(df: Any) -> list[str]:
    """The columns of ``df`` held as floats (none should be)."""
    if isinstance(df, pl.DataFrame):
        return [name for name, dtype in df.schema.items() if dtype.is_float()]
    return [name for name, t in arrow_types(df).items() if pa.types.is_floating(t)]


def read_csv_text(text: str) -> Any:
    """A CSV read as a spreadsheet user would: every cell text, an empty cell missing."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])


def a_student(**changes: Any) -> dm.Student:
    school = dm.School("โรงเรียนวัดทุ่งครุ", dm.SchoolCode("3100100101"), "ทุ่งครุ")
    base = dm.Student(
        "BKK-0001",
        citizen_id=dm.CitizenId(CID),
        name=NAME,
        birth_date=dt.date(2010, 3, 14),
        sex=dm.Sex.FEMALE,
        school=school,
        grade=dm.GradeLevel.M1,
        status=dm.EnrollmentStatus.DROPPED_OUT,
        enrollments=(
            dm.Enrollment(
                school,
                dt.date(2023, 5, 16),
                grade=dm.GradeLevel.M1,
                exit_date=dt.date(2023, 11, 30),
                exit_reason=dm.ExitReason.DROPOUT,
            ),
        ),
        follow_ups=(
            dm.FollowUp(dt.date(2023, 12, 12), dm.FollowUpMethod.HOME_VISIT, "แม่ชื่อสมศรี ป่วย"),
        ),
    )
    return attrs.evolve(base, **changes)


#: Columns that hold dates and money, written by hand from the model.
DATE_COLUMNS: dict[type, tuple[str, ...]] = {
    dm.Scholarship: ("awarded_on",),
    dm.Project: ("start", "end"),
    dm.ProgressReport: ("date",),
    dm.RiskAssessment: ("date",),
    Disbursement: ("date",),
    dm.Student: ("birth_date", "pathway.decided_on", "pathway.online.ready_on"),
    dm.Enrollment: ("entry_date", "exit_date"),
    dm.FollowUp: ("date",),
    ExamAttempt: ("date",),
    VocationalTraining: ("start", "end"),
}
MONEY_COLUMNS: dict[type, tuple[str, ...]] = {
    dm.Scholarship: ("amount",),
    dm.Project: ("budget_allocated", "budget_spent", "target.quantity"),
    dm.ProgressReport: ("progress", "disbursed"),
    dm.RiskAssessment: ("income_per_person",),
    Disbursement: ("amount", "attendance"),
    Target: ("quantity",),
}


def attrs_path(record: object, path: list[str]) -> Any:
    value: Any = record
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def assert_dates_and_money(cls: type, records: list[Any], df: Any) -> None:
    """Date columns are Arrow dates, money columns Arrow decimals equal to the originals."""
    for name in DATE_COLUMNS.get(cls, ()):
        if isinstance(df, pl.DataFrame):
            assert df.schema[name] == pl.Date
        else:
            assert df[name].dtype == pd.ArrowDtype(pa.date32())
    for name in MONEY_COLUMNS.get(cls, ()):
        if isinstance(df, pl.DataFrame):
            assert isinstance(df.schema[name], pl.Decimal)
        else:
            assert pa.types.is_decimal(df[name].dtype.pyarrow_dtype)
        got = [row[name] for row in frame_rows(df)]
        assert all(v is None or type(v) is Decimal for v in got)
        assert got == [attrs_path(r, name.split(".")) for r in records]  # equal in value


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_record_type_round_trips_through_both_backends(
    cls: type, data: st.DataObject
) -> None:
    records = data.draw(st.lists(st.from_type(cls), max_size=3), label="records")
    for backend in BACKENDS:
        df = to_frame(records, cls=cls, backend=backend, personal=True)
        assert len(df) == len(records)
        assert frame_columns(df) == columns(cls, personal=True)
        assert no_float_columns(df) == []
        assert_dates_and_money(cls, records, df)
        assert from_frame(df, cls) == records


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_no_records_make_an_empty_frame_with_every_column(cls: type, backend: Backend) -> None:
    df = to_frame([], cls=cls, backend=backend)
    assert len(df) == 0
    assert frame_columns(df) == columns(cls)
    assert no_float_columns(df) == []
    assert from_frame(df, cls) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_type_is_taken_from_the_records_and_a_generator_will_do(backend: Backend) -> None:
    students = [a_student(), a_student(key="BKK-0002", grade=None)]
    df = to_frame((s for s in students), backend=backend, personal=True)
    assert from_frame(df, dm.Student) == students


def test_a_pyarrow_table_is_read_too() -> None:
    students = [a_student()]
    table = to_frame(students, backend="polars", personal=True).to_arrow()
    assert isinstance(table, pa.Table)
    assert from_frame(table, dm.Student) == students


# --- the columns ---------------------------------------------------------------------------------


def test_nested_records_are_dotted_columns_and_sequences_json_columns() -> None:
    student_columns = columns(dm.Student, personal=True)
    for name in ("school.code", "pathway.kind", "pathway.online.lessons_completed"):
        assert name in student_columns
    assert "school" not in student_columns
    for name in ("enrollments", "follow_ups", "pathway.online.exams"):
        assert name in student_columns
    project_columns = columns(dm.Project)
    assert {"agency.units", "plan", "reports", "target.quantity"} <= set(project_columns)
    assert not any(c.startswith("plan.") for c in project_columns)
    assert "factors" in columns(dm.RiskAssessment)
    assert columns(Finding) == [
        "code",
        "severity",
        "path",
        "subject",
        "line",
        "message",
        "message_th",
        "observed",
        "expected",
    ]


def test_personal_columns_are_listed_only_when_asked() -> None:
    assert set(columns(dm.Student, personal=True)) - set(columns(dm.Student)) == STUDENT_PERSONAL
    assert set(columns(dm.Project, personal=True)) - set(columns(dm.Project)) == PROJECT_PERSONAL
    assert columns(dm.Scholarship, personal=True) == columns(dm.Scholarship)


@pytest.mark.parametrize("backend", BACKENDS)
def test_json_columns_hold_the_convert_form(backend: Backend) -> None:
    s = a_student()
    a = dm.RiskAssessment(
        "A-1",
        "S-1",
        dt.date(2023, 6, 30),
        factors=frozenset({dm.RiskFactor.POVERTY, dm.RiskFactor.ACADEMIC}),
    )
    p = dm.Project("50490000-3632", "ดูแลนักเรียน", agency=dm.Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา")))
    [srow] = frame_rows(to_frame([s], backend=backend, personal=True))
    assert json.loads(srow["enrollments"]) == [unstructure(e) for e in s.enrollments]
    assert json.loads(srow["follow_ups"]) == [
        {"date": "2023-12-12", "method": "home_visit", "outcome": "แม่ชื่อสมศรี ป่วย"}
    ]
    [arow] = frame_rows(to_frame([a], backend=backend))
    assert json.loads(arow["factors"]) == ["academic", "poverty"]  # sorted, as convert writes a set
    [prow] = frame_rows(to_frame([p], backend=backend))
    assert json.loads(prow["agency.units"]) == ["สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา"]
    assert prow["plan"] is None
    assert prow["target.description"] is None  # an absent record: all its columns empty
    assert prow["reports"] == "[]"


@pytest.mark.parametrize("backend", BACKENDS)
def test_ids_are_text_years_are_be_ints_and_terms_text(backend: Backend) -> None:
    s = dm.Scholarship(
        "F-1",
        "S-1",
        dm.ScholarshipKind.EEF_EQUITY,
        dm.Funder.EEF,
        Decimal(3000),
        dm.thaidate.AcademicYear(2566),
    )
    a = dm.RiskAssessment(
        "A-1", "S-1", dt.date(2023, 6, 30), term=dm.thaidate.Term(dm.thaidate.AcademicYear(2566), 1)
    )
    [srow] = frame_rows(to_frame([s], backend=backend))
    assert srow["academic_year"] == 2566
    assert srow["kind"] == "eef_equity"
    [arow] = frame_rows(to_frame([a], backend=backend))
    assert arow["term"] == "1/2566"
    [strow] = frame_rows(to_frame([a_student()], backend=backend, personal=True))
    assert strow["citizen_id"] == CID
    assert strow["school.code"] == "3100100101"


# --- personal data ------------------------------------------------------------------------------


def without_personal(s: dm.Student) -> dm.Student:
    return attrs.evolve(
        s,
        name="",
        citizen_id=None,
        g_code=None,
        birth_date=None,
        follow_ups=tuple(attrs.evolve(f, outcome="") for f in s.follow_ups),
    )


def personal_texts(s: dm.Student) -> list[str]:
    texts = [s.name] + [f.outcome for f in s.follow_ups]
    texts += [i.reveal() for i in (s.citizen_id, s.g_code) if i is not None]
    return [t for t in texts if t]


@given(st.lists(ds.students(), min_size=1, max_size=3))
def test_students_without_personal_have_no_personal_column_or_value(
    students: list[dm.Student],
) -> None:
    expected = [without_personal(s) for s in students]
    # Text found in what is not personal (a school named like an outcome) cannot be checked.
    public = "".join(to_json(s) for s in expected)
    secrets = [t for s in students for t in personal_texts(s) if t not in public]
    for backend in BACKENDS:
        df = to_frame(students, backend=backend)
        assert not STUDENT_PERSONAL & set(frame_columns(df))
        cells = [str(v) for row in frame_rows(df) for v in row.values() if v is not None]
        for secret in secrets:
            assert not any(secret in cell for cell in cells)
        assert from_frame(df, dm.Student) == expected


@given(st.lists(ds.projects(), min_size=1, max_size=2))
def test_projects_without_personal_have_no_responsible_or_coordinator(
    projects: list[dm.Project],
) -> None:
    expected = [attrs.evolve(p, responsible="", coordinator="") for p in projects]
    # A responsible unit may also be named in the agency: only text found nowhere else is secret.
    public = "".join(to_json(p) for p in expected)
    secrets = [t for p in projects for t in (p.responsible, p.coordinator) if t and t not in public]
    for backend in BACKENDS:
        df = to_frame(projects, backend=backend)
        assert not PROJECT_PERSONAL & set(frame_columns(df))
        cells = [str(v) for row in frame_rows(df) for v in row.values() if v is not None]
        for secret in secrets:
            assert not any(secret in cell for cell in cells)
        assert from_frame(df, dm.Project) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_hand_made_student_leaves_nothing_personal_behind(backend: Backend) -> None:
    s = a_student()
    df = to_frame([s], backend=backend)
    text = json.dumps(frame_rows(df), ensure_ascii=False, default=str)
    for secret in (CID, NAME, "สมศรี", "2010-03-14"):
        assert secret not in text
    [back] = from_frame(df, dm.Student)
    assert back.follow_ups[0].outcome == ""
    assert back.follow_ups[0].date == dt.date(2023, 12, 12)
    assert back.enrollments == s.enrollments


@pytest.mark.parametrize("backend", BACKENDS)
def test_follow_ups_as_records_keep_their_outcome_out_unless_asked(backend: Backend) -> None:
    # FollowUp.outcome is personal data (free-text notes about a family: see redact), whether
    # the follow-up sits inside a student or is a record of its own.
    f = dm.FollowUp(dt.date(2023, 12, 12), dm.FollowUpMethod.HOME_VISIT, "แม่ชื่อสมศรี ป่วย")
    df = to_frame([f], backend=backend)
    assert "สมศรี" not in json.dumps(frame_rows(df), ensure_ascii=False, default=str)
    full = to_frame([f], backend=backend, personal=True)
    assert from_frame(full, dm.FollowUp) == [f]


def test_a_project_inside_a_caseload_keeps_its_personal_columns_out_unless_asked() -> None:
    assert not [c for c in columns(dm.Caseload) if c.endswith((".responsible", ".coordinator"))]


# --- dtypes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_decimal_scale_per_column_keeps_the_value(backend: Backend) -> None:
    pays = [
        Disbursement(dt.date(2023, 7, 1), Decimal(50)),
        Disbursement(dt.date(2023, 8, 1), Decimal("1500.25"), Decimal("87.5")),
    ]
    df = to_frame(pays, backend=backend)
    types = arrow_types(df)
    assert types["amount"].scale == 2
    assert types["attendance"].scale == 1
    back = from_frame(df, Disbursement)
    assert back == pays
    assert str(back[0].amount) == "50.00"  # the column's scale: equal in value, not in digits


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_money_column_wider_than_arrow_allows_is_refused(backend: Backend) -> None:
    huge = [Disbursement(dt.date(2023, 7, 1), Decimal("1" * 77))]
    with pytest.raises(InvalidValueError, match="76"):
        to_frame(huge, backend=backend)


def test_polars_refuses_money_wider_than_its_decimals_with_our_error() -> None:
    # Arrow's decimal256 holds 39-76 digits, polars' Decimal at most 38: the polars back end
    # must say so rather than let polars panic (a PanicException is not even an Exception).
    wide = [Disbursement(dt.date(2023, 7, 1), Decimal("1" * 39))]
    with pytest.raises(InvalidValueError):
        to_frame(wide, backend="polars")


# --- Thai labels --------------------------------------------------------------------------------


@given(st.lists(ds.students(), max_size=3), st.lists(ds.scholarships(), max_size=3))
def test_thai_labels_are_written_and_read_back(
    students: list[dm.Student], awards: list[dm.Scholarship]
) -> None:
    for backend in BACKENDS:
        df = to_frame(students, cls=dm.Student, backend=backend, labels="th", personal=True)
        rows = frame_rows(df)
        assert [r["status"] for r in rows] == [s.status.label_th for s in students]
        assert [r["grade"] for r in rows] == [s.grade and s.grade.label_th for s in students]
        assert [r["sex"] for r in rows] == [s.sex and s.sex.label_th for s in students]
        assert from_frame(df, dm.Student) == students
        df = to_frame(awards, cls=dm.Scholarship, backend=backend, labels="th")
        rows = frame_rows(df)
        assert [r["kind"] for r in rows] == [a.kind.label_th for a in awards]
        assert [r["funder"] for r in rows] == [a.funder.label_th for a in awards]
        assert from_frame(df, dm.Scholarship) == awards


def test_thai_labels_and_aliases_are_read_from_a_hand_made_frame() -> None:
    df = pd.DataFrame(
        {
            "key": ["S-1", "S-2"],
            "grade": ["ม.1", "ประถมศึกษาปีที่ 6"],
            "status": ["ออกกลางคัน", "returned"],
            "sex": ["หญิง", None],
        }
    )
    assert from_frame(df, dm.Student) == [
        dm.Student(
            "S-1",
            grade=dm.GradeLevel.M1,
            status=dm.EnrollmentStatus.DROPPED_OUT,
            sex=dm.Sex.FEMALE,
        ),
        dm.Student("S-2", grade=dm.GradeLevel.P6, status=dm.EnrollmentStatus.RETURNED),
    ]


# --- spreadsheets ------------------------------------------------------------------------------


@given(st.lists(ds.students(), max_size=3))
def test_students_round_trip_through_a_csv_of_text(students: list[dm.Student]) -> None:
    df = to_frame(students, cls=dm.Student, personal=True)
    back = read_csv_text(df.to_csv(index=False))
    assert from_frame(back, dm.Student) == students


def test_a_progress_report_with_an_empty_narrative_round_trips_through_a_csv() -> None:
    # from_frame: "an empty cell is an empty value"; for a text field that is "".
    report = dm.ProgressReport(1, dt.date(2023, 1, 31), "", Decimal(50), Decimal(0))
    text = to_frame([report]).to_csv(index=False)
    assert from_frame(read_csv_text(text), dm.ProgressReport) == [report]


SCHOLARSHIPS_CSV = """\
key,student_key,kind,funder,amount,academic_year,term,awarded_on,status,disbursements
F-1,S-1,eef_equity,eef,3000,2566,1,2023-06-01,active,"[{""date"":""2023-07-01"",""amount"":""1500.50"",""attendance"":""85""}]"
F-2,S-2,ทุนการศึกษา กทม.,กทม.,1500.75,2567,,,approved,[]
"""


def test_a_csv_read_with_pandas_defaults_floats_ints_and_iso_text() -> None:
    df = pd.read_csv(io.StringIO(SCHOLARSHIPS_CSV))
    # what pandas made of it (the point of the test): floats, ints, text
    assert df["amount"].dtype == "float64"
    assert df["term"].dtype == "float64"  # a blank makes the column float
    assert df["academic_year"].dtype == "int64"
    assert df["awarded_on"].tolist()[0] == "2023-06-01"
    assert from_frame(df, dm.Scholarship) == [
        dm.Scholarship(
            "F-1",
            "S-1",
            dm.ScholarshipKind.EEF_EQUITY,
            dm.Funder.EEF,
            Decimal(3000),
            dm.thaidate.AcademicYear(2566),
            term=1,
            awarded_on=dt.date(2023, 6, 1),
            status=ScholarshipStatus.ACTIVE,
            disbursements=(Disbursement(dt.date(2023, 7, 1), Decimal("1500.50"), Decimal(85)),),
        ),
        dm.Scholarship(
            "F-2",
            "S-2",
            dm.ScholarshipKind.BMA_SCHOLARSHIP,
            dm.Funder.BMA,
            Decimal("1500.75"),
            dm.thaidate.AcademicYear(2567),
        ),
    ]


def test_counts_read_with_pandas_defaults() -> None:
    text = "key,student_key,date,days_enrolled,days_absent,income_per_person\n"
    text += "A-1,S-1,2023-06-30,40,6,2500.5\nA-2,S-2,2023-07-31,,,\n"
    df = pd.read_csv(io.StringIO(text))
    assert df["days_enrolled"].dtype == "float64"
    assert from_frame(df, dm.RiskAssessment) == [
        dm.RiskAssessment(
            "A-1",
            "S-1",
            dt.date(2023, 6, 30),
            days_enrolled=40,
            days_absent=6,
            income_per_person=Decimal("2500.5"),
        ),
        dm.RiskAssessment("A-2", "S-2", dt.date(2023, 7, 31)),
    ]


def test_id_columns_with_blanks_read_with_pandas_defaults() -> None:
    # A blank makes pandas read a column of citizen IDs (or school codes) as floats; 13 digits
    # are exact in a float, so from_frame can read them back as the digits.
    text = "key,citizen_id,g_code,school.name,school.code\n"
    text += f"S-1,{CID},,โรงเรียนวัดทุ่งครุ,3100100101\nS-2,,G664200000001,โรงเรียนอื่น,\n"
    df = pd.read_csv(io.StringIO(text))
    assert df["citizen_id"].dtype == "float64"
    assert from_frame(df, dm.Student) == [
        dm.Student(
            "S-1",
            citizen_id=dm.CitizenId(CID),
            school=dm.School("โรงเรียนวัดทุ่งครุ", dm.SchoolCode("3100100101")),
        ),
        dm.Student("S-2", g_code=dm.GCode("G664200000001"), school=dm.School("โรงเรียนอื่น")),
    ]


def test_datetimes_at_midnight_are_dates() -> None:
    days = ["2023-07-01", "2023-08-01"]
    expected = [
        Disbursement(dt.date(2023, 7, 1), Decimal(1500)),
        Disbursement(dt.date(2023, 8, 1), Decimal("1500.5")),
    ]
    pdf = pd.DataFrame({"date": pd.to_datetime(days), "amount": [1500, 1500.5]})
    assert pdf["date"].dtype.kind == "M"
    assert from_frame(pdf, Disbursement) == expected
    plf = pl.DataFrame({"date": days, "amount": [1500.0, 1500.5]}).with_columns(
        pl.col("date").str.to_datetime("%Y-%m-%d")
    )
    assert plf.schema["date"] == pl.Datetime("us")
    assert from_frame(plf, Disbursement) == expected


def test_a_datetime_with_a_time_of_day_is_a_problem() -> None:
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-07-01", "2023-07-01 10:30"], format="ISO8601"),
            "amount": [1, 2],
        }
    )
    with pytest.raises(StructureError) as e:
        from_frame(df, Disbursement)
    assert [line.split(":")[0] for line in e.value.errors] == ["row 1"]
    assert "date" in e.value.errors[0]


def test_a_fraction_in_an_int_column_is_a_problem() -> None:
    df = pd.DataFrame(
        {
            "key": ["A-1", "A-2"],
            "student_key": ["S-1", "S-2"],
            "date": ["2023-06-30", "2023-06-30"],
            "days_enrolled": [40.0, 40.5],
        }
    )
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.RiskAssessment)
    assert e.value.errors == ("row 1: days_enrolled: expected an int, got a float",)


# --- errors ------------------------------------------------------------------------------------


def test_an_unknown_column_is_named() -> None:
    df = pd.DataFrame({"key": ["S-1"], "nickname": ["x"], "grade": ["M1"]})
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    assert len(e.value.errors) == 1
    assert "nickname" in e.value.errors[0]
    assert "Student" in str(e.value)


def test_a_missing_required_column_is_a_problem_in_every_row() -> None:
    df = pd.DataFrame({"date": ["2023-07-01", "2023-08-01"]})
    with pytest.raises(StructureError) as e:
        from_frame(df, Disbursement)
    assert len(e.value.errors) == 2
    for i, line in enumerate(e.value.errors):
        assert line.startswith(f"row {i}: amount:")


def test_every_problem_is_listed_at_once_by_row_and_column_without_values() -> None:
    df = pd.DataFrame(
        {
            "key": ["S-1", "S-2", "S-3", "S-4"],
            "grade": ["M1", NAME, "M2", "M3"],  # a name in the wrong column
            "birth_date": ["2010-03-14", "2010-03-14", "14/03/2553", "2010-03-14"],
            "citizen_id": [CID, CID, CID, CID[:-1] + "9"],  # the last one fails its check digit
            "follow_ups": ["[]", "[]", "[]", "[{" + CID],
        }
    )
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    errors = e.value.errors
    assert any(line.startswith("row 1: grade:") for line in errors)
    assert any(line.startswith("row 2: birth_date:") for line in errors)
    assert any(line.startswith("row 3") and "follow_ups" in line for line in errors)
    assert not any(line.startswith("row 0") for line in errors)
    message = str(e.value)
    for secret in (NAME, CID, "14/03/2553", "ใจดี"):
        assert secret not in message


def test_a_bad_enum_and_bad_json_inside_a_json_column_name_their_path() -> None:
    df = pd.DataFrame(
        {
            "key": ["S-1", "S-2"],
            "follow_ups": [
                '[{"date":"2023-12-12","method":"' + NAME + '","outcome":""}]',
                '[{"date":"2023-12-31","method":"phone","outcome":"","mood":"' + NAME + '"}]',
            ],
        }
    )
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    assert any(line.startswith("row 0: follow_ups[0].method:") for line in e.value.errors)
    assert any(line.startswith("row 1: follow_ups[0]") for line in e.value.errors)
    assert NAME not in str(e.value)


def test_a_negative_amount_is_refused_by_the_model() -> None:
    df = pl.DataFrame({"date": ["2023-07-01", "2023-08-01"], "amount": ["1500", "-1500"]})
    with pytest.raises(StructureError) as e:
        from_frame(df, Disbursement)
    assert len(e.value.errors) == 1
    assert e.value.errors[0].startswith("row 1: amount:")


def test_a_bad_g_code_does_not_show_the_code() -> None:
    df = pd.DataFrame({"key": ["S-1"], "g_code": [CID]})
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    assert e.value.errors[0].startswith("row 0: g_code:")
    assert CID not in str(e.value)


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("follow_ups", "{not json"),
        ("pathway.online.exams", "[1, 2"),
        ("enrollments", ""),  # whitespace is not JSON either (an empty cell is None)
    ],
)
def test_text_that_is_not_json_in_a_json_column(column: str, cell: str) -> None:
    df = pd.DataFrame({"key": ["S-1"], "pathway.kind": ["online_learning"], column: [cell + " "]})
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    assert e.value.errors[0].startswith(f"row 0, column {column}:")
    assert "JSON" in e.value.errors[0]


# --- findings ----------------------------------------------------------------------------------


def some_findings() -> Findings:
    printout = read_printout(sample_path())
    extra = Finding(
        "C001",
        Severity.INFO,
        "students[0].key",
        "an example",
        "ตัวอย่าง",
        observed=Decimal("12.50"),
        expected=3,
        subject="S-0001",
    )
    return Findings([*printout.findings, *dm.validate(printout.project), extra])


def finding_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@pytest.mark.parametrize("backend", BACKENDS)
def test_findings_are_one_row_each(backend: Backend) -> None:
    findings = some_findings()
    assert findings.errors
    assert findings.warnings
    assert findings.infos
    df = to_frame(findings, backend=backend)
    assert frame_columns(df) == columns(Finding)
    rows = frame_rows(df)
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings, strict=True):
        assert row == {
            "code": f.code,
            "severity": f.severity.value,
            "path": f.path,
            "subject": f.subject,
            "line": f.line,
            "message": f.message,
            "message_th": f.message_th,
            "observed": finding_text(f.observed),
            "expected": finding_text(f.expected),
        }
    assert any(r["line"] is not None for r in rows)
    assert arrow_types(df)["line"] == pa.int64()
    th = frame_rows(to_frame(findings, backend=backend, labels="th"))
    assert [r["severity"] for r in th] == [f.severity.label_th for f in findings]
    assert {r["severity"] for r in th} == {"ข้อผิดพลาด", "คำเตือน", "ข้อสังเกต"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_findings_make_an_empty_frame(backend: Backend) -> None:
    for empty in (Findings(), Findings([])):
        df = to_frame(empty, backend=backend)
        assert len(df) == 0
        assert frame_columns(df) == columns(Finding)
    df = to_frame([], cls=Finding, backend=backend)
    assert frame_columns(df) == columns(Finding)


def test_findings_group_by_code() -> None:
    findings = some_findings()
    counts = to_frame(findings).groupby("code").size().to_dict()
    assert counts == {code: len(fs) for code, fs in findings.by_code().items()}


# --- misuse ------------------------------------------------------------------------------------


@attrs.frozen
class NotAModel:
    x: int


def test_records_of_two_types_are_refused() -> None:
    with pytest.raises(InvalidTypeError, match="School, Student"):
        to_frame([dm.Student("S-1"), dm.School("x")])
    with pytest.raises(InvalidTypeError, match="another type"):
        to_frame([dm.Student("S-1")], cls=dm.School)


def test_an_unknown_backend_or_labels_is_refused() -> None:
    anything: Any = "excel"
    with pytest.raises(InvalidValueError, match="excel"):
        to_frame([dm.Student("S-1")], backend=anything)
    with pytest.raises(InvalidValueError, match="excel"):
        to_frame([dm.Student("S-1")], labels=anything)


def test_no_records_without_cls_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="cls="):
        to_frame([])


@pytest.mark.parametrize("cls", [int, dict, NotAModel, Decimal])
def test_a_class_that_is_not_a_model_is_refused(cls: type) -> None:
    with pytest.raises(InvalidTypeError, match="model class"):
        to_frame([], cls=cls)
    with pytest.raises(InvalidTypeError, match="model class"):
        from_frame(pd.DataFrame({"x": [1]}), cls)
    with pytest.raises(InvalidTypeError, match="model class"):
        columns(cls)


def test_values_that_are_not_model_records_are_refused() -> None:
    with pytest.raises(InvalidTypeError):
        to_frame([1, 2])
    with pytest.raises(InvalidTypeError):
        to_frame([NotAModel(1)])


@pytest.mark.parametrize(
    "thing",
    [[{"key": "S-1"}], {"key": ["S-1"]}, None, "key\nS-1\n"],
    ids=["list", "dict", "None", "str"],
)
def test_from_frame_refuses_what_is_not_a_frame(thing: object) -> None:
    with pytest.raises(InvalidTypeError, match="DataFrame"):
        from_frame(thing, dm.Student)


@pytest.mark.parametrize(
    "thing",
    [pd.Series(["S-1"], name="key"), pl.Series("key", ["S-1"])],
    ids=["pandas.Series", "polars.Series"],
)
def test_from_frame_refuses_a_series(thing: object) -> None:
    with pytest.raises(InvalidTypeError, match="DataFrame"):
        from_frame(thing, dm.Student)


def test_errors_are_library_errors() -> None:
    assert issubclass(InvalidTypeError, dm.DropoutModelError)
    assert issubclass(InvalidTypeError, TypeError)
    assert issubclass(StructureError, ValueError)


# --- optional imports ----------------------------------------------------------------------------

IMPORTS = """
import json, sys
def loaded():
    return sorted(m for m in ("pandas", "polars", "pyarrow", "hypothesis") if m in sys.modules)
seen = {}
import dropout_model
seen["dropout_model"] = loaded()
dropout_model.to_frame, dropout_model.from_frame
seen["lazy names"] = loaded()
import dropout_model.frames as frames
seen["frames"] = loaded()
frames.columns(dropout_model.Student)
seen["columns"] = loaded()
frames.to_frame([dropout_model.Student("S-1")], backend="polars")
seen["polars frame"] = loaded()
frames.to_frame([dropout_model.Student("S-1")])
seen["pandas frame"] = loaded()
print(json.dumps(seen))
"""


def test_frame_libraries_are_imported_only_when_a_frame_is_made() -> None:
    out = subprocess.run(
        [sys.executable, "-c", IMPORTS], capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout)
    assert seen["dropout_model"] == []
    assert seen["lazy names"] == []
    assert seen["frames"] == []
    assert seen["columns"] == []
    assert {"polars", "pyarrow"} <= set(seen["polars frame"])
    assert {"pandas", "polars", "pyarrow"} <= set(seen["pandas frame"])
    assert "hypothesis" not in seen["pandas frame"]


# --- hand-edited sheets (review findings) --------------------------------------------------------

ID = "1101700230708"
NAME = "ด.ญ. สมหญิง ใจดี"


@pytest.mark.parametrize(
    "df",
    [
        pd.DataFrame({"key": ["a", "b"], "citizen_id": [int(ID), "1-1017-00230-70-8"]}),
        pd.DataFrame({"key": ["a", "b"], "citizen_id": [ID, 3.5]}),
        pd.DataFrame({"key": ["a", "b"], "birth_date": [dt.date(2010, 1, 1), NAME]}),
    ],
    ids=["int-and-text", "text-and-float", "date-and-text"],
)
def test_a_column_of_mixed_kinds_is_a_structure_error_without_its_values(df: Any) -> None:
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    text = str(e.value)
    assert all(line.startswith("row 1") for line in e.value.errors), e.value.errors
    assert ID not in text
    assert "1-1017" not in text
    assert NAME not in text


def test_a_mixed_column_of_valid_values_is_read() -> None:
    df = pd.DataFrame({"key": ["a", "b"], "citizen_id": [int(ID), ID]})
    got = from_frame(df, dm.Student)
    assert [s.citizen_id.reveal() if s.citizen_id else None for s in got] == [ID, ID]


def test_a_header_row_of_data_is_named_by_position_not_by_its_text() -> None:
    df = pd.DataFrame({"key": ["S-2"], ID: ["x"], NAME: ["y"]})
    with pytest.raises(StructureError) as e:
        from_frame(df, dm.Student)
    assert [line.split(":")[0] for line in e.value.errors] == [
        "column 1 (a name of 13 characters)",
        f"column 2 (a name of {len(NAME)} characters)",
    ]
    assert ID not in str(e.value)
    assert NAME not in str(e.value)


def test_rows_are_not_lost_when_the_key_is_the_index_or_there_are_no_columns() -> None:
    with pytest.raises(StructureError, match=r"index key: .*reset_index"):
        from_frame(pd.DataFrame({"key": ["a"], "grade": ["M1"]}).set_index("key"), dm.Student)
    with pytest.raises(StructureError) as e:
        from_frame(pd.DataFrame(index=range(3)), dm.Student)
    assert [line.split(":")[0] for line in e.value.errors] == ["row 0", "row 1", "row 2"]


def test_a_list_of_findings_is_a_findings_frame() -> None:
    findings = dm.validate(read_printout(sample_path()).project)
    assert list(findings)
    listed = to_frame(list(findings))
    assert listed.equals(to_frame(findings))
    assert list(listed.columns) == columns(Finding)


@pytest.mark.parametrize("kwargs", [{"backend": ["pandas"]}, {"labels": ["th"]}])
def test_an_unhashable_option_is_an_invalid_value(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidValueError):
        to_frame([dm.Student("S-1")], **kwargs)
