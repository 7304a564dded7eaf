"""Caseload lookups: O(1) by key, built in one pass."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model.caseload import Caseload
from dropout_model.errors import InvalidTypeError
from dropout_model.risk import RiskAssessment
from dropout_model.scholarship import Funder, Scholarship, ScholarshipKind
from dropout_model.student import Student
from dropout_model.thaidate import AcademicYear

keys = st.lists(st.sampled_from([f"S-{i}" for i in range(8)]), max_size=20)


@given(student_keys=keys, assessed=keys, funded=keys)
def test_lookups_agree_with_a_scan(
    student_keys: list[str], assessed: list[str], funded: list[str]
) -> None:
    students = tuple(Student(k, name=f"n{i}") for i, k in enumerate(student_keys))
    assessments = tuple(
        RiskAssessment(f"A-{i}", k, dt.date(2023, 6, 1)) for i, k in enumerate(assessed)
    )
    scholarships = tuple(
        Scholarship(
            f"F-{i}", k, ScholarshipKind.TRAVEL, Funder.BMA, Decimal(500), AcademicYear(2566)
        )
        for i, k in enumerate(funded)
    )
    cl = Caseload(students, assessments, scholarships)
    for k in {f"S-{i}" for i in range(9)}:
        first = next((s for s in students if s.key == k), None)
        assert cl.student(k) is first
        assert cl.assessments_of(k) == tuple(a for a in assessments if a.student_key == k)
        assert cl.scholarships_of(k) == tuple(s for s in scholarships if s.student_key == k)


def test_equality_ignores_the_indexes_and_repr_is_short() -> None:
    a = Caseload((Student("S-1", name="สมชาย"),))
    b = Caseload((Student("S-1", name="สมชาย"),))
    assert a == b
    assert hash(a) == hash(b)
    assert repr(a) == "Caseload(1 students, 0 assessments, 0 scholarships)"
    assert "สมชาย" not in repr(a)


def test_caseload_refuses_lists() -> None:
    with pytest.raises(InvalidTypeError, match="tuple of Student"):
        Caseload([Student("S-1")])  # type: ignore[arg-type]


def test_assessment_by_key_first_wins() -> None:
    a1 = RiskAssessment("A-1", "S-1", dt.date(2023, 6, 1))
    a1_again = RiskAssessment("A-1", "S-2", dt.date(2023, 7, 1))
    cl = Caseload(assessments=(a1, a1_again))
    assert cl.assessment("A-1") is a1
    assert cl.assessment("A-9") is None
