"""The printout reader: the real sample field by field, printouts of our own, encodings, errors.

Expected values are typed from the printouts by reading them (the sample is
``src/dropout_model/data/bma-progress-report-50490000-3632.txt``; line numbers
refer to it), never copied from the reader's output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model.errors import (
    DropoutModelError,
    InvalidTypeError,
    InvalidValueError,
    PrintoutError,
)
from dropout_model.findings import Finding, Severity
from dropout_model.printout import (
    FORM_TITLE,
    SAMPLE_NAME,
    Printout,
    parse_printout,
    read_printout,
    sample_path,
    sample_text,
)
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
from dropout_model.rules import validate
from dropout_model.thaidate import FiscalYear
from dropout_model.thaitext import to_thai_digits

DATA = Path(__file__).parent / "data" / "printouts"
ON, BEHIND, AHEAD = PlanStatus.ON_PLAN, PlanStatus.BEHIND, PlanStatus.AHEAD
MET, NOT_MET = TargetStatus.MET, TargetStatus.NOT_MET
D = Decimal

# --- the real sample ------------------------------------------------------------------------------

# sha256sum of ../shared/samples/bma-progress-report-50490000-3632.txt (the real printout)
SAMPLE_SHA256 = "86e149a4f172c690025efd684fdad27bb7b6fe1f996246d521f0db6c80672e48"

NAME = "ดูแลนักเรียนที่หลุดจากระบบการศึกษา และป้องกันกลุ่มเสี่ยงหลุดออกจากระบบ"
RATIONALE_1 = (
    "หลังจากสถานการณ์โรคระบาดโควิด-19 บรรเทาลง กรุงเทพมหานครทราบถึงผลกระทบทางด้านเศรษฐกิจ"
    "ต่อประชาชนกรุงเทพมหานคร โดยสำนักงานการศึกษาได้ร่วมมือกับกองทุนเพื่อความเสมอภาคทางการศึกษา "
    "กสศ. สำรวจนักเรียนที่หลุดออกจากระบบการศึกษา หลังจากเปิดภาคเรียนที่ 1 ปีการศึกษา 2565 "
    "พบว่านักเรียนที่ขาดเรียนนานและหลุดออกจากระบบการศึกษาของโรงเรียนสังกัดกรุงเทพมหานคร 437 "
    "แห่งมีจำนวน 2,582 คน"
)
# Copy 2 (line 112) puts กสศ. in parentheses.
RATIONALE_2 = RATIONALE_1.replace("กสศ. สำรวจ", "(กสศ.) สำรวจ")
TARGET = Target("นักเรียนจากทุกโรงเรียนในสังกัด กทม. ได้รับทุนการศึกษา 1,000 คน", D(1000), "คน")
SUB_STRATEGY = PlanRef("๗.๒", "การบริหารแผนและประเมินผล")
INDICATOR_TAIL = "ร้อยละของโครงการที่เป็นงานประจำของหน่วยงานที่ดำเนินการสำเร็จตามเป้าหมาย"
PLAN_1 = PlanAlignment(
    PlanRef("๗", "การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร"),
    SUB_STRATEGY,
    PlanRef(
        "๗.๒.๒",
        "กรุงเทพมหานครมีระบบการติดตามและรายงานความก้าวหน้าผลการดำเนินงานตามแผนพัฒนากรุงเทพ",
    ),
    PlanRef("", f"มิติที่3 {INDICATOR_TAIL}"),
)
PLAN_2 = PlanAlignment(
    PlanRef("๗", "การสร้างความเข้มแข็งภาคีในการบริหารจัดการมหานคร"),
    SUB_STRATEGY,
    PlanRef("๗.๒.๑", "การสร้างความร่วมมือเพื่อขับเคลื่อนภารกิจเชิงยุทธศาสตร์การพัฒนากรุงเทพมหานคร"),
    PlanRef("", f"มิตินี้ {INDICATOR_TAIL}"),
)
WORKING = "อยู่ระหว่างดำเนินการตามโครงการ"
# (number, date, narrative, progress): lines 47-94 and 154-171.
REPORTS = [
    (
        1,
        dt.date(2023, 1, 31),
        (
            "กำลังดำเนินการมอบหมายหน้าที่ความรับผิดชอบให้กับหน่วยงานและดำเนินการตามแผนนโยบาย"
            "ดูแลนักเรียนที่หลุดจากระบบการศึกษา และป้องกันกลุ่มเสี่ยงหลุดออกจากระบบ"
        ),
        "50.00",
    ),
    (
        2,
        dt.date(2023, 2, 16),
        "จัดทำฐานข้อมูลนักเรียนที่หลุดออกจากระบบการศึกษา และลงพื้นที่ติดตามนักเรียนกลุ่มดังกล่าว",
        "60.00",
    ),
    (3, dt.date(2023, 3, 14), WORKING, "70.00"),
    (4, dt.date(2023, 4, 20), WORKING, "75.00"),
    (5, dt.date(2023, 5, 11), WORKING, "80.00"),
    (6, dt.date(2023, 6, 16), WORKING, "85.00"),
    (7, dt.date(2023, 7, 17), WORKING, "90.00"),
    (8, dt.date(2023, 8, 9), WORKING, "95.00"),
    (9, dt.date(2023, 9, 5), "ดำเนินการแล้วเสร็จ", "100.00"),
]


@pytest.fixture(scope="module")
def sample() -> Printout:
    return parse_printout(sample_text(), source=SAMPLE_NAME)


def test_bundled_sample_is_the_real_printout() -> None:
    data = sample_path().read_bytes()
    assert sample_path().name == SAMPLE_NAME
    assert len(data) == 30368
    assert data.count(b"\n") == 177
    assert hashlib.sha256(data).hexdigest() == SAMPLE_SHA256
    assert sample_text() == data.decode("utf-8")


def test_sample_reads_into_two_copies(sample: Printout) -> None:
    assert len(sample.copies) == 2
    assert sample.project is sample.copies[0]
    assert sample.source == SAMPLE_NAME
    assert sample.encoding is None


@pytest.mark.parametrize("index", [0, 1])
def test_sample_section_1(sample: Printout, index: int) -> None:
    p = sample.copies[index]
    assert p.code == "50490000-3632"
    assert p.name == NAME
    assert p.fiscal_year == FiscalYear(2566)
    assert p.start == dt.date(2022, 10, 1)
    assert p.end == dt.date(2022, 9, 30)  # as printed: rule P002 reports it
    assert p.budget_allocated == D(0)
    assert type(p.budget_allocated) is Decimal
    assert p.budget_spent == D(0)
    assert p.agency == Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา", "ฝ่ายการศึกษา"))
    assert p.responsible == "ฝ่ายการศึกษา"
    assert p.coordinator == ""
    assert p.rationale == (RATIONALE_1, RATIONALE_2)[index]
    assert p.target == TARGET
    assert p.plan == (PLAN_1, PLAN_2)[index]


def test_sample_sara_am_is_normalised(sample: Printout) -> None:
    raw = sample_text()
    assert "ส\u0e4d\u0e32รวจ" in raw  # lines 23 and 112 type sara am as nikhahit + sara aa
    for p in sample.copies:
        assert "\u0e4d" not in p.rationale
        assert "สำรวจ" in p.rationale


def test_sample_objectives_copy_1(sample: Printout) -> None:
    lines = sample.copies[0].objectives.split("\n")
    assert len(lines) == 6  # lines 27-32
    assert lines[0] == "กรุงเทพมหานครจึงมีนโยบายเกี่ยวกับนักเรียนที่หลุดออกนอกระบบดังนี้"
    assert lines[1].startswith("1. ติดตามและดูแลนักเรียนที่หลุดออกนอกระบบการศึกษาทั้งหมด")
    assert lines[2].startswith("1.1 หากนักเรียนต้องการกลับมาเรียนยังโรงเรียนเดิม")
    assert "?เรียนฟรีชุดฟรีไม่มีเก็บเพิ่ม?" in lines[2]  # "?" kept as printed
    assert lines[3].startswith("1.2 พัฒนาเครื่องมือการเรียนการสอนแบบ Streaming (สตรีมมิ่ง)")
    assert lines[3].endswith("อาจจะมีการปรับปรุง 1-2 ปีครั้ง")
    assert lines[4].startswith("1.3 หากทั้งผู้ปกครองและนักเรียนตัดสินใจไม่กลับเข้าเรียน")
    assert "?ฝึกอาชีพพัฒนาทักษะยุคใหม่ตอบโจทย์ตลาดงาน?" in lines[4]
    assert lines[5] == (
        "2. ป้องกันนักเรียนกลุ่มเสี่ยงหลุดออกจากระบบ กรุงเทพมหานครพร้อมจะดำเนินงานร่วมกับ"
        "กองทุนเพื่อความเสมอภาคทางการศึกษา (กสศ.) ในการค้นหาเด็กนักเรียนกลุ่มเสี่ยงที่จะหลุดจากระบบ "
        "เมื่อระบุตัวตนได้แล้วจะดำเนินการป้องกันผ่านการให้ทุนการศึกษา หรือ ค่าใช้จ่ายประจำวัน "
        "เช่น ค่าเดินทาง เพื่อช่วยป้องกันไม่ให้นักเรียนหลุดออกจากระบบการศึกษาเพิ่มเติม"
    )


def test_sample_objectives_copy_2(sample: Printout) -> None:
    lines = sample.copies[1].objectives.split("\n")
    assert len(lines) == 7  # lines 116-126 without the blank ones
    assert lines[0] == "กรุงเทพมหานครจึงมีนโยบายเกี่ยวกับนักเรียนที่หลุดออกจากระบบดังนี้"
    assert lines[1].startswith("- ติดตามและดูแลนักเรียนที่หลุดออกจากระบบการศึกษาทั้งหมด")
    assert lines[2].startswith("- หากนักเรียนต้องการกลับมาเรียนยังโรงเรียนเดิม")
    assert lines[3].startswith("- พัฒนาเครื่องมือการเรียนการสอนแบบ Streaming")
    assert lines[4].startswith("1.3 หากทั้งผู้ปกครองและนักเรียน")  # not the heading "1.3"
    assert lines[5] == (
        "ทำให้กรุงเทพมหานครสามารถสร้างหลักสูตรที่มีวุฒิการศึกษา หรือเทียบวุฒิมัธยมศึกษาได้"
        "ซึ่งกรุงเทพมหานครจะดำเนินการเพื่อนักเรียนกลุ่มนี้ให้ได้ทักษะอาชีพและมีโอกาสได้วุฒิมัธยมศึกษา"
    )
    assert lines[6].startswith("2. ป้องกันนักเรียนกลุ่มเสี่ยงหลุดออกจากระบบ")
    assert "ในการคั่นหานักเรียนกลุ่มเสี่ยง" in lines[6]


@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("row", REPORTS, ids=lambda row: f"report-{row[0]}")
def test_sample_reports(sample: Printout, index: int, row: tuple[int, dt.date, str, str]) -> None:
    number, date, narrative, progress = row
    reports = sample.copies[index].reports
    assert [r.number for r in reports] == list(range(1, 10))
    r = reports[number - 1]
    assert r.number == number
    assert r.date == date
    assert r.narrative == narrative
    assert r.progress == D(progress)
    assert r.disbursed == D(0)
    assert r.plan_status is ON
    # Report 4 of copy 1 is split over four fragments (lines 53-77) and has no target status.
    assert r.target_status is (None if (index, number) == (0, 4) else MET)


def by(findings: Any, code: str) -> set[tuple[str, int | None]]:
    return {(f.path, f.line) for f in findings if f.code == code}


def test_sample_findings(sample: Printout) -> None:
    fs = sample.findings
    assert fs.codes == {"X001", "X002", "X003", "X004"}
    assert by(fs, "X001") == {("copies[0].reports[3].target_status", 53)}
    assert by(fs, "X004") == {("copies[0].reports[3]", 53), ("copies[1].plan.indicator", 142)}
    assert by(fs, "X003") == {
        ("copies[0].objectives", 29),
        ("copies[0].plan.strategy", 40),
        ("copies[1].objectives", 119),
        ("copies[1].plan.strategy", 134),
    }
    assert {f.path for f in fs if f.code == "X002"} == {
        "copies[1].rationale",
        "copies[1].objectives",
        "copies[1].plan.strategy.title",
        "copies[1].plan.goal.number",
        "copies[1].plan.goal.title",
        "copies[1].plan.indicator.title",
    }
    for f in fs:
        assert f.subject == "50490000-3632"
        assert (
            f.severity
            is {
                "X001": Severity.ERROR,
                "X002": Severity.WARNING,
                "X003": Severity.INFO,
                "X004": Severity.INFO,
            }[f.code]
        )
        assert f.message
        assert f.message_th
    assert [f.line for f in fs] == sorted(f.line or 0 for f in fs)


def test_sample_finding_values(sample: Printout) -> None:
    fs = {f.path: f for f in sample.findings if f.code in {"X002", "X004"}}
    goal = fs["copies[1].plan.goal.number"]
    assert (goal.observed, goal.expected, goal.line) == ("๗.๒.๑", "๗.๒.๒", 138)
    title = fs["copies[1].plan.strategy.title"]
    assert title.observed == "การสร้างความเข้มแข็งภาคีในการบริหารจัดการมหานคร"
    assert title.expected == "การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร"
    assert fs["copies[1].rationale"].observed == RATIONALE_2
    assert fs["copies[1].rationale"].expected == RATIONALE_1
    assert fs["copies[0].reports[3]"].observed == 4  # four fragments
    assert fs["copies[0].reports[3]"].message.startswith("report 4 was split")
    [missing] = [f for f in sample.findings if f.code == "X001"]
    assert missing.message.startswith("report 4: target status is missing")
    assert missing.message_th.startswith("รายงานครั้งที่ 4: ")
    assert fs["copies[1].plan.indicator"].observed == 2


def test_sample_x003_counts(sample: Printout) -> None:
    counts = {f.path: f.observed for f in sample.findings if f.code == "X003"}
    assert counts["copies[0].objectives"] == 4  # two pairs of lost quotes, lines 29 and 31
    assert counts["copies[0].plan.strategy"] == 1  # "๗ ? การสร้าง", line 40


def test_sample_copies_break_the_expected_rules(sample: Printout) -> None:
    for project in sample.copies:
        codes = validate(project).codes
        assert {"P002", "P003", "P006", "R004"} <= codes


# --- encodings ------------------------------------------------------------------------------------


def sample_bytes(kind: str) -> bytes:
    text = sample_text()
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8 with BOM": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "cp874": text.encode("cp874"),
        "tis-620": text.encode("tis-620"),
        "utf-8 CRLF": text.replace("\n", "\r\n").encode("utf-8"),
        "cp874 CRLF": text.replace("\n", "\r\n").encode("cp874"),
    }[kind]


@pytest.mark.parametrize(
    ("kind", "named", "used"),
    [
        ("utf-8", None, "utf-8"),
        ("utf-8 with BOM", None, "utf-8-sig"),
        ("cp874", None, "cp874"),
        ("tis-620", None, "cp874"),
        ("utf-8 CRLF", None, "utf-8"),
        ("cp874 CRLF", None, "cp874"),
        ("cp874", "cp874", "cp874"),
        ("tis-620", "TIS620", "tis-620"),
        ("cp874", "windows-874", "cp874"),
        ("utf-8 with BOM", "utf-8", "utf-8-sig"),
        ("utf-8", "UTF8", "utf-8"),
    ],
)
def test_sample_in_every_encoding(
    sample: Printout, kind: str, named: str | None, used: str
) -> None:
    p = parse_printout(sample_bytes(kind), source="x.txt", encoding=named)
    assert p.encoding == used
    assert p.copies == sample.copies
    assert [(f.code, f.path, f.line) for f in p.findings] == [
        (f.code, f.path, f.line) for f in sample.findings
    ]


@pytest.mark.parametrize(
    ("data", "named", "words"),
    [
        (b"\xff\xfe\xfd", None, "not UTF-8 (byte 0xff at offset 0) and not Windows-874"),
        (b"\xef\xbb\xbf\xe0\xb8", None, "byte order mark"),
        ("แบบแสดงรายงาน".encode("cp874"), "utf-8", "cannot decode the bytes as utf-8"),
        (b"abc\xdb", "tis-620", "byte 0xdb at offset 3"),
    ],
)
def test_undecodable_bytes(data: bytes, named: str | None, words: str) -> None:
    with pytest.raises(PrintoutError, match=re.escape(words)) as info:
        parse_printout(data, source="report.txt", encoding=named)
    assert str(info.value).startswith("report.txt: ")


def test_damaged_utf8_is_not_half_read() -> None:
    data = bytearray(sample_bytes("utf-8"))
    data[200] = 0xFF
    with pytest.raises(PrintoutError, match=r"sample\.txt: "):
        parse_printout(bytes(data), source="sample.txt")


def test_unknown_encoding_name_is_misuse() -> None:
    with pytest.raises(InvalidValueError, match="unknown encoding 'klingon'"):
        parse_printout(b"", encoding="klingon")


def test_encoding_with_text_is_misuse() -> None:
    with pytest.raises(InvalidValueError, match="bytes only"):
        parse_printout(sample_text(), encoding="utf-8")


@pytest.mark.parametrize("value", [None, 1, 2.5, ["a"], memoryview(b"x")])
def test_wrong_type(value: object) -> None:
    with pytest.raises(InvalidTypeError, match="takes str or bytes"):
        parse_printout(value)  # type: ignore[arg-type]


# --- not a printout -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\t\n",
        "hello world",
        "code,name,fiscal_year\n50490000-3632,x,2566\n",
        f"**** {FORM_TITLE} ****\n\n",
        f"** {FORM_TITLE} **\n" * 5,
        "รายงานครั้งที่1\t:: 31/01/2566 :\tอยู่ระหว่างดำเนินการ\n",
        "ขอรับรองว่า ข้อมูลที่ปรากฏในเอกสารฉบับนี้\nลงชื่อ.....\n",
        "นางสาวสมศรี ใจดี 1101700230708\n",
        '{"code": "50490000-3632"}',
    ],
)
def test_not_a_printout(text: str) -> None:
    with pytest.raises(PrintoutError) as info:
        parse_printout(text, source="input.txt")
    message = str(info.value)
    assert message.startswith("input.txt: not a progress-report printout")
    assert "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ" in message
    assert "สมศรี" not in message  # never echoes the content
    assert "1101700230708" not in message
    assert isinstance(info.value, DropoutModelError)
    assert isinstance(info.value, ValueError)


def test_not_a_printout_names_the_page_headers() -> None:
    with pytest.raises(PrintoutError, match=r"found 2 page header\(s\) but no project section"):
        parse_printout(f"**** {FORM_TITLE} ****\n\n** {FORM_TITLE} **\n")


def test_not_a_printout_default_source() -> None:
    with pytest.raises(PrintoutError, match=r"^<text>: "):
        parse_printout("x")


def test_cp874_fallback_is_named_in_the_error() -> None:
    with pytest.raises(PrintoutError, match="read as Windows-874"):
        parse_printout(b"not a printout \xa1\xa2", source="f.txt")


# --- reading files and the API --------------------------------------------------------------------


def test_read_printout_paths(tmp_path: Path, sample: Printout) -> None:
    target = tmp_path / "copy.txt"
    target.write_bytes(sample_bytes("cp874"))
    for given_path in (target, str(target)):
        p = read_printout(given_path)
        assert p.source == str(target)
        assert p.encoding == "cp874"
        assert p.copies == sample.copies
    named = read_printout(target, encoding="tis-620")
    assert named.encoding == "tis-620"
    bundled = read_printout(sample_path())
    assert bundled.copies == sample.copies
    assert bundled.encoding == "utf-8"


def test_read_printout_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_printout(tmp_path / "nope.txt")


def test_printout_is_frozen_and_compares(sample: Printout) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sample.source = "x"  # type: ignore[misc]
    again = parse_printout(sample_text(), source=SAMPLE_NAME)
    assert again == sample
    assert hash(again) == hash(sample)
    assert repr(sample).startswith("Printout(copies=(Project(code='50490000-3632', ...), ")
    assert "findings=Findings(1 error, 6 warnings, 6 infos)" in repr(sample)


# --- printouts of our own (tests/data/printouts) --------------------------------------------------


def test_minburi_spaces_thai_digits() -> None:
    """Spaces, Thai digits, money with separators, statuses on the first line, 2-star headers."""
    p = read_printout(DATA / "minburi-spaces-thai-digits.txt")
    assert p.encoding == "utf-8"
    assert len(p.copies) == 1
    assert p.project == Project(
        code="50130000-0042",
        name="นำเด็กนอกระบบกลับเข้าเรียน (ระยะที่ ๒)",  # typed with nikhahit + sara aa
        fiscal_year=FiscalYear(2567),  # printed ๒๕๖๗
        start=dt.date(2023, 10, 1),
        end=dt.date(2024, 9, 30),
        budget_allocated=D("10777600.50"),
        budget_spent=D("2345678.25"),
        agency=Agency(("สำนักงานเขตมีนบุรี", "ฝ่ายการศึกษา")),
        responsible="ฝ่ายการศึกษา",
        coordinator="กลุ่มงานติดตามและประเมินผล",
        rationale="เด็กนอกระบบในเขตมีนบุรีมีจำนวนเพิ่มขึ้นหลังสถานการณ์โรคระบาด",
        objectives="1. ติดตามเด็กนอกระบบทุกคน\n2. ช่วยให้เด็กกลับเข้าเรียนหรือฝึกอาชีพ",
        target=Target("เด็กนอกระบบได้รับการติดตาม 250 คน", D(250), "คน"),
        plan=PlanAlignment(
            PlanRef("๔", "มหานครกระชับ"),
            PlanRef("๔.๑", "การศึกษาทันสมัย"),
            PlanRef("๔.๑.๓", "เด็กทุกคนได้รับการศึกษาขั้นพื้นฐาน"),
            PlanRef("", "ร้อยละของเด็กนอกระบบที่กลับเข้าเรียน"),
        ),
        reports=(
            ProgressReport(
                1,
                dt.date(2024, 1, 31),
                "สำรวจข้อมูลเด็กนอกระบบ",
                D("25.50"),
                D("1200.75"),
                BEHIND,
                NOT_MET,
            ),
            ProgressReport(2, dt.date(2024, 2, 29), "ติดตามเยี่ยมบ้าน", D(60), D(0), ON, MET),
            ProgressReport(
                3, dt.date(2024, 8, 15), "สรุปผลการดำเนินงาน", D(100), D(10000), AHEAD, MET
            ),
        ),
    )
    assert [(f.code, f.path, f.line, f.observed) for f in p.findings] == [
        ("X004", "copies[0].objectives", 24, 2),
        ("X004", "copies[0].reports[1]", 45, 2),
    ]


def test_ladkrabang_tabs_cp874() -> None:
    """Tabs, no %, statuses on the second line, Windows-874 and CRLF, a split label."""
    p = read_printout(DATA / "ladkrabang-tabs-cp874.txt")
    assert p.encoding == "cp874"
    assert p.project == Project(
        code="50110000-1234",
        name="ห้องเรียนออนไลน์สำหรับเด็กที่ออกกลางคัน",
        fiscal_year=FiscalYear(2566),
        start=dt.date(2022, 10, 1),
        end=dt.date(2023, 9, 30),
        budget_allocated=D(500000),
        budget_spent=D("125000.00"),
        agency=Agency(("สำนักงานเขตลาดกระบัง", "ฝ่ายการศึกษา", "กลุ่มงานส่งเสริมการศึกษา")),
        responsible="ฝ่ายการศึกษา",
        coordinator="",
        rationale=("เด็กที่ออกกลางคันต้องการเรียนต่อแต่ไม่สามารถมาโรงเรียนได้\nการเรียนออนไลน์ช่วยให้เรียนได้ทุกที่"),
        objectives="- จัดการเรียนการสอนออนไลน์\n- สอบเทียบวุฒิ",
        target=Target("นักเรียนที่ออกกลางคัน 40 คน", D(40), "คน"),
        plan=PlanAlignment(
            PlanRef("7", "การบริหารจัดการ"),
            PlanRef("7.2", "การบริหารแผน"),
            PlanRef("7.2.1", "การสร้างความร่วมมือ"),
            PlanRef("7.2.1.3", "ร้อยละของโครงการที่สำเร็จ"),
        ),
        reports=(
            ProgressReport(
                1,
                dt.date(2022, 12, 15),
                "เปิดห้องเรียนออนไลน์ ?รุ่นที่ 1?",
                D(30),
                D(50000),
                ON,
                MET,
            ),
            ProgressReport(2, dt.date(2023, 3, 20), "จัดสอบเทียบ", D(55), D(75000), BEHIND, NOT_MET),
        ),
    )
    assert [(f.code, f.path, f.line, f.observed) for f in p.findings] == [
        ("X004", "copies[0].agency", 15, 2),
        ("X003", "copies[0].reports[0].narrative", 48, 2),
    ]


def test_donmueang_two_copies_disagree() -> None:
    """UTF-8 with BOM; the second copy differs in a report, a status and the person responsible."""
    p = read_printout(DATA / "donmueang-two-copies-bom.txt")
    assert p.encoding == "utf-8-sig"
    first, second = p.copies
    assert first.code == second.code == "50250000-0777"
    assert first.budget_allocated == second.budget_allocated == D(90000)
    assert [r.number for r in first.reports] == [1, 2, 3]
    assert [r.number for r in second.reports] == [1, 2]
    assert second.reports[0] == first.reports[0]
    assert [(f.code, f.path, f.line, f.observed, f.expected) for f in p.findings] == [
        ("X002", "copies[1].reports", 30, None, 3),
        ("X002", "copies[1].responsible", 38, None, None),
        ("X002", "copies[1].reports[1].progress", 53, D(65), D(60)),
        ("X002", "copies[1].reports[1].plan_status", 53, "ล่าช้ากว่าแผน", "เป็นไปตามแผน"),
    ]


def test_personal_data_never_in_findings() -> None:
    p = read_printout(DATA / "donmueang-two-copies-bom.txt")
    assert p.copies[0].responsible == "นางสาวสมศรี ใจดี"
    for f in p.findings:
        for lang in ("en", "th"):
            assert "สมศรี" not in f.text(lang)
        assert "สมศรี" not in str(f.to_dict())


def test_suanluang_missing_values_point_at_their_lines() -> None:
    p = read_printout(DATA / "suanluang-missing-values.txt")
    project = p.project
    assert project.budget_allocated is None
    assert project.end is None
    assert project.reports[0].target_status is None
    assert project.reports[1].date is None
    assert project.reports[1].progress is None
    assert [(f.code, f.path, f.line) for f in p.findings] == [
        ("X001", "copies[0].budget_allocated", 6),
        ("X001", "copies[0].end", 7),
        ("X001", "copies[0].reports[0].target_status", 23),
        ("X001", "copies[0].reports[1].date", 25),
        ("X001", "copies[0].reports[1].progress", 26),
    ]
    end = next(f for f in p.findings if f.path == "copies[0].end")
    assert end.observed == "2023-02-30 00:00:00"
    assert "February" in end.message
    assert end.severity is Severity.ERROR
    assert not p.findings.ok


# --- printouts generated with every layout variation ----------------------------------------------


@dataclasses.dataclass(frozen=True)
class Layout:
    """How to print a project: the variations real printouts show."""

    tabs: bool = False
    percent: bool = True
    status_first: bool = False
    stars: int = 4
    thai_digits: bool = False
    crlf: bool = False
    trailing_tabs: bool = False
    blank: int = 1
    split_report: int | None = None
    split_indicator: bool = False
    split_objectives: bool = False
    sara_am: bool = False
    space_after_number: bool = False


def render(p: Project, lay: Layout) -> str:
    """Print ``p`` as the city's system would (a writer, independent of the reader)."""
    assert p.fiscal_year is not None
    assert p.start is not None
    assert p.end is not None
    assert p.agency is not None
    assert p.target is not None
    assert p.plan is not None

    def n(text: str) -> str:
        return to_thai_digits(text) if lay.thai_digits else text

    def money(d: Decimal | None) -> str:
        return n(f"{d:,}") + " บาท"

    def stamp(d: dt.date) -> str:
        return f"{d.isoformat()} 00:00:00"

    def be(d: dt.date | None) -> str:
        assert d is not None
        return n(f"{d.day:02d}/{d.month:02d}/{d.year + 543}")

    def ref(r: PlanRef | None) -> PlanRef:
        assert r is not None
        return r

    header = f"{'*' * lay.stars} {FORM_TITLE} {'*' * lay.stars}"
    page = ["", "", "", header, ""]
    gap = [""] * lay.blank
    tail = "\t\t" if lay.trailing_tabs else ""
    sep = ":\t" if lay.tabs else ": "
    name = p.name.replace("ำ", "\u0e4d\u0e32") if lay.sara_am else p.name
    fy = n(str(p.fiscal_year.be_year))
    out = [header, *gap, "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ", *gap]
    out += ["1.1 รหัสโครงการและชื่อโครงการ", *gap]
    if lay.tabs:
        out += [
            f"ชื่อโครงการ/กิจกรรม :\t{name}\tปีงบประมาณ พ.ศ. :\t{fy}",
            f"รหัสโครงการ...\t{p.code}\tงบประมาณที่ได้รับ :\t{money(p.budget_allocated)}",
            f"เริ่มต้นโครงการ :\t{stamp(p.start)}\tงบประมาณที่ใช้ไป :\t{money(p.budget_spent)}",
            f"สิ้นสุดโครงการ :\t{stamp(p.end)}\t\t",
        ]
    else:
        out += [
            f"ชื่อโครงการ/กิจกรรม : {name}{tail}",
            f"รหัสโครงการ... : {p.code} ปีงบประมาณ พ.ศ. : {fy}",
            f"เริ่มต้นโครงการ : {stamp(p.start)} งบประมาณที่ได้รับ : {money(p.budget_allocated)}",
            f"สิ้นสุดโครงการ : {stamp(p.end)} งบประมาณที่ใช้ไป : {money(p.budget_spent)}{tail}",
        ]
    out += [*gap, "1.2 หน่วยงานที่รับผิดชอบ", *gap]
    if lay.tabs:
        out += [
            f"หน่วยงานที่รับผิดชอบ. :\t{p.agency}\tผู้ประสานงาน สยป :\t{p.coordinator}",
            f"ชื่อผู้รับผิดชอบ...\t{p.responsible}\t\t",
        ]
    else:
        out += [
            f"หน่วยงานที่รับผิดชอบ. : {p.agency}{tail}",
            f"ชื่อผู้รับผิดชอบ... : {p.responsible} ผู้ประสานงาน สยป : {p.coordinator}",
        ]
    out += [*gap, "1.3 หลักการและเหตุผล", *gap, *p.rationale.split("\n"), *gap]
    out += ["1.4 วัตถุประสงค์ของโครงการ", *gap]
    objectives = [line + tail for line in p.objectives.split("\n")]
    if lay.split_objectives:
        objectives[1:1] = page
    out += [*objectives, *gap, "1.5 เป้าหมายของโครงการ..", *gap, p.target.description, *gap]
    out += ["1.6 สนับสนุนแผนพัฒนา กทม. ระยะ 20 ปี (ยุทธศาสตร์-ประเด็นยุทธศาสตร์-กลยุทธ์ตามแผนฯ /ตัวชี้วัด)"]
    strategy, sub, goal = ref(p.plan.strategy), ref(p.plan.sub_strategy), ref(p.plan.goal)
    indicator = ref(p.plan.indicator)
    out += [
        *gap,
        f"ประเด็นยุทธศาสตร์ {sep}ยุทธศาสตร์ที่ {strategy.number} - {strategy.title}",
        f"ประเด็นยุทธศาสตร์ย่อย {sep}{sub.number} - {sub.title}",
        f"เป้าหมายที่ {sep}{goal.number} {goal.title}",
    ]
    shown = f"{indicator.number} {indicator.title}".strip()
    if lay.split_indicator:
        out += ["ตัวชี้วัด...", *page, f": {shown}"]
    else:
        out += [f"ตัวชี้วัด... {sep}{shown}"]
    out += [*gap, "2. รายงานความก้าวหน้าของโครงการและการใช้จ่ายงบประมาณ", *gap]
    space = " " if lay.space_after_number else ""
    for i, r in enumerate(p.reports):
        assert r.plan_status is not None
        assert r.target_status is not None
        statuses = f"\t: {r.plan_status.label_th}\t: {r.target_status.label_th}"
        if not lay.tabs:
            statuses = f" : {r.plan_status.label_th} : {r.target_status.label_th}"
        number = n(str(r.number))
        first = f"รายงานครั้งที่{space}{number}\t:: {be(r.date)} :\t{r.narrative}"
        first += statuses if lay.status_first else "\t\t"
        percent = " %" if lay.percent else ""
        mid = "\t: " if lay.tabs else " "
        second = (
            f"\t:: ความก้าวหน้าของงานฯ = {n(str(r.progress))}{percent}{mid}"
            f"งบประมาณที่เบิกใช้ (ครั้งที่ {number}) = {money(r.disbursed)}"
        )
        second += tail if lay.status_first else statuses
        out += [first, *(page if lay.split_report == i else []), second]
    out += [*gap, "ขอรับรองว่า ข้อมูลที่ปรากฏในเอกสารฉบับนี้ หน่วยงานได้จัดพิมพ์จากระบบงานจริง", ""]
    out += ["ลงชื่อ.....(ผู้รับผิดชอบโครงการ)", "ตำแหน่ง", ""]
    return ("\r\n" if lay.crlf else "\n").join(out)


EXPECTED = Project(
    code="50120000-0555",
    name="แนะแนวและติดตามนักเรียนที่ออกกลางคัน ประจำปี",
    fiscal_year=FiscalYear(2567),
    start=dt.date(2023, 10, 1),
    end=dt.date(2024, 9, 30),
    budget_allocated=D("10777600.50"),
    budget_spent=D("1234.05"),
    agency=Agency(("สำนักงานเขตบางเขน", "ฝ่ายการศึกษา")),
    responsible="ฝ่ายการศึกษา",
    coordinator="กลุ่มงานติดตามประเมินผล",
    rationale="นักเรียนที่ออกกลางคันในเขตบางเขนต้องได้รับการแนะแนว\nและติดตามอย่างต่อเนื่อง",
    objectives="1. แนะแนวการศึกษาต่อ\n2. ติดตามเยี่ยมบ้าน\n3. ประสานทุนการศึกษา",
    target=Target("นักเรียนที่ออกกลางคันได้รับการแนะแนว 1,250 คน", D(1250), "คน"),
    plan=PlanAlignment(
        PlanRef("๔", "มหานครกระชับ"),
        PlanRef("๔.๑", "การศึกษาทันสมัย"),
        PlanRef("๔.๑.๓", "เด็กทุกคนได้รับการศึกษาขั้นพื้นฐาน"),
        PlanRef("", "ร้อยละของนักเรียนที่กลับเข้าเรียน"),
    ),
    reports=(
        ProgressReport(
            1, dt.date(2024, 1, 31), "สำรวจข้อมูล", D("12.50"), D("1000.25"), BEHIND, NOT_MET
        ),
        ProgressReport(2, dt.date(2024, 2, 29), "ติดตามเยี่ยมบ้าน", D(50), D(0), ON, MET),
        ProgressReport(
            3, dt.date(2024, 5, 16), "แนะแนวการศึกษาต่อ", D("75.25"), D("233.80"), AHEAD, MET
        ),
        ProgressReport(4, dt.date(2024, 9, 5), "สรุปผล", D(100), D(0), ON, MET),
    ),
)

LAYOUTS = [
    Layout(),
    Layout(tabs=True),
    Layout(tabs=True, percent=False),
    Layout(status_first=True),
    Layout(tabs=True, status_first=True, percent=False),
    Layout(stars=2),
    Layout(thai_digits=True),
    Layout(tabs=True, thai_digits=True, space_after_number=True),
    Layout(crlf=True),
    Layout(trailing_tabs=True),
    Layout(blank=0),
    Layout(blank=4, trailing_tabs=True),
    Layout(split_report=0),
    Layout(split_report=3, stars=2, tabs=True),
    Layout(split_indicator=True),
    Layout(split_indicator=True, tabs=True, stars=2),
    Layout(split_objectives=True),
    Layout(sara_am=True),
    Layout(
        tabs=True,
        percent=False,
        status_first=True,
        stars=2,
        thai_digits=True,
        crlf=True,
        trailing_tabs=True,
        blank=3,
        split_report=2,
        split_indicator=True,
        split_objectives=True,
        sara_am=True,
    ),
]


def expected_x004(lay: Layout) -> list[str]:
    paths = []
    if lay.split_objectives:
        paths.append("copies[0].objectives")
    if lay.split_indicator:
        paths.append("copies[0].plan.indicator")
    if lay.split_report is not None:
        paths.append(f"copies[0].reports[{lay.split_report}]")
    return paths


@pytest.mark.parametrize("lay", LAYOUTS, ids=repr)
def test_every_layout_reads_the_same(lay: Layout) -> None:
    p = parse_printout(render(EXPECTED, lay))
    assert p.copies == (EXPECTED,)
    assert [f.code for f in p.findings] == ["X004"] * len(expected_x004(lay))
    assert [f.path for f in p.findings] == expected_x004(lay)


@pytest.mark.parametrize("lay", [Layout(), Layout(tabs=True, thai_digits=True)], ids=repr)
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "cp874"])
def test_every_layout_in_every_encoding(lay: Layout, codec: str) -> None:
    p = parse_printout(render(EXPECTED, lay).encode(codec))
    assert p.copies == (EXPECTED,)
    assert p.encoding == codec


def test_two_copies_in_two_layouts_agree() -> None:
    text = render(EXPECTED, Layout()) + "\n" + render(EXPECTED, Layout(tabs=True, percent=False))
    p = parse_printout(text)
    assert p.copies == (EXPECTED, EXPECTED)
    assert not p.findings


def test_copies_of_different_projects_are_not_compared() -> None:
    other = attrs.evolve(EXPECTED, code="50120000-0556", name="อีกโครงการ")
    p = parse_printout(render(EXPECTED, Layout()) + "\n" + render(other, Layout(tabs=True)))
    assert [c.code for c in p.copies] == ["50120000-0555", "50120000-0556"]
    assert not p.findings


# --- single values: valid and invalid -------------------------------------------------------------


def with_line(old: str, new: str, lay: Layout = Layout()) -> tuple[Printout, int]:
    """EXPECTED printed with one line replaced; also the 1-based number of that line."""
    lines = render(EXPECTED, lay).split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[index] = new
    return parse_printout("\n".join(lines)), index + 1


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("10,777,600.50 บาท", D("10777600.50")),
        ("0 บาท", D(0)),
        ("0", D(0)),
        ("1,000", D(1000)),
        ("999", D(999)),
        ("12345.5 บาท", D("12345.5")),
        ("๑,๒๐๐.๗๕ บาท", D("1200.75")),
        ("1,000,000บาท", D(1000000)),
    ],
)
def test_money_valid(printed: str, value: Decimal) -> None:
    p, _ = with_line(
        "เริ่มต้นโครงการ", f"เริ่มต้นโครงการ : 2023-10-01 00:00:00 งบประมาณที่ได้รับ : {printed}"
    )
    assert p.project.budget_allocated == value
    assert type(p.project.budget_allocated) is Decimal
    assert not p.findings


@pytest.mark.parametrize(
    "printed",
    ["1,00 บาท", "-5 บาท", "ห้าพัน บาท", "1.2.3", "10,777,600.50.1", "1 000", ",100", "1e3", "?"],
)
def test_money_invalid(printed: str) -> None:
    p, line = with_line(
        "เริ่มต้นโครงการ", f"เริ่มต้นโครงการ : 2023-10-01 00:00:00 งบประมาณที่ได้รับ : {printed}"
    )
    assert p.project.budget_allocated is None
    [f] = p.findings
    assert (f.code, f.path, f.line, f.severity) == (
        "X001",
        "copies[0].budget_allocated",
        line,
        Severity.ERROR,
    )
    assert "10,777,600.50" in f.message  # says what is expected


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("2023-10-01 00:00:00", dt.date(2023, 10, 1)),
        ("2023-10-01", dt.date(2023, 10, 1)),
        ("2023-10-01 00:00:00.000", dt.date(2023, 10, 1)),
        ("2024-02-29 12:30:00", dt.date(2024, 2, 29)),
    ],
)
def test_timestamp_valid(printed: str, value: dt.date) -> None:
    p, _ = with_line("เริ่มต้นโครงการ", f"เริ่มต้นโครงการ : {printed} งบประมาณที่ได้รับ : 10,777,600.50")
    assert p.project.start == value
    assert not p.findings


@pytest.mark.parametrize(
    "printed", ["2023-02-29 00:00:00", "2023-13-01", "yesterday", "2023-10-?1"]
)
def test_timestamp_invalid(printed: str) -> None:
    p, line = with_line("เริ่มต้นโครงการ", f"เริ่มต้นโครงการ : {printed} งบประมาณที่ได้รับ : 10,777,600.50")
    assert p.project.start is None
    assert [(f.code, f.path, f.line) for f in p.findings] == [("X001", "copies[0].start", line)]


@pytest.mark.parametrize(
    ("printed", "value"), [("2567", 2567), ("๒๕๖๗", 2567), ("67", 2567), ("2500", 2500)]
)
def test_fiscal_year_valid(printed: str, value: int) -> None:
    p, _ = with_line("รหัสโครงการ", f"รหัสโครงการ... : 50120000-0555 ปีงบประมาณ พ.ศ. : {printed}")
    assert p.project.fiscal_year == FiscalYear(value)


@pytest.mark.parametrize("printed", ["2023", "สองห้าหกเจ็ด", "25?7", "99999"])
def test_fiscal_year_invalid(printed: str) -> None:
    p, line = with_line("รหัสโครงการ", f"รหัสโครงการ... : 50120000-0555 ปีงบประมาณ พ.ศ. : {printed}")
    assert p.project.fiscal_year is None
    assert [(f.code, f.path, f.line) for f in p.findings] == [
        ("X001", "copies[0].fiscal_year", line)
    ]


REPORT_1 = "รายงานครั้งที่1\t:: 31/01/2567 :\tสำรวจข้อมูล\t\t"


@pytest.mark.parametrize(
    ("printed", "date"),
    [
        ("31/01/2567", dt.date(2024, 1, 31)),
        ("๓๑/๐๑/๒๕๖๗", dt.date(2024, 1, 31)),
        ("31/1/2567", dt.date(2024, 1, 31)),
        ("31/01/67", dt.date(2024, 1, 31)),
    ],
)
def test_report_date_valid(printed: str, date: dt.date) -> None:
    p, _ = with_line("รายงานครั้งที่1", f"รายงานครั้งที่1\t:: {printed} :\tสำรวจข้อมูล\t\t")
    assert p.project.reports[0].date == date
    assert not p.findings


@pytest.mark.parametrize(
    ("printed", "what"),
    [("29/02/2566", "unreadable"), ("31/13/2567", "unreadable"), ("3?/01/2567", "unreadable")],
)
def test_report_date_invalid(printed: str, what: str) -> None:
    p, line = with_line("รายงานครั้งที่1", f"รายงานครั้งที่1\t:: {printed} :\tสำรวจข้อมูล\t\t")
    assert p.project.reports[0].date is None
    [f] = p.findings
    assert (f.code, f.path, f.line, f.observed) == (
        "X001",
        "copies[0].reports[0].date",
        line,
        printed,
    )
    assert "cannot be read" in f.message, what


def test_report_date_missing() -> None:
    p, line = with_line("รายงานครั้งที่1", "รายงานครั้งที่1\t::\t:\tสำรวจข้อมูล\t\t")
    [f] = p.findings
    assert (f.code, f.path, f.line) == ("X001", "copies[0].reports[0].date", line)
    assert "missing" in f.message
    assert p.project.reports[0].narrative == "สำรวจข้อมูล"


PROGRESS_LINE = "\t:: ความก้าวหน้าของงานฯ = 12.50"


@pytest.mark.parametrize(
    ("printed", "value"),
    [("12.50 %", D("12.50")), ("12.50", D("12.50")), ("12.50%", D("12.5")), ("๑๒.๕๐", D("12.5"))],
)
def test_progress_valid(printed: str, value: Decimal) -> None:
    new = (
        f"\t:: ความก้าวหน้าของงานฯ = {printed} งบประมาณที่เบิกใช้ (ครั้งที่ 1) = 1000.25 บาท"
        "\t: ล่าช้ากว่าแผน\t: ไม่เป็นไปตามเป้าหมาย"
    )
    p, _ = with_line(PROGRESS_LINE, new)
    assert p.project.reports[0].progress == value
    assert p.copies == (EXPECTED,)


@pytest.mark.parametrize("printed", ["120.00 %", "-5", "ห้าสิบ", "50,5", "", "1?.50"])
def test_progress_invalid(printed: str) -> None:
    new = (
        f"\t:: ความก้าวหน้าของงานฯ = {printed} งบประมาณที่เบิกใช้ (ครั้งที่ 1) = 1000.25 บาท"
        "\t: ล่าช้ากว่าแผน\t: ไม่เป็นไปตามเป้าหมาย"
    )
    p, line = with_line(PROGRESS_LINE, new)
    assert p.project.reports[0].progress is None
    assert [(f.code, f.path, f.line) for f in p.findings] == [
        ("X001", "copies[0].reports[0].progress", line)
    ]


@pytest.mark.parametrize(
    ("words", "plan", "target"),
    [
        ("เป็นไปตามแผน\t: เป็นไปตามเป้าหมาย", ON, MET),
        ("ล่าช้ากว่าแผน\t: ไม่เป็นไปตามเป้าหมาย", BEHIND, NOT_MET),
        ("เร็วกว่าแผน : เป็นไปตามเป้าหมาย", AHEAD, MET),
        ("ไม่เป็นไปตามเป้าหมาย\t: เร็วกว่าแผน", AHEAD, NOT_MET),  # either order
        ("ตามแผน\t: ตามเป้าหมาย", ON, MET),  # the short forms
        ("ล่าช้ากว่าแผน ไม่เป็นไปตามเป้าหมาย", BEHIND, NOT_MET),  # a space between
    ],
)
def test_status_words(words: str, plan: PlanStatus, target: TargetStatus) -> None:
    new = f"\t:: ความก้าวหน้าของงานฯ = 12.50 % งบประมาณที่เบิกใช้ (ครั้งที่ 1) = 1,000.25 บาท\t: {words}"
    p, _ = with_line(PROGRESS_LINE, new)
    r = p.project.reports[0]
    assert (r.plan_status, r.target_status) == (plan, target)
    assert not p.findings


def test_status_words_on_the_first_line() -> None:
    p, _ = with_line("รายงานครั้งที่1", "รายงานครั้งที่1\t:: 31/01/2567 : สำรวจข้อมูล\t:\tเป็นไปตามแผน")
    r = p.project.reports[0]
    # The first line's plan status conflicts with the second line's (ล่าช้ากว่าแผน).
    assert r.narrative == "สำรวจข้อมูล"
    assert r.plan_status is ON
    [f] = p.findings
    assert (f.code, f.path, f.observed) == (
        "X001",
        "copies[0].reports[0].plan_status",
        "ล่าช้ากว่าแผน",
    )


def test_status_unreadable_is_missing() -> None:
    new = (
        "\t:: ความก้าวหน้าของงานฯ = 12.50 % งบประมาณที่เบิกใช้ (ครั้งที่ 1) = 1,000.25 บาท"
        "\t: ล่าช้ากว่าแ?น\t: ไม่เป็นไปตามเป้าหมาย"
    )
    p, _ = with_line(PROGRESS_LINE, new)
    assert p.project.reports[0].plan_status is None
    assert [(f.code, f.path) for f in p.findings] == [("X001", "copies[0].reports[0].plan_status")]


@pytest.mark.parametrize(
    ("printed", "ref"),
    [
        ("ยุทธศาสตร์ที่ ๔ - มหานครกระชับ", PlanRef("๔", "มหานครกระชับ")),
        ("ยุทธศาสตร์ที่ 4 ? มหานครกระชับ", PlanRef("4", "มหานครกระชับ")),
        ("ยุทธศาสตร์ที่๔ – มหานครกระชับ", PlanRef("๔", "มหานครกระชับ")),
        ("ด้านที่ 4 มหานครกระชับ", PlanRef("4", "มหานครกระชับ")),
        ("๔. มหานครกระชับ", PlanRef("๔", "มหานครกระชับ")),
        ("มหานครกระชับ", PlanRef("", "มหานครกระชับ")),
    ],
)
def test_plan_strategy(printed: str, ref: PlanRef) -> None:
    p, _ = with_line("ประเด็นยุทธศาสตร์ :", f"ประเด็นยุทธศาสตร์ : {printed}")
    assert p.project.plan is not None
    assert p.project.plan.strategy == ref
    assert [f.code for f in p.findings] == (["X003"] if "?" in printed else [])


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("ประเด็นยุทธศาสตร์ย่อย", "sub_strategy"),
        ("ประเด็นยุทธศา ย่อย", "sub_strategy"),  # the sample's garbled label, line 41
        ("ประเด็นยุทธศาสตร์ ย่อย", "sub_strategy"),
    ],
)
def test_plan_sub_strategy_labels(label: str, field: str) -> None:
    p, _ = with_line("ประเด็นยุทธศาสตร์ย่อย", f"{label} : ๔.๑ - การศึกษาทันสมัย")
    assert p.project.plan is not None
    assert getattr(p.project.plan, field) == PlanRef("๔.๑", "การศึกษาทันสมัย")
    assert not p.findings


@pytest.mark.parametrize(
    ("printed", "quantity", "unit"),
    [
        ("นักเรียน 1,000 คน", D(1000), "คน"),
        ("นักเรียน ๑,๐๐๐ คน", D(1000), "คน"),
        ("โรงเรียน 437 แห่ง", D(437), "แห่ง"),
        ("ครัวเรือน 12.5 ครัวเรือน.", D("12.5"), "ครัวเรือน"),
        ("นักเรียนทุกคนได้รับการดูแล", None, ""),
    ],
)
def test_target_quantity(printed: str, quantity: Decimal | None, unit: str) -> None:
    p, _ = with_line("นักเรียนที่ออกกลางคันได้รับการแนะแนว", printed)
    assert p.project.target == Target(printed, quantity, unit)


@pytest.mark.parametrize(
    ("old", "path"),
    [
        ("ชื่อโครงการ/กิจกรรม", "name"),
        ("หน่วยงานที่รับผิดชอบ.", "agency"),
        ("เป้าหมายที่", "plan.goal"),
        ("ตัวชี้วัด", "plan.indicator"),
    ],
)
def test_missing_label(old: str, path: str) -> None:
    p, _ = with_line(old, "")
    [f] = p.findings
    assert (f.code, f.path, f.severity) == ("X001", f"copies[0].{path}", Severity.ERROR)
    assert "missing" in f.message


def test_missing_section_points_at_copy_start() -> None:
    text = render(EXPECTED, Layout(blank=0))
    drop = ("1.5 ", "นักเรียนที่ออกกลางคันได้รับการแนะแนว")
    lines = [line for line in text.split("\n") if not line.startswith(drop)]
    p = parse_printout("\n".join(lines))
    [f] = p.findings
    assert (f.code, f.path, f.line) == ("X001", "copies[0].target", 2)
    assert p.project.target is None


def test_stray_report_line_is_reported() -> None:
    p, line = with_line(REPORT_1, "ไม่มีหัวรายงาน")
    assert [(f.code, f.path, f.line) for f in p.findings] == [
        ("X001", "copies[0].reports", line),
        ("X001", "copies[0].reports", line + 1),
    ]
    assert [r.number for r in p.project.reports] == [2, 3, 4]


def test_lost_characters_one_finding_per_field() -> None:
    lost = attrs.evolve(EXPECTED, name="แนะแนวและติดตาม?นักเรียน?ที่ออกกลางคัน")
    p = parse_printout(render(lost, Layout()))
    assert p.project.name == lost.name  # kept as printed
    [f] = p.findings
    assert (f.code, f.path, f.observed, f.severity) == ("X003", "copies[0].name", 2, Severity.INFO)


def test_findings_are_plain_data() -> None:
    p = read_printout(DATA / "suanluang-missing-values.txt")
    for f in p.findings:
        assert isinstance(f, Finding)
        d = f.to_dict()
        assert d["code"] == "X001"
        assert isinstance(d["line"], int)


# --- round trip over generated values -------------------------------------------------------------

LABEL_TEXT = st.sampled_from(["ติดตามเยี่ยมบ้าน", "สำรวจข้อมูล", "สรุปผล", "จัดอบรมครู ๓ รุ่น", ""])
MONEY = st.decimals(min_value=0, max_value=10**10, places=2)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    count = draw(st.integers(1, 5))
    reports = tuple(
        ProgressReport(
            i + 1,
            draw(st.dates(dt.date(1960, 1, 1), dt.date(2050, 12, 31))),
            draw(LABEL_TEXT),
            draw(st.decimals(min_value=0, max_value=100, places=2)),
            draw(MONEY),
            draw(st.sampled_from(PlanStatus)),
            draw(st.sampled_from(TargetStatus)),
        )
        for i in range(count)
    )
    start = draw(st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))
    return attrs.evolve(
        EXPECTED,
        code=draw(st.from_regex(r"[0-9]{8}-[0-9]{4}", fullmatch=True)),
        fiscal_year=FiscalYear(draw(st.integers(2500, 2600))),
        start=start,
        end=start + dt.timedelta(days=draw(st.integers(-400, 400))),
        budget_allocated=draw(MONEY),
        budget_spent=draw(MONEY),
        reports=reports,
    )


layouts = st.builds(
    Layout,
    tabs=st.booleans(),
    percent=st.booleans(),
    status_first=st.booleans(),
    stars=st.sampled_from([2, 4]),
    thai_digits=st.booleans(),
    crlf=st.booleans(),
    trailing_tabs=st.booleans(),
    blank=st.integers(0, 3),
    split_report=st.none() | st.integers(0, 0),
    split_indicator=st.booleans(),
    split_objectives=st.booleans(),
    sara_am=st.booleans(),
    space_after_number=st.booleans(),
)


@given(projects(), layouts)
def test_round_trip(project: Project, lay: Layout) -> None:
    p = parse_printout(render(project, lay))
    assert p.copies == (project,)
    assert [f.path for f in p.findings] == expected_x004(lay)


# --- where copies start ---------------------------------------------------------------------------

COPY_HEADING = "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ"


def sample_lines() -> list[str]:
    return sample_text().split("\n")


def test_duplicated_section_1_heading_makes_no_empty_copy(sample: Printout) -> None:
    lines = sample_lines()
    assert lines[6] == COPY_HEADING  # line 7
    lines.insert(6, COPY_HEADING)
    p = parse_printout("\n".join(lines))
    assert p.copies == sample.copies


@pytest.mark.parametrize(
    "drop",
    [
        (COPY_HEADING,),  # the second copy starts at its section 1.1
        (COPY_HEADING, "1.1 รหัสโครงการและชื่อโครงการ"),  # ... or at its name
    ],
)
def test_second_copy_without_its_headings(sample: Printout, drop: tuple[str, ...]) -> None:
    lines = sample_lines()
    for text in drop:
        index = max(i for i, line in enumerate(lines) if line == text)
        assert index > 90  # the second copy's line, not the first's
        del lines[index]
    p = parse_printout("\n".join(lines))
    assert len(p.copies) == 2
    assert p.copies[1].plan == sample.copies[1].plan
    assert p.copies[1].reports == sample.copies[1].reports


def test_first_copy_without_section_1() -> None:
    lines = [line for line in sample_lines() if line not in {COPY_HEADING, FORM_TITLE}]
    p = parse_printout("\n".join(lines))
    assert [c.code for c in p.copies] == ["50490000-3632", "50490000-3632"]


def test_a_report_line_that_looks_like_a_label_starts_no_copy(sample: Printout) -> None:
    lines = sample_lines()
    lines.insert(47, "ผู้รับผิดชอบ : ครูประจำชั้น")  # after line 47, report 1's first line
    p = parse_printout("\n".join(lines))
    assert len(p.copies) == 2
    assert p.copies[0].reports[0].narrative.endswith("\nผู้รับผิดชอบ : ครูประจำชั้น")


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex"])
def test_non_text_codec_is_misuse(codec: str) -> None:
    with pytest.raises(InvalidValueError, match="is not a text encoding"):
        parse_printout(b"abc", encoding=codec)
