"""Tests of dropout_model.redaction: what goes, what stays, and keyed pseudonyms that still join."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import dropout_model as dm
import dropout_model.strategies as ds
from dropout_model.convert import from_json, to_json
from dropout_model.errors import InvalidTypeError, InvalidValueError
from dropout_model.ids import CitizenId, GCode, citizen_id_check_digit
from dropout_model.redaction import MIN_KEY_BYTES, pseudonym, redact

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
CID = "1101700230708"


def a_student(**changes: Any) -> dm.Student:
    school = dm.School("โรงเรียนวัดทุ่งครุ", dm.SchoolCode("3100100101"), "ทุ่งครุ")
    base = dm.Student(
        "BKK-0001",
        citizen_id=CitizenId(CID),
        name="ด.ญ. กานดา ใจดี",
        birth_date=dt.date(2010, 3, 14),
        sex=dm.Sex.FEMALE,
        school=school,
        grade=dm.GradeLevel.M1,
        status=dm.EnrollmentStatus.DROPPED_OUT,
        enrollments=(
            dm.Enrollment(
                school,
                dt.date(2023, 5, 16),
                grade=dm.GradeLevel.M1,
                exit_date=dt.date(2023, 11, 30),
                exit_reason=dm.ExitReason.DROPOUT,
            ),
        ),
        follow_ups=(
            dm.FollowUp(dt.date(2023, 12, 12), dm.FollowUpMethod.HOME_VISIT, "แม่ชื่อสมศรี ป่วย"),
        ),
    )
    return attrs.evolve(base, **changes)


# --- what changes ------------------------------------------------------------------------------


def test_a_student_without_a_key_loses_name_ids_and_the_day_of_birth() -> None:
    s = a_student(g_code=GCode("G664200000001"))
    r = redact(s)
    assert r.name == ""
    assert r.citizen_id is None
    assert r.g_code is None
    assert r.birth_date == dt.date(2010, 7, 1)
    assert r.follow_ups[0].outcome == ""
    # and keeps everything else
    assert r.key == s.key
    assert r.sex is s.sex
    assert r.grade is s.grade
    assert r.status is s.status
    assert r.school is s.school
    assert r.enrollments is s.enrollments
    assert r.follow_ups[0].date == s.follow_ups[0].date
    assert r.follow_ups[0].method is s.follow_ups[0].method


def test_a_student_with_a_key_gets_pseudonyms() -> None:
    s = a_student(g_code=GCode("G664200000001"))
    r = redact(s, key=KEY)
    assert r.citizen_id is not None
    assert r.g_code is not None
    assert r.citizen_id.reveal() != CID
    assert r.citizen_id.reveal()[0] == "9"
    assert r.citizen_id.is_valid
    assert r.g_code.province == "00"
    assert r.g_code.reveal() != "G664200000001"
    assert r.name == ""


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (dt.date(2010, 3, 14), dt.date(2010, 7, 1)),
        (dt.date(2010, 12, 31), dt.date(2010, 7, 1)),
        (dt.date(2012, 2, 29), dt.date(2012, 7, 1)),
        (dt.date(2010, 7, 1), dt.date(2010, 7, 1)),
        (None, None),
    ],
)
def test_birth_dates_are_coarsened_to_the_first_of_july(
    birth: dt.date | None, expected: dt.date | None
) -> None:
    assert redact(a_student(birth_date=birth)).birth_date == expected
    assert redact(a_student(birth_date=birth), keep_birth_date=True).birth_date == birth


def test_project_contacts_are_blanked_and_the_rest_kept() -> None:
    p = dm.Project(
        "50490000-3632",
        "ดูแลนักเรียนที่หลุดจากระบบการศึกษา",
        responsible="นายสมชาย ใจดี",
        coordinator="นางสาวสมหญิง รักงาน",
        rationale="หลักการ",
        budget_allocated=Decimal("1000.00"),
    )
    r = redact(p)
    assert (r.responsible, r.coordinator) == ("", "")
    assert attrs.evolve(r, responsible=p.responsible, coordinator=p.coordinator) == p


@pytest.mark.parametrize(
    "x",
    [
        dm.School("โรงเรียน", dm.SchoolCode("3100100101")),
        dm.Student("S-1"),
        dm.Student("S-1", birth_date=dt.date(2010, 7, 1)),
        dm.RiskAssessment("A-1", "S-1", dt.date(2023, 6, 1), income_per_person=Decimal(900)),
        dm.Scholarship(
            "F-1",
            "S-1",
            dm.ScholarshipKind.EEF_EQUITY,
            dm.Funder.EEF,
            Decimal(3000),
            dm.thaidate.AcademicYear(2566),
        ),
        dm.Project("50490000-3632", "x"),
        dm.Caseload(),
        dm.Caseload(assessments=(dm.RiskAssessment("A-1", "S-1", dt.date(2023, 6, 1)),)),
        (dm.Student("S-1"), dm.School("x")),
        "text",
        42,
        None,
    ],
    ids=repr,
)
def test_objects_without_personal_data_come_back_unchanged(x: object) -> None:
    assert redact(x) is x
    assert redact(x, key=KEY) is x


def test_a_caseload_is_redacted_throughout_and_its_lookups_still_work() -> None:
    s1 = a_student()
    s2 = a_student(key="BKK-0002", citizen_id=None, g_code=GCode("G664200000002"))
    assessment = dm.RiskAssessment("A-1", "BKK-0002", dt.date(2023, 6, 1))
    project = dm.Project("50490000-3632", "x", coordinator="นางสาวสมหญิง")
    cl = dm.Caseload(students=(s1, s2), assessments=(assessment,), project=project)
    r = redact(cl, key=KEY)
    assert [s.name for s in r.students] == ["", ""]
    assert r.assessments is cl.assessments
    assert r.project is not None
    assert r.project.coordinator == ""
    found = r.student("BKK-0002")
    assert found is not None
    assert found.g_code == pseudonym(GCode("G664200000002"), KEY)
    assert r.assessments_of("BKK-0002") == (assessment,)


def test_containers_keep_their_kind() -> None:
    s = a_student()
    as_list = redact([s, s])
    assert isinstance(as_list, list)
    assert [x.name for x in as_list] == ["", ""]
    as_tuple = redact((s,))
    assert isinstance(as_tuple, tuple)
    as_dict = redact({"a": s})
    assert as_dict["a"].name == ""


def test_a_bare_identifier() -> None:
    assert redact(CitizenId(CID), key=KEY) == pseudonym(CitizenId(CID), KEY)
    with pytest.raises(InvalidValueError, match="bare CitizenId needs a key"):
        redact(CitizenId(CID))
    with pytest.raises(InvalidValueError, match="bare GCode needs a key"):
        redact(GCode("G664200000001"))


# --- keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "error", "message"),
    [
        ("secret-secret-secret", InvalidTypeError, "redact key must be bytes, not str"),
        (bytearray(32), InvalidTypeError, "redact key must be bytes, not bytearray"),
        (b"", InvalidValueError, "at least 16 bytes, got 0"),
        (b"short", InvalidValueError, "at least 16 bytes, got 5"),
        (bytes(15), InvalidValueError, "at least 16 bytes, got 15"),
    ],
)
def test_bad_keys_are_refused(key: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        redact(a_student(), key=key)  # type: ignore[arg-type]


def test_the_shortest_key() -> None:
    assert MIN_KEY_BYTES == 16
    assert redact(a_student(), key=bytes(16)).citizen_id is not None


@pytest.mark.parametrize(
    "value", [CID, "G664200000001", None, 1101700230708], ids=["str", "g-str", "none", "int"]
)
def test_pseudonym_takes_only_identifiers(value: object) -> None:
    with pytest.raises(InvalidTypeError, match="takes a CitizenId or a GCode"):
        pseudonym(value, KEY)  # type: ignore[call-overload]


def test_pseudonym_needs_a_key() -> None:
    with pytest.raises(InvalidTypeError, match="needs a key"):
        pseudonym(CitizenId(CID), None)  # type: ignore[call-overload]


# --- the pseudonyms ------------------------------------------------------------------------------


def _spec_citizen_id(raw: str, key: bytes) -> str:
    """The documented construction, written out independently of the module."""
    mac = hmac.new(key, b"dropout_model/redact/citizen_id\x00" + raw.encode(), hashlib.sha256)
    body = "9" + f"{int.from_bytes(mac.digest(), 'big') % 10**11:011d}"
    total = sum(int(d) * (13 - i) for i, d in enumerate(body))
    return body + str((11 - total % 11) % 10)


def _spec_g_code(raw: str, key: bytes) -> str:
    mac = hmac.new(key, b"dropout_model/redact/g_code\x00" + raw.encode(), hashlib.sha256)
    d = f"{int.from_bytes(mac.digest(), 'big') % 10**10:010d}"
    return f"G{d[:2]}00{d[2:]}"


@given(cid=ds.citizen_ids(valid=False), key=st.binary(min_size=16, max_size=64))
def test_citizen_id_pseudonyms_follow_the_documented_construction(
    cid: CitizenId, key: bytes
) -> None:
    p = pseudonym(cid, key)
    assert p.reveal() == _spec_citizen_id(cid.reveal(), key)
    assert p.person_type == 9  # no real person type
    assert p.is_valid
    assert citizen_id_check_digit(p.reveal()[:12]) == int(p.reveal()[12])
    assert pseudonym(cid, key) == p  # same input, same key: same pseudonym


@given(g=ds.g_codes(), key=st.binary(min_size=16, max_size=64))
def test_g_code_pseudonyms_follow_the_documented_construction(g: GCode, key: bytes) -> None:
    p = pseudonym(g, key)
    assert p.reveal() == _spec_g_code(g.reveal(), key)
    assert p.province == "00"  # no real province
    assert pseudonym(g, key) == p


@given(a=ds.citizen_ids(), b=ds.citizen_ids())
def test_different_ids_get_different_pseudonyms(a: CitizenId, b: CitizenId) -> None:
    assume(a != b)
    assert pseudonym(a, KEY) != pseudonym(b, KEY)


@given(cid=ds.citizen_ids())
def test_a_different_key_gives_a_different_pseudonym(cid: CitizenId) -> None:
    assert pseudonym(cid, KEY) != pseudonym(cid, OTHER_KEY)


def test_pinned_pseudonyms() -> None:
    """Other tools that redact with the same key must find the same values.

    Computed with OpenSSL, not with this library::

        (printf 'dropout_model/redact/citizen_id\\0'; printf 1101700230708) |
            openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f

    then the digest as a number modulo 10¹¹ (73830518007), after a 9, and the check digit.
    """
    assert pseudonym(CitizenId(CID), KEY).reveal() == "9738305180074"
    assert pseudonym(GCode("G664200000001"), KEY).reveal() == "G940009416642"


# --- properties over generated data --------------------------------------------------------------


@settings(max_examples=40)
@given(student=ds.students(), with_key=st.booleans())
def test_no_personal_data_survives_in_the_shared_json(student: dm.Student, with_key: bool) -> None:
    r = redact(student, key=KEY if with_key else None)
    text = to_json(r)
    if student.citizen_id is not None:
        assert student.citizen_id.reveal() not in text
    if student.g_code is not None:
        assert student.g_code.reveal() not in text
    assert r.name == ""
    assert all(f.outcome == "" for f in r.follow_ups)
    if student.birth_date is not None:
        assert r.birth_date == dt.date(student.birth_date.year, 7, 1)
    # what is not personal is kept
    assert (
        attrs.evolve(
            r,
            name=student.name,
            citizen_id=student.citizen_id,
            g_code=student.g_code,
            birth_date=student.birth_date,
            follow_ups=student.follow_ups,
        )
        == student
    )
    # and the redacted copy is ordinary data: it round trips
    assert from_json(text, dm.Student) == r


@settings(max_examples=20)
@given(cl=ds.caseloads(max_students=5, with_project=None))
def test_redacted_caseloads_still_join_across_files(cl: dm.Caseload) -> None:
    """Two files redacted with one key join on the pseudonyms, as the originals did."""
    a, b = redact(cl, key=KEY), redact(cl.students, key=KEY)
    assert [s.citizen_id for s in a.students] == [s.citizen_id for s in b]
    assert [s.g_code for s in a.students] == [s.g_code for s in b]
    ids = [s.citizen_id for s in cl.students if s.citizen_id is not None]
    assert len({pseudonym(i, KEY) for i in ids}) == len(set(ids))
    assert [s.key for s in a.students] == [s.key for s in cl.students]
    assert a.scholarships is cl.scholarships


@settings(max_examples=20)
@given(cl=ds.caseloads(max_students=4, with_project=None))
def test_redaction_without_a_key_is_idempotent(cl: dm.Caseload) -> None:
    once = redact(cl)
    assert redact(once) is once
