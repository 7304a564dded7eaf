"""Rules C (caseload, across records), and no personal data in any finding of a caseload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model.caseload import Caseload
from dropout_model.findings import Findings, Severity
from dropout_model.ids import CitizenId, GCode
from dropout_model.project import Project, Target
from dropout_model.risk import RiskAssessment, RiskFactor, RiskLevel
from dropout_model.rules import validate
from dropout_model.scholarship import Funder, Scholarship, ScholarshipKind, ScholarshipStatus
from dropout_model.strategies import caseloads, citizen_ids, thai_names
from dropout_model.student import EnrollmentStatus, Student
from dropout_model.thaidate import AcademicYear

D = dt.date
ONE = Student(
    "S-1",
    citizen_id=CitizenId("1101700230708"),
    name="ด.ช. หนึ่ง ใจดี",
    status=EnrollmentStatus.LONG_ABSENCE,
)
TWO = Student(
    "S-2",
    citizen_id=CitizenId("3100600123450"),
    name="ด.ญ. สอง ใจงาม",
    status=EnrollmentStatus.LONG_ABSENCE,
)
A1 = RiskAssessment(
    "A-1", "S-1", D(2023, 6, 1), level=RiskLevel.AT_RISK, factors=frozenset({RiskFactor.POVERTY})
)
F1 = Scholarship(
    "F-1",
    "S-1",
    ScholarshipKind.TRAVEL,
    Funder.BMA,
    Decimal(500),
    AcademicYear(2566),
    awarded_on=D(2023, 6, 2),
    assessment_key="A-1",
)
F2 = attrs.evolve(F1, key="F-2", student_key="S-2", assessment_key=None)
PROJECT = Project(
    "50490000-3632",
    "ดูแลนักเรียน",
    target=Target("นักเรียนได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน"),
)
BASE = Caseload((ONE, TWO), (A1,), (F1, F2))


def codes(obj: Any, **kw: Any) -> frozenset[str]:
    return validate(obj, **kw).codes


def test_base_is_clean() -> None:
    assert validate(BASE) == Findings()


C_CASES: list[tuple[str, Caseload, Caseload, list[str]]] = [
    (
        "C001",
        attrs.evolve(BASE, assessments=(attrs.evolve(A1, student_key="S-9"),)),
        attrs.evolve(BASE, assessments=(attrs.evolve(A1, student_key="S-2"),), scholarships=()),
        # F-1 rests on A-1, which now names another (unknown) student.
        ["assessments[0].student_key", "scholarships[0].assessment_key"],
    ),
    (
        "C001",
        attrs.evolve(BASE, scholarships=(F1, attrs.evolve(F2, student_key="s-2"))),
        BASE,
        ["scholarships[1].student_key"],
    ),
    (
        "C001",
        attrs.evolve(BASE, scholarships=(attrs.evolve(F1, assessment_key="A-9"),)),
        attrs.evolve(BASE, scholarships=(attrs.evolve(F1, assessment_key=None),)),
        ["scholarships[0].assessment_key"],
    ),
    (
        "C001",  # the assessment belongs to another student
        attrs.evolve(BASE, scholarships=(attrs.evolve(F2, assessment_key="A-1"),)),
        attrs.evolve(BASE, scholarships=(attrs.evolve(F1, assessment_key="A-1"),)),
        ["scholarships[0].assessment_key"],
    ),
    (
        "C002",
        attrs.evolve(BASE, students=(ONE, TWO, attrs.evolve(ONE, citizen_id=None))),
        attrs.evolve(BASE, students=(ONE, TWO, attrs.evolve(ONE, key="S-3", citizen_id=None))),
        ["students[2].key"],
    ),
    (
        "C002",
        attrs.evolve(BASE, students=(ONE, attrs.evolve(TWO, citizen_id=ONE.citizen_id))),
        attrs.evolve(BASE, students=(ONE, attrs.evolve(TWO, citizen_id=None))),
        ["students[1].citizen_id"],
    ),
    (
        "C002",
        attrs.evolve(
            BASE,
            students=(
                attrs.evolve(ONE, citizen_id=None, g_code=GCode("G661000000001")),
                attrs.evolve(TWO, citizen_id=None, g_code=GCode("G661000000001")),
            ),
        ),
        attrs.evolve(
            BASE,
            students=(
                attrs.evolve(ONE, citizen_id=None, g_code=GCode("G661000000001")),
                attrs.evolve(TWO, citizen_id=None, g_code=GCode("G661000000002")),
            ),
        ),
        ["students[1].g_code"],
    ),
    (
        "C002",
        attrs.evolve(BASE, assessments=(A1, A1)),
        attrs.evolve(BASE, assessments=(A1, attrs.evolve(A1, key="A-2"))),
        ["assessments[1].key"],
    ),
    (
        "C002",
        attrs.evolve(BASE, scholarships=(F1, attrs.evolve(F2, key="F-1"))),
        BASE,
        ["scholarships[1].key"],
    ),
]


@pytest.mark.parametrize(("code", "bad", "near", "paths"), C_CASES)
def test_caseload_rule_both_ways(
    code: str, bad: Caseload, near: Caseload, paths: list[str]
) -> None:
    fs = validate(bad, select=code)
    assert [f.path for f in fs] == paths
    assert all(f.severity is Severity.ERROR and f.subject for f in fs)
    assert code not in codes(near, select=code)


def test_c002_never_shows_the_identifier() -> None:
    twin = attrs.evolve(TWO, citizen_id=ONE.citizen_id)
    (f,) = validate(attrs.evolve(BASE, students=(ONE, twin)), select="C002")
    assert (f.subject, f.observed) == ("S-2", "same citizen ID as students[0]")
    assert "1101700230708" not in repr(f.to_dict())


def test_c003_counts_distinct_recipients_against_the_target() -> None:
    assert "C003" not in codes(BASE)  # no project
    with_project = attrs.evolve(
        BASE,
        project=PROJECT,
        scholarships=(
            F1,
            attrs.evolve(F1, key="F-3", kind=ScholarshipKind.DAILY_EXPENSES),
            F2,
            attrs.evolve(F2, key="F-4", student_key="S-3", status=ScholarshipStatus.CANCELLED),
        ),
    )
    fs = validate(with_project, select="C")
    assert [(f.code, f.severity, f.path, f.subject) for f in fs] == [
        ("C001", Severity.ERROR, "scholarships[3].student_key", "S-3"),
        ("C003", Severity.INFO, "scholarships", "50490000-3632"),
    ]
    c003 = fs[1]
    assert (c003.observed, c003.expected) == (2, Decimal(1000))
    assert "(0.2%)" in c003.message
    no_quantity = attrs.evolve(BASE, project=attrs.evolve(PROJECT, target=Target("ทุน")))
    assert "C003" not in codes(no_quantity)


def test_project_findings_in_a_caseload_start_at_project() -> None:
    broken = attrs.evolve(BASE, project=attrs.evolve(PROJECT, code="3632"))
    (f,) = validate(broken, select="P001")
    assert (f.path, f.subject) == ("project.code", "3632")


def test_findings_come_in_the_order_of_the_caseload() -> None:
    messy = Caseload(
        (attrs.evolve(ONE, citizen_id=None), TWO, TWO),
        (attrs.evolve(A1, days_enrolled=1, days_absent=2, level=None),),
        (attrs.evolve(F1, amount=Decimal(5000), kind=ScholarshipKind.EEF_EQUITY),),
        attrs.evolve(PROJECT, code="x"),
    )
    order = [f.path.split("[")[0].split(".")[0] for f in validate(messy)]
    firsts = list(dict.fromkeys(order))
    assert firsts == ["project", "students", "assessments", "scholarships"]
    assert validate(messy)[-1].code.startswith(("C", "F003"))


# --- personal data never appears in a finding ----------------------------------------------------


@st.composite
def exposed_caseloads(draw: st.DrawFn) -> tuple[Caseload, list[str]]:
    """A valid caseload with its people made distinctive and several rules broken."""
    cl = draw(caseloads(min_students=1, max_students=6, with_project=None))
    people: list[Student] = []
    for i, s in enumerate(cl.students):
        name = draw(thai_names()) + f" ทดสอบ{i:03d}"
        bad_id = draw(citizen_ids(valid=False)) if draw(st.booleans()) else s.citizen_id
        make_young: bool = draw(st.booleans())
        young = s.enrollments[0].entry_date if make_young and s.enrollments else None
        people.append(
            attrs.evolve(
                s,
                name=name,
                citizen_id=bad_id,
                birth_date=young or s.birth_date,
                status=draw(st.sampled_from(list(EnrollmentStatus))),
            )
        )
    if draw(st.booleans()):  # one citizen ID twice (C002)
        first = people[0]
        people.append(attrs.evolve(first, key="S-COPY", g_code=GCode("G661000000001")))
    secrets = [s.name for s in people]
    for s in people:
        if s.citizen_id is not None:
            secrets.append(s.citizen_id.reveal())
        if s.g_code is not None:
            secrets.append(s.g_code.reveal())
    return attrs.evolve(cl, students=tuple(people)), secrets


@given(exposed_caseloads(), st.one_of(st.none(), st.dates(D(2021, 1, 1), D(2026, 12, 31))))
def test_no_personal_data_in_any_finding(
    case: tuple[Caseload, list[str]], as_of: dt.date | None
) -> None:
    cl, secrets = case
    fs = validate(cl, as_of=as_of)
    for f in fs:
        fields = [str(v) for v in f.to_dict().values() if v is not None]
        fields += [f.text(), f.text("th")]
        for secret in secrets:
            assert all(secret not in field for field in fields), (f.code, f.path)
