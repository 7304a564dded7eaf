"""Caseloads larger than one machine: a Parquet store partitioned by school, validated with Dask.

Floor 5, an integration next to ``cli``; it needs the ``dask`` extra
(``pip install 'dropout-model[dask]'``: dask.dataframe, distributed, pandas,
pyarrow). A plain ``import dropout_model`` never imports it.

- :func:`write_parquet` writes a :class:`~dropout_model.caseload.Caseload` as
  three Parquet datasets (students, assessments, scholarships) with the
  columns of :func:`dropout_model.frames.to_frame`, hive-partitioned by
  school, plus the project as JSON;
- :func:`read_parquet` reads such a store back into one caseload (it must fit
  in memory);
- :func:`validate_parquet` runs the consistency rules on a store with Dask, on
  whatever scheduler is current (a ``distributed.Client`` you made, or the
  local threads), and returns exactly what
  :func:`~dropout_model.rules.validate` returns for the caseload that was
  written: the same findings, paths and order.

The store holds personal data (names, citizen IDs, G-codes, birth dates)
unless written with ``personal=False``: C002 needs the identifiers to find
duplicate students. To share a store, write ``redact(caseload, key=...)``:
keyed pseudonyms keep equality, so the duplicates are still found.

>>> import tempfile
>>> import dask
>>> from dropout_model import Caseload, Scholarship, Student, validate
>>> from dropout_model.scholarship import Funder, ScholarshipKind
>>> from dropout_model.thaidate import AcademicYear
>>> from decimal import Decimal
>>> award = Scholarship(
...     "F-1", "S-9", ScholarshipKind.TRAVEL, Funder.BMA, Decimal(500), AcademicYear(2566)
... )
>>> cl = Caseload(students=(Student("S-1"), Student("S-1")), scholarships=(award,))
>>> root = tempfile.mkdtemp() + "/store"
>>> write_parquet(cl, root, personal=True)
>>> read_parquet(root) == cl
True
>>> with dask.config.set(scheduler="synchronous"):
...     found = validate_parquet(root)
>>> [(f.code, f.path) for f in found]  # doctest: +NORMALIZE_WHITESPACE
[('S002', 'students[0].citizen_id'), ('S002', 'students[1].citizen_id'),
 ('C001', 'scholarships[0].student_key'), ('C002', 'students[1].key')]
>>> found == validate(cl)
True
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
import dask.dataframe as dd
import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from dask.base import compute
from dask.delayed import delayed

from dropout_model.caseload import Caseload
from dropout_model.convert import from_json, to_json
from dropout_model.errors import InvalidTypeError, InvalidValueError, StructureError
from dropout_model.findings import Finding, Findings
from dropout_model.frames import from_frame, to_frame
from dropout_model.project import Project
from dropout_model.risk import RiskAssessment
from dropout_model.rules._core import Env, Rule, Target
from dropout_model.rules._validate import _apply, _as_of, _config, _pick, _project, _selectors
from dropout_model.rules.caseload import _dup
from dropout_model.rules.config import RuleConfig
from dropout_model.scholarship import Scholarship
from dropout_model.student import Student

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from dropout_model.rules._validate import Selectors

__all__ = ["read_parquet", "validate_parquet", "write_parquet"]

T = TypeVar("T")

#: The store's own file: what it holds, so that a reader can check it is complete.
_MANIFEST: Final = "store.json"
_FORMAT: Final = "dropout-model parquet store"
_VERSION: Final = 1
_PROJECT: Final = "project.json"
_DATASETS: Final[tuple[tuple[str, type], ...]] = (
    ("students", Student),
    ("assessments", RiskAssessment),
    ("scholarships", Scholarship),
)
#: Helper columns: written (``_pos``, and ``school`` as the hive directory) or added on the way.
_POS: Final = "_pos"
_SCHOOL: Final = "school"
_GROUP: Final = "_group"
_FOREIGN: Final = "_foreign"
_HELPERS: Final = frozenset({_POS, _SCHOOL, _GROUP, _FOREIGN})
#: The partition of records without a school (or whose student is unknown).
_NO_SCHOOL: Final = "none"
#: The cross-record rules this module runs across partitions (a new one must be added here).
_CROSS_RECORD: Final = frozenset({"F003", "C001", "C002", "C003"})
_STRING: Final = pd.ArrowDtype(pa.string())
# dask's functions without annotations, typed here at the boundary
_concat: Final[Callable[..., Any]] = dd.concat
_compute: Final[Callable[..., Any]] = compute

# A finding's place in validate()'s order: (stage, group, position, sequence). Stages: the
# project 0, students 1, assessments 2, scholarships 3, then 4 + the caseload rule's place in
# catalogue order.
_Key = tuple[int, int, int, int]
_Keyed = tuple[_Key, Finding]
_STUDENTS, _ASSESSMENTS, _SCHOLARSHIPS, _CASELOAD = 1, 2, 3, 4


# --- the store -----------------------------------------------------------------------------------


def _filesystem(root: object, storage_options: Mapping[str, Any] | None) -> tuple[Any, str]:
    if not isinstance(root, str | os.PathLike):
        msg = (
            f"the store's root must be a path or a URL (such as 's3://bucket/caseload'), "
            f"not {type(root).__name__}"
        )
        raise InvalidTypeError(msg)
    fs, base = fsspec.core.url_to_fs(os.fspath(root), **dict(storage_options or {}))
    return fs, str(base).rstrip("/")


def _school(student: Student) -> str:
    school = student.school
    return str(school.code) if school is not None and school.code is not None else _NO_SCHOOL


def write_parquet(
    caseload: Caseload,
    root: str | os.PathLike[str],
    *,
    personal: bool,
    storage_options: Mapping[str, Any] | None = None,
) -> None:
    """Write ``caseload`` as a Parquet store under ``root`` (a new or empty directory).

    The layout::

        root/store.json                                 what the store holds (counts, format)
        root/project.json                               the project, when there is one
        root/students/school=3110400001/part-0.parquet  one directory per school ...
        root/students/school=none/part-0.parquet        ... and one for records without
        root/assessments/school=.../part-0.parquet
        root/scholarships/school=.../part-0.parquet

    Each row has the columns of :func:`dropout_model.frames.to_frame` and
    ``_pos``, its index in the caseload's tuple. A student goes to the
    directory of its school's code; an assessment or scholarship to that of
    the first student with its ``student_key`` (``none`` when there is no such
    student or school).

    ``personal`` has no default: the caller says whether the store holds
    personal data. ``personal=True`` writes names, citizen IDs, G-codes and
    birth dates, which C002 (duplicate identifiers) and the age rules need;
    such a store is personal data. ``personal=False`` leaves them out, and the
    rules then see students without them. Write ``redact(caseload,
    key=...)`` with ``personal=True`` to make a store you can share that still
    finds duplicates. ``root`` may be an fsspec URL
    (``s3://bucket/caseload``) with ``storage_options`` for its file system.

    Raises :class:`~dropout_model.errors.InvalidValueError` when ``root``
    already holds files.
    """
    value: object = caseload  # callers without type checking may pass anything
    if not isinstance(value, Caseload):
        msg = f"write_parquet() takes a Caseload, not {type(value).__name__}"
        raise InvalidTypeError(msg)
    fs, base = _filesystem(root, storage_options)
    if fs.exists(base) and (not fs.isdir(base) or fs.ls(base)):
        msg = (
            f"write_parquet(): {os.fspath(root)!r} already exists and is not an empty "
            "directory; write the store into a new or empty directory"
        )
        raise InvalidValueError(msg)
    fs.makedirs(base, exist_ok=True)
    first_school: dict[str, str] = {}
    student_schools = []
    for s in caseload.students:
        school = _school(s)
        student_schools.append(school)
        first_school.setdefault(s.key, school)
    schools: dict[str, list[str]] = {
        "students": student_schools,
        "assessments": [first_school.get(a.student_key, _NO_SCHOOL) for a in caseload.assessments],
        "scholarships": [
            first_school.get(x.student_key, _NO_SCHOOL) for x in caseload.scholarships
        ],
    }
    counts: dict[str, int] = {}
    for name, cls in _DATASETS:
        records: Sequence[Any] = getattr(caseload, name)
        counts[name] = len(records)
        if not records:
            continue
        frame = to_frame(records, cls=cls, personal=personal)
        table = _exact_decimals(pa.Table.from_pandas(frame, preserve_index=False), records)
        table = table.append_column(_POS, pa.array(range(len(records)), pa.int64()))
        table = table.append_column(_SCHOOL, pa.array(schools[name], pa.string()))
        pq.write_to_dataset(
            table,
            f"{base}/{name}",
            partition_cols=[_SCHOOL],
            filesystem=fs,
            basename_template="part-{i}.parquet",
            existing_data_behavior="error",
        )
    if caseload.project is not None:
        with fs.open(f"{base}/{_PROJECT}", "w", encoding="utf-8") as f:
            f.write(to_json(caseload.project))
    manifest = {
        "format": _FORMAT,
        "version": _VERSION,
        "personal": personal,
        "project": caseload.project is not None,
        **counts,
    }
    with fs.open(f"{base}/{_MANIFEST}", "w", encoding="utf-8") as f:  # last: the store is whole
        f.write(json.dumps(manifest, indent=2) + "\n")


def _exact_decimals(table: pa.Table, records: Sequence[Any]) -> pa.Table:
    """``table`` with every decimal column that would change a value's digits as text instead.

    An Arrow decimal column has one scale, so ``Decimal("5000")`` next to
    ``Decimal("1500.50")`` comes back as ``Decimal("5000.00")``: equal, but
    printed differently in a finding's message. Such a column is stored as the
    exact text of each value (which :func:`~dropout_model.frames.from_frame`
    reads back as it was); the others stay decimals.
    """
    for i, field in enumerate(table.schema):
        if not pa.types.is_decimal(field.type):
            continue
        path = field.name.split(".")  # frames joins a nested field's path with "."
        exact = [_text(_follow(r, path)) for r in records]
        if exact != [_text(v) for v in table.column(i).to_pylist()]:
            table = table.set_column(i, field.name, pa.array(exact, pa.string()))
    return table


def _follow(record: object, path: Sequence[str]) -> Any:
    value: Any = record
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@attrs.frozen
class _Store:
    """An opened store: its file system, its counts and its project."""

    root: str
    fs: Any
    base: str
    counts: Mapping[str, int]
    project: Project | None

    @classmethod
    def open(
        cls, root: str | os.PathLike[str], storage_options: Mapping[str, Any] | None
    ) -> _Store:
        fs, base = _filesystem(root, storage_options)
        where = os.fspath(root)
        try:
            with fs.open(f"{base}/{_MANIFEST}", "r", encoding="utf-8") as f:
                manifest = json.load(f)
        except FileNotFoundError:
            msg = (
                f"{where!r} is not a dropout_model Parquet store (it has no {_MANIFEST}); "
                "write one with write_parquet()"
            )
            raise InvalidValueError(msg) from None
        if not (
            isinstance(manifest, dict)
            and manifest.get("format") == _FORMAT
            and manifest.get("version") == _VERSION
        ):
            msg = (
                f"{where!r}: {_MANIFEST} does not describe a store of version {_VERSION}; "
                "write the store again with this version of dropout_model"
            )
            raise InvalidValueError(msg)
        counts: dict[str, int] = {}
        bad = []
        for name, _ in _DATASETS:
            count = manifest.get(name)
            if type(count) is int and count >= 0:
                counts[name] = count
            else:
                bad.append(f"{_MANIFEST}: {name}: expected a count of rows")
        if bad:
            raise StructureError(bad, "Parquet store")
        project = None
        if manifest.get("project"):
            with fs.open(f"{base}/{_PROJECT}", "r", encoding="utf-8") as f:
                project = from_json(f.read(), Project)
        return cls(where, fs, base, counts, project)

    def files(self, name: str) -> list[tuple[str, int]]:
        """The Parquet files of one dataset with their sizes, in a fixed order (by school)."""
        if not self.counts[name]:
            return []
        found = self.fs.find(f"{self.base}/{name}", detail=True)
        return sorted(
            (str(path), int(info.get("size") or 0))
            for path, info in found.items()
            if str(path).endswith(".parquet")
        )

    def dataset(self, name: str, partition_rows: int) -> _Dataset | None:
        """The dataset in partitions of about ``partition_rows`` rows (whole files, neighbours
        together: a school's records stay in one partition), or None when it is empty."""
        files = self.files(name)
        if not files:
            return None
        schema = pq.read_schema(files[0][0], filesystem=self.fs)
        batches = _batches(files, _partitions(self.counts[name], partition_rows))
        # impure: a new key each call, so that a store written again is read again
        parts = [delayed(_read_files, pure=False)(batch, self.fs) for batch in batches]
        meta = _pandas(schema.empty_table())
        return _Dataset(parts, dd.from_delayed(parts, meta=meta, verify_meta=False))


@attrs.frozen
class _Dataset:
    """One dataset of a store: its partitions as tasks that read them (each file is read once,
    whatever uses it) and the same partitions as a Dask data frame."""

    parts: list[Any]
    frame: Any


def _batches(files: Sequence[tuple[str, int]], count: int) -> list[tuple[str, ...]]:
    """``files`` cut into at most ``count`` runs of neighbours of about equal size in bytes."""
    total = sum(size for _, size in files) or 1
    batches: list[list[str]] = [[]]
    done = 0
    for path, size in files:
        if batches[-1] and done >= total * len(batches) / count:
            batches.append([])
        batches[-1].append(path)
        done += size
    return [tuple(b) for b in batches]


def _pandas(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _read_table(paths: Sequence[str], fs: Any) -> pa.Table:
    table = ds.dataset(list(paths), filesystem=fs, format="parquet", partitioning=None).to_table()
    if _SCHOOL in table.column_names:  # the directory's value; not needed to rebuild records
        table = table.drop_columns([_SCHOOL])
    return table


def _read_files(paths: Sequence[str], fs: Any) -> pd.DataFrame:
    return _pandas(_read_table(paths, fs))


def read_parquet(
    root: str | os.PathLike[str], *, storage_options: Mapping[str, Any] | None = None
) -> Caseload:
    """The caseload stored under ``root`` by :func:`write_parquet`, read into memory.

    The records come back in their original order (``_pos``); with
    ``personal=True`` at writing, the result equals the caseload written.
    Raises :class:`~dropout_model.errors.InvalidValueError` when ``root`` is
    not a store, and :class:`~dropout_model.errors.StructureError` when a
    dataset lacks rows or has a row that is not a valid record.
    """
    store = _Store.open(root, storage_options)
    parts: dict[str, tuple[Any, ...]] = {}
    for name, cls in _DATASETS:
        files = store.files(name)
        count = store.counts[name]
        if not files:
            if count:
                raise StructureError([f"{name}: no Parquet files, expected {count} rows"], "store")
            parts[name] = ()
            continue
        table = _read_table([f for f, _ in files], store.fs).sort_by(_POS)
        positions = table.column(_POS).to_pylist()
        if positions != list(range(count)):
            msg = (
                f"{name}: the rows' {_POS} are not 0 to {count - 1} once each "
                f"({len(positions)} rows); write the store again"
            )
            raise StructureError([msg], "store")
        parts[name] = tuple(from_frame(table.drop_columns([_POS]), cls))
    return Caseload(parts["students"], parts["assessments"], parts["scholarships"], store.project)


# --- validation ----------------------------------------------------------------------------------


@attrs.frozen
class _Spec:
    """What every task needs to run the rules: picklable, small (no rule objects)."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    config: RuleConfig
    as_of: _dt.date | None
    project: Project | None

    def all_rules(self) -> Mapping[Target, tuple[Rule, ...]]:
        return _pick(self.select, self.ignore)

    def rules(self, target: Target) -> tuple[Rule, ...]:
        return self.all_rules()[target]


def _records(part: pd.DataFrame, cls: type[T]) -> list[T]:
    """The rows of a partition (helper columns dropped) as records."""
    return from_frame(part.drop(columns=[c for c in part.columns if c in _HELPERS]), cls)


def _sorted(part: pd.DataFrame | None) -> pd.DataFrame | None:
    if part is None or part.empty:
        return None
    return part.sort_values(_POS, kind="stable")


def _positions(part: pd.DataFrame) -> list[int]:
    return [int(p) for p in part[_POS].tolist()]


def _student_task(part: pd.DataFrame, spec: _Spec) -> list[_Keyed]:
    """The student rules on one partition of the students dataset (no other record needed)."""
    rules = spec.rules(Target.STUDENT)
    env = Env(spec.config, spec.as_of)
    out: list[_Keyed] = []
    for pos, s in zip(_positions(part), _records(part, Student), strict=True):
        found = _apply(rules, s, env, prefix=f"students[{pos}]", subject=s.key)
        out.extend(((_STUDENTS, 0, pos, seq), f) for seq, f in enumerate(found))
    return out


def _keys(part: pd.DataFrame) -> set[str]:
    """The student keys named in a partition of assessments or scholarships."""
    return set(part["student_key"].tolist())


def _union(*sets: set[str]) -> set[str]:
    return set().union(*sets)


def _referenced(part: pd.DataFrame, keys: set[str]) -> pd.DataFrame:
    return part[part["key"].isin(keys)]


def _first_by_key(part: pd.DataFrame) -> pd.DataFrame:
    """Per assessment key, the row of the first assessment (lowest ``_pos``) with it."""
    return part.sort_values(_POS, kind="stable").drop_duplicates("key", keep="first")


_INDEXED = re.compile(r"(assessments|scholarships)\[(\d+)\](.*)", re.DOTALL)
_ALSO = re.compile(r"also scholarships\[(\d+)\]")


def _relocate(
    f: Finding, positions: Mapping[str, Sequence[int | None]]
) -> tuple[str, int | None, Finding]:
    """A caseload-rule finding made on a partition's sub-caseload, with the whole caseload's
    indices: ``scholarships[2]`` (the third of the partition) becomes ``scholarships[417]``."""
    m = _INDEXED.fullmatch(f.path)
    if m is None:  # pragma: no cover - the rules run here always point into a record
        msg = f"cannot place a {f.code} finding at {f.path!r} in the whole caseload"
        raise AssertionError(msg)
    table, local = m.group(1), int(m.group(2))
    pos = positions[table][local]
    changes: dict[str, Any] = {"path": f"{table}[{pos}]{m.group(3)}"}
    also = _ALSO.fullmatch(f.observed) if isinstance(f.observed, str) else None
    if also is not None:
        changes["observed"] = f"also scholarships[{positions['scholarships'][int(also[1])]}]"
    return table, pos, attrs.evolve(f, **changes)


def _group_task(
    students: pd.DataFrame | None,
    assessments: pd.DataFrame | None,
    scholarships: pd.DataFrame | None,
    spec: _Spec,
) -> tuple[list[_Keyed], int]:
    """The assessment and scholarship rules, F003, C001 and C003's count, on one partition of
    the shuffle on student key: every record of a student key is in the same partition.

    A sub-caseload of the partition answers the rules' lookups as the whole caseload would:
    ``student(key)`` and ``assessments_of(key)`` hold every record of the key, in ``_pos``
    order. ``assessment(key)`` must give the first assessment with that key in the whole
    caseload, which may belong to a student of another partition: the shuffle brought it here
    (``_foreign``), and it is put first.
    """
    a_sorted = _sorted(assessments)
    own = foreign = None
    if a_sorted is not None:
        is_foreign = a_sorted[_FOREIGN].astype(bool)
        own = a_sorted[~is_foreign]
        foreign = a_sorted[is_foreign].drop_duplicates(_POS)
        foreign = foreign[~foreign[_POS].isin(own[_POS])]
    f_sorted = _sorted(scholarships)
    keys: set[str] = set()
    for part in (own, f_sorted):
        if part is not None:
            keys.update(part[_GROUP].tolist())
    s_sorted = _sorted(students)
    if s_sorted is not None:
        s_sorted = s_sorted[s_sorted[_GROUP].isin(keys)]
    people = _records(s_sorted, Student) if s_sorted is not None else []
    mine = _records(own, RiskAssessment) if own is not None and not own.empty else []
    others = _records(foreign, RiskAssessment) if foreign is not None and not foreign.empty else []
    awards = _records(f_sorted, Scholarship) if f_sorted is not None else []
    a_pos = _positions(own) if mine else []
    f_pos = _positions(f_sorted) if awards else []
    sub = Caseload(tuple(people), (*others, *mine), tuple(awards), spec.project)
    env = Env(spec.config, spec.as_of, caseload=sub)
    out: list[_Keyed] = []
    rules = spec.rules(Target.ASSESSMENT)
    for pos, a in zip(a_pos, mine, strict=True):
        found = _apply(rules, a, env, prefix=f"assessments[{pos}]", subject=a.student_key)
        out.extend(((_ASSESSMENTS, 0, pos, seq), f) for seq, f in enumerate(found))
    rules = spec.rules(Target.SCHOLARSHIP)
    for pos, x in zip(f_pos, awards, strict=True):
        found = _apply(rules, x, env, prefix=f"scholarships[{pos}]", subject=x.student_key)
        out.extend(((_SCHOLARSHIPS, 0, pos, seq), f) for seq, f in enumerate(found))
    # The sub-caseload's assessments start with the foreign ones, which are not this
    # partition's to report: their local indices map to None.
    positions: dict[str, Sequence[int | None]] = {
        "assessments": [*([None] * len(others)), *a_pos],
        "scholarships": f_pos,
    }
    recipients = 0
    for stage, r in enumerate(spec.rules(Target.CASELOAD), start=_CASELOAD):
        if r.code in {"F003", "C001"}:
            for seq, f in enumerate(r.func(r, sub, env)):
                table, at, placed = _relocate(f, positions)
                if at is not None:
                    out.append(((stage, int(table == "scholarships"), at, seq), placed))
        elif r.code == "C003":
            for f in r.func(r, sub, env):  # the partition's count of recipients
                assert isinstance(f.observed, int)
                recipients += f.observed
    return out, recipients


#: What C002 compares: (dataset, column, the finding's words, the subject's column).
_UNIQUE: Final = (
    ("students", "key", "student key", "key"),
    ("students", "citizen_id", "citizen ID", "key"),
    ("students", "g_code", "G-code", "key"),
    ("assessments", "key", "assessment key", "student_key"),
    ("scholarships", "key", "scholarship key", "student_key"),
)
_LONG_META: Final = pd.DataFrame(
    {
        "_value": pd.Series([], dtype=_STRING),
        "_what": pd.Series([], dtype="int64"),
        _POS: pd.Series([], dtype="int64"),
        "_subject": pd.Series([], dtype=_STRING),
    }
)
_DUP_META: Final = pd.DataFrame(
    {
        "_what": pd.Series([], dtype="int64"),
        _POS: pd.Series([], dtype="int64"),
        "_first": pd.Series([], dtype="int64"),
        "_subject": pd.Series([], dtype=_STRING),
    }
)


def _long(part: pd.DataFrame, what: int, column: str, subject: str) -> pd.DataFrame:
    """One value to compare per row: ``what`` (an index into _UNIQUE) and the value, as text."""
    part = part[part[column].notna()]
    values = part[column].astype(str)
    return pd.DataFrame(
        {
            "_value": pd.Series(
                [f"{what}:{v}" for v in values.tolist()], dtype=_STRING, index=part.index
            ),
            "_what": pd.Series(what, dtype="int64", index=part.index),
            _POS: part[_POS].astype("int64"),
            "_subject": part[subject].astype(_STRING),
        }
    )


def _duplicates(part: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value an earlier row (lower ``_pos``) has, with the position of the first."""
    if part.empty:
        return _DUP_META
    part = part.sort_values(["_value", _POS], kind="stable")
    first = part.groupby("_value", sort=False)[_POS].transform("first")
    later = part[_POS] != first
    return pd.DataFrame(
        {
            "_what": part["_what"][later],
            _POS: part[_POS][later],
            "_first": first[later],
            "_subject": part["_subject"][later],
        }
    )


def _c002(r: Rule, rows: pd.DataFrame, stage: int) -> Iterator[_Keyed]:
    """C002's findings from the duplicate rows, worded by the rule module's own helper."""
    for what, pos, first, subject in zip(
        rows["_what"].tolist(),
        rows[_POS].tolist(),
        rows["_first"].tolist(),
        rows["_subject"].tolist(),
        strict=True,
    ):
        name, column, words, _ = _UNIQUE[what]
        group = ("students", "assessments", "scholarships").index(name)
        # a student's key, citizen ID and G-code findings come in that order, as in C002
        sub = what if name == "students" else 0
        f = _dup(r, f"{name}[{pos}].{column}", words, f"{name}[{first}]", subject)
        yield (stage, group, pos, sub), f


@attrs.frozen
class _Recipients:
    """What C003 reads of a caseload, for a count made across partitions: the project, and
    one record per distinct recipient (``status`` None: not cancelled)."""

    project: Project | None
    count: int

    @property
    def scholarships(self) -> Iterator[_Recipient]:
        return (_Recipient(i) for i in range(self.count))


@attrs.frozen
class _Recipient:
    student_key: int
    status: None = None


def _partitions(rows: int, per_partition: int) -> int:
    return max(1, math.ceil(rows / per_partition))


def _selection(
    config: RuleConfig | None, select: Selectors, ignore: Selectors, as_of: _dt.date | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, RuleConfig, _dt.date | None]:
    """validate()'s checks of its arguments, with this function's name in the messages."""
    try:
        return (
            _selectors("select", select),
            _selectors("ignore", ignore),
            _config(config),
            _as_of(as_of),
        )
    except (InvalidTypeError, InvalidValueError) as e:
        raise type(e)(str(e).replace("validate()", "validate_parquet()", 1)) from None


def validate_parquet(
    root: str | os.PathLike[str],
    *,
    config: RuleConfig | None = None,
    select: Selectors = None,
    ignore: Selectors = None,
    as_of: _dt.date | None = None,
    storage_options: Mapping[str, Any] | None = None,
    partition_rows: int = 100_000,
) -> Findings:
    """Run the consistency rules on the store under ``root`` with Dask; the records stay on
    the workers, only the findings come back.

    Returns exactly what :func:`~dropout_model.rules.validate` returns for the caseload that
    was written (``validate(read_parquet(root), ...)``): the same findings, with paths into
    the whole caseload (``students[i]`` with ``i`` its index), in the same order. ``config``,
    ``select``, ``ignore`` and ``as_of`` are :func:`~dropout_model.rules.validate`'s;
    ``storage_options`` are those of the file system of ``root``; ``partition_rows`` is the
    number of rows a partition holds when read and after a shuffle (lower it when workers
    run short of memory).

    It runs on the current Dask scheduler: make a ``distributed.Client`` first to use a
    cluster. How the work is split:

    - student rules: one task per partition of the students dataset, no data moved;
    - assessment and scholarship rules, F003, C001 and C003's count: a shuffle on the
      student key brings each student together with their assessments and scholarships
      (only the students that have some travel), and one task per partition checks them;
    - C002: one shuffle of (value, position) pairs for the student keys, citizen IDs,
      G-codes, assessment keys and scholarship keys finds every record after the first;
    - the project's rules and C003's finding run here, on the project.

    Every finding gets a sort key that is its place in :func:`validate`'s order (project,
    reports, students by index, assessments, scholarships, then the caseload rules in
    catalogue order, each in its own order), and the findings are sorted by it at the end.
    """
    select_, ignore_, config_, as_of_ = _selection(config, select, ignore, as_of)
    _check_rows(partition_rows)
    store = _Store.open(root, storage_options)
    spec = _Spec(select_, ignore_, config_, as_of_, store.project)
    stages = {r.code: stage for stage, r in enumerate(spec.rules(Target.CASELOAD), _CASELOAD)}
    unknown = stages.keys() - _CROSS_RECORD
    if unknown:  # pragma: no cover - a guard for rules added later
        msg = (
            f"validate_parquet() cannot yet run {', '.join(sorted(unknown))} across partitions; "
            "pass ignore= for it, or validate(read_parquet(root)) in memory"
        )
        raise InvalidValueError(msg)
    data = _Data(
        {name: store.dataset(name, partition_rows) for name, _ in _DATASETS},
        store.counts,
        partition_rows,
    )
    student_tasks = []
    if data.students is not None and spec.rules(Target.STUDENT):
        student_tasks = [delayed(_student_task)(p, spec) for p in data.students.parts]
    group_tasks = []
    if (data.count("assessments") or data.count("scholarships")) and (
        spec.rules(Target.ASSESSMENT)
        or spec.rules(Target.SCHOLARSHIP)
        or stages.keys() & {"F003", "C001", "C003"}
    ):
        group_tasks = _group_tasks(data, spec)
    dup_parts = _duplicate_parts(data) if "C002" in stages else []

    per_student, per_group, duplicates = _compute(student_tasks, group_tasks, dup_parts)

    env = Env(config_, as_of_)
    found: list[_Keyed] = []
    project = store.project
    if project is not None:
        placed = _project(spec.all_rules(), project, env, prefix="project", subject=project.code)
        found.extend(((0, 0, 0, seq), f) for seq, f in enumerate(placed))
    for part in per_student:
        found.extend(part)
    recipients = 0
    for part, count in per_group:
        found.extend(part)
        recipients += count
    for r in spec.rules(Target.CASELOAD):
        if r.code == "C002":
            for rows in duplicates:
                found.extend(_c002(r, rows, stages["C002"]))
        elif r.code == "C003":
            made = r.func(r, _Recipients(project, recipients), env)
            found.extend(((stages["C003"], 0, 0, seq), f) for seq, f in enumerate(made))
    found.sort(key=lambda keyed: keyed[0])
    return Findings(f for _, f in found)


def _check_rows(partition_rows: object) -> None:
    if type(partition_rows) is not int:
        msg = (
            f"validate_parquet() partition_rows must be an int, not {type(partition_rows).__name__}"
        )
        raise InvalidTypeError(msg)
    if partition_rows < 1:
        msg = (
            f"validate_parquet() partition_rows must be at least 1, not {partition_rows}; "
            "the default is 100_000"
        )
        raise InvalidValueError(msg)


@attrs.frozen
class _Data:
    """The three datasets of a store (None when empty), their row counts, the partition size."""

    datasets: Mapping[str, _Dataset | None]
    counts: Mapping[str, int]
    partition_rows: int

    @property
    def students(self) -> _Dataset | None:
        return self.datasets["students"]

    @property
    def assessments(self) -> _Dataset | None:
        return self.datasets["assessments"]

    @property
    def scholarships(self) -> _Dataset | None:
        return self.datasets["scholarships"]

    def count(self, name: str) -> int:
        return self.counts[name]

    def partitions(self, rows: int) -> int:
        return _partitions(rows, self.partition_rows)


def _duplicate_parts(data: _Data) -> list[Any]:
    """The partitions, as delayed tasks, of the rows C002 reports (see :func:`_duplicates`)."""
    longs = []
    for what, (name, column, _, subject) in enumerate(_UNIQUE):
        dataset = data.datasets[name]
        if dataset is not None and column in dataset.frame.columns:
            longs.append(
                dataset.frame.map_partitions(_long, what, column, subject, meta=_LONG_META)
            )
    if not longs:
        return []
    long = _concat(longs) if len(longs) > 1 else longs[0]
    rows = 2 * data.count("students") + data.count("assessments") + data.count("scholarships")
    shuffled = long.shuffle(on="_value", npartitions=data.partitions(rows))
    parts: list[Any] = shuffled.map_partitions(_duplicates, meta=_DUP_META).to_delayed()
    return parts


def _group_tasks(data: _Data, spec: _Spec) -> list[Any]:
    """One delayed task per partition of the shuffle on student key (see :func:`_group_task`)."""
    students, assessments, scholarships = data.students, data.assessments, data.scholarships
    records = data.count("assessments") + data.count("scholarships")
    count = data.partitions(records + min(data.count("students"), records))
    s_parts: list[Any] = [None] * count
    a_parts: list[Any] = [None] * count
    f_parts: list[Any] = [None] * count
    if students is not None:
        # Only the students that have an assessment or a scholarship travel: the set of their
        # keys (each partition's, then their union) is handed to every partition of students.
        named = [p for x in (assessments, scholarships) if x is not None for p in x.parts]
        keys = delayed(_union)(*[delayed(_keys)(p) for p in named])
        kept = students.frame.map_partitions(_referenced, keys, meta=students.frame._meta)
        kept = kept.assign(**{_GROUP: kept["key"].astype(_STRING)})
        s_parts = kept.shuffle(on=_GROUP, npartitions=count).to_delayed()
    if assessments is not None:
        a = assessments.frame
        own = a.assign(**{_GROUP: a["student_key"].astype(_STRING), _FOREIGN: False})
        if scholarships is not None:
            # For each assessment key a scholarship names, the first assessment with that key
            # in the whole caseload: when it belongs to another student, it travels to the
            # scholarship's partition, where Caseload.assessment(key) must find it first.
            firsts = a.shuffle(on="key", npartitions=data.partitions(data.count("assessments")))
            firsts = firsts.map_partitions(_first_by_key, meta=a._meta)
            wanted = scholarships.frame[["assessment_key", "student_key"]]
            wanted = wanted.dropna(subset=["assessment_key"]).rename(
                columns={"assessment_key": "key", "student_key": _GROUP}
            )
            wanted = wanted.assign(**{_GROUP: wanted[_GROUP].astype(_STRING)})
            joined = firsts.merge(wanted, on="key", how="inner")
            foreign = joined[joined["student_key"] != joined[_GROUP]]
            own = _concat([own, foreign.assign(**{_FOREIGN: True})])
        a_parts = own.shuffle(on=_GROUP, npartitions=count).to_delayed()
    if scholarships is not None:
        f = scholarships.frame
        awards = f.assign(**{_GROUP: f["student_key"].astype(_STRING)})
        f_parts = awards.shuffle(on=_GROUP, npartitions=count).to_delayed()
    if not len(s_parts) == len(a_parts) == len(f_parts) == count:  # pragma: no cover
        msg = "the shuffles on student key gave different numbers of partitions"
        raise AssertionError(msg)
    return [
        delayed(_group_task)(s, a, f, spec)
        for s, a, f in zip(s_parts, a_parts, f_parts, strict=True)
    ]
