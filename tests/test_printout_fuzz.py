"""Fuzzing the printout reader: it reads anything or raises PrintoutError, in linear time.

Mutations of the real sample (lines dropped, duplicated, swapped, split and
joined; whitespace shuffled; page headers inserted anywhere; random characters
and bytes), arbitrary text and bytes, and text built from the form's own
vocabulary. Hypothesis settings come from the profiles in ``conftest.py``.
"""

from __future__ import annotations

import gc
import re
import time
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dropout_model.printout as printout_module
from dropout_model.errors import PrintoutError
from dropout_model.findings import Severity
from dropout_model.printout import FORM_TITLE, Printout, parse_printout, sample_text

if TYPE_CHECKING:
    from collections.abc import Callable

SAMPLE = sample_text()
SAMPLE_LINES = SAMPLE.split("\n")
BASE = parse_printout(SAMPLE)
HEADERS = (f"**** {FORM_TITLE} ****", f"** {FORM_TITLE} **", FORM_TITLE, f"****{FORM_TITLE}")
SEVERITY = {
    "X001": Severity.ERROR,
    "X002": Severity.WARNING,
    "X003": Severity.INFO,
    "X004": Severity.INFO,
}
PATH = re.compile(r"copies\[(\d+)\](\.[a-z_]+(\[\d+\])?)*")


def read(source: str | bytes) -> Printout | None:
    """Parse; None when the reader says it is no printout (the only error allowed)."""
    try:
        result = parse_printout(source, source="fuzz")
    except PrintoutError as e:
        message = str(e)
    else:
        check(result, source)
        return result
    assert message.startswith("fuzz: ")
    return None


def check(p: Printout, source: str | bytes) -> None:
    """What holds for every printout read, however damaged."""
    assert p.copies
    text = source if isinstance(source, str) else None
    lines = len(text.split("\n")) if text is not None and "\n" in text else None
    for f in p.findings:
        assert f.severity is SEVERITY[f.code]
        m = PATH.fullmatch(f.path)
        assert m is not None, f.path
        assert int(m[1]) < len(p.copies)
        assert f.line is not None
        assert f.line >= 1
        if lines is not None:
            assert f.line <= lines
        assert f.message
        assert f.message_th


# --- mutations of the sample ----------------------------------------------------------------------

KINDS = (
    "drop",
    "dup",
    "swap",
    "split",
    "join",
    "tabs",
    "spaces",
    "trail",
    "header",
    "char",
    "blank",
)
EXTRA = st.text(
    alphabet=st.sampled_from(":\t .?%=/-()*0123456789๐๑๒๗กขคำ\u0e4d\u0e32\u200b\r\x00\ufeff"),
    max_size=4,
) | st.text(max_size=3)
operations = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6), EXTRA), max_size=14)


def mutate(lines: list[str], ops: list[tuple[str, int, str]]) -> list[str]:
    out = list(lines)
    for kind, at, extra in ops:
        if not out:
            break
        i = at % len(out)
        line = out[i]
        j = at % (len(line) + 1)
        if kind == "drop":
            del out[i]
        elif kind == "dup":
            out.insert(i, line)
        elif kind == "swap":
            out[i - 1], out[i] = out[i], out[i - 1]
        elif kind == "split":
            out[i : i + 1] = [line[:j], line[j:]]
        elif kind == "join" and i + 1 < len(out):
            out[i : i + 2] = [out[i] + extra + out[i + 1]]
        elif kind == "tabs":
            out[i] = line.replace(" ", "\t")
        elif kind == "spaces":
            out[i] = line.replace("\t", " " * (at % 3))
        elif kind == "trail":
            out[i] = line + "\t" * (at % 3 + 1)
        elif kind == "header":
            out.insert(i, HEADERS[at % len(HEADERS)])
        elif kind == "char":
            out[i] = line[:j] + extra + line[j:]
        elif kind == "blank":
            out.insert(i, "")
    return out


@given(operations)
def test_mutated_sample(ops: list[tuple[str, int, str]]) -> None:
    read("\n".join(mutate(SAMPLE_LINES, ops)))


@given(operations, st.sampled_from(["utf-8", "utf-8-sig", "cp874"]))
def test_mutated_sample_as_bytes(ops: list[tuple[str, int, str]], codec: str) -> None:
    text = "\n".join(mutate(SAMPLE_LINES, ops))
    read(text.encode(codec, errors="replace"))


@given(st.lists(st.tuples(st.integers(0, len(SAMPLE.encode())), st.integers(0, 255)), max_size=8))
def test_random_bytes_in_the_sample(flips: list[tuple[int, int]]) -> None:
    data = bytearray(SAMPLE.encode("utf-8"))
    for at, value in flips:
        data[at % len(data)] = value
    read(bytes(data))


@given(st.integers(0, len(SAMPLE_LINES)), st.sampled_from(HEADERS), st.integers(1, 3))
def test_page_header_anywhere_changes_no_value(at: int, header: str, count: int) -> None:
    """A page header between two lines never changes what is read, only adds X004."""
    base = BASE
    lines = [*SAMPLE_LINES[:at], *([header] * count), *SAMPLE_LINES[at:]]
    p = read("\n".join(lines))
    assert p is not None
    assert p.copies == base.copies
    assert {f.code for f in p.findings} - {"X004"} == {f.code for f in base.findings} - {"X004"}


@given(st.sampled_from(HEADERS), st.integers(0, 10**6))
def test_page_header_inside_a_line(header: str, at: int) -> None:
    i = at % len(SAMPLE_LINES)
    j = at % (len(SAMPLE_LINES[i]) + 1)
    lines = list(SAMPLE_LINES)
    lines[i] = lines[i][:j] + header + lines[i][j:]
    read("\n".join(lines))


# --- arbitrary input ------------------------------------------------------------------------------


@given(st.text())
def test_any_text(text: str) -> None:
    read(text)


@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    read(data)


VOCABULARY = [
    "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ",
    "1.1 รหัสโครงการและชื่อโครงการ",
    "1.2 หน่วยงานที่รับผิดชอบ",
    "1.3 หลักการและเหตุผล",
    "1.4 วัตถุประสงค์ของโครงการ",
    "1.5 เป้าหมายของโครงการ..",
    "1.6 สนับสนุนแผนพัฒนา",
    "2. รายงานความก้าวหน้าของโครงการและการใช้จ่ายงบประมาณ",
    "ขอรับรองว่า",
    "ชื่อโครงการ/กิจกรรม",
    "รหัสโครงการ...",
    "ปีงบประมาณ พ.ศ.",
    "เริ่มต้นโครงการ",
    "สิ้นสุดโครงการ",
    "งบประมาณที่ได้รับ",
    "งบประมาณที่ใช้ไป",
    "หน่วยงานที่รับผิดชอบ.",
    "ชื่อผู้รับผิดชอบ...",
    "ผู้ประสานงาน สยป",
    "ประเด็นยุทธศาสตร์",
    "ประเด็นยุทธศา ย่อย",
    "เป้าหมายที่",
    "ตัวชี้วัด...",
    "ยุทธศาสตร์ที่",
    "รายงานครั้งที่",
    "ความก้าวหน้าของงานฯ",
    "งบประมาณที่เบิกใช้",
    "(ครั้งที่ 1)",
    "เป็นไปตามแผน",
    "ล่าช้ากว่าแผน",
    "เร็วกว่าแผน",
    "เป็นไปตามเป้าหมาย",
    "ไม่เป็นไปตามเป้าหมาย",
    "บาท",
    "คน",
    "2566",
    "๒๕๖๖",
    "31/01/2566",
    "29/02/2566",
    "2022-10-01 00:00:00",
    "10,777,600.50",
    "50.00",
    "๗.๒.๒",
    "50490000-3632",
    *HEADERS,
    ":",
    "::",
    " : ",
    "=",
    "%",
    "?",
    ".",
    " / ",
    "-",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u0e4d\u0e32",
]


@given(st.lists(st.sampled_from(VOCABULARY), max_size=80))
def test_text_of_the_forms_own_words(words: list[str]) -> None:
    read("".join(words))


@given(st.lists(st.sampled_from(VOCABULARY), max_size=40))
def test_bytes_of_the_forms_own_words(words: list[str]) -> None:
    read("".join(words).encode("cp874"))


# --- linear cost ----------------------------------------------------------------------------------


def best_of_5(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(5):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def test_linear_time_in_the_number_of_copies() -> None:
    """8 times the input costs about 8 times the time (quadratic would be 64)."""
    small, big = SAMPLE * 2, SAMPLE * 16
    ratio = best_of_5(lambda: parse_printout(big)) / best_of_5(lambda: parse_printout(small))
    assert ratio < 8 * 4, ratio


@pytest.mark.parametrize(
    "unit",
    [
        "1" * 100,  # a run of digits (a target quantity)
        "1,",
        ":\t",
        "ความก้าวหน้าของงานฯ = ",
        "งบประมาณที่เบิก(",
        "เป็นไปตามแผน ",
        "ชื่อโครงการ : ",
        "รหัสโครงการ...",
        ".",
        "1 . ",
        "๗.",
        "\u0e4d",
    ],
    ids=lambda unit: repr(unit[:12]),
)
def test_linear_time_in_the_length_of_a_line(unit: str) -> None:
    """No regular expression backtracks quadratically on one long line."""
    head = (
        "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ\n1.5 เป้าหมายของโครงการ\n"
        f"{unit * 50}\n1.6 สนับสนุนแผน\nตัวชี้วัด : {unit * 50}\n"
        f"2. รายงานความก้าวหน้า\nรายงานครั้งที่1 "
    )

    def text(k: int) -> str:
        return head.replace(unit * 50, unit * 50 * k) + unit * 50 * k

    ratio = best_of_5(lambda: parse_printout(text(16))) / best_of_5(lambda: parse_printout(text(2)))
    assert ratio < 8 * 4, ratio


def test_every_line_is_cleaned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work counter: the reader visits each line once, whatever the number of copies."""
    calls = 0
    clean = printout_module._clean

    def counting(raw: str) -> str:
        nonlocal calls
        calls += 1
        return clean(raw)

    monkeypatch.setattr(printout_module, "_clean", counting)
    for k in (1, 8):
        calls = 0
        text = SAMPLE * k
        parse_printout(text)
        assert calls == len(text.split("\n"))
