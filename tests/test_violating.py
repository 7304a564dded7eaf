"""violating(code) triggers its rule; the valid strategies trigger no error."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dropout_model.caseload import Caseload
from dropout_model.errors import DropoutModelError, InvalidValueError
from dropout_model.findings import Severity
from dropout_model.project import Project
from dropout_model.risk import RiskAssessment
from dropout_model.rules import rule_catalogue, validate
from dropout_model.scholarship import Scholarship
from dropout_model.strategies import (
    caseloads,
    projects,
    risk_assessments,
    scholarships,
    students,
    violating,
)
from dropout_model.strategies._violating import FUTURE, violating_codes
from dropout_model.student import Student

#: The codes validate() reports; X001-X004 are the printout reader's (tests/test_printout.py).
CODES = [e.code for e in rule_catalogue() if not e.code.startswith("X")]
FUTURE_CODES = {"R008", "S011", "A004", "F007"}
#: The type each family's data has; rules that compare records get a Caseload.
CASELOAD_CODES = {"A002", "F002", "F003", "F004", "F005", "C001", "C002", "C003"}
TYPES = {"P": Project, "R": Project, "S": Student, "A": RiskAssessment, "F": Scholarship}


def test_every_rule_has_a_violating_strategy() -> None:
    assert list(violating_codes()) == CODES


@pytest.mark.parametrize("code", CODES)
@settings(max_examples=15)
@given(data=st.data())
def test_violating_data_triggers_its_rule(code: str, data: st.DataObject) -> None:
    obj = data.draw(violating(code))
    expected = Caseload if code in CASELOAD_CODES else TYPES[code[0]]
    assert isinstance(obj, expected)
    as_of = FUTURE if code in FUTURE_CODES else None
    assert code in validate(obj, as_of=as_of).codes
    # Selecting the one rule finds it too, and ignoring it finds nothing of it.
    assert code in validate(obj, as_of=as_of, select=code).codes
    assert code not in validate(obj, as_of=as_of, ignore=code).codes


@pytest.mark.parametrize("code", ["", "P", "P000", "Z999", "p001"])
def test_unknown_codes_are_refused(code: str) -> None:
    with pytest.raises(InvalidValueError, match="is not a rule code") as info:
        violating(code)
    assert isinstance(info.value, DropoutModelError)
    assert isinstance(info.value, ValueError)


def test_a_non_string_code_is_refused() -> None:
    bad: Any = 1
    with pytest.raises(InvalidValueError, match="P001"):
        violating(bad)


def errors_of(obj: object) -> list[str]:
    return [f.text() for f in validate(obj) if f.severity is Severity.ERROR]


@given(projects())
def test_valid_projects_have_no_errors(p: Project) -> None:
    assert errors_of(p) == []


@given(students())
def test_valid_students_have_no_errors(s: Student) -> None:
    assert errors_of(s) == []


@given(risk_assessments())
def test_valid_assessments_have_no_errors(a: RiskAssessment) -> None:
    assert errors_of(a) == []


@given(scholarships())
def test_valid_scholarships_have_no_errors(s: Scholarship) -> None:
    assert errors_of(s) == []


@settings(max_examples=30)
@given(caseloads(max_students=8, with_project=None))
def test_valid_caseloads_have_no_errors(cl: Caseload) -> None:
    assert errors_of(cl) == []
