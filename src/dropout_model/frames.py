"""Model objects as data frames (pandas or polars) and back (floor 5, optional extras).

:func:`to_frame` turns any sequence of one model type (students, projects,
scholarships…) or a :class:`~dropout_model.findings.Findings` into a data
frame with one row per record and flat columns; :func:`from_frame` reads
such a frame (or a spreadsheet with the same columns) back into model
objects, with the same :class:`~dropout_model.errors.StructureError`
reporting as :func:`dropout_model.convert.structure`.

The columns:

- a nested record is flattened into dotted columns (``school.code``,
  ``pathway.kind``, ``pathway.online.lessons_completed``); a nested record
  that is absent has all its columns empty;
- a tuple of records (``enrollments``, ``follow_ups``, ``disbursements``…),
  a tuple of text (``agency.units``), a set of enums (``factors``) and a
  nested record whose every field may be empty (``plan``) is one column of
  JSON text in the form of :func:`dropout_model.convert.to_json`, so that a
  spreadsheet can hold it;
- dates are dates (Arrow ``date32``), money and percents decimals (Arrow
  ``decimal128``, one scale per column: the most decimal places in it), so
  nothing passes through a float; enums are their stable code
  (``labels="th"``: their Thai label); fiscal and academic years are the BE
  year; identifiers are text;
- personal data (a student's ``name``, ``citizen_id``, ``g_code`` and
  ``birth_date``; a project's ``responsible`` and ``coordinator``) is left
  out unless you pass ``personal=True``, and a follow-up's ``outcome`` inside
  the JSON is blanked, as :func:`dropout_model.redaction.redact` does.

Both back ends are built from one Arrow table, so pandas frames use
pyarrow-backed dtypes (``date32[day][pyarrow]``, ``decimal128(…)[pyarrow]``)
and polars frames ``Date`` and ``Decimal``. Install the extra of your
back end: ``pip install 'dropout-model[pandas]'`` or ``'dropout-model[polars]'``.

>>> from datetime import date
>>> from decimal import Decimal
>>> from dropout_model import Student, EnrollmentStatus, GradeLevel
>>> students = [
...     Student("S-1", name="ด.ญ. ตัวอย่าง", grade=GradeLevel.M1),
...     Student("S-2", status=EnrollmentStatus.DROPPED_OUT),
... ]
>>> df = to_frame(students)
>>> list(df.columns[:6])
['key', 'sex', 'school.name', 'school.code', 'school.district', 'grade']
>>> "name" in df.columns  # personal data only when asked
False
>>> df["status"].tolist()
['enrolled', 'dropped_out']
>>> to_frame(students, labels="th")["status"].tolist()
['กำลังศึกษา', 'ออกกลางคัน']
>>> from_frame(df, Student) == [Student("S-1", grade=GradeLevel.M1), students[1]]
True
>>> full = to_frame(students, personal=True)
>>> from_frame(full, Student) == students
True
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import math
import re
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

import attrs

from dropout_model.convert import structure, unstructure
from dropout_model.errors import InvalidTypeError, InvalidValueError, StructureError
from dropout_model.findings import Finding, Findings
from dropout_model.ids import CitizenId, GCode, ProjectCode, SchoolCode
from dropout_model.project import Project
from dropout_model.redaction import redact
from dropout_model.student import FollowUp, Student
from dropout_model.thaidate import AcademicYear, FiscalYear, Term

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    import pyarrow as pa

__all__ = ["Backend", "Labels", "columns", "from_frame", "to_frame"]

T = TypeVar("T")

#: The data-frame libraries :func:`to_frame` can build.
Backend = Literal["pandas", "polars"]
#: How enum columns are written: their stable code, or their Thai label.
Labels = Literal["code", "th"]

_PERSONAL: Final[dict[type, frozenset[str]]] = {
    Student: frozenset({"name", "citizen_id", "g_code", "birth_date"}),
    Project: frozenset({"responsible", "coordinator"}),
    FollowUp: frozenset({"outcome"}),
}
_IDS: Final = (CitizenId, GCode, ProjectCode, SchoolCode)
_YEARS: Final = (FiscalYear, AcademicYear)
_EXTRA: Final = {"pandas": ("pandas", "pyarrow"), "polars": ("polars", "pyarrow")}

Kind = Literal["str", "int", "bool", "date", "decimal", "enum", "id", "year", "term", "json"]


@attrs.frozen
class _Column:
    """One flat column: where its value sits in the record and what kind of value it is."""

    name: str
    path: tuple[str, ...]
    kind: Kind
    type: Any
    nullable: bool  # the field itself may be None
    has_default: bool
    personal: bool


@attrs.frozen
class _Node:
    """A record type as a tree of columns, for putting rows back together."""

    cls: type
    children: tuple[tuple[str, _Column | _Node], ...]
    nullable: bool


# --- the schema of a model type ------------------------------------------------------------------


def _optional(t: Any) -> tuple[bool, Any]:
    if isinstance(t, types.UnionType) or typing.get_origin(t) is typing.Union:
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(t)) == 2:
            return True, args[0]
    return False, t


def _leaf_kind(t: Any) -> Kind | None:
    kinds: tuple[tuple[type, Kind], ...] = (
        (bool, "bool"),
        (int, "int"),
        (str, "str"),
        (_dt.date, "date"),
        (Decimal, "decimal"),
        (Term, "term"),
    )
    if isinstance(t, type):
        if issubclass(t, enum.Enum):
            return "enum"
        if issubclass(t, _IDS):
            return "id"
        if issubclass(t, _YEARS):
            return "year"
        for cls, kind in kinds:
            if t is cls:
                return kind
    return None


def _all_nullable(node: _Node) -> bool:
    """Whether every cell of ``node`` may be empty, so that an absent record could not be told
    from a present one: such a record is written as JSON instead."""
    return all(c.nullable or (isinstance(c, _Node) and _all_nullable(c)) for _, c in node.children)


_NODES: dict[type, _Node] = {}


def _node(cls: type, path: tuple[str, ...] = (), *, nullable: bool = False) -> _Node:
    if not path and cls in _NODES:
        return _NODES[cls]
    attrs.resolve_types(cls)
    children: list[tuple[str, _Column | _Node]] = []
    personal = _PERSONAL.get(cls, frozenset())
    for a in attrs.fields(cls):
        if not a.init:
            continue
        optional, t = _optional(a.type)
        here = (*path, a.name)
        has_default = a.default is not attrs.NOTHING
        kind = _leaf_kind(t)
        if kind is None and attrs.has(t):
            sub = _node(t, here, nullable=optional)
            if not (optional and _all_nullable(sub)):  # else: JSON, so None stays None
                children.append((a.name, sub))
                continue
        if kind is None:
            kind = "json"
        column = _Column(".".join(here), here, kind, t, optional, has_default, a.name in personal)
        children.append((a.name, column))
    node = _Node(cls, tuple(children), nullable)
    if not path:
        _NODES[cls] = node
    return node


def _columns(node: _Node) -> list[_Column]:
    out: list[_Column] = []
    for _, child in node.children:
        out.extend([child] if isinstance(child, _Column) else _columns(child))
    return out


def columns(cls: type, *, personal: bool = False) -> list[str]:
    """The columns :func:`to_frame` writes for records of ``cls``, in order.

    >>> from dropout_model import Scholarship
    >>> columns(Scholarship)[:6]
    ['key', 'student_key', 'kind', 'funder', 'amount', 'academic_year']
    """
    if cls is Finding:
        return list(_FINDING_COLUMNS)
    _model_class(cls)
    return [c.name for c in _columns(_node(cls)) if personal or not c.personal]


def _model_class(cls: object) -> None:
    if not (
        isinstance(cls, type) and attrs.has(cls) and cls.__module__.startswith("dropout_model")
    ):
        msg = (
            f"expected a model class of dropout_model (Student, Project, Scholarship…), not {cls!r}"
        )
        raise InvalidTypeError(msg)


# --- to_frame ---------------------------------------------------------------------------------


def _getter(path: tuple[str, ...]) -> Callable[[Any], Any]:
    if len(path) == 1:
        name = path[0]
        return lambda r: getattr(r, name)

    def get(r: Any) -> Any:
        for name in path:
            if r is None:
                return None
            r = getattr(r, name)
        return r

    return get


def _json_text(value: Any) -> str:
    if isinstance(value, frozenset):  # as convert writes a set: a sorted list
        data: Any = sorted(unstructure(item) for item in value)
    else:
        data = unstructure(value)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _cells(col: _Column, records: Sequence[Any], *, personal: bool, labels: Labels) -> list[Any]:
    get = _getter(col.path)
    values = [get(r) for r in records]
    kind = col.kind
    if kind == "enum":
        attr = "label_th" if labels == "th" and hasattr(col.type, "from_label") else "value"
        return [None if v is None else getattr(v, attr) for v in values]
    if kind in {"id", "year", "term"}:
        return [None if v is None else unstructure(v) for v in values]
    if kind == "json":
        if not personal:
            values = [redact(v) for v in values]
        return [None if v is None else _json_text(v) for v in values]
    return values


def _decimal_type(values: Iterable[Decimal | None]) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    scale = 0
    whole = 1
    for v in values:
        if v is None:
            continue
        t = v.as_tuple()
        exp = t.exponent if isinstance(t.exponent, int) else 0
        scale = max(scale, -exp)
        whole = max(whole, len(t.digits) + exp)
    precision = whole + scale
    if precision <= 38:  # decimal128's limit
        return pa.decimal128(precision, scale)
    if precision <= 76:  # decimal256's limit
        return pa.decimal256(precision, scale)
    msg = f"a money column needs {precision} digits; Arrow decimals hold at most 76"
    raise InvalidValueError(msg)


def _arrow_type(kind: Kind, values: list[Any]) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    if kind == "decimal":
        return _decimal_type(values)
    simple: dict[str, pa.DataType] = {
        "int": pa.int64(),
        "year": pa.int64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    return simple.get(kind, pa.string())


_FINDING_COLUMNS: Final = (
    "code",
    "severity",
    "path",
    "subject",
    "line",
    "message",
    "message_th",
    "observed",
    "expected",
)


def _finding_table(findings: Iterable[Finding], labels: Labels) -> pa.Table:
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    items = list(findings)
    cols: dict[str, pa.Array] = {
        "code": pa.array([f.code for f in items], pa.string()),
        "severity": pa.array(
            [f.severity.label_th if labels == "th" else f.severity.value for f in items],
            pa.string(),
        ),
        "path": pa.array([f.path for f in items], pa.string()),
        "subject": pa.array([f.subject for f in items], pa.string()),
        "line": pa.array([f.line for f in items], pa.int64()),
        "message": pa.array([f.message for f in items], pa.string()),
        "message_th": pa.array([f.message_th for f in items], pa.string()),
    }
    for name in ("observed", "expected"):
        values = [getattr(f, name) for f in items]
        cols[name] = pa.array(
            [
                None if v is None else v.isoformat() if isinstance(v, _dt.date) else str(v)
                for v in values
            ],
            pa.string(),
        )
    return pa.table(cols)


def _record_table(records: Sequence[Any], cls: type, *, personal: bool, labels: Labels) -> pa.Table:
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    cols: dict[str, pa.Array] = {}
    for col in _columns(_node(cls)):
        if col.personal and not personal:
            continue
        values = _cells(col, records, personal=personal, labels=labels)
        kind: Kind = "str" if col.kind in {"enum", "id", "term", "json"} else col.kind
        cols[col.name] = pa.array(values, _arrow_type(kind, values))
    return pa.table(cols)


def _require(backend: str) -> None:
    for module in _EXTRA[backend]:
        try:
            __import__(module)
        except ImportError as e:
            msg = (
                f"to_frame(backend={backend!r}) needs {module}: "
                f"pip install 'dropout-model[{backend}]'"
            )
            raise ImportError(msg) from e


def to_frame(
    records: Iterable[Any],
    *,
    backend: Backend = "pandas",
    personal: bool = False,
    labels: Labels = "code",
    cls: type | None = None,
) -> Any:
    """A data frame of ``records``: one row each, flat columns (see the module documentation).

    ``records`` is any iterable of one model type, or a
    :class:`~dropout_model.findings.Findings` (columns code, severity, path,
    subject, line, message, message_th, observed, expected). ``cls`` names
    the type when ``records`` may be empty. ``backend`` is ``"pandas"`` or
    ``"polars"``; ``personal=True`` adds the personal-data columns;
    ``labels="th"`` writes enums as their Thai labels.

    >>> from dropout_model import Student
    >>> df = to_frame([], cls=Student, backend="polars")
    >>> df.height, df.columns == columns(Student)
    (0, True)
    """
    value: object = backend  # callers without type checking may pass anything
    if not isinstance(value, str) or value not in _EXTRA:
        msg = f'to_frame() backend must be "pandas" or "polars", not {value!r}'
        raise InvalidValueError(msg)
    given: object = labels
    if not isinstance(given, str) or given not in ("code", "th"):
        msg = f'to_frame() labels must be "code" or "th", not {given!r}'
        raise InvalidValueError(msg)
    _require(backend)
    items = list(records)
    if cls is Finding or (items and cls is None and all(type(f) is Finding for f in items)):
        table = _finding_table(items, labels)
    elif isinstance(records, Findings):  # no findings at all
        table = _finding_table((), labels)
    else:
        kinds = {type(r) for r in items}
        if cls is None:
            if not items:
                msg = "to_frame() of no records needs cls= to know the columns"
                raise InvalidValueError(msg)
            if len(kinds) > 1:
                names = ", ".join(sorted(k.__name__ for k in kinds))
                msg = f"to_frame() needs records of one type, got {names}"
                raise InvalidTypeError(msg)
            cls = kinds.pop()
        elif kinds - {cls}:
            msg = f"to_frame(cls={cls.__name__}) got records of another type"
            raise InvalidTypeError(msg)
        _model_class(cls)
        table = _record_table(items, cls, personal=personal, labels=labels)
    if backend == "polars":
        import polars as pl  # noqa: PLC0415 - optional extra

        for field in table.schema:
            if getattr(field.type, "precision", 0) > 38:  # polars decimals hold at most 38 digits
                msg = (
                    f"column {field.name} needs {field.type.precision} digits; "
                    "polars decimals hold at most 38 (use backend='pandas')"
                )
                raise InvalidValueError(msg)
        return pl.from_arrow(table)
    import pandas as pd  # noqa: PLC0415 - optional extra

    return table.to_pandas(types_mapper=pd.ArrowDtype)


# --- from_frame -------------------------------------------------------------------------------


class _Problem(Exception):  # noqa: N818 - internal signal, never escapes
    pass


def _read_text(value: Any, col: _Column) -> Any:
    if value is None:
        return None
    if type(value) is int:
        return str(value)
    return value


def _read_id(value: Any, col: _Column) -> Any:
    if isinstance(value, float) and value.is_integer():  # a column of numbers with blanks
        return str(int(value))
    return _read_text(value, col)


def _read_int(value: Any, col: _Column) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isascii() and value.strip().isdigit():
        return int(value)
    return value


def _read_bool(value: Any, col: _Column) -> Any:
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return value


def _read_date(value: Any, col: _Column) -> Any:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None and value.time() == _dt.time():
            return value.date().isoformat()
        return value
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _read_decimal(value: Any, col: _Column) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if type(value) is int:
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)  # the shortest repr: the number as typed, up to 15 digits
    return value


def _read_enum(value: Any, col: _Column) -> Any:
    if not isinstance(value, str):
        return value
    codes = _ENUM_CODES.get(col.type)
    if codes is None:
        codes = _ENUM_CODES[col.type] = frozenset(str(m.value) for m in col.type)
    if value in codes or not hasattr(col.type, "from_label"):
        return value
    try:
        return col.type.from_label(value).value  # a Thai label (labels="th") or an alias
    except InvalidValueError:
        return value  # the converter reports it


_ENUM_CODES: dict[type, frozenset[str]] = {}


def _read_json(value: Any, col: _Column) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            msg = (
                f"expected JSON text (as to_frame writes it), got a str of {len(value)} characters"
            )
            raise _Problem(msg) from None
    return value


_READERS: Final[dict[str, Callable[[Any, _Column], Any]]] = {
    "str": _read_text,
    "id": _read_id,
    "term": _read_text,
    "int": _read_int,
    "year": _read_int,
    "bool": _read_bool,
    "date": _read_date,
    "decimal": _read_decimal,
    "enum": _read_enum,
    "json": _read_json,
}


def _cells_of(df: Any) -> tuple[list[str], list[list[Any]], int]:
    """The column names, each column's cells as Python values, and the number of rows."""
    module = type(df).__module__.split(".")[0]
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional extra
    except ImportError as e:
        msg = "from_frame() needs pyarrow: pip install 'dropout-model[pandas]' (or [polars])"
        raise ImportError(msg) from e
    if module == "polars" and type(df).__name__ == "DataFrame":
        df = df.to_arrow()
    if isinstance(df, pa.Table):
        names = [str(n) for n in df.column_names]
        return names, [df.column(i).to_pylist() for i in range(df.num_columns)], df.num_rows
    if module == "pandas" and type(df).__name__ == "DataFrame":
        names = [str(n) for n in df.columns]
        return names, [_pandas_cells(df.iloc[:, i]) for i in range(df.shape[1])], len(df)
    msg = (
        "from_frame() takes a pandas or polars DataFrame (or a pyarrow Table), "
        f"not {module}.{type(df).__qualname__}"
    )
    raise InvalidTypeError(msg)


def _pandas_cells(column: Any) -> list[Any]:
    """One pandas column as Python values: through Arrow when its values are of one kind.

    A column of mixed kinds (an object column from a hand-edited sheet: ints
    and text) is taken cell by cell, each value as it is, so that the model's
    checks word the problem; Arrow's own error would quote a cell.
    """
    import pyarrow as pa  # noqa: PLC0415 - optional extra

    try:
        return list(pa.array(column, from_pandas=True).to_pylist())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return [_plain(v) for v in column.tolist()]


def _plain(value: Any) -> Any:
    """A cell of a mixed column: NaN, NA and NaT as None, numpy numbers as Python's."""
    if value is None or type(value).__name__ in {"NAType", "NaTType"}:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    item = getattr(value, "item", None)  # a numpy scalar
    if type(value).__module__ == "numpy" and callable(item):
        return item()
    return value


_COLUMN_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,59}\Z")


def _column_label(i: int, name: str) -> str:
    """A column as a message may name it: by name if it looks like one, else by position.

    A sheet without a header row makes its first row the column names, and that
    row may hold a student's name or ID.
    """
    if _COLUMN_NAME.match(name):
        return f"column {name}"
    return f"column {i} (a name of {len(name)} characters)"


_AS_IS: Final = frozenset({"str", "id", "term"})  # kinds whose text cells pass unchanged


def _build(
    node: _Node, row: dict[str, Any], problems: list[str], where: str
) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    present = False
    for name, child in node.children:
        if isinstance(child, _Node):
            sub = _build(child, row, problems, where)
            if sub is not None:
                out[name] = sub
                present = True
            elif child.nullable:
                out[name] = None
            continue
        try:
            value = row[child.name]
        except KeyError:
            continue
        if value is None or (isinstance(value, float) and math.isnan(value)):
            if child.nullable:
                out[name] = None
            elif child.kind == "str":
                out[name] = ""  # an empty cell is empty text
            elif not child.has_default:
                out[name] = None  # the converter reports the missing value
            continue
        present = True
        if value.__class__ is str and child.kind in _AS_IS:
            out[name] = value  # the usual case, read as it is
            continue
        try:
            out[name] = _READERS[child.kind](value, child)
        except _Problem as e:
            problems.append(f"{where}, column {child.name}: {e}")
    if node.nullable and not present:
        return None
    return out


def from_frame(df: Any, cls: type[T]) -> list[T]:
    """The rows of a data frame as ``cls`` records: the inverse of :func:`to_frame`.

    ``df`` is a pandas or polars DataFrame (or a pyarrow Table) with columns
    named as :func:`to_frame` names them; columns may be missing (their field
    takes its default) but an unknown column is a problem. Cells may come
    from a spreadsheet: an empty cell is an empty value, a date-time at
    midnight is a date, a whole float is an int, a float of money is read by
    its shortest ``repr`` (the number as typed), an enum may be its code or
    its Thai label, and JSON columns are text.

    Raises :class:`~dropout_model.errors.StructureError` listing every problem
    as ``row N, column C: message`` or ``row N: path: message`` (rows count
    from 0, as ``df.iloc``). Messages describe the kind of a bad value, never
    its text (a number outside its range is shown, as the model's own checks
    show it). Findings are output, not input: ``cls`` cannot be ``Finding``.

    >>> import pandas as pd
    >>> from dropout_model import Student
    >>> from_frame(pd.DataFrame({"key": ["S-1"], "grade": ["ม.1"]}), Student)
    [Student(key='S-1', status=<EnrollmentStatus.ENROLLED: 'enrolled'>, grade=<GradeLevel.M1: ...)]
    >>> bad = pd.DataFrame({"key": ["S-1", "S-2"], "birth_date": ["31/01/2553", None]})
    >>> from_frame(bad.assign(grade=["M1", "M9"]), Student)
    Traceback (most recent call last):
      ...
    dropout_model.errors.StructureError: cannot structure Student rows: 2 problems
      row 0: birth_date: expected an ISO date (YYYY-MM-DD), got a str of 10 characters
      row 1: grade: expected one of 'K1', 'K2', ... (GradeLevel), got a str of 2 characters
    """
    if cls is Finding:
        msg = "from_frame() reads model records; findings are output of the rules, not input"
        raise InvalidTypeError(msg)
    _model_class(cls)
    names, data, rows = _cells_of(df)
    node = _node(cls)
    known = {c.name for c in _columns(node)}
    problems = [
        f"{_column_label(i, name)}: not a column of {cls.__name__} "
        f"(see frames.columns({cls.__name__}))"
        for i, name in enumerate(names)
        if name not in known
    ]
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            problems.append(f"{_column_label(i, name)}: a second column of that name")
        seen.add(name)
    index = getattr(df, "index", None)  # a pandas frame's index is not one of its columns
    problems.extend(
        f"index {name}: a column in the index; call df.reset_index() first"
        for name in getattr(index, "names", ())
        if isinstance(name, str) and name in known
    )
    if problems:
        raise StructureError(problems, f"{cls.__name__} rows")
    out: list[T] = []
    for i in range(rows):
        where = f"row {i}"
        row = {name: column[i] for name, column in zip(names, data, strict=True)}
        record = _build(node, row, problems, where)
        try:
            out.append(structure(record, cls))
        except StructureError as e:
            problems.extend(f"{where}: {line}" for line in e.errors)
    if problems:
        raise StructureError(problems, f"{cls.__name__} rows")
    return out
