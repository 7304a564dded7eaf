"""Notebook display: ``_repr_html_`` of Project, Findings and Caseload, and ``Findings.to_html``.

The HTML is read back with the standard library's parser: it must be well
formed (every tag closed in order), every Thai text must sit inside an element
that declares ``lang="th"``, and the cells must hold what the test computes
from the data on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model import _html as h
from dropout_model.caseload import Caseload
from dropout_model.errors import InvalidValueError
from dropout_model.findings import Finding, Findings, Severity
from dropout_model.printout import read_printout, sample_path
from dropout_model.project import Agency, PlanStatus, ProgressReport, Project, Target
from dropout_model.risk import RiskAssessment, RiskLevel, derive_risk_level
from dropout_model.rules import validate
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
from dropout_model.strategies import caseloads, projects
from dropout_model.student import EnrollmentStatus, Pathway, PathwayKind, Student
from dropout_model.thaidate import AcademicYear, FiscalYear, format_date

THAI = re.compile("[\u0e00-\u0e7f]")
MONEY = re.compile(r"[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}")


# --- reading the HTML back ---------------------------------------------------------------------


@dataclasses.dataclass
class Cell:
    text: str  # all the text of the cell
    en: str  # the text outside lang="th" elements (the English part of a label)
    header: bool


@dataclasses.dataclass
class Table:
    cls: str | None
    lang: str | None
    caption: str = ""
    head: list[Cell] = dataclasses.field(default_factory=list)
    rows: list[list[Cell]] = dataclasses.field(default_factory=list)

    def column(self, label: str) -> dict[str, str]:
        """Rows keyed by the English part of their first cell: the text of cell ``label``."""
        at = [c.en for c in self.head].index(label)
        return {r[0].en: r[at].text for r in self.rows}


class Page(HTMLParser):
    """Checks nesting while reading; collects tables, texts and the language in force."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.tables: list[Table] = []
        self.texts: list[tuple[str, str | None]] = []
        self.root: dict[str, str | None] = {}
        self.root_tag = ""
        self._cell: Cell | None = None
        self._row: list[Cell] | None = None
        self._in_head = False
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        lang = a.get("lang") or (self.stack[-1][1] if self.stack else None)
        if not self.stack and not self.root_tag:
            self.root, self.root_tag = a, tag
        assert self.stack or self.root_tag == tag, "more than one root element"
        self.stack.append((tag, lang))
        if tag == "table":
            self.tables.append(Table(a.get("class"), lang))
        elif tag == "thead":
            self._in_head = True
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._row = []
        elif tag in {"td", "th"}:
            self._cell = Cell("", "", tag == "th")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise AssertionError(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1][0] == tag, f"</{tag}> closes <{self.stack[-1][0]}>"
        self.stack.pop()
        table = self.tables[-1] if self.tables else None
        if tag in {"td", "th"}:
            assert self._cell is not None
            assert self._row is not None
            self._row.append(
                Cell(self._cell.text.strip(), self._cell.en.strip(), self._cell.header)
            )
            self._cell = None
        elif tag == "tr":
            assert table is not None
            assert self._row is not None
            if self._in_head:
                table.head.extend(self._row)
            else:
                table.rows.append(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        assert self.stack, f"text outside the root element: {data!r}"
        lang = self.stack[-1][1]
        self.texts.append((data, lang))
        if self._cell is not None:
            self._cell.text += data
            if lang != "th":
                self._cell.en += data
        elif self._in_caption:
            self.tables[-1].caption += data

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.texts)

    def table(self, cls: str) -> Table:
        (found,) = [t for t in self.tables if t.cls == cls]
        return found


def parse(html: str) -> Page:
    assert type(html) is str or isinstance(html, h.Html)
    page = Page()
    page.feed(html)
    page.close()
    assert not page.stack, f"unclosed: {[t for t, _ in page.stack]}"
    assert page.root_tag, "no element"
    for text, lang in page.texts:
        if THAI.search(text):
            assert lang == "th", f"Thai text without lang='th': {text!r}"
    return page


def be(d: dt.date) -> str:
    """The BE numeric date, worked out here: 31/01/2566."""
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


def amount(text: str) -> Decimal:
    assert MONEY.fullmatch(text), f"not baht with separators: {text!r}"
    return Decimal(text.replace(",", ""))


# --- the helpers -------------------------------------------------------------------------------


def test_html_renders_itself_and_escapes_only_plain_text() -> None:
    page = h.Html("<b>x</b>")
    assert page._repr_html_() == "<b>x</b>"
    assert type(page._repr_html_()) is str
    assert page.__html__() == "<b>x</b>"
    assert (
        h.escape("<a href=\"x\">'&'</a>")
        == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
    )
    assert h.escape(page) == "<b>x</b>"
    assert (
        h.element("td", "<i>", page, title='"q"')
        == '<td title="&quot;q&quot;">&lt;i&gt;<b>x</b></td>'
    )


@pytest.mark.parametrize(
    ("value", "money", "number"),
    [
        (Decimal(0), "0.00", "0"),
        (Decimal("999.5"), "999.50", "999.5"),
        (Decimal(1000), "1,000.00", "1,000"),
        (Decimal("1234567.891"), "1,234,567.891", "1,234,567.891"),
        (Decimal("1E+6"), "1,000,000.00", "1,000,000"),
        (None, "—", "—"),
    ],
)
def test_money_and_numbers(value: Decimal | None, money: str, number: str) -> None:
    assert h.money(value) == money
    assert h.number(value) == number


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("short", 10, "short"),
        ("a  b\n c", 10, "a b c"),
        ("abcdefghij", 10, "abcdefghij"),
        ("abcdefghijk", 10, "abcdefghi…"),
        ("โรงเรียนเก่า", 5, "โรง…"),  # no เ left dangling before the ellipsis
    ],
)
def test_truncate(text: str, width: int, shown: str) -> None:
    assert h.truncate(text, width) == shown
    assert len(h.truncate(text, width)) <= width


# --- Project -----------------------------------------------------------------------------------

NASTY = '<script>alert("x")</script> & Co\'s'


def test_sample_printout_projects_show_every_report() -> None:
    copies = read_printout(sample_path()).copies
    assert len(copies) == 2
    for project in copies:
        page = parse(project._repr_html_())
        assert page.root == {"class": "dropout-model project"}
        facts = {row[0].en: row[1].text for row in page.table("summary").rows}
        assert facts["code"] == "50490000-3632"
        assert facts["fiscal year"] == "ปีงบประมาณ พ.ศ. 2566 (FY 2566)"
        assert facts["period"] == "1 ตุลาคม 2565 (2022-10-01) – 30 กันยายน 2565 (2022-09-30)"
        assert facts["agency"] == "สำนักงานเขตทุ่งครุ / ฝ่ายการศึกษา / ฝ่ายการศึกษา"
        assert facts["target"].endswith("ได้รับทุนการศึกษา 1,000 คน")
        assert facts["budget allocated, baht"] == facts["budget spent, baht"] == "0.00"
        assert facts["latest progress"] == "100.00 %"
        assert facts["progress reports"] == "9"
        reports = page.table("reports")
        assert [c.en for c in reports.head] == [
            "no.",
            "date",
            "progress",
            "disbursed, baht",
            "plan status",
            "target status",
        ]
        assert len(reports.rows) == len(project.reports) == 9
        for row, report in zip(reports.rows, project.reports, strict=True):
            assert report.date is not None
            assert [c.text for c in row[:4]] == [
                str(report.number),
                be(report.date),
                f"{report.progress} %",
                "0.00",
            ]
            assert row[4].text == "เป็นไปตามแผน"
        # The first copy lost report 4's target status (X001); the second has it.
        wanted = ["เป็นไปตามเป้าหมาย"] * 9
        if project is copies[0]:
            wanted[3] = "—"
        assert [row[5].text for row in reports.rows] == wanted
        assert [row[2].text for row in reports.rows][-3:] == ["90.00 %", "95.00 %", "100.00 %"]


@given(projects(max_reports=6))
def test_generated_projects(project: Project) -> None:
    html = project._repr_html_()
    page = parse(html)
    facts = {row[0].en: row[1].text for row in page.table("summary").rows}
    assert facts["code"] == project.code
    assert facts["name"] == project.name
    assert project.fiscal_year is not None
    assert str(project.fiscal_year.be_year) in facts["fiscal year"]
    assert project.start is not None
    assert project.end is not None
    assert project.start.isoformat() in facts["period"]
    assert str(project.start.year + 543) in facts["period"]
    assert amount(facts["budget allocated, baht"]) == project.budget_allocated
    assert amount(facts["budget spent, baht"]) == project.budget_spent
    assert facts["progress reports"] == str(len(project.reports))
    if project.reports:
        rows = page.table("reports").rows
        assert len(rows) == len(project.reports)
        for row, report in zip(rows, project.reports, strict=True):
            assert report.date is not None
            assert report.plan_status is not None
            assert report.target_status is not None
            assert row[1].text == be(report.date)
            assert Decimal(row[2].text.removesuffix(" %")) == report.progress
            assert amount(row[3].text) == report.disbursed
            assert row[4].text == report.plan_status.label_th
            assert row[5].text == report.target_status.label_th
        assert facts["latest progress"] == f"{project.reports[-1].progress} %"
    else:
        assert facts["latest progress"] == "—"
        assert "no progress reports" in page.text
    # Personal and long fields are never shown.
    assert project.coordinator
    assert project.coordinator not in html
    marked = attrs.evolve(
        project,
        responsible="RESPONSIBLE-MARK",
        coordinator="COORDINATOR-MARK",
        rationale="RATIONALE-MARK",
        objectives="OBJECTIVES-MARK",
        reports=tuple(attrs.evolve(r, narrative="NARRATIVE-MARK") for r in project.reports),
    )
    assert "-MARK" not in marked._repr_html_()


def test_project_values_are_escaped() -> None:
    p = Project(
        'X"1<',
        NASTY,
        agency=Agency((NASTY, "ฝ่าย<ก>")),
        target=Target(NASTY),
    )
    html = p._repr_html_()
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#x27;s" in html
    page = parse(html)
    facts = {row[0].en: row[1].text for row in page.table("summary").rows}
    assert facts["code"] == 'X"1<'
    assert facts["name"] == NASTY
    assert facts["agency"] == f"{NASTY} / ฝ่าย<ก>"
    assert facts["target"] == NASTY


def test_project_with_nothing_but_a_code_and_name() -> None:
    page = parse(Project("", "")._repr_html_())
    facts = {row[0].en: row[1].text for row in page.table("summary").rows}
    assert set(facts.values()) == {"—", "0"}
    assert facts["progress reports"] == "0"
    assert [t.cls for t in page.tables] == ["summary"]


def test_project_long_texts_are_cut_and_missing_values_marked() -> None:
    long_name = "ก" * 500
    report = ProgressReport(1, None, "ข" * 1000, None, None, PlanStatus.BEHIND, None)
    p = Project(
        "50490000-0001",
        long_name,
        FiscalYear(2567),
        end=dt.date(2024, 9, 30),
        budget_allocated=Decimal("1234567.5"),
        target=Target("", Decimal(1000), "คน"),
        reports=(report,),
    )
    html = p._repr_html_()
    page = parse(html)
    facts = {row[0].en: row[1].text for row in page.table("summary").rows}
    assert facts["name"].endswith("…")
    assert 10 < len(facts["name"]) < len(long_name)
    assert "ข" * 50 not in html
    assert facts["period"] == "? – 30 กันยายน 2567 (2024-09-30)"
    assert facts["budget allocated, baht"] == "1,234,567.50"
    assert facts["budget spent, baht"] == "—"
    assert facts["target"] == "1,000 คน"
    (row,) = page.table("reports").rows
    assert [c.text for c in row] == ["1", "—", "—", "—", "ล่าช้ากว่าแผน", "—"]


# --- Findings ----------------------------------------------------------------------------------

PLAIN = string.ascii_letters + string.digits + " <>&\"'/=.[]_-"
findings_st = st.lists(
    st.builds(
        Finding,
        code=st.sampled_from(["P002", "R004", "S001", "X001", "C002"]),
        severity=st.sampled_from(list(Severity)),
        path=st.text(PLAIN, max_size=12),
        message=st.text(PLAIN, min_size=1, max_size=20),
        message_th=st.text("กขคงจ <&>", min_size=1, max_size=20),
        subject=st.none() | st.text(PLAIN, min_size=1, max_size=8),
        line=st.none() | st.integers(1, 5000),
    ),
    max_size=15,
).map(Findings)

WORDS = {
    "en": ("errors", "warnings", "infos"),
    "th": ("ข้อผิดพลาด", "คำเตือน", "ข้อสังเกต"),
}


@pytest.mark.parametrize("lang", ["en", "th"])
@given(fs=findings_st)
def test_findings_table_grouped_by_severity(fs: Findings, lang: str) -> None:
    assert lang in {"en", "th"}
    html = fs.to_html("en" if lang == "en" else "th")
    assert isinstance(html, h.Html)
    page = parse(html)
    assert page.root["lang"] == lang
    if not fs:
        assert page.root_tag == "p"
        assert page.text == ("no findings" if lang == "en" else "ไม่พบข้อสังเกต")
        return
    (table,) = page.tables
    with_line = any(f.line is not None for f in fs)
    expected_head = (
        ["code", "path", "subject", "line", "message"]
        if lang == "en"
        else ["รหัส", "ตำแหน่ง", "รายการ", "บรรทัด", "ข้อความ"]
    )
    if not with_line:
        del expected_head[3]
    assert [c.text for c in table.head] == expected_head
    # Expected rows, worked out here: a header per non-empty severity, errors first.
    expected: list[list[str]] = []
    for severity, word in zip(
        (Severity.ERROR, Severity.WARNING, Severity.INFO), WORDS[lang], strict=True
    ):
        group = [f for f in fs if f.severity is severity]
        if not group:
            continue
        expected.append([f"{word} ({len(group)})"])
        for f in group:
            cells = [
                f.code,
                f.path.strip() if f.path else "—",
                f.subject.strip() if f.subject else "—",
            ]
            if with_line:
                cells.append(str(f.line) if f.line is not None else "—")
            cells.append((f.message_th if lang == "th" else f.message).strip())
            expected.append(cells)
    assert [[c.text for c in row] for row in table.rows] == expected
    assert all(row[0].header for row in table.rows if len(row) == 1)


@given(findings_st)
def test_findings_repr_html_is_the_english_table(fs: Findings) -> None:
    assert fs._repr_html_() == fs.to_html() == fs.to_html("en")
    assert type(fs._repr_html_()) is str


def test_findings_escape_and_refuse_an_unknown_language() -> None:
    f = Finding("P002", Severity.ERROR, "<path>", NASTY, "<ไทย> & ก", subject="<s>", line=3)
    html = Findings([f]).to_html()
    assert "<script" not in html
    assert "<path>" not in html
    assert "&lt;path&gt;" in html
    th = Findings([f]).to_html("th")
    assert "&lt;ไทย&gt; &amp; ก" in th
    assert NASTY not in th
    with pytest.raises(InvalidValueError, match="lang must be 'en' or 'th'"):
        Findings([f]).to_html("de")  # type: ignore[arg-type]


def test_findings_of_the_sample_printout() -> None:
    printout = read_printout(sample_path())
    fs = printout.findings + validate(printout.project)
    for lang in ("en", "th"):
        page = parse(fs.to_html(lang))
        (table,) = page.tables
        groups = [row[0].text for row in table.rows if len(row) == 1]
        assert len(groups) == len(fs.by_severity())
        assert len(table.rows) == len(fs) + len(groups)


# --- Caseload ----------------------------------------------------------------------------------


def expected_levels(cl: Caseload) -> Counter[str]:
    """Per student: the latest assessment (later in the tuple on a date tie), found by a scan."""
    assessed: dict[str, list[tuple[dt.date, int, RiskAssessment]]] = {}
    for i, a in enumerate(cl.assessments):
        assessed.setdefault(a.student_key, []).append((a.date, i, a))
    counts: Counter[str] = Counter()
    for s in cl.students:
        mine = assessed.get(s.key)
        if not mine:
            counts["not assessed"] += 1
            continue
        latest = max(mine, key=lambda t: (t[0], t[1]))[2]
        level = latest.level if latest.level is not None else derive_risk_level(latest)
        counts[level.value.replace("_", " ")] += 1
    return counts


def check_caseload(cl: Caseload) -> Page:
    html = cl._repr_html_()
    page = parse(html)
    assert page.root == {"class": "dropout-model caseload"}
    n = f"{len(cl.students):,}"

    status = page.table("status").column("students")
    want = Counter(s.status.value.replace("_", " ") for s in cl.students)
    assert list(status) == [*(e.value.replace("_", " ") for e in EnrollmentStatus), "total"]
    assert status == {**{k: f"{want[k]:,}" for k in status}, "total": n}

    pathway = page.table("pathway").column("students")
    want = Counter(
        s.pathway.kind.value.replace("_", " ") if s.pathway else "no pathway" for s in cl.students
    )
    assert list(pathway) == [
        *(k.value.replace("_", " ") for k in PathwayKind),
        "no pathway",
        "total",
    ]
    assert pathway == {**{k: f"{want[k]:,}" for k in pathway}, "total": n}

    risk = page.table("risk").column("students")
    want = expected_levels(cl)
    assert list(risk) == ["normal", "at risk", "problem", "not assessed", "total"]
    assert risk == {**{k: f"{want[k]:,}" for k in risk}, "total": n}

    support = page.table("support")
    assert [c.en for c in support.head] == [
        "kind",
        "awards",
        "recipients",
        "amount, baht",
        "paid, baht",
    ]
    kinds = [*(k.value.replace("_", " ") for k in ScholarshipKind), "total"]
    assert [row[0].en for row in support.rows] == kinds
    for row in support.rows:
        mine = [
            x
            for x in cl.scholarships
            if row[0].en in {"total", x.kind.value.replace("_", " ")}
            and x.status is not ScholarshipStatus.CANCELLED
        ]
        assert row[1].text == f"{len(mine):,}"
        assert row[2].text == f"{len({x.student_key for x in mine}):,}"
        assert amount(row[3].text) == sum(x.amount for x in mine)
        assert amount(row[4].text) == sum(d.amount for x in mine for d in x.disbursements)

    if cl.project is not None:
        assert cl.project.code in page.text
        assert cl.project.name in page.text
        assert not cl.project.coordinator or cl.project.coordinator not in html
    return page


def personal_values(cl: Caseload) -> set[str]:
    values: set[str] = set()
    for s in cl.students:
        values.add(s.key)
        values.add(s.name)
        if s.citizen_id is not None:
            values.add(s.citizen_id.reveal())
        if s.g_code is not None:
            values.add(s.g_code.reveal())
        if s.birth_date is not None:
            values |= {s.birth_date.isoformat(), be(s.birth_date)}
            values.add(format_date(s.birth_date, "long"))
    values |= {a.key for a in cl.assessments} | {x.key for x in cl.scholarships}
    return values - {""}


@given(caseloads(min_students=0, max_students=6, with_project=None))
def test_generated_caseloads_count_right_and_show_no_personal_data(cl: Caseload) -> None:
    page = check_caseload(cl)
    html = cl._repr_html_()
    for value in personal_values(cl):
        assert value not in html, "personal value or record key in the HTML"
        assert value not in page.text, "personal value or record key in the text"
    # Counts only: the order of students and scholarships does not matter.
    shuffled = attrs.evolve(cl, students=cl.students[::-1], scholarships=cl.scholarships[::-1])
    assert shuffled._repr_html_() == html


def test_caseload_edge_cases() -> None:
    ay = AcademicYear(2566)
    students = (
        Student("S-1", name="ด.ญ. หนึ่ง", status=EnrollmentStatus.DROPPED_OUT),
        Student("S-1", status=EnrollmentStatus.RETURNED),  # a duplicate key (rule C002)
        Student("S-2", pathway=Pathway(PathwayKind.VOCATIONAL_TRAINING)),
        Student("S-3"),
    )
    day = dt.date(2023, 6, 1)
    assessments = (
        RiskAssessment("A-1", "S-1", day, level=RiskLevel.PROBLEM),
        # Same date, later in the tuple: this one counts for both S-1 records.
        RiskAssessment("A-2", "S-1", day, level=RiskLevel.NORMAL),
        RiskAssessment("A-3", "S-2", day - dt.timedelta(days=1), level=RiskLevel.NORMAL),
        # Latest for S-2, no recorded level: derived (attendance 75% is a problem).
        RiskAssessment("A-4", "S-2", day, days_enrolled=40, days_absent=10),
        RiskAssessment("A-5", "S-9", day, level=RiskLevel.AT_RISK),  # not in the caseload
    )
    scholarships = (
        Scholarship(
            "F-1",
            "S-1",
            ScholarshipKind.TRAVEL,
            Funder.BMA,
            Decimal("1500.50"),
            ay,
            disbursements=(Disbursement(day, Decimal(500)),),
        ),
        Scholarship("F-2", "S-1", ScholarshipKind.TRAVEL, Funder.BMA, Decimal(1500), ay, term=2),
        Scholarship("F-3", "S-9", ScholarshipKind.EEF_EQUITY, Funder.EEF, Decimal(3000), ay),
    )
    cl = Caseload(students, assessments, scholarships, Project("P&1", NASTY))
    page = check_caseload(cl)
    risk = page.table("risk").column("students")
    assert (risk["normal"], risk["problem"], risk["not assessed"]) == ("2", "1", "1")
    support = {row[0].en: [c.text for c in row[1:]] for row in page.table("support").rows}
    assert support["travel"] == ["2", "1", "3,000.50", "500.00"]
    assert support["eef equity"] == ["1", "1", "3,000.00", "0.00"]
    assert support["total"] == ["3", "2", "6,000.50", "500.00"]
    html = cl._repr_html_()
    assert "<script" not in html
    assert "P&amp;1" in html
    assert "ด.ญ. หนึ่ง" not in html


def test_empty_caseload() -> None:
    page = check_caseload(Caseload())
    assert all(row[1].text == "0" for name in ("status", "risk") for row in page.table(name).rows)
    assert "0 students, 0 assessments, 0 scholarships" in page.text
    assert page.table("support").rows[-1][3].text == "0.00"


def test_a_large_caseload_in_one_pass() -> None:
    n = 10_000
    statuses = list(EnrollmentStatus)
    students = tuple(Student(f"S-{i}", status=statuses[i % len(statuses)]) for i in range(n))
    day = dt.date(2023, 6, 1)
    # Every second student assessed twice: the later assessment is a problem, the earlier normal.
    assessments = tuple(
        RiskAssessment(
            f"A-{i}",
            f"S-{i // 2 * 2}",
            day + dt.timedelta(days=i % 2),
            level=RiskLevel.PROBLEM if i % 2 else RiskLevel.NORMAL,
        )
        for i in range(n)
    )
    page = check_caseload(Caseload(students, assessments))
    risk = page.table("risk").column("students")
    assert (risk["problem"], risk["normal"], risk["not assessed"]) == ("5,000", "0", "5,000")


# --- plain repr is unchanged -------------------------------------------------------------------


@given(caseloads(min_students=1, max_students=3, with_project=True))
def test_plain_reprs_stay_short_and_on_one_line(cl: Caseload) -> None:
    assert cl.project is not None
    expected = (
        f"Caseload({len(cl.students)} students, {len(cl.assessments)} assessments, "
        f"{len(cl.scholarships)} scholarships, project={cl.project.code!r})"
    )
    assert repr(cl) == expected
    project = repr(cl.project)
    assert project.startswith(f"Project(code={cl.project.code!r}, name=")
    fs = validate(cl.project)
    for text in (repr(cl), project, repr(fs)):
        assert "\n" not in text
        assert "<" not in text
        assert len(text) < 1000
    assert repr(fs) == f"Findings({fs.summary()})"
    assert "reports=" not in project
    assert cl.project.coordinator not in project


def test_cancelled_awards_are_not_counted_as_in_rule_c003() -> None:
    year = AcademicYear(2566)
    awards = tuple(
        Scholarship(
            f"F-{i}",
            f"S-{i}",
            ScholarshipKind.TRAVEL,
            Funder.BMA,
            Decimal(500),
            year,
            status=status,
        )
        for i, status in enumerate([ScholarshipStatus.CANCELLED, ScholarshipStatus.ACTIVE])
    )
    project = Project("50490000-3632", "x", target=Target("t", Decimal(10), "คน"))
    cl = Caseload(students=(Student("S-0"), Student("S-1")), scholarships=awards, project=project)
    (c003,) = validate(cl, select="C003")
    total = parse(cl._repr_html_()).table("support").rows[-1]
    assert total[2].text == str(c003.observed) == "1"
    assert (total[1].text, amount(total[3].text)) == ("1", Decimal(500))
    assert "not counting 1 cancelled" in parse(cl._repr_html_()).table("support").caption


def test_a_long_findings_table_is_cut_with_a_count_of_the_rest() -> None:
    many = Findings(
        Finding("S002", Severity.WARNING, f"students[{i}].citizen_id", "m", "ม") for i in range(120)
    )
    page = parse(many.to_html(limit=50))
    (t,) = page.tables
    assert len(t.rows) == 1 + 50 + 1
    assert "70 more" in t.rows[-1][0].text
    assert len(parse(many.to_html(limit=None)).tables[0].rows) == 1 + 120
    assert "และอีก 70 รายการ" in many.to_html("th")
    with pytest.raises(InvalidValueError):
        many.to_html(limit=-1)
