"""Project side of the model: what the types refuse, and what they keep."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from dropout_model.errors import InvalidTypeError, InvalidValueError
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
from dropout_model.thaidate import FiscalYear

D = dt.date(2023, 1, 31)


def report(**changes: Any) -> ProgressReport:
    base = ProgressReport(1, D, "อยู่ระหว่างดำเนินการ", Decimal("50.00"), Decimal(0))
    return attrs.evolve(base, **changes)


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"progress": Decimal(120)}, InvalidValueError, "progress: 120 is outside 0–100"),
        ({"progress": Decimal("-0.01")}, InvalidValueError, "outside 0–100"),
        ({"progress": Decimal("NaN")}, InvalidValueError, "outside 0–100"),
        ({"progress": 50.0}, InvalidTypeError, "progress must be a Decimal"),
        ({"progress": 50}, InvalidTypeError, "progress must be a Decimal"),
        ({"disbursed": Decimal(-1)}, InvalidValueError, "at least 0"),
        ({"disbursed": Decimal("Infinity")}, InvalidValueError, "finite"),
        ({"disbursed": 0.0}, InvalidTypeError, "never a float"),
        ({"number": -1}, InvalidValueError, "cannot be negative"),
        ({"number": True}, InvalidTypeError, "number must be an int"),
        ({"number": "1"}, InvalidTypeError, "number must be an int"),
        ({"date": dt.datetime(2023, 1, 31)}, InvalidTypeError, "not a datetime"),  # noqa: DTZ001
        ({"date": "31/01/2566"}, InvalidTypeError, "datetime.date"),
        ({"narrative": None}, InvalidTypeError, "narrative must be a str"),
        ({"plan_status": "เป็นไปตามแผน"}, InvalidTypeError, "PlanStatus"),
        ({"target_status": PlanStatus.ON_PLAN}, InvalidTypeError, "TargetStatus"),
    ],
)
def test_report_refuses_impossible_values(
    changes: dict[str, Any], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        report(**changes)


@pytest.mark.parametrize("progress", ["0", "0.00", "50.5", "100", "100.00"])
def test_report_keeps_percent_exactly(progress: str) -> None:
    r = report(progress=Decimal(progress))
    assert str(r.progress) == progress


def test_missing_values_are_representable() -> None:
    r = report(date=None, progress=None, disbursed=None)
    assert (r.date, r.progress, r.disbursed) == (None, None, None)


@pytest.mark.parametrize(
    ("enum", "label", "member"),
    [
        (PlanStatus, "เป็นไปตามแผน", PlanStatus.ON_PLAN),
        (PlanStatus, "ล่าช้ากว่าแผน", PlanStatus.BEHIND),
        (PlanStatus, "เร็วกว่าแผน", PlanStatus.AHEAD),
        (PlanStatus, " เป็นไปตามแผน\t", PlanStatus.ON_PLAN),
        (PlanStatus, "on_plan", PlanStatus.ON_PLAN),
        (TargetStatus, "เป็นไปตามเป้าหมาย", TargetStatus.MET),
        (TargetStatus, "ไม่เป็นไปตามเป้าหมาย", TargetStatus.NOT_MET),
    ],
)
def test_status_from_thai_label(enum: Any, label: str, member: Any) -> None:
    assert enum.from_label(label) is member
    assert enum.from_label(member.label_th) is member


def test_unknown_label_names_the_choices() -> None:
    with pytest.raises(InvalidValueError, match="เป็นไปตามแผน"):
        PlanStatus.from_label("ไม่ทราบ")


def test_plan_ref_parts() -> None:
    assert PlanRef("๗.๒.๒").parts == (7, 2, 2)
    assert PlanRef("7.2").parts == (7, 2)
    assert PlanRef("7.").parts == (7,)
    assert PlanRef("").parts is None
    assert PlanRef("มิติที่3").parts is None


def test_project_defaults_and_repr() -> None:
    p = Project(
        "50490000-3632",
        "ดูแลนักเรียนที่หลุดจากระบบการศึกษา",
        fiscal_year=FiscalYear(2566),
        start=dt.date(2022, 10, 1),
        end=dt.date(2022, 9, 30),  # as printed: the rules report it, the type keeps it
        budget_allocated=Decimal(0),
        agency=Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา", "ฝ่ายการศึกษา")),
        target=Target("ได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน"),
        plan=PlanAlignment(strategy=PlanRef("๗", "การบริหาร")),
        reports=(report(number=1, progress=Decimal(50)), report(number=2, progress=Decimal(60))),
    )
    assert p.project_code is not None
    assert str(p.project_code) == "50490000-3632"
    assert p.latest_progress == Decimal(60)
    assert p.latest_report is not None
    assert p.latest_report.number == 2
    assert "reports" not in repr(p)
    assert str(p.agency) == "สำนักงานเขตทุ่งครุ / ฝ่ายการศึกษา / ฝ่ายการศึกษา"
    assert Project("5049-1", "x").project_code is None


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"reports": [report()]}, InvalidTypeError),
        ({"reports": (report(), "x")}, InvalidTypeError),
        ({"fiscal_year": 2566}, InvalidTypeError),
        ({"budget_spent": Decimal(-5)}, InvalidValueError),
        ({"agency": "สำนักงานเขตทุ่งครุ"}, InvalidTypeError),
        ({"code": 50490000}, InvalidTypeError),
    ],
)
def test_project_refuses_wrong_types(changes: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        attrs.evolve(Project("50490000-3632", "x"), **changes)


def test_agency_units_must_be_text() -> None:
    with pytest.raises(InvalidTypeError, match=r"units\[1\] must be a str"):
        Agency(("a", 1))  # type: ignore[arg-type]
    assert Agency(()).top == ""
