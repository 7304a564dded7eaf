"""Rules on a risk assessment (A).

A002 compares the assessment with its student, so it runs only inside a
:class:`~dropout_model.caseload.Caseload`; the others need only the assessment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dropout_model.findings import Severity
from dropout_model.risk import RiskAssessment, derive_risk_level
from dropout_model.rules._core import Rule, Target, rule
from dropout_model.rules.student import exit_facts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dropout_model.findings import Finding
    from dropout_model.rules._core import Env

__all__ = ["ASSESSMENT_RULES"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@rule(
    "A001",
    ERROR,
    Target.ASSESSMENT,
    title_en="Days absent above days enrolled",
    title_th="จำนวนวันขาดเรียนมากกว่าจำนวนวันเรียนทั้งหมด",
    checks="Days absent are at most days enrolled.",
    why="Attendance rate = (enrolled − absent) / enrolled (Ed-Fi Analytics Middle Tier "
    "early-warning indicators); absences cannot exceed the school days counted.",
    fix="Check both counts against the attendance register for the same period.",
)
def a001(r: Rule, a: RiskAssessment, env: Env) -> Iterator[Finding]:
    enrolled, absent = a.days_enrolled, a.days_absent
    if enrolled is not None and absent is not None and absent > enrolled:
        yield r.finding(
            "days_absent",
            f"{absent} days absent out of {enrolled} days enrolled; check both counts against "
            "the attendance register",
            f"จำนวนวันขาดเรียน {absent} วัน มากกว่าจำนวนวันเรียนทั้งหมด {enrolled} วัน "
            "กรุณาตรวจสอบกับบัญชีเรียกชื่อ",
            observed=absent,
            expected=f"at most {enrolled}",
        )


@rule(
    "A002",
    ERROR,
    Target.ASSESSMENT,
    title_en="Assessment after death or final exit, or before birth",
    title_th="การคัดกรองลงวันที่หลังเสียชีวิตหรือจำหน่ายออก หรือก่อนวันเกิด",
    checks="The assessment is dated on or before the student's death and final exit "
    "(completion or over age, with no later enrollment), and on or after the birth date.",
    why="A screening (การคัดกรอง) observes a living student in school (OBEC student-care "
    "system); other dates point at the wrong student or date.",
    fix="Correct the assessment date or its student key.",
    needs="a caseload",
)
def a002(r: Rule, a: RiskAssessment, env: Env) -> Iterator[Finding]:
    s = env.caseload.student(a.student_key) if env.caseload is not None else None
    if s is None:
        return
    death, gone = exit_facts(s, env)
    if death is not None and a.date > death:
        yield r.finding(
            "date",
            f"the assessment is dated {a.date.isoformat()}, after the student's death "
            f"({death.isoformat()}); correct the date or the student key",
            f"การคัดกรองลงวันที่ {a.date.isoformat()} หลังวันที่นักเรียนเสียชีวิต "
            f"({death.isoformat()}) กรุณาแก้ไขวันที่หรือรหัสนักเรียน",
            observed=a.date,
            expected=f"on or before {death.isoformat()}",
        )
    elif gone is not None and gone.exit_date is not None and a.date > gone.exit_date:
        left = gone.exit_date
        reason = gone.exit_reason
        assert reason is not None
        yield r.finding(
            "date",
            f"the assessment is dated {a.date.isoformat()}, after the student left school for "
            f"good ({reason.value}, {left.isoformat()}); correct the date or the student key",
            f"การคัดกรองลงวันที่ {a.date.isoformat()} หลังนักเรียนจำหน่ายออก "
            f"({reason.label_th} {left.isoformat()}) กรุณาแก้ไขวันที่หรือรหัสนักเรียน",
            observed=a.date,
            expected=f"on or before {left.isoformat()}",
        )
    if s.birth_date is not None and a.date < s.birth_date:
        yield r.finding(
            "date",
            f"the assessment is dated {a.date.isoformat()}, before the student's birth date; "
            "correct the date or the student key",
            f"การคัดกรองลงวันที่ {a.date.isoformat()} ก่อนวันเกิดของนักเรียน กรุณาแก้ไขวันที่หรือรหัสนักเรียน",
            observed=a.date,
            expected="on or after the birth date",
        )


@rule(
    "A003",
    WARNING,
    Target.ASSESSMENT,
    title_en="Recorded risk level differs from the indicators",
    title_th="ระดับความเสี่ยงที่บันทึกไม่ตรงกับตัวชี้วัด",
    checks="The recorded level (ปกติ/เสี่ยง/มีปัญหา) equals the level derived from attendance, "
    "behaviour, failing courses, long absence and risk factors under RuleConfig.risk.",
    why="Early-warning indicators (Balfanz ABC; Ed-Fi Analytics Middle Tier thresholds: "
    "attendance below 80% at risk, below 88% early warning); see "
    "dropout_model.risk.RiskThresholds.",
    fix="Record the derived level, or correct the indicator that is wrong.",
)
def a003(r: Rule, a: RiskAssessment, env: Env) -> Iterator[Finding]:
    if a.level is None:
        return
    derived = derive_risk_level(a, env.config.risk)
    if derived is not a.level:
        yield r.finding(
            "level",
            f"the recorded risk level is {a.level.value} but the indicators give "
            f"{derived.value}; record the derived level or correct the indicators",
            f"ระดับความเสี่ยงที่บันทึกคือ{a.level.label_th} แต่ตัวชี้วัดบ่งชี้ระดับ"
            f"{derived.label_th} กรุณาบันทึกระดับให้ตรงหรือแก้ไขตัวชี้วัด",
            observed=a.level.value,
            expected=derived.value,
        )


@rule(
    "A004",
    ERROR,
    Target.ASSESSMENT,
    title_en="Assessment dated in the future",
    title_th="การคัดกรองลงวันที่ในอนาคต",
    checks="The assessment date is not after as_of. Runs only when validate() is given as_of.",
    why="A screening records what was observed; a future date is a typing error (IATI rule "
    "11.1.4: actual dates not in the future).",
    fix="Correct the date (check the BE/CE year).",
    needs="as_of",
)
def a004(r: Rule, a: RiskAssessment, env: Env) -> Iterator[Finding]:
    if env.as_of is not None and a.date > env.as_of:
        yield r.finding(
            "date",
            f"the assessment is dated {a.date.isoformat()}, after {env.as_of.isoformat()}; "
            "correct the date (check the BE/CE year)",
            f"การคัดกรองลงวันที่ {a.date.isoformat()} เลยวันที่ {env.as_of.isoformat()} "
            "กรุณาแก้ไขวันที่ (ตรวจสอบปี พ.ศ./ค.ศ.)",
            observed=a.date,
            expected=f"on or before {env.as_of.isoformat()}",
        )


ASSESSMENT_RULES: tuple[Rule, ...] = (a001, a002, a003, a004)
