"""Rules S (students): a minimal violation and a near miss for each, and no personal data shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from dropout_model.findings import Findings, Severity
from dropout_model.ids import CitizenId, GCode, SchoolCode
from dropout_model.rules import AgeRules, RuleConfig, validate
from dropout_model.rules.student import ever_dropped_out, final_exit, latest_enrollment
from dropout_model.student import (
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
    School,
    Student,
)

D = dt.date
ST = EnrollmentStatus
PRIMARY = School("โรงเรียนวัดทุ่งครุ", SchoolCode("3110490001"), "ทุ่งครุ")
SECONDARY = School("โรงเรียนมัธยมทุ่งครุ", SchoolCode("3110490002"), "ทุ่งครุ")
VALID_ID = CitizenId("1101700230708")
NAME = "ด.ช. ทดสอบ ใจดี"
BIRTH = D(2010, 8, 1)


def visit(day: dt.date) -> FollowUp:
    return FollowUp(day, FollowUpMethod.HOME_VISIT, "ครอบครัวยังไม่พร้อม")


#: Born August 2010: P1 in AY 2560 (aged 6 on 16 May 2017), completed P6 at a primary school,
#: entered M1 elsewhere in AY 2566, dropped out in November 2023, follow-up only since.
P1_ROW = Enrollment(
    PRIMARY, D(2017, 5, 16), EntryType.NEW, GradeLevel.P1, D(2023, 4, 1), ExitReason.COMPLETED
)
M1_ROW = Enrollment(
    SECONDARY, D(2023, 5, 16), EntryType.NEW, GradeLevel.M1, D(2023, 11, 20), ExitReason.DROPOUT
)
BASE = Student(
    "S-0001",
    citizen_id=VALID_ID,
    name=NAME,
    birth_date=BIRTH,
    school=SECONDARY,
    grade=GradeLevel.M1,
    status=ST.DROPPED_OUT,
    enrollments=(P1_ROW, M1_ROW),
    pathway=Pathway(PathwayKind.FOLLOW_UP_ONLY, D(2023, 12, 1)),
    follow_ups=(visit(D(2023, 12, 5)), visit(D(2024, 2, 20)), visit(D(2024, 5, 10))),
)
OPEN_M1 = attrs.evolve(M1_ROW, exit_date=None, exit_reason=None)
ENROLLED = attrs.evolve(
    BASE, status=ST.ENROLLED, enrollments=(P1_ROW, OPEN_M1), pathway=None, follow_ups=()
)


def online(
    *, done: int = 10, total: int = 40, ready: dt.date | None = None, exam: dt.date
) -> Pathway:
    attempt = ExamAttempt(exam, "คณิตศาสตร์", ExamResult.PASSED)
    return Pathway(
        PathwayKind.ONLINE_LEARNING,
        D(2023, 12, 1),
        online=OnlineLearning(done, total, ready, (attempt,)),
    )


def codes(obj: Any, **kw: Any) -> frozenset[str]:
    return validate(obj, **kw).codes


def test_base_students_are_clean() -> None:
    assert validate(BASE) == Findings()
    assert validate(BASE, as_of=D(2024, 6, 1)) == Findings()
    assert validate(ENROLLED, as_of=D(2024, 1, 1)) == Findings()


S_CASES: list[tuple[str, Student, Student, str]] = [
    (
        "S001",
        attrs.evolve(BASE, citizen_id=CitizenId("1101700230709")),
        attrs.evolve(BASE, citizen_id=CitizenId("3100600123450")),  # check digit by hand
        "citizen_id",
    ),
    (
        "S002",
        attrs.evolve(BASE, citizen_id=None),
        attrs.evolve(BASE, citizen_id=None, g_code=GCode("G661000000001")),
        "citizen_id",
    ),
    ("S002", attrs.evolve(BASE, g_code=GCode("G661000000001")), BASE, "g_code"),
    # S003 under-age: born 17 May 2011 is 5 on 16 May 2017; born 16 May 2011 is 6.
    (
        "S003",
        attrs.evolve(BASE, birth_date=D(2011, 5, 17), enrollments=(P1_ROW,), grade=None),
        attrs.evolve(BASE, birth_date=D(2011, 5, 16), enrollments=(P1_ROW,), grade=None),
        "enrollments[0].grade",
    ),
    # S003 over-age: 9 in P1 (three years above the youngest regular age, 6); 8 is fine.
    (
        "S003",
        attrs.evolve(BASE, birth_date=D(2008, 5, 16), enrollments=(P1_ROW,), grade=None),
        attrs.evolve(BASE, birth_date=D(2008, 5, 17), enrollments=(P1_ROW,), grade=None),
        "enrollments[0].grade",
    ),
    (
        "S004",
        attrs.evolve(BASE, status=ST.ENROLLED),
        attrs.evolve(BASE, status=ST.COMPLETED),
        "enrollments[1].exit_reason",
    ),
    (
        "S004",
        attrs.evolve(BASE, enrollments=(P1_ROW, attrs.evolve(M1_ROW, exit_reason=None))),
        attrs.evolve(BASE, status=ST.DECEASED),
        "status",
    ),
    (
        "S004",
        attrs.evolve(BASE, enrollments=()),
        attrs.evolve(BASE, status=ST.NEVER_ENROLLED, enrollments=(), pathway=None),
        "status",
    ),
    (
        "S005",
        attrs.evolve(BASE, enrollments=(P1_ROW, attrs.evolve(M1_ROW, entry_date=D(2023, 3, 31)))),
        attrs.evolve(BASE, enrollments=(P1_ROW, attrs.evolve(M1_ROW, entry_date=D(2023, 4, 1)))),
        "enrollments[1].entry_date",
    ),
    (
        "S005",
        attrs.evolve(BASE, enrollments=(P1_ROW, attrs.evolve(M1_ROW, exit_date=D(2023, 5, 15)))),
        attrs.evolve(BASE, enrollments=(P1_ROW, attrs.evolve(M1_ROW, exit_date=D(2023, 5, 16)))),
        "enrollments[1].exit_date",
    ),
    (
        "S005",  # an open enrollment overlaps whatever starts after it; order given is irrelevant
        attrs.evolve(ENROLLED, enrollments=(OPEN_M1, attrs.evolve(P1_ROW, exit_date=None))),
        attrs.evolve(ENROLLED, enrollments=(OPEN_M1, P1_ROW)),
        "enrollments[0].entry_date",
    ),
    (
        "S006",
        attrs.evolve(ENROLLED, pathway=Pathway(PathwayKind.RETURN_TO_SCHOOL)),
        attrs.evolve(ENROLLED, status=ST.LONG_ABSENCE, pathway=Pathway(PathwayKind.FOLLOW_UP_ONLY)),
        "pathway",
    ),
    (
        "S007",
        attrs.evolve(BASE, follow_ups=(visit(D(2023, 11, 19)), *BASE.follow_ups)),
        attrs.evolve(BASE, follow_ups=(visit(D(2023, 11, 20)), *BASE.follow_ups)),
        "follow_ups[0].date",
    ),
    (
        "S007",
        attrs.evolve(
            BASE,
            status=ST.DECEASED,
            enrollments=(P1_ROW, attrs.evolve(M1_ROW, exit_reason=ExitReason.DECEASED)),
            pathway=None,
            follow_ups=(visit(D(2023, 11, 21)),),
        ),
        attrs.evolve(
            BASE,
            status=ST.DECEASED,
            enrollments=(P1_ROW, attrs.evolve(M1_ROW, exit_reason=ExitReason.DECEASED)),
            pathway=None,
            follow_ups=(visit(D(2023, 11, 20)),),
        ),
        "follow_ups[0].date",
    ),
    # S008: the first follow-up 31 days after the dropout is late; 30 days is in time.
    (
        "S008",
        attrs.evolve(BASE, pathway=None, follow_ups=(visit(D(2023, 12, 21)),)),
        attrs.evolve(BASE, pathway=None, follow_ups=(visit(D(2023, 12, 20)),)),
        "enrollments[1].exit_date",
    ),
    (
        "S008",  # M4 is past compulsory schooling
        attrs.evolve(BASE, pathway=None, follow_ups=()),
        attrs.evolve(
            BASE,
            pathway=None,
            follow_ups=(),
            birth_date=D(2007, 8, 1),
            enrollments=(attrs.evolve(M1_ROW, grade=GradeLevel.M4),),
            grade=GradeLevel.M4,
        ),
        "enrollments[1].exit_date",
    ),
    (
        "S009",
        attrs.evolve(BASE, pathway=online(ready=D(2024, 1, 10), exam=D(2024, 1, 9))),
        attrs.evolve(BASE, pathway=online(ready=D(2024, 1, 10), exam=D(2024, 1, 10))),
        "pathway.online.exams[0].date",
    ),
    (
        "S009",
        attrs.evolve(BASE, pathway=online(exam=D(2024, 1, 9))),
        attrs.evolve(BASE, pathway=online(done=40, exam=D(2024, 1, 9))),
        "pathway.online.exams[0].date",
    ),
    # S010: 91 days between visits is too long; 90 is within the interval.
    (
        "S010",
        attrs.evolve(BASE, follow_ups=(visit(D(2023, 12, 5)), visit(D(2024, 3, 5)))),
        attrs.evolve(BASE, follow_ups=(visit(D(2023, 12, 5)), visit(D(2024, 3, 4)))),
        "follow_ups[1].date",
    ),
    (
        "S010",  # from the decision to the first visit
        attrs.evolve(BASE, follow_ups=(visit(D(2024, 3, 1)),)),
        attrs.evolve(BASE, follow_ups=(visit(D(2024, 2, 29)),)),
        "follow_ups[0].date",
    ),
]


@pytest.mark.parametrize(("code", "bad", "near", "path"), S_CASES)
def test_student_rule_both_ways(code: str, bad: Student, near: Student, path: str) -> None:
    fs = validate(bad, select=code)
    assert [f.path for f in fs] == [path]
    assert all(f.code == code for f in fs)
    assert code not in codes(near, select=code)


def test_s003_severity_is_error_under_age_and_warning_over_age() -> None:
    (young,) = validate(attrs.evolve(BASE, birth_date=D(2012, 1, 1)), select="S003")[:1]
    assert young.severity is Severity.ERROR
    assert (young.observed, young.expected) == (5, "6–7")
    old = attrs.evolve(BASE, birth_date=D(2004, 1, 1), enrollments=(M1_ROW,))
    fs = validate(old, select="S003")
    assert [(f.path, f.severity) for f in fs] == [
        ("enrollments[0].grade", Severity.WARNING),
        ("grade", Severity.WARNING),
    ]


def test_s003_checks_the_current_grade_against_as_of_when_on_a_roll() -> None:
    wrong = attrs.evolve(ENROLLED, grade=GradeLevel.M6)
    assert "S003" not in codes(wrong)  # no reference date without as_of
    (f,) = validate(wrong, select="S003", as_of=D(2023, 6, 1))
    assert (f.path, f.severity, f.observed) == ("grade", Severity.ERROR, 12)


def test_s003_follows_the_age_config() -> None:
    late = attrs.evolve(BASE, birth_date=D(2009, 5, 16), enrollments=(P1_ROW,), grade=None)
    assert "S003" not in codes(late)  # 8 in P1
    strict = RuleConfig(age=AgeRules(over_age_years=2))
    assert "S003" in codes(late, config=strict)


def test_s003_without_a_birth_date_is_silent() -> None:
    assert "S003" not in codes(attrs.evolve(BASE, birth_date=None))


def test_s008_waits_for_the_window_with_as_of() -> None:
    quiet = attrs.evolve(BASE, pathway=None, follow_ups=())
    assert "S008" in codes(quiet)
    assert "S008" not in codes(quiet, as_of=D(2023, 12, 19))  # window still open
    assert "S008" in codes(quiet, as_of=D(2023, 12, 21))
    assert validate(quiet, select="S008")[0].severity is Severity.INFO


def test_s010_with_as_of_counts_the_time_since_the_last_visit() -> None:
    assert "S010" not in codes(BASE, as_of=D(2024, 8, 8))  # 90 days after 10 May
    (f,) = validate(BASE, select="S010", as_of=D(2024, 8, 9))
    assert (f.path, f.observed) == ("follow_ups", 91)


def test_s011_future_dates_never_show_the_birth_date() -> None:
    assert "S011" not in codes(BASE)
    fs = validate(attrs.evolve(BASE, birth_date=D(2030, 1, 1)), select="S011", as_of=D(2024, 6, 1))
    assert [(f.path, f.observed) for f in fs] == [("birth_date", None)]
    assert "2030" not in " ".join(f.text() + f.text("th") for f in fs)
    later = validate(BASE, select="S011", as_of=D(2024, 5, 9))
    assert [(f.path, f.observed) for f in later] == [("follow_ups[2].date", D(2024, 5, 10))]


def test_no_personal_data_in_student_findings() -> None:
    broken = attrs.evolve(
        BASE,
        citizen_id=CitizenId("1101700230709"),
        g_code=GCode("G661000000001"),
        birth_date=D(2013, 3, 3),
        status=ST.ENROLLED,
    )
    fs = validate(broken, as_of=D(2024, 6, 1))
    assert {"S001", "S002", "S003", "S004"} <= fs.codes
    for f in fs:
        blob = repr(f.to_dict())
        for secret in ("1101700230709", "G661000000001", NAME, "ทดสอบ", "2013-03-03"):
            assert secret not in blob


def test_helpers() -> None:
    assert latest_enrollment(BASE) == (1, M1_ROW)
    assert latest_enrollment(attrs.evolve(BASE, enrollments=())) is None
    assert ever_dropped_out(BASE)
    assert not ever_dropped_out(ENROLLED)
    assert ever_dropped_out(attrs.evolve(ENROLLED, status=ST.LONG_ABSENCE))
    assert final_exit(BASE) is None  # dropout is not final
    done = attrs.evolve(BASE, enrollments=(P1_ROW,))
    assert final_exit(done) == (0, P1_ROW)
