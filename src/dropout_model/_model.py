"""Building blocks of the model (floor 3, internal): Thai-labelled enums and field factories.

The field factories attach one small validator each: a type check (``type(x)
is date`` rather than ``isinstance``, so a ``datetime`` is refused where a
``date`` is meant) plus the invariant, if any, that no real record can break
(money is never negative, a percent lies in 0–100). Anything merely
*inconsistent* is left to the rules.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.thaitext import normalize

if TYPE_CHECKING:
    import attrs

__all__ = [
    "ThaiEnum",
    "Validator",
    "frozenset_of",
    "instance_of",
    "tuple_of",
    "v_count",
    "v_date",
    "v_money",
    "v_opt_count",
    "v_opt_date",
    "v_opt_money",
    "v_opt_percent",
    "v_opt_str",
    "v_percent",
    "v_str",
]

#: The shape of an attrs validator.
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


class ThaiEnum(enum.Enum):
    """An enum whose members carry a Thai label and can be found from it.

    Members are declared as ``NAME = ("value", "ป้ายไทย", "alias", ...)``:
    ``.value`` is the stable English value used in serialisation,
    ``.label_th`` the Thai label; :meth:`from_label` also accepts the aliases
    and the English value, after :func:`dropout_model.thaitext.normalize`.
    """

    _value_: str
    label_th: str
    _aliases: tuple[str, ...]

    def __new__(cls, value: str, label_th: str, *aliases: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.label_th = label_th
        member._aliases = aliases
        return member

    @property
    def label_en(self) -> str:
        """The English label: the value with spaces for underscores."""
        return self._value_.replace("_", " ")

    @classmethod
    def from_label(cls, text: str) -> Self:
        """The member whose Thai label, alias or value is ``text``.

        Raises :class:`~dropout_model.errors.InvalidValueError` naming the
        accepted labels when nothing matches.
        """
        table: dict[str, Self] = cls._label_table()
        key = normalize(text).strip().casefold()
        try:
            return table[key]
        except KeyError:
            choices = ", ".join(m.label_th for m in cls)
            msg = f"{cls.__name__}: {text!r} is not a known label; expected one of {choices}"
            raise InvalidValueError(msg) from None

    @classmethod
    def _label_table(cls) -> dict[str, Self]:
        table: dict[str, Self] | None = cls.__dict__.get("_table_cache")
        if table is None:
            table = {}
            for m in cls:
                for label in (m.label_th, m._value_, m.name, *m._aliases):
                    table[normalize(label).strip().casefold()] = m
            type.__setattr__(cls, "_table_cache", table)
        return table

    def __str__(self) -> str:
        return self._value_


def _fail_type(attribute: attrs.Attribute[Any], want: str, value: object) -> None:
    msg = f"{attribute.name} must be {want}, not {type(value).__name__}"
    raise InvalidTypeError(msg)


def v_str(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if type(v) is not str:
        _fail_type(a, "a str", v)


def v_opt_str(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if v is not None and type(v) is not str:
        _fail_type(a, "a str or None", v)


def v_date(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if type(v) is not _dt.date:
        _fail_type(a, "a datetime.date (not a datetime)", v)


def v_opt_date(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if v is not None and type(v) is not _dt.date:
        _fail_type(a, "a datetime.date (not a datetime) or None", v)


def v_count(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if type(v) is not int:
        _fail_type(a, "an int", v)
    elif v < 0:
        msg = f"{a.name} is a count and cannot be negative, got {v}"
        raise InvalidValueError(msg)


def v_opt_count(i: object, a: attrs.Attribute[Any], v: object) -> None:
    if v is not None:
        v_count(i, a, v)


def v_money(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if type(v) is not Decimal:
        _fail_type(a, "a Decimal amount of baht (never a float)", v)
    elif not (v.is_finite() and v >= _ZERO):
        msg = f"{a.name} is money and must be a finite amount of baht of at least 0, got {v}"
        raise InvalidValueError(msg)


def v_opt_money(i: object, a: attrs.Attribute[Any], v: object) -> None:
    if v is not None:
        v_money(i, a, v)


def v_percent(_: object, a: attrs.Attribute[Any], v: object) -> None:
    if type(v) is not Decimal:
        _fail_type(a, "a Decimal percent", v)
    elif not (v.is_finite() and _ZERO <= v <= _HUNDRED):
        msg = f"{a.name}: {v} is outside 0–100"
        raise InvalidValueError(msg)


def v_opt_percent(i: object, a: attrs.Attribute[Any], v: object) -> None:
    if v is not None:
        v_percent(i, a, v)


def instance_of(
    cls: type, *, optional: bool = False
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: an instance of ``cls`` (or None when ``optional``)."""
    want = f"a {cls.__name__}" + (" or None" if optional else "")

    def check(_: object, a: attrs.Attribute[Any], v: object) -> None:
        if not isinstance(v, cls) and not (optional and v is None):
            _fail_type(a, want, v)

    return check


def tuple_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: a tuple whose items are ``cls`` instances."""

    def check(_: object, a: attrs.Attribute[Any], v: object) -> None:
        if not isinstance(v, tuple):
            _fail_type(a, f"a tuple of {cls.__name__}", v)
            return
        for i, item in enumerate(v):
            if not isinstance(item, cls):
                msg = f"{a.name}[{i}] must be a {cls.__name__}, not {type(item).__name__}"
                raise InvalidTypeError(msg)

    return check


def frozenset_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator: a frozenset whose members are ``cls`` instances."""

    def check(_: object, a: attrs.Attribute[Any], v: object) -> None:
        if not isinstance(v, frozenset):
            _fail_type(a, f"a frozenset of {cls.__name__}", v)
            return
        for item in v:
            if not isinstance(item, cls):
                msg = f"{a.name} must hold {cls.__name__} members, not {type(item).__name__}"
                raise InvalidTypeError(msg)

    return check
