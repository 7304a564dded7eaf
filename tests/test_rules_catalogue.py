"""The rule catalogue: every rule of the issue with its code and severity, and docs/rules.md."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from dropout_model.findings import Severity
from dropout_model.rules import CatalogueEntry, render_markdown, rule_catalogue

DOCS = Path(__file__).resolve().parents[1] / "docs"
E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Codes and severities as issue 4 lists them (S003: error, with over-age a warning), and the
#: rules added for as_of (future dates), all errors.
ISSUE = {
    "P001": E, "P002": E, "P003": W, "P004": E, "P005": E, "P006": W, "P007": W, "P008": W,
    "R001": E, "R002": E, "R003": E, "R004": W, "R005": W, "R006": N, "R007": W,
    "S001": E, "S002": W, "S003": E, "S004": E, "S005": E, "S006": W, "S007": W,
    "S008": N, "S009": W, "S010": W,
    "A001": E, "A002": E, "A003": W,
    "F001": W, "F002": E, "F003": E, "F004": W, "F005": E, "F006": W,
    "C001": E, "C002": E, "C003": N,
}  # fmt: skip
AS_OF_RULES = {"R008": E, "S011": E, "A004": E, "F007": E}
#: The printout reader's codes, as issue 5 lists them.
EXTRACTION = {"X001": E, "X002": W, "X003": N, "X004": N}


def test_codes_and_severities_are_those_of_the_issue() -> None:
    got = {e.code: e.severity for e in rule_catalogue()}
    assert got == {**ISSUE, **AS_OF_RULES, **EXTRACTION}


def test_catalogue_order_and_uniqueness() -> None:
    codes = [e.code for e in rule_catalogue()]
    assert len(codes) == len(set(codes))
    families = "".join(dict.fromkeys(c[0] for c in codes))
    assert families == "PRSAFCX"
    for prefix in families:
        mine = [c for c in codes if c[0] == prefix]
        assert mine == sorted(mine)


@pytest.mark.parametrize("entry", rule_catalogue(), ids=lambda e: e.code)
def test_every_entry_is_documented(entry: CatalogueEntry) -> None:
    assert re.fullmatch(r"[PRSAFCX][0-9]{3}", entry.code)
    for text in (entry.title_en, entry.checks, entry.why, entry.fix, entry.applies_to):
        assert text.strip()
        assert text == text.strip()
    assert re.search("[\u0e00-\u0e7f]", entry.title_th)
    assert entry.title_en[0].isupper()
    # The "why" names a source: an act, a standard, a system or the sample printout.
    assert re.search(
        r"Act|IATI|EEF|OBEC|Ed-Fi|BMA|sample|MOE|policy|frictionless|UNICEF|earned|DESIGN|สยป|"
        r"Ministry|one record|period|Programme",
        entry.why,
    ), entry.why
    if entry.code in AS_OF_RULES:
        assert entry.needs == "as_of"


def test_severity_text_shows_the_lesser_severity() -> None:
    (s003,) = [e for e in rule_catalogue() if e.code == "S003"]
    assert s003.severity_text == "error (warning for over-age)"
    assert rule_catalogue()[0].severity_text == "error"


def test_docs_page_is_generated_from_the_catalogue() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert page == render_markdown(), (
        "docs/rules.md is stale: run python docs/_ext/rule_catalogue.py"
    )
    for e in rule_catalogue():
        assert f"(rule-{e.code.lower()})=\n### {e.code}: {e.title_en}\n" in page
        assert e.title_th in page


def test_the_docs_extension_writes_the_page(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "rule_catalogue", DOCS / "_ext" / "rule_catalogue.py"
    )
    assert spec is not None
    assert spec.loader is not None
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    page = tmp_path / "rules.md"
    assert ext.write(page, check=True) is True
    assert not page.exists()
    assert ext.write(page) is True
    assert page.read_text(encoding="utf-8") == render_markdown()
    assert ext.write(page) is False

    class App:
        srcdir = str(tmp_path)

        def __init__(self) -> None:
            self.hooks: list[str] = []

        def connect(self, event: str, handler: object) -> None:
            self.hooks.append(event)

    app = App()
    assert ext.setup(app)["parallel_read_safe"] is True
    assert app.hooks == ["builder-inited"]


def test_the_reader_reports_only_catalogued_x_codes() -> None:
    from dropout_model.printout import parse_printout, sample_text  # noqa: PLC0415

    found = {f.code for f in parse_printout(sample_text()).findings}
    assert found <= set(EXTRACTION)
    assert found >= {"X002", "X004"}
