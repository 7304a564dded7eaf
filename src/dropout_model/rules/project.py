"""Rules on a project (P) and its progress reports (R).

Project rules look at one :class:`~dropout_model.project.Project`; report rules
look at its reports, or at a sequence of
:class:`~dropout_model.project.ProgressReport` given on its own, with the project
as optional context (rules that compare with the project's dates then need it).
Paths of report findings are relative to the sequence: ``[3].date``, which
becomes ``reports[3].date`` when a project is validated.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from dropout_model.findings import Severity
from dropout_model.project import Agency, PlanStatus, ProgressReport, Project
from dropout_model.rules._core import (
    Rule,
    Target,
    add_days,
    clip,
    dec_sum,
    fiscal_year_of,
    fiscal_year_span,
    rule,
)
from dropout_model.rules.config import PROJECT_FIELD_LABELS_TH
from dropout_model.thaitext import normalize

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from dropout_model.findings import Finding
    from dropout_model.rules._core import Env
    from dropout_model.rules.config import RuleConfig
    from dropout_model.thaidate import FiscalYear

__all__ = ["PROJECT_RULES", "REPORT_RULES"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_FORM = "the printed form แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ"
_HUNDRED = Decimal(100)

#: What R002 and R003 compare: report dates and cumulative progress.
_V = TypeVar("_V", _dt.date, Decimal)


def _fy_text(fy: FiscalYear, span: tuple[_dt.date, _dt.date]) -> str:
    return f"{fy} ({span[0].isoformat()} – {span[1].isoformat()})"


def _project_fy(p: Project) -> FiscalYear | None:
    if p.fiscal_year is not None:
        return p.fiscal_year
    return fiscal_year_of(p.start) if p.start is not None else None


# --- P: the project ------------------------------------------------------------------------------


@rule(
    "P001",
    ERROR,
    Target.PROJECT,
    title_en="Malformed project code",
    title_th="รหัสโครงการผิดรูปแบบ",
    checks="The project code is 8 digits, a hyphen and 4 digits: the agency code and a serial "
    "(50490000-3632).",
    why="BMA monitoring system (สยป.): a project code is the 8-digit agency code and a running "
    "number (DESIGN §4, Identifiers).",
    fix="Copy the code from the monitoring system: ASCII digits, one hyphen, no spaces.",
)
def p001(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    if p.project_code is None:
        yield r.finding(
            "code",
            "the project code is not 8 digits, a hyphen and 4 digits; "
            "copy it from the monitoring system in the form 50490000-3632",
            "รหัสโครงการไม่อยู่ในรูปแบบตัวเลข 8 หลัก ขีด และตัวเลข 4 หลัก "
            "กรุณาคัดลอกรหัสจากระบบติดตามโครงการ เช่น 50490000-3632",
            observed=clip(p.code),
            expected="dddddddd-dddd",
        )


@rule(
    "P002",
    ERROR,
    Target.PROJECT,
    title_en="Project ends before it starts",
    title_th="วันสิ้นสุดโครงการอยู่ก่อนวันเริ่มต้น",
    checks="The end date is on or after the start date.",
    why="A period cannot end before it begins (IATI rule 11.1.2: start before end); the city's "
    "own sample printout 50490000-3632 has end 2022-09-30 before start 2022-10-01.",
    fix="Correct the start or the end date in the monitoring system; often the end date was "
    "entered a year early.",
)
def p002(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    if p.start is not None and p.end is not None and p.end < p.start:
        yield r.finding(
            "end",
            f"the project ends ({p.end.isoformat()}) before it starts ({p.start.isoformat()}); "
            "correct the start or the end date",
            f"วันสิ้นสุดโครงการ ({p.end.isoformat()}) อยู่ก่อนวันเริ่มต้น ({p.start.isoformat()}) "
            "กรุณาแก้ไขวันเริ่มต้นหรือวันสิ้นสุดให้ถูกต้อง",
            observed=p.end,
            expected=f"on or after {p.start.isoformat()}",
        )


@rule(
    "P003",
    WARNING,
    Target.PROJECT,
    title_en="Project period outside its fiscal year",
    title_th="ระยะเวลาโครงการอยู่นอกปีงบประมาณ",
    checks="Start and end lie in the project's fiscal year (its fiscal-year field, else the "
    "fiscal year of its start).",
    why="BMA projects are annual budget projects; fiscal year N runs 1 October (CE N−544) to "
    "30 September (CE N−543) [Budget Procedure Act BE 2561 s.4].",
    fix="Correct the date, or the fiscal year if the project belongs to another year; a project "
    "that truly spans years should be split per fiscal year.",
)
def p003(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    fy = _project_fy(p)
    if fy is None or (span := fiscal_year_span(fy)) is None:
        return
    for name, day in (("start", p.start), ("end", p.end)):
        if day is not None and not span[0] <= day <= span[1]:
            where_th = "วันเริ่มต้น" if name == "start" else "วันสิ้นสุด"
            yield r.finding(
                name,
                f"the project {name} date {day.isoformat()} is outside {_fy_text(fy, span)}; "
                "correct the date or the fiscal year",
                f"{where_th}โครงการ {day.isoformat()} อยู่นอก{fy.label_th} "
                f"({span[0].isoformat()} – {span[1].isoformat()}) "
                "กรุณาแก้ไขวันที่หรือปีงบประมาณให้ถูกต้อง",
                observed=day,
                expected=f"within {_fy_text(fy, span)}",
            )


@rule(
    "P004",
    ERROR,
    Target.PROJECT,
    title_en="Budget spent above budget allocated",
    title_th="งบประมาณที่ใช้ไปเกินงบประมาณที่ได้รับ",
    checks="Budget spent is at most the budget allocated.",
    why="An agency cannot spend more than its allocation (Budget Procedure Act BE 2561); "
    "IATI checks budgets and transactions likewise.",
    fix="Check both amounts in the monitoring system; record a budget transfer as a new "
    "allocation.",
)
def p004(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    spent, allocated = p.budget_spent, p.budget_allocated
    if spent is not None and allocated is not None and spent > allocated:
        yield r.finding(
            "budget_spent",
            f"budget spent ({spent} baht) is above the budget allocated ({allocated} baht); "
            "check both amounts",
            f"งบประมาณที่ใช้ไป ({spent} บาท) มากกว่างบประมาณที่ได้รับ ({allocated} บาท) "
            "กรุณาตรวจสอบตัวเลขทั้งสอง",
            observed=spent,
            expected=f"at most {allocated}",
        )


@rule(
    "P005",
    ERROR,
    Target.PROJECT,
    title_en="Report disbursements do not add up to the budget spent",
    title_th="ผลรวมงบประมาณที่เบิกใช้ในรายงานไม่เท่ากับงบประมาณที่ใช้ไป",
    checks="The disbursements of the progress reports add up to the budget spent. When some "
    "reports give no amount, only a sum above the budget spent is reported.",
    why="In the BMA monitoring system each report gives the budget disbursed in that report "
    "alone (งบประมาณที่เบิกใช้ ครั้งที่ n), so their sum is the budget spent (" + _FORM + ").",
    fix="Correct the disbursement of the report that is wrong, or the budget spent.",
)
def p005(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    spent = p.budget_spent
    if spent is None or not p.reports:
        return
    known = [x.disbursed for x in p.reports if x.disbursed is not None]
    if not known:
        return
    total = dec_sum(known)
    complete = len(known) == len(p.reports)
    if total > spent or (complete and total != spent):
        yield r.finding(
            "budget_spent",
            f"the report disbursements add up to {total} baht but the budget spent is "
            f"{spent} baht; correct the report that is wrong or the budget spent",
            f"ผลรวมงบประมาณที่เบิกใช้ในรายงานเป็น {total} บาท แต่งบประมาณที่ใช้ไปเป็น {spent} บาท "
            "กรุณาแก้ไขรายงานที่ผิดหรืองบประมาณที่ใช้ไป",
            observed=total,
            expected=spent,
        )


def _empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not normalize(value).strip()
    if isinstance(value, Agency):
        return not any(normalize(u).strip() for u in value.units)
    return False


@rule(
    "P006",
    WARNING,
    Target.PROJECT,
    title_en="Required field empty",
    title_th="ไม่ได้กรอกข้อมูลที่จำเป็น",
    checks="The fields listed in RuleConfig.required_project_fields (code, name, fiscal year, "
    "start, end, agency, responsible person, coordinator) are filled in.",
    why="Sections 1.1–1.2 of " + _FORM + " ask for each of them; the coordinator (ผู้ประสานงาน "
    "สยป.) is the contact the Strategy and Evaluation Department uses.",
    fix="Fill in the field in the monitoring system.",
)
def p006(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    for name in env.config.required_project_fields:
        if _empty(getattr(p, name)):
            label_th = PROJECT_FIELD_LABELS_TH[name]
            yield r.finding(
                name,
                f"the required field {name.replace('_', ' ')} is empty; enter it in the "
                "monitoring system",
                f"ยังไม่ได้กรอก{label_th} กรุณากรอกข้อมูลในระบบติดตามโครงการ",
                expected="a value",
            )


@rule(
    "P007",
    WARNING,
    Target.PROJECT,
    title_en="Plan alignment numbers do not nest",
    title_th="เลขยุทธศาสตร์ในแผนพัฒนาไม่สอดคล้องกัน",
    checks="The plan numbers nest: goal 7.2.2 lies under sub-strategy 7.2, which lies under "
    "strategy 7 (Thai digits allowed). The indicator is numbered on its own and not checked.",
    why="The BMA 20-year development plan numbers each level under the one above "
    "(section 1.6 of " + _FORM + ").",
    fix="Choose the strategy, sub-strategy and goal again from the plan, so that each lies "
    "under the one above.",
)
def p007(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    plan = p.plan
    if plan is None:
        return
    parent: tuple[str, tuple[int, ...]] | None = None
    for name, ref in (
        ("strategy", plan.strategy),
        ("sub_strategy", plan.sub_strategy),
        ("goal", plan.goal),
    ):
        if ref is None or not ref.number.strip():
            continue
        path = f"plan.{name}.number"
        parts = ref.parts
        if parts is None:
            yield r.finding(
                path,
                f"plan {name} number cannot be read as numbers separated by dots (such as "
                "7.2.2); write the number alone",
                "เลขในแผนพัฒนาอ่านเป็นตัวเลขคั่นด้วยจุด (เช่น ๗.๒.๒) ไม่ได้ กรุณากรอกเฉพาะตัวเลข",
                observed=clip(ref.number),
                expected="digits separated by dots",
            )
            continue
        if parent is not None:
            above, above_parts = parent
            if len(parts) <= len(above_parts) or parts[: len(above_parts)] != above_parts:
                under = ".".join(map(str, above_parts))
                yield r.finding(
                    path,
                    f"plan {name} {'.'.join(map(str, parts))} does not lie under {above} "
                    f"{under}; choose a {name} numbered {under}.n",
                    f"เลข {'.'.join(map(str, parts))} ไม่อยู่ภายใต้ {under} ในแผนพัฒนา "
                    f"กรุณาเลือกรายการที่ขึ้นต้นด้วย {under}",
                    observed=".".join(map(str, parts)),
                    expected=f"{under}.n",
                )
        parent = (name, parts)


@rule(
    "P008",
    WARNING,
    Target.PROJECT,
    title_en="Fiscal year disagrees with the start date",
    title_th="ปีงบประมาณไม่ตรงกับวันเริ่มต้นโครงการ",
    checks="The fiscal-year field is the fiscal year that contains the start date.",
    why="Fiscal year N runs 1 October (CE N−544) to 30 September (CE N−543) "
    "[Budget Procedure Act BE 2561 s.4]; FY 2566 = 2022-10-01 … 2023-09-30.",
    fix="Correct the fiscal year or the start date.",
)
def p008(r: Rule, p: Project, env: Env) -> Iterator[Finding]:
    if p.fiscal_year is None or p.start is None or p.start in p.fiscal_year:
        return
    actual = fiscal_year_of(p.start)
    if actual is None:
        return
    yield r.finding(
        "fiscal_year",
        f"the fiscal year field says {p.fiscal_year} but the start date {p.start.isoformat()} "
        f"lies in {actual}; correct the fiscal year or the start date",
        f"ปีงบประมาณที่กรอกไว้คือ {p.fiscal_year.be_year} แต่วันเริ่มต้น {p.start.isoformat()} "
        f"อยู่ใน{actual.label_th} กรุณาแก้ไขปีงบประมาณหรือวันเริ่มต้น",
        observed=p.fiscal_year.be_year,
        expected=actual.be_year,
    )


PROJECT_RULES: tuple[Rule, ...] = (p001, p002, p003, p004, p005, p006, p007, p008)


# --- R: the progress reports ---------------------------------------------------------------------


def _by_number(reports: Sequence[ProgressReport]) -> list[int]:
    """Positions of the reports in the order of their numbers (stable)."""
    return sorted(range(len(reports)), key=lambda i: reports[i].number)


def _drops(
    reports: Sequence[ProgressReport], value: Callable[[ProgressReport], _V | None]
) -> Iterator[tuple[int, _V, _V, int]]:
    """Where ``value`` goes down, in the order of the report numbers.

    Yields (position, value, the highest value before it, that report's number);
    reports without the value are passed over.
    """
    top: tuple[_V, int] | None = None
    for i in _by_number(reports):
        v = value(reports[i])
        if v is None:
            continue
        if top is not None and v < top[0]:
            yield i, v, top[0], top[1]
        else:
            top = (v, reports[i].number)


@rule(
    "R001",
    ERROR,
    Target.REPORTS,
    title_en="Report numbers not 1..n",
    title_th="ลำดับครั้งที่ของรายงานไม่เรียง 1 ถึง n",
    checks="The reports are numbered 1, 2, …, n in the order given, with no gap or repeat.",
    why="The BMA monitoring system (สยป.) numbers a project's reports consecutively "
    "(รายงานครั้งที่ n); "
    "a gap or repeat means a lost or duplicated report.",
    fix="Renumber the reports, or restore the missing report; the first bad position is reported.",
)
def r001(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    for i, report in enumerate(reports):
        if report.number != i + 1:
            yield r.finding(
                f"[{i}].number",
                f"report at position {i + 1} has number {report.number}; reports should be "
                "numbered 1, 2, 3, … in order: renumber them or restore the missing report",
                f"รายงานลำดับที่ {i + 1} มีหมายเลขครั้งที่ {report.number} "
                "รายงานควรเรียงครั้งที่ 1, 2, 3, … กรุณาเรียงหมายเลขใหม่หรือเพิ่มรายงานที่ขาดไป",
                observed=report.number,
                expected=i + 1,
            )
            return


@rule(
    "R002",
    ERROR,
    Target.REPORTS,
    title_en="Report dates not increasing",
    title_th="วันที่รายงานไม่เรียงตามลำดับ",
    checks="In the order of their numbers, no report is dated before an earlier report "
    "(two reports on one day are allowed).",
    why="The BMA monitoring system records reports one after another (IATI rule type "
    "date_order); a report dated before its predecessor has a mistyped date (often the BE "
    "year, or day and month swapped).",
    fix="Correct the report date (day/month/BE year).",
)
def r002(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    for i, day, latest, latest_number in _drops(reports, lambda rep: rep.date):
        yield r.finding(
            f"[{i}].date",
            f"report {reports[i].number} is dated {day.isoformat()}, before report "
            f"{latest_number} ({latest.isoformat()}); correct the date",
            f"รายงานครั้งที่ {reports[i].number} ลงวันที่ {day.isoformat()} ก่อนรายงานครั้งที่ "
            f"{latest_number} ({latest.isoformat()}) กรุณาแก้ไขวันที่",
            observed=day,
            expected=f"on or after {latest.isoformat()}",
        )


@rule(
    "R003",
    ERROR,
    Target.REPORTS,
    title_en="Cumulative progress decreases",
    title_th="ความก้าวหน้าสะสมลดลง",
    checks="In the order of their numbers, the cumulative progress never goes down.",
    why="The BMA monitoring system's ความก้าวหน้าของงาน is cumulative: work done cannot be "
    "undone (" + _FORM + ").",
    fix="Correct the progress of the report; if an earlier report overstated progress, "
    "correct that one.",
)
def r003(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    for i, progress, top, top_number in _drops(reports, lambda rep: rep.progress):
        yield r.finding(
            f"[{i}].progress",
            f"report {reports[i].number} gives {progress}% progress, less than the "
            f"{top}% of report {top_number}; progress is cumulative: correct it",
            f"รายงานครั้งที่ {reports[i].number} มีความก้าวหน้า {progress}% น้อยกว่า {top}% "
            f"ของรายงานครั้งที่ {top_number} ความก้าวหน้าเป็นค่าสะสม กรุณาแก้ไข",
            observed=progress,
            expected=f"at least {top}",
        )


@rule(
    "R004",
    WARNING,
    Target.REPORTS,
    title_en="Report dated outside the project period",
    title_th="วันที่รายงานอยู่นอกระยะเวลาโครงการ",
    checks="Each report is dated within [start, end + RuleConfig.report_grace_days] of its "
    "project.",
    why="The BMA monitoring system (สยป.) collects progress while the project runs; a final "
    "report may follow the end by the grace days (a programme setting).",
    fix="Correct the report date, or the project's start or end date.",
    needs="the project",
)
def r004(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    p = env.project
    if p is None or (p.start is None and p.end is None):
        return
    grace = env.config.report_grace_days
    last = add_days(p.end, grace) if p.end is not None else None
    period = f"{p.start.isoformat() if p.start else '…'} – {last.isoformat() if last else '…'}"
    for i, report in enumerate(reports):
        day = report.date
        if day is None:
            continue
        if (p.start is not None and day < p.start) or (last is not None and day > last):
            yield r.finding(
                f"[{i}].date",
                f"report {report.number} is dated {day.isoformat()}, outside the project period "
                f"with {grace} days' grace ({period}); correct the report date or the "
                "project's dates",
                f"รายงานครั้งที่ {report.number} ลงวันที่ {day.isoformat()} อยู่นอกระยะเวลาโครงการ "
                f"รวมระยะผ่อนผัน {grace} วัน ({period}) "
                "กรุณาแก้ไขวันที่รายงานหรือวันเริ่มต้น/สิ้นสุดโครงการ",
                observed=day,
                expected=f"within {period}",
            )


def _compact(text: str) -> str:
    return "".join(normalize(text).split())


def claims_completion(narrative: str, config: RuleConfig) -> bool:
    """Whether ``narrative`` says the work is finished (R005).

    A phrase counts unless a negation stands right before it; a longer phrase
    is matched before the shorter ones inside it.

    >>> from dropout_model.rules.config import RuleConfig
    >>> c = RuleConfig()
    >>> [claims_completion(t, c) for t in ("ดำเนินการแล้วเสร็จ", "ยังไม่แล้วเสร็จ", "จะ ดำเนินการแล้วเสร็จ")]
    [True, False, False]
    """
    text = _compact(narrative)
    if not text:
        return False
    negations = tuple(_compact(n) for n in config.negations)
    taken: list[tuple[int, int]] = []
    for phrase in sorted((_compact(p) for p in config.completion_phrases), key=len, reverse=True):
        at = text.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if not any(a <= at and end <= b for a, b in taken):
                taken.append((at, end))
                if not text[:at].endswith(negations):
                    return True
            at = text.find(phrase, at + 1)
    return False


@rule(
    "R005",
    WARNING,
    Target.REPORTS,
    title_en="Completion incoherent",
    title_th="สถานะการดำเนินการแล้วเสร็จไม่สอดคล้องกับความก้าวหน้า",
    checks="A report at 100% says the work is finished, and a report that says "
    '"ดำเนินการแล้วเสร็จ" (or "แล้วเสร็จ") is at 100% (narrative normalised; a negation such as '
    '"ยังไม่แล้วเสร็จ" does not count).',
    why="The final report of a finished project reads ดำเนินการแล้วเสร็จ at 100% (sample "
    "printout 50490000-3632, report 9); anything else misleads the dashboard.",
    fix="Correct the progress, or the narrative.",
)
def r005(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    for i, report in enumerate(reports):
        progress = report.progress
        if progress is None or not report.narrative.strip():
            continue
        done = claims_completion(report.narrative, env.config)
        if progress == _HUNDRED and not done:
            yield r.finding(
                f"[{i}].narrative",
                f"report {report.number} is at 100% but its narrative does not say the work is "
                "finished (ดำเนินการแล้วเสร็จ); correct the progress or the narrative",
                f"รายงานครั้งที่ {report.number} มีความก้าวหน้า 100% แต่ผลการดำเนินงานไม่ได้ระบุว่า"
                "ดำเนินการแล้วเสร็จ กรุณาแก้ไขความก้าวหน้าหรือผลการดำเนินงาน",
                observed=clip(report.narrative),
                expected="ดำเนินการแล้วเสร็จ",
            )
        elif progress < _HUNDRED and done:
            yield r.finding(
                f"[{i}].progress",
                f"report {report.number} says the work is finished but gives {progress}% "
                "progress; correct the progress or the narrative",
                f"รายงานครั้งที่ {report.number} ระบุว่าดำเนินการแล้วเสร็จ แต่ความก้าวหน้าเป็น "
                f"{progress}% กรุณาแก้ไขความก้าวหน้าหรือผลการดำเนินงาน",
                observed=progress,
                expected=_HUNDRED,
            )


@rule(
    "R006",
    INFO,
    Target.REPORTS,
    title_en="On plan, yet far from the schedule",
    title_th="รายงานว่าเป็นไปตามแผน แต่ความก้าวหน้าห่างจากกำหนดเวลา",
    checks='A report marked "on plan" (เป็นไปตามแผน) has progress within '
    "RuleConfig.schedule_variance_points of the elapsed share of [start, end] on its date. "
    "Skipped when the project ends before it starts (P002 reports that).",
    why="Schedule variance against a linear baseline, as in earned-value management; the plan "
    "status should reflect it.",
    fix="Review the plan status (ahead, on plan, behind) or the progress.",
    needs="the project",
)
def r006(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    p = env.project
    if p is None or p.start is None or p.end is None or p.end <= p.start:
        return
    span = (p.end - p.start).days
    points = env.config.schedule_variance_points
    for i, report in enumerate(reports):
        day, progress = report.date, report.progress
        if report.plan_status is not PlanStatus.ON_PLAN or day is None or progress is None:
            continue
        days = min(max((day - p.start).days, 0), span)
        elapsed = (Decimal(days * 100) / Decimal(span)).quantize(Decimal("0.1"))
        if abs(progress - elapsed) > points:
            yield r.finding(
                f"[{i}].plan_status",
                f"report {report.number} is marked on plan with {progress}% progress while "
                f"{elapsed}% of the project period has passed (more than {points} points "
                "apart); review the plan status",
                f"รายงานครั้งที่ {report.number} ระบุว่าเป็นไปตามแผน โดยมีความก้าวหน้า {progress}% "
                f"ขณะที่เวลาผ่านไปแล้ว {elapsed}% ของระยะเวลาโครงการ (ต่างกันเกิน {points} จุด) "
                "กรุณาทบทวนสถานะตามแผน",
                observed=progress,
                expected=f"{elapsed} ± {points}",
            )


@rule(
    "R007",
    WARNING,
    Target.REPORTS,
    title_en="A fiscal quarter without a report",
    title_th="ไตรมาสที่ไม่มีรายงานความก้าวหน้า",
    checks="Every quarter of the project's fiscal year (Q1 October–December …) that lies in the "
    "project period and has ended by the latest report date (or as_of) holds a report. Skipped "
    "when the project ends before it starts (P002 reports that).",
    why="The Strategy and Evaluation Department (สยป.) assesses BMA projects quarterly "
    "(สยป. ประเมินโครงการ : ไตรมาสที่ n); fiscal quarters per the Budget Procedure Act BE 2561.",
    fix="Add the missing quarterly report, or correct a report date.",
    needs="the project",
)
def r007(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    p = env.project
    if p is None:
        return
    if p.start is not None and p.end is not None and p.end < p.start:
        return
    fy = _project_fy(p)
    if fy is None or fiscal_year_span(fy) is None:
        return
    dated = [x.date for x in reports if x.date is not None]
    horizon = env.as_of if env.as_of is not None else max(dated, default=None)
    if horizon is None:
        return
    covered = {fy.quarter(d) for d in dated if d in fy}
    for q, (first, last) in enumerate(fy.quarters(), start=1):
        if last >= horizon:
            break
        if (p.start is not None and last < p.start) or (p.end is not None and first > p.end):
            continue
        if q not in covered:
            yield r.finding(
                "",
                f"no report is dated in Q{q} of {fy} ({first.isoformat()} – {last.isoformat()}); "
                "add the quarter's report or correct a report date",
                f"ไม่มีรายงานความก้าวหน้าในไตรมาสที่ {q} ของ{fy.label_th} "
                f"({first.isoformat()} – {last.isoformat()}) "
                "กรุณาเพิ่มรายงานของไตรมาสนั้นหรือแก้ไขวันที่รายงาน",
                observed=f"Q{q} {fy}: 0 reports",
                expected="at least 1 report",
            )


@rule(
    "R008",
    ERROR,
    Target.REPORTS,
    title_en="Report dated in the future",
    title_th="วันที่รายงานอยู่ในอนาคต",
    checks="No report is dated after as_of. Runs only when validate() is given as_of.",
    why="A report describes work done; a future date is a typing error (IATI rule 11.1.4: "
    "actual dates not in the future).",
    fix="Correct the report date (day/month/BE year).",
    needs="as_of",
)
def r008(r: Rule, reports: Sequence[ProgressReport], env: Env) -> Iterator[Finding]:
    as_of = env.as_of
    if as_of is None:
        return
    for i, report in enumerate(reports):
        if report.date is not None and report.date > as_of:
            yield r.finding(
                f"[{i}].date",
                f"report {report.number} is dated {report.date.isoformat()}, after "
                f"{as_of.isoformat()}; correct the date",
                f"รายงานครั้งที่ {report.number} ลงวันที่ {report.date.isoformat()} "
                f"ซึ่งเลยวันที่ {as_of.isoformat()} กรุณาแก้ไขวันที่",
                observed=report.date,
                expected=f"on or before {as_of.isoformat()}",
            )


REPORT_RULES: tuple[Rule, ...] = (r001, r002, r003, r004, r005, r006, r007, r008)
