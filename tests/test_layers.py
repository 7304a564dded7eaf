"""The house has five floors (DESIGN §1): imports only point down. Checked from the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dropout_model as dm

PKG = Path(__file__).resolve().parents[1] / "src" / "dropout_model"

FLOOR_1 = {"errors", "_html", "thaitext", "ids", "findings"}
FLOOR_2 = {"thaidate"}
FLOOR_3 = {"_model", "project", "student", "risk", "scholarship", "caseload"}
FLOOR_4 = {"rules", "printout", "convert", "redaction", "strategies"}
# Floor 5: the shell and the integrations with other tools (optional extras).
FLOOR_5 = {"cli", "__main__", "frames", "plot", "dask"}
# The only imports between floor-5 modules.
SIDEWAYS_5 = {("__main__", "cli"), ("dask", "frames")}


def floor_of(top: str) -> int:
    for n, names in enumerate((FLOOR_1, FLOOR_2, FLOOR_3, FLOOR_4, FLOOR_5), start=1):
        if top in names:
            return n
    msg = f"module dropout_model.{top} is on no floor: add it to DESIGN §1 and to this test"
    raise AssertionError(msg)


def modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if p.name != "__init__.py" or p.parent != PKG)


def top_name(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0].removesuffix(".py")


def imported(path: Path) -> set[str]:
    """Top-level package modules and third-party roots imported by ``path`` (any depth)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "dropout_model":
                names.update(f"dropout_model.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


def package_imports(path: Path) -> set[str]:
    return {n.split(".")[1] for n in imported(path) if n.startswith("dropout_model.") and "." in n}


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_imports_point_down(path: Path) -> None:
    me = top_name(path)
    mine = floor_of(me)
    for other in package_imports(path) - {me}:
        theirs = floor_of(other)
        if mine == 1:
            assert other in {"errors", "_html"}, (
                f"{me} (floor 1) imports {other}: floor 1 imports only errors and _html"
            )
        elif mine == 4 and theirs == 4:
            assert (me, other) == ("strategies", "rules"), (
                f"{me} imports {other}: floor-4 modules stand side by side"
            )
        elif mine == 5 and theirs == 5:
            assert (me, other) in SIDEWAYS_5, f"{me} imports {other}: floor 5 stands side by side"
        else:
            assert theirs < mine or mine == theirs == 3, f"{me} (floor {mine}) imports {other}"
        assert other != "cli" or me == "__main__", f"{me} imports the CLI"


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if floor_of(top_name(p)) <= 3],
    ids=lambda p: str(p.relative_to(PKG)),
)
def test_model_and_below_import_no_serialiser_or_hypothesis(path: Path) -> None:
    roots = {n.split(".")[0] for n in imported(path)}
    assert not roots & {"cattrs", "hypothesis", "msgspec", "pydantic"}


HEAVY = ("hypothesis", "pytest", "pandas", "polars", "pyarrow", "matplotlib", "dask", "numpy")


@pytest.mark.parametrize("module", ["dropout_model", "dropout_model.frames"])
def test_plain_import_does_not_import_hypothesis_or_the_extras(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_public_names_are_sorted_and_importable() -> None:
    assert list(dm.__all__) == sorted(dm.__all__)
    for name in dm.__all__:
        assert hasattr(dm, name), name


def test_lazy_names_stay_functions_after_every_module_is_imported() -> None:
    """A package attribute named like a submodule is rebound to the module when it is imported."""
    code = (
        "import importlib, pkgutil, types, dropout_model as dm\n"
        "for m in pkgutil.iter_modules(dm.__path__):\n"
        "    if not m.name.startswith('__'):\n"
        "        importlib.import_module('dropout_model.' + m.name)\n"
        "bad = [n for n in dm._LAZY if isinstance(getattr(dm, n), types.ModuleType)]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
