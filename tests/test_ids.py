"""Identifiers: shape checks, checksum, masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.ids import CitizenId, GCode, ProjectCode, SchoolCode, citizen_id_check_digit


def spec_check_digit(first12: str) -> int:
    """DESIGN §4, written out independently: d13 = (11 − Σ_{i=1..12} d_i·(14−i) mod 11) mod 10."""
    total = 0
    for i in range(1, 13):
        total += int(first12[i - 1]) * (14 - i)
    return (11 - total % 11) % 10


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_check_digit_follows_the_published_formula(first12: str) -> None:
    assert citizen_id_check_digit(first12) == spec_check_digit(first12)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_exactly_one_check_digit_is_valid(first12: str) -> None:
    valid = [d for d in "0123456789" if CitizenId(first12 + d).is_valid]
    assert valid == [str(spec_check_digit(first12))]


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("1-1017-00230-70-8", "1101700230708"),
        ("1 1017 00230 70 8", "1101700230708"),
        ("๑๑๐๑๗๐๐๒๓๐๗๐๘", "1101700230708"),
        ("1101700230708", "1101700230708"),
    ],
)
def test_parse_accepts_usual_spellings(text: str, digits: str) -> None:
    assert CitizenId.parse(text).reveal() == digits


@pytest.mark.parametrize(
    "bad",
    ["", "123", "12345678901234", "110170023070x", "๑๑๐๑๗๐๐๒๓๐๗๐๘", " 1101700230708", "１１０１"],
)
def test_citizen_id_refuses_what_is_not_13_ascii_digits(bad: str) -> None:
    with pytest.raises(InvalidValueError, match="13 ASCII digits") as info:
        CitizenId(bad)
    assert bad.strip() not in str(info.value) or not bad.strip()


@pytest.mark.parametrize("bad", [1101700230708, None, b"1101700230708"])
def test_citizen_id_refuses_wrong_types(bad: object) -> None:
    with pytest.raises(InvalidTypeError, match="must be a str"):
        CitizenId(bad)  # type: ignore[arg-type]


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_citizen_id_never_shows_its_digits(digits: str) -> None:
    cid = CitizenId(digits)
    for shown in (repr(cid), str(cid), f"{cid}", repr([cid])):
        assert digits not in shown
        assert not any(ch.isdigit() for ch in shown)
    assert cid.reveal() == digits
    assert cid.person_type == int(digits[0])


def test_citizen_ids_compare_by_value_and_hash() -> None:
    assert CitizenId("1101700230708") == CitizenId.parse("1-1017-00230-70-8")
    assert len({CitizenId("1101700230708"), CitizenId("1101700230708")}) == 1


@pytest.mark.parametrize(
    ("text", "year", "province"),
    [("G664200000001", 66, "42"), ("g 6610 0000 0099", 66, "10"), ("G๖๕๑๐๑๒๓๔๕๖๗๘", 65, "10")],
)
def test_gcode_parts(text: str, year: int, province: str) -> None:
    g = GCode.parse(text)
    assert (g.be_year_2, g.province) == (year, province)
    assert "G" in str(g)
    assert g.reveal()[3:5] not in repr(g).replace("GCode", "")


@pytest.mark.parametrize("bad", ["", "G12345", "X664200000001", "G66420000000A", "G6642000000012"])
def test_gcode_refuses_bad_shapes(bad: str) -> None:
    with pytest.raises(InvalidValueError, match="GCode needs"):
        GCode(bad)


def test_project_code_round_trips_through_text() -> None:
    code = ProjectCode.parse(" ๕๐๔๙๐๐๐๐-๓๖๓๒ ")
    assert (code.agency, code.serial) == ("50490000", "3632")
    assert str(code) == "50490000-3632"
    assert ProjectCode.parse(str(code)) == code
    assert repr(code) == "ProjectCode('50490000-3632')"


@pytest.mark.parametrize("bad", ["5049000-3632", "50490000_3632", "50490000-363", "", "abc"])
def test_project_code_refuses_bad_shapes(bad: str) -> None:
    assert not ProjectCode.is_well_formed(bad)
    with pytest.raises(InvalidValueError, match="8 digits"):
        ProjectCode.parse(bad)


@pytest.mark.parametrize(("agency", "serial"), [("5049000", "3632"), ("50490000", "36")])
def test_project_code_fields_are_checked(agency: str, serial: str) -> None:
    with pytest.raises(InvalidValueError):
        ProjectCode(agency, serial)


def test_school_code() -> None:
    assert SchoolCode("3100100101").is_bma
    assert not SchoolCode("1010720001").is_bma
    with pytest.raises(InvalidValueError, match="10 digits"):
        SchoolCode("310010010")
