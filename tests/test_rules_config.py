"""RuleConfig, AgeRules and the dated rate table: defaults, sources, refusals, look-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from dropout_model.errors import DropoutModelError, InvalidTypeError, InvalidValueError
from dropout_model.risk import RiskThresholds
from dropout_model.rules import DEFAULT_RATES, AgeRules, RateEntry, RuleConfig
from dropout_model.scholarship import ScholarshipKind
from dropout_model.student import GradeLevel
from dropout_model.thaidate import SchoolCalendar

D = dt.date
K = ScholarshipKind
G = GradeLevel


def test_defaults_follow_their_sources() -> None:
    c = RuleConfig()
    assert c.report_grace_days == 30
    assert c.schedule_variance_points == Decimal(20)
    assert c.attendance_condition == Decimal(80)  # EEF equity grant
    assert c.income_line == Decimal(3000)  # EEF: baht per person per month
    assert c.income_line_kinds == frozenset({K.EEF_EQUITY})
    assert c.attendance_condition_kinds == frozenset({K.EEF_EQUITY})
    assert c.dropout_follow_up_days == 30
    assert c.follow_up_interval_days == 90
    assert c.term_share == Decimal("0.5")
    assert c.risk == RiskThresholds()  # composed, not copied
    assert c.calendar == SchoolCalendar()
    assert c.age == AgeRules(p1_entry_ages=(6, 7), cutoff=(5, 16), compulsory_ages=(7, 16))
    assert "coordinator" in c.required_project_fields
    assert "ดำเนินการแล้วเสร็จ" in c.completion_phrases


def test_config_is_frozen_and_hashable() -> None:
    c = RuleConfig()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.report_grace_days = 1  # type: ignore[misc]
    assert hash(c) == hash(RuleConfig())
    assert attrs.evolve(c, report_grace_days=1) != c


BAD: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"report_grace_days": -1}, InvalidValueError, "cannot be negative"),
    ({"report_grace_days": 1.5}, InvalidTypeError, "must be an int"),
    ({"schedule_variance_points": Decimal(101)}, InvalidValueError, "outside 0–100"),
    ({"schedule_variance_points": 20}, InvalidTypeError, "Decimal percent"),
    ({"attendance_condition": 80.0}, InvalidTypeError, "Decimal percent"),
    ({"income_line": Decimal(-1)}, InvalidValueError, "at least 0"),
    ({"income_line": 3000}, InvalidTypeError, "never a float"),
    ({"required_project_fields": ("coordinator", "colour")}, InvalidValueError, "Project field"),
    ({"required_project_fields": ["name"]}, InvalidValueError, "tuple of Project field"),
    ({"completion_phrases": ("",)}, InvalidValueError, "non-empty str"),
    ({"negations": "ไม่"}, InvalidValueError, "tuple of non-empty str"),
    ({"rates": [DEFAULT_RATES[0]]}, InvalidTypeError, "tuple of RateEntry"),
    ({"income_line_kinds": {K.TRAVEL}}, InvalidTypeError, "frozenset of ScholarshipKind"),
    (
        {"attendance_condition_kinds": frozenset({"eef_equity"})},
        InvalidTypeError,
        "ScholarshipKind",
    ),
    ({"risk": None}, InvalidTypeError, "RiskThresholds"),
    ({"calendar": (5, 16)}, InvalidTypeError, "SchoolCalendar"),
    ({"age": {}}, InvalidTypeError, "AgeRules"),
]


@pytest.mark.parametrize(("kwargs", "error", "match"), BAD)
def test_bad_settings_are_refused(
    kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match) as info:
        RuleConfig(**kwargs)
    assert isinstance(info.value, DropoutModelError)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"p1_entry_ages": (7, 6)}, "youngest, oldest"),
        ({"p1_entry_ages": (6,)}, "youngest, oldest"),
        ({"compulsory_ages": (-1, 16)}, "youngest, oldest"),
        ({"cutoff": (13, 1)}, "month, day"),
        ({"cutoff": (5, 0)}, "month, day"),
        ({"cutoff": "05-16"}, "month, day"),
        ({"over_age_years": -1}, "cannot be negative"),
    ],
)
def test_bad_age_rules_are_refused(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(DropoutModelError, match=match):
        AgeRules(**kwargs)


@pytest.mark.parametrize(
    ("grade", "ages"),
    [
        (G.K1, (3, 4)),
        (G.K3, (5, 6)),
        (G.P1, (6, 7)),
        (G.P6, (11, 12)),
        (G.M1, (12, 13)),
        (G.M3, (14, 15)),
        (G.M6, (17, 18)),
    ],
)
def test_regular_ages(grade: GradeLevel, ages: tuple[int, int]) -> None:
    assert AgeRules().regular_ages(grade) == ages


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"grades": (G.M3, G.P1)}, "lowest, highest"),
        ({"grades": ("P1", "M3")}, "lowest, highest"),
        ({"amount": 3000}, "never a float"),
        ({"valid_from": dt.datetime(2022, 5, 16)}, "not a datetime"),  # noqa: DTZ001
    ],
)
def test_bad_rate_entries_are_refused(kwargs: dict[str, Any], match: str) -> None:
    good: dict[str, Any] = {
        "valid_from": D(2022, 5, 16),
        "kind": K.EEF_EQUITY,
        "grades": (G.P1, G.M3),
        "amount": Decimal(3000),
    }
    with pytest.raises(DropoutModelError, match=match):
        RateEntry(**{**good, **kwargs})


RAISED = RuleConfig(
    rates=(
        *DEFAULT_RATES,
        # From AY 2567 the primary grades get more; the broad P1-M3 line still covers M1-M3.
        RateEntry(D(2024, 5, 16), K.EEF_EQUITY, (G.P1, G.P6), Decimal(3500)),
        # A same-day narrower band wins over a broader one.
        RateEntry(D(2024, 5, 16), K.EEF_EQUITY, (G.P6, G.M3), Decimal(5000)),
        RateEntry(D(2024, 5, 16), K.EEF_EQUITY, (G.P6, G.P6), Decimal(6000)),
    )
)


@pytest.mark.parametrize(
    ("config", "kind", "grade", "on", "rate"),
    [
        (RuleConfig(), K.EEF_EQUITY, G.K1, D(2022, 5, 16), Decimal(4000)),
        (RuleConfig(), K.EEF_EQUITY, G.M3, D(2023, 5, 16), Decimal(3000)),
        (RuleConfig(), K.BMA_SCHOLARSHIP, G.P1, D(2030, 5, 16), Decimal(3000)),
        (RuleConfig(), K.EEF_EQUITY, G.P1, D(2022, 5, 15), None),  # before AY 2565
        (RuleConfig(), K.EEF_EQUITY, G.M4, D(2023, 5, 16), None),  # no band for M4
        (RuleConfig(), K.TRAVEL, G.P1, D(2023, 5, 16), None),  # no rate for the kind
        (RuleConfig(), K.EEF_EQUITY, None, D(2023, 5, 16), Decimal(4000)),  # highest band
        (RuleConfig(), K.EEF_EQUITY, None, D(2021, 5, 16), None),
        (RAISED, K.EEF_EQUITY, G.P2, D(2023, 5, 16), Decimal(3000)),
        (RAISED, K.EEF_EQUITY, G.P2, D(2024, 5, 16), Decimal(3500)),
        (RAISED, K.EEF_EQUITY, G.M2, D(2024, 5, 16), Decimal(5000)),
        (RAISED, K.EEF_EQUITY, G.P6, D(2024, 5, 16), Decimal(6000)),
        (RAISED, K.EEF_EQUITY, None, D(2024, 5, 16), Decimal(6000)),
        (RAISED, K.EEF_EQUITY, G.K2, D(2024, 5, 16), Decimal(4000)),
    ],
)
def test_rate_for(
    config: RuleConfig,
    kind: ScholarshipKind,
    grade: GradeLevel | None,
    on: dt.date,
    rate: Decimal | None,
) -> None:
    assert config.rate_for(kind, grade, on) == rate


def test_default_rates_cite_their_source() -> None:
    assert len(DEFAULT_RATES) == 4
    assert all("EEF" in e.source and e.valid_from == D(2022, 5, 16) for e in DEFAULT_RATES)
    assert RateEntry(D(2022, 5, 16), K.TRAVEL, (G.P1, G.M3), Decimal(1)).covers(G.M3)
    assert not RateEntry(D(2022, 5, 16), K.TRAVEL, (G.P1, G.M3), Decimal(1)).covers(G.M4)
