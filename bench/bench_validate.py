"""Benchmark: validate() on caseloads of 50,000 and 100,000 students; the cost must be linear.

Each student has a citizen ID (about 1 in 200 with a wrong check digit), a
birth date that fits the grade, one or two enrollments (a transfer, sometimes
a dropout), and, for dropouts, a pathway and follow-ups. Each student has one
risk assessment; every second student has a scholarship with two
disbursements. A few records break rules on purpose (a wrong check digit, a
follow-up before the dropout, a duplicate award), so the findings path is
exercised too. The data is built with a plain seeded generator (no
hypothesis), outside the timed call.

Run: ``.venv/bin/python bench/bench_validate.py [--sizes 50000 100000] [--repeat 3]``.
Times are the best of ``--repeat`` runs of ``validate(caseload)``, with the
garbage collector off in the timed call (the rules alone) and on (what a batch
job pays). Reported: µs per student, µs per record (students + assessments +
scholarships), and the ratio of each size's total time to the previous size's,
which is about the ratio of the sizes (2 for 100k/50k) when the cost is linear. A bare walk
over the same records (one citizen-ID check digit per student, one attribute per other
record) is timed alike as a baseline: when it too grows faster than the sizes, the
machine's memory (caches) or its load is the cause, not the rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import sys
import time
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

import dropout_model
from dropout_model.caseload import Caseload
from dropout_model.ids import CitizenId, SchoolCode, citizen_id_check_digit
from dropout_model.project import Agency, Project, Target
from dropout_model.risk import PovertyClass, RiskAssessment, derive_risk_level
from dropout_model.rules import validate
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
    EntryType,
    ExitReason,
    FollowUp,
    FollowUpMethod,
    GradeLevel,
    Pathway,
    PathwayKind,
    School,
    Student,
)
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
GRADES = tuple(GradeLevel)
SCHOOLS = tuple(
    School(f"โรงเรียนกรุงเทพมหานคร {i}", SchoolCode(f"31104{i:05d}"), "ทุ่งครุ") for i in range(437)
)
AY_START = D(2023, 5, 16)  # AY 2566


def citizen_id(serial: int, *, broken: bool) -> CitizenId:
    first12 = f"110{serial:09d}"
    digit = (citizen_id_check_digit(first12) + (1 if broken else 0)) % 10
    return CitizenId(first12 + str(digit))


def student(rng: random.Random, i: int) -> Student:
    grade = GRADES[rng.randrange(3, 12)]  # P1..M6
    years = 6 + grade.index - 1 + rng.randrange(2)  # regular age on 16 May 2023
    birth = D(2023 - years, 1, 1) + dt.timedelta(days=rng.randrange(365))
    if birth > D(2023 - years, 5, 16):  # 16 May 2023 falls before the birthday
        birth = D(2023 - years - 1, 1, 1) + dt.timedelta(days=rng.randrange(135))
    first = SCHOOLS[rng.randrange(len(SCHOOLS))]
    entry = AY_START + dt.timedelta(days=rng.randrange(30))
    dropped = rng.random() < 0.3
    before = GRADES[grade.index + 1]  # the grade below, in AY 2565
    rows = [Enrollment(first, D(2022, 5, 16), EntryType.NEW, before, entry, ExitReason.TRANSFERRED)]
    status = EnrollmentStatus.ENROLLED
    pathway = None
    follow: tuple[FollowUp, ...] = ()
    if dropped:
        left = entry + dt.timedelta(days=30 + rng.randrange(120))
        school = SCHOOLS[i % len(SCHOOLS)]
        rows.append(Enrollment(school, entry, EntryType.TRANSFER, grade, left, ExitReason.DROPOUT))
        status = EnrollmentStatus.DROPPED_OUT
        pathway = Pathway(PathwayKind.FOLLOW_UP_ONLY, left + dt.timedelta(days=3))
        lag = -5 if i % 997 == 0 else 7  # now and then a follow-up before the dropout (S007)
        follow = tuple(
            FollowUp(left + dt.timedelta(days=lag + 60 * k), FollowUpMethod.HOME_VISIT)
            for k in range(3)
        )
    else:
        rows.append(Enrollment(SCHOOLS[i % len(SCHOOLS)], entry, EntryType.TRANSFER, grade))
    return Student(
        f"S-{i:06d}",
        citizen_id=citizen_id(i, broken=i % 200 == 0),
        name=f"ด.ช. นักเรียน {i}",
        birth_date=birth,
        school=rows[-1].school,
        grade=grade,
        status=status,
        enrollments=tuple(rows),
        pathway=pathway,
        follow_ups=follow,
    )


def assessment(rng: random.Random, s: Student, n: int) -> RiskAssessment:
    enrolled = 60
    # Scholarship holders (every second student) were screened at risk: below 88% attendance.
    absent = rng.randrange(8, 20) if n % 2 == 0 else rng.randrange(20)
    income = Decimal(rng.randrange(500, 6000))
    a = RiskAssessment(
        f"A-{n:06d}",
        s.key,
        AY_START + dt.timedelta(days=40 + rng.randrange(20)),
        term=Term(AcademicYear(2566), 1),
        days_enrolled=enrolled,
        days_absent=absent,
        behaviour_incidents=rng.randrange(4),
        failing_courses=rng.randrange(3),
        income_per_person=income,
        poverty=PovertyClass.POOR if income <= 3000 else PovertyClass.NOT_POOR,
    )
    return attrs.evolve(a, level=derive_risk_level(a))


def scholarship(s: Student, a: RiskAssessment, n: int) -> Scholarship:
    eef = a.income_per_person is not None and a.income_per_person <= 3000
    kind = ScholarshipKind.EEF_EQUITY if eef else ScholarshipKind.TRAVEL
    awarded = a.date + dt.timedelta(days=1)
    return Scholarship(
        f"F-{n:06d}",
        s.key,
        kind,
        Funder.EEF if eef else Funder.BMA,
        Decimal(3000) if eef else Decimal(1000),
        AcademicYear(2566),
        awarded_on=awarded,
        assessment_key=a.key,
        status=ScholarshipStatus.ACTIVE,
        disbursements=(
            Disbursement(awarded + dt.timedelta(days=10), Decimal(500), Decimal(90)),
            Disbursement(awarded + dt.timedelta(days=100), Decimal(500), Decimal(85)),
        ),
    )


def caseload(n: int, seed: int = 2566) -> Caseload:
    rng = random.Random(seed)
    students = [student(rng, i) for i in range(n)]
    assessments = [assessment(rng, s, i) for i, s in enumerate(students)]
    awards = [scholarship(s, assessments[i], i) for i, s in enumerate(students) if i % 2 == 0]
    if n >= 1000:  # one duplicate award (F003)
        awards.append(attrs.evolve(awards[0], key="F-DUP"))
    project = Project(
        "50490000-3632",
        "ดูแลนักเรียนที่หลุดจากระบบการศึกษา",
        agency=Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา")),
        responsible="ฝ่ายการศึกษา",
        coordinator="ผู้ประสานงาน",
        fiscal_year=FiscalYear(2566),
        start=D(2022, 10, 1),
        end=D(2023, 9, 30),
        target=Target("นักเรียนได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน"),
    )
    return Caseload(tuple(students), tuple(assessments), tuple(awards), project)


def touch(cl: Caseload) -> int:
    """A bare walk over the same records (one check digit per student): the memory baseline."""
    n = sum(s.citizen_id.is_valid for s in cl.students if s.citizen_id is not None)
    n += sum(a.days_absent or 0 for a in cl.assessments)
    return n + sum(len(x.disbursements) for x in cl.scholarships)


def best_time(
    cl: Caseload, repeat: int, *, gc_on: bool, run: Callable[[Caseload], int]
) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(repeat):
        gc.collect()
        if not gc_on:
            gc.disable()
        try:
            t0 = time.perf_counter()
            found = run(cl)
            best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
    return best, found


def count_findings(cl: Caseload) -> int:
    return len(validate(cl))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        f"dropout_model {dropout_model.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}; best of {args.repeat}"
    )
    totals: dict[str, list[float]] = {"gc off": [], "gc on": [], "bare walk": []}
    for n in args.sizes:
        t0 = time.perf_counter()
        cl = caseload(n)
        built = time.perf_counter() - t0
        records = len(cl.students) + len(cl.assessments) + len(cl.scholarships)
        print(f"\n{n:,} students, {records:,} records (built in {built:.1f} s, not timed)")
        for mode, times in totals.items():
            run = touch if mode == "bare walk" else count_findings
            seconds, found = best_time(cl, args.repeat, gc_on=mode != "gc off", run=run)
            times.append(seconds)
            tail = f"({found:,} findings)" if run is count_findings else "(baseline)"
            print(
                f"  {mode:9}: {seconds:6.2f} s  {seconds / n * 1e6:6.1f} µs/student  "
                f"{seconds / records * 1e6:6.1f} µs/record  {tail}"
            )
        del cl
    for k in range(1, len(args.sizes)):
        small, large = args.sizes[k - 1], args.sizes[k]
        ratios = ", ".join(f"{m} {t[k] / t[k - 1]:.2f}" for m, t in totals.items())
        print(f"\nratio {large:,}/{small:,} (sizes {large / small:.1f}): {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
