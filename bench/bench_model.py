"""Benchmark: (un)structuring and JSON round trips of Student records, vs pydantic v2 and msgspec.

Each record is a :class:`~dropout_model.student.Student` with a school, 2
enrollments (each with its school), an online-learning pathway with 2 exams,
and 2 follow-ups. pydantic v2 and msgspec get models of the same shape with
the same invariants (counts >= 0, 13-digit citizen ID, 10-digit school code,
enum values, lessons completed <= total, online details only on an online
pathway), fed the same plain dicts or JSON text.

Run: ``.venv/bin/python bench/bench_model.py [--n 100000] [--repeat 3]``.
Times are µs of CPU time per record (``time.process_time``, so that other
processes on a shared machine do not count), the best of ``--repeat`` rounds
over the whole batch with the libraries interleaved in each round, measured
twice: with the garbage collector off in the timed call (``gc off``:
conversion cost alone) and on (``gc on``: what a batch job pays, collections
included). Ratios are pydantic's time (or msgspec's) divided by
ours: above 1 means we are faster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import gc
import platform
import random
import sys
import time
from typing import TYPE_CHECKING, Annotated, Self

import attrs
import msgspec
import pydantic

import dropout_model
from dropout_model.convert import from_json, structure, to_json, unstructure
from dropout_model.ids import CitizenId, SchoolCode, citizen_id_check_digit
from dropout_model.student import (
    Decider,
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
    ProviderKind,
    School,
    Sex,
    Student,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

# --- the same shape in pydantic v2 -------------------------------------------------------------


def _str_enum(cls: type[enum.Enum]) -> type[enum.Enum]:
    """A plain str enum with the same values, for the other libraries."""
    made: type[enum.Enum] = enum.Enum(cls.__name__, {m.name: m.value for m in cls}, type=str)  # type: ignore[misc]
    return made


PSex = _str_enum(Sex)
PGrade = _str_enum(GradeLevel)
PStatus = _str_enum(EnrollmentStatus)
PEntry = _str_enum(EntryType)
PExit = _str_enum(ExitReason)
PKind = _str_enum(PathwayKind)
PDecider = _str_enum(Decider)
PResult = _str_enum(ExamResult)
PMethod = _str_enum(FollowUpMethod)
PProvider = _str_enum(ProviderKind)

_FROZEN = pydantic.ConfigDict(frozen=True, extra="forbid")
Count = Annotated[int, pydantic.Field(ge=0)]


class PSchool(pydantic.BaseModel):
    model_config = _FROZEN
    name: str
    code: Annotated[str, pydantic.Field(pattern=r"^[0-9]{10}$")] | None = None
    district: str = ""


class PEnrollment(pydantic.BaseModel):
    model_config = _FROZEN
    school: PSchool
    entry_date: dt.date
    entry_type: PEntry = PEntry.NEW  # type: ignore[valid-type, attr-defined]
    grade: PGrade | None = None  # type: ignore[valid-type]
    exit_date: dt.date | None = None
    exit_reason: PExit | None = None  # type: ignore[valid-type]


class PExam(pydantic.BaseModel):
    model_config = _FROZEN
    date: dt.date
    subject: str
    result: PResult  # type: ignore[valid-type]


class POnline(pydantic.BaseModel):
    model_config = _FROZEN
    lessons_completed: Count = 0
    lessons_total: Count = 0
    ready_on: dt.date | None = None
    exams: tuple[PExam, ...] = ()

    @pydantic.model_validator(mode="after")
    def _lessons(self) -> Self:
        if self.lessons_completed > self.lessons_total:
            msg = "lessons_completed cannot exceed lessons_total"
            raise ValueError(msg)
        return self


class PVocational(pydantic.BaseModel):
    model_config = _FROZEN
    provider: str
    provider_kind: PProvider  # type: ignore[valid-type]
    course: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    qualification: str = ""
    equivalent_grade: PGrade | None = None  # type: ignore[valid-type]


class PPathway(pydantic.BaseModel):
    model_config = _FROZEN
    kind: PKind  # type: ignore[valid-type]
    decided_on: dt.date | None = None
    decided_by: PDecider | None = None  # type: ignore[valid-type]
    online: POnline | None = None
    vocational: PVocational | None = None

    @pydantic.model_validator(mode="after")
    def _details(self) -> Self:
        if self.online is not None and self.kind != "online_learning":
            msg = "online learning details on another pathway"
            raise ValueError(msg)
        return self


class PFollowUp(pydantic.BaseModel):
    model_config = _FROZEN
    date: dt.date
    method: PMethod  # type: ignore[valid-type]
    outcome: str = ""


class PStudent(pydantic.BaseModel):
    model_config = _FROZEN
    key: str
    citizen_id: Annotated[str, pydantic.Field(pattern=r"^[0-9]{13}$")] | None = None
    g_code: Annotated[str, pydantic.Field(pattern=r"^G[0-9]{12}$")] | None = None
    name: str = ""
    birth_date: dt.date | None = None
    sex: PSex | None = None  # type: ignore[valid-type]
    school: PSchool | None = None
    grade: PGrade | None = None  # type: ignore[valid-type]
    status: PStatus = PStatus.ENROLLED  # type: ignore[valid-type, attr-defined]
    enrollments: tuple[PEnrollment, ...] = ()
    pathway: PPathway | None = None
    follow_ups: tuple[PFollowUp, ...] = ()


# --- the same shape in msgspec -----------------------------------------------------------------

MCount = Annotated[int, msgspec.Meta(ge=0)]


class MSchool(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    code: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{10}$")] | None = None
    district: str = ""


class MEnrollment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    school: MSchool
    entry_date: dt.date
    entry_type: PEntry = PEntry.NEW  # type: ignore[valid-type, attr-defined]
    grade: PGrade | None = None  # type: ignore[valid-type]
    exit_date: dt.date | None = None
    exit_reason: PExit | None = None  # type: ignore[valid-type]


class MExam(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    date: dt.date
    subject: str
    result: PResult  # type: ignore[valid-type]


class MOnline(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    lessons_completed: MCount = 0
    lessons_total: MCount = 0
    ready_on: dt.date | None = None
    exams: tuple[MExam, ...] = ()

    def __post_init__(self) -> None:
        if self.lessons_completed > self.lessons_total:
            msg = "lessons_completed cannot exceed lessons_total"
            raise ValueError(msg)


class MVocational(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    provider: str
    provider_kind: PProvider  # type: ignore[valid-type]
    course: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    qualification: str = ""
    equivalent_grade: PGrade | None = None  # type: ignore[valid-type]


class MPathway(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kind: PKind  # type: ignore[valid-type]
    decided_on: dt.date | None = None
    decided_by: PDecider | None = None  # type: ignore[valid-type]
    online: MOnline | None = None
    vocational: MVocational | None = None

    def __post_init__(self) -> None:
        if self.online is not None and self.kind != "online_learning":
            msg = "online learning details on another pathway"
            raise ValueError(msg)


class MFollowUp(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    date: dt.date
    method: PMethod  # type: ignore[valid-type]
    outcome: str = ""


class MStudent(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    key: str
    citizen_id: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{13}$")] | None = None
    g_code: Annotated[str, msgspec.Meta(pattern=r"^G[0-9]{12}$")] | None = None
    name: str = ""
    birth_date: dt.date | None = None
    sex: PSex | None = None  # type: ignore[valid-type]
    school: MSchool | None = None
    grade: PGrade | None = None  # type: ignore[valid-type]
    status: PStatus = PStatus.ENROLLED  # type: ignore[valid-type, attr-defined]
    enrollments: tuple[MEnrollment, ...] = ()
    pathway: MPathway | None = None
    follow_ups: tuple[MFollowUp, ...] = ()


# --- data ----------------------------------------------------------------------------------------

_NAMES = ("ด.ช. สมชาย ใจดี", "ด.ญ. สมหญิง รักเรียน", "นาย ก้องภพ แสงทอง", "น.ส. พิมพ์ชนก ศรีสุข")
_DISTRICTS = ("ทุ่งครุ", "บางขุนเทียน", "หนองจอก", "คลองเตย")


def _school(rng: random.Random) -> School:
    n = rng.randrange(1, 437)
    return School(
        f"โรงเรียนสังกัดกรุงเทพมหานคร {n}",
        SchoolCode(f"31{rng.randrange(10**8):08d}"),
        rng.choice(_DISTRICTS),
    )


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def make_student(rng: random.Random, i: int) -> Student:
    """One record of the benchmark's shape."""
    first12 = f"{rng.randrange(1, 9)}{rng.randrange(10**11):011d}"
    cid = CitizenId(first12 + str(citizen_id_check_digit(first12)))
    enrollments = (
        Enrollment(_school(rng), _day(rng, 2019), EntryType.NEW, GradeLevel.P6),
        Enrollment(
            _school(rng),
            _day(rng, 2021),
            EntryType.TRANSFER,
            GradeLevel.M1,
            _day(rng, 2022),
            ExitReason.DROPOUT,
        ),
    )
    online = OnlineLearning(
        lessons_completed=rng.randrange(0, 40),
        lessons_total=40,
        ready_on=_day(rng, 2023),
        exams=(
            ExamAttempt(_day(rng, 2023), "คณิตศาสตร์", ExamResult.PASSED),
            ExamAttempt(_day(rng, 2023), "ภาษาไทย", ExamResult.FAILED),
        ),
    )
    return Student(
        f"BKK-{i:06d}",
        citizen_id=cid,
        name=rng.choice(_NAMES),
        birth_date=_day(rng, 2008),
        sex=rng.choice((Sex.MALE, Sex.FEMALE)),
        school=enrollments[1].school,
        grade=GradeLevel.M1,
        status=EnrollmentStatus.DROPPED_OUT,
        enrollments=enrollments,
        pathway=Pathway(PathwayKind.ONLINE_LEARNING, _day(rng, 2023), Decider.BOTH, online=online),
        follow_ups=(
            FollowUp(_day(rng, 2023), FollowUpMethod.HOME_VISIT, "ครอบครัวยินดีให้เรียนออนไลน์"),
            FollowUp(_day(rng, 2023), FollowUpMethod.PHONE, "เรียนได้ตามแผน"),
        ),
    )


# --- timing --------------------------------------------------------------------------------------


def timed(fn: Callable[[], object], *, gc_on: bool) -> float:
    """CPU time (s) of one call of ``fn``; the garbage collector off during it unless gc_on.

    CPU time of this process (``time.process_time``), not wall time, so that
    other processes on a shared machine do not count.
    """
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        t0 = time.process_time()
        fn()
        return time.process_time() - t0
    finally:
        gc.enable()


def best_of(fns: dict[str, Callable[[], object]], repeat: int, *, gc_on: bool) -> dict[str, float]:
    """Best time (s) of each function over ``repeat`` rounds, the libraries interleaved."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for lib, fn in fns.items():
            best[lib] = min(best[lib], timed(fn, gc_on=gc_on))
    return best


def run(n: int, repeat: int) -> list[tuple[str, str, dict[str, float]]]:
    """Rows of (task, gc mode, µs per record by library)."""
    rng = random.Random(20230131)
    students = [make_student(rng, i) for i in range(n)]
    data = [unstructure(s) for s in students]
    texts = [to_json(s) for s in students]
    p_models = [PStudent.model_validate(d) for d in data]
    m_models = [msgspec.convert(d, MStudent) for d in data]
    # The three libraries must agree on the data before their speed is compared.
    assert all(structure(d, Student) == s for d, s in zip(data[:100], students, strict=False))
    assert [p.model_dump(mode="json") for p in p_models[:100]] == data[:100]
    assert [msgspec.json.decode(msgspec.json.encode(m)) for m in m_models[:100]] == data[:100]
    assert texts[:100] == [msgspec.json.encode(m).decode() for m in m_models[:100]]

    p_validate = PStudent.model_validate
    p_validate_json = PStudent.model_validate_json
    tasks: dict[str, dict[str, Callable[[], object]]] = {
        "structure (dict -> object)": {
            "dropout_model": lambda: [structure(d, Student) for d in data],
            "pydantic": lambda: [p_validate(d) for d in data],
            "msgspec": lambda: [msgspec.convert(d, MStudent) for d in data],
        },
        "unstructure (object -> dict)": {
            "dropout_model": lambda: [unstructure(s) for s in students],
            "pydantic": lambda: [p.model_dump(mode="json") for p in p_models],
            "msgspec": lambda: [msgspec.to_builtins(m) for m in m_models],
        },
        "JSON round trip (object -> text -> object)": {
            "dropout_model": lambda: [from_json(to_json(s), Student) for s in students],
            "pydantic": lambda: [p_validate_json(p.model_dump_json()) for p in p_models],
            "msgspec": lambda: [
                msgspec.json.decode(msgspec.json.encode(m), type=MStudent) for m in m_models
            ],
        },
        "from JSON text (text -> object)": {
            "dropout_model": lambda: [from_json(t, Student) for t in texts],
            "pydantic": lambda: [p_validate_json(t) for t in texts],
            "msgspec": lambda: [msgspec.json.decode(t, type=MStudent) for t in texts],
        },
    }
    rows = []
    for gc_on in (False, True):
        for task, fns in tasks.items():
            best = best_of(fns, repeat, gc_on=gc_on)
            us = {lib: t / n * 1e6 for lib, t in best.items()}
            rows.append((task, "gc on" if gc_on else "gc off", us))

    # How much of structuring is the model's own attrs validators (run on every construction)?
    def without_validators() -> None:
        attrs.validators.set_disabled(True)
        try:
            [structure(d, Student) for d in data]
        finally:
            attrs.validators.set_disabled(False)

    share = best_of(
        {
            "dropout_model": lambda: [structure(d, Student) for d in data],
            "validators off": without_validators,
        },
        repeat,
        gc_on=False,
    )
    rows.append(
        (
            "structure with the model's attrs validators switched off",
            "gc off",
            {"dropout_model": share["validators off"] / n * 1e6},
        )
    )
    rows.append(
        (
            "structure (same rounds as the line above)",
            "gc off",
            {"dropout_model": share["dropout_model"] / n * 1e6},
        )
    )
    return rows


def report(rows: Sequence[tuple[str, str, dict[str, float]]], n: int) -> str:
    """The results as a Markdown table (µs per record, and ratios)."""
    lines = [
        (
            f"{n:,} Student records; Python {platform.python_version()}, "
            f"dropout_model {dropout_model.__version__}, pydantic {pydantic.VERSION}, "
            f"msgspec {msgspec.__version__}; µs per record (best of runs)."
        ),
        "",
        "| task | GC | dropout_model | pydantic v2 | msgspec | pydantic / ours | msgspec / ours |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for task, mode, us in rows:
        ours = us["dropout_model"]
        p = us.get("pydantic")
        m = us.get("msgspec")
        cells = [
            task,
            mode,
            f"{ours:.2f}",
            f"{p:.2f}" if p else "",
            f"{m:.2f}" if m else "",
            f"{p / ours:.2f}" if p else "",
            f"{m / ours:.2f}" if m else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=100_000, help="records (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (default 3)")
    args = parser.parse_args(argv)
    print(report(run(args.n, args.repeat), args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "make_student", "report", "run"]
