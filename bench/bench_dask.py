"""Benchmark: validate() in memory against validate_parquet() on a local Dask cluster, in records/s.

The caseload is generated with a plain seeded generator (no hypothesis): N
students in 437 schools (the programme's baseline), each with a citizen ID
(about 1 in 500 with a wrong check digit), a birth date that fits the grade,
an enrollment or two (30% dropped out, with a pathway and follow-ups); about
10% of the students have a risk assessment and about 5% a scholarship (resting
on that assessment). A few records break cross-record rules on purpose: a
student entered twice in another school, two students sharing a citizen ID,
a double award, an assessment of an unknown student.

Timed, each once: generating the caseload, ``write_parquet`` (to a temporary
directory), ``validate(caseload)`` in memory (garbage collector on, as a batch
job runs), and ``validate_parquet(root)`` on a ``LocalCluster`` of
``--workers`` worker processes of one thread each (cluster start-up not
timed). Both must give the same findings. The peak memory (RSS) of this
process and of each worker is reported.

Run: ``.venv/bin/python bench/bench_dask.py [--students 1000000] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import logging
import os
import platform
import random
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import distributed

# The schools, grades, dates and citizen IDs of the in-memory benchmark, shared as they are.
from bench_validate import AY_START, GRADES, SCHOOLS, D, citizen_id

import dropout_model
from dropout_model.caseload import Caseload
from dropout_model.dask import validate_parquet, write_parquet
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
    Pathway,
    PathwayKind,
    Student,
)
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

if TYPE_CHECKING:
    from collections.abc import Callable

DAY = dt.timedelta(days=1)


def student(rng: random.Random, i: int) -> Student:
    grade = GRADES[rng.randrange(3, 12)]  # P1..M6
    years = 6 + grade.index - 1 + rng.randrange(2)  # regular age on 16 May 2023
    birth = D(2023 - years, 1, 1) + DAY * rng.randrange(365)
    if birth > D(2023 - years, 5, 16):  # 16 May 2023 falls before the birthday
        birth = D(2023 - years - 1, 1, 1) + DAY * rng.randrange(135)
    school = SCHOOLS[rng.randrange(len(SCHOOLS))]
    entry = AY_START + DAY * rng.randrange(30)
    status = EnrollmentStatus.ENROLLED
    pathway = None
    follow: tuple[FollowUp, ...] = ()
    if rng.random() < 0.3:
        left = entry + DAY * (30 + rng.randrange(120))
        rows = (Enrollment(school, entry, EntryType.NEW, grade, left, ExitReason.DROPOUT),)
        status = EnrollmentStatus.DROPPED_OUT
        pathway = Pathway(PathwayKind.FOLLOW_UP_ONLY, left + 3 * DAY)
        follow = tuple(
            FollowUp(left + DAY * (7 + 60 * k), FollowUpMethod.HOME_VISIT) for k in range(3)
        )
    else:
        rows = (Enrollment(school, entry, EntryType.NEW, grade),)
    return Student(
        f"S-{i:07d}",
        citizen_id=citizen_id(i, broken=i % 500 == 0),
        name=f"ด.ช. นักเรียน {i}",
        birth_date=birth,
        school=school,
        grade=grade,
        status=status,
        enrollments=rows,
        pathway=pathway,
        follow_ups=follow,
    )


def assessment(rng: random.Random, s: Student, n: int) -> RiskAssessment:
    absent = rng.randrange(20)
    income = Decimal(rng.randrange(500, 6000))
    a = RiskAssessment(
        f"A-{n:07d}",
        s.key,
        AY_START + DAY * (40 + rng.randrange(20)),
        term=Term(AcademicYear(2566), 1),
        days_enrolled=60,
        days_absent=absent,
        behaviour_incidents=rng.randrange(4),
        failing_courses=rng.randrange(3),
        income_per_person=income,
        poverty=PovertyClass.POOR if income <= 3000 else PovertyClass.NOT_POOR,
    )
    return attrs.evolve(a, level=derive_risk_level(a))


def scholarship(s: Student, a: RiskAssessment, n: int) -> Scholarship:
    eef = a.income_per_person is not None and a.income_per_person <= 3000
    awarded = a.date + DAY
    return Scholarship(
        f"F-{n:07d}",
        s.key,
        ScholarshipKind.EEF_EQUITY if eef else ScholarshipKind.TRAVEL,
        Funder.EEF if eef else Funder.BMA,
        Decimal(3000) if eef else Decimal(1000),
        AcademicYear(2566),
        awarded_on=awarded,
        assessment_key=a.key,
        status=ScholarshipStatus.ACTIVE,
        disbursements=(
            Disbursement(awarded + 10 * DAY, Decimal(500), Decimal(90)),
            Disbursement(awarded + 100 * DAY, Decimal(500), Decimal(85)),
        ),
    )


def caseload(n: int, seed: int = 2566) -> Caseload:
    """``n`` students (a few more: the duplicates), ~10% assessed, ~5% with a scholarship."""
    rng = random.Random(seed)
    students = [student(rng, i) for i in range(n)]
    assessments: list[RiskAssessment] = []
    awards: list[Scholarship] = []
    for s in students:
        if rng.random() < 0.1:
            a = assessment(rng, s, len(assessments))
            assessments.append(a)
            if rng.random() < 0.5:
                awards.append(scholarship(s, a, len(awards)))
    for j in range(max(1, n // 100_000)):  # a few records that break the C and F003 rules
        twin = students[rng.randrange(n)]
        students.append(attrs.evolve(twin, school=SCHOOLS[(j * 7) % len(SCHOOLS)]))  # C002 key+ID
        other = students[rng.randrange(n)]
        students.append(attrs.evolve(other, key=f"S-DUP-{j}"))  # C002 citizen ID
        assessments.append(attrs.evolve(assessments[j], key=f"A-X{j}", student_key="S-NONE"))
        if awards:
            awards.append(attrs.evolve(awards[j], key=f"F-DUP-{j}"))  # F003
    project = Project(
        "50490000-3632",
        "ดูแลนักเรียนที่หลุดจากระบบการศึกษา",
        agency=Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา")),
        fiscal_year=FiscalYear(2566),
        start=D(2022, 10, 1),
        end=D(2023, 9, 30),
        target=Target("นักเรียนได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน"),
    )
    return Caseload(tuple(students), tuple(assessments), tuple(awards), project)


# distributed's classes have untyped constructors: typed here, at the boundary
new_cluster: Callable[..., Any] = distributed.LocalCluster
new_client: Callable[..., Any] = distributed.Client


def peak_rss() -> int:
    """This process's peak resident memory, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def size_on_disk(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def gb(n: float) -> str:
    return f"{n / 1e9:.1f} GB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(
        f"dropout_model {dropout_model.__version__}, dask {importlib.metadata.version('dask')}, "
        f"Python "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores"
    )
    rows: list[tuple[str, float, int]] = []

    t0 = time.perf_counter()
    cl = caseload(args.students)
    records = len(cl.students) + len(cl.assessments) + len(cl.scholarships)
    rows.append(("generate (not compared)", time.perf_counter() - t0, records))
    print(
        f"{len(cl.students):,} students, {len(cl.assessments):,} assessments, "
        f"{len(cl.scholarships):,} scholarships: {records:,} records"
    )

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "caseload"
        t0 = time.perf_counter()
        write_parquet(cl, root, personal=True)
        rows.append(("write_parquet", time.perf_counter() - t0, records))
        disk = size_on_disk(root)

        t0 = time.perf_counter()
        want = validate(cl)
        memory_seconds = time.perf_counter() - t0
        rows.append(("validate, in memory", memory_seconds, records))
        del cl  # the cluster's run holds no caseload here: only the findings come back
        driver_peak = peak_rss()

        with (
            new_cluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            new_client(cluster) as client,
        ):
            t0 = time.perf_counter()
            got = validate_parquet(root, partition_rows=args.partition_rows)
            dask_seconds = time.perf_counter() - t0
            worker_peaks = client.run(peak_rss)
        rows.append((f"validate_parquet, {args.workers} workers", dask_seconds, records))

    print(f"\n{'step':32} {'seconds':>9} {'records/s':>11}")
    for step, seconds, count in rows:
        print(f"{step:32} {seconds:9.1f} {count / seconds:11,.0f}")
    print(
        f"\nvalidate_parquet / validate: {memory_seconds / dask_seconds:.2f} of the in-memory "
        f"speed ({dask_seconds / memory_seconds:.1f} times the time)"
    )
    print(f"findings: {len(want):,} in memory, {len(got):,} with Dask; identical: {got == want}")
    print(
        f"store on disk: {gb(disk)}; peak memory: this process {gb(driver_peak)}, "
        f"workers {', '.join(gb(v) for v in worker_peaks.values())}"
    )
    return 0 if got == want else 1


if __name__ == "__main__":
    sys.exit(main())
