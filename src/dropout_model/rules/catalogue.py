"""The rule catalogue: every rule with its code, titles, severity, what it checks, why and fix.

:func:`rule_catalogue` is the one source of the docs page ``docs/rules.md``
(:func:`render_markdown`), so code and documentation cannot drift.

>>> entries = rule_catalogue()
>>> entries[0].code, entries[0].severity.value, entries[0].title_en
('P001', 'error', 'Malformed project code')
>>> [e.code for e in entries if e.code.startswith("C")]
['C001', 'C002', 'C003']
"""

from __future__ import annotations

import attrs

from dropout_model.findings import Severity
from dropout_model.rules._core import TARGET_LABELS, Rule
from dropout_model.rules.caseload import CASELOAD_RULES
from dropout_model.rules.config import DEFAULT_RATES
from dropout_model.rules.project import PROJECT_RULES, REPORT_RULES
from dropout_model.rules.risk import ASSESSMENT_RULES
from dropout_model.rules.scholarship import SCHOLARSHIP_CASELOAD_RULES, SCHOLARSHIP_RULES
from dropout_model.rules.student import STUDENT_RULES

__all__ = ["ALL_RULES", "CatalogueEntry", "render_markdown", "rule_catalogue"]

#: Code prefixes in catalogue order, with their families.
FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("P", "Project", "โครงการ"),
    ("R", "Progress reports", "รายงานความก้าวหน้า"),
    ("S", "Students", "นักเรียน"),
    ("A", "Risk assessments", "การคัดกรองความเสี่ยง"),
    ("F", "Financial support", "ทุนและการช่วยเหลือทางการเงิน"),
    ("C", "Caseload, across records", "ข้อมูลทั้งชุด"),
    ("X", "Extraction from a printout", "การอ่านเอกสารรายงาน"),
)
_ORDER = {prefix: n for n, (prefix, _, _) in enumerate(FAMILIES)}

#: Every rule, in catalogue order (family, then code).
ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *PROJECT_RULES,
            *REPORT_RULES,
            *STUDENT_RULES,
            *ASSESSMENT_RULES,
            *SCHOLARSHIP_RULES,
            *SCHOLARSHIP_CASELOAD_RULES,
            *CASELOAD_RULES,
        ),
        key=lambda r: (_ORDER[r.code[0]], r.code),
    )
)

#: Rules that yield findings of a lesser severity as well (shown in the catalogue).
_LESSER: dict[str, tuple[Severity, str]] = {"S003": (Severity.WARNING, "over-age")}


@attrs.frozen
class CatalogueEntry:
    """One line of the rule catalogue.

    ``severity`` is the most serious severity the rule reports; ``applies_to``
    names the object it checks and ``needs`` the context it needs beyond it
    (``"as_of"``, ``"a caseload"``), empty when none.
    """

    code: str
    title_en: str
    title_th: str
    severity: Severity
    checks: str
    why: str
    fix: str
    applies_to: str
    needs: str = ""

    @property
    def severity_text(self) -> str:
        """The severity as the docs show it: ``error``, or ``error (warning for over-age)``."""
        lesser = _LESSER.get(self.code)
        if lesser is None:
            return self.severity.value
        return f"{self.severity.value} ({lesser[0].value} for {lesser[1]})"


def _entry(r: Rule) -> CatalogueEntry:
    return CatalogueEntry(
        r.code,
        r.title_en,
        r.title_th,
        r.severity,
        r.checks,
        r.why,
        r.fix,
        TARGET_LABELS[r.target],
        r.needs,
    )


_PRINTOUT = "printout text (found by parse_printout, in Printout.findings)"
_FORM_SOURCE = (
    "The BMA monitoring system's printout แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ, "
    "as in the bundled sample of project 50490000-3632."
)

#: The printout reader's findings. They are reported while reading, not by
#: validate(), but belong to the same catalogue so that every code is documented.
EXTRACTION: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        "X001",
        "Field missing or unreadable in a printout",
        "ไม่พบข้อมูลหรืออ่านข้อมูลในเอกสารไม่ได้",
        Severity.ERROR,
        "Every field of sections 1.1-1.6 and every part of each progress report (date, "
        "progress, disbursement, plan and target status) is present and readable; the finding "
        "gives the line.",
        _FORM_SOURCE + " A value the reader cannot find would otherwise be silently empty.",
        "Look at the line named: fill the value in the monitoring system and print again, or "
        "enter it by hand.",
        _PRINTOUT,
    ),
    CatalogueEntry(
        "X002",
        "Copies of one project disagree",
        "เอกสารฉบับต่าง ๆ ของโครงการเดียวกันไม่ตรงกัน",
        Severity.WARNING,
        "When a file holds the same project printed more than once, each field of each copy "
        "equals the first copy's; one finding per differing field, with both values.",
        _FORM_SOURCE + " The sample holds two copies that differ in wording and plan alignment.",
        "Decide which copy is right and correct the project in the monitoring system.",
        _PRINTOUT,
    ),
    CatalogueEntry(
        "X003",
        "Question mark where a character was lost in export",
        "เครื่องหมาย ? แทนอักขระที่หายไประหว่างการส่งออก",
        Severity.INFO,
        "Text fields hold no '?' standing for a character the export could not encode "
        "(quotes, dashes); one finding per field.",
        _FORM_SOURCE + " The sample prints ?เรียนฟรีชุดฟรีไม่มีเก็บเพิ่ม? for quoted text.",
        "Check the text against the source; export again as UTF-8 if you can.",
        _PRINTOUT,
    ),
    CatalogueEntry(
        "X004",
        "Report put back together across page headers",
        "รายงานถูกแบ่งด้วยหัวกระดาษและนำมาต่อกัน",
        Severity.INFO,
        "A progress report (or a field) that page headers split into fragments was joined "
        "again; the finding counts the fragments.",
        _FORM_SOURCE + " Report 4 of the sample's first copy is split over four fragments.",
        "Nothing to fix; check the joined report if the printout looks unusual.",
        _PRINTOUT,
    ),
)

_CATALOGUE: tuple[CatalogueEntry, ...] = (*(_entry(r) for r in ALL_RULES), *EXTRACTION)


def rule_catalogue() -> tuple[CatalogueEntry, ...]:
    """Every rule: code, English and Thai title, severity, what it checks, why (source), fix.

    The printout reader's codes (X001–X004) are listed too, after the rules.
    """
    return _CATALOGUE


_INTRO = """\
# Rule catalogue

<!-- Generated from dropout_model.rules.rule_catalogue() by docs/_ext/rule_catalogue.py.
     Do not edit by hand: change the rule, then run `python docs/_ext/rule_catalogue.py`. -->

`validate(obj)` runs the consistency rules below on a `Project`, a sequence of
`ProgressReport` (optionally with `project=` as context), a `Student`, a
`RiskAssessment`, a `Scholarship` or a `Caseload`, and returns `Findings`. Rules
*report*; they never refuse data. Each finding carries the rule's code and
severity, a JSON-style path (`reports[3].progress`,
`students[12].enrollments[0].exit_date`), an English and a Thai message, the
observed and expected values, and, in a caseload, the subject (student key or
project code). Findings never show names, citizen IDs, G-codes or birth dates.

- **error**: the data contradicts itself or the rules of the programme; `check()`
  raises `ValidationError` on any error.
- **warning**: probably wrong; look at it.
- **info**: worth knowing; nothing may be wrong.

`select` and `ignore` take codes or prefixes, as ruff does (`"R"`, `"S003"`);
rules are skipped before they run. Rules marked *needs as_of* judge dates "in the
future" and run only when `validate()` is given `as_of`; rules that need a
caseload or the project stay silent without it. Every threshold and table is a
field of `RuleConfig`, with its default and source.

```python
>>> from datetime import date
>>> from dropout_model.project import Project
>>> from dropout_model.rules import validate
>>> p = Project("50490000-3632", "ดูแลนักเรียน", start=date(2022, 10, 1), end=date(2022, 9, 30))
>>> sorted(validate(p, select=["P002", "P003"]).codes)
['P002', 'P003']
>>> print(validate(p, select="P002")[0].text())
P002 error at end: the project ends (2022-09-30) before it starts (2022-10-01); correct the start
or the end date (observed 2022-09-30, expected on or after 2022-10-01)

```
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    """The catalogue as the MyST page ``docs/rules.md``."""
    lines = [_INTRO, "## Overview", "", "| Code | Severity | Title | ชื่อ | Applies to |"]
    lines.append("|---|---|---|---|---|")
    lines.extend(
        f"| {{ref}}`{e.code} <rule-{e.code.lower()}>` | {e.severity_text} | "
        f"{_cell(e.title_en)} | {_cell(e.title_th)} | {_cell(e.applies_to)}"
        f"{'; needs ' + _cell(e.needs) if e.needs else ''} |"
        for e in rule_catalogue()
    )
    for prefix, family, family_th in FAMILIES:
        lines += ["", f"## {family} ({prefix}): {family_th}"]
        for e in rule_catalogue():
            if not e.code.startswith(prefix):
                continue
            lines += [
                "",
                f"(rule-{e.code.lower()})=",
                f"### {e.code}: {e.title_en}",
                "",
                f"*{e.title_th}*",
                "",
                f"Severity\n: {e.severity_text}",
                "",
                f"Applies to\n: {e.applies_to}" + (f"; needs {e.needs}" if e.needs else ""),
                "",
                f"Checks\n: {e.checks}",
                "",
                f"Why\n: {e.why}",
                "",
                f"Fix\n: {e.fix}",
            ]
    lines += ["", _CONFIG_TEXT, _rate_table()]
    return "\n".join(lines) + "\n"


_CONFIG_TEXT = """\
## Configuration

Every threshold and table above is a field of `RuleConfig`; change one with
`attrs.evolve(RuleConfig(), report_grace_days=0)` and pass it as `config=`.

```{eval-rst}
.. autofunction:: dropout_model.rules.validate

.. autofunction:: dropout_model.rules.check

.. autoclass:: dropout_model.rules.RuleConfig
   :members: rate_for

.. autoclass:: dropout_model.rules.AgeRules
   :members: regular_ages

.. autoclass:: dropout_model.rules.RateEntry
   :members: covers
```

### The default rate table (F001)
"""


def _rate_table() -> str:
    rows = ["| Valid from | Kind | Grades | Baht a year | Source |", "|---|---|---|---|---|"]
    rows.extend(
        f"| {e.valid_from.isoformat()} | {e.kind.value} ({e.kind.label_th}) | "
        f"{e.grades[0].value}–{e.grades[1].value} | {e.amount:,} | {_cell(e.source)} |"
        for e in DEFAULT_RATES
    )
    return "\n".join(rows)
