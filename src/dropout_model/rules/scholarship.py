"""Rules on financial support (F): amounts, eligibility, duplicates, conditions.

F001, F006 and F007 need only the scholarship; F002, F004 and F005 look up the
student and assessments in the :class:`~dropout_model.caseload.Caseload`;
F003 compares the scholarships of a caseload with each other, through a
dictionary (linear time).
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from dropout_model.findings import Severity
from dropout_model.risk import RiskAssessment, RiskLevel, derive_risk_level
from dropout_model.rules._core import Rule, Target, academic_year_start, rule
from dropout_model.rules.student import ever_dropped_out, exit_facts
from dropout_model.scholarship import Scholarship, ScholarshipKind, ScholarshipStatus
from dropout_model.student import ExitReason

if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Iterator

    from dropout_model.caseload import Caseload
    from dropout_model.findings import Finding
    from dropout_model.rules._core import Env
    from dropout_model.student import Student

__all__ = ["SCHOLARSHIP_CASELOAD_RULES", "SCHOLARSHIP_RULES"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_CANCELLED = ScholarshipStatus.CANCELLED


def _student(sch: Scholarship, env: Env) -> Student | None:
    return env.caseload.student(sch.student_key) if env.caseload is not None else None


def _reference_day(sch: Scholarship, env: Env) -> _dt.date | None:
    """The award date, else the first day of the award's academic year."""
    if sch.awarded_on is not None:
        return sch.awarded_on
    return academic_year_start(sch.academic_year, env.config.calendar)


@rule(
    "F001",
    WARNING,
    Target.SCHOLARSHIP,
    title_en="Amount above the rate table",
    title_th="จำนวนเงินสูงกว่าอัตราที่กำหนด",
    checks="The amount is at most the rate in RuleConfig.rates for the kind, the student's grade "
    "(in a caseload; otherwise the highest rate of any grade) and the academic year; a one-term "
    "award at most RuleConfig.term_share of it. Kinds and grades without a rate are not checked.",
    why="BMA with EEF (September 2022): kindergarten 4,000 baht and P1–M3 3,000 baht a year, "
    "from academic year 2565 (DESIGN §4, Support); amounts change, so the table is dated.",
    fix="Correct the amount, or add the new rate to RuleConfig.rates with its valid-from date.",
)
def f001(r: Rule, sch: Scholarship, env: Env) -> Iterator[Finding]:
    student = _student(sch, env)
    grade = student.grade if student is not None else None
    key = ("F001 rate", sch.kind, grade, sch.academic_year)
    if key in env.memo:  # a caseload has few kinds, grades and years: look each up once
        rate = cast("Decimal | None", env.memo[key])
    else:
        day = academic_year_start(sch.academic_year, env.config.calendar)
        rate = None if day is None else env.config.rate_for(sch.kind, grade, day)
        env.memo[key] = rate
    if rate is None:
        return
    cap = rate if sch.term is None else rate * env.config.term_share
    if cap == cap.to_integral_value():  # 1500.0 reads as 1500 baht
        cap = cap.quantize(Decimal(1))
    if sch.amount > cap:
        per = "a year" if sch.term is None else f"for term {sch.term}"
        per_th = "ต่อปี" if sch.term is None else f"สำหรับภาคเรียนที่ {sch.term}"
        band = f" in {grade.value}" if grade is not None else ""
        yield r.finding(
            "amount",
            f"{sch.amount} baht is above the rate of {cap} baht {per} for {sch.kind.value}{band} "
            f"in {sch.academic_year.label_en}; correct the amount or update the rate table",
            f"จำนวนเงิน {sch.amount} บาท สูงกว่าอัตรา {cap} บาท{per_th}ของ{sch.kind.label_th} "
            f"ใน{sch.academic_year.label_th} กรุณาแก้ไขจำนวนเงินหรือปรับตารางอัตรา",
            observed=sch.amount,
            expected=f"at most {cap}",
        )


def _level(a: RiskAssessment, env: Env) -> RiskLevel:
    return a.level if a.level is not None else derive_risk_level(a, env.config.risk)


@rule(
    "F002",
    ERROR,
    Target.SCHOLARSHIP,
    title_en="Recipient neither assessed at risk nor dropped out",
    title_th="ผู้รับทุนไม่ได้ผ่านการคัดกรองว่าเสี่ยงและไม่ได้ออกกลางคัน",
    checks="The recipient has an assessment at risk or problem (recorded, else derived) dated "
    "on or before the award date, or dropped out (dropout exit, or status dropped out, "
    "returned or long-absent). Cancelled awards are not checked.",
    why="Programme policy 2: support goes to students identified at risk, and policy 1 to those "
    "who dropped out (sample printout 1.4).",
    fix="Record the screening the award rests on, or review the award.",
    needs="a caseload",
)
def f002(r: Rule, sch: Scholarship, env: Env) -> Iterator[Finding]:
    cl = env.caseload
    if cl is None or sch.status is _CANCELLED:
        return
    student = cl.student(sch.student_key)
    if student is None or ever_dropped_out(student):
        return
    day = _reference_day(sch, env)
    first = _first_at_risk(sch.student_key, cl, env)
    if first is not None and (day is None or first <= day):
        return
    when = f" on or before {day.isoformat()}" if day is not None else ""
    when_th = f" ณ วันที่ {day.isoformat()} หรือก่อนหน้า" if day is not None else ""
    yield r.finding(
        "student_key",
        f"the recipient has no assessment at risk{when} and did not drop out; record the "
        "screening the award rests on, or review the award",
        f"ผู้รับทุนไม่มีผลการคัดกรองว่าเสี่ยง{when_th} และไม่ได้ออกกลางคัน "
        "กรุณาบันทึกผลการคัดกรองที่ใช้พิจารณาให้ทุน หรือทบทวนการให้ทุน",
        observed="no at-risk assessment, no dropout",
        expected="an at-risk assessment or a dropout",
    )


def _first_at_risk(student_key: str, cl: Caseload, env: Env) -> _dt.date | None:
    """The date of the student's first assessment at risk or worse, once per student and run."""
    key = ("F002 first at risk", student_key)
    if key not in env.memo:
        dates = [
            a.date for a in cl.assessments_of(student_key) if _level(a, env) >= RiskLevel.AT_RISK
        ]
        env.memo[key] = min(dates, default=None)
    return cast("_dt.date | None", env.memo[key])


def _terms(sch: Scholarship) -> tuple[int, ...]:
    return (1, 2) if sch.term is None else (sch.term,)


@rule(
    "F003",
    ERROR,
    Target.CASELOAD,
    title_en="Two scholarships of one kind in one term",
    title_th="ได้รับทุนประเภทเดียวกันซ้ำในภาคเรียนเดียวกัน",
    checks="A student has at most one (not cancelled) scholarship of each kind per term; a "
    "whole-year award covers both terms.",
    why="One award per student, kind and term (EEF equity grant rules; the programme counts "
    "recipients, not awards); a second one is a double payment.",
    fix="Cancel or merge the duplicate award.",
    needs="a caseload",
)
def f003(r: Rule, cl: Caseload, env: Env) -> Iterator[Finding]:
    seen: dict[tuple[str, ScholarshipKind, int, int], int] = {}
    for i, sch in enumerate(cl.scholarships):
        if sch.status is _CANCELLED:
            continue
        first: int | None = None
        for term in _terms(sch):
            key = (sch.student_key, sch.kind, sch.academic_year.be_year, term)
            held = seen.setdefault(key, i)
            if held != i and first is None:
                first = held
        if first is not None:
            other = cl.scholarships[first]
            yield r.finding(
                f"scholarships[{i}]",
                f"scholarship {sch.key!r} repeats {sch.kind.value} for the same student in "
                f"{sch.academic_year.label_en} (see scholarship {other.key!r}); cancel or "
                "merge the duplicate",
                f"ทุน {sch.key!r} เป็น{sch.kind.label_th}ซ้ำสำหรับนักเรียนคนเดียวกันใน"
                f"{sch.academic_year.label_th} (ซ้ำกับทุน {other.key!r}) "
                "กรุณายกเลิกหรือรวมรายการที่ซ้ำ",
                observed=f"also scholarships[{first}]",
                expected="one per student, kind and term",
                subject=sch.student_key,
            )


def _basis(sch: Scholarship, cl: Caseload, env: Env) -> RiskAssessment | None:
    """The assessment the award rests on: its assessment key, else the latest before the award.

    The caseload looks keys up in O(1); per student, the assessments with an
    income are put in date order once per run, so the cost stays linear.
    """
    if sch.assessment_key is not None:
        named = cl.assessment(sch.assessment_key)
        if named is not None and named.student_key == sch.student_key:
            return named
    key = ("F004 incomes", sch.student_key)
    entry = cast("tuple[list[_dt.date], list[RiskAssessment]] | None", env.memo.get(key))
    if entry is None:
        ordered = sorted(
            (a for a in cl.assessments_of(sch.student_key) if a.income_per_person is not None),
            key=lambda a: a.date,
        )
        entry = env.memo[key] = ([a.date for a in ordered], ordered)
    dates, ordered = entry
    if sch.awarded_on is None:
        return ordered[-1] if ordered else None
    at = bisect.bisect_right(dates, sch.awarded_on)
    return ordered[at - 1] if at else None


@rule(
    "F004",
    WARNING,
    Target.SCHOLARSHIP,
    title_en="Equity grant above the income line",
    title_th="ทุนเสมอภาคแก่ครัวเรือนที่มีรายได้เกินเกณฑ์",
    checks="For the kinds in RuleConfig.income_line_kinds (the EEF equity grant), the household "
    "income per person in the assessment the award rests on (its assessment key, else the "
    "latest before the award) is at most RuleConfig.income_line a month.",
    why="EEF equity grant (ทุนเสมอภาค): household income at most 3,000 baht per person per month "
    "by the proxy-means test (DESIGN §4, Support).",
    fix="Check the household income in the screening (form นร.01), or review the award.",
    needs="a caseload",
)
def f004(r: Rule, sch: Scholarship, env: Env) -> Iterator[Finding]:
    cl = env.caseload
    if cl is None or sch.status is _CANCELLED or sch.kind not in env.config.income_line_kinds:
        return
    basis = _basis(sch, cl, env)
    if basis is None or basis.income_per_person is None:
        return
    line = env.config.income_line
    if basis.income_per_person > line:
        yield r.finding(
            "kind",
            f"the household income per person in assessment {basis.key!r} is above the line "
            f"of {line} baht a month for {sch.kind.value}; check the income or review the award",
            f"รายได้ครัวเรือนต่อคนในผลการคัดกรอง {basis.key!r} สูงกว่าเกณฑ์ {line} บาทต่อเดือน"
            f"ของ{sch.kind.label_th} กรุณาตรวจสอบรายได้หรือทบทวนการให้ทุน",
            observed="above the income line",
            expected=f"at most {line} a month",
        )


@rule(
    "F005",
    ERROR,
    Target.SCHOLARSHIP,
    title_en="Award after death or completion",
    title_th="ให้ทุนหลังนักเรียนเสียชีวิตหรือจบการศึกษา",
    checks="The award date is not after the student's death or completion (a final exit with "
    "no later enrollment), and no disbursement is dated after the death. Cancelled awards "
    "are not checked.",
    why="Support keeps a student in school; it cannot go to a student who died or completed "
    "(OBEC roll-removal grounds: death, completion).",
    fix="Cancel the award and recover any payment, or correct the student key or dates.",
    needs="a caseload",
)
def f005(r: Rule, sch: Scholarship, env: Env) -> Iterator[Finding]:
    if sch.status is _CANCELLED or (student := _student(sch, env)) is None:
        return
    death, gone = exit_facts(student, env)
    completed = (
        gone.exit_date if gone is not None and gone.exit_reason is ExitReason.COMPLETED else None
    )
    day = sch.awarded_on
    if day is not None and death is not None and day > death:
        yield r.finding(
            "awarded_on",
            f"the award is dated {day.isoformat()}, after the student's death "
            f"({death.isoformat()}); cancel the award or correct the student key",
            f"ให้ทุนเมื่อ {day.isoformat()} หลังวันที่นักเรียนเสียชีวิต ({death.isoformat()}) "
            "กรุณายกเลิกทุนหรือแก้ไขรหัสนักเรียน",
            observed=day,
            expected=f"on or before {death.isoformat()}",
        )
    elif day is not None and completed is not None and day > completed:
        yield r.finding(
            "awarded_on",
            f"the award is dated {day.isoformat()}, after the student completed school "
            f"({completed.isoformat()}); cancel the award or correct the student key",
            f"ให้ทุนเมื่อ {day.isoformat()} หลังนักเรียนจบการศึกษา ({completed.isoformat()}) "
            "กรุณายกเลิกทุนหรือแก้ไขรหัสนักเรียน",
            observed=day,
            expected=f"on or before {completed.isoformat()}",
        )
    if death is not None:
        for i, d in enumerate(sch.disbursements):
            if d.date > death:
                yield r.finding(
                    f"disbursements[{i}].date",
                    f"a payment is dated {d.date.isoformat()}, after the student's death "
                    f"({death.isoformat()}); stop payment and recover it",
                    f"มีการจ่ายเงินเมื่อ {d.date.isoformat()} หลังวันที่นักเรียนเสียชีวิต "
                    f"({death.isoformat()}) กรุณาระงับการจ่ายและเรียกคืน",
                    observed=d.date,
                    expected=f"on or before {death.isoformat()}",
                )


@rule(
    "F006",
    WARNING,
    Target.SCHOLARSHIP,
    title_en="Payment while attendance is below the condition",
    title_th="จ่ายเงินทั้งที่อัตราการมาเรียนต่ำกว่าเงื่อนไข",
    checks="For the kinds in RuleConfig.attendance_condition_kinds (the EEF equity grant), "
    "every disbursement records an attendance of at least RuleConfig.attendance_condition "
    "percent.",
    why="The EEF equity grant is a conditional cash transfer: it continues only while the "
    "student attends at least 80% of school days (DESIGN §4, Support).",
    fix="Suspend the grant until attendance recovers, or correct the attendance recorded.",
)
def f006(r: Rule, sch: Scholarship, env: Env) -> Iterator[Finding]:
    if sch.kind not in env.config.attendance_condition_kinds:
        return
    need = env.config.attendance_condition
    for i, d in enumerate(sch.disbursements):
        if d.attendance is not None and d.attendance < need:
            yield r.finding(
                f"disbursements[{i}].attendance",
                f"a payment on {d.date.isoformat()} was made with {d.attendance}% attendance, "
                f"below the {need}% condition of {sch.kind.value}; suspend the grant or correct "
                "the attendance",
                f"มีการจ่ายเงินเมื่อ {d.date.isoformat()} ขณะที่อัตราการมาเรียนเป็น {d.attendance}% "
                f"ต่ำกว่าเงื่อนไข {need}% ของ{sch.kind.label_th} "
                "กรุณาระงับทุนหรือแก้ไขอัตราการมาเรียน",
                observed=d.attendance,
                expected=f"at least {need}",
            )


@rule(
    "F007",
    ERROR,
    Target.SCHOLARSHIP,
    title_en="Award or payment dated in the future",
    title_th="การให้ทุนหรือการจ่ายเงินลงวันที่ในอนาคต",
    checks="Neither the award date nor any disbursement date is after as_of. Runs only when "
    "validate() is given as_of.",
    why="An award or payment records what was done; a future date is a typing error (IATI "
    "rule 11.2.1: transaction dates not in the future).",
    fix="Correct the date (check the BE/CE year).",
    needs="as_of",
)
def f007(r: Rule, sch: Scholarship, env: Env) -> Iterator[Finding]:
    as_of = env.as_of
    if as_of is None:
        return
    dates = [("awarded_on", sch.awarded_on)] + [
        (f"disbursements[{i}].date", d.date) for i, d in enumerate(sch.disbursements)
    ]
    for path, day in dates:
        if day is not None and day > as_of:
            yield r.finding(
                path,
                f"{path} is {day.isoformat()}, after {as_of.isoformat()}; correct the date "
                "(check the BE/CE year)",
                f"วันที่ใน {path} ({day.isoformat()}) อยู่หลังวันที่ {as_of.isoformat()} "
                "กรุณาแก้ไขวันที่ (ตรวจสอบปี พ.ศ./ค.ศ.)",
                observed=day,
                expected=f"on or before {as_of.isoformat()}",
            )


SCHOLARSHIP_RULES: tuple[Rule, ...] = (f001, f002, f004, f005, f006, f007)
SCHOLARSHIP_CASELOAD_RULES: tuple[Rule, ...] = (f003,)
