"""Rules on a student (S): identity, age and grade, enrollment history, pathway, follow-up.

Findings never show the name, citizen ID, G-code or birth date: an age in
years stands for the birth date, and "the check digit does not match" for the
ID.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, cast

from dropout_model.findings import Severity
from dropout_model.rules._core import Rule, Target, academic_year_of, add_days, full_years, rule
from dropout_model.student import (
    Enrollment,
    EnrollmentStatus,
    ExitReason,
    GradeLevel,
    PathwayKind,
    Student,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dropout_model.findings import Finding
    from dropout_model.rules._core import Env
    from dropout_model.rules.config import RuleConfig

__all__ = [
    "STUDENT_RULES",
    "ever_dropped_out",
    "exit_facts",
    "final_exit",
    "latest_enrollment",
]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Statuses of a student who left school or is about to: the programme's group.
_DROPOUT_STATUSES = frozenset(
    {EnrollmentStatus.DROPPED_OUT, EnrollmentStatus.RETURNED, EnrollmentStatus.LONG_ABSENCE}
)
#: Statuses that contradict a latest enrollment closed by dropout (S004, reverse).
_ON_ROLL_STATUSES = frozenset(
    {
        EnrollmentStatus.ENROLLED,
        EnrollmentStatus.RETURNED,
        EnrollmentStatus.LONG_ABSENCE,
        EnrollmentStatus.TRANSFERRED,
        EnrollmentStatus.NEVER_ENROLLED,
    }
)
#: Exits after which a student leaves schooling for good.
_FINAL_EXITS = frozenset({ExitReason.DECEASED, ExitReason.COMPLETED, ExitReason.OVER_AGE})


# --- facts shared with the assessment and scholarship rules --------------------------------------


def latest_enrollment(s: Student) -> tuple[int, Enrollment] | None:
    """The enrollment with the latest entry date (the later one in the tuple on a tie)."""
    best: tuple[int, Enrollment] | None = None
    for i, e in enumerate(s.enrollments):
        if best is None or e.entry_date >= best[1].entry_date:
            best = (i, e)
    return best


def ever_dropped_out(s: Student) -> bool:
    """A dropout exit in the history, or a status of the programme's group.

    The group is dropped out, returned and long-absent: the programme serves
    "students who are long absent or dropped out" (sample printout, 1.3).
    """
    return s.status in _DROPOUT_STATUSES or any(
        e.exit_reason is ExitReason.DROPOUT for e in s.enrollments
    )


def final_exit(s: Student) -> tuple[int, Enrollment] | None:
    """The enrollment whose exit ended schooling for good (death, completion, over age), or None.

    That is the latest enrollment, when it is closed for one of those reasons.
    """
    latest = latest_enrollment(s)
    if latest is None:
        return None
    e = latest[1]
    if e.exit_date is None or e.exit_reason not in _FINAL_EXITS:
        return None
    return latest


def exit_facts(s: Student, env: Env) -> tuple[_dt.date | None, Enrollment | None]:
    """(death date, final-exit enrollment) of ``s``, worked out once per run.

    Rules on assessments and scholarships ask this for every record of a
    student; the memo keeps the cost linear however many records one student has.
    """
    key = ("exit facts", s.key, id(s))
    found = cast("tuple[_dt.date | None, Enrollment | None] | None", env.memo.get(key))
    if found is None:
        gone = final_exit(s)
        found = env.memo[key] = (s.death_date, gone[1] if gone is not None else None)
    return found


def _first_dropout(s: Student) -> _dt.date | None:
    dates = [
        e.exit_date
        for e in s.enrollments
        if e.exit_reason is ExitReason.DROPOUT and e.exit_date is not None
    ]
    return min(dates, default=None)


# --- rules ---------------------------------------------------------------------------------------


@rule(
    "S001",
    ERROR,
    Target.STUDENT,
    title_en="Citizen ID check digit fails",
    title_th="เลขประจำตัวประชาชนหลักตรวจสอบไม่ถูกต้อง",
    checks="The 13th digit of the citizen ID is the check digit of the first 12: "
    "(11 − Σ dᵢ·(14−i) mod 11) mod 10.",
    why="Ministry of Interior check-digit rule (DESIGN §4, Identifiers); a failing check digit "
    "means a typing error, and the record will not join with other registers (EEF iSEE).",
    fix="Re-type the ID from the ID card or the house register; findings never show it.",
)
def s001(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    if s.citizen_id is not None and not s.citizen_id.is_valid:
        yield r.finding(
            "citizen_id",
            "the citizen ID's check digit does not match its first 12 digits; re-type the ID "
            "from the ID card or house register",
            "หลักตรวจสอบของเลขประจำตัวประชาชนไม่ตรงกับ 12 หลักแรก "
            "กรุณาตรวจสอบและกรอกเลขใหม่จากบัตรประชาชนหรือทะเบียนบ้าน",
            observed="check digit does not match",
            expected="a valid check digit",
        )


@rule(
    "S002",
    WARNING,
    Target.STUDENT,
    title_en="Neither or both of citizen ID and G-code",
    title_th="ไม่มีหรือมีทั้งเลขประจำตัวประชาชนและรหัส G",
    checks="A student has exactly one of a citizen ID and a G-code.",
    why="A G-code is issued only to learners without a 13-digit number; a learner who has one "
    "uses it (MOE G-code guidance; DESIGN §4, Identifiers).",
    fix="Record the citizen ID; use a G-code only for a learner without civil registration.",
)
def s002(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    if s.citizen_id is None and s.g_code is None:
        yield r.finding(
            "citizen_id",
            "the student has neither a citizen ID nor a G-code; record the citizen ID, or a "
            "G-code for a learner without civil registration",
            "นักเรียนไม่มีทั้งเลขประจำตัวประชาชนและรหัส G กรุณาบันทึกเลขประจำตัวประชาชน "
            "หรือรหัส G สำหรับผู้เรียนที่ไม่มีหลักฐานทางทะเบียนราษฎร",
            observed="neither",
            expected="exactly one",
        )
    elif s.citizen_id is not None and s.g_code is not None:
        yield r.finding(
            "g_code",
            "the student has both a citizen ID and a G-code; keep the citizen ID and remove "
            "the G-code",
            "นักเรียนมีทั้งเลขประจำตัวประชาชนและรหัส G กรุณาใช้เลขประจำตัวประชาชนและลบรหัส G",
            observed="both",
            expected="exactly one",
        )


def _cutoff(day: _dt.date, env: Env) -> _dt.date | None:
    """The age cut-off day (16 May) of the academic year of ``day``, memoised for the run."""
    key = ("S003 cutoff", day)
    if key in env.memo:
        return cast("_dt.date | None", env.memo[key])
    found: _dt.date | None = None
    ay = academic_year_of(day, env.config.calendar)
    if ay is not None:
        try:
            found = _dt.date(ay.ce_start_year, *env.config.age.cutoff)
        except ValueError:
            found = None
    env.memo[key] = found
    return found


def _grade_ref_date(s: Student, env: Env) -> _dt.date | None:
    """The day the student's current ``grade`` refers to.

    With an open enrollment, ``as_of`` (None without it); otherwise the last
    exit date (the grade a student left school in), held at ``as_of``.
    """
    if not s.enrollments or any(e.is_open for e in s.enrollments):
        return env.as_of
    last = max(e.exit_date for e in s.enrollments if e.exit_date is not None)
    return min(last, env.as_of) if env.as_of is not None else last


@rule(
    "S003",
    ERROR,
    Target.STUDENT,
    title_en="Age implausible for the grade",
    title_th="อายุไม่สอดคล้องกับระดับชั้น",
    checks="The age on 16 May of the academic year fits the grade: P1 takes ages 6–7 and each "
    "grade adds a year (RuleConfig.age). Under-age is an error; over-age by "
    "RuleConfig.age.over_age_years or more is a warning. Each enrollment's grade is checked "
    "at its entry date; the current grade at as_of (or at the last exit when the student left "
    "school).",
    why="OBEC entry-age rule (P1: the year a child turns 7, counted to 16 May); Compulsory "
    "Education Act BE 2545; over-age is normal for returning dropouts (UNICEF OOSCI), so it is "
    "only a warning.",
    fix="Check the birth date and the grade; an over-age returner needs no fix.",
)
def s003(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    born = s.birth_date
    if born is None:
        return
    # (enrollment index or None for the current grade, grade, day): paths are made only for
    # findings, since this rule runs on every student.
    checks: list[tuple[int | None, GradeLevel, _dt.date]] = [
        (i, e.grade, e.entry_date) for i, e in enumerate(s.enrollments) if e.grade is not None
    ]
    if s.grade is not None and (ref := _grade_ref_date(s, env)) is not None:
        checks.append((None, s.grade, ref))
    rules = env.config.age
    for at, grade, day in checks:
        cutoff = _cutoff(day, env)
        if cutoff is None:
            continue
        age = full_years(born, cutoff)
        youngest, oldest = rules.regular_ages(grade)
        if youngest - rules.under_age_years <= age < youngest + rules.over_age_years:
            continue
        path = "grade" if at is None else f"enrollments[{at}].grade"
        on = cutoff.isoformat()
        if age < youngest:
            shown = f"{age} years old" if age >= 0 else "not yet born"
            shown_th = f"อายุ {age} ปี" if age >= 0 else "ยังไม่เกิด"
            yield r.finding(
                path,
                f"the student is {shown} on {on}, too young for {grade.value} (regular ages "
                f"{youngest}–{oldest}); check the birth date and the grade",
                f"นักเรียน{shown_th} ณ วันที่ {on} ซึ่งอายุน้อยเกินไปสำหรับชั้น {grade.label_th} "
                f"(อายุปกติ {youngest}–{oldest} ปี) กรุณาตรวจสอบวันเกิดและระดับชั้น",
                observed=age,
                expected=f"{youngest}–{oldest}",
            )
        else:
            yield r.finding(
                path,
                f"the student is {age} years old on {on}, over-age for {grade.value} (regular "
                f"ages {youngest}–{oldest}); normal for a returner, otherwise check the birth "
                "date and the grade",
                f"นักเรียนอายุ {age} ปี ณ วันที่ {on} ซึ่งเกินเกณฑ์สำหรับชั้น {grade.label_th} "
                f"(อายุปกติ {youngest}–{oldest} ปี) หากเป็นนักเรียนที่กลับเข้าเรียนถือว่าปกติ "
                "มิฉะนั้นกรุณาตรวจสอบวันเกิดและระดับชั้น",
                observed=age,
                expected=f"{youngest}–{oldest}",
                severity=WARNING,
            )


@rule(
    "S004",
    ERROR,
    Target.STUDENT,
    title_en="Dropout status and enrollment history disagree",
    title_th="สถานะออกกลางคันไม่ตรงกับประวัติการศึกษา",
    checks="A student whose status is dropped out has a latest enrollment closed by dropout; "
    "and a student whose latest enrollment closed by dropout is not recorded as enrolled, "
    "returned, long-absent, transferred or never enrolled (completed through a pathway, or "
    "deceased, is coherent).",
    why="Dropout (long continuous absence) is one of the five grounds for removal from a roll "
    "(OBEC); the status must agree with the roll (Ed-Fi exit type Dropout, CEDS 01927).",
    fix="Record the dropout exit (date and reason) on the enrollment, or correct the status.",
)
def s004(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    latest = latest_enrollment(s)
    by_dropout = (
        latest is not None
        and latest[1].exit_date is not None
        and latest[1].exit_reason is ExitReason.DROPOUT
    )
    if s.status is EnrollmentStatus.DROPPED_OUT and not by_dropout:
        yield r.finding(
            "status",
            "the status is dropped out but the latest enrollment was not closed by dropout; "
            "record the dropout exit on the enrollment, or correct the status",
            "สถานะเป็นออกกลางคัน แต่การศึกษาครั้งล่าสุดไม่ได้สิ้นสุดด้วยเหตุออกกลางคัน "
            "กรุณาบันทึกการจำหน่ายเนื่องจากออกกลางคัน หรือแก้ไขสถานะ",
            observed=s.status.value,
            expected="a latest enrollment closed by dropout",
        )
    elif by_dropout and latest is not None and s.status in _ON_ROLL_STATUSES:
        yield r.finding(
            f"enrollments[{latest[0]}].exit_reason",
            f"the latest enrollment was closed by dropout but the status is {s.status.value}; "
            "correct the status, or record the re-entry as a new enrollment",
            f"การศึกษาครั้งล่าสุดสิ้นสุดด้วยเหตุออกกลางคัน แต่สถานะเป็น{s.status.label_th} "
            "กรุณาแก้ไขสถานะ หรือบันทึกการกลับเข้าเรียนเป็นการศึกษาครั้งใหม่",
            observed=s.status.value,
            expected=EnrollmentStatus.DROPPED_OUT.value,
        )


@rule(
    "S005",
    ERROR,
    Target.STUDENT,
    title_en="Enrollment periods overlap, or exit before entry",
    title_th="ช่วงเวลาการศึกษาซ้อนทับกัน หรือวันจำหน่ายก่อนวันเข้าเรียน",
    checks="No enrollment exits before it starts, and no enrollment starts before the one "
    "before it ended (a transfer may exit and enter on one day).",
    why="A student is on one school's roll at a time (OBEC roll removal on transfer); checked "
    "by sorting and one sweep, in linear time after the sort.",
    fix="Correct the entry or exit date, or close the earlier enrollment.",
)
def s005(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    ens = s.enrollments
    reach: tuple[_dt.date | None, int] | None = None  # (end so far, None = still open; index)
    for i in sorted(range(len(ens)), key=lambda k: ens[k].entry_date):
        e = ens[i]
        end = e.exit_date
        if end is not None and end < e.entry_date:
            yield r.finding(
                f"enrollments[{i}].exit_date",
                f"enrollment {i} exits ({end.isoformat()}) before it starts "
                f"({e.entry_date.isoformat()}); correct the entry or exit date",
                f"การศึกษาลำดับที่ {i} มีวันจำหน่าย ({end.isoformat()}) ก่อนวันเข้าเรียน "
                f"({e.entry_date.isoformat()}) กรุณาแก้ไขวันที่",
                observed=end,
                expected=f"on or after {e.entry_date.isoformat()}",
            )
            end = e.entry_date
        if reach is not None and (reach[0] is None or e.entry_date < reach[0]):
            until = "is still open" if reach[0] is None else f"ends {reach[0].isoformat()}"
            until_th = "ยังไม่สิ้นสุด" if reach[0] is None else f"สิ้นสุด {reach[0].isoformat()}"
            yield r.finding(
                f"enrollments[{i}].entry_date",
                f"enrollment {i} starts {e.entry_date.isoformat()} while enrollment "
                f"{reach[1]} {until}; close the earlier enrollment or correct the dates",
                f"การศึกษาลำดับที่ {i} เริ่ม {e.entry_date.isoformat()} ขณะที่การศึกษาลำดับที่ "
                f"{reach[1]} {until_th} กรุณาปิดการศึกษาครั้งก่อนหรือแก้ไขวันที่",
                observed=e.entry_date,
                expected="after the earlier enrollment ends",
            )
        if reach is None or (reach[0] is not None and (end is None or end > reach[0])):
            reach = (end, i)


@rule(
    "S006",
    WARNING,
    Target.STUDENT,
    title_en="Pathway set for a student who never dropped out",
    title_th="กำหนดแนวทางให้นักเรียนที่ไม่เคยออกกลางคัน",
    checks="A pathway is set only for a student with a dropout exit, or whose status is dropped "
    "out, returned or long-absent.",
    why="The programme's pathways (return, online learning, vocational training, follow-up) "
    "are offered to students who left school (sample printout 1.4, policy 1).",
    fix="Remove the pathway, or record the dropout exit or status.",
)
def s006(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    if s.pathway is not None and not ever_dropped_out(s):
        yield r.finding(
            "pathway",
            f"a {s.pathway.kind.value} pathway is set but the student never dropped out; "
            "remove the pathway or record the dropout",
            f"มีการกำหนดแนวทาง{s.pathway.kind.label_th} แต่นักเรียนไม่เคยออกกลางคัน "
            "กรุณาลบแนวทางหรือบันทึกการออกกลางคัน",
            observed=s.pathway.kind.value,
            expected="no pathway",
        )


@rule(
    "S007",
    WARNING,
    Target.STUDENT,
    title_en="Follow-up before the dropout or after death",
    title_th="การติดตามก่อนออกกลางคันหรือหลังเสียชีวิต",
    checks="No follow-up is dated before the student's first dropout exit, or after death.",
    why="Follow-up (การติดตาม) is of students who dropped out (sample printout 1.4, 1.3); a "
    "follow-up after death, or before any dropout, has a wrong date or student.",
    fix="Correct the follow-up date, or attach it to the right student.",
)
def s007(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    if not s.follow_ups:
        return
    dropout, death = _first_dropout(s), s.death_date
    for i, f in enumerate(s.follow_ups):
        if dropout is not None and f.date < dropout:
            yield r.finding(
                f"follow_ups[{i}].date",
                f"follow-up {i} is dated {f.date.isoformat()}, before the dropout "
                f"({dropout.isoformat()}); correct the date or the student",
                f"การติดตามครั้งที่ {i + 1} ลงวันที่ {f.date.isoformat()} ก่อนวันที่ออกกลางคัน "
                f"({dropout.isoformat()}) กรุณาแก้ไขวันที่หรือตัวนักเรียน",
                observed=f.date,
                expected=f"on or after {dropout.isoformat()}",
            )
        elif death is not None and f.date > death:
            yield r.finding(
                f"follow_ups[{i}].date",
                f"follow-up {i} is dated {f.date.isoformat()}, after the student's death "
                f"({death.isoformat()}); correct the date or the student",
                f"การติดตามครั้งที่ {i + 1} ลงวันที่ {f.date.isoformat()} หลังวันที่นักเรียนเสียชีวิต "
                f"({death.isoformat()}) กรุณาแก้ไขวันที่หรือตัวนักเรียน",
                observed=f.date,
                expected=f"on or before {death.isoformat()}",
            )


def _compulsory_at(s: Student, e: Enrollment, config: RuleConfig) -> bool | None:
    """Whether the student was in compulsory schooling when ``e`` ended; None if unknown."""
    day = e.exit_date
    grade = e.grade if e.grade is not None else s.grade
    age_ok: bool | None = None
    if s.birth_date is not None and day is not None:
        low, high = config.age.compulsory_ages
        age_ok = low <= day.year - s.birth_date.year <= high
    if grade is not None:
        return grade.is_compulsory and age_ok is not False
    return age_ok


@rule(
    "S008",
    INFO,
    Target.STUDENT,
    title_en="Compulsory-age dropout not followed up in time",
    title_th="นักเรียนภาคบังคับที่ออกกลางคันยังไม่ได้รับการติดตามตามกำหนด",
    checks="A student who dropped out of compulsory schooling (P1–M3, ages 7–16) has a "
    "follow-up within RuleConfig.dropout_follow_up_days of the (latest) dropout. With as_of, "
    "only dropouts whose window has passed are checked.",
    why="Compulsory Education Act BE 2545: children of compulsory age must be brought back to "
    "school; the programme follows up every dropout (sample printout, policy 1).",
    fix="Record the follow-up (visit, call) with its date.",
)
def s008(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    found: tuple[int, _dt.date] | None = None
    for k, x in enumerate(s.enrollments):
        if (
            x.exit_reason is ExitReason.DROPOUT
            and x.exit_date is not None
            and (found is None or x.exit_date >= found[1])
        ):
            found = (k, x.exit_date)
    if found is None:
        return
    i, day = found
    e = s.enrollments[i]
    if not _compulsory_at(s, e, env.config):
        return
    days = env.config.dropout_follow_up_days
    deadline = add_days(day, days)
    if env.as_of is not None and deadline > env.as_of:
        return
    if any(day <= f.date <= deadline for f in s.follow_ups):
        return
    yield r.finding(
        f"enrollments[{i}].exit_date",
        f"the student dropped out of compulsory schooling on {day.isoformat()} and was not "
        f"followed up within {days} days; record the follow-up",
        f"นักเรียนภาคบังคับออกกลางคันเมื่อ {day.isoformat()} และยังไม่ได้รับการติดตามภายใน "
        f"{days} วัน กรุณาติดตามและบันทึกผลการติดตาม",
        observed=day,
        expected=f"a follow-up by {deadline.isoformat()}",
    )


@rule(
    "S009",
    WARNING,
    Target.STUDENT,
    title_en="Online exam before readiness and before the curriculum was finished",
    title_th="สอบออนไลน์ก่อนแจ้งความพร้อมและก่อนเรียนครบหลักสูตร",
    checks="Each online exam is taken on or after the day the student declared readiness, or "
    "after the curriculum was completed.",
    why="Programme policy 1.2: online exams are taken when the student feels ready, or once "
    "the online curriculum is done (sample printout 1.4).",
    fix="Record the readiness date, or correct the exam date or the lessons completed.",
)
def s009(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    online = s.pathway.online if s.pathway is not None else None
    if online is None or online.curriculum_completed:
        return
    ready = online.ready_on
    for i, exam in enumerate(online.exams):
        if ready is None or exam.date < ready:
            when = "no readiness was declared" if ready is None else f"readiness {ready}"
            when_th = (
                "ยังไม่ได้แจ้งความพร้อม" if ready is None else f"แจ้งความพร้อมเมื่อ {ready.isoformat()}"
            )
            yield r.finding(
                f"pathway.online.exams[{i}].date",
                f"online exam {i} on {exam.date.isoformat()} came before readiness ({when}) "
                f"and before the curriculum was finished ({online.lessons_completed} of "
                f"{online.lessons_total} lessons); record the readiness date or correct the exam",
                f"การสอบออนไลน์ครั้งที่ {i + 1} เมื่อ {exam.date.isoformat()} เกิดก่อนนักเรียน"
                f"แจ้งความพร้อม ({when_th}) และก่อนเรียนครบหลักสูตร ({online.lessons_completed} "
                f"จาก {online.lessons_total} บทเรียน) กรุณาบันทึกวันที่แจ้งความพร้อมหรือแก้ไขการสอบ",
                observed=exam.date,
                expected="on or after the readiness date",
            )


@rule(
    "S010",
    WARNING,
    Target.STUDENT,
    title_en="Follow-up-only student not visited within the interval",
    title_th="นักเรียนกลุ่มติดตามเป็นระยะไม่ได้รับการติดตามตามรอบ",
    checks="A student on the follow-up-only pathway is followed up at least every "
    "RuleConfig.follow_up_interval_days, from the pathway decision (or the dropout) to the "
    "latest follow-up, and on to as_of when given.",
    why="Programme policy 1.3: when student and family decide not to return, the Education "
    "Office follows the student up periodically (sample printout 1.4).",
    fix="Visit or call the student and record the follow-up.",
)
def s010(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    pathway = s.pathway
    if pathway is None or pathway.kind is not PathwayKind.FOLLOW_UP_ONLY:
        return
    start = pathway.decided_on if pathway.decided_on is not None else s.dropout_date
    ups = s.follow_ups
    order = sorted(
        (i for i in range(len(ups)) if start is None or ups[i].date >= start),
        key=lambda i: ups[i].date,
    )
    limit = env.config.follow_up_interval_days
    prev = start
    marks: list[tuple[str, _dt.date]] = [(f"follow_ups[{i}].date", ups[i].date) for i in order]
    if env.as_of is not None:
        marks.append(("follow_ups", env.as_of))
    for path, day in marks:
        if prev is not None and (day - prev).days > limit:
            yield r.finding(
                path,
                f"no follow-up for {(day - prev).days} days ({prev.isoformat()} – "
                f"{day.isoformat()}), longer than every {limit} days; visit the student and "
                "record it",
                f"ไม่มีการติดตามเป็นเวลา {(day - prev).days} วัน ({prev.isoformat()} – "
                f"{day.isoformat()}) เกินรอบ {limit} วัน กรุณาติดตามนักเรียนและบันทึกผล",
                observed=(day - prev).days,
                expected=f"at most {limit}",
            )
        prev = day if prev is None else max(prev, day)


def _future_dates(s: Student) -> Iterator[tuple[str, _dt.date | None, _dt.date]]:
    """(path, shown value, date) of every event date of a student; birth is never shown."""
    if s.birth_date is not None:
        yield "birth_date", None, s.birth_date
    for i, e in enumerate(s.enrollments):
        yield f"enrollments[{i}].entry_date", e.entry_date, e.entry_date
        if e.exit_date is not None:
            yield f"enrollments[{i}].exit_date", e.exit_date, e.exit_date
    p = s.pathway
    if p is not None:
        if p.decided_on is not None:
            yield "pathway.decided_on", p.decided_on, p.decided_on
        if p.online is not None:
            if p.online.ready_on is not None:
                yield "pathway.online.ready_on", p.online.ready_on, p.online.ready_on
            for i, x in enumerate(p.online.exams):
                yield f"pathway.online.exams[{i}].date", x.date, x.date
    for i, f in enumerate(s.follow_ups):
        yield f"follow_ups[{i}].date", f.date, f.date


@rule(
    "S011",
    ERROR,
    Target.STUDENT,
    title_en="Student record dated in the future",
    title_th="ข้อมูลนักเรียนลงวันที่ในอนาคต",
    checks="No birth, entry, exit, pathway decision, readiness, exam or follow-up date is after "
    "as_of. Runs only when validate() is given as_of.",
    why="These record what happened; a future date is a typing error, often a BE year entered "
    "as CE or the reverse (IATI rule 11.1.4: actual dates not in the future).",
    fix="Correct the date (check the BE/CE year).",
    needs="as_of",
)
def s011(r: Rule, s: Student, env: Env) -> Iterator[Finding]:
    as_of = env.as_of
    if as_of is None:
        return
    for path, shown, day in _future_dates(s):
        if day > as_of:
            yield r.finding(
                path,
                f"{path} is after {as_of.isoformat()}; correct the date (check the BE/CE year)",
                f"วันที่ใน {path} อยู่หลังวันที่ {as_of.isoformat()} กรุณาแก้ไขวันที่ (ตรวจสอบปี พ.ศ./ค.ศ.)",
                observed=shown,
                expected=f"on or before {as_of.isoformat()}",
            )


STUDENT_RULES: tuple[Rule, ...] = (
    s001,
    s002,
    s003,
    s004,
    s005,
    s006,
    s007,
    s008,
    s009,
    s010,
    s011,
)
