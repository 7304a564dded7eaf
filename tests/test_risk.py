"""Risk assessments and the derived risk level."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.risk import (
    PovertyClass,
    RiskAssessment,
    RiskFactor,
    RiskLevel,
    RiskThresholds,
    derive_risk_level,
)
from dropout_model.thaidate import AcademicYear, Term


def assessment(**changes: Any) -> RiskAssessment:
    base = RiskAssessment("A-1", "S-1", dt.date(2023, 6, 30), term=Term(AcademicYear(2566), 1))
    return attrs.evolve(base, **changes)


@pytest.mark.parametrize(
    ("enrolled", "absent", "level"),
    [
        (100, 0, RiskLevel.NORMAL),
        (100, 12, RiskLevel.NORMAL),  # 88% is not below 88%
        (100, 13, RiskLevel.AT_RISK),  # 87%
        (100, 20, RiskLevel.AT_RISK),  # 80% is not below 80%
        (100, 21, RiskLevel.PROBLEM),  # 79%
        (100, 100, RiskLevel.PROBLEM),
        (0, 0, RiskLevel.NORMAL),  # no days: no attendance indicator
    ],
)
def test_attendance_thresholds(enrolled: int, absent: int, level: RiskLevel) -> None:
    assert derive_risk_level(assessment(days_enrolled=enrolled, days_absent=absent)) is level


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({"behaviour_incidents": 2}, RiskLevel.NORMAL),
        ({"behaviour_incidents": 3}, RiskLevel.AT_RISK),
        ({"behaviour_incidents": 6}, RiskLevel.PROBLEM),
        ({"failing_courses": 1}, RiskLevel.AT_RISK),
        ({"failing_courses": 2}, RiskLevel.PROBLEM),
        ({"longest_absence": 14}, RiskLevel.NORMAL),
        ({"longest_absence": 15}, RiskLevel.PROBLEM),
        ({"factors": frozenset({RiskFactor.TRAVEL_COST})}, RiskLevel.AT_RISK),
        ({"poverty": PovertyClass.EXTREMELY_POOR}, RiskLevel.AT_RISK),
        ({"poverty": PovertyClass.POOR}, RiskLevel.NORMAL),
    ],
)
def test_other_indicators(changes: dict[str, Any], level: RiskLevel) -> None:
    assert derive_risk_level(assessment(**changes)) is level


def test_thresholds_are_configuration() -> None:
    a = assessment(days_enrolled=100, days_absent=13)
    strict = RiskThresholds(attendance_problem=Decimal(90), attendance_warning=Decimal(95))
    assert derive_risk_level(a) is RiskLevel.AT_RISK
    assert derive_risk_level(a, strict) is RiskLevel.PROBLEM
    lax = RiskThresholds(factors_warn=False)
    b = assessment(factors=frozenset({RiskFactor.HEALTH}))
    assert derive_risk_level(b, lax) is RiskLevel.NORMAL


counts = st.none() | st.integers(0, 400)


@given(
    enrolled=counts,
    absent=counts,
    behaviour=counts,
    failing=counts,
    extra=st.integers(0, 50),
)
def test_more_absence_never_lowers_the_level(
    enrolled: int | None, absent: int | None, behaviour: int | None, failing: int | None, extra: int
) -> None:
    a = assessment(
        days_enrolled=enrolled,
        days_absent=absent,
        behaviour_incidents=behaviour,
        failing_courses=failing,
    )
    worse = attrs.evolve(a, days_absent=(absent or 0) + extra)
    assert derive_risk_level(worse) >= derive_risk_level(a)


def test_attendance_rate() -> None:
    assert assessment(days_enrolled=40, days_absent=6).attendance_rate == Decimal(85)
    assert assessment(days_enrolled=None, days_absent=6).attendance_rate is None
    # inconsistent but representable (rule A001): the rate floors at 0
    assert assessment(days_enrolled=10, days_absent=12).attendance_rate == Decimal(0)


def test_levels_are_ordered_and_labelled() -> None:
    assert RiskLevel.NORMAL < RiskLevel.AT_RISK < RiskLevel.PROBLEM
    assert [lv.label_th for lv in RiskLevel] == ["ปกติ", "เสี่ยง", "มีปัญหา"]
    assert RiskLevel.from_label("มีปัญหา") is RiskLevel.PROBLEM
    assert len(RiskFactor) == 12


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"days_absent": -1}, InvalidValueError),
        ({"days_enrolled": 1.5}, InvalidTypeError),
        ({"income_per_person": Decimal(-1)}, InvalidValueError),
        ({"income_per_person": 2500}, InvalidTypeError),
        ({"factors": {RiskFactor.HEALTH}}, InvalidTypeError),
        ({"factors": frozenset({"health"})}, InvalidTypeError),
        ({"term": "1/2566"}, InvalidTypeError),
        ({"level": "เสี่ยง"}, InvalidTypeError),
    ],
)
def test_assessment_refuses_impossible_values(
    changes: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        assessment(**changes)


def test_thresholds_refuse_nonsense() -> None:
    with pytest.raises(InvalidValueError):
        RiskThresholds(attendance_problem=Decimal(120))
