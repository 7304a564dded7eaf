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

from typing import TYPE_CHECKING, TypeVar

import attrs

from dropout_model import _model as m
from dropout_model.project import Project
from dropout_model.risk import RiskAssessment
from dropout_model.scholarship import Scholarship
from dropout_model.student import Student

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
