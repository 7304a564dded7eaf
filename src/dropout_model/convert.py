"""Lossless, strict serialisation of the model to plain data and JSON (floor 4).

One cattrs converter, made by :func:`make_converter` over cattrs' preconfigured
JSON converter (never cattrs' global converter), turns every model object into
JSON-ready data and back, so that ``structure(unstructure(x), type(x)) == x``
for every public type, Thai text included.

The format:

- dates are ISO strings of the Gregorian (CE) date (``"2023-01-31"``);
- money and percents are ``Decimal`` written as decimal strings, exactly as
  held (``Decimal("50.00")`` is ``"50.00"`` and comes back as ``Decimal("50.00")``);
- enums are their stable English value (``"on_plan"``), never the Thai label;
- :class:`~dropout_model.thaidate.FiscalYear` and
  :class:`~dropout_model.thaidate.AcademicYear` are the BE year as an int
  (``2566``); a :class:`~dropout_model.thaidate.Term` is ``"1/2566"``;
- :class:`~dropout_model.ids.CitizenId`, :class:`~dropout_model.ids.GCode`
  and :class:`~dropout_model.ids.SchoolCode` are their raw strings (a
  serialised file *is* the data: use :func:`dropout_model.redaction.redact`
  before sharing one); a :class:`~dropout_model.ids.ProjectCode` is
  ``"50490000-3632"``;
- tuples are lists; frozensets are sorted lists, so the output is
  deterministic; every field is written, ``None`` as ``null``; a caseload's
  private indexes are not written (they are rebuilt).

Reading is strict: a string is never a bool, a bool is never an int, a float
is never money, a date-time is never a date, an unknown key is an error.
Every problem in the input is reported at once, as ``path: message`` lines
of a :class:`~dropout_model.errors.StructureError`; messages describe the
*kind* of a bad value (``a str of 10 characters``), never the value, so that
no personal data leaks into logs.

>>> from datetime import date
>>> from decimal import Decimal
>>> from dropout_model.project import ProgressReport, PlanStatus
>>> r = ProgressReport(
...     1, date(2023, 1, 31), "เริ่ม", Decimal("50.00"), Decimal(0), PlanStatus.ON_PLAN
... )
>>> unstructure(r)  # doctest: +NORMALIZE_WHITESPACE
{'number': 1, 'date': '2023-01-31', 'narrative': 'เริ่ม', 'progress': '50.00',
 'disbursed': '0', 'plan_status': 'on_plan', 'target_status': None}
>>> structure(unstructure(r), ProgressReport) == r
True
>>> structure(
...     {"number": "1", "date": "31/01/2566", "narrative": "", "progress": "120", "disbursed": 0.5},
...     ProgressReport,
... )
Traceback (most recent call last):
  ...
dropout_model.errors.StructureError: cannot structure ProgressReport: 4 problems
  number: expected an int, got a str of 1 character
  date: expected an ISO date (YYYY-MM-DD), got a str of 10 characters
  progress: 120 is outside 0–100
  disbursed: expected a decimal string such as "1250.50" (money is never a float), got a float
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any, Final, Self, TypeVar

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
    StructureHandlerNotFoundError,
)
from cattrs.fns import identity
from cattrs.preconf.json import JsonConverter, configure_converter

from dropout_model.errors import (
    DropoutModelError,
    InvalidTypeError,
    InvalidValueError,
    StructureError,
)
from dropout_model.ids import CitizenId, GCode, ProjectCode, SchoolCode
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

__all__ = [
    "ModelConverter",
    "from_json",
    "make_converter",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

_NONE_TYPE: Final = type(None)
_DATE: Final = _dt.date
_FROM_ISO: Final = _dt.date.fromisoformat
# What str(Decimal) writes for a finite number: no spaces, underscores, Unicode digits,
# NaN or infinity (all of which Decimal() itself would accept).
_DECIMAL_RE: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
_TERM_RE: Final = re.compile(r"([12])/([0-9]{1,5})\Z")
_KEY_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}\Z")


# --- describing a bad value without showing it ------------------------------------------------


def _kind(value: object) -> str:
    """The kind of ``value``, never the value itself (it may be personal data)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, str):
        n = len(value)
        return f"a str of {n} character{'' if n == 1 else 's'}"
    if isinstance(value, int):
        return "an int"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, list | tuple):
        n = len(value)
        return f"a list of {n} item{'' if n == 1 else 's'}"
    if isinstance(value, Mapping):
        return "an object"
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _type_error(want: str, value: object) -> InvalidTypeError:
    return InvalidTypeError(f"expected {want}, got {_kind(value)}")


# --- strict hooks for the leaves ---------------------------------------------------------------


def _s_str(v: object, _: object) -> str:
    if type(v) is str:
        return v
    raise _type_error("a string", v)


def _s_int(v: object, _: object) -> int:
    if type(v) is int:
        return v
    raise _type_error("an int", v)


def _s_bool(v: object, _: object) -> bool:
    if type(v) is bool:
        return v
    raise _type_error("true or false", v)


def _s_float(v: object, _: object) -> float:
    if type(v) is float or type(v) is int:
        return float(v)
    raise _type_error("a number", v)


def _s_decimal(v: object, _: object) -> Decimal:
    if type(v) is str and _DECIMAL_RE.match(v):
        return Decimal(v)
    if type(v) is str:
        msg = f'expected a decimal string such as "1250.50", got {_kind(v)}'
        raise InvalidValueError(msg)
    if type(v) is float:
        raise _type_error('a decimal string such as "1250.50" (money is never a float)', v)
    raise _type_error('a decimal string such as "1250.50"', v)


def _s_date(v: object, _: object) -> _dt.date:
    if type(v) is str and len(v) == 10 and v[4] == "-" and v[7] == "-":
        try:
            return _FROM_ISO(v)  # refuses non-ASCII digits; the length refuses 2023-W05-2
        except ValueError:
            pass
        digits = v[:4] + v[5:7] + v[8:]
        if digits.isascii() and digits.isdigit():
            msg = "expected an ISO date (YYYY-MM-DD) of a day that exists, got one that does not"
            raise InvalidValueError(msg)
    if type(v) is str:
        msg = f"expected an ISO date (YYYY-MM-DD), got {_kind(v)}"
        raise InvalidValueError(msg)
    raise _type_error("an ISO date string (YYYY-MM-DD)", v)


class _IdHook:
    """Structure hook of an identifier from its raw string; the type's own check decides."""

    __slots__ = ("cls", "want")

    def __init__(self, cls: Callable[[str], object], want: str) -> None:
        self.cls = cls
        self.want = want

    def __call__(self, v: object, _: object) -> object:
        if type(v) is str:
            try:
                return self.cls(v)
            except DropoutModelError:
                pass
        msg = f"expected {self.want}, got {_kind(v)}"
        raise (InvalidValueError if type(v) is str else InvalidTypeError)(msg)


_s_citizen_id = _IdHook(CitizenId, "a citizen ID of exactly 13 ASCII digits")
_s_g_code = _IdHook(GCode, "a G-code ('G' and 12 ASCII digits)")
_s_school_code = _IdHook(SchoolCode, "a school code of exactly 10 ASCII digits")


def _project_code(text: str) -> ProjectCode:
    if not ProjectCode.is_well_formed(text):  # strict: no Thai digits, no spaces
        msg = "not a project code"
        raise InvalidValueError(msg)
    return ProjectCode(text[:8], text[9:])


_s_project_code = _IdHook(
    _project_code, "a project code as 8 digits, '-', 4 digits (50490000-3632)"
)


def _s_fiscal_year(v: object, _: object) -> FiscalYear:
    if type(v) is int:
        return FiscalYear(v)
    raise _type_error("a fiscal year as its BE year, an int such as 2566", v)


def _s_academic_year(v: object, _: object) -> AcademicYear:
    if type(v) is int:
        return AcademicYear(v)
    raise _type_error("an academic year as its BE year, an int such as 2566", v)


def _s_term(v: object, _: object) -> Term:
    if type(v) is str and (m := _TERM_RE.match(v)) is not None:
        return Term(AcademicYear(int(m[2])), int(m[1]))
    msg = f"expected a term as 'term/BE academic year' such as '1/2566', got {_kind(v)}"
    raise (InvalidValueError if type(v) is str else InvalidTypeError)(msg)


def _u_term(t: Term) -> str:
    return f"{t.number}/{t.academic_year.be_year}"


def _u_date(d: _dt.date) -> str:
    return d.isoformat()


def _u_decimal(d: Decimal) -> str:
    return str(d)


_U_CITIZEN_ID: Final = attrgetter("_digits")
_U_G_CODE: Final = attrgetter("_code")
_U_SCHOOL_CODE: Final = attrgetter("code")
_U_BE_YEAR: Final = attrgetter("be_year")
_U_ENUM: Final = attrgetter("_value_")

#: Leaf unstructure hooks the generated code writes inline, as expression templates.
_U_INLINE: Final[dict[object, str]] = {
    identity: "{}",
    _u_date: "{}.isoformat()",
    _u_decimal: "__str({})",
    _U_CITIZEN_ID: "{}._digits",
    _U_G_CODE: "{}._code",
    _U_SCHOOL_CODE: "{}.code",
    _U_BE_YEAR: "{}.be_year",
    _U_ENUM: "{}._value_",
}

_LEAVES: Final[dict[Any, tuple[Callable[[Any, Any], Any], Callable[[Any], Any]]]] = {
    str: (_s_str, identity),
    int: (_s_int, identity),
    bool: (_s_bool, identity),
    float: (_s_float, identity),
    Decimal: (_s_decimal, _u_decimal),
    _DATE: (_s_date, _u_date),
    CitizenId: (_s_citizen_id, _U_CITIZEN_ID),
    GCode: (_s_g_code, _U_G_CODE),
    SchoolCode: (_s_school_code, _U_SCHOOL_CODE),
    ProjectCode: (_s_project_code, str),
    FiscalYear: (_s_fiscal_year, _U_BE_YEAR),
    AcademicYear: (_s_academic_year, _U_BE_YEAR),
    Term: (_s_term, _u_term),
}


#: Leaf structure hooks that return their input unchanged when its type is exactly this.
_S_SAME_TYPE: Final[dict[object, type]] = {_s_str: str, _s_int: int, _s_bool: bool}


# --- type predicates ---------------------------------------------------------------------------


def _is_optional(t: Any) -> bool:
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return False
    args = typing.get_args(t)
    return len(args) == 2 and _NONE_TYPE in args


def _inner(t: Any) -> Any:
    return next(a for a in typing.get_args(t) if a is not _NONE_TYPE)


def _is_var_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_list(t: Any) -> bool:
    return typing.get_origin(t) is list and len(typing.get_args(t)) == 1


def _is_frozenset(t: Any) -> bool:
    return typing.get_origin(t) is frozenset and len(typing.get_args(t)) == 1


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _is_model_class(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t) and t not in _LEAVES


# --- hook factories ----------------------------------------------------------------------------


class _EnumHook:
    """Structure hook of an enum: by value, and only from a str."""

    __slots__ = ("choices", "cls", "table")

    def __init__(self, cls: type[enum.Enum]) -> None:
        self.cls = cls
        self.table: Mapping[object, enum.Enum] = cls._value2member_map_
        self.choices = ", ".join(repr(m.value) for m in cls)

    def __call__(self, v: object, _: object) -> enum.Enum:
        if type(v) is str:  # the value, not the Thai label: labels are for people
            member = self.table.get(v)
            if member is not None:
                return member
        msg = f"expected one of {self.choices} ({self.cls.__name__}), got {_kind(v)}"
        raise (InvalidValueError if type(v) is str else InvalidTypeError)(msg)


def _u_enum_factory(_: type[enum.Enum]) -> Callable[[enum.Enum], object]:
    return _U_ENUM


def _s_optional_factory(t: Any, c: ModelConverter) -> Callable[[object, object], object]:
    inner_t = _inner(t)
    inner = c.get_structure_hook(inner_t)

    def hook(v: object, _: object) -> object:
        return None if v is None else inner(v, inner_t)

    return hook


def _u_optional_factory(t: Any, c: ModelConverter) -> Callable[[object], object]:
    inner = c.get_unstructure_hook(_inner(t))
    if inner is identity:
        return identity

    def hook(v: object) -> object:
        return None if v is None else inner(v)

    return hook


def _s_tuple_factory(t: Any, c: ModelConverter) -> Callable[[object, object], tuple[Any, ...]]:
    item_t = typing.get_args(t)[0]
    item = c.get_structure_hook(item_t)
    want = f"a list of {getattr(item_t, '__name__', 'items')}"

    if not c.detailed:

        def fast(v: object, _: object) -> tuple[Any, ...]:
            if type(v) is list or type(v) is tuple:
                return tuple([item(x, item_t) for x in v])
            raise _type_error(want, v)

        return fast

    def detailed(v: object, _: object) -> tuple[Any, ...]:
        if type(v) is not list and type(v) is not tuple:
            raise _type_error(want, v)
        out: list[Any] = []
        errors: list[Exception] = []
        for i, x in enumerate(v):
            try:
                out.append(item(x, item_t))
            except Exception as e:  # collected and reported with its path
                e.add_note(IterableValidationNote(f"Structuring {t} @ index {i}", i, item_t))
                errors.append(e)
        if errors:
            msg = f"While structuring {t}"
            raise IterableValidationError(msg, errors, t)
        return tuple(out)

    return detailed


def _s_frozenset_factory(t: Any, c: ModelConverter) -> Callable[[object, object], frozenset[Any]]:
    as_tuple = _s_tuple_factory(tuple[typing.get_args(t)[0], ...], c)  # type: ignore[misc]

    def hook(v: object, _: object) -> frozenset[Any]:
        return frozenset(as_tuple(v, t))

    return hook


def _s_list_factory(t: Any, c: ModelConverter) -> Callable[[object, object], list[Any]]:
    as_tuple = _s_tuple_factory(tuple[typing.get_args(t)[0], ...], c)  # type: ignore[misc]

    def hook(v: object, _: object) -> list[Any]:
        return list(as_tuple(v, t))

    return hook


def _u_tuple_factory(t: Any, c: ModelConverter) -> Callable[[tuple[Any, ...]], list[Any]]:
    item = c.get_unstructure_hook(typing.get_args(t)[0])
    if item is identity:
        return list

    def hook(v: tuple[Any, ...]) -> list[Any]:
        return [item(x) for x in v]

    return hook


def _sort_key(v: object) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def _u_frozenset_factory(t: Any, c: ModelConverter) -> Callable[[frozenset[Any]], list[Any]]:
    item = c.get_unstructure_hook(typing.get_args(t)[0])

    def hook(v: frozenset[Any]) -> list[Any]:
        out = [item(x) for x in v]
        try:
            out.sort()
        except TypeError:  # unorderable items (objects): order by their JSON text
            out.sort(key=_sort_key)
        return out

    return hook


# --- generated hooks for the model's attrs classes -------------------------------------------


def _init_fields(cls: type) -> list[attrs.Attribute[Any]]:
    attrs.resolve_types(cls)
    return [a for a in attrs.fields(cls) if a.init]


def _compile(source: str, name: str, namespace: dict[str, Any]) -> Any:
    code = compile(source, f"<dropout_model.convert {name}>", "exec")
    exec(code, namespace)  # noqa: S102 - our own code, generated from the class's field names
    return namespace[name]


def _extra_keys(cls: type, data: Mapping[str, Any]) -> None:
    raise ForbiddenExtraKeysError("", cls, set(data) - {a.name for a in attrs.fields(cls)})


def _s_attrs_fast(cls: type, c: ModelConverter) -> Callable[[object, object], object]:
    """A structure function for ``cls`` written for speed, like cattrs' own generated ones.

    No error collection here: any failure sends the input to the detailed twin.
    Compared with cattrs' generated code it passes arguments positionally
    (no ``**res`` dict), inlines optionals, defaults and enum lookups, and
    finds unknown keys by counting: when the n fields that were found are all
    of the mapping's keys, there is no other key (no set operation needed).
    """
    fields = _init_fields(cls)
    ns: dict[str, Any] = {
        "__cl": cls,
        "__extra": _extra_keys,
        "__iso": _FROM_ISO,
        "__str": str,
    }
    fn = f"structure_{cls.__name__}"
    lines = [f"def {fn}(o, _=None):", "  m = 0"]
    positional: list[str] = []
    keywords: list[str] = []
    for i, a in enumerate(fields):
        t = a.type
        optional = _is_optional(t)
        target = _inner(t) if optional else t
        hook = c.get_structure_hook(target)
        v = f"a{i}"
        ns[f"__h{i}"] = hook
        ns[f"__t{i}"] = target
        if isinstance(hook, _EnumHook):
            ns[f"__e{i}"] = hook.table
            convert = f"__e{i}[{v}]"  # KeyError or TypeError for anything else: the twin reports
        elif hook in _S_SAME_TYPE:
            # The hook returns the value itself when its type is right: call it only when not.
            ns[f"__c{i}"] = _S_SAME_TYPE[hook]
            convert = f"{v} if {v}.__class__ is __c{i} else __h{i}({v}, __t{i})"
        elif isinstance(hook, _IdHook):
            ns[f"__i{i}"] = hook.cls  # the type's own check decides; the twin words the error
            convert = f"__i{i}({v}) if {v}.__class__ is __str else __h{i}({v}, __t{i})"
        elif hook is _s_date:
            # Of what fromisoformat reads, only YYYY-MM-DD has 10 characters and a "-" at [7].
            convert = (
                f"__iso({v}) if {v}.__class__ is __str and len({v}) == 10 and {v}[7] == '-'"
                f" else __h{i}({v}, __t{i})"
            )
        else:
            convert = f"__h{i}({v}, __t{i})"
        if a.default is attrs.NOTHING:
            lines.append(f"  {v} = o[{a.name!r}]")
            lines.append(
                f"  if {v} is not None: {v} = {convert}" if optional else f"  {v} = {convert}"
            )
        else:
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                factory: Any = a.default
                if factory.takes_self:
                    return c.gen_structure_attrs_fromdict(cls)  # type: ignore[return-value]
                ns[f"__f{i}"] = factory.factory
                default = f"__f{i}()"
            else:
                ns[f"__d{i}"] = a.default
                default = f"__d{i}"
            # try/except costs nothing when the key is there (the usual case)
            lines.append("  try:")
            lines.append(f"    {v} = o[{a.name!r}]")
            lines.append("  except KeyError:")
            lines.append("    m += 1")
            lines.append(f"    {v} = {default}")
            lines.append("  else:")
            lines.append(
                f"    if {v} is not None: {v} = {convert}" if optional else f"    {v} = {convert}"
            )
        (keywords if a.kw_only else positional).append(f"{a.alias}={v}" if a.kw_only else v)
    lines.append(f"  if len(o) != {len(fields)} - m: __extra(__cl, o)")
    lines.append(f"  return __cl({', '.join(positional + keywords)})")
    return typing.cast("Callable[[object, object], object]", _compile("\n".join(lines), fn, ns))


def _u_attrs(cls: type, c: ModelConverter) -> Callable[[object], dict[str, Any]]:
    """An unstructure function for ``cls``: one dict display, leaves written inline.

    (Writing nested classes inline too was measured: it saves under 3%.)
    """
    fields = _init_fields(cls)
    ns: dict[str, Any] = {"__str": str}
    items: list[str] = []
    for i, a in enumerate(fields):
        t = a.type
        optional = _is_optional(t)
        hook = c.get_unstructure_hook(_inner(t) if optional else t)
        template = _U_INLINE.get(hook) if _hashable(hook) else None
        if hook is list:
            template = "list({})"
        if template is None:
            ns[f"__u{i}"] = hook
            template = f"__u{i}({{}})"
        if optional and template != "{}":
            value = f"(None if (v := i.{a.name}) is None else {template.format('v')})"
        else:
            value = template.format(f"i.{a.name}")
        items.append(f"{a.name!r}: {value}")
    fn = f"unstructure_{cls.__name__}"
    source = f"def {fn}(i):\n  return {{{', '.join(items)}}}"
    return typing.cast("Callable[[object], dict[str, Any]]", _compile(source, fn, ns))


def _hashable(x: object) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


# --- the converter ---------------------------------------------------------------------------


class ModelConverter(JsonConverter):
    """A cattrs JSON converter set up for the model; made by :func:`make_converter`.

    :meth:`structure` raises only :class:`~dropout_model.errors.StructureError`
    for bad input. A fast converter (``detailed=False``) first tries the
    quick way and, only when that fails, asks its detailed twin for the list
    of every problem with its path.
    """

    def __init__(self, *, detailed: bool) -> None:
        super().__init__(
            detailed_validation=detailed,
            forbid_extra_keys=True,
            prefer_attrib_converters=False,
        )
        self.detailed = detailed
        self._twin: ModelConverter | None = None

    def copy(self, *_: Any, **__: Any) -> Self:
        """Not supported: call :func:`make_converter` for a new converter instead.

        The hooks of a converter are made for it (they look up its other hooks),
        so a copy would quietly keep using the original's.
        """
        msg = (
            "ModelConverter.copy() is not supported: its hooks belong to the converter "
            "that made them; call make_converter() for a new one and register hooks on it"
        )
        raise InvalidTypeError(msg)

    def hook_for(self, cl: Any) -> Callable[[Any, Any], Any]:
        """The structure hook for ``cl``; InvalidTypeError if this converter knows no such type."""
        try:
            return self.get_structure_hook(cl)
        except StructureHandlerNotFoundError:
            msg = (
                f"cannot structure {_name(cl)}: not a type of the model, nor one with a "
                "hook registered on this converter"
            )
            raise InvalidTypeError(msg) from None

    def structure(self, obj: Any, cl: Any) -> Any:
        """``obj`` (plain data) as an instance of ``cl``; StructureError lists every problem."""
        hook = self.hook_for(cl)
        try:
            return hook(obj, cl)
        except Exception as error:  # every problem becomes a report
            if self.detailed:
                raise _structure_error(error, cl) from None
            return self.structure_again(obj, cl)

    def structure_again(self, obj: Any, cl: Any) -> Any:
        """Structure with the detailed twin: the result, or a StructureError with every problem.

        The fast converter calls this when its quick attempt failed.
        """
        twin = self._twin
        if twin is None:
            twin = self._twin = make_converter(detailed=True)
        try:
            return twin.hook_for(cl)(obj, cl)
        except Exception as error:  # every problem becomes a report
            raise _structure_error(error, cl) from None


def make_converter(*, detailed: bool = False) -> ModelConverter:
    """A new converter for the model, over cattrs' preconfigured JSON converter.

    ``detailed=False`` (the default) makes the fast converter: cattrs'
    ``detailed_validation`` is off and each hook is specialised (generated
    code for the model's classes, tuples, optionals, enums, dates).
    ``detailed=True`` collects every problem with its path (slower); the fast
    converter makes such a twin on first need and uses it only when its
    input is bad. Either way, bad input raises
    :class:`~dropout_model.errors.StructureError`.

    Each call makes a new converter (never cattrs' global one): register
    hooks of your own on it without affecting the library's.

    >>> from dropout_model.thaidate import FiscalYear
    >>> c = make_converter()
    >>> c.unstructure(FiscalYear(2566)), c.structure(2566, FiscalYear)
    (2566, FiscalYear(be_year=2566))
    """
    c = ModelConverter(detailed=detailed)
    configure_converter(c)  # cattrs.preconf.json: what its make_converter does
    # Leaves: strict. Exact-type registrations (singledispatch), found before any factory.
    for t, (s_hook, u_hook) in _LEAVES.items():
        c.register_structure_hook(t, s_hook)
        c.register_unstructure_hook(t, u_hook)
    # Factories: the last registered is tried first.
    c.register_structure_hook_factory(_is_enum, _EnumHook)
    c.register_unstructure_hook_factory(_is_enum, _u_enum_factory)
    c.register_structure_hook_factory(_is_var_tuple, lambda t: _s_tuple_factory(t, c))
    c.register_unstructure_hook_factory(_is_var_tuple, lambda t: _u_tuple_factory(t, c))
    c.register_structure_hook_factory(_is_list, lambda t: _s_list_factory(t, c))
    c.register_unstructure_hook_factory(_is_list, lambda t: _u_tuple_factory(t, c))
    c.register_structure_hook_factory(_is_frozenset, lambda t: _s_frozenset_factory(t, c))
    c.register_unstructure_hook_factory(_is_frozenset, lambda t: _u_frozenset_factory(t, c))
    c.register_structure_hook_factory(_is_optional, lambda t: _s_optional_factory(t, c))
    c.register_unstructure_hook_factory(_is_optional, lambda t: _u_optional_factory(t, c))
    c.register_unstructure_hook_factory(_is_model_class, lambda t: _u_attrs(t, c))
    if detailed:
        c.register_structure_hook_factory(_is_model_class, lambda t: _DetailedHook(t, c))
    else:
        c.register_structure_hook_factory(_is_model_class, lambda t: _s_attrs_fast(t, c))
    return c


# --- the detailed pass: every problem, with its path ----------------------------------------


class _DetailedHook:
    """A structure hook that reports every problem of a mapping meant for a model class.

    It raises cattrs' own :class:`~cattrs.errors.ClassValidationError` with an
    :class:`~cattrs.errors.AttributeValidationNote` per field, as cattrs'
    detailed validation does, and goes one step further: it also runs each
    field's attrs validator alone, so that a value the class refuses (a
    percent of 120) is reported at its own path, next to the fields that
    could not be read at all.
    """

    def __init__(self, cls: type, c: ModelConverter) -> None:
        self.cls = cls
        self.fields = _init_fields(cls)
        self.allowed = frozenset(a.name for a in self.fields)
        self.hooks = {a.name: c.get_structure_hook(a.type) for a in self.fields}

    def _note(self, e: BaseException, a: attrs.Attribute[Any]) -> None:
        where = f"Structuring {self.cls.__name__} @ attribute {a.name}"
        e.add_note(AttributeValidationNote(where, a.name, a.type))

    def __call__(self, v: object, _: object) -> object:
        if not isinstance(v, Mapping):
            raise _type_error(f"an object (a JSON mapping) for {self.cls.__name__}", v)
        errors: list[tuple[int, Exception]] = []
        values = self._read(v, errors)
        self._validate(values, errors)
        unknown = set(v) - self.allowed
        if unknown:
            errors.append((len(self.fields), ForbiddenExtraKeysError("", self.cls, unknown)))
        msg = f"While structuring {self.cls.__name__}"
        if errors:
            errors.sort(key=lambda pair: pair[0])
            raise ClassValidationError(msg, [e for _, e in errors], self.cls)
        kwargs: dict[str, Any] = {str(a.alias): values[a.name] for a in self.fields}
        try:
            return self.cls(**kwargs)
        except Exception as e:  # e.g. a check in __attrs_post_init__
            raise ClassValidationError(msg, [e], self.cls) from None

    def _read(self, v: Mapping[Any, Any], errors: list[tuple[int, Exception]]) -> dict[str, Any]:
        """Each field structured alone; its problems collected in ``errors``."""
        values: dict[str, Any] = {}
        for i, a in enumerate(self.fields):
            if a.name in v:
                try:
                    values[a.name] = self.hooks[a.name](v[a.name], a.type)
                except Exception as e:  # collected and reported with its path
                    self._note(e, a)
                    errors.append((i, e))
            elif a.default is attrs.NOTHING:
                missing = KeyError(a.name)
                self._note(missing, a)
                errors.append((i, missing))
            elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                factory: Any = a.default
                values[a.name] = factory.factory(None) if factory.takes_self else factory.factory()
            else:
                values[a.name] = a.default
        return values

    def _validate(self, values: dict[str, Any], errors: list[tuple[int, Exception]]) -> None:
        """Each validator alone, on the fields that could be read.

        On a shell instance, since some validators read other fields; a validator
        that needs a field that could not be read is skipped.
        """
        shell: Any = object.__new__(self.cls)
        for name, value in values.items():
            object.__setattr__(shell, name, value)
        for i, a in enumerate(self.fields):
            if a.validator is None or a.name not in values:
                continue
            try:
                a.validator(shell, a, values[a.name])
            except AttributeError:
                continue
            except (DropoutModelError, ValueError, TypeError) as e:
                refused = _scrub(e, values[a.name])
                self._note(refused, a)
                errors.append((i, refused))


def _scrub(error: Exception, value: object) -> Exception:
    """``error`` with the text of a str ``value`` replaced by its kind, should it quote it."""
    if isinstance(value, str) and value and repr(value) in str(error):
        kind = InvalidTypeError if isinstance(error, TypeError) else InvalidValueError
        return kind(str(error).replace(repr(value), _kind(value)))
    return error


def _describe_keys(keys: Collection[object]) -> str:
    """Unknown keys: quoted when they look like field names, else only counted."""
    named = sorted(repr(k) for k in keys if isinstance(k, str) and _KEY_RE.match(k))
    other = len(keys) - len(named)
    hidden = (
        "1 key that does not look like a field name (not shown)"
        if other == 1
        else f"{other} keys that do not look like field names (not shown)"
    )
    if not named:
        return f"unknown: {hidden}"
    text = f"unknown field{'s' if len(named) != 1 else ''} {', '.join(named)}"
    return f"{text} and {hidden}" if other else text


def _message(exc: BaseException, field: str | None) -> str:
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return (
            f"{_describe_keys(exc.extra_fields)}; check the spelling against the documented format"
        )
    if isinstance(exc, DropoutModelError):
        text = str(exc)
        if field is not None and text.startswith(f"{field}: "):
            text = text[len(field) + 2 :]
        return text
    # Not one of ours: the text of a foreign exception might quote the value; give its kind.
    return f"cannot be read ({type(exc).__name__})"


def _flatten(exc: BaseException, path: str, field: str | None = None) -> list[str]:
    """``path: message`` for every problem in a cattrs exception group (transform_error-like)."""
    if isinstance(exc, IterableValidationError):
        out: list[str] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            out += _flatten(sub, f"{path}[{note.index!r}]")
        for sub in without:
            out += _flatten(sub, path, field)
        return out
    if isinstance(exc, ClassValidationError):
        out = []
        cwith, cwithout = exc.group_exceptions()
        for sub, cnote in cwith:
            out += _flatten(sub, f"{path}.{cnote.name}" if path else cnote.name, cnote.name)
        for sub in cwithout:
            out += _flatten(sub, path, field)
        return out
    return [f"{path or '$'}: {_message(exc, field)}"]


def _structure_error(exc: Exception, cl: Any) -> StructureError:
    return StructureError(_flatten(exc, ""), _name(cl))


# --- the module's converter and API ------------------------------------------------------------

_CONVERTER: Final = make_converter()


def unstructure(obj: object) -> Any:
    """``obj`` as plain JSON-ready data (dicts, lists, str, int, bool, None).

    >>> from dropout_model.thaidate import Term, AcademicYear
    >>> unstructure(Term(AcademicYear(2566), 1))
    '1/2566'
    """
    return _CONVERTER.unstructure(obj)


def structure(data: object, cls: type[T]) -> T:
    """Plain data (as :func:`unstructure` makes it) back into a ``cls`` instance.

    Raises :class:`~dropout_model.errors.StructureError` listing every
    problem as ``path: message``.

    >>> from dropout_model.student import School
    >>> structure({"name": "โรงเรียนวัดทุ่งครุ", "code": "3100100101", "district": ""}, School)
    School(name='โรงเรียนวัดทุ่งครุ', code=SchoolCode('3100100101'), district='')
    """
    hook = _HOOKS.get(cls)
    if hook is None:
        hook = _HOOKS[cls] = _CONVERTER.hook_for(cls)
    try:
        return hook(data, cls)  # type: ignore[no-any-return]
    except Exception:  # the detailed pass finds and reports every problem
        return _CONVERTER.structure_again(data, cls)  # type: ignore[no-any-return]


_HOOKS: Final[dict[object, Callable[[object, object], Any]]] = {}


@attrs.frozen
class _Engine:
    """A JSON engine: compact text out, plain data in."""

    name: str
    encode: Callable[[Any], str]
    decode: Callable[[str | bytes], Any]


def _stdlib_encode(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_STDLIB: Final = _Engine("json", _stdlib_encode, json.loads)
_ENGINE: _Engine | None = None


def _engine() -> _Engine:
    """msgspec when installed (imported on first use, not by ``import dropout_model``)."""
    global _ENGINE  # noqa: PLW0603 - made once, on first use
    if _ENGINE is None:
        try:
            import msgspec.json  # noqa: PLC0415
        except ImportError:
            _ENGINE = _STDLIB
        else:
            encoder = msgspec.json.Encoder()

            def encode(data: Any) -> str:
                try:
                    text: str = encoder.encode(data).decode()
                except UnicodeEncodeError:  # a lone surrogate: write what json writes
                    return _stdlib_encode(data)
                return text

            _ENGINE = _Engine("msgspec", encode, msgspec.json.Decoder().decode)
    return _ENGINE


def to_json(obj: object, *, indent: int | None = None) -> str:
    """``obj`` as JSON text (UTF-8 ready: Thai text is written as is, not escaped).

    Compact by default; ``indent`` (spaces) for people. The output is the same
    with or without the optional fast engine msgspec.

    >>> from dropout_model.project import Agency
    >>> to_json(Agency(("สำนักงานเขตทุ่งครุ", "ฝ่ายการศึกษา")))
    '{"units":["สำนักงานเขตทุ่งครุ","ฝ่ายการศึกษา"]}'
    """
    data = _CONVERTER.unstructure(obj)
    try:
        if indent is None:
            return _engine().encode(data)
        return json.dumps(data, ensure_ascii=False, indent=indent)
    except TypeError:  # msgspec and json both say TypeError for a value they cannot write
        msg = (
            f"to_json() writes model objects, plain data and tuples or lists of them; "
            f"a {type(obj).__name__} holds something it cannot write"
        )
        raise InvalidTypeError(msg) from None


def from_json(text: str | bytes, cls: type[T]) -> T:
    """JSON text back into a ``cls`` instance (the inverse of :func:`to_json`).

    Text that is not JSON and JSON that does not fit ``cls`` both raise
    :class:`~dropout_model.errors.StructureError`.

    >>> from dropout_model.project import Agency
    >>> from_json('{"units": ["สำนักงานเขตทุ่งครุ"]}', Agency)
    Agency(units=('สำนักงานเขตทุ่งครุ',))
    >>> from_json('{"units": ', Agency)
    Traceback (most recent call last):
      ...
    dropout_model.errors.StructureError: cannot structure Agency: 1 problem
      $: not valid JSON: ...
    """
    given: object = text
    if not isinstance(given, str | bytes | bytearray | memoryview):
        msg = f"from_json() needs JSON text as str or bytes, not {type(given).__name__}"
        raise InvalidTypeError(msg)
    try:
        data = _engine().decode(text)
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError, msgspec.DecodeError
        raise StructureError([f"$: not valid JSON: {_json_problem(e)}"], _name(cls)) from None
    return structure(data, cls)


def _json_problem(e: Exception) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} at line {e.lineno}, column {e.colno}"
    if isinstance(e, UnicodeDecodeError):
        return f"bytes that are not UTF-8 at offset {e.start}"
    return str(e)


def _name(cls: object) -> str:
    """``Student``, ``tuple[Student, ...]``: a type as a reader would write it."""
    args = typing.get_args(cls)
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        return " | ".join("None" if a is _NONE_TYPE else _name(a) for a in args)
    if origin is not None and args:
        inner = ", ".join("..." if a is Ellipsis else _name(a) for a in args)
        return f"{_name(origin)}[{inner}]"
    return getattr(cls, "__name__", None) or str(cls)
