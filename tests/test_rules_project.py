"""Rules P (project) and R (progress reports): the sample printout, and each rule both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from dropout_model.findings import Findings, Severity
from dropout_model.project import (
    Agency,
    PlanAlignment,
    PlanRef,
    PlanStatus,
    ProgressReport,
    Project,
    Target,
    TargetStatus,
)
from dropout_model.rules import RuleConfig, validate
from dropout_model.rules.project import claims_completion
from dropout_model.thaidate import FiscalYear

D = dt.date


def rep(
    number: int,
    day: dt.date | None,
    progress: int | str | None,
    disbursed: int | None = 0,
    *,
    narrative: str = "อยู่ระหว่างดำเนินการตามโครงการ",
    status: PlanStatus | None = PlanStatus.ON_PLAN,
) -> ProgressReport:
    pct = Decimal(progress) if progress is not None else None
    money = Decimal(disbursed) if disbursed is not None else None
    return ProgressReport(number, day, narrative, pct, money, status, TargetStatus.MET)


DONE = "ดำเนินการแล้วเสร็จ"

#: A consistent project of FY 2566 with one report a quarter, progress on the linear schedule.
BASE = Project(
    "50490000-3632",
    "ดูแลนักเรียนที่หลุดจากระบบการศึกษา",
    fiscal_year=FiscalYear(2566),
    start=D(2022, 10, 1),
    end=D(2023, 9, 30),
    budget_allocated=Decimal(1000),
    budget_spent=Decimal(300),
    agency=Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา")),
    responsible="ฝ่ายการศึกษา",
    coordinator="ผู้ประสานงาน สยป.",
    plan=PlanAlignment(PlanRef("7"), PlanRef("7.2"), PlanRef("7.2.2"), PlanRef("มิติที่3")),
    reports=(
        rep(1, D(2022, 12, 15), 20, 100),
        rep(2, D(2023, 3, 15), 45, 100),
        rep(3, D(2023, 6, 15), 70, 100),
        rep(4, D(2023, 9, 15), 100, 0, narrative=DONE),
    ),
)


def codes(obj: Any, **kw: Any) -> frozenset[str]:
    return validate(obj, **kw).codes


def test_base_project_is_clean() -> None:
    assert validate(BASE) == Findings()
    assert validate(BASE, as_of=D(2023, 9, 30)) == Findings()


# --- the city's sample printout, first copy, built by hand ------------------------------------

SAMPLE_NARRATIVES = (
    (
        "กำลังดำเนินการมอบหมายหน้าที่ความรับผิดชอบให้กับหน่วยงานและดำเนินการตามแผนนโยบาย"
        "ดูแลนักเรียนที่หลุดจากระบบการศึกษา และป้องกันกลุ่มเสี่ยงหลุดออกจากระบบ"
    ),
    "จัดทำฐานข้อมูลนักเรียนที่หลุดออกจากระบบการศึกษา และลงพื้นที่ติดตามนักเรียนกลุ่มดังกล่าว",
    *["อยู่ระหว่างดำเนินการตามโครงการ"] * 6,
    "ดำเนินการแล้วเสร็จ",
)
#: Report dates as printed (dd/mm/BE), read by hand: BE 2566 = CE 2023.
SAMPLE_DATES = (
    D(2023, 1, 31),
    D(2023, 2, 16),
    D(2023, 3, 14),
    D(2023, 4, 20),
    D(2023, 5, 11),
    D(2023, 6, 16),
    D(2023, 7, 17),
    D(2023, 8, 9),
    D(2023, 9, 5),
)
SAMPLE_PROGRESS = (50, 60, 70, 75, 80, 85, 90, 95, 100)

SAMPLE = Project(
    "50490000-3632",
    "ดูแลนักเรียนที่หลุดจากระบบการศึกษา และป้องกันกลุ่มเสี่ยงหลุดออกจากระบบ",
    fiscal_year=FiscalYear(2566),
    start=D(2022, 10, 1),  # "2022-10-01 00:00:00"
    end=D(2022, 9, 30),  # "2022-09-30 00:00:00": the day before the start
    budget_allocated=Decimal(0),
    budget_spent=Decimal(0),
    agency=Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา", "ฝ่ายการศึกษา")),
    responsible="ฝ่ายการศึกษา",
    coordinator="",  # "ผู้ประสานงาน สยป :" left empty
    target=Target("นักเรียนจากทุกโรงเรียนในสังกัด กทม. ได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน"),
    plan=PlanAlignment(
        PlanRef("๗", "การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร"),
        PlanRef("๗.๒", "การบริหารแผนและประเมินผล"),
        PlanRef(
            "๗.๒.๒",
            "กรุงเทพมหานครมีระบบการติดตามและรายงานความก้าวหน้าผลการดำเนินงานตามแผนพัฒนากรุงเทพ",
        ),
        PlanRef("มิติที่3", "ร้อยละของโครงการที่เป็นงานประจำของหน่วยงานที่ดำเนินการสำเร็จตามเป้าหมาย"),
    ),
    reports=tuple(
        ProgressReport(
            n,
            day,
            text,
            Decimal(pct),
            Decimal(0),
            PlanStatus.ON_PLAN,
            TargetStatus.MET,
        )
        for n, (day, text, pct) in enumerate(
            zip(SAMPLE_DATES, SAMPLE_NARRATIVES, SAMPLE_PROGRESS, strict=True), start=1
        )
    ),
)


def test_sample_printout_gives_exactly_the_known_defects() -> None:
    fs = validate(SAMPLE)
    assert fs.codes == {"P002", "P003", "P006", "R004"}
    by = fs.by_code()
    assert [f.path for f in by["P002"]] == ["end"]
    assert by["P002"][0].severity is Severity.ERROR
    assert [f.path for f in by["P003"]] == ["end"]
    assert [f.path for f in by["P006"]] == ["coordinator"]
    # Every report is dated 123-340 days after the recorded end (+30 days' grace).
    assert [f.path for f in by["R004"]] == [f"reports[{i}].date" for i in range(9)]
    assert by["R004"][0].observed == D(2023, 1, 31)
    assert not fs.ok
    assert fs.summary() == "1 error, 11 warnings"


def test_sample_with_its_end_date_fixed() -> None:
    fixed = attrs.evolve(SAMPLE, end=D(2023, 9, 30))
    # Now that the period is coherent, R006 and R007 can judge it: Q1 (Oct-Dec 2022) has no
    # report, and reports 2 and 3 say "on plan" 22 and 25 points ahead of the linear schedule.
    assert codes(fixed) == {"P006", "R006", "R007"}
    assert [f.path for f in validate(fixed, select="R006")] == [
        "reports[1].plan_status",
        "reports[2].plan_status",
    ]
    (r007,) = validate(fixed, select="R007")
    assert r007.path == "reports"
    assert "Q1" in r007.message


# --- P rules: a minimal violation and a near miss each ------------------------------------------

P_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("P001", {"code": "5049-3632"}, {"code": "50490000-0001"}),
    ("P001", {"code": "50490000-3632 "}, {"code": "00000000-0000"}),
    ("P001", {"code": "๕๐๔๙๐๐๐๐-๓๖๓๒"}, {}),
    ("P001", {"code": "50490000 3632"}, {}),
    ("P002", {"end": D(2022, 9, 30)}, {"end": D(2022, 10, 1)}),
    ("P003", {"end": D(2023, 10, 1)}, {"end": D(2023, 9, 30)}),
    ("P003", {"fiscal_year": None, "end": D(2023, 10, 1)}, {"fiscal_year": None}),
    ("P003", {"start": D(2022, 9, 30)}, {"start": D(2022, 10, 1)}),
    ("P004", {"budget_spent": Decimal("1000.01")}, {"budget_spent": Decimal(1000)}),
    ("P005", {"budget_spent": Decimal(301)}, {"budget_spent": Decimal("300.00")}),
    ("P006", {"coordinator": ""}, {"coordinator": "ก"}),
    ("P006", {"responsible": " \t"}, {"responsible": "ฝ่าย"}),
    ("P006", {"agency": Agency(())}, {"agency": Agency(("สำนักงานเขตบางรัก",))}),
    ("P006", {"agency": None, "name": ""}, {}),
    ("P006", {"fiscal_year": None}, {"budget_allocated": None}),
    (
        "P007",
        {"plan": PlanAlignment(PlanRef("7"), PlanRef("7.2"), PlanRef("7.3.1"))},
        {"plan": PlanAlignment(PlanRef("๗"), PlanRef("๗.๒"), PlanRef("๗.๒.๒"))},
    ),
    (
        "P007",
        {"plan": PlanAlignment(PlanRef("7"), PlanRef("8.2"))},
        {"plan": PlanAlignment(PlanRef("7"), None, PlanRef("7.2.2"))},
    ),
    (
        "P007",
        {"plan": PlanAlignment(PlanRef("7"), PlanRef("7.2"), PlanRef("7.2"))},
        {"plan": PlanAlignment(PlanRef("7."), PlanRef("7.2."), PlanRef(" 7.2.1 "))},
    ),
    (
        "P007",
        {"plan": PlanAlignment(PlanRef("ยุทธศาสตร์ที่ 7"))},
        {"plan": PlanAlignment(PlanRef(""), PlanRef("7.2"), indicator=PlanRef("มิติที่ 3"))},
    ),
    ("P008", {"fiscal_year": FiscalYear(2567)}, {"fiscal_year": FiscalYear(2566)}),
    (
        "P008",
        {"start": D(2022, 9, 30), "fiscal_year": FiscalYear(2566)},
        {"start": D(2023, 9, 30)},
    ),
]


@pytest.mark.parametrize(("code", "bad", "near"), P_CASES)
def test_project_rule_both_ways(code: str, bad: dict[str, Any], near: dict[str, Any]) -> None:
    assert code in codes(attrs.evolve(BASE, **bad), select=code)
    assert code not in codes(attrs.evolve(BASE, **near), select=code)


def test_p005_with_a_missing_amount_reports_only_a_sum_above_spent() -> None:
    partial = (rep(1, D(2022, 12, 15), 20, None), rep(2, D(2023, 3, 15), 45, 100))
    assert "P005" not in codes(attrs.evolve(BASE, reports=partial))
    over = (rep(1, D(2022, 12, 15), 20, None), rep(2, D(2023, 3, 15), 45, 301))
    (f,) = validate(attrs.evolve(BASE, reports=over), select="P005")
    assert (f.path, f.observed, f.expected) == ("budget_spent", Decimal(301), Decimal(300))
    assert "P005" not in codes(attrs.evolve(BASE, reports=()))


def test_p006_follows_the_configured_fields() -> None:
    empty = attrs.evolve(BASE, coordinator="", rationale="")
    assert [f.path for f in validate(empty, select="P006")] == ["coordinator"]
    config = RuleConfig(required_project_fields=("rationale",))
    (f,) = validate(empty, select="P006", config=config)
    assert f.path == "rationale"
    assert "หลักการและเหตุผล" in f.message_th


def test_p007_points_at_the_level_that_breaks() -> None:
    p = attrs.evolve(BASE, plan=PlanAlignment(PlanRef("7"), PlanRef("7.2"), PlanRef("7.3.1")))
    (f,) = validate(p, select="P007")
    assert (f.path, f.observed, f.expected) == ("plan.goal.number", "7.3.1", "7.2.n")


# --- R rules on report sequences ------------------------------------------------------------------

R_CASES: list[tuple[str, tuple[ProgressReport, ...], tuple[ProgressReport, ...], str]] = [
    (
        "R001",
        (rep(1, None, 10), rep(3, None, 20)),
        (rep(1, None, 10), rep(2, None, 20)),
        "[1].number",
    ),
    ("R001", (rep(2, None, 10),), (rep(1, None, 10),), "[0].number"),
    ("R001", (rep(1, None, 10), rep(1, None, 20)), (), "[1].number"),
    (
        "R002",
        (rep(1, D(2023, 3, 1), 10), rep(2, D(2023, 2, 28), 20)),
        (rep(1, D(2023, 3, 1), 10), rep(2, D(2023, 3, 1), 20)),
        "[1].date",
    ),
    (
        "R002",  # in number order, whatever the order given
        (rep(2, D(2023, 1, 1), 20), rep(1, D(2023, 3, 1), 10)),
        (rep(2, D(2023, 3, 1), 20), rep(1, D(2023, 1, 1), 10)),
        "[0].date",
    ),
    (
        "R003",
        (rep(1, None, "50.00"), rep(2, None, "49.99")),
        (rep(1, None, "50.00"), rep(2, None, 50)),
        "[1].progress",
    ),
    (
        "R003",
        (rep(1, None, 60), rep(2, None, None), rep(3, None, 55)),
        (rep(1, None, 60), rep(2, None, None), rep(3, None, 65)),
        "[2].progress",
    ),
    (
        "R005",
        (rep(1, None, 100),),
        (rep(1, None, 100, narrative=DONE),),
        "[0].narrative",
    ),
    ("R005", (rep(1, None, 90, narrative=DONE),), (rep(1, None, 90),), "[0].progress"),
    (
        "R005",  # normalised: spaces and nikhahit + sara aa for sara am
        (rep(1, None, 90, narrative="ด\u0e4d\u0e32เนินการแล้ว เสร็จ"),),
        (rep(1, None, 90, narrative="ยังไม่แล้วเสร็จ"),),
        "[0].progress",
    ),
    (
        "R005",
        (rep(1, None, "99.99", narrative="การอบรมแล้วเสร็จ"),),
        (rep(1, None, 100, narrative="โครงการแล้วเสร็จ"),),
        "[0].progress",
    ),
    (
        "R005",
        (rep(1, None, 100, narrative="คาดว่าจะแล้วเสร็จ"),),
        (rep(1, None, 100, narrative=""),),
        "[0].narrative",
    ),
]


@pytest.mark.parametrize(("code", "bad", "near", "path"), R_CASES)
def test_report_rule_both_ways(
    code: str, bad: tuple[ProgressReport, ...], near: tuple[ProgressReport, ...], path: str
) -> None:
    fs = validate(bad, select=code)
    assert [f.path for f in fs] == [path]
    assert code not in codes(near, select=code)
    # Inside a project, the path starts at the project.
    inside = validate(attrs.evolve(BASE, reports=bad), select=code)
    assert [f.path for f in inside] == [f"reports{path}"]


def test_r001_reports_only_the_first_bad_position() -> None:
    fs = validate((rep(1, None, 1), rep(3, None, 2), rep(4, None, 3)), select="R001")
    assert [(f.observed, f.expected) for f in fs] == [(3, 2)]


R_PROJECT_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    # R004: the period is [start, end + 30 days].
    ("R004", {"reports": (rep(1, D(2023, 10, 31), 100, narrative=DONE),)}, {}),
    (
        "R004",
        {"reports": (rep(1, D(2022, 9, 30), 10),)},
        {"reports": (rep(1, D(2023, 10, 30), 100, narrative=DONE),)},
    ),
    # R006: on plan 29 points ahead of the elapsed share; 19 points is within 20.
    (
        "R006",
        {"reports": (rep(1, D(2022, 12, 15), 50),)},
        {"reports": (rep(1, D(2022, 12, 15), 40),)},
    ),
    (
        "R006",
        {"reports": (rep(1, D(2023, 9, 15), 60),)},
        {"reports": (rep(1, D(2023, 9, 15), 60, status=PlanStatus.BEHIND),)},
    ),
    # R007: Q2 (Jan-Mar) has no report while Q3 has one.
    (
        "R007",
        {"reports": (rep(1, D(2022, 12, 15), 20), rep(2, D(2023, 6, 15), 70))},
        {"reports": (rep(1, D(2022, 12, 15), 20), rep(2, D(2023, 3, 15), 45))},
    ),
]


@pytest.mark.parametrize(("code", "bad", "near"), R_PROJECT_CASES)
def test_report_rule_with_project_both_ways(
    code: str, bad: dict[str, Any], near: dict[str, Any]
) -> None:
    assert code in codes(attrs.evolve(BASE, **bad), select=code)
    assert code not in codes(attrs.evolve(BASE, **near), select=code)
    # A report sequence on its own has no project dates to compare with …
    assert code not in codes(attrs.evolve(BASE, **bad).reports, select=code)
    # … unless the project is given as context.
    assert code in codes(attrs.evolve(BASE, **bad).reports, select=code, project=BASE)


def test_r004_grace_days_come_from_the_config() -> None:
    late = attrs.evolve(BASE, reports=(rep(1, D(2023, 10, 5), 100, narrative=DONE),))
    assert "R004" not in codes(late)
    assert "R004" in codes(late, config=RuleConfig(report_grace_days=4))


def test_r006_is_skipped_when_the_period_is_reversed() -> None:
    reversed_period = attrs.evolve(
        BASE, start=D(2023, 9, 30), end=D(2022, 10, 1), reports=(rep(1, D(2023, 1, 1), 99),)
    )
    assert "R006" not in codes(reversed_period, select="R006")
    zero = attrs.evolve(BASE, end=BASE.start, reports=(rep(1, D(2022, 10, 1), 99),))
    assert "R006" not in codes(zero, select="R006")


def test_r006_points_come_from_the_config() -> None:
    p = attrs.evolve(BASE, reports=(rep(1, D(2022, 12, 15), 40),))
    assert "R006" in codes(p, config=RuleConfig(schedule_variance_points=Decimal(10)))


def test_r007_with_as_of_checks_quarters_that_have_ended() -> None:
    three = attrs.evolve(BASE, reports=BASE.reports[:3])
    assert "R007" not in codes(three)
    # As of 1 October 2023, Q4 (July-September) ended without a report.
    (f,) = validate(three, select="R007", as_of=D(2023, 10, 1))
    assert f.observed == "Q4 FY 2566: 0 reports"
    # As of its last day, Q4 has not yet ended.
    assert "R007" not in codes(three, as_of=D(2023, 9, 30))


def test_r007_skips_quarters_outside_the_period_and_reversed_periods() -> None:
    late_start = attrs.evolve(BASE, start=D(2023, 4, 1), reports=(rep(1, D(2023, 6, 15), 70),))
    assert "R007" not in codes(late_start, select="R007", as_of=D(2023, 7, 1))
    reversed_period = attrs.evolve(BASE, end=D(2022, 9, 30))
    assert "R007" not in codes(reversed_period, select="R007", as_of=D(2024, 1, 1))


def test_r008_judges_report_dates_against_as_of() -> None:
    assert "R008" not in codes(BASE)
    assert "R008" not in codes(BASE, as_of=D(2023, 9, 15))
    (f,) = validate(BASE, select="R008", as_of=D(2023, 9, 14))
    assert (f.path, f.observed, f.severity) == ("reports[3].date", D(2023, 9, 15), Severity.ERROR)


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("ดำเนินการแล้วเสร็จ", True),
        ("แล้วเสร็จ", True),
        ("ดำเนินการ แล้ว เสร็จ ครบถ้วน", True),
        ("ด\u0e4d\u0e32เนินการแล้วเสร็จ", True),
        ("\u200bดำเนินการแล้วเสร็จ", True),
        ("ยังไม่แล้วเสร็จ", False),
        ("ดำเนินการยังไม่แล้วเสร็จ", False),
        ("จะดำเนินการแล้วเสร็จในไตรมาสหน้า", False),
        ("คาดว่าจะแล้วเสร็จ", False),
        ("ยังไม่แล้วเสร็จ แต่ส่วนแรกแล้วเสร็จ", True),
        ("อยู่ระหว่างดำเนินการตามโครงการ", False),
        ("เสร็จ", False),
        ("", False),
    ],
)
def test_claims_completion(text: str, done: bool) -> None:
    assert claims_completion(text, RuleConfig()) is done


def test_messages_say_what_and_how_in_both_languages() -> None:
    for f in validate(SAMPLE):
        assert f.message
        assert f.message_th
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in f.message_th)
        assert "; " in f.message  # what; how to fix
        assert "กรุณา" in f.message_th  # Thai: please (fix)
