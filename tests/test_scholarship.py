"""Scholarships and disbursements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
from dropout_model.thaidate import AcademicYear


def award(**changes: Any) -> Scholarship:
    base = Scholarship(
        "F-1",
        "S-1",
        ScholarshipKind.EEF_EQUITY,
        Funder.EEF,
        Decimal(3000),
        AcademicYear(2566),
        term=1,
        awarded_on=dt.date(2023, 6, 1),
        disbursements=(
            Disbursement(dt.date(2023, 6, 15), Decimal("1500.00"), Decimal(92)),
            Disbursement(dt.date(2023, 11, 15), Decimal("1500.00")),
        ),
    )
    return attrs.evolve(base, **changes)


def test_paid_sums_disbursements_exactly() -> None:
    assert award().paid == Decimal("3000.00")
    assert award(disbursements=()).paid == Decimal(0)
    assert award().status is ScholarshipStatus.APPROVED


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"amount": Decimal(-1)}, InvalidValueError, "amount is money"),
        ({"amount": 3000.0}, InvalidTypeError, "never a float"),
        ({"term": 3}, InvalidValueError, "term must be 1, 2 or None"),
        ({"term": True}, InvalidValueError, "term must be 1, 2 or None"),
        ({"academic_year": 2566}, InvalidTypeError, "AcademicYear"),
        ({"kind": "eef_equity"}, InvalidTypeError, "ScholarshipKind"),
        ({"disbursements": [Disbursement(dt.date(2023, 6, 15), Decimal(1))]}, InvalidTypeError,
         "tuple of Disbursement"),
    ],
)  # fmt: skip
def test_award_refuses_impossible_values(
    changes: dict[str, Any], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        award(**changes)


def test_disbursement_attendance_is_a_percent() -> None:
    with pytest.raises(InvalidValueError, match="outside 0–100"):
        Disbursement(dt.date(2023, 6, 15), Decimal(1), Decimal(101))


@pytest.mark.parametrize(
    ("enum", "label", "member"),
    [
        (ScholarshipKind, "ทุนเสมอภาค", ScholarshipKind.EEF_EQUITY),
        (ScholarshipKind, "ค่าเดินทาง", ScholarshipKind.TRAVEL),
        (Funder, "กสศ.", Funder.EEF),
        (Funder, "กองทุนเพื่อความเสมอภาคทางการศึกษา", Funder.EEF),
        (ScholarshipStatus, "ยกเลิก", ScholarshipStatus.CANCELLED),
    ],
)
def test_labels(enum: Any, label: str, member: Any) -> None:
    assert enum.from_label(label) is member
