"""Rules A (risk assessments): each rule both ways, standalone and inside a caseload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from dropout_model.caseload import Caseload
from dropout_model.findings import Findings, Severity
from dropout_model.ids import CitizenId
from dropout_model.risk import PovertyClass, RiskAssessment, RiskLevel, RiskThresholds
from dropout_model.rules import RuleConfig, validate
from dropout_model.student import (
    Enrollment,
    EnrollmentStatus,
    ExitReason,
    GradeLevel,
    School,
    Student,
)

D = dt.date
SCHOOL = School("โรงเรียนวัดทุ่งครุ")
ROW = Enrollment(SCHOOL, D(2020, 5, 16), grade=GradeLevel.P1)
STUDENT = Student(
    "S-2",
    citizen_id=CitizenId("3100600123450"),
    name="ด.ญ. ทดสอบ รักเรียน",
    birth_date=D(2013, 3, 1),
    grade=GradeLevel.P4,
    enrollments=(ROW,),
)
#: 6 of 40 days absent: 85% attendance, below the 88% early warning: at risk.
BASE = RiskAssessment(
    "A-1",
    "S-2",
    D(2023, 6, 30),
    days_enrolled=40,
    days_absent=6,
    income_per_person=Decimal(2500),
    poverty=PovertyClass.POOR,
    level=RiskLevel.AT_RISK,
)


def in_caseload(a: RiskAssessment, student: Student = STUDENT) -> Caseload:
    return Caseload((student,), (a,))


def codes(obj: Any, **kw: Any) -> frozenset[str]:
    return validate(obj, **kw).codes


def test_base_is_clean() -> None:
    assert validate(BASE) == Findings()
    assert validate(in_caseload(BASE), as_of=D(2023, 6, 30)) == Findings()


def died(day: dt.date) -> Student:
    return attrs.evolve(
        STUDENT,
        status=EnrollmentStatus.DECEASED,
        enrollments=(attrs.evolve(ROW, exit_date=day, exit_reason=ExitReason.DECEASED),),
    )


def left(day: dt.date, reason: ExitReason) -> Student:
    return attrs.evolve(
        STUDENT, enrollments=(attrs.evolve(ROW, exit_date=day, exit_reason=reason),)
    )


A_CASES: list[tuple[str, Any, Any, str]] = [
    ("A001", attrs.evolve(BASE, days_absent=41), attrs.evolve(BASE, days_absent=40), "days_absent"),
    ("A001", in_caseload(attrs.evolve(BASE, days_absent=41)), None, "assessments[0].days_absent"),
    (
        "A002",
        Caseload((died(D(2023, 6, 29)),), (BASE,)),
        in_caseload(BASE, died(D(2023, 6, 30))),
        "assessments[0].date",
    ),
    (
        "A002",
        in_caseload(BASE, left(D(2023, 6, 29), ExitReason.COMPLETED)),
        in_caseload(BASE, left(D(2023, 6, 29), ExitReason.DROPOUT)),
        "assessments[0].date",
    ),
    (
        "A002",
        in_caseload(BASE, left(D(2023, 6, 29), ExitReason.OVER_AGE)),
        in_caseload(BASE, left(D(2023, 6, 29), ExitReason.TRANSFERRED)),
        "assessments[0].date",
    ),
    (
        "A002",
        in_caseload(attrs.evolve(BASE, date=D(2013, 2, 28))),
        in_caseload(attrs.evolve(BASE, date=D(2013, 3, 1))),
        "assessments[0].date",
    ),
    ("A003", attrs.evolve(BASE, level=RiskLevel.NORMAL), attrs.evolve(BASE, level=None), "level"),
    (
        "A003",
        attrs.evolve(BASE, days_absent=9),  # 77.5%: a problem, recorded as at risk
        attrs.evolve(BASE, days_absent=8),  # 80%: not below 80, so at risk as recorded
        "level",
    ),
]


@pytest.mark.parametrize(("code", "bad", "near", "path"), A_CASES)
def test_assessment_rule_both_ways(code: str, bad: Any, near: Any, path: str) -> None:
    fs = validate(bad, select=code)
    assert [f.path for f in fs] == [path]
    if isinstance(bad, Caseload):
        assert [f.subject for f in fs] == ["S-2"]
    if near is not None:
        assert code not in codes(near, select=code)


def test_a001_and_a002_are_errors_a003_a_warning() -> None:
    fs = validate(
        Caseload(
            (died(D(2023, 1, 1)),), (attrs.evolve(BASE, days_absent=99, level=RiskLevel.NORMAL),)
        )
    )
    assert {(f.code, f.severity) for f in fs} == {
        ("A001", Severity.ERROR),
        ("A002", Severity.ERROR),
        ("A003", Severity.WARNING),
    }


def test_a002_needs_the_caseload() -> None:
    assert "A002" not in codes(attrs.evolve(BASE, date=D(2000, 1, 1)))
    assert "A002" not in codes(Caseload((), (attrs.evolve(BASE, date=D(2000, 1, 1)),)))


def test_a002_never_shows_the_birth_date() -> None:
    (f,) = validate(in_caseload(attrs.evolve(BASE, date=D(2013, 2, 28))), select="A002")
    assert "2013-03-01" not in repr(f.to_dict())
    assert f.expected == "on or after the birth date"


def test_a003_uses_the_configured_thresholds() -> None:
    assert "A003" not in codes(BASE)
    lenient = RuleConfig(risk=RiskThresholds(attendance_warning=Decimal(85)))
    (f,) = validate(BASE, select="A003", config=lenient)
    assert (f.observed, f.expected) == ("at_risk", "normal")


def test_a004_future_date_needs_as_of() -> None:
    assert "A004" not in codes(BASE)
    assert "A004" not in codes(BASE, as_of=D(2023, 6, 30))
    (f,) = validate(BASE, select="A004", as_of=D(2023, 6, 29))
    assert (f.path, f.observed, f.severity) == ("date", D(2023, 6, 30), Severity.ERROR)
