"""Student side of the model: grades, statuses, pathways, and personal data kept out of sight."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model import strategies as ds
from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.ids import CitizenId, GCode, SchoolCode
from dropout_model.student import (
    Decider,
    Enrollment,
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
    ProviderKind,
    School,
    Sex,
    Student,
    VocationalTraining,
)

SCHOOL = School("โรงเรียนวัดทุ่งครุ", SchoolCode("3100100101"), "ทุ่งครุ")


def test_grade_order_follows_schooling() -> None:
    order = [g.value for g in sorted(GradeLevel, key=lambda g: g.index)]
    assert order == [f"K{i}" for i in (1, 2, 3)] + [f"P{i}" for i in range(1, 7)] + [
        f"M{i}" for i in range(1, 7)
    ]
    assert GradeLevel.K3 < GradeLevel.P1 < GradeLevel.P6 < GradeLevel.M1 <= GradeLevel.M1
    assert max(GradeLevel.P3, GradeLevel.M2, GradeLevel.K1) is GradeLevel.M2
    assert [g.value for g in GradeLevel if g.is_compulsory] == [
        "P1", "P2", "P3", "P4", "P5", "P6", "M1", "M2", "M3",
    ]  # fmt: skip
    assert GradeLevel.P1.index == 1
    assert GradeLevel.M3.index == 9


@pytest.mark.parametrize(
    ("label", "grade"),
    [("ป.1", GradeLevel.P1), ("ม.3", GradeLevel.M3), ("อ.2", GradeLevel.K2), ("M6", GradeLevel.M6),
     ("มัธยมศึกษาปีที่ 1", GradeLevel.M1), ("p4", GradeLevel.P4)],
)  # fmt: skip
def test_grade_from_label(label: str, grade: GradeLevel) -> None:
    assert GradeLevel.from_label(label) is grade


@pytest.mark.parametrize(
    ("enum", "label"),
    [
        (EnrollmentStatus, "ออกกลางคัน"),
        (ExitReason, "ย้ายสถานศึกษา"),
        (PathwayKind, "ฝึกอาชีพ"),
        (Sex, "หญิง"),
        (FollowUpMethod, "เยี่ยมบ้าน"),
    ],
)
def test_every_member_is_found_from_its_thai_label(enum: Any, label: str) -> None:
    for member in enum:
        assert enum.from_label(member.label_th) is member
        assert enum.from_label(member.value) is member
    assert enum.from_label(label).label_th == label


def test_exit_reasons_are_the_five_thai_grounds_with_standard_codes() -> None:
    assert len(ExitReason) == 5
    assert ExitReason.DROPOUT.ed_fi == "Dropout"
    assert ExitReason.DROPOUT.ceds == "01927"
    assert {r.ceds for r in ExitReason} == {"01907", "01923", "01927", "01926", "01921"}


def student(**changes: Any) -> Student:
    base = Student(
        "BKK-0001",
        citizen_id=CitizenId("1101700230708"),
        name="ด.ญ. สมหญิง ใจดี",
        birth_date=dt.date(2010, 3, 4),
        sex=Sex.FEMALE,
        school=SCHOOL,
        grade=GradeLevel.M1,
        status=EnrollmentStatus.DROPPED_OUT,
        enrollments=(
            Enrollment(
                SCHOOL,
                dt.date(2016, 5, 16),
                grade=GradeLevel.P1,
                exit_date=dt.date(2022, 7, 1),
                exit_reason=ExitReason.DROPOUT,
            ),
        ),
        pathway=Pathway(
            PathwayKind.ONLINE_LEARNING,
            decided_on=dt.date(2022, 8, 1),
            decided_by=Decider.BOTH,
            online=OnlineLearning(
                3, 10, exams=(ExamAttempt(dt.date(2023, 1, 5), "คณิตศาสตร์", ExamResult.PASSED),)
            ),
        ),
        follow_ups=(FollowUp(dt.date(2022, 7, 15), FollowUpMethod.HOME_VISIT, "พบผู้ปกครอง"),),
    )
    return attrs.evolve(base, **changes)


def test_repr_and_str_hide_personal_data() -> None:
    s = student()
    for shown in (repr(s), str(s)):
        assert "สมหญิง" not in shown
        assert "1101700230708" not in shown
        assert "2010" not in shown
        assert "BKK-0001" in shown


@given(
    name=st.text(alphabet="กขคงจฉชซญฎดตถทนบปผพฟมยรลวศสหอะาิีุู่้", min_size=2),
    digits=st.text(alphabet="0123456789", min_size=13, max_size=13),
    gdigits=st.text(alphabet="0123456789", min_size=12, max_size=12),
)
def test_no_personal_data_in_repr_of_any_student(name: str, digits: str, gdigits: str) -> None:
    s = Student("K-1", citizen_id=CitizenId(digits), g_code=GCode("G" + gdigits), name=name)
    shown = repr(s) + str(s) + repr([s])
    assert digits not in shown
    assert gdigits not in shown
    assert name not in shown


def test_derived_dates() -> None:
    s = student()
    assert s.dropout_date == dt.date(2022, 7, 1)
    assert s.death_date is None
    dead = student(
        enrollments=(
            Enrollment(SCHOOL, dt.date(2016, 5, 16), exit_date=dt.date(2023, 2, 1),
                       exit_reason=ExitReason.DECEASED),
        )
    )  # fmt: skip
    assert dead.death_date == dt.date(2023, 2, 1)
    assert not dead.enrollments[0].is_open


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda: student(name=None), InvalidTypeError, "name must be a str"),
        (lambda: student(citizen_id="1101700230708"), InvalidTypeError, "CitizenId"),
        (lambda: student(grade="M1"), InvalidTypeError, "GradeLevel"),
        (lambda: student(status=None), InvalidTypeError, "EnrollmentStatus"),
        (lambda: student(enrollments=[]), InvalidTypeError, "tuple of Enrollment"),
        (lambda: student(birth_date=dt.datetime(2010, 3, 4)), InvalidTypeError, "not a datetime"),  # noqa: DTZ001
        (lambda: OnlineLearning(11, 10), InvalidValueError, "cannot exceed"),
        (lambda: OnlineLearning(-1, 10), InvalidValueError, "negative"),
        (
            lambda: Pathway(PathwayKind.FOLLOW_UP_ONLY, online=OnlineLearning()),
            InvalidValueError,
            "online learning details given for a follow_up_only pathway",
        ),
        (
            lambda: Pathway(
                PathwayKind.RETURN_TO_SCHOOL,
                vocational=VocationalTraining("ศูนย์ฝึกอาชีพ 1", ProviderKind.TRAINING_CENTRE),
            ),
            InvalidValueError,
            "vocational training details",
        ),
        (lambda: FollowUp(dt.date(2023, 1, 1), "phone"), InvalidTypeError, "FollowUpMethod"),  # type: ignore[arg-type]
        (lambda: Enrollment("school", dt.date(2020, 1, 1)), InvalidTypeError, "School"),  # type: ignore[arg-type]
    ],
)
def test_impossible_values_are_refused_with_a_clear_message(
    make: Any, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words) as info:
        make()
    assert "สมหญิง" not in str(info.value)


def test_online_learning_completion() -> None:
    assert OnlineLearning(10, 10).curriculum_completed
    assert not OnlineLearning(9, 10).curriculum_completed
    assert not OnlineLearning(0, 0).curriculum_completed


@given(ds.students())
def test_no_personal_data_in_repr_or_str_of_generated_students(s: Student) -> None:
    shown = repr(s) + str(s) + repr((s,)) + repr(s.enrollments) + repr(s.pathway)
    secrets = [s.name] if s.name else []
    if s.citizen_id is not None:
        secrets.append(s.citizen_id.reveal())
    if s.g_code is not None:
        secrets.append(s.g_code.reveal())
    if s.birth_date is not None:
        secrets.append(s.birth_date.isoformat())
        secrets.append(repr(s.birth_date))
    for secret in secrets:
        assert secret not in shown
