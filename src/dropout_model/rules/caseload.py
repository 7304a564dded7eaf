"""Cross-record rules on a caseload (C): references, duplicates, progress against the target.

Each rule makes one pass with dictionaries (linear time, DESIGN §2.7). Their
findings carry a ``subject``: the student key, or the project code for C003.
Citizen IDs and G-codes are compared, never shown.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from dropout_model.findings import Severity
from dropout_model.rules._core import Rule, Target, rule
from dropout_model.scholarship import ScholarshipStatus

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from dropout_model.caseload import Caseload
    from dropout_model.findings import Finding
    from dropout_model.risk import RiskAssessment
    from dropout_model.rules._core import Env
    from dropout_model.scholarship import Scholarship

__all__ = ["CASELOAD_RULES"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@rule(
    "C001",
    ERROR,
    Target.CASELOAD,
    title_en="Record refers to an unknown student",
    title_th="ข้อมูลอ้างถึงนักเรียนที่ไม่มีในทะเบียน",
    checks="Every assessment and scholarship names a student key of the caseload, and a "
    "scholarship's assessment key names an assessment of that same student.",
    why="Referential integrity (frictionless foreign-key error): a record about an unknown "
    "student cannot be checked or counted.",
    fix="Add the student, or correct the key.",
    needs="a caseload",
)
def c001(r: Rule, cl: Caseload, env: Env) -> Iterator[Finding]:
    owner: dict[str, str] = {}
    for i, a in enumerate(cl.assessments):
        owner.setdefault(a.key, a.student_key)
        if cl.student(a.student_key) is None:
            yield _unknown(r, f"assessments[{i}].student_key", "assessment", a.student_key)
    for i, sch in enumerate(cl.scholarships):
        if cl.student(sch.student_key) is None:
            yield _unknown(r, f"scholarships[{i}].student_key", "scholarship", sch.student_key)
        key = sch.assessment_key
        if key is not None and owner.get(key) != sch.student_key:
            whose = "is unknown" if key not in owner else "belongs to another student"
            whose_th = "ไม่มีในข้อมูล" if key not in owner else "เป็นของนักเรียนคนอื่น"
            yield r.finding(
                f"scholarships[{i}].assessment_key",
                f"the assessment key {key!r} of scholarship {sch.key!r} {whose}; correct the key",
                f"รหัสผลการคัดกรอง {key!r} ของทุน {sch.key!r} {whose_th} กรุณาแก้ไขรหัส",
                observed=key,
                expected="an assessment of the same student",
                subject=sch.student_key,
            )


def _unknown(r: Rule, path: str, what: str, key: str) -> Finding:
    what_th = "ผลการคัดกรอง" if what == "assessment" else "ทุน"
    return r.finding(
        path,
        f"the {what} refers to student key {key!r}, which is not in the caseload; add the "
        "student or correct the key",
        f"{what_th}อ้างถึงรหัสนักเรียน {key!r} ซึ่งไม่มีในทะเบียน กรุณาเพิ่มนักเรียนหรือแก้ไขรหัส",
        observed=key,
        expected="a student key of the caseload",
        subject=key,
    )


@rule(
    "C002",
    ERROR,
    Target.CASELOAD,
    title_en="Duplicate student, identifier or key",
    title_th="นักเรียน เลขประจำตัว หรือรหัสซ้ำ",
    checks="No two students share a key, a citizen ID or a G-code, and no two assessments or "
    "scholarships share a key.",
    why="One person, one record (frictionless primary-key and unique errors; IATI rule 1.1.2 "
    "unique identifiers); a duplicate counts a student twice and can pay twice.",
    fix="Merge the duplicate records, or correct the key or identifier.",
    needs="a caseload",
)
def c002(r: Rule, cl: Caseload, env: Env) -> Iterator[Finding]:
    keys: dict[str, int] = {}
    ids: dict[str, int] = {}
    gcodes: dict[str, int] = {}
    for i, s in enumerate(cl.students):
        j = keys.setdefault(s.key, i)
        if j != i:
            yield _dup(r, f"students[{i}].key", "student key", f"students[{j}]", s.key)
        if s.citizen_id is not None:
            j = ids.setdefault(s.citizen_id.reveal(), i)
            if j != i:
                yield _dup(r, f"students[{i}].citizen_id", "citizen ID", f"students[{j}]", s.key)
        if s.g_code is not None:
            j = gcodes.setdefault(s.g_code.reveal(), i)
            if j != i:
                yield _dup(r, f"students[{i}].g_code", "G-code", f"students[{j}]", s.key)
    records: tuple[tuple[str, Sequence[RiskAssessment | Scholarship]], ...] = (
        ("assessment", cl.assessments),
        ("scholarship", cl.scholarships),
    )
    for name, items in records:
        seen: dict[str, int] = {}
        for i, x in enumerate(items):
            j = seen.setdefault(x.key, i)
            if j != i:
                yield _dup(r, f"{name}s[{i}].key", f"{name} key", f"{name}s[{j}]", x.student_key)


_WHAT_TH = {
    "student key": "รหัสนักเรียน",
    "citizen ID": "เลขประจำตัวประชาชน",
    "G-code": "รหัส G",
    "assessment key": "รหัสผลการคัดกรอง",
    "scholarship key": "รหัสทุน",
}


def _dup(r: Rule, path: str, what: str, first: str, subject: str) -> Finding:
    return r.finding(
        path,
        f"the {what} is the same as that of {first}; merge the records or correct the {what}",
        f"{_WHAT_TH[what]}ซ้ำกับ {first} กรุณารวมข้อมูลหรือแก้ไขให้ถูกต้อง",
        observed=f"same {what} as {first}",
        expected=f"a unique {what}",
        subject=subject,
    )


@rule(
    "C003",
    INFO,
    Target.CASELOAD,
    title_en="Scholarship recipients against the project target",
    title_th="จำนวนผู้รับทุนเทียบกับเป้าหมายโครงการ",
    checks="When the caseload has a project with a target quantity, the number of distinct "
    "students with a scholarship that is not cancelled, as progress towards that target.",
    why="The project's target is 1,000 scholarship recipients (sample printout 1.5); the "
    "dashboard reports progress against it.",
    fix="Nothing to fix: a progress note. Below target late in the year, review the "
    "screening and awards.",
    needs="a caseload with its project",
)
def c003(r: Rule, cl: Caseload, env: Env) -> Iterator[Finding]:
    p = cl.project
    if p is None or p.target is None or p.target.quantity is None:
        return
    target = p.target.quantity
    count = len(
        {s.student_key for s in cl.scholarships if s.status is not ScholarshipStatus.CANCELLED}
    )
    share = (
        f" ({(Decimal(count * 100) / target).quantize(Decimal('0.1'))}%)"
        if target >= 1 and target.adjusted() < 30
        else ""
    )
    unit = p.target.unit or "recipients"
    yield r.finding(
        "scholarships",
        f"{count} scholarship recipients of the target {target} {unit}{share}",
        f"ผู้รับทุน {count} คน จากเป้าหมาย {target} {p.target.unit or 'คน'}{share}",
        observed=count,
        expected=target,
        subject=p.code,
    )


CASELOAD_RULES: tuple[Rule, ...] = (c001, c002, c003)
