"""Tests for dropout_model.thaitext: Thai digits and the declared normalisation."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model import thaitext
from dropout_model.thaitext import (
    THAI_DIGITS,
    ZERO_WIDTH,
    normalize,
    to_arabic_digits,
    to_thai_digits,
)

NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
MAI_EK, MAI_THO, MAI_TRI, MAI_CHATTAWA = "\u0e48", "\u0e49", "\u0e4a", "\u0e4b"


# --- digits -------------------------------------------------------------------------------


def test_thai_digit_table_is_u0e50_to_u0e59() -> None:
    assert [unicodedata.name(c) for c in THAI_DIGITS] == [
        f"THAI DIGIT {n}"
        for n in "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE".split()  # noqa: SIM905
    ]
    assert [unicodedata.digit(c) for c in THAI_DIGITS] == list(range(10))


@pytest.mark.parametrize(
    ("arabic", "thai"),
    [
        ("", ""),
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        ("31/01/2566", "๓๑/๐๑/๒๕๖๖"),
        ("31 ม.ค. 66", "๓๑ ม.ค. ๖๖"),
        ("ปีงบประมาณ พ.ศ. 2566", "ปีงบประมาณ พ.ศ. ๒๕๖๖"),
        ("50490000-3632", "๕๐๔๙๐๐๐๐-๓๖๓๒"),
        ("no digits", "no digits"),
        ("½ ² ٣", "½ ² ٣"),  # other digit-like characters are left alone
    ],
)
def test_digits_both_ways(arabic: str, thai: str) -> None:
    assert to_thai_digits(arabic) == thai
    assert to_arabic_digits(thai) == arabic


def test_mixed_digits_become_one_script() -> None:
    assert to_arabic_digits("๓1/๐1/25๖๖") == "31/01/2566"
    assert to_thai_digits("๓1/๐1/25๖๖") == "๓๑/๐๑/๒๕๖๖"


@given(st.text())
def test_digit_conversion_round_trips(text: str) -> None:
    assert to_arabic_digits(to_thai_digits(text)) == to_arabic_digits(text)
    assert to_thai_digits(to_arabic_digits(text)) == to_thai_digits(text)
    assert not set(to_thai_digits(text)) & set("0123456789")
    assert not set(to_arabic_digits(text)) & set(THAI_DIGITS)
    assert len(to_thai_digits(text)) == len(text)


@given(st.integers(min_value=0))
def test_thai_digits_keep_the_number(n: int) -> None:
    assert int(to_thai_digits(str(n))) == n  # Python reads Thai digits as decimal digits


# --- normalize ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("ทดสอบ", "ทดสอบ"),
        # nikhahit + sara aa -> sara am
        (f"ก{NIKHAHIT}{SARA_AA}ไร", f"ก{SARA_AM}ไร"),
        (f"ท{NIKHAHIT}{SARA_AA}", f"ท{SARA_AM}"),
        (f"{NIKHAHIT}{SARA_AA}", SARA_AM),
        # ... also with a tone mark typed on either side of the nikhahit
        (f"น{MAI_THO}{NIKHAHIT}{SARA_AA}", f"น{MAI_THO}{SARA_AM}"),
        (f"น{NIKHAHIT}{MAI_THO}{SARA_AA}", f"น{MAI_THO}{SARA_AM}"),
        (f"ค{NIKHAHIT}{MAI_EK}{SARA_AA}", f"ค{MAI_EK}{SARA_AM}"),
        (f"ก{NIKHAHIT}{MAI_TRI}{SARA_AA}", f"ก{MAI_TRI}{SARA_AM}"),
        (f"ก{NIKHAHIT}{MAI_CHATTAWA}{SARA_AA}", f"ก{MAI_CHATTAWA}{SARA_AM}"),
        # a lone nikhahit or sara aa stays
        (f"ก{NIKHAHIT}", f"ก{NIKHAHIT}"),
        (f"ก{SARA_AA}", f"ก{SARA_AA}"),
        (f"{NIKHAHIT} {SARA_AA}", f"{NIKHAHIT} {SARA_AA}"),
        # sara am itself is kept (NFC does not decompose it)
        (SARA_AM, SARA_AM),
        # zero width characters removed, also when they split nikhahit and sara aa
        ("ก\u200bข\u200cค\u200dง\u2060จ\ufeffฉ", "กขคงจฉ"),
        (f"ก{NIKHAHIT}\u200b{SARA_AA}", f"ก{SARA_AM}"),
        ("\ufeff31/01/2566", "31/01/2566"),
        # runs of spaces and tabs become one space; line breaks and ends are kept
        ("31  ม.ค.\t66", "31 ม.ค. 66"),
        ("a \t \t b", "a b"),
        ("\t", " "),
        ("  lead and trail  ", " lead and trail "),
        ("line\n\nbreaks\r\n", "line\n\nbreaks\r\n"),
        ("a \u200b b", "a b"),
        ("no\u00a0break", "no\u00a0break"),  # NBSP is not a space or a tab: kept
        # NFC
        ("e\u0301", "\u00e9"),
        ("\u212b", "\u00c5"),  # ANGSTROM SIGN -> A WITH RING
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


THAI_AND_MARKS = st.text(
    alphabet=st.sampled_from(
        [
            "ก",
            "น",
            NIKHAHIT,
            SARA_AA,
            SARA_AM,
            MAI_EK,
            MAI_THO,
            "\u0e38",
            "\u0e31",
            "\u0301",
            " ",
            "\t",
            "\n",
            *ZERO_WIDTH,
        ]
    )
)


@given(st.one_of(st.text(), THAI_AND_MARKS))
def test_normalize_output_is_in_normal_form(text: str) -> None:
    out = normalize(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not set(out) & set(ZERO_WIDTH)
    assert NIKHAHIT + SARA_AA not in out
    assert "  " not in out
    assert "\t" not in out
    assert normalize(out) == out


@given(THAI_AND_MARKS)
def test_normalize_keeps_everything_else(text: str) -> None:
    """Removing what normalize removes or merges leaves the same letters."""
    out = normalize(text)

    def skeleton(s: str) -> str:
        s = "".join(c for c in s if c not in ZERO_WIDTH)
        s = unicodedata.normalize("NFKD", s)  # sara am -> nikhahit + sara aa
        return "".join(sorted(c for c in s if c not in " \t"))

    assert skeleton(out) == skeleton(text)
    assert out.count("\n") == text.count("\n")


# --- the floor rule -----------------------------------------------------------------------


def test_thaitext_imports_nothing_of_the_package() -> None:
    source = Path(thaitext.__file__).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            assert node.module is not None
            assert not node.module.startswith("dropout_model"), node.module
            assert node.level == 0
        elif isinstance(node, ast.Import):
            assert all(not a.name.startswith("dropout_model") for a in node.names)


def test_all_is_sorted_and_complete() -> None:
    assert thaitext.__all__ == sorted(thaitext.__all__)
    for name in thaitext.__all__:
        assert hasattr(thaitext, name)
