"""The machinery of the rules (internal): :class:`Rule`, the run environment, paths, safe dates.

A rule is a small frozen unit (as frictionless ``checks/``, but immutable): a
stable code, a severity, what it applies to, titles in English and Thai, what it
checks, why (its source) and how to fix what it finds, and a generator function
that yields :class:`~dropout_model.findings.Finding` objects. The function
gets the rule itself (to make findings carrying the rule's code and severity),
the object to check and an :class:`Env` (configuration, ``as_of``, and the
project or caseload around the object, when there is one).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from dropout_model.caseload import Caseload
from dropout_model.errors import DropoutModelError
from dropout_model.findings import Finding, Severity, Value
from dropout_model.project import Project
from dropout_model.rules.config import RuleConfig
from dropout_model.thaidate import AcademicYear, FiscalYear, SchoolCalendar

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Env",
    "Rule",
    "Target",
    "academic_year_of",
    "academic_year_start",
    "add_days",
    "clip",
    "dec_sum",
    "fiscal_year_of",
    "fiscal_year_span",
    "full_years",
    "join_path",
    "rule",
]

_T = TypeVar("_T")


class Target(enum.Enum):
    """What a rule looks at."""

    PROJECT = "project"
    REPORTS = "reports"
    STUDENT = "student"
    ASSESSMENT = "assessment"
    SCHOLARSHIP = "scholarship"
    CASELOAD = "caseload"


#: How each target reads in the catalogue.
TARGET_LABELS: dict[Target, str] = {
    Target.PROJECT: "Project",
    Target.REPORTS: "progress reports",
    Target.STUDENT: "Student",
    Target.ASSESSMENT: "RiskAssessment",
    Target.SCHOLARSHIP: "Scholarship",
    Target.CASELOAD: "Caseload (cross-record)",
}


@attrs.frozen
class Env:
    """What a rule may know besides the object it checks.

    ``project`` is the project around a report sequence; ``caseload`` the
    caseload around a student, assessment or scholarship (None when the object
    is validated on its own: rules that need it then stay silent).
    """

    config: RuleConfig
    as_of: _dt.date | None = None
    project: Project | None = None
    caseload: Caseload | None = None
    #: Values a rule derives from a date and the configuration (S003's age cut-off), kept for
    #: one validate() call: dates repeat across a caseload.
    memo: dict[object, object] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class Rule:
    """One consistency rule: its identity, its documentation and its check.

    ``needs`` says what context the rule needs beyond the object, in words
    (``"a caseload"``, ``"as_of"``); empty when it needs none.
    """

    code: str
    severity: Severity
    target: Target
    title_en: str
    title_th: str
    checks: str
    why: str
    fix: str
    needs: str = ""
    func: Callable[[Rule, Any, Env], Iterable[Finding]] = attrs.field(
        repr=False, eq=False, kw_only=True
    )

    def run(self, obj: object, env: Env) -> Iterable[Finding]:
        """The findings of this rule on ``obj``."""
        return self.func(self, obj, env)

    def finding(
        self,
        path: str,
        message: str,
        message_th: str,
        *,
        observed: Value = None,
        expected: Value = None,
        subject: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at ``path``: its code, and its severity unless one is given.

        A rule whose findings differ in severity (S003: under-age is an error,
        over-age a warning) declares the most serious one and passes the lesser.
        """
        return Finding(
            self.code,
            severity or self.severity,
            path,
            message,
            message_th,
            observed=observed,
            expected=expected,
            subject=subject,
        )


def rule(
    code: str,
    severity: Severity,
    target: Target,
    *,
    title_en: str,
    title_th: str,
    checks: str,
    why: str,
    fix: str,
    needs: str = "",
) -> Callable[[Callable[[Rule, _T, Env], Iterator[Finding]]], Rule]:
    """Turn a generator function into a :class:`Rule` with this identity."""

    def wrap(func: Callable[[Rule, _T, Env], Iterator[Finding]]) -> Rule:
        return Rule(
            code,
            severity,
            target,
            title_en,
            title_th,
            checks,
            why,
            fix,
            needs,
            func=func,
        )

    return wrap


# --- paths and text ------------------------------------------------------------------------------


def join_path(prefix: str, path: str) -> str:
    """``join_path("reports", "[3].date")`` is ``reports[3].date``; either side may be empty.

    >>> join_path("students[2]", "enrollments[0].exit_date"), join_path("", "[1].date")
    ('students[2].enrollments[0].exit_date', '[1].date')
    """
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


def clip(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis), for observed values."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- dates ---------------------------------------------------------------------------------------


def add_days(d: _dt.date, days: int) -> _dt.date:
    """``d`` plus ``days``, held inside ``date.min``…``date.max`` instead of overflowing."""
    try:
        return d + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min


def full_years(born: _dt.date, on: _dt.date) -> int:
    """Age in full years on ``on`` (negative when ``on`` is before ``born``).

    >>> full_years(_dt.date(2016, 5, 17), _dt.date(2023, 5, 16))
    6
    """
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def fiscal_year_of(d: _dt.date) -> FiscalYear | None:
    """The fiscal year of ``d``, or None at the edges of the calendar."""
    try:
        return FiscalYear.of(d)
    except DropoutModelError:
        return None


def fiscal_year_span(fy: FiscalYear) -> tuple[_dt.date, _dt.date] | None:
    """(first day, last day) of ``fy``, or None when that falls outside 0001–9999."""
    try:
        return fy.start, fy.end
    except DropoutModelError:
        return None


def academic_year_of(d: _dt.date, calendar: SchoolCalendar) -> AcademicYear | None:
    """The academic year of ``d`` under ``calendar``, or None at the edges of the calendar."""
    try:
        return AcademicYear.of(d, calendar=calendar)
    except DropoutModelError:
        return None


def academic_year_start(ay: AcademicYear, calendar: SchoolCalendar) -> _dt.date | None:
    """First day of ``ay`` under ``calendar``, or None at the edges of the calendar."""
    try:
        return ay.start(calendar=calendar)
    except DropoutModelError:
        return None


# --- money ---------------------------------------------------------------------------------------

#: Sums of money never raise: huge values round (to 60 digits) or become Infinity.
_SUM_CONTEXT = decimal.Context(
    prec=60, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation]
)


def dec_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of ``values`` without overflow errors.

    >>> dec_sum([Decimal("0.10"), Decimal("0.20")])
    Decimal('0.30')
    """
    total = Decimal(0)
    for v in values:
        total = _SUM_CONTEXT.add(total, v)
    return total
