"""Tests for dropout_model.thaidate.

Expected values come from the sources cited in docs/thaidates.md, worked out by
hand, or from an independent oracle (JDK java.time, tests/data/*.tsv); never
from this library's own output.
"""

from __future__ import annotations

import ast
import itertools
import os
import random
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from dropout_model import errors, thaidate
from dropout_model.errors import DropoutModelError, InvalidTypeError, ThaiDateError
from dropout_model.thaidate import (
    DEFAULT_PIVOT,
    MONTHS_LONG,
    MONTHS_SHORT,
    AcademicYear,
    AcademicYearDates,
    BuddhistDate,
    FiscalYear,
    SchoolCalendar,
    Term,
    format_date,
    month_number,
    parse_date,
    rattanakosin_year,
)

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
DATA = Path(__file__).parent / "data"
JAVA_SOURCE = DATA / "JavaThaiDates.java"
JAVA_TSV = DATA / "java_thai_dates.tsv"
STYLES = ("numeric", "short", "long")
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def outcome(call: Callable[[], T]) -> T | ThaiDateError:
    """What *call* returns, or the ThaiDateError it raises (any other exception escapes)."""
    try:
        return call()
    except ThaiDateError as e:
        return e


def be_year_of(d: date, *, historical: bool = False) -> int:
    """The BE year by the rule as stated in DESIGN §4, written independently."""
    if historical and d.year <= 1940 and d.month in (1, 2, 3):
        return d.year + 542
    return d.year + 543


# --- the exception hierarchy and the public names -----------------------------------------


def test_thaidateerror_is_the_errors_one_and_a_valueerror() -> None:
    assert thaidate.ThaiDateError is errors.ThaiDateError
    assert issubclass(ThaiDateError, DropoutModelError)
    assert issubclass(ThaiDateError, ValueError)


def test_all_is_sorted_and_complete() -> None:
    assert list(thaidate.__all__) == sorted(thaidate.__all__, key=lambda n: (not n.isupper(), n))
    for name in thaidate.__all__:
        assert hasattr(thaidate, name), name


def test_thaidate_imports_only_thaitext_and_errors() -> None:
    source = Path(thaidate.__file__).read_text(encoding="utf-8")
    package_imports = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] != "hypothesis"
            if node.module.startswith("dropout_model"):
                package_imports.add(node.module)
        elif isinstance(node, ast.Import):
            assert all(not a.name.startswith(("dropout_model", "hypothesis")) for a in node.names)
    assert package_imports <= {"dropout_model.thaitext", "dropout_model.errors"}


# --- month names --------------------------------------------------------------------------


def test_month_tables() -> None:
    assert MONTHS_LONG[0] == "มกราคม"
    assert MONTHS_LONG[6] == "กรกฎาคม"  # with ฎ, as in the Royal Institute dictionary
    assert MONTHS_LONG[11] == "ธันวาคม"
    assert MONTHS_SHORT[0] == "ม.ค."
    assert MONTHS_SHORT[11] == "ธ.ค."
    assert len(MONTHS_LONG) == len(MONTHS_SHORT) == len(set(MONTHS_LONG)) == 12
    assert all(name.endswith(("คม", "ยน", "พันธ์")) for name in MONTHS_LONG)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("มกราคม", 1),
        ("ม.ค.", 1),
        ("ม.ค", 1),
        ("มค", 1),
        ("มค.", 1),
        ("มกรา", 1),
        ("กุมภาพันธ์", 2),
        ("กุมภาพันธ", 2),
        ("ก.พ", 2),
        ("กพ", 2),
        ("กุมภา", 2),
        ("มีนาคม", 3),
        ("มีค.", 3),
        ("มี.ค.", 3),
        ("มีนา", 3),
        ("เม.ย.", 4),
        ("เมษา", 4),
        ("พ.ค.", 5),
        ("พฤษภา", 5),
        ("มิ.ย.", 6),
        ("กรกฎาคม", 7),
        ("กรกฏาคม", 7),
        ("กรกฎา", 7),
        ("กรกฏา", 7),
        ("ก.ค.", 7),
        ("ส.ค.", 8),
        ("สิงหาคม", 8),
        ("ก.ย.", 9),
        ("กันยายน", 9),
        ("ต.ค.", 10),
        ("ตุลา", 10),
        ("พ.ย.", 11),
        ("พฤศจิกายน", 11),
        ("ธ.ค.", 12),
        ("ธันวาคม", 12),
        ("January", 1),
        ("jan", 1),
        ("Jan.", 1),
        ("SEPT", 9),
        ("sep", 9),
        ("december", 12),
    ],
)
def test_month_number(name: str, number: int) -> None:
    assert month_number(name) == number


@pytest.mark.parametrize("name", ["", "ม", "มกราคมม", "janu", "13", "พ.ศ.", "ธ.ค.ศ."])
def test_month_number_rejects(name: str) -> None:
    with pytest.raises(ThaiDateError, match="unknown month name"):
        month_number(name)


# --- BuddhistDate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ce", "be", "historical"),
    [
        (date(2023, 1, 31), BuddhistDate(2566, 1, 31), False),
        (date(2023, 1, 31), BuddhistDate(2566, 1, 31), True),
        (date(2024, 2, 29), BuddhistDate(2567, 2, 29), False),
        (date(1, 1, 1), BuddhistDate(544, 1, 1), False),
        (date(1, 1, 1), BuddhistDate(543, 1, 1), True),
        (date(1, 4, 1), BuddhistDate(544, 4, 1), True),
        (date(9999, 12, 31), BuddhistDate(10542, 12, 31), False),
        (date(9999, 12, 31), BuddhistDate(10542, 12, 31), True),
        # the historical reckoning: January-March up to 1940 are BE = CE + 542
        (date(1940, 1, 15), BuddhistDate(2483, 1, 15), False),
        (date(1940, 1, 15), BuddhistDate(2482, 1, 15), True),
        (date(1940, 3, 31), BuddhistDate(2482, 3, 31), True),
        (date(1940, 4, 1), BuddhistDate(2483, 4, 1), True),
        (date(1940, 12, 31), BuddhistDate(2483, 12, 31), True),
        (date(1941, 1, 1), BuddhistDate(2484, 1, 1), True),
        (date(1940, 2, 29), BuddhistDate(2482, 2, 29), True),
        (date(1939, 12, 31), BuddhistDate(2482, 12, 31), True),
        (date(1889, 4, 1), BuddhistDate(2432, 4, 1), True),
        (date(1889, 3, 31), BuddhistDate(2431, 3, 31), True),
    ],
)
def test_buddhist_date_both_ways(ce: date, be: BuddhistDate, historical: bool) -> None:
    assert BuddhistDate.from_date(ce, historical=historical) == be
    assert be.to_date(historical=historical) == ce


def test_buddhist_date_value_semantics() -> None:
    d = BuddhistDate(2566, 1, 31)
    assert str(d) == "31/01/2566"
    assert str(BuddhistDate(544, 1, 1)) == "01/01/544"
    assert repr(d) == "BuddhistDate(year=2566, month=1, day=31)"
    assert eval(repr(d), {"BuddhistDate": BuddhistDate}) == d  # noqa: S307
    assert d == BuddhistDate(year=2566, month=1, day=31)
    assert hash(d) == hash(BuddhistDate(2566, 1, 31))
    assert len({d, BuddhistDate(2566, 1, 31), BuddhistDate(2566, 2, 1)}) == 2
    assert BuddhistDate(2566, 1, 31) < BuddhistDate(2566, 2, 1) < BuddhistDate(2567, 1, 1)
    assert sorted([BuddhistDate(2567, 1, 1), d]) == [d, BuddhistDate(2567, 1, 1)]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.year = 2567  # type: ignore[misc]
    assert not hasattr(d, "__dict__")  # slotted


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2566, 2, 29), "29/02/2566: February of BE 2566 (CE 2023) has 28 days"),
        ((2566, 4, 31), "31/04/2566: April of BE 2566 (CE 2023) has 30 days"),
        ((2566, 13, 1), "01/13/2566: month 13 is not 1–12"),
        ((2566, 0, 1), "01/00/2566: month 0 is not 1–12"),
        ((2566, 1, 0), "00/01/2566: day 0 is not a day of the month"),
        ((2566, 1, 32), "32/01/2566: January of BE 2566 (CE 2023) has 31 days"),
        ((543, 4, 1), "01/04/543: BE 543 (CE 0) is outside the supported range"),
        ((100, 1, 1), "01/01/100: BE 100 (CE -443) is outside"),
        ((10543, 1, 1), "01/01/10543: BE 10543 (CE 10000) is outside"),
        ((2100, 2, 29), "29/02/2100: February of BE 2100 (CE 1557) has 28 days"),
    ],
)
def test_buddhist_date_refuses(args: tuple[int, int, int], message: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        BuddhistDate(*args)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize("args", [(2566.0, 1, 1), ("2566", 1, 1), (2566, True, 1), (2566, 1, None)])
def test_buddhist_date_refuses_wrong_types(args: tuple[object, object, object]) -> None:
    with pytest.raises(InvalidTypeError, match="must be an int"):
        BuddhistDate(*args)  # type: ignore[arg-type]


def test_labels_that_exist_in_one_reckoning_only() -> None:
    # 15/01/2483: January 1940 in the modern reckoning, nothing in the historical one.
    assert BuddhistDate(2483, 1, 15).to_date() == date(1940, 1, 15)
    with pytest.raises(ThaiDateError) as info:
        BuddhistDate(2483, 1, 15).to_date(historical=True)
    message = str(info.value)
    assert message.startswith("15/01/2483: ")
    assert "Calendar Year Act BE 2483" in message
    assert "historical=False" in message
    # 29/02/2482: 1939-02-29 does not exist, 1940-02-29 does.
    assert BuddhistDate(2482, 2, 29).to_date(historical=True) == date(1940, 2, 29)
    with pytest.raises(ThaiDateError, match=r"February of BE 2482 \(CE 1939\) has 28 days"):
        BuddhistDate(2482, 2, 29).to_date()
    # 01/01/543 is 0001-01-01 historically and before CE 1 otherwise.
    assert BuddhistDate(543, 1, 1).to_date(historical=True) == date(1, 1, 1)
    with pytest.raises(ThaiDateError, match="outside the supported range"):
        BuddhistDate(543, 1, 1).to_date()


@pytest.mark.parametrize("month", [1, 2, 3])
def test_be_2483_has_no_january_to_march_historically(month: int) -> None:
    for day in (1, 15, 28):
        with pytest.raises(ThaiDateError, match="BE 2483 ran from 1 April to 31 December 1940"):
            BuddhistDate(2483, month, day).to_date(historical=True)
    # ... while the days of 1940 and 1941 are BE 2482 and BE 2484
    assert BuddhistDate.from_date(date(1940, month, 1), historical=True).year == 2482
    assert BuddhistDate.from_date(date(1941, month, 1), historical=True).year == 2484


@given(st.dates(), st.booleans())
@example(date(1, 1, 1), True)
@example(date(1, 1, 1), False)
@example(date(9999, 12, 31), True)
@example(date(1940, 3, 31), True)
@example(date(1940, 4, 1), True)
@example(date(1941, 1, 1), True)
def test_date_to_buddhist_date_round_trips(d: date, historical: bool) -> None:
    be = BuddhistDate.from_date(d, historical=historical)
    assert (be.year, be.month, be.day) == (be_year_of(d, historical=historical), d.month, d.day)
    assert be.to_date(historical=historical) == d
    assert BuddhistDate(be.year, be.month, be.day) == be


@given(st.dates())
def test_historical_reckoning_differs_only_january_to_march_before_1941(d: date) -> None:
    modern = BuddhistDate.from_date(d)
    historical = BuddhistDate.from_date(d, historical=True)
    if d.year <= 1940 and d.month <= 3:
        assert historical.year == modern.year - 1
    else:
        assert historical == modern


@given(st.dates(), st.dates())
def test_buddhist_dates_order_like_dates_in_the_modern_reckoning(a: date, b: date) -> None:
    assert (BuddhistDate.from_date(a) < BuddhistDate.from_date(b)) == (a < b)


@given(st.integers(-100, 11_000), st.integers(-1, 14), st.integers(-1, 33), st.booleans())
def test_buddhist_date_construction_matches_datetime(
    year: int, month: int, day: int, historical: bool
) -> None:
    """A label exists iff datetime accepts the CE day of one reckoning."""

    def ce_day(historical: bool) -> date | None:
        ce = year - 542 if historical and month <= 3 and year <= 2482 else year - 543
        if historical and month in (1, 2, 3) and year == 2483:
            return None
        try:
            return date(ce, month, day)
        except ValueError:
            return None

    modern_day, historical_day = ce_day(False), ce_day(True)
    if modern_day is None and historical_day is None:
        with pytest.raises(ThaiDateError):
            BuddhistDate(year, month, day)
        return
    be = BuddhistDate(year, month, day)
    for flag, expected in ((False, modern_day), (True, historical_day)):
        if expected is None:
            with pytest.raises(ThaiDateError):
                be.to_date(historical=flag)
        else:
            assert be.to_date(historical=flag) == expected


# --- DESIGN §4 "Calendar", case by case ---------------------------------------------------


def test_design_be_is_ce_plus_543() -> None:
    assert BuddhistDate.from_date(date(2023, 1, 31)).year == 2566
    assert parse_date("31/01/2566") == date(2023, 1, 31)
    assert format_date(date(2023, 1, 31)) == "31/01/2566"


def test_design_before_1941_the_year_began_on_1_april() -> None:
    assert BuddhistDate.from_date(date(1940, 3, 31), historical=True) == BuddhistDate(2482, 3, 31)
    assert BuddhistDate.from_date(date(1940, 4, 1), historical=True) == BuddhistDate(2483, 4, 1)
    assert format_date(date(1940, 1, 15), historical=True) == "15/01/2482"
    assert format_date(date(1940, 1, 15)) == "15/01/2483"


def test_design_be_2483_ran_1_april_to_31_december_1940_only() -> None:
    days = [date(1940, 4, 1) + timedelta(n) for n in range(400)]
    in_2483 = [d for d in days if BuddhistDate.from_date(d, historical=True).year == 2483]
    assert in_2483[0] == date(1940, 4, 1)
    assert in_2483[-1] == date(1940, 12, 31)
    assert len(in_2483) == 275  # nine months


def test_design_15_01_2483_is_impossible_historically() -> None:
    with pytest.raises(ThaiDateError, match="15/01/2483"):
        parse_date("15/01/2483", historical=True)
    assert parse_date("15/01/2483") == date(1940, 1, 15)


def test_design_rattanakosin_era() -> None:
    assert rattanakosin_year(date(1889, 4, 1)) == 108
    assert rattanakosin_year(date(1890, 3, 31)) == 108
    assert rattanakosin_year(date(1890, 4, 1)) == 109
    assert rattanakosin_year(date(1912, 12, 31)) == 131
    assert rattanakosin_year(date(1913, 3, 31)) == 131
    for d in (date(1889, 3, 31), date(1913, 4, 1), date(2023, 1, 1), date(1, 1, 1)):
        with pytest.raises(ThaiDateError, match="Rattanakosin era"):
            rattanakosin_year(d)


@given(st.dates(date(1889, 4, 1), date(1913, 3, 31)))
def test_rattanakosin_year_is_be_minus_2324(d: date) -> None:
    assert rattanakosin_year(d) == be_year_of(d, historical=True) - 2324
    # the year began on 1 April: CE - 1781 from April, CE - 1782 before
    assert rattanakosin_year(d) == d.year - (1781 if d.month >= 4 else 1782)


def test_design_leap_years_follow_the_gregorian_year() -> None:
    assert parse_date("29/02/2567") == date(2024, 2, 29)
    with pytest.raises(ThaiDateError, match=r"February of BE 2566 \(CE 2023\) has 28 days"):
        parse_date("29/02/2566")
    assert BuddhistDate(2567, 2, 29).to_date() == date(2024, 2, 29)
    with pytest.raises(ThaiDateError):
        BuddhistDate(2566, 2, 29)
    with pytest.raises(ThaiDateError, match="CE 1900"):  # 1900 is not a leap year
        parse_date("29/02/2443")
    assert parse_date("29/02/2543") == date(2000, 2, 29)  # 2000 is


def test_design_fiscal_year() -> None:
    fy = FiscalYear(2566)
    assert (fy.start, fy.end) == (date(2022, 10, 1), date(2023, 9, 30))
    for n in (2505, 2566, 2600):
        assert FiscalYear(n).start == date(n - 544, 10, 1)
        assert FiscalYear(n).end == date(n - 543, 9, 30)


def test_design_academic_year_and_terms() -> None:
    ay = AcademicYear(2566)
    assert ay.start() == date(2023, 5, 16)
    t1, t2 = Term(ay, 1), Term(ay, 2)
    assert (t1.start(), t1.end()) == (date(2023, 5, 16), date(2023, 10, 11))
    assert (t2.start(), t2.end()) == (date(2023, 11, 1), date(2024, 4, 1))
    assert Term.of(date(2023, 10, 12)) is None  # the break
    assert Term.of(date(2023, 10, 31)) is None
    assert Term.of(date(2024, 4, 2)) is None
    calendar = SchoolCalendar(term1=((6, 1), (10, 15)))
    assert Term(ay, 1).start(calendar=calendar) == date(2023, 6, 1)  # term dates are configuration


def test_design_two_digit_years_need_a_declared_window() -> None:
    assert parse_date("31 ม.ค. 66") == date(2023, 1, 31)
    assert parse_date("31 ม.ค. 66", pivot=2600) == date(2666 - 543, 1, 31)
    assert parse_date("31 ม.ค. 99") == date(2599 - 543, 1, 31)
    assert parse_date("31 ม.ค. 00") == date(2500 - 543, 1, 31)
    assert DEFAULT_PIVOT == 2500


def test_design_month_names_and_real_world_spellings() -> None:
    assert parse_date("31 กรกฏาคม 2566") == date(2023, 7, 31)
    assert parse_date("1 ก.พ 2566") == date(2023, 2, 1)
    assert parse_date("1 มีค. 2566") == date(2023, 3, 1)
    assert parse_date("๓๑ ธ.ค. ๒๕๖๖") == date(2023, 12, 31)


# --- parse_date: valid input --------------------------------------------------------------

JAN_31_2023 = date(2023, 1, 31)


@pytest.mark.parametrize(
    "text",
    [
        # numeric
        "31/01/2566",
        "31-01-2566",
        "31.01.2566",
        "31/1/2566",
        "31/1/66",
        "31-1-66",
        "31.1.66",
        " 31/01/2566 ",
        "31 / 01 / 2566",
        "31/01/พ.ศ. 2566",
        "31/01/2566 พ.ศ.",
        "วันที่ 31/01/2566",
        # month names
        "31 ม.ค. 2566",
        "31 ม.ค. 66",
        "31 ม.ค 66",
        "31 มค 66",
        "31 มค. 2566",
        "31 มกรา 66",
        "31 มกราคม 2566",
        "31 มกราคม 66",
        "31 มกราคม พ.ศ. 2566",
        "31 มกราคม พ.ศ.2566",
        "31 มกราคม พศ 2566",
        "31 มกราคม พุทธศักราช 2566",
        "31มกราคม2566",
        "31ม.ค.66",
        "31-ม.ค.-66",
        "วันที่ 31 มกราคม พ.ศ. 2566",
        "วันที่31 มกราคม 2566",
        "วันอังคารที่ 31 มกราคม 2566",
        "วันอังคาร 31 มกราคม 2566",
        "วันอังคารที่ ๓๑ มกราคม พ.ศ. ๒๕๖๖",
        # Thai digits
        "๓๑/๐๑/๒๕๖๖",
        "๓๑/๑/๖๖",
        "๓๑ ม.ค. ๖๖",
        "๓๑ มกราคม ๒๕๖๖",
        "3๑/0๑/256๖",
        # CE with an explicit era
        "31 มกราคม ค.ศ. 2023",
        "31 มกราคม คศ 2023",
        "31 มกราคม คริสต์ศักราช 2023",
        "31 January 2023",
        "31 Jan 2023",
        "31 JAN. 2023",
        "31 January 2023 AD",
        "31 January 2023 CE",
        "31 January A.D. 2023",
        "31 January B.E. 2566",
        "31 January BE 2566",
        "January 31, 2023",
        "Jan 31 2023",
        "Tuesday, 31 January 2023",
        "Tue 31 Jan 2023",
        # four-digit CE years below 2400 under era="auto"
        "31 มกราคม 2023",
        "31/01/2023",
        # ISO, always CE
        "2023-01-31",
        "2023-01-31 00:00:00",
        "2023-01-31T23:59:59",
        "2023-01-31 12:30",
        "2023-01-31T12:30:00.123456",
        "2023-01-31T12:30:00Z",
        "2023-01-31T12:30:00+07:00",
        "2023-01-31 12:30:00 +0700",
        # normalisation applied first
        "31\u200b/01/2566",
        "31\tม.ค.\t66",
        "31\u00a0ม.ค.\u00a066",
        "31 ม.ค.\n66",
    ],
)
def test_parse_date_reads(text: str) -> None:
    assert parse_date(text) == JAN_31_2023


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("2022-10-01 00:00:00", {}, date(2022, 10, 1)),
        ("2022-09-30 00:00:00", {}, date(2022, 9, 30)),
        ("16/02/2566", {}, date(2023, 2, 16)),
        ("14/03/2566", {}, date(2023, 3, 14)),
        ("1/10/2565", {}, date(2022, 10, 1)),  # PyThaiNLP reads this as January
        ("5/12/2565", {}, date(2022, 12, 5)),
        ("31/12/2566", {}, date(2023, 12, 31)),
        ("1/1/2567", {}, date(2024, 1, 1)),
        ("31 ธันวาคม 99", {}, date(2056, 12, 31)),
        ("1 มกราคม 00", {}, date(1957, 1, 1)),
        ("31 ม.ค. 66", {"era": "be"}, JAN_31_2023),
        ("31/01/2566", {"era": "be"}, JAN_31_2023),
        ("31/01/2023", {"era": "be"}, date(1480, 1, 31)),
        ("31/01/2566", {"era": "ce"}, date(2566, 1, 31)),
        ("31/01/23", {"era": "ce"}, date(2023, 1, 31)),
        ("31/01/56", {"era": "ce"}, date(2056, 1, 31)),
        ("31/01/57", {"era": "ce"}, date(1957, 1, 31)),
        ("31/01/23", {"era": "ce", "pivot": 2000}, date(2023, 1, 31)),
        ("31/01/99", {"era": "ce", "pivot": 2000}, date(2099, 1, 31)),
        ("31/01/66", {"pivot": 2543}, date(2023, 1, 31)),
        ("31/01/42", {"pivot": 2543}, date(2642 - 543, 1, 31)),
        ("31/01/43", {"pivot": 2543}, date(2543 - 543, 1, 31)),
        ("31/01/42", {}, date(2542 - 543, 1, 31)),
        ("31 ม.ค. 66", {"pivot": 2400}, date(2466 - 543, 1, 31)),
        ("31/01/2566", {"historical": True}, JAN_31_2023),
        ("15/01/2482", {"historical": True}, date(1940, 1, 15)),
        ("15 ม.ค. 82", {"historical": True, "pivot": 2400}, date(1940, 1, 15)),
        ("15/01/2482", {}, date(1939, 1, 15)),
        ("15/01/2484", {"historical": True}, date(1941, 1, 15)),
        # an era written in the text wins over the era argument
        ("31 มกราคม พ.ศ. 2566", {"era": "ce"}, JAN_31_2023),
        ("31 มกราคม ค.ศ. 2023", {"era": "be"}, JAN_31_2023),
        ("2023-01-31", {"era": "be"}, JAN_31_2023),
        ("31 January 2023 AD", {"era": "be"}, JAN_31_2023),
        # the era="auto" boundary
        ("1/1/2399", {}, date(2399, 1, 1)),
        ("1/1/2400", {}, date(1857, 1, 1)),
        ("31/12/10542", {}, date(9999, 12, 31)),
        ("1/1/544", {"era": "be"}, date(1, 1, 1)),
        ("1/1/543", {"era": "be", "historical": True}, date(1, 1, 1)),
        ("1/1/0001", {}, date(1, 1, 1)),
        ("31/12/9999", {}, date(9999 - 543, 12, 31)),
        ("31/12/9999", {"era": "ce"}, date(9999, 12, 31)),
        ("1/1/100", {}, date(100, 1, 1)),
        ("01/01/0001 AD", {}, date(1, 1, 1)),
        ("29 ก.พ. 67", {}, date(2024, 2, 29)),
        ("29 February 2024", {}, date(2024, 2, 29)),
    ],
)
def test_parse_date_reads_with_options(
    text: str, kwargs: dict[str, object], expected: date
) -> None:
    assert parse_date(text, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kwargs", "fragment"),
    [
        # days that do not exist
        ("29/02/2566", {}, "'29/02/2566': February of BE 2566 (CE 2023) has 28 days"),
        ("31/04/2566", {}, "April of BE 2566 (CE 2023) has 30 days"),
        ("31 เม.ย. 66", {}, "April of BE 2566 (CE 2023) has 30 days"),
        ("32/01/2566", {}, "January of BE 2566 (CE 2023) has 31 days"),
        ("0/01/2566", {}, "day 0 is not a day of the month"),
        ("00/01/2566", {}, "day 0"),
        ("31/13/2566", {}, "month 13 is not 1–12"),
        ("31/00/2566", {}, "month 0 is not 1–12"),
        ("29 February 2023", {}, "February of CE 2023 has 28 days"),
        ("2023-02-29", {}, "February of CE 2023 has 28 days"),
        ("2023-13-01", {}, "month 13"),
        ("2023-01-32", {}, "January of CE 2023 has 31 days"),
        ("2023-01-31 24:00:00", {}, "time of day is out of range"),
        ("2023-01-31 23:60", {}, "time of day is out of range"),
        ("2023-01-31 23:59:60", {}, "time of day is out of range"),
        ("15/01/2483", {"historical": True}, "BE 2483 ran from 1 April to 31 December 1940"),
        ("1/1/543", {"era": "be"}, "outside the supported range"),
        ("1/1/0000", {}, "CE 0 is outside the supported range"),
        ("1/1/10543", {}, "outside the supported range"),
        ("1/1/99999", {}, "outside the supported range"),
        ("1/1/99999", {"era": "ce"}, "CE 99999 is outside"),
        # year digits
        ("31/01/6", {}, "year '6' has 1 digit"),
        ("31/01/123456", {}, "year '123456' has 6 digits"),
        # month names
        ("31 มกราคมม 2566", {}, "unknown month"),
        ("31 Janvier 2023", {}, "unknown month"),
        ("31 xx 2566", {}, "unknown month"),
        # weekday that does not match the day
        ("วันจันทร์ที่ 31 มกราคม 2566", {}, "2023-01-31 is a Tuesday (วันอังคาร)"),
        ("Monday, 31 January 2023", {}, "is a Tuesday"),
        # two eras
        ("31 มกราคม พ.ศ. 2566 ค.ศ.", {}, "names two eras"),
        # not a date at all
        ("", {}, "cannot read '' as a date"),
        ("   ", {}, "cannot read"),
        ("hello", {}, "cannot read 'hello' as a date: write it as 31/01/2566"),
        ("31/01", {}, "cannot read"),
        ("31 มกราคม", {}, "cannot read"),
        ("มกราคม 2566", {}, "cannot read"),
        ("2566", {}, "cannot read"),
        ("31/01-2566", {}, "cannot read"),
        ("31//01/2566", {}, "cannot read"),
        ("2566/01/31", {}, "cannot read"),
        ("01/31/2023x", {}, "cannot read"),
        ("31/01/2566 10:30", {}, "cannot read"),
        ("31 01 2566", {}, "cannot read"),
        ("2023-1-31", {}, "cannot read"),
        ("३१/०१/२५६६", {}, "cannot read"),  # Devanagari digits are not Thai digits
        ("x" * 101, {}, "longer than 100 characters"),
        # bad options
        ("31/01/2566", {"era": "BE"}, "unknown era 'BE'"),
        ("31 ม.ค. 66", {"era": "xx"}, "unknown era"),
        ("31/01/66", {"pivot": -1}, "pivot must be"),
        ("31/01/2566", {"pivot": 2500.0}, "pivot must be"),
    ],
)
def test_parse_date_refuses(text: str, kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        parse_date(text, **kwargs)  # type: ignore[arg-type]
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_parse_date_refuses_non_text() -> None:
    with pytest.raises(InvalidTypeError, match="takes str, got bytes"):
        parse_date(b"31/01/2566")  # type: ignore[arg-type]


def test_era_auto_threshold_is_2400() -> None:
    """era="auto": a year of three or more digits is BE from 2400 up, CE below."""
    for year in (100, 999, 1857, 2023, 2399):
        assert parse_date(f"1/6/{year:04d}").year == year
    for year in (2400, 2566, 9999, 10542):
        assert parse_date(f"1/6/{year}").year == year - 543


@given(st.integers(0, 99), st.integers(0, 99_900))
def test_pivot_window(yy: int, pivot: int) -> None:
    """The two-digit year is the one year of pivot .. pivot + 99 that ends in yy."""
    try:
        got = parse_date(f"1/6/{yy:02d}", era="be", pivot=pivot)
    except ThaiDateError:
        be = next(y for y in range(pivot, pivot + 100) if y % 100 == yy)
        assert not 544 <= be <= 10542
        return
    be = got.year + 543
    assert pivot <= be <= pivot + 99
    assert be % 100 == yy


# --- parse_date: properties ---------------------------------------------------------------


@given(
    d=st.dates(),
    style=st.sampled_from(STYLES),
    era=st.booleans(),
    thai_digits=st.booleans(),
    historical=st.booleans(),
)
@example(date(1, 1, 1), "short", False, False, True)
@example(date(1, 1, 1), "numeric", False, True, False)
@example(date(9999, 12, 31), "long", True, True, False)
@example(date(1940, 1, 15), "long", False, False, True)
def test_format_then_parse_round_trips(
    d: date, style: str, era: bool, thai_digits: bool, historical: bool
) -> None:
    text = format_date(
        d,
        style,  # type: ignore[arg-type]
        era=era,
        thai_digits=thai_digits,
        historical=historical,
    )
    be = be_year_of(d, historical=historical)
    pivot = be // 100 * 100 if style == "short" else None
    assert parse_date(text, era="be", historical=historical, pivot=pivot) == d
    if era:  # the text says พ.ศ.: era="auto" and even era="ce" read it as BE
        assert parse_date(text, era="ce", historical=historical, pivot=pivot) == d
    if be >= 2400 and style != "short":
        assert parse_date(text, historical=historical) == d


@given(st.dates(), st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y"]))
def test_ce_texts_round_trip(d: date, fmt: str) -> None:
    month = ENGLISH_MONTHS[d.month - 1]
    text = fmt.replace("%d", f"{d.day:02d}").replace("%m", f"{d.month:02d}")
    text = text.replace("%Y", f"{d.year:04d}").replace("%B", month).replace("%b", month[:3])
    assert parse_date(text, era="ce") == d
    if d.year < 2400:
        assert parse_date(text) == d


FRAGMENTS = [
    "31",
    "1",
    "0",
    "29",
    "02",
    "13",
    "2566",
    "66",
    "2023",
    "99999",
    "๓๑",
    "๒๕๖๖",
    "/",
    "-",
    ".",
    ",",
    ":",
    " ",
    "\t",
    "\n",
    "\u200b",
    "ม.ค.",
    "มกราคม",
    "ก.พ",
    "กรกฏาคม",
    "มีค.",
    "January",
    "jan",
    "พ.ศ.",
    "ค.ศ.",
    "B.E.",
    "AD",
    "วันที่",
    "วันจันทร์ที่",
    "Monday,",
    "T",
    "Z",
    "+07:00",
    "00:00:00",
    "\u0e4d\u0e32",
    "ภาคเรียนที่",
    "é",
    "\x00",
    "\U0001f600",
]
DATE_LIKE = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)


@given(
    text=st.one_of(st.text(), DATE_LIKE),
    era=st.sampled_from(["auto", "be", "ce"]),
    historical=st.booleans(),
    pivot=st.none() | st.integers(0, 99_999),
)
def test_parse_date_gives_a_date_or_thaidateerror(
    text: str, era: str, historical: bool, pivot: int | None
) -> None:
    result = outcome(
        lambda: parse_date(text, era=era, historical=historical, pivot=pivot)  # type: ignore[arg-type]
    )
    if isinstance(result, ThaiDateError):
        assert str(result)
        assert "\n" not in str(result)
    else:
        assert type(result) is date


@st.composite
def structured_dates(draw: st.DrawFn) -> tuple[str, date | None, dict[str, object]]:
    """Text from parts with known meaning, and the date it must give (None: an error)."""
    day = draw(st.integers(0, 32))
    month = draw(st.integers(0, 13))
    era_arg = draw(st.sampled_from(["auto", "be", "ce"]))
    mark = draw(st.sampled_from([None, "be", "ce"]))
    n_digits = draw(st.sampled_from([2, 4]))
    year_value = draw(st.integers(0, 99) if n_digits == 2 else st.integers(0, 9999))
    written_year = f"{year_value:0{n_digits}d}"
    if month in range(1, 13) and draw(st.booleans()):
        month_text = draw(st.sampled_from([MONTHS_LONG[month - 1], MONTHS_SHORT[month - 1]]))
        sep = " "
        head = f"{day} {month_text} "
    else:
        sep = draw(st.sampled_from(["/", "-", "."]))
        head = f"{day:02d}{sep}{month:02d}{sep}"
    mark_text = {None: "", "be": "พ.ศ. ", "ce": "ค.ศ. "}[mark]
    text = f"{head}{mark_text}{written_year}"
    if draw(st.booleans()):
        text = text.translate(THAI)
    # the rule, from the docstring of parse_date
    is_be = (
        (mark == "be")
        if mark
        else ((n_digits == 2 or year_value >= 2400) if era_arg == "auto" else era_arg == "be")
    )
    year = year_value
    if n_digits == 2:
        year = (2500 if is_be else 1957) + (year_value - (2500 if is_be else 1957)) % 100
    ce_year = year - 543 if is_be else year
    try:
        expected: date | None = date(ce_year, month, day)
    except ValueError:
        expected = None
    return text, expected, {"era": era_arg}


@given(structured_dates())
def test_parse_date_never_returns_a_wrong_date(
    case: tuple[str, date | None, dict[str, object]],
) -> None:
    text, expected, kwargs = case
    if expected is None:
        with pytest.raises(ThaiDateError):
            parse_date(text, **kwargs)  # type: ignore[arg-type]
    else:
        assert parse_date(text, **kwargs) == expected  # type: ignore[arg-type]


# --- format_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "style", "kwargs", "expected"),
    [
        (JAN_31_2023, "numeric", {}, "31/01/2566"),
        (JAN_31_2023, "short", {}, "31 ม.ค. 66"),
        (JAN_31_2023, "long", {}, "31 มกราคม 2566"),
        (JAN_31_2023, "long", {"era": True}, "31 มกราคม พ.ศ. 2566"),
        (JAN_31_2023, "short", {"era": True}, "31 ม.ค. พ.ศ. 66"),
        (JAN_31_2023, "numeric", {"era": True}, "31/01/พ.ศ. 2566"),
        (JAN_31_2023, "numeric", {"thai_digits": True}, "๓๑/๐๑/๒๕๖๖"),
        (JAN_31_2023, "short", {"thai_digits": True}, "๓๑ ม.ค. ๖๖"),
        (JAN_31_2023, "long", {"era": True, "thai_digits": True}, "๓๑ มกราคม พ.ศ. ๒๕๖๖"),
        (date(2023, 7, 1), "numeric", {}, "01/07/2566"),
        (date(2023, 7, 1), "short", {}, "1 ก.ค. 66"),
        (date(2023, 7, 1), "long", {}, "1 กรกฎาคม 2566"),
        (date(2043, 2, 5), "short", {}, "5 ก.พ. 86"),
        (date(2057, 1, 1), "short", {}, "1 ม.ค. 00"),
        (date(2066, 1, 1), "short", {}, "1 ม.ค. 09"),
        (date(1, 1, 1), "numeric", {}, "01/01/544"),
        (date(1, 1, 1), "numeric", {"historical": True}, "01/01/543"),
        (date(1, 1, 1), "short", {"historical": True}, "1 ม.ค. 43"),
        (date(9999, 12, 31), "long", {}, "31 ธันวาคม 10542"),
        (date(9999, 12, 31), "short", {}, "31 ธ.ค. 42"),
        (date(1940, 1, 15), "long", {}, "15 มกราคม 2483"),
        (date(1940, 1, 15), "long", {"historical": True}, "15 มกราคม 2482"),
        (date(1940, 4, 1), "long", {"historical": True}, "1 เมษายน 2483"),
        (datetime(2023, 1, 31, 23, 59), "numeric", {}, "31/01/2566"),  # noqa: DTZ001
    ],
)
def test_format_date(d: date, style: str, kwargs: dict[str, bool], expected: str) -> None:
    assert format_date(d, style, **kwargs) == expected  # type: ignore[arg-type]


def test_format_date_refuses() -> None:
    with pytest.raises(ThaiDateError, match="unknown style 'medium'"):
        format_date(JAN_31_2023, "medium")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="takes a date"):
        format_date("2023-01-31")  # type: ignore[arg-type]


@given(st.dates(), st.sampled_from(STYLES), st.booleans(), st.booleans())
def test_format_date_layout(d: date, style: str, era: bool, historical: bool) -> None:
    text = format_date(d, style, era=era, historical=historical)  # type: ignore[arg-type]
    be = be_year_of(d, historical=historical)
    prefix = "พ.ศ. " if era else ""
    expected = {
        "numeric": f"{d.day:02d}/{d.month:02d}/{prefix}{be}",
        "short": f"{d.day} {MONTHS_SHORT[d.month - 1]} {prefix}{str(be)[-2:]}",
        "long": f"{d.day} {MONTHS_LONG[d.month - 1]} {prefix}{be}",
    }[style]
    assert text == expected
    assert format_date(d, style, era=era, historical=historical, thai_digits=True) == (  # type: ignore[arg-type]
        expected.translate(THAI)
    )


# --- Java agreement -----------------------------------------------------------------------


def java_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in JAVA_TSV.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            iso, long, short, numeric = line.split("\t")
            rows.append((iso, long, short, numeric))
    return rows


def test_java_sample_covers_1583_to_9000() -> None:
    rows = java_rows()
    assert len(rows) >= 3000
    days = sorted(date.fromisoformat(r[0]) for r in rows)
    assert days[0] == date(1583, 1, 1)
    assert days[-1] == date(9000, 12, 31)
    assert {d.month for d in days} == set(range(1, 13))
    assert any(d.month == 2 and d.day == 29 for d in days)
    assert JAVA_TSV.read_text(encoding="utf-8").startswith("# java 17")


def test_long_short_and_numeric_agree_with_java_on_every_row() -> None:
    mismatches = []
    for iso, long, short, numeric in java_rows():
        d = date.fromisoformat(iso)
        ours = (format_date(d, "long"), format_date(d, "short"), format_date(d, "numeric"))
        if ours != (long, short, numeric):
            mismatches.append((iso, ours, (long, short, numeric)))
    assert not mismatches, mismatches[:5]


def test_parse_date_reads_every_java_row() -> None:
    for iso, long, short, numeric in java_rows():
        d = date.fromisoformat(iso)
        pivot = (d.year + 543) // 100 * 100
        assert parse_date(long, era="be") == d
        assert parse_date(numeric, era="be") == d
        assert parse_date(short, pivot=pivot) == d
        if d.year + 543 >= 2400:
            assert parse_date(long) == parse_date(numeric) == d


def test_month_tables_are_javas() -> None:
    rows = {date.fromisoformat(r[0]): r for r in java_rows()}
    for month in range(1, 13):
        _, long, short, _ = rows[date(2023, month, 1)]
        assert long == f"1 {MONTHS_LONG[month - 1]} 2566"
        assert short == f"1 {MONTHS_SHORT[month - 1]} 66"


def run_java(*args: str, stdin: str = "") -> str:
    java = shutil.which("java")
    assert java is not None
    result = subprocess.run(
        [java, "-Dfile.encoding=UTF-8", str(JAVA_SOURCE), *args],
        input=stdin.encode(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8")


needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="java (JDK 11+) is not on PATH"
)


@needs_java
def test_live_java_agrees_on_fresh_random_dates() -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)  # noqa: S311 (test data, not cryptography)
    lo, hi = date(1583, 1, 1).toordinal(), date(9000, 12, 31).toordinal()
    days = [date.fromordinal(rng.randint(lo, hi)) for _ in range(500)]
    out = run_java(stdin="".join(f"{d.isoformat()}\n" for d in days))
    lines = out.splitlines()
    assert len(lines) == len(days)
    for d, line in zip(days, lines, strict=True):
        iso, long, short, numeric = line.split("\t")
        assert iso == d.isoformat()
        assert format_date(d, "long") == long, f"seed {seed}"
        assert format_date(d, "short") == short, f"seed {seed}"
        assert format_date(d, "numeric") == numeric, f"seed {seed}"


@needs_java
def test_committed_java_sample_is_what_java_prints() -> None:
    assert run_java("--sample") == JAVA_TSV.read_text(encoding="utf-8")


# --- FiscalYear ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "be_year", "quarter"),
    [
        (date(2022, 10, 1), 2566, 1),
        (date(2022, 12, 31), 2566, 1),
        (date(2023, 1, 1), 2566, 2),
        (date(2023, 1, 31), 2566, 2),
        (date(2023, 3, 31), 2566, 2),
        (date(2023, 4, 1), 2566, 3),
        (date(2023, 6, 30), 2566, 3),
        (date(2023, 7, 1), 2566, 4),
        (date(2023, 9, 30), 2566, 4),
        (date(2023, 10, 1), 2567, 1),
        (date(2022, 9, 30), 2565, 4),
        (date(1, 1, 1), 544, 2),
        (date(9999, 12, 31), 10543, 1),
    ],
)
def test_fiscal_year_of(d: date, be_year: int, quarter: int) -> None:
    fy = FiscalYear.of(d)
    assert fy == FiscalYear(be_year)
    assert fy.be_year == be_year
    assert d in fy
    assert fy.quarter(d) == quarter


def test_fiscal_year_api() -> None:
    fy = FiscalYear(2566)
    assert (fy.ce_start_year, fy.ce_end_year) == (2022, 2023)
    assert str(fy) == "FY 2566"
    assert fy.label_th == "ปีงบประมาณ พ.ศ. 2566"
    assert fy.label_en == "fiscal year BE 2566"
    assert repr(fy) == "FiscalYear(be_year=2566)"
    assert fy.quarters() == (
        (date(2022, 10, 1), date(2022, 12, 31)),
        (date(2023, 1, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 9, 30)),
    )
    assert fy.quarter_start(3) == date(2023, 4, 1)
    assert fy.quarter_end(1) == date(2022, 12, 31)
    assert FiscalYear(2565) < fy < FiscalYear(2567)
    assert sorted([FiscalYear(2567), FiscalYear(2565)]) == [FiscalYear(2565), FiscalYear(2567)]
    assert len({fy, FiscalYear(2566)}) == 1
    assert "2023-01-31" not in fy  # only dates are in a year
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fy.be_year = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: FiscalYear(2566.0), InvalidTypeError, "must be an int"),  # type: ignore[arg-type]
        (lambda: FiscalYear("2566"), InvalidTypeError, "must be an int"),  # type: ignore[arg-type]
        (lambda: FiscalYear(True), InvalidTypeError, "must be an int"),
        (lambda: FiscalYear(543), ThaiDateError, "FiscalYear(543): the BE year must be 544–10543"),
        (lambda: FiscalYear(10544), ThaiDateError, "544–10543"),
        (lambda: FiscalYear(2566).quarter(date(2023, 10, 1)), ThaiDateError, "not in FY 2566"),
        (lambda: FiscalYear(2566).quarter_start(0), ThaiDateError, "1, 2, 3 or 4"),
        (lambda: FiscalYear(2566).quarter_end(5), ThaiDateError, "1, 2, 3 or 4"),
        (lambda: FiscalYear(544).start, ThaiDateError, "outside 1–9999"),
        (lambda: FiscalYear(10543).end, ThaiDateError, "outside 1–9999"),
    ],
)
def test_fiscal_year_refuses(call: object, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        call()  # type: ignore[operator]
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "FY 2566",
        "fy2566",
        "FY 66",
        "ปีงบประมาณ พ.ศ. 2566",
        "ปีงบประมาณ 2566",
        "ปีงบประมาณ ๒๕๖๖",
        "fiscal year BE 2566",
        "2566",
        "ปีงบ 66",
    ],
)
def test_fiscal_year_parse(text: str) -> None:
    assert FiscalYear.parse(text) == FiscalYear(2566)


@pytest.mark.parametrize("text", ["", "FY", "FY 2023", "year 2566", "FY 25666", "FY 6"])
def test_fiscal_year_parse_refuses(text: str) -> None:
    with pytest.raises(ThaiDateError):
        FiscalYear.parse(text)


@given(st.dates())
def test_fiscal_year_of_contains_the_day(d: date) -> None:
    fy = FiscalYear.of(d)
    assert d in fy
    for other in (fy.be_year - 1, fy.be_year + 1):
        if 544 <= other <= 10543:
            assert d not in FiscalYear(other)
            assert (FiscalYear(other) > fy) == (other > fy.be_year)
    assert 1 <= fy.quarter(d) <= 4
    if 545 <= fy.be_year <= 10542:
        assert fy.start <= d <= fy.end
        q = fy.quarter(d)
        assert fy.quarter_start(q) <= d <= fy.quarter_end(q)
        # the BE name is the CE year of 30 September plus 543
        assert fy.be_year == fy.end.year + 543


@given(st.integers(545, 10542))
def test_fiscal_year_quarters_tile_the_year(be_year: int) -> None:
    fy = FiscalYear(be_year)
    quarters = fy.quarters()
    assert quarters[0][0] == fy.start
    assert quarters[-1][1] == fy.end
    for (_, end), (start, _) in itertools.pairwise(quarters):
        assert start - end == timedelta(1)
    assert FiscalYear(be_year + 1).start - fy.end == timedelta(1)


# --- AcademicYear and Term ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "ay", "term"),
    [
        (date(2023, 5, 15), 2565, None),
        (date(2023, 5, 16), 2566, 1),
        (date(2023, 10, 11), 2566, 1),
        (date(2023, 10, 12), 2566, None),
        (date(2023, 10, 31), 2566, None),
        (date(2023, 11, 1), 2566, 2),
        (date(2024, 1, 31), 2566, 2),
        (date(2024, 2, 29), 2566, 2),
        (date(2024, 4, 1), 2566, 2),
        (date(2024, 4, 2), 2566, None),
        (date(2024, 5, 15), 2566, None),
        (date(2024, 5, 16), 2567, 1),
        (date(2023, 1, 31), 2565, 2),
        (date(1, 1, 1), 543, 2),
        (date(9999, 12, 31), 10542, 2),
    ],
)
def test_academic_year_and_term_of(d: date, ay: int, term: int | None) -> None:
    assert AcademicYear.of(d) == AcademicYear(ay)
    assert AcademicYear(ay).contains(d)
    got = Term.of(d)
    if term is None:
        assert got is None
    else:
        assert got == Term(AcademicYear(ay), term)
        assert got.contains(d)


def test_academic_year_api() -> None:
    ay = AcademicYear(2566)
    assert ay.be_year == 2566
    assert (ay.ce_start_year, ay.ce_end_year) == (2023, 2024)
    assert (ay.start(), ay.end()) == (date(2023, 5, 16), date(2024, 5, 15))
    assert str(ay) == "AY 2566"
    assert ay.label_th == "ปีการศึกษา 2566"
    assert ay.label_en == "academic year 2566"
    assert repr(ay) == "AcademicYear(be_year=2566)"
    assert ay.terms() == (Term(ay, 1), Term(ay, 2))
    assert AcademicYear(2565) < ay
    assert len({ay, AcademicYear(2566)}) == 1
    assert AcademicYear.parse("ปีการศึกษา 2566") == ay
    assert AcademicYear.parse("AY 66") == ay
    assert AcademicYear.parse("2566") == ay
    with pytest.raises(ThaiDateError):
        AcademicYear.parse("ปีงบประมาณ 2566")
    with pytest.raises(ThaiDateError, match="reads as a CE year"):
        AcademicYear.parse("2023")
    with pytest.raises(ThaiDateError, match="outside 1–9999"):
        AcademicYear(543).start()
    with pytest.raises(ThaiDateError, match="outside 1–9999"):
        AcademicYear(10542).end()
    assert AcademicYear(10542).start() == date(9999, 5, 16)
    with pytest.raises(ThaiDateError, match="543–10542"):
        AcademicYear(542)
    with pytest.raises(InvalidTypeError):
        AcademicYear("2566")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _ = AcademicYear(2566) < FiscalYear(2566)  # type: ignore[operator]


def test_term_api() -> None:
    t = Term(AcademicYear(2566), 1)
    assert (t.academic_year, t.number) == (AcademicYear(2566), 1)
    assert str(t) == "1/2566"
    assert t.label_th == "ภาคเรียนที่ 1/2566"
    assert t.label_en == "term 1/2566"
    assert repr(t) == "Term(academic_year=AcademicYear(be_year=2566), number=1)"
    assert eval(repr(t), vars(thaidate)) == t  # noqa: S307
    assert (
        Term(AcademicYear(2565), 2) < t < Term(AcademicYear(2566), 2) < Term(AcademicYear(2567), 1)
    )
    assert len({t, Term(AcademicYear(2566), 1)}) == 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.number = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("number", "error"),
    [
        (0, ThaiDateError),
        (3, ThaiDateError),
        (-1, ThaiDateError),
        (1.0, InvalidTypeError),
        ("1", InvalidTypeError),
        (True, InvalidTypeError),
    ],
)
def test_term_number_is_1_or_2(number: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="Term number"):
        Term(AcademicYear(2566), number)  # type: ignore[arg-type]


def test_term_needs_an_academic_year() -> None:
    with pytest.raises(InvalidTypeError, match=r"write Term\(AcademicYear\(2566\), 1\)"):
        Term(2566, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2566", (2566, 1)),
        ("2/2566", (2566, 2)),
        (" 1 / 2566 ", (2566, 1)),
        ("ภาคเรียนที่ 1/2566", (2566, 1)),
        ("ภาคเรียนที่1/2566", (2566, 1)),
        ("ภาคเรียนที่ 2 ปีการศึกษา 2565", (2565, 2)),
        ("ภาคเรียนที่ ๑/๒๕๖๖", (2566, 1)),
        ("เทอม 1/66", (2566, 1)),
        ("term 2/2566", (2566, 2)),
        ("Term 1/2566", (2566, 1)),
        ("1/66", (2566, 1)),
    ],
)
def test_term_parse(text: str, expected: tuple[int, int]) -> None:
    assert Term.parse(text) == Term(AcademicYear(expected[0]), expected[1])


@pytest.mark.parametrize(
    "text",
    ["", "1", "3/2566", "0/2566", "1/2566x", "1-2566", "1/6", "1/25666", "1/2023", "ภาค 1/2566"],
)
def test_term_parse_refuses(text: str) -> None:
    with pytest.raises(ThaiDateError):
        Term.parse(text)


@given(st.integers(543, 10542), st.sampled_from([1, 2]))
def test_term_str_parse_round_trips(year: int, number: int) -> None:
    term = Term(AcademicYear(year), number)
    assume(year >= 2400)  # a bare year below 2400 reads as CE
    assert Term.parse(str(term)) == term
    assert Term.parse(term.label_th) == term
    assert Term.parse(term.label_en) == term


@given(st.dates())
def test_terms_never_overlap(d: date) -> None:
    ay = AcademicYear.of(d)
    holders = [
        Term(AcademicYear(y), n)
        for y in range(max(ay.be_year - 1, 543), min(ay.be_year + 1, 10542) + 1)
        for n in (1, 2)
        if Term(AcademicYear(y), n).contains(d)
    ]
    assert len(holders) <= 1
    assert Term.of(d) == (holders[0] if holders else None)
    if holders:
        assert holders[0].academic_year == ay


@given(st.integers(544, 10540))
def test_academic_years_tile_time(be_year: int) -> None:
    ay, nxt = AcademicYear(be_year), AcademicYear(be_year + 1)
    assert nxt.start() - ay.end() == timedelta(1)
    t1, t2 = ay.terms()
    assert ay.start() <= t1.start() <= t1.end() < t2.start() <= t2.end() <= ay.end()
    assert AcademicYear.of(ay.start()) == ay
    assert AcademicYear.of(ay.end()) == ay


# --- SchoolCalendar -----------------------------------------------------------------------

COVID_2563 = AcademicYearDates(
    2563,
    date(2020, 5, 16),
    (date(2020, 7, 1), date(2020, 11, 13)),
    (date(2020, 12, 1), date(2021, 4, 9)),
)


def test_school_calendar_defaults_are_the_moe_dates() -> None:
    cal = SchoolCalendar()
    assert cal == thaidate.MOE_CALENDAR
    assert cal.year_start == (5, 16)
    assert cal.term1 == ((5, 16), (10, 11))
    assert cal.term2 == ((11, 1), (4, 1))
    assert cal.year_dates(2566) == AcademicYearDates(
        2566,
        date(2023, 5, 16),
        (date(2023, 5, 16), date(2023, 10, 11)),
        (date(2023, 11, 1), date(2024, 4, 1)),
    )
    assert hash(cal) == hash(SchoolCalendar())


def test_school_calendar_with_overrides() -> None:
    cal = SchoolCalendar(overrides=[COVID_2563])
    assert cal.overrides == (COVID_2563,)
    assert cal.year_dates(2563) is COVID_2563
    assert Term.of(date(2020, 6, 15), calendar=cal) is None
    assert Term.of(date(2020, 6, 15)) == Term(AcademicYear(2563), 1)
    assert Term.of(date(2021, 4, 9), calendar=cal) == Term(AcademicYear(2563), 2)
    assert Term(AcademicYear(2563), 2).end(calendar=cal) == date(2021, 4, 9)
    assert Term(AcademicYear(2564), 1).start(calendar=cal) == date(2021, 5, 16)
    assert cal == SchoolCalendar(overrides=(COVID_2563,))
    assert cal != SchoolCalendar()
    assert hash(cal) == hash(SchoolCalendar(overrides=(COVID_2563,)))


def test_school_calendar_override_may_move_the_year_start() -> None:
    late = AcademicYearDates(
        2564, date(2021, 6, 14), (date(2021, 6, 14), date(2021, 10, 1)),
        (date(2021, 11, 1), date(2022, 4, 1)),
    )  # fmt: skip
    cal = SchoolCalendar(overrides=[late])
    assert AcademicYear(2563).end(calendar=cal) == date(2021, 6, 13)
    assert AcademicYear.of(date(2021, 6, 1), calendar=cal) == AcademicYear(2563)
    assert AcademicYear.of(date(2021, 6, 14), calendar=cal) == AcademicYear(2564)
    assert AcademicYear(2564).start(calendar=cal) == date(2021, 6, 14)


def test_university_calendar() -> None:
    cal = SchoolCalendar(year_start=(8, 1), term1=((8, 1), (12, 20)), term2=((1, 8), (5, 31)))
    assert AcademicYear(2566).start(calendar=cal) == date(2023, 8, 1)
    assert AcademicYear(2566).end(calendar=cal) == date(2024, 7, 31)
    assert Term.of(date(2024, 3, 1), calendar=cal) == Term(AcademicYear(2566), 2)
    assert Term.of(date(2023, 7, 1), calendar=cal) is None
    assert AcademicYear.of(date(2023, 7, 1), calendar=cal) == AcademicYear(2565)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"year_start": (2, 30)}, "is not a (month, day) pair"),
        ({"year_start": (2, 29)}, "29 February"),
        ({"year_start": 5}, "is not a (month, day) pair"),
        ({"term1": ((5, 16),)}, "a term is ((month, day), (month, day))"),
        ({"term1": ((10, 11), (5, 16))}, "terms must be in order"),
        ({"term2": ((10, 1), (4, 1))}, "terms must be in order"),
        ({"term2": ((11, 1), (5, 16))}, "terms must be in order"),  # runs into the next year
        ({"overrides": [COVID_2563, COVID_2563]}, "the same academic year twice"),
        (
            {"overrides": [attrs.evolve(COVID_2563, term2=(date(2020, 12, 1), date(2021, 6, 1)))]},
            "not before academic year 2564 starts",
        ),
    ],
)
def test_school_calendar_refuses(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ThaiDateError) as info:
        SchoolCalendar(**kwargs)  # type: ignore[arg-type]
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((2563, date(2021, 1, 1), COVID_2563.term1, COVID_2563.term2), "must start in CE 2020"),
        ((2563, date(2020, 8, 1), COVID_2563.term1, COVID_2563.term2), "in order"),
        ((2563, date(2020, 5, 16), COVID_2563.term2, COVID_2563.term1), "in order"),
    ],
)
def test_academic_year_dates_refuses(args: tuple[object, ...], fragment: str) -> None:
    with pytest.raises(ThaiDateError, match=fragment):
        AcademicYearDates(*args)  # type: ignore[arg-type]


def test_academic_year_dates_refuses_wrong_types() -> None:
    with pytest.raises(InvalidTypeError, match="term1 must be a"):
        AcademicYearDates(2563, date(2020, 5, 16), [date(2020, 7, 1)], COVID_2563.term2)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="start must be a date"):
        AcademicYearDates(2563, "2020-05-16", COVID_2563.term1, COVID_2563.term2)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="overrides take AcademicYearDates"):
        SchoolCalendar(overrides=[2563])  # type: ignore[list-item]


# --- every parser: arbitrary text gives a value or ThaiDateError --------------------------


@given(st.one_of(st.text(), DATE_LIKE, st.from_regex(r"\A.{0,3}[12]\s?/\s?[0-9]{2,6}\Z")))
def test_other_parsers_give_a_value_or_thaidateerror(text: str) -> None:
    for parse in (Term.parse, FiscalYear.parse, AcademicYear.parse, month_number):
        result = outcome(lambda parse=parse: parse(text))  # type: ignore[misc]
        assert "\n" not in str(result)


@pytest.mark.parametrize(
    "parse", [parse_date, Term.parse, FiscalYear.parse, AcademicYear.parse], ids=repr
)
def test_long_text_is_refused_not_truncated(parse: object) -> None:
    text = "1/2566" + " " * 200
    with pytest.raises(ThaiDateError, match="longer than 100 characters"):
        parse(text)  # type: ignore[operator]


def test_datetimes_work_wherever_dates_do() -> None:
    dt = datetime(1900, 1, 1, 12, 30)  # noqa: DTZ001 (a naive datetime on purpose)
    assert rattanakosin_year(dt) == 118  # ร.ศ. 118 began on 1 April 1899
    assert format_date(dt, "long") == "1 มกราคม 2443"
    assert BuddhistDate.from_date(dt, historical=True) == BuddhistDate(2442, 1, 1)
    assert dt in FiscalYear(2443)
    assert AcademicYear.of(dt) == AcademicYear(2442)
    assert AcademicYear(2442).contains(dt)
    assert Term.of(dt) == Term(AcademicYear(2442), 2)
    assert Term(AcademicYear(2442), 2).contains(dt)


@pytest.mark.parametrize("text", ["2566-01-31", "2566-01-31 00:00:00", "2400-01-01", "9999-12-31"])
def test_iso_with_a_be_looking_year_is_refused_in_auto_mode(text: str) -> None:
    with pytest.raises(ThaiDateError, match="looks like a BE year"):
        parse_date(text)
    year = int(text[:4])
    assert parse_date(text, era="ce").year == year
    assert parse_date(text, era="be").year == year  # ISO is CE whatever the era


@pytest.mark.parametrize("text", ["2399-12-31", "2023-01-31", "0001-01-01"])
def test_iso_below_2400_is_read_as_ce(text: str) -> None:
    assert parse_date(text).isoformat() == text
