"""Finding and Findings: ordering, grouping, selection, JSON form."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dropout_model.findings import Finding, Findings, Severity, matches_code


def make(code: str, severity: Severity, **kw: object) -> Finding:
    return Finding(code, severity, "x", f"{code} message", f"{code} ข้อความ", **kw)  # type: ignore[arg-type]


findings_st = st.lists(
    st.builds(
        make,
        st.sampled_from(["P001", "P002", "R004", "S001", "X002"]),
        st.sampled_from(list(Severity)),
    ),
    max_size=12,
).map(Findings)


def test_severity_order() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert max(Severity) is Severity.ERROR
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert Severity.ERROR.label_th == "ข้อผิดพลาด"


@given(findings_st)
def test_partitions_add_up(fs: Findings) -> None:
    assert len(fs.errors) + len(fs.warnings) + len(fs.infos) == len(fs)
    assert fs.ok == (len(fs.errors) == 0)
    assert sum(len(g) for g in fs.by_code().values()) == len(fs)
    assert list(fs.by_code()) == sorted(fs.codes)
    groups = fs.by_severity()
    assert list(groups) == sorted(groups, reverse=True)
    assert all(all(f.severity is s for f in g) for s, g in groups.items())


@given(findings_st, st.lists(st.sampled_from(["P", "R", "S001", "X", "P00"]), max_size=3))
def test_select_and_ignore_are_complements(fs: Findings, selectors: list[str]) -> None:
    kept = fs.filter(select=selectors)
    dropped = fs.filter(ignore=selectors)
    assert len(kept) + len(dropped) == len(fs)
    assert all(matches_code(f.code, selectors) for f in kept)


def test_summary_words() -> None:
    fs = Findings([make("P002", Severity.ERROR), make("P003", Severity.WARNING)] * 2)
    assert fs.summary() == "2 errors, 2 warnings"
    assert Findings().summary() == "no findings"
    assert Findings([make("X003", Severity.INFO)]).summary() == "1 info"


def test_findings_is_an_immutable_sequence() -> None:
    a, b = make("P001", Severity.ERROR), make("R004", Severity.WARNING)
    fs = Findings([a, b])
    assert fs[0] is a
    assert fs[1:] == Findings([b])
    assert fs + [a] == Findings([a, b, a])  # noqa: RUF005 - Findings.__add__ is under test
    with pytest.raises(TypeError):
        fs[0] = b  # type: ignore[index]
    assert hash(fs) == hash(Findings([a, b]))


def test_to_dicts_is_json_ready() -> None:
    f = make(
        "R004",
        Severity.WARNING,
        observed=dt.date(2023, 1, 31),
        expected=Decimal("50.00"),
        subject="50490000-3632",
        line=42,
    )
    (d,) = Findings([f]).to_dicts()
    assert json.loads(json.dumps(d)) == d
    assert d["observed"] == "2023-01-31"
    assert d["expected"] == "50.00"
    assert d["severity"] == "warning"
    assert d["line"] == 42


@pytest.mark.parametrize("lang", ["en", "th"])
def test_text_mentions_code_and_message(lang: str) -> None:
    f = make("P002", Severity.ERROR, observed="2022-09-30", line=7)
    out = f.text(lang)  # type: ignore[arg-type]
    assert out.startswith("P002 ")
    assert ("P002 message" if lang == "en" else "P002 ข้อความ") in out
    assert "2022-09-30" in out
    assert "7" in out


def test_filter_takes_one_code_as_a_string() -> None:
    fs = Findings([make("P002", Severity.ERROR), make("P003", Severity.WARNING)])
    assert fs.filter(select="P002") == fs.filter(select=["P002"]) == Findings([fs[0]])
    assert fs.filter(ignore="P002") == Findings([fs[1]])


def test_thai_text_leaves_out_english_phrases_but_keeps_data() -> None:
    f = make("P002", Severity.ERROR, observed=dt.date(2022, 9, 30), expected="on or after x")
    assert "on or after" in f.text("en")
    th = f.text("th")
    assert "on or after" not in th
    assert "2022-09-30" in th
    g = make("R005", Severity.WARNING, observed="เป็นไปตามแผน", expected="ดำเนินการแล้วเสร็จ")
    assert "ดำเนินการแล้วเสร็จ" in g.text("th")
