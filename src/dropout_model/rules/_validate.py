"""``validate()`` and ``check()``: pick the rules, walk the object, collect the findings."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from dropout_model.caseload import Caseload
from dropout_model.errors import InvalidTypeError, InvalidValueError, ValidationError
from dropout_model.findings import Finding, Findings, matches_code
from dropout_model.project import ProgressReport, Project
from dropout_model.risk import RiskAssessment
from dropout_model.rules._core import Env, Rule, Target, join_path
from dropout_model.rules.catalogue import ALL_RULES
from dropout_model.rules.config import RuleConfig
from dropout_model.scholarship import Scholarship
from dropout_model.student import Student

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["check", "validate"]

_DEFAULT_CONFIG = RuleConfig()
_CODES = tuple(r.code for r in ALL_RULES)
_WHAT = (
    "a Project, a sequence of ProgressReport, a Student, a RiskAssessment, a Scholarship "
    "or a Caseload"
)

Selectors = str | Iterable[str] | None


def _selectors(name: str, selectors: Selectors) -> tuple[str, ...] | None:
    """The selectors as a tuple; a bare string is one selector. Unknown ones are misuse."""
    value: object = selectors  # callers without type checking may pass anything
    if value is None:
        return None
    if isinstance(value, str):
        items: tuple[object, ...] = (value,)
    elif isinstance(value, Iterable):
        items = tuple(value)
    else:
        msg = (
            f"validate() {name} must be a rule code or prefix, or a list of them (such as "
            f'["R", "S003"]), not {type(value).__name__}'
        )
        raise InvalidTypeError(msg)
    out: list[str] = []
    for item in items:
        if type(item) is not str:
            msg = f"validate() {name} holds a {type(item).__name__}; give codes or prefixes as str"
            raise InvalidTypeError(msg)
        code = item.strip().upper()
        # "X" codes belong to the printout reader: accepted, they select no rule here.
        if not code or (not code.startswith("X") and not any(c.startswith(code) for c in _CODES)):
            msg = (
                f"validate() {name}: {item!r} is not a rule code or prefix; use one of the "
                "prefixes P, R, S, A, F, C or a code such as R004 (see rule_catalogue())"
            )
            raise InvalidValueError(msg)
        out.append(code)
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _pick(
    select: tuple[str, ...] | None, ignore: tuple[str, ...] | None
) -> Mapping[Target, tuple[Rule, ...]]:
    chosen = [
        r
        for r in ALL_RULES
        if (select is None or matches_code(r.code, select))
        and not matches_code(r.code, ignore or ())
    ]
    return {t: tuple(r for r in chosen if r.target is t) for t in Target}


def _place(f: Finding, prefix: str, subject: str | None) -> Finding:
    if not prefix and (subject is None or f.subject is not None):
        return f
    return attrs.evolve(
        f,
        path=join_path(prefix, f.path),
        subject=f.subject if f.subject is not None else subject,
    )


def _apply(
    rules: tuple[Rule, ...], obj: object, env: Env, *, prefix: str = "", subject: str | None = None
) -> Iterator[Finding]:
    for r in rules:
        for f in r.func(r, obj, env):
            yield _place(f, prefix, subject)


def _project(
    rules: Mapping[Target, tuple[Rule, ...]],
    p: Project,
    env: Env,
    *,
    prefix: str = "",
    subject: str | None = None,
) -> Iterator[Finding]:
    yield from _apply(rules[Target.PROJECT], p, env, prefix=prefix, subject=subject)
    if rules[Target.REPORTS]:
        with_project = attrs.evolve(env, project=p)
        reports = join_path(prefix, "reports")
        yield from _apply(
            rules[Target.REPORTS], p.reports, with_project, prefix=reports, subject=subject
        )


def _caseload(
    rules: Mapping[Target, tuple[Rule, ...]], cl: Caseload, env: Env
) -> Iterator[Finding]:
    if cl.project is not None:
        yield from _project(rules, cl.project, env, prefix="project", subject=cl.project.code)
    # The loops are written out: they run once per record, so they are the hot path.
    student_rules = rules[Target.STUDENT]
    if student_rules:
        for i, s in enumerate(cl.students):
            for r in student_rules:
                for f in r.func(r, s, env):
                    yield _place(f, f"students[{i}]", s.key)
    assessment_rules = rules[Target.ASSESSMENT]
    if assessment_rules:
        for i, a in enumerate(cl.assessments):
            for r in assessment_rules:
                for f in r.func(r, a, env):
                    yield _place(f, f"assessments[{i}]", a.student_key)
    scholarship_rules = rules[Target.SCHOLARSHIP]
    if scholarship_rules:
        for i, sch in enumerate(cl.scholarships):
            for r in scholarship_rules:
                for f in r.func(r, sch, env):
                    yield _place(f, f"scholarships[{i}]", sch.student_key)
    for r in rules[Target.CASELOAD]:
        yield from r.func(r, cl, env)


def validate(
    obj: object,
    *,
    config: RuleConfig | None = None,
    select: Selectors = None,
    ignore: Selectors = None,
    as_of: _dt.date | None = None,
    project: Project | None = None,
) -> Findings:
    """Run the consistency rules on ``obj`` and return what they find.

    ``obj`` is a :class:`~dropout_model.project.Project` (with its reports), a
    sequence of :class:`~dropout_model.project.ProgressReport` (``project``
    gives the project around them, for the rules that compare with its dates),
    a :class:`~dropout_model.student.Student`, a
    :class:`~dropout_model.risk.RiskAssessment`, a
    :class:`~dropout_model.scholarship.Scholarship` or a
    :class:`~dropout_model.caseload.Caseload` (with its project, if any).
    Rules that need a caseload stay silent for a record validated on its own.

    ``select`` and ``ignore`` take codes or prefixes (``"R"``, ``["S003",
    "F"]``); rules are skipped before they run. ``as_of`` is the date against
    which "in the future" is judged; without it, no such rule runs. ``config``
    holds every threshold (default :class:`RuleConfig`).

    Findings come in the order of the object: project, reports, students,
    assessments, scholarships, then cross-record findings. Data problems never
    raise; misuse (an unsupported object, an unknown code) raises
    :class:`~dropout_model.errors.InvalidTypeError` or
    :class:`~dropout_model.errors.InvalidValueError`.

    >>> from datetime import date
    >>> from dropout_model.student import Student
    >>> fs = validate(Student("S-1"))
    >>> [(f.code, f.severity.value, f.path) for f in fs]
    [('S002', 'warning', 'citizen_id')]
    >>> validate(Student("S-1"), ignore="S").ok, len(validate(Student("S-1"), ignore="S"))
    (True, 0)
    """
    env = Env(_config(config), _as_of(as_of))
    rules = _pick(_selectors("select", select), _selectors("ignore", ignore))
    context: object = project  # callers without type checking may pass anything
    if context is not None and not isinstance(context, Project):
        msg = f"validate() project must be a Project, not {type(context).__name__}"
        raise InvalidTypeError(msg)
    if isinstance(obj, Sequence) and not isinstance(obj, str | bytes):
        for i, item in enumerate(obj):
            if not isinstance(item, ProgressReport):
                msg = (
                    f"validate() got a sequence whose item [{i}] is a {type(item).__name__}; "
                    f"a sequence must hold ProgressReport only (or pass {_WHAT})"
                )
                raise InvalidTypeError(msg)
        return Findings(_apply(rules[Target.REPORTS], obj, attrs.evolve(env, project=project)))
    if project is not None:
        msg = (
            "validate() project= is the context of a sequence of ProgressReport; a Project "
            "validates its own reports and a Caseload carries its project"
        )
        raise InvalidValueError(msg)
    if isinstance(obj, Caseload):
        return Findings(_caseload(rules, obj, attrs.evolve(env, caseload=obj)))
    if isinstance(obj, Project):
        return Findings(_project(rules, obj, env))
    for kind, target in _SINGLE:
        if isinstance(obj, kind):
            return Findings(_apply(rules[target], obj, env))
    msg = f"validate() takes {_WHAT}, not {type(obj).__name__}"
    raise InvalidTypeError(msg)


_SINGLE: tuple[tuple[type, Target], ...] = (
    (Student, Target.STUDENT),
    (RiskAssessment, Target.ASSESSMENT),
    (Scholarship, Target.SCHOLARSHIP),
)


def _config(config: RuleConfig | None) -> RuleConfig:
    value: object = config  # callers without type checking may pass anything
    if value is None:
        return _DEFAULT_CONFIG
    if not isinstance(value, RuleConfig):
        msg = f"validate() config must be a RuleConfig, not {type(value).__name__}"
        raise InvalidTypeError(msg)
    return value


def _as_of(as_of: _dt.date | None) -> _dt.date | None:
    value: object = as_of  # callers without type checking may pass anything
    if value is not None and type(value) is not _dt.date:
        msg = (
            f"validate() as_of must be a datetime.date (not a datetime), not "
            f"{type(value).__name__}; pass date.today() to judge against today"
        )
        raise InvalidTypeError(msg)
    return as_of


def _summary(findings: Findings, limit: int = 5) -> str:
    errors = findings.errors
    shown = ", ".join(f"{f.code} at {f.path or '-'}" for f in errors[:limit])
    more = f" and {len(errors) - limit} more" if len(errors) > limit else ""
    return f"validation found {findings.summary()}: {shown}{more}; see .findings"


def check(
    obj: object,
    *,
    config: RuleConfig | None = None,
    select: Selectors = None,
    ignore: Selectors = None,
    as_of: _dt.date | None = None,
    project: Project | None = None,
) -> Findings:
    """Like :func:`validate`, but raise when there is any finding of severity error.

    Raises :class:`~dropout_model.errors.ValidationError` carrying every
    finding (``.findings``, not only the errors); otherwise returns the
    findings (warnings and infos).

    >>> from dropout_model.project import Project
    >>> check(Project("5049-3632", "x"), select="P001")
    Traceback (most recent call last):
      ...
    dropout_model.errors.ValidationError: validation found 1 error: P001 at code; see .findings
    """
    findings = validate(
        obj, config=config, select=select, ignore=ignore, as_of=as_of, project=project
    )
    if not findings.ok:
        raise ValidationError(findings, _summary(findings))
    return findings
