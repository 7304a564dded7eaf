"""Redaction: a copy of model data that is safe to share (floor 4).

:func:`redact` walks any model object (a :class:`~dropout_model.student.Student`,
a :class:`~dropout_model.caseload.Caseload`, a
:class:`~dropout_model.project.Project`, tuples and lists of them…) and
returns a copy with the personal data taken out. Exactly this changes:

========================================  ==============================================
field                                     in the redacted copy
========================================  ==============================================
``Student.name``                          ``""``
``Student.citizen_id``                    with a key: a keyed pseudonym (below); without: ``None``
``Student.g_code``                        with a key: a keyed pseudonym (below); without: ``None``
``Student.birth_date``                    1 July of the same year (``keep_birth_date=True``
                                          keeps the day)
``FollowUp.outcome``                      ``""`` (free-text notes about a family)
``Project.responsible``,                  ``""`` (they can name a person)
``Project.coordinator``
any other ``CitizenId`` or ``GCode``      as for the student's
========================================  ==============================================

Everything else is kept as it is: the programme's keys (``Student.key``,
``RiskAssessment.student_key``…, which are never personal data), schools,
dates of enrollment, exit and follow-up, sex, grade, status, pathway, risk
indicators and household income, scholarships and payments, project texts.
Objects that hold none of the fields above come back unchanged (the very same
object).

Pseudonyms are HMAC-SHA256 of the raw identifier under your secret ``key``:
the same identifier and key always give the same pseudonym, so redacted files
made with one key still join; without the key nobody can recompute them. A
pseudonym is recognisably not real:

- a pseudonym citizen ID starts with ``9``, a person type that does not
  exist (real IDs start 0–8), followed by 11 digits of the HMAC and a correct
  check digit, so it still passes the checksum rule (S001);
- a pseudonym G-code has the province ``00`` (real province codes are
  10–96): ``G`` + 2 digits + ``00`` + 8 digits, all 10 digits from the HMAC.

With 10¹¹ possible citizen-ID pseudonyms, two of n different IDs share one
with a probability of about n²/(2·10¹¹): 1 in 2,000 for 10,000 students. For
G-codes (10¹⁰) it is about n²/(2·10¹⁰).

Birth dates are coarsened to the year's 1 July: an age in years computed from
it is off by at most half a year, which keeps the over-age checks useful.

>>> from datetime import date
>>> from dropout_model.ids import CitizenId
>>> from dropout_model.student import Student
>>> s = Student(
...     "BKK-0001",
...     citizen_id=CitizenId("1101700230708"),
...     name="ด.ญ. ตัวอย่าง",
...     birth_date=date(2010, 3, 14),
... )
>>> key = bytes(range(32))  # use secrets.token_bytes(32), and keep it secret
>>> r = redact(s, key=key)
>>> r.key, r.name, r.birth_date
('BKK-0001', '', datetime.date(2010, 7, 1))
>>> r.citizen_id.person_type, r.citizen_id.is_valid, r.citizen_id == redact(s, key=key).citizen_id
(9, True, True)
>>> redact(s).citizen_id is None
True
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import hmac
import typing
from typing import Any, Final, TypeVar, overload

import attrs

from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.ids import CitizenId, GCode, citizen_id_check_digit
from dropout_model.project import Project
from dropout_model.student import FollowUp, Student

__all__ = ["MIN_KEY_BYTES", "pseudonym", "redact"]

T = TypeVar("T")

#: The shortest key :func:`redact` accepts; 32 random bytes are recommended.
MIN_KEY_BYTES: Final = 16

_CITIZEN_DOMAIN: Final = b"dropout_model/redact/citizen_id\x00"
_G_CODE_DOMAIN: Final = b"dropout_model/redact/g_code\x00"

#: Text fields blanked to "" in each class.
_BLANK: Final[dict[type, tuple[str, ...]]] = {
    Student: ("name",),
    FollowUp: ("outcome",),
    Project: ("responsible", "coordinator"),
}
#: Date fields coarsened to 1 July of their year.
_COARSEN: Final[dict[type, tuple[str, ...]]] = {Student: ("birth_date",)}

_WALK, _BLANK_IT, _COARSEN_IT = "walk", "blank", "coarsen"


def _check_key(key: object) -> bytes | None:
    if key is None:
        return None
    if not isinstance(key, bytes):
        msg = (
            f"redact key must be bytes, not {type(key).__name__}; "
            "make one with secrets.token_bytes(32) and keep it secret"
        )
        raise InvalidTypeError(msg)
    if len(key) < MIN_KEY_BYTES:
        msg = (
            f"redact key must be at least {MIN_KEY_BYTES} bytes, got {len(key)}; "
            "make one with secrets.token_bytes(32) and keep it secret"
        )
        raise InvalidValueError(msg)
    return key


def _hmac_digits(key: bytes, domain: bytes, raw: str, n: int) -> str:
    mac = hmac.new(key, domain + raw.encode("ascii"), hashlib.sha256).digest()
    return str(int.from_bytes(mac, "big") % 10**n).zfill(n)


@overload
def pseudonym(value: CitizenId, key: bytes) -> CitizenId: ...
@overload
def pseudonym(value: GCode, key: bytes) -> GCode: ...
def pseudonym(value: CitizenId | GCode, key: bytes) -> CitizenId | GCode:
    """The keyed pseudonym :func:`redact` puts in place of a citizen ID or G-code.

    Use it to redact a list kept elsewhere (a partner's register) with the same
    key, so that it joins with redacted files.

    >>> key = bytes(range(32))
    >>> p = pseudonym(CitizenId("1101700230708"), key)
    >>> p.person_type, p.is_valid, p == pseudonym(CitizenId("1101700230708"), key)
    (9, True, True)
    >>> pseudonym(GCode("G664200000001"), key).province
    '00'
    """
    checked = _check_key(key)
    if checked is None:
        msg = "pseudonym() needs a key: bytes, at least 16 of them"
        raise InvalidTypeError(msg)
    given: object = value
    if isinstance(given, CitizenId):
        body = "9" + _hmac_digits(checked, _CITIZEN_DOMAIN, given.reveal(), 11)
        return CitizenId(body + str(citizen_id_check_digit(body)))
    if isinstance(given, GCode):
        d = _hmac_digits(checked, _G_CODE_DOMAIN, given.reveal(), 10)
        return GCode(f"G{d[:2]}00{d[2:]}")
    msg = f"pseudonym() takes a CitizenId or a GCode, not {type(value).__name__}"
    raise InvalidTypeError(msg)


def redact(x: T, *, key: bytes | None = None, keep_birth_date: bool = False) -> T:
    """A copy of ``x`` that is safe to share: see the module documentation for what changes.

    ``key`` (secret bytes, at least :data:`MIN_KEY_BYTES`) turns citizen IDs
    and G-codes into keyed pseudonyms; without it they are removed (``None``).
    ``keep_birth_date`` keeps birth dates exact instead of 1 July of the year.

    ``x`` may be any model object, or a tuple, list or dict of them. A bare
    :class:`~dropout_model.ids.CitizenId` or :class:`~dropout_model.ids.GCode`
    needs a key (there is nothing to return without one).
    """
    checked = _check_key(key)
    if checked is None and isinstance(x, CitizenId | GCode):
        msg = f"redact() of a bare {type(x).__name__} needs a key; without one it is removed"
        raise InvalidValueError(msg)
    result: T = _Redactor(checked, keep_birth_date=keep_birth_date).walk(x)
    return result


class _Redactor:
    def __init__(self, key: bytes | None, *, keep_birth_date: bool) -> None:
        self.key = key
        self.keep_birth_date = keep_birth_date

    def walk(self, x: Any) -> Any:
        t = type(x)
        if t is CitizenId or t is GCode:
            return None if self.key is None else pseudonym(x, self.key)
        if t is tuple or t is list:
            items = [self.walk(item) for item in x]
            if t is tuple and all(a is b for a, b in zip(items, x, strict=True)):
                return x
            return t(items)
        if t is dict:
            return {k: self.walk(v) for k, v in x.items()}
        if attrs.has(t):
            return self._walk_attrs(x, _plan(t))
        return x

    def _walk_attrs(self, x: Any, plan: tuple[tuple[str, str, str], ...]) -> Any:
        changes: dict[str, Any] = {}
        for name, alias, action in plan:
            old = getattr(x, name)
            if action == _BLANK_IT:
                if isinstance(old, str) and old:
                    changes[alias] = ""
            elif action == _COARSEN_IT:
                coarse = _coarsen(old) if not self.keep_birth_date else old
                if coarse != old:
                    changes[alias] = coarse
            elif (new := self.walk(old)) is not old:
                changes[alias] = new
        return attrs.evolve(x, **changes) if changes else x


def _coarsen(d: object) -> object:
    """1 July of the date's year (a date of birth known to the year)."""
    return _dt.date(d.year, 7, 1) if type(d) is _dt.date else d


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str, str], ...]:
    """The fields of ``cls`` redaction must look at: (name, alias, action)."""
    blank = _BLANK.get(cls, ())
    coarsen = _COARSEN.get(cls, ())
    hints = _hints(cls)
    plan: list[tuple[str, str, str]] = []
    for a in attrs.fields(cls):
        if not a.init:
            continue
        if a.name in blank:
            plan.append((a.name, a.alias, _BLANK_IT))
        elif a.name in coarsen:
            plan.append((a.name, a.alias, _COARSEN_IT))
        elif _may_hold(hints.get(a.name, Any), set()):
            plan.append((a.name, a.alias, _WALK))
    return tuple(plan)


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # unresolvable annotations: walk every field
        return {}


def _may_hold(tp: Any, seen: set[type]) -> bool:
    """Whether a value of type ``tp`` may contain something :func:`redact` changes."""
    if tp in (CitizenId, GCode) or tp in _BLANK or tp in _COARSEN:
        return True
    if isinstance(tp, type) and attrs.has(tp):
        if tp in seen:
            return False
        seen.add(tp)
        hints = _hints(tp)
        return any(_may_hold(hints.get(a.name, Any), seen) for a in attrs.fields(tp) if a.init)
    args = typing.get_args(tp)
    if args:
        return any(_may_hold(arg, seen) for arg in args if arg is not Ellipsis)
    # Plain leaves hold nothing personal; anything unknown (Any, object, a TypeVar) might.
    return not isinstance(tp, type) or tp is object
