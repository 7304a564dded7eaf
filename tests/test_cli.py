"""The `check` and `convert` commands, run as a user would: in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dropout_model import from_json
from dropout_model.cli import main
from dropout_model.printout import read_printout, sample_path
from dropout_model.project import Project

DATA = Path(__file__).parent / "data" / "printouts"
CLEAN = DATA / "ladkrabang-tabs-cp874.txt"  # reads with warnings and infos only


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dropout_model", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_check_without_path_reads_the_bundled_sample_and_finds_errors() -> None:
    out = run("check")
    assert out.returncode == 1, out.stderr
    assert "50490000-3632" in out.stdout
    assert "copy 1 of 2" in out.stdout
    assert "copy 2 of 2" in out.stdout
    for code in ("P002", "P003", "P006", "R004", "X002", "X004"):
        assert code in out.stdout, code
    assert out.stdout.rstrip().splitlines()[-1].startswith("2 copies in 1 file:")
    assert out.stderr == ""


def test_check_exits_0_when_no_error(tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "clean.txt")
    out = run("check", str(tmp_path / "clean.txt"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "errors (" not in out.stdout


def test_ignoring_the_error_codes_turns_the_exit_status_to_0() -> None:
    assert run("check", "--ignore", "P002,X001").returncode == 0
    assert run("check", "--select", "P002").returncode == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("check", "no/such/file.txt"), "no/such/file.txt"),
        (("check", "--as-of", "not a date"), "cannot read"),
        (("check", "--format", "yaml"), "invalid choice"),
        (("check", str(DATA), "--encoding", "klingon"), "unknown encoding"),
        (("convert", "no/such/file.txt"), "no/such/file.txt"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_unreadable_input_or_bad_usage_exits_2_with_one_line(
    args: tuple[str, ...], words: str
) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert words in out.stderr
    assert out.stdout == "" or "usage" not in out.stdout


def test_text_that_is_no_printout_exits_2_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("สวัสดีครับ\nนี่ไม่ใช่รายงาน\n", encoding="utf-8")
    out = run("check", str(bad))
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "notes.txt" in out.stderr


def test_folder_of_printouts_is_read_in_order() -> None:
    out = run("check", str(DATA))
    assert out.returncode == 1
    names = [line for line in out.stdout.splitlines() if line.startswith(str(DATA))]
    assert names == sorted(names)
    assert len(names) == len(list(DATA.glob("*.txt")))


def test_json_report_is_json_with_every_copy() -> None:
    out = run("check", "--format", "json", "--lang", "th")
    doc = json.loads(out.stdout)
    (only,) = doc["files"]
    assert [c["summary"]["code"] for c in only["copies"]] == ["50490000-3632"] * 2
    codes = {f["code"] for c in only["copies"] for f in c["findings"]}
    assert {"P002", "P003", "P006", "R004", "X002", "X004"} <= codes
    assert only["copies"][0]["summary"]["start"] == "2022-10-01"
    assert only["copies"][0]["summary"]["fiscal_year"] == 2566


def test_thai_output() -> None:
    out = run("check", "--lang", "th")
    assert "ฉบับที่ 1 จาก 2" in out.stdout
    assert "ข้อผิดพลาด" in out.stdout
    assert "วันสิ้นสุดโครงการ" in out.stdout


def test_convert_prints_the_copies_in_the_converter_format() -> None:
    out = run("convert", str(Path(str(sample_path()))))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    copies = [from_json(json.dumps(c), Project) for c in doc["copies"]]
    assert tuple(copies) == read_printout(sample_path()).copies
    assert {f["code"] for f in doc["findings"]} >= {"X002", "X004"}


def test_main_in_process_returns_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "P006"]) == 0
    assert "P006" in capsys.readouterr().out
    assert main(["--version"]) == 0


def test_empty_code_list_is_bad_usage() -> None:
    out = run("check", "--select", "")
    assert out.returncode == 2
    assert "P002,R" in out.stderr


def test_nothing_read_prints_no_summary() -> None:
    out = run("check", "no/such/file.txt")
    assert out.returncode == 2
    assert out.stdout == ""


def test_progress_line_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["check", str(DATA), "--ignore", "X,P,R"]) == 0
    err = capsys.readouterr().err
    assert f"4/{len(list(DATA.glob('*.txt')))}" in err
