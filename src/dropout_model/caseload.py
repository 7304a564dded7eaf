"""A caseload: students, their assessments and support, held together (floor 3).

Lookups by key are O(1); the indexes are built once, in linear time, when the
caseload is made. Duplicate keys are kept as given (the first wins a lookup)
and reported by the rules (C002), because real data must still load.

>>> from datetime import date
>>> from dropout_model.student import Student
>>> cl = Caseload(students=(Student("S-1"), Student("S-2")))
>>> cl.student("S-2").key, cl.student("S-9")
('S-2', None)
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from dropout_model import _html as h
from dropout_model import _model as m
from dropout_model.project import Project
from dropout_model.risk import RiskAssessment, RiskLevel, derive_risk_level
from dropout_model.scholarship import Scholarship, ScholarshipKind, ScholarshipStatus
from dropout_model.student import EnrollmentStatus, PathwayKind, Student

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Caseload"]

_T = TypeVar("_T")


def _group(items: Iterable[_T], key: str) -> dict[str, tuple[_T, ...]]:
    groups: dict[str, list[_T]] = {}
    for item in items:
        groups.setdefault(getattr(item, key), []).append(item)
    return {k: tuple(v) for k, v in groups.items()}


@attrs.frozen
class Caseload:
    """Students, risk assessments and scholarships of one programme, optionally with its project."""

    students: tuple[Student, ...] = attrs.field(default=(), validator=m.tuple_of(Student))
    assessments: tuple[RiskAssessment, ...] = attrs.field(
        default=(), validator=m.tuple_of(RiskAssessment)
    )
    scholarships: tuple[Scholarship, ...] = attrs.field(
        default=(), validator=m.tuple_of(Scholarship)
    )
    project: Project | None = attrs.field(
        default=None, validator=m.instance_of(Project, optional=True)
    )
    _students_by_key: dict[str, Student] = attrs.field(init=False, repr=False, eq=False)
    _assessments_by_key: dict[str, RiskAssessment] = attrs.field(init=False, repr=False, eq=False)
    _assessments_by_student: dict[str, tuple[RiskAssessment, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _scholarships_by_student: dict[str, tuple[Scholarship, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        by_key: dict[str, Student] = {}
        for s in self.students:
            by_key.setdefault(s.key, s)
        object.__setattr__(self, "_students_by_key", by_key)
        by_assessment: dict[str, RiskAssessment] = {}
        for a in self.assessments:
            by_assessment.setdefault(a.key, a)
        object.__setattr__(self, "_assessments_by_key", by_assessment)
        object.__setattr__(self, "_assessments_by_student", _group(self.assessments, "student_key"))
        object.__setattr__(
            self, "_scholarships_by_student", _group(self.scholarships, "student_key")
        )

    def __repr__(self) -> str:
        return (
            f"Caseload({len(self.students)} students, {len(self.assessments)} assessments, "
            f"{len(self.scholarships)} scholarships"
            + (f", project={self.project.code!r})" if self.project else ")")
        )

    def student(self, key: str) -> Student | None:
        """The (first) student with this key, or None."""
        return self._students_by_key.get(key)

    def assessment(self, key: str) -> RiskAssessment | None:
        """The (first) risk assessment with this key, or None."""
        return self._assessments_by_key.get(key)

    def assessments_of(self, student_key: str) -> tuple[RiskAssessment, ...]:
        """The assessments of one student, in the caseload's order."""
        return self._assessments_by_student.get(student_key, ())

    def scholarships_of(self, student_key: str) -> tuple[Scholarship, ...]:
        """The scholarships of one student, in the caseload's order."""
        return self._scholarships_by_student.get(student_key, ())

    def _repr_html_(self) -> str:
        """What a notebook shows: counts only, never a name, an ID or a student key.

        Students by enrollment status, by pathway kind (and without one) and by
        risk level; support by scholarship kind (awards, distinct recipients,
        amount and paid, in baht; cancelled awards are not counted, as in rule
        C003); the project's code and name if there is one.
        Every category is listed in the order of its enum, zeros included.

        A student's risk level is that of their latest assessment (the later in
        the caseload's order on a tie of dates): the level recorded in it, else
        :func:`~dropout_model.risk.derive_risk_level` with the default
        thresholds; a student without an assessment counts as not assessed.
        One pass over the students, assessments and scholarships.

        >>> from dropout_model.student import PathwayKind, Pathway
        >>> cl = Caseload(students=(Student("S-1", pathway=Pathway(PathwayKind.FOLLOW_UP_ONLY)),))
        >>> html = cl._repr_html_()
        >>> "S-1" in html, "follow up only" in html, "ยังไม่ได้คัดกรอง" in html
        (False, True, True)
        """
        return str(_caseload_html(self))


# --- notebook display --------------------------------------------------------------------------

_FLEX = "display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start"
_TOTAL = h.labelled("total", "รวม")


def _latest_levels(assessments: Iterable[RiskAssessment]) -> dict[str, RiskLevel]:
    """Per student key, the level of the latest assessment (recorded, else derived)."""
    latest: dict[str, RiskAssessment] = {}
    for a in assessments:
        seen = latest.get(a.student_key)
        if seen is None or a.date >= seen.date:
            latest[a.student_key] = a
    return {
        key: a.level if a.level is not None else derive_risk_level(a) for key, a in latest.items()
    }


def _count_table(
    name: str,
    caption: h.Html,
    column: h.Html,
    counts: Iterable[tuple[h.Html, int]],
    total: int,
) -> h.Html:
    rows = [
        h.row([h.cell(label, header=True), h.cell(h.number(n), right=True)]) for label, n in counts
    ]
    rows.append(h.row([h.cell(_TOTAL, header=True), h.cell(h.number(total), right=True)]))
    return h.table(
        rows,
        head=[column, h.labelled("students", "นักเรียน (คน)")],
        caption=caption,
        class_=name,
    )


def _caseload_html(cl: Caseload) -> h.Html:
    by_status = dict.fromkeys(EnrollmentStatus, 0)
    by_pathway: dict[PathwayKind | None, int] = dict.fromkeys((*PathwayKind, None), 0)
    by_level: dict[RiskLevel | None, int] = dict.fromkeys((*RiskLevel, None), 0)
    levels = _latest_levels(cl.assessments)
    for s in cl.students:
        by_status[s.status] += 1
        by_pathway[s.pathway.kind if s.pathway is not None else None] += 1
        by_level[levels.get(s.key)] += 1
    awards = dict.fromkeys(ScholarshipKind, 0)
    recipients: dict[ScholarshipKind, set[str]] = {k: set() for k in ScholarshipKind}
    amount = dict.fromkeys(ScholarshipKind, Decimal(0))
    paid = dict.fromkeys(ScholarshipKind, Decimal(0))
    cancelled = 0
    for sch in cl.scholarships:
        if sch.status is ScholarshipStatus.CANCELLED:  # as rule C003 counts recipients
            cancelled += 1
            continue
        awards[sch.kind] += 1
        recipients[sch.kind].add(sch.student_key)
        amount[sch.kind] += sch.amount
        paid[sch.kind] += sch.paid

    n = len(cl.students)
    status = _count_table(
        "status",
        h.labelled("Students by status", "นักเรียนตามสถานะ"),
        h.labelled("status", "สถานะ"),
        ((h.labelled(k.label_en, k.label_th), by_status[k]) for k in EnrollmentStatus),
        n,
    )
    pathway = _count_table(
        "pathway",
        h.labelled("Students by pathway", "นักเรียนตามเส้นทาง"),
        h.labelled("pathway", "เส้นทาง"),
        (
            (
                h.labelled(k.label_en, k.label_th)
                if k is not None
                else h.labelled("no pathway", "ยังไม่มีเส้นทาง"),
                by_pathway[k],
            )
            for k in by_pathway
        ),
        n,
    )
    risk = _count_table(
        "risk",
        h.labelled("Students by risk level (latest assessment)", "ระดับความเสี่ยงล่าสุด"),
        h.labelled("risk level", "ระดับความเสี่ยง"),
        (
            (
                h.labelled(k.label_en, k.label_th)
                if k is not None
                else h.labelled("not assessed", "ยังไม่ได้คัดกรอง"),
                by_level[k],
            )
            for k in by_level
        ),
        n,
    )
    support_rows = [
        h.row(
            [
                h.cell(h.labelled(k.label_en, k.label_th), header=True),
                h.cell(h.number(awards[k]), right=True),
                h.cell(h.number(len(recipients[k])), right=True),
                h.cell(h.money(amount[k]), right=True),
                h.cell(h.money(paid[k]), right=True),
            ]
        )
        for k in ScholarshipKind
    ]
    everyone = set().union(*recipients.values())
    support_rows.append(
        h.row(
            [
                h.cell(_TOTAL, header=True),
                h.cell(h.number(len(cl.scholarships) - cancelled), right=True),
                h.cell(h.number(len(everyone)), right=True),
                h.cell(h.money(sum(amount.values(), Decimal(0))), right=True),
                h.cell(h.money(sum(paid.values(), Decimal(0))), right=True),
            ]
        )
    )
    support = h.table(
        support_rows,
        head=[h.labelled(en, th) for en, th in _SUPPORT_HEAD],
        caption=h.labelled(
            f"Support by kind (not counting {cancelled:,} cancelled)",
            f"ทุนและความช่วยเหลือตามประเภท (ไม่นับที่ยกเลิก {cancelled:,} รายการ)",
        ),
        class_="support",
    )

    counts = (
        f"{n:,} student{'s' if n != 1 else ''}, {len(cl.assessments):,} assessment"
        f"{'s' if len(cl.assessments) != 1 else ''}, {len(cl.scholarships):,} scholarship"
        f"{'s' if len(cl.scholarships) != 1 else ''}"
    )
    head = [
        h.element(
            "p", h.element("strong", h.labelled("Caseload", "นักเรียนในความดูแล")), f": {counts}"
        )
    ]
    if cl.project is not None:
        p = cl.project
        head.append(
            h.element(
                "p",
                h.labelled("project", "โครงการ"),
                ": ",
                h.element("code", p.code or h.MISSING),
                " ",
                h.thai(h.truncate(p.name, 200) or h.MISSING),
            )
        )
    return h.element(
        "div",
        *head,
        h.element("div", status, pathway, risk, style=_FLEX),
        support,
        class_="dropout-model caseload",
    )


_SUPPORT_HEAD = (
    ("kind", "ประเภท"),
    ("awards", "จำนวนทุน"),
    ("recipients", "ผู้รับ (คน)"),
    ("amount, baht", "จำนวนเงิน (บาท)"),
    ("paid, baht", "จ่ายแล้ว (บาท)"),
)
