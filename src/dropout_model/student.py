"""Students, their schooling, and the pathway they chose after dropping out (floor 3).

A :class:`Student` holds personal data (name, citizen ID or G-code, birth
date): these fields are left out of ``repr`` and never appear in messages.

>>> from datetime import date
>>> s = Student(
...     "BKK-0001", name="ด.ญ. ตัวอย่าง", status=EnrollmentStatus.DROPPED_OUT, grade=GradeLevel.M1
... )
>>> s  # no name, no ID, no birth date
Student(key='BKK-0001', status=<EnrollmentStatus.DROPPED_OUT: 'dropped_out'>, ...)
>>> GradeLevel.P6 < GradeLevel.M1, GradeLevel.from_label("ม.1")
(True, <GradeLevel.M1: 'M1'>)
"""

from __future__ import annotations

import datetime as _dt
import functools

import attrs

from dropout_model import _model as m
from dropout_model.errors import InvalidValueError
from dropout_model.ids import CitizenId, GCode, SchoolCode

__all__ = [
    "Decider",
    "Enrollment",
    "EnrollmentStatus",
    "EntryType",
    "ExamAttempt",
    "ExamResult",
    "ExitReason",
    "FollowUp",
    "FollowUpMethod",
    "GradeLevel",
    "OnlineLearning",
    "Pathway",
    "PathwayKind",
    "ProviderKind",
    "School",
    "Sex",
    "Student",
    "VocationalTraining",
]


class Sex(m.ThaiEnum):
    """Sex as recorded in the school register."""

    MALE = ("male", "ชาย", "ช", "m")
    FEMALE = ("female", "หญิง", "ญ", "f")


@functools.total_ordering
class GradeLevel(m.ThaiEnum):
    """Grade levels, ordered K1 < … < K3 < P1 < … < P6 < M1 < … < M6."""

    K1 = ("K1", "อ.1", "อนุบาล 1")
    K2 = ("K2", "อ.2", "อนุบาล 2")
    K3 = ("K3", "อ.3", "อนุบาล 3")
    P1 = ("P1", "ป.1", "ประถมศึกษาปีที่ 1")
    P2 = ("P2", "ป.2", "ประถมศึกษาปีที่ 2")
    P3 = ("P3", "ป.3", "ประถมศึกษาปีที่ 3")
    P4 = ("P4", "ป.4", "ประถมศึกษาปีที่ 4")
    P5 = ("P5", "ป.5", "ประถมศึกษาปีที่ 5")
    P6 = ("P6", "ป.6", "ประถมศึกษาปีที่ 6")
    M1 = ("M1", "ม.1", "มัธยมศึกษาปีที่ 1")
    M2 = ("M2", "ม.2", "มัธยมศึกษาปีที่ 2")
    M3 = ("M3", "ม.3", "มัธยมศึกษาปีที่ 3")
    M4 = ("M4", "ม.4", "มัธยมศึกษาปีที่ 4")
    M5 = ("M5", "ม.5", "มัธยมศึกษาปีที่ 5")
    M6 = ("M6", "ม.6", "มัธยมศึกษาปีที่ 6")

    @property
    def index(self) -> int:
        """Position in school: K1 is −2, P1 is 1, M3 is 9 (compulsory grades are 1–9)."""
        return _GRADE_INDEX[self]

    @property
    def is_kindergarten(self) -> bool:
        """K1–K3."""
        return self.index <= 0

    @property
    def is_compulsory(self) -> bool:
        """P1–M3: the nine years of the Compulsory Education Act 2002."""
        return 1 <= self.index <= 9

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, GradeLevel):
            return NotImplemented
        return self.index < other.index


_GRADE_INDEX = {g: i - 2 for i, g in enumerate(GradeLevel)}


class EnrollmentStatus(m.ThaiEnum):
    """Where a student stands now."""

    ENROLLED = ("enrolled", "กำลังศึกษา")
    LONG_ABSENCE = ("long_absence", "ขาดเรียนนาน")
    DROPPED_OUT = ("dropped_out", "ออกกลางคัน", "หลุดออกจากระบบการศึกษา")
    RETURNED = ("returned", "กลับเข้าเรียน")
    TRANSFERRED = ("transferred", "ย้าย", "ย้ายสถานศึกษา")
    COMPLETED = ("completed", "จบการศึกษา", "จบ")
    DECEASED = ("deceased", "เสียชีวิต", "ถึงแก่กรรม")
    NEVER_ENROLLED = ("never_enrolled", "ตกหล่น")


class EntryType(m.ThaiEnum):
    """How a student entered a school (Ed-Fi EntryTypeDescriptor)."""

    NEW = ("new", "เข้าเรียนใหม่")
    TRANSFER = ("transfer", "ย้ายเข้า")
    NEXT_YEAR = ("next_year", "เลื่อนชั้น")
    RE_ENTRY = ("re_entry", "กลับเข้าเรียน")
    OTHER = ("other", "อื่น ๆ", "อื่นๆ")


class ExitReason(m.ThaiEnum):
    """The five grounds for removal from a Thai school roll (การจำหน่ายนักเรียน).

    Each carries the nearest Ed-Fi ExitWithdrawType and CEDS exit code.
    """

    TRANSFERRED = ("transferred", "ย้ายสถานศึกษา", "ย้าย")
    DECEASED = ("deceased", "ถึงแก่กรรม", "เสียชีวิต")
    DROPOUT = ("dropout", "ขาดเรียนติดต่อกันเป็นเวลานาน", "ออกกลางคัน")
    OVER_AGE = ("over_age", "อายุพ้นเกณฑ์การศึกษาภาคบังคับ", "อายุพ้นเกณฑ์")
    COMPLETED = ("completed", "จบการศึกษา", "จบ")

    @property
    def ed_fi(self) -> str:
        """The Ed-Fi ExitWithdrawTypeDescriptor code value."""
        return _ED_FI[self]

    @property
    def ceds(self) -> str:
        """The CEDS Exit or Withdrawal Type option code."""
        return _CEDS[self]


_ED_FI = {
    ExitReason.TRANSFERRED: "Transferred",
    ExitReason.DECEASED: "Died or is permanently incapacitated",
    ExitReason.DROPOUT: "Dropout",
    ExitReason.OVER_AGE: "Reached maximum age",
    ExitReason.COMPLETED: "Completed",
}
_CEDS = {
    ExitReason.TRANSFERRED: "01907",
    ExitReason.DECEASED: "01923",
    ExitReason.DROPOUT: "01927",
    ExitReason.OVER_AGE: "01926",
    ExitReason.COMPLETED: "01921",
}


@attrs.frozen
class School:
    """A school: code (10 digits; BMA codes start 31), name and district."""

    name: str = attrs.field(validator=m.v_str)
    code: SchoolCode | None = attrs.field(
        default=None, validator=m.instance_of(SchoolCode, optional=True)
    )
    district: str = attrs.field(default="", validator=m.v_str)


@attrs.frozen
class Enrollment:
    """One stay at one school, from entry to exit (open when ``exit_date`` is None)."""

    school: School = attrs.field(validator=m.instance_of(School))
    entry_date: _dt.date = attrs.field(validator=m.v_date)
    entry_type: EntryType = attrs.field(default=EntryType.NEW, validator=m.instance_of(EntryType))
    grade: GradeLevel | None = attrs.field(
        default=None, validator=m.instance_of(GradeLevel, optional=True)
    )
    exit_date: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    exit_reason: ExitReason | None = attrs.field(
        default=None, validator=m.instance_of(ExitReason, optional=True)
    )

    @property
    def is_open(self) -> bool:
        """Whether the student is still on this school's roll."""
        return self.exit_date is None


class PathwayKind(m.ThaiEnum):
    """The four pathways the programme offers a dropout."""

    RETURN_TO_SCHOOL = ("return_to_school", "กลับเข้าเรียนโรงเรียนเดิม")
    ONLINE_LEARNING = ("online_learning", "เรียนออนไลน์", "สตรีมมิ่ง")
    VOCATIONAL_TRAINING = ("vocational_training", "ฝึกอาชีพ")
    FOLLOW_UP_ONLY = ("follow_up_only", "ติดตามเป็นระยะ", "ไม่กลับเข้าเรียน")


class Decider(m.ThaiEnum):
    """Who chose the pathway: the programme leaves the choice to student and guardian."""

    STUDENT = ("student", "นักเรียน")
    GUARDIAN = ("guardian", "ผู้ปกครอง")
    BOTH = ("both", "นักเรียนและผู้ปกครอง")


class ExamResult(m.ThaiEnum):
    """The result of one online exam attempt."""

    PASSED = ("passed", "ผ่าน")
    FAILED = ("failed", "ไม่ผ่าน")
    ABSENT = ("absent", "ขาดสอบ")


@attrs.frozen
class ExamAttempt:
    """One online exam taken when the student was ready."""

    date: _dt.date = attrs.field(validator=m.v_date)
    subject: str = attrs.field(validator=m.v_str)
    result: ExamResult = attrs.field(validator=m.instance_of(ExamResult))


def _check_lessons(instance: OnlineLearning, _: object, total: int) -> None:
    m.v_count(instance, _, total)  # type: ignore[arg-type]
    if instance.lessons_completed > total:
        msg = (
            f"lessons_completed ({instance.lessons_completed}) cannot exceed "
            f"lessons_total ({total})"
        )
        raise InvalidValueError(msg)


@attrs.frozen
class OnlineLearning:
    """Streamed online lessons, with exams taken when the student declares readiness."""

    lessons_completed: int = attrs.field(default=0, validator=m.v_count)
    lessons_total: int = attrs.field(default=0, validator=_check_lessons)
    ready_on: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    exams: tuple[ExamAttempt, ...] = attrs.field(default=(), validator=m.tuple_of(ExamAttempt))

    @property
    def curriculum_completed(self) -> bool:
        """Whether every lesson of the curriculum is done (and there are lessons)."""
        return self.lessons_total > 0 and self.lessons_completed >= self.lessons_total


class ProviderKind(m.ThaiEnum):
    """The BMA runs vocational training centres and vocational schools."""

    TRAINING_CENTRE = ("training_centre", "ศูนย์ฝึกอาชีพ")
    VOCATIONAL_SCHOOL = ("vocational_school", "โรงเรียนฝึกอาชีพ")


@attrs.frozen
class VocationalTraining:
    """Vocational training at a BMA centre or school, with what it led to."""

    provider: str = attrs.field(validator=m.v_str)
    provider_kind: ProviderKind = attrs.field(validator=m.instance_of(ProviderKind))
    course: str = attrs.field(default="", validator=m.v_str)
    start: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    end: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    qualification: str = attrs.field(default="", validator=m.v_str)
    equivalent_grade: GradeLevel | None = attrs.field(
        default=None, validator=m.instance_of(GradeLevel, optional=True)
    )


def _details_for(kind: PathwayKind, what: str) -> m.Validator:
    """A validator: the field may hold details only on a pathway of ``kind``."""

    def check(instance: Pathway, _: object, value: object) -> None:
        if value is not None and instance.kind is not kind:
            msg = f"{what} details given for a {instance.kind.value} pathway"
            raise InvalidValueError(msg)

    return check


@attrs.frozen
class Pathway:
    """The pathway chosen, by whom and when, with what that pathway needs."""

    kind: PathwayKind = attrs.field(validator=m.instance_of(PathwayKind))
    decided_on: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date)
    decided_by: Decider | None = attrs.field(
        default=None, validator=m.instance_of(Decider, optional=True)
    )
    online: OnlineLearning | None = attrs.field(
        default=None,
        validator=[
            m.instance_of(OnlineLearning, optional=True),
            _details_for(PathwayKind.ONLINE_LEARNING, "online learning"),
        ],
    )
    vocational: VocationalTraining | None = attrs.field(
        default=None,
        validator=[
            m.instance_of(VocationalTraining, optional=True),
            _details_for(PathwayKind.VOCATIONAL_TRAINING, "vocational training"),
        ],
    )


class FollowUpMethod(m.ThaiEnum):
    """How a follow-up was made."""

    HOME_VISIT = ("home_visit", "เยี่ยมบ้าน")
    PHONE = ("phone", "โทรศัพท์")
    ONLINE = ("online", "ออนไลน์")
    AT_SCHOOL = ("at_school", "ที่โรงเรียน")
    OTHER = ("other", "อื่น ๆ", "อื่นๆ")


@attrs.frozen
class FollowUp:
    """One follow-up contact with a student or family."""

    date: _dt.date = attrs.field(validator=m.v_date)
    method: FollowUpMethod = attrs.field(validator=m.instance_of(FollowUpMethod))
    outcome: str = attrs.field(default="", validator=m.v_str)


@attrs.frozen
class Student:
    """A student followed by the programme.

    ``key`` is the programme's own key (never personal data); the student is
    identified by a citizen ID or, without civil registration, a G-code.
    ``name``, ``citizen_id``, ``g_code`` and ``birth_date`` are personal data:
    they are not shown in ``repr``.
    """

    key: str = attrs.field(validator=m.v_str)
    citizen_id: CitizenId | None = attrs.field(
        default=None, validator=m.instance_of(CitizenId, optional=True), repr=False
    )
    g_code: GCode | None = attrs.field(
        default=None, validator=m.instance_of(GCode, optional=True), repr=False
    )
    name: str = attrs.field(default="", validator=m.v_str, repr=False)
    birth_date: _dt.date | None = attrs.field(default=None, validator=m.v_opt_date, repr=False)
    sex: Sex | None = attrs.field(default=None, validator=m.instance_of(Sex, optional=True))
    school: School | None = attrs.field(
        default=None, validator=m.instance_of(School, optional=True), repr=False
    )
    grade: GradeLevel | None = attrs.field(
        default=None, validator=m.instance_of(GradeLevel, optional=True)
    )
    status: EnrollmentStatus = attrs.field(
        default=EnrollmentStatus.ENROLLED, validator=m.instance_of(EnrollmentStatus)
    )
    enrollments: tuple[Enrollment, ...] = attrs.field(
        default=(), validator=m.tuple_of(Enrollment), repr=False
    )
    pathway: Pathway | None = attrs.field(
        default=None, validator=m.instance_of(Pathway, optional=True)
    )
    follow_ups: tuple[FollowUp, ...] = attrs.field(
        default=(), validator=m.tuple_of(FollowUp), repr=False
    )

    def __repr__(self) -> str:
        return (
            f"Student(key={self.key!r}, status={self.status!r}, grade={self.grade!r}, "
            f"pathway={self.pathway.kind.value if self.pathway else None!r}, ...)"
        )

    @property
    def death_date(self) -> _dt.date | None:
        """The exit date of an enrollment that ended in death, if any."""
        for e in self.enrollments:
            if e.exit_reason is ExitReason.DECEASED:
                return e.exit_date
        return None

    @property
    def dropout_date(self) -> _dt.date | None:
        """The latest exit date of an enrollment that ended in dropout, if any."""
        dates = [
            e.exit_date
            for e in self.enrollments
            if e.exit_reason is ExitReason.DROPOUT and e.exit_date is not None
        ]
        return max(dates, default=None)
