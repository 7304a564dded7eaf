"""Tests for the ``date`` command of the command line (dropout_model.cli)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dropout_model.cli import build_parser, main

BIN = Path(sys.executable).parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, str], str]:
    code = main(["date", *argv])
    out, err = capsys.readouterr()
    lines = {}
    for line in out.splitlines():
        label, _, value = line.partition("  ")
        lines[label.strip()] = value.strip()
    return code, lines, err


@pytest.mark.parametrize(
    "argv",
    [
        ("31/01/2566",),
        ("31", "ม.ค.", "66"),
        ("31 มกราคม พ.ศ. 2566",),
        ("วันที่", "31", "มกราคม", "พ.ศ.", "2566"),
        ("๓๑/๐๑/๒๕๖๖",),
        ("2023-01-31",),
        ("31", "January", "2023"),
    ],
)
def test_date_prints_every_form(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, lines, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert lines == {
        "CE": "2023-01-31 (Tuesday, วันอังคาร)",
        "BE": "31/01/2566",
        "BE short": "31 ม.ค. 66",
        "BE long": "31 มกราคม 2566",
        "BE long, era": "31 มกราคม พ.ศ. 2566",
        "BE Thai digits": "๓๑ มกราคม พ.ศ. ๒๕๖๖",
        "fiscal year": "FY 2566 (ปีงบประมาณ พ.ศ. 2566), Q2",
        "academic year": "AY 2565 (ปีการศึกษา 2565)",
        "term": "2/2565 (ภาคเรียนที่ 2/2565)",
    }


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("20/10/2566",), {"term": "break", "fiscal year": "FY 2567 (ปีงบประมาณ พ.ศ. 2567), Q1"}),
        (
            ("16/05/2566",),
            {"term": "1/2566 (ภาคเรียนที่ 1/2566)", "academic year": "AY 2566 (ปีการศึกษา 2566)"},
        ),
        (("31/01/2566", "--era", "ce"), {"CE": "2566-01-31 (Friday, วันศุกร์)"}),
        (("31/01/2023", "--era", "be"), {"BE": "31/01/2023"}),
        (("31/01/2023",), {"BE": "31/01/2566"}),
        (("31/01/42",), {"BE": "31/01/2542"}),
        (("31/01/42", "--pivot", "2543"), {"BE": "31/01/2642"}),
        (("15/01/2482", "--historical"), {"CE": "1940-01-15 (Monday, วันจันทร์)", "BE": "15/01/2482"}),
        (("15/01/2482",), {"CE": "1939-01-15 (Sunday, วันอาทิตย์)"}),
        (("1/1/2444",), {"Rattanakosin era": "ร.ศ. 119"}),
    ],
)
def test_date_options(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected: dict[str, str]
) -> None:
    code, lines, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    for label, value in expected.items():
        assert lines[label] == value


def test_historical_reckoning_is_announced(capsys: pytest.CaptureFixture[str]) -> None:
    _, lines, _ = run(capsys, "15/01/2482", "--historical")
    assert "reckoning" in lines
    _, lines, _ = run(capsys, "15/01/2482")
    assert "reckoning" not in lines
    assert "Rattanakosin era" not in lines


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("hello",), "cannot read 'hello' as a date"),
        (("29/02/2566",), "February of BE 2566 (CE 2023) has 28 days"),
        (("15/01/2483", "--historical"), "BE 2483 ran from 1 April to 31 December 1940"),
        (("31/01/66", "--pivot", "-5"), "pivot must be"),
        (("31/13/2566",), "month 13 is not 1–12"),
    ],
)
def test_unreadable_text_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], fragment: str
) -> None:
    code, lines, err = run(capsys, *argv)
    assert code == 2
    assert lines == {}
    assert err.startswith("dropout-model date: error: ")
    assert fragment in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["date"],
        ["date", "31/01/2566", "--era", "xx"],
        ["date", "31/01/2566", "--pivot", "x"],
        ["nosuchcommand"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["date", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--era", "--historical", "--pivot"):
        assert option in out
    assert main(["--help"]) == 0
    assert "date" in capsys.readouterr().out


def test_parser_has_room_for_more_commands() -> None:
    parser = build_parser()
    args = parser.parse_args(["date", "31/01/2566"])
    assert args.command == "date"
    assert callable(args.handler)


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dropout_model", "date", "31", "ม.ค.", "66"],
        capture_output=True,
        check=False,
        cwd=tmp_path,
        env={"PYTHONIOENCODING": "utf-8", "PATH": ""},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "31 มกราคม พ.ศ. 2566" in result.stdout.decode("utf-8")


def test_console_script_exit_codes(tmp_path: Path) -> None:
    script = BIN / "dropout-model"
    if not script.exists():
        pytest.skip("the dropout-model console script is not installed next to this Python")
    ok = subprocess.run(
        [str(script), "date", "2022-10-01 00:00:00"], capture_output=True, check=False, cwd=tmp_path
    )
    assert ok.returncode == 0
    assert "FY 2566" in ok.stdout.decode("utf-8")
    bad = subprocess.run(
        [str(script), "date", "31/02/2566"], capture_output=True, check=False, cwd=tmp_path
    )
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert bad.stderr.decode("utf-8").count("\n") == 1
