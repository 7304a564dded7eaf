"""Rules F (financial support): each rule both ways, standalone and inside a caseload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from dropout_model.caseload import Caseload
from dropout_model.findings import Findings, Severity
from dropout_model.ids import CitizenId
from dropout_model.risk import PovertyClass, RiskAssessment, RiskLevel
from dropout_model.rules import RateEntry, RuleConfig, validate
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
from dropout_model.student import (
    Enrollment,
    EnrollmentStatus,
    ExitReason,
    GradeLevel,
    School,
    Student,
)
from dropout_model.thaidate import AcademicYear

D = dt.date
K = ScholarshipKind
ROW = Enrollment(School("โรงเรียนวัดทุ่งครุ"), D(2020, 5, 16), grade=GradeLevel.P1)
STUDENT = Student(
    "S-2",
    citizen_id=CitizenId("3100600123450"),
    name="ด.ญ. ทดสอบ รักเรียน",
    birth_date=D(2013, 3, 1),
    grade=GradeLevel.P4,
    enrollments=(ROW,),
)
ASSESSED = RiskAssessment(
    "A-1",
    "S-2",
    D(2023, 6, 30),
    days_enrolled=40,
    days_absent=6,
    income_per_person=Decimal(2500),
    poverty=PovertyClass.POOR,
    level=RiskLevel.AT_RISK,
)
#: An EEF equity grant of the full P1-M3 rate for AY 2566, paid in two instalments.
BASE = Scholarship(
    "F-1",
    "S-2",
    K.EEF_EQUITY,
    Funder.EEF,
    Decimal(3000),
    AcademicYear(2566),
    awarded_on=D(2023, 7, 1),
    assessment_key="A-1",
    status=ScholarshipStatus.ACTIVE,
    disbursements=(
        Disbursement(D(2023, 7, 15), Decimal(1500), Decimal(85)),
        Disbursement(D(2023, 11, 15), Decimal(1500), Decimal(90)),
    ),
)


def cl(
    *awards: Scholarship,
    student: Student = STUDENT,
    assessments: tuple[RiskAssessment, ...] = (ASSESSED,),
) -> Caseload:
    return Caseload((student,), assessments, awards or (BASE,))


def codes(obj: Any, **kw: Any) -> frozenset[str]:
    return validate(obj, **kw).codes


def test_base_is_clean() -> None:
    assert validate(BASE) == Findings()
    assert validate(cl(), as_of=D(2023, 11, 15)) == Findings()


def deceased(day: dt.date) -> Student:
    return attrs.evolve(
        STUDENT,
        status=EnrollmentStatus.DECEASED,
        enrollments=(attrs.evolve(ROW, exit_date=day, exit_reason=ExitReason.DECEASED),),
    )


def completed(day: dt.date) -> Student:
    return attrs.evolve(
        STUDENT,
        status=EnrollmentStatus.COMPLETED,
        enrollments=(attrs.evolve(ROW, exit_date=day, exit_reason=ExitReason.COMPLETED),),
    )


F_CASES: list[tuple[str, Any, Any, str]] = [
    # F001: P4 in AY 2566: 3,000 a year; half of it for one term.
    ("F001", cl(attrs.evolve(BASE, amount=Decimal("3000.01"))), cl(), "scholarships[0].amount"),
    (
        "F001",
        cl(attrs.evolve(BASE, term=1, amount=Decimal(1501), disbursements=())),
        cl(attrs.evolve(BASE, term=1, amount=Decimal(1500), disbursements=())),
        "scholarships[0].amount",
    ),
    (
        "F001",
        cl(attrs.evolve(BASE, amount=Decimal(3500))),
        cl(
            attrs.evolve(BASE, amount=Decimal(3500)),
            student=attrs.evolve(STUDENT, grade=GradeLevel.K3),
        ),
        "scholarships[0].amount",
    ),
    # Standalone, the grade is unknown: only above the highest band (4,000) is reported.
    (
        "F001",
        attrs.evolve(BASE, amount=Decimal(4001)),
        attrs.evolve(BASE, amount=Decimal(4000)),
        "amount",
    ),
    (
        "F001",
        attrs.evolve(BASE, kind=K.BMA_SCHOLARSHIP, amount=Decimal(4001)),
        attrs.evolve(BASE, kind=K.TRAVEL, amount=Decimal(4001)),
        "amount",
    ),
    # F002: the only assessment says normal, or comes after the award.
    (
        "F002",
        cl(assessments=(attrs.evolve(ASSESSED, level=RiskLevel.NORMAL),)),
        cl(assessments=(attrs.evolve(ASSESSED, level=RiskLevel.PROBLEM),)),
        "scholarships[0].student_key",
    ),
    (
        "F002",
        cl(assessments=(attrs.evolve(ASSESSED, date=D(2023, 7, 2)),)),
        cl(assessments=(attrs.evolve(ASSESSED, date=D(2023, 7, 1)),)),
        "scholarships[0].student_key",
    ),
    (
        "F002",
        cl(assessments=()),
        cl(assessments=(), student=attrs.evolve(STUDENT, status=EnrollmentStatus.LONG_ABSENCE)),
        "scholarships[0].student_key",
    ),
    (
        "F002",  # without a recorded level, the derived one counts: 95% attendance is normal
        cl(assessments=(attrs.evolve(ASSESSED, level=None, days_absent=2),)),
        cl(assessments=(attrs.evolve(ASSESSED, level=None, days_absent=6),)),
        "scholarships[0].student_key",
    ),
    (
        "F002",
        cl(attrs.evolve(BASE, status=ScholarshipStatus.APPROVED), assessments=()),
        cl(attrs.evolve(BASE, status=ScholarshipStatus.CANCELLED), assessments=()),
        "scholarships[0].student_key",
    ),
    # F003: two EEF grants for one student in AY 2566; a whole-year award covers both terms.
    (
        "F003",
        cl(BASE, attrs.evolve(BASE, key="F-2")),
        cl(
            BASE,
            attrs.evolve(
                BASE, key="F-2", academic_year=AcademicYear(2567), awarded_on=D(2024, 6, 1)
            ),
        ),
        "scholarships[1]",
    ),
    (
        "F003",
        cl(BASE, attrs.evolve(BASE, key="F-2", term=2, amount=Decimal(1500))),
        cl(BASE, attrs.evolve(BASE, key="F-2", kind=K.TRAVEL, funder=Funder.BMA)),
        "scholarships[1]",
    ),
    (
        "F003",
        cl(
            attrs.evolve(BASE, term=1, amount=Decimal(1500)),
            attrs.evolve(BASE, key="F-2", term=1, amount=Decimal(1500)),
        ),
        cl(
            attrs.evolve(BASE, term=1, amount=Decimal(1500)),
            attrs.evolve(BASE, key="F-2", term=2, amount=Decimal(1500)),
        ),
        "scholarships[1]",
    ),
    (
        "F003",
        cl(BASE, attrs.evolve(BASE, key="F-2")),
        cl(BASE, attrs.evolve(BASE, key="F-2", status=ScholarshipStatus.CANCELLED)),
        "scholarships[1]",
    ),
    # F004: 3,000.01 baht per person per month is above the EEF line; 3,000 is on it.
    (
        "F004",
        cl(assessments=(attrs.evolve(ASSESSED, income_per_person=Decimal("3000.01")),)),
        cl(assessments=(attrs.evolve(ASSESSED, income_per_person=Decimal(3000)),)),
        "scholarships[0].kind",
    ),
    (
        "F004",  # without an assessment key: the latest assessment before the award
        cl(
            attrs.evolve(BASE, assessment_key=None),
            assessments=(
                attrs.evolve(ASSESSED, key="A-0", date=D(2023, 1, 1)),
                attrs.evolve(ASSESSED, income_per_person=Decimal(4000)),
                attrs.evolve(ASSESSED, key="A-9", date=D(2023, 8, 1), income_per_person=Decimal(1)),
            ),
        ),
        cl(
            attrs.evolve(BASE, assessment_key=None, kind=K.BMA_SCHOLARSHIP, funder=Funder.BMA),
            assessments=(attrs.evolve(ASSESSED, income_per_person=Decimal(4000)),),
        ),
        "scholarships[0].kind",
    ),
    # F005: awarded the day after death or completion; the day itself is not after.
    (
        "F005",
        cl(attrs.evolve(BASE, disbursements=()), student=deceased(D(2023, 6, 30)), assessments=()),
        cl(attrs.evolve(BASE, disbursements=()), student=deceased(D(2023, 7, 1)), assessments=()),
        "scholarships[0].awarded_on",
    ),
    (
        "F005",
        cl(student=completed(D(2023, 6, 30))),
        cl(student=completed(D(2023, 7, 1))),
        "scholarships[0].awarded_on",
    ),
    (
        "F005",
        cl(student=deceased(D(2023, 11, 14))),
        cl(student=deceased(D(2023, 11, 15))),
        "scholarships[0].disbursements[1].date",
    ),
    # F006: a payment with 79.99% attendance breaks the 80% condition.
    (
        "F006",
        attrs.evolve(
            BASE, disbursements=(Disbursement(D(2023, 7, 15), Decimal(1500), Decimal("79.99")),)
        ),
        attrs.evolve(
            BASE, disbursements=(Disbursement(D(2023, 7, 15), Decimal(1500), Decimal(80)),)
        ),
        "disbursements[0].attendance",
    ),
    (
        "F006",
        cl(
            attrs.evolve(
                BASE, disbursements=(Disbursement(D(2023, 7, 15), Decimal(1500), Decimal(50)),)
            )
        ),
        cl(
            attrs.evolve(
                BASE,
                kind=K.TRAVEL,
                disbursements=(Disbursement(D(2023, 7, 15), Decimal(1500), Decimal(50)),),
            )
        ),
        "scholarships[0].disbursements[0].attendance",
    ),
]


@pytest.mark.parametrize(("code", "bad", "near", "path"), F_CASES)
def test_scholarship_rule_both_ways(code: str, bad: Any, near: Any, path: str) -> None:
    fs = validate(bad, select=code)
    assert [f.path for f in fs] == [path]
    if isinstance(bad, Caseload):
        assert [f.subject for f in fs] == ["S-2"]
    assert code not in codes(near, select=code)


def test_context_rules_are_silent_standalone() -> None:
    lonely = attrs.evolve(BASE, amount=Decimal(3500), awarded_on=D(1990, 1, 1))
    assert codes(lonely, select=["F002", "F003", "F004", "F005"]) == frozenset()


def test_f001_rate_table_is_dated() -> None:
    before = attrs.evolve(BASE, academic_year=AcademicYear(2564), amount=Decimal(9000))
    assert "F001" not in codes(cl(before))  # no rate before AY 2565
    raised = RuleConfig(
        rates=(
            *RuleConfig().rates,
            RateEntry(D(2023, 5, 16), K.EEF_EQUITY, (GradeLevel.P1, GradeLevel.P6), Decimal(5000)),
        )
    )
    over = attrs.evolve(BASE, amount=Decimal(4000))
    assert "F001" in codes(cl(over))
    assert "F001" not in codes(cl(over), config=raised)
    # The new rate starts with AY 2566: AY 2565 keeps the old one.
    old_year = attrs.evolve(over, academic_year=AcademicYear(2565), awarded_on=D(2022, 7, 1))
    assert "F001" in codes(cl(old_year), config=raised)


def test_f001_finding_values() -> None:
    (f,) = validate(cl(attrs.evolve(BASE, term=2, amount=Decimal(2000))), select="F001")
    assert (f.observed, f.expected, f.severity) == (
        Decimal(2000),
        "at most 1500",
        Severity.WARNING,
    )


def test_f003_finds_duplicates_without_pairwise_scans() -> None:
    awards = tuple(attrs.evolve(BASE, key=f"F-{i}") for i in range(5))
    fs = validate(cl(*awards), select="F003")
    assert [f.path for f in fs] == [f"scholarships[{i}]" for i in range(1, 5)]
    assert {f.observed for f in fs} == {"also scholarships[0]"}


def test_f004_hides_the_income() -> None:
    (f,) = validate(
        cl(assessments=(attrs.evolve(ASSESSED, income_per_person=Decimal("4321.50")),)),
        select="F004",
    )
    assert "4321" not in repr(f.to_dict())


def test_f006_condition_and_kinds_come_from_the_config() -> None:
    eighty_five = attrs.evolve(
        BASE, disbursements=(Disbursement(D(2023, 7, 15), Decimal(1), Decimal(84)),)
    )
    assert "F006" not in codes(eighty_five)
    assert "F006" in codes(eighty_five, config=RuleConfig(attendance_condition=Decimal(85)))
    travel = attrs.evolve(eighty_five, kind=K.TRAVEL)
    config = RuleConfig(
        attendance_condition=Decimal(85), attendance_condition_kinds=frozenset({K.TRAVEL})
    )
    assert "F006" in codes(travel, config=config)


def test_f007_future_award_or_payment() -> None:
    assert "F007" not in codes(BASE)
    assert "F007" not in codes(BASE, as_of=D(2023, 11, 15))
    fs = validate(BASE, select="F007", as_of=D(2023, 7, 10))
    assert [(f.path, f.observed) for f in fs] == [
        ("disbursements[0].date", D(2023, 7, 15)),
        ("disbursements[1].date", D(2023, 11, 15)),
    ]
    (f,) = validate(BASE, select="F007", as_of=D(2023, 6, 30))[:1]
    assert (f.path, f.severity) == ("awarded_on", Severity.ERROR)


def test_one_student_with_many_records_costs_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = Caseload.assessments_of

    def counting(self: Caseload, student_key: str) -> tuple[RiskAssessment, ...]:
        calls.append(student_key)
        return original(self, student_key)

    monkeypatch.setattr(Caseload, "assessments_of", counting)
    n = 300
    assessments = tuple(attrs.evolve(ASSESSED, key=f"A-{i}") for i in range(n))
    awards = tuple(
        attrs.evolve(BASE, key=f"F-{i}", assessment_key=None, academic_year=AcademicYear(2566 + i))
        for i in range(n)
    )
    fs = validate(Caseload((STUDENT,), assessments, awards), select="F")
    assert "F002" not in fs.codes
    # F002 and F004 each look the student's assessments up once, not once per award.
    assert len(calls) <= 2
