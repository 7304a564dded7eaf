"""The Parquet store and validate_parquet(): the same findings as validate(), on a local cluster.

Every comparison is with in-memory :func:`dropout_model.rules.validate` on the
caseload that was written, never with our own output. ``partition_rows=2``
makes each shuffle spread a small caseload over many partitions, so that the
records of one check sit in different partitions (what a large caseload does).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import dask
import dask.sizeof
import distributed.scheduler
import distributed.utils_comm
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st

from dropout_model.caseload import Caseload
from dropout_model.dask import _CROSS_RECORD, read_parquet, validate_parquet, write_parquet
from dropout_model.errors import InvalidTypeError, InvalidValueError, StructureError
from dropout_model.ids import CitizenId, GCode, SchoolCode
from dropout_model.project import Project, Target
from dropout_model.redaction import redact
from dropout_model.risk import RiskAssessment
from dropout_model.rules import Target as RuleTarget
from dropout_model.rules import rule_catalogue, validate
from dropout_model.rules.catalogue import ALL_RULES
from dropout_model.scholarship import Funder, Scholarship, ScholarshipKind, ScholarshipStatus
from dropout_model.strategies import FUTURE, caseloads, violating
from dropout_model.student import School, Student
from dropout_model.thaidate import AcademicYear

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

D = dt.date
# distributed's classes have untyped constructors: typed here, at the boundary
new_cluster: Callable[..., Any] = LocalCluster
new_client: Callable[..., Any] = Client
FEW = settings(max_examples=4, deadline=None)
OTHER_SCHOOL = School("โรงเรียนทดสอบ", SchoolCode("3199999999"), "ทดสอบ")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes (records and functions are pickled, as on a real cluster).

    The scheduler and the client run in threads of this process. Hypothesis fails a test
    when the global ``random`` changes while it draws an example, and these threads draw
    from it now and then (``dask.sizeof`` samples long lists, the scheduler picks workers):
    they get a generator of their own for the module's tests.
    """
    with pytest.MonkeyPatch.context() as patch:
        for module in (dask.sizeof, distributed.scheduler, distributed.utils_comm):
            patch.setattr(module, "random", random.Random(0))  # noqa: S311 - not for secrets
        with (
            new_cluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            new_client(cluster) as c,
        ):
            yield c


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh directory per call of ``next()``: hypothesis runs many examples in one test."""

    def fresh() -> Iterator[Path]:
        while True:
            yield tmp_path_factory.mktemp("store") / "caseload"

    return fresh()


def same_as_validate(cl: Caseload, root: Path, **kw: Any) -> None:
    """Write, validate on the cluster and in memory, and compare finding by finding."""
    write_parquet(cl, root, personal=True)
    got = validate_parquet(root, partition_rows=2, **kw)
    want = validate(cl, **kw)
    assert [f.path for f in got] == [f.path for f in want]  # the order first: a short diff
    assert list(got) == list(want)


# --- same findings as validate() -----------------------------------------------------------------


@FEW
@given(cl=caseloads(min_students=0, max_students=8, with_project=None))
def test_generated_caseloads(client: Client, stores: Iterator[Path], cl: Caseload) -> None:
    same_as_validate(cl, next(stores))


CROSS_RECORD_CODES = ("A002", "F002", "F003", "F004", "F005", "C001", "C002", "C003")


@FEW
@given(cl=st.sampled_from(CROSS_RECORD_CODES).flatmap(violating))
def test_violating_caseloads(client: Client, stores: Iterator[Path], cl: Caseload) -> None:
    same_as_validate(cl, next(stores))


@st.composite
def mutated(draw: st.DrawFn) -> Caseload:
    """A valid caseload broken by hand, in the ways that cross partitions: duplicates in other
    schools and before the original, unknown students, assessment keys of other students,
    shared assessment keys, double awards, money with and without cents."""
    cl = draw(caseloads(min_students=2, max_students=6))
    students = list(cl.students)
    assessments = list(cl.assessments)
    awards = list(cl.scholarships)
    for step in draw(st.lists(st.integers(0, 8), min_size=1, max_size=4)):
        s = draw(st.sampled_from(students))
        if step == 0:  # the same student again, in another school, before or after
            twin = attrs.evolve(s, school=OTHER_SCHOOL)
            students.insert(draw(st.integers(0, len(students))), twin)
        elif step == 1:  # another student with the same citizen ID or G-code
            students.append(
                attrs.evolve(
                    s,
                    key=f"S-DUP{len(students)}",
                    citizen_id=s.citizen_id or CitizenId("1101700230708"),
                    g_code=s.g_code or GCode("G661000000001"),
                    school=OTHER_SCHOOL,
                )
            )
        elif step == 2:  # an assessment and a scholarship of a student who is not there
            assessments.append(RiskAssessment(f"A-X{len(assessments)}", "S-UNKNOWN", D(2023, 6, 1)))
            awards.append(award(f"F-X{len(awards)}", "S-UNKNOWN", None))
        elif step == 3 and assessments:  # an award resting on another student's assessment
            a = draw(st.sampled_from(assessments))
            awards.append(award(f"F-Y{len(awards)}", s.key, a.key))
        elif step == 4 and assessments:  # an assessment key used again, by another student,
            a = draw(st.sampled_from(assessments))  # first or later in the caseload
            copy = attrs.evolve(a, student_key=s.key)
            assessments.insert(draw(st.integers(0, len(assessments))), copy)
            if draw(st.booleans()):
                awards.append(award(f"F-Z{len(awards)}", s.key, a.key))
        elif step == 5 and awards:  # a double award (F003), or the same key again (C002)
            x = draw(st.sampled_from(awards))
            key = draw(st.sampled_from((x.key, f"{x.key}-2")))
            awards.append(attrs.evolve(x, key=key, status=ScholarshipStatus.ACTIVE, term=None))
        elif step == 6:  # money with and without cents in the same column
            awards.append(award(f"F-C{len(awards)}", s.key, None, Decimal("5000.50")))
            awards.append(award(f"F-D{len(awards)}", s.key, None, Decimal(9000)))
        elif step == 7:  # a student without a school
            students.append(attrs.evolve(s, key=f"S-NS{len(students)}", school=None))
        elif step == 8:
            cl = attrs.evolve(cl, project=PROJECT)
    return attrs.evolve(
        cl, students=tuple(students), assessments=tuple(assessments), scholarships=tuple(awards)
    )


def award(key: str, student: str, basis: str | None, amount: Decimal = Decimal(500)) -> Scholarship:
    return Scholarship(
        key,
        student,
        ScholarshipKind.EEF_EQUITY,
        Funder.EEF,
        amount,
        AcademicYear(2566),
        awarded_on=D(2023, 7, 1),
        assessment_key=basis,
        status=ScholarshipStatus.ACTIVE,
    )


PROJECT = Project(
    "50490000-3632",
    "ดูแลนักเรียน",
    target=Target("นักเรียนได้รับทุนการศึกษา 1,000 คน", Decimal(1000), "คน"),
)


@FEW
@given(cl=mutated())
def test_mutated_caseloads(client: Client, stores: Iterator[Path], cl: Caseload) -> None:
    same_as_validate(cl, next(stores))


def test_a_hand_made_caseload_with_every_cross_partition_case(
    client: Client, stores: Iterator[Path]
) -> None:
    """Each case at least once, whatever hypothesis draws."""
    one = Student("S-1", citizen_id=CitizenId("1101700230708"), school=OTHER_SCHOOL)
    two = Student("S-2", citizen_id=CitizenId("1101700230708"), g_code=GCode("G661000000001"))
    a1 = RiskAssessment("A-1", "S-1", D(2023, 6, 1), income_per_person=Decimal("3500.25"))
    a1_again = RiskAssessment("A-1", "S-2", D(2023, 6, 2), income_per_person=Decimal(100))
    cl = Caseload(
        (one, two, attrs.evolve(one, school=None), Student("S-3", g_code=GCode("G661000000001"))),
        (a1_again, a1, RiskAssessment("A-2", "S-9", D(2023, 6, 3))),
        (
            award("F-1", "S-1", "A-1"),  # A-1's first is S-2's: C001, and F004 looks no further
            award("F-2", "S-2", "A-1"),
            award("F-2", "S-2", None, Decimal("10000.5")),  # C002, F003, F001 with cents
            award("F-3", "S-9", "A-9"),
        ),
        PROJECT,
    )
    found = validate(cl)
    assert {"C001", "C002", "C003", "F001", "F003"} <= found.codes
    same_as_validate(cl, next(stores))


def test_rule_selection_as_of_and_config_are_passed_on(
    client: Client, stores: Iterator[Path]
) -> None:
    cl = Caseload(
        (Student("S-1"), Student("S-1")),
        (RiskAssessment("A-1", "S-1", FUTURE + dt.timedelta(days=1)),),
        (attrs.evolve(award("F-1", "S-1", "A-1"), awarded_on=FUTURE + dt.timedelta(days=9)),),
    )
    root = next(stores)
    write_parquet(cl, root, personal=True)
    for kw in (
        {"as_of": FUTURE},
        {"select": ["A", "F007", "C"]},
        {"ignore": "S", "as_of": FUTURE},
        {"select": "S"},
    ):
        got = validate_parquet(root, partition_rows=2, **kw)
        assert list(got) == list(validate(cl, **kw)), kw
        assert got


def test_an_empty_caseload_and_a_project_alone(client: Client, stores: Iterator[Path]) -> None:
    same_as_validate(Caseload(), next(stores))
    same_as_validate(Caseload(project=attrs.evolve(PROJECT, code="5049-3632")), next(stores))


def test_runs_on_the_synchronous_scheduler_with_default_partitions(
    stores: Iterator[Path],
) -> None:
    cl = Caseload((Student("S-1"), Student("S-1")), scholarships=(award("F-1", "S-9", None),))
    root = next(stores)
    write_parquet(cl, root, personal=True)
    # without a client (the module's client is the default one here): shuffles on tasks
    with dask.config.set({"scheduler": "synchronous", "dataframe.shuffle.method": "tasks"}):
        assert validate_parquet(root) == validate(cl)


def test_every_cross_record_rule_runs_across_partitions() -> None:
    """A new caseload rule must be taught to validate_parquet (else it raises, not skips)."""
    assert {r.code for r in ALL_RULES if r.target is RuleTarget.CASELOAD} == _CROSS_RECORD
    assert {e.code for e in rule_catalogue() if e.applies_to.startswith("Caseload")} == (
        _CROSS_RECORD
    )


# --- the store -----------------------------------------------------------------------------------


@FEW
@given(cl=mutated())
def test_read_parquet_gives_back_the_caseload(stores: Iterator[Path], cl: Caseload) -> None:
    root = next(stores)
    write_parquet(cl, root, personal=True)
    back = read_parquet(root)
    assert back == cl
    assert [str(x.amount) for x in back.scholarships] == [str(x.amount) for x in cl.scholarships]


def test_the_store_is_partitioned_by_school(stores: Iterator[Path]) -> None:
    one = Student("S-1", school=OTHER_SCHOOL)
    cl = Caseload(
        (one, Student("S-2"), attrs.evolve(one, school=None)),
        (RiskAssessment("A-1", "S-1", D(2023, 6, 1)), RiskAssessment("A-2", "S-9", D(2023, 6, 1))),
        (award("F-1", "S-2", None),),
        PROJECT,
    )
    root = next(stores)
    write_parquet(cl, root, personal=True)

    def dirs(name: str) -> set[str]:
        return {p.name for p in (root / name).iterdir()}

    assert sorted(p.name for p in root.iterdir()) == [
        "assessments",
        "project.json",
        "scholarships",
        "store.json",
        "students",
    ]
    assert dirs("students") == {"school=3199999999", "school=none"}
    # an assessment goes with its student's first record; an unknown student's to "none"
    assert dirs("assessments") == {"school=3199999999", "school=none"}
    assert dirs("scholarships") == {"school=none"}
    table = pq.read_table(root / "students" / "school=3199999999")
    assert table.column("_pos").to_pylist() == [0]
    assert table.column("citizen_id").to_pylist() == [None]
    manifest = json.loads((root / "store.json").read_text(encoding="utf-8"))
    assert (manifest["students"], manifest["assessments"], manifest["scholarships"]) == (3, 2, 1)


def test_without_personal_data_the_store_validates_what_it_holds(
    client: Client, stores: Iterator[Path]
) -> None:
    cid = CitizenId("1101700230708")
    cl = Caseload(
        (
            Student("S-1", citizen_id=cid, name="ด.ช. หนึ่ง", birth_date=D(2010, 3, 14)),
            Student("S-2", citizen_id=cid),
        )
    )
    root = next(stores)
    write_parquet(cl, root, personal=False)
    names = pq.read_schema(next((root / "students").rglob("*.parquet"))).names
    assert not {"name", "citizen_id", "g_code", "birth_date"} & set(names)
    stored = read_parquet(root)
    assert stored == Caseload((Student("S-1"), Student("S-2")))
    assert validate_parquet(root, partition_rows=2) == validate(stored)


def test_a_redacted_store_still_finds_duplicate_identifiers(
    client: Client, stores: Iterator[Path]
) -> None:
    cid = CitizenId("1101700230708")
    cl = Caseload((Student("S-1", citizen_id=cid, name="ด.ช. หนึ่ง"), Student("S-2", citizen_id=cid)))
    root = next(stores)
    write_parquet(redact(cl, key=bytes(range(32))), root, personal=True)
    assert "1101700230708" not in "".join(
        str(pq.read_table(p).to_pylist()) for p in (root / "students").rglob("*.parquet")
    )
    c002 = [(f.code, f.path) for f in validate_parquet(root, select="C002", partition_rows=2)]
    assert c002 == [(f.code, f.path) for f in validate(cl, select="C002")]
    assert c002 == [("C002", "students[1].citizen_id")]


# --- misuse --------------------------------------------------------------------------------------


def test_misuse_raises_with_a_fix(stores: Iterator[Path]) -> None:
    root = next(stores)
    with pytest.raises(InvalidTypeError, match="takes a Caseload"):
        write_parquet([Student("S-1")], root, personal=True)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="path or a URL"):
        write_parquet(Caseload(), 42, personal=True)  # type: ignore[arg-type]
    write_parquet(Caseload(), root, personal=True)
    with pytest.raises(InvalidValueError, match="new or empty directory"):
        write_parquet(Caseload(), root, personal=True)
    with pytest.raises(InvalidValueError, match="validate_parquet\\(\\) select"):
        validate_parquet(root, select="Z9")
    with pytest.raises(InvalidValueError, match="partition_rows"):
        validate_parquet(root, partition_rows=0)
    empty = next(stores)
    empty.mkdir()
    for reader in (read_parquet, validate_parquet):
        with pytest.raises(InvalidValueError, match=r"no store\.json.*write_parquet"):
            reader(empty)


def test_a_damaged_store_is_a_structure_error(stores: Iterator[Path]) -> None:
    root = next(stores)
    write_parquet(
        Caseload((Student("S-1"), Student("S-2", school=OTHER_SCHOOL))), root, personal=True
    )
    for p in (root / "students" / "school=3199999999").iterdir():
        p.unlink()
    with pytest.raises(StructureError, match="not 0 to 1 once each"):
        read_parquet(root)
    manifest = json.loads((root / "store.json").read_text(encoding="utf-8"))
    (root / "store.json").write_text(json.dumps({**manifest, "students": "2"}), encoding="utf-8")
    with pytest.raises(StructureError, match="students: expected a count of rows"):
        read_parquet(root)
    (root / "store.json").write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(InvalidValueError, match="write the store again"):
        validate_parquet(root)
